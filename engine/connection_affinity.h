#pragma once

// The network thread that opened each connection one of the engine's nodes makes to another,
// recorded so that the node accepting it serves it on that same thread. A request then crosses
// every hop inside the engine on one thread. Each hop's bytes still go through a loopback
// socket, but no other thread is woken to read them, and the request's memory stays in one
// core's cache.
#include <boost/asio/execution_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace wsl {

// A thread-safe registry of source endpoints. It is process-wide, as the kernel's table of
// loopback ports is: every engine in the process uses it, and a port names one socket at a time.
class ConnectionAffinity {
public:
    static ConnectionAffinity& instance();

    // Records that the socket bound to `source`, about to connect, runs on `context`. `owner`
    // marks the entry, so that withdraw() removes only its own.
    void announce(const boost::asio::ip::tcp::endpoint& source,
                  boost::asio::execution_context& context, const void* owner);
    // Removes the entry for `source` if `owner` made it. Called when the socket closes,
    // whether or not it was accepted.
    void withdraw(const boost::asio::ip::tcp::endpoint& source, const void* owner);
    // Returns the context of the socket that connected from `peer` and removes its entry, or
    // null when no node of this process opened it (curl, a browser, another process).
    boost::asio::execution_context* take(const boost::asio::ip::tcp::endpoint& peer);

private:
    struct Entry {
        boost::asio::execution_context* context;
        const void* owner;
    };
    static std::uint64_t keyOf(const boost::asio::ip::tcp::endpoint& endpoint);

    std::mutex mutex_;
    std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace wsl
