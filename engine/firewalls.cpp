#include "firewalls.h"

#include <utility>

namespace wsl {

namespace {

// A flood of blocked connections must not flood the event store: each firewall reports at most
// one blocked connection per interval, with the number held back since its last report.
constexpr auto kEventInterval = std::chrono::seconds(1);

std::uint16_t shifted(std::uint16_t port, int offset) {
    return port == 0 ? port : static_cast<std::uint16_t>(port + offset);
}

// The decision of one screen() call, taken under the lock and reported after it.
struct Verdict {
    FirewallAction action = FirewallAction::Allow;
    std::string firewall;
    std::string reason;  // "rule 2: reject tcp from any to port 8080" or "default deny: drop"
    std::optional<std::uint64_t> heldBackEvents;  // nullopt: no event this time
};

}  // namespace

struct Firewalls::Running {
    FirewallStatus status;
    std::optional<Clock::time_point> lastEvent;
    std::uint64_t heldBackEvents = 0;

    // Returns the number of events held back since the last one, or nullopt when this one
    // must be held back too.
    std::optional<std::uint64_t> admitEvent(Clock::time_point now) {
        if (lastEvent && now - *lastEvent < kEventInterval) {
            ++heldBackEvents;
            return std::nullopt;
        }
        lastEvent = now;
        return std::exchange(heldBackEvents, 0);
    }
};

Firewalls::Firewalls(const Topology& topology, int portOffset, Tracer& tracer, PeerNamer peerNamer)
    : topology_(topology), tracer_(tracer), peerNamer_(std::move(peerNamer)) {
    for (auto spec : topology.firewalls) {
        for (auto& rule : spec.rules) {
            rule.port = shifted(rule.port, portOffset);
        }
        Running running;
        running.status.ruleMatches.assign(spec.rules.size(), 0);
        running.status.spec = std::move(spec);
        byNode_.emplace(running.status.spec.protects, std::move(running));
    }
}

Firewalls::~Firewalls() = default;

FirewallAction Firewalls::screen(const std::string& node, FirewallProtocol protocol,
                                 const std::string& sourceAddress, std::uint16_t port) {
    const auto sourceName = peerNamer_ ? peerNamer_(sourceAddress) : std::string("external");
    Verdict verdict;
    {
        std::lock_guard lock(mutex_);
        const auto found = byNode_.find(node);
        if (found == byNode_.end() || !found->second.status.spec.enabled) {
            return FirewallAction::Allow;
        }
        auto& status = found->second.status;
        const auto& rules = status.spec.rules;
        std::size_t index = 0;
        while (index < rules.size() &&
               !ruleMatches(rules[index], protocol, sourceAddress, sourceName, port)) {
            ++index;
        }
        if (index < rules.size()) {
            ++status.ruleMatches[index];
            verdict.action = rules[index].action;
            verdict.reason =
                "rule " + std::to_string(index + 1) + ": " + describeRule(rules[index]);
        } else {
            ++status.defaultMatches;
            verdict.action = status.spec.defaultAction;
            verdict.reason =
                std::string("default deny: ") + firewallActionName(status.spec.defaultAction);
        }
        if (verdict.action == FirewallAction::Allow) {
            ++status.allowed;
            return verdict.action;
        }
        ++status.blocked;
        verdict.firewall = status.spec.name;
        verdict.heldBackEvents = found->second.admitEvent(Clock::now());
    }

    recordBlocked(verdict.firewall, protocol, sourceName, verdict.reason);
    if (verdict.heldBackEvents) {
        const auto more = *verdict.heldBackEvents == 0
                              ? std::string()
                              : " (and " + std::to_string(*verdict.heldBackEvents) +
                                    " more since the last report)";
        tracer_.event(verdict.firewall, "firewall",
                      std::string(firewallActionName(verdict.action)) + " " +
                          firewallProtocolName(protocol) + " from " + sourceName + " (" +
                          sourceAddress + ") to " + node + " port " + std::to_string(port) +
                          " by " + verdict.reason + more);
    }
    return verdict.action;
}

// A blocked connection's request is never read, so its span starts a trace of its own and
// ends it: the firewall is both the entry and the last hop.
void Firewalls::recordBlocked(const std::string& firewall, FirewallProtocol protocol,
                              const std::string& sourceName, const std::string& reason) {
    Span span;
    span.traceId = newTraceId();
    span.spanId = newSpanId();
    span.node = firewall;
    span.peer = sourceName;
    span.protocol = protocol == FirewallProtocol::Udp ? "dns" : "http";
    span.outcome = Outcome::Blocked;
    span.detail = reason;
    span.startUs = tracer_.nowUs();
    span.endUs = span.startUs;
    span.entry = true;
    tracer_.record(std::move(span));
}

ConnectionScreen Firewalls::screenFor(const std::string& node, FirewallProtocol protocol) {
    return [this, node, protocol](const std::string& sourceAddress, std::uint16_t port) {
        return screen(node, protocol, sourceAddress, port);
    };
}

std::vector<FirewallStatus> Firewalls::statuses() const {
    std::vector<FirewallStatus> result;
    std::lock_guard lock(mutex_);
    // In topology order rather than map order, as the nodes are listed.
    for (const auto& spec : topology_.firewalls) {
        result.push_back(byNode_.at(spec.protects).status);
    }
    return result;
}

std::optional<FirewallStatus> Firewalls::status(const std::string& name) const {
    std::lock_guard lock(mutex_);
    for (const auto& [node, running] : byNode_) {
        if (running.status.spec.name == name) {
            return running.status;
        }
    }
    return std::nullopt;
}

Firewalls::Running* Firewalls::findByName(const std::string& name) {
    for (auto& [node, running] : byNode_) {
        if (running.status.spec.name == name) {
            return &running;
        }
    }
    return nullptr;
}

std::string Firewalls::setRules(const std::string& name, std::vector<FirewallRule> rules,
                                std::optional<FirewallAction> defaultAction) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (auto error = validateRule(rules[i], topology_); !error.empty()) {
            return "rule " + std::to_string(i + 1) + ": " + error;
        }
    }
    if (defaultAction == FirewallAction::Allow) {
        return "defaultAction must be reject or drop";
    }

    const auto count = rules.size();
    {
        std::lock_guard lock(mutex_);
        auto* running = findByName(name);
        if (running == nullptr) {
            return "no firewall named '" + name + "'";
        }
        auto& status = running->status;
        status.spec.rules = std::move(rules);
        status.spec.defaultAction = defaultAction.value_or(status.spec.defaultAction);
        status.ruleMatches.assign(count, 0);
        status.defaultMatches = 0;
        status.allowed = 0;
        status.blocked = 0;
    }
    tracer_.event(name, "firewall",
                  "rule table replaced: " + std::to_string(count) + " rules; counters reset");
    return {};
}

std::string Firewalls::setEnabled(const std::string& name, bool enabled) {
    {
        std::lock_guard lock(mutex_);
        auto* running = findByName(name);
        if (running == nullptr) {
            return "no firewall named '" + name + "'";
        }
        running->status.spec.enabled = enabled;
    }
    tracer_.event(name, "firewall",
                  enabled ? name + " enabled" : name + " disabled: every connection passes");
    return {};
}

}  // namespace wsl
