#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// The demo site end to end: pages from the web servers, the message board through the
// application server, writes to the primary and reads from the replica after replication.
class DemoSiteTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void homePageNamesItsWebServer();
    void postedMessageIsReadBackThroughReplica();
    void replicaRefusesDirectWrite();
    void emptyMessageIsRejected();
    void whoamiNamesAppAndDatabase();
    void headOnApiMatchesGet();
    void jsonSentAsFormIsAccepted();

private:
    Reply viaBalancer(const std::string& method, const std::string& target,
                      const std::string& body = {});
    static QJsonObject json(const Reply& reply);

    std::unique_ptr<Engine> engine_;
};

void DemoSiteTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void DemoSiteTest::cleanup() {
    engine_.reset();
}

Reply DemoSiteTest::viaBalancer(const std::string& method, const std::string& target,
                                const std::string& body) {
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), method, target, body,
                       {{"Content-Type", "application/json"}});
}

QJsonObject DemoSiteTest::json(const Reply& reply) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(reply.body)).object();
}

void DemoSiteTest::homePageNamesItsWebServer() {
    const auto reply = viaBalancer("GET", "/");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").starts_with("text/html"));
    const auto servedBy = reply.header("x-served-by");
    QVERIFY(servedBy.starts_with("web-"));
    QVERIFY(reply.body.find("<dd id=\"page-server\">" + servedBy + "</dd>") != std::string::npos);
}

void DemoSiteTest::postedMessageIsReadBackThroughReplica() {
    const auto posted =
        viaBalancer("POST", "/api/messages", R"({"author": "Ada", "body": "Hello, \"replica\"!"})");
    QCOMPARE(posted.status, 201);
    QCOMPARE(json(posted)["writtenTo"].toString(), QString("db-primary"));

    QJsonObject list;
    const bool replicated = waitFor([&] {
        list = json(viaBalancer("GET", "/api/messages"));
        return !list["messages"].toArray().isEmpty();
    });
    QVERIFY(replicated);
    QCOMPARE(list["readFrom"].toString(), QString("db-replica-1"));
    const auto message = list["messages"].toArray().first().toObject();
    QCOMPARE(message["author"].toString(), QString("Ada"));
    QCOMPARE(message["body"].toString(), QString("Hello, \"replica\"!"));
}

void DemoSiteTest::replicaRefusesDirectWrite() {
    const auto replica = addressOf(*engine_, "db-replica-1");
    const auto port = portOf(*engine_, "db-replica-1");
    const auto write = httpRequest(
        replica, port, "POST", "/query",
        R"json({"sql": "INSERT INTO messages (author, body, created_at) VALUES ('x', 'y', 'z')"})json");
    QCOMPARE(write.status, 403);

    const auto count = httpRequest(replica, port, "POST", "/query",
                                   R"({"sql": "SELECT count(*) AS n FROM messages"})");
    QCOMPARE(count.status, 200);
    QCOMPARE(json(count)["rows"].toArray().first().toObject()["n"].toInt(), 0);
}

void DemoSiteTest::emptyMessageIsRejected() {
    const auto reply = viaBalancer("POST", "/api/messages", R"({"body": "   "})");
    QCOMPARE(reply.status, 422);
    QVERIFY(json(reply)["error"].toString().contains("empty"));
}

void DemoSiteTest::whoamiNamesAppAndDatabase() {
    const auto reply = viaBalancer("GET", "/api/whoami");
    QCOMPARE(reply.status, 200);
    const auto body = json(reply);
    QCOMPARE(body["appServer"].toString(), QString("app-1"));
    QCOMPARE(body["databaseNode"].toString(), QString("db-replica-1"));
    QCOMPARE(body["webServer"].toString().toStdString(), reply.header("x-served-by"));
}

void DemoSiteTest::headOnApiMatchesGet() {
    const auto get = viaBalancer("GET", "/api/whoami");
    const auto head = viaBalancer("HEAD", "/api/whoami");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.empty());
    QCOMPARE(head.header("content-length"), std::to_string(get.body.size()));
}

void DemoSiteTest::jsonSentAsFormIsAccepted() {
    // What `curl -d '{…}'` sends: JSON labelled as a form post.
    const auto reply = httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "POST",
                                   "/api/messages", R"({"author": "Bob", "body": "hi"})",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(reply.status, 201);

    const auto missing = viaBalancer("POST", "/api/messages", R"({"author": "Ada"})");
    QCOMPARE(missing.status, 422);
    QVERIFY(json(missing)["error"].toString().contains("\"body\" is missing"));
}

QTEST_GUILESS_MAIN(DemoSiteTest)
#include "test_demo_site.moc"
