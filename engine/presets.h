#pragma once

#include <optional>
#include <string>

#include "topology.h"

namespace wsl {

// The Secured and monitored stage: the Distributed stack with HTTPS at the load balancer on
// 8443, a firewall in front of every server, and a monitoring agent on every server pushing to
// a collector.
Topology securedTopology(bool osChoosesPorts = false);

// The built-in stage of a preset name ("simple", "distributed", "secured", "scaled").
std::optional<Topology> builtInStage(const std::string& name, bool osChoosesPorts = false);

}  // namespace wsl
