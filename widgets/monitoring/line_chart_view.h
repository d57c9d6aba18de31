#pragma once

#include <QChartView>
#include <QList>

#include "monitoring_data.h"

class QChart;
class QLineSeries;
class QValueAxis;

namespace wsl {

// A chart of named lines whose series are created once and then refilled with replace(), so
// that a tick costs one copy per series and one axis update.
class LineChartView : public QChartView {
    Q_OBJECT

public:
    explicit LineChartView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    // Shows `group` between `start` and `end` seconds; series absent from it are removed.
    void setSeries(const QList<MonitoringSeries>& group, double start, double end);
    // The points of every series shown, for tests.
    int pointCount() const;

private:
    QLineSeries* seriesNamed(const QString& name);
    void removeMissing(const QList<MonitoringSeries>& group);

    QValueAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
    QList<QLineSeries*> series_;
};

// The x axis shows seconds before now; the y axis starts at zero and leaves headroom above
// the largest value, with as many ticks as `plotHeight` pixels leave room for labels.
void setTimeRange(QValueAxis* axis, double start, double end);
void setValueRange(QValueAxis* axis, double largest, double plotHeight);
// Legends below the chart in a smaller font, so that several node names fit a narrow chart.
void useSmallLegend(QChart* chart);

}  // namespace wsl
