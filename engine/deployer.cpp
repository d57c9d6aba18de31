#include "deployer.h"

#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <system_error>

#include "node.h"
#include "trace.h"

namespace wsl {

namespace asio = boost::asio;

struct Deployer::Window {
    Window(asio::io_context& io, Node& target, std::uint16_t boundPort,
           std::chrono::milliseconds length, Done callback)
        : node(&target),
          port(boundPort),
          downtime(length),
          timer(asio::make_strand(io)),
          done(std::move(callback)) {}

    Node* node;
    std::uint16_t port;
    std::chrono::milliseconds downtime;
    asio::steady_timer timer;  // used on its strand only
    Done done;
    std::atomic<bool> cancelled{false};
};

Deployer::Deployer(asio::io_context& io, Tracer& tracer) : io_(io), tracer_(tracer) {}

Deployer::~Deployer() {
    cancelAll();
}

std::string Deployer::deploy(Node& node, std::uint16_t port, std::chrono::milliseconds downtime,
                             Done done) {
    if (downtime.count() < 0 || downtime > kMaxDeployDowntime) {
        return "downtimeMs must be from 0 to " + std::to_string(kMaxDeployDowntime.count()) +
               ", not " + std::to_string(downtime.count());
    }
    auto window = std::make_shared<Window>(io_, node, port, downtime, std::move(done));
    {
        std::lock_guard lock(mutex_);
        if (!windows_.emplace(node.name(), window).second) {
            return "a deploy of " + node.name() + " is already in progress";
        }
    }

    // Closed before returning, so that the caller's next request is already refused.
    node.stop();
    tracer_.event(node.name(), "deploy",
                  node.name() + " deploy started: listener closed for " +
                      std::to_string(downtime.count()) + " ms");
    asio::post(window->timer.get_executor(), [this, window] {
        if (window->cancelled) {
            finish(window, true);
            return;
        }
        window->timer.expires_after(window->downtime);
        window->timer.async_wait([this, window](const boost::system::error_code& error) {
            finish(window, window->cancelled || error == asio::error::operation_aborted);
        });
    });
    return {};
}

bool Deployer::deploying(const std::string& node) const {
    std::lock_guard lock(mutex_);
    return windows_.contains(node);
}

void Deployer::cancelAll() {
    std::lock_guard lock(mutex_);
    for (const auto& [name, window] : windows_) {
        window->cancelled = true;
        asio::post(window->timer.get_executor(), [window] { window->timer.cancel(); });
    }
    // Forgotten now, because a stop that abandons handlers never runs their finish().
    windows_.clear();
}

void Deployer::finish(const std::shared_ptr<Window>& window, bool cancelled) {
    const auto& name = window->node->name();
    std::string error;
    if (cancelled) {
        error = "deploy of " + name + " cancelled: the engine is stopping";
    } else if (!window->node->running()) {
        try {
            window->node->start(window->port);
        } catch (const std::system_error& failure) {
            error = "deploy of " + name + " could not listen again: " + failure.what();
        }
    }

    // Removed only once the listener is open again, so that no second deploy overlaps.
    {
        std::lock_guard lock(mutex_);
        // Only its own entry: after cancelAll() a new deploy of the node may have started.
        if (const auto found = windows_.find(name);
            found != windows_.end() && found->second == window) {
            windows_.erase(found);
        }
    }
    if (error.empty()) {
        tracer_.event(name, "deploy", name + " deploy finished: listening again");
    } else {
        tracer_.event(name, "error", error);
    }
    if (window->done) {
        window->done(error);
    }
}

}  // namespace wsl
