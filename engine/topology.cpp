#include "topology.h"

namespace wsl {

const char* nodeKindName(NodeKind kind) {
    switch (kind) {
        case NodeKind::Client:
            return "client";
        case NodeKind::Dns:
            return "dns";
        case NodeKind::LoadBalancer:
            return "load-balancer";
        case NodeKind::WebServer:
            return "web-server";
        case NodeKind::AppServer:
            return "app-server";
        case NodeKind::Database:
            return "database";
        case NodeKind::Collector:
            return "collector";
    }
    return "unknown";
}

const NodeSpec* Topology::find(const std::string& nodeName) const {
    for (const auto& node : nodes) {
        if (node.name == nodeName) {
            return &node;
        }
    }
    return nullptr;
}

std::vector<const NodeSpec*> Topology::ofKind(NodeKind kind) const {
    std::vector<const NodeSpec*> result;
    for (const auto& node : nodes) {
        if (node.kind == kind) {
            result.push_back(&node);
        }
    }
    return result;
}

namespace {

std::uint16_t portFor(bool osChoosesPorts, std::uint16_t wanted) {
    return osChoosesPorts ? std::uint16_t{0} : wanted;
}

NodeSpec makeNode(std::string name, NodeKind kind, std::string address, std::uint16_t port) {
    NodeSpec spec;
    spec.name = std::move(name);
    spec.kind = kind;
    spec.address = std::move(address);
    spec.port = port;
    return spec;
}

NodeSpec onHost(NodeSpec spec, std::string host) {
    spec.host = std::move(host);
    return spec;
}

NodeSpec asReplica(NodeSpec spec) {
    spec.replica = true;
    return spec;
}

}  // namespace

const NodeSpec* entryNode(const Topology& topology) {
    for (const auto kind : {NodeKind::LoadBalancer, NodeKind::WebServer}) {
        if (const auto nodes = topology.ofKind(kind); !nodes.empty()) {
            return nodes.front();
        }
    }
    return nullptr;
}

Topology simpleTopology(bool osChoosesPorts) {
    Topology topology;
    topology.name = "Simple";
    topology.nodes = {
        makeNode("client", NodeKind::Client, "127.0.5.1", 0),
        makeNode("dns-1", NodeKind::Dns, "127.0.0.53", portFor(osChoosesPorts, 5353)),
        onHost(makeNode("web-1", NodeKind::WebServer, "127.0.20.1", portFor(osChoosesPorts, 8080)),
               "server-1"),
        onHost(makeNode("app-1", NodeKind::AppServer, "127.0.30.1", portFor(osChoosesPorts, 8080)),
               "server-1"),
        onHost(
            makeNode("db-primary", NodeKind::Database, "127.0.40.1", portFor(osChoosesPorts, 8080)),
            "server-1"),
    };
    topology.links = {
        {"client", "dns-1"},
        {"client", "web-1"},
        {"web-1", "app-1"},
        {"app-1", "db-primary"},
    };
    return topology;
}

Topology distributedTopology(bool osChoosesPorts) {
    Topology topology;
    topology.name = "Distributed";
    // The client sends from its own address, so that servers see it as a distinct peer.
    topology.nodes = {
        makeNode("client", NodeKind::Client, "127.0.5.1", 0),
        makeNode("dns-1", NodeKind::Dns, "127.0.0.53", portFor(osChoosesPorts, 5353)),
        makeNode("lb-1", NodeKind::LoadBalancer, "127.0.10.1", portFor(osChoosesPorts, 8080)),
        makeNode("web-1", NodeKind::WebServer, "127.0.20.1", portFor(osChoosesPorts, 8080)),
        makeNode("web-2", NodeKind::WebServer, "127.0.20.2", portFor(osChoosesPorts, 8080)),
        makeNode("web-3", NodeKind::WebServer, "127.0.20.3", portFor(osChoosesPorts, 8080)),
        makeNode("app-1", NodeKind::AppServer, "127.0.30.1", portFor(osChoosesPorts, 8080)),
        makeNode("db-primary", NodeKind::Database, "127.0.40.1", portFor(osChoosesPorts, 8080)),
        asReplica(makeNode("db-replica-1", NodeKind::Database, "127.0.40.2",
                           portFor(osChoosesPorts, 8080))),
    };
    topology.links = {
        {"client", "dns-1"},
        {"client", "lb-1"},
        {"lb-1", "web-1"},
        {"lb-1", "web-2"},
        {"lb-1", "web-3"},
        {"web-1", "app-1"},
        {"web-2", "app-1"},
        {"web-3", "app-1"},
        {"app-1", "db-primary"},
        {"app-1", "db-replica-1"},
        {"db-primary", "db-replica-1"},
    };
    return topology;
}

Topology scaledTopology(bool osChoosesPorts) {
    Topology topology;
    topology.name = "Scaled up";
    topology.loadBalancerPair.virtualAddress = "127.0.10.10";
    topology.nodes = {
        makeNode("client", NodeKind::Client, "127.0.5.1", 0),
        makeNode("dns-1", NodeKind::Dns, "127.0.0.53", portFor(osChoosesPorts, 5353)),
        makeNode("lb-1", NodeKind::LoadBalancer, "127.0.10.1", portFor(osChoosesPorts, 8080)),
        makeNode("lb-2", NodeKind::LoadBalancer, "127.0.10.2", portFor(osChoosesPorts, 8080)),
        makeNode("web-1", NodeKind::WebServer, "127.0.20.1", portFor(osChoosesPorts, 8080)),
        makeNode("web-2", NodeKind::WebServer, "127.0.20.2", portFor(osChoosesPorts, 8080)),
        makeNode("web-3", NodeKind::WebServer, "127.0.20.3", portFor(osChoosesPorts, 8080)),
        makeNode("app-1", NodeKind::AppServer, "127.0.30.1", portFor(osChoosesPorts, 8080)),
        makeNode("app-2", NodeKind::AppServer, "127.0.30.2", portFor(osChoosesPorts, 8080)),
        makeNode("db-primary", NodeKind::Database, "127.0.40.1", portFor(osChoosesPorts, 8080)),
        asReplica(makeNode("db-replica-1", NodeKind::Database, "127.0.40.2",
                           portFor(osChoosesPorts, 8080))),
    };
    topology.links = {{"client", "dns-1"}, {"client", "lb-1"}, {"client", "lb-2"}};
    for (const auto* lb : {"lb-1", "lb-2"}) {
        for (const auto* web : {"web-1", "web-2", "web-3"}) {
            topology.links.push_back({lb, web});
        }
    }
    for (const auto* web : {"web-1", "web-2", "web-3"}) {
        for (const auto* app : {"app-1", "app-2"}) {
            topology.links.push_back({web, app});
        }
    }
    for (const auto* app : {"app-1", "app-2"}) {
        topology.links.push_back({app, "db-primary"});
        topology.links.push_back({app, "db-replica-1"});
    }
    topology.links.push_back({"db-primary", "db-replica-1"});
    return topology;
}

}  // namespace wsl
