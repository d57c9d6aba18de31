#include "app_server.h"

#include <nlohmann/json.hpp>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "https_redirect.h"
#include "upstream_client.h"

namespace wsl {

using json = nlohmann::json;

namespace {

constexpr std::chrono::milliseconds kDatabaseTimeout{5000};
// The board keeps posts short so that a page of them stays readable on a projector.
constexpr std::size_t kMaxAuthorChars = 40;
constexpr std::size_t kMaxBodyChars = 500;
constexpr int kMessagesShown = 50;

struct DatabaseReply {
    int status = 0;  // 0 when no database replied
    std::string node;
    json body;
    std::string error;
};

// Sends one statement to the first reachable target of `targets`.
boost::asio::awaitable<DatabaseReply> runQuery(RequestContext& context, UpstreamPool* pool,
                                               const std::vector<UpstreamTarget>& targets,
                                               const std::string& sql, const json& params) {
    DatabaseReply reply;
    for (const auto& target : targets) {
        HttpRequest request{http::verb::post, "/query", 11};
        request.set(http::field::host, target.address);
        request.set(http::field::content_type, "application/json");
        // Invalid UTF-8 from a client is replaced rather than failing the whole request.
        request.body() = json{{"sql", sql}, {"params", params}}.dump(
            -1, ' ', false, json::error_handler_t::replace);

        auto result =
            co_await forwardRequest(context, target, std::move(request), kDatabaseTimeout, pool);
        if (!result.response) {
            reply.error += target.node + ": " + result.error + "; ";
            continue;
        }
        reply.status = result.response->result_int();
        reply.node = target.node;
        reply.body = json::parse(result.response->body(), nullptr, false);
        if (reply.status == 200 && !(reply.body.is_object() && reply.body["rows"].is_array())) {
            reply.status = 502;
            reply.body = json{{"error", "the reply is not a query result"}};
        }
        co_return reply;
    }
    co_return reply;
}

// A write that found no primary: 503 naming the primary, until it returns or a replica is
// promoted.
HttpResponse primaryUnavailable(const HttpRequest& request, const DatabaseReply& reply,
                                const std::string& primary) {
    auto error = reply.error;
    if (error.ends_with("; ")) {
        error.resize(error.size() - 2);
    }
    const auto why = reply.status == 0 ? "is unreachable (" + error + ")"
                                       : "no longer accepts writes (" +
                                             reply.body.value("error", std::string{}) + ")";
    const json body{
        {"error", "the primary database " + primary + " " + why +
                      "; writes fail until it is restored or a replica is promoted"},
        {"status", 503},
        {"primary", primary},
    };
    return makeJsonResponse(request, http::status::service_unavailable,
                            body.dump(-1, ' ', false, json::error_handler_t::replace));
}

HttpResponse databaseFailure(const HttpRequest& request, const DatabaseReply& reply) {
    if (reply.status == 0) {
        return makeErrorResponse(request, http::status::service_unavailable,
                                 "no database reachable: " + reply.error);
    }
    const auto message = reply.body.is_object() ? reply.body.value("error", std::string{})
                                                : std::string{"invalid reply"};
    return makeErrorResponse(request, http::status::bad_gateway,
                             reply.node + " failed the query: " + message);
}

std::string utcTimestamp() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// JSON built outside the coroutines: g++ 12 rejects braced initialisers inside them.
json insertParameters(const std::string& author, const std::string& body) {
    return json::array({author, body, utcTimestamp()});
}

json limitParameter(int limit) {
    return json::array({limit});
}

std::string whoamiBody(DatabaseReply& reply, const std::string& app, const std::string& web) {
    auto& rows = reply.body["rows"];
    const json body{
        {"webServer", web},
        {"appServer", app},
        {"databaseNode", reply.node},
        {"messages", rows.empty() ? json(0) : rows[0]["messages"]},
    };
    return body.dump();
}

std::string messagesBody(DatabaseReply& reply, const std::string& app, bool readYourWrites) {
    const json body{{"appServer", app},
                    {"readFrom", reply.node},
                    {"readYourWrites", readYourWrites},
                    {"messages", reply.body["rows"]}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string postedBody(const DatabaseReply& reply, const std::string& app) {
    const json body{
        {"id", reply.body.value("lastInsertId", 0)}, {"appServer", app}, {"writtenTo", reply.node}};
    return body.dump();
}

// The value of cookie `name` in the request's Cookie header, empty when absent.
std::string cookieValue(const HttpRequest& request, std::string_view name) {
    const auto field = request[http::field::cookie];
    const std::string_view header(field.data(), field.size());
    std::size_t start = 0;
    while (start < header.size()) {
        const auto end = std::min(header.find(';', start), header.size());
        auto pair = header.substr(start, end - start);
        while (!pair.empty() && pair.front() == ' ') {
            pair.remove_prefix(1);
        }
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
            return std::string(pair.substr(name.size() + 1));
        }
        start = end + 1;
    }
    return {};
}

// The client's address: the last X-Forwarded-For entry, which the engine's own load balancer
// appended (the first ones come from the client and can be forged), else the peer.
std::string clientAddress(const HttpRequest& request, const RequestContext& context) {
    const auto field = request["X-Forwarded-For"];
    const std::string_view forwarded(field.data(), field.size());
    if (forwarded.empty()) {
        return context.peerAddress;
    }
    const auto comma = forwarded.rfind(',');
    auto last = comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') {
        last.remove_prefix(1);
    }
    return std::string(last);
}

std::string sessionOf(const HttpRequest& request, const RequestContext& context) {
    const auto cookie = cookieValue(request, AppServer::kSessionCookie);
    return cookie.empty() ? "address " + clientAddress(request, context) : "cookie " + cookie;
}

// Reads author and body from a JSON object or an HTML form post.
std::optional<std::pair<std::string, std::string>> parsePost(const HttpRequest& request,
                                                             std::string* error);

}  // namespace

AppServer::AppServer(NodeSpec spec, const NodeEnvironment& environment, Databases databases)
    : AppServer(std::move(spec), environment,
                std::make_shared<DatabaseDirectory>(std::move(databases))) {}

AppServer::AppServer(NodeSpec spec, const NodeEnvironment& environment,
                     std::shared_ptr<DatabaseDirectory> directory)
    : HttpNode(std::move(spec), environment), directory_(std::move(directory)) {}

void AppServer::setDatabases(Databases databases) {
    directory_->setTargets(std::move(databases));
}

void AppServer::setForceHttps(bool enabled, std::uint16_t httpsPort) {
    httpsPort_ = httpsPort;
    forceHttps_ = enabled;
}

std::vector<UpstreamTarget> AppServer::readTargets(const std::string& session, bool* fromPrimary) {
    const auto databases = directory_->targets();
    *fromPrimary = recentWriters_.wroteWithin(session, directory_->readYourWritesWindow());
    std::vector<UpstreamTarget> targets;
    if (*fromPrimary) {
        targets.push_back(databases.primary);
    }
    const auto count = databases.replicas.size();
    const auto first = count == 0 ? 0 : nextReplica_++ % count;
    for (std::size_t i = 0; i < count; ++i) {
        targets.push_back(databases.replicas[(first + i) % count]);
    }
    if (!*fromPrimary) {
        targets.push_back(databases.primary);
    }
    return targets;
}

boost::asio::awaitable<HttpResponse> AppServer::handle(HttpRequest& request,
                                                       RequestContext& context) {
    if (forceHttps_ && !forwardedOverHttps(request)) {
        co_return makeHttpsRedirect(request, httpsPort_, spec().address);
    }
    const bool admitted = co_await capacity_.enter();
    if (!admitted) {
        co_return makeErrorResponse(request, http::status::service_unavailable,
                                    name() + " is at capacity");
    }
    CapacitySlot slot(capacity_);
    co_return co_await handleWithinCapacity(request, context);
}

boost::asio::awaitable<HttpResponse> AppServer::handleWithinCapacity(HttpRequest& request,
                                                                     RequestContext& context) {
    if (const auto cost = capacity_.capacity().costPerRequest; cost.count() > 0) {
        boost::asio::steady_timer work(co_await boost::asio::this_coro::executor, cost);
        boost::system::error_code ignored;  // cancelled only when the engine stops
        co_await work.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
    }
    const auto path = std::string(request.target().substr(0, request.target().find('?')));
    if (request.method() != http::verb::head) {
        co_return co_await route(request, context, path, request.method());
    }

    // A HEAD request gets the GET response without its body.
    auto response = co_await route(request, context, path, http::verb::get);
    const auto length = response.body().size();
    response.body().clear();
    response.content_length(length);
    co_return response;
}

boost::asio::awaitable<HttpResponse> AppServer::route(const HttpRequest& request,
                                                      RequestContext& context,
                                                      const std::string& path, http::verb method) {
    if (path == "/api/whoami" && method == http::verb::get) {
        co_return co_await whoami(request, context);
    }
    if (path == "/api/messages" && method == http::verb::get) {
        co_return co_await listMessages(request, context);
    }
    if (path == "/api/messages" && method == http::verb::post) {
        co_return co_await postMessage(request, context);
    }
    if (path == "/api/whoami" || path == "/api/messages") {
        auto response = makeErrorResponse(request, http::status::method_not_allowed,
                                          "method not allowed on " + path);
        response.set(http::field::allow, path == "/api/messages" ? "GET, HEAD, POST" : "GET, HEAD");
        co_return response;
    }
    co_return makeErrorResponse(request, http::status::not_found, "no API at " + path);
}

boost::asio::awaitable<HttpResponse> AppServer::whoami(const HttpRequest& request,
                                                       RequestContext& context) {
    const auto params = json::array();
    bool fromPrimary = false;
    const auto targets = readTargets(sessionOf(request, context), &fromPrimary);
    auto reply = co_await runQuery(context, upstreamPool(), targets,
                                   "SELECT count(*) AS messages FROM messages", params);
    if (reply.status != 200) {
        co_return databaseFailure(request, reply);
    }
    co_return makeJsonResponse(request, http::status::ok,
                               whoamiBody(reply, name(), std::string(request["X-Web-Server"])));
}

boost::asio::awaitable<HttpResponse> AppServer::listMessages(const HttpRequest& request,
                                                             RequestContext& context) {
    const auto params = limitParameter(kMessagesShown);
    bool fromPrimary = false;
    const auto targets = readTargets(sessionOf(request, context), &fromPrimary);
    auto reply = co_await runQuery(
        context, upstreamPool(), targets,
        "SELECT id, author, body, created_at FROM messages ORDER BY id DESC LIMIT ?", params);
    if (reply.status != 200) {
        co_return databaseFailure(request, reply);
    }
    co_return makeJsonResponse(request, http::status::ok, messagesBody(reply, name(), fromPrimary));
}

boost::asio::awaitable<HttpResponse> AppServer::postMessage(const HttpRequest& request,
                                                            RequestContext& context) {
    std::string error;
    const auto fields = parsePost(request, &error);
    if (!fields) {
        co_return makeErrorResponse(request, http::status::unprocessable_entity, error);
    }

    const auto params = insertParameters(fields->first, fields->second);
    const std::vector<UpstreamTarget> primary{directory_->targets().primary};
    const auto reply = co_await runQuery(
        context, upstreamPool(), primary,
        "INSERT INTO messages (author, body, created_at) VALUES (?, ?, ?)", params);
    // 403: the database is no longer the primary, for instance one fenced by a promotion.
    if (reply.status == 0 || reply.status == 403) {
        co_return primaryUnavailable(request, reply, primary.front().node);
    }
    if (reply.status != 200) {
        co_return databaseFailure(request, reply);
    }

    auto session = cookieValue(request, kSessionCookie);
    const bool newSession = session.empty();
    if (newSession) {
        session = newSpanId();
    }
    recentWriters_.recordWrite("cookie " + session, directory_->readYourWritesWindow());
    recentWriters_.recordWrite("address " + clientAddress(request, context),
                               directory_->readYourWritesWindow());
    auto response = makeJsonResponse(request, http::status::created, postedBody(reply, name()));
    if (newSession) {
        response.set(http::field::set_cookie, std::string(kSessionCookie) + "=" + session +
                                                  "; Path=/; HttpOnly; SameSite=Lax");
    }
    co_return response;
}

namespace {

std::string formDecode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string formField(const std::string& form, const std::string& key) {
    std::size_t start = 0;
    while (start <= form.size()) {
        const auto end = std::min(form.find('&', start), form.size());
        const auto pair = form.substr(start, end - start);
        const auto equals = pair.find('=');
        if (equals != std::string::npos && formDecode(pair.substr(0, equals)) == key) {
            return formDecode(pair.substr(equals + 1));
        }
        start = end + 1;
    }
    return {};
}

// Counts UTF-8 code points, so that the limits mean characters, not bytes.
std::size_t characterCount(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::optional<std::pair<std::string, std::string>> parsePost(const HttpRequest& request,
                                                             std::string* error) {
    std::string author;
    std::string body;
    const auto contentType = std::string(request[http::field::content_type]);
    // `curl -d '{…}'` labels JSON as a form post: a body that starts like JSON is read as JSON.
    const auto firstChar = request.body().find_first_not_of(" \t\r\n");
    const bool looksLikeJson = firstChar != std::string::npos && request.body()[firstChar] == '{';
    if (contentType.starts_with("application/x-www-form-urlencoded") && !looksLikeJson) {
        author = formField(request.body(), "author");
        body = formField(request.body(), "body");
    } else {
        const auto parsed = json::parse(request.body(), nullptr, false);
        if (!parsed.is_object()) {
            *error =
                R"(invalid JSON: expected an object {"author": "…", "body": "…"} or a form post)";
            return std::nullopt;
        }
        if (!parsed.value("body", json()).is_string()) {
            *error = R"(the field "body" is missing or not a string)";
            return std::nullopt;
        }
        author = parsed.value("author", json("")).is_string() ? parsed.value("author", "") : "";
        body = parsed["body"].get<std::string>();
    }

    if (author.empty()) {
        author = "anonymous";
    }
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        *error = "the message body is empty";
        return std::nullopt;
    }
    if (characterCount(author) > kMaxAuthorChars || characterCount(body) > kMaxBodyChars) {
        *error = "author is limited to " + std::to_string(kMaxAuthorChars) +
                 " characters and body to " + std::to_string(kMaxBodyChars);
        return std::nullopt;
    }
    return std::pair{author, body};
}

}  // namespace

}  // namespace wsl
