#pragma once

#include <QStringList>

#include "monitoring/monitoring_data.h"

namespace wsl {

// Appends a point to the series called `name`, creating the series on first use.
void appendPoint(QList<MonitoringSeries>& group, const QString& name, QPointF point);
// Drops the series whose name is not in `names`, e.g. of a removed server.
void keepOnly(QList<MonitoringSeries>& group, const QStringList& names);
// Drops points older than `start`, then the oldest ones beyond `maxPoints`.
void trimPoints(QList<QPointF>& points, double start, int maxPoints);

// Records a backend's state at `x` when it differs from the last one recorded.
void recordHealth(QList<HealthTrack>& tracks, const QString& name, double x, const QString& state);
void keepOnly(QList<HealthTrack>& tracks, const QStringList& names);
// Drops changes before `start` but the one in force at `start`, which moves to `start`.
void trimHealth(HealthTrack& track, double start);

}  // namespace wsl
