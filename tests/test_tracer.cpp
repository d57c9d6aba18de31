#include <QtTest>

#include <string>

#include "trace.h"

using namespace wsl;

// The tracer's stores: requests assembled from their spans, the queue the window drains, and
// the bounds that keep both from growing with traffic.
class TracerTest : public QObject {
    Q_OBJECT

private slots:
    void entrySpanCompletesRequestInStartOrder();
    void drainedSpanIsTheRecordedOne();
    void pendingQueueDropsOldestWhenFull();
    void withoutDrainQueueRequestsAreStillStored();
    void abandonedTraceIsDroppedAfterOpenLimit();
    void completedTracesDoNotCountAgainstOpenLimit();
    void droppingSkipsCompletedTraces();
    void recentRequestsKeepTheNewest();

private:
    static std::string traceId(int number) {
        auto digits = std::to_string(number);
        return std::string(32 - digits.size(), '0') + digits;
    }

    static Span hop(const std::string& trace, const std::string& node, std::int64_t startUs,
                    bool entry = false) {
        Span span;
        span.traceId = trace;
        span.spanId = node;
        span.node = node;
        span.startUs = startUs;
        span.endUs = startUs + 10;
        span.entry = entry;
        return span;
    }

    static std::vector<std::string> nodesOf(const RequestRecord& record) {
        std::vector<std::string> nodes;
        for (const auto& span : record.spans) {
            nodes.push_back(span.node);
        }
        return nodes;
    }
};

void TracerTest::entrySpanCompletesRequestInStartOrder() {
    Tracer tracer;
    const auto trace = traceId(1);
    tracer.record(hop(trace, "app-1", 30));
    tracer.record(hop(trace, "web-1", 20));
    QVERIFY(tracer.recentRequests(10).empty());

    tracer.record(hop(trace, "lb-1", 10, true));

    const auto records = tracer.recentRequests(10);
    QCOMPARE(records.size(), std::size_t{1});
    QCOMPARE(records[0].traceId, trace);
    QCOMPARE(nodesOf(records[0]), (std::vector<std::string>{"lb-1", "web-1", "app-1"}));
}

void TracerTest::drainedSpanIsTheRecordedOne() {
    Tracer tracer;
    auto span = hop(traceId(1), "web-1", 5, true);
    span.requestHeaders = {{"Host", "foobar.com"}};
    span.responseBody = "<html>";
    tracer.record(span);

    const auto drained = tracer.drainSpans();
    QCOMPARE(drained.size(), std::size_t{1});
    QCOMPARE(drained[0]->node, std::string("web-1"));
    QCOMPARE(drained[0]->requestHeaders, span.requestHeaders);
    QCOMPARE(drained[0]->responseBody, span.responseBody);
    QVERIFY(tracer.drainSpans().empty());
    // The request keeps the span after the window drained it.
    QCOMPARE(tracer.recentRequests(1).at(0).spans.at(0).responseBody, span.responseBody);
}

void TracerTest::pendingQueueDropsOldestWhenFull() {
    Tracer tracer;
    const int extra = 3;
    for (int i = 0; i < static_cast<int>(Tracer::kMaxPendingSpans) + extra; ++i) {
        tracer.record(hop(traceId(i), "web-1", i, true));
    }

    const auto drained = tracer.drainSpans();
    QCOMPARE(drained.size(), Tracer::kMaxPendingSpans);
    QCOMPARE(drained.front()->traceId, traceId(extra));
    QCOMPARE(tracer.droppedSpans(), std::uint64_t{extra});
}

void TracerTest::withoutDrainQueueRequestsAreStillStored() {
    Tracer tracer;
    tracer.record(hop(traceId(1), "web-1", 1, true));
    tracer.setQueueForDrain(false);
    tracer.record(hop(traceId(2), "web-1", 2, true));

    QVERIFY(tracer.drainSpans().empty());  // turning the queue off also empties it
    QCOMPARE(tracer.recentRequests(10).size(), std::size_t{2});
    QCOMPARE(tracer.droppedSpans(), std::uint64_t{0});
}

void TracerTest::abandonedTraceIsDroppedAfterOpenLimit() {
    Tracer tracer;
    tracer.setQueueForDrain(false);
    // Trace 0's entry span never ends in time: kMaxOpenTraces newer traces open after it.
    for (int i = 0; i <= static_cast<int>(Tracer::kMaxOpenTraces); ++i) {
        tracer.record(hop(traceId(i), "web-1", 10 * i + 5));
    }
    tracer.record(hop(traceId(0), "lb-1", 0, true));
    tracer.record(hop(traceId(1), "lb-1", 10, true));

    const auto records = tracer.recentRequests(2);
    QCOMPARE(records.size(), std::size_t{2});
    QCOMPARE(nodesOf(records[0]), std::vector<std::string>{"lb-1"});
    QCOMPARE(nodesOf(records[1]), (std::vector<std::string>{"lb-1", "web-1"}));
}

void TracerTest::completedTracesDoNotCountAgainstOpenLimit() {
    Tracer tracer;
    tracer.setQueueForDrain(false);
    // One trace stays open while many more open and complete after it.
    tracer.record(hop(traceId(0), "web-1", 5));
    const int completed = 3 * static_cast<int>(Tracer::kMaxOpenTraces);
    for (int i = 1; i <= completed; ++i) {
        tracer.record(hop(traceId(i), "web-1", 10 * i + 5));
        tracer.record(hop(traceId(i), "lb-1", 10 * i, true));
    }
    tracer.record(hop(traceId(0), "lb-1", 0, true));

    const auto last = tracer.recentRequests(1).at(0);
    QCOMPARE(last.traceId, traceId(0));
    QCOMPARE(nodesOf(last), (std::vector<std::string>{"lb-1", "web-1"}));
}

void TracerTest::droppingSkipsCompletedTraces() {
    Tracer tracer;
    tracer.setQueueForDrain(false);
    // Trace 0 completes first, so the oldest open trace is trace 1.
    tracer.record(hop(traceId(0), "web-1", 5));
    tracer.record(hop(traceId(0), "lb-1", 0, true));
    for (int i = 1; i <= static_cast<int>(Tracer::kMaxOpenTraces) + 1; ++i) {
        tracer.record(hop(traceId(i), "web-1", 10 * i + 5));
    }
    tracer.record(hop(traceId(1), "lb-1", 10, true));
    tracer.record(hop(traceId(2), "lb-1", 20, true));

    const auto records = tracer.recentRequests(2);
    QCOMPARE(records.size(), std::size_t{2});
    QCOMPARE(nodesOf(records[0]), std::vector<std::string>{"lb-1"});
    QCOMPARE(nodesOf(records[1]), (std::vector<std::string>{"lb-1", "web-1"}));
}

void TracerTest::recentRequestsKeepTheNewest() {
    Tracer tracer;
    tracer.setQueueForDrain(false);
    const int total = static_cast<int>(Tracer::kMaxRecentRequests) + 5;
    for (int i = 0; i < total; ++i) {
        tracer.record(hop(traceId(i), "web-1", i, true));
    }

    const auto records = tracer.recentRequests(total);
    QCOMPARE(records.size(), Tracer::kMaxRecentRequests);
    QCOMPARE(records.front().traceId, traceId(5));
    QCOMPARE(records.back().traceId, traceId(total - 1));
}

QTEST_GUILESS_MAIN(TracerTest)
#include "test_tracer.moc"
