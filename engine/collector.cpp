#include "collector.h"

#include <algorithm>

#include "prometheus_text.h"

namespace wsl {

namespace {

// An agent that missed this many intervals is reported down: one late push is not a failure.
constexpr int kMissedIntervalsForDown = 3;

NodeEnvironment unpaced(NodeEnvironment environment) {
    environment.gate = nullptr;
    return environment;
}

}  // namespace

Collector::Collector(NodeSpec spec, const NodeEnvironment& environment,
                     std::vector<std::string> agents, std::set<std::string> knownNodes)
    : HttpNode(std::move(spec), unpaced(environment)),
      agents_(std::move(agents)),
      knownNodes_(std::move(knownNodes)) {}

boost::asio::awaitable<HttpResponse> Collector::handle(HttpRequest& request,
                                                       RequestContext& context) {
    const std::string target(request.target());
    const auto path = target.substr(0, target.find('?'));

    if (path == "/push" && request.method() == http::verb::post) {
        context.protocol = "metrics";
        co_return acceptPush(request, context);
    }
    if (path == "/metrics" &&
        (request.method() == http::verb::get || request.method() == http::verb::head)) {
        co_return makeResponse(request, http::status::ok, exposition(), kExpositionContentType);
    }
    if (path == "/push" || path == "/metrics") {
        co_return makeErrorResponse(request, http::status::method_not_allowed,
                                    "use POST /push or GET /metrics");
    }
    co_return makeErrorResponse(request, http::status::not_found,
                                "the collector serves POST /push and GET /metrics");
}

HttpResponse Collector::acceptPush(const HttpRequest& request, const RequestContext& context) {
    if (request.body().size() > kMaxPushBytes) {
        return rejectPush(request, context, http::status::payload_too_large,
                          "a push is limited to " + std::to_string(kMaxPushBytes) + " bytes");
    }
    std::string error;
    auto push = parsePushJson(request.body(), &error);
    if (!push) {
        return rejectPush(request, context, http::status::bad_request, "invalid push: " + error);
    }
    if (!knownNodes_.contains(push->node)) {
        return rejectPush(request, context, http::status::bad_request,
                          "invalid push: no node named '" + push->node + "'");
    }

    std::lock_guard lock(mutex_);
    received_[push->node] = {push->metrics, push->interval, std::chrono::steady_clock::now(),
                             std::chrono::system_clock::now()};
    return makeJsonResponse(request, http::status::ok, R"({"accepted": true})");
}

// Reports the 1st, 10th, 100th… rejection as an event, so that a flood cannot fill the event store.
HttpResponse Collector::rejectPush(const HttpRequest& request, const RequestContext& context,
                                   http::status status, const std::string& error) {
    const auto rejected = ++rejectedPushes_;
    auto power = std::uint64_t{1};
    while (power * 10 <= rejected) {
        power *= 10;
    }
    if (rejected == power) {
        tracer().event(name(), "monitoring",
                       "rejected push #" + std::to_string(rejected) + " from " +
                           context.peerAddress + " (" + context.peer + "): " + error);
    }
    return makeErrorResponse(request, status, error);
}

std::string Collector::exposition() const {
    // Expected agents first, in their order, then any other node that pushed.
    std::vector<std::string> names = agents_;
    std::vector<NodeSeries> series;
    std::lock_guard lock(mutex_);
    for (const auto& [name, received] : received_) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    }

    const auto now = std::chrono::steady_clock::now();
    for (const auto& name : names) {
        NodeSeries node;
        node.node = name;
        if (const auto it = received_.find(name); it != received_.end()) {
            const auto& received = it->second;
            node.pushed = true;
            node.up = now - received.at <= kMissedIntervalsForDown * received.interval;
            node.lastPushUnixSeconds =
                std::chrono::duration<double>(received.wallClock.time_since_epoch()).count();
            node.metrics = received.metrics;
        }
        series.push_back(std::move(node));
    }
    return formatExposition(series);
}

}  // namespace wsl
