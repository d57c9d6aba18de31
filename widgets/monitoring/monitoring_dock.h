#pragma once

#include <QWidget>

#include "monitoring_data.h"

class QComboBox;
class QLabel;

namespace wsl {

class HealthTimeline;
class LineChartView;
class StackedChartView;

// The monitoring charts: requests per second per server, latency percentiles, error share by
// status class, open connections, replication lag and backend health, over 1, 5 or 15
// minutes. It draws only while visible and keeps the latest data for when it is shown.
class MonitoringDock : public QWidget {
    Q_OBJECT

public:
    explicit MonitoringDock(QWidget* parent = nullptr);

    StackedChartView* requestsChart() const { return requests_; }
    LineChartView* latencyChart() const { return latency_; }
    LineChartView* errorChart() const { return errors_; }
    LineChartView* connectionsChart() const { return connections_; }
    LineChartView* lagChart() const { return lag_; }
    HealthTimeline* healthTimeline() const { return health_; }
    QComboBox* windowCombo() const { return windowCombo_; }
    QSize sizeHint() const override;

public slots:
    void setData(const wsl::MonitoringData& latest);
    // Sets whether the dock is in view. A dock in a tab behind another stays visible to Qt,
    // so without this it would redraw its hidden charts four times a second.
    void setInView(bool inView);

signals:
    // The time window the user chose, in minutes.
    void windowChanged(int minutes);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createCharts();
    void apply();
    void retranslate();

    MonitoringData data_;
    bool inView_ = true;
    QLabel* windowLabel_ = nullptr;
    QComboBox* windowCombo_ = nullptr;
    StackedChartView* requests_ = nullptr;
    LineChartView* latency_ = nullptr;
    LineChartView* errors_ = nullptr;
    LineChartView* connections_ = nullptr;
    LineChartView* lag_ = nullptr;
    HealthTimeline* health_ = nullptr;
};

}  // namespace wsl
