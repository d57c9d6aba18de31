#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine.h"
#include "monitoring/monitoring_data.h"

namespace wsl {

// Reads the engine's counters on the GUI thread four times a second and turns the difference
// between two readings into per-interval rates, percentiles and shares for the monitoring
// dock. Every series keeps at most one window of points.
class MetricsSampler : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kInterval{250};

    explicit MetricsSampler(Engine& engine, QObject* parent = nullptr);

    void start();
    void stop();
    // 1, 5 or 15 minutes; older points are dropped at the next sample.
    void setWindowMinutes(int minutes);
    // How many points a series keeps at most in the current window.
    int maxPoints() const;
    // Takes one sample at `nowSeconds` (seconds since sampling began). The timer calls it;
    // tests call it with a clock of their own.
    void sampleAt(double nowSeconds);
    const MonitoringData& data() const { return data_; }

signals:
    void sampled(const wsl::MonitoringData& data);

private:
    using Readings = std::map<std::string, RequestMetricsSnapshot>;

    RequestMetricsSnapshot delta(const std::string& name, const RequestMetricsSnapshot& now) const;
    RequestMetricsSnapshot balancerDelta(const std::vector<NodeStatus>& nodes,
                                         const Readings& readings) const;
    void sampleRequests(const std::vector<NodeStatus>& nodes, const Readings& readings, double now,
                        double seconds);
    void sampleLatency(const RequestMetricsSnapshot& interval, double now);
    void sampleErrors(const RequestMetricsSnapshot& interval, double now);
    void sampleConnections(const Readings& readings, double now);
    void sampleReplication(double now);
    void sampleHealth(const std::vector<NodeStatus>& nodes, double now);
    void trim(double now);

    Engine& engine_;
    QTimer timer_;
    QElapsedTimer clock_;
    MonitoringData data_;
    Readings previous_;
    std::optional<double> previousSeconds_;
};

}  // namespace wsl
