#pragma once

#include <QColor>
#include <QPainterPath>
#include <QPixmap>
#include <array>

#include "diagram_types.h"

class QPainter;

namespace wsl {

inline constexpr qreal kPacketRadius = 7.5;
// Monitoring pushes are background traffic: small, so that requests stand out.
inline constexpr qreal kMetricsPacketRadius = 3.5;

// Returns the outline of a packet of `kind` centred at `at`, in scene units.
QPainterPath packetShape(LegKind kind, const QPointF& at);

// Packet shapes rendered once into pixmaps at the device's scale, so that painting a packet is
// one blit rather than filling and stroking an antialiased path. The pixmaps are rendered again
// when the view's scale, the device pixel ratio or the outline colour changes.
class PacketSprites {
public:
    // Paints a packet of `kind` centred at `at`, in the painter's coordinates, outlined in
    // `outline`. Under a rotating or shearing transform the packet is drawn as a path, because
    // the pixmaps contain the upright shapes.
    void paint(QPainter* painter, LegKind kind, const QPointF& at, const QColor& outline);

    // The number of pixmaps rendered since construction, for tests.
    int renderedSprites() const { return rendered_; }

private:
    const QPixmap& sprite(LegKind kind, qreal deviceScale, qreal pixelRatio, const QColor& outline);

    // Indexed by LegKind, null until rendered.
    std::array<QPixmap, static_cast<std::size_t>(LegKind::Metrics) + 1> sprites_;
    qreal deviceScale_ = 0;
    qreal pixelRatio_ = 0;
    QColor outline_;
    int rendered_ = 0;
};

}  // namespace wsl
