#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace wsl {

class Node;
class Tracer;

// The downtime of a deploy when the caller names none, and the longest one accepted: a
// restart that takes longer than a minute would only make a lesson wait.
inline constexpr std::chrono::milliseconds kDefaultDeployDowntime{1000};
inline constexpr std::chrono::milliseconds kMaxDeployDowntime{60000};

// Restarts nodes as a deploy of new code does: closes the listener, waits the downtime on a
// timer of the engine's io_context, then listens on the same port again. The caller never
// waits. Thread-safe.
class Deployer {
public:
    // Runs on a network thread when the window ends: an empty message when the node listens
    // again, otherwise why it does not.
    using Done = std::function<void(const std::string& error)>;

    Deployer(boost::asio::io_context& io, Tracer& tracer);
    ~Deployer();
    Deployer(const Deployer&) = delete;
    Deployer& operator=(const Deployer&) = delete;

    // Starts a deploy of `node`, which listens on `port`. Returns an error message when the
    // downtime is out of range or the node is already being deployed, and empty on success.
    // `node` must stay alive until `done` has run or cancelAll() has returned.
    std::string deploy(Node& node, std::uint16_t port, std::chrono::milliseconds downtime,
                       Done done = {});
    bool deploying(const std::string& node) const;

    // Ends every window at once without reopening a listener, because the engine is stopping.
    // Their `done` runs with an error message.
    void cancelAll();

private:
    struct Window;

    void finish(const std::shared_ptr<Window>& window, bool cancelled);

    boost::asio::io_context& io_;
    Tracer& tracer_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Window>> windows_;
};

}  // namespace wsl
