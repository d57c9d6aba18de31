#pragma once

#include <atomic>
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

    // `agents` are the nodes expected to push, and webstack_up is 0 for them until they do.
    // Pushes name one of `knownNodes` or are rejected, so the number of series stays bounded.
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

    HttpResponse acceptPush(const HttpRequest& request, const RequestContext& context);
    HttpResponse rejectPush(const HttpRequest& request, const RequestContext& context,
                            http::status status, const std::string& error);

    const std::vector<std::string> agents_;
    const std::set<std::string> knownNodes_;
    mutable std::mutex mutex_;
    std::map<std::string, Received> received_;
    std::atomic<std::uint64_t> rejectedPushes_{0};
};

}  // namespace wsl
