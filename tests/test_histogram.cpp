#include "latency_histogram.h"

#include <QtTest>

#include <thread>
#include <vector>

#include "prometheus_text.h"

using namespace wsl;
using std::chrono::microseconds;

// The latency histogram on its own: bucket edges, percentile estimates against samples whose
// true percentiles are known, concurrent recording, and the values Prometheus text carries.
class HistogramTest : public QObject {
    Q_OBJECT

private slots:
    void bucketIncludesUpperBound();
    void emptyHistogramReportsZero();
    void uniformPercentilesWithinBucket();
    void skewedPercentilesFindTheirBuckets();
    void beyondLastBoundReportsLastBound();
    void concurrentRecordsAllCounted();
    void sinceSubtractsEarlierSnapshot();
    void addMergesTwoNodes();
    void cumulativeEndsWithCount();
    void sampleValuesUseExpositionSpelling();
};

namespace {

// The bounds, in seconds, of the bucket that contains `us`.
std::pair<double, double> bucketAround(std::uint64_t us) {
    const auto index = LatencyHistogram::bucketOf(us);
    const double lower = index == 0 ? 0.0 : LatencyHistogram::upperBoundSeconds(index - 1);
    return {lower, LatencyHistogram::upperBoundSeconds(index)};
}

}  // namespace

void HistogramTest::bucketIncludesUpperBound() {
    QCOMPARE(LatencyHistogram::bucketOf(0), std::size_t{0});
    QCOMPARE(LatencyHistogram::bucketOf(50), std::size_t{0});
    QCOMPARE(LatencyHistogram::bucketOf(51), std::size_t{1});
    QCOMPARE(LatencyHistogram::bucketOf(1000), std::size_t{7});
    QCOMPARE(LatencyHistogram::bucketOf(30'000'000), LatencyHistogram::kBucketCount - 2);
    QCOMPARE(LatencyHistogram::bucketOf(30'000'001), LatencyHistogram::kBucketCount - 1);
    QVERIFY(std::isinf(LatencyHistogram::upperBoundSeconds(LatencyHistogram::kBucketCount - 1)));
    QCOMPARE(LatencyHistogram::upperBoundSeconds(0), 50e-6);
}

void HistogramTest::emptyHistogramReportsZero() {
    LatencyHistogram histogram;
    const auto snapshot = histogram.snapshot();
    QCOMPARE(snapshot.count, std::uint64_t{0});
    QCOMPARE(snapshot.percentile(0.5), 0.0);
    QCOMPARE(snapshot.counts.size(), LatencyHistogram::kBucketCount);
}

void HistogramTest::uniformPercentilesWithinBucket() {
    // 1 µs to 10 ms in steps of 1 µs: the p-quantile is p * 10,000 µs.
    LatencyHistogram histogram;
    for (int us = 1; us <= 10000; ++us) {
        histogram.record(microseconds(us));
    }
    const auto snapshot = histogram.snapshot();
    QCOMPARE(snapshot.count, std::uint64_t{10000});
    QCOMPARE(snapshot.sumUs, std::uint64_t{10000} * 10001 / 2);

    for (const double p : {0.5, 0.95, 0.99}) {
        const auto trueUs = static_cast<std::uint64_t>(p * 10000);
        const auto [lower, upper] = bucketAround(trueUs);
        const double estimate = snapshot.percentile(p);
        QVERIFY2(estimate >= lower && estimate <= upper,
                 qPrintable(QString("p%1: %2 s outside (%3, %4]")
                                .arg(p * 100)
                                .arg(estimate)
                                .arg(lower)
                                .arg(upper)));
        // Samples spread evenly inside each bucket, so interpolation is nearly exact here.
        QVERIFY2(std::abs(estimate - static_cast<double>(trueUs) / 1e6) < 0.01 * upper,
                 qPrintable(QString("p%1: %2 s").arg(p * 100).arg(estimate)));
    }
}

void HistogramTest::skewedPercentilesFindTheirBuckets() {
    // 900 fast responses at 150 µs, 90 at 4 ms and 10 slow ones at 800 ms.
    LatencyHistogram histogram;
    for (int i = 0; i < 900; ++i) {
        histogram.record(microseconds(150));
    }
    for (int i = 0; i < 90; ++i) {
        histogram.record(microseconds(4000));
    }
    for (int i = 0; i < 10; ++i) {
        histogram.record(microseconds(800000));
    }
    const auto snapshot = histogram.snapshot();

    const auto check = [&snapshot](double p, std::uint64_t trueUs) {
        const auto [lower, upper] = bucketAround(trueUs);
        const double estimate = snapshot.percentile(p);
        return estimate >= lower && estimate <= upper;
    };
    QVERIFY(check(0.5, 150));
    QVERIFY(check(0.9, 150));
    QVERIFY(check(0.95, 4000));
    QVERIFY(check(0.99, 4000));
    QVERIFY(check(0.995, 800000));
    QVERIFY(check(1.0, 800000));
}

void HistogramTest::beyondLastBoundReportsLastBound() {
    LatencyHistogram histogram;
    histogram.record(std::chrono::seconds(45));
    const auto snapshot = histogram.snapshot();
    QCOMPARE(snapshot.counts.back(), std::uint64_t{1});
    QCOMPARE(snapshot.percentile(0.99), 30.0);
}

void HistogramTest::concurrentRecordsAllCounted() {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 25000;
    LatencyHistogram histogram;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&histogram, t] {
            for (int i = 0; i < kPerThread; ++i) {
                histogram.record(microseconds(100 * (t + 1)));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto snapshot = histogram.snapshot();
    QCOMPARE(snapshot.count, std::uint64_t{kThreads * kPerThread});
    QCOMPARE(snapshot.sumUs, std::uint64_t{kPerThread} * (100 + 200 + 300 + 400));
    QCOMPARE(snapshot.counts[LatencyHistogram::bucketOf(400)], std::uint64_t{kPerThread});
}

void HistogramTest::sinceSubtractsEarlierSnapshot() {
    LatencyHistogram histogram;
    histogram.record(microseconds(60));
    const auto before = histogram.snapshot();
    histogram.record(microseconds(2500));
    histogram.record(microseconds(2500));
    const auto delta = histogram.snapshot().since(before);
    QCOMPARE(delta.count, std::uint64_t{2});
    QCOMPARE(delta.sumUs, std::uint64_t{5000});
    QCOMPARE(delta.counts[LatencyHistogram::bucketOf(60)], std::uint64_t{0});
    QCOMPARE(delta.counts[LatencyHistogram::bucketOf(2500)], std::uint64_t{2});
}

void HistogramTest::addMergesTwoNodes() {
    LatencyHistogram first;
    LatencyHistogram second;
    first.record(microseconds(100));
    second.record(microseconds(100));
    second.record(microseconds(9000));
    auto total = first.snapshot();
    total.add(second.snapshot());
    QCOMPARE(total.count, std::uint64_t{3});
    QCOMPARE(total.sumUs, std::uint64_t{9200});
    QCOMPARE(total.counts[LatencyHistogram::bucketOf(100)], std::uint64_t{2});
}

void HistogramTest::cumulativeEndsWithCount() {
    LatencyHistogram histogram;
    for (const int us : {10, 80, 80, 5000, 40'000'000}) {
        histogram.record(microseconds(us));
    }
    const auto snapshot = histogram.snapshot();
    const auto cumulative = snapshot.cumulative();
    QCOMPARE(cumulative.size(), LatencyHistogram::kBucketCount);
    QVERIFY(std::is_sorted(cumulative.begin(), cumulative.end()));
    QCOMPARE(cumulative.front(), std::uint64_t{1});
    QCOMPARE(cumulative.back(), snapshot.count);
    QCOMPARE(cumulative[LatencyHistogram::kBucketCount - 2], std::uint64_t{4});
}

void HistogramTest::sampleValuesUseExpositionSpelling() {
    QCOMPARE(formatSampleValue(LatencyHistogram::upperBoundSeconds(0)), std::string("5e-05"));
    QCOMPARE(formatSampleValue(0.0007), std::string("0.0007"));
    QCOMPARE(formatSampleValue(30.0), std::string("30"));
    QCOMPARE(formatSampleValue(std::numeric_limits<double>::infinity()), std::string("+Inf"));
    QCOMPARE(formatSampleValue(std::nan("")), std::string("NaN"));
}

QTEST_GUILESS_MAIN(HistogramTest)
#include "test_histogram.moc"
