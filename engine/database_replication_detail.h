#pragma once

// Shared by the two files that implement DatabaseNode; no other file includes it.

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "database_node.h"

namespace wsl {

// Numbers each changeset in the primary's commit order.
inline constexpr const char* kPositionHeader = "X-Replication-Position";

// Runs `function` on the database's worker thread and resumes the caller with its result.
template <typename Function>
auto onWorker(boost::asio::thread_pool& worker, Function function)
    -> boost::asio::awaitable<decltype(function())> {
    co_return co_await boost::asio::co_spawn(
        worker,
        [function = std::move(function)]() -> boost::asio::awaitable<decltype(function())> {
            co_return function();
        },
        boost::asio::use_awaitable);
}

// The changesets on their way to one replica, sent one at a time in commit order.
struct DatabaseNode::ReplicaLink {
    struct Pending {
        std::int64_t position = 0;
        std::chrono::steady_clock::time_point committed;
        std::vector<std::uint8_t> changeset;
    };

    ReplicaLink(boost::asio::any_io_executor executor, UpstreamTarget replica)
        : timer(std::move(executor)), target(std::move(replica)) {}

    boost::asio::steady_timer timer;
    const UpstreamTarget target;
    std::mutex mutex;  // guards every member below
    std::deque<Pending> queue;
    bool draining = false;
    bool closed = false;  // the link was replaced: its drain stops
    bool outOfSync = false;
    std::uint64_t shipped = 0;
    std::uint64_t dropped = 0;
    std::string lastError;
};

}  // namespace wsl
