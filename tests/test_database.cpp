#include "database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <stdexcept>
#include <string>

using nlohmann::json;
using wsl::Database;
using wsl::QueryResult;

namespace {

QString toText(const json& value) {
    return QString::fromStdString(value.dump());
}

QString toText(const std::string& value) {
    return QString::fromStdString(value);
}

QueryResult run(Database& db, const std::string& sql, const json& params = json::array()) {
    return db.execute(sql, params);
}

QueryResult insertMessage(Database& db, const std::string& author, const std::string& body) {
    return run(db, "INSERT INTO messages(author, body, created_at) VALUES (?, ?, ?)",
               json::array({author, body, "2024-05-01T12:00:00Z"}));
}

json allMessages(Database& db) {
    return run(db, "SELECT id, author, body, created_at FROM messages ORDER BY id").rows;
}

std::int64_t messageCount(Database& db) {
    return run(db, "SELECT count(*) AS n FROM messages").rows.at(0).at("n").get<std::int64_t>();
}

}  // namespace

class DatabaseTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void insertOnPrimaryReturnsChangeset();
    void appliedInsertIsReadableOnReplica();
    void replicaRejectsWrite_data();
    void replicaRejectsWrite();
    void invalidSqlIsRejected_data();
    void invalidSqlIsRejected();
    void twoStatementsAreRejected();
    void trailingCommentIsAccepted();
    void emptySqlIsRejected();
    void oversizedSqlIsRejected();
    void parametersBindTextIntegerAndNull();
    void parameterCountMismatchIsRejected();
    void objectParameterIsRejected();
    void updateReplicates();
    void deleteReplicates();
    void deleteWithoutWhereReplicates();
    void replaceAndKeyChangeReplicate();
    void updateReportsChangedRows();
    void insertReturningKeepsRows();
    void changesetAppliedTwiceDoesNotDuplicate();
    void conflictingRowTakesPrimaryVersion();
    void changeForMissingRowIsSkipped();
    void constraintViolationYieldsNoChangeset();
    void failedMultiRowInsertLeavesNoRows();
    void writeChangingNoRowsYieldsNoChangeset();
    void attachIsRejectedOnBothRoles();
    void vacuumIsRejectedOnBothRoles();
    void pragmaWriteIsRejected();
    void pragmaReadIsAllowed();
    void transactionStatementIsRejected();
    void schemaChangeOnPrimaryIsRejected();
    void corruptChangesetLeavesReplicaUnchanged();
    void changesetOnPrimaryIsRejected();
    void rowLimitTruncatesResult();
    void blobIsReturnedAsBase64();
    void invalidUtf8TextIsReplaced();
    void runawayStatementTimesOut();
    void promotedReplicaRecordsChangeset();
    void snapshotReplacesRowsAndCountsDiverged();
    void snapshotIsRejectedOnPrimary();
    void dataPersistsAcrossReopen();
    void primaryWritesThroughWriteAheadLog();
    void openFailureThrowsWithPath();

private:
    std::filesystem::path pathFor(const char* name) const;
    bool replicate(const QueryResult& write, std::string* error);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Database> primary_;
    std::unique_ptr<Database> replica_;
};

std::filesystem::path DatabaseTest::pathFor(const char* name) const {
    return std::filesystem::path(dir_->filePath(QString::fromLatin1(name)).toStdString());
}

bool DatabaseTest::replicate(const QueryResult& write, std::string* error) {
    return replica_->applyChangeset(write.changeset, error);
}

void DatabaseTest::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    primary_ = std::make_unique<Database>(pathFor("primary.db"), Database::Role::Primary);
    replica_ = std::make_unique<Database>(pathFor("replica.db"), Database::Role::Replica);
}

void DatabaseTest::cleanup() {
    replica_.reset();
    primary_.reset();
    dir_.reset();
}

void DatabaseTest::insertOnPrimaryReturnsChangeset() {
    const QueryResult first = insertMessage(*primary_, "ada", "hello");
    QVERIFY2(first.ok, first.error.c_str());
    QCOMPARE(first.httpStatus, 200);
    QCOMPARE(first.changes, std::int64_t{1});
    QCOMPARE(first.lastInsertId, std::int64_t{1});
    QVERIFY(!first.changeset.empty());

    const QueryResult second = insertMessage(*primary_, "bob", "hi");
    QVERIFY2(second.ok, second.error.c_str());
    QCOMPARE(second.lastInsertId, std::int64_t{2});
    QVERIFY(!second.changeset.empty());
}

void DatabaseTest::appliedInsertIsReadableOnReplica() {
    const QueryResult write = insertMessage(*primary_, "ada", "hello");
    QVERIFY2(write.ok, write.error.c_str());

    std::string error;
    QVERIFY2(replicate(write, &error), error.c_str());
    QCOMPARE(replica_->appliedChangesets(), std::int64_t{1});

    const json rows = allMessages(*replica_);
    QCOMPARE(rows.size(), std::size_t{1});
    QCOMPARE(rows[0]["id"].get<std::int64_t>(), std::int64_t{1});
    QCOMPARE(toText(rows[0]["author"]), QStringLiteral("\"ada\""));
    QCOMPARE(toText(rows[0]["body"]), QStringLiteral("\"hello\""));
    QCOMPARE(toText(rows), toText(allMessages(*primary_)));
}

void DatabaseTest::replicaRejectsWrite_data() {
    QTest::addColumn<QString>("sql");
    QTest::newRow("insert") << "INSERT INTO messages(author, body, created_at) "
                               "VALUES ('eve', 'sneaky', 'now')";
    QTest::newRow("update") << "UPDATE messages SET body = 'changed'";
    QTest::newRow("delete") << "DELETE FROM messages";
    QTest::newRow("create table") << "CREATE TABLE extra(id INTEGER PRIMARY KEY)";
    QTest::newRow("drop table") << "DROP TABLE messages";
}

void DatabaseTest::replicaRejectsWrite() {
    QFETCH(QString, sql);
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());
    const json before = allMessages(*replica_);

    const QueryResult result = run(*replica_, sql.toStdString());
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 403);
    QVERIFY2(result.error.find("primary") != std::string::npos, result.error.c_str());
    QVERIFY(result.changeset.empty());

    QCOMPARE(toText(allMessages(*replica_)), toText(before));
    const QueryResult tables =
        run(*replica_, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'");
    QCOMPARE(tables.rows.at(0).at("n").get<int>(), 0);
}

void DatabaseTest::invalidSqlIsRejected_data() {
    QTest::addColumn<QString>("sql");
    QTest::newRow("syntax error") << "SELEC * FROM messages";
    QTest::newRow("unknown table") << "SELECT * FROM nowhere";
    QTest::newRow("unknown column") << "SELECT colour FROM messages";
    QTest::newRow("unterminated string") << "SELECT 'abc";
}

void DatabaseTest::invalidSqlIsRejected() {
    QFETCH(QString, sql);
    const QueryResult result = run(*primary_, sql.toStdString());
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);
    QVERIFY(!result.error.empty());
}

void DatabaseTest::twoStatementsAreRejected() {
    QVERIFY(insertMessage(*primary_, "ada", "hello").ok);

    const QueryResult result =
        run(*primary_,
            "INSERT INTO messages(author, body, created_at) VALUES ('bob', 'x', 'now'); "
            "DELETE FROM messages");
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);
    QVERIFY2(result.error.find("more than one statement") != std::string::npos,
             result.error.c_str());
    QCOMPARE(messageCount(*primary_), std::int64_t{1});
}

void DatabaseTest::trailingCommentIsAccepted() {
    const QueryResult result = run(*primary_, "SELECT 1 AS one; -- the only statement\n;");
    QVERIFY2(result.ok, result.error.c_str());
    QCOMPARE(result.rows.at(0).at("one").get<int>(), 1);
}

void DatabaseTest::emptySqlIsRejected() {
    const QueryResult result = run(*primary_, "  -- nothing here\n");
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);
}

void DatabaseTest::oversizedSqlIsRejected() {
    const std::string padding(Database::kMaxSqlBytes, ' ');
    const QueryResult result = run(*primary_, "SELECT 1" + padding);
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);
}

void DatabaseTest::parametersBindTextIntegerAndNull() {
    const std::string quoted = R"(O'Brien said "hi"; DROP TABLE messages; --)";
    QVERIFY(insertMessage(*primary_, "ada", "first").ok);
    const QueryResult write = insertMessage(*primary_, quoted, "second");
    QVERIFY2(write.ok, write.error.c_str());

    const QueryResult byId =
        run(*primary_, "SELECT author FROM messages WHERE id = ?", json::array({2}));
    QVERIFY2(byId.ok, byId.error.c_str());
    QCOMPARE(byId.rows.size(), std::size_t{1});
    QCOMPARE(toText(byId.rows[0]["author"].get<std::string>()), toText(quoted));
    QCOMPARE(messageCount(*primary_), std::int64_t{2});

    const QueryResult values = run(*primary_, "SELECT ? AS a, ? AS b, ? AS c, ? AS d, ? AS e",
                                   json::array({nullptr, 42, 2.5, true, "it's"}));
    QVERIFY2(values.ok, values.error.c_str());
    const json& row = values.rows.at(0);
    QVERIFY(row.at("a").is_null());
    QCOMPARE(row.at("b").get<std::int64_t>(), std::int64_t{42});
    QCOMPARE(row.at("c").get<double>(), 2.5);
    QCOMPARE(row.at("d").get<std::int64_t>(), std::int64_t{1});
    QCOMPARE(toText(row.at("e").get<std::string>()), QStringLiteral("it's"));
}

void DatabaseTest::parameterCountMismatchIsRejected() {
    const QueryResult tooFew = run(*primary_, "SELECT ?, ?", json::array({1}));
    QVERIFY(!tooFew.ok);
    QCOMPARE(tooFew.httpStatus, 400);

    const QueryResult tooMany = run(*primary_, "SELECT 1", json::array({1}));
    QVERIFY(!tooMany.ok);
    QCOMPARE(tooMany.httpStatus, 400);

    const QueryResult none = run(*primary_, "SELECT 1 AS one", json());
    QVERIFY2(none.ok, none.error.c_str());
}

void DatabaseTest::objectParameterIsRejected() {
    const QueryResult result = run(*primary_, "SELECT ?", json::array({json::object()}));
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);

    const QueryResult notArray = run(*primary_, "SELECT ?", json("text"));
    QVERIFY(!notArray.ok);
    QCOMPARE(notArray.httpStatus, 400);
}

void DatabaseTest::updateReplicates() {
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());

    const QueryResult update =
        run(*primary_, "UPDATE messages SET body = ? WHERE id = 1", json::array({"edited"}));
    QVERIFY2(update.ok, update.error.c_str());
    QVERIFY(!update.changeset.empty());
    QVERIFY2(replicate(update, &error), error.c_str());

    const json rows = allMessages(*replica_);
    QCOMPARE(rows.size(), std::size_t{1});
    QCOMPARE(toText(rows[0]["body"]), QStringLiteral("\"edited\""));
}

void DatabaseTest::deleteReplicates() {
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());
    QVERIFY2(replicate(insertMessage(*primary_, "bob", "hi"), &error), error.c_str());

    const QueryResult removal = run(*primary_, "DELETE FROM messages WHERE author = 'ada'");
    QVERIFY2(removal.ok, removal.error.c_str());
    QCOMPARE(removal.changes, std::int64_t{1});
    QVERIFY2(replicate(removal, &error), error.c_str());

    const json rows = allMessages(*replica_);
    QCOMPARE(rows.size(), std::size_t{1});
    QCOMPARE(toText(rows[0]["author"]), QStringLiteral("\"bob\""));
}

void DatabaseTest::deleteWithoutWhereReplicates() {
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());
    QVERIFY2(replicate(insertMessage(*primary_, "bob", "hi"), &error), error.c_str());

    const QueryResult removal = run(*primary_, "DELETE FROM messages");
    QVERIFY2(removal.ok, removal.error.c_str());
    QCOMPARE(removal.changes, std::int64_t{2});
    QVERIFY(!removal.changeset.empty());
    QVERIFY2(replicate(removal, &error), error.c_str());

    QCOMPARE(messageCount(*replica_), std::int64_t{0});
}

void DatabaseTest::replaceAndKeyChangeReplicate() {
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());
    QVERIFY2(replicate(insertMessage(*primary_, "bob", "hi"), &error), error.c_str());

    for (const char* sql : {"INSERT OR REPLACE INTO messages(id, author, body, created_at) "
                            "VALUES (1, 'ada', 'replaced', 'later')",
                            "UPDATE messages SET id = 10 WHERE id = 2",
                            "INSERT INTO messages(id, author, body, created_at) "
                            "VALUES (10, 'bob', 'new', 'now') "
                            "ON CONFLICT(id) DO UPDATE SET body = excluded.body"}) {
        const QueryResult write = run(*primary_, sql);
        QVERIFY2(write.ok, write.error.c_str());
        QVERIFY2(replicate(write, &error), error.c_str());
    }

    QCOMPARE(toText(allMessages(*replica_)), toText(allMessages(*primary_)));
    QCOMPARE(toText(allMessages(*primary_)[1]["body"]), QStringLiteral("\"new\""));
}

void DatabaseTest::updateReportsChangedRows() {
    for (const char* author : {"ada", "bob", "cy"}) {
        QVERIFY(insertMessage(*primary_, author, "x").ok);
    }

    const QueryResult update = run(*primary_, "UPDATE messages SET body = 'y'");
    QVERIFY2(update.ok, update.error.c_str());
    QCOMPARE(update.changes, std::int64_t{3});
    QCOMPARE(update.lastInsertId, std::int64_t{0});
}

void DatabaseTest::insertReturningKeepsRows() {
    const QueryResult write = run(*primary_,
                                  "INSERT INTO messages(author, body, created_at) "
                                  "VALUES ('ada', 'hello', 'now') RETURNING id, author");
    QVERIFY2(write.ok, write.error.c_str());
    QCOMPARE(write.rows.size(), std::size_t{1});
    QCOMPARE(write.rows[0]["id"].get<std::int64_t>(), std::int64_t{1});
    QVERIFY(!write.changeset.empty());
}

void DatabaseTest::changesetAppliedTwiceDoesNotDuplicate() {
    const QueryResult write = insertMessage(*primary_, "ada", "hello");
    std::string error;
    QVERIFY2(replicate(write, &error), error.c_str());
    QVERIFY2(replicate(write, &error), error.c_str());

    QCOMPARE(messageCount(*replica_), std::int64_t{1});
    QCOMPARE(toText(allMessages(*replica_)), toText(allMessages(*primary_)));
}

void DatabaseTest::conflictingRowTakesPrimaryVersion() {
    // A second primary writes a different row with the same id to the replica first.
    Database otherPrimary(pathFor("other.db"), Database::Role::Primary);
    std::string error;
    QVERIFY2(replicate(insertMessage(otherPrimary, "mallory", "stale"), &error), error.c_str());

    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());

    QCOMPARE(toText(allMessages(*replica_)), toText(allMessages(*primary_)));
}

void DatabaseTest::changeForMissingRowIsSkipped() {
    QVERIFY(insertMessage(*primary_, "ada", "hello").ok);
    const QueryResult removal = run(*primary_, "DELETE FROM messages");
    QVERIFY(!removal.changeset.empty());

    std::string error;
    QVERIFY2(replicate(removal, &error), error.c_str());
    QCOMPARE(messageCount(*replica_), std::int64_t{0});
}

void DatabaseTest::constraintViolationYieldsNoChangeset() {
    const QueryResult result =
        run(*primary_, "INSERT INTO messages(author, body, created_at) VALUES (?, ?, ?)",
            json::array({nullptr, "no author", "now"}));
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 409);
    QVERIFY(result.changeset.empty());
    QCOMPARE(messageCount(*primary_), std::int64_t{0});

    // The failed write must not leave a transaction open for the next one.
    const QueryResult next = insertMessage(*primary_, "ada", "hello");
    QVERIFY2(next.ok, next.error.c_str());
    QVERIFY(!next.changeset.empty());
}

void DatabaseTest::failedMultiRowInsertLeavesNoRows() {
    const QueryResult result = run(*primary_,
                                   "INSERT INTO messages(id, author, body, created_at) "
                                   "VALUES (7, 'ada', 'a', 'now'), (7, 'bob', 'b', 'now')");
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 409);
    QVERIFY(result.changeset.empty());
    QCOMPARE(messageCount(*primary_), std::int64_t{0});
}

void DatabaseTest::writeChangingNoRowsYieldsNoChangeset() {
    const QueryResult result = run(*primary_, "UPDATE messages SET body = 'x' WHERE id = 99");
    QVERIFY2(result.ok, result.error.c_str());
    QCOMPARE(result.changes, std::int64_t{0});
    QVERIFY(result.changeset.empty());
}

void DatabaseTest::attachIsRejectedOnBothRoles() {
    const std::string attach = "ATTACH '" + pathFor("extra.db").string() + "' AS extra";
    for (Database* db : {primary_.get(), replica_.get()}) {
        const QueryResult result = run(*db, attach);
        QVERIFY(!result.ok);
        QCOMPARE(result.httpStatus, 400);
        QVERIFY2(result.error.find("ATTACH") != std::string::npos, result.error.c_str());

        const QueryResult detach = run(*db, "DETACH extra");
        QVERIFY(!detach.ok);
        QCOMPARE(detach.httpStatus, 400);
    }
    QVERIFY(!QFile::exists(dir_->filePath(QStringLiteral("extra.db"))));
}

void DatabaseTest::vacuumIsRejectedOnBothRoles() {
    const std::string vacuumInto = "VACUUM INTO '" + pathFor("copy.db").string() + "'";
    for (Database* db : {primary_.get(), replica_.get()}) {
        for (const std::string& sql :
             {std::string("VACUUM"), std::string(" /* c */ vacuum"), vacuumInto}) {
            const QueryResult result = run(*db, sql);
            QVERIFY(!result.ok);
            QCOMPARE(result.httpStatus, 400);
            QVERIFY2(result.error.find("VACUUM") != std::string::npos, result.error.c_str());
        }
    }
    QVERIFY(!QFile::exists(dir_->filePath(QStringLiteral("copy.db"))));
}

void DatabaseTest::pragmaWriteIsRejected() {
    for (Database* db : {primary_.get(), replica_.get()}) {
        for (const char* sql : {"PRAGMA user_version = 7", "PRAGMA journal_mode = DELETE",
                                "PRAGMA writable_schema = ON", "PRAGMA optimize"}) {
            const QueryResult result = run(*db, sql);
            QVERIFY2(!result.ok, sql);
            QCOMPARE(result.httpStatus, 400);
        }
        QCOMPARE(run(*db, "PRAGMA user_version").rows.at(0).at("user_version").get<int>(), 0);
    }
}

void DatabaseTest::pragmaReadIsAllowed() {
    for (Database* db : {primary_.get(), replica_.get()}) {
        const QueryResult columns = run(*db, "PRAGMA table_info(messages)");
        QVERIFY2(columns.ok, columns.error.c_str());
        QCOMPARE(columns.rows.size(), std::size_t{4});

        const QueryResult version = run(*db, "PRAGMA user_version");
        QVERIFY2(version.ok, version.error.c_str());
    }
}

void DatabaseTest::transactionStatementIsRejected() {
    for (const char* sql : {"BEGIN", "COMMIT", "SAVEPOINT s1"}) {
        const QueryResult result = run(*primary_, sql);
        QVERIFY2(!result.ok, sql);
        QCOMPARE(result.httpStatus, 400);
    }
    QVERIFY(insertMessage(*primary_, "ada", "hello").ok);
}

void DatabaseTest::schemaChangeOnPrimaryIsRejected() {
    for (const char* sql : {"CREATE TABLE extra(id INTEGER PRIMARY KEY)", "DROP TABLE messages",
                            "ALTER TABLE messages ADD COLUMN mood TEXT",
                            "CREATE INDEX by_author ON messages(author)"}) {
        const QueryResult result = run(*primary_, sql);
        QVERIFY2(!result.ok, sql);
        QCOMPARE(result.httpStatus, 400);
    }
    QCOMPARE(run(*primary_, "PRAGMA table_info(messages)").rows.size(), std::size_t{4});
}

void DatabaseTest::corruptChangesetLeavesReplicaUnchanged() {
    std::string error;
    QVERIFY2(replicate(insertMessage(*primary_, "ada", "hello"), &error), error.c_str());
    const json before = allMessages(*replica_);

    const QueryResult write = run(*primary_,
                                  "INSERT INTO messages(author, body, created_at) VALUES "
                                  "('bob', 'b', 'now'), ('cy', 'c', 'now'), ('di', 'd', 'now')");
    QVERIFY2(write.ok, write.error.c_str());
    std::vector<std::uint8_t> truncated = write.changeset;
    truncated.resize(truncated.size() - 6);
    const std::vector<std::uint8_t> garbage = {0x54, 0x01, 0xff, 0x00, 0x13, 0x37, 0x42};

    for (const auto& changeset : {truncated, garbage}) {
        error.clear();
        QVERIFY(!replica_->applyChangeset(changeset, &error));
        QVERIFY(!error.empty());
        QCOMPARE(toText(allMessages(*replica_)), toText(before));
    }
    QCOMPARE(replica_->appliedChangesets(), std::int64_t{1});
}

void DatabaseTest::changesetOnPrimaryIsRejected() {
    const QueryResult write = insertMessage(*primary_, "ada", "hello");
    std::string error;
    QVERIFY(!primary_->applyChangeset(write.changeset, &error));
    QVERIFY(!error.empty());
    QCOMPARE(messageCount(*primary_), std::int64_t{1});
}

void DatabaseTest::rowLimitTruncatesResult() {
    const std::string count = std::to_string(Database::kMaxRows + 500);
    const QueryResult result = run(*primary_,
                                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                   "WHERE i < " +
                                       count + ") SELECT i FROM n");
    QVERIFY2(result.ok, result.error.c_str());
    QVERIFY(result.truncated);
    QCOMPARE(result.rows.size(), Database::kMaxRows);
    QCOMPARE(result.rows.back()["i"].get<std::size_t>(), Database::kMaxRows);

    const QueryResult small = run(*primary_, "SELECT 1 AS one");
    QVERIFY(!small.truncated);
}

void DatabaseTest::blobIsReturnedAsBase64() {
    const QueryResult result =
        run(*primary_, "SELECT x'00ff10' AS three, x'4d61' AS two, x'4d' AS one, x'' AS empty");
    QVERIFY2(result.ok, result.error.c_str());
    const json& row = result.rows.at(0);
    QCOMPARE(toText(row.at("three")), QStringLiteral("\"AP8Q\""));
    QCOMPARE(toText(row.at("two")), QStringLiteral("\"TWE=\""));
    QCOMPARE(toText(row.at("one")), QStringLiteral("\"TQ==\""));
    QCOMPARE(toText(row.at("empty")), QStringLiteral("\"\""));
}

void DatabaseTest::invalidUtf8TextIsReplaced() {
    const QueryResult result =
        run(*primary_, "SELECT CAST(x'41ff42' AS TEXT) AS broken, 'caf' || char(233) AS fine");
    QVERIFY2(result.ok, result.error.c_str());
    const json& row = result.rows.at(0);
    QCOMPARE(row.at("broken").get<std::string>(), std::string("A\xEF\xBF\xBD"
                                                              "B"));
    QCOMPARE(row.at("fine").get<std::string>(), std::string("caf\xC3\xA9"));
    QVERIFY(!result.rows.dump().empty());
}

void DatabaseTest::runawayStatementTimesOut() {
    QElapsedTimer timer;
    timer.start();
    const QueryResult result =
        run(*primary_,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM n");
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 500);
    QVERIFY2(result.error.find("timed out") != std::string::npos, result.error.c_str());
    QVERIFY(timer.elapsed() < 10000);

    QVERIFY(insertMessage(*primary_, "ada", "after the timeout").ok);
}

void DatabaseTest::snapshotReplacesRowsAndCountsDiverged() {
    QVERIFY(insertMessage(*primary_, "ada", "shared").ok);
    QVERIFY(insertMessage(*primary_, "ada", "primary only").ok);
    // The replica has row 1 unchanged, row 2 with other values and row 3 the primary lacks.
    replica_->setRole(Database::Role::Primary);
    QVERIFY(insertMessage(*replica_, "ada", "shared").ok);
    QVERIFY(insertMessage(*replica_, "bob", "diverged").ok);
    QVERIFY(insertMessage(*replica_, "bob", "extra").ok);
    replica_->setRole(Database::Role::Replica);

    std::string error;
    const auto snapshot = primary_->snapshotRows(&error);
    QVERIFY2(snapshot.has_value(), error.c_str());
    QCOMPARE(snapshot->size(), std::size_t{2});
    const auto discarded = replica_->replaceRows(*snapshot, &error);
    QVERIFY2(discarded.has_value(), error.c_str());
    QCOMPARE(*discarded, std::int64_t{2});
    QCOMPARE(toText(allMessages(*replica_)), toText(allMessages(*primary_)));
}

void DatabaseTest::snapshotIsRejectedOnPrimary() {
    QVERIFY(insertMessage(*primary_, "ada", "kept").ok);
    std::string error;
    const auto discarded = primary_->replaceRows(nlohmann::json::array(), &error);
    QVERIFY(!discarded.has_value());
    QVERIFY2(error.find("only a replica") != std::string::npos, error.c_str());
    QCOMPARE(messageCount(*primary_), std::int64_t{1});
}

void DatabaseTest::promotedReplicaRecordsChangeset() {
    QVERIFY(!insertMessage(*replica_, "ada", "hello").ok);

    replica_->setRole(Database::Role::Primary);
    QCOMPARE(replica_->role(), Database::Role::Primary);
    const QueryResult write = insertMessage(*replica_, "ada", "hello");
    QVERIFY2(write.ok, write.error.c_str());
    QVERIFY(!write.changeset.empty());
}

void DatabaseTest::dataPersistsAcrossReopen() {
    QVERIFY(insertMessage(*primary_, "ada", "hello").ok);
    primary_.reset();

    primary_ = std::make_unique<Database>(pathFor("primary.db"), Database::Role::Primary);
    QCOMPARE(messageCount(*primary_), std::int64_t{1});
}

void DatabaseTest::primaryWritesThroughWriteAheadLog() {
    QVERIFY(insertMessage(*primary_, "ada", "hello").ok);
    QVERIFY(QFile::exists(dir_->filePath(QStringLiteral("primary.db-wal"))));
}

void DatabaseTest::openFailureThrowsWithPath() {
    const std::filesystem::path missing = pathFor("no-such-directory") / "primary.db";
    try {
        Database db(missing, Database::Role::Primary);
        QFAIL("opening a file in a missing directory succeeded");
    } catch (const std::runtime_error& error) {
        const std::string message = error.what();
        QVERIFY2(message.find(missing.string()) != std::string::npos, message.c_str());
    }
}

QTEST_GUILESS_MAIN(DatabaseTest)
#include "test_database.moc"
