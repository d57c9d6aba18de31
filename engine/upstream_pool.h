#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>

#include "upstream_connection.h"

namespace wsl {

// The route of a pooled connection: from a node's own address to a server's address and port,
// on one io_context. A connection is reused only by requests on the context that opened it, so
// that its handlers stay on that context's thread.
struct UpstreamKey {
    std::string sourceAddress;
    std::string address;
    std::uint16_t port = 0;
    const void* context = nullptr;

    auto operator<=>(const UpstreamKey&) const = default;
};

// Hashes a key for the pool's table: each request looks its key up twice, and comparing keys
// in order compares both addresses as strings at every step.
struct UpstreamKeyHash {
    std::size_t operator()(const UpstreamKey& key) const;
};

// A connection kept alive between requests, plain or TLS. A TLS connection keeps its session,
// so that the next request needs no handshake.
using PooledConnection = std::shared_ptr<UpstreamConnection>;

// Counts since the pool was made, for tests and measurements.
struct UpstreamPoolCounters {
    std::uint64_t reused = 0;     // connections taken from the pool
    std::uint64_t returned = 0;   // connections put back after a complete response
    std::uint64_t discarded = 0;  // idle connections closed: expired, stale, over the bound
};

// Idle keep-alive connections between nodes, and from the built-in client to the site. A connection
// returns here only after a complete response that allowed keep-alive, and a taken one belongs to
// its caller until it is put back or closed. Connections idle longer than `idleTimeout` are closed,
// and at most `maxIdlePerTarget` wait per key. Firewalls screen a connection only when they accept
// it, so the engine calls invalidate() when a firewall changes. Thread-safe. Held by a
// shared_ptr, because the expiry timer's handlers may outlive it.
class UpstreamPool : public std::enable_shared_from_this<UpstreamPool> {
public:
    // Shorter than the servers' 15 s keep-alive idle timeout, so that the pool closes an idle
    // connection before the server does and a request seldom meets one the server is closing.
    static constexpr std::chrono::milliseconds kIdleTimeout{5000};
    // Enough for the 32 connections of a wrk run or a load run's concurrent requests to one
    // server.
    static constexpr std::size_t kMaxIdlePerTarget = 64;

    struct Settings {
        std::chrono::milliseconds idleTimeout = kIdleTimeout;
        std::size_t maxIdlePerTarget = kMaxIdlePerTarget;
    };

    UpstreamPool(boost::asio::io_context& io, Settings settings);
    explicit UpstreamPool(boost::asio::io_context& io);
    ~UpstreamPool();
    UpstreamPool(const UpstreamPool&) = delete;
    UpstreamPool& operator=(const UpstreamPool&) = delete;

    // The epoch of a connection opened now (UpstreamConnection::create). invalidate() ends it.
    std::uint64_t epoch() const;
    // Takes the most recently returned idle connection to `key`, or null. Closes the expired
    // and stale ones it meets. With `checkPeer` it also checks whether the server closed the
    // connection, at the cost of a system call. A caller that can resend its request on a new
    // connection may skip the check.
    PooledConnection take(const UpstreamKey& key, bool checkPeer = true);
    // Puts a connection back, or closes it when the pool is closed, its epoch ended or `key`
    // already has maxIdlePerTarget idle connections.
    void put(const UpstreamKey& key, PooledConnection connection);
    // Closes every idle connection, and each one in use now when it is put back, because the
    // rules that let it through may have changed.
    void invalidate();
    // Closes every idle connection from or to `address`: the node there stopped.
    void closeFor(const std::string& address);
    // Closes every idle connection and closes each one put back later. Call before the
    // io_context stops, so that the expiry timer does not keep its threads running.
    void close();

    std::size_t idleCount() const;
    std::size_t idleCount(const UpstreamKey& key) const;
    UpstreamPoolCounters counters() const;

private:
    struct Idle {
        PooledConnection connection;
        std::chrono::steady_clock::time_point since;
    };

    bool usable(Idle& idle, std::chrono::steady_clock::time_point now, std::uint64_t epoch,
                bool checkPeer) const;
    void discard(Idle& idle);
    void armExpiry();
    void expire();

    const Settings settings_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer expiryTimer_;  // used on strand_ only

    mutable std::mutex mutex_;  // guards everything below
    // Most recently returned at the back of each queue.
    std::unordered_map<UpstreamKey, std::deque<Idle>, UpstreamKeyHash> idle_;
    bool expiryArmed_ = false;
    bool closed_ = false;
    std::uint64_t epoch_ = 0;
    UpstreamPoolCounters counters_;
};

}  // namespace wsl
