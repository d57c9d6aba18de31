#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// Exports of real requests: HAR 1.2 with every required field, events as CSV, and the bytes
// an eavesdropper on a plain HTTP link would read.
class ExportTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void harHasRequiredFields();
    void harCarriesRealHeadersAndTimings();
    void eventsExportAsCsv();
    void plainHttpHopKeepsWireBytes();
    void databaseHopRecordsItsSql();

private:
    QJsonObject fetchHar();

    std::unique_ptr<Engine> engine_;
};

void ExportTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void ExportTest::cleanup() {
    engine_.reset();
}

QJsonObject ExportTest::fetchHar() {
    const auto reply = httpRequest("127.0.0.1", engine_->adminPort(), "GET", "/har?last=5");
    return QJsonDocument::fromJson(QByteArray::fromStdString(reply.body)).object();
}

void ExportTest::harHasRequiredFields() {
    QCOMPARE(httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET",
                         "/api/messages?page=2")
                 .status,
             200);
    QVERIFY(waitFor([this] { return !engine_->tracer().recentRequests(1).empty(); }));

    const auto log = fetchHar()["log"].toObject();
    QCOMPARE(log["version"].toString(), QString("1.2"));
    QVERIFY(!log["creator"].toObject()["name"].toString().isEmpty());
    QVERIFY(!log["creator"].toObject()["version"].toString().isEmpty());
    const auto entries = log["entries"].toArray();
    QCOMPARE(entries.size(), 1);

    const auto entry = entries.first().toObject();
    for (const auto* field :
         {"startedDateTime", "time", "request", "response", "cache", "timings"}) {
        QVERIFY2(entry.contains(field), field);
    }
    const auto request = entry["request"].toObject();
    for (const auto* field : {"method", "url", "httpVersion", "cookies", "headers", "queryString",
                              "headersSize", "bodySize"}) {
        QVERIFY2(request.contains(field), field);
    }
    const auto response = entry["response"].toObject();
    for (const auto* field : {"status", "statusText", "httpVersion", "cookies", "headers",
                              "content", "redirectURL", "headersSize", "bodySize"}) {
        QVERIFY2(response.contains(field), field);
    }
    QVERIFY(response["content"].toObject().contains("mimeType"));
    const auto timings = entry["timings"].toObject();
    for (const auto* field : {"send", "wait", "receive"}) {
        QVERIFY2(timings[field].toDouble() >= 0, field);
    }
    QVERIFY(
        QDateTime::fromString(entry["startedDateTime"].toString(), Qt::ISODateWithMs).isValid());
    QCOMPARE(request["queryString"].toArray().first().toObject()["value"].toString(), QString("2"));
}

void ExportTest::harCarriesRealHeadersAndTimings() {
    const auto reply =
        httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/");
    QCOMPARE(reply.status, 200);
    QVERIFY(waitFor([this] { return !engine_->tracer().recentRequests(1).empty(); }));

    const auto entry = fetchHar()["log"].toObject()["entries"].toArray().first().toObject();
    const auto request = entry["request"].toObject();
    QCOMPARE(request["method"].toString(), QString("GET"));
    QCOMPARE(request["url"].toString(), QString("http://www.foobar.com/"));

    QString servedBy;
    for (const auto& header : entry["response"].toObject()["headers"].toArray()) {
        if (header.toObject()["name"].toString() == "X-Served-By") {
            servedBy = header.toObject()["value"].toString();
        }
    }
    QCOMPARE(servedBy.toStdString(), reply.header("x-served-by"));
    QCOMPARE(entry["response"].toObject()["status"].toInt(), 200);

    const auto record = engine_->tracer().recentRequests(1).front();
    const auto& front = record.spans.front();
    const double expectedWait = static_cast<double>(front.endUs - front.startUs) / 1000.0;
    QCOMPARE(entry["timings"].toObject()["wait"].toDouble(), expectedWait);
    QCOMPARE(entry["_spans"].toArray().size(), static_cast<qsizetype>(record.spans.size()));
}

void ExportTest::eventsExportAsCsv() {
    QVERIFY(engine_->fail("web-3").empty());
    const auto reply = httpRequest("127.0.0.1", engine_->adminPort(), "GET", "/events.csv");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").starts_with("text/csv"));
    QVERIFY(reply.body.starts_with("time_s,node,kind,detail\r\n"));
    QVERIFY(reply.body.find(",web-3,fault,web-3 failed: its listener is closed\r\n") !=
            std::string::npos);
}

void ExportTest::plainHttpHopKeepsWireBytes() {
    const auto reply = httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "POST",
                                   "/api/messages", R"({"author": "Eve", "body": "secret"})",
                                   {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 201);
    QVERIFY(waitFor([this] { return !engine_->tracer().recentRequests(1).empty(); }));

    const auto record = engine_->tracer().recentRequests(1).front();
    int plainHops = 0;
    for (const auto& span : record.spans) {
        if (span.node == "lb-1" || span.node.starts_with("web-")) {
            QVERIFY(!span.encrypted);
            QVERIFY(span.wireRequest.starts_with("POST /api/messages HTTP/1.1\r\n"));
            QVERIFY(span.wireRequest.find("secret") != std::string::npos);
            QVERIFY(span.wireResponse.starts_with("HTTP/1.1 201"));
            ++plainHops;
        }
    }
    QCOMPARE(plainHops, 2);
}

void ExportTest::databaseHopRecordsItsSql() {
    QCOMPARE(
        httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/api/messages")
            .status,
        200);
    QVERIFY(waitFor([this] { return !engine_->tracer().recentRequests(1).empty(); }));

    const auto record = engine_->tracer().recentRequests(1).front();
    const auto& database = record.spans.back();
    QCOMPARE(database.node, std::string("db-replica-1"));
    QVERIFY(database.detail.starts_with("SELECT id, author, body, created_at FROM messages"));
}

QTEST_GUILESS_MAIN(ExportTest)
#include "test_har.moc"
