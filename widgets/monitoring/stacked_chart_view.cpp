#include "stacked_chart_view.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

#include "line_chart_view.h"

namespace wsl {

namespace {

// `points` raised by `below`, both aligned at their newest point: every server gets a point
// on every tick, so a shorter series is a server that appeared later.
QList<QPointF> stackedOn(const QList<QPointF>& points, const QList<QPointF>& below) {
    QList<QPointF> stacked = points;
    const qsizetype offset = below.size() - points.size();
    for (qsizetype i = 0; i < stacked.size(); ++i) {
        if (offset + i >= 0) {
            stacked[i].ry() += below[offset + i].y();
        }
    }
    return stacked;
}

// The baseline under `points`: `below` where it reaches, zero before.
QList<QPointF> baseline(const QList<QPointF>& points, const QList<QPointF>& below) {
    QList<QPointF> base = points;
    const qsizetype offset = below.size() - points.size();
    for (qsizetype i = 0; i < base.size(); ++i) {
        base[i].setY(offset + i >= 0 ? below[offset + i].y() : 0.0);
    }
    return base;
}

}  // namespace

StackedChartView::StackedChartView(QWidget* parent)
    : QChartView(parent),
      xAxis_(new QValueAxis(this)),
      yAxis_(new QValueAxis(this)),
      total_(new QLineSeries()) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 180);
    useSmallLegend(chart());
    chart()->setMargins(QMargins(4, 4, 4, 4));
    xAxis_->setLabelFormat(QStringLiteral("%.0f s"));
    yAxis_->setLabelFormat(QStringLiteral("%g"));
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    chart()->addSeries(total_);
    total_->attachAxis(xAxis_);
    total_->attachAxis(yAxis_);
    QPen pen(Qt::black);
    pen.setWidthF(1.5);
    total_->setPen(pen);
}

void StackedChartView::setTitle(const QString& title) {
    chart()->setTitle(title);
}

void StackedChartView::setTotalName(const QString& name) {
    total_->setName(name);
}

void StackedChartView::setSeries(const QList<MonitoringSeries>& servers,
                                 const MonitoringSeries& total, double start, double end) {
    if (!sameServers(servers)) {
        rebuildAreas(servers);
    }
    QList<QPointF> below;
    double largest = 0;
    for (qsizetype i = 0; i < servers.size(); ++i) {
        QList<QPointF> upper = stackedOn(servers[i].points, below);
        areas_[i]->lowerSeries()->replace(baseline(servers[i].points, below));
        areas_[i]->upperSeries()->replace(upper);
        below = std::move(upper);
    }
    for (const QPointF& point : below) {
        largest = std::max(largest, point.y());
    }
    for (const QPointF& point : total.points) {
        largest = std::max(largest, point.y());
    }
    total_->replace(total.points);
    setTimeRange(xAxis_, start, end);
    setValueRange(yAxis_, largest, chart()->plotArea().height());
}

int StackedChartView::pointCount() const {
    int count = total_->count();
    for (const QAreaSeries* area : areas_) {
        count += area->upperSeries()->count();
    }
    return count;
}

bool StackedChartView::sameServers(const QList<MonitoringSeries>& servers) const {
    if (servers.size() != areas_.size()) {
        return false;
    }
    for (qsizetype i = 0; i < servers.size(); ++i) {
        if (servers[i].name != areas_[i]->name()) {
            return false;
        }
    }
    return true;
}

void StackedChartView::rebuildAreas(const QList<MonitoringSeries>& servers) {
    for (QAreaSeries* area : areas_) {
        // The area owns neither line: delete it first, then them.
        QLineSeries* upper = area->upperSeries();
        QLineSeries* lower = area->lowerSeries();
        chart()->removeSeries(area);
        delete area;
        delete upper;
        delete lower;
    }
    areas_.clear();
    // Removing and adding again keeps the total line drawn above the areas.
    chart()->removeSeries(total_);
    for (const MonitoringSeries& server : servers) {
        auto* area = new QAreaSeries(new QLineSeries(this), new QLineSeries(this));
        area->setName(server.name);
        area->setOpacity(0.75);
        chart()->addSeries(area);
        area->attachAxis(xAxis_);
        area->attachAxis(yAxis_);
        areas_.append(area);
    }
    chart()->addSeries(total_);
    total_->attachAxis(xAxis_);
    total_->attachAxis(yAxis_);
}

}  // namespace wsl
