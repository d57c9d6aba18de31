#pragma once

#include <string>
#include <vector>

#include "request_metrics.h"

namespace wsl {

// The Content-Type of Prometheus' text exposition format, version 0.0.4.
inline constexpr const char* kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

// The collector's record of one node's agent.
struct NodeSeries {
    std::string node;
    bool up = false;      // the agent pushed within the last three of its intervals
    bool pushed = false;  // at least one push arrived; the other fields are empty otherwise
    double lastPushUnixSeconds = 0;
    RequestMetricsSnapshot metrics;
};

// Writes every family (HELP, TYPE, then its samples, one family at a time as the format
// requires): webstack_up, webstack_agent_last_push_seconds, webstack_requests_total,
// webstack_responses_total, webstack_request_duration_seconds and webstack_open_connections,
// each labelled with `node`.
std::string formatExposition(const std::vector<NodeSeries>& series);

// Formats a sample value as the shortest %g-style text that reads back exactly ("5e-05",
// "0.0007", "30"), or +Inf, -Inf and NaN.
std::string formatSampleValue(double value);

}  // namespace wsl
