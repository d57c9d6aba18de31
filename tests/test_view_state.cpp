#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "monitoring/monitoring_dock.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;
using json = nlohmann::json;

namespace {

constexpr int kTimeoutMs = 10000;

}  // namespace

// GET and PUT /view against a real engine and the window, offscreen: the admin interface
// switches the overlays and panels, and the user's own changes are reported back.
class ViewStateTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void putViewSwitchesOverlaysAndWindow();
    void putViewBringsPanelToFront();
    void userChangesAreReportedByGetView();
    void badViewIsRejectedAndKeepsSettings();

private:
    Reply admin(const std::string& method, const std::string& body = {}) const {
        return httpRequest("127.0.0.1", bridge_->engine().adminPort(), method, "/view", body);
    }
    json getView() const { return json::parse(admin("GET").body); }
    QAction* action(const char* name) const { return window_->findChild<QAction*>(name); }
    QComboBox* windowCombo() const { return window_->findChild<MonitoringDock*>()->windowCombo(); }

    std::unique_ptr<EngineBridge> bridge_;
    std::unique_ptr<MainWindow> window_;
};

void ViewStateTest::init() {
    bridge_ = std::make_unique<EngineBridge>(testEngineOptions());
    QCOMPARE(bridge_->start(), QString());
    window_ = std::make_unique<MainWindow>(*bridge_);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void ViewStateTest::cleanup() {
    window_.reset();
    bridge_.reset();
}

void ViewStateTest::putViewSwitchesOverlaysAndWindow() {
    QVERIFY(!action("SpofAction")->isChecked());
    QVERIFY(window_->diagram()->spofMarkText("lb-1").isEmpty());

    const auto reply = admin("PUT", R"({"spofOverlay": true, "monitoringTraffic": true,
                                         "monitoringWindowMinutes": 15})");
    QCOMPARE(reply.status, 200);

    QTRY_VERIFY_WITH_TIMEOUT(action("SpofAction")->isChecked(), kTimeoutMs);
    QCOMPARE(window_->diagram()->spofMarkText("lb-1"),
             QStringLiteral("SPOF: pages, reads, writes"));
    QVERIFY(action("MonitoringTrafficAction")->isChecked());
    QVERIFY(bridge_->showsMonitoringTraffic());
    QCOMPARE(windowCombo()->currentData().toInt(), 15);

    QCOMPARE(admin("PUT", R"({"spofOverlay": false})").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(!action("SpofAction")->isChecked(), kTimeoutMs);
    QVERIFY(window_->diagram()->spofMarkText("lb-1").isEmpty());
    QVERIFY(action("MonitoringTrafficAction")->isChecked());
}

void ViewStateTest::putViewBringsPanelToFront() {
    auto* monitoring = window_->findChild<QDockWidget*>("MonitoringDock");
    auto* events = window_->findChild<QDockWidget*>("EventDock");
    QVERIFY(monitoring != nullptr && events != nullptr);
    // Both are tabs of one area, and both count as visible: only the one in front has a
    // visible region.
    const auto inFront = [](QDockWidget* dock) { return !dock->visibleRegion().isEmpty(); };
    QTRY_VERIFY_WITH_TIMEOUT(inFront(events) && !inFront(monitoring), kTimeoutMs);

    QCOMPARE(admin("PUT", R"({"panel": "monitoring"})").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(inFront(monitoring) && !inFront(events), kTimeoutMs);

    auto* load = window_->findChild<QDockWidget*>("LoadDock");
    QVERIFY(load != nullptr);
    QCOMPARE(admin("PUT", R"({"panel": "load"})").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(inFront(load) && !inFront(monitoring), kTimeoutMs);

    QCOMPARE(admin("PUT", R"({"panel": "events"})").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(inFront(events) && !inFront(load), kTimeoutMs);
}

void ViewStateTest::userChangesAreReportedByGetView() {
    action("SpofAction")->setChecked(true);
    action("MonitoringTrafficAction")->setChecked(true);
    windowCombo()->setCurrentIndex(windowCombo()->findData(5));
    window_->findChild<QDockWidget*>("MonitoringDock")->raise();

    QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(getView().value("panel", "")),
                              QStringLiteral("monitoring"), kTimeoutMs);
    const auto view = getView();
    QCOMPARE(view.at("spofOverlay").get<bool>(), true);
    QCOMPARE(view.at("monitoringTraffic").get<bool>(), true);
    QCOMPARE(view.at("monitoringWindowMinutes").get<int>(), 5);
}

void ViewStateTest::badViewIsRejectedAndKeepsSettings() {
    QCOMPARE(admin("PUT", R"({"monitoringWindowMinutes": 5})").status, 200);
    const auto before = getView();

    for (const char* body :
         {R"({"monitoringWindowMinutes": 7})", R"({"panel": "charts"})",
          R"({"spofOverlay": "yes"})", R"({"colour": "red"})", "[1, 2]", "not json"}) {
        const auto reply = admin("PUT", body);
        QCOMPARE(reply.status, 400);
        QVERIFY2(!reply.body.empty(), body);
    }
    QCOMPARE(getView(), before);
    QCOMPARE(admin("DELETE").status, 405);
}

QTEST_MAIN(ViewStateTest)
#include "test_view_state.moc"
