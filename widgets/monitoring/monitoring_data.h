#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace wsl {

// One named series of the monitoring charts; x is seconds since sampling began.
struct MonitoringSeries {
    QString name;
    QList<QPointF> points;
};

// A backend's state from `x` (seconds since sampling began) until the next change.
struct HealthChange {
    double x = 0;
    QString state;  // "UP", "DOWN", "going down", ...
};

struct HealthTrack {
    QString name;
    QList<HealthChange> changes;  // oldest first
};

// Everything the monitoring dock draws, as plain Qt data, so that widgets need no engine.
struct MonitoringData {
    double nowSeconds = 0;
    double windowSeconds = 60;
    QList<MonitoringSeries> requestsPerServer;  // req/s, one per web server
    MonitoringSeries requestsTotal;             // req/s at the load balancers
    QList<MonitoringSeries> latency;            // p50, p95, p99 in ms at the load balancers
    quint64 latencySamples = 0;                 // requests behind the latest latency point
    QList<MonitoringSeries> errorRate;          // 4xx and 5xx share of responses, in percent
    QList<MonitoringSeries> openConnections;    // one per HTTP node
    QList<MonitoringSeries> replicationLag;     // ms, one per replica
    QList<HealthTrack> health;                  // one per backend
};

}  // namespace wsl
