#pragma once

#include <QChartView>
#include <QList>

#include "monitoring_data.h"

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace wsl {

// Requests per second: one stacked area per server and a line for the total.
class StackedChartView : public QChartView {
    Q_OBJECT

public:
    explicit StackedChartView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setTotalName(const QString& name);
    void setSeries(const QList<MonitoringSeries>& servers, const MonitoringSeries& total,
                   double start, double end);
    int pointCount() const;

private:
    void rebuildAreas(const QList<MonitoringSeries>& servers);
    bool sameServers(const QList<MonitoringSeries>& servers) const;

    QValueAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
    QLineSeries* total_ = nullptr;
    QList<QAreaSeries*> areas_;
};

}  // namespace wsl
