#include "engine_impl.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wsl {

namespace {

// How long stop() lets in-flight exchanges finish before it abandons them.
constexpr std::chrono::seconds kStopGrace{3};

std::filesystem::path makeTemporaryDirectory() {
    static std::atomic<int> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("webstack-lab-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
    return path;
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
                           upstreamPool.get(),
                           &contexts};
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
    for (std::size_t i = 0; i < contexts.size(); ++i) {
        auto& context = contexts.at(i);
        work.push_back(asio::make_work_guard(context));
        threads.emplace_back([this, &context] {
            context.run();
            std::lock_guard lock(threadsMutex);
            ++finishedThreads;
            threadsDone.notify_all();
        });
    }
}

// Lets pending exchanges end on their own (every listener, connection and timer has been
// closed or cancelled), then abandons whatever still waits after the grace period.
void Engine::Impl::joinThreads() {
    work.clear();
    {
        std::unique_lock lock(threadsMutex);
        const bool finished = threadsDone.wait_for(
            lock, kStopGrace, [this] { return finishedThreads == threads.size(); });
        if (!finished) {
            for (std::size_t i = 0; i < contexts.size(); ++i) {
                contexts.at(i).stop();
            }
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    threads.clear();
    for (std::size_t i = 0; i < contexts.size(); ++i) {
        contexts.at(i).restart();
    }
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
            services.push_back(
                {spec.name, nodeKindName(spec.kind), serviceUrl(spec, port->second)});
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

std::uint16_t Engine::adminPort() const {
    return impl_->adminPort;
}

}  // namespace wsl
