#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "http_client.h"

namespace wsl {

// The database targets of the application servers: the primary for writes, the replicas for
// reads. Shared by every application server and updated by a promotion, so that they follow the
// new primary. Thread-safe.
class DatabaseDirectory {
public:
    struct Targets {
        UpstreamTarget primary;
        std::vector<UpstreamTarget> replicas;
    };

    DatabaseDirectory() = default;
    explicit DatabaseDirectory(Targets targets) : targets_(std::move(targets)) {}

    Targets targets() const {
        std::lock_guard lock(mutex_);
        return targets_;
    }
    void setTargets(Targets targets) {
        std::lock_guard lock(mutex_);
        targets_ = std::move(targets);
    }

    std::chrono::seconds readYourWritesWindow() const {
        std::lock_guard lock(mutex_);
        return readYourWritesWindow_;
    }
    void setReadYourWritesWindow(std::chrono::seconds window) {
        std::lock_guard lock(mutex_);
        readYourWritesWindow_ = window;
    }

private:
    mutable std::mutex mutex_;
    Targets targets_;
    std::chrono::seconds readYourWritesWindow_{0};
};

}  // namespace wsl
