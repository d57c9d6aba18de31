#include <QtTest>

#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "firewalls.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;
using json = nlohmann::json;

namespace {

// An address outside every node of the topology: the engine names its peer "external".
constexpr const char* kOutside = "127.0.0.1";

// How a connection from a chosen source address ended, as the client saw it.
enum class Ending { Response, Reset, Closed, NoAnswer, Refused, Failed };

const char* endingName(Ending ending) {
    switch (ending) {
        case Ending::Response:
            return "response";
        case Ending::Reset:
            return "reset";
        case Ending::Closed:
            return "closed";
        case Ending::NoAnswer:
            return "no answer";
        case Ending::Refused:
            return "refused";
        case Ending::Failed:
            return "failed";
    }
    return "failed";
}

struct Exchange {
    Ending ending = Ending::Failed;
    std::string received;
};

sockaddr_in endpointOf(const std::string& address, std::uint16_t port) {
    sockaddr_in endpoint{};
    endpoint.sin_family = AF_INET;
    endpoint.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &endpoint.sin_addr);
    return endpoint;
}

Ending endingOfError(int error) {
    if (error == ECONNRESET || error == EPIPE) {
        return Ending::Reset;
    }
    qWarning("socket error %d: %s", error, std::strerror(error));
    return Ending::Failed;
}

// Reads until the peer closes or `deadline` passes without new bytes.
Exchange readUntilDone(int fd, std::chrono::milliseconds deadline) {
    Exchange exchange;
    char buffer[4096];
    for (;;) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, static_cast<int>(deadline.count())) == 0) {
            exchange.ending = exchange.received.empty() ? Ending::NoAnswer : Ending::Response;
            return exchange;
        }
        const auto count = ::recv(fd, buffer, sizeof buffer, 0);
        if (count < 0) {
            exchange.ending = endingOfError(errno);
            return exchange;
        }
        if (count == 0) {
            exchange.ending = exchange.received.empty() ? Ending::Closed : Ending::Response;
            return exchange;
        }
        exchange.received.append(buffer, static_cast<std::size_t>(count));
    }
}

// Sends a GET for `target` on a new connection bound to `source`, as a client at that address
// would, and waits at most `deadline` for each part of the response.
Exchange getFrom(const std::string& source, const std::string& address, std::uint16_t port,
                 const std::string& target,
                 std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    Exchange exchange;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    auto local = endpointOf(source, 0);
    auto remote = endpointOf(address, port);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
        qWarning("socket or bind failed: %s", std::strerror(errno));
        if (fd >= 0) {
            ::close(fd);
        }
        return exchange;
    }
    if (::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        exchange.ending = errno == ECONNREFUSED ? Ending::Refused : endingOfError(errno);
        ::close(fd);
        return exchange;
    }

    const auto request =
        "GET " + target + " HTTP/1.1\r\nHost: www.foobar.com\r\n" + "Connection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
        exchange.ending = endingOfError(errno);
        ::close(fd);
        return exchange;
    }
    exchange = readUntilDone(fd, deadline);
    ::close(fd);
    return exchange;
}

int statusOf(const Exchange& exchange) {
    // "HTTP/1.1 200 OK": the status code starts at offset 9.
    if (exchange.ending != Ending::Response || exchange.received.size() < 12) {
        return 0;
    }
    return std::atoi(exchange.received.substr(9, 3).c_str());
}

// A DNS query for www.foobar.com, type A, class IN, built by hand so that the test needs no
// DNS library. Returns whether any reply arrived within `deadline`.
bool dnsAnswers(const std::string& address, std::uint16_t port,
                std::chrono::milliseconds deadline) {
    const std::string query(
        "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
        "\x03www\x06"
        "foobar\x03"
        "com\x00\x00\x01\x00\x01",
        32);
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    auto local = endpointOf(kOutside, 0);
    auto remote = endpointOf(address, port);
    ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
    ::sendto(fd, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&remote),
             sizeof remote);
    pollfd readable{fd, POLLIN, 0};
    const bool answered = ::poll(&readable, 1, static_cast<int>(deadline.count())) == 1;
    ::close(fd);
    return answered;
}

}  // namespace

// The Distributed stack behind the Secured stage's firewalls, over real loopback sockets.
// Connections from the wrong source are reset or dropped at the protected node's listener,
// traced as blocked and counted. The admin interface replaces the rule tables.
class FirewallTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void directRequestToWebServerIsReset();
    void pageThroughBalancerPasses();
    void appServerReachableOnlyFromWebServers();
    void replicationPassesDatabaseFirewall();
    void allowRuleFromAdminLetsDirectRequestPass();
    void dropGivesNoAnswer();
    void dropRuleIsNamedInSpan();
    void blockedConnectionsAreCounted();
    void badRuleTableKeepsOldTable();
    void unknownSourceNodeKeepsOldTable();
    void blockedBalancerForwardFailsAsReset();
    void disabledFirewallLetsEverythingPass();
    void dnsDatagramsAreScreened();
    void firewallsAreNotNodes();
    void invalidFirewallStopsStart();

private:
    Reply admin(const std::string& method, const std::string& target, const std::string& body = {});
    std::vector<Span> blockedSpansAt(const std::string& firewall);
    bool hasEvent(const std::string& kind, const std::string& text);

    std::unique_ptr<Engine> engine_;
};

void FirewallTest::init() {
    auto options = testEngineOptions();
    options.topology.firewalls = securedFirewalls(options.topology);
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

void FirewallTest::cleanup() {
    engine_.reset();
}

Reply FirewallTest::admin(const std::string& method, const std::string& target,
                          const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body,
                       {{"Content-Type", "application/json"}});
}

std::vector<Span> FirewallTest::blockedSpansAt(const std::string& firewall) {
    std::vector<Span> blocked;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            if (span.node == firewall && span.outcome == Outcome::Blocked) {
                blocked.push_back(span);
            }
        }
    }
    return blocked;
}

bool FirewallTest::hasEvent(const std::string& kind, const std::string& text) {
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.kind == kind && event.detail.find(text) != std::string::npos;
    });
}

void FirewallTest::directRequestToWebServerIsReset() {
    const auto web = addressOf(*engine_, "web-1");
    const auto exchange = getFrom(kOutside, web, portOf(*engine_, "web-1"), "/");
    QCOMPARE(endingName(exchange.ending), endingName(Ending::Reset));

    QVERIFY(waitFor([this] { return !blockedSpansAt("fw-web-1").empty(); }));
    const auto span = blockedSpansAt("fw-web-1").front();
    QCOMPARE(span.peer, std::string("external"));
    QCOMPARE(span.detail, std::string("default deny: reject"));
    QVERIFY(hasEvent("firewall", "reject tcp from external (127.0.0.1) to web-1"));
}

void FirewallTest::pageThroughBalancerPasses() {
    const auto lb = addressOf(*engine_, "lb-1");
    const auto page = getFrom(kOutside, lb, portOf(*engine_, "lb-1"), "/");
    QCOMPARE(statusOf(page), 200);
    // The whole chain: balancer, web server, application server and a database.
    const auto messages = getFrom(kOutside, lb, portOf(*engine_, "lb-1"), "/api/messages");
    QCOMPARE(statusOf(messages), 200);
    QVERIFY(blockedSpansAt("fw-web-1").empty());
    QVERIFY(blockedSpansAt("fw-app-1").empty());
    QVERIFY(blockedSpansAt("fw-db-replica-1").empty());
}

void FirewallTest::appServerReachableOnlyFromWebServers() {
    const auto app = addressOf(*engine_, "app-1");
    const auto port = portOf(*engine_, "app-1");
    const auto fromWeb = getFrom(addressOf(*engine_, "web-2"), app, port, "/api/whoami");
    QCOMPARE(statusOf(fromWeb), 200);

    const auto fromOutside = getFrom(kOutside, app, port, "/api/whoami");
    QCOMPARE(endingName(fromOutside.ending), endingName(Ending::Reset));
    const auto fromClient = getFrom(addressOf(*engine_, "client"), app, port, "/api/whoami");
    QCOMPARE(endingName(fromClient.ending), endingName(Ending::Reset));

    QVERIFY(waitFor([this] { return blockedSpansAt("fw-app-1").size() == 2; }));
    QCOMPARE(blockedSpansAt("fw-app-1").back().peer, std::string("client"));
}

void FirewallTest::replicationPassesDatabaseFirewall() {
    const auto lb = addressOf(*engine_, "lb-1");
    const auto written = httpRequest(lb, portOf(*engine_, "lb-1"), "POST", "/api/messages",
                                     R"({"author": "ada", "body": "through the firewalls"})",
                                     {{"Content-Type", "application/json"}});
    QVERIFY2(written.status == 200 || written.status == 201, written.body.c_str());
    QVERIFY(waitFor([this] { return hasEvent("replication", "applied on db-replica-1"); }));
    QVERIFY(blockedSpansAt("fw-db-replica-1").empty());
}

void FirewallTest::allowRuleFromAdminLetsDirectRequestPass() {
    const auto web = addressOf(*engine_, "web-1");
    const auto port = portOf(*engine_, "web-1");
    QCOMPARE(endingName(getFrom(kOutside, web, port, "/").ending), endingName(Ending::Reset));

    const auto table = json{{"rules",
                             {{{"action", "allow"}, {"protocol", "tcp"}, {"source", "lb-1"}},
                              {{"action", "allow"}, {"source", kOutside}, {"port", port}}}}};
    const auto replaced = admin("PUT", "/firewalls/fw-web-1/rules", table.dump());
    QCOMPARE(replaced.status, 200);

    QCOMPARE(statusOf(getFrom(kOutside, web, port, "/")), 200);
    QCOMPARE(engine_->firewall("fw-web-1")->ruleMatches.at(1), std::uint64_t{1});
}

void FirewallTest::dropGivesNoAnswer() {
    const auto table =
        json{{"rules", {{{"action", "allow"}, {"source", "lb-1"}}}}, {"defaultAction", "drop"}};
    QCOMPARE(admin("PUT", "/firewalls/fw-web-2/rules", table.dump()).status, 200);

    const auto web = addressOf(*engine_, "web-2");
    const auto exchange =
        getFrom(kOutside, web, portOf(*engine_, "web-2"), "/", std::chrono::milliseconds(500));
    QCOMPARE(endingName(exchange.ending), endingName(Ending::NoAnswer));
    QVERIFY(waitFor([this] { return !blockedSpansAt("fw-web-2").empty(); }));
    QCOMPARE(blockedSpansAt("fw-web-2").front().detail, std::string("default deny: drop"));
}

void FirewallTest::dropRuleIsNamedInSpan() {
    const auto table =
        json::array({{{"action", "allow"}, {"source", "lb-1"}},
                     {{"action", "drop"}, {"protocol", "tcp"}, {"source", "127.0.0.0/24"}}});
    QCOMPARE(admin("PUT", "/firewalls/fw-web-3/rules", table.dump()).status, 200);

    const auto web = addressOf(*engine_, "web-3");
    const auto exchange =
        getFrom(kOutside, web, portOf(*engine_, "web-3"), "/", std::chrono::milliseconds(300));
    QCOMPARE(endingName(exchange.ending), endingName(Ending::NoAnswer));
    QVERIFY(waitFor([this] { return !blockedSpansAt("fw-web-3").empty(); }));
    QCOMPARE(blockedSpansAt("fw-web-3").front().detail,
             std::string("rule 2: drop tcp from 127.0.0.0/24 to any port"));
}

void FirewallTest::blockedConnectionsAreCounted() {
    const auto web = addressOf(*engine_, "web-2");
    const auto port = portOf(*engine_, "web-2");
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(endingName(getFrom(kOutside, web, port, "/").ending), endingName(Ending::Reset));
    }
    const auto lb = addressOf(*engine_, "lb-1");
    QCOMPARE(statusOf(getFrom(kOutside, lb, portOf(*engine_, "lb-1"), "/")), 200);

    const auto listed = admin("GET", "/firewalls");
    QCOMPARE(listed.status, 200);
    const auto firewalls = json::parse(listed.body)["firewalls"];
    const auto web2 = std::find_if(firewalls.begin(), firewalls.end(),
                                   [](const json& f) { return f["name"] == "fw-web-2"; });
    QVERIFY(web2 != firewalls.end());
    QCOMPARE((*web2)["blocked"].get<int>(), 3);
    QCOMPARE((*web2)["defaultMatches"].get<int>(), 3);
    QCOMPARE((*web2)["protects"].get<std::string>(), std::string("web-2"));
    // Health checks from the balancer pass its rule.
    QVERIFY(waitFor([this] { return engine_->firewall("fw-web-2")->ruleMatches.at(0) > 0; }));
    const auto lbFirewall = std::find_if(firewalls.begin(), firewalls.end(),
                                         [](const json& f) { return f["name"] == "fw-lb-1"; });
    QVERIFY(lbFirewall != firewalls.end());
    QCOMPARE((*lbFirewall)["allowed"].get<int>(), 1);
    QCOMPARE((*lbFirewall)["blocked"].get<int>(), 0);
}

void FirewallTest::badRuleTableKeepsOldTable() {
    const auto before = admin("GET", "/firewalls/fw-app-1/rules");
    QCOMPARE(before.status, 200);

    const auto table = json::array(
        {{{"action", "allow"}, {"source", "web-1"}}, {{"action", "permit"}, {"source", "any"}}});
    const auto rejected = admin("PUT", "/firewalls/fw-app-1/rules", table.dump());
    QCOMPARE(rejected.status, 400);
    QVERIFY2(rejected.body.find("rule 2") != std::string::npos, rejected.body.c_str());
    QVERIFY2(rejected.body.find("permit") != std::string::npos, rejected.body.c_str());

    const auto badPort = json::array({{{"action", "allow"}, {"port", 70000}}});
    QCOMPARE(admin("PUT", "/firewalls/fw-app-1/rules", badPort.dump()).status, 400);
    const auto typo = json::array({{{"action", "allow"}, {"sorce", "web-1"}}});
    const auto misspelt = admin("PUT", "/firewalls/fw-app-1/rules", typo.dump());
    QCOMPARE(misspelt.status, 400);
    QVERIFY2(misspelt.body.find("sorce") != std::string::npos, misspelt.body.c_str());
    QCOMPARE(admin("PUT", "/firewalls/fw-app-1/rules", "not json").status, 400);
    const auto allowByDefault = json{{"rules", json::array()}, {"defaultAction", "allow"}};
    QCOMPARE(admin("PUT", "/firewalls/fw-app-1/rules", allowByDefault.dump()).status, 400);

    QCOMPARE(admin("GET", "/firewalls/fw-app-1/rules").body, before.body);
    const auto app = addressOf(*engine_, "app-1");
    const auto direct = getFrom(kOutside, app, portOf(*engine_, "app-1"), "/api/whoami");
    QCOMPARE(endingName(direct.ending), endingName(Ending::Reset));
}

void FirewallTest::unknownSourceNodeKeepsOldTable() {
    const auto table = json::array({{{"action", "allow"}, {"source", "web-9"}}});
    const auto rejected = admin("PUT", "/firewalls/fw-app-1/rules", table.dump());
    QCOMPARE(rejected.status, 400);
    QVERIFY2(rejected.body.find("rule 1") != std::string::npos, rejected.body.c_str());
    QVERIFY2(rejected.body.find("web-9") != std::string::npos, rejected.body.c_str());
    QCOMPARE(engine_->firewall("fw-app-1")->spec.rules.size(), std::size_t{3});
    QCOMPARE(admin("PUT", "/firewalls/fw-nope/rules", "[]").status, 404);
}

void FirewallTest::blockedBalancerForwardFailsAsReset() {
    QCOMPARE(admin("PUT", "/firewalls/fw-web-1/rules", "[]").status, 200);

    // The balancer's checks of web-1 are reset, so web-1 leaves the rotation.
    QVERIFY(waitFor([this] { return hasEvent("health-check", "check of web-1 failed"); }));
    QVERIFY(waitFor([this] { return engine_->node("web-1")->state == "DOWN"; }));
    QVERIFY(hasEvent("health-check", "reset"));
    const auto blocked = blockedSpansAt("fw-web-1");
    QVERIFY(!blocked.empty());
    QCOMPARE(blocked.front().peer, std::string("lb-1"));

    const auto lb = addressOf(*engine_, "lb-1");
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(statusOf(getFrom(kOutside, lb, portOf(*engine_, "lb-1"), "/")), 200);
    }
}

void FirewallTest::disabledFirewallLetsEverythingPass() {
    const auto web = addressOf(*engine_, "web-1");
    const auto port = portOf(*engine_, "web-1");
    QCOMPARE(admin("POST", "/firewalls/fw-web-1/disable").status, 200);
    QCOMPARE(statusOf(getFrom(kOutside, web, port, "/")), 200);
    QVERIFY(!engine_->firewall("fw-web-1")->spec.enabled);

    QCOMPARE(admin("POST", "/firewalls/fw-web-1/enable").status, 200);
    QCOMPARE(endingName(getFrom(kOutside, web, port, "/").ending), endingName(Ending::Reset));
}

void FirewallTest::dnsDatagramsAreScreened() {
    const auto dns = addressOf(*engine_, "dns-1");
    const auto port = portOf(*engine_, "dns-1");
    QVERIFY(dnsAnswers(dns, port, std::chrono::seconds(2)));

    QCOMPARE(admin("PUT", "/firewalls/fw-dns-1/rules", "[]").status, 200);
    QVERIFY(!dnsAnswers(dns, port, std::chrono::milliseconds(300)));
    QVERIFY(waitFor([this] { return !blockedSpansAt("fw-dns-1").empty(); }));
    QCOMPARE(blockedSpansAt("fw-dns-1").front().protocol, std::string("dns"));
}

void FirewallTest::firewallsAreNotNodes() {
    QVERIFY(!engine_->node("fw-web-1"));
    for (const auto& status : engine_->nodes()) {
        QVERIFY2(!QString::fromStdString(status.name).startsWith("fw-"), status.name.c_str());
    }
    QCOMPARE(engine_->nameOf("127.0.20.1"), std::string("web-1"));
    QCOMPARE(engine_->firewalls().size(), std::size_t{8});
    QCOMPARE(admin("GET", "/nodes/fw-web-1").status, 404);
}

void FirewallTest::invalidFirewallStopsStart() {
    auto options = testEngineOptions();
    options.topology.firewalls = {FirewallSpec{"fw-ghost", "web-9", {}}};
    Engine unknownNode(options);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, unknownNode.start());

    options.topology.firewalls = {FirewallSpec{"web-2", "web-1", {}}};
    Engine nodeName(options);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, nodeName.start());
}

QTEST_GUILESS_MAIN(FirewallTest)
#include "test_firewall.moc"
