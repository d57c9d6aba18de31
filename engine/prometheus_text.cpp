#include "prometheus_text.h"

#include <charconv>
#include <cmath>

namespace wsl {

namespace {

// Label values escape backslash, double quote and line feed.
std::string escapeLabel(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

void writeHeader(std::string& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

// `name{node="web-1"<extra>} value`
void writeSample(std::string& out, const std::string& name, const std::string& node,
                 const std::string& extraLabels, const std::string& value) {
    out += name;
    out += "{node=\"";
    out += escapeLabel(node);
    out += '"';
    out += extraLabels;
    out += "} ";
    out += value;
    out += '\n';
}

void writeHistogram(std::string& out, const NodeSeries& series) {
    static const std::string kName = "webstack_request_duration_seconds";
    const auto& latency = series.metrics.latency;
    const auto cumulative = latency.cumulative();
    for (std::size_t i = 0; i < cumulative.size(); ++i) {
        const auto bound = formatSampleValue(LatencyHistogram::upperBoundSeconds(i));
        writeSample(out, kName + "_bucket", series.node, ",le=\"" + bound + "\"",
                    std::to_string(cumulative[i]));
    }
    writeSample(out, kName + "_sum", series.node, "", formatSampleValue(latency.sumSeconds()));
    writeSample(out, kName + "_count", series.node, "", std::to_string(latency.count));
}

}  // namespace

std::string formatSampleValue(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, value, std::chars_format::general);
    return error == std::errc{} ? std::string(text, end) : "NaN";
}

std::string formatExposition(const std::vector<NodeSeries>& series) {
    std::string out;
    writeHeader(out, "webstack_up", "gauge",
                "1 while the node's agent pushes, 0 after it missed three intervals.");
    for (const auto& node : series) {
        writeSample(out, "webstack_up", node.node, "", node.up ? "1" : "0");
    }

    writeHeader(out, "webstack_agent_last_push_seconds", "gauge",
                "Unix time of the agent's last accepted push.");
    for (const auto& node : series) {
        if (node.pushed) {
            writeSample(out, "webstack_agent_last_push_seconds", node.node, "",
                        formatSampleValue(node.lastPushUnixSeconds));
        }
    }

    writeHeader(out, "webstack_requests_total", "counter",
                "Requests the node served, health checks excluded.");
    for (const auto& node : series) {
        if (node.pushed) {
            writeSample(out, "webstack_requests_total", node.node, "",
                        std::to_string(node.metrics.requests));
        }
    }

    writeHeader(out, "webstack_responses_total", "counter", "Responses by status class.");
    for (const auto& node : series) {
        for (std::size_t i = 0; node.pushed && i < kStatusClassCount; ++i) {
            writeSample(out, "webstack_responses_total", node.node,
                        std::string(",class=\"") + statusClassName(i) + "\"",
                        std::to_string(node.metrics.responses[i]));
        }
    }

    writeHeader(out, "webstack_request_duration_seconds", "histogram",
                "Time the node took to produce each response.");
    for (const auto& node : series) {
        if (node.pushed) {
            writeHistogram(out, node);
        }
    }

    writeHeader(out, "webstack_open_connections", "gauge", "Client connections open now.");
    for (const auto& node : series) {
        if (node.pushed) {
            writeSample(out, "webstack_open_connections", node.node, "",
                        std::to_string(node.metrics.openConnections));
        }
    }
    return out;
}

}  // namespace wsl
