#include <QLocale>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <QComboBox>
#include <QMessageBox>
#include <QTableView>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "host_frame_item.h"
#include "inspector/request_detail_widget.h"
#include "inspector/request_list_widget.h"
#include "main_window.h"
#include "test_support.h"
#include "trip_builder.h"

using namespace wsl;
using namespace wsl::test;

// The window on a real engine, offscreen: the diagram shows the topology, plays the path the
// engine really took, and the fail action really closes a node's listener.
class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void windowShowsNineNodes();
    void requestPlaysPathOfItsSpans();
    void failActionStopsNodeAndRedrawsIt();
    void languageMenuSwitchesToFrench();
    void selectedRequestHighlightsItsPath();
    void clickedNodeFiltersRequestList();
    void selectedRequestExportsAsHar();
    void slowMotionPlaysLegsAsTheyLeave();
    void stageSelectorSwitchesToTheSimpleStage();
    void badTopologyFileKeepsTheRunningTopology();
    void menusActOnTheSelectedNodeThroughTheEngine();
    void scaledStageNamesTheVirtualAddress();

private:
    std::unique_ptr<EngineBridge> bridge_;
    std::unique_ptr<MainWindow> window_;
};

void MainWindowTest::init() {
    auto options = testEngineOptions();
    options.presetDirectory = WEBSTACK_PRESET_DIR;
    bridge_ = std::make_unique<EngineBridge>(options);
    QCOMPARE(bridge_->start(), QString());
    window_ = std::make_unique<MainWindow>(*bridge_);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void MainWindowTest::cleanup() {
    window_.reset();
    bridge_.reset();
}

void MainWindowTest::windowShowsNineNodes() {
    const QStringList expected{"client", "dns-1", "lb-1",       "web-1",       "web-2",
                               "web-3",  "app-1", "db-primary", "db-replica-1"};
    QCOMPARE(window_->diagram()->nodeNames(), expected);
}

void MainWindowTest::requestPlaysPathOfItsSpans() {
    QSignalSpy trips(bridge_.get(), &EngineBridge::tripReady);
    bridge_->sendRequest(EngineBridge::RequestKind::ApiRead);
    QTRY_COMPARE_WITH_TIMEOUT(trips.size(), 1, 10000);
    const auto trip = trips.first().first().value<Trip>();

    RequestRecord record;
    for (const auto& candidate : bridge_->engine().tracer().recentRequests(10)) {
        if (QString::fromStdString(candidate.traceId) == trip.traceId) {
            record = candidate;
        }
    }
    QCOMPARE(QString::fromStdString(record.traceId), trip.traceId);

    // The legs out follow the spans in start order; every hop but the root's has a return leg.
    QStringList outward;
    for (const auto& span : record.spans) {
        if (!span.peer.empty()) {
            outward.append(QString::fromStdString(span.peer + ">" + span.node));
        }
    }
    const QStringList expectedOutward{"client>dns-1", "client>lb-1", outward[2], outward[3],
                                      "app-1>db-replica-1"};
    QCOMPARE(outward, expectedOutward);
    const auto path = tripPath(trip);
    QCOMPARE(path.size(), outward.size() * 2);
    QCOMPARE(path[0], QString("client>dns-1"));
    QCOMPARE(path[1], QString("dns-1>client"));
    QCOMPARE(path[2], QString("client>lb-1"));
    QCOMPARE(path[3], outward[2]);
    QCOMPARE(path[5], QString("app-1>db-replica-1"));
    QCOMPARE(path[6], QString("db-replica-1>app-1"));
    QCOMPARE(path.last(), QString("lb-1>client"));

    const auto active = window_->diagram()->activeTrips();
    const bool playing = std::any_of(active.begin(), active.end(),
                                     [&trip](const Trip& t) { return t.traceId == trip.traceId; });
    QVERIFY(playing || window_->diagram()->completedTrips() > 0);
}

void MainWindowTest::failActionStopsNodeAndRedrawsIt() {
    auto* diagram = window_->diagram();
    QCOMPARE(diagram->nodeHealth("web-2"), NodeHealth::Up);
    const auto before = diagram->grab().toImage();

    diagram->setContextNode("web-2");
    diagram->failAction()->trigger();

    QCOMPARE(bridge_->engine().node("web-2")->listening, false);
    const auto reply = httpRequest(addressOf(bridge_->engine(), "web-2"),
                                   portOf(bridge_->engine(), "web-2"), "GET", "/");
    QCOMPARE(reply.error, std::string("Connection refused"));
    QVERIFY(diagram->nodeHealth("web-2") != NodeHealth::Up);
    QTRY_COMPARE_WITH_TIMEOUT(diagram->nodeHealth("web-2"), NodeHealth::Down, 10000);
    QVERIFY(diagram->grab().toImage() != before);
}

void MainWindowTest::languageMenuSwitchesToFrench() {
    window_->switchLanguage("fr");
    QCOMPARE(window_->windowTitle(), QString("Webstack Lab"));
    const auto menus = window_->menuBar()->actions();
    QCOMPARE(menus.first()->text(), QString("&Fichier"));
    QCOMPARE(QLocale().toString(1.5, 'f', 1), QString("1,5"));

    window_->switchLanguage("ar");
    QCOMPARE(QApplication::layoutDirection(), Qt::RightToLeft);
    window_->switchLanguage("en");
    QCOMPARE(window_->menuBar()->actions().first()->text(), QString("&File"));
    QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);
    QCOMPARE(QLocale().toString(1.5, 'f', 1), QString("1.5"));
}

void MainWindowTest::selectedRequestHighlightsItsPath() {
    const auto reply = httpRequest(addressOf(bridge_->engine(), "lb-1"),
                                   portOf(bridge_->engine(), "lb-1"), "GET", "/api/messages");
    QCOMPARE(reply.status, 200);
    auto* table = window_->requestList()->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);

    table->selectRow(0);
    QVERIFY(window_->requestDetail()->hasRequest());
    const auto web = QString::fromStdString(reply.header("x-served-by"));
    QStringList expected{"app-1>db-replica-1", "external>lb-1", "lb-1>" + web, web + ">app-1"};
    expected.sort();
    QCOMPARE(window_->diagram()->highlightedLinks(), expected);
}

void MainWindowTest::clickedNodeFiltersRequestList() {
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(httpRequest(addressOf(bridge_->engine(), "lb-1"),
                             portOf(bridge_->engine(), "lb-1"), "GET", "/")
                     .status,
                 200);
    }
    auto* table = window_->requestList()->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10000);

    emit window_->diagram()->nodeSelected("web-2");
    QCOMPARE(table->model()->rowCount(), 1);
    emit window_->diagram()->nodeSelected(QString());
    QCOMPARE(table->model()->rowCount(), 3);
}

void MainWindowTest::selectedRequestExportsAsHar() {
    for (const auto* target : {"/", "/api/whoami"}) {
        QCOMPARE(httpRequest(addressOf(bridge_->engine(), "lb-1"),
                             portOf(bridge_->engine(), "lb-1"), "GET", target)
                     .status,
                 200);
    }
    auto* table = window_->requestList()->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    table->selectRow(0);  // the newest: /api/whoami
    const auto traceId = table->model()->index(0, 0).data(Qt::UserRole).toString();
    QVERIFY(!traceId.isEmpty());

    QTemporaryDir folder;
    const auto path = folder.filePath("selected.har");
    QCOMPARE(bridge_->exportHar(path, {traceId}), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto entries = QJsonDocument::fromJson(file.readAll())["log"]["entries"].toArray();
    QCOMPARE(entries.size(), 1);
    QVERIFY(entries.first()["request"]["url"].toString().endsWith("/api/whoami"));
    QCOMPARE(entries.first()["_traceId"].toString(), traceId);
}

void MainWindowTest::slowMotionPlaysLegsAsTheyLeave() {
    QSignalSpy legs(bridge_.get(), &EngineBridge::legReady);
    bridge_->setPacing(EngineBridge::Pacing::SlowMotion, 10);
    bridge_->sendRequest(EngineBridge::RequestKind::Page);

    // DNS there and back, then client > lb-1 > web-N and back: six legs.
    QTRY_COMPARE_WITH_TIMEOUT(legs.size(), 6, 10000);
    const auto first = legs.at(0).first().value<Trip>().legs.first();
    QCOMPARE(first.from + ">" + first.to, QString("client>dns-1"));
    QCOMPARE(first.kind, LegKind::DnsQuery);
    const auto answer = legs.at(1).first().value<Trip>().legs.first();
    QCOMPARE(answer.kind, LegKind::DnsResponse);
    QCOMPARE(answer.label, QString("127.0.10.1"));
    const auto request = legs.at(2).first().value<Trip>().legs.first();
    QCOMPARE(request.kind, LegKind::Request);
    QCOMPARE(request.label, QString("GET /"));
    const auto last = legs.at(5).first().value<Trip>().legs.first();
    QCOMPARE(last.from + ">" + last.to, QString("lb-1>client"));
    QCOMPARE(last.kind, LegKind::Response);
    bridge_->continueAll();
}

void MainWindowTest::stageSelectorSwitchesToTheSimpleStage() {
    auto* stages = window_->stageCombo();
    QCOMPARE(stages->currentData().toString(), QString("distributed"));
    const int simple = stages->findData(QString("simple"));
    QVERIFY(simple >= 0);
    stages->setCurrentIndex(simple);
    emit stages->activated(simple);

    const QStringList expected{"client", "dns-1", "web-1", "app-1", "db-primary"};
    QCOMPARE(window_->diagram()->nodeNames(), expected);
    int frames = 0;
    for (const auto* item : window_->diagram()->scene()->items()) {
        frames += item->type() == HostFrameItem::Type ? 1 : 0;
    }
    QCOMPARE(frames, 1);

    // The built-in client reaches the one server without a load balancer.
    QSignalSpy finished(bridge_.get(), &EngineBridge::requestFinished);
    bridge_->sendRequest(EngineBridge::RequestKind::ApiRead);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(0).toString()));
    QVERIFY(finished.first().at(0).toString().contains("web-1"));
}

void MainWindowTest::badTopologyFileKeepsTheRunningTopology() {
    QTemporaryDir folder;
    const auto path = folder.filePath("broken.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "{\n  \"format\": \"webstack-lab-topology\",\n  \"name\": \"Broken\",\n"
        "  \"nodes\": [\n    {\"name\": \"web-1\", \"kind\": \"web\"}\n  ]\n}\n");
    file.close();

    // The message box is modal: read and close it once it shows.
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    closer.start(20);
    window_->openTopologyFile(path);
    closer.stop();

    QVERIFY2(shown.contains("line 5"), qPrintable(shown));
    QVERIFY2(shown.contains("unknown kind 'web'"), qPrintable(shown));
    QCOMPARE(QString::fromStdString(bridge_->engine().topology().name), QString("Distributed"));
    QCOMPARE(window_->diagram()->nodeNames().size(), 9);
}

// The Node, Scale and Settings menus call the engine: the selected node's fault changes, a new
// web server joins the balancer and the diagram, the algorithm changes.
void MainWindowTest::menusActOnTheSelectedNodeThroughTheEngine() {
    const auto trigger = [this](const char* name) {
        auto* action = window_->findChild<QAction*>(name);
        QVERIFY2(action != nullptr, name);
        action->trigger();
    };
    emit window_->diagram()->nodeSelected("web-2");
    trigger("HangAction");
    QCOMPARE(bridge_->engine().fault("web-2")->mode, FaultMode::Hang);
    trigger("ClearFaultAction");
    QCOMPARE(bridge_->engine().fault("web-2")->mode, FaultMode::None);

    trigger("AddWebServerAction");
    QTRY_VERIFY_WITH_TIMEOUT(window_->diagram()->nodeNames().contains("web-4"), 5000);
    const auto balancers = bridge_->engine().balancers();
    QVERIFY(!balancers.empty());
    QCOMPARE(balancers.front().backends.size(), std::size_t{4});

    trigger("Algorithmleast-connections");
    QCOMPARE(bridge_->engine().balancerSettings().algorithm, BalanceAlgorithm::LeastConnections);
}

// The status bar's site is where DNS points: the pair's virtual address in the Scaled stage.
void MainWindowTest::scaledStageNamesTheVirtualAddress() {
    auto* stages = window_->stageCombo();
    const int scaled = stages->findData(QString("scaled"));
    QVERIFY(scaled >= 0);
    stages->setCurrentIndex(scaled);
    emit stages->activated(scaled);
    QVERIFY(window_->diagram()->nodeNames().contains("lb-2"));
    QVERIFY2(bridge_->siteUrl().startsWith("http://127.0.10.10:"), qPrintable(bridge_->siteUrl()));
}

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
