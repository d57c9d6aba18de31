#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fault.h"
#include "firewall.h"
#include "monitoring_settings.h"
#include "balancer_settings.h"
#include "lb_pair.h"
#include "replication_settings.h"
#include "app_capacity.h"

namespace wsl {

enum class NodeKind { Client, Dns, LoadBalancer, WebServer, AppServer, Database, Collector };

const char* nodeKindName(NodeKind kind);

// One component of the stack and where it listens. Port 0 lets the OS choose (tests do this).
struct NodeSpec {
    std::string name;
    NodeKind kind;
    std::string address;  // an IPv4 address in 127.0.0.0/8
    std::uint16_t port = 0;
    bool replica = false;  // databases only
    // Nodes sharing a host run on one machine: the diagram draws them in one box, and failing
    // the host fails them all. Empty: the node is a machine of its own.
    std::string host = {};
    FaultSettings fault{};  // injected from the start; Engine::setFault changes it at run time
    int weight = 1;        // behind a load balancer: its share under weighted algorithms
    bool backup = false;   // behind a load balancer: serves only while no active server is up
    // Load balancers only: the HTTPS listener's port. Empty means no HTTPS, 0 lets the OS choose.
    std::optional<std::uint16_t> httpsPort = std::nullopt;
};

// A directed "sends requests to" edge of the diagram.
struct LinkSpec {
    std::string from;
    std::string to;
};

struct HealthCheckSettings {
    std::chrono::milliseconds interval{2000};  // HAProxy's default `inter`
    std::chrono::milliseconds timeout{1000};
    int rise = 2;  // HAProxy's defaults
    int fall = 3;
    std::string path = "/";
};

struct Topology {
    std::string name;
    std::string domain = "foobar.com";
    std::vector<NodeSpec> nodes;
    std::vector<LinkSpec> links;
    HealthCheckSettings healthCheck;
    std::vector<FirewallSpec> firewalls;  // none by default; securedFirewalls() builds a set
    MonitoringSettings monitoring;
    BalancerSettings balancer;
    LoadBalancerPairSettings loadBalancerPair;
    ReplicationSettings replication;
    AppCapacity appCapacity;  // of every application server

    const NodeSpec* find(const std::string& name) const;
    std::vector<const NodeSpec*> ofKind(NodeKind kind) const;
};

// The Distributed stage: client, DNS, one load balancer, three web servers, one application
// server, a primary database and one replica. With `osChoosesPorts` every listener binds port
// 0, so that tests can run side by side with each other and with a running app.
Topology distributedTopology(bool osChoosesPorts = false);

// The Simple stage: one server, `server-1`, runs the web server, the application server and
// the database; DNS points at its web server. Each keeps its own loopback address, so that
// every hop stays visible, and the three share the host.
Topology simpleTopology(bool osChoosesPorts = false);

// The node that receives the site's traffic: the first load balancer, else the first web
// server. Null when there is neither.
const NodeSpec* entryNode(const Topology& topology);

// The Scaled-up stage: two load balancers sharing the virtual address 127.0.10.10, three web
// servers, two application servers, a primary database and one replica.
Topology scaledTopology(bool osChoosesPorts = false);

}  // namespace wsl
