#pragma once

#include <atomic>
#include <filesystem>
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

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    HttpResponse serveFile(const HttpRequest& request) const;
    boost::asio::awaitable<HttpResponse> forwardToApp(HttpRequest& request,
                                                      RequestContext& context);

    const std::filesystem::path siteRoot_;
    std::vector<UpstreamTarget> appServers_;
    std::atomic<std::size_t> nextApp_{0};
};

}  // namespace wsl
