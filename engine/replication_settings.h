#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wsl {

// Settings of database replication and of how the application servers use it. Every field can
// be changed while the stack runs.
struct ReplicationSettings {
    enum class Mode {
        // A write is acknowledged once the primary committed it. Replicas follow later.
        Asynchronous,
        // A write is acknowledged once every in-sync replica applied it. A replica that is
        // unreachable, or has not applied it within 3 s, is marked out of sync and no longer
        // waited for until it catches up, so writes go on with less protection.
        // PostgreSQL instead makes a commit wait until a standby named in
        // synchronous_standby_names confirms it, however long that takes.
        Synchronous,
    };

    Mode mode = Mode::Asynchronous;
    // A changeset is applied on the replicas no earlier than this long after its commit. The
    // primary keeps it meanwhile, so a primary failure loses what it still keeps.
    std::chrono::milliseconds applyDelay{0};
    // A replica is promoted automatically once the primary has failed its checks for this long.
    // Zero: only by hand.
    std::chrono::seconds autoPromoteAfter{0};
    // After a session wrote, the application server sends that session's reads to the primary
    // for this long, so that it reads its own writes. Zero: reads always go to the replicas.
    std::chrono::seconds readYourWritesWindow{0};
};

inline const char* replicationModeName(ReplicationSettings::Mode mode) {
    return mode == ReplicationSettings::Mode::Synchronous ? "synchronous" : "asynchronous";
}

inline std::optional<ReplicationSettings::Mode> replicationModeFromName(std::string_view name) {
    if (name == "synchronous") {
        return ReplicationSettings::Mode::Synchronous;
    }
    if (name == "asynchronous") {
        return ReplicationSettings::Mode::Asynchronous;
    }
    return std::nullopt;
}

}  // namespace wsl
