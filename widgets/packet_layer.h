#pragma once

#include <QElapsedTimer>
#include <QGraphicsObject>
#include <QHash>
#include <QSet>
#include <QTimer>

#include "diagram_types.h"
#include "packet_sprites.h"
#include "trip_player.h"

namespace wsl {

// Paints every moving packet, its label and every refusal burst as one item, driven by one
// frame timer that runs only while something moves.
class PacketLayer : public QGraphicsObject {
    Q_OBJECT

public:
    enum { Type = UserType + 3 };

    explicit PacketLayer(QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }

    // Sets the node boxes packets travel between, in scene coordinates, and the area the layer
    // paints in. Trips in flight are dropped because their nodes may be gone.
    void setNodeBoxes(const QHash<QString, QRectF>& boxes, const QRectF& area);

    // Queues `trip`, leaving out legs between nodes that are not in the diagram.
    void playTrip(const Trip& trip);
    void setSpeed(double factor);
    // While trips are sampled, only failed legs keep their labels ("502", "GET /" refused), so
    // that the few packets shown do not hide the links' rate labels.
    void setFailureLabelsOnly(bool only);
    void dropQueuedTrips() { player_.dropQueued(); }

    QList<Trip> trips() const { return player_.trips(); }
    int completedTrips() const { return player_.completedTrips(); }
    int droppedTrips() const { return player_.droppedTrips(); }
    bool isAnimating() const { return frameTimer_.isActive(); }

    QRectF boundingRect() const override { return area_; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    Trip withKnownNodes(const Trip& trip);
    void startAnimating();
    void onFrame();

    QLineF legPath(const Leg& leg) const;
    QPointF packetPosition(const TripPlayer::RunningTrip& running) const;
    void paintPacket(QPainter* painter, const TripPlayer::RunningTrip& running);
    // Paints the label of `running` unless it would overlap one of `placed`, then adds it there.
    void paintLabel(QPainter* painter, const TripPlayer::RunningTrip& running,
                    QList<QRectF>& placed) const;
    void paintBurst(QPainter* painter, const TripPlayer::Burst& burst) const;

    TripPlayer player_;
    QTimer frameTimer_;
    QElapsedTimer sinceLastFrame_;
    QHash<QString, QRectF> boxes_;
    QRectF area_;
    QSet<QString> reportedUnknownNodes_;
    bool failureLabelsOnly_ = false;
    PacketSprites sprites_;
};

}  // namespace wsl
