#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "replication_settings.h"

namespace wsl {

enum class NodeKind { Client, Dns, LoadBalancer, WebServer, AppServer, Database };

const char* nodeKindName(NodeKind kind);

// One component of the stack and where it listens. Port 0 lets the OS choose (tests do this).
struct NodeSpec {
    std::string name;
    NodeKind kind;
    std::string address;  // an IPv4 address in 127.0.0.0/8
    std::uint16_t port = 0;
    bool replica = false;  // databases only
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
    ReplicationSettings replication;

    const NodeSpec* find(const std::string& name) const;
    std::vector<const NodeSpec*> ofKind(NodeKind kind) const;
};

// The Distributed stage: client, DNS, one load balancer, three web servers, one application
// server, a primary database and one replica. With `osChoosesPorts` every listener binds port
// 0, so that tests can run side by side with each other and with a running app.
Topology distributedTopology(bool osChoosesPorts = false);

}  // namespace wsl
