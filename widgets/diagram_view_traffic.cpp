// The diagram at high rates: rate labels on links, traffic badges on nodes and the note that
// states how many trips are animated.
#include <QLabel>
#include <QLocale>

#include <cmath>

#include "diagram_view.h"
#include "link_item.h"
#include "node_item.h"
#include "packet_layer.h"
#include "traffic_badge_item.h"

namespace wsl {

namespace {

// Above the SPOF marks, which sit on the same bottom edge, and below the packets.
constexpr qreal kTrafficBadgeZ = 6.0;
constexpr int kNoteMargin = 8;
// The SPOF mark's label straddles the box's bottom edge and reaches this far below it.
constexpr qreal kSpofLabelReach = 14.0;
// The space between a node's box, or its SPOF label, and the traffic badge below it.
constexpr qreal kBadgeGap = 2.0;
// The space link labels keep from node boxes and badges.
constexpr QMarginsF kLabelClearance(2.0, 2.0, 2.0, 2.0);

QString formatRate(double perSecond) {
    return QLocale().toString(std::lround(perSecond));
}

}  // namespace

void DiagramView::createTrafficParts() {
    rateTimer_.setInterval(TrafficMeter::kBucketMs);
    connect(&rateTimer_, &QTimer::timeout, this, &DiagramView::onRateTick);

    samplingNote_ = new QLabel(this);
    samplingNote_->setObjectName("SamplingNote");
    samplingNote_->setAttribute(Qt::WA_TransparentForMouseEvents);
    samplingNote_->setAutoFillBackground(true);
    samplingNote_->setMargin(4);
    samplingNote_->hide();
}

// Counters start again for the new nodes and links; the note and labels go with the old ones.
void DiagramView::resetTraffic() {
    QList<DiagramLink> links;
    const QList<QRectF> boxes = boxesLabelsAvoid();
    for (LinkItem* link : std::as_const(linkItems_)) {
        links.append({link->from(), link->to()});
        link->setAvoidedBoxes(boxes);
    }
    QStringList names = nodeOrder_;
    names.append(kExternalNodeName);
    meter_.setTopology(names, links);
    sampler_ = TripSampler();
    rateTimer_.stop();
    updateSamplingNote();
}

void DiagramView::startRateTimer() {
    if (rateTimer_.isActive()) {
        return;
    }
    sinceRateTick_.start();
    rateTimer_.start();
}

void DiagramView::onRateTick() {
    meter_.tick(static_cast<double>(sinceRateTick_.restart()));
    const bool wasSampling = sampler_.isSampling();
    sampler_.update(meter_.tripsPerSecond(), meter_.failedTripsPerSecond());
    // Trips queued before sampling began would play as a train of packets for seconds.
    if (sampler_.isSampling() && !wasSampling) {
        packets_->dropQueuedTrips();
    }
    packets_->setFailureLabelsOnly(sampler_.isSampling());
    // Badges first, because link labels are placed clear of them.
    updateTrafficBadges();
    updateLinkLabels();
    updateSamplingNote();
    // The timer runs while the window contains counts, so labels fade to nothing before it stops.
    if (meter_.isQuiet() && !sampler_.isSampling()) {
        rateTimer_.stop();
    }
}

// A link's label appears at kOnTripsPerSecond requests a second and goes below
// kOffTripsPerSecond, so a rate near the threshold does not make it flicker.
// Each label is placed clear of the nodes, the badges and the labels placed before it.
void DiagramView::updateLinkLabels() {
    QList<QRectF> boxes = boxesLabelsAvoid();
    for (LinkItem* link : std::as_const(linkItems_)) {
        const double rate = meter_.linkRate(link->from(), link->to());
        const bool shown = link->rateText().isEmpty() ? rate >= TripSampler::kOnTripsPerSecond
                                                      : rate >= TripSampler::kOffTripsPerSecond;
        link->setAvoidedBoxes(boxes);
        link->setRateText(shown ? tr("%1 req/s").arg(formatRate(rate)) : QString());
        if (shown) {
            boxes.append(link->rateLabelRect() + kLabelClearance);
        }
    }
}

// Returns the node boxes and the visible traffic badges, in scene coordinates, with a margin.
QList<QRectF> DiagramView::boxesLabelsAvoid() const {
    QList<QRectF> boxes;
    for (const NodeItem* node : std::as_const(nodes_)) {
        boxes.append(node->sceneBox() + kLabelClearance);
    }
    for (const TrafficBadgeItem* badge : std::as_const(trafficBadges_)) {
        if (badge->isVisible()) {
            boxes.append(badge->sceneBoundingRect() + kLabelClearance);
        }
    }
    return boxes;
}

QString DiagramView::trafficText(const QString& node) const {
    const TrafficMeter::NodeRates rates = meter_.nodeRates(node);
    QString text = tr("%1 req/s · %2% err")
                       .arg(formatRate(rates.requestsPerSecond), formatRate(rates.errorPercent));
    if (const auto open = openConnections_.constFind(node); open != openConnections_.cend()) {
        text = tr("%1 · %2 conn").arg(text, QLocale().toString(*open));
    }
    return text;
}

// Badges show while trips are sampled, on each node that received requests in the window.
void DiagramView::updateTrafficBadges() {
    for (auto it = nodes_.cbegin(); it != nodes_.cend(); ++it) {
        const bool busy = meter_.nodeRates(it.key()).requestsPerSecond > 0;
        TrafficBadgeItem* badge = trafficBadges_.value(it.key());
        if (!sampler_.isSampling() || !busy) {
            if (badge != nullptr) {
                badge->hide();
            }
            continue;
        }
        if (badge == nullptr) {
            badge = new TrafficBadgeItem;
            badge->setZValue(kTrafficBadgeZ);
            scene_->addItem(badge);
            trafficBadges_.insert(it.key(), badge);
        }
        const QRectF box = it.value()->sceneBox();
        // Below the box, where it hides neither the node's address nor its SPOF label.
        const qreal top =
            box.bottom() + (spofItems_.contains(it.key()) ? kSpofLabelReach : 0.0) + kBadgeGap;
        badge->setText(trafficText(it.key()), QPointF(box.center().x(), top));
        badge->setToolTip(
            tr("Over the last second: requests per second, share of requests "
               "answered with 5xx or failed, and open connections"));
        badge->show();
    }
}

void DiagramView::setOpenConnections(const QHash<QString, quint64>& connections) {
    openConnections_ = connections;
    updateTrafficBadges();
}

QString DiagramView::samplingNote() const {
    return samplingNote_->isHidden() ? QString() : samplingNote_->text();
}

void DiagramView::updateSamplingNote() {
    const int successes = sampler_.successInterval();
    const int failures = sampler_.failedInterval();
    if (!sampler_.isSampling() || (successes <= 1 && failures <= 1)) {
        samplingNote_->hide();
        return;
    }
    QString text = tr("1 request in %1 animated").arg(QLocale().toString(successes));
    if (failures != successes && meter_.failedTripsPerSecond() > 0) {
        text = tr("%1; with a failed hop: 1 in %2").arg(text, QLocale().toString(failures));
    }
    samplingNote_->setText(text);
    samplingNote_->adjustSize();
    placeSamplingNote();
    samplingNote_->show();
}

// The note sits in the bottom corner where text starts: left, or right in a right-to-left
// language.
void DiagramView::placeSamplingNote() {
    if (samplingNote_ == nullptr) {
        return;
    }
    const QSize size = samplingNote_->sizeHint();
    const int y = height() - size.height() - kNoteMargin;
    const int x =
        layoutDirection() == Qt::RightToLeft ? width() - size.width() - kNoteMargin : kNoteMargin;
    samplingNote_->move(x, y);
}

QString DiagramView::linkRateText(const QString& from, const QString& to) const {
    for (const LinkItem* link : linkItems_) {
        const bool forward = link->from() == from && link->to() == to;
        const bool reverse = link->from() == to && link->to() == from;
        if (forward || reverse) {
            return link->rateText();
        }
    }
    return {};
}

QString DiagramView::trafficBadgeText(const QString& node) const {
    const TrafficBadgeItem* badge = trafficBadges_.value(node);
    return badge != nullptr && badge->isVisible() ? badge->text() : QString();
}

}  // namespace wsl
