#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "database_directory.h"
#include "http_client.h"
#include "replication_settings.h"
#include "replication_status.h"

namespace wsl {

class DatabaseNode;
class Tracer;

// Coordinator of replication across the database nodes. It watches the primary and promotes a
// replica by hand or once the primary has failed for the configured time. It counts the writes
// a promotion loses, lets a former primary rejoin as a replica, and points the application
// servers at the current primary through the shared directory. Thread-safe.
class ReplicationManager {
public:
    ReplicationManager(boost::asio::io_context& io, Tracer& tracer,
                       std::shared_ptr<DatabaseDirectory> directory, ReplicationSettings settings);
    ~ReplicationManager();
    ReplicationManager(const ReplicationManager&) = delete;
    ReplicationManager& operator=(const ReplicationManager&) = delete;

    // Registers a started database node and where it listens. Call before start().
    void add(DatabaseNode& node, UpstreamTarget target);
    // Sends the settings to every node and starts watching the primary.
    void start();
    void stop();

    ReplicationSettings settings() const;
    void setSettings(const ReplicationSettings& settings);
    // Promotes replica `name` by hand. Returns an error message, empty on success.
    std::string promote(const std::string& name);
    // Tells the manager that database `name` listens again. A fenced former primary then
    // rejoins as a replica of the current primary.
    void restored(const std::string& name);
    ReplicationStatus status() const;

private:
    struct Member {
        DatabaseNode* node;
        UpstreamTarget target;
    };

    boost::asio::awaitable<void> watch();
    boost::asio::awaitable<void> checkPrimary();
    void recordCheck(const std::string& primary, bool reachable, const std::string& error);
    void promoteIfDue();
    std::string promoteNow(const std::string& name, const std::string& reason);
    std::string checkPromotable(const Member* candidate, const Member* primary) const;
    void recordLostWrites(const Member& primary, const Member& candidate);
    void rejoin(const Member& member, const Member& primary);
    void finishRejoin(const std::string& name, const std::string& primary, std::int64_t discarded);
    void reportLag();
    const Member* find(const std::string& name) const;
    std::string currentPrimary() const;

    Tracer& tracer_;
    std::shared_ptr<DatabaseDirectory> directory_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;
    std::vector<Member> members_;  // fixed once started
    // One promotion at a time, whether by hand or automatic.
    std::mutex promotionMutex_;

    mutable std::mutex mutex_;  // guards the members below
    bool stopped_ = true;
    ReplicationSettings settings_;
    std::string primary_;
    bool primaryReachable_ = true;
    std::chrono::steady_clock::time_point failingSince_;
    std::string primaryError_;
    int promotions_ = 0;
    std::int64_t lostWriteCount_ = 0;
    std::deque<LostWrite> lostWrites_;
    std::int64_t discardedRowCount_ = 0;
    std::map<std::string, std::int64_t> reportedLag_;  // changesets behind, as last reported
};

}  // namespace wsl
