#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "replication_settings.h"

namespace wsl {

// The part a database node plays in replication.
enum class ReplicationRole {
    Primary,
    Replica,
    // A former primary after a replica took its place: it accepts neither writes nor changesets
    // until it rejoins as a replica.
    Fenced,
    // Copying every row from the primary before it follows the primary's changesets again.
    Resynchronising,
};

const char* replicationRoleName(ReplicationRole role);

// How far one replica is behind the primary that ships to it.
struct ReplicaLag {
    std::string replica;
    std::int64_t changesetsBehind = 0;  // committed on the primary, not yet confirmed applied
    std::int64_t msBehind = 0;          // age of the oldest of those; 0 when caught up
    // Synchronous mode: the replica failed to apply a write in time, so writes no longer wait
    // for it. Cleared once it has caught up.
    bool outOfSync = false;
    std::uint64_t shipped = 0;
    std::uint64_t dropped = 0;  // lost to the queue limit: the replica diverged
    std::string lastError;      // of the last failed delivery, empty after a success
};

// A write the old primary acknowledged that the promoted replica never received.
struct LostWrite {
    std::int64_t position = 0;  // the write's number in the old primary's commit order
    std::string primary;        // the old primary
    std::string sql;
    std::string params;  // JSON text
};

struct DatabaseReplicationState {
    std::string name;
    ReplicationRole role = ReplicationRole::Replica;
    bool listening = false;
    // Primary: the number of its last committed write. Replica: of the last write it applied.
    std::int64_t position = 0;
    std::string primary;             // the primary it follows, or its own name
    std::vector<ReplicaLag> lag;     // primary only
    std::int64_t discardedRows = 0;  // diverged rows dropped when it last rejoined
};

struct ReplicationStatus {
    ReplicationSettings settings;
    std::string primary;
    bool primaryReachable = true;
    std::int64_t primaryFailingMs = 0;  // how long its checks have failed; 0 while reachable
    std::string primaryError;           // why the last check failed
    std::vector<DatabaseReplicationState> databases;
    int promotions = 0;
    std::int64_t lostWriteCount = 0;
    std::vector<LostWrite> lostWrites;   // the most recent ones, at most kMaxListedLostWrites
    std::int64_t discardedRowCount = 0;  // over every rejoin

    static constexpr std::size_t kMaxListedLostWrites = 100;
};

}  // namespace wsl
