#include "presets.h"

#include "firewall.h"
#include "monitoring.h"

namespace wsl {

Topology securedTopology(bool osChoosesPorts) {
    auto topology = withMonitoring(distributedTopology(osChoosesPorts), osChoosesPorts);
    topology.name = "Secured and monitored";
    for (auto& node : topology.nodes) {
        if (node.kind == NodeKind::LoadBalancer) {
            node.httpsPort = osChoosesPorts ? 0 : 8443;
        }
    }
    topology.firewalls = securedFirewalls(topology);
    return topology;
}

std::optional<Topology> builtInStage(const std::string& name, bool osChoosesPorts) {
    if (name == "simple") {
        return simpleTopology(osChoosesPorts);
    }
    if (name == "distributed") {
        return distributedTopology(osChoosesPorts);
    }
    if (name == "secured") {
        return securedTopology(osChoosesPorts);
    }
    if (name == "scaled") {
        return scaledTopology(osChoosesPorts);
    }
    return std::nullopt;
}

}  // namespace wsl
