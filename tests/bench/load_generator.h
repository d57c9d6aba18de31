#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace wsl::bench {

struct LoadSettings {
    std::string address;
    std::uint16_t port = 0;
    double requestsPerSecond = 2000;
    std::chrono::milliseconds duration{20'000};
    // Keep-alive connections, each on its own thread. They share the rate evenly.
    int connections = 8;
};

struct LoadResult {
    std::uint64_t sent = 0;
    std::uint64_t succeeded = 0;  // responses with status 200
    std::uint64_t failed = 0;     // another status, a transport error or a timeout
    double seconds = 0;           // from the start to the last response
};

// Sends `GET /` at a steady rate over HTTP/1.1 keep-alive connections on loopback. Each
// request has a due time on a fixed schedule. A connection that falls behind sends at once and
// never skips, so the achieved rate shows how far the server lagged.
class LoadGenerator {
public:
    explicit LoadGenerator(LoadSettings settings);
    ~LoadGenerator();

    void start();
    // Stops early when called before the duration has passed, then joins every connection.
    void stop();
    bool isFinished() const { return finishedConnections_ == settings_.connections; }
    LoadResult result() const;

private:
    void runConnection(int index);

    LoadSettings settings_;
    std::chrono::steady_clock::time_point startTime_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> finishedConnections_{0};
    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> succeeded_{0};
    std::atomic<std::uint64_t> failed_{0};
    std::atomic<std::int64_t> lastAnswerNs_{0};
    std::vector<std::thread> threads_;
};

}  // namespace wsl::bench
