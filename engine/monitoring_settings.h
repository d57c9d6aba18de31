#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace wsl {

// Monitoring agents, the collector they push to, and the access logs.
struct MonitoringSettings {
    // Agents push only when enabled and the topology has a collector node.
    bool enabled = false;
    // The collector node's name; empty: the first node of kind Collector.
    std::string collector;
    // Nodes with an agent; empty: every load balancer, web, app and database server.
    std::vector<std::string> agents;
    std::chrono::milliseconds interval{1000};
    // A push that has not completed in this time fails; the next one follows one interval later.
    std::chrono::milliseconds pushTimeout{1000};
    // An access log larger than this is renamed to `<node>.access.log.1` and started afresh.
    std::uint64_t accessLogMaxBytes = 4 * 1024 * 1024;
};

// The monitoring settings in effect, for the admin interface and the window.
struct MonitoringStatus {
    bool enabled = false;
    std::string collector;     // node name, empty without a collector
    std::string collectorUrl;  // http://address:port/metrics, empty without a collector
    std::chrono::milliseconds interval{0};
    std::vector<std::string> agents;
};

}  // namespace wsl
