#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "firewall.h"
#include "firewalls.h"

namespace wsl {

// A rule as JSON: {"action": "allow", "protocol": "tcp", "source": "lb-1", "port": 8080}.
nlohmann::json toJson(const FirewallRule& rule);
// A running firewall: its table, default action, state and counters per rule.
nlohmann::json toJson(const FirewallStatus& status);

// A rule table read from JSON: either an array of rules, or
// {"rules": [...], "defaultAction": "reject" or "drop"}.
struct ParsedRuleTable {
    std::vector<FirewallRule> rules;
    std::optional<FirewallAction> defaultAction;
    std::string error;  // the first invalid entry and its fault, or empty when the table parsed
};

// Checks the form of each rule. "action" is required, while "protocol" (default "any"),
// "source" (default "any") and "port" (default 0, any port) are optional. Other keys are
// errors, so that a misspelt key cannot silently widen a rule. validateRule() checks whether a
// source names a real node.
ParsedRuleTable parseRuleTable(const nlohmann::json& table);

}  // namespace wsl
