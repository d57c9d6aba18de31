#include "har.h"

#include <boost/beast/http/status.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "trace_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

std::string isoTime(std::int64_t unixUs) {
    const auto seconds = static_cast<std::time_t>(unixUs / 1'000'000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[40];
    const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
    std::snprintf(text + length, sizeof text - length, ".%03dZ",
                  static_cast<int>((unixUs / 1000) % 1000));
    return text;
}

double milliseconds(const Span& span) {
    return static_cast<double>(span.endUs - span.startUs) / 1000.0;
}

// The duration of the span's phase named `name` in milliseconds, or -1 as HAR writes "not
// measured".
double phaseMilliseconds(const Span& span, const std::string& name) {
    for (const auto& phase : span.phases) {
        if (phase.name == name) {
            return static_cast<double>(phase.endUs - phase.startUs) / 1000.0;
        }
    }
    return -1;
}

std::string headerValue(const HeaderList& headers, const std::string& name) {
    for (const auto& [key, value] : headers) {
        if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            return value;
        }
    }
    return {};
}

json headersToHar(const HeaderList& headers) {
    json out = json::array();
    for (const auto& [name, value] : headers) {
        out.push_back({{"name", name}, {"value", value}});
    }
    return out;
}

json queryString(const std::string& target) {
    json out = json::array();
    const auto question = target.find('?');
    if (question == std::string::npos) {
        return out;
    }
    std::size_t start = question + 1;
    while (start <= target.size()) {
        const auto end = std::min(target.find('&', start), target.size());
        const auto pair = target.substr(start, end - start);
        if (!pair.empty()) {
            const auto equals = pair.find('=');
            out.push_back({{"name", pair.substr(0, equals)},
                           {"value", equals == std::string::npos ? "" : pair.substr(equals + 1)}});
        }
        start = end + 1;
    }
    return out;
}

// The hop that received the request from its client: the entry span itself, or for the
// built-in client the first HTTP hop it caused.
const Span* frontHop(const RequestRecord& record, const Span& entry) {
    if (entry.peer.empty()) {
        for (const auto& span : record.spans) {
            if (span.parentSpanId == entry.spanId && span.protocol == "http") {
                return &span;
            }
        }
    }
    return &entry;
}

json entryToHar(const RequestRecord& record, const Tracer& tracer) {
    const auto entryIt = std::find_if(record.spans.begin(), record.spans.end(),
                                      [](const Span& span) { return span.entry; });
    const auto& entry = entryIt != record.spans.end() ? *entryIt : record.spans.front();
    const auto& front = *frontHop(record, entry);

    double dns = -1;
    for (const auto& span : record.spans) {
        if (span.protocol == "dns") {
            dns = milliseconds(span);
        }
    }
    // HAR counts the TLS handshake in `connect` as well as in `ssl`. The built-in client times
    // its TCP connect. A server cannot, so for other clients `connect` is the handshake alone.
    const double ssl = phaseMilliseconds(front, "tls-handshake");
    const double tcp = phaseMilliseconds(entry, "connect");
    const double connect = tcp < 0 && ssl < 0 ? -1 : std::max(0.0, tcp) + std::max(0.0, ssl);
    const double wait = milliseconds(front) - std::max(0.0, ssl);
    const auto host = headerValue(front.requestHeaders, "Host");
    const auto scheme = front.encrypted ? "https://" : "http://";
    const auto reason =
        boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(front.status));

    const json request{
        {"method", front.method.empty() ? entry.method : front.method},
        {"url", scheme + (host.empty() ? front.node : host) + front.target},
        {"httpVersion", "HTTP/1.1"},
        {"cookies", json::array()},
        {"headers", headersToHar(front.requestHeaders)},
        {"queryString", queryString(front.target)},
        {"headersSize", -1},
        {"bodySize", front.bytesIn},
    };
    const json response{
        {"status", front.status},
        {"statusText", std::string(reason)},
        {"httpVersion", "HTTP/1.1"},
        {"cookies", json::array()},
        {"headers", headersToHar(front.responseHeaders)},
        {"content",
         {{"size", front.bytesOut},
          {"mimeType", headerValue(front.responseHeaders, "Content-Type")},
          {"text", front.responseBody},
          {"comment", front.responseBody.size() < front.bytesOut ? "first KiB of the body" : ""}}},
        {"redirectURL", headerValue(front.responseHeaders, "Location")},
        {"headersSize", -1},
        {"bodySize", front.bytesOut},
    };
    json spans = json::array();
    for (const auto& span : record.spans) {
        spans.push_back(toJson(span));
    }
    return {
        {"startedDateTime", isoTime(tracer.toUnixUs(entry.startUs))},
        {"time", std::max(0.0, dns) + std::max(0.0, connect) + wait},
        {"request", request},
        {"response", response},
        {"cache", json::object()},
        {"timings",
         {{"blocked", -1},
          {"dns", dns},
          {"connect", connect},
          {"ssl", ssl},
          {"send", 0},
          {"wait", wait},
          {"receive", 0}}},
        {"_traceId", record.traceId},
        {"_spans", std::move(spans)},
    };
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? "\"\"" : std::string(1, c);
    }
    return quoted + "\"";
}

}  // namespace

json toHar(const std::vector<RequestRecord>& records, const Tracer& tracer) {
    json entries = json::array();
    for (const auto& record : records) {
        if (!record.spans.empty()) {
            entries.push_back(entryToHar(record, tracer));
        }
    }
    return {{"log",
             {{"version", "1.2"},
              {"creator", {{"name", "Webstack Lab"}, {"version", "0.1.0"}}},
              {"entries", std::move(entries)}}}};
}

std::string eventsToCsv(const std::vector<Event>& events) {
    std::string csv = "time_s,node,kind,detail\r\n";
    for (const auto& event : events) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3f", static_cast<double>(event.timeUs) / 1e6);
        csv += std::string(seconds) + "," + csvField(event.node) + "," + csvField(event.kind) +
               "," + csvField(event.detail) + "\r\n";
    }
    return csv;
}

}  // namespace wsl
