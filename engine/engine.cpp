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

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
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
#include "replication_manager.h"
#include "tls_certificate.h"
#include "topology_json.h"
#include "upstream_pool.h"
#include "web_server.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// How long stop() lets in-flight exchanges finish before it abandons them.
constexpr std::chrono::seconds kStopGrace{3};
// How often a removed server's open connections are counted while it drains. The first count
// comes one period after the removal, so that a request picked just before it has connected.
constexpr std::chrono::milliseconds kDrainPoll{50};
// How long a topology change asked through the admin interface waits, so that the reply to
// that request leaves before the admin interface restarts with the engine.
constexpr std::chrono::milliseconds kReplyGrace{150};

std::filesystem::path makeTemporaryDirectory() {
    static std::atomic<int> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("webstack-lab-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
    return path;
}

std::string urlOf(const NodeSpec& spec, std::uint16_t port) {
    const auto scheme = spec.kind == NodeKind::Dns ? "udp://" : "http://";
    return scheme + spec.address + ":" + std::to_string(port);
}

// Whether address:port can be bound now, tried with a socket closed at once.
bool canBind(const std::string& address, std::uint16_t port, bool udp) {
    const int fd = ::socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    if (!udp) {
        // As the HTTP listeners do, so that TIME_WAIT leftovers do not count as busy.
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    }
    sockaddr_in endpoint{};
    endpoint.sin_family = AF_INET;
    endpoint.sin_port = htons(port);
    const bool parsed = ::inet_pton(AF_INET, address.c_str(), &endpoint.sin_addr) == 1;
    const bool bound =
        parsed && ::bind(fd, reinterpret_cast<sockaddr*>(&endpoint), sizeof endpoint) == 0;
    ::close(fd);
    return bound;
}

bool portsFree(const EngineOptions& options, int offset) {
    for (const auto& spec : options.topology.nodes) {
        const auto port = static_cast<std::uint16_t>(spec.port + offset);
        if (spec.port != 0 && !canBind(spec.address, port, spec.kind == NodeKind::Dns)) {
            return false;
        }
        const auto https = static_cast<std::uint16_t>(spec.httpsPort.value_or(0) + offset);
        if (spec.httpsPort.value_or(0) != 0 && !canBind(spec.address, https, false)) {
            return false;
        }
    }
    const auto admin = static_cast<std::uint16_t>(options.adminPort + offset);
    return !options.adminEnabled || options.adminPort == 0 ||
           canBind(options.adminAddress, admin, false);
}

bool isLoopback(const std::string& address) {
    boost::system::error_code ec;
    const auto parsed = asio::ip::make_address_v4(address, ec);
    return !ec && parsed.is_loopback();
}

void requireLoopback(const EngineOptions& options) {
    for (const auto& spec : options.topology.nodes) {
        if (!isLoopback(spec.address)) {
            throw std::runtime_error("node " + spec.name + " has address '" + spec.address +
                                     "'; every node must use an IPv4 address in 127.0.0.0/8");
        }
    }
    const auto& virtualAddress = options.topology.loadBalancerPair.virtualAddress;
    if (!virtualAddress.empty() && !isLoopback(virtualAddress)) {
        throw std::runtime_error("the virtual address '" + virtualAddress +
                                 "' is not an IPv4 address in 127.0.0.0/8");
    }
    if (options.adminEnabled && !isLoopback(options.adminAddress)) {
        throw std::runtime_error("the admin interface address '" + options.adminAddress +
                                 "' is not in 127.0.0.0/8");
    }
}

void requireValidFaults(const EngineOptions& options) {
    for (const auto& spec : options.topology.nodes) {
        if (const auto problem = validateFault(spec.fault); !problem.empty()) {
            throw std::runtime_error("node " + spec.name + " has an invalid fault: " + problem);
        }
    }
}

void requireValidFirewalls(const Topology& topology) {
    if (auto error = validateFirewalls(topology); !error.empty()) {
        throw std::runtime_error(error);
    }
}

}  // namespace

struct Engine::Impl {
    Impl(Engine& engine, EngineOptions opts) : owner(&engine), options(std::move(opts)) {}

    Engine* owner;
    EngineOptions options;
    Tracer tracer;
    HopGate gate;
    asio::io_context io;
    Deployer deployer{io, tracer};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
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
    LoadGenerator loadGenerator{io, tracer};
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

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(*this, std::move(options))) {
    impl_->indexAddresses();
}

Engine::~Engine() {
    {
        std::lock_guard lock(impl_->controlMutex);
        impl_->controlStopping = true;
    }
    impl_->controlWake.notify_all();
    if (impl_->controlThread.joinable()) {
        impl_->controlThread.join();
    }
    stop();
}

Topology Engine::Impl::swapTopology(Topology topology) {
    {
        std::lock_guard lock(topologyMutex);
        std::swap(options.topology, topology);
    }
    indexAddresses();
    return topology;
}

void Engine::Impl::indexAddresses() {
    std::lock_guard lock(topologyMutex);
    namesByAddress.clear();
    for (const auto& spec : options.topology.nodes) {
        namesByAddress[spec.address] = spec.name;
    }
}

NodeEnvironment Engine::Impl::environment() {
    return NodeEnvironment{io,
                           tracer,
                           [this](const std::string& a) { return nameOf(a); },
                           options.limits,
                           &gate,
                           instanceId,
                           firewalls.get(),
                           accessLogs.get(),
                           upstreamPool.get()};
}

std::string Engine::Impl::nameOf(const std::string& address) const {
    {
        std::lock_guard lock(topologyMutex);
        if (const auto it = namesByAddress.find(address); it != namesByAddress.end()) {
            return it->second;
        }
    }
    if (pair && address == pair->status().address) {
        const auto holder = pair->holder();
        return holder.empty() ? "vip" : holder;
    }
    return "external";
}

// Binds the node's port, moved by the instance's port offset.
std::uint16_t Engine::Impl::bind(Node& node) {
    const auto wanted = node.spec().port;
    const auto port = static_cast<std::uint16_t>(wanted == 0 ? 0 : wanted + portOffset);
    try {
        const auto bound = node.start(port);
        applyInitialFault(node);
        std::lock_guard lock(nodesMutex);
        ports[node.name()] = bound;
        return bound;
    } catch (const std::system_error& error) {
        throw std::runtime_error("cannot start " + node.name() + " on " + node.spec().address +
                                 ":" + std::to_string(port) + ": " + error.what());
    }
}

// Applies the topology's fault to a node that has just bound its port. Down closes the
// listener again after the bind, so that `ports` records the port for a later restore.
void Engine::Impl::applyInitialFault(Node& node) {
    const auto& fault = node.spec().fault;
    if (fault.mode == FaultMode::None) {
        return;
    }
    if (fault.mode == FaultMode::Down) {
        node.stop();
    } else {
        node.faults().set(fault);
    }
    tracer.event(node.name(), "fault", node.name() + " starts with fault " + describeFault(fault));
}

// Moves every port by the same offset when any wanted port is busy, so that a second copy of
// the app gets a whole stack of its own instead of mixing its nodes with the first one's.
// A restart (another stage, say) keeps the offset it had when its ports are still free, so that
// the admin interface and the site stay where scripts and browsers found them.
void Engine::Impl::choosePortOffset() {
    std::vector<int> candidates;
    if (offsetChosen) {
        candidates.push_back(portOffset);
    }
    for (int offset = 0; offset < options.portAttempts; ++offset) {
        candidates.push_back(offset);
    }
    for (const int offset : candidates) {
        if (!portsFree(options, offset)) {
            continue;
        }
        if (offsetChosen && offset != portOffset) {
            tracer.event("engine", "port",
                         "the ports in use before the restart are busy; every port now moves up "
                         "by " +
                             std::to_string(offset) + " from the defaults");
        }
        offsetChosen = true;
        portOffset = offset;
        if (offset > 0) {
            tracer.event(
                "engine", "port",
                "default ports are busy (another Webstack Lab?); every port is moved up by " +
                    std::to_string(offset));
        }
        return;
    }
    throw std::runtime_error("no free set of ports within " + std::to_string(options.portAttempts) +
                             " of the defaults; stop the other Webstack Lab or free the ports");
}

UpstreamTarget Engine::Impl::targetOf(const NodeSpec& spec) const {
    std::lock_guard lock(nodesMutex);
    return {spec.name, spec.address, ports.at(spec.name)};
}

void Engine::start() {
    if (impl_->started) {
        return;
    }
    requireLoopback(impl_->options);
    requireValidFaults(impl_->options);
    requireValidFirewalls(impl_->options.topology);
    impl_->choosePortOffset();
    impl_->firewalls = std::make_unique<Firewalls>(
        impl_->options.topology, impl_->portOffset, impl_->tracer,
        [impl = impl_.get()](const std::string& address) { return impl->nameOf(address); });
    impl_->upstreamPool = std::make_shared<UpstreamPool>(impl_->io);
    impl_->started = true;
    impl_->stopping = false;
    impl_->work.emplace(impl_->io.get_executor());
    impl_->runThreads();
    try {
        impl_->balancerSettings = impl_->options.topology.balancer;
        impl_->healthChecks = impl_->options.topology.healthCheck;
        impl_->startNodes();
        impl_->deploy =
            std::make_unique<RollingDeploy>(impl_->io, impl_->tracer, impl_->deployActions());
        {
            std::lock_guard lock(impl_->deployMutex);
            impl_->deployAllowed = true;
        }
        impl_->startAdmin();
    } catch (...) {
        stop();
        throw;
    }
}

// Starts the nodes from the back of the stack to the front, because each one needs the bound
// ports of the nodes it sends to.
void Engine::Impl::startNodes() {
    if (options.dataDirectory.empty()) {
        dataDirectory = makeTemporaryDirectory();
        ownsDataDirectory = true;
    } else {
        dataDirectory = options.dataDirectory;
        std::filesystem::create_directories(dataDirectory);
    }
    accessLogs = std::make_unique<AccessLogWriter>(dataDirectory / "logs",
                                                   options.topology.monitoring.accessLogMaxBytes);
    startDatabases();
    startTier(NodeKind::AppServer);
    startTier(NodeKind::WebServer);
    startLoadBalancer();
    startDns();

    const auto& topology = options.topology;
    if (const auto clients = topology.ofKind(NodeKind::Client); !clients.empty()) {
        const auto dns = topology.ofKind(NodeKind::Dns);
        const auto* entry = entryNode(topology);
        BuiltinClient::Settings settings;
        settings.name = clients.front()->name;
        settings.address = clients.front()->address;
        settings.hostname = "www." + topology.domain;
        if (!dns.empty()) {
            settings.dns = targetOf(*dns.front());
        }
        if (entry != nullptr) {
            settings.httpPort = targetOf(*entry).port;
        }
        if (auto* balancer = httpsBalancer(); balancer != nullptr && certificate) {
            settings.httpsPort = balancer->httpsPort();
            settings.certificatePem = certificate->certificatePem;
        }
        settings.nodeNamer = [this](const std::string& a) { return nameOf(a); };
        settings.gate = &gate;
        settings.instanceId = instanceId;
        client = std::make_unique<BuiltinClient>(std::move(settings), tracer);
    }
    startCollector();
    startAgents();
}

void Engine::Impl::startDatabases() {
    const auto& topology = options.topology;
    std::vector<UpstreamTarget> replicas;
    std::string primaryName;
    for (const auto* spec : topology.ofKind(NodeKind::Database)) {
        if (!spec->replica) {
            primaryName = spec->name;
        }
    }
    replication =
        std::make_unique<ReplicationManager>(io, tracer, databaseDirectory, topology.replication);
    DatabaseDirectory::Targets targets;
    // Replicas first: the primary ships to their bound ports.
    for (const auto* spec : topology.ofKind(NodeKind::Database)) {
        if (!spec->replica) {
            continue;
        }
        auto node = std::make_unique<DatabaseNode>(*spec, environment(),
                                                   dataDirectory / (spec->name + ".sqlite3"));
        node->setPrimaryName(primaryName);
        bind(*node);
        replicas.push_back(targetOf(*spec));
        replication->add(*node, targetOf(*spec));
        nodes.push_back(std::move(node));
    }
    targets.replicas = replicas;
    for (const auto* spec : topology.ofKind(NodeKind::Database)) {
        if (spec->replica) {
            continue;
        }
        auto node = std::make_unique<DatabaseNode>(*spec, environment(),
                                                   dataDirectory / (spec->name + ".sqlite3"));
        node->setReplicas(replicas);
        bind(*node);
        targets.primary = targetOf(*spec);
        replication->add(*node, targetOf(*spec));
        nodes.push_back(std::move(node));
    }
    databaseDirectory->setTargets(std::move(targets));
    replication->start();
}

void Engine::Impl::startTier(NodeKind kind) {
    for (const auto* spec : options.topology.ofKind(kind)) {
        auto node = makeServer(*spec);
        bind(*node);
        nodes.push_back(std::move(node));
    }
}

// The bound addresses of every node of `kind`, failed ones included, in topology order.
std::vector<UpstreamTarget> Engine::Impl::targetsOf(NodeKind kind) const {
    const auto topology = owner->topology();
    std::lock_guard lock(nodesMutex);
    std::vector<UpstreamTarget> targets;
    for (const auto& spec : topology.nodes) {
        if (spec.kind == kind) {
            targets.push_back({spec.name, spec.address, ports.at(spec.name)});
        }
    }
    return targets;
}

// A web server sends to every application server, an application server to the databases.
std::unique_ptr<Node> Engine::Impl::makeServer(const NodeSpec& spec) {
    if (spec.kind == NodeKind::WebServer) {
        return std::make_unique<WebServer>(spec, environment(), options.siteRoot,
                                           targetsOf(NodeKind::AppServer));
    }
    auto app = std::make_unique<AppServer>(spec, environment(), databaseDirectory);
    app->setCapacity(owner->appCapacity());
    return app;
}

void Engine::Impl::startLoadBalancer() {
    const auto& topology = options.topology;
    const auto webs = targetsOf(NodeKind::WebServer);
    for (const auto* spec : topology.ofKind(NodeKind::LoadBalancer)) {
        auto node = std::make_unique<LoadBalancer>(*spec, environment(), webs, healthChecks,
                                                   balancerSettings);
        if (spec->httpsPort) {
            enableHttps(*node, *spec);
        }
        for (const auto* web : topology.ofKind(NodeKind::WebServer)) {
            if (web->weight != 1) {
                node->setBackendWeight(web->name, web->weight);
            }
            if (web->backup) {
                node->setBackup(web->name, true);
            }
        }
        bind(*node);
        balancers.push_back(node.get());
        nodes.push_back(std::move(node));
    }
    startPair();
}

// The virtual address listens on the first balancer's port, so that the built-in client,
// which connects to that port, reaches it.
void Engine::Impl::startPair() {
    const auto& settings = options.topology.loadBalancerPair;
    if (settings.virtualAddress.empty()) {
        return;
    }
    if (balancers.size() != 2) {
        throw std::runtime_error("the virtual address " + settings.virtualAddress +
                                 " needs exactly two load balancers; the topology has " +
                                 std::to_string(balancers.size()));
    }
    if (settings.heartbeatInterval.count() <= 0 || settings.missedHeartbeats < 1) {
        throw std::runtime_error(
            "the load-balancer pair needs a heartbeat interval above 0 ms and at least 1 "
            "missed heartbeat before a takeover");
    }
    auto& first = *balancers[0];
    const auto port = targetOf(first.spec()).port;
    pair = std::make_unique<LoadBalancerPair>(io, tracer, settings, first, *balancers[1], port,
                                              instanceId);
    try {
        pair->start();
    } catch (const std::system_error& error) {
        throw std::runtime_error("cannot start the load-balancer pair on " +
                                 settings.virtualAddress + ":" + std::to_string(port) + ": " +
                                 error.what());
    }
}

// The HTTPS port moves with the instance's port offset, as the HTTP port does.
void Engine::Impl::enableHttps(LoadBalancer& balancer, const NodeSpec& spec) {
    const auto configured = *spec.httpsPort;
    const auto port = static_cast<std::uint16_t>(configured == 0 ? 0 : configured + portOffset);
    const auto& loaded = loadCertificate();
    balancer.enableHttps(port, loaded.certificatePem, loaded.keyPem);
}

// One certificate for every balancer: its names are the site's, and its addresses every
// balancer's that serves HTTPS.
const TlsCertificate& Engine::Impl::loadCertificate() {
    if (certificate) {
        return *certificate;
    }
    const auto& topology = options.topology;
    CertificateSubject subject;
    subject.dnsNames = {"www." + topology.domain, topology.domain, "localhost"};
    for (const auto* spec : topology.ofKind(NodeKind::LoadBalancer)) {
        if (spec->httpsPort) {
            subject.ipAddresses.push_back(spec->address);
        }
    }
    const auto directory =
        options.tlsDirectory.empty() ? defaultTlsDirectory() : options.tlsDirectory;
    try {
        certificate = loadOrCreateCertificate(directory, subject);
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot prepare the TLS certificate in " + directory.string() +
                                 ": " + error.what());
    }
    const auto fingerprint = "SHA-256 fingerprint " + certificate->fingerprint;
    if (certificate->generated) {
        tracer.event("engine", "tls",
                     "generated a self-signed certificate in " +
                         certificate->certificateFile.string() + " (" + certificate->reason +
                         "); " + fingerprint);
    } else {
        tracer.event("engine", "tls",
                     "reusing the certificate in " + certificate->certificateFile.string() + "; " +
                         fingerprint);
    }
    return *certificate;
}

// The first balancer that serves HTTPS, or null.
LoadBalancer* Engine::Impl::httpsBalancer() const {
    for (auto* balancer : balancers) {
        if (balancer->httpsPort() != 0) {
            return balancer;
        }
    }
    return nullptr;
}

void Engine::Impl::startDns() {
    const auto& topology = options.topology;
    const auto* entry = entryNode(topology);
    for (const auto* spec : topology.ofKind(NodeKind::Dns)) {
        DnsZone zone;
        zone.origin = topology.domain;
        zone.address = entry == nullptr ? "127.0.0.1" : entry->address;
        if (!topology.loadBalancerPair.virtualAddress.empty()) {
            zone.address = topology.loadBalancerPair.virtualAddress;
        }
        auto node = std::make_unique<DnsNode>(*spec, io, zone, tracer);
        node->setScreen(firewalls->screenFor(spec->name, FirewallProtocol::Udp));
        bind(*node);
        nodes.push_back(std::move(node));
    }
}

void Engine::Impl::startAdmin() {
    if (!options.adminEnabled) {
        return;
    }
    admin = std::make_unique<AdminServer>(io, *owner);
    const auto wanted = options.adminPort;
    const auto port = static_cast<std::uint16_t>(wanted == 0 ? 0 : wanted + portOffset);
    try {
        adminPort = admin->start(options.adminAddress, port);
    } catch (const std::system_error& error) {
        throw std::runtime_error("cannot start the admin interface on " + options.adminAddress +
                                 ":" + std::to_string(port) + ": " + error.what());
    }
}

void Engine::Impl::runThreads() {
    finishedThreads = 0;
    const auto count = std::max<std::size_t>(1, options.networkThreads);
    for (std::size_t i = 0; i < count; ++i) {
        threads.emplace_back([this] {
            io.run();
            std::lock_guard lock(threadsMutex);
            ++finishedThreads;
            threadsDone.notify_all();
        });
    }
}

// Lets pending exchanges end on their own (every listener, connection and timer has been
// closed or cancelled), then abandons whatever still waits after the grace period.
void Engine::Impl::joinThreads() {
    work.reset();
    {
        std::unique_lock lock(threadsMutex);
        const bool finished = threadsDone.wait_for(
            lock, kStopGrace, [this] { return finishedThreads == threads.size(); });
        if (!finished) {
            io.stop();
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    threads.clear();
}

void Engine::stop() {
    auto& impl = *impl_;
    if (!impl.started) {
        return;
    }
    impl.started = false;
    impl.stopping = true;
    {
        std::lock_guard lock(impl.deployMutex);
        impl.deployAllowed = false;
    }
    if (impl.deploy) {
        impl.deploy->cancel();
    }
    impl.loadGenerator.stop();
    if (impl.admin) {
        impl.admin->stop();
    }
    if (impl.pair) {
        impl.pair->stop();
    }
    if (impl.replication) {
        impl.replication->stop();
    }
    impl.deployer.cancelAll();
    if (impl.agents) {
        impl.agents->stop();
    }
    for (const auto& node : impl.nodes) {
        node->stop();
    }
    for (const auto& node : impl.retired) {
        node->stop();
    }
    impl.upstreamPool->close();
    impl.joinThreads();

    impl.admin.reset();
    impl.replication.reset();
    impl.client.reset();
    impl.pair.reset();
    impl.certificate.reset();
    impl.forceHttps = false;
    impl.balancers.clear();
    impl.deploy.reset();
    impl.nodes.clear();
    impl.retired.clear();
    impl.upstreamPool.reset();
    impl.firewalls.reset();
    impl.agents.reset();
    impl.accessLogs.reset();
    impl.io.restart();
    if (impl.ownsDataDirectory) {
        std::error_code ignored;
        std::filesystem::remove_all(impl.dataDirectory, ignored);
    }
}

std::vector<ServiceInfo> Engine::services() const {
    std::vector<ServiceInfo> services;
    const auto topology = this->topology();
    std::lock_guard lock(impl_->nodesMutex);
    for (const auto& spec : topology.nodes) {
        const auto port = impl_->ports.find(spec.name);
        if (port != impl_->ports.end()) {
            services.push_back({spec.name, nodeKindName(spec.kind), urlOf(spec, port->second)});
        }
    }
    if (const auto https = this->https(); !https.url.empty()) {
        services.push_back({https.node, "load-balancer", https.url});
    }
    if (impl_->adminPort != 0) {
        services.push_back(
            {"admin", "admin",
             "http://" + impl_->options.adminAddress + ":" + std::to_string(impl_->adminPort)});
    }
    return services;
}

Node* Engine::Impl::find(const std::string& name) const {
    std::lock_guard lock(nodesMutex);
    return findLocked(name);
}

Node* Engine::Impl::findLocked(const std::string& name) const {
    for (const auto& node : nodes) {
        if (node->name() == name) {
            return node.get();
        }
    }
    return nullptr;
}

NodeStatus Engine::Impl::statusOf(const Node& node) const {
    NodeStatus status;
    status.name = node.name();
    status.kind = node.spec().kind;
    status.address = node.spec().address;
    status.listening = node.running();
    status.counters = node.counters();
    status.state = status.listening ? "UP" : "DOWN";
    {
        std::lock_guard lock(nodesMutex);
        if (const auto port = ports.find(node.name()); port != ports.end()) {
            status.port = port->second;
        }
    }
    const auto* loadBalancer = balancerView();
    if (const auto backend = loadBalancer ? loadBalancer->pool().find(node.name()) : std::nullopt) {
        status.state = backendStateName(*backend);
        status.checkCount = backend->checkCount;
        // The limit of the next transition: `fall` failures from UP, `rise` successes from DOWN.
        const bool towardsDown =
            backend->health == BackendHealth::Up || backend->health == BackendHealth::GoingDown;
        status.checkLimit = towardsDown ? loadBalancer->pool().fall() : loadBalancer->pool().rise();
    }
    return status;
}

// The first running balancer, whose health checks are current; a stopped one checks nothing.
const LoadBalancer* Engine::Impl::balancerView() const {
    for (const auto* balancer : balancers) {
        if (balancer->running()) {
            return balancer;
        }
    }
    return balancers.empty() ? nullptr : balancers.front();
}

std::vector<NodeStatus> Engine::nodes() const {
    std::vector<NodeStatus> statuses;
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    if (!lifecycle || !impl_->started) {
        return statuses;
    }
    for (const auto& spec : topology().nodes) {
        if (const auto* node = impl_->find(spec.name)) {
            statuses.push_back(impl_->statusOf(*node));
        }
    }
    return statuses;
}

std::optional<NodeStatus> Engine::node(const std::string& name) const {
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    const auto* found = lifecycle && impl_->started ? impl_->find(name) : nullptr;
    if (found == nullptr) {
        return std::nullopt;
    }
    return impl_->statusOf(*found);
}

// The node named `name`, or every node on the host named `name`.
std::vector<Node*> Engine::Impl::findOnHost(const std::string& name) const {
    std::vector<Node*> found;
    if (!started) {
        return found;
    }
    std::lock_guard lock(nodesMutex);
    if (auto* node = findLocked(name)) {
        found.push_back(node);
        return found;
    }
    for (const auto& node : nodes) {
        if (node->spec().host == name) {
            found.push_back(node.get());
        }
    }
    return found;
}

std::string Engine::fail(const std::string& name) {
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    if (!lifecycle) {
        return "the topology is being replaced; try again";
    }
    const auto targets = impl_->findOnHost(name);
    if (targets.empty()) {
        return "no node or host named '" + name + "'";
    }
    for (auto* node : targets) {
        if (node->running()) {
            node->stop();
            impl_->tracer.event(node->name(), "fault",
                                node->name() + " failed: its listener is closed");
        }
    }
    if (impl_->pair) {
        impl_->pair->nodeStateChanged();
    }
    return {};
}

std::string Engine::restore(const std::string& name) {
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    if (!lifecycle) {
        return "the topology is being replaced; try again";
    }
    const auto targets = impl_->findOnHost(name);
    if (targets.empty()) {
        return "no node or host named '" + name + "'";
    }
    for (auto* node : targets) {
        if (node->running()) {
            impl_->replication->restored(node->name());
            continue;
        }
        if (impl_->deployer.deploying(node->name())) {
            return node->name() + " is being deployed and listens again when the deploy ends";
        }
        std::uint16_t port = 0;
        {
            std::lock_guard lock(impl_->nodesMutex);
            port = impl_->ports.at(node->name());
        }
        try {
            node->start(port);
        } catch (const std::system_error& error) {
            return "cannot restore " + node->name() + ": " + error.what();
        }
        impl_->tracer.event(node->name(), "fault", node->name() + " restored: listening again");
        impl_->replication->restored(node->name());
    }
    if (impl_->pair) {
        impl_->pair->nodeStateChanged();
    }
    return {};
}

void Engine::sendRequest(const ClientRequest& request,
                         std::function<void(const ClientResult&)> done) {
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    if (!lifecycle || !impl_->started || !impl_->client) {
        return;
    }
    asio::co_spawn(asio::make_strand(impl_->io), impl_->client->send(request),
                   [done = std::move(done)](std::exception_ptr error, ClientResult result) {
                       if (error) {
                           result.outcome = Outcome::Error;
                           result.error = "the built-in client failed unexpectedly";
                       }
                       if (done) {
                           done(result);
                       }
                   });
}

std::string Engine::nameOf(const std::string& address) const {
    return impl_->nameOf(address);
}

Tracer& Engine::tracer() {
    return impl_->tracer;
}

HopGate& Engine::gate() {
    return impl_->gate;
}

const HopGate& Engine::gate() const {
    return impl_->gate;
}

const Tracer& Engine::tracer() const {
    return impl_->tracer;
}

Topology Engine::topology() const {
    std::lock_guard lock(impl_->topologyMutex);
    return impl_->options.topology;
}

int Engine::topologyVersion() const {
    return impl_->topologyVersion.load();
}

std::string Engine::replaceTopology(Topology topology) {
    std::unique_lock lifecycle(impl_->lifecycleMutex);
    const bool wasStarted = impl_->started;
    const auto name = topology.name;
    stop();
    auto previous = impl_->swapTopology(std::move(topology));
    std::string error;
    if (wasStarted) {
        try {
            start();
        } catch (const std::exception& failure) {
            error = failure.what();
            stop();
            impl_->swapTopology(std::move(previous));
            try {
                start();
            } catch (const std::exception& again) {
                error += "; the previous topology did not start again either: " +
                         std::string(again.what());
            }
        }
    }
    ++impl_->topologyVersion;
    if (error.empty()) {
        impl_->tracer.event("engine", "topology", "now running the " + name + " topology");
    } else {
        impl_->tracer.event("engine", "error", "the " + name + " topology did not start: " + error);
    }
    return error;
}

void Engine::requestTopology(Topology topology) {
    std::lock_guard lock(impl_->controlMutex);
    impl_->pendingTopology = std::move(topology);
    if (!impl_->controlThread.joinable()) {
        impl_->controlThread = std::thread([this] { impl_->runControl(); });
    }
    impl_->controlWake.notify_all();
}

void Engine::Impl::runControl() {
    std::unique_lock lock(controlMutex);
    while (!controlStopping) {
        controlWake.wait(lock, [this] { return controlStopping || pendingTopology; });
        if (controlStopping) {
            return;
        }
        // Lets the admin reply that asked for this change leave first.
        if (controlWake.wait_for(lock, kReplyGrace, [this] { return controlStopping; })) {
            return;
        }
        auto topology = std::move(*pendingTopology);
        pendingTopology.reset();
        lock.unlock();
        owner->replaceTopology(std::move(topology));
        lock.lock();
    }
}

std::vector<std::string> Engine::presetNames() const {
    std::vector<std::string> names;
    for (const auto* name : {"simple", "distributed", "secured", "scaled"}) {
        if (std::filesystem::exists(impl_->options.presetDirectory /
                                    (std::string(name) + ".json"))) {
            names.emplace_back(name);
        }
    }
    return names;
}

std::variant<Topology, std::string> Engine::loadPreset(const std::string& name) const {
    return readPreset(impl_->options.presetDirectory, name);
}

std::uint16_t Engine::adminPort() const {
    return impl_->adminPort;
}

std::string Engine::setFault(const std::string& name, const FaultSettings& settings) {
    auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return "no node named '" + name + "'";
    }
    if (const auto problem = validateFault(settings); !problem.empty()) {
        return problem;
    }

    const auto before = node->faults().settings().mode;
    if (settings.mode == FaultMode::Down) {
        node->faults().set(FaultSettings{});
        return fail(name);
    }
    // Reopened first, so that a failed restore leaves the fault as it was.
    if (!node->running() && !impl_->deployer.deploying(name)) {
        if (auto error = restore(name); !error.empty()) {
            return error;
        }
    }
    node->faults().set(settings);
    if (settings.mode != FaultMode::None) {
        impl_->tracer.event(name, "fault", name + " fault set: " + describeFault(settings));
    } else if (before != FaultMode::None) {
        impl_->tracer.event(name, "fault", name + " fault cleared");
    }
    return {};
}

std::optional<FaultSettings> Engine::fault(const std::string& name) const {
    const auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return std::nullopt;
    }
    auto settings = node->faults().settings();
    if (!node->running() && !impl_->deployer.deploying(name)) {
        settings = FaultSettings{};
        settings.mode = FaultMode::Down;
    }
    return settings;
}

std::string Engine::deploy(const std::string& name, std::chrono::milliseconds downtime,
                           std::function<void(const std::string& error)> done) {
    auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return "no node named '" + name + "'";
    }
    std::uint16_t port = 0;
    {
        std::lock_guard lock(impl_->nodesMutex);
        port = impl_->ports.at(name);
    }
    return impl_->deployer.deploy(*node, port, downtime, std::move(done));
}

bool Engine::deploying(const std::string& name) const {
    return impl_->deployer.deploying(name);
}

std::vector<FirewallStatus> Engine::firewalls() const {
    if (!impl_->started) {
        return {};
    }
    return impl_->firewalls->statuses();
}

std::optional<FirewallStatus> Engine::firewall(const std::string& name) const {
    if (!impl_->started) {
        return std::nullopt;
    }
    return impl_->firewalls->status(name);
}

std::string Engine::setFirewallRules(const std::string& name, std::vector<FirewallRule> rules,
                                     std::optional<FirewallAction> defaultAction) {
    if (!impl_->started) {
        return "the engine is stopped";
    }
    auto error = impl_->firewalls->setRules(name, std::move(rules), defaultAction);
    // Firewalls screen a connection only when it is accepted, so the pooled ones go.
    if (error.empty()) {
        impl_->upstreamPool->invalidate();
    }
    return error;
}

std::string Engine::setFirewallEnabled(const std::string& name, bool enabled) {
    if (!impl_->started) {
        return "the engine is stopped";
    }
    auto error = impl_->firewalls->setEnabled(name, enabled);
    if (error.empty()) {
        impl_->upstreamPool->invalidate();
    }
    return error;
}

// Monitoring: the collector, the agents that push to it, and the access logs.

void Engine::Impl::startCollector() {
    const auto& topology = options.topology;
    std::set<std::string> known;
    for (const auto& spec : topology.nodes) {
        known.insert(spec.name);
    }
    for (const auto* spec : topology.ofKind(NodeKind::Collector)) {
        auto node =
            std::make_unique<Collector>(*spec, environment(), monitoredNodes(topology), known);
        bind(*node);
        nodes.push_back(std::move(node));
    }
}

void Engine::Impl::startAgents() {
    const auto& topology = options.topology;
    const auto* collector = collectorOf(topology);
    if (collector == nullptr || find(collector->name) == nullptr) {
        return;
    }
    agents = std::make_unique<MonitoringAgents>(io, tracer, targetOf(*collector),
                                                topology.monitoring, instanceId);
    for (const auto& name : monitoredNodes(topology)) {
        // Only HTTP nodes keep request metrics; the DNS server and the client have none.
        if (auto* node = dynamic_cast<HttpNode*>(find(name))) {
            agents->add(*node);
        }
    }
}

MonitoringStatus Engine::monitoring() const {
    MonitoringStatus status;
    const auto& settings = impl_->options.topology.monitoring;
    status.enabled = settings.enabled;
    status.interval = settings.interval;
    if (const auto* collector = collectorOf(impl_->options.topology)) {
        status.collector = collector->name;
        std::lock_guard lock(impl_->nodesMutex);
        if (const auto port = impl_->ports.find(collector->name); port != impl_->ports.end()) {
            status.collectorUrl = urlOf(*collector, port->second) + "/metrics";
        }
    }
    if (impl_->started && impl_->agents) {
        status.enabled = impl_->agents->enabled();
        status.interval = impl_->agents->interval();
        status.agents = impl_->agents->agents();
    }
    return status;
}

std::string Engine::setMonitoring(std::optional<std::chrono::milliseconds> interval,
                                  std::optional<bool> enabled) {
    if (interval && (*interval < kMinMonitoringInterval || *interval > kMaxMonitoringInterval)) {
        return "intervalMs must be between " + std::to_string(kMinMonitoringInterval.count()) +
               " and " + std::to_string(kMaxMonitoringInterval.count());
    }
    if (!impl_->started || !impl_->agents) {
        return "the topology has no collector node, so there are no agents to configure";
    }
    if (interval) {
        impl_->agents->setInterval(*interval);
    }
    if (enabled) {
        impl_->agents->setEnabled(*enabled);
    }
    impl_->tracer.event("engine", "monitoring",
                        std::string("agents ") +
                            (impl_->agents->enabled() ? "push" : "are paused") + ", every " +
                            std::to_string(impl_->agents->interval().count()) + " ms");
    return {};
}

std::optional<std::vector<std::string>> Engine::accessLog(const std::string& name,
                                                          std::size_t last) const {
    if (!impl_->started || impl_->find(name) == nullptr || !impl_->accessLogs) {
        return std::nullopt;
    }
    return impl_->accessLogs->tail(name, last);
}

std::optional<RequestMetricsSnapshot> Engine::requestMetrics(const std::string& name) const {
    const auto* node = impl_->started ? dynamic_cast<const HttpNode*>(impl_->find(name)) : nullptr;
    if (node == nullptr) {
        return std::nullopt;
    }
    return node->metrics();
}

// Load balancing and rolling deploys.

BalancerSettings Engine::balancerSettings() const {
    std::lock_guard lock(impl_->nodesMutex);
    return impl_->balancerSettings;
}

std::string Engine::setBalancerSettings(const BalancerSettings& settings) {
    if (auto error = validateBalancerSettings(settings); !error.empty()) {
        return error;
    }
    {
        std::lock_guard lock(impl_->nodesMutex);
        impl_->balancerSettings = settings;
    }
    for (auto* balancer : impl_->balancers) {
        balancer->setSettings(settings);
    }
    return {};
}

HealthCheckSettings Engine::healthChecks() const {
    std::lock_guard lock(impl_->nodesMutex);
    return impl_->healthChecks;
}

std::string Engine::setHealthChecks(const HealthCheckSettings& checks) {
    if (auto error = validateHealthChecks(checks); !error.empty()) {
        return error;
    }
    {
        std::lock_guard lock(impl_->nodesMutex);
        impl_->healthChecks = checks;
    }
    for (auto* balancer : impl_->balancers) {
        balancer->setHealthChecks(checks);
    }
    return {};
}

std::string Engine::setBackendMode(const std::string& name, BackendMode mode) {
    bool found = false;
    for (auto* balancer : impl_->balancers) {
        found = balancer->setBackendMode(name, mode) || found;
    }
    return found ? std::string{} : "no load balancer sends requests to a node named '" + name + "'";
}

std::string Engine::setBackendWeight(const std::string& name, int weight) {
    if (weight < kMinBackendWeight || weight > kMaxBackendWeight) {
        return "weight must be between " + std::to_string(kMinBackendWeight) + " and " +
               std::to_string(kMaxBackendWeight) + ", not " + std::to_string(weight);
    }
    bool found = false;
    for (auto* balancer : impl_->balancers) {
        found = balancer->setBackendWeight(name, weight) || found;
    }
    return found ? std::string{} : "no load balancer sends requests to a node named '" + name + "'";
}

std::vector<BalancerStatus> Engine::balancers() const {
    std::vector<BalancerStatus> statuses;
    for (const auto* balancer : impl_->balancers) {
        statuses.push_back({balancer->name(), balancer->pool().snapshot()});
    }
    return statuses;
}

std::string Engine::rollingDeploy(const std::string& tier, std::chrono::milliseconds downtime) {
    if (tier != "web") {
        return "only the web tier sits behind the load balancer, so tier must be \"web\", not \"" +
               tier + "\"";
    }
    std::vector<std::string> servers;
    const auto topology = this->topology();
    for (const auto* spec : topology.ofKind(NodeKind::WebServer)) {
        servers.push_back(spec->name);
    }
    return rollingDeploy(servers, downtime);
}

std::string Engine::rollingDeploy(const std::vector<std::string>& servers,
                                  std::chrono::milliseconds downtime) {
    if (!impl_->started || !impl_->deploy || impl_->balancers.empty()) {
        return "a rolling deploy needs a running engine with a load balancer";
    }
    for (const auto& server : servers) {
        if (!impl_->balancers.front()->pool().find(server)) {
            return "no load balancer sends requests to a node named '" + server + "'";
        }
    }
    return impl_->deploy->start(servers, downtime);
}

DeployStatus Engine::deployStatus() const {
    return impl_->deploy ? impl_->deploy->status() : DeployStatus{};
}

// Closes or opens a listener for a deploy; unlike fail() and restore(), this is no fault.
std::string Engine::Impl::restartListener(const std::string& name, bool open) {
    std::lock_guard deployLock(deployMutex);
    auto* node = find(name);
    if (!deployAllowed || node == nullptr) {
        return "the engine is stopping";
    }
    if (!open) {
        node->stop();
        return {};
    }
    std::uint16_t port = 0;
    {
        std::lock_guard lock(nodesMutex);
        port = ports.at(name);
    }
    try {
        node->start(port);
    } catch (const std::system_error& error) {
        return "cannot restart " + name + ": " + error.what();
    }
    return {};
}

DeployActions Engine::Impl::deployActions() {
    DeployActions actions;
    actions.setMode = [this](const std::string& node, BackendMode mode) {
        for (auto* balancer : balancers) {
            balancer->setBackendMode(node, mode);
        }
    };
    actions.inFlight = [this](const std::string& node) {
        std::uint64_t inFlight = 0;
        for (const auto* balancer : balancers) {
            const auto backend = balancer->pool().find(node);
            inFlight += backend ? backend->inFlight : 0;
        }
        return inFlight;
    };
    actions.stopServer = [this](const std::string& node) { return restartListener(node, false); };
    actions.startServer = [this](const std::string& node) { return restartListener(node, true); };
    actions.isUp = [this](const std::string& node) {
        return std::all_of(balancers.begin(), balancers.end(), [&node](const auto* balancer) {
            const auto backend = balancer->pool().find(node);
            return backend && backend->health == BackendHealth::Up;
        });
    };
    return actions;
}

std::optional<VirtualAddressStatus> Engine::virtualAddress() const {
    if (!impl_->started || !impl_->pair) {
        return std::nullopt;
    }
    return impl_->pair->status();
}

AddServerResult Engine::addServer(NodeKind kind) {
    auto& impl = *impl_;
    const std::string kindName = nodeKindName(kind);
    if (!isScalable(kind)) {
        return {{}, "only web and application servers can be added, not a " + kindName};
    }
    std::shared_lock lifecycle(impl.lifecycleMutex, std::try_to_lock);
    std::lock_guard scaling(impl.scalingMutex);
    if (!lifecycle || !impl.started) {
        return {{}, "the engine is not running"};
    }
    if (kind == NodeKind::WebServer && impl.balancers.empty()) {
        return {{},
                "this topology has no load balancer to spread requests over another web "
                "server; switch to the Distributed stage to scale out"};
    }
    const auto spec = nextServerSpec(impl.options.topology, kind);
    if (!spec) {
        return {{}, "no free address is left for another " + kindName};
    }

    auto node = impl.makeServer(*spec);
    // A new application server follows the force-HTTPS setting of the ones already running.
    if (auto* app = dynamic_cast<AppServer*>(node.get()); app != nullptr && impl.forceHttps) {
        app->setForceHttps(true, https().port);
    }
    try {
        impl.bind(*node);
    } catch (const std::runtime_error& error) {
        return {{}, error.what()};
    }
    {
        std::lock_guard lock(impl.nodesMutex);
        impl.nodes.push_back(std::move(node));
    }
    {
        std::lock_guard lock(impl.topologyMutex);
        addServerTo(impl.options.topology, *spec);
        impl.namesByAddress[spec->address] = spec->name;
    }
    ++impl.topologyVersion;
    impl.putInRotation(*spec);
    impl.tracer.event(spec->name, "scale",
                      spec->name + " added at " + spec->address + " and put in rotation");
    return {spec->name, {}};
}

std::string Engine::removeServer(const std::string& name) {
    auto& impl = *impl_;
    std::shared_lock lifecycle(impl.lifecycleMutex, std::try_to_lock);
    std::lock_guard scaling(impl.scalingMutex);
    const auto* found = lifecycle && impl.started ? impl.options.topology.find(name) : nullptr;
    if (found == nullptr) {
        return "no node named '" + name + "'";
    }
    const auto spec = *found;
    const std::string kindName = nodeKindName(spec.kind);
    if (!isScalable(spec.kind)) {
        return "only web and application servers can be removed; " + name + " is a " + kindName;
    }
    if (impl.options.topology.ofKind(spec.kind).size() < 2) {
        return "cannot remove " + name + ": it is the last " + kindName + "; add another first";
    }

    impl.takeOutOfRotation(spec);
    Node* removed = nullptr;
    {
        std::lock_guard lock(impl.nodesMutex);
        const auto it = std::find_if(impl.nodes.begin(), impl.nodes.end(),
                                     [&name](const auto& node) { return node->name() == name; });
        removed = it->get();
        impl.retired.push_back(std::move(*it));
        impl.nodes.erase(it);
        impl.ports.erase(name);
    }
    {
        // namesByAddress keeps the address, so that the spans of requests in flight still name
        // the server. A server added later at that address gets the same name.
        std::lock_guard lock(impl.topologyMutex);
        removeServerFrom(impl.options.topology, name);
    }
    ++impl.topologyVersion;
    impl.tracer.event(name, "scale",
                      name + " removed from rotation: it stops once its requests in flight end");
    asio::co_spawn(impl.io, impl.drainAndStop(removed), asio::detached);
    return {};
}

void Engine::Impl::putInRotation(const NodeSpec& spec) {
    const auto target = targetOf(spec);
    if (spec.kind == NodeKind::WebServer) {
        for (auto* balancer : balancers) {
            balancer->addBackend(target);
        }
        return;
    }
    std::lock_guard lock(nodesMutex);
    for (const auto& node : nodes) {
        if (node->spec().kind == NodeKind::WebServer) {
            static_cast<WebServer&>(*node).addAppServer(target);
        }
    }
}

void Engine::Impl::takeOutOfRotation(const NodeSpec& spec) {
    if (spec.kind == NodeKind::WebServer) {
        for (auto* balancer : balancers) {
            balancer->removeBackend(spec.name);
        }
        return;
    }
    std::lock_guard lock(nodesMutex);
    for (const auto& node : nodes) {
        if (node->spec().kind == NodeKind::WebServer) {
            static_cast<WebServer&>(*node).removeAppServer(spec.name);
        }
    }
}

// Waits until no connection is open on the removed server, so that every request already
// forwarded to it gets its response, then closes it.
asio::awaitable<void> Engine::Impl::drainAndStop(Node* node) {
    asio::steady_timer timer(io);
    const auto since = Clock::now();
    std::uint64_t open = 0;
    do {
        timer.expires_after(kDrainPoll);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (stopping) {
            co_return;  // stop() closes every node, the retired ones included
        }
        open = node->counters().openConnections;
    } while (open > 0 && Clock::now() - since < kRemoveDrainLimit);

    node->stop();
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since);
    auto detail =
        node->name() + " stopped after draining for " + std::to_string(waited.count()) + " ms";
    if (open > 0) {
        detail += "; " + std::to_string(open) + " connections were still open and are closed";
    }
    tracer.event(node->name(), "scale", detail);
}

HttpsStatus Engine::https() const {
    HttpsStatus status;
    status.forceHttps = impl_->forceHttps;
    auto* balancer = impl_->started ? impl_->httpsBalancer() : nullptr;
    if (balancer == nullptr || balancer->httpsPort() == 0) {
        return status;
    }
    status.node = balancer->name();
    status.port = balancer->httpsPort();
    status.url = "https://" + balancer->spec().address + ":" + std::to_string(status.port);
    status.redirectHttps = balancer->redirectHttps();
    if (impl_->certificate) {
        status.certificateFile = impl_->certificate->certificateFile.string();
        status.fingerprint = impl_->certificate->fingerprint;
        status.notAfter = impl_->certificate->notAfter;
    }
    return status;
}

std::string Engine::setRedirectHttps(bool enabled) {
    auto* balancer = impl_->started ? impl_->httpsBalancer() : nullptr;
    if (balancer == nullptr || balancer->httpsPort() == 0) {
        return "no load balancer serves HTTPS; give it an httpsPort in the topology";
    }
    if (balancer->redirectHttps() != enabled) {
        balancer->setRedirectHttps(enabled);
        impl_->tracer.event(balancer->name(), "tls",
                            enabled ? "plain HTTP requests are redirected to HTTPS (308)"
                                    : "plain HTTP requests are served again");
    }
    return {};
}

std::string Engine::setForceHttps(bool enabled) {
    const auto https = this->https();
    if (enabled && https.port == 0) {
        return "no load balancer serves HTTPS, so application servers have nowhere to redirect";
    }
    {
        std::lock_guard lock(impl_->nodesMutex);
        for (const auto& node : impl_->nodes) {
            if (auto* app = dynamic_cast<AppServer*>(node.get())) {
                app->setForceHttps(enabled, https.port);
            }
        }
    }
    if (impl_->forceHttps.exchange(enabled) != enabled) {
        impl_->tracer.event("engine", "tls",
                            enabled ? "application servers force HTTPS"
                                    : "application servers accept plain HTTP again");
    }
    return {};
}

ReplicationStatus Engine::replication() const {
    if (!impl_->started || !impl_->replication) {
        ReplicationStatus status;
        status.settings = topology().replication;
        return status;
    }
    return impl_->replication->status();
}

void Engine::setReplicationSettings(const ReplicationSettings& settings) {
    // NOTE: while running, the topology keeps the settings it started with, so File → Save
    // writes those. replication().settings contains the current ones.
    if (!impl_->started || !impl_->replication) {
        std::lock_guard lock(impl_->topologyMutex);
        impl_->options.topology.replication = settings;
        return;
    }
    impl_->replication->setSettings(settings);
}

std::string Engine::promoteDatabase(const std::string& name) {
    if (!impl_->started || !impl_->replication) {
        return "the engine is not running";
    }
    return impl_->replication->promote(name);
}

std::string Engine::startLoad(const LoadSettings& settings) {
    if (auto error = validateLoad(settings); !error.empty()) {
        return error;
    }
    std::shared_lock lifecycle(impl_->lifecycleMutex, std::try_to_lock);
    if (!lifecycle || !impl_->started || !impl_->client) {
        return "the engine is not running, or its topology has no client";
    }
    const auto topology = this->topology();
    std::string address = topology.loadBalancerPair.virtualAddress;
    if (const auto* entry = entryNode(topology); address.empty() && entry != nullptr) {
        address = entry->address;
    }
    if (address.empty()) {
        return "the topology has no load balancer or web server to send load to";
    }
    // NOTE: a run outliving its topology keeps sending to this client and address; stop()
    // and replaceTopology() end the run first.
    auto* client = impl_->client.get();
    // The nodes' own pool, so that a firewall change or a stopped node closes these too.
    auto* pool = settings.keepAlive ? impl_->upstreamPool.get() : nullptr;
    const auto source = topology.ofKind(NodeKind::Client).front()->name;
    const auto sender = [client, address, pool](ClientRequest request) {
        return client->sendTo(std::move(request), address, pool);
    };
    auto error = impl_->loadGenerator.start(settings, sender, source);
    if (error.empty()) {
        impl_->tracer.event(source, "load", "load run started towards " + address);
    }
    return error;
}

void Engine::stopLoad() {
    impl_->loadGenerator.stop();
}

ViewState& Engine::view() {
    return impl_->view;
}

LoadStatus Engine::loadStatus() const {
    return impl_->loadGenerator.status();
}

AppCapacity Engine::appCapacity() const {
    std::lock_guard lock(impl_->topologyMutex);
    return impl_->options.topology.appCapacity;
}

std::string Engine::setAppCapacity(const AppCapacity& capacity) {
    if (auto error = validateCapacity(capacity); !error.empty()) {
        return error;
    }
    {
        std::lock_guard lock(impl_->topologyMutex);
        impl_->options.topology.appCapacity = capacity;
    }
    std::lock_guard lock(impl_->nodesMutex);
    for (const auto& node : impl_->nodes) {
        if (auto* app = dynamic_cast<AppServer*>(node.get())) {
            app->setCapacity(capacity);
        }
    }
    impl_->tracer.event("engine", "capacity",
                        "application servers: " + std::to_string(capacity.concurrencyLimit) +
                            " requests at once, " +
                            std::to_string(capacity.costPerRequest.count()) + " ms each, " +
                            std::to_string(capacity.queueLimit) + " queued");
    return {};
}

}  // namespace wsl
