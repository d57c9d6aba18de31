// Run-time settings: faults, firewalls, balancing, replication, load runs and capacity.

#include "engine_impl.h"

namespace wsl {

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
