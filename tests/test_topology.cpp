// Topology files: the presets, a rejected file naming its line, and replacing the running
// topology, by hand, through the admin interface and with a file that cannot start.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <sstream>

#include "builtin_client.h"
#include "engine.h"
#include "presets.h"
#include "test_support.h"
#include "topology_json.h"

using namespace wsl;

namespace {

std::string readPreset(const std::string& name) {
    std::ifstream file(std::string(WEBSTACK_PRESET_DIR) + "/" + name + ".json");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The error of a file that must be rejected.
TopologyError rejection(const std::string& text) {
    auto parsed = parseTopology(text);
    if (const auto* error = std::get_if<TopologyError>(&parsed)) {
        return *error;
    }
    return {"accepted", -1};
}

std::vector<std::string> nodeNames(const Engine& engine) {
    std::vector<std::string> names;
    for (const auto& status : engine.nodes()) {
        names.push_back(status.name);
    }
    return names;
}

EngineOptions optionsFor(Topology topology) {
    auto options = test::testEngineOptions();
    const auto checks = options.topology.healthCheck;
    options.topology = std::move(topology);
    options.topology.healthCheck = checks;
    options.presetDirectory = WEBSTACK_PRESET_DIR;
    return options;
}

// A small valid file; tests break one line of it.
const std::string kValidFile = R"({
  "format": "webstack-lab-topology",
  "name": "Tiny",
  "nodes": [
    {"name": "dns-1", "kind": "dns", "address": "127.0.0.53", "port": 0},
    {"name": "web-1", "kind": "web-server", "address": "127.0.20.1", "port": 0}
  ],
  "links": [
    {"from": "dns-1", "to": "web-1"}
  ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

}  // namespace

class TestTopology : public QObject {
    Q_OBJECT

private slots:
    void presetFilesMatchTheBuiltInStages_data() {
        QTest::addColumn<QString>("name");
        for (const auto* name : {"simple", "distributed", "secured", "scaled"}) {
            QTest::newRow(name) << QString(name);
        }
    }

    void presetFilesMatchTheBuiltInStages() {
        QFETCH(QString, name);
        const auto parsed = parseTopology(readPreset(name.toStdString()));
        if (const auto* error = std::get_if<TopologyError>(&parsed)) {
            QFAIL(error->describe().c_str());
        }
        const auto stage = builtInStage(name.toStdString());
        QVERIFY(stage.has_value());
        QCOMPARE(topologyToJson(std::get<Topology>(parsed)), topologyToJson(*stage));
    }

    void everyPresetStartsAndServesThePage_data() { presetFilesMatchTheBuiltInStages_data(); }

    // Each stage with ports chosen by the OS: the built-in client gets the home page.
    void everyPresetStartsAndServesThePage() {
        QFETCH(QString, name);
        Engine engine(optionsFor(*builtInStage(name.toStdString(), true)));
        engine.start();
        std::promise<ClientResult> result;
        engine.sendRequest({"GET", "/", {}, {}},
                           [&](const ClientResult& r) { result.set_value(r); });
        const auto reply = result.get_future().get();
        QVERIFY2(reply.status == 200, reply.error.c_str());
    }

    void savedFileReadsBackTheSame() {
        auto topology = distributedTopology();
        topology.healthCheck.path = "/health";
        topology.nodes[3].host = "rack-a";
        topology.appCapacity.concurrencyLimit = 8;
        topology.appCapacity.costPerRequest = std::chrono::milliseconds(5);
        const auto text = topologyToJson(topology);
        const auto parsed = parseTopology(text);
        QVERIFY(std::holds_alternative<Topology>(parsed));
        QCOMPARE(topologyToJson(std::get<Topology>(parsed)), text);
        QVERIFY(text.find("\"costMs\": 5") != std::string::npos);
    }

    void validSmallFileIsAccepted() { QCOMPARE(rejection(kValidFile).line, -1); }

    void badFileNamesProblemAndLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        const auto row = [](const char* name, const std::string& text, int line,
                            const char* words) {
            QTest::newRow(name) << QString::fromStdString(text) << line << words;
        };
        row("broken JSON", replaced(kValidFile, "\"Tiny\",", "\"Tiny\""), 4, "not valid JSON");
        row("unknown kind", replaced(kValidFile, "\"web-server\"", "\"webserver\""), 6,
            "unknown kind 'webserver'");
        row("outside loopback", replaced(kValidFile, "127.0.20.1", "10.0.0.5"), 6,
            "not an IPv4 address in 127.0.0.0/8");
        row("duplicate name", replaced(kValidFile, "\"web-1\", \"kind\"", "\"dns-1\", \"kind\""), 6,
            "two nodes are named 'dns-1'");
        row("unknown link end", replaced(kValidFile, "\"to\": \"web-1\"", "\"to\": \"web-9\""), 9,
            "no node is named 'web-9'");
        row("misspelt field",
            replaced(kValidFile, "\"address\": \"127.0.20.1\"", "\"adress\": \"127.0.20.1\""), 6,
            "unknown field 'adress'");
        row("port out of range",
            replaced(kValidFile, "\"127.0.20.1\", \"port\": 0", "\"127.0.20.1\", \"port\": 70000"),
            6, "'port' must be a whole number from 0 to 65535");
    }

    void badFileNamesProblemAndLine() {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, words);
        const auto error = rejection(text.toStdString());
        QVERIFY2(QString::fromStdString(error.message).contains(words), error.message.c_str());
        QCOMPARE(error.line, line);
        QVERIFY(error.describe().starts_with("line " + std::to_string(line) + ": "));
    }

    void replacingTheTopologyRunsTheNewNodes() {
        Engine engine(optionsFor(distributedTopology(true)));
        engine.start();
        const auto before = engine.topologyVersion();
        QCOMPARE(engine.replaceTopology(simpleTopology(true)), std::string{});
        QCOMPARE(engine.topologyVersion(), before + 1);
        QCOMPARE(nodeNames(engine),
                 (std::vector<std::string>{"dns-1", "web-1", "app-1", "db-primary"}));
        // The built-in client now finds the one server through DNS.
        std::promise<ClientResult> result;
        engine.sendRequest({"GET", "/api/messages", {}, {}},
                           [&](const ClientResult& r) { result.set_value(r); });
        const auto reply = result.get_future().get();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.servedBy, std::string("web-1"));
    }

    void runningTopologyKeepsRunTimeSettings() {
        Engine engine(optionsFor(distributedTopology(true)));
        engine.start();
        QCOMPARE(engine.setBalancerSettings({BalanceAlgorithm::LeastConnections, 2}),
                 std::string{});
        QCOMPARE(engine.setBackendWeight("web-2", 5), std::string{});
        auto replication = engine.replication().settings;
        replication.mode = ReplicationSettings::Mode::Synchronous;
        engine.setReplicationSettings(replication);
        AppCapacity capacity;
        capacity.concurrencyLimit = 4;
        capacity.costPerRequest = std::chrono::milliseconds(20);
        QCOMPARE(engine.setAppCapacity(capacity), std::string{});

        // Written and read back as File → Save and Open do.
        const auto saved = parseTopology(topologyToJson(engine.runningTopology()));
        QVERIFY(std::holds_alternative<Topology>(saved));
        const auto& topology = std::get<Topology>(saved);
        QCOMPARE(topology.balancer.algorithm, BalanceAlgorithm::LeastConnections);
        QCOMPARE(topology.balancer.maxTries, 2);
        QCOMPARE(topology.find("web-2")->weight, 5);
        QCOMPARE(topology.find("web-1")->weight, 1);
        QCOMPARE(topology.replication.mode, ReplicationSettings::Mode::Synchronous);
        QCOMPARE(topology.appCapacity.concurrencyLimit, 4);
        QCOMPARE(topology.appCapacity.costPerRequest, std::chrono::milliseconds(20));
        // The topology it started with is unchanged.
        QCOMPARE(engine.topology().balancer.algorithm, BalanceAlgorithm::RoundRobin);
    }

    // A second copy of the app moved every port up. A new stage keeps that offset, so that
    // scripts and browsers still find its services.
    void replacedTopologyKeepsItsPortOffset() {
        const int holder = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in dns{};
        dns.sin_family = AF_INET;
        dns.sin_port = htons(5353);
        ::inet_pton(AF_INET, "127.0.0.53", &dns.sin_addr);
        ::bind(holder, reinterpret_cast<sockaddr*>(&dns), sizeof dns);  // busy already is fine

        auto options = optionsFor(distributedTopology());
        options.topology.healthCheck = test::testEngineOptions().topology.healthCheck;
        Engine engine(options);
        engine.start();
        const int offset = engine.node("dns-1")->port - 5353;
        QVERIFY(offset > 0);
        ::close(holder);

        QCOMPARE(engine.replaceTopology(simpleTopology()), std::string{});
        QCOMPARE(engine.node("dns-1")->port - 5353, offset);
        QCOMPARE(engine.node("web-1")->port - 8080, offset);
    }

    void topologyThatCannotStartLeavesThePreviousOneRunning() {
        Engine engine(optionsFor(distributedTopology(true)));
        engine.start();
        auto broken = simpleTopology(true);
        broken.nodes[2].address = "10.1.2.3";  // rejected: outside loopback
        const auto error = engine.replaceTopology(broken);
        QVERIFY2(error.find("127.0.0.0/8") != std::string::npos, error.c_str());
        QCOMPARE(engine.topology().name, std::string("Distributed"));
        const auto lb = engine.node("lb-1");
        QVERIFY(lb && lb->listening);
        const auto reply = test::httpRequest(lb->address, lb->port, "GET", "/");
        QCOMPARE(reply.status, 200);
    }

    void failingAHostFailsEveryNodeOnIt() {
        Engine engine(optionsFor(simpleTopology(true)));
        engine.start();
        QCOMPARE(engine.fail("server-1"), std::string{});
        for (const auto* name : {"web-1", "app-1", "db-primary"}) {
            QVERIFY2(!engine.node(name)->listening, name);
        }
        QVERIFY(engine.node("dns-1")->listening);
        const auto refused = test::httpRequest(test::addressOf(engine, "web-1"),
                                               test::portOf(engine, "web-1"), "GET", "/");
        QCOMPARE(refused.status, 0);
        QCOMPARE(engine.restore("server-1"), std::string{});
        QVERIFY(engine.node("app-1")->listening);
    }

    // Without a load balancer nothing would send requests to a second web server.
    void simpleStageRejectsAnotherWebServer() {
        Engine engine(optionsFor(simpleTopology(true)));
        engine.start();
        const auto result = engine.addServer(NodeKind::WebServer);
        QVERIFY(result.name.empty());
        QVERIFY2(result.error.find("no load balancer") != std::string::npos, result.error.c_str());
        QCOMPARE(engine.topology().ofKind(NodeKind::WebServer).size(), std::size_t{1});
    }

    void adminSwitchesPresetRejectsBadFile() {
        Engine engine(optionsFor(distributedTopology(true)));
        engine.start();
        const auto admin = engine.adminPort();
        const auto bad = test::httpRequest("127.0.0.1", admin, "PUT", "/topology",
                                           replaced(kValidFile, "\"dns\"", "\"resolver\""));
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.find("line 5") != std::string::npos, bad.body.c_str());
        QCOMPARE(engine.topology().name, std::string("Distributed"));

        const auto presets = test::httpRequest("127.0.0.1", admin, "GET", "/presets");
        QVERIFY2(presets.body.find("\"simple\"") != std::string::npos, presets.body.c_str());
        const auto missing =
            test::httpRequest("127.0.0.1", admin, "POST", "/preset", R"({"name": "huge"})");
        QCOMPARE(missing.status, 404);

        // The preset file has fixed ports; the admin interface keeps its own port.
        const auto switched =
            test::httpRequest("127.0.0.1", admin, "POST", "/preset", R"({"name": "simple"})");
        QCOMPARE(switched.status, 202);
        QVERIFY(test::waitFor([&] { return engine.topology().name == "Simple"; }));
        QVERIFY(test::waitFor([&] { return engine.node("web-1").has_value(); }));
        QVERIFY(!engine.node("lb-1").has_value());
    }
};

QTEST_GUILESS_MAIN(TestTopology)
#include "test_topology.moc"
