#include "fault_json.h"

#include <set>

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr const char* kExpected =
    R"(expected {"mode": "none", "down", "hang", "slow" (with "delayMs") or "error" )"
    R"((with "share" from 0 to 1, "status" from 500 to 599 and an optional "seed")})";

// The fields each mode takes besides "mode".
std::set<std::string> fieldsOf(FaultMode mode) {
    switch (mode) {
        case FaultMode::Slow:
            return {"delayMs"};
        case FaultMode::Error:
            return {"share", "status", "seed"};
        default:
            return {};
    }
}

std::string readSlow(const json& body, FaultSettings& settings) {
    const auto delay = body.value("delayMs", json());
    if (!delay.is_number_integer()) {
        return R"(mode "slow" needs "delayMs", a whole number of milliseconds)";
    }
    const auto value = delay.get<std::int64_t>();
    if (value < 1 || value > kMaxFaultDelay.count()) {
        return "delayMs must be from 1 to " + std::to_string(kMaxFaultDelay.count()) + ", not " +
               delay.dump();
    }
    settings.delay = std::chrono::milliseconds(value);
    return {};
}

std::string readError(const json& body, FaultSettings& settings) {
    const auto share = body.value("share", json(settings.share));
    const auto status = body.value("status", json(settings.status));
    const auto seed = body.value("seed", json());
    if (!share.is_number()) {
        return R"("share" must be a number from 0 to 1)";
    }
    if (!status.is_number_integer() || status.get<std::int64_t>() < 500 ||
        status.get<std::int64_t>() > 599) {
        return "status must be a whole number from 500 to 599, not " + status.dump();
    }
    if (!seed.is_null() && !seed.is_number_unsigned()) {
        return R"("seed" must be a whole number of 0 or more)";
    }
    settings.share = share.get<double>();
    settings.status = status.get<int>();
    if (!seed.is_null()) {
        settings.seed = seed.get<std::uint64_t>();
    }
    return {};
}

}  // namespace

json toJson(const FaultSettings& settings) {
    json result{{"mode", faultModeName(settings.mode)}};
    if (settings.mode == FaultMode::Slow) {
        result["delayMs"] = settings.delay.count();
    }
    if (settings.mode == FaultMode::Error) {
        result["share"] = settings.share;
        result["status"] = settings.status;
    }
    return result;
}

std::string faultFromJson(const std::string& text, FaultSettings& settings) {
    const auto body = json::parse(text, nullptr, false);
    if (!body.is_object()) {
        return std::string("invalid JSON: ") + kExpected;
    }
    const auto name = body.value("mode", json());
    const auto mode = name.is_string() ? faultModeFromName(name.get<std::string>()) : std::nullopt;
    if (!mode) {
        return "invalid or missing \"mode\": " + std::string(kExpected);
    }
    const auto allowed = fieldsOf(*mode);
    for (const auto& [key, value] : body.items()) {
        if (key != "mode" && !allowed.contains(key)) {
            return "\"" + key + "\" does not apply to mode \"" + faultModeName(*mode) + "\"";
        }
    }

    FaultSettings read;
    read.mode = *mode;
    auto problem = *mode == FaultMode::Slow    ? readSlow(body, read)
                   : *mode == FaultMode::Error ? readError(body, read)
                                               : std::string{};
    if (problem.empty()) {
        problem = validateFault(read);
    }
    if (problem.empty()) {
        settings = read;
    }
    return problem;
}

}  // namespace wsl
