#include <QtTest>

#include <map>

#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// The load balancer over real loopback sockets: round robin, retries after a refused
// connection, and health checks that take a failed server out of rotation and back.
class LoadBalancerTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roundRobinSplitsEvenly();
    void refusedConnectionIsRetried();
    void serverMarkedDownGetsNoRequests();
    void healthChecksMarkDownAfterFall();
    void healthChecksMarkUpAfterRise();
    void allServersDownAnswers503();

private:
    std::map<std::string, int> countServedBy(int requests);
    Reply get(const std::string& target = "/");
    int refusedSpansAt(const std::string& node);
    bool hasStateEvent(const std::string& detail);

    std::unique_ptr<Engine> engine_;
};

void LoadBalancerTest::init() {
    auto options = testEngineOptions();
    // Long enough that a failed server is still "UP" while the retry tests run.
    options.topology.healthCheck.interval = std::chrono::milliseconds(60000);
    if (QString(QTest::currentTestFunction()).startsWith("healthChecks") ||
        QString(QTest::currentTestFunction()) == "serverMarkedDownGetsNoRequests") {
        options.topology.healthCheck.interval = std::chrono::milliseconds(50);
    }
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

void LoadBalancerTest::cleanup() {
    engine_.reset();
}

Reply LoadBalancerTest::get(const std::string& target) {
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", target);
}

std::map<std::string, int> LoadBalancerTest::countServedBy(int requests) {
    std::map<std::string, int> counts;
    for (int i = 0; i < requests; ++i) {
        auto reply = get();
        if (reply.status != 200) {
            ++counts["failed: " + std::to_string(reply.status) + " " + reply.error];
            continue;
        }
        ++counts[reply.header("x-served-by")];
    }
    return counts;
}

int LoadBalancerTest::refusedSpansAt(const std::string& node) {
    int refused = 0;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            refused += span.node == node && span.outcome == Outcome::Refused ? 1 : 0;
        }
    }
    return refused;
}

bool LoadBalancerTest::hasStateEvent(const std::string& detail) {
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&detail](const Event& event) {
        return event.kind == "state" && event.detail == detail;
    });
}

void LoadBalancerTest::roundRobinSplitsEvenly() {
    std::vector<std::string> order;
    for (int i = 0; i < 3; ++i) {
        order.push_back(get().header("x-served-by"));
    }
    QCOMPARE(order, (std::vector<std::string>{"web-1", "web-2", "web-3"}));

    const auto counts = countServedBy(30);
    QCOMPARE(counts.size(), std::size_t{3});
    QCOMPARE(counts.at("web-1"), 10);
    QCOMPARE(counts.at("web-2"), 10);
    QCOMPARE(counts.at("web-3"), 10);
}

void LoadBalancerTest::refusedConnectionIsRetried() {
    QVERIFY(engine_->fail("web-2").empty());
    QCOMPARE(engine_->node("web-2")->state, std::string("UP"));  // no check has run yet

    const auto counts = countServedBy(300);
    QCOMPARE(counts.size(), std::size_t{2});
    QCOMPARE(counts.at("web-1"), 150);
    QCOMPARE(counts.at("web-3"), 150);
    QVERIFY(refusedSpansAt("web-2") > 0);
}

void LoadBalancerTest::serverMarkedDownGetsNoRequests() {
    QVERIFY(engine_->fail("web-2").empty());
    QVERIFY(waitFor([this] { return engine_->node("web-2")->state == "DOWN"; }));
    const auto refusedBefore = refusedSpansAt("web-2");

    const auto counts = countServedBy(300);
    QCOMPARE(counts.size(), std::size_t{2});
    QCOMPARE(counts.at("web-1"), 150);
    QCOMPARE(counts.at("web-3"), 150);
    QCOMPARE(refusedSpansAt("web-2"), refusedBefore);
}

void LoadBalancerTest::healthChecksMarkDownAfterFall() {
    const auto fall = engine_->topology().healthCheck.fall;
    QVERIFY(engine_->fail("web-3").empty());

    QVERIFY(waitFor([this] { return engine_->node("web-3")->state == "DOWN"; }));
    QVERIFY(hasStateEvent("web-3 is going down for lb-1"));

    int failedChecks = 0;
    bool sawDown = false;
    for (const auto& event : engine_->tracer().recentEvents(Tracer::kMaxEvents)) {
        if (event.kind == "health-check" && event.detail.find("web-3") != std::string::npos &&
            !sawDown) {
            ++failedChecks;
        }
        if (event.kind == "state" && event.detail == "web-3 is DOWN for lb-1") {
            sawDown = true;
        }
    }
    QVERIFY(sawDown);
    QCOMPARE(failedChecks, fall);
}

void LoadBalancerTest::healthChecksMarkUpAfterRise() {
    QVERIFY(engine_->fail("web-1").empty());
    QVERIFY(waitFor([this] { return engine_->node("web-1")->state == "DOWN"; }));
    QVERIFY(engine_->restore("web-1").empty());

    QVERIFY(waitFor([this] { return engine_->node("web-1")->state == "UP"; }));
    QVERIFY(hasStateEvent("web-1 is going up for lb-1"));

    const auto counts = countServedBy(30);
    QCOMPARE(counts.at("web-1"), 10);
}

void LoadBalancerTest::allServersDownAnswers503() {
    for (const auto* name : {"web-1", "web-2", "web-3"}) {
        QVERIFY(engine_->fail(name).empty());
    }
    const auto reply = get();
    QCOMPARE(reply.status, 503);
    QVERIFY(reply.body.find("no web server available") != std::string::npos);
}

QTEST_GUILESS_MAIN(LoadBalancerTest)
#include "test_load_balancer.moc"
