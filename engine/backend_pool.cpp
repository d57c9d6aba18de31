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

BackendPool::BackendPool(std::vector<UpstreamTarget> backends, int rise, int fall)
    : rise_(std::max(1, rise)), fall_(std::max(1, fall)) {
    for (auto& target : backends) {
        backends_.push_back(BackendStatus{std::move(target)});
    }
}

bool BackendPool::receivesTraffic(BackendHealth health) {
    return health == BackendHealth::Up || health == BackendHealth::GoingDown;
}

std::optional<UpstreamTarget> BackendPool::pick(const std::vector<std::string>& exclude) {
    std::lock_guard lock(mutex_);
    const auto excluded = [&exclude](const BackendStatus& backend) {
        return std::find(exclude.begin(), exclude.end(), backend.target.node) != exclude.end();
    };

    for (std::size_t tried = 0; tried < backends_.size(); ++tried) {
        auto& candidate = backends_[next_ % backends_.size()];
        next_ = (next_ + 1) % backends_.size();
        if (receivesTraffic(candidate.health) && !excluded(candidate)) {
            return candidate.target;
        }
    }
    return std::nullopt;
}

std::optional<BackendHealth> BackendPool::reportCheck(const std::string& node, bool passed) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(backends_.begin(), backends_.end(),
                           [&node](const BackendStatus& b) { return b.target.node == node; });
    if (it == backends_.end()) {
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

void BackendPool::countRequest(const std::string& node, bool failed) {
    std::lock_guard lock(mutex_);
    for (auto& backend : backends_) {
        if (backend.target.node == node) {
            ++(failed ? backend.failedAttempts : backend.requests);
        }
    }
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
