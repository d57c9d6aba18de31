#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "balancer_settings.h"
#include "trace.h"

namespace boost::asio {
class io_context;
}

namespace wsl {

struct DeployStatus {
    bool running = false;
    std::vector<std::string> nodes;  // in deploy order
    std::chrono::milliseconds downtime{0};
    std::string current;  // the server being restarted, empty between deploys
    // "draining", "stopped", "waiting for UP", "done", "failed" or "cancelled"
    std::string step;
    std::size_t completed = 0;  // servers restarted and back in rotation
    std::string error;          // why the last deploy stopped early
};

// The operations a rolling deploy applies to one server, provided by the engine. "The
// balancer" below means every load balancer in front of the server.
struct DeployActions {
    std::function<void(const std::string& node, BackendMode mode)> setMode;
    std::function<std::uint64_t(const std::string& node)> inFlight;
    // Each returns an error message, empty on success.
    std::function<std::string(const std::string& node)> stopServer;
    std::function<std::string(const std::string& node)> startServer;
    // Whether the balancer's health checks have the server UP.
    std::function<bool(const std::string& node)> isUp;
};

// Restarts servers one at a time so that the others carry the traffic. Each server is drained
// at the balancer until its requests in flight finish, then its listener closes for the
// downtime window and reopens, and once health checks have it UP it is back in rotation.
// Runs on the io_context and never blocks the caller. Every step is an event of kind "deploy".
class RollingDeploy {
public:
    // Requests in flight get this long to finish before the server restarts anyway.
    static constexpr std::chrono::milliseconds kDrainLimit{10000};
    // A restarted server not UP after this long stops the deploy, so that no second server
    // goes down while the first is still out.
    static constexpr std::chrono::milliseconds kUpLimit{30000};
    static constexpr std::chrono::milliseconds kMaxDowntime{60000};

    RollingDeploy(boost::asio::io_context& io, Tracer& tracer, DeployActions actions);
    ~RollingDeploy();
    RollingDeploy(const RollingDeploy&) = delete;
    RollingDeploy& operator=(const RollingDeploy&) = delete;

    // Starts a deploy and returns at once. Returns an error message when one is running or
    // the arguments are invalid, empty on success.
    std::string start(std::vector<std::string> nodes, std::chrono::milliseconds downtime);
    // Ends a running deploy at its next wait, leaving the current server as it is then.
    void cancel();
    DeployStatus status() const;

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace wsl
