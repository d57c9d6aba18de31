#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace wsl {

// Latency counts per bucket, read at one moment. `counts[i]` is the number of samples in
// (bound i-1, bound i]; the last count has no upper bound (Prometheus' le="+Inf").
struct HistogramSnapshot {
    std::vector<std::uint64_t> counts;  // LatencyHistogram::kBucketCount entries, not cumulative
    std::uint64_t count = 0;            // the sum of `counts`
    std::uint64_t sumUs = 0;

    HistogramSnapshot();

    // Counts of samples at or below each bound, as Prometheus' `_bucket` series export them.
    std::vector<std::uint64_t> cumulative() const;
    double sumSeconds() const;
    // Estimates the p-quantile (0 < p <= 1) in seconds by linear interpolation inside the bucket
    // that contains it, as Prometheus' histogram_quantile does, so the error is at most that
    // bucket's width. Returns 0 without samples, and the last finite bound for samples beyond it.
    double percentile(double p) const;
    // Adds another snapshot's samples, e.g. to total several nodes.
    void add(const HistogramSnapshot& other);
    // The samples recorded since `earlier`, a snapshot of the same histogram, e.g. for a window
    // of the last minute.
    HistogramSnapshot since(const HistogramSnapshot& earlier) const;
};

// A fixed-bucket latency histogram. record() is lock-free and may be called from any thread.
class LatencyHistogram {
public:
    // Upper bounds in microseconds: 1, 2, 3, 5 and 7 of each decade from 50 µs to 30 s, so that
    // neighbouring bounds differ by a factor of at most 2.
    static constexpr std::array<std::uint64_t, 30> kBoundsUs{
        50,     70,     100,     200,     300,     500,     700,     1000,     2000,     3000,
        5000,   7000,   10000,   20000,   30000,   50000,   70000,   100000,   200000,   300000,
        500000, 700000, 1000000, 2000000, 3000000, 5000000, 7000000, 10000000, 20000000, 30000000};
    static constexpr std::size_t kBucketCount = kBoundsUs.size() + 1;  // with +Inf

    // The upper bound of bucket `index` in seconds; infinity for the last bucket.
    static double upperBoundSeconds(std::size_t index);
    // The bucket a latency of `us` microseconds falls into.
    static std::size_t bucketOf(std::uint64_t us);

    void record(std::chrono::microseconds latency);
    HistogramSnapshot snapshot() const;

private:
    std::array<std::atomic<std::uint64_t>, kBucketCount> counts_{};
    std::atomic<std::uint64_t> sumUs_{0};
};

}  // namespace wsl
