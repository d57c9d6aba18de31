#include "spof.h"

#include <algorithm>
#include <set>

namespace wsl {

namespace {

bool servesVisitors(NodeKind kind) {
    return kind != NodeKind::Client && kind != NodeKind::Collector;
}

std::string unitOf(const NodeSpec& node) {
    return node.host.empty() ? node.name : node.host;
}

// The site's dependencies, evaluated over the nodes that `isUp` reports as up.
class SiteModel {
public:
    SiteModel(const Topology& topology, std::function<bool(const std::string&)> isUp,
              std::string primary)
        : topology_(topology), isUp_(std::move(isUp)), primary_(std::move(primary)) {
        if (primary_.empty()) {
            for (const auto* database : topology_.ofKind(NodeKind::Database)) {
                if (!database->replica) {
                    primary_ = database->name;
                    break;
                }
            }
        }
    }

    std::vector<SiteFunction> working(const std::set<std::string>& failed) const {
        std::vector<SiteFunction> result;
        const auto up = [&](const NodeSpec& node) {
            return !failed.contains(node.name) && isUp_(node.name);
        };
        if (!reachesWeb(up)) {
            return result;
        }
        result.push_back(SiteFunction::Pages);
        if (!anyUp(NodeKind::AppServer, up)) {
            return result;
        }
        const bool primaryUp = std::ranges::any_of(
            topology_.ofKind(NodeKind::Database),
            [&](const NodeSpec* db) { return db->name == primary_ && up(*db); });
        const bool replicaUp = std::ranges::any_of(
            topology_.ofKind(NodeKind::Database),
            [&](const NodeSpec* db) { return db->name != primary_ && up(*db); });
        if (primaryUp || replicaUp) {
            result.push_back(SiteFunction::Reads);
        }
        const bool autoPromotes = topology_.replication.autoPromoteAfter.count() > 0;
        if (primaryUp || (autoPromotes && replicaUp)) {
            result.push_back(SiteFunction::Writes);
        }
        return result;
    }

private:
    template <typename Up>
    bool anyUp(NodeKind kind, const Up& up) const {
        return std::ranges::any_of(topology_.ofKind(kind),
                                   [&](const NodeSpec* node) { return up(*node); });
    }

    // Returns whether a visitor reaches a web server: through DNS, the entry and a web server.
    template <typename Up>
    bool reachesWeb(const Up& up) const {
        // The built-in client queries the first DNS server only.
        const auto dns = topology_.ofKind(NodeKind::Dns);
        if (!dns.empty() && !up(*dns.front())) {
            return false;
        }
        const auto balancers = topology_.ofKind(NodeKind::LoadBalancer);
        if (balancers.empty()) {
            const auto* entry = entryNode(topology_);
            return entry != nullptr && up(*entry);
        }
        const bool paired = !topology_.loadBalancerPair.virtualAddress.empty();
        const bool entryUp = paired ? anyUp(NodeKind::LoadBalancer, up) : up(*balancers.front());
        return entryUp && anyUp(NodeKind::WebServer, up);
    }

    const Topology& topology_;
    std::function<bool(const std::string&)> isUp_;
    std::string primary_;
};

// Returns the failure units in topology order: each host once, each node without a host.
std::vector<SinglePointOfFailure> failureUnits(const Topology& topology) {
    std::vector<SinglePointOfFailure> units;
    for (const auto& node : topology.nodes) {
        if (!servesVisitors(node.kind)) {
            continue;
        }
        const auto name = unitOf(node);
        auto found = std::ranges::find(units, name, &SinglePointOfFailure::name);
        if (found == units.end()) {
            units.push_back({name, {}, {}});
            found = units.end() - 1;
        }
        found->members.push_back(node.name);
    }
    return units;
}

}  // namespace

const char* siteFunctionName(SiteFunction function) {
    switch (function) {
        case SiteFunction::Pages:
            return "pages";
        case SiteFunction::Reads:
            return "reads";
        case SiteFunction::Writes:
            return "writes";
    }
    return "unknown";
}

SpofReport analyseSpof(const Topology& topology,
                       const std::function<bool(const std::string& node)>& isUp,
                       const std::string& primary) {
    const SiteModel model(topology, isUp, primary);
    const auto now = model.working({});
    SpofReport report;
    for (auto unit : failureUnits(topology)) {
        // A unit that is down already is skipped, because what it stops has stopped already.
        if (std::ranges::none_of(unit.members, isUp)) {
            continue;
        }
        const std::set<std::string> failed(unit.members.begin(), unit.members.end());
        const auto after = model.working(failed);
        for (const auto function : now) {
            if (std::ranges::find(after, function) == after.end()) {
                unit.stops.push_back(function);
            }
        }
        if (!unit.stops.empty()) {
            report.points.push_back(std::move(unit));
        }
    }
    return report;
}

}  // namespace wsl
