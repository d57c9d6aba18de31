// The window's Settings menu: the load-balancing algorithm, HTTPS redirects and the
// replication mode, each the same Engine call as the admin interface's route.
#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>
#include <QSignalBlocker>
#include <QStatusBar>

#include "diagram_view.h"
#include "engine.h"
#include "engine_bridge.h"
#include "main_window.h"

namespace wsl {

namespace {

constexpr BalanceAlgorithm kAlgorithms[] = {
    BalanceAlgorithm::RoundRobin, BalanceAlgorithm::WeightedRoundRobin,
    BalanceAlgorithm::LeastConnections, BalanceAlgorithm::SourceHash};

}  // namespace

void MainWindow::createSettingsMenu() {
    settingsMenu_ = menuBar()->insertMenu(viewMenu_->menuAction(), new QMenu(this))->menu();
    algorithmMenu_ = settingsMenu_->addMenu(QString());
    algorithmGroup_ = new QActionGroup(this);
    for (const auto algorithm : kAlgorithms) {
        auto* action = algorithmMenu_->addAction(QString());
        action->setCheckable(true);
        action->setData(static_cast<int>(algorithm));
        action->setObjectName(QStringLiteral("Algorithm") + balanceAlgorithmName(algorithm));
        algorithmGroup_->addAction(action);
    }
    connect(algorithmGroup_, &QActionGroup::triggered, this, [this](QAction* action) {
        auto settings = bridge_.engine().balancerSettings();
        settings.algorithm = static_cast<BalanceAlgorithm>(action->data().toInt());
        report(bridge_.engine().setBalancerSettings(settings));
    });

    redirectHttpsAction_ = settingsMenu_->addAction(QString());
    redirectHttpsAction_->setCheckable(true);
    connect(redirectHttpsAction_, &QAction::toggled, this,
            [this](bool on) { report(bridge_.engine().setRedirectHttps(on)); });
    forceHttpsAction_ = settingsMenu_->addAction(QString());
    forceHttpsAction_->setCheckable(true);
    connect(forceHttpsAction_, &QAction::toggled, this,
            [this](bool on) { report(bridge_.engine().setForceHttps(on)); });

    settingsMenu_->addSeparator();
    synchronousAction_ = settingsMenu_->addAction(QString());
    synchronousAction_->setCheckable(true);
    connect(synchronousAction_, &QAction::toggled, this, [this](bool on) {
        auto settings = bridge_.engine().replication().settings;
        settings.mode =
            on ? ReplicationSettings::Mode::Synchronous : ReplicationSettings::Mode::Asynchronous;
        bridge_.engine().setReplicationSettings(settings);
    });
    connect(settingsMenu_, &QMenu::aboutToShow, this, &MainWindow::showSettings);

    monitoringTrafficAction_ = viewMenu_->addAction(QString());
    monitoringTrafficAction_->setObjectName("MonitoringTrafficAction");
    monitoringTrafficAction_->setCheckable(true);
    monitoringTrafficAction_->setChecked(bridge_.showsMonitoringTraffic());
    connect(monitoringTrafficAction_, &QAction::toggled, &bridge_,
            &EngineBridge::setShowMonitoringTraffic);

    spofAction_ = viewMenu_->addAction(QString());
    spofAction_->setObjectName("SpofAction");
    spofAction_->setCheckable(true);
    connect(spofAction_, &QAction::toggled, this, [this](bool on) {
        diagram_->setSpofMarks(on ? bridge_.spofMarks() : QHash<QString, QStringList>{});
    });
    connect(&bridge_, &EngineBridge::spofChanged, this,
            [this](const QHash<QString, QStringList>& marks) {
                if (spofAction_->isChecked()) {
                    diagram_->setSpofMarks(marks);
                }
            });
}

// The menu shows the engine's state, which the admin interface may have changed meanwhile.
void MainWindow::showSettings() {
    const auto& engine = bridge_.engine();
    const auto algorithm = static_cast<int>(engine.balancerSettings().algorithm);
    for (auto* action : algorithmGroup_->actions()) {
        action->setChecked(action->data().toInt() == algorithm);
    }
    const auto https = engine.https();
    const QSignalBlocker redirectBlocker(redirectHttpsAction_);
    const QSignalBlocker forceBlocker(forceHttpsAction_);
    const QSignalBlocker syncBlocker(synchronousAction_);
    redirectHttpsAction_->setEnabled(https.port != 0);
    forceHttpsAction_->setEnabled(https.port != 0);
    redirectHttpsAction_->setChecked(https.redirectHttps);
    forceHttpsAction_->setChecked(https.forceHttps);
    synchronousAction_->setChecked(engine.replication().settings.mode ==
                                   ReplicationSettings::Mode::Synchronous);
}

void MainWindow::retranslateSettings() {
    settingsMenu_->setTitle(tr("Se&ttings"));
    algorithmMenu_->setTitle(tr("Load-balancing &algorithm"));
    const QStringList names{tr("Round robin"), tr("Weighted round robin"), tr("Least connections"),
                            tr("Source address hash")};
    const auto actions = algorithmGroup_->actions();
    for (int i = 0; i < actions.size() && i < names.size(); ++i) {
        actions[i]->setText(names[i]);
    }
    redirectHttpsAction_->setText(tr("Redirect HTTP to HTTPS at the load balancer"));
    forceHttpsAction_->setText(tr("Application servers force HTTPS"));
    synchronousAction_->setText(tr("&Synchronous replication"));
    monitoringTrafficAction_->setText(tr("Show &monitoring traffic (agent pushes)"));
    spofAction_->setText(tr("Show single &points of failure"));
}

void MainWindow::report(const std::string& error) {
    if (!error.empty()) {
        statusBar()->showMessage(QString::fromStdString(error), 8000);
    }
}

}  // namespace wsl
