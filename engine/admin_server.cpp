#include "admin_server.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "engine.h"
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

}  // namespace

AdminServer::AdminServer(boost::asio::io_context& io, Engine& engine)
    : engine_(engine),
      server_(
          io, HttpServer::Options{"admin", HttpLimits{}, nullptr, nullptr, nullptr, {}},
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
    if (path.starts_with("/nodes/")) {
        return nodeAction(request, path);
    }
    if (path == "/mode" || path == "/step" || path == "/continue") {
        return pacing(request, path);
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
        const json endpoints{"GET /nodes",
                             "GET /nodes/<name>",
                             "POST /nodes/<name>/fail",
                             "POST /nodes/<name>/restore",
                             "GET /requests?last=N",
                             "GET /events?last=N",
                             "GET /har?last=N",
                             "GET /events.csv?last=N",
                             "GET /mode",
                             R"(POST /mode {"mode": "live|slow-motion|step", "delayMs": N})",
                             "POST /step",
                             "POST /continue",
                             "GET /replication",
                             R"(PUT /replication {"mode": "synchronous|asynchronous", )"
                             R"("applyDelayMs": N, "autoPromoteAfterSeconds": N, )"
                             R"("readYourWritesSeconds": N})",
                             "POST /databases/<name>/promote"};
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
        if (!mode || !delay.is_number_integer() || delay.get<std::int64_t>() < 0) {
            return makeErrorResponse(
                request, http::status::bad_request,
                R"(expected {"mode": "live", "slow-motion" or "step", "delayMs": 0 or more})");
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
        const auto status = engine_.node(name) ? http::status::conflict : http::status::not_found;
        return makeErrorResponse(request, status, error);
    }
    return makeJsonResponse(request, http::status::ok, toJson(*engine_.node(name)).dump(2));
}

}  // namespace wsl
