#include "load_balancer.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "https_redirect.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// A backend that has not responded in this time gets the request's 504.
constexpr std::chrono::milliseconds kBackendTimeout{10000};

bool isIdempotent(http::verb method) {
    return method == http::verb::get || method == http::verb::head || method == http::verb::put ||
           method == http::verb::delete_ || method == http::verb::options;
}

}  // namespace

// One health-check loop; `timer` is cancelled by stop() so that the loop ends at once.
struct LoadBalancer::Checker {
    Checker(asio::any_io_executor executor, UpstreamTarget backend)
        : timer(executor), target(std::move(backend)) {}
    asio::steady_timer timer;
    UpstreamTarget target;
    std::atomic<bool> stopped{false};
};

LoadBalancer::LoadBalancer(NodeSpec spec, const NodeEnvironment& environment,
                           std::vector<UpstreamTarget> backends, HealthCheckSettings checks)
    : HttpNode(std::move(spec), environment),
      io_(environment.io),
      instanceId_(environment.instanceId),
      checks_(std::move(checks)),
      pool_(std::make_unique<BackendPool>(std::move(backends), checks_.rise, checks_.fall)) {}

LoadBalancer::~LoadBalancer() {
    LoadBalancer::stop();
}

void LoadBalancer::enableHttps(std::uint16_t port, std::string certificatePem, std::string keyPem) {
    httpsEnabled_ = true;
    httpsConfiguredPort_ = port;
    certificatePem_ = std::move(certificatePem);
    keyPem_ = std::move(keyPem);
}

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

asio::awaitable<HttpResponse> LoadBalancer::handle(HttpRequest& request, RequestContext& context) {
    if (redirectHttps_ && !context.tls && httpsPort_ != 0) {
        co_return makeHttpsRedirect(request, httpsPort_, spec().address);
    }
    // TLS ends here and the hop to the web server is plain HTTP, so the backends learn the
    // client's scheme from this header. A value the client sent is replaced, not trusted.
    auto upstream = request;
    upstream.set("X-Forwarded-Proto", context.tls ? "https" : "http");

    std::vector<std::string> tried;
    std::string failures;
    context.phases.push_back({"queue", context.arrivalUs, tracer().nowUs()});

    while (auto target = pool_->pick(tried)) {
        auto result = co_await forwardRequest(context, *target, upstream, kBackendTimeout);
        if (result.response) {
            pool_->countRequest(target->node, false);
            auto response = std::move(*result.response);
            response.keep_alive(request.keep_alive());
            co_return response;
        }

        pool_->countRequest(target->node, true);
        tried.push_back(target->node);
        failures += target->node + ": " + result.error + "; ";
        tracer().event(name(), "retry",
                       target->node + " failed (" + result.error + ") for " +
                           std::string(request.method_string()) + " " +
                           std::string(request.target()));

        // A request the backend may have acted on is resent only when repeating it is safe.
        if (result.requestSent && !isIdempotent(request.method())) {
            context.outcome = result.outcome;
            co_return makeErrorResponse(
                request, http::status::bad_gateway,
                target->node + " failed after the request was sent: " + result.error);
        }
    }

    context.outcome = Outcome::Error;
    context.detail = failures.empty() ? "no backend is up" : failures;
    co_return makeErrorResponse(request, http::status::service_unavailable,
                                "no web server available (" + context.detail + ")");
}

asio::awaitable<void> LoadBalancer::checkLoop(std::shared_ptr<Checker> checker) {
    while (!checker->stopped) {
        checker->timer.expires_after(checks_.interval);
        boost::system::error_code ec;
        co_await checker->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec || checker->stopped) {
            co_return;
        }

        std::string failure;
        const bool passed = co_await runCheck(checker->target, &failure);
        if (!checker->stopped) {
            applyCheck(checker->target, passed, failure);
        }
    }
}

asio::awaitable<bool> LoadBalancer::runCheck(const UpstreamTarget& target, std::string* failure) {
    HttpRequest check{http::verb::get, checks_.path, 11};
    check.set(http::field::host, target.address);
    check.set(http::field::user_agent, "webstack-lab-health-check");
    // Marks the request as a check, so that the backend does not trace it as traffic.
    check.set("X-Health-Check", name());
    check.set(kInstanceHeader, instanceId_);

    const auto result = co_await sendHttpRequest(spec().address, target, std::move(check),
                                                 checks_.timeout, nullptr);
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
    }
}

}  // namespace wsl
