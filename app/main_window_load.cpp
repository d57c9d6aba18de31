#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QToolBar>

#include "engine_bridge.h"
#include "load_form.h"
#include "load_panel.h"
#include "main_window.h"

namespace wsl {

namespace {

// How often the toolbar's load switch follows runs that start or end elsewhere.
constexpr int kLoadSwitchPollMs = 500;

}  // namespace

// The Load test dock sits in a tab beside Events and Monitoring; View → Load test shows or
// hides it.
void MainWindow::createLoadDock() {
    auto* dock = new QDockWidget(this);
    dock->setObjectName("LoadDock");
    loadPanel_ = new LoadPanel(bridge_.engine(), dock);
    dock->setWidget(loadPanel_);
    dock->setWindowTitle(loadPanel_->windowTitle());
    connect(loadPanel_, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(eventDock_, dock);
    eventDock_->raise();
    viewMenu_->addAction(dock->toggleViewAction());
    createLoadSwitch();
}

// The toolbar's switch (Ctrl+L) starts and stops a run with the Load test tab's settings, and
// its rate box is the tab's rate.
void MainWindow::createLoadSwitch() {
    loadAction_ = new QAction(this);
    loadAction_->setObjectName("LoadAction");
    loadAction_->setCheckable(true);
    loadAction_->setShortcut(Qt::CTRL | Qt::Key_L);
    connect(loadAction_, &QAction::triggered, this, [this](bool on) {
        if (on) {
            loadPanel_->start();
            // A run that did not start says why in the tab, so bring the tab to the front.
            if (bridge_.engine().loadStatus().state != "running") {
                auto* dock = findChild<QDockWidget*>("LoadDock");
                dock->show();
                dock->raise();
            }
        } else {
            loadPanel_->stop();
        }
        followLoadRun();
    });
    requestMenu_->addSeparator();
    requestMenu_->addAction(loadAction_);

    auto* rate = loadPanel_->form()->rateSpin();
    loadRateSpin_ = new QSpinBox(this);
    loadRateSpin_->setObjectName("LoadRateSpin");
    loadRateSpin_->setRange(rate->minimum(), rate->maximum());
    loadRateSpin_->setValue(rate->value());
    connect(loadRateSpin_, &QSpinBox::valueChanged, rate, &QSpinBox::setValue);
    connect(rate, &QSpinBox::valueChanged, loadRateSpin_, &QSpinBox::setValue);

    auto* toolBar = findChild<QToolBar*>("MainToolBar");
    toolBar->addSeparator();
    toolBar->addAction(loadAction_);
    toolBar->addWidget(loadRateSpin_);

    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, &MainWindow::followLoadRun);
    poll->start(kLoadSwitchPollMs);
}

// Keeps the switch on while a run is sending, however it started: from the tab, the switch or
// POST /load.
void MainWindow::followLoadRun() {
    const auto status = bridge_.engine().loadStatus();
    const bool running = status.state == "running";
    // The rate box shows the rate of a run started elsewhere, not only the one typed here.
    if (running && !loadAction_->isChecked() && status.settings.mode == LoadMode::Rate) {
        loadRateSpin_->setValue(status.settings.rate);
    }
    const QSignalBlocker blocker(loadAction_);
    loadAction_->setChecked(running);
}

void MainWindow::retranslateLoadSwitch() {
    loadAction_->setText(tr("&Load"));
    loadAction_->setToolTip(
        tr("Start or stop sending load at the rate beside it, with the Load test tab's mix and "
           "duration (Ctrl+L)"));
    loadRateSpin_->setSuffix(tr(" req/s"));
    loadRateSpin_->setToolTip(tr("Requests per second sent while Load is on"));
}

}  // namespace wsl
