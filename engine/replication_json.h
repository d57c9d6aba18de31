#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "replication_status.h"

namespace wsl {

// The replication status as the admin interface returns it.
nlohmann::json toJson(const ReplicationStatus& status);
nlohmann::json toJson(const ReplicationSettings& settings);

// Returns `current` with the fields present in `body` changed:
//   {"mode": "synchronous" | "asynchronous", "applyDelayMs": 0…600000,
//    "autoPromoteAfterSeconds": 0…3600, "readYourWritesSeconds": 0…3600}
// Returns nullopt with *error set when a field has the wrong type or range, or is unknown.
std::optional<ReplicationSettings> updateSettings(const nlohmann::json& body,
                                                  ReplicationSettings current, std::string* error);

}  // namespace wsl
