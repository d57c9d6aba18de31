#include <QtTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "test_support.h"

using namespace wsl;
using namespace wsl::test;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPrimary = "db-primary";
constexpr const char* kReplica = "db-replica-1";
constexpr const char* kInsert = "INSERT INTO messages(author, body, created_at) VALUES (?, ?, ?)";

json parsed(const Reply& reply) {
    return json::parse(reply.body, nullptr, false);
}

}  // namespace

// Replication modes, lag, read-your-writes, promotion, lost writes and a former primary's
// rejoin, on the real stack over loopback.
class ReplicationTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void staleReadUnderApplyDelay();
    void lagShownInStatusAndEvents();
    void readYourWritesReadsFromPrimary();
    void readYourWritesByClientAddress();
    void synchronousWriteIsOnReplicaAtOnce();
    void synchronousWriteWithReplicaDown();
    void writeFailsWith503NamingPrimary();
    void promotionByHand();
    void promotionRejectedWhilePrimaryUp();
    void automaticPromotionAfterDelay();
    void appWritesSucceedAfterPromotion();
    void asyncLosesWritesMadeWhileCutOff();
    void syncLosesNoWrites();
    void oldPrimaryRejoinsAsReplica();
    void settingsRejectInvalidValues();

private:
    Reply admin(const std::string& method, const std::string& target, const std::string& body = {});
    void setSettings(const json& settings);
    Reply query(const std::string& node, const std::string& sql,
                const json& params = json::array());
    Reply insert(const std::string& node, const std::string& body);
    std::int64_t rowCount(const std::string& node);
    json rows(const std::string& node);
    Reply app(const std::string& method, const std::string& target, const std::string& body = {},
              const std::map<std::string, std::string>& headers = {});
    Reply viaBalancer(const std::string& method, const std::string& target,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {});
    json status();
    json replicaLag();
    bool hasEvent(const std::string& kind, const std::string& fragment);
    void cutOffReplicaThenFailPrimary(int writesWhileCutOff);

    std::unique_ptr<Engine> engine_;
};

void ReplicationTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void ReplicationTest::cleanup() {
    engine_.reset();
}

Reply ReplicationTest::admin(const std::string& method, const std::string& target,
                             const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body,
                       {{"Content-Type", "application/json"}});
}

void ReplicationTest::setSettings(const json& settings) {
    const auto reply = admin("PUT", "/replication", settings.dump());
    QCOMPARE(reply.status, 200);
}

Reply ReplicationTest::query(const std::string& node, const std::string& sql, const json& params) {
    const json body{{"sql", sql}, {"params", params}};
    return httpRequest(addressOf(*engine_, node), portOf(*engine_, node), "POST", "/query",
                       body.dump(), {{"Content-Type", "application/json"}});
}

Reply ReplicationTest::insert(const std::string& node, const std::string& body) {
    return query(node, kInsert, json::array({"test", body, "2026-01-01T00:00:00Z"}));
}

std::int64_t ReplicationTest::rowCount(const std::string& node) {
    const auto reply = query(node, "SELECT count(*) AS n FROM messages");
    const auto body = parsed(reply);
    if (reply.status != 200 || !body.is_object()) {
        return -1;
    }
    return body["rows"][0]["n"].get<std::int64_t>();
}

json ReplicationTest::rows(const std::string& node) {
    const auto reply = query(node, "SELECT id, author, body, created_at FROM messages ORDER BY id");
    return reply.status == 200 ? parsed(reply)["rows"] : json();
}

Reply ReplicationTest::app(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers) {
    auto all = headers;
    all.emplace("Content-Type", "application/json");
    return httpRequest(addressOf(*engine_, "app-1"), portOf(*engine_, "app-1"), method, target,
                       body, all);
}

Reply ReplicationTest::viaBalancer(const std::string& method, const std::string& target,
                                   const std::string& body,
                                   const std::map<std::string, std::string>& headers) {
    auto all = headers;
    all.emplace("Content-Type", "application/json");
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), method, target, body,
                       all);
}

json ReplicationTest::status() {
    return parsed(admin("GET", "/replication"));
}

// The primary's view of the single replica.
json ReplicationTest::replicaLag() {
    const auto all = status();
    for (const auto& database : all.value("databases", json::array())) {
        if (database["role"] == "primary" && !database["replicas"].empty()) {
            return database["replicas"][0];
        }
    }
    return json::object();
}

bool ReplicationTest::hasEvent(const std::string& kind, const std::string& fragment) {
    for (const auto& event : engine_->tracer().recentEvents(Tracer::kMaxEvents)) {
        if (event.kind == kind && event.detail.find(fragment) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// One write reaches both databases; the replica is then cut off, the primary acknowledges
// `writesWhileCutOff` more, fails, and the replica returns, ready to be promoted.
void ReplicationTest::cutOffReplicaThenFailPrimary(int writesWhileCutOff) {
    QCOMPARE(insert(kPrimary, "before the cut").status, 200);
    QVERIFY(waitFor([&] { return rowCount(kReplica) == 1; }));

    QVERIFY(engine_->fail(kReplica).empty());
    for (int i = 0; i < writesWhileCutOff; ++i) {
        QCOMPARE(insert(kPrimary, "while cut off " + std::to_string(i)).status, 200);
    }
    QVERIFY(engine_->fail(kPrimary).empty());
    QVERIFY(engine_->restore(kReplica).empty());
}

void ReplicationTest::staleReadUnderApplyDelay() {
    setSettings({{"applyDelayMs", 1500}});
    const auto posted = app("POST", "/api/messages", R"({"author": "ann", "body": "fresh"})");
    QCOMPARE(posted.status, 201);

    // The read right after the write goes to the replica, which has not applied it yet.
    const auto read = parsed(app("GET", "/api/messages"));
    QCOMPARE(read["readFrom"], json(kReplica));
    QCOMPARE(read["messages"].size(), std::size_t{0});

    QVERIFY(waitFor([&] { return parsed(app("GET", "/api/messages"))["messages"].size() == 1; }));
    QCOMPARE(parsed(app("GET", "/api/messages"))["messages"][0]["body"], json("fresh"));
}

void ReplicationTest::lagShownInStatusAndEvents() {
    setSettings({{"applyDelayMs", 2000}});
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(insert(kPrimary, "lagging " + std::to_string(i)).status, 200);
    }

    QVERIFY2(waitFor([&] { return replicaLag().value("msBehind", 0) >= 100; }),
             status().dump().c_str());
    const auto lag = replicaLag();
    QCOMPARE(lag["replica"], json(kReplica));
    QCOMPARE(lag["changesetsBehind"], json(3));
    QVERIFY(waitFor([&] { return hasEvent("replication", "changesets ("); }));

    // Lowering the delay releases the held changesets at once.
    setSettings({{"applyDelayMs", 0}});
    QVERIFY(
        waitFor([&] { return replicaLag()["changesetsBehind"] == 0; }, std::chrono::seconds(1)));
    QCOMPARE(rowCount(kReplica), 3);
    QVERIFY(waitFor([&] { return hasEvent("replication", "caught up with db-primary"); }));
}

void ReplicationTest::readYourWritesReadsFromPrimary() {
    setSettings({{"applyDelayMs", 5000}, {"readYourWritesSeconds", 5}});
    const auto posted = viaBalancer("POST", "/api/messages", R"({"author": "bo", "body": "mine"})");
    QCOMPARE(posted.status, 201);
    const auto cookie = posted.header("set-cookie");
    QVERIFY2(cookie.starts_with("wsl_session="), cookie.c_str());
    const auto session = cookie.substr(0, cookie.find(';'));

    // The writer's session reads from the primary and gets its own post.
    const auto own = parsed(viaBalancer("GET", "/api/messages", {}, {{"Cookie", session}}));
    QCOMPARE(own["readFrom"], json(kPrimary));
    QCOMPARE(own["readYourWrites"], json(true));
    QCOMPARE(own["messages"].size(), std::size_t{1});

    // Another session still reads the lagging replica.
    const auto other =
        parsed(viaBalancer("GET", "/api/messages", {}, {{"Cookie", "wsl_session=someone-else"}}));
    QCOMPARE(other["readFrom"], json(kReplica));
    QCOMPARE(other["messages"].size(), std::size_t{0});
}

void ReplicationTest::readYourWritesByClientAddress() {
    setSettings({{"applyDelayMs", 5000}, {"readYourWritesSeconds", 5}});
    // Without the cookie the session is the client's address, here the test's own.
    QCOMPARE(app("POST", "/api/messages", R"({"body": "by address"})").status, 201);
    const auto own = parsed(app("GET", "/api/messages"));
    QCOMPARE(own["readFrom"], json(kPrimary));
    QCOMPARE(own["messages"].size(), std::size_t{1});

    // With the window closed, the same client reads the lagging replica again.
    setSettings({{"readYourWritesSeconds", 0}});
    const auto closed = parsed(app("GET", "/api/messages"));
    QCOMPARE(closed["readFrom"], json(kReplica));
    QCOMPARE(closed["messages"].size(), std::size_t{0});
}

void ReplicationTest::synchronousWriteIsOnReplicaAtOnce() {
    setSettings({{"mode", "synchronous"}, {"applyDelayMs", 300}});
    const auto start = Clock::now();
    const auto written = insert(kPrimary, "sync");
    const auto took = Clock::now() - start;
    QCOMPARE(written.status, 200);
    QCOMPARE(parsed(written)["appliedOn"], json::array({kReplica}));

    // Acknowledged only after the replica applied it, so the replica has it already.
    QVERIFY(took >= std::chrono::milliseconds(300));
    QCOMPARE(rowCount(kReplica), 1);
}

void ReplicationTest::synchronousWriteWithReplicaDown() {
    setSettings({{"mode", "synchronous"}});
    QVERIFY(engine_->fail(kReplica).empty());

    const auto written = insert(kPrimary, "replica down");
    QCOMPARE(written.status, 200);
    QCOMPARE(parsed(written)["outOfSync"], json::array({kReplica}));
    QCOMPARE(replicaLag()["outOfSync"], json(true));
    QVERIFY(hasEvent("replication", "out of sync"));

    QVERIFY(engine_->restore(kReplica).empty());
    QVERIFY(waitFor([&] { return replicaLag()["outOfSync"] == false; }));
    QCOMPARE(rowCount(kReplica), 1);
}

void ReplicationTest::writeFailsWith503NamingPrimary() {
    QVERIFY(engine_->fail(kPrimary).empty());
    const auto reply = app("POST", "/api/messages", R"({"body": "nowhere"})");
    QCOMPARE(reply.status, 503);
    const auto body = parsed(reply);
    QCOMPARE(body["primary"], json(kPrimary));
    QVERIFY2(body["error"].get<std::string>().find("db-primary") != std::string::npos,
             reply.body.c_str());

    // Reads still work from the replica.
    QCOMPARE(app("GET", "/api/messages").status, 200);
}

void ReplicationTest::promotionByHand() {
    QCOMPARE(insert(kPrimary, "kept").status, 200);
    QVERIFY(waitFor([&] { return rowCount(kReplica) == 1; }));
    QVERIFY(engine_->fail(kPrimary).empty());

    const auto reply = admin("POST", "/databases/db-replica-1/promote");
    QCOMPARE(reply.status, 200);
    const auto after = parsed(reply);
    QCOMPARE(after["primary"], json(kReplica));
    QCOMPARE(after["promotions"], json(1));
    QVERIFY(hasEvent("promotion", "db-replica-1 promoted to primary by hand"));

    QCOMPARE(insert(kReplica, "on the new primary").status, 200);
    QCOMPARE(rowCount(kReplica), 2);
}

void ReplicationTest::promotionRejectedWhilePrimaryUp() {
    const auto reply = admin("POST", "/databases/db-replica-1/promote");
    QCOMPARE(reply.status, 409);
    QVERIFY2(reply.body.find("still up") != std::string::npos, reply.body.c_str());
    QCOMPARE(admin("POST", "/databases/db-nowhere/promote").status, 404);
    QCOMPARE(status()["primary"], json(kPrimary));
}

void ReplicationTest::automaticPromotionAfterDelay() {
    setSettings({{"autoPromoteAfterSeconds", 1}});
    const auto failed = Clock::now();
    QVERIFY(engine_->fail(kPrimary).empty());

    QVERIFY(waitFor([&] { return status()["primary"] == kReplica; }, std::chrono::seconds(5)));
    QVERIFY(Clock::now() - failed >= std::chrono::seconds(1));
    QVERIFY(hasEvent("promotion", "automatically after 1 s without db-primary"));
}

void ReplicationTest::appWritesSucceedAfterPromotion() {
    QVERIFY(engine_->fail(kPrimary).empty());
    QVERIFY(waitFor([&] {
        return viaBalancer("POST", "/api/messages", R"({"body": "too early"})").status == 503;
    }));

    QCOMPARE(engine_->promoteDatabase(kReplica), std::string());
    const auto reply = viaBalancer("POST", "/api/messages", R"({"body": "after promotion"})");
    QCOMPARE(reply.status, 201);
    QCOMPARE(parsed(reply)["writtenTo"], json(kReplica));
    const auto read = parsed(viaBalancer("GET", "/api/messages"));
    QCOMPARE(read["messages"][0]["body"], json("after promotion"));
}

void ReplicationTest::asyncLosesWritesMadeWhileCutOff() {
    cutOffReplicaThenFailPrimary(5);
    QCOMPARE(engine_->promoteDatabase(kReplica), std::string());

    const auto lost = status()["lostWrites"];
    QCOMPARE(lost["count"], json(5));
    QCOMPARE(lost["writes"].size(), std::size_t{5});
    QCOMPARE(lost["writes"][0]["sql"], json(kInsert));
    QVERIFY2(
        lost["writes"][0]["params"].get<std::string>().find("while cut off 0") != std::string::npos,
        lost.dump().c_str());
    QVERIFY(hasEvent("replication", "lost writes: 5"));
    QCOMPARE(rowCount(kReplica), 1);
}

void ReplicationTest::syncLosesNoWrites() {
    setSettings({{"mode", "synchronous"}, {"applyDelayMs", 200}});
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(insert(kPrimary, "sync " + std::to_string(i)).status, 200);
    }
    QVERIFY(engine_->fail(kPrimary).empty());
    QCOMPARE(engine_->promoteDatabase(kReplica), std::string());

    QCOMPARE(status()["lostWrites"]["count"], json(0));
    QVERIFY(hasEvent("replication", "lost writes: 0"));
    QCOMPARE(rowCount(kReplica), 5);
}

void ReplicationTest::oldPrimaryRejoinsAsReplica() {
    // Rows 2 to 4 stay on the old primary only; the new primary then writes its own rows 2, 3.
    cutOffReplicaThenFailPrimary(3);
    QCOMPARE(engine_->promoteDatabase(kReplica), std::string());
    QCOMPARE(insert(kReplica, "new 2").status, 200);
    QCOMPARE(insert(kReplica, "new 3").status, 200);

    QVERIFY(engine_->restore(kPrimary).empty());
    const auto rejoined = [&] {
        const auto all = status();
        for (const auto& database : all["databases"]) {
            if (database["name"] == kPrimary) {
                return database["role"] == "replica";
            }
        }
        return false;
    };
    QVERIFY(waitFor(rejoined));
    QCOMPARE(status()["discardedRows"], json(3));
    QCOMPARE(rows(kPrimary), rows(kReplica));
    QVERIFY(hasEvent("replication", "db-primary rejoined as a replica of db-replica-1: 3"));

    // It follows the new primary's changesets and rejects writes.
    QCOMPARE(insert(kReplica, "new 4").status, 200);
    QVERIFY(waitFor([&] { return rowCount(kPrimary) == 4; }));
    QCOMPARE(insert(kPrimary, "refused").status, 403);
}

void ReplicationTest::settingsRejectInvalidValues() {
    QCOMPARE(admin("PUT", "/replication", R"({"mode": "sometimes"})").status, 400);
    QCOMPARE(admin("PUT", "/replication", R"({"applyDelayMs": -1})").status, 400);
    QCOMPARE(admin("PUT", "/replication", R"({"lag": 1})").status, 400);
    QCOMPARE(admin("PUT", "/replication", "not json").status, 400);

    const auto reply = admin("PUT", "/replication", R"({"applyDelayMs": 250})");
    QCOMPARE(reply.status, 200);
    const auto settings = parsed(reply)["settings"];
    QCOMPARE(settings["applyDelayMs"], json(250));
    QCOMPARE(settings["mode"], json("asynchronous"));
    QCOMPARE(engine_->replication().settings.applyDelay, std::chrono::milliseconds(250));
}

QTEST_GUILESS_MAIN(ReplicationTest)
#include "test_replication.moc"
