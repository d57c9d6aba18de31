#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http_types.h"
#include "node.h"
#include "replication_status.h"
#include "topology.h"
#include "trace.h"

namespace wsl {

struct EngineOptions {
    Topology topology = distributedTopology();
    std::filesystem::path siteRoot;  // the demo website the web servers serve
    // Folder of the database files. Empty: a new temporary folder, removed by stop().
    std::filesystem::path dataDirectory;
    std::size_t networkThreads = 2;
    bool adminEnabled = true;
    std::string adminAddress = "127.0.0.1";
    std::uint16_t adminPort = 9901;
    // When a wanted port is busy, every node's port moves up by one, at most this many times.
    int portAttempts = 20;
    // The limits every HTTP node enforces; tests shorten them.
    HttpLimits limits;
};

// One line of the start-up listing: `lb-1  load-balancer  http://127.0.10.1:8080`.
struct ServiceInfo {
    std::string name;
    std::string kind;
    std::string url;
};

struct NodeStatus {
    std::string name;
    NodeKind kind = NodeKind::Client;
    std::string address;
    std::uint16_t port = 0;
    bool listening = false;  // false once failed: its listener is closed
    // As the load balancer sees a backend ("UP", "going down", "DOWN", "going up"); for other
    // nodes "UP" while listening and "DOWN" otherwise.
    std::string state;
    int checkCount = 0;  // consecutive checks towards the next state
    int checkLimit = 0;  // `fall` while going down, `rise` while going up
    NodeCounters counters;
};

class HopGate;
struct ClientRequest;
struct ClientResult;

// Runs every node of a topology as a real service on loopback, on a small pool of network
// threads. All public functions may be called from any thread.
class Engine {
public:
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Binds every node. Throws std::runtime_error naming the node when one cannot be bound, or
    // when an address lies outside 127.0.0.0/8: nothing may listen beyond loopback.
    void start();
    // Closes every listener and connection and joins the network threads.
    void stop();

    std::vector<ServiceInfo> services() const;
    std::vector<NodeStatus> nodes() const;
    std::optional<NodeStatus> node(const std::string& name) const;

    // Closes (fail) or reopens (restore) a node's listener. Returns an error message, empty on
    // success.
    std::string fail(const std::string& name);
    std::string restore(const std::string& name);

    // Sends a request from the built-in client: DNS lookup, then HTTP to the address found.
    // `done` runs on a network thread when the request has finished.
    void sendRequest(const ClientRequest& request,
                     std::function<void(const ClientResult&)> done = {});

    // The node name for a loopback address, or "external".
    std::string nameOf(const std::string& address) const;
    Tracer& tracer();
    const Tracer& tracer() const;
    // Paces requests: live, slow motion or step by step.
    HopGate& gate();
    const HopGate& gate() const;
    const Topology& topology() const;
    std::uint16_t adminPort() const;

    // Database replication: the settings, each database's role, position and lag, and the
    // writes that promotions lost.
    ReplicationStatus replication() const;
    // Applies at once to every database and application server; before start(), to the
    // topology.
    void setReplicationSettings(const ReplicationSettings& settings);
    // Promotes database replica `name` to primary once the primary has failed. Returns an error
    // message, empty on success.
    std::string promoteDatabase(const std::string& name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wsl
