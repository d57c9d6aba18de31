#include "rolling_deploy.h"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <mutex>

namespace wsl {

namespace asio = boost::asio;

namespace {

// How often the deploy looks at in-flight counts and health while it waits.
constexpr std::chrono::milliseconds kPollInterval{10};

std::string joinNames(const std::vector<std::string>& names) {
    std::string joined;
    for (const auto& name : names) {
        joined += (joined.empty() ? "" : ", ") + name;
    }
    return joined;
}

}  // namespace

struct RollingDeploy::State {
    State(asio::io_context& io, Tracer& events, DeployActions deployActions)
        : timer(asio::make_strand(io)), tracer(events), actions(std::move(deployActions)) {}

    asio::steady_timer timer;  // every wait of the deploy; cancel() cancels it
    Tracer& tracer;
    const DeployActions actions;
    std::atomic<bool> cancelled{false};
    mutable std::mutex mutex;  // guards status
    DeployStatus status;

    void setStep(const std::string& node, const std::string& step, const std::string& detail) {
        {
            std::lock_guard lock(mutex);
            status.current = node;
            status.step = step;
        }
        tracer.event(node.empty() ? "engine" : node, "deploy", detail);
    }

    void finish(const std::string& step, const std::string& error, const std::string& detail) {
        {
            std::lock_guard lock(mutex);
            status.running = false;
            status.current.clear();
            status.step = step;
            status.error = error;
        }
        tracer.event("engine", "deploy", detail);
    }

    // Waits `duration`; false when the deploy was cancelled meanwhile.
    asio::awaitable<bool> pause(std::chrono::milliseconds duration) {
        timer.expires_after(duration);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return !cancelled;
    }

    // Polls `condition` until it is true or `limit` passes. Returns false when it never was.
    asio::awaitable<bool> waitUntil(const std::function<bool()>& condition,
                                    std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (!condition()) {
            if (std::chrono::steady_clock::now() >= end) {
                co_return false;
            }
            const bool running = co_await pause(kPollInterval);
            if (!running) {
                co_return false;
            }
        }
        co_return true;
    }

    asio::awaitable<bool> drain(const std::string& node);
    asio::awaitable<bool> restart(const std::string& node, std::chrono::milliseconds downtime);
    // `self` keeps this state alive while the deploy runs.
    asio::awaitable<void> run(std::shared_ptr<State> self, std::vector<std::string> nodes,
                              std::chrono::milliseconds downtime);
};

RollingDeploy::RollingDeploy(asio::io_context& io, Tracer& tracer, DeployActions actions)
    : state_(std::make_shared<State>(io, tracer, std::move(actions))) {}

RollingDeploy::~RollingDeploy() {
    cancel();
}

std::string RollingDeploy::start(std::vector<std::string> nodes,
                                 std::chrono::milliseconds downtime) {
    if (nodes.empty()) {
        return "a rolling deploy needs at least one server";
    }
    if (downtime.count() < 0 || downtime > kMaxDowntime) {
        return "downtimeMs must be between 0 and " + std::to_string(kMaxDowntime.count()) +
               ", not " + std::to_string(downtime.count());
    }
    {
        std::lock_guard lock(state_->mutex);
        if (state_->status.running) {
            return "a rolling deploy of " + joinNames(state_->status.nodes) +
                   " is still running; wait for it to finish (GET /deploy)";
        }
        state_->status = DeployStatus{true, nodes, downtime, {}, "starting", 0, {}};
    }
    state_->cancelled = false;
    asio::co_spawn(state_->timer.get_executor(), state_->run(state_, std::move(nodes), downtime),
                   asio::detached);
    return {};
}

void RollingDeploy::cancel() {
    state_->cancelled = true;
    asio::post(state_->timer.get_executor(), [state = state_] { state->timer.cancel(); });
}

DeployStatus RollingDeploy::status() const {
    std::lock_guard lock(state_->mutex);
    return state_->status;
}

asio::awaitable<void> RollingDeploy::State::run([[maybe_unused]] std::shared_ptr<State> self,
                                                std::vector<std::string> nodes,
                                                std::chrono::milliseconds downtime) {
    const auto names = joinNames(nodes);
    setStep({}, "starting",
            "rolling deploy of " + names + ", " + std::to_string(downtime.count()) +
                " ms downtime each");

    for (const auto& node : nodes) {
        const bool drained = co_await drain(node);
        if (!drained) {
            co_return;
        }
        const bool restarted = co_await restart(node, downtime);
        if (!restarted) {
            co_return;
        }
        actions.setMode(node, BackendMode::Ready);
        {
            std::lock_guard lock(mutex);
            ++status.completed;
        }
        setStep(node, "ready", node + " is back in rotation");
    }
    finish("done", {}, "rolling deploy of " + names + " finished");
}

asio::awaitable<bool> RollingDeploy::State::drain(const std::string& node) {
    actions.setMode(node, BackendMode::Drain);
    setStep(node, "draining",
            node + " drains: no new requests, " + std::to_string(actions.inFlight(node)) +
                " in flight");

    const std::function<bool()> idle = [this, &node] { return actions.inFlight(node) == 0; };
    const bool finished = co_await waitUntil(idle, kDrainLimit);
    if (finished) {
        co_return true;
    }
    if (cancelled) {
        finish("cancelled", "cancelled", "rolling deploy cancelled while " + node + " drained");
        co_return false;
    }
    // As a load balancer's drain timeout does: the deploy must not wait forever.
    tracer.event(node, "deploy",
                 node + " still has " + std::to_string(actions.inFlight(node)) +
                     " requests in flight after " + std::to_string(kDrainLimit.count()) +
                     " ms; it restarts anyway");
    co_return true;
}

asio::awaitable<bool> RollingDeploy::State::restart(const std::string& node,
                                                    std::chrono::milliseconds downtime) {
    if (const auto error = actions.stopServer(node); !error.empty()) {
        actions.setMode(node, BackendMode::Ready);
        finish("failed", error, "rolling deploy stopped: " + error);
        co_return false;
    }
    setStep(
        node, "stopped",
        node + " stopped for the new version: " + std::to_string(downtime.count()) + " ms down");
    const bool waited = co_await pause(downtime);
    if (const auto error = actions.startServer(node); !error.empty()) {
        finish("failed", error, "rolling deploy stopped: " + error);
        co_return false;
    }
    if (!waited) {
        finish("cancelled", "cancelled", "rolling deploy cancelled while " + node + " was down");
        co_return false;
    }

    setStep(node, "waiting for UP", node + " listens again; waiting for health checks");
    const std::function<bool()> up = [this, &node] { return actions.isUp(node); };
    const bool isUp = co_await waitUntil(up, kUpLimit);
    if (!isUp) {
        const auto error = cancelled ? std::string("cancelled")
                                     : node + " was not UP " + std::to_string(kUpLimit.count()) +
                                           " ms after its restart";
        actions.setMode(node, BackendMode::Ready);
        finish(cancelled ? "cancelled" : "failed", error, "rolling deploy stopped: " + error);
        co_return false;
    }
    co_return true;
}

}  // namespace wsl
