#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include "count_label.h"
#include "diagram_view.h"
#include "engine_bridge.h"
#include "inspector/event_list_widget.h"
#include "inspector/request_detail_widget.h"
#include "inspector/request_list_widget.h"
#include "inspector/request_store.h"

namespace wsl {

namespace {

// One leg of a trip takes this long at speed 1; slow motion delays each hop as long.
constexpr double kLegMsAtSpeedOne = 400.0;
constexpr double kSpeeds[] = {0.1, 0.25, 0.5, 1.0, 2.0, 4.0};
constexpr int kDefaultSpeedIndex = 3;
// The docks' first sizes, in pixels: room for the request list and detail, and for the bottom
// tabs' charts and load test form.
constexpr int kInspectorWidth = 440;
constexpr int kBottomDockHeight = 300;

}  // namespace

MainWindow::MainWindow(EngineBridge& bridge, QWidget* parent)
    : QMainWindow(parent), bridge_(bridge), diagram_(new DiagramView(this)) {
    setObjectName("MainWindow");
    setCentralWidget(diagram_);
    diagram_->setTopology(bridge_.diagramNodes(), bridge_.diagramLinks());

    createActions();
    createMenus();
    createControlMenus();
    createSettingsMenu();
    createToolBar();
    createEventDock();
    createInspectorDock();
    createMonitoringDock();
    createLoadDock();
    createStatusBar();
    connectBridge();
    connectViewState();
    retranslate();
    resize(1280, 720);
    // The diagram gets most of a 1280x720 projector: the docks start at the size their
    // contents need, and the user may drag them larger.
    resizeDocks({eventDock_}, {kBottomDockHeight}, Qt::Vertical);
    resizeDocks({inspectorDock_}, {kInspectorWidth}, Qt::Horizontal);
}

void MainWindow::createActions() {
    quitAction_ = new QAction(this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    const auto send = [this](EngineBridge::RequestKind kind) {
        return [this, kind] { bridge_.sendRequest(kind); };
    };
    sendPageAction_ = new QAction(this);
    sendPageAction_->setShortcut(Qt::Key_Space);
    connect(sendPageAction_, &QAction::triggered, this, send(EngineBridge::RequestKind::Page));
    sendReadAction_ = new QAction(this);
    connect(sendReadAction_, &QAction::triggered, this, send(EngineBridge::RequestKind::ApiRead));
    sendWriteAction_ = new QAction(this);
    connect(sendWriteAction_, &QAction::triggered, this, send(EngineBridge::RequestKind::ApiWrite));

    failSelectedAction_ = new QAction(this);
    failSelectedAction_->setShortcut(Qt::Key_F);
    connect(failSelectedAction_, &QAction::triggered, this, &MainWindow::failSelected);
    restoreSelectedAction_ = new QAction(this);
    restoreSelectedAction_->setShortcut(Qt::Key_R);
    connect(restoreSelectedAction_, &QAction::triggered, this, &MainWindow::restoreSelected);

    exportHarAction_ = new QAction(this);
    connect(exportHarAction_, &QAction::triggered, this, &MainWindow::exportHar);
    exportSelectedHarAction_ = new QAction(this);
    exportSelectedHarAction_->setEnabled(false);
    connect(exportSelectedHarAction_, &QAction::triggered, this, &MainWindow::exportSelectedHar);
    openTopologyAction_ = new QAction(this);
    openTopologyAction_->setShortcut(QKeySequence::Open);
    connect(openTopologyAction_, &QAction::triggered, this, &MainWindow::openTopology);
    saveTopologyAction_ = new QAction(this);
    saveTopologyAction_->setShortcut(QKeySequence::SaveAs);
    connect(saveTopologyAction_, &QAction::triggered, this, &MainWindow::saveTopology);
    exportEventsAction_ = new QAction(this);
    connect(exportEventsAction_, &QAction::triggered, this, &MainWindow::exportEvents);
    stepAction_ = new QAction(this);
    stepAction_->setShortcut(Qt::Key_S);
    connect(stepAction_, &QAction::triggered, &bridge_, &EngineBridge::step);
    continueAction_ = new QAction(this);
    connect(continueAction_, &QAction::triggered, &bridge_, &EngineBridge::continueAll);

    languageGroup_ = new QActionGroup(this);
    englishAction_ = new QAction(QStringLiteral("English"), languageGroup_);
    frenchAction_ = new QAction(QStringLiteral("Français"), languageGroup_);
    arabicAction_ = new QAction(QStringLiteral("العربية"), languageGroup_);
    englishAction_->setData(QStringLiteral("en"));
    frenchAction_->setData(QStringLiteral("fr"));
    arabicAction_->setData(QStringLiteral("ar"));
    for (auto* action : languageGroup_->actions()) {
        action->setCheckable(true);
    }
    connect(languageGroup_, &QActionGroup::triggered, this,
            [this](QAction* action) { switchLanguage(action->data().toString()); });
}

void MainWindow::createMenus() {
    fileMenu_ = menuBar()->addMenu(QString());
    fileMenu_->addActions({openTopologyAction_, saveTopologyAction_});
    fileMenu_->addSeparator();
    fileMenu_->addActions({exportHarAction_, exportSelectedHarAction_, exportEventsAction_});
    fileMenu_->addSeparator();
    fileMenu_->addAction(quitAction_);

    requestMenu_ = menuBar()->addMenu(QString());
    requestMenu_->addActions({sendPageAction_, sendReadAction_, sendWriteAction_});

    nodeMenu_ = menuBar()->addMenu(QString());
    nodeMenu_->addActions({failSelectedAction_, restoreSelectedAction_});

    viewMenu_ = menuBar()->addMenu(QString());
    languageMenu_ = menuBar()->addMenu(QString());
    languageMenu_->addActions(languageGroup_->actions());
}

void MainWindow::createToolBar() {
    auto* toolBar = addToolBar(QString());
    toolBar->setObjectName("MainToolBar");
    toolBar->setMovable(false);
    createStageControls(toolBar);
    toolBar->addSeparator();

    auto* sendMenu = new QMenu(this);
    sendMenu->addActions({sendPageAction_, sendReadAction_, sendWriteAction_});
    sendButton_ = new QToolButton(this);
    sendButton_->setPopupMode(QToolButton::MenuButtonPopup);
    sendButton_->setMenu(sendMenu);
    sendButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(sendButton_, &QToolButton::clicked, sendPageAction_, &QAction::trigger);
    toolBar->addWidget(sendButton_);
    toolBar->addSeparator();
    createPacingControls(toolBar);
    requestMenu_->addSeparator();
    requestMenu_->addActions({stepAction_, continueAction_});
}

void MainWindow::createPacingControls(QToolBar* toolBar) {
    modeLabel_ = new QLabel(this);
    modeCombo_ = new QComboBox(this);
    modeCombo_->addItems({QString(), QString(), QString()});  // texts set by retranslate()
    speedLabel_ = new QLabel(this);
    speedCombo_ = new QComboBox(this);
    for (const double speed : kSpeeds) {
        speedCombo_->addItem(QStringLiteral("%1×").arg(speed), speed);
    }
    speedCombo_->setCurrentIndex(kDefaultSpeedIndex);

    toolBar->addWidget(modeLabel_);
    toolBar->addWidget(modeCombo_);
    toolBar->addAction(stepAction_);
    toolBar->addAction(continueAction_);
    toolBar->addSeparator();
    toolBar->addWidget(speedLabel_);
    toolBar->addWidget(speedCombo_);

    connect(modeCombo_, &QComboBox::activated, this, &MainWindow::applyPacing);
    connect(speedCombo_, &QComboBox::activated, this, &MainWindow::applyPacing);
    connect(&bridge_, &EngineBridge::pacingChanged, this, [this](EngineBridge::Pacing pacing) {
        modeCombo_->setCurrentIndex(static_cast<int>(pacing));
        stepAction_->setEnabled(pacing == EngineBridge::Pacing::Step);
        continueAction_->setEnabled(pacing == EngineBridge::Pacing::Step);
    });
    stepAction_->setEnabled(false);
    continueAction_->setEnabled(false);
}

// The diagram's speed sets how long a leg takes. In slow motion the engine delays each hop by
// as much, so that the picture and the traffic move together.
void MainWindow::applyPacing() {
    const double speed = speedCombo_->currentData().toDouble();
    diagram_->setSpeed(speed);
    const auto pacing = static_cast<EngineBridge::Pacing>(modeCombo_->currentIndex());
    bridge_.setPacing(pacing, static_cast<int>(kLegMsAtSpeedOne / speed));
}

void MainWindow::createEventDock() {
    eventDock_ = new QDockWidget(this);
    eventDock_->setObjectName("EventDock");
    eventList_ = new EventListWidget(eventDock_);
    eventDock_->setWidget(eventList_);
    addDockWidget(Qt::BottomDockWidgetArea, eventDock_);
    viewMenu_->addAction(eventDock_->toggleViewAction());
}

void MainWindow::createInspectorDock() {
    inspectorDock_ = new QDockWidget(this);
    inspectorDock_->setObjectName("InspectorDock");
    requestStore_ = new RequestStore(this);
    auto* splitter = new QSplitter(Qt::Vertical, inspectorDock_);
    requestList_ = new RequestListWidget(requestStore_, splitter);
    requestDetail_ = new RequestDetailWidget(splitter);
    splitter->addWidget(requestList_);
    splitter->addWidget(requestDetail_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 390});
    inspectorDock_->setWidget(splitter);
    // The detail needs height more than the event list needs width.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
    viewMenu_->addAction(inspectorDock_->toggleViewAction());
}

void MainWindow::showRequest(const RequestView& request) {
    requestDetail_->setRequest(request);
    // The path starts at the sender of the request: the built-in client or an outside one.
    QStringList path{request.client == QStringLiteral("built-in") ? QStringLiteral("client")
                                                                  : QStringLiteral("external")};
    path.append(request.route);
    diagram_->highlightPath(path);
}

// Asks where to save, writes with `write` and reports the result in the status bar.
void MainWindow::exportFile(const QString& title, const QString& fileName, const QString& filter,
                            const std::function<QString(const QString&)>& write) {
    const auto path = QFileDialog::getSaveFileName(this, title, fileName, filter);
    if (path.isEmpty()) {
        return;
    }
    const auto error = write(path);
    statusBar()->showMessage(
        error.isEmpty() ? tr("Saved %1").arg(path) : tr("Could not save %1: %2").arg(path, error),
        8000);
}

void MainWindow::exportHar() {
    exportFile(tr("Export requests as HAR"), QStringLiteral("webstack-lab.har"),
               tr("HTTP Archive (*.har)"),
               [this](const QString& path) { return bridge_.exportHar(path); });
}

QStringList MainWindow::selectedTraceIds() const {
    QStringList ids;
    const auto* table = requestList_->tableView();
    for (const auto& index : table->selectionModel()->selectedRows()) {
        ids.append(index.data(RequestStore::TraceIdRole).toString());
    }
    return ids;
}

void MainWindow::exportSelectedHar() {
    const auto ids = selectedTraceIds();
    exportFile(tr("Export requests as HAR"), QStringLiteral("webstack-lab-selected.har"),
               tr("HTTP Archive (*.har)"),
               [this, ids](const QString& path) { return bridge_.exportHar(path, ids); });
}

void MainWindow::exportEvents() {
    exportFile(tr("Export events as CSV"), QStringLiteral("webstack-lab-events.csv"),
               tr("CSV files (*.csv)"),
               [this](const QString& path) { return bridge_.exportEventsCsv(path); });
}

void MainWindow::createStatusBar() {
    siteLabel_ = new QLabel(this);
    siteLabel_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(siteLabel_, &QLabel::linkActivated, this, [this](const QString& url) {
        QApplication::clipboard()->setText(url);
        statusBar()->showMessage(tr("Copied %1").arg(url), 3000);
    });
    servicesLabel_ = new QLabel(this);
    servicesLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lastRequestLabel_ = new QLabel(this);
    tripCountLabel_ = new CountLabel(this);
    statusBar()->addPermanentWidget(lastRequestLabel_);
    statusBar()->addPermanentWidget(tripCountLabel_);
    statusBar()->addWidget(siteLabel_);
    statusBar()->addWidget(servicesLabel_);
}

void MainWindow::connectBridge() {
    // While hops are paced, legs arrive one by one as they happen instead of whole trips.
    connect(&bridge_, &EngineBridge::tripReady, this, [this](const Trip& trip) {
        if (bridge_.pacing() == EngineBridge::Pacing::Live) {
            diagram_->playTrip(trip);
        }
        countTrip();
    });
    connect(&bridge_, &EngineBridge::legReady, diagram_, &DiagramView::playTrip);
    connect(&bridge_, &EngineBridge::nodeHealthChanged, diagram_, &DiagramView::setNodeHealth);
    connect(&bridge_, &EngineBridge::requestsFinished, requestStore_, &RequestStore::append);
    connect(&bridge_, &EngineBridge::eventsArrived, eventList_, &EventListWidget::append);
    connect(requestList_, &RequestListWidget::requestSelected, this, &MainWindow::showRequest);
    connect(requestList_->tableView()->selectionModel(), &QItemSelectionModel::selectionChanged,
            this, [this] { exportSelectedHarAction_->setEnabled(!selectedTraceIds().isEmpty()); });
    connect(requestList_, &RequestListWidget::selectionCleared, this, [this] {
        requestDetail_->clear();
        diagram_->highlightPath({});
    });
    connect(&bridge_, &EngineBridge::requestFinished, this,
            [this](const QString& summary, bool) { lastRequestLabel_->setText(summary); });
    connect(&bridge_, &EngineBridge::topologyChanged, this, &MainWindow::showTopology);
    connect(&bridge_, &EngineBridge::commandFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(diagram_, &DiagramView::failRequested, &bridge_, &EngineBridge::failNode);
    connect(diagram_, &DiagramView::restoreRequested, &bridge_, &EngineBridge::restoreNode);
    // Clicking a node selects it for F and R and shows only the requests that crossed it.
    connect(diagram_, &DiagramView::nodeSelected, this, [this](const QString& node) {
        selectedNode_ = node;
        requestList_->setNodeFilter(node);
    });
}

// Under load one drain brings hundreds of trips, and setting the label lays out the status bar,
// so the label is set once per batch, when control returns to the event loop.
void MainWindow::countTrip() {
    ++tripCount_;
    if (tripCountQueued_) {
        return;
    }
    tripCountQueued_ = true;
    QTimer::singleShot(0, this, [this] {
        tripCountQueued_ = false;
        tripCountLabel_->setCount(tr("Requests: %1").arg(tripCount_));
    });
}

void MainWindow::failSelected() {
    if (selectedNode_.isEmpty()) {
        statusBar()->showMessage(tr("Select a node first, then press F to fail it."), 5000);
        return;
    }
    bridge_.failNode(selectedNode_);
}

void MainWindow::restoreSelected() {
    if (selectedNode_.isEmpty()) {
        statusBar()->showMessage(tr("Select a node first, then press R to restore it."), 5000);
        return;
    }
    bridge_.restoreNode(selectedNode_);
}

void MainWindow::switchLanguage(const QString& code) {
    QApplication::removeTranslator(&translator_);
    const bool loaded = (code == "fr" || code == "ar") &&
                        translator_.load(QStringLiteral(":/i18n/webstack-lab_%1.qm").arg(code));
    if (loaded) {
        QApplication::installTranslator(&translator_);
    }
    QApplication::setLayoutDirection(code == "ar" ? Qt::RightToLeft : Qt::LeftToRight);
    // Numbers follow the language too. Arabic keeps Western digits, as in the Maghreb, so
    // that addresses, ports and figures read alike across the window.
    if (loaded && code == "fr") {
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    } else if (loaded && code == "ar") {
        QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::Morocco));
    } else if (QLocale::system().language() == QLocale::English) {
        QLocale::setDefault(QLocale::system());
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    for (auto* action : languageGroup_->actions()) {
        action->setChecked(action->data().toString() == (loaded ? code : QStringLiteral("en")));
    }
    // Qt posts LanguageChange to the other widgets; this window updates at once.
    retranslate();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
    setWindowTitle(tr("Webstack Lab"));
    fileMenu_->setTitle(tr("&File"));
    requestMenu_->setTitle(tr("&Request"));
    nodeMenu_->setTitle(tr("&Node"));
    retranslateControls();
    retranslateSettings();
    retranslateLoadSwitch();
    viewMenu_->setTitle(tr("&View"));
    languageMenu_->setTitle(tr("&Language"));
    quitAction_->setText(tr("&Quit"));
    sendPageAction_->setText(tr("Send request: home page"));
    sendReadAction_->setText(tr("Send request: API read (message list)"));
    sendWriteAction_->setText(tr("Send request: API write (post a message)"));
    failSelectedAction_->setText(tr("&Fail selected node"));
    restoreSelectedAction_->setText(tr("&Restore selected node"));
    sendButton_->setText(tr("Send request"));
    sendButton_->setToolTip(
        tr("The built-in client resolves www.foobar.com through the DNS "
           "server, then sends the request to the address it got (Space)"));
    eventDock_->setWindowTitle(tr("Events"));
    inspectorDock_->setWindowTitle(tr("Requests"));
    exportHarAction_->setText(tr("Export requests as &HAR…"));
    exportSelectedHarAction_->setText(tr("Export &selected requests as HAR…"));
    exportEventsAction_->setText(tr("Export &events as CSV…"));
    openTopologyAction_->setText(tr("&Open topology…"));
    saveTopologyAction_->setText(tr("Save topology &as…"));
    stageLabel_->setText(tr("Stage:"));
    stageCombo_->setToolTip(
        tr("The four stages of a web stack. Switching restarts every "
           "service with the new topology."));
    for (int i = 0; i < stageCombo_->count(); ++i) {
        const auto preset = stageCombo_->itemData(i).toString();
        stageCombo_->setItemText(i, preset.isEmpty() ? tr("Custom") : stageTitle(preset));
    }
    modeLabel_->setText(tr("Mode:"));
    modeCombo_->setItemText(0, tr("Live"));
    modeCombo_->setItemText(1, tr("Slow motion"));
    modeCombo_->setItemText(2, tr("Step"));
    modeCombo_->setToolTip(
        tr("Live replays each request at a human pace after it happened. "
           "Slow motion makes the servers wait at every hop, so that real "
           "requests take as long as the picture. Step holds every request "
           "at each hop until you press Step."));
    stepAction_->setText(tr("Step"));
    stepAction_->setToolTip(tr("Release the request held longest by one hop (S)"));
    continueAction_->setText(tr("Continue"));
    continueAction_->setToolTip(tr("Release every held request and return to Live"));
    speedLabel_->setText(tr("Speed:"));
    tripCountLabel_->setCount(tr("Requests: %1").arg(tripCount_));

    const auto site = bridge_.siteUrl();
    siteLabel_->setText(tr("Site: <a href=\"%1\">%1</a>").arg(site));
    siteLabel_->setToolTip(tr("Click to copy the URL that www.foobar.com resolves to"));
    servicesLabel_->setText(
        tr("DNS: %1   Admin: %2")
            .arg(bridge_.urlOf(QStringLiteral("dns-1")), bridge_.urlOf(QStringLiteral("admin"))));
}

}  // namespace wsl
