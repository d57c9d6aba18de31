#include "engine.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/strand.hpp>

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
#include "load_balancer.h"
#include "replication_manager.h"
#include "web_server.h"

namespace wsl {

namespace asio = boost::asio;

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

    std::map<std::string, std::string> namesByAddress;
    // In topology order; guarded by nodesMutex for ports and lookups from other threads.
    std::vector<std::unique_ptr<Node>> nodes;
    std::map<std::string, std::uint16_t> ports;
    mutable std::mutex nodesMutex;
    LoadBalancer* loadBalancer = nullptr;
    // Shared with the application servers, which follow a promoted primary through it.
    std::shared_ptr<DatabaseDirectory> databaseDirectory = std::make_shared<DatabaseDirectory>();
    std::unique_ptr<ReplicationManager> replication;
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
    void startDns();
    void startAdmin();
    Node* find(const std::string& name) const;
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
    const auto it = namesByAddress.find(address);
    return it == namesByAddress.end() ? "external" : it->second;
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
    const auto& topology = options.topology;
    std::vector<UpstreamTarget> apps;
    for (const auto* spec : topology.ofKind(NodeKind::AppServer)) {
        if (kind == NodeKind::WebServer) {
            apps.push_back(targetOf(*spec));
        }
    }

    for (const auto* spec : topology.ofKind(kind)) {
        std::unique_ptr<Node> node;
        if (kind == NodeKind::WebServer) {
            node = std::make_unique<WebServer>(*spec, environment(), options.siteRoot, apps);
        } else {
            node = std::make_unique<AppServer>(*spec, environment(), databaseDirectory);
        }
        bind(*node);
        nodes.push_back(std::move(node));
    }
}

void Engine::Impl::startLoadBalancer() {
    const auto& topology = options.topology;
    std::vector<UpstreamTarget> webs;
    for (const auto* spec : topology.ofKind(NodeKind::WebServer)) {
        webs.push_back(targetOf(*spec));
    }
    for (const auto* spec : topology.ofKind(NodeKind::LoadBalancer)) {
        auto node =
            std::make_unique<LoadBalancer>(*spec, environment(), webs, topology.healthCheck);
        bind(*node);
        loadBalancer = node.get();
        nodes.push_back(std::move(node));
    }
}

void Engine::Impl::startDns() {
    const auto& topology = options.topology;
    const auto lbs = topology.ofKind(NodeKind::LoadBalancer);
    for (const auto* spec : topology.ofKind(NodeKind::Dns)) {
        DnsZone zone;
        zone.origin = topology.domain;
        zone.address = lbs.empty() ? "127.0.0.1" : lbs.front()->address;
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
    if (impl.admin) {
        impl.admin->stop();
    }
    if (impl.replication) {
        impl.replication->stop();
    }
    for (const auto& node : impl.nodes) {
        node->stop();
    }
    impl.joinThreads();

    impl.admin.reset();
    impl.replication.reset();
    impl.client.reset();
    impl.loadBalancer = nullptr;
    impl.nodes.clear();
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

std::vector<NodeStatus> Engine::nodes() const {
    std::vector<NodeStatus> statuses;
    if (!impl_->started) {
        return statuses;
    }
    for (const auto& spec : impl_->options.topology.nodes) {
        if (const auto* node = impl_->find(spec.name)) {
            statuses.push_back(impl_->statusOf(*node));
        }
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
    return {};
}

std::string Engine::restore(const std::string& name) {
    auto* node = impl_->started ? impl_->find(name) : nullptr;
    if (node == nullptr) {
        return "no node named '" + name + "'";
    }
    if (node->running()) {
        impl_->replication->restored(name);
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
    impl_->replication->restored(name);
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

const Topology& Engine::topology() const {
    return impl_->options.topology;
}

std::uint16_t Engine::adminPort() const {
    return impl_->adminPort;
}

ReplicationStatus Engine::replication() const {
    if (!impl_->started || !impl_->replication) {
        ReplicationStatus status;
        status.settings = impl_->options.topology.replication;
        return status;
    }
    return impl_->replication->status();
}

void Engine::setReplicationSettings(const ReplicationSettings& settings) {
    // NOTE: while running, the topology keeps the settings it started with, because other
    // threads read it unlocked; replication().settings contains the current ones.
    if (!impl_->started || !impl_->replication) {
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

}  // namespace wsl
