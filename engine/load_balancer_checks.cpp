// The load balancer's active health checks, as HAProxy runs them: one loop per backend, a GET
// of the check path every interval, `fall` failures to go DOWN and `rise` successes to go UP.
#include "load_balancer.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace wsl {

namespace asio = boost::asio;

namespace {

// Below 10 ms checks would be most of the traffic; above a minute a failure goes unseen for
// too long in a lesson.
constexpr std::chrono::milliseconds kMinCheckTime{10};
constexpr std::chrono::milliseconds kMaxCheckTime{60000};
constexpr int kMaxThreshold = 100;
constexpr std::size_t kMaxPathBytes = 256;

bool isPrintablePath(const std::string& path) {
    return std::all_of(path.begin(), path.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

// One health-check loop. stop() cancels `timer` so that the loop ends at once, and
// setHealthChecks() cancels it so that the loop waits again with the new interval.
struct LoadBalancer::Checker {
    Checker(asio::any_io_executor executor, UpstreamTarget backend)
        : timer(executor), target(std::move(backend)) {}
    asio::steady_timer timer;
    UpstreamTarget target;
    std::atomic<bool> stopped{false};
};

std::uint16_t LoadBalancer::start(std::uint16_t port) {
    const auto bound = HttpNode::start(port);
    if (httpsEnabled_) {
        try {
            httpsPort_ = startTls(httpsConfiguredPort_, certificatePem_, keyPem_);
            httpsConfiguredPort_ = httpsPort_;
        } catch (...) {
            HttpNode::stop();  // a half-started balancer would serve HTTP without HTTPS
            throw;
        }
    }
    std::lock_guard lock(checkersMutex_);
    for (const auto& backend : pool_->snapshot()) {
        auto checker = std::make_shared<Checker>(asio::make_strand(io_), backend.target);
        checkers_.push_back(checker);
        asio::co_spawn(checker->timer.get_executor(), checkLoop(checker), asio::detached);
    }
    return bound;
}

void LoadBalancer::stop() {
    HttpNode::stop();
    std::lock_guard lock(checkersMutex_);
    for (const auto& checker : checkers_) {
        checker->stopped = true;
        asio::post(checker->timer.get_executor(), [checker] { checker->timer.cancel(); });
    }
    checkers_.clear();
}

std::string validateHealthChecks(const HealthCheckSettings& checks) {
    const auto inRange = [](std::chrono::milliseconds value) {
        return value >= kMinCheckTime && value <= kMaxCheckTime;
    };
    if (!inRange(checks.interval) || !inRange(checks.timeout)) {
        return "interval and timeout must be between " + std::to_string(kMinCheckTime.count()) +
               " and " + std::to_string(kMaxCheckTime.count()) + " ms";
    }
    if (checks.rise < 1 || checks.rise > kMaxThreshold || checks.fall < 1 ||
        checks.fall > kMaxThreshold) {
        return "rise and fall must be between 1 and " + std::to_string(kMaxThreshold);
    }
    if (!checks.path.starts_with('/') || checks.path.size() > kMaxPathBytes ||
        !isPrintablePath(checks.path)) {
        return "the check path must start with '/', contain no spaces or control characters "
               "and be at most " +
               std::to_string(kMaxPathBytes) + " bytes, not '" + checks.path + "'";
    }
    return {};
}

HealthCheckSettings LoadBalancer::healthChecks() const {
    std::lock_guard lock(settingsMutex_);
    return checks_;
}

void LoadBalancer::setHealthChecks(const HealthCheckSettings& checks) {
    {
        std::lock_guard lock(settingsMutex_);
        checks_ = checks;
    }
    pool_->setThresholds(checks.rise, checks.fall);

    std::lock_guard lock(checkersMutex_);
    for (const auto& checker : checkers_) {
        asio::post(checker->timer.get_executor(), [checker] { checker->timer.cancel(); });
    }
    tracer().event(name(), "settings",
                   name() + " checks " + checks.path + " every " +
                       std::to_string(checks.interval.count()) + " ms (timeout " +
                       std::to_string(checks.timeout.count()) + " ms, rise " +
                       std::to_string(checks.rise) + ", fall " + std::to_string(checks.fall) + ")");
}

// NOTE: checks go on while a backend is in MAINT, whereas HAProxy stops them, so that "ready"
// returns the backend to the health the checks found meanwhile.
asio::awaitable<void> LoadBalancer::checkLoop(std::shared_ptr<Checker> checker) {
    while (!checker->stopped) {
        const auto checks = healthChecks();
        checker->timer.expires_after(checks.interval);
        boost::system::error_code ec;
        co_await checker->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (checker->stopped) {
            co_return;
        }
        if (ec) {
            continue;  // new settings: wait again with the new interval
        }

        std::string failure;
        const bool passed = co_await runCheck(checker->target, checks, &failure);
        if (!checker->stopped) {
            applyCheck(checker->target, passed, failure);
        }
    }
}

asio::awaitable<bool> LoadBalancer::runCheck(const UpstreamTarget& target,
                                             const HealthCheckSettings& checks,
                                             std::string* failure) {
    HttpRequest check{http::verb::get, checks.path, 11};
    check.set(http::field::host, target.address);
    check.set(http::field::user_agent, "webstack-lab-health-check");
    // Marks the request as a check, so that the backend does not trace it as traffic.
    check.set("X-Health-Check", name());
    check.set(kInstanceHeader, instanceId_);

    const auto result =
        co_await sendHttpRequest(spec().address, target, std::move(check), checks.timeout, nullptr);
    if (!result.response) {
        *failure = result.error;
        co_return false;
    }
    const auto status = result.response->result_int();
    if (status >= 400) {
        *failure = "status " + std::to_string(status);
        co_return false;
    }
    co_return true;
}

void LoadBalancer::applyCheck(const UpstreamTarget& target, bool passed,
                              const std::string& failure) {
    const auto before = pool_->find(target.node);
    const auto changed = pool_->reportCheck(target.node, passed);
    if (!passed && before && before->health != BackendHealth::Down) {
        tracer().event(name(), "health-check", "check of " + target.node + " failed: " + failure);
    }
    if (changed) {
        tracer().event(target.node, "state",
                       target.node + " is " + backendHealthName(*changed) + " for " + name());
        reportBackupChange();
    }
}

void LoadBalancer::addBackend(const UpstreamTarget& target) {
    pool_->add(target);
    std::lock_guard lock(checkersMutex_);
    // stop() closes the listener before it takes this lock, so a balancer that is stopping
    // either gets no checker here or cancels the one added.
    if (!running()) {
        return;
    }
    auto checker = std::make_shared<Checker>(asio::make_strand(io_), target);
    checkers_.push_back(checker);
    asio::co_spawn(checker->timer.get_executor(), checkLoop(checker), asio::detached);
}

void LoadBalancer::removeBackend(const std::string& node) {
    pool_->remove(node);
    std::lock_guard lock(checkersMutex_);
    std::erase_if(checkers_, [&node](const std::shared_ptr<Checker>& checker) {
        if (checker->target.node != node) {
            return false;
        }
        checker->stopped = true;
        asio::post(checker->timer.get_executor(), [checker] { checker->timer.cancel(); });
        return true;
    });
}

}  // namespace wsl
