#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "balancer_settings.h"
#include "http_client.h"
#include "topology.h"

namespace wsl {

// A backend's health as HAProxy's stats page names it. "Going down" still receives traffic
// while its failed checks count up to `fall`; "going up" receives none until `rise` passes.
enum class BackendHealth { Up, GoingDown, Down, GoingUp };

const char* backendHealthName(BackendHealth health);

struct BackendStatus {
    UpstreamTarget target;
    BackendHealth health = BackendHealth::Up;
    BackendMode mode = BackendMode::Ready;
    int weight = 1;
    bool backup = false;  // receives requests only while no active backend can
    int checkCount = 0;   // consecutive failures while going down, successes while going up
    std::uint64_t requests = 0;
    std::uint64_t failedAttempts = 0;
    std::uint64_t inFlight = 0;  // attempts sent and not yet finished
    int currentWeight = 0;       // smooth weighted round robin's running score
};

// The state shown for a backend: MAINT or DRAIN while an operator set it, its health otherwise.
std::string backendStateName(const BackendStatus& backend);

// The load balancer's view of its backends: the health-check state machine, operator modes,
// requests in flight and the balancing algorithms. Thread-safe: request handlers and health
// checks run on different strands.
class BackendPool {
public:
    BackendPool(std::vector<UpstreamTarget> backends, int rise, int fall);

    // Picks a backend for one attempt of a request from `sourceAddress`, skipping the ones in
    // `exclude` (already tried for this request), and counts the attempt in flight until
    // finish() is called. Backups are candidates only while no active backend receives
    // traffic. Round robin advances on every pick, so a refused attempt and its retry take two
    // turns, which keeps the split even.
    std::optional<UpstreamTarget> pick(const std::vector<std::string>& exclude,
                                       const std::string& sourceAddress);
    void finish(const std::string& node, bool failed);

    // Applies one health-check result. Returns the new health when it changed.
    std::optional<BackendHealth> reportCheck(const std::string& node, bool passed);

    void setAlgorithm(BalanceAlgorithm algorithm);
    BalanceAlgorithm algorithm() const;
    void setThresholds(int rise, int fall);
    // Each returns false when no backend has that name.
    bool setMode(const std::string& node, BackendMode mode);
    bool setWeight(const std::string& node, int weight);
    bool setBackup(const std::string& node, bool backup);

    // Whether the backups carry the traffic now. Returns the new value when it changed since
    // the previous call, so that each hand-over is reported once.
    std::optional<bool> takeBackupChange();

    std::vector<BackendStatus> snapshot() const;
    std::optional<BackendStatus> find(const std::string& node) const;
    std::size_t size() const;
    int rise() const;
    int fall() const;

    // Puts a server in rotation as UP, since the engine adds only servers that listen already.
    void add(UpstreamTarget target);
    // Takes a server out of rotation; requests already sent to it go on. Returns false when
    // it was not in the pool.
    bool remove(const std::string& node);

private:
    static bool receivesTraffic(const BackendStatus& backend);
    BackendStatus* findLocked(const std::string& node);
    bool backupsServeLocked() const;
    std::vector<std::size_t> candidatesLocked(const std::vector<std::string>& exclude) const;
    std::size_t chooseLocked(const std::vector<std::size_t>& candidates,
                             const std::string& sourceAddress);
    std::size_t roundRobinLocked(const std::vector<std::size_t>& candidates);
    std::size_t weightedRoundRobinLocked(const std::vector<std::size_t>& candidates);
    std::size_t leastConnectionsLocked(const std::vector<std::size_t>& candidates);
    std::size_t sourceHashLocked(const std::vector<std::size_t>& candidates,
                                 const std::string& sourceAddress) const;

    mutable std::mutex mutex_;
    std::vector<BackendStatus> backends_;
    std::size_t next_ = 0;
    BalanceAlgorithm algorithm_ = BalanceAlgorithm::RoundRobin;
    bool backupsServing_ = false;
    int rise_;
    int fall_;
};

}  // namespace wsl
