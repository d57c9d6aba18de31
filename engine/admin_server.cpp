#include "admin_server.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "engine.h"
#include "trace_json.h"

namespace wsl {

using json = nlohmann::json;

namespace {

// Bounds what one call returns; the stores themselves keep more.
constexpr std::size_t kDefaultLast = 20;
constexpr std::size_t kMaxLast = 1000;

json toJson(const NodeStatus& status) {
    return {
        {"name", status.name},
        {"kind", nodeKindName(status.kind)},
        {"address", status.address},
        {"port", status.port},
        {"listening", status.listening},
        {"state", status.state},
        {"checks", {{"count", status.checkCount}, {"limit", status.checkLimit}}},
        {"counters",
         {{"requests", status.counters.requests},
          {"errors", status.counters.errors},
          {"rejected", status.counters.rejected},
          {"openConnections", status.counters.openConnections}}},
    };
}

// Reads `last=N` from a query string; nullopt when present but not a number.
std::optional<std::size_t> lastParameter(std::string_view target) {
    const auto query = target.find('?');
    if (query == std::string_view::npos) {
        return kDefaultLast;
    }
    const auto key = target.find("last=", query);
    if (key == std::string_view::npos) {
        return kDefaultLast;
    }
    const auto value = target.substr(key + 5, target.find('&', key) - (key + 5));
    std::size_t last = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), last);
    if (error != std::errc{} || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return std::min(last, kMaxLast);
}

}  // namespace

AdminServer::AdminServer(boost::asio::io_context& io, Engine& engine)
    : engine_(engine),
      server_(
          io, HttpServer::Options{"admin", HttpLimits{}, nullptr, nullptr},
          [this](HttpRequest& request, RequestContext&) -> boost::asio::awaitable<HttpResponse> {
              co_return handle(request);
          }) {}

std::uint16_t AdminServer::start(const std::string& address, std::uint16_t port) {
    return server_.start(address, port);
}

void AdminServer::stop() {
    server_.stop();
}

HttpResponse AdminServer::handle(const HttpRequest& request) {
    const std::string target(request.target());
    const auto path = target.substr(0, target.find('?'));
    const bool get = request.method() == http::verb::get;

    if (path == "/nodes" && get) {
        json nodes = json::array();
        for (const auto& status : engine_.nodes()) {
            nodes.push_back(toJson(status));
        }
        return makeJsonResponse(request, http::status::ok, json{{"nodes", nodes}}.dump(2));
    }
    if (path.starts_with("/nodes/")) {
        return nodeAction(request, path);
    }
    if ((path == "/requests" || path == "/events") && get) {
        const auto last = lastParameter(target);
        if (!last) {
            return makeErrorResponse(request, http::status::bad_request,
                                     "last must be a whole number, e.g. /requests?last=10");
        }
        json items = json::array();
        if (path == "/requests") {
            for (const auto& record : engine_.tracer().recentRequests(*last)) {
                items.push_back(wsl::toJson(record));
            }
        } else {
            for (const auto& event : engine_.tracer().recentEvents(*last)) {
                items.push_back(wsl::toJson(event));
            }
        }
        return makeJsonResponse(
            request, http::status::ok,
            json{{path.substr(1), items}}.dump(2, ' ', false, json::error_handler_t::replace));
    }
    if (path == "/" && get) {
        const json endpoints{"GET /nodes", "POST /nodes/<name>/fail", "POST /nodes/<name>/restore",
                             "GET /requests?last=N", "GET /events?last=N"};
        return makeJsonResponse(request, http::status::ok, json{{"endpoints", endpoints}}.dump(2));
    }
    return makeErrorResponse(request, http::status::not_found,
                             "no admin endpoint " + std::string(request.method_string()) + " " +
                                 path + "; GET / lists them");
}

HttpResponse AdminServer::nodeAction(const HttpRequest& request, const std::string& path) {
    // path is /nodes/<name>/<action>
    const auto slash = path.find('/', 7);
    const auto name = path.substr(7, slash == std::string::npos ? std::string::npos : slash - 7);
    const auto action = slash == std::string::npos ? std::string{} : path.substr(slash + 1);

    if (action.empty() && request.method() == http::verb::get) {
        const auto status = engine_.node(name);
        if (!status) {
            return makeErrorResponse(request, http::status::not_found, "no node named " + name);
        }
        return makeJsonResponse(request, http::status::ok, toJson(*status).dump(2));
    }
    if ((action != "fail" && action != "restore") || request.method() != http::verb::post) {
        return makeErrorResponse(request, http::status::not_found,
                                 "use POST /nodes/<name>/fail or POST /nodes/<name>/restore");
    }
    const auto error = action == "fail" ? engine_.fail(name) : engine_.restore(name);
    if (!error.empty()) {
        const auto status = engine_.node(name) ? http::status::conflict : http::status::not_found;
        return makeErrorResponse(request, status, error);
    }
    return makeJsonResponse(request, http::status::ok, toJson(*engine_.node(name)).dump(2));
}

}  // namespace wsl
