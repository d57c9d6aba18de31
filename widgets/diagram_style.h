#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QPalette>
#include <QSizeF>

#include "diagram_types.h"

// Colours, sizes and fonts shared by the diagram's items. Sizes are in scene units. The view
// scales the whole scene to fit, so they set proportions rather than pixels.
namespace wsl::diagram_style {

// Okabe–Ito colours, which stay distinct for the common forms of colour blindness.
inline QColor requestColor() {
    return QColor(0x00, 0x72, 0xB2);
}
inline QColor responseColor() {
    return QColor(0x00, 0x9E, 0x73);
}
inline QColor errorColor() {
    return QColor(0xD5, 0x5E, 0x00);
}
inline QColor dnsColor() {
    return QColor(0xCC, 0x79, 0xA7);
}
inline QColor transitionColor() {
    return QColor(0xE6, 0x9F, 0x00);
}  // amber
inline QColor maintenanceColor() {
    return QColor(0x56, 0xB4, 0xE9);
}  // sky blue
inline QColor metricsColor() {
    return QColor(0x99, 0x99, 0x99);
}

QColor packetColor(LegKind kind);
// The box size of a node of `role`.
QSizeF nodeSize(NodeRole role);

// Returns `from` moved towards `to` by `amount` (0 gives `from`, 1 gives `to`).
QColor mix(const QColor& from, const QColor& to, qreal amount);

inline constexpr QSizeF kNodeSize{148.0, 88.0};
// Firewalls are drawn small, in the gap in front of the node they protect.
inline constexpr QSizeF kFirewallSize{72.0, 72.0};
inline constexpr qreal kNodeCornerRadius = 10.0;
inline constexpr qreal kIconSize = 32.0;
inline constexpr qreal kBandLabelHeight = 28.0;  // the strip at the top of a tier band

QFont nodeNameFont();
QFont addressFont();
QFont badgeFont();
QFont packetLabelFont();
QFont bandLabelFont();
// Returns `font` made smaller, down to 70 % of its size, until `text` drawn with `flags` fits
// in `rect`. Some translated labels are longer than their boxes.
QFont fittedFont(QFont font, const QString& text, const QRectF& rect, int flags);

}  // namespace wsl::diagram_style
