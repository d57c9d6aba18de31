#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "app_capacity.h"
#include "database_directory.h"
#include "http_client.h"
#include "http_node.h"
#include "recent_writers.h"

namespace wsl {

// The demo site's dynamic part, as JSON under /api/:
//   GET  /api/whoami    which application server and database node answered
//   GET  /api/messages  the message board, read from a replica
//   POST /api/messages  {"author": …, "body": …} written to the primary
// The database targets come from a directory shared with the engine, so that the server
// follows a promoted primary. With a read-your-writes window, a session that wrote reads from
// the primary for that long. The session is the app's `wsl_session` cookie, set on the first
// post, or else the client's address.
class AppServer : public HttpNode {
public:
    using Databases = DatabaseDirectory::Targets;
    static constexpr const char* kSessionCookie = "wsl_session";

    AppServer(NodeSpec spec, const NodeEnvironment& environment, Databases databases);
    AppServer(NodeSpec spec, const NodeEnvironment& environment,
              std::shared_ptr<DatabaseDirectory> directory);
    void setDatabases(Databases databases);

    // "Force HTTPS": a request whose X-Forwarded-Proto is not https gets 308 to the https URL
    // on `httpsPort`, the load balancer's. Behind a balancer that terminates TLS this header is
    // the only sign of HTTPS, so honouring it avoids a redirect loop.
    void setForceHttps(bool enabled, std::uint16_t httpsPort);
    bool forceHttps() const { return forceHttps_; }

    // Limits the requests handled at once; beyond the limit and its queue they get 503.
    void setCapacity(const AppCapacity& capacity) { capacity_.setCapacity(capacity); }

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    // Holds a capacity slot and waits the cost per request before routing.
    boost::asio::awaitable<HttpResponse> handleWithinCapacity(HttpRequest& request,
                                                              RequestContext& context);
    boost::asio::awaitable<HttpResponse> route(const HttpRequest& request, RequestContext& context,
                                               const std::string& path, http::verb method);
    boost::asio::awaitable<HttpResponse> whoami(const HttpRequest& request,
                                                RequestContext& context);
    boost::asio::awaitable<HttpResponse> listMessages(const HttpRequest& request,
                                                      RequestContext& context);
    boost::asio::awaitable<HttpResponse> postMessage(const HttpRequest& request,
                                                     RequestContext& context);
    // Reads go to the replicas in turn, falling back to the primary when a replica is
    // unreachable; writes go to the primary. A session inside its read-your-writes window
    // reads from the primary first. `fromPrimary` reports that case.
    std::vector<UpstreamTarget> readTargets(const std::string& session, bool* fromPrimary);

    std::shared_ptr<DatabaseDirectory> directory_;
    RecentWriters recentWriters_;
    std::atomic<std::size_t> nextReplica_{0};
    std::atomic<bool> forceHttps_{false};
    std::atomic<std::uint16_t> httpsPort_{0};
    CapacityGate capacity_;
};

}  // namespace wsl
