#include "web_server.h"

#include "static_files.h"
#include "upstream_client.h"

namespace wsl {

namespace {

// An application server that has not responded in this time gets a 504 from the web server.
constexpr std::chrono::milliseconds kAppTimeout{10000};

}  // namespace

WebServer::WebServer(NodeSpec spec, const NodeEnvironment& environment,
                     std::filesystem::path siteRoot, std::vector<UpstreamTarget> appServers)
    : HttpNode(std::move(spec), environment),
      siteRoot_(std::move(siteRoot)),
      appServers_(std::move(appServers)) {}

void WebServer::setAppServers(std::vector<UpstreamTarget> appServers) {
    std::lock_guard lock(appServersMutex_);
    appServers_ = std::move(appServers);
}

void WebServer::addAppServer(const UpstreamTarget& appServer) {
    std::lock_guard lock(appServersMutex_);
    appServers_.push_back(appServer);
}

void WebServer::removeAppServer(const std::string& node) {
    std::lock_guard lock(appServersMutex_);
    std::erase_if(appServers_,
                  [&node](const UpstreamTarget& appServer) { return appServer.node == node; });
}

// Round robin over the application servers; a copy, so that removing one meanwhile is safe.
std::optional<UpstreamTarget> WebServer::nextAppServer() {
    std::lock_guard lock(appServersMutex_);
    if (appServers_.empty()) {
        return std::nullopt;
    }
    return appServers_[nextApp_++ % appServers_.size()];
}

boost::asio::awaitable<HttpResponse> WebServer::handle(HttpRequest& request,
                                                       RequestContext& context) {
    HttpResponse response;
    if (request.target().starts_with("/api/")) {
        response = co_await forwardToApp(request, context);
    } else {
        response = serveFile(request);
    }
    response.set("X-Served-By", name());
    co_return response;
}

HttpResponse WebServer::serveFile(const HttpRequest& request) const {
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        auto response = makeErrorResponse(request, http::status::method_not_allowed,
                                          "static files accept GET and HEAD only");
        response.set(http::field::allow, "GET, HEAD");
        return response;
    }
    auto file = readStaticFile(siteRoot_, std::string(request.target()));
    if (!file) {
        return makeErrorResponse(request, http::status::not_found,
                                 "no file at " + std::string(request.target()));
    }
    if (file->contentType.starts_with("text/html")) {
        // Pages name the server that rendered them, as a server-side include would.
        static constexpr std::string_view kPlaceholder = "{{served-by}}";
        for (auto at = file->body.find(kPlaceholder); at != std::string::npos;
             at = file->body.find(kPlaceholder, at)) {
            file->body.replace(at, kPlaceholder.size(), name());
        }
    }
    auto response =
        makeResponse(request, http::status::ok, std::move(file->body), file->contentType);
    if (request.method() == http::verb::head) {
        // HEAD keeps the GET's Content-Length but sends no body.
        const auto length = response.body().size();
        response.body().clear();
        response.content_length(length);
    }
    return response;
}

boost::asio::awaitable<HttpResponse> WebServer::forwardToApp(HttpRequest& request,
                                                             RequestContext& context) {
    const auto picked = nextAppServer();
    if (!picked) {
        co_return makeErrorResponse(request, http::status::bad_gateway,
                                    name() + " has no application server");
    }
    const auto app = *picked;

    const FieldEdits edits{{"X-Web-Server", name()}};
    auto result = co_await forwardRequest(context, app, request, edits, kAppTimeout, upstreamPool());
    if (result.outcome == Outcome::Timeout) {
        context.outcome = Outcome::Timeout;
        co_return makeErrorResponse(request, http::status::gateway_timeout,
                                    app.node + " did not answer in time");
    }
    if (!result.response) {
        context.outcome = result.outcome;
        context.detail = app.node + ": " + result.error;
        co_return makeErrorResponse(request, http::status::bad_gateway,
                                    app.node + " is unreachable: " + result.error);
    }
    auto response = std::move(*result.response);
    response.keep_alive(request.keep_alive());
    co_return response;
}

}  // namespace wsl
