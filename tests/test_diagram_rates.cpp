#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include "diagram_view.h"
#include "node_item.h"
#include "rate_label_item.h"
#include "traffic_badge_item.h"
#include "traffic_meter.h"
#include "trip_player.h"
#include "trip_sampler.h"

using namespace wsl;

namespace {

constexpr int kDeadlineMs = 10000;
// The feed sends a burst of trips every kFeedIntervalMs.
constexpr int kFeedIntervalMs = 10;

QList<DiagramNode> stackNodes() {
    return {
        {"client", NodeRole::Client, "127.0.9.1"},
        {"lb-1", NodeRole::LoadBalancer, "127.0.10.1:8080"},
        {"web-1", NodeRole::WebServer, "127.0.10.11:8080"},
        {"web-2", NodeRole::WebServer, "127.0.10.12:8080"},
    };
}

QList<DiagramLink> stackLinks() {
    return {{"client", "lb-1"}, {"lb-1", "web-1"}, {"lb-1", "web-2"}};
}

Trip okTrip(const QString& web) {
    return {"ok",
            {
                {"client", "lb-1", LegKind::Request, "GET /"},
                {"lb-1", web, LegKind::Request, "GET /"},
                {web, "lb-1", LegKind::Response, "200"},
                {"lb-1", "client", LegKind::Response, "200"},
            }};
}

Trip serverErrorTrip(const QString& web) {
    return {"error",
            {
                {"client", "lb-1", LegKind::Request, "GET /"},
                {"lb-1", web, LegKind::Request, "GET /"},
                {web, "lb-1", LegKind::ErrorResponse, "500"},
                {"lb-1", "client", LegKind::ErrorResponse, "502"},
            }};
}

Trip refusedTrip(const QString& traceId) {
    return {traceId,
            {
                {"client", "lb-1", LegKind::Request, "GET /"},
                {"lb-1", "web-2", LegKind::Refused, "GET /"},
                {"lb-1", "client", LegKind::ErrorResponse, "502"},
            }};
}

// Returns the first number in `text`, such as 120 from "120 req/s".
double firstNumber(const QString& text, int index = 0) {
    static const QRegularExpression number("\\d+");
    auto matches = number.globalMatch(QString(text).remove(QLocale().groupSeparator()));
    for (int i = 0; matches.hasNext(); ++i) {
        const auto match = matches.next();
        if (i == index) {
            return match.captured().toDouble();
        }
    }
    return -1;
}

// Plays `perBurst` trips made by `next` into `view` every kFeedIntervalMs, and counts them.
class Feed {
public:
    Feed(DiagramView* view, int perBurst, std::function<Trip(int)> next)
        : view_(view), perBurst_(perBurst), next_(std::move(next)) {
        timer_.setInterval(kFeedIntervalMs);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            for (int i = 0; i < perBurst_; ++i) {
                view_->playTrip(next_(sent_++));
            }
        });
        clock_.start();
        timer_.start();
    }

    int sent() const { return sent_; }
    double perSecond() const { return sent_ * 1000.0 / static_cast<double>(clock_.elapsed()); }
    void stop() { timer_.stop(); }

private:
    DiagramView* view_;
    int perBurst_;
    std::function<Trip(int)> next_;
    QTimer timer_;
    QElapsedTimer clock_;
    int sent_ = 0;
};

}  // namespace

class DiagramRatesTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void meterRatesCoverLastSecond();
    void meterCountsServerErrorsAndRefusals();
    void samplerBoundsAnimatedTrips();
    void samplerSwitchesWithHysteresis();
    void highRateLabelsLinksAndSamples();
    void lowRateAnimatesEveryTrip();
    void nodeBadgeShowsRateErrorsConnections();
    void labelsAndBadgesKeepClear();
    void labelClearsFirewallOnItsLink();
    void failedTripAnimatedAtHighRate();

private:
    DiagramView* view_ = nullptr;
};

void DiagramRatesTest::init() {
    view_ = new DiagramView;
    view_->resize(1280, 720);
    view_->setTopology(stackNodes(), stackLinks());
}

void DiagramRatesTest::cleanup() {
    delete view_;
    view_ = nullptr;
}

void DiagramRatesTest::meterRatesCoverLastSecond() {
    TrafficMeter meter;
    meter.setTopology({"client", "lb-1", "web-1", "web-2"}, stackLinks());

    // 50 trips per 250 ms bucket is 200 trips a second, all through web-1.
    for (int bucket = 0; bucket < TrafficMeter::kBuckets; ++bucket) {
        for (int i = 0; i < 50; ++i) {
            meter.record(okTrip("web-1"));
        }
        meter.tick(TrafficMeter::kBucketMs);
    }
    QCOMPARE(meter.tripsPerSecond(), 200.0);
    QCOMPARE(meter.linkRate("client", "lb-1"), 200.0);
    QCOMPARE(meter.linkRate("web-1", "lb-1"), 200.0);
    QCOMPARE(meter.linkRate("lb-1", "web-2"), 0.0);

    // A silent bucket replaces the oldest one, so the rate falls by a quarter.
    meter.tick(TrafficMeter::kBucketMs);
    QCOMPARE(meter.linkRate("lb-1", "web-1"), 150.0);
    QVERIFY(!meter.isQuiet());

    for (int bucket = 0; bucket < TrafficMeter::kBuckets; ++bucket) {
        meter.tick(TrafficMeter::kBucketMs);
    }
    QVERIFY(meter.isQuiet());
}

void DiagramRatesTest::meterCountsServerErrorsAndRefusals() {
    TrafficMeter meter;
    meter.setTopology({"client", "lb-1", "web-1", "web-2"}, stackLinks());
    meter.record(okTrip("web-1"));
    meter.record(serverErrorTrip("web-1"));
    meter.record(refusedTrip("refused"));
    Trip notFound = okTrip("web-1");
    notFound.legs[2] = {"web-1", "lb-1", LegKind::ErrorResponse, "404"};
    notFound.legs[3] = {"lb-1", "client", LegKind::ErrorResponse, "404"};
    meter.record(notFound);
    meter.tick(1000);

    // web-1 returned a 5xx for one of its three requests; a 404 is not the server's error.
    QCOMPARE(meter.nodeRates("web-1").requestsPerSecond, 3.0);
    QCOMPARE(std::lround(meter.nodeRates("web-1").errorPercent), 33L);
    // web-2 refused its only connection.
    QCOMPARE(meter.nodeRates("web-2").errorPercent, 100.0);
    // lb-1 returned 502 for two of its four requests.
    QCOMPARE(meter.nodeRates("lb-1").errorPercent, 50.0);
    QCOMPARE(meter.failedTripsPerSecond(), 2.0);
}

void DiagramRatesTest::samplerBoundsAnimatedTrips() {
    TripSampler sampler;
    sampler.update(5000, 50);
    QVERIFY(sampler.isSampling());
    QCOMPARE(sampler.successInterval(), 619);  // ceil(4950 / 8)
    QCOMPARE(sampler.failedInterval(), 7);     // ceil(50 / 8)

    // One second of traffic in four buckets: 4950 successes and 50 failures, interleaved.
    int successes = 0;
    int failures = 0;
    for (int bucket = 0; bucket < 4; ++bucket) {
        for (int i = 0; i < 1250; ++i) {
            const bool failed = i % 100 == 0;
            if (sampler.admit(failed)) {
                ++(failed ? failures : successes);
            }
        }
        sampler.update(5000, 50);
    }
    QVERIFY2(successes <= TripSampler::kAnimatedPerSecond + 1,
             qPrintable(QString::number(successes)));
    QVERIFY(successes >= 1);
    QVERIFY2(failures >= 5 && failures <= TripSampler::kAnimatedPerSecond + 1,
             qPrintable(QString::number(failures)));
}

void DiagramRatesTest::samplerSwitchesWithHysteresis() {
    TripSampler sampler;
    sampler.update(9, 0);
    QVERIFY(!sampler.isSampling());
    sampler.update(10, 0);
    QVERIFY(sampler.isSampling());
    sampler.update(6, 0);  // between the thresholds: stays on
    QVERIFY(sampler.isSampling());
    sampler.update(4, 0);
    QVERIFY(!sampler.isSampling());
    QVERIFY(sampler.admit(false));
}

void DiagramRatesTest::highRateLabelsLinksAndSamples() {
    // 5 trips every 10 ms is about 500 trips a second, spread over both web servers.
    Feed feed(view_, 5, [](int i) { return okTrip(i % 2 == 0 ? "web-1" : "web-2"); });

    QTRY_VERIFY_WITH_TIMEOUT(!view_->linkRateText("client", "lb-1").isEmpty(), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(view_->isSampling(), kDeadlineMs);
    // Let the window fill with a full second of traffic.
    const int sentBefore = feed.sent();
    QTRY_VERIFY_WITH_TIMEOUT(feed.sent() >= sentBefore + 2 * static_cast<int>(feed.perSecond()),
                             kDeadlineMs);

    const double expected = feed.perSecond();
    const QString label = view_->linkRateText("lb-1", "client");
    QVERIFY2(label.contains("req/s"), qPrintable(label));
    const double shown = firstNumber(label);
    QVERIFY2(std::abs(shown - expected) <= 0.3 * expected,
             qPrintable(QStringLiteral("label %1, fed %2 trips/s").arg(label).arg(expected)));
    const double perServer = firstNumber(view_->linkRateText("lb-1", "web-1"));
    QVERIFY2(std::abs(perServer - expected / 2) <= 0.3 * expected / 2,
             qPrintable(view_->linkRateText("lb-1", "web-1")));

    // The backlog queued before sampling began was dropped, so no train of packets waits.
    QVERIFY2(view_->activeTrips().size() <= TripPlayer::kMaxRunningTrips,
             qPrintable(QString::number(view_->activeTrips().size())));
    QVERIFY2(view_->samplingNote().contains("animated"), qPrintable(view_->samplingNote()));
    QVERIFY(firstNumber(view_->samplingNote(), 1) >= 2);

    // Over about a second, animated trips stay within the budget: kAnimatedPerSecond a second,
    // and never more than kMaxPerBucket in any of the five buckets the second can touch.
    const int animatedBefore = view_->animatedTrips();
    QElapsedTimer second;
    second.start();
    QTRY_VERIFY_WITH_TIMEOUT(second.elapsed() >= 1000, kDeadlineMs);
    const int animated = view_->animatedTrips() - animatedBefore;
    const double seconds = static_cast<double>(second.elapsed()) / 1000.0;
    QVERIFY2(animated >= 1, qPrintable(QString::number(animated)));
    QVERIFY2(animated <= (seconds + 0.25) * 4 * TripSampler::kMaxPerBucket,
             qPrintable(QStringLiteral("%1 animated in %2 s").arg(animated).arg(seconds)));
    QVERIFY2(animated <= 2 * TripSampler::kAnimatedPerSecond * seconds + TripSampler::kMaxPerBucket,
             qPrintable(QStringLiteral("%1 animated in %2 s").arg(animated).arg(seconds)));

    // Once the traffic stops, labels, badges and the note go.
    feed.stop();
    QTRY_VERIFY_WITH_TIMEOUT(view_->linkRateText("client", "lb-1").isEmpty(), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(view_->samplingNote().isEmpty(), kDeadlineMs);
    QVERIFY(view_->trafficBadgeText("lb-1").isEmpty());
}

void DiagramRatesTest::lowRateAnimatesEveryTrip() {
    QTimer slow;
    slow.setInterval(250);  // 4 trips a second, below kOffTripsPerSecond
    int sent = 0;
    connect(&slow, &QTimer::timeout, [&] {
        view_->playTrip(okTrip("web-1"));
        ++sent;
    });
    slow.start();

    QTRY_VERIFY_WITH_TIMEOUT(sent >= 8, kDeadlineMs);
    QCOMPARE(view_->animatedTrips(), sent);
    QVERIFY(!view_->isSampling());
    QVERIFY(view_->samplingNote().isEmpty());
    QVERIFY(view_->linkRateText("client", "lb-1").isEmpty());
    QVERIFY(view_->trafficBadgeText("web-1").isEmpty());
}

void DiagramRatesTest::nodeBadgeShowsRateErrorsConnections() {
    // web-2 returns a 500 for every other request.
    Feed feed(view_, 2,
              [](int i) { return i % 2 == 0 ? okTrip("web-2") : serverErrorTrip("web-2"); });
    view_->setOpenConnections({{"web-2", 7}, {"lb-1", 12}});

    QTRY_VERIFY_WITH_TIMEOUT(!view_->trafficBadgeText("web-2").isEmpty(), kDeadlineMs);
    const int sentBefore = feed.sent();
    QTRY_VERIFY_WITH_TIMEOUT(feed.sent() >= sentBefore + 2 * static_cast<int>(feed.perSecond()),
                             kDeadlineMs);

    const QString badge = view_->trafficBadgeText("web-2");
    const double expected = feed.perSecond();
    QVERIFY2(badge.contains("req/s"), qPrintable(badge));
    QVERIFY2(std::abs(firstNumber(badge, 0) - expected) <= 0.3 * expected, qPrintable(badge));
    QVERIFY2(std::abs(firstNumber(badge, 1) - 50) <= 5, qPrintable(badge));
    QVERIFY2(badge.contains("7 conn"), qPrintable(badge));
    QVERIFY2(view_->trafficBadgeText("lb-1").contains("12 conn"),
             qPrintable(view_->trafficBadgeText("lb-1")));
    // web-1 received nothing, so it has no badge.
    QVERIFY(view_->trafficBadgeText("web-1").isEmpty());
}

// Visible items of type `Item` in the view's scene, by their rectangles in scene coordinates.
template <typename Item>
QList<QRectF> visibleRects(const DiagramView& view) {
    QList<QRectF> rects;
    for (const QGraphicsItem* item : view.scene()->items()) {
        if (item->type() == Item::Type && item->isVisible()) {
            rects.append(item->type() == NodeItem::Type
                             ? static_cast<const NodeItem*>(item)->sceneBox()
                             : item->mapRectToScene(item->boundingRect().adjusted(1, 1, -1, -1)));
        }
    }
    return rects;
}

int countOverlaps(const QList<QRectF>& rects, const QList<QRectF>& others) {
    int overlaps = 0;
    for (const QRectF& rect : rects) {
        for (const QRectF& other : others) {
            overlaps += &rect != &other && rect.intersects(other) ? 1 : 0;
        }
    }
    return overlaps;
}

void DiagramRatesTest::labelsAndBadgesKeepClear() {
    // Three web servers behind one balancer: three labels share the gap beside it.
    QList<DiagramNode> nodes = stackNodes();
    nodes.append(DiagramNode{"web-3", NodeRole::WebServer, "127.0.10.13:8080"});
    QList<DiagramLink> links = stackLinks();
    links.append(DiagramLink{"lb-1", "web-3"});
    view_->setTopology(nodes, links);
    // Five-digit connection counts make the badges wider than their nodes.
    view_->setOpenConnections(
        {{"lb-1", 12345}, {"web-1", 12345}, {"web-2", 12345}, {"web-3", 12345}});
    Feed feed(view_, 6, [](int i) { return okTrip(QStringLiteral("web-%1").arg(i % 3 + 1)); });

    QTRY_VERIFY_WITH_TIMEOUT(visibleRects<TrafficBadgeItem>(*view_).size() == 4, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(visibleRects<RateLabelItem>(*view_).size() == 4, kDeadlineMs);
    // Let the labels settle on the badges' final widths.
    const int sentBefore = feed.sent();
    QTRY_VERIFY_WITH_TIMEOUT(feed.sent() >= sentBefore + static_cast<int>(feed.perSecond()),
                             kDeadlineMs);

    const QList<QRectF> boxes = visibleRects<NodeItem>(*view_);
    const QList<QRectF> badges = visibleRects<TrafficBadgeItem>(*view_);
    const QList<QRectF> labels = visibleRects<RateLabelItem>(*view_);
    QCOMPARE(countOverlaps(badges, boxes), 0);
    QCOMPARE(countOverlaps(badges, badges), 0);
    QCOMPARE(countOverlaps(labels, boxes), 0);
    QCOMPARE(countOverlaps(labels, badges), 0);
    QCOMPARE(countOverlaps(labels, labels), 0);
}

void DiagramRatesTest::labelClearsFirewallOnItsLink() {
    // The firewall in front of lb-1 is drawn on the client's link to it, as on the Secured stage.
    QList<DiagramNode> nodes = stackNodes();
    nodes.append(DiagramNode{"fw-lb-1", NodeRole::Firewall, QString(), false, QString(), "lb-1"});
    view_->setTopology(nodes, stackLinks());
    Feed feed(view_, 5, [](int i) { return okTrip(i % 2 == 0 ? "web-1" : "web-2"); });

    QTRY_VERIFY_WITH_TIMEOUT(!view_->linkRateText("client", "lb-1").isEmpty(), kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(visibleRects<TrafficBadgeItem>(*view_).size() == 3, kDeadlineMs);

    const QList<QRectF> boxes = visibleRects<NodeItem>(*view_);
    QCOMPARE(boxes.size(), 6);  // the stack, the firewall and the external client
    QCOMPARE(countOverlaps(visibleRects<RateLabelItem>(*view_), boxes), 0);
}

void DiagramRatesTest::failedTripAnimatedAtHighRate() {
    Feed feed(view_, 5, [](int) { return okTrip("web-1"); });
    QTRY_VERIFY_WITH_TIMEOUT(view_->isSampling() && !view_->samplingNote().isEmpty(), kDeadlineMs);

    // A teacher fails web-2: its first refused trip moves on the diagram.
    view_->playTrip(refusedTrip("refused-1"));
    bool found = false;
    for (const Trip& trip : view_->activeTrips()) {
        found = found || trip.traceId == QLatin1String("refused-1");
    }
    QVERIFY(found);
}

QTEST_MAIN(DiagramRatesTest)
#include "test_diagram_rates.moc"
