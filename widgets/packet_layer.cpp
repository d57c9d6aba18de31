#include "packet_layer.h"

#include <QEasingCurve>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "diagram_geometry.h"
#include "diagram_logging.h"
#include "diagram_style.h"

namespace wsl {

namespace {

namespace style = diagram_style;

constexpr int kFrameIntervalMs = 16;  // about 60 frames per second
// A stalled event loop resumes the animation where it was instead of jumping ahead.
constexpr double kMaxFrameStepMs = 50.0;
constexpr qreal kPathMargin = 3.0;  // between a node's border and a packet at rest
constexpr qreal kLabelGap = 5.0;    // between a packet and its label
// The share of a leg over which a label fades in, and again fades out.
constexpr qreal kLabelFade = 0.2;

// Returns the unit normal to the left of travel, where labels go. On the diagram's left-to-right
// flow, requests are labelled above their link and responses below it, so the labels of a
// request and its response on one link sit on opposite sides.
QPointF leftNormal(const QLineF& path) {
    const qreal length = path.length();
    if (qFuzzyIsNull(length)) {
        return QPointF(0, -1);
    }
    return QPointF(path.dy() / length, -path.dx() / length);
}

// Fades a label in as its packet leaves a node and out as it arrives.
qreal labelOpacity(const TripPlayer::RunningTrip& running) {
    const qreal progress = std::clamp(running.legProgress, 0.0, 1.0);
    return std::min({1.0, progress / kLabelFade, (1.0 - progress) / kLabelFade});
}

}  // namespace

PacketLayer::PacketLayer(QGraphicsItem* parent) : QGraphicsObject(parent) {
    setAcceptedMouseButtons(Qt::NoButton);
    frameTimer_.setInterval(kFrameIntervalMs);
    connect(&frameTimer_, &QTimer::timeout, this, &PacketLayer::onFrame);
}

void PacketLayer::setNodeBoxes(const QHash<QString, QRectF>& boxes, const QRectF& area) {
    prepareGeometryChange();
    boxes_ = boxes;
    area_ = area;
    player_.clear();
    reportedUnknownNodes_.clear();
    frameTimer_.stop();
    update();
}

void PacketLayer::playTrip(const Trip& trip) {
    player_.enqueue(withKnownNodes(trip));
    if (!player_.isIdle()) {
        startAnimating();
    }
}

void PacketLayer::setSpeed(double factor) {
    player_.setSpeed(factor);
}

void PacketLayer::setFailureLabelsOnly(bool only) {
    if (failureLabelsOnly_ == only) {
        return;
    }
    failureLabelsOnly_ = only;
    update();
}

Trip PacketLayer::withKnownNodes(const Trip& trip) {
    Trip known{trip.traceId, {}};
    for (const Leg& leg : trip.legs) {
        const bool fromKnown = boxes_.contains(leg.from);
        const bool toKnown = boxes_.contains(leg.to);
        if (fromKnown && toKnown) {
            known.legs.append(leg);
            continue;
        }

        // Report each unknown node once, because under load every trip would repeat it.
        const QString unknown = fromKnown ? leg.to : leg.from;
        if (!reportedUnknownNodes_.contains(unknown)) {
            reportedUnknownNodes_.insert(unknown);
            qCWarning(lcDiagram)
                << "Trip" << trip.traceId << "has a leg to or from node" << unknown
                << "which is not in the diagram, so legs to or from it are skipped";
        }
    }
    return known;
}

void PacketLayer::startAnimating() {
    if (frameTimer_.isActive()) {
        return;
    }
    sinceLastFrame_.start();
    frameTimer_.start();
}

void PacketLayer::onFrame() {
    const double elapsed =
        std::min(static_cast<double>(sinceLastFrame_.restart()), kMaxFrameStepMs);
    player_.advance(elapsed);
    if (player_.isIdle()) {
        frameTimer_.stop();
    }
    update();
}

QLineF PacketLayer::legPath(const Leg& leg) const {
    const QRectF from = boxes_.value(leg.from);
    const QRectF to = boxes_.value(leg.to);
    return QLineF(boxExitPoint(from, to.center(), kPathMargin),
                  boxExitPoint(to, from.center(), kPathMargin));
}

void PacketLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    for (const TripPlayer::RunningTrip& running : player_.runningTrips()) {
        paintPacket(painter, running);
    }
    for (const TripPlayer::Burst& burst : player_.bursts()) {
        paintBurst(painter, burst);
    }

    // Labels go over every packet. Where they would overlap, the most opaque label wins, so a
    // busy link stays readable and a label fading out never hides one in full view.
    QList<const TripPlayer::RunningTrip*> byOpacity;
    for (const TripPlayer::RunningTrip& running : player_.runningTrips()) {
        byOpacity.append(&running);
    }
    std::stable_sort(byOpacity.begin(), byOpacity.end(), [](const auto* a, const auto* b) {
        return labelOpacity(*a) > labelOpacity(*b);
    });
    QList<QRectF> placed;
    for (const TripPlayer::RunningTrip* running : std::as_const(byOpacity)) {
        paintLabel(painter, *running, placed);
    }
}

QPointF PacketLayer::packetPosition(const TripPlayer::RunningTrip& running) const {
    static const QEasingCurve easing(QEasingCurve::InOutSine);
    const qreal progress = std::clamp(running.legProgress, 0.0, 1.0);
    return legPath(running.leg()).pointAt(easing.valueForProgress(progress));
}

void PacketLayer::paintPacket(QPainter* painter, const TripPlayer::RunningTrip& running) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    sprites_.paint(painter, running.leg().kind, packetPosition(running),
                   colors.color(QPalette::Base));
}

void PacketLayer::paintLabel(QPainter* painter, const TripPlayer::RunningTrip& running,
                             QList<QRectF>& placed) const {
    const Leg& leg = running.leg();
    const qreal opacity = labelOpacity(running);
    if (leg.label.isEmpty() || opacity <= 0.0) {
        return;
    }
    const bool failed = leg.kind == LegKind::ErrorResponse || leg.kind == LegKind::Refused;
    if (failureLabelsOnly_ && !failed) {
        return;
    }

    const QFont font = style::packetLabelFont();
    const QFontMetricsF metrics(font);
    const QSizeF size(metrics.horizontalAdvance(leg.label) + 12, metrics.height() + 4);

    // Push the label out along the normal far enough to clear the packet whatever the angle.
    const QPointF normal = leftNormal(legPath(leg));
    const qreal reach =
        std::abs(normal.x()) * size.width() / 2 + std::abs(normal.y()) * size.height() / 2;
    const QPointF centre = packetPosition(running) + normal * (kPacketRadius + kLabelGap + reach);
    const QRectF pill(centre - QPointF(size.width() / 2, size.height() / 2), size);

    const bool overlaps = std::any_of(placed.cbegin(), placed.cend(), [&pill](const QRectF& other) {
        return other.intersects(pill);
    });
    if (overlaps) {
        return;
    }
    placed.append(pill);

    const QPalette colors = scene() ? scene()->palette() : QPalette();
    painter->save();
    painter->setOpacity(opacity);
    painter->setPen(QPen(style::packetColor(leg.kind), 1.5));
    painter->setBrush(colors.color(QPalette::Base));
    painter->drawRoundedRect(pill, size.height() / 2, size.height() / 2);
    painter->setFont(font);
    painter->setPen(colors.color(QPalette::Text));
    // Labels are protocol text ("GET /", "200"): always left to right, even in Arabic.
    painter->drawText(pill, Qt::AlignCenter, QChar(0x202A) + leg.label + QChar(0x202C));
    painter->restore();
}

void PacketLayer::paintBurst(QPainter* painter, const TripPlayer::Burst& burst) const {
    const QRectF refusing = boxes_.value(burst.node);
    const QRectF from = boxes_.value(burst.from);
    const QPointF at = boxExitPoint(refusing, from.center(), kPathMargin);

    // The cross grows quickly, then fades out.
    const qreal growth = std::min(1.0, burst.progress * 4);
    const qreal arm = kPacketRadius * (0.8 + 0.7 * growth);
    QColor color = style::errorColor();
    color.setAlphaF(1.0 - burst.progress * burst.progress);

    painter->save();
    painter->setPen(QPen(color, 4.5, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(at + QPointF(-arm, -arm), at + QPointF(arm, arm));
    painter->drawLine(at + QPointF(-arm, arm), at + QPointF(arm, -arm));
    painter->setPen(QPen(color, 1.5));
    painter->setBrush(Qt::NoBrush);
    const qreal ring = arm * (1.2 + burst.progress);
    painter->drawEllipse(at, ring, ring);
    painter->restore();
}

}  // namespace wsl
