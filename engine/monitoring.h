#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http_client.h"
#include "topology.h"

namespace wsl {

class HttpNode;

// Adds the collector node (127.0.60.1, port 9100, or a port the OS chooses when
// `osChoosesPorts`), a link from every agent's node to it, and switches the agents on.
Topology withMonitoring(Topology topology, bool osChoosesPorts = false);

// The nodes that carry an agent: settings.agents, or by default every load balancer, web,
// app and database server of the topology.
std::vector<std::string> monitoredNodes(const Topology& topology);

// The collector node named by the settings, or the first of kind Collector; null when none.
const NodeSpec* collectorOf(const Topology& topology);

// The monitoring agents: one loop per node that POSTs the node's counters to the collector
// every interval, from the node's own address so that a firewall can filter pushes by node.
// An agent skips its push while its node is failed, as the agent of a host that is gone would.
class MonitoringAgents {
public:
    MonitoringAgents(boost::asio::io_context& io, Tracer& tracer, UpstreamTarget collector,
                     const MonitoringSettings& settings, std::string instanceId);
    ~MonitoringAgents();
    MonitoringAgents(const MonitoringAgents&) = delete;
    MonitoringAgents& operator=(const MonitoringAgents&) = delete;

    // Starts the agent of `node`, which must outlive stop().
    void add(HttpNode& node);
    void stop();

    void setInterval(std::chrono::milliseconds interval);
    void setEnabled(bool enabled);
    std::chrono::milliseconds interval() const;
    bool enabled() const;
    std::vector<std::string> agents() const;
    const UpstreamTarget& collector() const { return shared_->collector; }

private:
    struct Shared {
        Shared(Tracer& clock, UpstreamTarget target, std::string instance,
               const MonitoringSettings& settings)
            : tracer(clock),
              collector(std::move(target)),
              instanceId(std::move(instance)),
              pushTimeout(settings.pushTimeout),
              intervalMs(settings.interval.count()),
              enabled(settings.enabled) {}

        Tracer& tracer;
        UpstreamTarget collector;
        std::string instanceId;
        std::chrono::milliseconds pushTimeout;
        std::atomic<std::int64_t> intervalMs;
        std::atomic<bool> enabled;
    };
    struct Agent;

    static boost::asio::awaitable<void> pushLoop(std::shared_ptr<Agent> agent);
    static boost::asio::awaitable<void> push(Agent& agent);
    void wakeAll();

    boost::asio::io_context& io_;
    std::shared_ptr<Shared> shared_;
    mutable std::mutex mutex_;  // guards agents_
    std::vector<std::shared_ptr<Agent>> agents_;
};

}  // namespace wsl
