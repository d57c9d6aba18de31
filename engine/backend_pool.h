#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "topology.h"

namespace wsl {

// A backend's state as HAProxy's stats page names it. "Going down" still receives traffic
// while its failed checks count up to `fall`; "going up" receives none until `rise` passes.
enum class BackendHealth { Up, GoingDown, Down, GoingUp };

const char* backendHealthName(BackendHealth health);

struct BackendStatus {
    UpstreamTarget target;
    BackendHealth health = BackendHealth::Up;
    int checkCount = 0;  // consecutive failures while going down, successes while going up
    std::uint64_t requests = 0;
    std::uint64_t failedAttempts = 0;
};

// The load balancer's view of its backends: health-check state machine and round robin.
// Thread-safe: request handlers and health checks run on different strands.
class BackendPool {
public:
    BackendPool(std::vector<UpstreamTarget> backends, int rise, int fall);

    // Picks the next backend in rotation among those that receive traffic, skipping the ones
    // in `exclude` (already tried for this request). Every pick advances the rotation, so a
    // refused attempt and its retry take two turns, which keeps the split even.
    std::optional<UpstreamTarget> pick(const std::vector<std::string>& exclude);

    // Applies one health-check result. Returns the new health when it changed.
    std::optional<BackendHealth> reportCheck(const std::string& node, bool passed);
    void countRequest(const std::string& node, bool failed);

    std::vector<BackendStatus> snapshot() const;
    std::optional<BackendStatus> find(const std::string& node) const;
    int rise() const { return rise_; }
    int fall() const { return fall_; }

    // Puts a server in rotation as UP, since the engine adds only servers that listen already.
    void add(UpstreamTarget target);
    // Takes a server out of rotation; requests already sent to it go on. Returns false when
    // it was not in the pool.
    bool remove(const std::string& node);

private:
    static bool receivesTraffic(BackendHealth health);

    mutable std::mutex mutex_;
    std::vector<BackendStatus> backends_;
    std::size_t next_ = 0;
    const int rise_;
    const int fall_;
};

}  // namespace wsl
