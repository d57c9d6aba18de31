#pragma once

#include "dns_server.h"
#include "node.h"

namespace wsl {

// The DNS server as a node of the stack, so that it can be failed and restored like the rest.
class DnsNode : public Node {
public:
    DnsNode(NodeSpec spec, boost::asio::io_context& io, DnsZone zone, Tracer& tracer)
        : Node(std::move(spec)), server_(io, name(), std::move(zone), tracer, faultInjector()) {}

    std::uint16_t start(std::uint16_t port) override { return server_.start(spec().address, port); }
    void stop() override { server_.stop(); }
    bool running() const override { return server_.running(); }
    void setScreen(ConnectionScreen screen) { server_.setScreen(std::move(screen)); }
    NodeCounters counters() const override {
        return {server_.queriesAnswered(), 0, server_.queriesIgnored(), 0};
    }

private:
    DnsServer server_;
};

}  // namespace wsl
