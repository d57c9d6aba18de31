#include "backend_pool.h"

#include <algorithm>

namespace wsl {

const char* backendHealthName(BackendHealth health) {
    switch (health) {
        case BackendHealth::Up:
            return "UP";
        case BackendHealth::GoingDown:
            return "going down";
        case BackendHealth::Down:
            return "DOWN";
        case BackendHealth::GoingUp:
            return "going up";
    }
    return "DOWN";
}

std::string backendStateName(const BackendStatus& backend) {
    switch (backend.mode) {
        case BackendMode::Maintenance:
            return "MAINT";
        case BackendMode::Drain:
            return "DRAIN";
        case BackendMode::Ready:
            break;
    }
    return backendHealthName(backend.health);
}

BackendPool::BackendPool(std::vector<UpstreamTarget> backends, int rise, int fall)
    : rise_(std::max(1, rise)), fall_(std::max(1, fall)) {
    for (auto& target : backends) {
        backends_.push_back(BackendStatus{std::move(target)});
    }
}

bool BackendPool::receivesTraffic(const BackendStatus& backend) {
    const bool healthy =
        backend.health == BackendHealth::Up || backend.health == BackendHealth::GoingDown;
    return healthy && backend.mode == BackendMode::Ready;
}

BackendStatus* BackendPool::findLocked(const std::string& node) {
    const auto it = std::find_if(backends_.begin(), backends_.end(),
                                 [&node](const BackendStatus& b) { return b.target.node == node; });
    return it == backends_.end() ? nullptr : &*it;
}

std::optional<UpstreamTarget> BackendPool::pick(const std::vector<std::string>& exclude,
                                                const std::string& sourceAddress) {
    std::lock_guard lock(mutex_);
    const auto candidates = candidatesLocked(exclude);
    if (candidates.empty()) {
        return std::nullopt;
    }
    auto& chosen = backends_[chooseLocked(candidates, sourceAddress)];
    ++chosen.inFlight;
    return chosen.target;
}

void BackendPool::finish(const std::string& node, bool failed) {
    std::lock_guard lock(mutex_);
    if (auto* backend = findLocked(node)) {
        backend->inFlight -= backend->inFlight > 0 ? 1 : 0;
        ++(failed ? backend->failedAttempts : backend->requests);
    }
}

std::optional<BackendHealth> BackendPool::reportCheck(const std::string& node, bool passed) {
    std::lock_guard lock(mutex_);
    auto* it = findLocked(node);
    if (it == nullptr) {
        return std::nullopt;
    }
    const auto before = it->health;

    switch (it->health) {
        case BackendHealth::Up:
            if (!passed) {
                it->checkCount = 1;
                it->health = fall_ == 1 ? BackendHealth::Down : BackendHealth::GoingDown;
            }
            break;
        case BackendHealth::GoingDown:
            if (passed) {
                it->checkCount = 0;
                it->health = BackendHealth::Up;
            } else if (++it->checkCount >= fall_) {
                it->health = BackendHealth::Down;
            }
            break;
        case BackendHealth::Down:
            if (passed) {
                it->checkCount = 1;
                it->health = rise_ == 1 ? BackendHealth::Up : BackendHealth::GoingUp;
            }
            break;
        case BackendHealth::GoingUp:
            if (!passed) {
                it->checkCount = 0;
                it->health = BackendHealth::Down;
            } else if (++it->checkCount >= rise_) {
                it->health = BackendHealth::Up;
            }
            break;
    }
    if (it->health == BackendHealth::Up || it->health == BackendHealth::Down) {
        it->checkCount = 0;
    }
    if (it->health == before) {
        return std::nullopt;
    }
    return it->health;
}

void BackendPool::setAlgorithm(BalanceAlgorithm algorithm) {
    std::lock_guard lock(mutex_);
    if (algorithm == algorithm_) {
        return;
    }
    algorithm_ = algorithm;
    // The smooth weighted scores start afresh, so that the first picks follow the weights.
    for (auto& backend : backends_) {
        backend.currentWeight = 0;
    }
}

BalanceAlgorithm BackendPool::algorithm() const {
    std::lock_guard lock(mutex_);
    return algorithm_;
}

// A count already past a lowered threshold completes at the next check.
void BackendPool::setThresholds(int rise, int fall) {
    std::lock_guard lock(mutex_);
    rise_ = std::max(1, rise);
    fall_ = std::max(1, fall);
}

bool BackendPool::setMode(const std::string& node, BackendMode mode) {
    std::lock_guard lock(mutex_);
    auto* backend = findLocked(node);
    if (backend != nullptr) {
        backend->mode = mode;
    }
    return backend != nullptr;
}

bool BackendPool::setWeight(const std::string& node, int weight) {
    std::lock_guard lock(mutex_);
    auto* backend = findLocked(node);
    if (backend != nullptr) {
        backend->weight = std::clamp(weight, kMinBackendWeight, kMaxBackendWeight);
    }
    return backend != nullptr;
}

bool BackendPool::setBackup(const std::string& node, bool backup) {
    std::lock_guard lock(mutex_);
    auto* backend = findLocked(node);
    if (backend != nullptr) {
        backend->backup = backup;
    }
    return backend != nullptr;
}

bool BackendPool::backupsServeLocked() const {
    const bool anyBackup = std::any_of(backends_.begin(), backends_.end(),
                                       [](const BackendStatus& b) { return b.backup; });
    const bool anyActive =
        std::any_of(backends_.begin(), backends_.end(),
                    [](const BackendStatus& b) { return !b.backup && receivesTraffic(b); });
    return anyBackup && !anyActive;
}

std::optional<bool> BackendPool::takeBackupChange() {
    std::lock_guard lock(mutex_);
    const bool serving = backupsServeLocked();
    if (serving == backupsServing_) {
        return std::nullopt;
    }
    backupsServing_ = serving;
    return serving;
}

std::vector<BackendStatus> BackendPool::snapshot() const {
    std::lock_guard lock(mutex_);
    return backends_;
}

std::optional<BackendStatus> BackendPool::find(const std::string& node) const {
    std::lock_guard lock(mutex_);
    for (const auto& backend : backends_) {
        if (backend.target.node == node) {
            return backend;
        }
    }
    return std::nullopt;
}

std::size_t BackendPool::size() const {
    std::lock_guard lock(mutex_);
    return backends_.size();
}

int BackendPool::rise() const {
    std::lock_guard lock(mutex_);
    return rise_;
}

int BackendPool::fall() const {
    std::lock_guard lock(mutex_);
    return fall_;
}

void BackendPool::add(UpstreamTarget target) {
    std::lock_guard lock(mutex_);
    backends_.push_back(BackendStatus{std::move(target)});
}

bool BackendPool::remove(const std::string& node) {
    std::lock_guard lock(mutex_);
    const auto removed = std::erase_if(
        backends_, [&node](const BackendStatus& backend) { return backend.target.node == node; });
    next_ = backends_.empty() ? 0 : next_ % backends_.size();
    return removed > 0;
}

}  // namespace wsl
