#include "metrics_sampler.h"

#include <algorithm>
#include <cmath>

#include "monitoring_series.h"

namespace wsl {

namespace {

constexpr std::size_t k4xx = 2;
constexpr std::size_t k5xx = 3;

std::uint64_t minus(std::uint64_t now, std::uint64_t before) {
    return now >= before ? now - before : 0;
}

bool isBackend(NodeKind kind) {
    return kind == NodeKind::WebServer || kind == NodeKind::AppServer;
}

}  // namespace

MetricsSampler::MetricsSampler(Engine& engine, QObject* parent) : QObject(parent), engine_(engine) {
    timer_.setInterval(kInterval);
    connect(&timer_, &QTimer::timeout, this,
            [this] { sampleAt(static_cast<double>(clock_.elapsed()) / 1000.0); });
}

void MetricsSampler::start() {
    clock_.start();
    timer_.start();
}

void MetricsSampler::stop() {
    timer_.stop();
}

void MetricsSampler::setWindowMinutes(int minutes) {
    data_.windowSeconds = 60.0 * std::clamp(minutes, 1, 15);
    trim(data_.nowSeconds);
}

int MetricsSampler::maxPoints() const {
    const double perSecond = 1000.0 / static_cast<double>(kInterval.count());
    return static_cast<int>(std::ceil(data_.windowSeconds * perSecond));
}

void MetricsSampler::sampleAt(double nowSeconds) {
    const std::vector<NodeStatus> nodes = engine_.nodes();
    Readings readings;
    for (const NodeStatus& node : nodes) {
        if (auto metrics = engine_.requestMetrics(node.name)) {
            readings.emplace(node.name, std::move(*metrics));
        }
    }
    if (previousSeconds_ && nowSeconds > *previousSeconds_) {
        const double seconds = nowSeconds - *previousSeconds_;
        sampleRequests(nodes, readings, nowSeconds, seconds);
        const RequestMetricsSnapshot interval = balancerDelta(nodes, readings);
        sampleLatency(interval, nowSeconds);
        sampleErrors(interval, nowSeconds);
    }
    sampleConnections(readings, nowSeconds);
    sampleReplication(nowSeconds);
    sampleHealth(nodes, nowSeconds);
    previous_ = std::move(readings);
    previousSeconds_ = nowSeconds;
    trim(nowSeconds);
    emit sampled(data_);
}

RequestMetricsSnapshot MetricsSampler::delta(const std::string& name,
                                             const RequestMetricsSnapshot& now) const {
    const auto before = previous_.find(name);
    if (before == previous_.end()) {
        return {};  // first reading of this node: it is the baseline
    }
    RequestMetricsSnapshot result;
    result.requests = minus(now.requests, before->second.requests);
    for (std::size_t i = 0; i < kStatusClassCount; ++i) {
        result.responses[i] = minus(now.responses[i], before->second.responses[i]);
    }
    result.openConnections = now.openConnections;
    result.latency = now.latency.since(before->second.latency);
    return result;
}

RequestMetricsSnapshot MetricsSampler::balancerDelta(const std::vector<NodeStatus>& nodes,
                                                     const Readings& readings) const {
    RequestMetricsSnapshot total;
    for (const NodeStatus& node : nodes) {
        const auto reading = readings.find(node.name);
        if (node.kind == NodeKind::LoadBalancer && reading != readings.end()) {
            addMetrics(total, delta(node.name, reading->second));
        }
    }
    return total;
}

void MetricsSampler::sampleRequests(const std::vector<NodeStatus>& nodes, const Readings& readings,
                                    double now, double seconds) {
    QStringList servers;
    for (const NodeStatus& node : nodes) {
        const auto reading = readings.find(node.name);
        if (node.kind != NodeKind::WebServer || reading == readings.end()) {
            continue;
        }
        const QString name = QString::fromStdString(node.name);
        const auto requests = static_cast<double>(delta(node.name, reading->second).requests);
        appendPoint(data_.requestsPerServer, name, QPointF(now, requests / seconds));
        servers.append(name);
    }
    keepOnly(data_.requestsPerServer, servers);
    const auto total = static_cast<double>(balancerDelta(nodes, readings).requests);
    data_.requestsTotal.points.append(QPointF(now, total / seconds));
}

void MetricsSampler::sampleLatency(const RequestMetricsSnapshot& interval, double now) {
    if (interval.latency.count == 0) {
        return;  // no request finished: no point rather than a false zero
    }
    data_.latencySamples = interval.latency.count;
    const QString names[] = {QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99")};
    const double quantiles[] = {0.50, 0.95, 0.99};
    for (int i = 0; i < 3; ++i) {
        const double ms = interval.latency.percentile(quantiles[i]) * 1000.0;
        appendPoint(data_.latency, names[i], QPointF(now, ms));
    }
}

void MetricsSampler::sampleErrors(const RequestMetricsSnapshot& interval, double now) {
    std::uint64_t responses = 0;
    for (const std::uint64_t count : interval.responses) {
        responses += count;
    }
    const auto share = [responses](std::uint64_t count) {
        return responses == 0 ? 0.0
                              : 100.0 * static_cast<double>(count) / static_cast<double>(responses);
    };
    appendPoint(data_.errorRate, QStringLiteral("4xx"),
                QPointF(now, share(interval.responses[k4xx])));
    appendPoint(data_.errorRate, QStringLiteral("5xx"),
                QPointF(now, share(interval.responses[k5xx])));
}

void MetricsSampler::sampleConnections(const Readings& readings, double now) {
    QStringList names;
    for (const auto& [name, reading] : readings) {
        names.append(QString::fromStdString(name));
        appendPoint(data_.openConnections, names.last(),
                    QPointF(now, static_cast<double>(reading.openConnections)));
    }
    keepOnly(data_.openConnections, names);
}

void MetricsSampler::sampleReplication(double now) {
    QStringList names;
    for (const DatabaseReplicationState& database : engine_.replication().databases) {
        for (const ReplicaLag& lag : database.lag) {
            names.append(QString::fromStdString(lag.replica));
            appendPoint(data_.replicationLag, names.last(),
                        QPointF(now, static_cast<double>(lag.msBehind)));
        }
    }
    keepOnly(data_.replicationLag, names);
}

void MetricsSampler::sampleHealth(const std::vector<NodeStatus>& nodes, double now) {
    QStringList names;
    for (const NodeStatus& node : nodes) {
        if (isBackend(node.kind)) {
            names.append(QString::fromStdString(node.name));
            recordHealth(data_.health, names.last(), now, QString::fromStdString(node.state));
        }
    }
    keepOnly(data_.health, names);
}

void MetricsSampler::trim(double now) {
    data_.nowSeconds = now;
    const double start = now - data_.windowSeconds;
    const int limit = maxPoints();
    trimPoints(data_.requestsTotal.points, start, limit);
    for (auto* group : {&data_.requestsPerServer, &data_.latency, &data_.errorRate,
                        &data_.openConnections, &data_.replicationLag}) {
        for (MonitoringSeries& series : *group) {
            trimPoints(series.points, start, limit);
        }
    }
    for (HealthTrack& track : data_.health) {
        trimHealth(track, start);
    }
}

}  // namespace wsl
