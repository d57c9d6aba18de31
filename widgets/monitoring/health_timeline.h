#pragma once

#include <QList>
#include <QWidget>

#include "monitoring_data.h"

namespace wsl {

// One row per backend, coloured by state over the time window: green UP, red DOWN, amber
// while going up or down, grey for drain and maintenance.
class HealthTimeline : public QWidget {
    Q_OBJECT

public:
    explicit HealthTimeline(QWidget* parent = nullptr);

    // Draws `start` to `end` seconds across the width; the last state lasts until `now`.
    void setTracks(const QList<HealthTrack>& tracks, double start, double end, double now);
    const QList<HealthTrack>& tracks() const { return tracks_; }
    static QColor stateColor(const QString& state);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintTrack(QPainter& painter, const HealthTrack& track, const QRect& row) const;

    QList<HealthTrack> tracks_;
    double start_ = 0;
    double end_ = 1;
    double now_ = 0;
};

}  // namespace wsl
