#pragma once

#include <atomic>
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

    // Makes every start() open an HTTPS listener on `port` (0: the OS chooses once, and later
    // starts reuse that port) with this certificate and key. Call before the first start().
    void enableHttps(std::uint16_t port, std::string certificatePem, std::string keyPem);
    std::uint16_t httpsPort() const { return httpsPort_; }  // 0 without an HTTPS listener
    // Plain HTTP requests get 308 to the https URL. Without an HTTPS listener this does nothing.
    void setRedirectHttps(bool enabled) { redirectHttps_ = enabled; }
    bool redirectHttps() const { return redirectHttps_; }

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
    bool httpsEnabled_ = false;
    std::uint16_t httpsConfiguredPort_ = 0;
    std::atomic<std::uint16_t> httpsPort_{0};
    std::string certificatePem_;
    std::string keyPem_;
    std::atomic<bool> redirectHttps_{false};
};

}  // namespace wsl
