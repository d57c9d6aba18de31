#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <map>
#include <memory>
#include <thread>

#include "engine_bridge.h"
#include "request_view_worker.h"
#include "test_support.h"

using namespace wsl;

namespace {

constexpr int kDeadlineMs = 10000;
// Enough requests, spread over enough frames, that publishing once per frame would show.
constexpr int kPages = 40;
constexpr auto kPagePause = std::chrono::milliseconds(10);
// Tells the test's pages from the request that waited for the site.
const std::map<std::string, std::string> kCurlAgent = {{"User-Agent", "curl/8.0"}};

Span entrySpan(int n) {
    Span span;
    span.traceId = QStringLiteral("%1").arg(n, 32, 10, QLatin1Char('0')).toStdString();
    span.spanId = std::string(16, 'b');
    span.node = "lb-1";
    span.peer = "client";
    span.method = "GET";
    span.target = "/";
    span.status = 200;
    span.startUs = 100 + n;
    span.endUs = 200 + n;
    span.entry = true;
    return span;
}

std::vector<RequestViewWorker::RequestSpans> requests(int first, int count) {
    std::vector<RequestViewWorker::RequestSpans> spans;
    for (int n = first; n < first + count; ++n) {
        spans.push_back({std::make_shared<const Span>(entrySpan(n))});
    }
    return spans;
}

}  // namespace

// Finished requests reach the request list in batches, converted off the GUI thread, each
// request once and in order.
class RequestBatchesTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void workerKeepsQueuedOrder();
    void workerDeliversOnItsOwnThread();
    void bridgePublishesOncePerBatchInterval();
};

void RequestBatchesTest::init() {
    qRegisterMetaType<QList<RequestView>>();
}

void RequestBatchesTest::workerKeepsQueuedOrder() {
    Tracer tracer;
    RequestViewWorker worker(tracer);
    QStringList traceIds;
    connect(&worker, &RequestViewWorker::converted, this, [&](const QList<RequestView>& views) {
        for (const auto& view : views) {
            traceIds.append(view.traceId);
        }
    });

    worker.convert(requests(0, 30));
    worker.convert(requests(30, 1));
    worker.convert(requests(31, 19));

    QTRY_COMPARE_WITH_TIMEOUT(traceIds.size(), 50, kDeadlineMs);
    for (int n = 0; n < 50; ++n) {
        QCOMPARE(traceIds.at(n), QString::fromStdString(entrySpan(n).traceId));
    }
}

void RequestBatchesTest::workerDeliversOnItsOwnThread() {
    Tracer tracer;
    RequestViewWorker worker(tracer);
    QSignalSpy converted(&worker, &RequestViewWorker::converted);
    QThread* deliveredOn = nullptr;
    connect(&worker, &RequestViewWorker::converted, this,
            [&deliveredOn] { deliveredOn = QThread::currentThread(); });

    worker.convert(requests(0, 3));

    QVERIFY(converted.wait(kDeadlineMs));
    QCOMPARE(deliveredOn, QThread::currentThread());
    const auto views = converted.first().first().value<QList<RequestView>>();
    QCOMPARE(views.size(), 3);
    QCOMPARE(views.first().url, QStringLiteral("/"));
    QCOMPARE(views.first().status, 200);
}

void RequestBatchesTest::bridgePublishesOncePerBatchInterval() {
    EngineBridge bridge(test::testEngineOptions());
    QCOMPARE(bridge.start(), QString());
    const auto address = test::addressOf(bridge.engine(), "lb-1");
    const auto port = test::portOf(bridge.engine(), "lb-1");
    QVERIFY(
        test::waitFor([&] { return test::httpRequest(address, port, "GET", "/").status == 200; }));

    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> batchTimesMs;
    QStringList pageIds;
    connect(&bridge, &EngineBridge::requestsFinished, this, [&](const QList<RequestView>& views) {
        batchTimesMs.push_back(clock.elapsed());
        for (const auto& view : views) {
            if (view.url == QStringLiteral("/") && view.client == client::kCurl) {
                pageIds.append(view.traceId);
            }
        }
    });
    std::atomic<int> answered = 0;
    std::thread pages([&] {
        for (int n = 0; n < kPages; ++n) {
            const auto reply = test::httpRequest(address, port, "GET", "/", {}, kCurlAgent);
            answered += reply.status == 200 ? 1 : 0;
            std::this_thread::sleep_for(kPagePause);
        }
    });

    QTRY_VERIFY_WITH_TIMEOUT(pageIds.size() >= answered && answered == kPages, kDeadlineMs);
    pages.join();
    QCOMPARE(pageIds.size(), kPages);
    QCOMPARE(QSet<QString>(pageIds.cbegin(), pageIds.cend()).size(), kPages);
    QVERIFY2(batchTimesMs.size() >= 2, "the pages took at least two batch intervals");
    for (std::size_t i = 1; i < batchTimesMs.size(); ++i) {
        const auto gapMs = batchTimesMs[i] - batchTimesMs[i - 1];
        QVERIFY2(gapMs >= EngineBridge::kRequestBatchMs - 5,
                 qPrintable(QStringLiteral("batches %1 ms apart").arg(gapMs)));
    }
}

QTEST_MAIN(RequestBatchesTest)
#include "test_request_batches.moc"
