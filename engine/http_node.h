#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>

#include "http_server.h"
#include "node.h"

namespace wsl {

// The services every node receives from the engine that runs it.
struct NodeEnvironment {
    boost::asio::io_context& io;
    Tracer& tracer;
    PeerNamer peerNamer;
    HttpLimits limits;
    HopGate* gate = nullptr;
    std::string instanceId;
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

protected:
    virtual boost::asio::awaitable<HttpResponse> handle(HttpRequest& request,
                                                        RequestContext& context) = 0;
    Tracer& tracer() { return tracer_; }
    // Opens the HTTPS listener beside the HTTP one (see HttpServer::startTls).
    std::uint16_t startTls(std::uint16_t port, const std::string& certificatePem,
                           const std::string& keyPem);

private:
    Tracer& tracer_;
    HttpServer server_;
};

}  // namespace wsl
