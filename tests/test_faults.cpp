#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <future>

#include "builtin_client.h"
#include "dns_message.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;
using namespace std::chrono_literals;

namespace {

using Stopwatch = std::chrono::steady_clock;

// The deadline of a client that gives up on a hanging server.
constexpr auto kClientDeadline = 300ms;
constexpr auto kSlowDelay = 300ms;
constexpr auto kDnsDeadline = 2000ms;

std::chrono::milliseconds since(Stopwatch::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Stopwatch::now() - start);
}

sockaddr_in endpointOf(const std::string& address, std::uint16_t port) {
    sockaddr_in endpoint{};
    endpoint.sin_family = AF_INET;
    endpoint.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &endpoint.sin_addr);
    return endpoint;
}

// Waits up to `deadline` for the descriptor to become readable.
bool readable(int fd, std::chrono::milliseconds deadline) {
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, static_cast<int>(deadline.count())) == 1;
}

// A TCP client with an explicit deadline per read, so that a test can tell "no response yet"
// from "connection closed" while the connection stays open.
class PendingRequest {
public:
    enum class Wait { TimedOut, Closed, Response };

    PendingRequest(const std::string& address, std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        const auto endpoint = endpointOf(address, port);
        connected_ =
            ::connect(fd_, reinterpret_cast<const sockaddr*>(&endpoint), sizeof endpoint) == 0;
        const std::string request = "GET / HTTP/1.1\r\nHost: www.foobar.com\r\n\r\n";
        connected_ = connected_ && ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
                                       static_cast<ssize_t>(request.size());
    }
    ~PendingRequest() { ::close(fd_); }
    PendingRequest(const PendingRequest&) = delete;
    PendingRequest& operator=(const PendingRequest&) = delete;

    bool sent() const { return connected_; }

    Wait wait(std::chrono::milliseconds deadline) {
        if (!readable(fd_, deadline)) {
            return Wait::TimedOut;
        }
        std::array<char, 512> bytes{};
        const auto received = ::recv(fd_, bytes.data(), bytes.size(), 0);
        return received > 0 ? Wait::Response : Wait::Closed;
    }

private:
    int fd_ = -1;
    bool connected_ = false;
};

// Sends one DNS query for www.foobar.com and returns the reply, or nullopt after `deadline`.
std::optional<DnsLookup> queryDns(const std::string& address, std::uint16_t port,
                                  std::chrono::milliseconds deadline) {
    constexpr std::uint16_t kQueryId = 0x5eed;
    const auto query = makeDnsQuery("www.foobar.com", kQueryId);
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    const auto server = endpointOf(address, port);
    ::sendto(fd, query.data(), query.size(), 0, reinterpret_cast<const sockaddr*>(&server),
             sizeof server);

    std::optional<DnsLookup> lookup;
    if (readable(fd, deadline)) {
        std::array<std::uint8_t, 4096> reply{};
        const auto received = ::recv(fd, reply.data(), reply.size(), 0);
        if (received > 0) {
            lookup = parseDnsReply(std::span(reply.data(), static_cast<std::size_t>(received)),
                                   kQueryId);
        }
    }
    ::close(fd);
    return lookup;
}

FaultSettings slowBy(std::chrono::milliseconds delay) {
    FaultSettings settings;
    settings.mode = FaultMode::Slow;
    settings.delay = delay;
    return settings;
}

FaultSettings failing(double share, int status, std::uint64_t seed = 7) {
    FaultSettings settings;
    settings.mode = FaultMode::Error;
    settings.share = share;
    settings.status = status;
    settings.seed = seed;
    return settings;
}

FaultSettings faultOf(FaultMode mode) {
    FaultSettings settings;
    settings.mode = mode;
    return settings;
}

}  // namespace

// Injected faults (hang, slow, error) and deploys, over real loopback sockets.
class FaultsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void slowServerDelaysItsRequests();
    void errorShareHoldsOver200Requests();
    void errorStatusIsChosen();
    void hangTimesOutClientAndGoesDown();
    void clearingHangClosesHeldConnection();
    void dnsSlowDelaysReply();
    void dnsHangSendsNoReply();
    void dnsErrorSendsServfail();
    void deployRefusesThenServes();
    void deployOfSingleServerFailsSite();
    void badFaultJsonGets400();
    void deployRouteStartsOneDeploy();
    void topologyFaultsApplyAtStart();

private:
    void startEngine(EngineOptions options);
    Reply get(const std::string& node);
    Reply admin(const std::string& method, const std::string& target, const std::string& body = {});
    std::vector<Span> spansAt(const std::string& node);
    bool hasEvent(const std::string& kind, const std::string& detail);

    std::unique_ptr<Engine> engine_;
};

void FaultsTest::init() {
    startEngine(testEngineOptions());
}

void FaultsTest::cleanup() {
    engine_.reset();
}

void FaultsTest::startEngine(EngineOptions options) {
    engine_.reset();
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

Reply FaultsTest::get(const std::string& node) {
    return httpRequest(addressOf(*engine_, node), portOf(*engine_, node), "GET", "/");
}

Reply FaultsTest::admin(const std::string& method, const std::string& target,
                        const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body,
                       {{"Content-Type", "application/json"}});
}

std::vector<Span> FaultsTest::spansAt(const std::string& node) {
    std::vector<Span> spans;
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            if (span.node == node) {
                spans.push_back(span);
            }
        }
    }
    return spans;
}

bool FaultsTest::hasEvent(const std::string& kind, const std::string& detail) {
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.kind == kind && event.detail.find(detail) != std::string::npos;
    });
}

void FaultsTest::slowServerDelaysItsRequests() {
    QVERIFY(engine_->setFault("web-2", slowBy(kSlowDelay)).empty());
    QVERIFY(hasEvent("fault", "web-2 fault set: slow: +300 ms per request"));

    // Round robin sends one of each three requests to web-2; only that one is slow.
    for (int i = 0; i < 3; ++i) {
        const auto start = Stopwatch::now();
        const auto reply = get("lb-1");
        const auto elapsed = since(start);
        QCOMPARE(reply.status, 200);
        if (reply.header("x-served-by") == "web-2") {
            QVERIFY2(elapsed >= kSlowDelay, std::to_string(elapsed.count()).c_str());
        } else {
            QVERIFY2(elapsed < kSlowDelay, std::to_string(elapsed.count()).c_str());
        }
    }

    const auto spans = spansAt("web-2");
    QVERIFY(!spans.empty());
    QVERIFY(spans.back().endUs - spans.back().startUs >= kSlowDelay.count() * 1000);
    QCOMPARE(spans.back().detail, std::string("injected fault: +300 ms"));
}

void FaultsTest::errorShareHoldsOver200Requests() {
    QVERIFY(engine_->setFault("web-1", failing(0.5, 500)).empty());

    int failed = 0;
    for (int i = 0; i < 200; ++i) {
        const auto status = get("web-1").status;
        QVERIFY2(status == 200 || status == 500, std::to_string(status).c_str());
        failed += status == 500 ? 1 : 0;
    }
    // Health checks draw from the same generator, so the count is binomial rather than fixed:
    // 100 expected, and 30 is more than four standard deviations (7.1).
    QVERIFY2(failed >= 70 && failed <= 130, std::to_string(failed).c_str());
}

void FaultsTest::errorStatusIsChosen() {
    QVERIFY(engine_->setFault("web-3", failing(1.0, 503)).empty());

    const auto reply = get("web-3");
    QCOMPARE(reply.status, 503);
    QVERIFY(reply.body.find("injected fault") != std::string::npos);
    QCOMPARE(reply.header("x-served-by"), std::string("web-3"));

    const auto spans = spansAt("web-3");
    QVERIFY(!spans.empty());
    QCOMPARE(spans.back().status, 503);
    QCOMPARE(spans.back().outcome, Outcome::Error);
    QCOMPARE(spans.back().detail, std::string("injected fault"));
    QVERIFY(engine_->node("web-3")->counters.errors >= 1);

    QVERIFY(engine_->setFault("web-3", faultOf(FaultMode::None)).empty());
    QVERIFY(hasEvent("fault", "web-3 fault cleared"));
    QCOMPARE(get("web-3").status, 200);
}

void FaultsTest::hangTimesOutClientAndGoesDown() {
    QVERIFY(engine_->setFault("web-2", faultOf(FaultMode::Hang)).empty());

    {
        PendingRequest request(addressOf(*engine_, "web-2"), portOf(*engine_, "web-2"));
        QVERIFY(request.sent());
        const auto start = Stopwatch::now();
        QCOMPARE(request.wait(kClientDeadline), PendingRequest::Wait::TimedOut);
        QVERIFY(since(start) >= kClientDeadline - 5ms);
        // Still open: no response, and no close either.
        QCOMPARE(request.wait(100ms), PendingRequest::Wait::TimedOut);
    }
    // The client gave up; the server records the request with the client's timeout.
    QVERIFY(waitFor([this] { return !spansAt("web-2").empty(); }, 2000ms));
    const auto span = spansAt("web-2").back();
    QCOMPARE(span.outcome, Outcome::Timeout);
    QCOMPARE(span.status, 0);
    QVERIFY2(span.detail.starts_with("injected fault: hang"), span.detail.c_str());

    // The balancer's checks time out (500 ms each) until web-2 is DOWN.
    QVERIFY(waitFor([this] { return engine_->node("web-2")->state == "DOWN"; }, 5000ms));
    QVERIFY(hasEvent("health-check", "check of web-2 failed: timed out after 500 ms"));
    QVERIFY(engine_->node("web-2")->listening);
    for (int i = 0; i < 6; ++i) {
        const auto reply = get("lb-1");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("x-served-by") != "web-2");
    }

    QVERIFY(engine_->setFault("web-2", faultOf(FaultMode::None)).empty());
    QVERIFY(waitFor([this] { return engine_->node("web-2")->state == "UP"; }, 5000ms));
}

void FaultsTest::clearingHangClosesHeldConnection() {
    QVERIFY(engine_->setFault("web-1", faultOf(FaultMode::Hang)).empty());
    PendingRequest request(addressOf(*engine_, "web-1"), portOf(*engine_, "web-1"));
    QVERIFY(request.sent());
    QCOMPARE(request.wait(200ms), PendingRequest::Wait::TimedOut);

    QVERIFY(engine_->setFault("web-1", faultOf(FaultMode::None)).empty());
    QCOMPARE(request.wait(2000ms), PendingRequest::Wait::Closed);
    QCOMPARE(get("web-1").status, 200);
}

void FaultsTest::dnsSlowDelaysReply() {
    const auto address = addressOf(*engine_, "dns-1");
    const auto port = portOf(*engine_, "dns-1");
    QVERIFY(engine_->setFault("dns-1", slowBy(kSlowDelay)).empty());

    const auto start = Stopwatch::now();
    const auto lookup = queryDns(address, port, kDnsDeadline);
    const auto elapsed = since(start);
    QVERIFY(lookup.has_value());
    QCOMPARE(lookup->address.value_or(""), addressOf(*engine_, "lb-1"));
    QVERIFY2(elapsed >= kSlowDelay, std::to_string(elapsed.count()).c_str());
}

void FaultsTest::dnsHangSendsNoReply() {
    const auto address = addressOf(*engine_, "dns-1");
    const auto port = portOf(*engine_, "dns-1");
    QVERIFY(engine_->setFault("dns-1", faultOf(FaultMode::Hang)).empty());

    QVERIFY(!queryDns(address, port, 500ms).has_value());
    QVERIFY(hasEvent("dns", "not answered: injected fault"));
    QVERIFY(engine_->node("dns-1")->listening);

    QVERIFY(engine_->setFault("dns-1", faultOf(FaultMode::None)).empty());
    const auto lookup = queryDns(address, port, kDnsDeadline);
    QVERIFY(lookup.has_value());
    QVERIFY(lookup->address.has_value());
}

void FaultsTest::dnsErrorSendsServfail() {
    QVERIFY(engine_->setFault("dns-1", failing(1.0, 500)).empty());

    const auto lookup =
        queryDns(addressOf(*engine_, "dns-1"), portOf(*engine_, "dns-1"), kDnsDeadline);
    QVERIFY(lookup.has_value());
    QCOMPARE(lookup->rcode, std::string("SERVFAIL"));
    QVERIFY(!lookup->address.has_value());

    // The built-in client's lookup span shows the failure.
    std::promise<ClientResult> done;
    auto result = done.get_future();
    engine_->sendRequest({}, [&done](const ClientResult& r) { done.set_value(r); });
    QCOMPARE(result.wait_for(10s), std::future_status::ready);
    QVERIFY(result.get().outcome != Outcome::Ok);
    QVERIFY(waitFor([this] { return !spansAt("dns-1").empty(); }, 2000ms));
    QVERIFY2(spansAt("dns-1").back().detail.find("SERVFAIL") != std::string::npos,
             spansAt("dns-1").back().detail.c_str());
}

void FaultsTest::deployRefusesThenServes() {
    constexpr auto kDowntime = 500ms;
    const auto start = Stopwatch::now();
    QVERIFY(engine_->deploy("web-1", kDowntime).empty());
    QVERIFY(since(start) < kDowntime);  // the caller does not wait for the window
    QVERIFY(hasEvent("deploy", "web-1 deploy started"));
    QVERIFY(engine_->deploying("web-1"));

    const auto during = get("web-1");
    QCOMPARE(during.status, 0);
    QVERIFY2(during.error.find("refused") != std::string::npos, during.error.c_str());
    QVERIFY(!engine_->deploy("web-1", kDowntime).empty());  // no overlapping deploys
    QVERIFY(!engine_->restore("web-1").empty());

    QVERIFY(waitFor([this] { return get("web-1").status == 200; }, 5000ms));
    QVERIFY2(since(start) >= kDowntime, std::to_string(since(start).count()).c_str());
    QVERIFY(waitFor([this] { return hasEvent("deploy", "web-1 deploy finished"); }, 2000ms));
    QVERIFY(!engine_->deploying("web-1"));
}

void FaultsTest::deployOfSingleServerFailsSite() {
    // The Simple stage's weakness: one web server, so its deploy takes the site down.
    auto options = testEngineOptions();
    auto& topology = options.topology;
    const auto isRemoved = [](const std::string& name) {
        return name == "web-2" || name == "web-3";
    };
    std::erase_if(topology.nodes, [&](const NodeSpec& node) { return isRemoved(node.name); });
    std::erase_if(topology.links,
                  [&](const LinkSpec& link) { return isRemoved(link.from) || isRemoved(link.to); });
    startEngine(std::move(options));
    QCOMPARE(get("lb-1").status, 200);

    QVERIFY(engine_->deploy("web-1", 1000ms).empty());
    const auto during = get("lb-1");
    QVERIFY2(during.status >= 500, std::to_string(during.status).c_str());

    QVERIFY(waitFor([this] { return get("lb-1").status == 200; }, 5000ms));
}

void FaultsTest::badFaultJsonGets400() {
    QCOMPARE(admin("PUT", "/nodes/web-1/fault", R"({"mode":"slow","delayMs":250})").status, 200);

    const std::vector<std::string> invalid{
        "not json",
        R"({"mode":"sideways"})",
        R"({"delayMs":250})",
        R"({"mode":"slow"})",
        R"({"mode":"slow","delayMs":-5})",
        R"({"mode":"error","share":1.5})",
        R"({"mode":"error","status":404})",
        R"({"mode":"hang","delayMs":100})",
    };
    for (const auto& body : invalid) {
        const auto reply = admin("PUT", "/nodes/web-1/fault", body);
        QVERIFY2(reply.status == 400, body.c_str());
        QVERIFY2(reply.body.find("\"error\"") != std::string::npos, reply.body.c_str());
    }

    const auto state = admin("GET", "/nodes/web-1/fault");
    QCOMPARE(state.status, 200);
    QVERIFY2(state.body.find(R"("mode":"slow")") != std::string::npos, state.body.c_str());
    QVERIFY2(state.body.find(R"("delayMs":250)") != std::string::npos, state.body.c_str());
    QCOMPARE(engine_->fault("web-1")->delay, 250ms);

    QCOMPARE(admin("PUT", "/nodes/web-9/fault", R"({"mode":"hang"})").status, 404);
}

void FaultsTest::deployRouteStartsOneDeploy() {
    const auto started = admin("POST", "/nodes/web-2/deploy", R"({"downtimeMs":1000})");
    QCOMPARE(started.status, 202);
    QCOMPARE(admin("POST", "/nodes/web-2/deploy", R"({"downtimeMs":1000})").status, 409);
    QCOMPARE(admin("POST", "/nodes/web-3/deploy", R"({"downtimeMs":"soon"})").status, 400);
    QVERIFY(engine_->node("web-3")->listening);

    const auto state = admin("GET", "/nodes/web-2/fault");
    QVERIFY2(state.body.find(R"("deploying":true)") != std::string::npos, state.body.c_str());
    QVERIFY(waitFor([this] { return engine_->node("web-2")->listening; }, 5000ms));

    QCOMPARE(admin("PUT", "/nodes/web-2/fault", R"({"mode":"down"})").status, 200);
    QVERIFY(!engine_->node("web-2")->listening);
    QVERIFY(admin("GET", "/nodes/web-2/fault").body.find(R"("mode":"down")") != std::string::npos);
    QCOMPARE(admin("PUT", "/nodes/web-2/fault", R"({"mode":"none"})").status, 200);
    QVERIFY(engine_->node("web-2")->listening);
}

void FaultsTest::topologyFaultsApplyAtStart() {
    auto options = testEngineOptions();
    auto& nodes = options.topology.nodes;
    const auto nodeNamed = [&nodes](const std::string& name) {
        return std::find_if(nodes.begin(), nodes.end(),
                            [&name](const NodeSpec& node) { return node.name == name; });
    };
    nodeNamed("web-1")->fault = failing(1.0, 503);
    nodeNamed("web-2")->fault = faultOf(FaultMode::Down);
    startEngine(options);

    QCOMPARE(get("web-1").status, 503);
    QVERIFY(!engine_->node("web-2")->listening);
    QCOMPARE(engine_->fault("web-2")->mode, FaultMode::Down);
    QVERIFY(engine_->restore("web-2").empty());
    QCOMPARE(get("web-2").status, 200);

    nodeNamed("web-3")->fault = slowBy(0ms);
    engine_ = std::make_unique<Engine>(options);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, engine_->start());
}

QTEST_GUILESS_MAIN(FaultsTest)
#include "test_faults.moc"
