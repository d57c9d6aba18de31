#include "engine.h"

namespace wsl {

Topology Engine::runningTopology() const {
    auto topology = this->topology();
    topology.balancer = balancerSettings();
    topology.healthCheck = healthChecks();
    topology.replication = replication().settings;
    topology.appCapacity = appCapacity();
    if (const auto monitoring = this->monitoring(); !monitoring.collector.empty()) {
        topology.monitoring.enabled = monitoring.enabled;
        topology.monitoring.interval = monitoring.interval;
    }
    for (auto& firewall : topology.firewalls) {
        if (const auto status = this->firewall(firewall.name)) {
            firewall = status->spec;
        }
    }
    // Every balancer has the same weights and backup flags, so the first one is read.
    const auto balancers = this->balancers();
    for (auto& node : topology.nodes) {
        if (const auto fault = this->fault(node.name)) {
            node.fault = *fault;
        }
        if (balancers.empty()) {
            continue;
        }
        for (const auto& backend : balancers.front().backends) {
            if (backend.target.node == node.name) {
                node.weight = backend.weight;
                node.backup = backend.backup;
            }
        }
    }
    return topology;
}

}  // namespace wsl
