#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

#include "test_support.h"
#include "upstream_pool.h"

using namespace wsl;
using namespace wsl::test;

namespace {

using Clock = std::chrono::steady_clock;

LoadSettings rateRun(int rate, int seconds, double page, double read, double write) {
    LoadSettings settings;
    settings.mode = LoadMode::Rate;
    settings.rate = rate;
    settings.duration = std::chrono::seconds(seconds);
    settings.pageShare = page;
    settings.readShare = read;
    settings.writeShare = write;
    return settings;
}

bool ended(const LoadStatus& status) {
    return status.state == "finished" || status.state == "stopped";
}

// Waits for the run to end and returns its summary.

std::uint64_t failures(const LoadStatus& status) {
    return status.status4xx + status.status5xx + status.refused + status.timeout + status.reset +
           status.otherErrors;
}

}  // namespace

class TestLoadGenerator : public QObject {
    Q_OBJECT

private slots:
    void init() {
        engine_ = std::make_unique<Engine>(testEngineOptions());
        engine_->start();
        engine_->tracer().drainSpans();
    }

    void cleanup() { engine_.reset(); }

    void countsEqualTheClientsEntrySpans_data() {
        QTest::addColumn<int>("rate");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("50 req/s, keep-alive") << 50 << true;
        QTest::newRow("400 req/s, keep-alive") << 400 << true;
        QTest::newRow("50 req/s, a connection each") << 50 << false;
    }

    void countsEqualTheClientsEntrySpans() {
        QFETCH(int, rate);
        QFETCH(bool, keepAlive);
        auto settings = rateRun(rate, 2, 0.5, 0.3, 0.2);
        settings.keepAlive = keepAlive;
        QCOMPARE(engine_->startLoad(settings), std::string());
        const auto summary = waitForLoadSummary(*engine_);
        const auto expected = static_cast<std::uint64_t>(rate) * 2;
        QCOMPARE(summary.state, std::string("finished"));
        QCOMPARE(summary.sent, expected);

        std::uint64_t entries = 0;
        std::uint64_t succeeded = 0;
        std::uint64_t atBalancer = 0;
        for (const auto& shared : engine_->tracer().drainSpans()) {
            const Span& span = *shared;
            if (span.node == "client" && span.entry) {
                ++entries;
                succeeded += span.outcome == Outcome::Ok && span.status < 400 ? 1 : 0;
            }
            atBalancer += span.node == "lb-1" && span.peer == "client" ? 1 : 0;
        }
        QCOMPARE(entries, summary.sent);
        QCOMPARE(succeeded, summary.succeeded);
        QCOMPARE(atBalancer, summary.sent);
        QCOMPARE(summary.succeeded + failures(summary), summary.sent);
        QCOMPARE(summary.latency.count, summary.sent);
        QCOMPARE(summary.newConnections + summary.reusedConnections, summary.sent);

        const auto events = engine_->tracer().recentEvents(50);
        const auto ending = std::find_if(events.begin(), events.end(), [&](const Event& event) {
            return event.kind == "load" &&
                   event.detail.starts_with("load run finished: " + std::to_string(expected) +
                                            " sent");
        });
        QVERIFY(ending != events.end());
        QCOMPARE(ending->node, std::string("client"));
    }

    void keepAliveRunReusesConnections() {
        QCOMPARE(engine_->startLoad(rateRun(100, 2, 0.6, 0.3, 0.1)), std::string());
        const auto summary = waitForLoadSummary(*engine_);
        QCOMPARE(summary.succeeded, std::uint64_t{200});
        // A request every 10 ms, each taking a few: a handful of connections carry them all,
        // and a quarter leaves room for a slow machine.
        QVERIFY2(summary.newConnections <= 50, std::to_string(summary.newConnections).c_str());
        QCOMPARE(summary.reusedConnections, summary.sent - summary.newConnections);

        // Only the requests that opened a connection have a connect phase.
        std::uint64_t connectPhases = 0;
        for (const auto& shared : engine_->tracer().drainSpans()) {
            const Span& span = *shared;
            if (span.node != "client" || !span.entry) {
                continue;
            }
            for (const auto& phase : span.phases) {
                connectPhases += phase.name == "connect" ? 1 : 0;
            }
        }
        QCOMPARE(connectPhases, summary.newConnections);
    }

    void runWithoutKeepAliveConnectsEachTime() {
        auto settings = rateRun(100, 1, 1, 0, 0);
        settings.keepAlive = false;
        QCOMPARE(engine_->startLoad(settings), std::string());
        const auto summary = waitForLoadSummary(*engine_);
        QCOMPARE(summary.succeeded, std::uint64_t{100});
        QCOMPARE(summary.newConnections, std::uint64_t{100});
        QCOMPARE(summary.reusedConnections, std::uint64_t{0});
    }

    void rateRunKeepsAtMostItsConnections() {
        // Each read takes 400 ms, so 1,000 reads in a second would need about 400 connections.
        AppCapacity capacity;
        capacity.concurrencyLimit = 1000;
        capacity.costPerRequest = std::chrono::milliseconds(400);
        QCOMPARE(engine_->setAppCapacity(capacity), std::string());

        QCOMPARE(engine_->startLoad(rateRun(1000, 1, 0, 1, 0)), std::string());
        std::uint64_t maxWaiting = 0;
        std::uint64_t maxOpenAtBalancer = 0;
        QVERIFY(waitFor(
            [&] {
                const auto status = engine_->loadStatus();
                maxWaiting = std::max(maxWaiting, status.waiting);
                if (const auto balancer = engine_->node("lb-1")) {
                    maxOpenAtBalancer =
                        std::max(maxOpenAtBalancer, balancer->counters.openConnections);
                }
                return ended(status);
            },
            std::chrono::seconds(20)));
        const auto summary = engine_->loadStatus();
        QCOMPARE(summary.succeeded, std::uint64_t{1000});
        QCOMPARE(summary.waiting, std::uint64_t{0});
        QVERIFY(maxWaiting > 0);
        // The idle connections that the pool keeps are open too.
        QVERIFY2(
            maxOpenAtBalancer <= LoadGenerator::kMaxConnections + UpstreamPool::kMaxIdlePerTarget,
            std::to_string(maxOpenAtBalancer).c_str());
    }

    void firewallChangeClosesKeptConnections() {
        engine_.reset();
        auto options = testEngineOptions();
        options.topology.firewalls = securedFirewalls(options.topology);
        engine_ = std::make_unique<Engine>(options);
        engine_->start();

        QCOMPARE(engine_->startLoad(rateRun(100, 3, 1, 0, 0)), std::string());
        QVERIFY(waitFor([this] { return engine_->loadStatus().reusedConnections >= 20; }));
        // An empty table rejects every new connection. The ones the client keeps from before
        // must not carry a request past it.
        QCOMPARE(engine_->setFirewallRules("fw-lb-1", {}), std::string());
        const auto sentBefore = engine_->loadStatus().sent;
        const auto summary = waitForLoadSummary(*engine_);
        QVERIFY(summary.sent > sentBefore);
        QVERIFY2(failures(summary) >= summary.sent - sentBefore,
                 (std::to_string(failures(summary)) + " failed of " +
                  std::to_string(summary.sent - sentBefore) + " sent after the change")
                     .c_str());
    }

    void constantRateIsKeptOverTwoSeconds() {
        const auto startedAt = Clock::now();
        QCOMPARE(engine_->startLoad(rateRun(200, 2, 1, 0, 0)), std::string());
        QVERIFY(waitFor([this] { return engine_->loadStatus().elapsedSeconds >= 1.0; }));
        const auto midway = engine_->loadStatus();
        const auto summary = waitForLoadSummary(*engine_);
        const std::chrono::duration<double> took = Clock::now() - startedAt;

        // Wide bounds, because the test shares its cores with others: a run that sent its
        // requests at once would show 400 a second here, one at half the rate 100.
        const double midwayRate = static_cast<double>(midway.sent) / midway.elapsedSeconds;
        QVERIFY2(midwayRate > 150 && midwayRate < 250, std::to_string(midwayRate).c_str());
        QCOMPARE(summary.sent, std::uint64_t{400});
        QCOMPARE(summary.skipped, std::uint64_t{0});
        QCOMPARE(summary.succeeded, std::uint64_t{400});
        QVERIFY2(took.count() > 1.9 && took.count() < 6.0, std::to_string(took.count()).c_str());
    }

    void mixSharesAreRoughlyRespected() {
        QCOMPARE(engine_->startLoad(rateRun(250, 2, 0.6, 0.3, 0.1)), std::string());
        const auto summary = waitForLoadSummary(*engine_);
        QCOMPARE(summary.sent, std::uint64_t{500});
        QCOMPARE(summary.pages + summary.reads + summary.writes, summary.sent);
        // At 500 requests the shares' standard deviations are 2.2, 2.1 and 1.3 points. Each
        // bound is more than 4.5 of them, so a correct mix fails fewer than once in 100,000 runs.
        // With 7 points for every share it failed about once in 500.
        const auto share = [&summary](std::uint64_t count) {
            return static_cast<double>(count) / static_cast<double>(summary.sent);
        };
        QVERIFY2(std::abs(share(summary.pages) - 0.6) < 0.1, std::to_string(summary.pages).c_str());
        QVERIFY2(std::abs(share(summary.reads) - 0.3) < 0.1, std::to_string(summary.reads).c_str());
        QVERIFY2(std::abs(share(summary.writes) - 0.1) < 0.07,
                 std::to_string(summary.writes).c_str());
    }

    void usersModeKeepsOneRequestPerUser() {
        LoadSettings settings;
        settings.mode = LoadMode::Users;
        settings.users = 4;
        settings.duration = std::chrono::seconds(1);
        QCOMPARE(engine_->startLoad(settings), std::string());
        std::uint64_t maxInFlight = 0;
        waitFor([this, &maxInFlight] {
            const auto status = engine_->loadStatus();
            maxInFlight = std::max(maxInFlight, status.inFlight);
            return ended(status);
        });
        const auto summary = engine_->loadStatus();
        QCOMPARE(summary.state, std::string("finished"));
        QVERIFY(maxInFlight <= 4);
        QVERIFY(summary.sent > 20);
        QCOMPARE(summary.succeeded, summary.sent);
    }

    void saturationGives503sAndAddedServersRemoveThem() {
        // One server takes 2 requests of 50 ms at once: 40 reads a second.
        AppCapacity capacity;
        capacity.concurrencyLimit = 2;
        capacity.costPerRequest = std::chrono::milliseconds(50);
        QCOMPARE(engine_->setAppCapacity(capacity), std::string());

        QCOMPARE(engine_->startLoad(rateRun(100, 2, 0, 1, 0)), std::string());
        const auto saturated = waitForLoadSummary(*engine_);
        QCOMPARE(saturated.sent, std::uint64_t{200});
        // 200 reads against 80 served and 32 queued: about 90 must be turned away.
        QVERIFY2(saturated.status5xx >= 40, std::to_string(saturated.status5xx).c_str());
        // More than a third are turned away at once, so the median may be short: the served
        // ones, each at least 50 ms, are in the tail.
        QVERIFY(saturated.latency.percentile(0.95) > 0.05);

        // Six servers take 240 reads a second, each about 17 of the 100.
        for (int i = 0; i < 5; ++i) {
            QVERIFY(engine_->addServer(NodeKind::AppServer).error.empty());
        }
        QCOMPARE(engine_->startLoad(rateRun(100, 2, 0, 1, 0)), std::string());
        const auto scaled = waitForLoadSummary(*engine_);
        QCOMPARE(scaled.sent, std::uint64_t{200});
        QCOMPARE(scaled.status5xx, std::uint64_t{0});
        QCOMPARE(scaled.succeeded, std::uint64_t{200});
    }

    void appServerAtCapacityNamesItself() {
        AppCapacity capacity;
        capacity.concurrencyLimit = 1;
        capacity.queueLimit = 0;
        capacity.costPerRequest = std::chrono::milliseconds(1000);
        QCOMPARE(engine_->setAppCapacity(capacity), std::string());
        const auto address = addressOf(*engine_, "app-1");
        const auto port = portOf(*engine_, "app-1");
        // Two requests at once: whichever comes second finds the only slot taken for a second.
        Reply replies[2];
        {
            std::jthread first(
                [&] { replies[0] = httpRequest(address, port, "GET", "/api/whoami"); });
            std::jthread second(
                [&] { replies[1] = httpRequest(address, port, "GET", "/api/whoami"); });
        }
        std::sort(std::begin(replies), std::end(replies),
                  [](const Reply& a, const Reply& b) { return a.status < b.status; });
        QCOMPARE(replies[0].status, 200);
        QCOMPARE(replies[1].status, 503);
        QVERIFY2(replies[1].body.find("app-1 is at capacity") != std::string::npos,
                 replies[1].body.c_str());
    }

    void adminStartsStopsAndReportsARun() {
        const auto port = engine_->adminPort();
        auto reply = httpRequest("127.0.0.1", port, "POST", "/load",
                                 R"({"mode":"rate","rate":20,"users":0,)"
                                 R"("mix":{"page":0.6,"read":0.3,"write":0.1},"seconds":30})");
        QCOMPARE(reply.status, 202);
        reply = httpRequest("127.0.0.1", port, "POST", "/load", R"({"rate":20,"seconds":5})");
        QCOMPARE(reply.status, 409);

        reply = httpRequest("127.0.0.1", port, "POST", "/load/stop");
        QCOMPARE(reply.status, 200);
        QVERIFY(waitFor([&] {
            const auto body = nlohmann::json::parse(
                httpRequest("127.0.0.1", port, "GET", "/load").body, nullptr, false);
            return body.is_object() && body.value("state", "") == "stopped";
        }));
        const auto body =
            nlohmann::json::parse(httpRequest("127.0.0.1", port, "GET", "/load").body);
        QVERIFY(body["sent"].get<int>() >= 1);
        QVERIFY(body["elapsedSeconds"].get<double>() < 30);
        QCOMPARE(body["remainingSeconds"].get<double>(), 0.0);
        QVERIFY(body["latencyMs"].contains("p95"));
        QCOMPARE(body["keepAlive"].get<bool>(), true);
        QCOMPARE(body["connections"]["new"].get<int>() + body["connections"]["reused"].get<int>(),
                 body["sent"].get<int>());

        reply = httpRequest("127.0.0.1", port, "PUT", "/capacity",
                            R"({"concurrencyLimit":8,"costMs":5})");
        QCOMPARE(reply.status, 200);
        QCOMPARE(engine_->appCapacity().concurrencyLimit, 8);
        QCOMPARE(engine_->appCapacity().costPerRequest.count(), 5);
        QCOMPARE(engine_->appCapacity().queueLimit, 32);
    }

    void loadReachesTheSimpleAndScaledEntries_data() {
        QTest::addColumn<bool>("scaled");
        QTest::newRow("Simple: the web server") << false;
        QTest::newRow("Scaled: the virtual address") << true;
    }

    void loadReachesTheSimpleAndScaledEntries() {
        QFETCH(bool, scaled);
        engine_.reset();
        auto options = testEngineOptions();
        options.topology = scaled ? scaledTopology(true) : simpleTopology(true);
        engine_ = std::make_unique<Engine>(options);
        engine_->start();
        if (scaled) {
            QVERIFY(waitFor([this] {
                const auto pair = engine_->virtualAddress();
                return pair && !pair->holder.empty();
            }));
        }
        engine_->tracer().drainSpans();

        QCOMPARE(engine_->startLoad(rateRun(50, 1, 0.5, 0.5, 0)), std::string());
        const auto summary = waitForLoadSummary(*engine_);
        QCOMPARE(summary.sent, std::uint64_t{50});
        QCOMPARE(summary.succeeded, std::uint64_t{50});
        const auto entryName = scaled ? engine_->virtualAddress()->holder : std::string("web-1");
        std::uint64_t atEntry = 0;
        for (const auto& shared : engine_->tracer().drainSpans()) {
            const Span& span = *shared;
            atEntry += span.node == entryName && span.peer == "client" ? 1 : 0;
        }
        QCOMPARE(atEntry, summary.sent);
    }

    void badAdminInputGets400_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::newRow("not JSON") << "POST"
                                  << "/load"
                                  << "rate=5";
        QTest::newRow("unknown mode") << "POST"
                                      << "/load"
                                      << R"({"mode":"fast","rate":5})";
        QTest::newRow("rate zero") << "POST"
                                   << "/load"
                                   << R"({"rate":0,"seconds":5})";
        QTest::newRow("rate above 5000") << "POST"
                                         << "/load"
                                         << R"({"rate":5001,"seconds":5})";
        QTest::newRow("rate as text") << "POST"
                                      << "/load"
                                      << R"({"rate":"fast","seconds":5})";
        QTest::newRow("too many users") << "POST"
                                        << "/load"
                                        << R"({"mode":"users","users":501,"seconds":5})";
        QTest::newRow("over an hour") << "POST"
                                      << "/load"
                                      << R"({"rate":5,"seconds":3601})";
        QTest::newRow("mix not an object") << "POST"
                                           << "/load"
                                           << R"({"rate":5,"mix":[1]})";
        QTest::newRow("empty mix") << "POST"
                                   << "/load"
                                   << R"({"rate":5,"mix":{"page":0,"read":0}})";
        QTest::newRow("negative share") << "POST"
                                        << "/load"
                                        << R"({"rate":5,"mix":{"read":-1}})";
        QTest::newRow("keepAlive as text") << "POST"
                                           << "/load"
                                           << R"({"rate":5,"keepAlive":"yes"})";
        QTest::newRow("limit zero") << "PUT"
                                    << "/capacity"
                                    << R"({"concurrencyLimit":0})";
        QTest::newRow("cost as text") << "PUT"
                                      << "/capacity"
                                      << R"({"costMs":"5"})";
        QTest::newRow("negative queue") << "PUT"
                                        << "/capacity"
                                        << R"({"queueLimit":-1})";
        QTest::newRow("empty capacity") << "PUT"
                                        << "/capacity"
                                        << "{}";
    }

    void badAdminInputGets400() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        const auto reply = httpRequest("127.0.0.1", engine_->adminPort(), method.toStdString(),
                                       path.toStdString(), body.toStdString());
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.body.empty());
        QCOMPARE(engine_->loadStatus().state, std::string("idle"));
        QCOMPARE(engine_->appCapacity().concurrencyLimit, 64);
    }

private:
    std::unique_ptr<Engine> engine_;
};

QTEST_GUILESS_MAIN(TestLoadGenerator)
#include "test_load_generator.moc"
