// Load generator and application-server capacity routes of the admin interface.
//   POST /load       start a run: {"mode": "rate"|"users", "rate": N, "users": N,
//                    "mix": {"page": 0.6, "read": 0.3, "write": 0.1}, "seconds": N,
//                    "keepAlive": true|false}
//   GET  /load       the run in progress or the last one: counts, errors by kind, latency
//   POST /load/stop  end the run early
//   GET  /capacity   every application server's concurrencyLimit, costMs, queueLimit and
//                    queueTimeoutMs
//   PUT  /capacity   change any subset of them
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <variant>

#include "admin_server.h"
#include "engine.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr const char* kLoadUsage =
    R"(expected {"mode": "rate"|"users", "rate": N, "users": N, )"
    R"("mix": {"page": share, "read": share, "write": share}, "seconds": N, )"
    R"("keepAlive": true|false})";

// Reads an optional whole number field into `value`. Returns false when present but not one.
bool readInteger(const json& object, const char* key, long long& value) {
    if (!object.contains(key)) {
        return true;
    }
    const auto& field = object.at(key);
    if (!field.is_number_integer()) {
        return false;
    }
    value = field.get<long long>();
    return true;
}

bool readShare(const json& mix, const char* key, double& share) {
    if (!mix.contains(key)) {
        share = 0;
        return true;
    }
    if (!mix.at(key).is_number()) {
        return false;
    }
    share = mix.at(key).get<double>();
    return true;
}

// Parses a POST /load body, or returns an error message.
std::variant<LoadSettings, std::string> parseLoad(const std::string& text) {
    const auto body = json::parse(text, nullptr, false);
    if (!body.is_object()) {
        return std::string("the body is not a JSON object; ") + kLoadUsage;
    }
    LoadSettings settings;
    const auto mode = body.value("mode", json("rate"));
    if (mode != "rate" && mode != "users") {
        return std::string(R"(mode must be "rate" or "users")");
    }
    settings.mode = mode == "rate" ? LoadMode::Rate : LoadMode::Users;

    long long rate = 0;
    long long users = 0;
    long long seconds = settings.duration.count();
    if (!readInteger(body, "rate", rate) || !readInteger(body, "users", users) ||
        !readInteger(body, "seconds", seconds)) {
        return std::string("rate, users and seconds must be whole numbers; ") + kLoadUsage;
    }
    // Clamped before narrowing, so that a huge number is reported as out of range.
    settings.rate = static_cast<int>(std::clamp<long long>(rate, -1, 1'000'000));
    settings.users = static_cast<int>(std::clamp<long long>(users, -1, 1'000'000));
    settings.duration = std::chrono::seconds(std::clamp<long long>(seconds, -1, 1'000'000));

    if (body.contains("keepAlive")) {
        if (!body.at("keepAlive").is_boolean()) {
            return std::string("keepAlive must be true or false; ") + kLoadUsage;
        }
        settings.keepAlive = body.at("keepAlive").get<bool>();
    }
    if (body.contains("mix")) {
        const auto& mix = body.at("mix");
        if (!mix.is_object() || !readShare(mix, "page", settings.pageShare) ||
            !readShare(mix, "read", settings.readShare) ||
            !readShare(mix, "write", settings.writeShare)) {
            return std::string("mix must be an object of numbers; ") + kLoadUsage;
        }
    }
    return settings;
}

double milliseconds(const HistogramSnapshot& latency, double quantile) {
    return std::round(latency.percentile(quantile) * 1e6) / 1e3;
}

json toJson(const LoadStatus& status) {
    const auto& settings = status.settings;
    return {
        {"state", status.state},
        {"mode", settings.mode == LoadMode::Rate ? "rate" : "users"},
        {"rate", settings.rate},
        {"users", settings.users},
        {"mix",
         {{"page", settings.pageShare},
          {"read", settings.readShare},
          {"write", settings.writeShare}}},
        {"seconds", settings.duration.count()},
        {"keepAlive", settings.keepAlive},
        {"elapsedSeconds", status.elapsedSeconds},
        {"remainingSeconds", status.remainingSeconds},
        {"sent", status.sent},
        {"inFlight", status.inFlight},
        {"waiting", status.waiting},
        {"succeeded", status.succeeded},
        {"failed",
         {{"4xx", status.status4xx},
          {"5xx", status.status5xx},
          {"refused", status.refused},
          {"timeout", status.timeout},
          {"reset", status.reset},
          {"other", status.otherErrors}}},
        {"skipped", status.skipped},
        {"sentByKind", {{"page", status.pages}, {"read", status.reads}, {"write", status.writes}}},
        {"connections", {{"new", status.newConnections}, {"reused", status.reusedConnections}}},
        {"latencyMs",
         {{"p50", milliseconds(status.latency, 0.50)},
          {"p95", milliseconds(status.latency, 0.95)},
          {"p99", milliseconds(status.latency, 0.99)},
          {"samples", status.latency.count}}},
    };
}

json toJson(const AppCapacity& capacity) {
    return {
        {"concurrencyLimit", capacity.concurrencyLimit},
        {"costMs", capacity.costPerRequest.count()},
        {"queueLimit", capacity.queueLimit},
        {"queueTimeoutMs", capacity.queueTimeout.count()},
    };
}

// Applies the fields of a PUT /capacity body to `capacity`, or returns an error message.
std::string applyCapacity(const std::string& text, AppCapacity& capacity) {
    const auto body = json::parse(text, nullptr, false);
    if (!body.is_object() || body.empty()) {
        return R"(expected {"concurrencyLimit": N, "costMs": N, "queueLimit": N, )"
               R"("queueTimeoutMs": N}, any subset of them)";
    }
    long long limit = capacity.concurrencyLimit;
    long long cost = capacity.costPerRequest.count();
    long long queue = capacity.queueLimit;
    long long timeout = capacity.queueTimeout.count();
    if (!readInteger(body, "concurrencyLimit", limit) || !readInteger(body, "costMs", cost) ||
        !readInteger(body, "queueLimit", queue) || !readInteger(body, "queueTimeoutMs", timeout)) {
        return "concurrencyLimit, costMs, queueLimit and queueTimeoutMs must be whole numbers";
    }
    capacity.concurrencyLimit = static_cast<int>(std::clamp<long long>(limit, -1, 1'000'000));
    capacity.costPerRequest = std::chrono::milliseconds(std::clamp<long long>(cost, -1, 1'000'000));
    capacity.queueLimit = static_cast<int>(std::clamp<long long>(queue, -1, 1'000'000));
    capacity.queueTimeout =
        std::chrono::milliseconds(std::clamp<long long>(timeout, -1, 1'000'000));
    return validateCapacity(capacity);
}

}  // namespace

bool AdminServer::isLoadRoute(const std::string& path) {
    return path == "/load" || path == "/load/stop" || path == "/capacity";
}

HttpResponse AdminServer::loadRoutes(const HttpRequest& request, const std::string& path) {
    const auto method = request.method();
    if (path == "/load" && method == http::verb::post) {
        const auto parsed = parseLoad(request.body());
        const auto* settings = std::get_if<LoadSettings>(&parsed);
        auto error = settings ? validateLoad(*settings) : std::get<std::string>(parsed);
        if (!error.empty()) {
            return makeErrorResponse(request, http::status::bad_request, error);
        }
        error = engine_.startLoad(*settings);
        if (!error.empty()) {
            return makeErrorResponse(request, http::status::conflict, error);
        }
        return makeJsonResponse(request, http::status::accepted,
                                toJson(engine_.loadStatus()).dump(2));
    }
    if (path == "/load" && method == http::verb::get) {
        return makeJsonResponse(request, http::status::ok, toJson(engine_.loadStatus()).dump(2));
    }
    if (path == "/load/stop" && method == http::verb::post) {
        engine_.stopLoad();
        return makeJsonResponse(request, http::status::ok, toJson(engine_.loadStatus()).dump(2));
    }
    if (path == "/capacity" && method == http::verb::put) {
        auto capacity = engine_.appCapacity();
        auto error = applyCapacity(request.body(), capacity);
        if (error.empty()) {
            error = engine_.setAppCapacity(capacity);
        }
        if (!error.empty()) {
            return makeErrorResponse(request, http::status::bad_request, error);
        }
    } else if (path != "/capacity" || method != http::verb::get) {
        return makeErrorResponse(request, http::status::method_not_allowed,
                                 "use GET or POST /load, POST /load/stop, GET or PUT /capacity");
    }
    return makeJsonResponse(request, http::status::ok, toJson(engine_.appCapacity()).dump(2));
}

}  // namespace wsl
