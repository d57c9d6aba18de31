#include "http_node.h"

namespace wsl {

HttpNode::HttpNode(NodeSpec spec, const NodeEnvironment& environment)
    : Node(std::move(spec)),
      tracer_(environment.tracer),
      server_(environment.io,
              HttpServer::Options{this->spec().name, environment.limits, environment.peerNamer,
                                  &environment.tracer, environment.gate, environment.instanceId},
              [this](HttpRequest& request, RequestContext& context) {
                  return handle(request, context);
              }) {}

std::uint16_t HttpNode::start(std::uint16_t port) {
    return server_.start(spec().address, port);
}

std::uint16_t HttpNode::startTls(std::uint16_t port, const std::string& certificatePem,
                                 const std::string& keyPem) {
    return server_.startTls(spec().address, port, certificatePem, keyPem);
}

void HttpNode::stop() {
    server_.stop();
}

bool HttpNode::running() const {
    return server_.running();
}

NodeCounters HttpNode::counters() const {
    const auto counters = server_.counters();
    return {counters.requests, counters.errors, counters.rejected, counters.openConnections};
}

}  // namespace wsl
