#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include "diagram_view.h"
#include "engine_bridge.h"

namespace wsl {

namespace {

// The event log keeps this many lines; older ones scroll away.
constexpr int kMaxEventLines = 2000;

}  // namespace

MainWindow::MainWindow(EngineBridge& bridge, QWidget* parent)
    : QMainWindow(parent), bridge_(bridge), diagram_(new DiagramView(this)) {
    setObjectName("MainWindow");
    setCentralWidget(diagram_);
    diagram_->setTopology(bridge_.diagramNodes(), bridge_.diagramLinks());

    createActions();
    createMenus();
    createToolBar();
    createEventDock();
    createStatusBar();
    connectBridge();
    retranslate();
    resize(1280, 720);
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

    auto* sendMenu = new QMenu(this);
    sendMenu->addActions({sendPageAction_, sendReadAction_, sendWriteAction_});
    sendButton_ = new QToolButton(this);
    sendButton_->setPopupMode(QToolButton::MenuButtonPopup);
    sendButton_->setMenu(sendMenu);
    sendButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(sendButton_, &QToolButton::clicked, sendPageAction_, &QAction::trigger);
    toolBar->addWidget(sendButton_);
}

void MainWindow::createEventDock() {
    eventDock_ = new QDockWidget(this);
    eventDock_->setObjectName("EventDock");
    eventLog_ = new QPlainTextEdit(eventDock_);
    eventLog_->setReadOnly(true);
    eventLog_->setMaximumBlockCount(kMaxEventLines);
    eventLog_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    eventDock_->setWidget(eventLog_);
    addDockWidget(Qt::BottomDockWidgetArea, eventDock_);
    viewMenu_->addAction(eventDock_->toggleViewAction());
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
    tripCountLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(lastRequestLabel_);
    statusBar()->addPermanentWidget(tripCountLabel_);
    statusBar()->addWidget(siteLabel_);
    statusBar()->addWidget(servicesLabel_);
}

void MainWindow::connectBridge() {
    connect(&bridge_, &EngineBridge::tripReady, diagram_, &DiagramView::playTrip);
    connect(&bridge_, &EngineBridge::tripReady, this, &MainWindow::countTrip);
    connect(&bridge_, &EngineBridge::nodeHealthChanged, diagram_, &DiagramView::setNodeHealth);
    connect(&bridge_, &EngineBridge::eventLogged, this, &MainWindow::logEvent);
    connect(&bridge_, &EngineBridge::requestFinished, this,
            [this](const QString& summary, bool) { lastRequestLabel_->setText(summary); });
    connect(&bridge_, &EngineBridge::commandFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(diagram_, &DiagramView::failRequested, &bridge_, &EngineBridge::failNode);
    connect(diagram_, &DiagramView::restoreRequested, &bridge_, &EngineBridge::restoreNode);
    connect(diagram_, &DiagramView::nodeSelected, this,
            [this](const QString& node) { selectedNode_ = node; });
}

void MainWindow::countTrip() {
    ++tripCount_;
    tripCountLabel_->setText(tr("Requests: %1").arg(tripCount_));
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

void MainWindow::logEvent(double seconds, const QString& node, const QString& kind,
                          const QString& detail) {
    // Event details come from the engine in English, as log lines do.
    eventLog_->appendPlainText(QStringLiteral("%1  %2  %3  %4")
                                   .arg(seconds, 9, 'f', 3)
                                   .arg(node, -13)
                                   .arg(kind, -13)
                                   .arg(detail));
}

void MainWindow::switchLanguage(const QString& code) {
    QApplication::removeTranslator(&translator_);
    const bool loaded = (code == "fr" || code == "ar") &&
                        translator_.load(QStringLiteral(":/i18n/webstack-lab_%1.qm").arg(code));
    if (loaded) {
        QApplication::installTranslator(&translator_);
    }
    QApplication::setLayoutDirection(code == "ar" ? Qt::RightToLeft : Qt::LeftToRight);
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
    tripCountLabel_->setText(tr("Requests: %1").arg(tripCount_));

    const auto site = bridge_.urlOf(QStringLiteral("lb-1"));
    siteLabel_->setText(tr("Site: <a href=\"%1\">%1</a>").arg(site));
    siteLabel_->setToolTip(tr("Click to copy the load balancer's URL"));
    servicesLabel_->setText(
        tr("DNS: %1   Admin: %2")
            .arg(bridge_.urlOf(QStringLiteral("dns-1")), bridge_.urlOf(QStringLiteral("admin"))));
}

}  // namespace wsl
