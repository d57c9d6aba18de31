#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "http_node.h"
#include "request_metrics.h"

namespace wsl {

// The monitoring collector: agents POST their node's counters to /push, and /metrics serves
// everything received in Prometheus' text exposition format. It is never paced: monitoring
// traffic must not wait for the viewer, and pushes are traced with protocol "metrics".
class Collector : public HttpNode {
public:
    // Pushes larger than this get 413: a push is about 400 bytes.
    static constexpr std::size_t kMaxPushBytes = 16 * 1024;

    // `agents` are the nodes expected to push (webstack_up is 0 for them until they do);
    // pushes are accepted from `knownNodes` only, so that the number of series stays bounded.
    Collector(NodeSpec spec, const NodeEnvironment& environment, std::vector<std::string> agents,
              std::set<std::string> knownNodes);

    // The exposition text as GET /metrics returns it.
    std::string exposition() const;

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    struct Received {
        RequestMetricsSnapshot metrics;
        std::chrono::milliseconds interval{0};
        std::chrono::steady_clock::time_point at;
        std::chrono::system_clock::time_point wallClock;
    };

    HttpResponse acceptPush(const HttpRequest& request);

    const std::vector<std::string> agents_;
    const std::set<std::string> knownNodes_;
    mutable std::mutex mutex_;
    std::map<std::string, Received> received_;
};

}  // namespace wsl
