#include "trace_json.h"

#include <algorithm>

namespace wsl {

using json = nlohmann::json;

namespace {

json headersToJson(const HeaderList& headers) {
    json out = json::array();
    for (const auto& [name, value] : headers) {
        out.push_back({{"name", name}, {"value", value}});
    }
    return out;
}

json phasesToJson(const std::vector<SpanPhase>& phases) {
    json out = json::array();
    for (const auto& phase : phases) {
        out.push_back({{"name", phase.name}, {"startUs", phase.startUs}, {"endUs", phase.endUs}});
    }
    return out;
}

}  // namespace

json toJson(const Span& span) {
    if (span.deferred) {
        return toJson(withContent(span));
    }
    return {
        {"traceId", span.traceId},
        {"spanId", span.spanId},
        {"parentSpanId", span.parentSpanId},
        {"node", span.node},
        {"peer", span.peer},
        {"protocol", span.protocol},
        {"method", span.method},
        {"target", span.target},
        {"status", span.status},
        {"outcome", outcomeName(span.outcome)},
        {"detail", span.detail},
        {"startUs", span.startUs},
        {"endUs", span.endUs},
        {"bytesIn", span.bytesIn},
        {"bytesOut", span.bytesOut},
        {"requestHeaders", headersToJson(span.requestHeaders)},
        {"responseHeaders", headersToJson(span.responseHeaders)},
        {"requestBody", span.requestBody},
        {"responseBody", span.responseBody},
        {"encrypted", span.encrypted},
        {"phases", phasesToJson(span.phases)},
    };
}

json toJson(const Event& event) {
    return {
        {"timeUs", event.timeUs},
        {"node", event.node},
        {"kind", event.kind},
        {"detail", event.detail},
    };
}

json toJson(const RequestRecord& record) {
    json spans = json::array();
    for (const auto& span : record.spans) {
        spans.push_back(toJson(span));
    }
    const auto found = std::find_if(record.spans.begin(), record.spans.end(),
                                    [](const Span& span) { return span.entry; });
    const auto& entry = found != record.spans.end() ? *found : record.spans.front();
    return {
        {"traceId", record.traceId},
        {"method", entry.method},
        {"target", entry.target},
        {"status", entry.status},
        {"outcome", outcomeName(entry.outcome)},
        {"durationUs", entry.endUs - entry.startUs},
        {"spans", std::move(spans)},
    };
}

}  // namespace wsl
