#include "database.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

// sqlite3.h declares the session extension only when these macros are defined before it.
#define SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_PREUPDATE_HOOK
#include <sqlite3.h>

namespace wsl {

struct Database::Impl {
    ~Impl() { sqlite3_close_v2(db); }

    sqlite3* db = nullptr;
    Role role = Role::Primary;
    std::int64_t appliedChangesets = 0;
    // True while the engine runs its own statements (transactions, sessions, changeset apply),
    // which the authorizer lets through.
    bool trusted = false;
    std::string denial;  // reason for the authorizer's last SQLITE_DENY
    // The progress handler interrupts the user's statement after this time point.
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

namespace {

using Impl = Database::Impl;

// A lab query takes milliseconds. A runaway one, such as an unbounded recursive CTE, must not
// hold the database and the caller's thread for longer than this.
constexpr std::chrono::seconds kStatementTimeLimit{2};
// Virtual machine instructions between two deadline checks: a few microseconds of work.
constexpr int kProgressInterval = 1000;
// Time to wait for a lock held by another connection, such as a sqlite3 shell on the same file.
constexpr int kBusyTimeoutMs = 2000;

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS messages("
    "id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL, "
    "created_at TEXT NOT NULL)";

// Pragmas that only read. These take a table or index name, or a row limit, as argument.
constexpr std::array<std::string_view, 10> kReadPragmasWithArgument = {
    "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo",
    "integrity_check",   "quick_check",      "table_info", "table_list", "table_xinfo"};
// These read a setting when given no value, and change it when given one. journal_mode is
// missing because SQLite counts even its query as a write, which a replica rejects.
constexpr std::array<std::string_view, 15> kReadPragmasWithoutValue = {
    "application_id", "auto_vacuum",   "busy_timeout",   "cache_size",   "compile_options",
    "data_version",   "database_list", "encoding",       "foreign_keys", "freelist_count",
    "page_count",     "page_size",     "schema_version", "synchronous",  "user_version"};

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct SessionDeleter {
    void operator()(sqlite3_session* session) const { sqlite3session_delete(session); }
};
using Session = std::unique_ptr<sqlite3_session, SessionDeleter>;

// Marks the statements run inside its scope as the engine's own.
class TrustedScope {
public:
    explicit TrustedScope(Impl& impl) : impl_(impl), previous_(impl.trusted) {
        impl_.trusted = true;
    }
    ~TrustedScope() { impl_.trusted = previous_; }
    TrustedScope(const TrustedScope&) = delete;
    TrustedScope& operator=(const TrustedScope&) = delete;

private:
    Impl& impl_;
    bool previous_;
};

// Arms the statement time limit for the duration of its scope.
class DeadlineScope {
public:
    explicit DeadlineScope(Impl& impl) : impl_(impl) {
        impl_.deadline = std::chrono::steady_clock::now() + kStatementTimeLimit;
    }
    ~DeadlineScope() { impl_.deadline = std::chrono::steady_clock::time_point::max(); }
    DeadlineScope(const DeadlineScope&) = delete;
    DeadlineScope& operator=(const DeadlineScope&) = delete;

private:
    Impl& impl_;
};

char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string asciiLowercase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = asciiLower(c);
    }
    return lower;
}

// The same characters as SQLite's tokenizer treats as white space.
bool isSqlSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool isWordCharacter(char c) {
    const char lower = asciiLower(c);
    return (lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// Drops leading white space, comments and semicolons, the text SQLite skips between statements.
std::string_view skipSpaceAndComments(std::string_view text) {
    while (!text.empty()) {
        if (isSqlSpace(text.front()) || text.front() == ';') {
            text.remove_prefix(1);
        } else if (text.starts_with("--")) {
            const std::size_t end = text.find('\n');
            text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        } else if (text.starts_with("/*")) {
            // An unterminated block comment runs to the end of the text, as in SQLite.
            const std::size_t end = text.find("*/", 2);
            text.remove_prefix(end == std::string_view::npos ? text.size() : end + 2);
        } else {
            break;
        }
    }
    return text;
}

bool startsWithKeyword(std::string_view sql, std::string_view keyword) {
    const std::string_view text = skipSpaceAndComments(sql);
    if (text.size() < keyword.size() || asciiLowercase(text.substr(0, keyword.size())) != keyword) {
        return false;
    }
    return text.size() == keyword.size() || !isWordCharacter(text[keyword.size()]);
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool isReadPragma(const char* name, const char* value) {
    const std::string lower = asciiLowercase(name == nullptr ? "" : name);
    if (contains(kReadPragmasWithArgument, lower)) {
        return true;
    }
    return value == nullptr && contains(kReadPragmasWithoutValue, lower);
}

bool isSchemaChange(int action) {
    switch (action) {
        case SQLITE_CREATE_INDEX:
        case SQLITE_CREATE_TABLE:
        case SQLITE_CREATE_TEMP_INDEX:
        case SQLITE_CREATE_TEMP_TABLE:
        case SQLITE_CREATE_TEMP_TRIGGER:
        case SQLITE_CREATE_TEMP_VIEW:
        case SQLITE_CREATE_TRIGGER:
        case SQLITE_CREATE_VIEW:
        case SQLITE_DROP_INDEX:
        case SQLITE_DROP_TABLE:
        case SQLITE_DROP_TEMP_INDEX:
        case SQLITE_DROP_TEMP_TABLE:
        case SQLITE_DROP_TEMP_TRIGGER:
        case SQLITE_DROP_TEMP_VIEW:
        case SQLITE_DROP_TRIGGER:
        case SQLITE_DROP_VIEW:
        case SQLITE_ALTER_TABLE:
        case SQLITE_CREATE_VTABLE:
        case SQLITE_DROP_VTABLE:
            return true;
        default:
            return false;
    }
}

// Returns why the user's statement may not perform `action`, or an empty string when it may.
std::string denialReason(Database::Role role, int action, const char* arg1, const char* arg2) {
    switch (action) {
        case SQLITE_ATTACH:
        case SQLITE_DETACH:
            return "ATTACH and DETACH are not allowed: statements work on this database file only";
        case SQLITE_TRANSACTION:
        case SQLITE_SAVEPOINT:
            return "transaction statements are not allowed: each statement runs in its own "
                   "transaction";
        case SQLITE_PRAGMA:
            if (isReadPragma(arg1, arg2)) {
                return {};
            }
            return "PRAGMA " + std::string(arg1 == nullptr ? "" : arg1) +
                   " is not allowed here: only pragmas that read a setting or the schema can run";
        default:
            break;
    }

    // A replica rejects every write with 403 after the statement is prepared.
    if (role == Database::Role::Primary && isSchemaChange(action)) {
        return "schema changes are not allowed: replicas receive row changes only, so the "
               "tables stay as the lab created them";
    }
    return {};
}

int authorize(void* context, int action, const char* arg1, const char* arg2, const char*,
              const char*) {
    auto& impl = *static_cast<Impl*>(context);
    if (impl.trusted) {
        return SQLITE_OK;
    }

    std::string reason = denialReason(impl.role, action, arg1, arg2);
    if (reason.empty()) {
        return SQLITE_OK;
    }
    impl.denial = std::move(reason);
    return SQLITE_DENY;
}

int checkDeadline(void* context) {
    const auto& impl = *static_cast<const Impl*>(context);
    return std::chrono::steady_clock::now() > impl.deadline ? 1 : 0;
}

QueryResult failure(int httpStatus, std::string message) {
    QueryResult result;
    result.httpStatus = httpStatus;
    result.error = std::move(message);
    return result;
}

// Maps a failed prepare or step to a result. `message` is sqlite3_errmsg() read right after the
// failure, because a later ROLLBACK replaces it.
QueryResult sqliteFailure(const Impl& impl, int rc, const std::string& message) {
    switch (rc & 0xff) {
        case SQLITE_AUTH:
            return failure(400, impl.denial.empty() ? "not authorized: " + message : impl.denial);
        case SQLITE_INTERRUPT:
            return failure(500, "statement timed out after " +
                                    std::to_string(kStatementTimeLimit.count()) +
                                    " s and was interrupted");
        case SQLITE_CONSTRAINT:
            return failure(409, "constraint violation: " + message);
        case SQLITE_ERROR:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
        case SQLITE_TOOBIG:
            return failure(400, "invalid SQL: " + message);
        default:
            return failure(500, "SQLite error: " + message);
    }
}

std::string toBase64(std::span<const std::uint8_t> bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            group = (group << 8) | (k < count ? bytes[i + k] : 0u);
        }
        // `count` input bytes fill count + 1 output characters; '=' pads the group to four.
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= count ? kAlphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
        }
    }
    return out;
}

// Returns the length of the well-formed UTF-8 sequence (RFC 3629) that starts `text`, or 0 when
// it is ill-formed: a stray continuation byte, an overlong form, a surrogate, a code point above
// U+10FFFF or a truncated sequence.
std::size_t utf8SequenceLength(std::string_view text) {
    const auto byteAt = [text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byteAt(0);
    if (lead < 0x80) {
        return 1;
    }

    std::size_t length = 0;
    unsigned char secondMin = 0x80;
    unsigned char secondMax = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        secondMin = lead == 0xe0 ? 0xa0 : 0x80;
        secondMax = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        secondMin = lead == 0xf0 ? 0x90 : 0x80;
        secondMax = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }

    if (text.size() < length || byteAt(1) < secondMin || byteAt(1) > secondMax) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byteAt(i) < 0x80 || byteAt(i) > 0xbf) {
            return 0;
        }
    }
    return length;
}

// SQLite stores whatever bytes a TEXT value was given, but nlohmann::json::dump() throws on
// invalid UTF-8, so each invalid byte becomes U+FFFD.
std::string toValidUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = utf8SequenceLength(text);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            text.remove_prefix(1);
        } else {
            out.append(text.substr(0, length));
            text.remove_prefix(length);
        }
    }
    return out;
}

nlohmann::json columnValue(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(statement, column);
        case SQLITE_FLOAT:
            return sqlite3_column_double(statement, column);
        case SQLITE_TEXT: {
            // The pointer comes first: sqlite3_column_bytes() then measures that conversion.
            const auto* text =
                reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
            return toValidUtf8(text == nullptr ? std::string_view() : std::string_view(text, size));
        }
        case SQLITE_BLOB: {
            const auto* data =
                static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, column));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
            return toBase64(data == nullptr ? std::span<const std::uint8_t>()
                                            : std::span<const std::uint8_t>(data, size));
        }
        default:
            return nullptr;
    }
}

// Steps the statement to its end and keeps at most kMaxRows rows. Returns SQLITE_DONE or the
// error code of the failed step.
int collectRows(sqlite3_stmt* statement, bool readOnly, QueryResult& result) {
    const int columns = sqlite3_column_count(statement);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        if (result.rows.size() >= Database::kMaxRows) {
            result.truncated = true;
            // A read can stop here, but a write runs to its end so that all of it commits.
            if (readOnly) {
                return SQLITE_DONE;
            }
            continue;
        }

        nlohmann::json row = nlohmann::json::object();
        for (int column = 0; column < columns; ++column) {
            const char* name = sqlite3_column_name(statement, column);
            row[name == nullptr ? "" : name] = columnValue(statement, column);
        }
        result.rows.push_back(std::move(row));
    }
    return rc;
}

// Returns an error message for parameter `index` (1-based), or an empty string once it is bound.
std::string bindValue(sqlite3* db, sqlite3_stmt* statement, int index,
                      const nlohmann::json& value) {
    using Type = nlohmann::json::value_t;
    const std::string name = "parameter " + std::to_string(index);
    int rc = SQLITE_OK;
    switch (value.type()) {
        case Type::null:
            rc = sqlite3_bind_null(statement, index);
            break;
        case Type::boolean:
            rc = sqlite3_bind_int(statement, index, value.get<bool>() ? 1 : 0);
            break;
        case Type::number_integer:
            rc = sqlite3_bind_int64(statement, index, value.get<std::int64_t>());
            break;
        case Type::number_unsigned:
            if (value.get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                return name + " (" + value.dump() + ") is outside the 64-bit signed integer range";
            }
            rc = sqlite3_bind_int64(statement, index, value.get<std::int64_t>());
            break;
        case Type::number_float:
            rc = sqlite3_bind_double(statement, index, value.get<double>());
            break;
        case Type::string: {
            const auto& text = value.get_ref<const std::string&>();
            rc = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
            break;
        }
        default:
            return name + " is " + std::string(value.type_name()) +
                   ": use null, a boolean, a number or a string";
    }
    return rc == SQLITE_OK ? std::string() : "failed to bind " + name + ": " + sqlite3_errmsg(db);
}

std::optional<QueryResult> bindParameters(sqlite3* db, sqlite3_stmt* statement,
                                          const nlohmann::json& params) {
    if (!params.is_null() && !params.is_array()) {
        return failure(400,
                       "parameters must be a JSON array, not " + std::string(params.type_name()));
    }

    const std::size_t supplied = params.is_array() ? params.size() : 0;
    const int expected = sqlite3_bind_parameter_count(statement);
    if (supplied != static_cast<std::size_t>(expected)) {
        return failure(400, "the statement takes " + std::to_string(expected) + " parameters but " +
                                std::to_string(supplied) + " were supplied");
    }

    for (int index = 1; index <= expected; ++index) {
        const auto& value = params[static_cast<std::size_t>(index - 1)];
        if (std::string error = bindValue(db, statement, index, value); !error.empty()) {
            return failure(400, std::move(error));
        }
    }
    return std::nullopt;
}

// The demo table, column by column, as a snapshot carries it.
// NOTE: a snapshot is JSON, so a blob arrives as base64 text and invalid UTF-8 as U+FFFD. The
// demo table stores text, for which the copy is exact.
constexpr const char* kSnapshotQuery =
    "SELECT id, author, body, created_at FROM messages ORDER BY id";
constexpr const char* kSnapshotInsert =
    "INSERT INTO messages(id, author, body, created_at) VALUES (?, ?, ?, ?)";
constexpr std::array<const char*, 4> kSnapshotColumns = {"id", "author", "body", "created_at"};

// Reads every row of kSnapshotQuery, with no row limit.
std::optional<nlohmann::json> readSnapshot(Impl& impl, std::string* error) {
    TrustedScope trusted(impl);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(impl.db, kSnapshotQuery, -1, &raw, nullptr) != SQLITE_OK) {
        *error = "failed to read the rows: " + std::string(sqlite3_errmsg(impl.db));
        return std::nullopt;
    }
    Statement statement(raw);
    nlohmann::json rows = nlohmann::json::array();
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t column = 0; column < kSnapshotColumns.size(); ++column) {
            row[kSnapshotColumns[column]] = columnValue(raw, static_cast<int>(column));
        }
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        *error = "failed to read the rows: " + std::string(sqlite3_errmsg(impl.db));
        return std::nullopt;
    }
    return rows;
}

// Counts the rows of `local` that `incoming` lacks or has with other values.
std::optional<std::int64_t> countDivergedRows(const nlohmann::json& local,
                                              const nlohmann::json& incoming, std::string* error) {
    std::map<std::int64_t, const nlohmann::json*> incomingById;
    for (const auto& row : incoming) {
        if (!row.is_object() || !row.value("id", nlohmann::json()).is_number_integer()) {
            *error = "snapshot row without an integer id: " + row.dump();
            return std::nullopt;
        }
        incomingById[row["id"].get<std::int64_t>()] = &row;
    }

    std::int64_t diverged = 0;
    for (const auto& row : local) {
        const auto match = incomingById.find(row["id"].get<std::int64_t>());
        if (match == incomingById.end() || *match->second != row) {
            ++diverged;
        }
    }
    return diverged;
}

// Deletes every row and inserts `rows` inside the caller's transaction.
bool writeSnapshot(Impl& impl, const nlohmann::json& rows, std::string* error) {
    if (sqlite3_exec(impl.db, "DELETE FROM messages", nullptr, nullptr, nullptr) != SQLITE_OK) {
        *error = "failed to delete the old rows: " + std::string(sqlite3_errmsg(impl.db));
        return false;
    }
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(impl.db, kSnapshotInsert, -1, &raw, nullptr) != SQLITE_OK) {
        *error = "failed to prepare the copy: " + std::string(sqlite3_errmsg(impl.db));
        return false;
    }
    Statement insert(raw);
    for (const auto& row : rows) {
        sqlite3_reset(raw);
        for (std::size_t column = 0; column < kSnapshotColumns.size(); ++column) {
            const auto value = row.value(kSnapshotColumns[column], nlohmann::json());
            if (auto bindError = bindValue(impl.db, raw, static_cast<int>(column + 1), value);
                !bindError.empty()) {
                *error = "invalid snapshot row " + row.dump() + ": " + bindError;
                return false;
            }
        }
        if (sqlite3_step(raw) != SQLITE_DONE) {
            *error = "failed to copy row " + row.dump() + ": " + sqlite3_errmsg(impl.db);
            return false;
        }
    }
    return true;
}

int execTrusted(Impl& impl, const char* sql) {
    TrustedScope trusted(impl);
    return sqlite3_exec(impl.db, sql, nullptr, nullptr, nullptr);
}

void rollbackIfOpen(Impl& impl) {
    // An interrupted or failed statement may already have rolled the transaction back.
    if (sqlite3_get_autocommit(impl.db) == 0) {
        execTrusted(impl, "ROLLBACK");
    }
}

Session startSession(Impl& impl) {
    TrustedScope trusted(impl);
    sqlite3_session* raw = nullptr;
    if (sqlite3session_create(impl.db, "main", &raw) != SQLITE_OK) {
        return nullptr;
    }
    Session session(raw);
    // A null table name attaches every table of the main database.
    if (sqlite3session_attach(raw, nullptr) != SQLITE_OK) {
        return nullptr;
    }
    return session;
}

std::optional<std::vector<std::uint8_t>> takeChangeset(Impl& impl, sqlite3_session* session) {
    TrustedScope trusted(impl);
    int size = 0;
    void* data = nullptr;
    if (sqlite3session_changeset(session, &size, &data) != SQLITE_OK) {
        return std::nullopt;
    }
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    std::vector<std::uint8_t> changeset(bytes, bytes + size);
    sqlite3_free(data);
    return changeset;
}

QueryResult runRead(Impl& impl, sqlite3_stmt* statement) {
    QueryResult result;
    int rc = SQLITE_OK;
    {
        DeadlineScope deadline(impl);
        rc = collectRows(statement, true, result);
    }
    if (rc != SQLITE_DONE) {
        return sqliteFailure(impl, rc, sqlite3_errmsg(impl.db));
    }
    result.ok = true;
    return result;
}

// Runs a write on the primary in its own transaction, recorded by `session`. Each write needs a
// new session because a session's changeset accumulates and cannot be reset.
QueryResult runWrite(Impl& impl, sqlite3_stmt* statement, sqlite3_session* session) {
    if (execTrusted(impl, "BEGIN IMMEDIATE") != SQLITE_OK) {
        return failure(500,
                       "failed to begin a transaction: " + std::string(sqlite3_errmsg(impl.db)));
    }

    // Counters are read as differences, because SQLite keeps both values from earlier statements.
    QueryResult result;
    sqlite3_set_last_insert_rowid(impl.db, 0);
    const std::int64_t changesBefore = sqlite3_total_changes64(impl.db);
    int rc = SQLITE_OK;
    {
        DeadlineScope deadline(impl);
        rc = collectRows(statement, false, result);
    }
    if (rc != SQLITE_DONE) {
        QueryResult failed = sqliteFailure(impl, rc, sqlite3_errmsg(impl.db));
        rollbackIfOpen(impl);
        return failed;
    }
    result.changes = sqlite3_total_changes64(impl.db) - changesBefore;
    result.lastInsertId = sqlite3_last_insert_rowid(impl.db);

    if (const int commitRc = execTrusted(impl, "COMMIT"); commitRc != SQLITE_OK) {
        QueryResult failed = sqliteFailure(impl, commitRc, sqlite3_errmsg(impl.db));
        rollbackIfOpen(impl);
        return failed;
    }

    std::optional<std::vector<std::uint8_t>> changeset = takeChangeset(impl, session);
    if (!changeset) {
        return failure(500,
                       "the write was committed but its changeset could not be read, so "
                       "the replicas will not receive it: " +
                           std::string(sqlite3_errmsg(impl.db)));
    }
    result.changeset = std::move(*changeset);
    result.ok = true;
    return result;
}

// The primary is the source of truth. A row that already exists with the same key (CONFLICT)
// or has different old values (DATA) takes the primary's version. A change to a row the replica
// lacks (NOTFOUND) is skipped, so a replica that missed a changeset stays behind on that row.
// A constraint or foreign key failure aborts the whole apply.
int resolveConflict(void* context, int conflict, sqlite3_changeset_iter*) {
    switch (conflict) {
        case SQLITE_CHANGESET_DATA:
        case SQLITE_CHANGESET_CONFLICT:
            return SQLITE_CHANGESET_REPLACE;
        case SQLITE_CHANGESET_NOTFOUND:
            return SQLITE_CHANGESET_OMIT;
        default:
            *static_cast<int*>(context) = conflict;
            return SQLITE_CHANGESET_ABORT;
    }
}

std::string describeApplyFailure(int rc, int abortingConflict) {
    const std::string outcome = "; the replica was left unchanged";
    if (abortingConflict == SQLITE_CHANGESET_CONSTRAINT) {
        return "changeset violates a constraint on the replica" + outcome;
    }
    if (abortingConflict == SQLITE_CHANGESET_FOREIGN_KEY) {
        return "changeset leaves a foreign key unsatisfied on the replica" + outcome;
    }
    if ((rc & 0xff) == SQLITE_CORRUPT) {
        return "changeset is corrupt or truncated" + outcome;
    }
    return "failed to apply changeset: " + std::string(sqlite3_errstr(rc)) + outcome;
}

std::string journalMode(sqlite3* db, const char* request, std::string* error) {
    std::string mode;
    char* message = nullptr;
    const auto storeFirstColumn = [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] == nullptr ? "" : values[0];
        return 0;
    };
    if (sqlite3_exec(db, request, storeFirstColumn, &mode, &message) != SQLITE_OK) {
        *error = message == nullptr ? sqlite3_errmsg(db) : message;
    }
    sqlite3_free(message);
    return mode;
}

void execOrThrow(sqlite3* db, const char* sql, const std::string& path) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message == nullptr ? sqlite3_errmsg(db) : message;
        sqlite3_free(message);
        throw std::runtime_error("failed to set up database " + path + ": " + text);
    }
}

void configure(Impl& impl, const std::string& path) {
    std::string error;
    const std::string mode = journalMode(impl.db, "PRAGMA journal_mode=WAL", &error);
    if (mode != "wal") {
        throw std::runtime_error("failed to switch database " + path + " to WAL mode: " +
                                 (error.empty() ? "journal mode stayed " + mode : error));
    }
    execOrThrow(impl.db, "PRAGMA synchronous=NORMAL", path);
    execOrThrow(impl.db, kSchema, path);
    sqlite3_busy_timeout(impl.db, kBusyTimeoutMs);

    // Defensive mode blocks writable_schema and sqlite_dbpage writes, which bypass sessions.
    // The authorizer rejects ATTACH already, and the limit is a second barrier.
    sqlite3_db_config(impl.db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_limit(impl.db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_progress_handler(impl.db, kProgressInterval, checkDeadline, &impl);
    sqlite3_set_authorizer(impl.db, authorize, &impl);
}

std::optional<QueryResult> rejectSqlText(const std::string& sql) {
    if (sql.size() > Database::kMaxSqlBytes) {
        return failure(400, "SQL is " + std::to_string(sql.size()) + " bytes, more than the " +
                                std::to_string(Database::kMaxSqlBytes) + "-byte limit");
    }
    if (sql.find('\0') != std::string::npos) {
        return failure(400, "SQL contains a NUL byte");
    }
    return std::nullopt;
}

// Checks what SQLite accepted: `tail` points just past the first statement of `sql`.
std::optional<QueryResult> rejectPrepared(const std::string& sql, sqlite3_stmt* statement,
                                          const char* tail) {
    if (statement == nullptr) {
        return failure(400, "SQL is empty: send one statement");
    }
    const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!skipSpaceAndComments(rest).empty()) {
        return failure(400, "SQL contains more than one statement: send one per request");
    }
    // VACUUM rewrites the file outside any session, and the authorizer is called for it only when
    // it runs.
    if (startsWithKeyword(sql, "vacuum")) {
        return failure(400, "VACUUM is not allowed: it rewrites the file outside replication");
    }
    return std::nullopt;
}

}  // namespace

Database::Database(std::filesystem::path file, Role role) : impl_(std::make_unique<Impl>()) {
    impl_->role = role;
    const std::string path = file.string();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &impl_->db, flags, nullptr) != SQLITE_OK) {
        const std::string message =
            impl_->db == nullptr ? "out of memory" : sqlite3_errmsg(impl_->db);
        throw std::runtime_error("failed to open database " + path + ": " + message);
    }
    configure(*impl_, path);
}

Database::~Database() = default;

QueryResult Database::execute(const std::string& sql, const nlohmann::json& params) {
    Impl& impl = *impl_;
    impl.denial.clear();
    if (auto rejection = rejectSqlText(sql)) {
        return *rejection;
    }

    // SQLite picks some code paths at prepare time by whether a preupdate hook is registered:
    // without one, "DELETE FROM t" with no WHERE truncates the table unseen by any session.
    // So the primary starts the write's session before preparing.
    Session session;
    if (impl.role == Role::Primary) {
        session = startSession(impl);
        if (!session) {
            return failure(500, "failed to start the session that records writes: " +
                                    std::string(sqlite3_errmsg(impl.db)));
        }
    }

    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v2(impl.db, sql.c_str(), static_cast<int>(sql.size()), &raw, &tail);
    Statement statement(raw);
    if (rc != SQLITE_OK) {
        return sqliteFailure(impl, rc, sqlite3_errmsg(impl.db));
    }
    if (auto rejection = rejectPrepared(sql, statement.get(), tail)) {
        return *rejection;
    }
    if (auto bindFailure = bindParameters(impl.db, statement.get(), params)) {
        return *bindFailure;
    }

    if (sqlite3_stmt_readonly(statement.get()) != 0) {
        return runRead(impl, statement.get());
    }
    if (impl.role == Role::Replica) {
        return failure(403, "read-only replica: send writes to the primary");
    }
    return runWrite(impl, statement.get(), session.get());
}

bool Database::applyChangeset(std::span<const std::uint8_t> changeset, std::string* error) {
    const auto fail = [error](std::string message) {
        if (error != nullptr) {
            *error = std::move(message);
        }
        return false;
    };
    Impl& impl = *impl_;
    if (impl.role != Role::Replica) {
        return fail("changesets apply to replicas only, and this database is the primary");
    }
    if (changeset.empty()) {
        return true;
    }
    if (changeset.size() > static_cast<std::size_t>(INT_MAX)) {
        return fail("changeset of " + std::to_string(changeset.size()) +
                    " bytes exceeds SQLite's 2 GiB limit");
    }

    int abortingConflict = 0;
    int rc = SQLITE_OK;
    {
        // The session module runs SAVEPOINT and PRAGMA statements that the authorizer rejects.
        TrustedScope trusted(impl);
        // sqlite3.h documents the changeset as an input, although the parameter is non-const.
        rc = sqlite3changeset_apply(impl.db, static_cast<int>(changeset.size()),
                                    const_cast<std::uint8_t*>(changeset.data()), nullptr,
                                    resolveConflict, &abortingConflict);
    }
    if (rc != SQLITE_OK) {
        return fail(describeApplyFailure(rc, abortingConflict));
    }
    ++impl.appliedChangesets;
    return true;
}

std::optional<nlohmann::json> Database::snapshotRows(std::string* error) {
    return readSnapshot(*impl_, error);
}

std::optional<std::int64_t> Database::replaceRows(const nlohmann::json& rows, std::string* error) {
    Impl& impl = *impl_;
    if (impl.role != Role::Replica) {
        *error = "only a replica replaces its rows with a snapshot";
        return std::nullopt;
    }
    if (!rows.is_array()) {
        *error = "a snapshot is a JSON array of rows, not " + std::string(rows.type_name());
        return std::nullopt;
    }
    const auto local = readSnapshot(impl, error);
    if (!local) {
        return std::nullopt;
    }
    const auto diverged = countDivergedRows(*local, rows, error);
    if (!diverged) {
        return std::nullopt;
    }

    TrustedScope trusted(impl);
    if (execTrusted(impl, "BEGIN IMMEDIATE") != SQLITE_OK) {
        *error = "failed to begin a transaction: " + std::string(sqlite3_errmsg(impl.db));
        return std::nullopt;
    }
    if (!writeSnapshot(impl, rows, error)) {
        rollbackIfOpen(impl);
        return std::nullopt;
    }
    if (execTrusted(impl, "COMMIT") != SQLITE_OK) {
        *error = "failed to commit the copy: " + std::string(sqlite3_errmsg(impl.db));
        rollbackIfOpen(impl);
        return std::nullopt;
    }
    return diverged;
}

Database::Role Database::role() const {
    return impl_->role;
}

void Database::setRole(Role role) {
    impl_->role = role;
}

std::int64_t Database::appliedChangesets() const {
    return impl_->appliedChangesets;
}

}  // namespace wsl
