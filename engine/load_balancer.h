#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "backend_pool.h"
#include "http_node.h"

namespace wsl {

// A reverse proxy that spreads requests over its backends in round robin, checks their
// health actively as HAProxy does, and retries a request whose connection was refused on the
// next backend.
class LoadBalancer : public HttpNode {
public:
    LoadBalancer(NodeSpec spec, const NodeEnvironment& environment,
                 std::vector<UpstreamTarget> backends, HealthCheckSettings checks);
    ~LoadBalancer() override;

    std::uint16_t start(std::uint16_t port) override;
    void stop() override;

    const BackendPool& pool() const { return *pool_; }

    // Puts a running server in the pool and, while this balancer runs, starts checking it.
    void addBackend(const UpstreamTarget& target);
    // Takes a server out of the pool and stops checking it; requests already sent to it go on.
    void removeBackend(const std::string& node);

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    struct Checker;

    boost::asio::awaitable<void> checkLoop(std::shared_ptr<Checker> checker);
    boost::asio::awaitable<bool> runCheck(const UpstreamTarget& target, std::string* failure);
    void applyCheck(const UpstreamTarget& target, bool passed, const std::string& failure);

    boost::asio::io_context& io_;
    const std::string instanceId_;
    const HealthCheckSettings checks_;
    std::unique_ptr<BackendPool> pool_;
    std::mutex checkersMutex_;
    std::vector<std::shared_ptr<Checker>> checkers_;
};

}  // namespace wsl
