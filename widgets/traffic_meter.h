#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <array>
#include <vector>

#include "diagram_types.h"

namespace wsl {

// Counts the requests of played trips per link and per node, and the trips themselves, in a
// sliding window of kBuckets buckets. Rates change only at tick(), which the diagram calls
// kBucketMs apart, so labels update at most four times a second. Counters exist only for the
// nodes and links given to setTopology(), so memory stays fixed however long traffic runs.
class TrafficMeter {
public:
    static constexpr int kBuckets = 4;
    static constexpr int kBucketMs = 250;

    struct NodeRates {
        double requestsPerSecond = 0;
        // Percent of the node's requests that got a status of 500 or more, or failed.
        double errorPercent = 0;
    };

    // Drops every count and sets the nodes and links to count for.
    void setTopology(const QStringList& nodes, const QList<DiagramLink>& links);

    // Counts `trip` in the current bucket. Legs to or from other nodes are not counted.
    void record(const Trip& trip);
    // Closes the current bucket after `elapsedMs` and recomputes every rate over the window.
    void tick(double elapsedMs);

    double tripsPerSecond() const { return trips_.rate; }
    double failedTripsPerSecond() const { return failedTrips_.rate; }
    // Requests per second along the link between `a` and `b`, in either direction.
    double linkRate(const QString& a, const QString& b) const;
    NodeRates nodeRates(const QString& node) const;
    // Whether nothing was counted over the whole window.
    bool isQuiet() const;

private:
    // A count per bucket plus the open bucket, and the rate over the closed buckets.
    struct Counter {
        int open = 0;
        std::array<int, kBuckets> closed{};
        double rate = 0;

        void close(int bucket, double windowSeconds);
    };

    struct NodeCounters {
        Counter requests;
        Counter errors;
    };

    static QPair<QString, QString> linkKey(const QString& a, const QString& b);
    void recordLeg(const Leg& leg);

    QHash<QString, int> nodeIndex_;
    QHash<QPair<QString, QString>, int> linkIndex_;
    std::vector<NodeCounters> nodes_;
    std::vector<Counter> links_;
    Counter trips_;
    Counter failedTrips_;
    std::array<double, kBuckets> bucketMs_{};
    int bucket_ = 0;
};

// Whether `trip` ended in a failure the diagram should show: a refused or blocked connection,
// or an error response other than a 4xx status.
bool isFailedTrip(const Trip& trip);

}  // namespace wsl
