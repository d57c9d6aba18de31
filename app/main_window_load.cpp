#include <QDockWidget>
#include <QMenu>

#include "engine_bridge.h"
#include "load_panel.h"
#include "main_window.h"

namespace wsl {

// The Load test dock sits in a tab beside Events and Monitoring; View → Load test shows or
// hides it.
void MainWindow::createLoadDock() {
    auto* dock = new QDockWidget(this);
    dock->setObjectName("LoadDock");
    auto* panel = new LoadPanel(bridge_.engine(), dock);
    dock->setWidget(panel);
    dock->setWindowTitle(panel->windowTitle());
    connect(panel, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(eventDock_, dock);
    eventDock_->raise();
    viewMenu_->addAction(dock->toggleViewAction());
}

}  // namespace wsl
