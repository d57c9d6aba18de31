#include "monitoring.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

#include "http_node.h"
#include "request_metrics.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

constexpr const char* kCollectorName = "collector";
constexpr const char* kCollectorAddress = "127.0.60.1";
// The port Prometheus' node exporter uses, a familiar one for a metrics endpoint.
constexpr std::uint16_t kCollectorPort = 9100;

bool carriesAgentByDefault(NodeKind kind) {
    return kind == NodeKind::LoadBalancer || kind == NodeKind::WebServer ||
           kind == NodeKind::AppServer || kind == NodeKind::Database;
}

}  // namespace

Topology withMonitoring(Topology topology, bool osChoosesPorts) {
    if (collectorOf(topology) == nullptr) {
        NodeSpec collector;
        collector.name = kCollectorName;
        collector.kind = NodeKind::Collector;
        collector.address = kCollectorAddress;
        collector.port = osChoosesPorts ? 0 : kCollectorPort;
        topology.nodes.push_back(collector);
    }
    const auto collectorName = collectorOf(topology)->name;
    for (const auto& node : monitoredNodes(topology)) {
        const bool linked = std::any_of(
            topology.links.begin(), topology.links.end(),
            [&](const LinkSpec& link) { return link.from == node && link.to == collectorName; });
        if (!linked) {
            topology.links.push_back({node, collectorName});
        }
    }
    topology.monitoring.enabled = true;
    return topology;
}

std::vector<std::string> monitoredNodes(const Topology& topology) {
    if (!topology.monitoring.agents.empty()) {
        return topology.monitoring.agents;
    }
    std::vector<std::string> names;
    for (const auto& node : topology.nodes) {
        if (carriesAgentByDefault(node.kind)) {
            names.push_back(node.name);
        }
    }
    return names;
}

const NodeSpec* collectorOf(const Topology& topology) {
    if (!topology.monitoring.collector.empty()) {
        return topology.find(topology.monitoring.collector);
    }
    const auto collectors = topology.ofKind(NodeKind::Collector);
    return collectors.empty() ? nullptr : collectors.front();
}

struct MonitoringAgents::Agent {
    Agent(std::shared_ptr<Shared> settings, HttpNode& served, asio::io_context& io)
        : shared(std::move(settings)), node(served), timer(asio::make_strand(io)) {}

    std::shared_ptr<Shared> shared;
    HttpNode& node;
    asio::steady_timer timer;
    std::atomic<bool> stopped{false};
    bool failing = false;  // the last push failed; only a change is reported as an event
};

MonitoringAgents::MonitoringAgents(asio::io_context& io, Tracer& tracer, UpstreamTarget collector,
                                   const MonitoringSettings& settings, std::string instanceId)
    : io_(io),
      shared_(std::make_shared<Shared>(tracer, std::move(collector), std::move(instanceId),
                                       settings)) {}

MonitoringAgents::~MonitoringAgents() {
    stop();
}

void MonitoringAgents::add(HttpNode& node) {
    auto agent = std::make_shared<Agent>(shared_, node, io_);
    {
        std::lock_guard lock(mutex_);
        agents_.push_back(agent);
    }
    asio::co_spawn(agent->timer.get_executor(), pushLoop(agent), asio::detached);
}

void MonitoringAgents::stop() {
    std::vector<std::shared_ptr<Agent>> agents;
    {
        std::lock_guard lock(mutex_);
        agents.swap(agents_);
    }
    for (const auto& agent : agents) {
        agent->stopped = true;
        asio::post(agent->timer.get_executor(), [agent] { agent->timer.cancel(); });
    }
}

void MonitoringAgents::setInterval(std::chrono::milliseconds interval) {
    shared_->intervalMs = interval.count();
    wakeAll();  // so that a long wait does not delay the new interval
}

void MonitoringAgents::setEnabled(bool enabled) {
    shared_->enabled = enabled;
    wakeAll();
}

std::chrono::milliseconds MonitoringAgents::interval() const {
    return std::chrono::milliseconds(shared_->intervalMs.load());
}

bool MonitoringAgents::enabled() const {
    return shared_->enabled;
}

std::vector<std::string> MonitoringAgents::agents() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const auto& agent : agents_) {
        names.push_back(agent->node.name());
    }
    return names;
}

void MonitoringAgents::wakeAll() {
    std::lock_guard lock(mutex_);
    for (const auto& agent : agents_) {
        asio::post(agent->timer.get_executor(), [agent] { agent->timer.cancel(); });
    }
}

asio::awaitable<void> MonitoringAgents::pushLoop(std::shared_ptr<Agent> agent) {
    const auto& shared = *agent->shared;
    while (!agent->stopped) {
        agent->timer.expires_after(std::chrono::milliseconds(shared.intervalMs.load()));
        boost::system::error_code ec;
        co_await agent->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (agent->stopped) {
            co_return;
        }
        // A cancelled wait means the interval changed: wait again with the new one.
        if (ec || !shared.enabled || !agent->node.running()) {
            continue;
        }
        co_await push(*agent);
    }
}

asio::awaitable<void> MonitoringAgents::push(Agent& agent) {
    auto& shared = *agent.shared;
    MetricsPush push;
    push.node = agent.node.name();
    push.interval = std::chrono::milliseconds(shared.intervalMs.load());
    push.metrics = agent.node.metrics();

    HttpRequest request{http::verb::post, "/push", 11};
    request.set(http::field::host,
                shared.collector.address + ":" + std::to_string(shared.collector.port));
    request.set(http::field::user_agent, "webstack-lab-agent");
    request.set(http::field::content_type, "application/json");
    request.set(kInstanceHeader, shared.instanceId);
    request.body() = toPushJson(push);

    // From the node's own address, as the server's other outgoing connections are.
    const auto source = agent.node.spec().address;
    const auto result = co_await sendHttpRequest(source, shared.collector, std::move(request),
                                                 shared.pushTimeout, &shared.tracer);
    const bool accepted = result.response && result.response->result_int() == 200;

    // The collector records a span for every push it received; one it never accepted
    // (refused, timed out while connecting) is recorded here, as forwardRequest does.
    if (!result.requestSent) {
        Span span;
        span.traceId = newTraceId();
        span.spanId = newSpanId();
        span.node = shared.collector.node;
        span.peer = push.node;
        span.protocol = "metrics";
        span.method = "POST";
        span.target = "/push";
        span.outcome = result.outcome;
        span.detail = result.error;
        span.startUs = result.startUs;
        span.endUs = result.endUs;
        span.entry = true;  // the push is a trip of its own
        shared.tracer.record(std::move(span));
    }

    if (accepted == !agent.failing) {
        co_return;
    }
    agent.failing = !accepted;
    const auto reason =
        result.response ? "status " + std::to_string(result.response->result_int()) : result.error;
    shared.tracer.event(
        push.node, "monitoring",
        accepted ? push.node + "'s agent reaches " + shared.collector.node + " again"
                 : push.node + "'s agent cannot push to " + shared.collector.node + ": " + reason);
}

}  // namespace wsl
