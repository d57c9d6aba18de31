#pragma once

#include <utility>

#include <boost/asio/thread_pool.hpp>

#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "database.h"
#include "http_client.h"
#include "http_node.h"

namespace wsl {

// A database server: one SQLite file behind a small JSON API over HTTP.
//   POST /query      {"sql": "…", "params": […]} -> {"rows": […], "changes": n, …}
//   POST /replicate  a changeset from the primary (replicas only)
//   GET  /           the node's role, for health checks
// The primary ships every write's changeset to each replica asynchronously, in commit order.
class DatabaseNode : public HttpNode {
public:
    DatabaseNode(NodeSpec spec, const NodeEnvironment& environment, std::filesystem::path file);
    ~DatabaseNode() override;

    // Primary only: where changesets go. Set before start().
    void setReplicas(std::vector<UpstreamTarget> replicas);
    void setPrimaryName(std::string primary);
    bool isReplica() const { return spec().replica; }

    std::uint16_t start(std::uint16_t port) override;
    void stop() override;

protected:
    boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                RequestContext& context) override;

private:
    struct ReplicaLink;

    boost::asio::awaitable<HttpResponse> runQuery(const HttpRequest& request,
                                                  RequestContext& context);
    boost::asio::awaitable<HttpResponse> applyChangeset(const HttpRequest& request,
                                                        const RequestContext& context);
    void ship(const std::vector<std::uint8_t>& changeset);
    boost::asio::awaitable<void> drain(std::shared_ptr<ReplicaLink> link);

    boost::asio::io_context& io_;
    const std::string instanceId_;
    // SQLite blocks, so every call runs here, one at a time, never on a network thread.
    boost::asio::thread_pool worker_{1};
    std::unique_ptr<Database> database_;
    std::string primaryName_;
    std::vector<std::shared_ptr<ReplicaLink>> links_;
    std::atomic<bool> shipping_{false};
};

}  // namespace wsl
