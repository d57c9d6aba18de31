// Monitoring: the collector, the agents that push to it, access logs and request metrics.

#include "engine_impl.h"

namespace wsl {

void Engine::Impl::startCollector() {
    const auto& topology = options.topology;
    std::set<std::string> known;
    for (const auto& spec : topology.nodes) {
        known.insert(spec.name);
    }
    for (const auto* spec : topology.ofKind(NodeKind::Collector)) {
        auto node =
            std::make_unique<Collector>(*spec, environment(), monitoredNodes(topology), known);
        bind(*node);
        nodes.push_back(std::move(node));
    }
}

void Engine::Impl::startAgents() {
    const auto& topology = options.topology;
    const auto* collector = collectorOf(topology);
    if (collector == nullptr || find(collector->name) == nullptr) {
        return;
    }
    agents = std::make_unique<MonitoringAgents>(io, tracer, targetOf(*collector),
                                                topology.monitoring, instanceId);
    for (const auto& name : monitoredNodes(topology)) {
        // Only HTTP nodes keep request metrics; the DNS server and the client have none.
        if (auto* node = dynamic_cast<HttpNode*>(find(name))) {
            agents->add(*node);
        }
    }
}

MonitoringStatus Engine::monitoring() const {
    MonitoringStatus status;
    const auto& settings = impl_->options.topology.monitoring;
    status.enabled = settings.enabled;
    status.interval = settings.interval;
    if (const auto* collector = collectorOf(impl_->options.topology)) {
        status.collector = collector->name;
        std::lock_guard lock(impl_->nodesMutex);
        if (const auto port = impl_->ports.find(collector->name); port != impl_->ports.end()) {
            status.collectorUrl = serviceUrl(*collector, port->second) + "/metrics";
        }
    }
    if (impl_->started && impl_->agents) {
        status.enabled = impl_->agents->enabled();
        status.interval = impl_->agents->interval();
        status.agents = impl_->agents->agents();
    }
    return status;
}

std::string Engine::setMonitoring(std::optional<std::chrono::milliseconds> interval,
                                  std::optional<bool> enabled) {
    if (interval && (*interval < kMinMonitoringInterval || *interval > kMaxMonitoringInterval)) {
        return "intervalMs must be between " + std::to_string(kMinMonitoringInterval.count()) +
               " and " + std::to_string(kMaxMonitoringInterval.count());
    }
    if (!impl_->started || !impl_->agents) {
        return "the topology has no collector node, so there are no agents to configure";
    }
    if (interval) {
        impl_->agents->setInterval(*interval);
    }
    if (enabled) {
        impl_->agents->setEnabled(*enabled);
    }
    impl_->tracer.event("engine", "monitoring",
                        std::string("agents ") +
                            (impl_->agents->enabled() ? "push" : "are paused") + ", every " +
                            std::to_string(impl_->agents->interval().count()) + " ms");
    return {};
}

std::optional<std::vector<std::string>> Engine::accessLog(const std::string& name,
                                                          std::size_t last) const {
    if (!impl_->started || impl_->find(name) == nullptr || !impl_->accessLogs) {
        return std::nullopt;
    }
    return impl_->accessLogs->tail(name, last);
}

std::optional<RequestMetricsSnapshot> Engine::requestMetrics(const std::string& name) const {
    const auto* node = impl_->started ? dynamic_cast<const HttpNode*>(impl_->find(name)) : nullptr;
    if (node == nullptr) {
        return std::nullopt;
    }
    return node->metrics();
}

}  // namespace wsl
