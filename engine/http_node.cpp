#include "http_node.h"

#include "firewalls.h"

namespace wsl {

namespace {

ConnectionScreen screenOf(const NodeEnvironment& environment, const std::string& node) {
    if (environment.firewalls == nullptr) {
        return {};
    }
    return environment.firewalls->screenFor(node, FirewallProtocol::Tcp);
}

}  // namespace

HttpNode::HttpNode(NodeSpec spec, const NodeEnvironment& environment)
    : Node(std::move(spec)),
      tracer_(environment.tracer),
      server_(environment.io,
              HttpServer::Options{this->spec().name, environment.limits, environment.peerNamer,
                                  &environment.tracer, environment.gate, environment.instanceId,
                                  faultInjector(),
                                  screenOf(environment, this->spec().name),
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
