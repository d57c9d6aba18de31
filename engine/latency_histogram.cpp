#include "latency_histogram.h"

#include <algorithm>
#include <limits>

namespace wsl {

HistogramSnapshot::HistogramSnapshot() : counts(LatencyHistogram::kBucketCount, 0) {}

std::vector<std::uint64_t> HistogramSnapshot::cumulative() const {
    std::vector<std::uint64_t> result(counts.size());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        result[i] = total;
    }
    return result;
}

double HistogramSnapshot::sumSeconds() const {
    return static_cast<double>(sumUs) / 1e6;
}

double HistogramSnapshot::percentile(double p) const {
    if (count == 0) {
        return 0.0;
    }
    p = std::clamp(p, 0.0, 1.0);
    const double rank = p * static_cast<double>(count);

    std::uint64_t below = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const auto inBucket = counts[i];
        if (inBucket == 0 || static_cast<double>(below + inBucket) < rank) {
            below += inBucket;
            continue;
        }
        if (i + 1 == counts.size()) {
            return LatencyHistogram::upperBoundSeconds(i - 1);
        }
        const double lower = i == 0 ? 0.0 : LatencyHistogram::upperBoundSeconds(i - 1);
        const double upper = LatencyHistogram::upperBoundSeconds(i);
        const double share = (rank - static_cast<double>(below)) / static_cast<double>(inBucket);
        return lower + (upper - lower) * std::clamp(share, 0.0, 1.0);
    }
    return LatencyHistogram::upperBoundSeconds(counts.size() - 2);
}

void HistogramSnapshot::add(const HistogramSnapshot& other) {
    for (std::size_t i = 0; i < counts.size() && i < other.counts.size(); ++i) {
        counts[i] += other.counts[i];
    }
    count += other.count;
    sumUs += other.sumUs;
}

HistogramSnapshot HistogramSnapshot::since(const HistogramSnapshot& earlier) const {
    // Counters only grow, but a clamp keeps a mismatched pair from wrapping around.
    const auto minus = [](std::uint64_t now, std::uint64_t before) {
        return now >= before ? now - before : 0;
    };
    HistogramSnapshot delta;
    for (std::size_t i = 0; i < counts.size() && i < earlier.counts.size(); ++i) {
        delta.counts[i] = minus(counts[i], earlier.counts[i]);
        delta.count += delta.counts[i];
    }
    delta.sumUs = minus(sumUs, earlier.sumUs);
    return delta;
}

double LatencyHistogram::upperBoundSeconds(std::size_t index) {
    if (index >= kBoundsUs.size()) {
        return std::numeric_limits<double>::infinity();
    }
    return static_cast<double>(kBoundsUs[index]) / 1e6;
}

std::size_t LatencyHistogram::bucketOf(std::uint64_t us) {
    // The first bound at or above the sample: buckets include their upper bound.
    const auto it = std::lower_bound(kBoundsUs.begin(), kBoundsUs.end(), us);
    return static_cast<std::size_t>(it - kBoundsUs.begin());
}

void LatencyHistogram::record(std::chrono::microseconds latency) {
    const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(0, latency.count()));
    counts_[bucketOf(us)].fetch_add(1, std::memory_order_relaxed);
    sumUs_.fetch_add(us, std::memory_order_relaxed);
}

HistogramSnapshot LatencyHistogram::snapshot() const {
    HistogramSnapshot snapshot;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
        snapshot.counts[i] = counts_[i].load(std::memory_order_relaxed);
        snapshot.count += snapshot.counts[i];
    }
    snapshot.sumUs = sumUs_.load(std::memory_order_relaxed);
    return snapshot;
}

}  // namespace wsl
