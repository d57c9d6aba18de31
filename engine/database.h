#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wsl {

// Outcome of one SQL statement, shaped for an HTTP response.
struct QueryResult {
    bool ok = false;
    // 200 ok; 400 invalid SQL or parameters, or a statement the lab does not allow; 403 write
    // on a replica; 409 constraint violation; 500 any other failure (including a timeout).
    int httpStatus = 200;
    std::string error;  // empty when ok
    // One object per row, column name -> value. Integers, reals, text and null map to the JSON
    // types. A blob becomes base64 text (RFC 4648, padded) and text that is not valid UTF-8
    // gets U+FFFD for each invalid byte. Of two result columns with the same name, the last
    // one wins.
    nlohmann::json rows = nlohmann::json::array();
    bool truncated = false;  // more rows than Database::kMaxRows: the rest were dropped
    // Set after a write only: rows changed, and the rowid of the last row the statement inserted
    // (0 when it inserted none).
    std::int64_t changes = 0;
    std::int64_t lastInsertId = 0;
    // SQLite session changeset of a committed write on the primary. Empty when no row changed.
    std::vector<std::uint8_t> changeset;
};

// One SQLite database file of the lab: the primary, which records every committed write as a
// changeset, or a replica, which only reads and applies changesets from the primary.
//
// Each write on the primary runs in its own transaction and yields the changeset of that
// transaction. The tables are fixed to the demo schema on both roles because changesets carry
// row changes only, so a CREATE or DROP on the primary would never reach the replicas.
//
// Not thread-safe: the caller serialises every call on one object, including const ones.
class Database {
public:
    enum class Role { Primary, Replica };

    static constexpr std::size_t kMaxRows = 1000;           // rows kept per result
    static constexpr std::size_t kMaxSqlBytes = 64 * 1024;  // longer SQL gets 400

    // Opens the file, creating it and the demo table when missing:
    //   messages(id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL,
    //            created_at TEXT NOT NULL)
    // The journal is WAL with synchronous=NORMAL. Throws std::runtime_error with the path and
    // SQLite's message when the file cannot be opened or set up.
    Database(std::filesystem::path file, Role role);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs exactly one statement with positional parameters `params`: a JSON array of null,
    // booleans, numbers and strings, or null for none. Returns 400 for more than one statement,
    // for ATTACH, DETACH, VACUUM, BEGIN/COMMIT/SAVEPOINT, a PRAGMA that is not a known read, and
    // for CREATE, DROP or ALTER on the primary. On a replica every statement that is not
    // read-only returns 403 before it runs. A statement running longer than 2 seconds is
    // interrupted (500).
    QueryResult execute(const std::string& sql, const nlohmann::json& params);

    // Applies a changeset produced by the primary's execute(). Only a replica accepts one. The
    // apply is atomic: on failure nothing changes, the function returns false and *error (when
    // not null) describes the failure. An empty changeset succeeds without counting as applied.
    bool applyChangeset(std::span<const std::uint8_t> changeset, std::string* error);

    // Returns every row of the demo table, ordered by id, for a replica that copies this
    // database whole. Unlike execute(), no row limit applies. Null on failure, with *error set.
    std::optional<nlohmann::json> snapshotRows(std::string* error);
    // Replaces the demo table's rows with `rows` (from snapshotRows() of another database), in
    // one transaction. Replicas only. Returns the number of local rows that the snapshot lacks
    // or has with other values, which the replacement discards, or nullopt on failure (with
    // *error set, and the table unchanged).
    std::optional<std::int64_t> replaceRows(const nlohmann::json& rows, std::string* error);

    Role role() const;
    // Changes the role, e.g. to promote a replica. Only the primary records changesets.
    void setRole(Role role);
    // Non-empty changesets applied successfully since this object opened the file.
    std::int64_t appliedChangesets() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace wsl
