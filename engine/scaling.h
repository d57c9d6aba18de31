#pragma once

#include <optional>
#include <string>

#include "topology.h"

namespace wsl {

// The result of Engine::addServer: the new server's name, or why none was added.
struct AddServerResult {
    std::string name;
    std::string error;  // empty on success
};

// Whether servers of `kind` can be added and removed while traffic flows: web and
// application servers, which hold no state of their own.
bool isScalable(NodeKind kind);

// Returns the spec of the next server of `kind`, or nullopt when the tier's /24 is full. The
// spec has the lowest number n for which both the name "web-n" (or "app-n") and the address
// with last byte n in the tier's /24 are free, and it has the port of the tier's servers.
std::optional<NodeSpec> nextServerSpec(const Topology& topology, NodeKind kind);

// Adds a node with the links of the first server of its tier, so that it receives from and
// sends to the same nodes as its peers.
void addServerTo(Topology& topology, const NodeSpec& spec);

// Removes a node and every link to or from it.
void removeServerFrom(Topology& topology, const std::string& name);

}  // namespace wsl
