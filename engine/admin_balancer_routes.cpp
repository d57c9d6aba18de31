// The admin interface's load balancer and deploy routes:
//   GET  /balancer                      settings, health checks and every balancer's backends
//   PUT  /balancer                      any of {"algorithm", "maxTries", "healthCheck": {…}}
//   POST /nodes/<name>/drain|maint|ready
//   PUT  /nodes/<name>/weight           {"weight": 1 to 256}
//   POST /deploy/rolling                {"tier": "web"} or {"nodes": [...]}, "downtimeMs": N
//   GET  /deploy                        the running or last rolling deploy
#include "admin_server.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine.h"
#include "load_balancer.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr std::chrono::milliseconds kDefaultDowntime{500};

json toJson(const BackendStatus& backend) {
    return {{"name", backend.target.node},
            {"state", backendStateName(backend)},
            {"health", backendHealthName(backend.health)},
            {"mode", backendModeName(backend.mode)},
            {"weight", backend.weight},
            {"backup", backend.backup},
            {"inFlight", backend.inFlight},
            {"requests", backend.requests},
            {"failedAttempts", backend.failedAttempts}};
}

json toJson(const HealthCheckSettings& checks) {
    return {{"intervalMs", checks.interval.count()},
            {"timeoutMs", checks.timeout.count()},
            {"rise", checks.rise},
            {"fall", checks.fall},
            {"path", checks.path}};
}

json toJson(const DeployStatus& status) {
    return {{"running", status.running},
            {"nodes", status.nodes},
            {"downtimeMs", status.downtime.count()},
            {"current", status.current},
            {"step", status.step},
            {"completed", status.completed},
            {"error", status.error}};
}

json balancerJson(const Engine& engine) {
    json balancers = json::array();
    for (const auto& balancer : engine.balancers()) {
        json backends = json::array();
        for (const auto& backend : balancer.backends) {
            backends.push_back(toJson(backend));
        }
        balancers.push_back({{"name", balancer.name}, {"backends", backends}});
    }
    const auto settings = engine.balancerSettings();
    return {{"algorithm", balanceAlgorithmName(settings.algorithm)},
            {"maxTries", settings.maxTries},
            {"healthCheck", toJson(engine.healthChecks())},
            {"balancers", balancers}};
}

// Reads an integer member into `value` when present. False when present but not an integer.
bool readInteger(const json& object, const char* key, std::int64_t& value) {
    if (!object.contains(key)) {
        return true;
    }
    if (!object[key].is_number_integer()) {
        return false;
    }
    value = object[key].get<std::int64_t>();
    return true;
}

// Applies the members of a PUT /balancer "healthCheck" object; an error message when invalid.
std::string readHealthChecks(const json& body, HealthCheckSettings& checks) {
    std::int64_t interval = checks.interval.count();
    std::int64_t timeout = checks.timeout.count();
    std::int64_t rise = checks.rise;
    std::int64_t fall = checks.fall;
    if (!body.is_object() || !readInteger(body, "intervalMs", interval) ||
        !readInteger(body, "timeoutMs", timeout) || !readInteger(body, "rise", rise) ||
        !readInteger(body, "fall", fall)) {
        return "healthCheck must be an object of whole numbers intervalMs, timeoutMs, rise, fall";
    }
    if (body.contains("path") && !body["path"].is_string()) {
        return "healthCheck.path must be a string such as \"/\"";
    }
    // Clamped only so that the narrowing is safe; validateHealthChecks reports the bounds.
    const auto narrow = [](std::int64_t value) {
        return static_cast<int>(std::clamp<std::int64_t>(value, -1, 1000000));
    };
    checks.interval = std::chrono::milliseconds(narrow(interval));
    checks.timeout = std::chrono::milliseconds(narrow(timeout));
    checks.rise = narrow(rise);
    checks.fall = narrow(fall);
    checks.path = body.value("path", checks.path);
    return {};
}

// Applies a PUT /balancer body to `settings` and `checks`; an error message when invalid.
std::string readBalancerBody(const json& body, BalancerSettings& settings,
                             HealthCheckSettings& checks) {
    if (!body.is_object()) {
        return "expected a JSON object such as {\"algorithm\": \"least-connections\"}";
    }
    if (body.contains("algorithm")) {
        const auto name =
            body["algorithm"].is_string() ? body["algorithm"].get<std::string>() : std::string{};
        const auto algorithm = balanceAlgorithmFromName(name);
        if (!algorithm) {
            return "algorithm must be round-robin, weighted-round-robin, least-connections or "
                   "source-hash";
        }
        settings.algorithm = *algorithm;
    }
    std::int64_t maxTries = settings.maxTries;
    if (!readInteger(body, "maxTries", maxTries) || maxTries < 0 || maxTries > 1000) {
        return "maxTries must be a whole number, 0 meaning one try per backend";
    }
    settings.maxTries = static_cast<int>(maxTries);
    return body.contains("healthCheck") ? readHealthChecks(body["healthCheck"], checks)
                                        : std::string{};
}

HttpResponse errorResponse(const HttpRequest& request, const std::string& error) {
    const bool unknown = error.starts_with("no load balancer");
    return makeErrorResponse(request, unknown ? http::status::not_found : http::status::bad_request,
                             error);
}

HttpResponse putBalancer(Engine& engine, const HttpRequest& request, const json& body) {
    auto settings = engine.balancerSettings();
    auto checks = engine.healthChecks();
    auto error = readBalancerBody(body, settings, checks);
    // Both are checked before either is applied, so that a bad request changes nothing.
    if (error.empty()) {
        error = validateBalancerSettings(settings);
    }
    if (error.empty()) {
        error = validateHealthChecks(checks);
    }
    if (!error.empty()) {
        return errorResponse(request, error);
    }
    engine.setBalancerSettings(settings);
    engine.setHealthChecks(checks);
    return makeJsonResponse(request, http::status::ok, balancerJson(engine).dump(2));
}

// POST /nodes/<name>/drain, /maint, /ready and PUT /nodes/<name>/weight.
HttpResponse backendAction(Engine& engine, const HttpRequest& request, const std::string& path,
                           const json& body) {
    const auto slash = path.rfind('/');
    const auto name = path.substr(7, slash - 7);
    const auto action = path.substr(slash + 1);
    const auto method = request.method();

    std::string error;
    if (action == "weight" && method == http::verb::put) {
        if (!body.is_object() || !body.contains("weight") || !body["weight"].is_number_integer()) {
            return errorResponse(request, "expected {\"weight\": N} with N from 1 to 256");
        }
        const auto weight = body["weight"].get<std::int64_t>();
        if (weight < kMinBackendWeight || weight > kMaxBackendWeight) {
            return errorResponse(
                request, "weight must be between " + std::to_string(kMinBackendWeight) + " and " +
                             std::to_string(kMaxBackendWeight) + ", not " + std::to_string(weight));
        }
        error = engine.setBackendWeight(name, static_cast<int>(weight));
    } else if (action != "weight" && method == http::verb::post) {
        auto mode = BackendMode::Ready;
        if (action == "drain") {
            mode = BackendMode::Drain;
        } else if (action == "maint") {
            mode = BackendMode::Maintenance;
        }
        error = engine.setBackendMode(name, mode);
    } else {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use POST /nodes/<name>/drain, /maint or /ready, or "
                                 "PUT /nodes/<name>/weight");
    }
    if (!error.empty()) {
        return errorResponse(request, error);
    }
    return makeJsonResponse(request, http::status::ok, balancerJson(engine).dump(2));
}

// POST /deploy/rolling {"tier": "web"} or {"nodes": ["web-1", …]}, with "downtimeMs".
HttpResponse startDeploy(Engine& engine, const HttpRequest& request, const json& body) {
    std::int64_t downtime = kDefaultDowntime.count();
    const bool valid = body.is_object() && readInteger(body, "downtimeMs", downtime) &&
                       (body.contains("tier") ? body["tier"].is_string()
                                              : body.contains("nodes") && body["nodes"].is_array());
    if (!valid) {
        return errorResponse(request, R"(expected {"tier": "web", "downtimeMs": 500} or )"
                                      R"({"nodes": ["web-1", "web-2"], "downtimeMs": 500})");
    }
    std::string error;
    if (body.contains("tier")) {
        error = engine.rollingDeploy(body["tier"].get<std::string>(),
                                     std::chrono::milliseconds(downtime));
    } else {
        std::vector<std::string> nodes;
        for (const auto& node : body["nodes"]) {
            if (!node.is_string()) {
                return errorResponse(request, "nodes must be a list of node names");
            }
            nodes.push_back(node.get<std::string>());
        }
        error = engine.rollingDeploy(nodes, std::chrono::milliseconds(downtime));
    }
    if (!error.empty()) {
        const bool busy = error.find("still running") != std::string::npos;
        return busy ? makeErrorResponse(request, http::status::conflict, error)
                    : errorResponse(request, error);
    }
    return makeJsonResponse(request, http::status::accepted, toJson(engine.deployStatus()).dump(2));
}

}  // namespace

bool AdminServer::isBalancerRoute(const std::string& path) {
    if (path == "/balancer" || path == "/deploy" || path == "/deploy/rolling") {
        return true;
    }
    return path.starts_with("/nodes/") && (path.ends_with("/drain") || path.ends_with("/maint") ||
                                           path.ends_with("/ready") || path.ends_with("/weight"));
}

HttpResponse AdminServer::balancerRoutes(const HttpRequest& request, const std::string& path) {
    const auto method = request.method();
    const auto body = json::parse(request.body(), nullptr, false);

    if (path == "/balancer" && method == http::verb::get) {
        return makeJsonResponse(request, http::status::ok, balancerJson(engine_).dump(2));
    }
    if (path == "/balancer" && method == http::verb::put) {
        return putBalancer(engine_, request, body);
    }
    if (path == "/deploy" && method == http::verb::get) {
        return makeJsonResponse(request, http::status::ok, toJson(engine_.deployStatus()).dump(2));
    }
    if (path == "/deploy/rolling" && method == http::verb::post) {
        return startDeploy(engine_, request, body);
    }
    if (path.starts_with("/nodes/")) {
        return backendAction(engine_, request, path, body);
    }
    return makeErrorResponse(request, http::status::method_not_allowed,
                             "use GET or PUT /balancer, POST /deploy/rolling, GET /deploy");
}

}  // namespace wsl
