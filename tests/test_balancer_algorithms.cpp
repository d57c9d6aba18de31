#include <QtTest>

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "load_balancer.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A backend that names itself in X-Served-By and keeps the headers of the last request. GET
// /slow waits until release() or five seconds, so that a test can keep a request in flight.
struct Backend {
    Backend(asio::io_context& io, std::string backendName)
        : name(std::move(backendName)),
          server(io,
                 HttpServer::Options{
                     name, HttpLimits{}, nullptr, nullptr, nullptr, {}, nullptr, {}, nullptr},
                 [this](HttpRequest& request, RequestContext&) { return handle(request); }) {
        port = server.start("127.0.0.1", 0);
    }

    asio::awaitable<HttpResponse> handle(HttpRequest& request) {
        if (request.find("X-Health-Check") == request.end()) {
            ++requests;
            std::lock_guard lock(mutex);
            lastHeaders = copyHeaders(request.base());
        }
        if (request.target() == "/slow") {
            asio::steady_timer timer(co_await asio::this_coro::executor);
            for (int i = 0; i < 1000 && !released; ++i) {
                timer.expires_after(std::chrono::milliseconds(5));
                co_await timer.async_wait(asio::use_awaitable);
            }
        }
        auto status = request.target() == "/missing" ? http::status::not_found : http::status::ok;
        auto response = makeResponse(request, status, name, "text/plain");
        response.set("X-Served-By", name);
        co_return response;
    }

    std::string header(const std::string& field) {
        std::lock_guard lock(mutex);
        for (const auto& [key, value] : lastHeaders) {
            if (QString::fromStdString(key).compare(QString::fromStdString(field),
                                                    Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }

    UpstreamTarget target() const { return {name, "127.0.0.1", port}; }

    std::string name;
    HttpServer server;
    std::uint16_t port = 0;
    std::atomic<int> requests{0};
    std::atomic<bool> released{false};
    std::mutex mutex;
    HeaderList lastHeaders;
};

// A backend that reads one request, sends the start of a response and resets the connection.
struct ResettingBackend {
    explicit ResettingBackend(asio::io_context& io)
        : acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
        port = acceptor.local_endpoint().port();
        asio::co_spawn(io, acceptLoop(), asio::detached);
    }
    ~ResettingBackend() {
        boost::system::error_code ignored;
        acceptor.close(ignored);
    }

    asio::awaitable<void> acceptLoop() {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket(acceptor.get_executor());
            co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                co_return;
            }
            std::string received;
            co_await asio::async_read_until(socket, asio::dynamic_buffer(received), "\r\n\r\n",
                                            asio::redirect_error(asio::use_awaitable, ec));
            ++requests;
            const std::string partial =
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nthe first bytes";
            co_await asio::async_write(socket, asio::buffer(partial),
                                       asio::redirect_error(asio::use_awaitable, ec));
            // A zero linger time turns close() into a reset.
            socket.set_option(asio::socket_base::linger(true, 0), ec);
            socket.close(ec);
        }
    }

    UpstreamTarget target() const { return {"resetting", "127.0.0.1", port}; }

    tcp::acceptor acceptor;
    std::uint16_t port = 0;
    std::atomic<int> requests{0};
};

// Sends a GET from `sourceAddress`, so that the balancer takes that address as the client's.
std::string servedByFrom(const std::string& sourceAddress, std::uint16_t port) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.bind({asio::ip::make_address(sourceAddress), 0});
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: lb\r\n"
                                                 "Connection: close\r\n\r\n")));
    std::string response;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(response), ec);
    const auto at = response.find("X-Served-By: ");
    return at == std::string::npos ? response
                                   : response.substr(at + 13, response.find("\r\n", at) - at - 13);
}

}  // namespace

// The balancing algorithms, backups, drain, retries and forwarding headers of one load
// balancer in front of backends that the test runs, over real loopback sockets.
class BalancerAlgorithmsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void weightedRoundRobinFollowsWeights();
    void roundRobinIgnoresWeights();
    void leastConnectionsAvoidsBusyServer();
    void sourceHashKeepsClientOnServer();
    void sourceHashRemapsOnlyRemovedServer();
    void algorithmSwitchDropsNoRequest();
    void backupServesOnlyWhileActivesDown();
    void drainLetsInFlightRequestFinish();
    void maintenanceStopsNewRequests();
    void getResetMidResponseIsRetried();
    void postResetMidResponseIsNotResent();
    void triesAreBounded();
    void forwardedForKeepsClientListAndAppendsPeer();
    void healthCheckSettingsApplyLive();
    void healthCheckTimeoutMarksSlowDown();

private:
    void startBalancer(std::vector<UpstreamTarget> targets, BalancerSettings settings = {},
                       std::chrono::milliseconds interval = std::chrono::milliseconds(60000));
    Reply send(const std::string& method, const std::string& target,
               const std::map<std::string, std::string>& headers = {});
    std::map<std::string, int> countServedBy(int requests);
    std::vector<UpstreamTarget> targetsOf(int count);
    bool hasEvent(const std::string& kind, const std::string& part);

    std::unique_ptr<asio::io_context> io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
    std::unique_ptr<Tracer> tracer_;
    std::vector<std::unique_ptr<Backend>> backends_;
    std::unique_ptr<ResettingBackend> resetting_;
    std::unique_ptr<LoadBalancer> balancer_;
    std::uint16_t port_ = 0;
};

void BalancerAlgorithmsTest::init() {
    io_ = std::make_unique<asio::io_context>();
    work_.emplace(io_->get_executor());
    for (int i = 0; i < 2; ++i) {
        threads_.emplace_back([this] { io_->run(); });
    }
    tracer_ = std::make_unique<Tracer>();
}

void BalancerAlgorithmsTest::cleanup() {
    for (auto& backend : backends_) {
        backend->released = true;
    }
    if (balancer_) {
        balancer_->stop();
    }
    for (auto& backend : backends_) {
        backend->server.stop();
    }
    work_.reset();
    io_->stop();
    for (auto& thread : threads_) {
        thread.join();
    }
    threads_.clear();
    // After the threads: its accept loop, unguarded by a strand, may be between two accepts on
    // one of them.
    resetting_.reset();
    balancer_.reset();
    backends_.clear();
    io_.reset();
}

std::vector<UpstreamTarget> BalancerAlgorithmsTest::targetsOf(int count) {
    std::vector<UpstreamTarget> targets;
    for (int i = 0; i < count; ++i) {
        backends_.push_back(std::make_unique<Backend>(*io_, "web-" + std::to_string(i + 1)));
        targets.push_back(backends_.back()->target());
    }
    return targets;
}

void BalancerAlgorithmsTest::startBalancer(std::vector<UpstreamTarget> targets,
                                           BalancerSettings settings,
                                           std::chrono::milliseconds interval) {
    HealthCheckSettings checks;
    checks.interval = interval;
    checks.timeout = std::chrono::milliseconds(500);
    NodeEnvironment environment{*io_, *tracer_, nullptr, HttpLimits{}, nullptr, {}};
    balancer_ =
        std::make_unique<LoadBalancer>(NodeSpec{"lb", NodeKind::LoadBalancer, "127.0.0.1", 0},
                                       environment, std::move(targets), checks, settings);
    port_ = balancer_->start(0);
}

Reply BalancerAlgorithmsTest::send(const std::string& method, const std::string& target,
                                   const std::map<std::string, std::string>& headers) {
    return httpRequest("127.0.0.1", port_, method, target, method == "POST" ? "{}" : "", headers);
}

std::map<std::string, int> BalancerAlgorithmsTest::countServedBy(int requests) {
    std::map<std::string, int> counts;
    for (int i = 0; i < requests; ++i) {
        const auto reply = send("GET", "/");
        ++counts[reply.status == 200 ? reply.header("x-served-by")
                                     : "failed " + std::to_string(reply.status)];
    }
    return counts;
}

bool BalancerAlgorithmsTest::hasEvent(const std::string& kind, const std::string& part) {
    const auto events = tracer_->recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.kind == kind && event.detail.find(part) != std::string::npos;
    });
}

void BalancerAlgorithmsTest::weightedRoundRobinFollowsWeights() {
    startBalancer(targetsOf(3), {BalanceAlgorithm::WeightedRoundRobin, 0});
    QVERIFY(balancer_->setBackendWeight("web-1", 3));

    std::vector<std::string> firstFive;
    for (int i = 0; i < 5; ++i) {
        firstFive.push_back(send("GET", "/").header("x-served-by"));
    }
    // Smooth: the heavy server's turns are spread out, not three in a row.
    QCOMPARE(firstFive, (std::vector<std::string>{"web-1", "web-2", "web-1", "web-3", "web-1"}));

    const auto counts = countServedBy(495);
    QCOMPARE(counts.size(), std::size_t{3});
    QCOMPARE(counts.at("web-1") + 3, 300);
    QCOMPARE(counts.at("web-2") + 1, 100);
    QCOMPARE(counts.at("web-3") + 1, 100);
}

void BalancerAlgorithmsTest::roundRobinIgnoresWeights() {
    startBalancer(targetsOf(3));
    QVERIFY(balancer_->setBackendWeight("web-1", 3));

    const auto counts = countServedBy(300);
    QCOMPARE(counts.at("web-1"), 100);
    QCOMPARE(counts.at("web-2"), 100);
    QCOMPARE(counts.at("web-3"), 100);
}

void BalancerAlgorithmsTest::leastConnectionsAvoidsBusyServer() {
    startBalancer(targetsOf(3), {BalanceAlgorithm::LeastConnections, 0});
    auto slow = std::async(std::launch::async, [this] { return send("GET", "/slow"); });
    QVERIFY(waitFor([this] { return balancer_->pool().find("web-1")->inFlight == 1; }));

    const auto counts = countServedBy(20);
    QCOMPARE(counts.count("web-1"), std::size_t{0});
    QCOMPARE(counts.at("web-2"), 10);
    QCOMPARE(counts.at("web-3"), 10);

    backends_[0]->released = true;
    QCOMPARE(slow.get().status, 200);
    QCOMPARE(balancer_->pool().find("web-1")->inFlight, std::uint64_t{0});
    QVERIFY(countServedBy(3).count("web-1") == 1);
}

void BalancerAlgorithmsTest::sourceHashKeepsClientOnServer() {
    startBalancer(targetsOf(3), {BalanceAlgorithm::SourceHash, 0});

    for (const auto* source : {"127.0.0.2", "127.0.0.3"}) {
        const auto first = servedByFrom(source, port_);
        QVERIFY2(first.starts_with("web-"), first.c_str());
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(servedByFrom(source, port_), first);
        }
    }
}

void BalancerAlgorithmsTest::sourceHashRemapsOnlyRemovedServer() {
    startBalancer(targetsOf(3), {BalanceAlgorithm::SourceHash, 0});
    std::map<std::string, std::string> before;
    std::map<std::string, int> perServer;
    for (int i = 2; i < 26; ++i) {
        const auto source = "127.0.0." + std::to_string(i);
        before[source] = servedByFrom(source, port_);
        ++perServer[before[source]];
    }
    QCOMPARE(perServer.size(), std::size_t{3});  // 24 clients reach every server

    QVERIFY(balancer_->setBackendMode("web-2", BackendMode::Maintenance));
    for (const auto& [source, server] : before) {
        const auto after = servedByFrom(source, port_);
        if (server == "web-2") {
            QVERIFY(after == "web-1" || after == "web-3");
        } else {
            QCOMPARE(after, server);
        }
    }
}

void BalancerAlgorithmsTest::algorithmSwitchDropsNoRequest() {
    startBalancer(targetsOf(3));
    std::atomic<bool> done{false};
    std::atomic<int> failed{0};
    std::atomic<int> sent{0};
    std::thread load([&] {
        while (!done) {
            failed += send("GET", "/").status == 200 ? 0 : 1;
            ++sent;
        }
    });

    for (const auto algorithm :
         {BalanceAlgorithm::WeightedRoundRobin, BalanceAlgorithm::LeastConnections,
          BalanceAlgorithm::SourceHash, BalanceAlgorithm::RoundRobin}) {
        const int before = sent;
        balancer_->setSettings({algorithm, 0});
        QVERIFY(waitFor([&] { return sent >= before + 20; }));
    }
    done = true;
    load.join();
    QCOMPARE(failed.load(), 0);
    QVERIFY(hasEvent("settings", "least-connections"));
}

void BalancerAlgorithmsTest::backupServesOnlyWhileActivesDown() {
    startBalancer(targetsOf(3), {}, std::chrono::milliseconds(20));
    QVERIFY(balancer_->setBackup("web-3", true));

    auto counts = countServedBy(20);
    QCOMPARE(counts.at("web-1"), 10);
    QCOMPARE(counts.at("web-2"), 10);
    QCOMPARE(counts.count("web-3"), std::size_t{0});

    backends_[0]->server.stop();
    backends_[1]->server.stop();
    QVERIFY(waitFor([this] {
        return balancer_->pool().find("web-1")->health == BackendHealth::Down &&
               balancer_->pool().find("web-2")->health == BackendHealth::Down;
    }));
    // The health checker reports a failover just after it changes a server's health.
    QVERIFY(waitFor([this] { return hasEvent("failover", "web-3 takes the traffic"); }));
    counts = countServedBy(10);
    QCOMPARE(counts.at("web-3"), 10);

    backends_[0]->server.start("127.0.0.1", backends_[0]->port);
    QVERIFY(
        waitFor([this] { return balancer_->pool().find("web-1")->health == BackendHealth::Up; }));
    QVERIFY(waitFor([this] { return hasEvent("failover", "web-3 hands the traffic back"); }));
    counts = countServedBy(10);
    QCOMPARE(counts.at("web-1"), 10);
}

void BalancerAlgorithmsTest::drainLetsInFlightRequestFinish() {
    startBalancer(targetsOf(3));
    auto slow = std::async(std::launch::async, [this] { return send("GET", "/slow"); });
    QVERIFY(waitFor([this] { return balancer_->pool().find("web-1")->inFlight == 1; }));

    QVERIFY(balancer_->setBackendMode("web-1", BackendMode::Drain));
    QCOMPARE(backendStateName(*balancer_->pool().find("web-1")), std::string("DRAIN"));
    const auto counts = countServedBy(20);
    QCOMPARE(counts.count("web-1"), std::size_t{0});
    QCOMPARE(counts.at("web-2") + counts.at("web-3"), 20);
    QCOMPARE(balancer_->pool().find("web-1")->inFlight, std::uint64_t{1});

    backends_[0]->released = true;
    const auto reply = slow.get();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("x-served-by"), std::string("web-1"));
    QCOMPARE(balancer_->pool().find("web-1")->inFlight, std::uint64_t{0});

    QVERIFY(balancer_->setBackendMode("web-1", BackendMode::Ready));
    QCOMPARE(countServedBy(3).count("web-1"), std::size_t{1});
}

void BalancerAlgorithmsTest::maintenanceStopsNewRequests() {
    startBalancer(targetsOf(2));
    QVERIFY(balancer_->setBackendMode("web-2", BackendMode::Maintenance));
    QCOMPARE(backendStateName(*balancer_->pool().find("web-2")), std::string("MAINT"));
    QVERIFY(hasEvent("state", "web-2 is MAINT for lb"));

    const auto counts = countServedBy(10);
    QCOMPARE(counts.at("web-1"), 10);
    QVERIFY(!balancer_->setBackendMode("web-9", BackendMode::Drain));
}

void BalancerAlgorithmsTest::getResetMidResponseIsRetried() {
    resetting_ = std::make_unique<ResettingBackend>(*io_);
    auto targets = targetsOf(1);
    targets.insert(targets.begin(), resetting_->target());
    startBalancer(targets);

    const auto reply = send("GET", "/");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("x-served-by"), std::string("web-1"));
    QCOMPARE(resetting_->requests.load(), 1);
    QVERIFY(hasEvent("retry", "resetting failed"));
}

void BalancerAlgorithmsTest::postResetMidResponseIsNotResent() {
    resetting_ = std::make_unique<ResettingBackend>(*io_);
    auto targets = targetsOf(1);
    targets.insert(targets.begin(), resetting_->target());
    startBalancer(targets);

    const auto reply = send("POST", "/");
    QCOMPARE(reply.status, 502);
    QCOMPARE(resetting_->requests.load(), 1);
    QCOMPARE(backends_[0]->requests.load(), 0);
    QVERIFY(hasEvent("no-retry", "POST / was sent"));
}

void BalancerAlgorithmsTest::triesAreBounded() {
    resetting_ = std::make_unique<ResettingBackend>(*io_);
    auto targets = targetsOf(1);
    targets.insert(targets.begin(), resetting_->target());
    startBalancer(targets, {BalanceAlgorithm::RoundRobin, 1});

    const auto reply = send("GET", "/");
    QCOMPARE(reply.status, 503);
    QCOMPARE(resetting_->requests.load(), 1);
    QCOMPARE(backends_[0]->requests.load(), 0);
    QVERIFY(hasEvent("retry", "no tries left"));
}

void BalancerAlgorithmsTest::forwardedForKeepsClientListAndAppendsPeer() {
    startBalancer(targetsOf(1));
    const auto reply = send("GET", "/", {{"X-Forwarded-For", "6.6.6.6"}, {"Via", "1.0 corp"}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(backends_[0]->header("X-Forwarded-For"), std::string("6.6.6.6, 127.0.0.1"));
    QCOMPARE(backends_[0]->header("Via"), std::string("1.0 corp, 1.1 lb"));
    QCOMPARE(reply.header("via"), std::string("1.1 lb"));

    QCOMPARE(send("GET", "/").status, 200);
    QCOMPARE(backends_[0]->header("X-Forwarded-For"), std::string("127.0.0.1"));
}

void BalancerAlgorithmsTest::healthCheckSettingsApplyLive() {
    startBalancer(targetsOf(2));
    auto checks = balancer_->healthChecks();
    checks.interval = std::chrono::milliseconds(20);
    checks.rise = 1;
    checks.fall = 2;
    checks.path = "/missing";
    balancer_->setHealthChecks(checks);

    // The backends return 404 for the new path, so both go down within a few intervals.
    QVERIFY(
        waitFor([this] { return balancer_->pool().find("web-1")->health == BackendHealth::Down; },
                std::chrono::seconds(2)));
    QVERIFY(hasEvent("health-check", "status 404"));

    checks.path = "/";
    balancer_->setHealthChecks(checks);
    QVERIFY(waitFor([this] { return balancer_->pool().find("web-1")->health == BackendHealth::Up; },
                    std::chrono::seconds(2)));
    QCOMPARE(balancer_->pool().rise(), 1);
    QCOMPARE(balancer_->pool().fall(), 2);
}

void BalancerAlgorithmsTest::healthCheckTimeoutMarksSlowDown() {
    startBalancer(targetsOf(2));
    auto checks = balancer_->healthChecks();
    checks.interval = std::chrono::milliseconds(20);
    checks.timeout = std::chrono::milliseconds(30);
    checks.fall = 1;
    checks.path = "/slow";  // held by the backends for up to five seconds
    balancer_->setHealthChecks(checks);

    QVERIFY(
        waitFor([this] { return balancer_->pool().find("web-2")->health == BackendHealth::Down; },
                std::chrono::seconds(2)));
    QVERIFY(hasEvent("health-check", "timed out after 30 ms"));
}

QTEST_GUILESS_MAIN(BalancerAlgorithmsTest)
#include "test_balancer_algorithms.moc"
