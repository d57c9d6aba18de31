#include "load_balancer.h"

#include "https_redirect.h"
#include "upstream_client.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// A backend that has not responded in this time gets the request's 504.
constexpr std::chrono::milliseconds kBackendTimeout{10000};

std::string describe(const HttpRequest& request) {
    return std::string(request.method_string()) + " " + std::string(request.target());
}

}  // namespace

LoadBalancer::LoadBalancer(NodeSpec spec, const NodeEnvironment& environment,
                           std::vector<UpstreamTarget> backends, HealthCheckSettings checks,
                           BalancerSettings settings)
    : HttpNode(std::move(spec), environment),
      io_(environment.io),
      instanceId_(environment.instanceId),
      via_("1.1 " + name()),
      checks_(std::move(checks)),
      settings_(settings),
      pool_(std::make_unique<BackendPool>(std::move(backends), checks_.rise, checks_.fall)) {
    pool_->setAlgorithm(settings_.algorithm);
}

LoadBalancer::~LoadBalancer() {
    LoadBalancer::stop();
}

void LoadBalancer::enableHttps(std::uint16_t port, std::string certificatePem, std::string keyPem) {
    httpsEnabled_ = true;
    httpsConfiguredPort_ = port;
    certificatePem_ = std::move(certificatePem);
    keyPem_ = std::move(keyPem);
}

BalancerSettings LoadBalancer::settings() const {
    std::lock_guard lock(settingsMutex_);
    return settings_;
}

void LoadBalancer::setSettings(const BalancerSettings& settings) {
    {
        std::lock_guard lock(settingsMutex_);
        settings_ = settings;
    }
    pool_->setAlgorithm(settings.algorithm);
    tracer().event(name(), "settings",
                   name() + " balances with " + balanceAlgorithmName(settings.algorithm) +
                       ", at most " + std::to_string(triesAllowed()) + " tries per request");
}

bool LoadBalancer::setBackendMode(const std::string& node, BackendMode mode) {
    if (!pool_->setMode(node, mode)) {
        return false;
    }
    const auto backend = pool_->find(node);
    tracer().event(node, "state",
                   node + " is " + backendStateName(*backend) + " for " + name() + " (" +
                       std::to_string(backend->inFlight) + " requests in flight, health " +
                       backendHealthName(backend->health) + ")");
    reportBackupChange();
    return true;
}

bool LoadBalancer::setBackendWeight(const std::string& node, int weight) {
    if (!pool_->setWeight(node, weight)) {
        return false;
    }
    tracer().event(
        node, "settings",
        node + " has weight " + std::to_string(pool_->find(node)->weight) + " at " + name());
    return true;
}

bool LoadBalancer::setBackup(const std::string& node, bool backup) {
    if (!pool_->setBackup(node, backup)) {
        return false;
    }
    reportBackupChange();
    return true;
}

void LoadBalancer::reportBackupChange() {
    const auto serving = pool_->takeBackupChange();
    if (!serving) {
        return;
    }
    std::string backups;
    for (const auto& backend : pool_->snapshot()) {
        if (backend.backup) {
            backups += (backups.empty() ? "" : ", ") + backend.target.node;
        }
    }
    const auto detail =
        *serving ? "no active server is up: backup " + backups + " takes the traffic"
                 : "an active server is up again: backup " + backups + " hands the traffic back";
    tracer().event(name(), "failover", detail);
}

int LoadBalancer::triesAllowed() const {
    const auto configured = settings().maxTries;
    return configured > 0 ? configured : static_cast<int>(pool_->size());
}

FieldEdits LoadBalancer::forwardingEdits(const RequestContext& context) const {
    return {
        // The client's own list stays, because the next hop may want it, but only the address
        // appended here is known to be true.
        {"X-Forwarded-For", context.peerAddress, FieldEdit::Kind::AppendToList},
        {"Via", via_, FieldEdit::Kind::AppendToList},
        // TLS ends here and the hop to the web server is plain HTTP, so the backends learn the
        // client's scheme from this header. A value the client sent is replaced, not trusted.
        {"X-Forwarded-Proto", context.tls ? "https" : "http"},
    };
}

asio::awaitable<HttpResponse> LoadBalancer::handle(HttpRequest& request, RequestContext& context) {
    if (redirectHttps_ && !context.tls && httpsPort_ != 0) {
        co_return makeHttpsRedirect(request, httpsPort_, spec().address);
    }
    const auto edits = forwardingEdits(context);
    const auto tries = triesAllowed();
    std::vector<std::string> tried;
    std::string failures;
    context.phases.push_back({"queue", context.arrivalUs, tracer().nowUs()});

    while (static_cast<int>(tried.size()) < tries) {
        const auto target = pool_->pick(tried, context.peerAddress);
        if (!target) {
            break;
        }
        auto result = co_await forwardRequest(context, *target, request, edits, kBackendTimeout,
                                              upstreamPool());
        pool_->finish(target->node, !result.response);
        if (result.response) {
            // Edited where it lies and moved once, into the awaitable's result.
            auto& response = *result.response;
            applyEdit(response.base(), {"Via", via_, FieldEdit::Kind::AppendToList});
            // The backend's Connection field is about the hop behind the balancer. Setting it
            // costs a parse of the field, so it is set only when its value differs.
            if (response.keep_alive() != request.keep_alive()) {
                response.keep_alive(request.keep_alive());
            }
            co_return std::move(response);
        }

        tried.push_back(target->node);
        failures += target->node + ": " + result.error + "; ";
        // A request the backend may have acted on is resent only when repeating it is safe.
        if (result.requestSent && !isIdempotent(request.method())) {
            tracer().event(name(), "no-retry",
                           target->node + " failed (" + result.error + ") after " +
                               describe(request) + " was sent; it is not resent");
            context.outcome = result.outcome;
            co_return makeErrorResponse(
                request, http::status::bad_gateway,
                target->node + " failed after the request was sent: " + result.error);
        }
        tracer().event(name(), "retry",
                       target->node + " failed (" + result.error + ") for " + describe(request) +
                           (static_cast<int>(tried.size()) < tries ? "; trying another server"
                                                                   : "; no tries left"));
    }

    context.outcome = Outcome::Error;
    context.detail = failures.empty() ? "no backend is up" : failures;
    co_return makeErrorResponse(request, http::status::service_unavailable,
                                "no web server available (" + context.detail + ")");
}

}  // namespace wsl
