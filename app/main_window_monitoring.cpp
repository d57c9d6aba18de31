#include <QDockWidget>
#include <QMenu>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "metrics_sampler.h"
#include "monitoring/monitoring_dock.h"

namespace wsl {

namespace {

// Returns each node's latest count of open connections, as the engine reported it.
QHash<QString, quint64> latestOpenConnections(const MonitoringData& data) {
    QHash<QString, quint64> latest;
    for (const MonitoringSeries& series : data.openConnections) {
        if (!series.points.isEmpty()) {
            latest.insert(series.name, static_cast<quint64>(series.points.last().y()));
        }
    }
    return latest;
}

}  // namespace

// The Monitoring dock sits in a tab behind Events; View → Monitoring shows or hides it. The
// sampler runs all along so that the charts have history when the tab is first opened.
void MainWindow::createMonitoringDock() {
    auto* dock = new QDockWidget(this);
    dock->setObjectName("MonitoringDock");
    auto* monitoring = new MonitoringDock(dock);
    dock->setWidget(monitoring);
    dock->setWindowTitle(monitoring->windowTitle());
    connect(monitoring, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
    auto* sampler = new MetricsSampler(bridge_.engine(), monitoring);
    connect(sampler, &MetricsSampler::sampled, monitoring, &MonitoringDock::setData);
    connect(monitoring, &MonitoringDock::windowChanged, sampler, &MetricsSampler::setWindowMinutes);
    // QDockWidget reports a tab being raised or lowered, which QWidget::isVisible() does not.
    connect(dock, &QDockWidget::visibilityChanged, monitoring, &MonitoringDock::setInView);
    connect(sampler, &MetricsSampler::sampled, diagram_, [this](const MonitoringData& sample) {
        diagram_->setOpenConnections(latestOpenConnections(sample));
    });
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(eventDock_, dock);
    eventDock_->raise();
    viewMenu_->addAction(dock->toggleViewAction());
    sampler->start();
}

}  // namespace wsl
