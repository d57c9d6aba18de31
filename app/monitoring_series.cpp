#include "monitoring_series.h"

#include <algorithm>

namespace wsl {

namespace {

template <typename Item>
Item& findOrAdd(QList<Item>& items, const QString& name) {
    for (Item& item : items) {
        if (item.name == name) {
            return item;
        }
    }
    items.append(Item{name, {}});
    return items.last();
}

template <typename Item>
void removeMissing(QList<Item>& items, const QStringList& names) {
    items.removeIf([&names](const Item& item) { return !names.contains(item.name); });
}

}  // namespace

void appendPoint(QList<MonitoringSeries>& group, const QString& name, QPointF point) {
    findOrAdd(group, name).points.append(point);
}

void keepOnly(QList<MonitoringSeries>& group, const QStringList& names) {
    removeMissing(group, names);
}

void trimPoints(QList<QPointF>& points, double start, int maxPoints) {
    const auto firstKept =
        std::find_if(points.cbegin(), points.cend(),
                     [start](const QPointF& point) { return point.x() >= start; });
    qsizetype drop = firstKept - points.cbegin();
    drop = std::max(drop, points.size() - maxPoints);
    if (drop > 0) {
        points.remove(0, drop);
    }
}

void recordHealth(QList<HealthTrack>& tracks, const QString& name, double x, const QString& state) {
    HealthTrack& track = findOrAdd(tracks, name);
    if (track.changes.isEmpty() || track.changes.last().state != state) {
        track.changes.append(HealthChange{x, state});
    }
}

void keepOnly(QList<HealthTrack>& tracks, const QStringList& names) {
    removeMissing(tracks, names);
}

void trimHealth(HealthTrack& track, double start) {
    qsizetype inForce = 0;
    while (inForce + 1 < track.changes.size() && track.changes[inForce + 1].x <= start) {
        ++inForce;
    }
    if (inForce > 0) {
        track.changes.remove(0, inForce);
    }
    if (!track.changes.isEmpty() && track.changes.first().x < start) {
        track.changes.first().x = start;
    }
}

}  // namespace wsl
