#include "replication_json.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace wsl {

using json = nlohmann::json;

namespace {

// Ten minutes of apply delay and an hour for the windows: longer makes no lesson.
constexpr std::int64_t kMaxApplyDelayMs = 600000;
constexpr std::int64_t kMaxWindowSeconds = 3600;

constexpr std::array<std::string_view, 4> kSettingNames = {
    "mode", "applyDelayMs", "autoPromoteAfterSeconds", "readYourWritesSeconds"};

json toJson(const ReplicaLag& lag) {
    return {
        {"replica", lag.replica},     {"changesetsBehind", lag.changesetsBehind},
        {"msBehind", lag.msBehind},   {"outOfSync", lag.outOfSync},
        {"shipped", lag.shipped},     {"dropped", lag.dropped},
        {"lastError", lag.lastError},
    };
}

json toJson(const DatabaseReplicationState& state) {
    json lag = json::array();
    for (const auto& replica : state.lag) {
        lag.push_back(toJson(replica));
    }
    return {
        {"name", state.name},
        {"role", replicationRoleName(state.role)},
        {"listening", state.listening},
        {"position", state.position},
        {"primary", state.primary},
        {"discardedRows", state.discardedRows},
        {"replicas", lag},
    };
}

json toJson(const LostWrite& write) {
    return {{"position", write.position},
            {"primary", write.primary},
            {"sql", write.sql},
            {"params", write.params}};
}

// Reads integer field `name` of `body` into `value` when present. Returns false with *error
// set when it is not an integer in 0…max.
bool readBounded(const json& body, const char* name, std::int64_t max, std::int64_t& value,
                 std::string* error) {
    if (!body.contains(name)) {
        return true;
    }
    const auto& field = body[name];
    if (!field.is_number_integer() || field.get<std::int64_t>() < 0 ||
        field.get<std::int64_t>() > max) {
        *error = std::string(name) + " must be a whole number from 0 to " + std::to_string(max) +
                 ", not " + field.dump();
        return false;
    }
    value = field.get<std::int64_t>();
    return true;
}

}  // namespace

json toJson(const ReplicationSettings& settings) {
    return {
        {"mode", replicationModeName(settings.mode)},
        {"applyDelayMs", settings.applyDelay.count()},
        {"autoPromoteAfterSeconds", settings.autoPromoteAfter.count()},
        {"readYourWritesSeconds", settings.readYourWritesWindow.count()},
    };
}

json toJson(const ReplicationStatus& status) {
    json databases = json::array();
    for (const auto& database : status.databases) {
        databases.push_back(toJson(database));
    }
    json lost = json::array();
    for (const auto& write : status.lostWrites) {
        lost.push_back(toJson(write));
    }
    return {
        {"settings", toJson(status.settings)},
        {"primary", status.primary},
        {"primaryReachable", status.primaryReachable},
        {"primaryFailingMs", status.primaryFailingMs},
        {"primaryError", status.primaryError},
        {"databases", databases},
        {"promotions", status.promotions},
        {"lostWrites", {{"count", status.lostWriteCount}, {"writes", lost}}},
        {"discardedRows", status.discardedRowCount},
    };
}

std::optional<ReplicationSettings> updateSettings(const json& body, ReplicationSettings current,
                                                  std::string* error) {
    if (!body.is_object()) {
        *error =
            "expected a JSON object with any of mode, applyDelayMs, "
            "autoPromoteAfterSeconds, readYourWritesSeconds";
        return std::nullopt;
    }
    for (const auto& [key, value] : body.items()) {
        if (std::find(kSettingNames.begin(), kSettingNames.end(), key) == kSettingNames.end()) {
            *error = "unknown setting " + key +
                     "; use mode, applyDelayMs, autoPromoteAfterSeconds or readYourWritesSeconds";
            return std::nullopt;
        }
    }

    if (body.contains("mode")) {
        const auto& mode = body["mode"];
        const auto parsed =
            mode.is_string() ? replicationModeFromName(mode.get<std::string>()) : std::nullopt;
        if (!parsed) {
            *error = R"(mode must be "synchronous" or "asynchronous", not )" + mode.dump();
            return std::nullopt;
        }
        current.mode = *parsed;
    }
    std::int64_t delay = current.applyDelay.count();
    std::int64_t promoteAfter = current.autoPromoteAfter.count();
    std::int64_t window = current.readYourWritesWindow.count();
    if (!readBounded(body, "applyDelayMs", kMaxApplyDelayMs, delay, error) ||
        !readBounded(body, "autoPromoteAfterSeconds", kMaxWindowSeconds, promoteAfter, error) ||
        !readBounded(body, "readYourWritesSeconds", kMaxWindowSeconds, window, error)) {
        return std::nullopt;
    }
    current.applyDelay = std::chrono::milliseconds(delay);
    current.autoPromoteAfter = std::chrono::seconds(promoteAfter);
    current.readYourWritesWindow = std::chrono::seconds(window);
    return current;
}

}  // namespace wsl
