// Scaling: servers added and removed while traffic flows, and the virtual address of a pair.

#include "engine_impl.h"

namespace wsl {

namespace {

// How often a removed server's open connections are counted while it drains. The first count
// comes one period after the removal, so that a request picked just before it has connected.
constexpr std::chrono::milliseconds kDrainPoll{50};

}  // namespace

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

}  // namespace wsl
