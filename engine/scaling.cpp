#include "scaling.h"

#include <algorithm>

namespace wsl {

namespace {

// The /24 a new server's address is taken from when its tier is empty.
std::string defaultPrefix(NodeKind kind) {
    return kind == NodeKind::WebServer ? "127.0.20." : "127.0.30.";
}

bool addressInUse(const Topology& topology, const std::string& address) {
    const auto& nodes = topology.nodes;
    return address == topology.loadBalancerPair.virtualAddress ||
           std::any_of(nodes.begin(), nodes.end(),
                       [&address](const NodeSpec& node) { return node.address == address; });
}

}  // namespace

bool isScalable(NodeKind kind) {
    return kind == NodeKind::WebServer || kind == NodeKind::AppServer;
}

std::optional<NodeSpec> nextServerSpec(const Topology& topology, NodeKind kind) {
    const auto tier = topology.ofKind(kind);
    std::string prefix = defaultPrefix(kind);
    std::uint16_t port = 8080;
    if (!tier.empty()) {
        const auto& first = tier.front()->address;
        prefix = first.substr(0, first.rfind('.') + 1);
        port = tier.front()->port;
    }
    const std::string namePrefix = kind == NodeKind::WebServer ? "web-" : "app-";

    // Stops at 254: the last byte 255 is the /24's broadcast address on a real network.
    for (int number = 1; number <= 254; ++number) {
        const auto name = namePrefix + std::to_string(number);
        const auto address = prefix + std::to_string(number);
        if (topology.find(name) == nullptr && !addressInUse(topology, address)) {
            return NodeSpec{name, kind, address, port};
        }
    }
    return std::nullopt;
}

void addServerTo(Topology& topology, const NodeSpec& spec) {
    const auto tier = topology.ofKind(spec.kind);
    const std::string model = tier.empty() ? std::string{} : tier.front()->name;
    std::vector<LinkSpec> added;
    for (const auto& link : topology.links) {
        if (link.from == model) {
            added.push_back({spec.name, link.to});
        } else if (link.to == model) {
            added.push_back({link.from, spec.name});
        }
    }
    topology.nodes.push_back(spec);
    topology.links.insert(topology.links.end(), added.begin(), added.end());
}

void removeServerFrom(Topology& topology, const std::string& name) {
    std::erase_if(topology.nodes, [&name](const NodeSpec& node) { return node.name == name; });
    std::erase_if(topology.links,
                  [&name](const LinkSpec& link) { return link.from == name || link.to == name; });
}

}  // namespace wsl
