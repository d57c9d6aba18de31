// DatabaseNode's side of replication: numbering writes, shipping their changesets to the
// replicas in commit order, and holding synchronous writes until the replicas applied them.
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "database_node.h"
#include "database_replication_detail.h"

namespace wsl {

namespace asio = boost::asio;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kReplicationTimeout{5000};
// A replica that cannot be reached is retried after this pause, keeping the changeset order.
constexpr std::chrono::milliseconds kReplicationRetry{500};
// Changesets waiting for one replica. Past it the oldest are dropped and the replica diverges.
constexpr std::size_t kMaxQueuedChangesets = 10000;
// Writes the primary remembers, to list those a promotion loses. Older ones are only counted.
constexpr std::size_t kMaxLoggedWrites = 1000;
// A synchronous write waits this long for the replicas, then is acknowledged with the laggards
// marked out of sync. It stays below the application server's 5 s database timeout.
constexpr std::chrono::seconds kSyncWaitLimit{3};

}  // namespace

std::shared_ptr<DatabaseNode::ReplicaLink> DatabaseNode::makeLink(UpstreamTarget replica) {
    return std::make_shared<ReplicaLink>(asio::make_strand(io_), std::move(replica));
}

void DatabaseNode::closeLinks() {
    std::vector<std::shared_ptr<ReplicaLink>> closing;
    {
        std::lock_guard lock(mutex_);
        closing.swap(links_);
    }
    for (const auto& link : closing) {
        {
            std::lock_guard lock(link->mutex);
            link->closed = true;
            link->queue.clear();
        }
        asio::post(link->timer.get_executor(), [link] { link->timer.cancel(); });
    }
    wakeSyncWaiters();
}

void DatabaseNode::setReplicationSettings(const ReplicationSettings& settings) {
    std::vector<std::shared_ptr<ReplicaLink>> links;
    {
        std::lock_guard lock(mutex_);
        settings_ = settings;
        links = links_;
    }
    // Changesets held for the old apply delay are looked at again.
    for (const auto& link : links) {
        asio::post(link->timer.get_executor(), [link] { link->timer.cancel(); });
    }
}

std::chrono::milliseconds DatabaseNode::applyDelay() const {
    std::lock_guard lock(mutex_);
    return settings_.applyDelay;
}

std::int64_t DatabaseNode::recordWrite(const std::string& sql, const json& params,
                                       const std::vector<std::uint8_t>& changeset) {
    std::int64_t position = 0;
    std::vector<std::shared_ptr<ReplicaLink>> links;
    {
        std::lock_guard lock(mutex_);
        position = ++position_;
        writeLog_.push_back(
            {position, sql, params.dump(-1, ' ', false, json::error_handler_t::replace), false});
        if (writeLog_.size() > kMaxLoggedWrites) {
            writeLog_.pop_front();
        }
        links = links_;
    }
    ship(position, changeset, links);
    return position;
}

void DatabaseNode::acknowledge(std::int64_t position) {
    std::lock_guard lock(mutex_);
    if (writeLog_.empty() || position < writeLog_.front().position) {
        return;
    }
    // Positions in the log are consecutive.
    const auto index = static_cast<std::size_t>(position - writeLog_.front().position);
    if (index < writeLog_.size()) {
        writeLog_[index].acknowledged = true;
    }
}

std::pair<std::int64_t, std::vector<LostWrite>> DatabaseNode::acknowledgedWritesAfter(
    std::int64_t position, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    std::int64_t count = 0;
    std::vector<LostWrite> listed;
    // Writes that fell out of the log are counted as acknowledged, since all but the last few
    // were.
    const auto oldestLogged = writeLog_.empty() ? position_ + 1 : writeLog_.front().position;
    if (oldestLogged > position + 1) {
        count += oldestLogged - position - 1;
    }
    for (const auto& write : writeLog_) {
        if (write.position <= position || !write.acknowledged) {
            continue;
        }
        ++count;
        if (listed.size() < limit) {
            listed.push_back({write.position, name(), write.sql, write.params});
        }
    }
    return {count, listed};
}

void DatabaseNode::ship(std::int64_t position, const std::vector<std::uint8_t>& changeset,
                        const std::vector<std::shared_ptr<ReplicaLink>>& links) {
    const auto committed = Clock::now();
    for (const auto& link : links) {
        bool startDrain = false;
        {
            std::lock_guard lock(link->mutex);
            if (link->closed) {
                continue;
            }
            if (link->queue.size() >= kMaxQueuedChangesets) {
                link->queue.pop_front();
                ++link->dropped;
            }
            link->queue.push_back({position, committed, changeset});
            startDrain = !link->draining && shipping_;
        }
        if (startDrain) {
            asio::co_spawn(link->timer.get_executor(), drain(link), asio::detached);
        }
    }
}

asio::awaitable<void> DatabaseNode::drain(std::shared_ptr<ReplicaLink> link) {
    {
        std::lock_guard lock(link->mutex);
        if (link->draining || link->closed) {
            co_return;
        }
        link->draining = true;
    }

    while (shipping_) {
        ReplicaLink::Pending next;
        {
            // Emptiness and the end of draining are decided under one lock, so that a
            // changeset queued meanwhile starts a new drain.
            std::lock_guard lock(link->mutex);
            if (link->queue.empty() || link->closed) {
                link->draining = false;
                co_return;
            }
            next = link->queue.front();
        }

        // The apply delay keeps the changeset here, and a settings change cancels the wait.
        const auto due = next.committed + applyDelay();
        if (Clock::now() < due) {
            link->timer.expires_at(due);
            boost::system::error_code ec;
            co_await link->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }

        HttpRequest request{http::verb::post, "/replicate", 11};
        request.set(http::field::host, link->target.address);
        request.set(http::field::content_type, "application/octet-stream");
        request.set(kInstanceHeader, instanceId_);
        request.set(kPositionHeader, std::to_string(next.position));
        request.body().assign(next.changeset.begin(), next.changeset.end());
        const auto result = co_await sendHttpRequest(
            spec().address, link->target, std::move(request), kReplicationTimeout, nullptr);
        const bool delivered = result.response && result.response->result_int() == 200;
        const auto why = result.response ? result.response->body() : result.error;
        reportDelivery(*link, next.position, delivered, why);
        if (delivered) {
            tracer().event(name(), "replication",
                           "changeset " + std::to_string(next.position) + " of " +
                               std::to_string(next.changeset.size()) + " bytes applied on " +
                               link->target.node);
            continue;
        }

        tracer().event(name(), "replication",
                       "shipping to " + link->target.node + " failed, retrying: " + why);
        link->timer.expires_after(kReplicationRetry);
        boost::system::error_code ec;
        co_await link->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }

    std::lock_guard lock(link->mutex);
    link->draining = false;
}

void DatabaseNode::reportDelivery(ReplicaLink& link, std::int64_t position, bool delivered,
                                  const std::string& error) {
    const bool synchronous = [this] {
        std::lock_guard lock(mutex_);
        return settings_.mode == ReplicationSettings::Mode::Synchronous;
    }();
    std::string change;
    {
        std::lock_guard lock(link.mutex);
        if (delivered) {
            if (!link.queue.empty() && link.queue.front().position == position) {
                link.queue.pop_front();
            }
            ++link.shipped;
            link.lastError.clear();
            if (link.queue.empty() && link.outOfSync) {
                link.outOfSync = false;
                change = link.target.node + " caught up and is in sync again";
            }
        } else {
            link.lastError = error;
            if (synchronous && !link.outOfSync) {
                link.outOfSync = true;
                change = link.target.node + " is out of sync: writes no longer wait for it " +
                         "until it catches up (" + error + ")";
            }
        }
    }
    if (!change.empty()) {
        tracer().event(name(), "replication", change);
    }
    wakeSyncWaiters();
}

asio::awaitable<DatabaseNode::SyncOutcome> DatabaseNode::waitForReplicas(std::int64_t position) {
    co_return co_await asio::co_spawn(syncStrand_, awaitReplicasOnStrand(position),
                                      asio::use_awaitable);
}

// Runs on syncStrand_, where wakeSyncWaiters() cancels the timer: between the check and the
// wait nothing else runs on the strand, so no wake-up is missed.
asio::awaitable<DatabaseNode::SyncOutcome> DatabaseNode::awaitReplicasOnStrand(
    std::int64_t position) {
    asio::steady_timer timer(syncStrand_);
    const auto deadline = Clock::now() + kSyncWaitLimit;
    const auto waiters = syncWaiters_;
    waiters->push_back(&timer);

    SyncOutcome outcome;
    while (shipping_ && !replicasApplied(position, &outcome, false) && Clock::now() < deadline) {
        timer.expires_at(deadline);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    std::erase(*waiters, &timer);

    replicasApplied(position, &outcome, shipping_);
    co_return outcome;
}

// Whether every in-sync replica applied the write at `position`. With `markLagging`, a replica
// that has not is marked out of sync.
bool DatabaseNode::replicasApplied(std::int64_t position, SyncOutcome* outcome, bool markLagging) {
    *outcome = {};
    bool all = true;
    std::vector<std::string> marked;
    {
        std::lock_guard lock(mutex_);
        for (const auto& link : links_) {
            std::lock_guard linkLock(link->mutex);
            const bool applied = link->queue.empty() || link->queue.front().position > position;
            if (applied) {
                outcome->applied.push_back(link->target.node);
            } else if (link->outOfSync) {
                outcome->outOfSync.push_back(link->target.node);
            } else if (markLagging) {
                link->outOfSync = true;
                outcome->outOfSync.push_back(link->target.node);
                marked.push_back(link->target.node);
            } else {
                all = false;
            }
        }
    }
    for (const auto& replica : marked) {
        tracer().event(name(), "replication",
                       replica + " did not apply write " + std::to_string(position) + " within " +
                           std::to_string(kSyncWaitLimit.count()) +
                           " s and is out of sync: writes no longer wait for it until it "
                           "catches up");
    }
    return all;
}

void DatabaseNode::wakeSyncWaiters() {
    asio::post(syncStrand_, [waiters = syncWaiters_] {
        for (auto* timer : *waiters) {
            timer->cancel();
        }
    });
}

std::vector<ReplicaLag> DatabaseNode::replicaLag() const {
    const auto now = Clock::now();
    std::vector<ReplicaLag> lags;
    std::lock_guard lock(mutex_);
    for (const auto& link : links_) {
        std::lock_guard linkLock(link->mutex);
        ReplicaLag lag;
        lag.replica = link->target.node;
        lag.changesetsBehind = static_cast<std::int64_t>(link->queue.size());
        if (!link->queue.empty()) {
            lag.msBehind = std::chrono::duration_cast<std::chrono::milliseconds>(
                               now - link->queue.front().committed)
                               .count();
        }
        lag.outOfSync = link->outOfSync;
        lag.shipped = link->shipped;
        lag.dropped = link->dropped;
        lag.lastError = link->lastError;
        lags.push_back(std::move(lag));
    }
    return lags;
}

}  // namespace wsl
