#include "diagram_view.h"

#include <QAction>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include "diagram_layout.h"
#include "node_icons.h"
#include "node_item.h"
#include "trip_player.h"

using namespace wsl;

namespace {

constexpr int kTripTimeoutMs = 5000;

QList<DiagramNode> distributedNodes() {
    return {
        {"client", NodeRole::Client, "127.0.9.1"},
        {"dns-1", NodeRole::Dns, "127.0.10.53:5353"},
        {"lb-1", NodeRole::LoadBalancer, "127.0.10.1:8080"},
        {"web-1", NodeRole::WebServer, "127.0.10.11:8080"},
        {"web-2", NodeRole::WebServer, "127.0.10.12:8080"},
        {"web-3", NodeRole::WebServer, "127.0.10.13:8080"},
        {"app-1", NodeRole::AppServer, "127.0.10.21:8080"},
        {"db-primary", NodeRole::Database, "127.0.10.31:8080"},
        {"db-replica-1", NodeRole::Database, "127.0.10.32:8080", true},
    };
}

QList<DiagramLink> distributedLinks() {
    return {
        {"client", "dns-1"},     {"client", "lb-1"},        {"lb-1", "web-1"},  {"lb-1", "web-2"},
        {"lb-1", "web-3"},       {"web-1", "app-1"},        {"web-2", "app-1"}, {"web-3", "app-1"},
        {"app-1", "db-primary"}, {"app-1", "db-replica-1"},
    };
}

// The distributed stack with a collector and a firewall in front of web-2.
QList<DiagramNode> securedNodes() {
    QList<DiagramNode> nodes = distributedNodes();
    nodes.append({"collector", NodeRole::Collector, "127.0.60.1:9100"});
    DiagramNode firewall{"fw-web-2", NodeRole::Firewall, QString()};
    firewall.protects = "web-2";
    nodes.append(firewall);
    return nodes;
}

Trip pageTrip(const QString& traceId) {
    return {traceId,
            {
                {"client", "dns-1", LegKind::DnsQuery, "A www.foobar.com"},
                {"dns-1", "client", LegKind::DnsResponse, "127.0.10.1"},
                {"client", "lb-1", LegKind::Request, "GET /"},
                {"lb-1", "web-2", LegKind::Request, "GET /"},
                {"web-2", "lb-1", LegKind::Response, "200"},
                {"lb-1", "client", LegKind::Response, "200"},
            }};
}

NodeItem* findNode(const DiagramView& view, const QString& name) {
    for (QGraphicsItem* item : view.scene()->items()) {
        auto* node = qgraphicsitem_cast<NodeItem*>(item);
        if (node != nullptr && node->name() == name) {
            return node;
        }
    }
    return nullptr;
}

// Renders the scene area under `node`, the way the view draws it.
QImage renderNode(const DiagramView& view, const NodeItem* node) {
    const QRectF source = node->sceneBoundingRect();
    QImage image(source.size().toSize() * 2, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view.scene()->render(&painter, QRectF(image.rect()), source);
    return image;
}

}  // namespace

class DiagramViewTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void nineNodeTopologyListsNineNodes();
    void externalNodeIsDrawnButNotListed();
    void databasePrimaryIsAboveReplica();
    void iconsAreInResources();
    void playedTripIsActiveThenCompletes();
    void legsToUnknownNodesAreSkipped();
    void excessTripsQueueThenDropOldest();
    void downNodeRendersDifferently();
    void goingDownShowsCheckCount();
    void failActionEmitsFailRequested();
    void contextActionsFollowHealth();
    void packetTimerStopsWhenTripsFinish();
    void refusedLegEndsAfterBurst();
    void clickingNodeEmitsNodeSelected();
    void firewallLeftOfProtectedNode();
    void collectorInMonitoringColumn();
    void blockedLegEndsAtFirewall();
    void metricsLegReachesCollector();
    void maintenanceShownAndFailable();
    void spofMarksShowAndClear();

private:
    DiagramView* view_ = nullptr;
};

void DiagramViewTest::init() {
    view_ = new DiagramView;
    view_->resize(1280, 720);
    view_->setTopology(distributedNodes(), distributedLinks());
}

void DiagramViewTest::cleanup() {
    delete view_;
    view_ = nullptr;
}

void DiagramViewTest::nineNodeTopologyListsNineNodes() {
    const QStringList names = view_->nodeNames();
    QCOMPARE(names.size(), 9);
    QCOMPARE(names.first(), QStringLiteral("client"));
    QVERIFY(names.contains("db-replica-1"));
}

void DiagramViewTest::externalNodeIsDrawnButNotListed() {
    QVERIFY(!view_->nodeNames().contains(DiagramView::kExternalNodeName));

    const NodeItem* external = findNode(*view_, DiagramView::kExternalNodeName);
    const NodeItem* client = findNode(*view_, "client");
    QVERIFY(external != nullptr);
    QCOMPARE(external->role(), NodeRole::ExternalClient);
    QVERIFY(external->pos().y() > client->pos().y());
    QCOMPARE(external->pos().x(), client->pos().x());
}

void DiagramViewTest::databasePrimaryIsAboveReplica() {
    const NodeItem* primary = findNode(*view_, "db-primary");
    const NodeItem* replica = findNode(*view_, "db-replica-1");
    const NodeItem* app = findNode(*view_, "app-1");
    QVERIFY(primary->pos().y() < replica->pos().y());
    QVERIFY(app->pos().x() < primary->pos().x());
}

void DiagramViewTest::iconsAreInResources() {
    const QList<NodeRole> roles{
        NodeRole::Client,       NodeRole::ExternalClient, NodeRole::Dns,
        NodeRole::LoadBalancer, NodeRole::WebServer,      NodeRole::AppServer,
        NodeRole::Database,     NodeRole::Collector,      NodeRole::Firewall};
    for (const NodeRole role : roles) {
        QVERIFY2(QFile::exists(iconResourcePath(role)), qPrintable(iconResourcePath(role)));
        QVERIFY(!tintedIcon(role, Qt::black, 32).isNull());
    }
}

void DiagramViewTest::playedTripIsActiveThenCompletes() {
    view_->setSpeed(4.0);
    view_->playTrip(pageTrip("trace-1"));

    QCOMPARE(view_->activeTrips().size(), 1);
    QCOMPARE(view_->activeTrips().first().traceId, QStringLiteral("trace-1"));
    QCOMPARE(view_->activeTrips().first().legs.size(), 6);

    QTRY_COMPARE_WITH_TIMEOUT(view_->completedTrips(), 1, kTripTimeoutMs);
    QVERIFY(view_->activeTrips().isEmpty());
}

void DiagramViewTest::legsToUnknownNodesAreSkipped() {
    Trip trip = pageTrip("trace-unknown");
    trip.legs.append({"client", "firewall-9", LegKind::Request, "GET /"});

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("firewall-9"));
    view_->playTrip(trip);

    QCOMPARE(view_->activeTrips().first().legs.size(), 6);
}

void DiagramViewTest::excessTripsQueueThenDropOldest() {
    const int capacity = TripPlayer::kMaxRunningTrips + TripPlayer::kMaxQueuedTrips;
    for (int i = 0; i < capacity + 3; ++i) {
        view_->playTrip(pageTrip(QStringLiteral("trace-%1").arg(i)));
    }

    QCOMPARE(view_->activeTrips().size(), capacity);
    QCOMPARE(view_->droppedTrips(), 3);

    // The queue drops its oldest entries, so the running trips stay and the newest one waits.
    QCOMPARE(view_->activeTrips().first().traceId, QStringLiteral("trace-0"));
    QCOMPARE(view_->activeTrips().last().traceId, QStringLiteral("trace-%1").arg(capacity + 2));
    const int firstKeptQueued = TripPlayer::kMaxRunningTrips;
    QCOMPARE(view_->activeTrips().at(firstKeptQueued).traceId,
             QStringLiteral("trace-%1").arg(firstKeptQueued + 3));
}

void DiagramViewTest::downNodeRendersDifferently() {
    const NodeItem* web = findNode(*view_, "web-2");
    const QImage up = renderNode(*view_, web);

    view_->setNodeHealth("web-2", NodeHealth::Down, {});
    QCOMPARE(view_->nodeHealth("web-2"), NodeHealth::Down);
    const QImage down = renderNode(*view_, web);

    view_->setNodeHealth("web-2", NodeHealth::Up, {});
    const QImage upAgain = renderNode(*view_, web);

    QVERIFY(up != down);
    QCOMPARE(upAgain, up);
}

void DiagramViewTest::goingDownShowsCheckCount() {
    const NodeItem* web = findNode(*view_, "web-1");
    const QImage up = renderNode(*view_, web);

    view_->setNodeHealth("web-1", NodeHealth::GoingDown, "1/3");
    const QImage oneOfThree = renderNode(*view_, web);
    view_->setNodeHealth("web-1", NodeHealth::GoingDown, "2/3");
    const QImage twoOfThree = renderNode(*view_, web);

    QCOMPARE(web->healthDetail(), QStringLiteral("2/3"));
    QVERIFY(web->toolTip().contains("2/3"));
    QVERIFY(up != oneOfThree);
    QVERIFY(oneOfThree != twoOfThree);
}

void DiagramViewTest::failActionEmitsFailRequested() {
    QSignalSpy failSpy(view_, &DiagramView::failRequested);
    QSignalSpy restoreSpy(view_, &DiagramView::restoreRequested);

    view_->setContextNode("web-2");
    QCOMPARE(view_->failAction()->data().toString(), QStringLiteral("web-2"));
    view_->failAction()->trigger();

    QCOMPARE(failSpy.count(), 1);
    QCOMPARE(failSpy.first().first().toString(), QStringLiteral("web-2"));
    QCOMPARE(restoreSpy.count(), 0);
}

void DiagramViewTest::contextActionsFollowHealth() {
    view_->setContextNode("app-1");
    QVERIFY(view_->failAction()->isEnabled());
    QVERIFY(!view_->restoreAction()->isEnabled());

    view_->setNodeHealth("app-1", NodeHealth::Down, {});
    QVERIFY(!view_->failAction()->isEnabled());
    QVERIFY(view_->restoreAction()->isEnabled());

    QSignalSpy restoreSpy(view_, &DiagramView::restoreRequested);
    view_->restoreAction()->trigger();
    QCOMPARE(restoreSpy.count(), 1);
    QCOMPARE(restoreSpy.first().first().toString(), QStringLiteral("app-1"));

    view_->setContextNode("no-such-node");
    QVERIFY(!view_->failAction()->isEnabled());
    QVERIFY(!view_->restoreAction()->isEnabled());
}

void DiagramViewTest::packetTimerStopsWhenTripsFinish() {
    QVERIFY(!view_->isAnimating());

    view_->setSpeed(4.0);
    view_->playTrip(pageTrip("trace-a"));
    view_->playTrip(pageTrip("trace-b"));
    QVERIFY(view_->isAnimating());

    QTRY_COMPARE_WITH_TIMEOUT(view_->completedTrips(), 2, kTripTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!view_->isAnimating(), kTripTimeoutMs);
    QVERIFY(view_->activeTrips().isEmpty());
}

void DiagramViewTest::refusedLegEndsAfterBurst() {
    view_->setSpeed(4.0);
    view_->setNodeHealth("web-3", NodeHealth::Down, {});
    view_->playTrip({"trace-refused",
                     {
                         {"lb-1", "web-3", LegKind::Refused, "connect"},
                         {"lb-1", "client", LegKind::ErrorResponse, "502"},
                     }});

    QTRY_COMPARE_WITH_TIMEOUT(view_->completedTrips(), 1, kTripTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!view_->isAnimating(), kTripTimeoutMs);
}

void DiagramViewTest::clickingNodeEmitsNodeSelected() {
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_));
    QSignalSpy selectedSpy(view_, &DiagramView::nodeSelected);

    const NodeItem* lb = findNode(*view_, "lb-1");
    const QPoint centre = view_->mapFromScene(lb->scenePos());
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, centre);

    QCOMPARE(selectedSpy.count(), 1);
    QCOMPARE(selectedSpy.first().first().toString(), QStringLiteral("lb-1"));
    QVERIFY(lb->isSelected());
}

void DiagramViewTest::firewallLeftOfProtectedNode() {
    view_->setTopology(securedNodes(), distributedLinks());
    const NodeItem* firewall = findNode(*view_, "fw-web-2");
    const NodeItem* web = findNode(*view_, "web-2");
    const NodeItem* lb = findNode(*view_, "lb-1");
    QVERIFY(firewall != nullptr);
    QCOMPARE(firewall->role(), NodeRole::Firewall);

    QCOMPARE(firewall->pos().y(), web->pos().y());
    QVERIFY(firewall->pos().x() < web->pos().x());
    QVERIFY(firewall->pos().x() > lb->pos().x());
    QVERIFY(!firewall->sceneBox().intersects(web->sceneBox()));
    QVERIFY(!firewall->sceneBox().intersects(lb->sceneBox()));
    QVERIFY(firewall->sceneBox().width() < web->sceneBox().width());
}

void DiagramViewTest::collectorInMonitoringColumn() {
    const DiagramLayout layout = layoutDiagram(securedNodes());
    QVERIFY(layout.centres.contains("collector"));
    QVERIFY(layout.centres.value("collector").x() > layout.centres.value("db-primary").x());

    const auto monitoring = std::find_if(
        layout.bands.cbegin(), layout.bands.cend(),
        [](const TierBand& band) { return band.label == QStringLiteral("Monitoring"); });
    QVERIFY(monitoring != layout.bands.cend());
    QVERIFY(monitoring->rect.contains(layout.centres.value("collector")));
    QVERIFY(!monitoring->rect.contains(layout.centres.value("db-primary")));
}

void DiagramViewTest::blockedLegEndsAtFirewall() {
    view_->setTopology(securedNodes(), distributedLinks());
    view_->setSpeed(4.0);
    view_->playTrip({"trace-blocked", {{"client", "fw-web-2", LegKind::Refused, "blocked"}}});
    QCOMPARE(view_->activeTrips().first().legs.size(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(view_->completedTrips(), 1, kTripTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!view_->isAnimating(), kTripTimeoutMs);
}

void DiagramViewTest::metricsLegReachesCollector() {
    view_->setTopology(securedNodes(), distributedLinks());
    view_->setSpeed(4.0);
    // No link joins web-1 and the collector, so the packet goes straight across.
    view_->playTrip({"trace-push", {{"web-1", "collector", LegKind::Metrics, QString()}}});
    QCOMPARE(view_->activeTrips().first().legs.size(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(view_->completedTrips(), 1, kTripTimeoutMs);
}

void DiagramViewTest::maintenanceShownAndFailable() {
    NodeItem* web = findNode(*view_, "web-1");
    const QImage up = renderNode(*view_, web);

    view_->setNodeHealth("web-1", NodeHealth::Maintenance, "DRAIN");
    QCOMPARE(view_->nodeHealth("web-1"), NodeHealth::Maintenance);
    QVERIFY(renderNode(*view_, web) != up);

    view_->setContextNode("web-1");
    QVERIFY(view_->failAction()->isEnabled());
    QVERIFY(!view_->restoreAction()->isEnabled());
}

void DiagramViewTest::spofMarksShowAndClear() {
    const QImage unmarked = renderNode(*view_, findNode(*view_, "lb-1"));

    view_->setSpofMarks({{"lb-1", {"pages", "reads", "writes"}}, {"app-1", {"reads", "writes"}}});
    QCOMPARE(view_->spofMarkText("lb-1"), QStringLiteral("SPOF: pages, reads, writes"));
    QCOMPARE(view_->spofMarkText("app-1"), QStringLiteral("SPOF: reads, writes"));
    QVERIFY(view_->spofMarkText("web-1").isEmpty());
    QVERIFY(renderNode(*view_, findNode(*view_, "lb-1")) != unmarked);

    // A new layout keeps the marks of the nodes that remain.
    view_->setTopology(distributedNodes(), distributedLinks());
    QCOMPARE(view_->spofMarkText("lb-1"), QStringLiteral("SPOF: pages, reads, writes"));

    view_->setSpofMarks({});
    QVERIFY(view_->spofMarkText("lb-1").isEmpty());
    QVERIFY(view_->spofMarkText("app-1").isEmpty());
    QCOMPARE(renderNode(*view_, findNode(*view_, "lb-1")), unmarked);
}

QTEST_MAIN(DiagramViewTest)
#include "test_diagram.moc"
