#include "admin_server.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "deployer.h"
#include "engine.h"
#include "fault_json.h"
#include "har.h"
#include "hop_gate.h"
#include "replication_json.h"
#include "trace_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

// Bounds what one call returns; the stores themselves keep more.
constexpr std::size_t kDefaultLast = 20;
constexpr std::size_t kMaxLast = 1000;

json toJson(const NodeStatus& status) {
    return {
        {"name", status.name},
        {"kind", nodeKindName(status.kind)},
        {"address", status.address},
        {"port", status.port},
        {"listening", status.listening},
        {"state", status.state},
        {"checks", {{"count", status.checkCount}, {"limit", status.checkLimit}}},
        {"counters",
         {{"requests", status.counters.requests},
          {"errors", status.counters.errors},
          {"rejected", status.counters.rejected},
          {"openConnections", status.counters.openConnections}}},
    };
}

// Reads `last=N` from a query string; nullopt when present but not a number.
std::optional<std::size_t> lastParameter(std::string_view target) {
    const auto query = target.find('?');
    if (query == std::string_view::npos) {
        return kDefaultLast;
    }
    const auto key = target.find("last=", query);
    if (key == std::string_view::npos) {
        return kDefaultLast;
    }
    const auto value = target.substr(key + 5, target.find('&', key) - (key + 5));
    std::size_t last = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), last);
    if (error != std::errc{} || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return std::min(last, kMaxLast);
}

bool isFaultRoute(const std::string& path) {
    return path.starts_with("/nodes/") && (path.ends_with("/fault") || path.ends_with("/deploy"));
}

}  // namespace

AdminServer::AdminServer(boost::asio::io_context& io, Engine& engine)
    : engine_(engine),
      server_(
          io,
          HttpServer::Options{"admin", HttpLimits{}, nullptr, nullptr, nullptr, {}, nullptr, {}},
          [this](HttpRequest& request, RequestContext&) -> boost::asio::awaitable<HttpResponse> {
              co_return handle(request);
          }) {}

std::uint16_t AdminServer::start(const std::string& address, std::uint16_t port) {
    return server_.start(address, port);
}

void AdminServer::stop() {
    server_.stop();
}

HttpResponse AdminServer::handle(const HttpRequest& request) {
    const std::string target(request.target());
    const auto path = target.substr(0, target.find('?'));
    const bool get = request.method() == http::verb::get;

    if (path == "/nodes" && get) {
        json nodes = json::array();
        for (const auto& status : engine_.nodes()) {
            nodes.push_back(toJson(status));
        }
        return makeJsonResponse(request, http::status::ok, json{{"nodes", nodes}}.dump(2));
    }
    if (isFaultRoute(path)) {
        return faultRoutes(request, path);
    }
    if (path.starts_with("/nodes/") && path.ends_with("/log")) {
        return accessLogRoute(request, target, path);
    }
    if (path == "/monitoring") {
        return monitoringRoute(request);
    }
    if (isBalancerRoute(path)) {
        return balancerRoutes(request, path);
    }
    if (path.starts_with("/nodes/")) {
        return nodeAction(request, path);
    }
    if (path == "/topology" || path == "/presets" || path == "/preset") {
        return topologyAction(request, path);
    }
    if (path == "/firewalls" || path.starts_with("/firewalls/")) {
        return firewallRoutes(request, path);
    }
    if (path == "/mode" || path == "/step" || path == "/continue") {
        return pacing(request, path);
    }
    if (path == "/vip" || path == "/servers" || path.starts_with("/servers/")) {
        return pairAndScaling(request, path);
    }
    if (path == "/https") {
        return https(request);
    }
    if (path == "/spof") {
        return spofRoute(request);
    }
    if (path == "/view") {
        return viewRoute(request);
    }
    if (isLoadRoute(path)) {
        return loadRoutes(request, path);
    }
    if (path == "/replication" || path.starts_with("/databases/")) {
        return replication(request, path);
    }
    if ((path == "/har" || path == "/events.csv") && get) {
        return exportRecords(request, target, path);
    }
    if ((path == "/requests" || path == "/events") && get) {
        const auto last = lastParameter(target);
        if (!last) {
            return makeErrorResponse(request, http::status::bad_request,
                                     "last must be a whole number, e.g. /requests?last=10");
        }
        json items = json::array();
        if (path == "/requests") {
            for (const auto& record : engine_.tracer().recentRequests(*last)) {
                items.push_back(wsl::toJson(record));
            }
        } else {
            for (const auto& event : engine_.tracer().recentEvents(*last)) {
                items.push_back(wsl::toJson(event));
            }
        }
        return makeJsonResponse(
            request, http::status::ok,
            json{{path.substr(1), items}}.dump(2, ' ', false, json::error_handler_t::replace));
    }
    if (path == "/" && get) {
        const json endpoints{
            "GET /nodes",
            "GET /nodes/<name>",
            "POST /nodes/<name>/fail",
            "POST /nodes/<name>/restore",
            "GET /nodes/<name>/fault",
            R"(PUT /nodes/<name>/fault {"mode": "slow", "delayMs": 300})",
            R"(POST /nodes/<name>/deploy {"downtimeMs": 1000})",
            "GET /requests?last=N",
            "GET /events?last=N",
            "GET /har?last=N",
            "GET /events.csv?last=N",
            "GET /mode",
            R"(POST /mode {"mode": "live|slow-motion|step", "delayMs": N})",
            "POST /step",
            "POST /continue",
            "GET /topology",
            "PUT /topology (a topology file)",
            "GET /presets",
            R"(POST /preset {"name": "simple|distributed|secured|scaled"})",
            "GET /firewalls",
            "GET /firewalls/<name>",
            "GET /firewalls/<name>/rules",
            R"(PUT /firewalls/<name>/rules {"rules": [...]})",
            "POST /firewalls/<name>/enable",
            "POST /firewalls/<name>/disable",
            "GET /nodes/<name>/log?last=N",
            "GET /monitoring",
            R"(PUT /monitoring {"intervalMs": N, "enabled": true|false})",
            "GET /balancer",
            R"(PUT /balancer {"algorithm": "round-robin", "maxTries": 0, )"
            R"("healthCheck": {"intervalMs": 2000, "timeoutMs": 1000, "rise": 2, )"
            R"("fall": 3, "path": "/"}})",
            "POST /nodes/<name>/drain",
            "POST /nodes/<name>/maint",
            "POST /nodes/<name>/ready",
            R"(PUT /nodes/<name>/weight {"weight": 3})",
            R"(POST /deploy/rolling {"tier": "web", "downtimeMs": 500})",
            "GET /deploy",
            "GET /vip",
            R"(POST /servers {"kind": "web|app"})",
            "DELETE /servers/<name>",
            "GET /https",
            R"(POST /https {"redirectHttps": bool, "forceHttps": bool})",
            "GET /replication",
            R"(PUT /replication {"mode": "synchronous|asynchronous", )"
            R"("applyDelayMs": N, "autoPromoteAfterSeconds": N, )"
            R"("readYourWritesSeconds": N})",
            "POST /databases/<name>/promote",
            "GET /spof",
            "GET /view",
            R"(PUT /view {"spofOverlay": true, "monitoringTraffic": false, )"
            R"("monitoringWindowMinutes": 5, "panel": "monitoring"})",
            R"(POST /load {"mode": "rate", "rate": 200, "mix": {"page": 0.6, "read": 0.3, "write": 0.1}, "seconds": 30})",
            "GET /load",
            "POST /load/stop",
            "GET /capacity",
            R"(PUT /capacity {"concurrencyLimit": 8, "costMs": 5, "queueLimit": 32, "queueTimeoutMs": 1000})"};
        return makeJsonResponse(request, http::status::ok, json{{"endpoints", endpoints}}.dump(2));
    }
    return makeErrorResponse(request, http::status::not_found,
                             "no admin endpoint " + std::string(request.method_string()) + " " +
                                 path + "; GET / lists them");
}

HttpResponse AdminServer::pacing(const HttpRequest& request, const std::string& path) {
    auto& gate = engine_.gate();
    const bool post = request.method() == http::verb::post;
    if (path == "/mode" && post) {
        const auto body = json::parse(request.body(), nullptr, false);
        const auto name = body.is_object() ? body.value("mode", json()) : json();
        const auto mode =
            name.is_string() ? hopModeFromName(name.get<std::string>()) : std::nullopt;
        const auto delay =
            body.is_object() ? body.value("delayMs", json(gate.delay().count())) : json();
        const auto maxDelay = HopGate::kMaxDelay.count();
        if (!mode || !delay.is_number_integer() || delay.get<std::int64_t>() < 0 ||
            delay.get<std::int64_t>() > maxDelay) {
            return makeErrorResponse(request, http::status::bad_request,
                                     R"(expected {"mode": "live", "slow-motion" or "step", )"
                                     R"("delayMs": 0 to )" +
                                         std::to_string(maxDelay) + "}");
        }
        gate.setMode(*mode, std::chrono::milliseconds(delay.get<std::int64_t>()));
    } else if (path == "/step" && post) {
        const auto node = gate.step();
        return makeJsonResponse(request, http::status::ok,
                                json{{"released", node}, {"held", gate.held()}}.dump());
    } else if (path == "/continue" && post) {
        const auto released = gate.continueAll();
        return makeJsonResponse(request, http::status::ok,
                                json{{"released", released}, {"mode", "live"}}.dump());
    } else if (path != "/mode" || request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or POST /mode, POST /step, POST /continue");
    }
    const json state{{"mode", hopModeName(gate.mode())},
                     {"delayMs", gate.delay().count()},
                     {"held", gate.held()}};
    return makeJsonResponse(request, http::status::ok, state.dump());
}

// Database replication: the status, the settings and promotion by hand.
HttpResponse AdminServer::replication(const HttpRequest& request, const std::string& path) {
    const auto method = request.method();
    if (path == "/replication" && method == http::verb::put) {
        std::string error;
        const auto body = json::parse(request.body(), nullptr, false);
        const auto settings = updateSettings(body, engine_.replication().settings, &error);
        if (!settings) {
            return makeErrorResponse(request, http::status::bad_request, error);
        }
        engine_.setReplicationSettings(*settings);
    } else if (path.starts_with("/databases/") && path.ends_with("/promote") &&
               method == http::verb::post) {
        const auto name = path.substr(11, path.size() - 11 - 8);
        if (const auto error = engine_.promoteDatabase(name); !error.empty()) {
            const bool known = engine_.node(name).has_value();
            return makeErrorResponse(
                request, known ? http::status::conflict : http::status::not_found, error);
        }
    } else if (path != "/replication" || method != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or PUT /replication, or POST /databases/<name>/promote");
    }
    return makeJsonResponse(
        request, http::status::ok,
        toJson(engine_.replication()).dump(2, ' ', false, json::error_handler_t::replace));
}

HttpResponse AdminServer::exportRecords(const HttpRequest& request, const std::string& target,
                                        const std::string& path) {
    const auto last = lastParameter(target);
    if (!last) {
        return makeErrorResponse(request, http::status::bad_request,
                                 "last must be a whole number, e.g. " + path + "?last=10");
    }
    if (path == "/har") {
        const auto har = toHar(engine_.tracer().recentRequests(*last), engine_.tracer());
        auto response = makeJsonResponse(request, http::status::ok,
                                         har.dump(2, ' ', false, json::error_handler_t::replace));
        response.set(http::field::content_disposition, "attachment; filename=webstack-lab.har");
        return response;
    }
    auto response =
        makeResponse(request, http::status::ok, eventsToCsv(engine_.tracer().recentEvents(*last)),
                     "text/csv; charset=utf-8");
    response.set(http::field::content_disposition, "attachment; filename=webstack-lab-events.csv");
    return response;
}

HttpResponse AdminServer::nodeAction(const HttpRequest& request, const std::string& path) {
    // path is /nodes/<name>/<action>
    const auto slash = path.find('/', 7);
    const auto name = path.substr(7, slash == std::string::npos ? std::string::npos : slash - 7);
    const auto action = slash == std::string::npos ? std::string{} : path.substr(slash + 1);

    if (action.empty() && request.method() == http::verb::get) {
        const auto status = engine_.node(name);
        if (!status) {
            return makeErrorResponse(request, http::status::not_found, "no node named " + name);
        }
        return makeJsonResponse(request, http::status::ok, toJson(*status).dump(2));
    }
    if ((action != "fail" && action != "restore") || request.method() != http::verb::post) {
        return makeErrorResponse(request, http::status::not_found,
                                 "use POST /nodes/<name>/fail or POST /nodes/<name>/restore");
    }
    const auto error = action == "fail" ? engine_.fail(name) : engine_.restore(name);
    if (!error.empty()) {
        const auto status =
            error.starts_with("no node") ? http::status::not_found : http::status::conflict;
        return makeErrorResponse(request, status, error);
    }
    // A host's name acts on every node of that host: list them all.
    json nodes = json::array();
    const auto topology = engine_.topology();
    for (const auto& status : engine_.nodes()) {
        const auto* spec = topology.find(status.name);
        if (status.name == name || (spec != nullptr && spec->host == name)) {
            nodes.push_back(toJson(status));
        }
    }
    if (nodes.size() == 1) {
        return makeJsonResponse(request, http::status::ok, nodes.front().dump(2));
    }
    return makeJsonResponse(request, http::status::ok, json{{"nodes", nodes}}.dump(2));
}

// Injected faults and deploys: GET and PUT /nodes/<name>/fault, POST /nodes/<name>/deploy.
HttpResponse AdminServer::faultRoutes(const HttpRequest& request, const std::string& path) {
    const auto slash = path.rfind('/');
    const auto name = path.substr(7, slash - 7);
    const auto action = path.substr(slash + 1);
    if (!engine_.fault(name)) {
        return makeErrorResponse(request, http::status::not_found, "no node named " + name);
    }

    if (action == "deploy" && request.method() == http::verb::post) {
        return deployRoute(request, name);
    }
    if (action == "fault" && request.method() == http::verb::put) {
        FaultSettings settings;
        if (auto problem = faultFromJson(request.body(), settings); !problem.empty()) {
            return makeErrorResponse(request, http::status::bad_request, problem);
        }
        if (auto error = engine_.setFault(name, settings); !error.empty()) {
            return makeErrorResponse(request, http::status::conflict, error);
        }
    } else if (action != "fault" || request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or PUT /nodes/<name>/fault, POST /nodes/<name>/deploy");
    }
    return faultState(request, name);
}

HttpResponse AdminServer::faultState(const HttpRequest& request, const std::string& name) {
    auto state = toJson(engine_.fault(name).value_or(FaultSettings{}));
    state["node"] = name;
    state["listening"] = engine_.node(name) && engine_.node(name)->listening;
    state["deploying"] = engine_.deploying(name);
    return makeJsonResponse(request, http::status::ok, state.dump());
}

HttpResponse AdminServer::deployRoute(const HttpRequest& request, const std::string& name) {
    const auto body =
        request.body().empty() ? json::object() : json::parse(request.body(), nullptr, false);
    const auto downtime =
        body.is_object() ? body.value("downtimeMs", json(kDefaultDeployDowntime.count())) : json();
    if (!downtime.is_number_integer() || downtime.get<std::int64_t>() < 0 ||
        downtime.get<std::int64_t>() > kMaxDeployDowntime.count()) {
        return makeErrorResponse(request, http::status::bad_request,
                                 "expected {\"downtimeMs\": N} with N from 0 to " +
                                     std::to_string(kMaxDeployDowntime.count()));
    }
    const std::chrono::milliseconds window(downtime.get<std::int64_t>());
    if (auto error = engine_.deploy(name, window); !error.empty()) {
        return makeErrorResponse(request, http::status::conflict, error);
    }
    const json started{{"node", name}, {"downtimeMs", window.count()}, {"deploying", true}};
    return makeJsonResponse(request, http::status::accepted, started.dump());
}

// Monitoring: access logs and the agents' settings.

HttpResponse AdminServer::accessLogRoute(const HttpRequest& request, const std::string& target,
                                         const std::string& path) {
    // path is /nodes/<name>/log
    const auto name = path.substr(7, path.size() - 7 - 4);
    if (request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET /nodes/<name>/log?last=N");
    }
    const auto last = lastParameter(target);
    if (!last) {
        return makeErrorResponse(request, http::status::bad_request,
                                 "last must be a whole number, e.g. /nodes/web-1/log?last=10");
    }
    const auto lines = engine_.accessLog(name, *last);
    if (!lines) {
        return makeErrorResponse(request, http::status::not_found, "no node named " + name);
    }
    std::string text;
    for (const auto& line : *lines) {
        text += line;
        text += '\n';
    }
    return makeResponse(request, http::status::ok, std::move(text), "text/plain; charset=utf-8");
}

HttpResponse AdminServer::monitoringRoute(const HttpRequest& request) {
    if (request.method() == http::verb::put) {
        const auto body = json::parse(request.body(), nullptr, false);
        const auto interval = body.is_object() ? body.value("intervalMs", json()) : json();
        const auto enabled = body.is_object() ? body.value("enabled", json()) : json();
        const bool intervalValid = interval.is_null() || interval.is_number_integer();
        const bool enabledValid = enabled.is_null() || enabled.is_boolean();
        if (!body.is_object() || !intervalValid || !enabledValid) {
            return makeErrorResponse(
                request, http::status::bad_request,
                R"(expected {"intervalMs": whole number of milliseconds, "enabled": true or false})");
        }
        std::optional<std::chrono::milliseconds> newInterval;
        if (!interval.is_null()) {
            newInterval = std::chrono::milliseconds(interval.get<std::int64_t>());
        }
        std::optional<bool> newEnabled;
        if (!enabled.is_null()) {
            newEnabled = enabled.get<bool>();
        }
        if (const auto error = engine_.setMonitoring(newInterval, newEnabled); !error.empty()) {
            const auto status = engine_.monitoring().collector.empty() ? http::status::conflict
                                                                       : http::status::bad_request;
            return makeErrorResponse(request, status, error);
        }
    } else if (request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or PUT /monitoring");
    }

    const auto status = engine_.monitoring();
    const json state{{"enabled", status.enabled},
                     {"collector", status.collector},
                     {"collectorUrl", status.collectorUrl},
                     {"intervalMs", status.interval.count()},
                     {"agents", status.agents}};
    return makeJsonResponse(request, http::status::ok, state.dump(2));
}

namespace {

json toJson(const PairMemberStatus& member) {
    return {
        {"node", member.node},
        {"address", member.address},
        {"heartbeatPort", member.heartbeatPort},
        {"priority", member.priority},
        {"state", member.state},
        {"heartbeatsSent", member.heartbeatsSent},
        {"heartbeatsReceived", member.heartbeatsReceived},
        {"missedHeartbeats", member.missedHeartbeats},
        {"takeovers", member.takeovers},
    };
}

json toJson(const VirtualAddressStatus& status) {
    json members = json::array();
    for (const auto& member : status.members) {
        members.push_back(toJson(member));
    }
    return {
        {"address", status.address},
        {"port", status.port},
        {"holder", status.holder.empty() ? json() : json(status.holder)},
        {"heartbeatIntervalMs", status.settings.heartbeatInterval.count()},
        {"missedHeartbeatsBeforeTakeover", status.settings.missedHeartbeats},
        {"preempt", status.settings.preempt},
        {"members", members},
    };
}

}  // namespace

HttpResponse AdminServer::pairAndScaling(const HttpRequest& request, const std::string& path) {
    const auto method = request.method();
    if (path == "/vip" && method == http::verb::get) {
        const auto status = engine_.virtualAddress();
        if (!status) {
            return makeErrorResponse(request, http::status::not_found,
                                     "no virtual address: the topology has no load-balancer pair");
        }
        return makeJsonResponse(request, http::status::ok, toJson(*status).dump(2));
    }
    if (path == "/servers" && method == http::verb::post) {
        return addServer(request);
    }
    if (path.starts_with("/servers/") && method == http::verb::delete_) {
        return removeServer(request, path.substr(std::string_view("/servers/").size()));
    }
    return makeErrorResponse(request, http::status::method_not_allowed,
                             "use GET /vip, POST /servers or DELETE /servers/<name>");
}

HttpResponse AdminServer::addServer(const HttpRequest& request) {
    const auto body = json::parse(request.body(), nullptr, false);
    const auto kind = body.is_object() ? body.value("kind", json()) : json();
    if (kind != "web" && kind != "app") {
        return makeErrorResponse(request, http::status::bad_request,
                                 R"(expected {"kind": "web"} or {"kind": "app"})");
    }
    const auto result =
        engine_.addServer(kind == "web" ? NodeKind::WebServer : NodeKind::AppServer);
    if (!result.error.empty()) {
        return makeErrorResponse(request, http::status::conflict, result.error);
    }
    json created{{"name", result.name}};
    if (const auto status = engine_.node(result.name)) {
        created = toJson(*status);
    }
    auto response = makeJsonResponse(request, http::status::created, created.dump(2));
    response.set(http::field::location, "/nodes/" + result.name);
    return response;
}

HttpResponse AdminServer::removeServer(const HttpRequest& request, const std::string& name) {
    if (!engine_.node(name)) {
        return makeErrorResponse(request, http::status::not_found, "no node named " + name);
    }
    const auto error = engine_.removeServer(name);
    if (!error.empty()) {
        return makeErrorResponse(request, http::status::conflict, error);
    }
    return makeJsonResponse(request, http::status::ok,
                            json{{"name", name}, {"state", "draining"}}.dump(2));
}

// HTTPS routes.
//   GET  /https  the HTTPS listener, its certificate and both redirect settings
//   POST /https  {"redirectHttps": bool, "forceHttps": bool}, either may be left out
HttpResponse AdminServer::https(const HttpRequest& request) {
    if (request.method() == http::verb::post) {
        const auto body = json::parse(request.body(), nullptr, false);
        const auto redirect = body.is_object() ? body.value("redirectHttps", json()) : json();
        const auto force = body.is_object() ? body.value("forceHttps", json()) : json();
        const bool valid = body.is_object() && (redirect.is_null() || redirect.is_boolean()) &&
                           (force.is_null() || force.is_boolean()) &&
                           !(redirect.is_null() && force.is_null());
        if (!valid) {
            return makeErrorResponse(request, http::status::bad_request,
                                     R"(expected {"redirectHttps": true|false, )"
                                     R"("forceHttps": true|false}, either may be left out)");
        }
        std::string error;
        if (redirect.is_boolean()) {
            error = engine_.setRedirectHttps(redirect.get<bool>());
        }
        if (error.empty() && force.is_boolean()) {
            error = engine_.setForceHttps(force.get<bool>());
        }
        if (!error.empty()) {
            return makeErrorResponse(request, http::status::conflict, error);
        }
    } else if (request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or POST /https");
    }

    const auto status = engine_.https();
    const json state{
        {"node", status.node},
        {"port", status.port},
        {"url", status.url},
        {"redirectHttps", status.redirectHttps},
        {"forceHttps", status.forceHttps},
        {"certificate",
         {{"file", status.certificateFile},
          {"sha256Fingerprint", status.fingerprint},
          {"notAfter", status.notAfter}}},
    };
    return makeJsonResponse(request, http::status::ok, state.dump(2));
}

}  // namespace wsl
