#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "firewall.h"
#include "http_types.h"
#include "topology.h"
#include "trace.h"

namespace wsl {

// A firewall's table as it runs, with how many connections each rule matched since the table
// was last replaced.
struct FirewallStatus {
    FirewallSpec spec;
    std::vector<std::uint64_t> ruleMatches;  // one per rule, in table order
    std::uint64_t defaultMatches = 0;
    std::uint64_t allowed = 0;
    std::uint64_t blocked = 0;
};

// The running firewalls of one engine. Listeners ask screen() about every new connection or
// datagram before they read from it. Every blocked one is counted, recorded as a span with
// outcome Blocked and reported as a "firewall" event (at most one per firewall and second).
// Thread-safe.
class Firewalls {
public:
    // `topology` must pass validateFirewalls(). Every nonzero rule port moves by `portOffset`,
    // as the nodes' ports do.
    Firewalls(const Topology& topology, int portOffset, Tracer& tracer, PeerNamer peerNamer);
    ~Firewalls();
    Firewalls(const Firewalls&) = delete;
    Firewalls& operator=(const Firewalls&) = delete;

    // Returns the action for a connection (tcp) or datagram (udp) from `sourceAddress` to
    // `port` of `node`. Allow when no enabled firewall protects `node`.
    FirewallAction screen(const std::string& node, FirewallProtocol protocol,
                          const std::string& sourceAddress, std::uint16_t port);

    // A ConnectionScreen for the listener of `node`, for `protocol`.
    ConnectionScreen screenFor(const std::string& node, FirewallProtocol protocol);

    std::vector<FirewallStatus> statuses() const;
    std::optional<FirewallStatus> status(const std::string& name) const;

    // Replaces a firewall's table (and its default action when given) for new connections,
    // and resets its counters. Returns an error message naming the first invalid rule, or empty
    // on success. On error the old table stays.
    std::string setRules(const std::string& name, std::vector<FirewallRule> rules,
                         std::optional<FirewallAction> defaultAction);
    // Returns an error message, empty on success.
    std::string setEnabled(const std::string& name, bool enabled);

private:
    struct Running;

    Running* findByName(const std::string& name);
    void recordBlocked(const std::string& firewall, FirewallProtocol protocol,
                       const std::string& sourceName, const std::string& reason);

    const Topology topology_;
    Tracer& tracer_;
    const PeerNamer peerNamer_;
    mutable std::mutex mutex_;
    std::map<std::string, Running> byNode_;  // keyed by the protected node's name
};

}  // namespace wsl
