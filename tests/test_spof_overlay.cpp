#include <QAction>
#include <QtTest>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr int kTimeoutMs = 10000;

}  // namespace

// The View menu's single-points-of-failure toggle on a real engine, offscreen.
class SpofOverlayTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void toggleShowsAndClearsMarks();
    void marksFollowFailedNodes();
    void marksFollowTopologyChange();

private:
    QAction* toggle() const { return window_->findChild<QAction*>("SpofAction"); }
    QString mark(const QString& node) const { return window_->diagram()->spofMarkText(node); }

    std::unique_ptr<EngineBridge> bridge_;
    std::unique_ptr<MainWindow> window_;
};

void SpofOverlayTest::init() {
    bridge_ = std::make_unique<EngineBridge>(testEngineOptions());
    QCOMPARE(bridge_->start(), QString());
    window_ = std::make_unique<MainWindow>(*bridge_);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(toggle() != nullptr);
}

void SpofOverlayTest::cleanup() {
    window_.reset();
    bridge_.reset();
}

void SpofOverlayTest::toggleShowsAndClearsMarks() {
    QVERIFY(toggle()->isCheckable());
    QVERIFY(!toggle()->isChecked());
    QVERIFY(mark("lb-1").isEmpty());

    toggle()->setChecked(true);
    QCOMPARE(mark("lb-1"), QStringLiteral("SPOF: pages, reads, writes"));
    QCOMPARE(mark("app-1"), QStringLiteral("SPOF: reads, writes"));
    QCOMPARE(mark("db-primary"), QStringLiteral("SPOF: writes"));
    QVERIFY(mark("web-1").isEmpty());

    toggle()->setChecked(false);
    QVERIFY(mark("lb-1").isEmpty());
    QVERIFY(window_->diagram()->spofMarks().isEmpty());
}

void SpofOverlayTest::marksFollowFailedNodes() {
    toggle()->setChecked(true);
    QVERIFY(mark("web-3").isEmpty());

    bridge_->failNode("web-1");
    bridge_->failNode("web-2");
    QTRY_COMPARE_WITH_TIMEOUT(mark("web-3"), QStringLiteral("SPOF: pages, reads, writes"),
                              kTimeoutMs);

    bridge_->restoreNode("web-1");
    QTRY_VERIFY_WITH_TIMEOUT(mark("web-3").isEmpty(), kTimeoutMs);
}

void SpofOverlayTest::marksFollowTopologyChange() {
    toggle()->setChecked(true);
    QCOMPARE(bridge_->loadTopology(simpleTopology(true)), QString());

    // The three nodes of server-1 fail together, so each shows the host's mark.
    const QString all = QStringLiteral("SPOF: pages, reads, writes");
    QTRY_COMPARE_WITH_TIMEOUT(mark("web-1"), all, kTimeoutMs);
    QCOMPARE(mark("app-1"), all);
    QCOMPARE(mark("db-primary"), all);
    QCOMPARE(mark("dns-1"), all);
    QVERIFY(mark("lb-1").isEmpty());
}

QTEST_MAIN(SpofOverlayTest)
#include "test_spof_overlay.moc"
