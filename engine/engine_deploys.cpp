// Deploys: one server restarted with a downtime window, or a tier drained and restarted in turn.

#include "engine_impl.h"

namespace wsl {

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

}  // namespace wsl
