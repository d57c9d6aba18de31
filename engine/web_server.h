#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

#include "http_client.h"
#include "http_node.h"

namespace wsl {

// Serves the demo site's files from `siteRoot` and forwards `/api/…` to the application
// servers in turn. Every response carries `X-Served-By: <name>`.
class WebServer : public HttpNode {
public:
    WebServer(NodeSpec spec, const NodeEnvironment& environment, std::filesystem::path siteRoot,
              std::vector<UpstreamTarget> appServers);

    // The application servers' ports are known only once they are bound.
    void setAppServers(std::vector<UpstreamTarget> appServers);
    // Scale out and in while requests flow: a removed server gets no new requests, and the
    // ones already forwarded to it go on.
    void addAppServer(const UpstreamTarget& appServer);
    void removeAppServer(const std::string& node);

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    HttpResponse serveFile(const HttpRequest& request) const;
    boost::asio::awaitable<HttpResponse> forwardToApp(HttpRequest& request,
                                                      RequestContext& context);

    std::optional<UpstreamTarget> nextAppServer();

    const std::filesystem::path siteRoot_;
    std::mutex appServersMutex_;
    std::vector<UpstreamTarget> appServers_;  // guarded by appServersMutex_
    std::size_t nextApp_ = 0;                 // guarded by appServersMutex_
};

}  // namespace wsl
