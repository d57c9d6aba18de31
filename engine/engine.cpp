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
#include <cerrno>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "admin_server.h"
#include "app_server.h"
#include "builtin_client.h"
#include "database_node.h"
#include "dns_node.h"
#include "hop_gate.h"
#include "lb_pair.h"
#include "load_balancer.h"
#include "web_server.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// How long stop() lets in-flight exchanges finish before it abandons them.
constexpr std::chrono::seconds kStopGrace{3};
// How often a removed server's open connections are counted while it drains. The first count
// comes one period after the removal, so that a request picked just before it has connected.
constexpr std::chrono::milliseconds kDrainPoll{50};

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

}  // namespace

struct Engine::Impl {
    Impl(Engine& engine, EngineOptions opts) : owner(&engine), options(std::move(opts)) {}

    Engine* owner;
    EngineOptions options;
    Tracer tracer;
    HopGate gate;
    asio::io_context io;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::vector<std::thread> threads;
    std::mutex threadsMutex;
    std::condition_variable threadsDone;
    std::size_t finishedThreads = 0;

    // nodesMutex guards namesByAddress, nodes, ports and options.topology once start() has
    // returned. options.topology changes only under scalingMutex as well, so that code
    // holding either may read it.
    std::map<std::string, std::string> namesByAddress;
    std::vector<std::unique_ptr<Node>> nodes;
    std::map<std::string, std::uint16_t> ports;
    mutable std::mutex nodesMutex;
    std::mutex scalingMutex;
    // Removed servers. They live until stop(), because requests in flight still run on them.
    std::vector<std::unique_ptr<Node>> retired;
    std::atomic<bool> stopping{false};
    std::vector<LoadBalancer*> loadBalancers;
    std::unique_ptr<LoadBalancerPair> pair;
    std::unique_ptr<BuiltinClient> client;
    std::unique_ptr<AdminServer> admin;
    std::uint16_t adminPort = 0;
    std::filesystem::path dataDirectory;
    bool ownsDataDirectory = false;
    bool started = false;

    NodeEnvironment environment();
    std::string nameOf(const std::string& address) const;
    std::uint16_t bind(Node& node);
    void choosePortOffset();
    int portOffset = 0;
    const std::string instanceId = newSpanId();
    UpstreamTarget targetOf(const NodeSpec& spec) const;
    void startNodes();
    void startDatabases();
    void startTier(NodeKind kind);
    void startLoadBalancer();
    void startPair();
    void startDns();
    void startAdmin();
    std::vector<UpstreamTarget> targetsOf(NodeKind kind) const;
    AppServer::Databases databaseTargets() const;
    std::unique_ptr<Node> makeServer(const NodeSpec& spec);
    void putInRotation(const NodeSpec& spec);
    void takeOutOfRotation(const NodeSpec& spec);
    asio::awaitable<void> drainAndStop(Node* node);
    const LoadBalancer* balancerView() const;
    Node* find(const std::string& name) const;
    Node* findLocked(const std::string& name) const;
    NodeStatus statusOf(const Node& node) const;
    void runThreads();
    void joinThreads();
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(*this, std::move(options))) {
    for (const auto& spec : impl_->options.topology.nodes) {
        impl_->namesByAddress[spec.address] = spec.name;
    }
}

Engine::~Engine() {
    stop();
}

NodeEnvironment Engine::Impl::environment() {
    return NodeEnvironment{
        io,    tracer,    [this](const std::string& a) { return nameOf(a); }, options.limits,
        &gate, instanceId};
}

std::string Engine::Impl::nameOf(const std::string& address) const {
    {
        std::lock_guard lock(nodesMutex);
        if (const auto it = namesByAddress.find(address); it != namesByAddress.end()) {
            return it->second;
        }
    }
    if (pair && address == options.topology.loadBalancerPair.virtualAddress) {
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
        std::lock_guard lock(nodesMutex);
        ports[node.name()] = bound;
        return bound;
    } catch (const std::system_error& error) {
        throw std::runtime_error("cannot start " + node.name() + " on " + node.spec().address +
                                 ":" + std::to_string(port) + ": " + error.what());
    }
}

// Moves every port by the same offset when any wanted port is busy, so that a second copy of
// the app gets a whole stack of its own instead of mixing its nodes with the first one's.
void Engine::Impl::choosePortOffset() {
    for (int offset = 0; offset < options.portAttempts; ++offset) {
        if (!portsFree(options, offset)) {
            continue;
        }
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
    impl_->choosePortOffset();
    impl_->started = true;
    impl_->stopping = false;
    impl_->work.emplace(impl_->io.get_executor());
    impl_->runThreads();
    try {
        impl_->startNodes();
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
    startDatabases();
    startTier(NodeKind::AppServer);
    startTier(NodeKind::WebServer);
    startLoadBalancer();
    startDns();

    const auto& topology = options.topology;
    if (const auto clients = topology.ofKind(NodeKind::Client); !clients.empty()) {
        const auto dns = topology.ofKind(NodeKind::Dns);
        const auto lbs = topology.ofKind(NodeKind::LoadBalancer);
        BuiltinClient::Settings settings;
        settings.name = clients.front()->name;
        settings.address = clients.front()->address;
        settings.hostname = "www." + topology.domain;
        if (!dns.empty()) {
            settings.dns = targetOf(*dns.front());
        }
        if (!lbs.empty()) {
            settings.httpPort = targetOf(*lbs.front()).port;
        }
        settings.nodeNamer = [this](const std::string& a) { return nameOf(a); };
        settings.gate = &gate;
        settings.instanceId = instanceId;
        client = std::make_unique<BuiltinClient>(std::move(settings), tracer);
    }
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
        nodes.push_back(std::move(node));
    }
    for (const auto* spec : topology.ofKind(NodeKind::Database)) {
        if (spec->replica) {
            continue;
        }
        auto node = std::make_unique<DatabaseNode>(*spec, environment(),
                                                   dataDirectory / (spec->name + ".sqlite3"));
        node->setReplicas(replicas);
        bind(*node);
        nodes.push_back(std::move(node));
    }
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
    std::lock_guard lock(nodesMutex);
    std::vector<UpstreamTarget> targets;
    for (const auto& spec : options.topology.nodes) {
        if (spec.kind == kind) {
            targets.push_back({spec.name, spec.address, ports.at(spec.name)});
        }
    }
    return targets;
}

AppServer::Databases Engine::Impl::databaseTargets() const {
    AppServer::Databases databases;
    for (const auto* spec : options.topology.ofKind(NodeKind::Database)) {
        if (spec->replica) {
            databases.replicas.push_back(targetOf(*spec));
        } else {
            databases.primary = targetOf(*spec);
        }
    }
    return databases;
}

// A web server sends to every application server, an application server to the databases.
std::unique_ptr<Node> Engine::Impl::makeServer(const NodeSpec& spec) {
    if (spec.kind == NodeKind::WebServer) {
        return std::make_unique<WebServer>(spec, environment(), options.siteRoot,
                                           targetsOf(NodeKind::AppServer));
    }
    return std::make_unique<AppServer>(spec, environment(), databaseTargets());
}

void Engine::Impl::startLoadBalancer() {
    const auto& topology = options.topology;
    const auto webs = targetsOf(NodeKind::WebServer);
    for (const auto* spec : topology.ofKind(NodeKind::LoadBalancer)) {
        auto node =
            std::make_unique<LoadBalancer>(*spec, environment(), webs, topology.healthCheck);
        bind(*node);
        loadBalancers.push_back(node.get());
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
    if (loadBalancers.size() != 2) {
        throw std::runtime_error("the virtual address " + settings.virtualAddress +
                                 " needs exactly two load balancers; the topology has " +
                                 std::to_string(loadBalancers.size()));
    }
    if (settings.heartbeatInterval.count() <= 0 || settings.missedHeartbeats < 1) {
        throw std::runtime_error(
            "the load-balancer pair needs a heartbeat interval above 0 ms and at least 1 "
            "missed heartbeat before a takeover");
    }
    auto& first = *loadBalancers[0];
    const auto port = targetOf(first.spec()).port;
    pair = std::make_unique<LoadBalancerPair>(io, tracer, settings, first, *loadBalancers[1], port,
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
    const auto lbs = topology.ofKind(NodeKind::LoadBalancer);
    for (const auto* spec : topology.ofKind(NodeKind::Dns)) {
        DnsZone zone;
        zone.origin = topology.domain;
        zone.address = lbs.empty() ? "127.0.0.1" : lbs.front()->address;
        if (!topology.loadBalancerPair.virtualAddress.empty()) {
            zone.address = topology.loadBalancerPair.virtualAddress;
        }
        auto node = std::make_unique<DnsNode>(*spec, io, zone, tracer);
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
    if (impl.admin) {
        impl.admin->stop();
    }
    if (impl.pair) {
        impl.pair->stop();
    }
    for (const auto& node : impl.nodes) {
        node->stop();
    }
    for (const auto& node : impl.retired) {
        node->stop();
    }
    impl.joinThreads();

    impl.admin.reset();
    impl.client.reset();
    impl.pair.reset();
    impl.loadBalancers.clear();
    impl.nodes.clear();
    impl.retired.clear();
    impl.io.restart();
    if (impl.ownsDataDirectory) {
        std::error_code ignored;
        std::filesystem::remove_all(impl.dataDirectory, ignored);
    }
}

std::vector<ServiceInfo> Engine::services() const {
    std::vector<ServiceInfo> services;
    std::lock_guard lock(impl_->nodesMutex);
    for (const auto& spec : impl_->options.topology.nodes) {
        const auto port = impl_->ports.find(spec.name);
        if (port != impl_->ports.end()) {
            services.push_back({spec.name, nodeKindName(spec.kind), urlOf(spec, port->second)});
        }
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
        status.state = backendHealthName(backend->health);
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
    for (const auto* balancer : loadBalancers) {
        if (balancer->running()) {
            return balancer;
        }
    }
    return loadBalancers.empty() ? nullptr : loadBalancers.front();
}

std::vector<NodeStatus> Engine::nodes() const {
    std::vector<NodeStatus> statuses;
    if (!impl_->started) {
        return statuses;
    }
    std::vector<const Node*> inOrder;
    {
        std::lock_guard lock(impl_->nodesMutex);
        for (const auto& spec : impl_->options.topology.nodes) {
            if (const auto* node = impl_->findLocked(spec.name)) {
                inOrder.push_back(node);
            }
        }
    }
    for (const auto* node : inOrder) {
        statuses.push_back(impl_->statusOf(*node));
    }
    return statuses;
}

std::optional<NodeStatus> Engine::node(const std::string& name) const {
    const auto* found = impl_->started ? impl_->find(name) : nullptr;
    if (found == nullptr) {
        return std::nullopt;
    }
    return impl_->statusOf(*found);
}

std::string Engine::fail(const std::string& name) {
    auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return "no node named '" + name + "'";
    }
    if (!node->running()) {
        return {};
    }
    node->stop();
    impl_->tracer.event(name, "fault", name + " failed: its listener is closed");
    if (impl_->pair) {
        impl_->pair->nodeStateChanged();
    }
    return {};
}

std::string Engine::restore(const std::string& name) {
    auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return "no node named '" + name + "'";
    }
    if (node->running()) {
        return {};
    }
    std::uint16_t port = 0;
    {
        std::lock_guard lock(impl_->nodesMutex);
        port = impl_->ports.at(name);
    }
    try {
        node->start(port);
    } catch (const std::system_error& error) {
        return "cannot restore " + name + ": " + error.what();
    }
    impl_->tracer.event(name, "fault", name + " restored: listening again");
    if (impl_->pair) {
        impl_->pair->nodeStateChanged();
    }
    return {};
}

void Engine::sendRequest(const ClientRequest& request,
                         std::function<void(const ClientResult&)> done) {
    if (!impl_->started || !impl_->client) {
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
    std::lock_guard lock(impl_->nodesMutex);
    return impl_->options.topology;
}

std::uint16_t Engine::adminPort() const {
    return impl_->adminPort;
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
    std::lock_guard scaling(impl.scalingMutex);
    if (!impl.started) {
        return {{}, "the engine is not running"};
    }
    const auto spec = nextServerSpec(impl.options.topology, kind);
    if (!spec) {
        return {{}, "no free address is left for another " + kindName};
    }

    auto node = impl.makeServer(*spec);
    try {
        impl.bind(*node);
    } catch (const std::runtime_error& error) {
        return {{}, error.what()};
    }
    {
        std::lock_guard lock(impl.nodesMutex);
        impl.nodes.push_back(std::move(node));
        addServerTo(impl.options.topology, *spec);
        impl.namesByAddress[spec->address] = spec->name;
    }
    impl.putInRotation(*spec);
    impl.tracer.event(spec->name, "scale",
                      spec->name + " added at " + spec->address + " and put in rotation");
    return {spec->name, {}};
}

std::string Engine::removeServer(const std::string& name) {
    auto& impl = *impl_;
    std::lock_guard scaling(impl.scalingMutex);
    const auto* found = impl.started ? impl.options.topology.find(name) : nullptr;
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
        removeServerFrom(impl.options.topology, name);
        impl.ports.erase(name);
        // namesByAddress keeps the address, so that the spans of requests in flight still name
        // the server. A server added later at that address gets the same name.
    }
    impl.tracer.event(name, "scale",
                      name + " removed from rotation: it stops once its requests in flight end");
    asio::co_spawn(impl.io, impl.drainAndStop(removed), asio::detached);
    return {};
}

void Engine::Impl::putInRotation(const NodeSpec& spec) {
    const auto target = targetOf(spec);
    if (spec.kind == NodeKind::WebServer) {
        for (auto* balancer : loadBalancers) {
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
        for (auto* balancer : loadBalancers) {
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

}  // namespace wsl
