#include <QComboBox>
#include <QDockWidget>

#include "engine_bridge.h"
#include "main_window.h"
#include "monitoring/monitoring_dock.h"

namespace wsl {

namespace {

// The bottom panels that PUT /view can bring to the front, by the engine's panel name.
const QHash<QString, QString> kPanelDocks = {
    {QStringLiteral("events"), QStringLiteral("EventDock")},
    {QStringLiteral("monitoring"), QStringLiteral("MonitoringDock")},
    {QStringLiteral("load"), QStringLiteral("LoadDock")}};

}  // namespace

// Keeps the overlays, the monitoring window and the front panel equal to the engine's view
// settings both ways: the admin interface's PUT /view changes the window, and the user's
// changes are reported back for GET /view.
void MainWindow::connectViewState() {
    connect(&bridge_, &EngineBridge::viewChanged, this, &MainWindow::applyView);
    connect(spofAction_, &QAction::toggled, this, [this](bool on) {
        auto view = bridge_.engine().view().get();
        view.spofOverlay = on;
        bridge_.setView(view);
    });
    auto* monitoring = findChild<MonitoringDock*>();
    connect(monitoring, &MonitoringDock::windowChanged, this, [this](int minutes) {
        auto view = bridge_.engine().view().get();
        view.monitoringWindowMinutes = minutes;
        bridge_.setView(view);
    });
    for (auto it = kPanelDocks.begin(); it != kPanelDocks.end(); ++it) {
        auto* dock = findChild<QDockWidget*>(it.value());
        if (dock == nullptr) {
            continue;
        }
        connect(dock, &QDockWidget::visibilityChanged, this, [this, panel = it.key()](bool shown) {
            auto view = bridge_.engine().view().get();
            if (shown && view.panel != panel.toStdString()) {
                view.panel = panel.toStdString();
                bridge_.setView(view);
            }
        });
    }
    applyView(bridge_.engine().view().get());
}

// The docks hide while QWidget's destructor runs, when this is no longer a MainWindow, so their
// signals are cut first.
MainWindow::~MainWindow() {
    for (auto* dock : findChildren<QDockWidget*>()) {
        disconnect(dock, &QDockWidget::visibilityChanged, this, nullptr);
    }
}

void MainWindow::applyView(const ViewSettings& view) {
    spofAction_->setChecked(view.spofOverlay);
    monitoringTrafficAction_->setChecked(view.monitoringTraffic);
    if (auto* monitoring = findChild<MonitoringDock*>()) {
        auto* combo = monitoring->windowCombo();
        combo->setCurrentIndex(combo->findData(view.monitoringWindowMinutes));
    }
    // Only a change of panel moves the docks, so that other changes leave the user's layout.
    const auto panel = QString::fromStdString(view.panel);
    if (panel == shownPanel_) {
        return;
    }
    shownPanel_ = panel;
    if (auto* dock = findChild<QDockWidget*>(kPanelDocks.value(panel))) {
        dock->show();
        dock->raise();
    }
}

}  // namespace wsl
