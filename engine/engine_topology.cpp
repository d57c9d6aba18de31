// Topology changes, applied on the control thread, and the presets they come from.

#include "engine_impl.h"

namespace wsl {

namespace {

// How long a topology change asked through the admin interface waits, so that the reply to
// that request leaves before the admin interface restarts with the engine.
constexpr std::chrono::milliseconds kReplyGrace{150};

}  // namespace

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

}  // namespace wsl
