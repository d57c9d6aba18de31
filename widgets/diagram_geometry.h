#pragma once

#include <QPointF>
#include <QRectF>

namespace wsl {

// Returns where the ray from the centre of `box` towards `target` leaves the box, pushed out
// by `margin`, so that lines and packets start at a node's border instead of its centre.
QPointF boxExitPoint(const QRectF& box, const QPointF& target, qreal margin = 0.0);

}  // namespace wsl
