#include "load_panel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <algorithm>
#include <memory>

#include "capacity_box.h"
#include "engine_bridge.h"
#include "load_form.h"
#include "load_progress.h"
#include "main_window.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr int kRunTimeoutMs = 20000;
// The idle poll reads the engine once a second; three leave room for a slow machine.
constexpr int kIdlePollTimeoutMs = 3000;

std::uint64_t clientEntrySpans(Engine& engine) {
    std::uint64_t entries = 0;
    for (const auto& shared : engine.tracer().drainSpans()) {
        const Span& span = *shared;
        entries += span.node == "client" && span.entry ? 1 : 0;
    }
    return entries;
}

QString number(std::uint64_t value) {
    return QLocale().toString(static_cast<qulonglong>(value));
}

}  // namespace

// The Load test panel drives the engine's load generator and shows what the engine counted.
class LoadPanelTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void formFieldsHaveLabels();
    void shortRunSummaryMatchesEngine();
    void stopEndsRunEarly();
    void usersModeSendsUsersSetting();
    void allZeroMixStartsNothing();
    void engineRejectionShownInForm();
    void runStartedElsewhereShowsUp();
    void pollingIsFastOnlyDuringRun();
    void capacityApplyChangesEngine();
    void saturatedRunSummaryLists503s();
    void windowHasLoadDockInViewMenu();
    void toolbarSwitchStartsAndStopsRun();

private:
    // Sets the form to a constant-rate run of pages only.
    void enterPageRun(int rate, int seconds);
    QString state() const { return panel_->progress()->stateLabel()->text(); }
    QString count(LoadProgress::Count counter) const {
        return panel_->progress()->countLabel(counter)->text();
    }
    std::uint64_t entrySpansUntilFinished();

    std::unique_ptr<Engine> engine_;
    std::unique_ptr<LoadPanel> panel_;
};

// Counts the client's entry spans until the run has finished, draining as it goes. Users on
// keep-alive connections send as fast as the stack responds, more spans than the tracer's queue
// keeps until a window drains it.
std::uint64_t LoadPanelTest::entrySpansUntilFinished() {
    std::uint64_t entries = 0;
    QDeadlineTimer deadline(kRunTimeoutMs);
    while (state() != QString("Finished") && !deadline.hasExpired()) {
        entries += clientEntrySpans(*engine_);
        QTest::qWait(20);
    }
    return entries + clientEntrySpans(*engine_);
}

void LoadPanelTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
    engine_->tracer().drainSpans();
    panel_ = std::make_unique<LoadPanel>(*engine_);
    panel_->resize(1200, 400);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
}

void LoadPanelTest::cleanup() {
    panel_.reset();
    engine_.reset();
}

void LoadPanelTest::enterPageRun(int rate, int seconds) {
    LoadForm* form = panel_->form();
    form->modeCombo()->setCurrentIndex(0);
    form->rateSpin()->setValue(rate);
    form->pageSpin()->setValue(100);
    form->readSpin()->setValue(0);
    form->writeSpin()->setValue(0);
    form->durationSpin()->setValue(seconds);
}

void LoadPanelTest::formFieldsHaveLabels() {
    LoadForm* form = panel_->form();
    CapacityBox* box = panel_->capacity();
    const QList<QWidget*> fields{form->modeCombo(),      form->rateSpin(),  form->pageSpin(),
                                 form->readSpin(),       form->writeSpin(), form->durationSpin(),
                                 box->concurrencySpin(), box->costSpin()};
    const QList<QLabel*> labels = panel_->findChildren<QLabel*>();
    for (QWidget* field : fields) {
        const auto labelled = std::find_if(labels.begin(), labels.end(), [field](QLabel* label) {
            return label->buddy() == field && label->isVisible() && !label->text().isEmpty();
        });
        QVERIFY2(labelled != labels.end(), qPrintable(field->metaObject()->className()));
    }
}

void LoadPanelTest::shortRunSummaryMatchesEngine() {
    enterPageRun(50, 1);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);
    QVERIFY(!panel_->form()->startButton()->isEnabled());

    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Finished"), kRunTimeoutMs);
    const LoadStatus status = engine_->loadStatus();
    QCOMPARE(status.state, std::string("finished"));
    QCOMPARE(status.sent, std::uint64_t{50});
    QCOMPARE(status.pages, std::uint64_t{50});
    QCOMPARE(clientEntrySpans(*engine_), status.sent);

    QCOMPARE(count(LoadProgress::Sent), number(status.sent));
    QCOMPARE(count(LoadProgress::InFlight), number(0));
    QCOMPARE(count(LoadProgress::Waiting), number(0));
    QCOMPARE(count(LoadProgress::Succeeded), number(status.succeeded));
    QCOMPARE(count(LoadProgress::Status5xx), number(status.status5xx));
    QCOMPARE(count(LoadProgress::Refused), number(status.refused));
    QCOMPARE(count(LoadProgress::Skipped), number(status.skipped));
    QCOMPARE(panel_->progress()->progressBar()->value(),
             panel_->progress()->progressBar()->maximum());
    QCOMPARE(panel_->progress()->percentLabel()->text(),
             QLocale().toString(100) + QLocale().percent());

    const QString summary = panel_->progress()->summaryLabel()->text();
    QVERIFY2(
        summary.contains(QString("%1 sent, %2 succeeded").arg(status.sent).arg(status.succeeded)),
        qPrintable(summary));
    const QString p95 = QLocale().toString(status.latency.percentile(0.95) * 1000.0, 'f', 1);
    QVERIFY2(summary.contains(QString("p95 %1 ms").arg(p95)), qPrintable(summary));
    QVERIFY2(summary.contains("Achieved rate: 50.0 requests per second sent"), qPrintable(summary));
    QCOMPARE(status.newConnections + status.reusedConnections, status.sent);
    const QString connections =
        QString("Connections: %1 opened, %2 reused.")
            .arg(number(status.newConnections), number(status.reusedConnections));
    QVERIFY2(summary.contains(connections), qPrintable(summary));
    QVERIFY(panel_->form()->startButton()->isEnabled());
    QVERIFY(!panel_->form()->stopButton()->isEnabled());
}

void LoadPanelTest::stopEndsRunEarly() {
    enterPageRun(20, 60);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Running"), kRunTimeoutMs);
    QVERIFY(panel_->form()->stopButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(engine_->loadStatus().sent >= 5, kRunTimeoutMs);

    QTest::mouseClick(panel_->form()->stopButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Stopped"), kRunTimeoutMs);
    const LoadStatus status = engine_->loadStatus();
    QCOMPARE(status.state, std::string("stopped"));
    QVERIFY2(status.sent < 20 * 60, qPrintable(number(status.sent)));
    QCOMPARE(count(LoadProgress::Sent), number(status.sent));
    QVERIFY(panel_->form()->startButton()->isEnabled());
    QVERIFY(!panel_->form()->stopButton()->isEnabled());
}

void LoadPanelTest::usersModeSendsUsersSetting() {
    enterPageRun(50, 1);
    LoadForm* form = panel_->form();
    form->modeCombo()->setCurrentIndex(1);
    QVERIFY(form->usersSpin()->isVisible());
    QVERIFY(!form->rateSpin()->isVisible());
    form->usersSpin()->setValue(4);
    QTest::mouseClick(form->startButton(), Qt::LeftButton);

    const auto entries = entrySpansUntilFinished();
    QCOMPARE(state(), QString("Finished"));
    const LoadStatus status = engine_->loadStatus();
    QCOMPARE(status.settings.mode, LoadMode::Users);
    QCOMPARE(status.settings.users, 4);
    QVERIFY(status.sent > 0);
    QCOMPARE(count(LoadProgress::Sent), number(status.sent));
    QCOMPARE(entries, status.sent);
}

void LoadPanelTest::allZeroMixStartsNothing() {
    enterPageRun(50, 1);
    panel_->form()->pageSpin()->setValue(0);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);

    QVERIFY(panel_->form()->errorLabel()->isVisible());
    QVERIFY2(panel_->form()->errorLabel()->text().contains("all zeros"),
             qPrintable(panel_->form()->errorLabel()->text()));
    QCOMPARE(engine_->loadStatus().state, std::string("idle"));
    QCOMPARE(state(), QString("No run yet"));
    QCOMPARE(clientEntrySpans(*engine_), std::uint64_t{0});
}

void LoadPanelTest::engineRejectionShownInForm() {
    engine_->stop();
    enterPageRun(50, 1);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);

    const QString error = panel_->form()->errorLabel()->text();
    QVERIFY(panel_->form()->errorLabel()->isVisible());
    QVERIFY2(error.startsWith("The run failed to start: the engine is not running"),
             qPrintable(error));
    QCOMPARE(engine_->loadStatus().state, std::string("idle"));
    QVERIFY(panel_->form()->startButton()->isEnabled());
}

void LoadPanelTest::runStartedElsewhereShowsUp() {
    LoadSettings settings;
    settings.rate = 23;
    settings.duration = std::chrono::seconds(47);
    settings.pageShare = 3;
    settings.readShare = 1;
    settings.writeShare = 0;
    QCOMPARE(engine_->startLoad(settings), std::string());

    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Running"), kIdlePollTimeoutMs);
    QVERIFY(!panel_->form()->startButton()->isEnabled());
    QVERIFY(panel_->form()->stopButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(count(LoadProgress::Sent) != number(0), kRunTimeoutMs);

    // The form shows the run's own settings, its mix as percentages.
    LoadForm* form = panel_->form();
    QCOMPARE(form->rateSpin()->value(), 23);
    QCOMPARE(form->durationSpin()->value(), 47);
    QCOMPARE(form->pageSpin()->value(), 75);
    QCOMPARE(form->readSpin()->value(), 25);
    QCOMPARE(form->writeSpin()->value(), 0);
    // An edit for the next run stays while this one goes on.
    form->durationSpin()->setValue(12);
    panel_->refresh();
    QCOMPARE(engine_->loadStatus().state, std::string("running"));
    QCOMPARE(form->durationSpin()->value(), 12);

    engine_->stopLoad();
    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Stopped"), kRunTimeoutMs);
}

void LoadPanelTest::pollingIsFastOnlyDuringRun() {
    const QTimer& timer = panel_->pollTimer();
    QVERIFY(timer.isActive());
    QCOMPARE(timer.intervalAsDuration(), LoadPanel::kIdleInterval);

    enterPageRun(20, 60);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);
    QCOMPARE(timer.intervalAsDuration(), LoadPanel::kRunningInterval);

    panel_->hide();
    QVERIFY(!timer.isActive());
    panel_->show();
    QVERIFY(timer.isActive());

    QTest::mouseClick(panel_->form()->stopButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Stopped"), kRunTimeoutMs);
    QCOMPARE(timer.intervalAsDuration(), LoadPanel::kIdleInterval);
}

void LoadPanelTest::capacityApplyChangesEngine() {
    const AppCapacity before = engine_->appCapacity();
    CapacityBox* box = panel_->capacity();
    QCOMPARE(box->concurrencySpin()->value(), before.concurrencyLimit);
    box->concurrencySpin()->setValue(3);
    box->costSpin()->setValue(40);
    QTest::mouseClick(box->applyButton(), Qt::LeftButton);

    const AppCapacity after = engine_->appCapacity();
    QCOMPARE(after.concurrencyLimit, 3);
    QCOMPARE(after.costPerRequest, std::chrono::milliseconds(40));
    QCOMPARE(after.queueLimit, before.queueLimit);
    QCOMPARE(after.queueTimeout, before.queueTimeout);
    QVERIFY2(box->messageLabel()->text().startsWith("Applied"),
             qPrintable(box->messageLabel()->text()));
}

void LoadPanelTest::saturatedRunSummaryLists503s() {
    // One application server takes 2 requests of 50 ms at once: 40 reads a second.
    CapacityBox* box = panel_->capacity();
    box->concurrencySpin()->setValue(2);
    box->costSpin()->setValue(50);
    QTest::mouseClick(box->applyButton(), Qt::LeftButton);
    enterPageRun(100, 2);
    panel_->form()->pageSpin()->setValue(0);
    panel_->form()->readSpin()->setValue(100);
    QTest::mouseClick(panel_->form()->startButton(), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(state(), QString("Finished"), kRunTimeoutMs);
    const LoadStatus status = engine_->loadStatus();
    QCOMPARE(status.reads, std::uint64_t{200});
    QVERIFY2(status.status5xx >= 40, qPrintable(number(status.status5xx)));
    QCOMPARE(count(LoadProgress::Status5xx), number(status.status5xx));
    QCOMPARE(count(LoadProgress::Succeeded), number(status.succeeded));
    const QString summary = panel_->progress()->summaryLabel()->text();
    QVERIFY2(summary.contains(QString("%1 with 5xx").arg(number(status.status5xx))),
             qPrintable(summary));
}

void LoadPanelTest::windowHasLoadDockInViewMenu() {
    panel_.reset();
    engine_.reset();
    EngineBridge bridge(testEngineOptions());
    QCOMPARE(bridge.start(), QString());
    MainWindow window(bridge);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* dock = window.findChild<QDockWidget*>("LoadDock");
    QVERIFY(dock != nullptr);
    QCOMPARE(dock->windowTitle(), QString("Load test"));
    QVERIFY(qobject_cast<LoadPanel*>(dock->widget()) != nullptr);
    QVERIFY(window.tabifiedDockWidgets(dock).contains(
        window.findChild<QDockWidget*>("MonitoringDock")));
    bool inViewMenu = false;
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->text() == "&View") {
            inViewMenu = menu->menu()->actions().contains(dock->toggleViewAction());
        }
    }
    QVERIFY(inViewMenu);
}

void LoadPanelTest::toolbarSwitchStartsAndStopsRun() {
    EngineBridge bridge(testEngineOptions());
    QCOMPARE(bridge.start(), QString());
    MainWindow window(bridge);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* loadSwitch = window.findChild<QAction*>("LoadAction");
    auto* rate = window.findChild<QSpinBox*>("LoadRateSpin");
    QVERIFY(loadSwitch != nullptr && rate != nullptr);
    QCOMPARE(loadSwitch->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));

    rate->setValue(40);
    loadSwitch->trigger();
    QCOMPARE(bridge.engine().loadStatus().state, std::string("running"));
    QCOMPARE(bridge.engine().loadStatus().settings.rate, 40);

    loadSwitch->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(bridge.engine().loadStatus().state),
                              QString("stopped"), kRunTimeoutMs);
    QVERIFY(!loadSwitch->isChecked());

    // A run started through the admin interface turns the switch on.
    LoadSettings settings;
    settings.rate = 20;
    QVERIFY(bridge.engine().startLoad(settings).empty());
    QTRY_VERIFY_WITH_TIMEOUT(loadSwitch->isChecked(), kIdlePollTimeoutMs);
    QCOMPARE(rate->value(), 20);
    bridge.engine().stopLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!loadSwitch->isChecked(), kRunTimeoutMs);
}

QTEST_MAIN(LoadPanelTest)
#include "test_load_panel.moc"
