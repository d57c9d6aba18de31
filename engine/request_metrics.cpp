#include "request_metrics.h"

#include <nlohmann/json.hpp>

namespace wsl {

using json = nlohmann::json;

namespace {

// Agents push at least once an hour; a longer interval in a push is a mistake.
constexpr std::chrono::milliseconds kMaxPushInterval{3600 * 1000};
constexpr std::size_t kMaxNodeNameBytes = 64;

std::size_t statusClassOf(int status) {
    if (status < 300) {
        return 0;
    }
    if (status >= 500) {
        return 3;
    }
    return static_cast<std::size_t>(status / 100 - 2);
}

bool isCount(const json& value) {
    return value.is_number_unsigned() ||
           (value.is_number_integer() && value.get<std::int64_t>() >= 0);
}

// Reads an unsigned integer member; sets `error` naming it when absent or of another type.
std::optional<std::uint64_t> countAt(const json& object, const char* key, std::string* error) {
    const auto it = object.find(key);
    if (it == object.end() || !isCount(*it)) {
        *error = std::string("'") + key + "' must be a whole number of 0 or more";
        return std::nullopt;
    }
    return it->get<std::uint64_t>();
}

bool parseResponses(const json& body, MetricsPush& push, std::string* error) {
    const auto responses = body.find("responses");
    if (responses == body.end() || !responses->is_object()) {
        *error = "'responses' must be an object of counts by status class";
        return false;
    }
    for (std::size_t i = 0; i < kStatusClassCount; ++i) {
        const auto count = countAt(*responses, statusClassName(i), error);
        if (!count) {
            *error = "responses: " + *error;
            return false;
        }
        push.metrics.responses[i] = *count;
    }
    return true;
}

bool parseLatency(const json& body, MetricsPush& push, std::string* error) {
    const auto latency = body.find("latency");
    if (latency == body.end() || !latency->is_object()) {
        *error = "'latency' must be an object with 'counts' and 'sumUs'";
        return false;
    }
    const auto counts = latency->find("counts");
    if (counts == latency->end() || !counts->is_array() ||
        counts->size() != LatencyHistogram::kBucketCount) {
        *error = "latency: 'counts' must be an array of " +
                 std::to_string(LatencyHistogram::kBucketCount) + " bucket counts";
        return false;
    }
    auto& histogram = push.metrics.latency;
    for (std::size_t i = 0; i < counts->size(); ++i) {
        if (!isCount((*counts)[i])) {
            *error = "latency: bucket " + std::to_string(i) + " is not a whole number";
            return false;
        }
        histogram.counts[i] = (*counts)[i].get<std::uint64_t>();
        histogram.count += histogram.counts[i];
    }
    const auto sum = countAt(*latency, "sumUs", error);
    if (!sum) {
        *error = "latency: " + *error;
        return false;
    }
    histogram.sumUs = *sum;
    return true;
}

bool parseHeader(const json& body, MetricsPush& push, std::string* error) {
    const auto node = body.find("node");
    if (node == body.end() || !node->is_string() || node->get<std::string>().empty() ||
        node->get<std::string>().size() > kMaxNodeNameBytes) {
        *error = "'node' must be a node name of 1 to " + std::to_string(kMaxNodeNameBytes) +
                 " characters";
        return false;
    }
    push.node = node->get<std::string>();

    const auto interval = countAt(body, "intervalMs", error);
    if (!interval || *interval == 0 ||
        *interval > static_cast<std::uint64_t>(kMaxPushInterval.count())) {
        *error = "'intervalMs' must be between 1 and " + std::to_string(kMaxPushInterval.count());
        return false;
    }
    push.interval = std::chrono::milliseconds(*interval);
    return true;
}

}  // namespace

const char* statusClassName(std::size_t index) {
    static constexpr const char* kNames[kStatusClassCount] = {"2xx", "3xx", "4xx", "5xx"};
    return index < kStatusClassCount ? kNames[index] : "5xx";
}

void RequestMetrics::record(int status, std::chrono::microseconds latency) {
    requests_.fetch_add(1, std::memory_order_relaxed);
    responses_[statusClassOf(status)].fetch_add(1, std::memory_order_relaxed);
    latency_.record(latency);
}

void addMetrics(RequestMetricsSnapshot& total, const RequestMetricsSnapshot& part) {
    total.requests += part.requests;
    for (std::size_t i = 0; i < kStatusClassCount; ++i) {
        total.responses[i] += part.responses[i];
    }
    total.openConnections += part.openConnections;
    total.latency.add(part.latency);
}

RequestMetricsSnapshot RequestMetrics::snapshot() const {
    RequestMetricsSnapshot snapshot;
    snapshot.requests = requests_.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < kStatusClassCount; ++i) {
        snapshot.responses[i] = responses_[i].load(std::memory_order_relaxed);
    }
    snapshot.latency = latency_.snapshot();
    return snapshot;
}

std::string toPushJson(const MetricsPush& push) {
    json responses = json::object();
    for (std::size_t i = 0; i < kStatusClassCount; ++i) {
        responses[statusClassName(i)] = push.metrics.responses[i];
    }
    const json body{
        {"node", push.node},
        {"intervalMs", push.interval.count()},
        {"requests", push.metrics.requests},
        {"responses", responses},
        {"openConnections", push.metrics.openConnections},
        {"latency",
         {{"counts", push.metrics.latency.counts}, {"sumUs", push.metrics.latency.sumUs}}},
    };
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<MetricsPush> parsePushJson(const std::string& body, std::string* error) {
    const auto parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        *error = "the body is not a JSON object";
        return std::nullopt;
    }

    MetricsPush push;
    if (!parseHeader(parsed, push, error) || !parseResponses(parsed, push, error) ||
        !parseLatency(parsed, push, error)) {
        return std::nullopt;
    }
    const auto requests = countAt(parsed, "requests", error);
    const auto open = countAt(parsed, "openConnections", error);
    if (!requests || !open) {
        return std::nullopt;
    }
    push.metrics.requests = *requests;
    push.metrics.openConnections = *open;
    return push;
}

}  // namespace wsl
