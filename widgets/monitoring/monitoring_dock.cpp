#include "monitoring_dock.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

#include "health_timeline.h"
#include "line_chart_view.h"
#include "stacked_chart_view.h"

namespace wsl {

namespace {

constexpr int kWindowMinutes[] = {1, 5, 15};

}  // namespace

MonitoringDock::MonitoringDock(QWidget* parent)
    : QWidget(parent), windowLabel_(new QLabel(this)), windowCombo_(new QComboBox(this)) {
    for (const int minutes : kWindowMinutes) {
        windowCombo_->addItem(QString(), minutes);
    }
    connect(windowCombo_, &QComboBox::currentIndexChanged, this,
            [this](int index) { emit windowChanged(windowCombo_->itemData(index).toInt()); });
    auto* controls = new QHBoxLayout;
    controls->addWidget(windowLabel_);
    controls->addWidget(windowCombo_);
    controls->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(createCharts());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(scroll);
    retranslate();
}

QWidget* MonitoringDock::createCharts() {
    auto* charts = new QWidget;
    requests_ = new StackedChartView(charts);
    latency_ = new LineChartView(charts);
    errors_ = new LineChartView(charts);
    connections_ = new LineChartView(charts);
    lag_ = new LineChartView(charts);
    health_ = new HealthTimeline(charts);
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(requests_, 0, 0);
    grid->addWidget(latency_, 0, 1);
    grid->addWidget(errors_, 0, 2);
    grid->addWidget(connections_, 1, 0);
    grid->addWidget(lag_, 1, 1);
    grid->addWidget(health_, 1, 2);
    return charts;
}

void MonitoringDock::setData(const MonitoringData& latest) {
    data_ = latest;  // shares the lists until the sampler appends again
    if (isVisible() && inView_) {
        apply();
    }
}

void MonitoringDock::setInView(bool inView) {
    inView_ = inView;
    if (isVisible() && inView_) {
        apply();
    }
}

void MonitoringDock::apply() {
    const double start = data_.nowSeconds - data_.windowSeconds;
    const double end = data_.nowSeconds;
    requests_->setSeries(data_.requestsPerServer, data_.requestsTotal, start, end);
    latency_->setSeries(data_.latency, start, end);
    latency_->setTitle(tr("Latency (ms), last point: %n request(s)", nullptr,
                          static_cast<int>(data_.latencySamples)));
    errors_->setSeries(data_.errorRate, start, end);
    connections_->setSeries(data_.openConnections, start, end);
    lag_->setSeries(data_.replicationLag, start, end);
    // Like the charts' time axes: the first window fills from the left.
    const double healthStart = std::max(start, 0.0);
    health_->setTracks(data_.health, healthStart, healthStart + data_.windowSeconds, end);
}

QSize MonitoringDock::sizeHint() const {
    // No taller than the Events dock it shares a tab with, so the diagram keeps its room.
    // The charts scroll, and a floating dock shows them all.
    return QSize(640, 200);
}

void MonitoringDock::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    apply();
}

void MonitoringDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void MonitoringDock::retranslate() {
    setWindowTitle(tr("Monitoring"));
    windowLabel_->setText(tr("Time window:"));
    windowCombo_->setItemText(0, tr("1 minute"));
    windowCombo_->setItemText(1, tr("5 minutes"));
    windowCombo_->setItemText(2, tr("15 minutes"));
    requests_->setTitle(tr("Requests per second by web server"));
    requests_->setTotalName(tr("Total at the balancer"));
    latency_->setTitle(tr("Latency (ms), last point: %n request(s)", nullptr,
                          static_cast<int>(data_.latencySamples)));
    errors_->setTitle(tr("Errors (% of responses)"));
    connections_->setTitle(tr("Open connections"));
    lag_->setTitle(tr("Replication lag (ms)"));
    health_->setWindowTitle(tr("Backend health"));
    health_->update();
}

}  // namespace wsl
