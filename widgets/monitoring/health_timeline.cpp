#include "health_timeline.h"

#include <QPainter>

#include <algorithm>

namespace wsl {

namespace {

constexpr int kRowHeight = 22;
constexpr int kLabelWidth = 80;
constexpr int kMargin = 6;

}  // namespace

HealthTimeline::HealthTimeline(QWidget* parent) : QWidget(parent) {
    setMinimumSize(200, 180);
}

void HealthTimeline::setTracks(const QList<HealthTrack>& tracks, double start, double end,
                               double now) {
    tracks_ = tracks;
    start_ = start;
    end_ = std::max(end, start + 1.0);
    now_ = now;
    update();
}

QColor HealthTimeline::stateColor(const QString& state) {
    if (state == QLatin1String("UP")) {
        return QColor(0x3a, 0x9d, 0x5d);
    }
    if (state == QLatin1String("DOWN")) {
        return QColor(0xd6, 0x45, 0x41);
    }
    if (state.startsWith(QLatin1String("going"))) {
        return QColor(0xe8, 0xa3, 0x3d);
    }
    return QColor(0x8a, 0x8f, 0x98);
}

void HealthTimeline::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().text().color());
    painter.drawText(QRect(kMargin, kMargin, width() - 2 * kMargin, kRowHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, windowTitle());
    int top = kMargin + kRowHeight;
    for (const HealthTrack& track : tracks_) {
        paintTrack(painter, track, QRect(kMargin, top, width() - 2 * kMargin, kRowHeight - 4));
        top += kRowHeight;
    }
}

void HealthTimeline::paintTrack(QPainter& painter, const HealthTrack& track,
                                const QRect& row) const {
    painter.setPen(palette().text().color());
    painter.drawText(QRect(row.left(), row.top(), kLabelWidth - 4, row.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, track.name);
    const QRect bands(row.left() + kLabelWidth, row.top(), row.width() - kLabelWidth, row.height());
    const auto xOf = [this, &bands](double seconds) {
        const double share = std::clamp((seconds - start_) / (end_ - start_), 0.0, 1.0);
        return bands.left() + static_cast<int>(share * bands.width());
    };
    for (qsizetype i = 0; i < track.changes.size(); ++i) {
        const HealthChange& change = track.changes[i];
        const double until = i + 1 < track.changes.size() ? track.changes[i + 1].x : now_;
        const QRect band(QPoint(xOf(change.x), bands.top()), QPoint(xOf(until), bands.bottom()));
        painter.fillRect(band, stateColor(change.state));
        if (band.width() > painter.fontMetrics().horizontalAdvance(change.state) + 8) {
            painter.setPen(Qt::white);
            painter.drawText(band, Qt::AlignCenter, change.state);
        }
    }
}

}  // namespace wsl
