#include "line_chart_view.h"

#include <QFontMetricsF>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace wsl {

void setTimeRange(QValueAxis* axis, double start, double end) {
    // Until a whole window has passed, the chart fills from the left. Ticks fall on quarters
    // of the window counted from the start of sampling, so they move with the data.
    const double window = std::max(end - start, 1.0);
    const double from = std::max(start, 0.0);
    axis->setRange(from, from + window);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(window / 4.0);
}

void useSmallLegend(QChart* chart) {
    QFont font = chart->legend()->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    chart->legend()->setFont(font);
    chart->legend()->setAlignment(Qt::AlignBottom);
}

void setValueRange(QValueAxis* axis, double largest, double plotHeight) {
    // Qt Charts 6.4 cuts a value axis label to "..." when the label's height and its two 4 px
    // paddings exceed the axis height divided by the tick count, as in a small chart with a
    // legend. The tick count is chosen so that every label fits.
    const double labelSpacing = QFontMetricsF(axis->labelsFont()).height() + 8.0;
    const int fitting = std::clamp(static_cast<int>(plotHeight / labelSpacing), 2, 6);
    // applyNiceNumbers() may add a tick, so fewer are asked for until the result fits.
    for (int count = fitting; count >= 2; --count) {
        axis->setRange(0.0, largest > 0 ? largest * 1.1 : 1.0);
        axis->setTickCount(count);
        axis->applyNiceNumbers();
        if (axis->tickCount() <= fitting) {
            break;
        }
    }
}

LineChartView::LineChartView(QWidget* parent)
    : QChartView(parent), xAxis_(new QValueAxis(this)), yAxis_(new QValueAxis(this)) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 180);
    useSmallLegend(chart());
    chart()->setMargins(QMargins(4, 4, 4, 4));
    xAxis_->setLabelFormat(QStringLiteral("%.0f s"));
    yAxis_->setLabelFormat(QStringLiteral("%g"));
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
}

void LineChartView::setTitle(const QString& title) {
    chart()->setTitle(title);
}

void LineChartView::setSeries(const QList<MonitoringSeries>& group, double start, double end) {
    removeMissing(group);
    double largest = 0;
    for (const MonitoringSeries& source : group) {
        seriesNamed(source.name)->replace(source.points);
        for (const QPointF& point : source.points) {
            largest = std::max(largest, point.y());
        }
    }
    setTimeRange(xAxis_, start, end);
    setValueRange(yAxis_, largest, chart()->plotArea().height());
}

int LineChartView::pointCount() const {
    int count = 0;
    for (const QLineSeries* series : series_) {
        count += series->count();
    }
    return count;
}

QLineSeries* LineChartView::seriesNamed(const QString& name) {
    for (QLineSeries* series : series_) {
        if (series->name() == name) {
            return series;
        }
    }
    auto* series = new QLineSeries();  // the chart owns it once added
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(xAxis_);
    series->attachAxis(yAxis_);
    series_.append(series);
    return series;
}

void LineChartView::removeMissing(const QList<MonitoringSeries>& group) {
    const auto missing = [&group](const QLineSeries* series) {
        return std::none_of(group.cbegin(), group.cend(), [series](const MonitoringSeries& item) {
            return item.name == series->name();
        });
    };
    for (QLineSeries* series : QList<QLineSeries*>(series_)) {
        if (missing(series)) {
            chart()->removeSeries(series);
            series_.removeOne(series);
            delete series;
        }
    }
}

}  // namespace wsl
