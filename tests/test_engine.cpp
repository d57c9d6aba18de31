#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <future>

#include "builtin_client.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// The engine as a whole: its service list, traces across hops, the admin interface and a
// clean stop.
class EngineTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void servicesListEveryListener();
    void builtinClientResolvesThenRequests();
    void apiRequestTracesDatabaseHop();
    void clientTraceparentIsKept();
    void adminFailClosesListener();
    void adminRejectsUnknownNode();
    void stopReleasesEveryPort();
    void addressOutsideLoopbackIsRejected();
    void secondInstanceMovesEveryPort();
    void otherInstanceRequestGets421();

private:
    ClientResult sendFromClient(const std::string& path);
    Reply admin(const std::string& method, const std::string& target);
    RequestRecord requestWithTrace(const std::string& traceId);

    std::unique_ptr<Engine> engine_;
};

void EngineTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void EngineTest::cleanup() {
    engine_.reset();
}

ClientResult EngineTest::sendFromClient(const std::string& path) {
    std::promise<ClientResult> promise;
    auto future = promise.get_future();
    ClientRequest request;
    request.path = path;
    engine_->sendRequest(request,
                         [&promise](const ClientResult& result) { promise.set_value(result); });
    if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        return {};
    }
    return future.get();
}

Reply EngineTest::admin(const std::string& method, const std::string& target) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target);
}

RequestRecord EngineTest::requestWithTrace(const std::string& traceId) {
    RequestRecord found;
    waitFor([&] {
        for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
            if (record.traceId == traceId) {
                found = record;
                return true;
            }
        }
        return false;
    });
    return found;
}

void EngineTest::servicesListEveryListener() {
    std::vector<std::string> names;
    for (const auto& service : engine_->services()) {
        names.push_back(service.name);
        if (service.name == "dns-1") {
            QVERIFY(service.url.starts_with("udp://127.0.0.53:"));
        }
        if (service.name == "lb-1") {
            QCOMPARE(service.kind, std::string("load-balancer"));
            QVERIFY(service.url.starts_with("http://127.0.10.1:"));
        }
    }
    const std::vector<std::string> expected{"dns-1", "lb-1",       "web-1",        "web-2", "web-3",
                                            "app-1", "db-primary", "db-replica-1", "admin"};
    QCOMPARE(names, expected);
}

void EngineTest::builtinClientResolvesThenRequests() {
    const auto result = sendFromClient("/");
    QCOMPARE(result.status, 200);
    QVERIFY(result.servedBy.starts_with("web-"));

    const auto record = requestWithTrace(result.traceId);
    std::vector<std::string> path;
    for (const auto& span : record.spans) {
        path.push_back(span.peer + ">" + span.node);
    }
    const std::vector<std::string> expected{">client", "client>dns-1", "client>lb-1",
                                            "lb-1>" + result.servedBy};
    QCOMPARE(path, expected);

    // Each hop names the one before it as its parent.
    const auto& client = record.spans[0];
    QCOMPARE(record.spans[1].parentSpanId, client.spanId);
    QCOMPARE(record.spans[2].parentSpanId, client.spanId);
    QCOMPARE(record.spans[3].parentSpanId, record.spans[2].spanId);
    QCOMPARE(record.spans[1].protocol, std::string("dns"));
    QCOMPARE(record.spans[1].detail, std::string("127.0.10.1"));
}

void EngineTest::apiRequestTracesDatabaseHop() {
    const auto result = sendFromClient("/api/messages");
    QCOMPARE(result.status, 200);

    const auto record = requestWithTrace(result.traceId);
    std::vector<std::string> nodes;
    for (const auto& span : record.spans) {
        nodes.push_back(span.node);
    }
    QCOMPARE(nodes.size(), std::size_t{6});
    QCOMPARE(nodes[4], std::string("app-1"));
    QCOMPARE(nodes[5], std::string("db-replica-1"));
}

void EngineTest::clientTraceparentIsKept() {
    const std::string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const auto reply =
        httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/", {},
                    {{"traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"}});
    QCOMPARE(reply.status, 200);

    const auto record = requestWithTrace(traceId);
    QCOMPARE(record.spans.size(), std::size_t{2});
    QCOMPARE(record.spans[0].peer, std::string("external"));
    QCOMPARE(record.spans[0].parentSpanId, std::string("00f067aa0ba902b7"));
}

void EngineTest::adminFailClosesListener() {
    const auto address = addressOf(*engine_, "web-1");
    const auto port = portOf(*engine_, "web-1");

    const auto failed = admin("POST", "/nodes/web-1/fail");
    QCOMPARE(failed.status, 200);
    const auto node = QJsonDocument::fromJson(QByteArray::fromStdString(failed.body)).object();
    QCOMPARE(node["listening"].toBool(), false);
    QVERIFY(waitFor([&] { return httpRequest(address, port, "GET", "/").status == 0; }));
    QCOMPARE(httpRequest(address, port, "GET", "/").error, std::string("Connection refused"));

    QCOMPARE(admin("POST", "/nodes/web-1/restore").status, 200);
    QCOMPARE(httpRequest(address, port, "GET", "/").status, 200);

    const auto nodes =
        QJsonDocument::fromJson(QByteArray::fromStdString(admin("GET", "/nodes").body));
    QCOMPARE(nodes["nodes"].toArray().size(), 8);
}

void EngineTest::adminRejectsUnknownNode() {
    QCOMPARE(admin("POST", "/nodes/web-9/fail").status, 404);
    QCOMPARE(admin("GET", "/requests?last=abc").status, 400);
    QCOMPARE(admin("DELETE", "/nodes").status, 404);
}

void EngineTest::stopReleasesEveryPort() {
    const auto address = addressOf(*engine_, "lb-1");
    const auto port = portOf(*engine_, "lb-1");
    const auto adminPort = engine_->adminPort();
    QCOMPARE(httpRequest(address, port, "GET", "/").status, 200);

    engine_->stop();

    QCOMPARE(httpRequest(address, port, "GET", "/").error, std::string("Connection refused"));
    QCOMPARE(httpRequest("127.0.0.1", adminPort, "GET", "/nodes").error,
             std::string("Connection refused"));
}

void EngineTest::addressOutsideLoopbackIsRejected() {
    // Nothing is bound: the check runs before the first listener opens.
    auto options = testEngineOptions();
    options.topology.nodes[2].address = "0.0.0.0";
    Engine wildcard(std::move(options));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, wildcard.start());

    auto adminOptions = testEngineOptions();
    adminOptions.adminAddress = "0.0.0.0";
    Engine wildcardAdmin(std::move(adminOptions));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, wildcardAdmin.start());
}

void EngineTest::secondInstanceMovesEveryPort() {
    // Fixed ports, as the app uses, in a range tests do not otherwise use.
    const auto fixedPorts = [] {
        auto options = testEngineOptions();
        for (auto& node : options.topology.nodes) {
            if (node.kind != NodeKind::Client) {
                node.port = node.kind == NodeKind::Dns ? 35353 : 38080;
            }
        }
        options.adminPort = 39901;
        return options;
    };
    Engine first(fixedPorts());
    first.start();
    Engine second(fixedPorts());
    second.start();

    const auto offset = portOf(second, "lb-1") - portOf(first, "lb-1");
    QVERIFY(offset > 0);
    for (const auto* node :
         {"dns-1", "web-1", "web-2", "web-3", "app-1", "db-primary", "db-replica-1"}) {
        QCOMPARE(portOf(second, node) - portOf(first, node), offset);
    }
    QCOMPARE(second.adminPort() - first.adminPort(), offset);

    // Each balancer reaches its own web servers only.
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(httpRequest(addressOf(second, "lb-1"), portOf(second, "lb-1"), "GET", "/").status,
                 200);
    }
    QCOMPARE(first.node("web-1")->counters.requests, std::uint64_t{0});
    QCOMPARE(second.node("web-1")->counters.requests, std::uint64_t{2});
}

void EngineTest::otherInstanceRequestGets421() {
    const auto address = addressOf(*engine_, "web-1");
    const auto port = portOf(*engine_, "web-1");
    const auto misdirected =
        httpRequest(address, port, "GET", "/", {}, {{"X-Webstack-Instance", "0123456789abcdef"}});
    QCOMPARE(misdirected.status, 421);
    QCOMPARE(httpRequest(address, port, "GET", "/").status, 200);
}

QTEST_GUILESS_MAIN(EngineTest)
#include "test_engine.moc"
