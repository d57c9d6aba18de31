#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include "inspector/byte_format.h"
#include "inspector/event_list_widget.h"
#include "inspector/event_store.h"
#include "inspector/hop_detail_widget.h"
#include "inspector/request_detail_widget.h"
#include "inspector/request_filter.h"
#include "inspector/request_list_widget.h"
#include "inspector/request_store.h"
#include "inspector/waterfall_view.h"

using namespace wsl;

namespace {

const QDateTime kWallStart(QDate(2024, 5, 6), QTime(10, 15, 0));

QString traceIdFor(int n) {
    return QStringLiteral("4bf92f3577b34da6a3ce929d0e0e%1").arg(n, 4, 16, QLatin1Char('0'));
}

HopView hop(const QString& node, const QString& peer, qint64 startUs, qint64 endUs, int status,
            const QString& outcome = QStringLiteral("ok")) {
    HopView view;
    view.node = node;
    view.peer = peer;
    view.protocol = QStringLiteral("http");
    view.method = QStringLiteral("GET");
    view.target = QStringLiteral("/api/messages");
    view.status = status;
    view.outcome = outcome;
    view.startUs = startUs;
    view.endUs = endUs;
    return view;
}

QByteArray plainRequestBytes() {
    return "GET /api/messages HTTP/1.1\r\n"
           "Host: www.foobar.com\r\n"
           "User-Agent: webstack-lab-client\r\n"
           "Cookie: session=8f14e45fceea167a\r\n\r\n";
}

// GET /api/messages from the built-in client, HTTPS to lb-1, which first tries web-1 (refused),
// then web-2, which calls app-1, which reads from db-replica-1.
RequestView messagesRequest(const QString& traceId, qint64 startUs = 1'000'000) {
    const qint64 t = startUs;

    HopView entry = hop("lb-1", "client", t, t + 3200, 200);
    entry.requestHeaders = {{"Host", "www.foobar.com"},
                            {"User-Agent", "webstack-lab-client"},
                            {"Accept", "application/json"}};
    entry.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "58"}};
    entry.responseBody = R"([{"id":2,"author":"ada","body":"Replica reads are fast"}])";
    entry.encrypted = true;
    entry.wireRequest = QByteArray::fromHex("1703030045a1f3c29b0e7d5528e6f04c91d2b3a7");
    entry.wireResponse = QByteArray::fromHex("17030300520c4e91aa07b6d3e85f1234c0ffee99");

    HopView refused = hop("web-1", "lb-1", t + 100, t + 180, 0, "refused");
    refused.detail = QStringLiteral("connect to 127.0.10.11:8080: Connection refused");

    HopView web = hop("web-2", "lb-1", t + 250, t + 3000, 200);
    web.requestHeaders = {{"Host", "www.foobar.com"}, {"X-Forwarded-For", "127.0.9.1"}};
    web.responseHeaders = entry.responseHeaders;
    web.wireRequest = plainRequestBytes();
    web.wireResponse = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[]";

    HopView app = hop("app-1", "web-2", t + 400, t + 2800, 200);
    HopView database = hop("db-replica-1", "app-1", t + 600, t + 1600, 200);
    database.target = QStringLiteral("/query");
    database.detail =
        QStringLiteral("SELECT id, author, body FROM messages ORDER BY id DESC LIMIT 20");

    RequestView request;
    request.traceId = traceId;
    request.startUs = t;
    request.wallTime = kWallStart.addMSecs(t / 1000);
    request.method = QStringLiteral("GET");
    request.url = QStringLiteral("/api/messages");
    request.status = 200;
    request.durationUs = 3200;
    request.route = QStringList{"lb-1", "web-2", "app-1", "db-replica-1"};
    request.hops = {entry, refused, web, app, database};
    return request;
}

// A request without hops, for tests that need many requests.
RequestView smallRequest(int n) {
    RequestView request;
    request.traceId = traceIdFor(n);
    request.method = QStringLiteral("GET");
    request.url = QStringLiteral("/index.html");
    request.status = 200;
    request.durationUs = 800;
    request.route = QStringList{"lb-1", "web-1"};
    request.outcome = QStringLiteral("ok");
    request.client = QStringLiteral("built-in");
    return request;
}

QList<RequestView> smallRequests(int first, int count) {
    QList<RequestView> requests;
    for (int n = first; n < first + count; ++n) {
        requests.append(smallRequest(n));
    }
    return requests;
}

// Five requests that differ in method, status, nodes, outcome and client.
QList<RequestView> mixedRequests() {
    RequestView read = messagesRequest("t-read");

    RequestView write = messagesRequest("t-write");
    write.method = QStringLiteral("POST");
    write.status = 201;
    write.route = QStringList{"lb-1", "web-3", "app-1", "db-primary"};
    write.hops = {hop("lb-1", "external", 0, 900, 201), hop("web-3", "lb-1", 100, 800, 201),
                  hop("app-1", "web-3", 200, 700, 201), hop("db-primary", "app-1", 300, 600, 200)};
    write.hops[0].requestHeaders = {{"user-agent", "curl/8.5.0"}};
    write.hops[3].detail = QStringLiteral("INSERT INTO messages (author, body) VALUES (?, ?)");

    RequestView missing = smallRequest(3);
    missing.traceId = QStringLiteral("t-missing");
    missing.url = QStringLiteral("/missing.html");
    missing.status = 404;
    missing.hops = {hop("lb-1", "client", 0, 500, 404), hop("web-1", "lb-1", 50, 400, 404)};

    RequestView unavailable = smallRequest(4);
    unavailable.traceId = QStringLiteral("t-unavailable");
    unavailable.url = QStringLiteral("/");
    unavailable.status = 503;
    unavailable.outcome = QStringLiteral("error");
    unavailable.route = QStringList{"lb-1"};
    unavailable.hops = {hop("lb-1", "client", 0, 300, 503, "error")};
    unavailable.hops[0].detail = QStringLiteral("no healthy backend");

    RequestView slow = smallRequest(5);
    slow.traceId = QStringLiteral("t-timeout");
    slow.url = QStringLiteral("/api/messages");
    slow.status = 0;
    slow.outcome = QStringLiteral("timeout");
    slow.route = QStringList{"lb-1", "web-2"};
    slow.hops = {hop("lb-1", "client", 0, 5'000'000, 0, "timeout"),
                 hop("web-2", "lb-1", 100, 5'000'000, 0, "timeout")};

    return {read, write, missing, unavailable, slow};
}

QStringList shownTraceIds(const QAbstractItemModel& model) {
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.append(model.index(row, 0).data(RequestStore::TraceIdRole).toString());
    }
    ids.sort();
    return ids;
}

QString traceIdAtTop(const QTableView& table) {
    return table.indexAt(QPoint(2, 2)).data(RequestStore::TraceIdRole).toString();
}

QList<EventView> sampleEvents(int count) {
    const QStringList kinds{"health-check", "state", "fault", "health-check", "replication"};
    QList<EventView> events;
    for (int i = 0; i < count; ++i) {
        const QString kind = kinds.at(i % kinds.size());
        events.append({1'000'000LL + i * 250'000LL, QStringLiteral("web-%1").arg(i % 3 + 1), kind,
                       QStringLiteral("event %1").arg(i)});
    }
    return events;
}

}  // namespace

class InspectorTest : public QObject {
    Q_OBJECT

private slots:
    void storeKeepsNewestFirst();
    void storeDropsOldestAtBound();
    void storeDropsOverflowOfOneBatch();
    void storeHoldsRequestsWhilePaused();
    void storeShowsRouteOutcomeAndDuration();
    void storeDerivesClientFromUserAgent_data();
    void storeDerivesClientFromUserAgent();

    void filterMatchesTerms_data();
    void filterMatchesTerms();
    void filterRejectsInvalidExpression_data();
    void filterRejectsInvalidExpression();
    void nodeFilterCombinesWithText();

    void listFollowsNewestUntilScrolledAway();
    void listKeepsSelectionWhileRowsArrive();
    void listKeepsDroppedSelectionInDetail();
    void listShowsInvalidFilter();
    void listPauseHoldsRequests();

    void waterfallBarsAreProportional();
    void waterfallIndentsHopsUnderSender();
    void waterfallPhasesSitInsideBar();
    void waterfallClickSelectsHop();
    void detailKeepsNodeAcrossRequests();
    void databaseTabShowsSqlOfDatabaseHop();
    void eavesdropperShowsPlaintextHttp();
    void eavesdropperHidesEncryptedPlaintext();
    void eavesdropperNotesEmptyLink();
    void bodyShowsTextOrHex();
    void escapedTextKeepsLinesAndEscapes();

    void eventKindFilterShowsOneKind();
    void eventListFollowsNewestAtBottom();
    void eventListDropsOldestAtBound();
};

void InspectorTest::storeKeepsNewestFirst() {
    RequestStore store;
    store.append(smallRequests(0, 3));
    store.append(smallRequests(3, 1));

    QCOMPARE(store.rowCount(), 4);
    QCOMPARE(store.at(0).traceId, traceIdFor(3));
    QCOMPARE(store.at(1).traceId, traceIdFor(2));
    QCOMPARE(store.at(3).traceId, traceIdFor(0));
    QCOMPARE(store.index(0, 0).data(RequestStore::TraceIdRole).toString(), traceIdFor(3));
}

void InspectorTest::storeDropsOldestAtBound() {
    RequestStore store;
    QCOMPARE(store.maxRequests(), 10'000);
    QSignalSpy resetSpy(&store, &QAbstractItemModel::modelReset);
    QSignalSpy removedSpy(&store, &QAbstractItemModel::rowsRemoved);

    // 34 requests a batch is one frame's worth at 2,000 requests per second and 60 Hz.
    int appended = 0;
    while (appended < 10'050) {
        const int count = std::min(34, 10'050 - appended);
        store.append(smallRequests(appended, count));
        appended += count;
    }

    QCOMPARE(store.rowCount(), 10'000);
    QCOMPARE(store.droppedCount(), qint64(50));
    QCOMPARE(store.at(0).traceId, traceIdFor(10'049));
    QCOMPARE(store.at(9'999).traceId, traceIdFor(50));
    QCOMPARE(resetSpy.count(), 0);
    QVERIFY(removedSpy.count() > 0);
}

void InspectorTest::storeDropsOverflowOfOneBatch() {
    RequestStore store;
    store.setMaxRequests(100);
    store.append(smallRequests(0, 30));
    store.append(smallRequests(30, 150));

    QCOMPARE(store.rowCount(), 100);
    QCOMPARE(store.droppedCount(), qint64(80));
    QCOMPARE(store.at(0).traceId, traceIdFor(179));
    QCOMPARE(store.at(99).traceId, traceIdFor(80));

    store.clear();
    QCOMPARE(store.rowCount(), 0);
    QCOMPARE(store.droppedCount(), qint64(0));
}

void InspectorTest::storeHoldsRequestsWhilePaused() {
    RequestStore store;
    store.setMaxRequests(10);
    store.append(smallRequests(0, 2));
    store.setPaused(true);
    store.append(smallRequests(2, 12));

    QCOMPARE(store.rowCount(), 2);
    QCOMPARE(store.heldCount(), 10);
    QCOMPARE(store.droppedCount(), qint64(2));

    store.setPaused(false);
    QCOMPARE(store.heldCount(), 0);
    QCOMPARE(store.rowCount(), 10);
    QCOMPARE(store.at(0).traceId, traceIdFor(13));
    QCOMPARE(store.at(9).traceId, traceIdFor(4));
    QCOMPARE(store.droppedCount(), qint64(4));
}

void InspectorTest::storeShowsRouteOutcomeAndDuration() {
    RequestStore store;
    store.append({messagesRequest(traceIdFor(1))});
    const auto cell = [&store](int column) { return store.index(0, column).data().toString(); };

    QCOMPARE(cell(RequestStore::RouteColumn),
             QStringLiteral("lb-1 → web-2 → app-1 → db-replica-1"));
    QCOMPARE(cell(RequestStore::OutcomeColumn), QStringLiteral("ok · web-1 refused"));
    QCOMPARE(cell(RequestStore::DurationColumn), QLocale().toString(3.2, 'f', 1));
    QCOMPARE(cell(RequestStore::StatusColumn), QStringLiteral("200"));
    QCOMPARE(cell(RequestStore::TimeColumn), QStringLiteral("10:15:01.000"));
    QCOMPARE(store.at(0).outcome, QStringLiteral("ok"));
}

void InspectorTest::storeDerivesClientFromUserAgent_data() {
    QTest::addColumn<QString>("userAgent");
    QTest::addColumn<QString>("client");

    QTest::newRow("built-in") << "webstack-lab-client"
                              << "built-in";
    QTest::newRow("curl") << "curl/8.5.0"
                          << "curl";
    QTest::newRow("firefox")
        << "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
        << "browser";
    QTest::newRow("python") << "python-requests/2.31.0"
                            << "other";
    QTest::newRow("missing") << ""
                             << "other";
}

void InspectorTest::storeDerivesClientFromUserAgent() {
    QFETCH(QString, userAgent);
    QFETCH(QString, client);

    RequestView request = messagesRequest(traceIdFor(1));
    request.hops[0].requestHeaders = {{"user-agent", userAgent}};
    RequestStore store;
    store.append({request});

    QCOMPARE(store.at(0).client, client);
}

void InspectorTest::filterMatchesTerms_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QStringList>("expected");

    const QStringList all{"t-missing", "t-read", "t-timeout", "t-unavailable", "t-write"};
    QTest::newRow("empty shows all") << "" << all;
    QTest::newRow("method") << "~m GET"
                            << QStringList{"t-missing", "t-read", "t-timeout", "t-unavailable"};
    QTest::newRow("method ignores case") << "~m post" << QStringList{"t-write"};
    QTest::newRow("status class") << "~s 5xx" << QStringList{"t-unavailable"};
    QTest::newRow("status code") << "~s 404" << QStringList{"t-missing"};
    QTest::newRow("node on route") << "~n web-2" << QStringList{"t-read", "t-timeout"};
    QTest::newRow("node of refused hop") << "~n web-1" << QStringList{"t-missing", "t-read"};
    QTest::newRow("node as peer") << "~n external" << QStringList{"t-write"};
    QTest::newRow("outcome of a hop") << "~o refused" << QStringList{"t-read"};
    QTest::newRow("outcome of request") << "~o timeout" << QStringList{"t-timeout"};
    QTest::newRow("negated method") << "!~m GET" << QStringList{"t-write"};
    QTest::newRow("negation and term")
        << "!~n web-2 ~m GET" << QStringList{"t-missing", "t-unavailable"};
    QTest::newRow("text in URL") << "missing" << QStringList{"t-missing"};
    QTest::newRow("text in SQL") << "insert" << QStringList{"t-write"};
    QTest::newRow("text in error") << "healthy" << QStringList{"t-unavailable"};
    QTest::newRow("text is client") << "curl" << QStringList{"t-write"};
    QTest::newRow("negated text") << "!api" << QStringList{"t-missing", "t-unavailable"};
    QTest::newRow("extra spaces") << "  ~m   GET   ~s 4xx " << QStringList{"t-missing"};
}

void InspectorTest::filterMatchesTerms() {
    QFETCH(QString, expression);
    QFETCH(QStringList, expected);

    RequestStore store;
    store.append(mixedRequests());
    RequestFilter filter;
    filter.setSourceModel(&store);
    filter.setFilterExpression(expression);

    QVERIFY2(filter.isValid(), qPrintable(filter.errorString()));
    QCOMPARE(shownTraceIds(filter), expected);
}

void InspectorTest::filterRejectsInvalidExpression_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("status word") << "~s abc"
                                 << "404 or 5xx";
    QTest::newRow("status missing") << "~s"
                                    << "404 or 5xx";
    QTest::newRow("status out of range") << "~s 700"
                                         << "404 or 5xx";
    QTest::newRow("method missing") << "~m"
                                    << "~m GET";
    QTest::newRow("operand is operator") << "~n ~m GET"
                                         << "~n web-2";
    QTest::newRow("unknown outcome") << "~o lost"
                                     << "refused";
    QTest::newRow("unknown operator") << "~x foo"
                                      << "~x";
    QTest::newRow("bare negation") << "! ~m GET"
                                   << "!~m GET";
}

void InspectorTest::filterRejectsInvalidExpression() {
    QFETCH(QString, expression);
    QFETCH(QString, errorPart);

    RequestStore store;
    store.append(mixedRequests());
    RequestFilter filter;
    filter.setSourceModel(&store);
    filter.setFilterExpression("~m POST");
    QSignalSpy changedSpy(&filter, &RequestFilter::filterChanged);

    filter.setFilterExpression(expression);

    QVERIFY(!filter.isValid());
    QVERIFY2(filter.errorString().contains(errorPart), qPrintable(filter.errorString()));
    QCOMPARE(changedSpy.count(), 1);
    // The last valid expression stays in effect.
    QCOMPARE(shownTraceIds(filter), QStringList{"t-write"});

    filter.setFilterExpression("~m GET");
    QVERIFY(filter.isValid());
    QVERIFY(filter.errorString().isEmpty());
}

void InspectorTest::nodeFilterCombinesWithText() {
    RequestStore store;
    store.append(mixedRequests());
    RequestFilter filter;
    filter.setSourceModel(&store);

    filter.setNodeFilter("web-2");
    QCOMPARE(shownTraceIds(filter), (QStringList{"t-read", "t-timeout"}));

    filter.setFilterExpression("~o timeout");
    QCOMPARE(shownTraceIds(filter), QStringList{"t-timeout"});

    filter.setNodeFilter(QString());
    QCOMPARE(shownTraceIds(filter), QStringList{"t-timeout"});

    filter.setFilterExpression(QString());
    filter.setNodeFilter("db-primary");
    QCOMPARE(shownTraceIds(filter), QStringList{"t-write"});
}

void InspectorTest::listFollowsNewestUntilScrolledAway() {
    RequestStore store;
    RequestListWidget list(&store);
    list.resize(900, 400);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    QTableView* table = list.tableView();
    QScrollBar* bar = table->verticalScrollBar();

    store.append(smallRequests(0, 200));
    QTRY_VERIFY(bar->maximum() > 100);  // the view lays out new rows on its next event loop pass
    store.append(smallRequests(200, 5));
    QVERIFY(list.isFollowingNewest());
    QCOMPARE(bar->value(), 0);
    QCOMPARE(traceIdAtTop(*table), traceIdFor(204));

    // The user scrolls away: new requests keep the rows on screen where they are.
    bar->setValue(30);
    QVERIFY(!list.isFollowingNewest());
    const QString topBefore = traceIdAtTop(*table);
    store.append(smallRequests(205, 5));
    QCOMPARE(bar->value(), 35);
    QCOMPARE(traceIdAtTop(*table), topBefore);

    // Back at the top, the view follows the newest request again.
    bar->setValue(0);
    QVERIFY(list.isFollowingNewest());
    store.append(smallRequests(210, 5));
    QCOMPARE(bar->value(), 0);
    QCOMPARE(traceIdAtTop(*table), traceIdFor(214));
}

void InspectorTest::listKeepsSelectionWhileRowsArrive() {
    RequestStore store;
    store.setMaxRequests(20);
    RequestListWidget list(&store);
    QSignalSpy selectedSpy(&list, &RequestListWidget::requestSelected);
    QSignalSpy clearedSpy(&list, &RequestListWidget::selectionCleared);
    store.append(smallRequests(0, 10));

    list.tableView()->selectRow(2);
    QCOMPARE(selectedSpy.count(), 1);
    QCOMPARE(selectedSpy.first().first().value<RequestView>().traceId, traceIdFor(7));

    // New rows move the selected request down, then the bound drops it: no signal either way.
    store.append(smallRequests(10, 5));
    QCOMPARE(list.tableView()->selectionModel()->selectedRows().first().row(), 7);
    store.append(smallRequests(15, 20));
    QCOMPARE(selectedSpy.count(), 1);
    QCOMPARE(clearedSpy.count(), 0);

    list.tableView()->selectRow(0);
    QCOMPARE(selectedSpy.count(), 2);
    list.findChild<QToolButton*>("clearButton")->click();
    QCOMPARE(clearedSpy.count(), 1);
    QCOMPARE(list.tableView()->model()->rowCount(), 0);
}

void InspectorTest::listKeepsDroppedSelectionInDetail() {
    RequestStore store;
    store.setMaxRequests(20);
    RequestListWidget list(&store);
    QSignalSpy selectedSpy(&list, &RequestListWidget::requestSelected);
    store.append(smallRequests(0, 20));
    list.tableView()->selectRow(10);
    QCOMPARE(selectedSpy.count(), 1);

    // The bound drops the selected request, and the table moves its selection to another row.
    // Later batches must not show that row's request, nor any other, in the detail view.
    store.append(smallRequests(20, 15));
    for (int batch = 0; batch < 5; ++batch) {
        store.append(smallRequests(35 + batch * 4, 4));
    }

    QCOMPARE(selectedSpy.count(), 1);
    QCOMPARE(selectedSpy.first().first().value<RequestView>().traceId, traceIdFor(9));
}

void InspectorTest::listShowsInvalidFilter() {
    RequestStore store;
    store.append(mixedRequests());
    RequestListWidget list(&store);
    auto* error = list.findChild<QLabel*>("filterError");
    QVERIFY(!list.filterEdit()->placeholderText().isEmpty());

    list.filterEdit()->setText("~s abc");
    QVERIFY(error->isVisibleTo(&list));
    QVERIFY(error->text().contains("404 or 5xx"));
    QVERIFY(list.filterEdit()->toolTip().contains("404 or 5xx"));
    QVERIFY(!list.filterEdit()->styleSheet().isEmpty());

    list.filterEdit()->setText("~s 5xx");
    QVERIFY(!error->isVisibleTo(&list));
    QVERIFY(list.filterEdit()->styleSheet().isEmpty());
    QCOMPARE(list.tableView()->model()->rowCount(), 1);
    QVERIFY(list.findChild<QLabel*>("requestCounts")->text().startsWith(QLocale().toString(1)));
}

void InspectorTest::listPauseHoldsRequests() {
    RequestStore store;
    RequestListWidget list(&store);
    auto* pause = list.findChild<QToolButton*>("pauseButton");
    auto* counts = list.findChild<QLabel*>("requestCounts");
    store.append(smallRequests(0, 3));

    pause->click();
    QVERIFY(list.isPaused());
    store.append(smallRequests(3, 4));
    QCOMPARE(list.tableView()->model()->rowCount(), 3);
    QVERIFY2(counts->text().contains(QLocale().toString(4)), qPrintable(counts->text()));

    pause->click();
    QVERIFY(!list.isPaused());
    QCOMPARE(list.tableView()->model()->rowCount(), 7);
    QCOMPARE(store.at(0).traceId, traceIdFor(6));
}

void InspectorTest::waterfallBarsAreProportional() {
    WaterfallView waterfall;
    waterfall.resize(900, 300);
    const RequestView request = messagesRequest(traceIdFor(1));
    waterfall.setHops(request.hops);

    const QRectF entry = waterfall.barRect(0);
    const qreal entryDuration = request.hops.at(0).endUs - request.hops.at(0).startUs;
    QVERIFY(entry.width() > 100);
    for (int i = 1; i < request.hops.size(); ++i) {
        const HopView& span = request.hops.at(i);
        const QRectF bar = waterfall.barRect(i);
        const qreal expectedWidth = entry.width() * (span.endUs - span.startUs) / entryDuration;
        const qreal expectedLeft =
            entry.left() + entry.width() * (span.startUs - request.startUs) / entryDuration;
        QVERIFY2(qAbs(bar.width() - expectedWidth) < 0.01, qPrintable(span.node));
        QVERIFY2(qAbs(bar.left() - expectedLeft) < 0.01, qPrintable(span.node));
        QVERIFY(bar.top() > waterfall.barRect(i - 1).top());
    }
    QVERIFY(waterfall.barRect(5).isNull());
}

void InspectorTest::waterfallPhasesSitInsideBar() {
    RequestView request = messagesRequest(traceIdFor(1));
    HopView& entry = request.hops[0];
    const qint64 t = entry.startUs;
    entry.phases = {{QStringLiteral("tls-handshake"), t, t + 800},
                    {QStringLiteral("queue"), t + 800, t + 900},
                    {QStringLiteral("upstream-connect"), t + 900, t + 1000}};
    WaterfallView waterfall;
    waterfall.resize(900, 300);
    waterfall.setHops(request.hops);

    const QRectF bar = waterfall.barRect(0);
    const QRectF handshake = waterfall.phaseRect(0, 0);
    QVERIFY(qAbs(handshake.left() - bar.left()) < 0.01);
    QVERIFY(qAbs(handshake.width() - bar.width() * 800 / (entry.endUs - entry.startUs)) < 0.01);
    QVERIFY(handshake.top() >= bar.center().y() - 0.01);
    QVERIFY(handshake.bottom() <= bar.bottom() + 0.01);
    QVERIFY(qAbs(waterfall.phaseRect(0, 1).left() - handshake.right()) < 0.01);
    QVERIFY(waterfall.phaseRect(0, 3).isNull());
    QVERIFY(waterfall.phaseRect(1, 0).isNull());  // web-1 has no phases
    QCOMPARE(WaterfallView::phaseLabel(QStringLiteral("tls-handshake")),
             QStringLiteral("TLS handshake"));
}

void InspectorTest::waterfallIndentsHopsUnderSender() {
    const QList<int> depths = hopDepths(messagesRequest(traceIdFor(1)).hops);
    QCOMPARE(depths, (QList<int>{0, 1, 1, 2, 3}));
}

void InspectorTest::waterfallClickSelectsHop() {
    WaterfallView waterfall;
    waterfall.resize(900, 300);
    waterfall.setHops(messagesRequest(traceIdFor(1)).hops);
    waterfall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&waterfall));
    QSignalSpy selectedSpy(&waterfall, &WaterfallView::hopSelected);
    QCOMPARE(waterfall.selectedHop(), 0);

    QTest::mouseClick(&waterfall, Qt::LeftButton, {}, waterfall.rowRect(4).center().toPoint());
    QCOMPARE(waterfall.selectedHop(), 4);
    QCOMPARE(selectedSpy.count(), 1);
    QCOMPARE(selectedSpy.first().first().toInt(), 4);

    QTest::keyClick(&waterfall, Qt::Key_Up);
    QCOMPARE(waterfall.selectedHop(), 3);
}

void InspectorTest::detailKeepsNodeAcrossRequests() {
    RequestDetailWidget detail;
    QVERIFY(!detail.hasRequest());
    detail.setRequest(messagesRequest(traceIdFor(1)));
    QCOMPARE(detail.selectedHop(), 0);
    QVERIFY(detail.findChild<QLabel*>("requestTitle")->text().contains("/api/messages"));

    detail.setSelectedHop(2);  // web-2
    RequestView other = messagesRequest(traceIdFor(2));
    other.hops.removeAt(1);  // no refused attempt: web-2 is the second hop
    detail.setRequest(other);
    QCOMPARE(detail.selectedHop(), 1);

    detail.clear();
    QVERIFY(!detail.hasRequest());
}

void InspectorTest::databaseTabShowsSqlOfDatabaseHop() {
    RequestDetailWidget detail;
    const RequestView request = messagesRequest(traceIdFor(1));
    detail.setRequest(request);
    QTabWidget* tabs = detail.hopDetail()->tabs();

    detail.setSelectedHop(4);
    QVERIFY(tabs->isTabEnabled(HopDetailWidget::DatabaseTab));
    QCOMPARE(detail.hopDetail()->sqlText(), request.hops.at(4).detail);

    detail.setSelectedHop(2);
    QVERIFY(!tabs->isTabEnabled(HopDetailWidget::DatabaseTab));
    QVERIFY(detail.hopDetail()->sqlText().isEmpty());
}

void InspectorTest::eavesdropperShowsPlaintextHttp() {
    RequestDetailWidget detail;
    detail.setRequest(messagesRequest(traceIdFor(1)));
    detail.setSelectedHop(2);  // lb-1 -> web-2, plain HTTP
    const HopDetailWidget* hop = detail.hopDetail();

    QCOMPARE(hop->eavesdropperNote(),
             QStringLiteral("Anyone on the link between lb-1 and web-2 can read this."));
    QVERIFY(hop->wireRequestText().contains("GET /api/messages HTTP/1.1\\r\\n"));
    QVERIFY(hop->wireRequestText().contains("Cookie: session=8f14e45fceea167a"));
    QVERIFY(hop->wireResponseText().startsWith("HTTP/1.1 200 OK"));
}

void InspectorTest::eavesdropperHidesEncryptedPlaintext() {
    RequestDetailWidget detail;
    detail.setRequest(messagesRequest(traceIdFor(1)));
    detail.setSelectedHop(0);  // client -> lb-1 over TLS
    const HopDetailWidget* hop = detail.hopDetail();

    QVERIFY(hop->eavesdropperNote().contains("TLS"));
    QVERIFY(hop->wireRequestText().contains("17 03 03 00 45"));
    QVERIFY(!hop->wireRequestText().contains("GET"));
    QVERIFY(!hop->wireRequestText().contains("/api/messages"));
    QVERIFY(!hop->wireResponseText().contains("author"));
}

void InspectorTest::eavesdropperNotesEmptyLink() {
    RequestDetailWidget detail;
    detail.setRequest(messagesRequest(traceIdFor(1)));
    detail.setSelectedHop(1);  // lb-1 -> web-1, refused before any byte was sent

    QCOMPARE(detail.hopDetail()->eavesdropperNote(),
             QStringLiteral("No bytes were captured on the link between lb-1 and web-1."));
    QVERIFY(detail.hopDetail()->wireRequestText().isEmpty());
}

void InspectorTest::bodyShowsTextOrHex() {
    HopDetailWidget hopDetail;
    HopView view = hop("web-2", "lb-1", 0, 100, 200);
    view.responseBody = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    view.requestBody = "{\"body\":\"caf\xc3\xa9";  // é kept whole
    view.requestBody += "\xe2\x82";                // a cut-off € at the end of the capture
    hopDetail.setHop(view);

    QCOMPARE(hopDetail.requestBodyText(), QString::fromUtf8("{\"body\":\"caf\xc3\xa9"));
    QVERIFY(hopDetail.responseBodyText().startsWith("0000  89 50 4e 47 0d 0a 1a 0a"));
    QVERIFY(hopDetail.responseBodyText().contains(".PNG"));
}

void InspectorTest::escapedTextKeepsLinesAndEscapes() {
    QCOMPARE(byte_format::escapedText("GET / HTTP/1.1\r\nX: \x01\t\\\n"),
             QStringLiteral("GET / HTTP/1.1\\r\\n\nX: \\x01\\t\\\\\\n\n"));
    QVERIFY(byte_format::isPrintableUtf8("plain text\r\n"));
    QVERIFY(!byte_format::isPrintableUtf8(QByteArray("a\0b", 3)));
    QVERIFY(!byte_format::isPrintableUtf8("\xff\xfe"));
}

void InspectorTest::eventKindFilterShowsOneKind() {
    EventListWidget events;
    events.append(sampleEvents(20));
    QAbstractItemModel* model = events.tableView()->model();
    QCOMPARE(model->rowCount(), 20);

    events.setKindFilter("fault");
    QCOMPARE(events.kindFilter(), QStringLiteral("fault"));
    QCOMPARE(model->rowCount(), 4);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->index(row, EventStore::KindColumn).data().toString(),
                 QStringLiteral("fault"));
    }

    events.append({{9'000'000, "db-primary", "custom-kind", "seen first at run time"}});
    auto* combo = events.findChild<QComboBox*>("kindFilter");
    QVERIFY(combo->findData(QStringLiteral("custom-kind")) >= 0);
    QCOMPARE(model->rowCount(), 4);

    events.setKindFilter(QString());
    QCOMPARE(model->rowCount(), 21);
    QCOMPARE(model->index(0, EventStore::TimeColumn).data().toString(),
             QLocale().toString(1.0, 'f', 3));
}

void InspectorTest::eventListFollowsNewestAtBottom() {
    EventListWidget events;
    events.resize(700, 300);
    events.show();
    QVERIFY(QTest::qWaitForWindowExposed(&events));
    QTableView* table = events.tableView();
    QScrollBar* bar = table->verticalScrollBar();

    events.append(sampleEvents(200));
    QVERIFY(events.isFollowingNewest());
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());

    bar->setValue(50);
    QVERIFY(!events.isFollowingNewest());
    events.append(sampleEvents(10));
    QCOMPARE(bar->value(), 50);

    bar->setValue(bar->maximum());
    QVERIFY(events.isFollowingNewest());
    events.append(sampleEvents(10));
    QCOMPARE(bar->value(), bar->maximum());
    const QRect newest = table->visualRect(table->model()->index(219, 0));
    QVERIFY(table->viewport()->rect().contains(newest));
}

void InspectorTest::eventListDropsOldestAtBound() {
    EventListWidget events;
    events.store()->setMaxEvents(100);
    events.append(sampleEvents(150));

    QCOMPARE(events.store()->rowCount(), 100);
    QCOMPARE(events.store()->droppedCount(), qint64(50));
    QCOMPARE(events.store()->at(0).detail, QStringLiteral("event 50"));
    QCOMPARE(events.store()->at(99).detail, QStringLiteral("event 149"));
}

QTEST_MAIN(InspectorTest)
#include "test_inspector.moc"
