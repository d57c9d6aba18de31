#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "latency_histogram.h"

namespace wsl {

// Status classes counted per node: 2xx (1xx included), 3xx, 4xx and 5xx.
inline constexpr std::size_t kStatusClassCount = 4;
const char* statusClassName(std::size_t index);  // "2xx", "3xx", "4xx", "5xx"

// The request counters of one HTTP node, read at one moment.
struct RequestMetricsSnapshot {
    std::uint64_t requests = 0;
    std::array<std::uint64_t, kStatusClassCount> responses{};  // by statusClassName order
    std::uint64_t openConnections = 0;
    HistogramSnapshot latency;  // the time the node took per request
};

// Adds `part`'s counts, open connections and latency samples to `total`, for example to sum a
// balancer's traffic on its own address and on the virtual address it holds.
void addMetrics(RequestMetricsSnapshot& total, const RequestMetricsSnapshot& part);

// The counters an HTTP node keeps for every request it serves (health checks excluded).
// record() is lock-free and may be called from any thread.
class RequestMetrics {
public:
    void record(int status, std::chrono::microseconds latency);
    // Without openConnections, which the server counts itself.
    RequestMetricsSnapshot snapshot() const;

private:
    std::atomic<std::uint64_t> requests_{0};
    std::array<std::atomic<std::uint64_t>, kStatusClassCount> responses_{};
    LatencyHistogram latency_;
};

// One push from a monitoring agent to the collector.
struct MetricsPush {
    std::string node;
    std::chrono::milliseconds interval{0};  // how often the agent pushes
    RequestMetricsSnapshot metrics;
};

// The JSON body of POST /push:
//   {"node": "web-1", "intervalMs": 1000, "requests": 12,
//    "responses": {"2xx": 11, "3xx": 0, "4xx": 1, "5xx": 0}, "openConnections": 2,
//    "latency": {"counts": [one per bucket, +Inf last], "sumUs": 5120}}
std::string toPushJson(const MetricsPush& push);
// Parses and checks a push body. Returns nullopt and sets `error` when the body is not JSON,
// a field is missing or has the wrong type, or the counts do not add up.
std::optional<MetricsPush> parsePushJson(const std::string& body, std::string* error);

}  // namespace wsl
