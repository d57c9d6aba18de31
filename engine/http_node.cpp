#include "http_node.h"

#include "firewalls.h"
#include "upstream_pool.h"

namespace wsl {

namespace {

ConnectionScreen screenOf(const NodeEnvironment& environment, const std::string& node) {
    if (environment.firewalls == nullptr) {
        return {};
    }
    return environment.firewalls->screenFor(node, FirewallProtocol::Tcp);
}

HttpServer::Options serverOptions(const std::string& name, const NodeEnvironment& environment,
                                  std::shared_ptr<FaultInjector> faults) {
    return HttpServer::Options{name,
                               environment.limits,
                               environment.peerNamer,
                               &environment.tracer,
                               environment.gate,
                               environment.instanceId,
                               std::move(faults),
                               screenOf(environment, name),
                               environment.accessLog,
                               environment.connectionContexts};
}

}  // namespace

HttpNode::HttpNode(NodeSpec spec, const NodeEnvironment& environment)
    : Node(std::move(spec)),
      tracer_(environment.tracer),
      upstreamPool_(environment.upstreamPool),
      server_(environment.io, serverOptions(this->spec().name, environment, faultInjector()),
              [this](HttpRequest& request, RequestContext& context) {
                  return handle(request, context);
              }),
      virtualServer_(environment.io, serverOptions(this->spec().name, environment, faultInjector()),
                     [this](HttpRequest& request, RequestContext& context) {
                         return handle(request, context);
                     }) {}

std::uint16_t HttpNode::start(std::uint16_t port) {
    std::lock_guard lock(listenersMutex_);
    return server_.start(spec().address, port);
}

std::uint16_t HttpNode::startTls(std::uint16_t port, const std::string& certificatePem,
                                 const std::string& keyPem) {
    return server_.startTls(spec().address, port, certificatePem, keyPem);
}

void HttpNode::stop() {
    std::lock_guard lock(listenersMutex_);
    virtualServer_.stop();
    server_.stop();
    // A stopped node neither sends nor receives requests, so its idle connections go too.
    if (upstreamPool_ != nullptr) {
        upstreamPool_->closeFor(spec().address);
    }
}

bool HttpNode::bindVirtualAddress(const std::string& address, std::uint16_t port) {
    std::lock_guard lock(listenersMutex_);
    if (!server_.running()) {
        return false;
    }
    if (!virtualServer_.running()) {
        virtualServer_.start(address, port);
    }
    return true;
}

void HttpNode::releaseVirtualAddress() {
    std::lock_guard lock(listenersMutex_);
    virtualServer_.stop();
}

bool HttpNode::holdsVirtualAddress() const {
    return virtualServer_.running();
}

bool HttpNode::running() const {
    return server_.running();
}

NodeCounters HttpNode::counters() const {
    const auto own = server_.counters();
    const auto virtualAddress = virtualServer_.counters();
    return {own.requests + virtualAddress.requests, own.errors + virtualAddress.errors,
            own.rejected + virtualAddress.rejected,
            own.openConnections + virtualAddress.openConnections};
}

RequestMetricsSnapshot HttpNode::metrics() const {
    auto total = server_.metrics();
    addMetrics(total, virtualServer_.metrics());
    return total;
}

}  // namespace wsl
