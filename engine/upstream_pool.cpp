#include "upstream_pool.h"

#include <sys/socket.h>

#include <boost/asio/post.hpp>

#include <cerrno>
#include <functional>

namespace wsl {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// Whether the peer of an idle connection has neither closed it nor sent anything: a server
// sends nothing between responses, so a readable byte or an end of stream both mean that the
// connection cannot carry another request.
bool peerStillIdle(tcp::socket& socket) {
    char byte = 0;
    const auto received =
        ::recv(socket.native_handle(), &byte, sizeof byte, MSG_PEEK | MSG_DONTWAIT);
    return received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

std::size_t UpstreamKeyHash::operator()(const UpstreamKey& key) const {
    // The boost::hash_combine step, spelled out.
    std::size_t seed = std::hash<std::string>{}(key.sourceAddress);
    const auto combine = [&seed](std::size_t value) {
        seed ^= value + 0x9e3779b9 + (seed << 6) + (seed >> 2);
    };
    combine(std::hash<std::string>{}(key.address));
    combine(key.port);
    combine(std::hash<const void*>{}(key.context));
    return seed;
}

UpstreamPool::UpstreamPool(asio::io_context& io, Settings settings)
    : settings_(settings), strand_(asio::make_strand(io)), expiryTimer_(strand_) {}

UpstreamPool::UpstreamPool(asio::io_context& io) : UpstreamPool(io, Settings{}) {}

UpstreamPool::~UpstreamPool() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (auto& [key, queue] : idle_) {
        for (auto& idle : queue) {
            discard(idle);
        }
    }
    idle_.clear();
}

std::uint64_t UpstreamPool::epoch() const {
    std::lock_guard lock(mutex_);
    return epoch_;
}

bool UpstreamPool::usable(Idle& idle, std::chrono::steady_clock::time_point now,
                          std::uint64_t epoch, bool checkPeer) const {
    return idle.connection->epoch() == epoch && now - idle.since < settings_.idleTimeout &&
           (!checkPeer || peerStillIdle(idle.connection->transport()));
}

void UpstreamPool::discard(Idle& idle) {
    idle.connection->close();
    ++counters_.discarded;
}

PooledConnection UpstreamPool::take(const UpstreamKey& key, bool checkPeer) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    const auto current = epoch_;
    const auto found = idle_.find(key);
    if (found == idle_.end()) {
        return nullptr;
    }
    auto& queue = found->second;
    // The most recently returned first: it is the least likely to have expired, and the older
    // ones expire unused when the traffic shrinks.
    while (!queue.empty()) {
        auto idle = std::move(queue.back());
        queue.pop_back();
        if (usable(idle, now, current, checkPeer)) {
            ++counters_.reused;
            return std::move(idle.connection);
        }
        discard(idle);
    }
    idle_.erase(found);
    return nullptr;
}

void UpstreamPool::put(const UpstreamKey& key, PooledConnection connection) {
    connection->idle();
    Idle idle{std::move(connection), std::chrono::steady_clock::now()};
    std::lock_guard lock(mutex_);
    auto& queue = idle_[key];
    if (closed_ || idle.connection->epoch() != epoch_ ||
        queue.size() >= settings_.maxIdlePerTarget) {
        discard(idle);
        if (queue.empty()) {
            idle_.erase(key);
        }
        return;
    }
    queue.push_back(std::move(idle));
    ++counters_.returned;
    if (!expiryArmed_) {
        expiryArmed_ = true;
        asio::post(strand_, [weak = weak_from_this()] {
            if (const auto pool = weak.lock()) {
                pool->armExpiry();
            }
        });
    }
}

void UpstreamPool::invalidate() {
    std::lock_guard lock(mutex_);
    ++epoch_;
    for (auto& [key, queue] : idle_) {
        for (auto& idle : queue) {
            discard(idle);
        }
    }
    idle_.clear();
}

void UpstreamPool::closeFor(const std::string& address) {
    std::lock_guard lock(mutex_);
    for (auto it = idle_.begin(); it != idle_.end();) {
        if (it->first.sourceAddress != address && it->first.address != address) {
            ++it;
            continue;
        }
        for (auto& idle : it->second) {
            discard(idle);
        }
        it = idle_.erase(it);
    }
}

void UpstreamPool::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        for (auto& [key, queue] : idle_) {
            for (auto& idle : queue) {
                discard(idle);
            }
        }
        idle_.clear();
    }
    asio::post(strand_, [weak = weak_from_this()] {
        if (const auto pool = weak.lock()) {
            pool->expiryTimer_.cancel();
        }
    });
}

// Runs on strand_. The timer runs only while connections are idle, so that an engine at rest
// has no pending work.
void UpstreamPool::armExpiry() {
    expiryTimer_.expires_after(settings_.idleTimeout / 2);
    expiryTimer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        const auto pool = weak.lock();
        if (!ec && pool) {
            pool->expire();
        }
    });
}

// Runs on strand_: closes the connections idle for idleTimeout, then waits again while any
// remain.
void UpstreamPool::expire() {
    const auto oldest = std::chrono::steady_clock::now() - settings_.idleTimeout;
    std::lock_guard lock(mutex_);
    for (auto it = idle_.begin(); it != idle_.end();) {
        auto& queue = it->second;
        while (!queue.empty() && queue.front().since <= oldest) {
            discard(queue.front());
            queue.pop_front();
        }
        it = queue.empty() ? idle_.erase(it) : std::next(it);
    }
    expiryArmed_ = !idle_.empty() && !closed_;
    if (expiryArmed_) {
        armExpiry();
    }
}

std::size_t UpstreamPool::idleCount() const {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (const auto& [key, queue] : idle_) {
        count += queue.size();
    }
    return count;
}

std::size_t UpstreamPool::idleCount(const UpstreamKey& key) const {
    std::lock_guard lock(mutex_);
    const auto found = idle_.find(key);
    return found == idle_.end() ? 0 : found->second.size();
}

UpstreamPoolCounters UpstreamPool::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

}  // namespace wsl
