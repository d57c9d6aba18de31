// The admin interface's route for what the window shows: GET and PUT /view.
#include <nlohmann/json.hpp>

#include <variant>

#include "admin_server.h"
#include "engine.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr const char* kViewUsage =
    R"(expected {"spofOverlay": bool, "monitoringTraffic": bool, "monitoringWindowMinutes": )"
    R"(1|5|15, "panel": "events"|"monitoring"|"load"}, every key optional)";

json toJson(const ViewSettings& view) {
    return {{"spofOverlay", view.spofOverlay},
            {"monitoringTraffic", view.monitoringTraffic},
            {"monitoringWindowMinutes", view.monitoringWindowMinutes},
            {"panel", view.panel}};
}

// Applies the keys of a PUT /view body to `view`, or returns an error message.
std::variant<ViewSettings, std::string> parseView(const std::string& text, ViewSettings view) {
    const auto body = json::parse(text, nullptr, false);
    if (!body.is_object()) {
        return std::string("the body is not a JSON object; ") + kViewUsage;
    }
    for (const auto& [key, value] : body.items()) {
        if ((key == "spofOverlay" || key == "monitoringTraffic") && value.is_boolean()) {
            (key == "spofOverlay" ? view.spofOverlay : view.monitoringTraffic) = value.get<bool>();
        } else if (key == "monitoringWindowMinutes" && value.is_number_integer()) {
            view.monitoringWindowMinutes = static_cast<int>(value.get<long long>() % 1'000'000);
        } else if (key == "panel" && value.is_string()) {
            view.panel = value.get<std::string>();
        } else {
            return "unknown key or wrong type: '" + key + "'; " + kViewUsage;
        }
    }
    if (auto error = validateView(view); !error.empty()) {
        return error;
    }
    return view;
}

}  // namespace

HttpResponse AdminServer::viewRoute(const HttpRequest& request) {
    if (request.method() == http::verb::put) {
        auto parsed = parseView(request.body(), engine_.view().get());
        if (const auto* error = std::get_if<std::string>(&parsed)) {
            return makeErrorResponse(request, http::status::bad_request, *error);
        }
        engine_.view().set(std::get<ViewSettings>(parsed));
    } else if (request.method() != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "method not allowed: /view accepts GET and PUT");
    }
    return makeJsonResponse(request, http::status::ok, toJson(engine_.view().get()).dump(2));
}

}  // namespace wsl
