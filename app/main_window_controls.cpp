// The window's Node and Scale menus: faults, deploys, drain, promotion and scaling, each the
// same Engine call as the admin interface's route.
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include "engine.h"
#include "engine_bridge.h"
#include "main_window.h"

namespace wsl {

namespace {

constexpr std::chrono::milliseconds kSlowDelay{800};
constexpr double kErrorShare = 0.5;
constexpr int kErrorStatus = 503;
constexpr std::chrono::milliseconds kDeployDowntime{2000};
// In the order the menus add them; tests find the actions by these names.
constexpr const char* kControlNames[] = {
    "HangAction",         "SlowAction",         "ErrorAction",        "ClearFaultAction",
    "DeployAction",       "DrainAction",        "ReadyAction",        "PromoteAction",
    "AddWebServerAction", "AddAppServerAction", "RemoveServerAction", "RollingDeployAction"};

}  // namespace

void MainWindow::createControlMenus() {
    const auto add = [this](QMenu* menu, void (MainWindow::*slot)()) {
        auto* action = menu->addAction(QString());
        action->setObjectName(kControlNames[controlActions_.size()]);
        connect(action, &QAction::triggered, this, slot);
        controlActions_.append(action);
        return action;
    };
    nodeMenu_->addSeparator();
    add(nodeMenu_, &MainWindow::hangSelected);
    add(nodeMenu_, &MainWindow::slowSelected);
    add(nodeMenu_, &MainWindow::errorSelected);
    add(nodeMenu_, &MainWindow::clearFaultSelected);
    nodeMenu_->addSeparator();
    add(nodeMenu_, &MainWindow::deploySelected);
    add(nodeMenu_, &MainWindow::drainSelected);
    add(nodeMenu_, &MainWindow::readySelected);
    add(nodeMenu_, &MainWindow::promoteSelected);

    scaleMenu_ = menuBar()->insertMenu(viewMenu_->menuAction(), new QMenu(this))->menu();
    add(scaleMenu_, &MainWindow::addWebServer);
    add(scaleMenu_, &MainWindow::addAppServer);
    add(scaleMenu_, &MainWindow::removeSelected);
    scaleMenu_->addSeparator();
    add(scaleMenu_, &MainWindow::rollingDeploy);
}

void MainWindow::retranslateControls() {
    const QStringList texts{
        tr("Fault: &hang (accept, never answer)"),
        tr("Fault: &slow (+%1 ms)").arg(kSlowDelay.count()),
        tr("Fault: &errors (%1% answered %2)").arg(kErrorShare * 100).arg(kErrorStatus),
        tr("&Clear the fault"),
        tr("&Deploy (restart, %1 s down)").arg(kDeployDowntime.count() / 1000),
        tr("Dr&ain at the load balancer"),
        tr("Back in rotation (&ready)"),
        tr("&Promote this database to primary"),
        tr("Add a &web server"),
        tr("Add an &application server"),
        tr("&Remove the selected server"),
        tr("Rolling &deploy of the web tier"),
    };
    for (int i = 0; i < controlActions_.size() && i < texts.size(); ++i) {
        controlActions_[i]->setText(texts[i]);
    }
    scaleMenu_->setTitle(tr("&Scale"));
}

// Runs `command` on the selected node and shows its error, if any, in the status bar.
void MainWindow::onSelected(
    const std::function<std::string(Engine&, const std::string&)>& command) {
    if (selectedNode_.isEmpty()) {
        statusBar()->showMessage(tr("Select a node in the diagram first."), 5000);
        return;
    }
    const auto error = command(bridge_.engine(), selectedNode_.toStdString());
    if (!error.empty()) {
        statusBar()->showMessage(QString::fromStdString(error), 8000);
    }
}

void MainWindow::setSelectedFault(const FaultSettings& fault) {
    onSelected(
        [&fault](Engine& engine, const std::string& node) { return engine.setFault(node, fault); });
}

void MainWindow::hangSelected() {
    FaultSettings fault;
    fault.mode = FaultMode::Hang;
    setSelectedFault(fault);
}

void MainWindow::slowSelected() {
    FaultSettings fault;
    fault.mode = FaultMode::Slow;
    fault.delay = kSlowDelay;
    setSelectedFault(fault);
}

void MainWindow::errorSelected() {
    FaultSettings fault;
    fault.mode = FaultMode::Error;
    fault.share = kErrorShare;
    fault.status = kErrorStatus;
    setSelectedFault(fault);
}

void MainWindow::clearFaultSelected() {
    setSelectedFault(FaultSettings{});
}

void MainWindow::deploySelected() {
    onSelected([](Engine& engine, const std::string& node) {
        return engine.deploy(node, kDeployDowntime);
    });
}

void MainWindow::drainSelected() {
    onSelected([](Engine& engine, const std::string& node) {
        return engine.setBackendMode(node, BackendMode::Drain);
    });
}

void MainWindow::readySelected() {
    onSelected([](Engine& engine, const std::string& node) {
        return engine.setBackendMode(node, BackendMode::Ready);
    });
}

void MainWindow::promoteSelected() {
    onSelected(
        [](Engine& engine, const std::string& node) { return engine.promoteDatabase(node); });
}

void MainWindow::addServer(NodeKind kind) {
    const auto result = bridge_.engine().addServer(kind);
    statusBar()->showMessage(
        result.error.empty()
            ? tr("%1 added and in rotation").arg(QString::fromStdString(result.name))
            : QString::fromStdString(result.error),
        8000);
}

void MainWindow::addWebServer() {
    addServer(NodeKind::WebServer);
}

void MainWindow::addAppServer() {
    addServer(NodeKind::AppServer);
}

void MainWindow::removeSelected() {
    onSelected([](Engine& engine, const std::string& node) { return engine.removeServer(node); });
}

void MainWindow::rollingDeploy() {
    const auto error = bridge_.engine().rollingDeploy("web", kDeployDowntime / 2);
    statusBar()->showMessage(error.empty() ? tr("Rolling deploy started: see the Events dock")
                                           : QString::fromStdString(error),
                             8000);
}

}  // namespace wsl
