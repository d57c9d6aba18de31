#pragma once

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QHash>
#include <QSet>
#include <QTimer>

#include "diagram_types.h"
#include "traffic_meter.h"
#include "trip_sampler.h"

class QAction;
class QLabel;
class QMenu;

namespace wsl {

class LinkItem;
class NodeItem;
class PacketLayer;
class SpofMarkItem;
class TrafficBadgeItem;

// The diagram of the running stack: nodes laid out left to right by tier, the links between
// them, and every traced request animated hop by hop. Right-clicking a node opens a menu to
// fail or restore it. The view only emits the request and shows the outcome once
// setNodeHealth() reports it.
//
// Past what the eye can follow (TripSampler::kOnTripsPerSecond trips a second), the diagram
// animates a sample of the trips and shows the ratio in a note. Each link with at least that many
// requests a second shows its rate, and each node with traffic shows its request rate, error
// share and open connections. Rates cover the last second and change four times a second.
class DiagramView : public QGraphicsView {
    Q_OBJECT

public:
    // The name of the node standing for clients outside the app, such as curl or a browser.
    static inline const QString kExternalNodeName = QStringLiteral("external");

    explicit DiagramView(QWidget* parent = nullptr);
    ~DiagramView() override;

    // Replaces the diagram. An "external" node is always added below the client. Node health
    // is reset to Up and trips in flight are dropped.
    void setTopology(const QList<DiagramNode>& nodes, const QList<DiagramLink>& links);

    // `detail` is the health check count while going down or up, such as "2/3".
    void setNodeHealth(const QString& name, NodeHealth health, const QString& detail = {});
    NodeHealth nodeHealth(const QString& name) const;  // Up for an unknown name
    QStringList nodeNames() const;                     // in topology order, without "external"

    // Counts `trip` in the rates and, unless sampling leaves it out, queues it for animation.
    // Up to 40 trips move at once. Further ones wait in a bounded queue that drops its oldest
    // trip when full and counts it in droppedTrips().
    void playTrip(const Trip& trip);
    QList<Trip> activeTrips() const;  // moving or queued
    int completedTrips() const;
    int droppedTrips() const;
    bool isAnimating() const;                             // whether the frame timer runs
    int animatedTrips() const { return animatedTrips_; }  // trips sampling let through

    // Sets each node's open connections as the engine counts them, shown in its traffic badge.
    void setOpenConnections(const QHash<QString, quint64>& connections);
    bool isSampling() const { return sampler_.isSampling(); }
    QString samplingNote() const;  // empty while every trip is animated
    QString linkRateText(const QString& from, const QString& to) const;
    QString trafficBadgeText(const QString& node) const;  // empty when the node has none

    // Sets the animation speed: 1.0 plays one leg in about 400 ms. Clamped to [0.1, 4].
    void setSpeed(double factor);

    // The node context menu's actions. Their data() is the node set by setContextNode().
    QAction* failAction() const { return failAction_; }
    QAction* restoreAction() const { return restoreAction_; }
    // Points the actions at `name` and enables the one its health allows.
    void setContextNode(const QString& name);

    // Highlights the links between consecutive nodes of `path`; an empty path clears it.
    void highlightPath(const QStringList& path);
    QStringList highlightedLinks() const;  // "from>to" of each highlighted link, for tests

    // Marks each node named in `marks` as a single point of failure, with what its failure
    // stops ("pages", "reads", "writes"), shown translated. An empty map clears every mark.
    // The marks stay across setTopology() for the nodes that still exist.
    void setSpofMarks(const QHash<QString, QStringList>& marks);
    QHash<QString, QStringList> spofMarks() const { return spofMarks_; }
    // The text of the mark drawn on `node`, empty when it has none.
    QString spofMarkText(const QString& node) const;

signals:
    void failRequested(const QString& node);
    void restoreRequested(const QString& node);
    // Emitted when a click selects a node, and with an empty name when it clears the selection.
    void nodeSelected(const QString& node);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void createActions();
    void addHostFrames(const QList<DiagramNode>& nodes);
    void addNodes(const QList<DiagramNode>& nodes, const QHash<QString, QPointF>& centres);
    void addLinks(const QList<DiagramLink>& links);
    NodeItem* nodeAt(const QPoint& viewPosition) const;
    void updateContextActions();
    void onSelectionChanged();
    void applyPalette();
    void retranslate();
    void fitScene();
    void addSpofMarks();

    // Traffic at high rates, in diagram_view_traffic.cpp.
    void createTrafficParts();
    void resetTraffic();
    void startRateTimer();
    void onRateTick();
    void updateLinkLabels();
    QList<QRectF> boxesLabelsAvoid() const;
    void updateTrafficBadges();
    void updateSamplingNote();
    void placeSamplingNote();
    QString trafficText(const QString& node) const;

    QGraphicsScene* scene_;
    PacketLayer* packets_;
    QHash<QString, NodeItem*> nodes_;
    QStringList nodeOrder_;
    QString contextNode_;
    QSet<QString> reportedUnknownNodes_;
    // The topology as last given, so that a language change can lay it out again.
    QList<DiagramNode> topologyNodes_;
    QList<DiagramLink> topologyLinks_;
    QAction* failAction_ = nullptr;
    QAction* restoreAction_ = nullptr;
    QMenu* contextMenu_ = nullptr;
    QHash<QString, QStringList> spofMarks_;
    QHash<QString, SpofMarkItem*> spofItems_;

    TrafficMeter meter_;
    TripSampler sampler_;
    QTimer rateTimer_;
    QElapsedTimer sinceRateTick_;
    int animatedTrips_ = 0;
    QList<LinkItem*> linkItems_;
    QHash<QString, TrafficBadgeItem*> trafficBadges_;
    QHash<QString, quint64> openConnections_;
    QLabel* samplingNote_ = nullptr;
};

}  // namespace wsl
