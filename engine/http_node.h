#pragma once

#include <utility>

#include <mutex>

#include <boost/asio/io_context.hpp>

#include "http_server.h"
#include "node.h"

namespace wsl {

class Firewalls;
class UpstreamPool;
class NetworkContexts;

// The services every node receives from the engine that runs it.
struct NodeEnvironment {
    boost::asio::io_context& io;
    Tracer& tracer;
    PeerNamer peerNamer;
    HttpLimits limits;
    HopGate* gate = nullptr;
    std::string instanceId;
    Firewalls* firewalls = nullptr;  // null: no node is behind a firewall
    AccessLogWriter* accessLog = nullptr;
    UpstreamPool* upstreamPool = nullptr;  // null: every forwarded request opens a connection
    NetworkContexts* connectionContexts = nullptr;  // null: connections run on strands of `io`
};

// A node that serves HTTP: the listener, limits and spans come from HttpServer; subclasses
// provide handle().
class HttpNode : public Node {
public:
    HttpNode(NodeSpec spec, const NodeEnvironment& environment);

    std::uint16_t start(std::uint16_t port) override;
    void stop() override;
    bool running() const override;
    NodeCounters counters() const override;
    RequestMetricsSnapshot metrics() const;

    // Opens a second listener on `address`:`port` that serves the same handler, for a virtual
    // address that moves between nodes. Returns false, binding nothing, while the node is
    // stopped. Throws std::system_error when the address cannot be bound.
    bool bindVirtualAddress(const std::string& address, std::uint16_t port);
    // Closes the virtual address's listener and its connections; stop() does it too.
    void releaseVirtualAddress();
    bool holdsVirtualAddress() const;

protected:
    virtual boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                        RequestContext& context) = 0;
    Tracer& tracer() { return tracer_; }
    // The engine's keep-alive connections for requests this node forwards; may be null.
    UpstreamPool* upstreamPool() const { return upstreamPool_; }
    // Opens the HTTPS listener beside the HTTP one (see HttpServer::startTls).
    std::uint16_t startTls(std::uint16_t port, const std::string& certificatePem,
                           const std::string& keyPem);

private:
    Tracer& tracer_;
    UpstreamPool* const upstreamPool_;
    HttpServer server_;
    HttpServer virtualServer_;
    // Orders stop() against bindVirtualAddress(), so that a stopped node never keeps a
    // virtual address that was bound while it stopped.
    std::mutex listenersMutex_;
};

}  // namespace wsl
