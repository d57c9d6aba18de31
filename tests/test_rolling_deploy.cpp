#include <QtTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <future>
#include <thread>

#include "hop_gate.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;
using json = nlohmann::json;

// The load balancer inside the whole stack: a rolling deploy under load, retries that must not
// write twice, X-Forwarded-For as a web server receives it, and the admin routes.
class RollingDeployTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rollingDeployFailsNoGets();
    void sentPostIsNotResent();
    void sentGetIsRetried();
    void refusedPostIsRetriedOnce();
    void spoofedForwardedForIsAppended();
    void adminRoutesDriveBalancer();
    void adminRejectsInvalidSettings();

private:
    Reply toBalancer(const std::string& method, const std::string& target,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {});
    Reply toAdmin(const std::string& method, const std::string& target,
                  const std::string& body = {});
    int rowsWithBody(const std::string& body);
    // Holds the next request at its application server: returns the web server it passed.
    std::string holdAtApplicationServer();
    int spansAt(const std::string& node, const std::string& method, Outcome outcome);
    bool hasEvent(const std::string& kind, const std::string& part);

    std::unique_ptr<Engine> engine_;
};

void RollingDeployTest::init() {
    auto options = testEngineOptions();
    // Without checks, a failed server still counts as UP, so that the retry itself is seen.
    if (QString(QTest::currentTestFunction()) == "refusedPostIsRetriedOnce") {
        options.topology.healthCheck.interval = std::chrono::milliseconds(60000);
    }
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

void RollingDeployTest::cleanup() {
    engine_->gate().continueAll();
    engine_.reset();
}

Reply RollingDeployTest::toBalancer(const std::string& method, const std::string& target,
                                    const std::string& body,
                                    const std::map<std::string, std::string>& headers) {
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), method, target, body,
                       headers);
}

Reply RollingDeployTest::toAdmin(const std::string& method, const std::string& target,
                                 const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body);
}

int RollingDeployTest::rowsWithBody(const std::string& body) {
    const json query{{"sql", "SELECT count(*) AS n FROM messages WHERE body = ?"},
                     {"params", {body}}};
    const auto reply = httpRequest(addressOf(*engine_, "db-primary"),
                                   portOf(*engine_, "db-primary"), "POST", "/query", query.dump());
    const auto result = json::parse(reply.body, nullptr, false);
    if (reply.status != 200 || !result.contains("rows")) {
        return -1;
    }
    return result["rows"][0]["n"].get<int>();
}

std::string RollingDeployTest::holdAtApplicationServer() {
    std::string webServer;
    for (int hop = 0; hop < 2; ++hop) {
        if (!waitFor([this] { return engine_->gate().held() > 0; })) {
            return {};
        }
        webServer = engine_->gate().step();  // lb-1, then the web server
    }
    return waitFor([this] { return engine_->gate().held() > 0; }) ? webServer : std::string{};
}

int RollingDeployTest::spansAt(const std::string& node, const std::string& method,
                               Outcome outcome) {
    int count = 0;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            count += span.node == node && span.method == method && span.outcome == outcome;
        }
    }
    return count;
}

bool RollingDeployTest::hasEvent(const std::string& kind, const std::string& part) {
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.kind == kind && event.detail.find(part) != std::string::npos;
    });
}

void RollingDeployTest::rollingDeployFailsNoGets() {
    std::atomic<bool> done{false};
    std::atomic<int> sent{0};
    std::atomic<int> failed{0};
    std::string firstFailure;
    // About 50 requests per second: one every 20 ms, each taking a few milliseconds.
    std::thread load([&] {
        while (!done) {
            const auto reply = toBalancer("GET", "/");
            if (reply.status != 200 && failed++ == 0) {
                firstFailure = std::to_string(reply.status) + " " + reply.error + reply.body;
            }
            ++sent;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    QVERIFY(waitFor([&] { return sent >= 10; }));

    QElapsedTimer deployTime;
    deployTime.start();
    QCOMPARE(engine_->rollingDeploy("web", std::chrono::milliseconds(300)), std::string());
    QVERIFY(engine_->deployStatus().running);
    QVERIFY(waitFor([this] { return engine_->deployStatus().step == "done"; },
                    std::chrono::seconds(15)));
    qInfo("rolling deploy of 3 servers, 300 ms down each: %lld ms", deployTime.elapsed());
    const int sentDuringDeploy = sent;
    QVERIFY(waitFor([&] { return sent >= sentDuringDeploy + 10; }));
    done = true;
    load.join();

    QVERIFY2(failed == 0, firstFailure.c_str());
    QVERIFY(sent >= 30);
    QCOMPARE(engine_->deployStatus().completed, std::size_t{3});
    for (const auto* web : {"web-1", "web-2", "web-3"}) {
        QVERIFY(hasEvent("deploy", std::string(web) + " stopped for the new version"));
        QVERIFY(hasEvent("deploy", std::string(web) + " is back in rotation"));
        QCOMPARE(engine_->node(web)->state, std::string("UP"));
        // Drained before it stopped: no request met its closed listener.
        QCOMPARE(spansAt(web, "GET", Outcome::Refused), 0);
    }
}

void RollingDeployTest::sentPostIsNotResent() {
    engine_->gate().setMode(HopMode::Step);
    const std::string marker = "written once " + std::to_string(std::rand());
    auto post = std::async(std::launch::async, [&] {
        return toBalancer("POST", "/api/messages", json{{"author", "t"}, {"body", marker}}.dump(),
                          {{"Content-Type", "application/json"}});
    });
    const auto webServer = holdAtApplicationServer();
    QVERIFY(webServer.starts_with("web-"));

    // The web server goes away after the balancer sent it the POST.
    QVERIFY(engine_->fail(webServer).empty());
    QVERIFY(waitFor([this] { return hasEvent("no-retry", "POST /api/messages was sent"); }));
    // Releases the balancer's 502 and the application server's write.
    engine_->gate().continueAll();
    QCOMPARE(post.get().status, 502);

    QVERIFY(waitFor([&] { return rowsWithBody(marker) == 1; }));
    for (const auto* web : {"web-1", "web-2", "web-3"}) {
        if (web != webServer) {
            QCOMPARE(spansAt(web, "POST", Outcome::Ok), 0);
        }
    }
    QCOMPARE(rowsWithBody(marker), 1);
}

void RollingDeployTest::sentGetIsRetried() {
    engine_->gate().setMode(HopMode::Step);
    auto get = std::async(std::launch::async, [&] { return toBalancer("GET", "/api/messages"); });
    const auto webServer = holdAtApplicationServer();
    QVERIFY(webServer.starts_with("web-"));

    QVERIFY(engine_->fail(webServer).empty());
    QVERIFY(waitFor([this] { return hasEvent("retry", "trying another server"); }));
    engine_->gate().continueAll();

    const auto reply = get.get();
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("x-served-by").starts_with("web-"));
    QVERIFY(reply.header("x-served-by") != webServer);
}

void RollingDeployTest::refusedPostIsRetriedOnce() {
    QVERIFY(engine_->fail("web-1").empty());
    const std::string marker = "after a refusal " + std::to_string(std::rand());

    const auto reply =
        toBalancer("POST", "/api/messages", json{{"author", "t"}, {"body", marker}}.dump(),
                   {{"Content-Type", "application/json"}});
    QVERIFY2(reply.status >= 200 && reply.status < 300, reply.body.c_str());
    QCOMPARE(reply.header("x-served-by"), std::string("web-2"));
    QCOMPARE(spansAt("web-1", "POST", Outcome::Refused), 1);
    QCOMPARE(rowsWithBody(marker), 1);
}

void RollingDeployTest::spoofedForwardedForIsAppended() {
    const auto reply = toBalancer("GET", "/", {}, {{"X-Forwarded-For", "6.6.6.6"}});
    QCOMPARE(reply.status, 200);
    const auto web = reply.header("x-served-by");

    std::string seen;
    std::string via;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            for (const auto& [name, value] : span.requestHeaders) {
                if (span.node == web && name == "X-Forwarded-For") {
                    seen = value;
                }
                if (span.node == web && name == "Via") {
                    via = value;
                }
            }
        }
    }
    // The test's client connects from 127.0.0.1: the real source comes last.
    QCOMPARE(seen, std::string("6.6.6.6, 127.0.0.1"));
    QCOMPARE(via, std::string("1.1 lb-1"));
}

void RollingDeployTest::adminRoutesDriveBalancer() {
    auto reply = toAdmin("PUT", "/balancer",
                         R"({"algorithm": "least-connections", "maxTries": 2,
                             "healthCheck": {"intervalMs": 100, "rise": 1, "path": "/index.html"}})");
    QCOMPARE(reply.status, 200);
    const auto view = json::parse(reply.body);
    QCOMPARE(view["algorithm"].get<std::string>(), std::string("least-connections"));
    QCOMPARE(view["healthCheck"]["intervalMs"].get<int>(), 100);
    QCOMPARE(view["balancers"][0]["backends"].size(), std::size_t{3});
    QCOMPARE(engine_->balancerSettings().maxTries, 2);
    QCOMPARE(engine_->healthChecks().path, std::string("/index.html"));

    QCOMPARE(toAdmin("POST", "/nodes/web-2/drain").status, 200);
    QCOMPARE(engine_->node("web-2")->state, std::string("DRAIN"));
    QCOMPARE(toAdmin("POST", "/nodes/web-2/maint").status, 200);
    QCOMPARE(engine_->node("web-2")->state, std::string("MAINT"));
    QCOMPARE(toAdmin("POST", "/nodes/web-2/ready").status, 200);
    QCOMPARE(engine_->node("web-2")->state, std::string("UP"));

    QCOMPARE(toAdmin("PUT", "/nodes/web-3/weight", R"({"weight": 5})").status, 200);
    QCOMPARE(engine_->balancers().front().backends[2].weight, 5);

    reply = toAdmin("POST", "/deploy/rolling", R"({"tier": "web", "downtimeMs": 100})");
    QCOMPARE(reply.status, 202);
    QCOMPARE(toAdmin("POST", "/deploy/rolling", R"({"tier": "web"})").status, 409);
    QVERIFY(waitFor(
        [this] {
            const auto status = json::parse(toAdmin("GET", "/deploy").body, nullptr, false);
            return status.is_object() && status["step"] == "done" && status["completed"] == 3;
        },
        std::chrono::seconds(15)));
}

void RollingDeployTest::adminRejectsInvalidSettings() {
    QCOMPARE(toAdmin("PUT", "/balancer", R"({"algorithm": "random"})").status, 400);
    QCOMPARE(toAdmin("PUT", "/balancer", R"({"healthCheck": {"path": "no slash"}})").status, 400);
    QCOMPARE(toAdmin("PUT", "/balancer", R"({"healthCheck": {"intervalMs": 0}})").status, 400);
    QCOMPARE(toAdmin("PUT", "/balancer", "not json").status, 400);
    QCOMPARE(engine_->balancerSettings().algorithm, BalanceAlgorithm::RoundRobin);

    QCOMPARE(toAdmin("PUT", "/nodes/web-1/weight", R"({"weight": 0})").status, 400);
    QCOMPARE(toAdmin("POST", "/nodes/nowhere/drain").status, 404);
    QCOMPARE(toAdmin("POST", "/deploy/rolling", R"({"tier": "db"})").status, 400);
    QCOMPARE(toAdmin("POST", "/deploy/rolling", R"({"tier": "web", "downtimeMs": -5})").status,
             400);
    QVERIFY(!engine_->deployStatus().running);
}

QTEST_GUILESS_MAIN(RollingDeployTest)
#include "test_rolling_deploy.moc"
