#include <QtTest>

#include <future>

#include "hop_gate.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// Slow motion and step mode, driven through the admin interface as a script would, with a
// real HTTP client waiting on the other side.
class PacingTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void stepHoldsRequestUntilStepped();
    void continueReleasesAllHeldHops();
    void slowMotionDelaysEveryHop();
    void invalidModeIsRejected();
    void pacedHopsReportProgress();

private:
    std::future<Reply> getInBackground();
    Reply admin(const std::string& method, const std::string& target, const std::string& body = {});
    std::chrono::milliseconds timeGet();

    std::unique_ptr<Engine> engine_;
};

void PacingTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void PacingTest::cleanup() {
    engine_->gate().continueAll();
    engine_.reset();
}

Reply PacingTest::admin(const std::string& method, const std::string& target,
                        const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body);
}

std::future<Reply> PacingTest::getInBackground() {
    const auto address = addressOf(*engine_, "lb-1");
    const auto port = portOf(*engine_, "lb-1");
    return std::async(std::launch::async,
                      [address, port] { return httpRequest(address, port, "GET", "/"); });
}

std::chrono::milliseconds PacingTest::timeGet() {
    const auto start = std::chrono::steady_clock::now();
    const auto reply =
        httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    return reply.status == 200 ? std::chrono::duration_cast<std::chrono::milliseconds>(elapsed)
                               : std::chrono::milliseconds(-1);
}

void PacingTest::stepHoldsRequestUntilStepped() {
    QCOMPARE(admin("POST", "/mode", R"({"mode": "step"})").status, 200);
    auto reply = getInBackground();

    // Each node keeps the request on arrival, and the response before it leaves, until stepped.
    const std::vector<std::string> expected{"lb-1", "web-1", "web-1", "lb-1"};
    for (const auto& node : expected) {
        QVERIFY(waitFor([this] { return engine_->gate().held() == 1; }));
        QCOMPARE(reply.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
        const auto stepped = admin("POST", "/step");
        QCOMPARE(stepped.status, 200);
        QVERIFY2(stepped.body.find(R"("released":")" + node + "\"") != std::string::npos,
                 stepped.body.c_str());
    }

    QCOMPARE(reply.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    QCOMPARE(reply.get().status, 200);
}

void PacingTest::continueReleasesAllHeldHops() {
    engine_->gate().setMode(HopMode::Step);
    auto first = getInBackground();
    auto second = getInBackground();
    QVERIFY(waitFor([this] { return engine_->gate().held() == 2; }));

    const auto released = admin("POST", "/continue");
    QCOMPARE(released.status, 200);
    QVERIFY(released.body.find(R"("released":2)") != std::string::npos);
    QCOMPARE(first.get().status, 200);
    QCOMPARE(second.get().status, 200);
    QCOMPARE(engine_->gate().mode(), HopMode::Live);
}

void PacingTest::slowMotionDelaysEveryHop() {
    const auto live = timeGet();
    QVERIFY(live >= std::chrono::milliseconds(0));

    QCOMPARE(admin("POST", "/mode", R"({"mode": "slow-motion", "delayMs": 150})").status, 200);
    const auto slow = timeGet();

    // Two hops (load balancer, web server), each delayed 150 ms on the way in and out.
    QVERIFY2(slow >= std::chrono::milliseconds(600), std::to_string(slow.count()).c_str());
    QVERIFY2(slow < std::chrono::milliseconds(600) + live + std::chrono::seconds(2),
             std::to_string(slow.count()).c_str());
}

void PacingTest::invalidModeIsRejected() {
    QCOMPARE(admin("POST", "/mode", R"({"mode": "warp"})").status, 400);
    QCOMPARE(admin("POST", "/mode", R"({"mode": "slow-motion", "delayMs": -5})").status, 400);
    QCOMPARE(admin("POST", "/mode", R"({"mode": "slow-motion", "delayMs": 10001})").status, 400);
    QCOMPARE(admin("POST", "/mode", "not json").status, 400);
    const auto state = admin("GET", "/mode");
    QCOMPARE(state.status, 200);
    QVERIFY(state.body.find(R"("mode":"live")") != std::string::npos);
}

void PacingTest::pacedHopsReportProgress() {
    engine_->tracer().drainProgress();
    engine_->gate().setMode(HopMode::SlowMotion, std::chrono::milliseconds(10));
    QCOMPARE(timeGet() >= std::chrono::milliseconds(40), true);

    std::vector<std::string> legs;
    for (const auto& step : engine_->tracer().drainProgress()) {
        legs.push_back(step.from + ">" + step.to + " " + step.label);
    }
    const std::vector<std::string> expected{"external>lb-1 GET /", "lb-1>web-1 GET /",
                                            "web-1>lb-1 200", "lb-1>external 200"};
    QCOMPARE(legs, expected);
}

QTEST_GUILESS_MAIN(PacingTest)
#include "test_pacing.moc"
