#include "replication_manager.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

#include "database_node.h"
#include "trace.h"

namespace wsl {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// The primary is checked this often, by a replica, with a request that is not traced.
constexpr std::chrono::milliseconds kCheckInterval{100};
constexpr std::chrono::milliseconds kCheckTimeout{300};

std::int64_t millisecondsSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Lag is reported when a replica falls behind or catches up, and when its backlog doubles or
// halves, so that a steady backlog does not flood the event list.
bool lagChangedNotably(std::int64_t reported, std::int64_t now) {
    if (reported == 0 || now == 0) {
        return (reported == 0) != (now == 0);
    }
    return now >= 2 * reported || 2 * now <= reported;
}

std::string describeSettings(const ReplicationSettings& settings) {
    return std::string(replicationModeName(settings.mode)) + ", apply delay " +
           std::to_string(settings.applyDelay.count()) + " ms, automatic promotion " +
           (settings.autoPromoteAfter.count() == 0
                ? std::string("off")
                : "after " + std::to_string(settings.autoPromoteAfter.count()) + " s") +
           ", read-your-writes window " + std::to_string(settings.readYourWritesWindow.count()) +
           " s";
}

}  // namespace

ReplicationManager::ReplicationManager(asio::io_context& io, Tracer& tracer,
                                       std::shared_ptr<DatabaseDirectory> directory,
                                       ReplicationSettings settings)
    : tracer_(tracer),
      directory_(std::move(directory)),
      strand_(asio::make_strand(io)),
      timer_(strand_),
      settings_(settings) {}

// stop() must have run, and the io_context stopped, before the manager is destroyed: a wake-up
// it posts refers to the manager.
ReplicationManager::~ReplicationManager() = default;

void ReplicationManager::add(DatabaseNode& node, UpstreamTarget target) {
    if (node.role() == ReplicationRole::Primary) {
        primary_ = node.name();
    }
    members_.push_back({&node, std::move(target)});
}

void ReplicationManager::start() {
    setSettings(settings());
    {
        std::lock_guard lock(mutex_);
        stopped_ = false;
    }
    asio::co_spawn(strand_, watch(), asio::detached);
}

void ReplicationManager::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    asio::post(strand_, [this] { timer_.cancel(); });
}

ReplicationSettings ReplicationManager::settings() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

void ReplicationManager::setSettings(const ReplicationSettings& settings) {
    {
        std::lock_guard lock(mutex_);
        settings_ = settings;
    }
    for (const auto& member : members_) {
        member.node->setReplicationSettings(settings);
    }
    directory_->setReadYourWritesWindow(settings.readYourWritesWindow);
    tracer_.event("replication", "replication", "settings: " + describeSettings(settings));
}

const ReplicationManager::Member* ReplicationManager::find(const std::string& name) const {
    const auto found = std::find_if(members_.begin(), members_.end(),
                                    [&name](const Member& m) { return m.node->name() == name; });
    return found == members_.end() ? nullptr : &*found;
}

std::string ReplicationManager::currentPrimary() const {
    std::lock_guard lock(mutex_);
    return primary_;
}

asio::awaitable<void> ReplicationManager::watch() {
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopped_) {
                co_return;
            }
        }
        co_await checkPrimary();
        promoteIfDue();
        reportLag();

        timer_.expires_after(kCheckInterval);
        boost::system::error_code ec;
        co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

asio::awaitable<void> ReplicationManager::checkPrimary() {
    const auto name = currentPrimary();
    const auto* primary = find(name);
    if (primary == nullptr) {
        co_return;
    }
    // A replica checks its primary, as a standby watches the server it streams from.
    const auto watcher = std::find_if(members_.begin(), members_.end(), [primary](const Member& m) {
        return m.node != primary->node && m.node->running();
    });
    if (!primary->node->running() || watcher == members_.end()) {
        recordCheck(name, primary->node->running(), "its listener is closed");
        co_return;
    }

    HttpRequest check{http::verb::get, "/", 11};
    check.set(http::field::host, primary->target.address);
    check.set("X-Health-Check", watcher->node->name());
    const auto result = co_await sendHttpRequest(watcher->node->spec().address, primary->target,
                                                 std::move(check), kCheckTimeout, nullptr);
    const bool reachable = result.response && result.response->result_int() == 200;
    const auto error =
        result.response ? "status " + std::to_string(result.response->result_int()) : result.error;
    recordCheck(name, reachable, error);
}

void ReplicationManager::recordCheck(const std::string& primary, bool reachable,
                                     const std::string& error) {
    std::string change;
    {
        std::lock_guard lock(mutex_);
        if (primary != primary_ || reachable == primaryReachable_) {
            return;
        }
        primaryReachable_ = reachable;
        primaryError_ = reachable ? std::string{} : error;
        if (!reachable) {
            failingSince_ = Clock::now();
            change = "primary " + primary + " failed its check (" + error +
                     "): writes fail until it is restored or a replica is promoted";
        } else {
            change = "primary " + primary + " is reachable again";
        }
    }
    tracer_.event(primary, "replication", change);
}

void ReplicationManager::promoteIfDue() {
    std::string primary;
    std::chrono::seconds after{0};
    {
        std::lock_guard lock(mutex_);
        after = settings_.autoPromoteAfter;
        if (primaryReachable_ || after.count() == 0 || Clock::now() - failingSince_ < after) {
            return;
        }
        primary = primary_;
    }

    // The replica that applied the most writes loses the fewest.
    const Member* best = nullptr;
    std::int64_t bestPosition = -1;
    for (const auto& member : members_) {
        const auto state = member.node->replicationState();
        if (state.role == ReplicationRole::Replica && state.listening &&
            state.position > bestPosition) {
            best = &member;
            bestPosition = state.position;
        }
    }
    if (best == nullptr) {
        return;
    }
    promoteNow(best->node->name(),
               "automatically after " + std::to_string(after.count()) + " s without " + primary);
}

std::string ReplicationManager::promote(const std::string& name) {
    return promoteNow(name, "by hand");
}

std::string ReplicationManager::checkPromotable(const Member* candidate,
                                                const Member* primary) const {
    if (candidate->node == primary->node) {
        return candidate->node->name() + " is already the primary";
    }
    const auto role = candidate->node->role();
    if (role != ReplicationRole::Replica) {
        return candidate->node->name() + " is " + replicationRoleName(role) +
               ", not a replica: only a replica can be promoted";
    }
    if (!candidate->node->running()) {
        return candidate->node->name() + " is down: restore it before promoting it";
    }
    std::lock_guard lock(mutex_);
    if (primary->node->running() && primaryReachable_) {
        return "the primary " + primary->node->name() +
               " is still up: fail it first, so that only one database accepts writes";
    }
    return {};
}

// The promotion steps run in this order: count the lost writes while the old primary still
// keeps its log, fence it, switch the candidate, then point the application servers at it.
std::string ReplicationManager::promoteNow(const std::string& name, const std::string& reason) {
    std::lock_guard promotion(promotionMutex_);
    const auto* candidate = find(name);
    const auto* primary = find(currentPrimary());
    if (candidate == nullptr) {
        return "no database named '" + name + "'";
    }
    if (primary == nullptr) {
        return "the topology has no primary database";
    }
    if (auto refusal = checkPromotable(candidate, primary); !refusal.empty()) {
        return refusal;
    }

    recordLostWrites(*primary, *candidate);
    primary->node->fence();
    candidate->node->promote({});

    DatabaseDirectory::Targets targets;
    targets.primary = candidate->target;
    // The other replicas may hold writes the new primary lacks, so they copy it afresh: now
    // when they run, else once restored.
    std::vector<const Member*> followers;
    for (const auto& member : members_) {
        if (&member == candidate || &member == primary ||
            member.node->role() == ReplicationRole::Fenced) {
            continue;
        }
        if (member.node->running()) {
            followers.push_back(&member);
        } else {
            member.node->fence();
        }
    }
    directory_->setTargets(targets);
    {
        std::lock_guard lock(mutex_);
        primary_ = name;
        primaryReachable_ = true;
        primaryError_.clear();
        ++promotions_;
        reportedLag_.clear();
    }
    tracer_.event(name, "promotion",
                  name + " promoted to primary " + reason + "; " + primary->node->name() +
                      " is fenced until it rejoins as a replica");

    for (const auto* follower : followers) {
        rejoin(*follower, *candidate);
    }
    return {};
}

void ReplicationManager::recordLostWrites(const Member& primary, const Member& candidate) {
    const auto position = candidate.node->replicationState().position;
    auto [count, listed] =
        primary.node->acknowledgedWritesAfter(position, ReplicationStatus::kMaxListedLostWrites);
    {
        std::lock_guard lock(mutex_);
        lostWriteCount_ += count;
        for (auto& write : listed) {
            lostWrites_.push_back(std::move(write));
            if (lostWrites_.size() > ReplicationStatus::kMaxListedLostWrites) {
                lostWrites_.pop_front();
            }
        }
    }
    tracer_.event(candidate.node->name(), "replication",
                  "lost writes: " + std::to_string(count) + " acknowledged by " +
                      primary.node->name() + " after position " + std::to_string(position) +
                      " never reached " + candidate.node->name());
}

void ReplicationManager::restored(const std::string& name) {
    std::lock_guard promotion(promotionMutex_);
    const auto* member = find(name);
    const auto* primary = find(currentPrimary());
    if (member == nullptr || primary == nullptr) {
        return;
    }

    // A copy that a failure interrupted starts again as well.
    const auto role = member->node->role();
    if (role == ReplicationRole::Fenced || role == ReplicationRole::Resynchronising) {
        rejoin(*member, *primary);
    }
}

// The member stops serving reads to the application servers until it has copied the primary's rows.
void ReplicationManager::rejoin(const Member& member, const Member& primary) {
    auto targets = directory_->targets();
    std::erase_if(targets.replicas,
                  [&member](const UpstreamTarget& t) { return t.node == member.target.node; });
    directory_->setTargets(targets);
    primary.node->addReplica(member.target);

    tracer_.event(member.node->name(), "replication",
                  member.node->name() + " rejoins as a replica of " + primary.node->name() +
                      ": copying its rows");
    asio::co_spawn(strand_, member.node->resynchronise(primary.target),
                   [this, name = member.node->name(), primaryName = primary.node->name()](
                       std::exception_ptr error, std::int64_t discarded) {
                       finishRejoin(name, primaryName, error ? -1 : discarded);
                   });
}

void ReplicationManager::finishRejoin(const std::string& name, const std::string& primary,
                                      std::int64_t discarded) {
    if (discarded < 0) {
        tracer_.event(name, "replication", name + " stopped before it finished copying " + primary);
        return;
    }
    const auto* member = find(name);
    auto targets = directory_->targets();
    if (member != nullptr && targets.primary.node == primary) {
        targets.replicas.push_back(member->target);
        directory_->setTargets(targets);
    }
    {
        std::lock_guard lock(mutex_);
        discardedRowCount_ += discarded;
    }
    tracer_.event(name, "replication",
                  name + " rejoined as a replica of " + primary + ": " + std::to_string(discarded) +
                      " diverged rows discarded");
}

void ReplicationManager::reportLag() {
    const auto* primary = find(currentPrimary());
    if (primary == nullptr) {
        return;
    }
    for (const auto& lag : primary->node->replicationState().lag) {
        std::int64_t reported = 0;
        {
            std::lock_guard lock(mutex_);
            reported = reportedLag_[lag.replica];
            if (!lagChangedNotably(reported, lag.changesetsBehind)) {
                continue;
            }
            reportedLag_[lag.replica] = lag.changesetsBehind;
        }
        const auto unit = lag.changesetsBehind == 1 ? " changeset (" : " changesets (";
        const auto detail = lag.changesetsBehind == 0
                                ? lag.replica + " caught up with " + primary->node->name()
                                : lag.replica + " is " + std::to_string(lag.changesetsBehind) +
                                      unit + std::to_string(lag.msBehind) + " ms) behind " +
                                      primary->node->name();
        tracer_.event(lag.replica, "replication", detail);
    }
}

ReplicationStatus ReplicationManager::status() const {
    ReplicationStatus status;
    for (const auto& member : members_) {
        status.databases.push_back(member.node->replicationState());
    }
    std::lock_guard lock(mutex_);
    status.settings = settings_;
    status.primary = primary_;
    status.primaryReachable = primaryReachable_;
    status.primaryFailingMs = primaryReachable_ ? 0 : millisecondsSince(failingSince_);
    status.primaryError = primaryError_;
    status.promotions = promotions_;
    status.lostWriteCount = lostWriteCount_;
    status.lostWrites.assign(lostWrites_.begin(), lostWrites_.end());
    status.discardedRowCount = discardedRowCount_;
    return status;
}

}  // namespace wsl
