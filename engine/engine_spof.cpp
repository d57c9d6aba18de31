#include <set>

#include "engine.h"

namespace wsl {

SpofReport Engine::spof() const {
    // A node counts as up while it listens and the balancers have not taken it out.
    std::set<std::string> up;
    for (const auto& status : nodes()) {
        if (status.listening && status.state != "DOWN" && status.state != "MAINT") {
            up.insert(status.name);
        }
    }
    auto topology = this->topology();
    const auto replication = this->replication();
    // Replication settings change at run time, and the topology keeps those it started with.
    topology.replication = replication.settings;
    for (const auto& database : replication.databases) {
        // A fenced or resynchronising database serves neither reads nor writes.
        if (database.role == ReplicationRole::Fenced ||
            database.role == ReplicationRole::Resynchronising) {
            up.erase(database.name);
        }
    }
    return analyseSpof(
        topology, [&up](const std::string& name) { return up.contains(name); },
        replication.primary);
}

}  // namespace wsl
