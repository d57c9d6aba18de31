#include "dns_server.h"

#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace wsl {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// A query without EDNS is at most 512 bytes, and 4096 bytes covers the EDNS payload sizes that
// clients advertise in practice. The kernel truncates a longer datagram, which then fails to
// parse and is ignored.
constexpr std::size_t kMaxDatagram = 4096;

// A flood of bad packets or failed sends must not flood the event stream, so each kind of report
// is let through at most once per interval, with the number held back since the last one.
constexpr auto kReportInterval = std::chrono::seconds(1);

std::string endpointText(const udp::endpoint& endpoint) {
    const std::string address = endpoint.address().to_string();
    const std::string host = endpoint.address().is_v6() ? "[" + address + "]" : address;
    return host + ":" + std::to_string(endpoint.port());
}

std::string describeReply(const DnsReply& reply, const DnsZone& zone) {
    switch (reply.kind) {
        case DnsAnswerKind::Answer:
            return zone.address;
        case DnsAnswerKind::NoData:
            return std::string("NOERROR, no ") + reply.qtype + " record";
        default:
            return dnsRcodeName(reply.kind);
    }
}

class ThrottledReport {
public:
    // Returns the number of reports held back since the last one let through, or nullopt when
    // this report must be held back too.
    std::optional<std::uint64_t> admit(Clock::time_point now) {
        if (last_ && now - *last_ < kReportInterval) {
            ++held_;
            return std::nullopt;
        }
        last_ = now;
        return std::exchange(held_, 0);
    }

private:
    std::optional<Clock::time_point> last_;
    std::uint64_t held_ = 0;
};

std::string heldBackText(std::uint64_t heldBack) {
    return heldBack == 0 ? std::string()
                         : " and " + std::to_string(heldBack) + " more since the last report";
}

}  // namespace

struct DnsServer::Counters {
    std::atomic<std::uint64_t> answered{0};
    std::atomic<std::uint64_t> ignored{0};
};

// One bound socket, from start() to its close. Every pending handler keeps it alive through a
// shared pointer, and only the strand touches the members below, except the close state.
class DnsServer::Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context& io, const std::string& name, const DnsZone& zone, Tracer& tracer,
             std::shared_ptr<Counters> counters, std::shared_ptr<FaultInjector> faults,
             ConnectionScreen screen)
        : strand_(asio::make_strand(io)),
          socket_(strand_),
          name_(name),
          zone_(zone),
          tracer_(tracer),
          counters_(std::move(counters)),
          faults_(std::move(faults)),
          screen_(std::move(screen)) {}

    // Runs on the caller's thread before any handler exists for this socket.
    std::uint16_t open(const udp::endpoint& endpoint);

    void startReceiving() {
        asio::post(strand_, [self = shared_from_this()] { self->doReceive(); });
    }

    void postClose() {
        asio::post(strand_, [self = shared_from_this()] { self->close(); });
    }

    // Closes inline when called on the strand, because a wait there could never end.
    void waitUntilClosed(std::chrono::milliseconds limit) {
        if (strand_.running_in_this_thread()) {
            close();
            return;
        }
        std::unique_lock lock(closeMutex_);
        closedCondition_.wait_for(lock, limit, [this] { return closed_; });
    }

    bool receiving() const { return receiving_; }

private:
    void doReceive();
    void onReceive(const boost::system::error_code& error, std::size_t bytes);
    void applyFault(std::span<const std::uint8_t> query);
    void answerLater(std::span<const std::uint8_t> query, std::chrono::milliseconds delay);
    void answer(std::span<const std::uint8_t> query, const udp::endpoint& sender,
                bool serverFailure);
    bool screenedOut() const;
    void close();

    asio::strand<asio::io_context::executor_type> strand_;
    udp::socket socket_;
    std::array<std::uint8_t, kMaxDatagram> buffer_{};
    udp::endpoint sender_;
    std::string localText_;
    std::uint16_t localPort_ = 0;

    const std::string name_;
    const DnsZone zone_;
    Tracer& tracer_;
    const std::shared_ptr<Counters> counters_;
    const std::shared_ptr<FaultInjector> faults_;  // null: no faults
    // Replies held back by a slow fault; close() cancels them.
    std::set<std::shared_ptr<asio::steady_timer>> delayed_;
    const ConnectionScreen screen_;
    ThrottledReport ignoredReport_;
    ThrottledReport sendFailureReport_;

    std::atomic<bool> receiving_{false};
    std::mutex closeMutex_;
    std::condition_variable closedCondition_;
    bool closed_ = false;
};

std::uint16_t DnsServer::Listener::open(const udp::endpoint& endpoint) {
    boost::system::error_code error;
    socket_.open(endpoint.protocol(), error);
    // Replies are sent inline on the strand. A full send buffer drops the reply, as a busy
    // host drops UDP, instead of stalling every other query behind it.
    if (!error) {
        socket_.non_blocking(true, error);
    }
    if (!error) {
        socket_.bind(endpoint, error);
    }
    udp::endpoint local;
    if (!error) {
        local = socket_.local_endpoint(error);
    }
    if (error) {
        boost::system::error_code ignored;
        socket_.close(ignored);
        throw std::system_error(
            error, "DNS server " + name_ + " cannot bind udp " + endpointText(endpoint));
    }

    localText_ = endpointText(local);
    localPort_ = local.port();
    receiving_ = true;
    tracer_.event(name_, "dns", "listening on udp " + localText_);
    return local.port();
}

void DnsServer::Listener::doReceive() {
    socket_.async_receive_from(
        asio::buffer(buffer_), sender_,
        [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
            self->onReceive(error, bytes);
        });
}

void DnsServer::Listener::onReceive(const boost::system::error_code& error, std::size_t bytes) {
    // After stop() closes the socket, the pending receive ends with operation_aborted.
    if (error == asio::error::operation_aborted || !socket_.is_open()) {
        return;
    }

    // An ICMP error caused by an earlier reply concerns that one client, not this socket.
    if (error == asio::error::connection_refused || error == asio::error::connection_reset) {
        doReceive();
        return;
    }
    if (error) {
        tracer_.event(name_, "error",
                      "DNS receive on udp " + localText_ + " failed: " + error.message() +
                          ". The server stops answering until it is restarted.");
        close();
        return;
    }

    if (!screenedOut()) {
        applyFault(std::span<const std::uint8_t>(buffer_.data(), bytes));
    }
    doReceive();
}

// UDP has no connection to reset: a firewall that rejects a datagram would send an ICMP
// "port unreachable", which an unprivileged process cannot send. So reject and drop both
// ignore the datagram, and the client's lookup times out.
bool DnsServer::Listener::screenedOut() const {
    return screen_ && screen_(sender_.address().to_string(), localPort_) != FirewallAction::Allow;
}

void DnsServer::Listener::applyFault(std::span<const std::uint8_t> query) {
    const auto fault = faults_ ? faults_->next() : FaultAction{};
    switch (fault.mode) {
        case FaultMode::Hang:
            // The client waits for a reply that never comes, as with a hung server process.
            tracer_.event(name_, "dns",
                          "query from " + endpointText(sender_) + " not answered: injected fault");
            return;
        case FaultMode::Slow:
            answerLater(query, fault.delay);
            return;
        default:
            answer(query, sender_, fault.mode == FaultMode::Error);
    }
}

// Copies the query and its sender, because the receive buffer is reused at once.
void DnsServer::Listener::answerLater(std::span<const std::uint8_t> query,
                                      std::chrono::milliseconds delay) {
    auto timer = std::make_shared<asio::steady_timer>(strand_, delay);
    delayed_.insert(timer);
    timer->async_wait([self = shared_from_this(), timer,
                       bytes = std::vector<std::uint8_t>(query.begin(), query.end()),
                       sender = sender_](const boost::system::error_code& error) {
        self->delayed_.erase(timer);
        if (!error && self->socket_.is_open()) {
            self->answer(bytes, sender, false);
        }
    });
}

void DnsServer::Listener::answer(std::span<const std::uint8_t> query, const udp::endpoint& sender,
                                 bool serverFailure) {
    const std::string peer = endpointText(sender);

    // An exception must not escape into io_context::run(), which would end an engine thread.
    std::optional<DnsReply> reply;
    try {
        reply = answerDnsQuery(query, zone_, serverFailure);
    } catch (const std::exception& failure) {
        tracer_.event(name_, "error",
                      "building the DNS reply to " + peer + " failed: " + failure.what() +
                          ". The query is dropped.");
        return;
    }

    // Each event is recorded before its counter grows, so a reader that sees the count also
    // finds the event.
    if (!reply) {
        if (const auto heldBack = ignoredReport_.admit(Clock::now())) {
            tracer_.event(name_, "dns",
                          "ignored malformed packet from " + peer + heldBackText(*heldBack));
        }
        ++counters_->ignored;
        return;
    }

    boost::system::error_code error;
    socket_.send_to(asio::buffer(reply->wire), sender, 0, error);
    if (error) {
        if (const auto heldBack = sendFailureReport_.admit(Clock::now())) {
            tracer_.event(
                name_, "error",
                "DNS reply to " + peer + " dropped: " + error.message() + heldBackText(*heldBack));
        }
        return;
    }
    const std::string injected = serverFailure ? " (injected fault)" : "";
    tracer_.event(name_, "dns",
                  reply->qname + " " + reply->qtype + " -> " + describeReply(*reply, zone_) +
                      injected + " for " + peer);
    ++counters_->answered;
}

void DnsServer::Listener::close() {
    receiving_ = false;
    {
        std::lock_guard lock(closeMutex_);
        if (closed_) {
            return;
        }
    }

    for (const auto& timer : delayed_) {
        timer->cancel();
    }
    boost::system::error_code error;
    socket_.close(error);
    if (error) {
        tracer_.event(name_, "error", "closing udp " + localText_ + " failed: " + error.message());
    } else {
        tracer_.event(name_, "dns", "stopped listening on udp " + localText_);
    }

    {
        std::lock_guard lock(closeMutex_);
        closed_ = true;
    }
    closedCondition_.notify_all();
}

DnsServer::DnsServer(boost::asio::io_context& io, std::string name, DnsZone zone, Tracer& tracer,
                     std::shared_ptr<FaultInjector> faults)
    : io_(io),
      name_(std::move(name)),
      zone_(std::move(zone)),
      tracer_(tracer),
      counters_(std::make_shared<Counters>()),
      faults_(std::move(faults)) {
    validateDnsZone(zone_);
}

DnsServer::~DnsServer() {
    stop();
}

std::uint16_t DnsServer::start(const std::string& address, std::uint16_t port) {
    boost::system::error_code error;
    const asio::ip::address ip = asio::ip::make_address(address, error);
    if (error) {
        throw std::system_error(error,
                                "DNS server " + name_ + ": invalid address '" + address + "'");
    }

    std::lock_guard lock(mutex_);
    if (listener_ && listener_->receiving()) {
        throw std::logic_error("DNS server " + name_ + " is already running. Call stop() first.");
    }
    // A listener that closed itself after a receive error is replaced like a stopped one.
    if (listener_) {
        closing_ = std::move(listener_);
    }

    // The previous socket keeps its port until its strand runs the close posted by stop().
    if (closing_) {
        closing_->waitUntilClosed(kCloseWait);
        closing_.reset();
    }

    auto listener =
        std::make_shared<Listener>(io_, name_, zone_, tracer_, counters_, faults_, screen_);
    const std::uint16_t bound = listener->open(udp::endpoint(ip, port));
    listener->startReceiving();
    listener_ = std::move(listener);
    return bound;
}

void DnsServer::stop() {
    std::lock_guard lock(mutex_);
    if (!listener_) {
        return;
    }
    listener_->postClose();
    closing_ = std::move(listener_);
}

bool DnsServer::running() const {
    std::lock_guard lock(mutex_);
    return listener_ && listener_->receiving();
}

void DnsServer::setScreen(ConnectionScreen screen) {
    std::lock_guard lock(mutex_);
    screen_ = std::move(screen);
}

std::uint64_t DnsServer::queriesAnswered() const {
    return counters_->answered;
}

std::uint64_t DnsServer::queriesIgnored() const {
    return counters_->ignored;
}

}  // namespace wsl
