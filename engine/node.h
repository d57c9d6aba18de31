#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fault.h"
#include "topology.h"

namespace wsl {

struct NodeCounters {
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t rejected = 0;
    std::uint64_t openConnections = 0;
};

// One running component of the stack. start() and stop() are the real thing: stop() closes
// the listener and its connections, start() binds the same address and port again.
class Node {
public:
    explicit Node(NodeSpec spec)
        : spec_(std::move(spec)), faults_(std::make_shared<FaultInjector>()) {}
    virtual ~Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    const NodeSpec& spec() const { return spec_; }
    const std::string& name() const { return spec_.name; }

    // Binds spec().address on `port` (0: the OS chooses) and returns the bound port. Throws
    // std::system_error when the address cannot be bound.
    virtual std::uint16_t start(std::uint16_t port) = 0;
    virtual void stop() = 0;
    virtual bool running() const = 0;
    virtual NodeCounters counters() const = 0;

    // The injected fault that this node's server applies to every request it receives.
    FaultInjector& faults() const { return *faults_; }

protected:
    const std::shared_ptr<FaultInjector>& faultInjector() const { return faults_; }

private:
    NodeSpec spec_;
    // Shared with the server, whose connections may outlive the node during stop().
    std::shared_ptr<FaultInjector> faults_;
};

}  // namespace wsl
