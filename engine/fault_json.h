#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "fault.h"

namespace wsl {

// {"mode": "slow", "delayMs": 300}, {"mode": "error", "share": 0.5, "status": 503}, ...
nlohmann::json toJson(const FaultSettings& settings);

// Reads a fault from the JSON text of an admin request into `settings`. Returns why the text
// is not a valid fault, or an empty string. After an error `settings` is unchanged.
std::string faultFromJson(const std::string& text, FaultSettings& settings);

}  // namespace wsl
