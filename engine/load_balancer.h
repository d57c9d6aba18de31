#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "backend_pool.h"
#include "balancer_settings.h"
#include "forwarded_request.h"
#include "http_node.h"

namespace wsl {

// The bounds of each health-check setting; empty when valid, otherwise what is wrong.
std::string validateHealthChecks(const HealthCheckSettings& checks);

// A reverse proxy that spreads requests over its backends with a choice of algorithms and
// checks their health actively as HAProxy does. A failed attempt is retried on another backend
// as nginx does by default, unless the request was sent and is not idempotent. The proxy
// appends the peer's address to X-Forwarded-For and itself to Via.
class LoadBalancer : public HttpNode {
public:
    LoadBalancer(NodeSpec spec, const NodeEnvironment& environment,
                 std::vector<UpstreamTarget> backends, HealthCheckSettings checks,
                 BalancerSettings settings = {});
    ~LoadBalancer() override;

    std::uint16_t start(std::uint16_t port) override;
    void stop() override;

    const BackendPool& pool() const { return *pool_; }

    // Settings apply to the next request; requests in flight finish as they started.
    BalancerSettings settings() const;
    void setSettings(const BalancerSettings& settings);
    HealthCheckSettings healthChecks() const;
    // Checks waiting for their next turn start over with the new interval.
    void setHealthChecks(const HealthCheckSettings& checks);
    // Each returns false when `node` is not one of this balancer's backends.
    bool setBackendMode(const std::string& node, BackendMode mode);
    bool setBackendWeight(const std::string& node, int weight);
    bool setBackup(const std::string& node, bool backup);
    // Puts a running server in the pool and, while this balancer runs, starts checking it.
    void addBackend(const UpstreamTarget& target);
    // Takes a server out of the pool and stops checking it; requests already sent to it go on.
    void removeBackend(const std::string& node);
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

    // The fields the balancer sets on every request it forwards.
    FieldEdits forwardingEdits(const RequestContext& context) const;
    int triesAllowed() const;
    boost::asio::awaitable<void> checkLoop(std::shared_ptr<Checker> checker);
    boost::asio::awaitable<bool> runCheck(const UpstreamTarget& target,
                                          const HealthCheckSettings& checks, std::string* failure);
    void applyCheck(const UpstreamTarget& target, bool passed, const std::string& failure);
    void reportBackupChange();

    boost::asio::io_context& io_;
    const std::string instanceId_;
    const std::string via_;  // "1.1 " and the balancer's name, for both messages' Via field
    mutable std::mutex settingsMutex_;  // guards checks_ and settings_
    HealthCheckSettings checks_;
    BalancerSettings settings_;
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
