#pragma once

// The engine's private state, shared by engine.cpp and the engine_*.cpp files that implement
// one concern each (HTTPS, scaling, deploys, monitoring, settings, topology changes).

#include "engine.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

#include "access_log.h"
#include "admin_server.h"
#include "app_server.h"
#include "builtin_client.h"
#include "collector.h"
#include "database_node.h"
#include "deployer.h"
#include "dns_node.h"
#include "firewalls.h"
#include "hop_gate.h"
#include "lb_pair.h"
#include "load_balancer.h"
#include "monitoring.h"
#include "network_contexts.h"
#include "replication_manager.h"
#include "tls_certificate.h"
#include "topology_json.h"
#include "upstream_pool.h"
#include "web_server.h"

namespace wsl {

namespace asio = boost::asio;

// The URL of a node's service, as the start-up listing prints it.
inline std::string serviceUrl(const NodeSpec& spec, std::uint16_t port) {
    const auto scheme = spec.kind == NodeKind::Dns ? "udp://" : "http://";
    return scheme + spec.address + ":" + std::to_string(port);
}

struct Engine::Impl {
    Impl(Engine& engine, EngineOptions opts) : owner(&engine), options(std::move(opts)) {}

    Engine* owner;
    EngineOptions options;
    Tracer tracer;
    HopGate gate;
    // Run by the first network thread only; the others run the rest of `contexts`.
    asio::io_context io{1};
    NetworkContexts contexts{io, options.networkThreads};
    Deployer deployer{io, tracer};
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::vector<std::thread> threads;
    std::mutex threadsMutex;
    std::condition_variable threadsDone;
    std::size_t finishedThreads = 0;
    // Before the nodes, which write to it until they are destroyed.
    std::unique_ptr<AccessLogWriter> accessLogs;
    // Before the nodes, which use it until they are destroyed.
    std::shared_ptr<UpstreamPool> upstreamPool;

    // Held exclusively while the topology is replaced. Readers only try it and return as if
    // stopped when it is taken, because a network thread must never wait for a join.
    mutable std::shared_mutex lifecycleMutex;
    // Guards options.topology and namesByAddress, which change with the topology.
    mutable std::mutex topologyMutex;
    std::atomic<int> topologyVersion{0};
    std::map<std::string, std::string> namesByAddress;

    // The control thread applies topologies asked for from network threads.
    std::mutex controlMutex;
    std::condition_variable controlWake;
    std::optional<Topology> pendingTopology;
    bool controlStopping = false;
    std::thread controlThread;
    // In topology order; guarded by nodesMutex for ports and lookups from other threads.
    std::vector<std::unique_ptr<Node>> nodes;
    std::map<std::string, std::uint16_t> ports;
    mutable std::mutex nodesMutex;
    // Guards adding and removing servers, which change options.topology and nodes.
    std::mutex scalingMutex;
    // Removed servers. They live until stop(), because requests in flight still run on them.
    std::vector<std::unique_ptr<Node>> retired;
    std::atomic<bool> stopping{false};
    std::unique_ptr<LoadBalancerPair> pair;
    // Shared with the application servers, which follow a promoted primary through it.
    std::shared_ptr<DatabaseDirectory> databaseDirectory = std::make_shared<DatabaseDirectory>();
    std::unique_ptr<ReplicationManager> replication;
    // Every load balancer, and the settings they all share.
    std::vector<LoadBalancer*> balancers;
    BalancerSettings balancerSettings;
    HealthCheckSettings healthChecks;
    std::unique_ptr<RollingDeploy> deploy;
    // Lets stop() wait for a deploy step that is opening or closing a listener, and then
    // turns the deploy's actions into no-ops.
    std::mutex deployMutex;
    bool deployAllowed = false;
    std::unique_ptr<BuiltinClient> client;
    LoadGenerator loadGenerator{io, tracer, &contexts};
    ViewState view;
    std::unique_ptr<AdminServer> admin;
    // Outlives the nodes, whose listeners ask it about every connection.
    std::unique_ptr<Firewalls> firewalls;
    std::unique_ptr<MonitoringAgents> agents;
    std::uint16_t adminPort = 0;
    std::filesystem::path dataDirectory;
    bool ownsDataDirectory = false;
    bool started = false;
    std::optional<TlsCertificate> certificate;  // loaded when a balancer serves HTTPS
    std::atomic<bool> forceHttps{false};

    NodeEnvironment environment();
    std::string nameOf(const std::string& address) const;
    std::uint16_t bind(Node& node);
    void applyInitialFault(Node& node);
    void choosePortOffset();
    int portOffset = 0;
    bool offsetChosen = false;  // portOffset was chosen by an earlier start()
    const std::string instanceId = newSpanId();
    UpstreamTarget targetOf(const NodeSpec& spec) const;
    void startNodes();
    void startDatabases();
    void startTier(NodeKind kind);
    void startLoadBalancer();
    void startPair();
    void enableHttps(LoadBalancer& balancer, const NodeSpec& spec);
    const TlsCertificate& loadCertificate();
    LoadBalancer* httpsBalancer() const;
    std::vector<UpstreamTarget> targetsOf(NodeKind kind) const;
    std::unique_ptr<Node> makeServer(const NodeSpec& spec);
    void putInRotation(const NodeSpec& spec);
    void takeOutOfRotation(const NodeSpec& spec);
    asio::awaitable<void> drainAndStop(Node* node);
    const LoadBalancer* balancerView() const;
    Node* findLocked(const std::string& name) const;
    void startDns();
    void startAdmin();
    DeployActions deployActions();
    std::string restartListener(const std::string& name, bool open);
    void startCollector();
    void startAgents();
    Node* find(const std::string& name) const;
    std::vector<Node*> findOnHost(const std::string& name) const;
    void indexAddresses();
    Topology swapTopology(Topology topology);
    void runControl();
    NodeStatus statusOf(const Node& node) const;
    void runThreads();
    void joinThreads();
};

}  // namespace wsl
