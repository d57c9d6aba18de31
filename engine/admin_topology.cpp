// The admin interface's topology routes: read the running topology, replace it, list and
// switch presets.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "admin_server.h"
#include "engine.h"
#include "topology_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

HttpResponse accepted(const HttpRequest& request, const Topology& topology) {
    const json body{{"accepted", topology.name},
                    {"detail", "the engine restarts with this topology; GET /topology shows it"}};
    return makeJsonResponse(request, http::status::accepted, body.dump());
}

}  // namespace

HttpResponse AdminServer::topologyAction(const HttpRequest& request, const std::string& path) {
    const auto method = request.method();
    if (path == "/topology" && method == http::verb::get) {
        auto response = makeResponse(request, http::status::ok, topologyToJson(engine_.runningTopology()),
                                     "application/json");
        response.set("X-Topology-Version", std::to_string(engine_.topologyVersion()));
        return response;
    }
    if (path == "/topology" && method == http::verb::put) {
        auto parsed = parseTopology(request.body());
        if (const auto* error = std::get_if<TopologyError>(&parsed)) {
            return makeErrorResponse(request, http::status::bad_request, error->describe());
        }
        const auto topology = std::get<Topology>(std::move(parsed));
        engine_.requestTopology(topology);
        return accepted(request, topology);
    }
    if (path == "/presets" && method == http::verb::get) {
        const json names = engine_.presetNames();
        return makeJsonResponse(request, http::status::ok, json{{"presets", names}}.dump());
    }
    if (path == "/preset" && method == http::verb::post) {
        const auto body = json::parse(request.body(), nullptr, false);
        const auto name = body.is_object() ? body.value("name", json()) : json();
        if (!name.is_string()) {
            return makeErrorResponse(request, http::status::bad_request,
                                     R"(expected {"name": "simple"}; GET /presets lists them)");
        }
        auto preset = engine_.loadPreset(name.get<std::string>());
        if (const auto* error = std::get_if<std::string>(&preset)) {
            return makeErrorResponse(request, http::status::not_found, *error);
        }
        const auto topology = std::get<Topology>(std::move(preset));
        engine_.requestTopology(topology);
        return accepted(request, topology);
    }
    return makeErrorResponse(request, http::status::method_not_allowed,
                             "use GET or PUT /topology, GET /presets, POST /preset");
}

}  // namespace wsl
