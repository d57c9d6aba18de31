// The firewall routes of the admin interface:
//   GET  /firewalls                      every firewall: table, default action, counters
//   GET  /firewalls/<name>               one firewall
//   GET  /firewalls/<name>/rules         its table and default action
//   PUT  /firewalls/<name>/rules         replace the table (and the default action)
//   POST /firewalls/<name>/enable        enforce the table again
//   POST /firewalls/<name>/disable       let every connection pass
#include "admin_server.h"

#include <nlohmann/json.hpp>

#include "engine.h"
#include "firewall_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr std::string_view kPrefix = "/firewalls/";

json rulesJson(const FirewallStatus& status) {
    json rules = json::array();
    for (const auto& rule : status.spec.rules) {
        rules.push_back(toJson(rule));
    }
    return {{"rules", rules}, {"defaultAction", firewallActionName(status.spec.defaultAction)}};
}

}  // namespace

HttpResponse AdminServer::firewallRoutes(const HttpRequest& request, const std::string& path) {
    if (path == "/firewalls" && request.method() == http::verb::get) {
        json firewalls = json::array();
        for (const auto& status : engine_.firewalls()) {
            firewalls.push_back(toJson(status));
        }
        return makeJsonResponse(request, http::status::ok, json{{"firewalls", firewalls}}.dump(2));
    }

    // path is /firewalls/<name> or /firewalls/<name>/<action>
    const auto rest = path.size() > kPrefix.size() ? path.substr(kPrefix.size()) : std::string();
    const auto slash = rest.find('/');
    const auto name = rest.substr(0, slash);
    const auto action = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    const auto status = engine_.firewall(name);
    if (!status) {
        return makeErrorResponse(request, http::status::not_found,
                                 "no firewall named '" + name + "'; GET /firewalls lists them");
    }

    const auto method = request.method();
    if (action.empty() && method == http::verb::get) {
        return makeJsonResponse(request, http::status::ok, toJson(*status).dump(2));
    }
    if (action == "rules" && method == http::verb::get) {
        return makeJsonResponse(request, http::status::ok, rulesJson(*status).dump(2));
    }
    if (action == "rules" && method == http::verb::put) {
        return replaceFirewallRules(request, name);
    }
    if ((action == "enable" || action == "disable") && method == http::verb::post) {
        engine_.setFirewallEnabled(name, action == "enable");
        return makeJsonResponse(request, http::status::ok, toJson(*engine_.firewall(name)).dump(2));
    }
    return makeErrorResponse(request, http::status::not_found,
                             "use GET or PUT /firewalls/<name>/rules, or POST "
                             "/firewalls/<name>/enable or /disable");
}

HttpResponse AdminServer::replaceFirewallRules(const HttpRequest& request,
                                               const std::string& name) {
    const auto body = json::parse(request.body(), nullptr, false);
    if (body.is_discarded()) {
        return makeErrorResponse(request, http::status::bad_request,
                                 "the body is not valid JSON; expected a rule table such as "
                                 R"({"rules": [{"action": "allow", "source": "lb-1"}]})");
    }
    auto table = parseRuleTable(body);
    if (table.error.empty()) {
        table.error = engine_.setFirewallRules(name, std::move(table.rules), table.defaultAction);
    }
    if (!table.error.empty()) {
        return makeErrorResponse(request, http::status::bad_request,
                                 name + " keeps its table: " + table.error);
    }
    return makeJsonResponse(request, http::status::ok, rulesJson(*engine_.firewall(name)).dump(2));
}

}  // namespace wsl
