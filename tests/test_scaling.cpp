#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "hop_gate.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

using Clock = std::chrono::steady_clock;

// Five senders, each one request every 100 ms: about 50 requests per second.
constexpr int kSenders = 5;
constexpr std::chrono::milliseconds kSendPeriod{100};
constexpr std::chrono::milliseconds kHopDelay{20};

struct Sample {
    Clock::time_point sentAt;
    Reply reply;
};

// Sends GET requests from `threads` background threads, each one request every `period`, and
// keeps every reply.
class Load {
public:
    Load(std::string address, std::uint16_t port, std::string target, int threads,
         std::chrono::milliseconds period) {
        for (int i = 0; i < threads; ++i) {
            // Staggered starts spread the requests evenly over each period.
            const auto offset = period * i / threads;
            threads_.emplace_back([this, address, port, target, period, offset] {
                auto next = Clock::now() + offset;
                std::this_thread::sleep_until(next);
                while (!done_) {
                    const auto sentAt = Clock::now();
                    auto reply = httpRequest(address, port, "GET", target);
                    {
                        std::lock_guard lock(mutex_);
                        samples_.push_back({sentAt, std::move(reply)});
                    }
                    next += period;
                    std::this_thread::sleep_until(next);
                }
            });
        }
    }
    ~Load() { stop(); }

    void stop() {
        done_ = true;
        for (auto& thread : threads_) {
            if (thread.joinable()) {
                thread.join();
            }
        }
    }

    std::vector<Sample> samples() const {
        std::lock_guard lock(mutex_);
        return samples_;
    }

    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return samples_.size();
    }

    // One line per reply that is not a 200, for the failure message.
    std::string failures() const {
        std::string lines;
        for (const auto& sample : samples()) {
            if (sample.reply.status != 200) {
                lines += std::to_string(sample.reply.status) + " " + sample.reply.error + " " +
                         sample.reply.body.substr(0, 200) + "\n";
            }
        }
        return lines;
    }

private:
    std::atomic<bool> done_{false};
    mutable std::mutex mutex_;
    std::vector<Sample> samples_;
    std::vector<std::thread> threads_;
};

// The application server named in a /api/whoami response, e.g. "app-2".
std::string appServerOf(const Reply& reply) {
    const std::string key = "\"appServer\":\"";
    const auto at = reply.body.find(key);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + key.size();
    return reply.body.substr(start, reply.body.find('"', start) - start);
}

bool servedBy(const Sample& sample, const std::string& server) {
    return sample.reply.header("x-served-by") == server || appServerOf(sample.reply) == server;
}

bool hasLink(const Topology& topology, const std::string& from, const std::string& to) {
    return std::any_of(topology.links.begin(), topology.links.end(),
                       [&](const LinkSpec& link) { return link.from == from && link.to == to; });
}

}  // namespace

// Adding and removing web and application servers while requests flow through the stack.
class ScalingTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void addedWebServerReceivesRequests();
    void addedAppServerReceivesApiRequests();
    void removedWebServerLosesNoRequests();
    void removedAppServerLosesNoRequests();
    void freedNumberIsReused();
    void lastServerRemovalRejected();
    void onlyWebAndAppServersScale();
    void adminAddsAndRemovesServers();

private:
    bool waitForServed(const Load& load, const std::string& server, int times);
    bool hasEvent(const std::string& node, const std::string& detailPart) const;

    std::unique_ptr<Engine> engine_;
    std::string frontAddress_;
    std::uint16_t frontPort_ = 0;
};

void ScalingTest::init() {
    auto options = testEngineOptions();
    const auto checks = options.topology.healthCheck;
    if (QString(QTest::currentTestFunction()) != "lastServerRemovalRejected") {
        options.topology = scaledTopology(true);
        options.topology.healthCheck = checks;
        options.topology.loadBalancerPair.heartbeatInterval = std::chrono::milliseconds(50);
    }
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
    frontAddress_ = addressOf(*engine_, "lb-1");
    frontPort_ = portOf(*engine_, "lb-1");
}

void ScalingTest::cleanup() {
    engine_.reset();
}

bool ScalingTest::waitForServed(const Load& load, const std::string& server, int times) {
    return waitFor([&load, &server, times] {
        const auto samples = load.samples();
        return std::count_if(samples.begin(), samples.end(), [&server](const Sample& sample) {
                   return servedBy(sample, server);
               }) >= times;
    });
}

bool ScalingTest::hasEvent(const std::string& node, const std::string& detailPart) const {
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.node == node && event.detail.find(detailPart) != std::string::npos;
    });
}

void ScalingTest::addedWebServerReceivesRequests() {
    Load load(frontAddress_, frontPort_, "/", 1, std::chrono::milliseconds(20));
    QVERIFY(waitFor([&load] { return load.count() >= 5; }));

    const auto added = engine_->addServer(NodeKind::WebServer);
    QCOMPARE(added.error, std::string{});
    QCOMPARE(added.name, std::string("web-4"));
    QVERIFY(waitForServed(load, "web-4", 3));
    load.stop();
    QVERIFY2(load.failures().empty(), load.failures().c_str());

    const auto status = engine_->node("web-4");
    QVERIFY(status && status->listening);
    QCOMPARE(status->address, std::string("127.0.20.4"));
    QCOMPARE(status->state, std::string("UP"));
    const auto services = engine_->services();
    QVERIFY(std::any_of(services.begin(), services.end(),
                        [](const ServiceInfo& service) { return service.name == "web-4"; }));
    const auto topology = engine_->topology();
    QVERIFY(hasLink(topology, "lb-1", "web-4"));
    QVERIFY(hasLink(topology, "lb-2", "web-4"));
    QVERIFY(hasLink(topology, "web-4", "app-2"));
    QVERIFY(hasEvent("web-4", "added"));

    // The second balancer's pool has it too.
    const auto lb2 = addressOf(*engine_, "lb-2");
    const auto lb2Port = portOf(*engine_, "lb-2");
    QVERIFY(waitFor(
        [&] { return httpRequest(lb2, lb2Port, "GET", "/").header("x-served-by") == "web-4"; }));
}

void ScalingTest::addedAppServerReceivesApiRequests() {
    Load load(frontAddress_, frontPort_, "/api/whoami", 1, std::chrono::milliseconds(20));
    QVERIFY(waitFor([&load] { return load.count() >= 5; }));

    const auto added = engine_->addServer(NodeKind::AppServer);
    QCOMPARE(added.error, std::string{});
    QCOMPARE(added.name, std::string("app-3"));
    QVERIFY(waitForServed(load, "app-3", 3));
    load.stop();
    QVERIFY2(load.failures().empty(), load.failures().c_str());

    QCOMPARE(engine_->node("app-3")->address, std::string("127.0.30.3"));
    const auto topology = engine_->topology();
    QVERIFY(hasLink(topology, "web-1", "app-3"));
    QVERIFY(hasLink(topology, "web-3", "app-3"));
    QVERIFY(hasLink(topology, "app-3", "db-primary"));
    QVERIFY(hasLink(topology, "app-3", "db-replica-1"));
}

void ScalingTest::removedWebServerLosesNoRequests() {
    const auto address = addressOf(*engine_, "web-2");
    const auto port = portOf(*engine_, "web-2");
    // Slowed hops keep several requests in flight at any time, so that some are on web-2 when
    // it is removed.
    engine_->gate().setMode(HopMode::SlowMotion, kHopDelay);
    Load load(frontAddress_, frontPort_, "/", kSenders, kSendPeriod);
    QVERIFY(waitForServed(load, "web-2", 2));

    QCOMPARE(engine_->removeServer("web-2"), std::string{});
    const auto removedAt = Clock::now();
    QVERIFY(!engine_->node("web-2"));
    QVERIFY(!engine_->topology().find("web-2"));
    QVERIFY(waitFor([this] { return hasEvent("web-2", "stopped"); }));
    const auto count = load.count();
    QVERIFY(waitFor([&load, count] { return load.count() >= count + 10; }));
    load.stop();

    QVERIFY2(load.failures().empty(), load.failures().c_str());
    for (const auto& sample : load.samples()) {
        QVERIFY(sample.sentAt < removedAt || !servedBy(sample, "web-2"));
    }
    QVERIFY(!httpRequest(address, port, "GET", "/").error.empty());
    QVERIFY(!hasLink(engine_->topology(), "lb-1", "web-2"));
    // The balancer retries a failed GET on another server, which would hide a request cut
    // short by the removal. A drained removal needs no retry at all.
    QVERIFY(!hasEvent("lb-1", "web-2 failed"));
}

void ScalingTest::removedAppServerLosesNoRequests() {
    const auto address = addressOf(*engine_, "app-2");
    const auto port = portOf(*engine_, "app-2");
    engine_->gate().setMode(HopMode::SlowMotion, kHopDelay);
    Load load(frontAddress_, frontPort_, "/api/whoami", kSenders, kSendPeriod);
    QVERIFY(waitForServed(load, "app-2", 2));

    QCOMPARE(engine_->removeServer("app-2"), std::string{});
    const auto removedAt = Clock::now();
    QVERIFY(waitFor([this] { return hasEvent("app-2", "stopped"); }));
    const auto count = load.count();
    QVERIFY(waitFor([&load, count] { return load.count() >= count + 10; }));
    load.stop();

    QVERIFY2(load.failures().empty(), load.failures().c_str());
    for (const auto& sample : load.samples()) {
        QVERIFY(sample.sentAt < removedAt || !servedBy(sample, "app-2"));
    }
    QVERIFY(!httpRequest(address, port, "GET", "/api/whoami").error.empty());
}

void ScalingTest::freedNumberIsReused() {
    QCOMPARE(engine_->removeServer("web-2"), std::string{});
    const auto added = engine_->addServer(NodeKind::WebServer);
    QCOMPARE(added.error, std::string{});
    QCOMPARE(added.name, std::string("web-2"));
    QCOMPARE(engine_->node("web-2")->address, std::string("127.0.20.2"));
    QVERIFY(engine_->node("web-2")->listening);
}

void ScalingTest::lastServerRemovalRejected() {
    const auto error = engine_->removeServer("app-1");
    QVERIFY2(error.find("last") != std::string::npos, error.c_str());
    QVERIFY(engine_->node("app-1")->listening);
    QVERIFY(engine_->topology().find("app-1"));
    const auto reply = httpRequest(frontAddress_, frontPort_, "GET", "/api/whoami");
    QCOMPARE(reply.status, 200);
}

void ScalingTest::onlyWebAndAppServersScale() {
    const auto removeError = engine_->removeServer("lb-2");
    QVERIFY2(removeError.find("only web and application") != std::string::npos,
             removeError.c_str());
    QVERIFY(engine_->node("lb-2")->listening);
    QVERIFY(engine_->addServer(NodeKind::Database).name.empty());
    QVERIFY(!engine_->addServer(NodeKind::Database).error.empty());
    QCOMPARE(engine_->removeServer("web-9"), std::string("no node named 'web-9'"));
}

void ScalingTest::adminAddsAndRemovesServers() {
    const auto admin = engine_->adminPort();
    const auto added = httpRequest("127.0.0.1", admin, "POST", "/servers", R"({"kind": "web"})",
                                   {{"Content-Type", "application/json"}});
    QCOMPARE(added.status, 201);
    QVERIFY2(added.body.find(R"("name": "web-4")") != std::string::npos, added.body.c_str());
    QCOMPARE(added.header("location"), std::string("/nodes/web-4"));
    QVERIFY(engine_->node("web-4"));

    const auto invalid = httpRequest("127.0.0.1", admin, "POST", "/servers", R"({"kind": "db"})");
    QCOMPARE(invalid.status, 400);

    const auto removed = httpRequest("127.0.0.1", admin, "DELETE", "/servers/web-4");
    QCOMPARE(removed.status, 200);
    QVERIFY(!engine_->node("web-4"));

    QCOMPARE(httpRequest("127.0.0.1", admin, "DELETE", "/servers/web-9").status, 404);
    QCOMPARE(httpRequest("127.0.0.1", admin, "DELETE", "/servers/app-2").status, 200);
    const auto last = httpRequest("127.0.0.1", admin, "DELETE", "/servers/app-1");
    QCOMPARE(last.status, 409);
    QVERIFY2(last.body.find("last") != std::string::npos, last.body.c_str());
}

QTEST_GUILESS_MAIN(ScalingTest)
#include "test_scaling.moc"
