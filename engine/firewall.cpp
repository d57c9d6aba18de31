#include "firewall.h"

#include <boost/asio/ip/address_v4.hpp>

#include <charconv>
#include <set>

#include "topology.h"

namespace wsl {

namespace {

namespace ip = boost::asio::ip;

struct Block {
    std::uint32_t network = 0;
    std::uint32_t mask = 0;
};

// Parses "a.b.c.d" (a /32 block) or "a.b.c.d/n".
std::optional<Block> parseBlock(const std::string& text) {
    const auto slash = text.find('/');
    boost::system::error_code ec;
    const auto address = ip::make_address_v4(text.substr(0, slash), ec);
    if (ec) {
        return std::nullopt;
    }
    int prefix = 32;
    if (slash != std::string::npos) {
        const auto* first = text.data() + slash + 1;
        const auto* last = text.data() + text.size();
        const auto [end, error] = std::from_chars(first, last, prefix);
        if (error != std::errc{} || end != last || first == last || prefix < 0 || prefix > 32) {
            return std::nullopt;
        }
    }
    // A shift by 32 is undefined, so /0 gets its empty mask explicitly.
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return Block{address.to_uint() & mask, mask};
}

bool sourceMatches(const std::string& source, const std::string& sourceAddress,
                   const std::string& sourceName) {
    if (source == "any" || source == sourceAddress || source == sourceName) {
        return true;
    }
    const auto block = parseBlock(source);
    boost::system::error_code ec;
    const auto address = ip::make_address_v4(sourceAddress, ec);
    return block && !ec && (address.to_uint() & block->mask) == block->network;
}

FirewallRule allowFrom(const std::string& source, FirewallProtocol protocol, std::uint16_t port) {
    return {FirewallAction::Allow, protocol, source, port};
}

void allowTcpFromKind(FirewallSpec& firewall, const Topology& topology, NodeKind kind,
                      std::uint16_t port) {
    for (const auto* sender : topology.ofKind(kind)) {
        firewall.rules.push_back(allowFrom(sender->name, FirewallProtocol::Tcp, port));
    }
}

FirewallSpec securedFirewallFor(const NodeSpec& node, const Topology& topology) {
    FirewallSpec firewall;
    firewall.name = "fw-" + node.name;
    firewall.protects = node.name;
    switch (node.kind) {
        case NodeKind::LoadBalancer:
            firewall.rules.push_back(allowFrom("any", FirewallProtocol::Tcp, node.port));
            if (node.httpsPort && *node.httpsPort != 0) {
                firewall.rules.push_back(allowFrom("any", FirewallProtocol::Tcp, *node.httpsPort));
            }
            break;
        case NodeKind::WebServer:
            allowTcpFromKind(firewall, topology, NodeKind::LoadBalancer, node.port);
            break;
        case NodeKind::AppServer:
            allowTcpFromKind(firewall, topology, NodeKind::WebServer, node.port);
            break;
        case NodeKind::Database:
            allowTcpFromKind(firewall, topology, NodeKind::AppServer, node.port);
            // Every database may become the primary after a promotion, and then ships to the
            // others or resynchronises from them.
            for (const auto* other : topology.ofKind(NodeKind::Database)) {
                if (other->name != node.name) {
                    firewall.rules.push_back(
                        allowFrom(other->name, FirewallProtocol::Tcp, node.port));
                }
            }
            break;
        case NodeKind::Dns:
            firewall.rules.push_back(allowFrom("any", FirewallProtocol::Udp, node.port));
            break;
        case NodeKind::Collector:
            // Agents push from every server, and a teacher reads /metrics from a shell or a
            // browser on the same machine, as an operator would from the monitoring network.
            firewall.rules.push_back(allowFrom("any", FirewallProtocol::Tcp, node.port));
            break;
        case NodeKind::Client:
            break;
    }
    return firewall;
}

std::string validateFirewall(const FirewallSpec& firewall, const Topology& topology,
                             std::set<std::string>& names, std::set<std::string>& protectedNodes) {
    if (firewall.name.empty()) {
        return "a firewall has no name";
    }
    if (topology.find(firewall.name) != nullptr) {
        return "firewall " + firewall.name + " has the name of a node; choose another name";
    }
    if (!names.insert(firewall.name).second) {
        return "two firewalls are named " + firewall.name;
    }
    if (topology.find(firewall.protects) == nullptr) {
        return "firewall " + firewall.name + " protects '" + firewall.protects +
               "', which is not a node";
    }
    if (!protectedNodes.insert(firewall.protects).second) {
        return "firewall " + firewall.name + " protects " + firewall.protects +
               ", which another firewall already protects";
    }
    if (firewall.defaultAction == FirewallAction::Allow) {
        return "firewall " + firewall.name + " has default action allow; use reject or drop";
    }
    for (std::size_t i = 0; i < firewall.rules.size(); ++i) {
        if (auto error = validateRule(firewall.rules[i], topology); !error.empty()) {
            return "firewall " + firewall.name + ", rule " + std::to_string(i + 1) + ": " + error;
        }
    }
    return {};
}

}  // namespace

const char* firewallActionName(FirewallAction action) {
    switch (action) {
        case FirewallAction::Allow:
            return "allow";
        case FirewallAction::Reject:
            return "reject";
        case FirewallAction::Drop:
            return "drop";
    }
    return "reject";
}

const char* firewallProtocolName(FirewallProtocol protocol) {
    switch (protocol) {
        case FirewallProtocol::Tcp:
            return "tcp";
        case FirewallProtocol::Udp:
            return "udp";
        case FirewallProtocol::Any:
            return "any";
    }
    return "any";
}

std::optional<FirewallAction> firewallActionFromName(const std::string& name) {
    for (const auto action :
         {FirewallAction::Allow, FirewallAction::Reject, FirewallAction::Drop}) {
        if (name == firewallActionName(action)) {
            return action;
        }
    }
    return std::nullopt;
}

std::optional<FirewallProtocol> firewallProtocolFromName(const std::string& name) {
    for (const auto protocol :
         {FirewallProtocol::Tcp, FirewallProtocol::Udp, FirewallProtocol::Any}) {
        if (name == firewallProtocolName(protocol)) {
            return protocol;
        }
    }
    return std::nullopt;
}

std::string describeRule(const FirewallRule& rule) {
    const auto port =
        rule.port == 0 ? std::string("any port") : "port " + std::to_string(rule.port);
    return std::string(firewallActionName(rule.action)) + " " +
           firewallProtocolName(rule.protocol) + " from " + rule.source + " to " + port;
}

bool ruleMatches(const FirewallRule& rule, FirewallProtocol protocol,
                 const std::string& sourceAddress, const std::string& sourceName,
                 std::uint16_t port) {
    const bool protocolMatches =
        rule.protocol == FirewallProtocol::Any || rule.protocol == protocol;
    const bool portMatches = rule.port == 0 || rule.port == port;
    return protocolMatches && portMatches && sourceMatches(rule.source, sourceAddress, sourceName);
}

std::string validateRule(const FirewallRule& rule, const Topology& topology) {
    if (rule.source.empty()) {
        return "source is empty; use \"any\", a node name, an IPv4 address or a CIDR block";
    }
    if (rule.source != "any" && topology.find(rule.source) == nullptr && !parseBlock(rule.source)) {
        return "source '" + rule.source +
               "' is not \"any\", a node name, an IPv4 address or a CIDR block";
    }
    return {};
}

std::string validateFirewalls(const Topology& topology) {
    std::set<std::string> names;
    std::set<std::string> protectedNodes;
    for (const auto& firewall : topology.firewalls) {
        if (auto error = validateFirewall(firewall, topology, names, protectedNodes);
            !error.empty()) {
            return error;
        }
    }
    return {};
}

std::vector<FirewallSpec> securedFirewalls(const Topology& topology) {
    std::vector<FirewallSpec> firewalls;
    for (const auto& node : topology.nodes) {
        if (node.kind != NodeKind::Client) {
            firewalls.push_back(securedFirewallFor(node, topology));
        }
    }
    return firewalls;
}

}  // namespace wsl
