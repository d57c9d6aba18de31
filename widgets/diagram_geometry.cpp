#include "diagram_geometry.h"

#include <QLineF>
#include <algorithm>
#include <cmath>
#include <limits>

namespace wsl {

QPointF boxExitPoint(const QRectF& box, const QPointF& target, qreal margin) {
    const QPointF centre = box.center();
    const QPointF delta = target - centre;
    if (qFuzzyIsNull(delta.x()) && qFuzzyIsNull(delta.y())) {
        return centre;
    }

    // The ray leaves through the side it reaches first, so the smaller scale factor wins.
    const qreal infinity = std::numeric_limits<qreal>::infinity();
    const qreal scaleX = qFuzzyIsNull(delta.x()) ? infinity : box.width() / 2 / std::abs(delta.x());
    const qreal scaleY =
        qFuzzyIsNull(delta.y()) ? infinity : box.height() / 2 / std::abs(delta.y());
    const QPointF border = centre + delta * std::min(scaleX, scaleY);

    const qreal length = QLineF(centre, target).length();
    return border + delta / length * margin;
}

}  // namespace wsl
