#pragma once

#include <utility>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "database.h"
#include "http_client.h"
#include "http_node.h"
#include "replication_settings.h"
#include "replication_status.h"

namespace wsl {

// A database server: one SQLite file behind a small JSON API over HTTP.
//   POST /query      {"sql": "…", "params": […]} -> {"rows": […], "changes": n, …}
//   POST /replicate  a changeset from the primary, numbered by its X-Replication-Position
//   GET  /snapshot   primary only: every row and the position they reflect
//   GET  /           the node's role and position, and on the primary each replica's lag
// The primary numbers its writes in commit order (the position) and ships each write's
// changeset to every replica in that order. In synchronous mode a write is acknowledged once
// every in-sync replica applied it.
class DatabaseNode : public HttpNode {
public:
    DatabaseNode(NodeSpec spec, const NodeEnvironment& environment, std::filesystem::path file);
    ~DatabaseNode() override;

    // Primary only: where changesets go. Set before start().
    void setReplicas(std::vector<UpstreamTarget> replicas);
    void setPrimaryName(std::string primary);
    void setReplicationSettings(const ReplicationSettings& settings);
    bool isReplica() const { return role() != ReplicationRole::Primary; }

    std::uint16_t start(std::uint16_t port) override;
    void stop() override;

    ReplicationRole role() const;
    DatabaseReplicationState replicationState() const;
    // The writes committed here after `position` that were acknowledged to a client: how many,
    // and the first `limit` of them.
    std::pair<std::int64_t, std::vector<LostWrite>> acknowledgedWritesAfter(
        std::int64_t position, std::size_t limit) const;

    // Makes this replica the primary at its current position; from then on it ships to
    // `replicas`. Blocks until the database switched, so never call it on this node's worker.
    void promote(std::vector<UpstreamTarget> replicas);
    // Stops a replaced primary: it ships nothing more and rejects writes and changesets.
    void fence();
    // Primary: ships every write committed from now on to `replica` as well.
    void addReplica(UpstreamTarget replica);
    // Copies every row from `primary` over this database, discarding the rows that diverged,
    // then follows it as a replica. Retries until it succeeds or the node stops. Returns the
    // number of discarded rows, or -1 when the node stopped first.
    boost::asio::awaitable<std::int64_t> resynchronise(UpstreamTarget primary);

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    struct ReplicaLink;
    struct LoggedWrite {
        std::int64_t position = 0;
        std::string sql;
        std::string params;
        bool acknowledged = false;
    };
    // The replicas that applied a synchronous write, and those it stopped waiting for.
    struct SyncOutcome {
        std::vector<std::string> applied;
        std::vector<std::string> outOfSync;
    };

    boost::asio::awaitable<HttpResponse> runQuery(const HttpRequest& request,
                                                  RequestContext& context);
    boost::asio::awaitable<HttpResponse> applyChangeset(const HttpRequest& request,
                                                        const RequestContext& context);
    boost::asio::awaitable<HttpResponse> sendSnapshot(const HttpRequest& request);
    HttpResponse statusResponse(const HttpRequest& request) const;
    boost::asio::awaitable<std::optional<nlohmann::json>> fetchSnapshot(
        const UpstreamTarget& primary, std::string* error);
    template <typename Function>
    auto runOnWorkerAndWait(Function function) -> decltype(function());

    // Replication, in database_shipping.cpp. recordWrite() runs on the worker right after the
    // commit, so that positions and queues follow the commit order.
    std::int64_t recordWrite(const std::string& sql, const nlohmann::json& params,
                             const std::vector<std::uint8_t>& changeset);
    void acknowledge(std::int64_t position);
    void ship(std::int64_t position, const std::vector<std::uint8_t>& changeset,
              const std::vector<std::shared_ptr<ReplicaLink>>& links);
    boost::asio::awaitable<void> drain(std::shared_ptr<ReplicaLink> link);
    void reportDelivery(ReplicaLink& link, std::int64_t position, bool delivered,
                        const std::string& error);
    std::chrono::milliseconds applyDelay() const;
    boost::asio::awaitable<SyncOutcome> waitForReplicas(std::int64_t position);
    boost::asio::awaitable<SyncOutcome> awaitReplicasOnStrand(std::int64_t position);
    bool replicasApplied(std::int64_t position, SyncOutcome* outcome, bool markLagging);
    void wakeSyncWaiters();
    std::shared_ptr<ReplicaLink> makeLink(UpstreamTarget replica);
    void closeLinks();
    std::vector<ReplicaLag> replicaLag() const;

    boost::asio::io_context& io_;
    const std::string instanceId_;
    // SQLite blocks, so every call runs here, one at a time, never on a network thread.
    boost::asio::thread_pool worker_{1};
    std::unique_ptr<Database> database_;

    // Guards the members below it. Taken before a link's own mutex, never after.
    mutable std::mutex mutex_;
    ReplicationRole role_;
    std::string primaryName_;
    ReplicationSettings settings_;
    std::vector<std::shared_ptr<ReplicaLink>> links_;
    std::deque<LoggedWrite> writeLog_;
    std::int64_t discardedRows_ = 0;

    // Written on the worker only: the last write committed (primary) or applied (replica).
    // NOTE: kept in memory only, so every node starts at 0 again when the engine restarts, even
    // on database files that already contain rows.
    std::atomic<std::int64_t> position_{0};
    std::atomic<bool> shipping_{false};
    // Synchronous writes wait on timers that live on this strand, so that a wake-up posted to it
    // cannot slip between a waiter's check and its wait.
    // The waiters are shared with the wake-ups posted to the strand, which may run after stop().
    boost::asio::strand<boost::asio::io_context::executor_type> syncStrand_;
    std::shared_ptr<std::vector<boost::asio::steady_timer*>> syncWaiters_ =
        std::make_shared<std::vector<boost::asio::steady_timer*>>();
};

}  // namespace wsl
