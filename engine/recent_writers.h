#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace wsl {

// When each client session last wrote, so that an application server can send that session's
// reads to the primary for a while ("read your writes"). Thread-safe and bounded.
class RecentWriters {
public:
    using Clock = std::chrono::steady_clock;
    // Sessions remembered at once. When full, those outside the window are forgotten first,
    // then the one that wrote longest ago.
    static constexpr std::size_t kMaxSessions = 10000;

    void recordWrite(const std::string& session, std::chrono::seconds window,
                     Clock::time_point now = Clock::now());
    bool wroteWithin(const std::string& session, std::chrono::seconds window,
                     Clock::time_point now = Clock::now()) const;

private:
    void makeRoom(std::chrono::seconds window, Clock::time_point now);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Clock::time_point> lastWrite_;
};

}  // namespace wsl
