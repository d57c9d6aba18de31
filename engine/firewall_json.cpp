#include "firewall_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr std::uint16_t kMaxPort = 65535;

std::string stringField(const json& rule, const char* key, const char* fallback,
                        std::string& error) {
    const auto found = rule.find(key);
    if (found == rule.end()) {
        return fallback;
    }
    if (!found->is_string()) {
        error = std::string(key) + " must be a string";
        return {};
    }
    return found->get<std::string>();
}

std::string parseAction(const json& rule, FirewallRule& out) {
    if (!rule.contains("action")) {
        return "action is missing; expected allow, reject or drop";
    }
    std::string error;
    const auto name = stringField(rule, "action", "", error);
    const auto action = firewallActionFromName(name);
    if (!error.empty() || !action) {
        return "action " + rule["action"].dump() + " is invalid; expected allow, reject or drop";
    }
    out.action = *action;
    return {};
}

std::string parseProtocol(const json& rule, FirewallRule& out) {
    std::string error;
    const auto name = stringField(rule, "protocol", "any", error);
    const auto protocol = firewallProtocolFromName(name);
    if (!error.empty() || !protocol) {
        return "protocol " + rule["protocol"].dump() + " is invalid; expected tcp, udp or any";
    }
    out.protocol = *protocol;
    return {};
}

std::string parsePort(const json& rule, FirewallRule& out) {
    const auto found = rule.find("port");
    if (found == rule.end()) {
        out.port = 0;
        return {};
    }
    if (!found->is_number_integer() || found->get<std::int64_t>() < 0 ||
        found->get<std::int64_t>() > kMaxPort) {
        return "port " + found->dump() + " is invalid; expected 0 (any) to 65535";
    }
    out.port = static_cast<std::uint16_t>(found->get<std::int64_t>());
    return {};
}

std::string parseRule(const json& rule, FirewallRule& out) {
    if (!rule.is_object()) {
        return "expected an object such as {\"action\": \"allow\", \"source\": \"lb-1\"}";
    }
    for (const auto& [key, value] : rule.items()) {
        if (key != "action" && key != "protocol" && key != "source" && key != "port") {
            return "unknown key '" + key + "'; expected action, protocol, source and port";
        }
    }
    std::string error;
    out.source = stringField(rule, "source", "any", error);
    if (!error.empty()) {
        return error;
    }
    for (const auto& step : {parseAction, parseProtocol, parsePort}) {
        if (auto failure = step(rule, out); !failure.empty()) {
            return failure;
        }
    }
    return {};
}

}  // namespace

json toJson(const FirewallRule& rule) {
    return {{"action", firewallActionName(rule.action)},
            {"protocol", firewallProtocolName(rule.protocol)},
            {"source", rule.source},
            {"port", rule.port}};
}

json toJson(const FirewallStatus& status) {
    json rules = json::array();
    for (std::size_t i = 0; i < status.spec.rules.size(); ++i) {
        auto rule = toJson(status.spec.rules[i]);
        rule["matches"] = status.ruleMatches[i];
        rules.push_back(std::move(rule));
    }
    return {{"name", status.spec.name},
            {"protects", status.spec.protects},
            {"enabled", status.spec.enabled},
            {"defaultAction", firewallActionName(status.spec.defaultAction)},
            {"rules", rules},
            {"defaultMatches", status.defaultMatches},
            {"allowed", status.allowed},
            {"blocked", status.blocked}};
}

ParsedRuleTable parseRuleTable(const json& table) {
    ParsedRuleTable parsed;
    const json* rules = &table;
    if (table.is_object()) {
        // Without "defaultAction" the firewall keeps its current one.
        if (const auto action = table.find("defaultAction"); action != table.end()) {
            const auto name = action->is_string() ? action->get<std::string>() : std::string();
            parsed.defaultAction = firewallActionFromName(name);
            if (!parsed.defaultAction || *parsed.defaultAction == FirewallAction::Allow) {
                parsed.error =
                    "defaultAction " + action->dump() + " is invalid; expected reject or drop";
                return parsed;
            }
        }
        const auto found = table.find("rules");
        rules = found == table.end() ? nullptr : &*found;
    }
    if (rules == nullptr || !rules->is_array()) {
        parsed.error =
            R"(expected an array of rules or {"rules": [...], "defaultAction": "reject"})";
        return parsed;
    }

    for (std::size_t i = 0; i < rules->size(); ++i) {
        FirewallRule rule;
        if (auto error = parseRule((*rules)[i], rule); !error.empty()) {
            parsed.error = "rule " + std::to_string(i + 1) + ": " + error;
            return parsed;
        }
        parsed.rules.push_back(std::move(rule));
    }
    return parsed;
}

}  // namespace wsl
