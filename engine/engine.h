#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "backend_pool.h"
#include "fault.h"
#include "firewalls.h"
#include "http_types.h"
#include "https_redirect.h"
#include "load_generator.h"
#include "node.h"
#include "replication_status.h"
#include "request_metrics.h"
#include "rolling_deploy.h"
#include "scaling.h"
#include "spof.h"
#include "view_state.h"
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
    // Folder of the preset topology files (`simple.json`, ...) that usePreset() loads.
    std::filesystem::path presetDirectory;
    // Folder of the load balancer's TLS certificate and key. Empty: defaultTlsDirectory().
    std::filesystem::path tlsDirectory;
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
    // A backend's state at the load balancer ("UP", "going down", "DOWN", "going up", or "DRAIN"
    // and "MAINT" while an operator set them); for other nodes "UP" while listening and "DOWN"
    // otherwise.
    std::string state;
    int checkCount = 0;  // consecutive checks towards the next state
    int checkLimit = 0;  // `fall` while going down, `rise` while going up
    NodeCounters counters;
};

// One load balancer's backends with their state at that balancer.
struct BalancerStatus {
    std::string name;
    std::vector<BackendStatus> backends;
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

    // Closes (fail) or reopens (restore) a node's listener; a host's name does it to every
    // node on that host. Returns an error message, empty on success.
    std::string fail(const std::string& name);
    std::string restore(const std::string& name);

    // Sends a request from the built-in client: DNS lookup, then HTTP to the address found.
    // `done` runs on a network thread when the request has finished.
    void sendRequest(const ClientRequest& request,
                     std::function<void(const ClientResult&)> done = {});

    // The node name for a loopback address, or "external". The pair's virtual address gets
    // the name of the balancer that has bound it, or "vip" while none has.
    std::string nameOf(const std::string& address) const;
    Tracer& tracer();
    const Tracer& tracer() const;
    // Paces requests: live, slow motion or step by step.
    HopGate& gate();
    const HopGate& gate() const;
    // A copy: the topology changes when another one is loaded or a server is added.
    Topology topology() const;
    // The running topology with every setting changed since it started: balancing, health
    // checks, replication, capacity, monitoring, firewall rules, faults, weights and backups.
    // File → Save and GET /topology write it, so that a saved file starts the lab as it is.
    Topology runningTopology() const;
    // Grows by one each time the running topology changes, so that a view can tell when to
    // redraw.
    int topologyVersion() const;
    std::uint16_t adminPort() const;

    // Stops every node and starts `topology` instead. When it cannot start, the previous
    // topology is started again and the reason returned; empty on success. Blocks until done:
    // call it from the thread that owns the engine, never from a network thread.
    std::string replaceTopology(Topology topology);
    // Schedules replaceTopology() on the engine's own control thread; for callers on a network
    // thread, such as the admin interface. The outcome appears as an event.
    void requestTopology(Topology topology);
    // The presets found in presetDirectory, from the simplest stage up.
    std::vector<std::string> presetNames() const;
    // Reads `<presetDirectory>/<name>.json`. Returns the topology or an error message.
    std::variant<Topology, std::string> loadPreset(const std::string& name) const;
    // Sets a node's injected fault. Mode down closes the listener as fail() does; any other
    // mode opens it again, unless a deploy keeps it closed. Returns an error message, or an
    // empty string on success. After an error the fault is unchanged.
    std::string setFault(const std::string& name, const FaultSettings& settings);
    // The node's fault, with mode down while its listener is closed outside a deploy; nullopt
    // for an unknown node.
    std::optional<FaultSettings> fault(const std::string& name) const;
    // Restarts a node: closes its listener now and opens it again `downtime` later on a network
    // thread, then runs `done` there (with an error message, empty on success). Returns an
    // error message at once when the node is unknown or already being deployed.
    std::string deploy(const std::string& name, std::chrono::milliseconds downtime,
                       std::function<void(const std::string& error)> done = {});
    bool deploying(const std::string& name) const;
    // The running firewalls with their tables and counters; empty while stopped.
    std::vector<FirewallStatus> firewalls() const;
    std::optional<FirewallStatus> firewall(const std::string& name) const;
    // Replaces a firewall's rule table for new connections (and its default action when
    // given). Returns an error message naming the invalid rule, or empty on success. On error
    // the old table stays.
    std::string setFirewallRules(const std::string& name, std::vector<FirewallRule> rules,
                                 std::optional<FirewallAction> defaultAction = std::nullopt);
    // Returns an error message, empty on success.
    std::string setFirewallEnabled(const std::string& name, bool enabled);
    // Monitoring agents and the collector: the settings in effect and the nodes with an agent.
    MonitoringStatus monitoring() const;
    // Changes the agents' push interval (nullopt: unchanged) and pauses or resumes them.
    // Returns an error message, empty on success.
    std::string setMonitoring(std::optional<std::chrono::milliseconds> interval,
                              std::optional<bool> enabled);
    static constexpr std::chrono::milliseconds kMinMonitoringInterval{10};
    static constexpr std::chrono::milliseconds kMaxMonitoringInterval{60000};
    // The last `last` lines of a node's access log, oldest first; nullopt for no such node.
    std::optional<std::vector<std::string>> accessLog(const std::string& name,
                                                      std::size_t last) const;
    // A node's request counters and latency histogram as it keeps them now; nullopt for a
    // node that does not serve HTTP.
    std::optional<RequestMetricsSnapshot> requestMetrics(const std::string& name) const;
    // Load balancing, applied to every load balancer; start() takes it from the topology. The
    // setters return an error message, empty on success.
    BalancerSettings balancerSettings() const;
    std::string setBalancerSettings(const BalancerSettings& settings);
    HealthCheckSettings healthChecks() const;
    std::string setHealthChecks(const HealthCheckSettings& checks);
    // Drain and maintenance stop new requests to a backend and let those in flight finish;
    // ready puts it back in rotation.
    std::string setBackendMode(const std::string& name, BackendMode mode);
    std::string setBackendWeight(const std::string& name, int weight);
    std::vector<BalancerStatus> balancers() const;

    // Restarts the servers of a tier ("web") or the named servers one at a time, each drained
    // first and down for `downtime`. Returns at once with an error message, empty when the
    // deploy started; deployStatus() follows it.
    std::string rollingDeploy(const std::string& tier, std::chrono::milliseconds downtime);
    std::string rollingDeploy(const std::vector<std::string>& servers,
                              std::chrono::milliseconds downtime);
    DeployStatus deployStatus() const;

    // The load-balancer pair's virtual address, holder and heartbeats; nullopt without a pair.
    std::optional<VirtualAddressStatus> virtualAddress() const;
    // Starts the next web or application server (web-4 at 127.0.20.4, …) and puts it in
    // rotation: in every load balancer's pool, or in every web server's list of application
    // servers.
    AddServerResult addServer(NodeKind kind);
    // Takes a web or application server out of rotation at once, then stops it when its
    // requests in flight have ended, or after kRemoveDrainLimit. Rejects the last server of
    // its tier. Returns an error message, empty on success.
    std::string removeServer(const std::string& name);
    static constexpr std::chrono::seconds kRemoveDrainLimit{10};
    // HTTPS at the load balancer: its listener, certificate and redirect settings.
    HttpsStatus https() const;
    // Plain HTTP to the balancer gets 308 to HTTPS. Returns an error message, empty on success.
    std::string setRedirectHttps(bool enabled);
    // Application servers redirect requests whose X-Forwarded-Proto is not https. Returns an
    // error message, empty on success.
    std::string setForceHttps(bool enabled);
    // Database replication: the settings, each database's role, position and lag, and the
    // writes that promotions lost.
    ReplicationStatus replication() const;
    // Applies at once to every database and application server; before start(), to the
    // topology.
    void setReplicationSettings(const ReplicationSettings& settings);
    // Promotes database replica `name` to primary once the primary has failed. Returns an error
    // message, empty on success.
    std::string promoteDatabase(const std::string& name);
    // Single points of failure of the running topology with the nodes' states now (spof.h).
    SpofReport spof() const;
    // Starts a load run from the client node to the site's entry (the balancer, the pair's
    // virtual address or the web server), each request traced as the built-in client's.
    // Returns an error message, empty on success.
    std::string startLoad(const LoadSettings& settings);
    // Ends the load run early; requests in flight still finish and are counted.
    void stopLoad();
    LoadStatus loadStatus() const;
    // What the window shows (overlays, the front panel), as the admin interface or the window
    // last set it.
    ViewState& view();
    // The capacity of every application server, servers added later included. The setter
    // returns an error message, empty on success.
    AppCapacity appCapacity() const;
    std::string setAppCapacity(const AppCapacity& capacity);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wsl
