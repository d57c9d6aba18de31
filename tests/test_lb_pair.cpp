#include <QtTest>

#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <sys/socket.h>
#include <atomic>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "builtin_client.h"
#include "dns_message.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr std::chrono::milliseconds kHeartbeat{50};
constexpr int kMissed = 3;
constexpr auto kVirtualAddress = "127.0.10.10";

// Listening TCP sockets on address:port, counted from /proc/net/tcp, where a local address
// is written as little-endian hex ("0A0A007F:1F90") and the state LISTEN as "0A".
int listenersOn(const std::string& address, std::uint16_t port) {
    const auto bytes = boost::asio::ip::make_address_v4(address).to_bytes();
    char wanted[16];
    std::snprintf(wanted, sizeof wanted, "%02X%02X%02X%02X:%04X", bytes[3], bytes[2], bytes[1],
                  bytes[0], port);
    std::ifstream table("/proc/net/tcp");
    std::string line;
    std::getline(table, line);  // the column titles
    int count = 0;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        count += local == wanted && state == "0A" ? 1 : 0;
    }
    return count;
}

// Samples the listeners on the virtual address in the background and keeps the maximum. One
// sample reads all of /proc/net/tcp, which takes tens of milliseconds on a busy machine.
class ListenerWatch {
public:
    ListenerWatch(std::string address, std::uint16_t port)
        : thread_([this, address = std::move(address), port] {
              while (!done_) {
                  maximum_ = std::max(maximum_.load(), listenersOn(address, port));
                  ++samples_;
                  std::this_thread::sleep_for(std::chrono::milliseconds(2));
              }
          }) {}
    ~ListenerWatch() {
        done_ = true;
        thread_.join();
    }

    // The maximum over every sample taken so far, after two more, so that the state reached
    // when it is called has been sampled.
    int maximum() const {
        const auto taken = samples_.load();
        waitFor([this, taken] { return samples_ >= taken + 2; });
        return maximum_;
    }

private:
    std::atomic<bool> done_{false};
    std::atomic<int> maximum_{0};
    std::atomic<int> samples_{0};
    std::thread thread_;
};

}  // namespace

// Two load balancers sharing a virtual address over real UDP heartbeats on loopback: the
// first binds it, the second takes it when the first falls silent and gives it back.
class LoadBalancerPairTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstBalancerHoldsAddress();
    void heartbeatsFlowBothWays();
    void dnsAnswersVirtualAddress();
    void virtualAddressCountsInMetrics();
    void builtinClientReachesHolder();
    void backupTakesOverAfterMissedHeartbeats();
    void failedBalancerSendsNoHeartbeats();
    void restoredBalancerTakesAddressBack();
    void withoutPreemptBackupKeepsAddress();
    void adminReportsPair();

private:
    void startEngine(bool preempt = true);
    VirtualAddressStatus pair() const;
    PairMemberStatus member(const std::string& node) const;
    std::uint16_t virtualPort() const;
    Reply getVirtual(const std::string& target = "/");
    std::optional<std::int64_t> eventTime(const std::string& node, const std::string& kind,
                                          const std::string& detailPart) const;
    std::string lookup(const std::string& name);

    std::unique_ptr<Engine> engine_;
};

void LoadBalancerPairTest::init() {
    startEngine();
}

void LoadBalancerPairTest::cleanup() {
    engine_.reset();
}

void LoadBalancerPairTest::startEngine(bool preempt) {
    auto options = testEngineOptions();
    const auto checks = options.topology.healthCheck;
    options.topology = scaledTopology(true);
    options.topology.healthCheck = checks;
    options.topology.loadBalancerPair.heartbeatInterval = kHeartbeat;
    options.topology.loadBalancerPair.missedHeartbeats = kMissed;
    options.topology.loadBalancerPair.preempt = preempt;
    // The virtual address listens on the port the OS chose for lb-1 on its own address. That
    // port was found taken on the virtual address once in about ten runs under load, most
    // likely by a TIME_WAIT socket of the previous test's balancer. The start then tries again.
    for (int attempt = 1;; ++attempt) {
        engine_ = std::make_unique<Engine>(options);
        try {
            engine_->start();
            return;
        } catch (const std::runtime_error& error) {
            const bool portTaken =
                std::string(error.what()).find("already in use") != std::string::npos;
            if (!portTaken || attempt == 3) {
                throw;
            }
        }
    }
}

VirtualAddressStatus LoadBalancerPairTest::pair() const {
    const auto status = engine_->virtualAddress();
    return status ? *status : VirtualAddressStatus{};
}

PairMemberStatus LoadBalancerPairTest::member(const std::string& node) const {
    for (const auto& member : pair().members) {
        if (member.node == node) {
            return member;
        }
    }
    return {};
}

std::uint16_t LoadBalancerPairTest::virtualPort() const {
    return pair().port;
}

Reply LoadBalancerPairTest::getVirtual(const std::string& target) {
    return httpRequest(kVirtualAddress, virtualPort(), "GET", target);
}

std::optional<std::int64_t> LoadBalancerPairTest::eventTime(const std::string& node,
                                                            const std::string& kind,
                                                            const std::string& detailPart) const {
    for (const auto& event : engine_->tracer().recentEvents(Tracer::kMaxEvents)) {
        if (event.node == node && event.kind == kind &&
            event.detail.find(detailPart) != std::string::npos) {
            return event.timeUs;
        }
    }
    return std::nullopt;
}

// Sends an A query for `name` to the lab's DNS server and returns the address in the answer.
std::string LoadBalancerPairTest::lookup(const std::string& name) {
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::udp::socket socket(io, asio::ip::udp::v4());
    const asio::ip::udp::endpoint server{asio::ip::make_address(addressOf(*engine_, "dns-1")),
                                         portOf(*engine_, "dns-1")};
    const auto query = makeDnsQuery(name, 4242);
    socket.send_to(asio::buffer(query), server);
    timeval timeout{2, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::vector<std::uint8_t> reply(512);
    boost::system::error_code ec;
    const auto size = socket.receive(asio::buffer(reply), 0, ec);
    if (ec) {
        return "no reply: " + ec.message();
    }
    reply.resize(size);
    const auto parsed = parseDnsReply(reply, 4242);
    return parsed.address ? *parsed.address : parsed.error;
}

void LoadBalancerPairTest::firstBalancerHoldsAddress() {
    QCOMPARE(pair().holder, std::string("lb-1"));
    QCOMPARE(member("lb-1").state, std::string("MASTER"));
    QCOMPARE(member("lb-2").state, std::string("BACKUP"));
    QCOMPARE(listenersOn(kVirtualAddress, virtualPort()), 1);
    QCOMPARE(engine_->nameOf(kVirtualAddress), std::string("lb-1"));

    const auto before = engine_->node("lb-1")->counters.requests;
    const auto reply = getVirtual();
    QCOMPARE(reply.status, 200);
    QCOMPARE(engine_->node("lb-1")->counters.requests, before + 1);
}

void LoadBalancerPairTest::heartbeatsFlowBothWays() {
    QVERIFY(waitFor([this] {
        return member("lb-1").heartbeatsReceived >= 5 && member("lb-2").heartbeatsReceived >= 5;
    }));
    QVERIFY(member("lb-1").heartbeatPort != 0);
    QVERIFY(member("lb-2").heartbeatPort != 0);
    QVERIFY(member("lb-1").missedHeartbeats < kMissed);
    QVERIFY(member("lb-2").missedHeartbeats < kMissed);
    QCOMPARE(member("lb-2").takeovers, std::uint64_t{0});
}

void LoadBalancerPairTest::dnsAnswersVirtualAddress() {
    QCOMPARE(lookup("www.foobar.com"), std::string(kVirtualAddress));
    QCOMPARE(lookup("foobar.com"), std::string(kVirtualAddress));
}

// The monitoring charts read a balancer's metrics, and in this stage clients reach it through
// the virtual address.
void LoadBalancerPairTest::virtualAddressCountsInMetrics() {
    const auto before = engine_->requestMetrics("lb-1");
    QVERIFY(before.has_value());

    QCOMPARE(getVirtual().status, 200);
    QVERIFY(
        waitFor([&] { return engine_->requestMetrics("lb-1")->requests == before->requests + 1; }));
    const auto after = engine_->requestMetrics("lb-1");
    QCOMPARE(after->responses[0], before->responses[0] + 1);
    QCOMPARE(after->latency.count, before->latency.count + 1);
}

void LoadBalancerPairTest::builtinClientReachesHolder() {
    std::promise<ClientResult> finished;
    engine_->sendRequest({},
                         [&finished](const ClientResult& result) { finished.set_value(result); });
    auto future = finished.get_future();
    QVERIFY(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    const auto result = future.get();
    QCOMPARE(result.status, 200);

    // The client's span names the balancer that has bound the address, not "external".
    QVERIFY(waitFor([this, &result] {
        for (const auto& record : engine_->tracer().recentRequests(10)) {
            for (const auto& span : record.spans) {
                if (span.traceId == result.traceId && span.node == "lb-1" &&
                    span.peer == "client") {
                    return true;
                }
            }
        }
        return false;
    }));
}

void LoadBalancerPairTest::backupTakesOverAfterMissedHeartbeats() {
    QCOMPARE(getVirtual().status, 200);
    QVERIFY(waitFor([this] { return member("lb-2").heartbeatsReceived >= 2; }));

    ListenerWatch watch(kVirtualAddress, virtualPort());
    QCOMPARE(engine_->fail("lb-1"), std::string{});
    // The failed balancer's virtual listener is closed at once, before the takeover.
    QCOMPARE(listenersOn(kVirtualAddress, virtualPort()), 0);

    QVERIFY(waitFor([this] { return pair().holder == "lb-2"; }, std::chrono::seconds(5)));
    const auto failedAt = eventTime("lb-1", "fault", "failed");
    const auto tookOverAt = eventTime("lb-2", "failover", "took over");
    QVERIFY(failedAt && tookOverAt);
    const auto takeoverMs = (*tookOverAt - *failedAt) / 1000;
    qInfo() << "takeover after" << takeoverMs << "ms";
    QVERIFY2(takeoverMs <= (kMissed + 2) * kHeartbeat.count(),
             qPrintable(QString("takeover took %1 ms").arg(takeoverMs)));
    QVERIFY(takeoverMs >= (kMissed - 1) * kHeartbeat.count());

    const auto before = engine_->node("lb-2")->counters.requests;
    QCOMPARE(getVirtual().status, 200);
    QCOMPARE(engine_->node("lb-2")->counters.requests, before + 1);
    QCOMPARE(engine_->nameOf(kVirtualAddress), std::string("lb-2"));
    QCOMPARE(listenersOn(kVirtualAddress, virtualPort()), 1);
    QCOMPARE(watch.maximum(), 1);
}

void LoadBalancerPairTest::failedBalancerSendsNoHeartbeats() {
    QCOMPARE(engine_->fail("lb-1"), std::string{});
    QVERIFY(waitFor([this] { return member("lb-1").state == "FAULT"; }));
    const auto sent = member("lb-1").heartbeatsSent;

    // lb-2 sends several heartbeats meanwhile, so that the wait is measured in intervals.
    const auto lb2Sent = member("lb-2").heartbeatsSent;
    QVERIFY(waitFor([this, lb2Sent] { return member("lb-2").heartbeatsSent >= lb2Sent + 5; }));
    QCOMPARE(member("lb-1").heartbeatsSent, sent);
    // A heartbeat sent just before the failure may still arrive after it, so lb-2 is compared
    // with what lb-1 sent rather than with what it had received at the failure.
    QVERIFY(member("lb-2").heartbeatsReceived <= sent);
    QVERIFY(member("lb-2").missedHeartbeats >= kMissed);
}

void LoadBalancerPairTest::restoredBalancerTakesAddressBack() {
    ListenerWatch watch(kVirtualAddress, virtualPort());
    QCOMPARE(engine_->fail("lb-1"), std::string{});
    QVERIFY(waitFor([this] { return pair().holder == "lb-2"; }, std::chrono::seconds(5)));
    QCOMPARE(getVirtual().status, 200);

    QCOMPARE(engine_->restore("lb-1"), std::string{});
    QVERIFY(waitFor([this] { return pair().holder == "lb-1"; }, std::chrono::seconds(5)));
    QCOMPARE(member("lb-2").state, std::string("BACKUP"));
    QVERIFY(eventTime("lb-2", "failover", "released").has_value());

    const auto lb1Before = engine_->node("lb-1")->counters.requests;
    const auto lb2Before = engine_->node("lb-2")->counters.requests;
    QCOMPARE(getVirtual().status, 200);
    QCOMPARE(engine_->node("lb-1")->counters.requests, lb1Before + 1);
    QCOMPARE(engine_->node("lb-2")->counters.requests, lb2Before);
    QCOMPARE(listenersOn(kVirtualAddress, virtualPort()), 1);
    QCOMPARE(watch.maximum(), 1);
    QCOMPARE(member("lb-1").takeovers, std::uint64_t{2});
}

void LoadBalancerPairTest::withoutPreemptBackupKeepsAddress() {
    engine_.reset();
    startEngine(false);
    QCOMPARE(engine_->fail("lb-1"), std::string{});
    QVERIFY(waitFor([this] { return pair().holder == "lb-2"; }, std::chrono::seconds(5)));

    QCOMPARE(engine_->restore("lb-1"), std::string{});
    const auto received = member("lb-1").heartbeatsReceived;
    // Both sides have heard each other several times, so a hand-back would have happened.
    QVERIFY(waitFor([this, received] {
        return member("lb-1").heartbeatsReceived >= received + 5 &&
               member("lb-1").state == "BACKUP";
    }));
    QCOMPARE(pair().holder, std::string("lb-2"));
    QCOMPARE(getVirtual().status, 200);
}

void LoadBalancerPairTest::adminReportsPair() {
    const auto reply = httpRequest("127.0.0.1", engine_->adminPort(), "GET", "/vip");
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.find(R"("holder": "lb-1")") != std::string::npos, reply.body.c_str());
    QVERIFY(reply.body.find(R"("address": "127.0.10.10")") != std::string::npos);
    QVERIFY(reply.body.find(R"("state": "BACKUP")") != std::string::npos);
    QVERIFY(reply.body.find(R"("missedHeartbeats")") != std::string::npos);
}

QTEST_GUILESS_MAIN(LoadBalancerPairTest)
#include "test_lb_pair.moc"
