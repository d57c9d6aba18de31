#include "recent_writers.h"

#include <algorithm>

namespace wsl {

void RecentWriters::recordWrite(const std::string& session, std::chrono::seconds window,
                                Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (lastWrite_.size() >= kMaxSessions && !lastWrite_.contains(session)) {
        makeRoom(window, now);
    }
    lastWrite_[session] = now;
}

bool RecentWriters::wroteWithin(const std::string& session, std::chrono::seconds window,
                                Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    const auto found = lastWrite_.find(session);
    return found != lastWrite_.end() && now - found->second < window;
}

void RecentWriters::makeRoom(std::chrono::seconds window, Clock::time_point now) {
    std::erase_if(lastWrite_, [&](const auto& entry) { return now - entry.second >= window; });
    if (lastWrite_.size() < kMaxSessions) {
        return;
    }
    const auto oldest = std::min_element(
        lastWrite_.begin(), lastWrite_.end(),
        [](const auto& left, const auto& right) { return left.second < right.second; });
    lastWrite_.erase(oldest);
}

}  // namespace wsl
