#include "traffic_meter.h"

#include <algorithm>
#include <numeric>

namespace wsl {

namespace {

bool isRequest(LegKind kind) {
    return kind == LegKind::Request || kind == LegKind::DnsQuery || kind == LegKind::Refused;
}

// An error response carries its status as label; 4xx are the client's mistakes, not the
// node's, so only 5xx and answers without a status ("no response", DNS failures) count.
bool isServerError(const Leg& leg) {
    if (leg.kind != LegKind::ErrorResponse) {
        return false;
    }
    bool numeric = false;
    const int status = leg.label.toInt(&numeric);
    return !numeric || status >= 500;
}

bool isMetricsTrip(const Trip& trip) {
    return !trip.legs.isEmpty() && trip.legs.first().kind == LegKind::Metrics;
}

}  // namespace

bool isFailedTrip(const Trip& trip) {
    return std::any_of(trip.legs.cbegin(), trip.legs.cend(), [](const Leg& leg) {
        return leg.kind == LegKind::Refused || isServerError(leg);
    });
}

void TrafficMeter::Counter::close(int bucket, double windowSeconds) {
    closed[static_cast<std::size_t>(bucket)] = open;
    open = 0;
    const int total = std::accumulate(closed.cbegin(), closed.cend(), 0);
    rate = windowSeconds > 0 ? total / windowSeconds : 0.0;
}

void TrafficMeter::setTopology(const QStringList& nodes, const QList<DiagramLink>& links) {
    nodeIndex_.clear();
    linkIndex_.clear();
    for (const QString& node : nodes) {
        nodeIndex_.insert(node, static_cast<int>(nodeIndex_.size()));
    }
    for (const DiagramLink& link : links) {
        const auto key = linkKey(link.from, link.to);
        if (!linkIndex_.contains(key)) {
            linkIndex_.insert(key, static_cast<int>(linkIndex_.size()));
        }
    }
    nodes_.assign(nodeIndex_.size(), NodeCounters{});
    links_.assign(linkIndex_.size(), Counter{});
    trips_ = {};
    failedTrips_ = {};
    bucketMs_.fill(0);
    bucket_ = 0;
}

QPair<QString, QString> TrafficMeter::linkKey(const QString& a, const QString& b) {
    return a < b ? qMakePair(a, b) : qMakePair(b, a);
}

void TrafficMeter::record(const Trip& trip) {
    if (trip.legs.isEmpty() || isMetricsTrip(trip)) {
        return;
    }
    ++trips_.open;
    if (isFailedTrip(trip)) {
        ++failedTrips_.open;
    }
    for (const Leg& leg : trip.legs) {
        recordLeg(leg);
    }
}

void TrafficMeter::recordLeg(const Leg& leg) {
    if (isRequest(leg.kind)) {
        if (const auto link = linkIndex_.constFind(linkKey(leg.from, leg.to));
            link != linkIndex_.cend()) {
            ++links_[static_cast<std::size_t>(*link)].open;
        }
        if (const auto node = nodeIndex_.constFind(leg.to); node != nodeIndex_.cend()) {
            NodeCounters& counters = nodes_[static_cast<std::size_t>(*node)];
            ++counters.requests.open;
            // The connection failed, so the request counts against the node it was meant for.
            if (leg.kind == LegKind::Refused) {
                ++counters.errors.open;
            }
        }
        return;
    }
    if (isServerError(leg)) {
        if (const auto node = nodeIndex_.constFind(leg.from); node != nodeIndex_.cend()) {
            ++nodes_[static_cast<std::size_t>(*node)].errors.open;
        }
    }
}

void TrafficMeter::tick(double elapsedMs) {
    bucketMs_[static_cast<std::size_t>(bucket_)] = std::max(0.0, elapsedMs);
    const double windowSeconds = std::accumulate(bucketMs_.cbegin(), bucketMs_.cend(), 0.0) / 1000;

    trips_.close(bucket_, windowSeconds);
    failedTrips_.close(bucket_, windowSeconds);
    for (Counter& link : links_) {
        link.close(bucket_, windowSeconds);
    }
    for (NodeCounters& node : nodes_) {
        node.requests.close(bucket_, windowSeconds);
        node.errors.close(bucket_, windowSeconds);
    }
    bucket_ = (bucket_ + 1) % kBuckets;
}

double TrafficMeter::linkRate(const QString& a, const QString& b) const {
    const auto link = linkIndex_.constFind(linkKey(a, b));
    return link == linkIndex_.cend() ? 0.0 : links_[static_cast<std::size_t>(*link)].rate;
}

TrafficMeter::NodeRates TrafficMeter::nodeRates(const QString& node) const {
    const auto index = nodeIndex_.constFind(node);
    if (index == nodeIndex_.cend()) {
        return {};
    }
    const NodeCounters& counters = nodes_[static_cast<std::size_t>(*index)];
    NodeRates rates;
    rates.requestsPerSecond = counters.requests.rate;
    if (counters.requests.rate > 0) {
        rates.errorPercent = std::min(100.0, 100.0 * counters.errors.rate / counters.requests.rate);
    }
    return rates;
}

bool TrafficMeter::isQuiet() const {
    return trips_.rate == 0 && trips_.open == 0;
}

}  // namespace wsl
