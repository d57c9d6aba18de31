#include "packet_sprites.h"

#include <QPainter>
#include <QTransform>
#include <cmath>

#include "diagram_style.h"

namespace wsl {

namespace {

// The corners of the triangle and the diamond reach this much past kPacketRadius.
constexpr qreal kPointReach = 1.5;
// Half the side of the square a sprite covers, in scene units: the largest shape and its
// outline, with a margin for antialiasing.
constexpr qreal kSpriteHalfSide = kPacketRadius + kPointReach + 2.0;

qreal outlineWidth(LegKind kind) {
    return kind == LegKind::Metrics ? 1.0 : 2.0;
}

void paintShape(QPainter* painter, LegKind kind, const QPointF& at, const QColor& outline) {
    painter->setPen(QPen(outline, outlineWidth(kind)));
    painter->setBrush(diagram_style::packetColor(kind));
    painter->drawPath(packetShape(kind, at));
}

}  // namespace

QPainterPath packetShape(LegKind kind, const QPointF& at) {
    const qreal r = kPacketRadius;
    const qreal tip = r + kPointReach;
    QPainterPath shape;
    switch (kind) {
        case LegKind::Request:
        case LegKind::Refused:
            shape.addEllipse(at, r, r);
            break;
        case LegKind::Response:
            shape.addRoundedRect(QRectF(at - QPointF(r, r), QSizeF(2 * r, 2 * r)), 3, 3);
            break;
        case LegKind::ErrorResponse:
            shape.moveTo(at + QPointF(0, -tip));
            shape.lineTo(at + QPointF(tip, r));
            shape.lineTo(at + QPointF(-tip, r));
            shape.closeSubpath();
            break;
        case LegKind::DnsQuery:
        case LegKind::DnsResponse:
            shape.moveTo(at + QPointF(0, -tip));
            shape.lineTo(at + QPointF(tip, 0));
            shape.lineTo(at + QPointF(0, tip));
            shape.lineTo(at + QPointF(-tip, 0));
            shape.closeSubpath();
            break;
        case LegKind::Metrics:
            shape.addEllipse(at, kMetricsPacketRadius, kMetricsPacketRadius);
            break;
    }
    return shape;
}

void PacketSprites::paint(QPainter* painter, LegKind kind, const QPointF& at,
                          const QColor& outline) {
    const QTransform world = painter->worldTransform();
    if (world.type() > QTransform::TxScale || !painter->testRenderHint(QPainter::Antialiasing)) {
        paintShape(painter, kind, at, outline);
        return;
    }

    const qreal deviceScale = std::sqrt(std::abs(world.determinant()));
    const qreal pixelRatio = painter->device()->devicePixelRatioF();
    const QPixmap& pixmap = sprite(kind, deviceScale, pixelRatio, outline);
    const qreal half = static_cast<qreal>(pixmap.width()) / pixelRatio / 2;

    // The sprite already has the view's scale, so it goes on in untransformed coordinates.
    painter->save();
    painter->resetTransform();
    painter->drawPixmap(world.map(at) - QPointF(half, half), pixmap);
    painter->restore();
}

const QPixmap& PacketSprites::sprite(LegKind kind, qreal deviceScale, qreal pixelRatio,
                                     const QColor& outline) {
    if (deviceScale != deviceScale_ || pixelRatio != pixelRatio_ || outline != outline_) {
        sprites_.fill(QPixmap());
        deviceScale_ = deviceScale;
        pixelRatio_ = pixelRatio;
        outline_ = outline;
    }
    QPixmap& cached = sprites_.at(static_cast<std::size_t>(kind));
    if (!cached.isNull()) {
        return cached;
    }

    // An even side puts the shape's centre on a pixel corner, as a path drawn at a whole
    // device coordinate would be.
    const int side = 2 * static_cast<int>(std::ceil(kSpriteHalfSide * deviceScale * pixelRatio));
    QPixmap pixmap(side, side);
    pixmap.setDevicePixelRatio(pixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal centre = side / pixelRatio / 2;
    painter.translate(centre, centre);
    painter.scale(deviceScale, deviceScale);
    paintShape(&painter, kind, QPointF(0, 0), outline);
    painter.end();

    ++rendered_;
    cached = pixmap;
    return cached;
}

}  // namespace wsl
