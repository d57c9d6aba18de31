#include "lb_pair.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <atomic>
#include <sstream>

#include "http_node.h"
#include "trace.h"

namespace wsl {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// The first word of every heartbeat, which sets a heartbeat apart from a stray datagram.
constexpr std::string_view kHeartbeatTag = "WSL-HEARTBEAT";
// A heartbeat is under 64 bytes, so a longer datagram is not one.
constexpr std::size_t kMaxHeartbeatBytes = 256;
// VRRP priorities, where the higher one becomes MASTER, so the first balancer is preferred.
constexpr int kFirstPriority = 200;
constexpr int kSecondPriority = 100;

enum class Role { Backup, Master, Fault };

const char* roleName(Role role) {
    switch (role) {
        case Role::Master:
            return "MASTER";
        case Role::Backup:
            return "BACKUP";
        case Role::Fault:
            return "FAULT";
    }
    return "FAULT";
}

struct Heartbeat {
    std::string instanceId;
    int priority = 0;
    bool master = false;
};

std::string formatHeartbeat(const std::string& instanceId, int priority, Role role) {
    return std::string(kHeartbeatTag) + " " + instanceId + " " + std::to_string(priority) + " " +
           roleName(role);
}

std::optional<Heartbeat> parseHeartbeat(const std::string& text) {
    std::istringstream in(text);
    std::string tag;
    std::string role;
    Heartbeat heartbeat;
    if (!(in >> tag >> heartbeat.instanceId >> heartbeat.priority >> role) ||
        tag != kHeartbeatTag || (role != "MASTER" && role != "BACKUP")) {
        return std::nullopt;
    }
    heartbeat.master = role == "MASTER";
    return heartbeat;
}

}  // namespace

// One balancer's side of the pair. Every member function except holds() and status() runs on
// `strand_`. Those two read atomics only.
class LoadBalancerPair::Member : public std::enable_shared_from_this<Member> {
public:
    Member(asio::io_context& io, Tracer& tracer, const LoadBalancerPairSettings& settings,
           HttpNode& node, int priority, std::uint16_t port, std::string instanceId)
        : strand_(asio::make_strand(io)),
          socket_(strand_),
          sendTimer_(strand_),
          watchTimer_(strand_),
          tracer_(tracer),
          settings_(settings),
          node_(node),
          priority_(priority),
          port_(port),
          instanceId_(std::move(instanceId)) {}

    std::uint16_t open();
    void setPeer(const udp::endpoint& peer, const std::string& peerName);
    void takeAtStart();
    void run();
    void stop();
    void syncWithNode();
    void postSyncWithNode();

    bool holds() const { return role_ == Role::Master; }
    const std::string& name() const { return node_.name(); }
    const HttpNode& node() const { return node_; }
    PairMemberStatus status() const;

private:
    asio::awaitable<void> sendLoop();
    asio::awaitable<void> receiveLoop();
    asio::awaitable<void> watchLoop();
    void sendHeartbeat();
    void onHeartbeat(const Heartbeat& heartbeat);
    bool becomeMaster(const std::string& reason);
    void enterMaster(const std::string& reason);
    void becomeBackup(const std::string& reason);
    void setHeard(Clock::time_point time);
    Clock::time_point masterDownAt() const;

    asio::strand<asio::io_context::executor_type> strand_;
    udp::socket socket_;
    asio::steady_timer sendTimer_;
    asio::steady_timer watchTimer_;
    Tracer& tracer_;
    const LoadBalancerPairSettings settings_;
    HttpNode& node_;
    const int priority_;
    const std::uint16_t port_;
    const std::string instanceId_;
    udp::endpoint peer_;
    std::string peerName_;
    Clock::time_point lastHeard_ = Clock::now();

    std::atomic<bool> stopped_{false};
    std::atomic<Role> role_{Role::Backup};
    std::atomic<std::uint16_t> heartbeatPort_{0};
    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> received_{0};
    std::atomic<std::uint64_t> takeovers_{0};
    std::atomic<Clock::rep> lastHeardTicks_{Clock::now().time_since_epoch().count()};
};

std::uint16_t LoadBalancerPair::Member::open() {
    const udp::endpoint local{asio::ip::make_address(node_.spec().address), 0};
    socket_.open(local.protocol());
    socket_.bind(local);
    // A full send buffer drops the heartbeat, as a congested link would, instead of blocking
    // the strand.
    socket_.non_blocking(true);
    heartbeatPort_ = socket_.local_endpoint().port();
    return heartbeatPort_;
}

void LoadBalancerPair::Member::setPeer(const udp::endpoint& peer, const std::string& peerName) {
    peer_ = peer;
    peerName_ = peerName;
}

// Runs before run(), so that nothing else touches the member yet. Throws std::system_error
// when the virtual address cannot be bound.
void LoadBalancerPair::Member::takeAtStart() {
    if (!node_.bindVirtualAddress(settings_.virtualAddress, port_)) {
        throw std::logic_error(name() + " must listen before it can hold a virtual address");
    }
    enterMaster(name() + " holds " + settings_.virtualAddress +
                " (MASTER): it has the higher priority");
}

void LoadBalancerPair::Member::run() {
    setHeard(Clock::now());
    auto self = shared_from_this();
    asio::co_spawn(
        strand_, [self] { return self->sendLoop(); }, asio::detached);
    asio::co_spawn(
        strand_, [self] { return self->receiveLoop(); }, asio::detached);
    asio::co_spawn(
        strand_, [self] { return self->watchLoop(); }, asio::detached);
}

void LoadBalancerPair::Member::stop() {
    stopped_ = true;
    asio::post(strand_, [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->socket_.close(ignored);
        self->sendTimer_.cancel();
        self->watchTimer_.cancel();
    });
}

void LoadBalancerPair::Member::postSyncWithNode() {
    asio::post(strand_, [self = shared_from_this()] { self->syncWithNode(); });
}

// A stopped balancer models a host that is down, so it sends no heartbeat and binds no
// address. HttpNode::stop() has already closed its listeners, the virtual one included.
void LoadBalancerPair::Member::syncWithNode() {
    if (stopped_) {
        return;
    }
    const bool running = node_.running();
    if (!running && role_ != Role::Fault) {
        node_.releaseVirtualAddress();
        role_ = Role::Fault;
        tracer_.event(name(), "failover",
                      name() +
                          " is FAULT: it stopped, so it sends no heartbeats and holds no "
                          "virtual address");
    } else if (running && role_ == Role::Fault) {
        // The peer gets a whole master-down interval to be heard before this one takes over.
        setHeard(Clock::now());
        becomeBackup(name() + " is BACKUP: it is running again");
        sendHeartbeat();
    }
}

asio::awaitable<void> LoadBalancerPair::Member::sendLoop() {
    while (!stopped_) {
        syncWithNode();
        if (role_ != Role::Fault) {
            sendHeartbeat();
        }
        sendTimer_.expires_after(settings_.heartbeatInterval);
        boost::system::error_code ec;
        co_await sendTimer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

void LoadBalancerPair::Member::sendHeartbeat() {
    const auto text = formatHeartbeat(instanceId_, priority_, role_);
    boost::system::error_code ec;
    socket_.send_to(asio::buffer(text), peer_, 0, ec);
    if (!ec) {
        ++sent_;
    }
}

asio::awaitable<void> LoadBalancerPair::Member::receiveLoop() {
    std::array<char, kMaxHeartbeatBytes> buffer{};
    while (!stopped_) {
        udp::endpoint sender;
        boost::system::error_code ec;
        const auto size = co_await socket_.async_receive_from(
            asio::buffer(buffer), sender, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor || stopped_) {
            co_return;  // stop() closed the socket
        }
        // Only the peer's own socket may speak for the peer.
        if (ec || sender != peer_) {
            continue;
        }
        const auto heartbeat = parseHeartbeat(std::string(buffer.data(), size));
        if (heartbeat && heartbeat->instanceId == instanceId_ && role_ != Role::Fault) {
            onHeartbeat(*heartbeat);
        }
    }
}

void LoadBalancerPair::Member::onHeartbeat(const Heartbeat& heartbeat) {
    ++received_;
    setHeard(Clock::now());
    const bool peerOutranks = heartbeat.priority > priority_;

    if (role_ == Role::Backup && !heartbeat.master && !peerOutranks) {
        // The peer has not bound the address and has the lower priority. This happens at start
        // and right after the peer released the address.
        becomeMaster(name() + " holds " + settings_.virtualAddress + " (MASTER): " + peerName_ +
                     " released it and has the lower priority");
        return;
    }
    if (role_ != Role::Master) {
        return;
    }
    const bool handBack = settings_.preempt && !heartbeat.master && peerOutranks;
    const bool bothMaster = heartbeat.master && peerOutranks;
    if (handBack || bothMaster) {
        becomeBackup(name() + " is BACKUP: it released " + settings_.virtualAddress + " for " +
                     peerName_ + ", which has the higher priority");
        // Tells the peer at once that the address is free, rather than at the next interval.
        sendHeartbeat();
    }
}

// Wakes when the peer has been silent for the master-down interval. A heartbeat that arrives
// meanwhile moves the deadline, so the loop then sleeps until the new one.
asio::awaitable<void> LoadBalancerPair::Member::watchLoop() {
    while (!stopped_) {
        const auto now = Clock::now();
        if (role_ == Role::Backup && now >= masterDownAt()) {
            const auto missed = settings_.missedHeartbeats;
            if (!becomeMaster(name() + " took over " + settings_.virtualAddress +
                              " (MASTER) after " + std::to_string(missed) +
                              " missed heartbeats from " + peerName_)) {
                // Tries again one interval later, e.g. while the peer has not yet released it.
                setHeard(now - settings_.heartbeatInterval * (missed - 1));
            }
        }
        const auto wake =
            role_ == Role::Backup ? masterDownAt() : now + settings_.heartbeatInterval;
        watchTimer_.expires_at(std::max(wake, now));
        boost::system::error_code ec;
        co_await watchTimer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return;  // cancelled by stop()
        }
    }
}

bool LoadBalancerPair::Member::becomeMaster(const std::string& reason) {
    try {
        if (!node_.bindVirtualAddress(settings_.virtualAddress, port_)) {
            return false;  // the node stopped meanwhile
        }
    } catch (const std::system_error& error) {
        tracer_.event(name(), "error",
                      name() + " cannot bind " + settings_.virtualAddress + ":" +
                          std::to_string(port_) + ": " + error.what() + "; it stays BACKUP");
        return false;
    }
    enterMaster(reason);
    return true;
}

void LoadBalancerPair::Member::enterMaster(const std::string& reason) {
    role_ = Role::Master;
    ++takeovers_;
    tracer_.event(name(), "failover", reason);
    sendHeartbeat();
}

void LoadBalancerPair::Member::becomeBackup(const std::string& reason) {
    node_.releaseVirtualAddress();
    role_ = Role::Backup;
    tracer_.event(name(), "failover", reason);
}

void LoadBalancerPair::Member::setHeard(Clock::time_point time) {
    lastHeard_ = time;
    lastHeardTicks_ = time.time_since_epoch().count();
}

Clock::time_point LoadBalancerPair::Member::masterDownAt() const {
    return lastHeard_ + settings_.heartbeatInterval * settings_.missedHeartbeats;
}

PairMemberStatus LoadBalancerPair::Member::status() const {
    PairMemberStatus status;
    status.node = name();
    status.address = node_.spec().address;
    status.heartbeatPort = heartbeatPort_;
    status.priority = priority_;
    status.state = roleName(role_);
    status.heartbeatsSent = sent_;
    status.heartbeatsReceived = received_;
    status.takeovers = takeovers_;
    const auto silence = Clock::now() - Clock::time_point(Clock::duration(lastHeardTicks_));
    status.missedHeartbeats = static_cast<int>(silence / settings_.heartbeatInterval);
    return status;
}

LoadBalancerPair::LoadBalancerPair(asio::io_context& io, Tracer& tracer,
                                   LoadBalancerPairSettings settings, HttpNode& first,
                                   HttpNode& second, std::uint16_t port,
                                   const std::string& instanceId)
    : settings_(std::move(settings)), port_(port) {
    first_ =
        std::make_shared<Member>(io, tracer, settings_, first, kFirstPriority, port, instanceId);
    second_ =
        std::make_shared<Member>(io, tracer, settings_, second, kSecondPriority, port, instanceId);
}

LoadBalancerPair::~LoadBalancerPair() {
    stop();
}

void LoadBalancerPair::start() {
    const auto firstPort = first_->open();
    const auto secondPort = second_->open();
    const auto addressOf = [](const HttpNode& node) {
        return asio::ip::make_address(node.spec().address);
    };
    first_->setPeer({addressOf(second_->node()), secondPort}, second_->name());
    second_->setPeer({addressOf(first_->node()), firstPort}, first_->name());

    first_->takeAtStart();
    first_->run();
    second_->run();
}

void LoadBalancerPair::stop() {
    first_->stop();
    second_->stop();
}

void LoadBalancerPair::nodeStateChanged() {
    first_->postSyncWithNode();
    second_->postSyncWithNode();
}

std::string LoadBalancerPair::holder() const {
    if (first_->holds()) {
        return first_->name();
    }
    return second_->holds() ? second_->name() : std::string{};
}

VirtualAddressStatus LoadBalancerPair::status() const {
    VirtualAddressStatus status;
    status.address = settings_.virtualAddress;
    status.port = port_;
    status.holder = holder();
    status.settings = settings_;
    status.members = {first_->status(), second_->status()};
    return status;
}

}  // namespace wsl
