#include "http_node.h"

namespace wsl {

HttpNode::HttpNode(NodeSpec spec, const NodeEnvironment& environment)
    : Node(std::move(spec)),
      tracer_(environment.tracer),
      server_(environment.io,
              HttpServer::Options{this->spec().name, environment.limits, environment.peerNamer,
                                  &environment.tracer, environment.gate, environment.instanceId,
                                  environment.accessLog},
              [this](HttpRequest& request, RequestContext& context) {
                  return handle(request, context);
              }) {}

std::uint16_t HttpNode::start(std::uint16_t port) {
    return server_.start(spec().address, port);
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

RequestMetricsSnapshot HttpNode::metrics() const {
    return server_.metrics();
}

}  // namespace wsl
