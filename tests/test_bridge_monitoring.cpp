#include "engine_bridge.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "monitoring.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr int kDeadlineMs = 10000;
// Agents push ten times a second, so that a few pushes arrive within a short test.
constexpr std::chrono::milliseconds kPushInterval{100};
constexpr std::uint64_t kPushesToWaitFor = 3;

bool isMetricsLeg(const Leg& leg) {
    return leg.kind == LegKind::Metrics && leg.to == QStringLiteral("collector");
}

int metricsLegs(const QSignalSpy& legSpy) {
    int count = 0;
    for (const auto& arguments : legSpy) {
        for (const Leg& leg : arguments.first().value<Trip>().legs) {
            count += isMetricsLeg(leg) ? 1 : 0;
        }
    }
    return count;
}

// Returns the route of every request the list received, joined by ">".
QStringList finishedRoutes(const QSignalSpy& finishedSpy) {
    QStringList routes;
    for (const auto& arguments : finishedSpy) {
        for (const RequestView& view : arguments.first().value<QList<RequestView>>()) {
            routes.append(view.route.join('>'));
        }
    }
    return routes;
}

}  // namespace

// The bridge keeps the agents' pushes out of the request list, draws them only when asked,
// and shows firewalls and what they block.
class BridgeMonitoringTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pushesHiddenByDefault();
    void shownPushesDrawnAsMetrics();
    void blockedTripEndsAtFirewall();

private:
    void startBridge(Topology topology);
    std::uint64_t pushesReceived() const;

    std::unique_ptr<EngineBridge> bridge_;
};

void BridgeMonitoringTest::init() {
    qRegisterMetaType<Trip>();
    qRegisterMetaType<QList<RequestView>>();
}

void BridgeMonitoringTest::cleanup() {
    bridge_.reset();
}

void BridgeMonitoringTest::startBridge(Topology topology) {
    auto options = testEngineOptions();
    options.topology = std::move(topology);
    bridge_ = std::make_unique<EngineBridge>(options);
    QCOMPARE(bridge_->start(), QString());
}

std::uint64_t BridgeMonitoringTest::pushesReceived() const {
    const auto collector = bridge_->engine().node("collector");
    return collector ? collector->counters.requests : 0;
}

void BridgeMonitoringTest::pushesHiddenByDefault() {
    auto topology = withMonitoring(testEngineOptions().topology, true);
    topology.monitoring.interval = kPushInterval;
    startBridge(topology);
    QSignalSpy legSpy(bridge_.get(), &EngineBridge::legReady);
    QSignalSpy finishedSpy(bridge_.get(), &EngineBridge::requestsFinished);
    QVERIFY(!bridge_->showsMonitoringTraffic());

    QTRY_VERIFY_WITH_TIMEOUT(pushesReceived() >= kPushesToWaitFor, kDeadlineMs);
    // Spans are drained in order, so once this page is listed the pushes before it were seen.
    bridge_->sendRequest(EngineBridge::RequestKind::Page);
    QTRY_VERIFY_WITH_TIMEOUT(!finishedRoutes(finishedSpy).filter("web-").isEmpty(), kDeadlineMs);

    QCOMPARE(metricsLegs(legSpy), 0);
    QCOMPARE(finishedRoutes(finishedSpy).filter("collector"), QStringList());
}

void BridgeMonitoringTest::shownPushesDrawnAsMetrics() {
    auto topology = withMonitoring(testEngineOptions().topology, true);
    topology.monitoring.interval = kPushInterval;
    startBridge(topology);
    QSignalSpy legSpy(bridge_.get(), &EngineBridge::legReady);
    QSignalSpy tripSpy(bridge_.get(), &EngineBridge::tripReady);
    QSignalSpy finishedSpy(bridge_.get(), &EngineBridge::requestsFinished);

    bridge_->setShowMonitoringTraffic(true);
    QTRY_VERIFY_WITH_TIMEOUT(metricsLegs(legSpy) >= 2, kDeadlineMs);

    // Pushes never count as trips nor reach the request list, even while drawn.
    for (const auto& arguments : tripSpy) {
        for (const Leg& leg : arguments.first().value<Trip>().legs) {
            QVERIFY2(!isMetricsLeg(leg), qPrintable(leg.from));
        }
    }
    QCOMPARE(finishedRoutes(finishedSpy).filter("collector"), QStringList());
}

void BridgeMonitoringTest::blockedTripEndsAtFirewall() {
    // No rule allows anything, so the load balancer's health checks to web-1 are blocked.
    auto topology = testEngineOptions().topology;
    topology.firewalls.push_back({"fw-web-1", "web-1", {}, FirewallAction::Reject, true});
    startBridge(topology);
    QSignalSpy tripSpy(bridge_.get(), &EngineBridge::tripReady);

    const auto nodes = bridge_->diagramNodes();
    const auto firewall = std::find_if(nodes.cbegin(), nodes.cend(), [](const DiagramNode& node) {
        return node.name == QStringLiteral("fw-web-1");
    });
    QVERIFY(firewall != nodes.cend());
    QCOMPARE(firewall->role, NodeRole::Firewall);
    QCOMPARE(firewall->protects, QStringLiteral("web-1"));

    const auto blockedAtFirewall = [&tripSpy] {
        for (const auto& arguments : tripSpy) {
            const Trip trip = arguments.first().value<Trip>();
            if (trip.legs.size() == 1 && trip.legs.first().to == QStringLiteral("fw-web-1") &&
                trip.legs.first().kind == LegKind::Refused) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(blockedAtFirewall(), kDeadlineMs);
}

QTEST_MAIN(BridgeMonitoringTest)
#include "test_bridge_monitoring.moc"
