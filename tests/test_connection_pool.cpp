#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "test_support.h"
#include "upstream_client.h"
#include "upstream_pool.h"

using namespace wsl;
using namespace wsl::test;
namespace asio = boost::asio;

namespace {

constexpr const char* kLoopback = "127.0.0.1";

// Reads one request (header and Content-Length body) from `fd`. Returns false when the peer
// closed or nothing arrived within two seconds.
bool readRequest(int fd) {
    std::string received;
    char buffer[4096];
    std::size_t needed = std::string::npos;
    while (received.size() < needed) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, 2000) <= 0) {
            return false;
        }
        const auto count = ::recv(fd, buffer, sizeof buffer, 0);
        if (count <= 0) {
            return false;
        }
        received.append(buffer, static_cast<std::size_t>(count));
        const auto headerEnd = received.find("\r\n\r\n");
        if (headerEnd != std::string::npos && needed == std::string::npos) {
            const auto length = received.find("Content-Length: ");
            const auto bodyBytes =
                length == std::string::npos ? 0 : std::stoul(received.substr(length + 16));
            needed = headerEnd + 4 + bodyBytes;
        }
    }
    return true;
}

// A one-thread HTTP server on 127.0.0.1 that plays a script, one entry per connection it
// accepts: the connection sends a response with keep-alive to `answered` requests, then reads
// one more request when `readOneMore` is set, and closes without a response. It plays a server
// that closes an idle keep-alive connection just as a request arrives on it. With `holdMs` it
// leaves that request unanswered for as long, or until the client closes, as a stuck server does.
class ScriptedServer {
public:
    struct Connection {
        int answered = 1;
        bool readOneMore = false;
        int holdMs = 0;
    };

    explicit ScriptedServer(std::vector<Connection> script) : script_(std::move(script)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, kLoopback, &local.sin_addr);
        socklen_t size = sizeof local;
        ::bind(listener_, reinterpret_cast<sockaddr*>(&local), size);
        ::listen(listener_, 16);
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&local), &size);
        port_ = ntohs(local.sin_port);
        thread_ = std::thread([this] { run(); });
    }

    ~ScriptedServer() {
        ::shutdown(listener_, SHUT_RDWR);
        thread_.join();
        ::close(listener_);
    }

    std::uint16_t port() const { return port_; }
    int accepted() const { return accepted_; }
    int closed() const { return closed_; }

private:
    void run() {
        for (const auto& connection : script_) {
            pollfd readable{listener_, POLLIN, 0};
            if (::poll(&readable, 1, 5000) <= 0) {
                return;
            }
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) {
                return;
            }
            ++accepted_;
            serve(fd, connection);
            ::close(fd);
            ++closed_;
        }
    }

    static void serve(int fd, const Connection& connection) {
        const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        for (int i = 0; i < connection.answered; ++i) {
            if (!readRequest(fd)) {
                return;
            }
            ::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
        }
        if (connection.readOneMore && readRequest(fd) && connection.holdMs > 0) {
            pollfd closed{fd, POLLIN, 0};
            ::poll(&closed, 1, connection.holdMs);
        }
    }

    std::vector<Connection> script_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<int> accepted_{0};
    std::atomic<int> closed_{0};
    std::thread thread_;
};

HttpRequest makeRequest(http::verb method) {
    HttpRequest request{method, "/", 11};
    request.set(http::field::host, kLoopback);
    if (method == http::verb::post) {
        request.body() = "{}";
    }
    return request;
}

asio::awaitable<void> sendInto(std::optional<PooledResult>& out, UpstreamPool& pool,
                               UpstreamTarget target, http::verb method) {
    out = co_await sendPooledHttpRequest(pool, kLoopback, target, makeRequest(method),
                                         std::chrono::seconds(5), nullptr);
}

// Runs `count` requests at once on `io` and returns their results once all have ended.
std::vector<PooledResult> sendConcurrently(asio::io_context& io, UpstreamPool& pool,
                                           const UpstreamTarget& target, http::verb method,
                                           int count = 1) {
    std::vector<std::optional<PooledResult>> results(static_cast<std::size_t>(count));
    for (auto& result : results) {
        asio::co_spawn(io, sendInto(result, pool, target, method), asio::detached);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    const auto done = [&] {
        return std::all_of(results.begin(), results.end(),
                           [](const auto& result) { return result.has_value(); });
    };
    io.restart();
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        io.run_one_for(std::chrono::milliseconds(100));
    }
    std::vector<PooledResult> ended;
    for (auto& result : results) {
        ended.push_back(result.value_or(PooledResult{}));
    }
    return ended;
}

// Sends two GETs through `pool`, each allowed `timeout`, the second `pause` after the first
// ended, and records how long the second took.
asio::awaitable<void> sendTwoApart(std::vector<PooledResult>& results,
                                   std::chrono::milliseconds& secondTook, UpstreamPool& pool,
                                   UpstreamTarget target, std::chrono::milliseconds timeout,
                                   std::chrono::milliseconds pause) {
    results.push_back(co_await sendPooledHttpRequest(
        pool, kLoopback, target, makeRequest(http::verb::get), timeout, nullptr));
    asio::steady_timer gap(co_await asio::this_coro::executor, pause);
    co_await gap.async_wait(asio::use_awaitable);
    const auto start = std::chrono::steady_clock::now();
    results.push_back(co_await sendPooledHttpRequest(
        pool, kLoopback, target, makeRequest(http::verb::get), timeout, nullptr));
    secondTook = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
}

PooledResult sendOne(asio::io_context& io, UpstreamPool& pool, const UpstreamTarget& target,
                     http::verb method = http::verb::get) {
    return sendConcurrently(io, pool, target, method).front();
}

}  // namespace

class ConnectionPoolTest : public QObject {
    Q_OBJECT

private slots:
    void cleanup();
    void balancerReusesConnectionsToWebServers();
    void closedConnectionIsNotTakenForPost();
    void closedConnectionCostsGetNoFailure();
    void staleConnectionGetIsResentOnNewConnection();
    void staleConnectionPostIsNotResent();
    void idleConnectionsPerTargetAreBounded();
    void reusedConnectionTimesOutAtItsOwnDeadline();
    void idleConnectionsExpire();
    void failedWebServerCostsNoRequest();
    void firewallChangeBlocksPooledConnection();

private:
    void startEngine(bool firewalls);
    int getThroughBalancer();
    std::unique_ptr<Engine> engine_;
};

void ConnectionPoolTest::cleanup() {
    engine_.reset();
}

void ConnectionPoolTest::startEngine(bool firewalls) {
    auto options = testEngineOptions();
    if (firewalls) {
        options.topology.firewalls = securedFirewalls(options.topology);
    }
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

int ConnectionPoolTest::getThroughBalancer() {
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/").status;
}

void ConnectionPoolTest::balancerReusesConnectionsToWebServers() {
    startEngine(false);
    constexpr int kRequests = 30;
    for (int i = 0; i < kRequests; ++i) {
        QCOMPARE(getThroughBalancer(), 200);
    }

    // Each balancer span names how it reached the web server: a new connection or a pooled one.
    QVERIFY(waitFor([this] {
        return engine_->tracer().recentRequests(Tracer::kMaxRecentRequests).size() >= kRequests;
    }));
    int connected = 0;
    int reused = 0;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            for (const auto& phase : span.node == "lb-1" ? span.phases : std::vector<SpanPhase>{}) {
                connected += phase.name == "upstream-connect" ? 1 : 0;
                reused += phase.name == "upstream-reuse" ? 1 : 0;
            }
        }
    }
    QCOMPARE(connected + reused, kRequests);
    // One connection per web server is enough for sequential requests. A few more are allowed,
    // because a request may meet a connection that the server is closing.
    QVERIFY2(connected <= 6, std::to_string(connected).c_str());
    QVERIFY(reused >= kRequests - 6);
}

// A POST is not sent again once written, so the pool checks that the server has not closed a
// connection before it hands it out for one.
void ConnectionPoolTest::closedConnectionIsNotTakenForPost() {
    ScriptedServer server({{1, false}, {1, false}});
    asio::io_context io;
    auto pool = std::make_shared<UpstreamPool>(io);
    const UpstreamTarget target{"scripted", kLoopback, server.port()};

    QCOMPARE(sendOne(io, *pool, target, http::verb::post).outcome, Outcome::Ok);
    // The server closes the first connection after its response.
    QVERIFY(waitFor([&] { return server.closed() == 1; }));
    const auto second = sendOne(io, *pool, target, http::verb::post);
    QCOMPARE(outcomeName(second.outcome), outcomeName(Outcome::Ok));
    QVERIFY(!second.reused);
    QCOMPARE(server.accepted(), 2);
    QCOMPARE(pool->counters().reused, std::uint64_t{0});
    pool->close();
}

// A GET takes the pooled connection without that check, because it can be sent again on a new
// connection when the old one turns out closed.
void ConnectionPoolTest::closedConnectionCostsGetNoFailure() {
    ScriptedServer server({{1, false}, {1, false}});
    asio::io_context io;
    auto pool = std::make_shared<UpstreamPool>(io);
    const UpstreamTarget target{"scripted", kLoopback, server.port()};

    QCOMPARE(sendOne(io, *pool, target).outcome, Outcome::Ok);
    QVERIFY(waitFor([&] { return server.closed() == 1; }));
    const auto second = sendOne(io, *pool, target);
    QCOMPARE(outcomeName(second.outcome), outcomeName(Outcome::Ok));
    QCOMPARE(second.response->body(), std::string("ok"));
    QVERIFY(!second.reused);
    QCOMPARE(pool->counters().reused, std::uint64_t{1});
    QCOMPARE(server.accepted(), 2);
    pool->close();
}

void ConnectionPoolTest::staleConnectionGetIsResentOnNewConnection() {
    ScriptedServer server({{1, true}, {1, false}});
    asio::io_context io;
    auto pool = std::make_shared<UpstreamPool>(io);
    const UpstreamTarget target{"scripted", kLoopback, server.port()};

    QCOMPARE(sendOne(io, *pool, target).outcome, Outcome::Ok);
    const auto second = sendOne(io, *pool, target);
    QCOMPARE(outcomeName(second.outcome), outcomeName(Outcome::Ok));
    QCOMPARE(second.response->body(), std::string("ok"));
    QCOMPARE(pool->counters().reused, std::uint64_t{1});
    QVERIFY(!second.reused);
    QCOMPARE(server.accepted(), 2);
    pool->close();
}

void ConnectionPoolTest::staleConnectionPostIsNotResent() {
    ScriptedServer server({{1, true}, {1, false}});
    asio::io_context io;
    auto pool = std::make_shared<UpstreamPool>(io);
    const UpstreamTarget target{"scripted", kLoopback, server.port()};

    QCOMPARE(sendOne(io, *pool, target, http::verb::post).outcome, Outcome::Ok);
    const auto second = sendOne(io, *pool, target, http::verb::post);
    QCOMPARE(outcomeName(second.outcome), outcomeName(Outcome::Reset));
    QVERIFY(second.requestSent);
    QVERIFY(!second.response);
    QCOMPARE(server.accepted(), 1);
    pool->close();
}

// A pooled connection keeps the watchdog of its first request. The second request, sent after
// the first request's deadline would have passed, must get its full time, and then time out.
void ConnectionPoolTest::reusedConnectionTimesOutAtItsOwnDeadline() {
    ScriptedServer server({{1, true, 3000}});
    asio::io_context io;
    auto pool = std::make_shared<UpstreamPool>(io);
    const UpstreamTarget target{"scripted", kLoopback, server.port()};
    constexpr std::chrono::milliseconds kTimeout{400};

    std::vector<PooledResult> results;
    std::chrono::milliseconds secondTook{0};
    asio::co_spawn(
        io,
        sendTwoApart(results, secondTook, *pool, target, kTimeout, std::chrono::milliseconds(250)),
        asio::detached);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (results.size() < 2 && std::chrono::steady_clock::now() < deadline) {
        io.run_one_for(std::chrono::milliseconds(100));
    }
    QCOMPARE(results.size(), std::size_t{2});
    QCOMPARE(outcomeName(results[0].outcome), outcomeName(Outcome::Ok));
    QCOMPARE(outcomeName(results[1].outcome), outcomeName(Outcome::Timeout));
    QVERIFY(results[1].reused);
    QCOMPARE(results[1].error, std::string("timed out after 400 ms"));
    QVERIFY2(secondTook >= kTimeout, std::to_string(secondTook.count()).c_str());
    // The timed-out connection is closed, not pooled, and the request is not sent again.
    QCOMPARE(pool->idleCount(), std::size_t{0});
    QCOMPARE(server.accepted(), 1);
    QVERIFY(waitFor([&] { return server.closed() == 1; }));
    pool->close();
}

void ConnectionPoolTest::idleConnectionsPerTargetAreBounded() {
    startEngine(false);
    asio::io_context io;
    UpstreamPool::Settings settings;
    settings.maxIdlePerTarget = 2;
    auto pool = std::make_shared<UpstreamPool>(io, settings);
    const UpstreamTarget web{"web-1", addressOf(*engine_, "web-1"), portOf(*engine_, "web-1")};

    // Six requests at once need six connections, and only two stay.
    for (const auto& result : sendConcurrently(io, *pool, web, http::verb::get, 6)) {
        QCOMPARE(outcomeName(result.outcome), outcomeName(Outcome::Ok));
    }
    const UpstreamKey key{kLoopback, web.address, web.port, &io};
    QCOMPARE(pool->idleCount(key), std::size_t{2});
    QCOMPARE(pool->counters().discarded, std::uint64_t{4});
    QVERIFY(waitFor([this] { return engine_->node("web-1")->counters.openConnections <= 2; }));
    pool->close();
}

void ConnectionPoolTest::idleConnectionsExpire() {
    startEngine(false);
    asio::io_context io;
    UpstreamPool::Settings settings;
    settings.idleTimeout = std::chrono::milliseconds(200);
    auto pool = std::make_shared<UpstreamPool>(io, settings);
    const UpstreamTarget web{"web-1", addressOf(*engine_, "web-1"), portOf(*engine_, "web-1")};

    QCOMPARE(sendOne(io, *pool, web).outcome, Outcome::Ok);
    QCOMPARE(pool->idleCount(), std::size_t{1});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (pool->idleCount() > 0 && std::chrono::steady_clock::now() < deadline) {
        io.run_one_for(std::chrono::milliseconds(100));
    }
    QCOMPARE(pool->idleCount(), std::size_t{0});
    // The web server reads the close and drops the connection from its count.
    QVERIFY(waitFor([this] { return engine_->node("web-1")->counters.openConnections == 0; }));
}

void ConnectionPoolTest::failedWebServerCostsNoRequest() {
    startEngine(false);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(getThroughBalancer(), 200);
    }

    // The balancer keeps idle connections to web-1, and none may carry a request once it failed.
    QVERIFY(engine_->fail("web-1").empty());
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(getThroughBalancer(), 200);
    }

    QVERIFY(engine_->restore("web-1").empty());
    QVERIFY(waitFor([this] { return engine_->node("web-1")->state == "UP"; }));
    const auto requestsBefore = engine_->node("web-1")->counters.requests;
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(getThroughBalancer(), 200);
    }
    QVERIFY(engine_->node("web-1")->counters.requests > requestsBefore);
}

void ConnectionPoolTest::firewallChangeBlocksPooledConnection() {
    startEngine(true);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(getThroughBalancer(), 200);
    }
    const auto served = [this] {
        std::uint64_t requests = 0;
        for (const auto* web : {"web-1", "web-2", "web-3"}) {
            requests += engine_->node(web) ? engine_->node(web)->counters.requests : 0;
        }
        return requests;
    };
    const auto servedBefore = served();

    // An empty table rejects every new connection, the balancer's included. The connections
    // the balancer keeps from before must not carry the next request past the new table.
    for (const auto& firewall : engine_->firewalls()) {
        if (firewall.spec.protects.starts_with("web-")) {
            QVERIFY(engine_->setFirewallRules(firewall.spec.name, {}).empty());
        }
    }
    QCOMPARE(getThroughBalancer(), 503);
    QCOMPARE(served(), servedBefore);
}

QTEST_GUILESS_MAIN(ConnectionPoolTest)
#include "test_connection_pool.moc"
