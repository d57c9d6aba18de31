#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wsl {

struct Topology;

enum class FirewallAction { Allow, Reject, Drop };
enum class FirewallProtocol { Tcp, Udp, Any };

const char* firewallActionName(FirewallAction action);
const char* firewallProtocolName(FirewallProtocol protocol);
std::optional<FirewallAction> firewallActionFromName(const std::string& name);
std::optional<FirewallProtocol> firewallProtocolFromName(const std::string& name);

// One line of a firewall's table. `source` is "any", a node name, an IPv4 address or an IPv4
// CIDR block such as "127.0.20.0/24". `port` is the destination port, 0 for any port.
struct FirewallRule {
    FirewallAction action = FirewallAction::Allow;
    FirewallProtocol protocol = FirewallProtocol::Any;
    std::string source = "any";
    std::uint16_t port = 0;
};

// A firewall in front of one node. Rules are tried in order and the first match decides; a
// connection that matches none gets `defaultAction`, which is a deny (reject or drop).
// Ports are those of the topology: the engine moves them with the nodes' ports when the
// default ports are busy.
struct FirewallSpec {
    std::string name;      // e.g. "fw-web-1"
    std::string protects;  // the node's name
    std::vector<FirewallRule> rules;
    FirewallAction defaultAction = FirewallAction::Reject;
    bool enabled = true;
};

// "reject tcp from any to port 8080", "allow udp from 127.0.0.0/8 to any port".
std::string describeRule(const FirewallRule& rule);

// Whether `rule` applies to a packet or connection from `sourceAddress` (the node
// `sourceName`, or "external") to `port` over `protocol`.
bool ruleMatches(const FirewallRule& rule, FirewallProtocol protocol,
                 const std::string& sourceAddress, const std::string& sourceName,
                 std::uint16_t port);

// Checks one rule against the topology's node names. Returns an error message, empty when the
// rule is valid.
std::string validateRule(const FirewallRule& rule, const Topology& topology);

// Checks every firewall of the topology: unique names that are not node names, an existing
// protected node (at most one firewall each), a deny as default action and valid rules.
// Returns an error message naming the firewall, empty when all are valid.
std::string validateFirewalls(const Topology& topology);

// The rule tables of the Secured stage: one firewall in front of every server. Only load
// balancers reach the web servers, only web servers reach the application servers, only
// application servers (and the primary, which ships changesets to the replicas) reach the
// databases, and anyone reaches the load balancers and the DNS server. Everything else is
// rejected. A node whose port is 0 (chosen by the OS) gets rules for any port.
std::vector<FirewallSpec> securedFirewalls(const Topology& topology);

// Decides what a listener does with a new connection or datagram from `sourceAddress` to
// its own `port`, before reading anything from it.
using ConnectionScreen =
    std::function<FirewallAction(const std::string& sourceAddress, std::uint16_t port)>;

}  // namespace wsl
