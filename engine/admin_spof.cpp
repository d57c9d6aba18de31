// The admin interface's route for single points of failure.
#include <nlohmann/json.hpp>

#include "admin_server.h"
#include "engine.h"

namespace wsl {

using json = nlohmann::json;

HttpResponse AdminServer::spofRoute(const HttpRequest& request) {
    if (request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "method not allowed: /spof accepts GET only");
    }
    json points = json::array();
    for (const auto& point : engine_.spof().points) {
        json stops = json::array();
        for (const auto function : point.stops) {
            stops.push_back(siteFunctionName(function));
        }
        points.push_back({{"name", point.name}, {"nodes", point.members}, {"stops", stops}});
    }
    return makeJsonResponse(request, http::status::ok, json{{"nodes", points}}.dump(2));
}

}  // namespace wsl
