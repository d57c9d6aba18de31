#include <QChart>
#include <QComboBox>
#include <QFontMetricsF>
#include <QTest>
#include <QValueAxis>

#include <memory>

#include "metrics_sampler.h"
#include "monitoring/health_timeline.h"
#include "monitoring/line_chart_view.h"
#include "monitoring/monitoring_dock.h"
#include "monitoring/stacked_chart_view.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr int kRequests = 24;

std::uint64_t requestsAt(const Engine& engine, NodeKind kind) {
    std::uint64_t total = 0;
    for (const NodeStatus& node : engine.nodes()) {
        const auto metrics = engine.requestMetrics(node.name);
        if (node.kind == kind && metrics) {
            total += metrics->requests;
        }
    }
    return total;
}

double lastY(const MonitoringSeries& series) {
    return series.points.isEmpty() ? -1.0 : series.points.last().y();
}

int largestSeries(const MonitoringData& data) {
    qsizetype largest = data.requestsTotal.points.size();
    for (const auto* group : {&data.requestsPerServer, &data.latency, &data.errorRate,
                              &data.openConnections, &data.replicationLag}) {
        for (const MonitoringSeries& series : *group) {
            largest = std::max(largest, series.points.size());
        }
    }
    return static_cast<int>(largest);
}

}  // namespace

// The sampler turns the engine's real counters into per-interval rates and percentiles, keeps
// one window of points, and the dock draws them offscreen.
class MonitoringDockTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestRatesAddUpToRequestsMade();
    void percentilesComeFromTheIntervalsRequests();
    void seriesStayWithinTheWindow();
    void healthRecordsEveryBackend();
    void dockDrawsTheSamplesOffscreen();
    void smallChartKeepsRoomForLabels();

private:
    // Sends kRequests pages through the balancer between a sample at 0 s and one at 2 s.
    void sampleAroundRequests(MetricsSampler& sampler);

    std::unique_ptr<Engine> engine_;
};

void MonitoringDockTest::init() {
    engine_ = std::make_unique<Engine>(testEngineOptions());
    engine_->start();
}

void MonitoringDockTest::cleanup() {
    engine_->stop();
    engine_.reset();
}

void MonitoringDockTest::sampleAroundRequests(MetricsSampler& sampler) {
    const std::uint64_t atBalancers = requestsAt(*engine_, NodeKind::LoadBalancer);
    const std::uint64_t atWebServers = requestsAt(*engine_, NodeKind::WebServer);
    sampler.sampleAt(0.0);
    for (int i = 0; i < kRequests; ++i) {
        const Reply reply =
            httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/");
        QCOMPARE(reply.status, 200);
    }
    // The nodes count a request once its response is written, which may be a moment after
    // the client read it.
    QVERIFY(waitFor([&] {
        return requestsAt(*engine_, NodeKind::LoadBalancer) == atBalancers + kRequests &&
               requestsAt(*engine_, NodeKind::WebServer) == atWebServers + kRequests;
    }));
    sampler.sampleAt(2.0);
}

void MonitoringDockTest::requestRatesAddUpToRequestsMade() {
    MetricsSampler sampler(*engine_);
    sampleAroundRequests(sampler);
    if (QTest::currentTestFailed()) {
        return;
    }
    const MonitoringData& data = sampler.data();
    QVERIFY(data.requestsPerServer.size() >= 2);
    double perServer = 0;
    for (const MonitoringSeries& server : data.requestsPerServer) {
        QCOMPARE(server.points.size(), 1);
        QCOMPARE(server.points.last().x(), 2.0);
        perServer += server.points.last().y() * 2.0;  // req/s over two seconds
    }
    QVERIFY2(qAbs(perServer - kRequests) < 0.01, qPrintable(QString::number(perServer)));
    QVERIFY(qAbs(lastY(data.requestsTotal) * 2.0 - kRequests) < 0.01);
    for (const MonitoringSeries& errors : data.errorRate) {
        QCOMPARE(lastY(errors), 0.0);
    }
}

void MonitoringDockTest::percentilesComeFromTheIntervalsRequests() {
    MetricsSampler sampler(*engine_);
    sampleAroundRequests(sampler);
    if (QTest::currentTestFailed()) {
        return;
    }
    const MonitoringData& data = sampler.data();
    QCOMPARE(data.latencySamples, static_cast<quint64>(kRequests));
    QCOMPARE(data.latency.size(), 3);
    const double p50 = lastY(data.latency[0]);
    const double p95 = lastY(data.latency[1]);
    const double p99 = lastY(data.latency[2]);
    QVERIFY(p50 > 0);
    QVERIFY(p50 <= p95 && p95 <= p99);
    QVERIFY(p99 < 10000);  // ms: the last finite bound is 30 s

    // An interval without requests adds no latency point.
    sampler.sampleAt(3.0);
    QCOMPARE(sampler.data().latencySamples, static_cast<quint64>(kRequests));
    QCOMPARE(sampler.data().latency[0].points.size(), 1);
}

void MonitoringDockTest::seriesStayWithinTheWindow() {
    MetricsSampler sampler(*engine_);
    sampler.setWindowMinutes(1);
    QCOMPARE(sampler.maxPoints(), 240);
    // Ten ticks a second, faster than the timer's four: the point limit, not only the time
    // limit, keeps the series bounded.
    for (int tick = 0; tick < 1500; ++tick) {
        sampler.sampleAt(tick * 0.1);
        QVERIFY(largestSeries(sampler.data()) <= sampler.maxPoints());
    }
    QCOMPARE(largestSeries(sampler.data()), 240);
    // At the timer's pace, one minute is 240 points as well.
    for (int tick = 1; tick <= 600; ++tick) {
        sampler.sampleAt(150.0 + tick * 0.25);
    }
    QCOMPARE(largestSeries(sampler.data()), 240);
    QVERIFY(sampler.data().requestsTotal.points.first().x() >= sampler.data().nowSeconds - 60);
    sampler.setWindowMinutes(15);
    QCOMPARE(sampler.maxPoints(), 3600);
}

void MonitoringDockTest::healthRecordsEveryBackend() {
    MetricsSampler sampler(*engine_);
    sampler.sampleAt(0.0);
    int backends = 0;
    for (const NodeStatus& node : engine_->nodes()) {
        backends += node.kind == NodeKind::WebServer || node.kind == NodeKind::AppServer;
    }
    QCOMPARE(sampler.data().health.size(), backends);
    QCOMPARE(engine_->fail("web-1"), std::string());
    QVERIFY(waitFor([&] { return engine_->node("web-1")->state == "DOWN"; }));
    sampler.sampleAt(1.0);
    for (const HealthTrack& track : sampler.data().health) {
        if (track.name == QStringLiteral("web-1")) {
            QCOMPARE(track.changes.last().state, QStringLiteral("DOWN"));
            QCOMPARE(track.changes.last().x, 1.0);
        }
    }
    // Beyond the window only the state in force at its start remains, moved to the start.
    sampler.setWindowMinutes(1);
    sampler.sampleAt(200.0);
    for (const HealthTrack& track : sampler.data().health) {
        QCOMPARE(track.changes.size(), 1);
        QCOMPARE(track.changes.first().x, 140.0);
    }
}

// At the default dock height a chart with a legend has a plot about 70 px tall. Qt Charts cut
// every value label to "..." there while the axis kept its six default ticks.
void MonitoringDockTest::smallChartKeepsRoomForLabels() {
    LineChartView view;
    view.setTitle(QStringLiteral("Errors (% of responses)"));
    view.resize(215, 165);
    view.show();
    QList<MonitoringSeries> group{{QStringLiteral("4xx"), {}}, {QStringLiteral("5xx"), {}}};
    for (int second = 0; second < 10; ++second) {
        for (MonitoringSeries& series : group) {
            series.points.append(QPointF(second, 0.0));
        }
    }
    auto* axis = qobject_cast<QValueAxis*>(view.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis != nullptr);
    const double labelHeight = QFontMetricsF(axis->labelsFont()).height();

    // The dock refreshes its charts several times a second, and the first refresh lays them out.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            view.setSeries(group, 0.0, 60.0);
            return view.chart()->plotArea().height() > 0;
        }(),
        5000);
    view.setSeries(group, 0.0, 60.0);

    const double perTick = view.chart()->plotArea().height() / axis->tickCount();
    QVERIFY2(perTick >= labelHeight + 8.0, qPrintable(QStringLiteral("%1 ticks in %2 px")
                                                          .arg(axis->tickCount())
                                                          .arg(view.chart()->plotArea().height())));
    QVERIFY(axis->tickCount() >= 2);
}

void MonitoringDockTest::dockDrawsTheSamplesOffscreen() {
    MonitoringDock dock;
    MetricsSampler sampler(*engine_);
    connect(&sampler, &MetricsSampler::sampled, &dock, &MonitoringDock::setData);
    connect(&dock, &MonitoringDock::windowChanged, &sampler, &MetricsSampler::setWindowMinutes);
    dock.resize(1200, 520);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    sampleAroundRequests(sampler);
    if (QTest::currentTestFailed()) {
        return;
    }
    const int servers = static_cast<int>(sampler.data().requestsPerServer.size());
    QCOMPARE(dock.requestsChart()->pointCount(), servers + 1);  // one point each and the total
    QCOMPARE(dock.latencyChart()->pointCount(), 3);
    QVERIFY(dock.latencyChart()->chart()->title().contains(QString::number(kRequests)));
    QCOMPARE(dock.errorChart()->pointCount(), 2);
    QVERIFY(dock.connectionsChart()->pointCount() > 0);
    QCOMPARE(dock.healthTimeline()->tracks().size(), sampler.data().health.size());
    QVERIFY(!dock.grab().isNull());

    dock.windowCombo()->setCurrentIndex(2);
    QCOMPARE(sampler.maxPoints(), 3600);
    // Many ticks later the charts hold no more than the window allows.
    dock.windowCombo()->setCurrentIndex(0);
    for (int tick = 1; tick <= 400; ++tick) {
        sampler.sampleAt(2.0 + tick * 0.25);
    }
    QVERIFY(dock.requestsChart()->pointCount() <= (servers + 1) * sampler.maxPoints());
    QVERIFY(dock.connectionsChart()->pointCount() <=
            static_cast<int>(sampler.data().openConnections.size()) * sampler.maxPoints());
    QVERIFY(!dock.grab().isNull());
}

QTEST_MAIN(MonitoringDockTest)
#include "test_monitoring_dock.moc"
