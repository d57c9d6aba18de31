#include "diagram_view.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QMap>
#include <QMenu>
#include <QSet>
#include <algorithm>

#include "diagram_geometry.h"
#include "diagram_layout.h"
#include "diagram_logging.h"
#include "host_frame_item.h"
#include "link_item.h"
#include "node_item.h"
#include "packet_layer.h"
#include "rate_label_item.h"
#include "spof_mark_item.h"
#include "tier_band_item.h"

namespace wsl {

namespace {

// Stacking order: bands behind links, links behind nodes, packets over everything.
constexpr qreal kBandZ = -20.0;
constexpr qreal kLinkZ = -10.0;
constexpr qreal kSpofMarkZ = 5.0;
constexpr qreal kPacketZ = 10.0;
// Rate labels read above the packets that pass along their links.
constexpr qreal kRateLabelZ = 11.0;

QString externalNodeLabel() {
    return QCoreApplication::translate("DiagramView", "External client (curl, browser)");
}

// Returns the translated word for a function the site serves: "pages", "reads" or "writes".
QString spofFunctionName(const QString& function) {
    if (function == QLatin1String("pages")) {
        return QCoreApplication::translate("DiagramView", "pages");
    }
    if (function == QLatin1String("reads")) {
        return QCoreApplication::translate("DiagramView", "reads");
    }
    if (function == QLatin1String("writes")) {
        return QCoreApplication::translate("DiagramView", "writes");
    }
    return function;
}

// Returns the links as given, plus one from the external node to every non-DNS node a client
// sends to, so that requests sent from outside the app have a line to travel along.
QList<DiagramLink> withExternalLinks(const QList<DiagramNode>& nodes,
                                     const QList<DiagramLink>& links) {
    QHash<QString, NodeRole> roles;
    for (const DiagramNode& node : nodes) {
        roles.insert(node.name, node.role);
    }

    QList<DiagramLink> all = links;
    for (const DiagramLink& link : links) {
        const bool fromClient = roles.value(link.from) == NodeRole::Client;
        const bool toDns = roles.value(link.to) == NodeRole::Dns;
        if (fromClient && !toDns && roles.contains(link.to) && roles.contains(link.from)) {
            all.append({DiagramView::kExternalNodeName, link.to});
        }
    }
    return all;
}

}  // namespace

DiagramView::DiagramView(QWidget* parent)
    : QGraphicsView(parent), scene_(new QGraphicsScene(this)), packets_(new PacketLayer) {
    setScene(scene_);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);

    packets_->setZValue(kPacketZ);
    scene_->addItem(packets_);

    createActions();
    createTrafficParts();
    applyPalette();
    connect(scene_, &QGraphicsScene::selectionChanged, this, &DiagramView::onSelectionChanged);
}

DiagramView::~DiagramView() {
    // The scene is destroyed after this view's members and emits selectionChanged() as it
    // deletes a selected node, which must no longer reach this view.
    disconnect(scene_, nullptr, this, nullptr);
}

void DiagramView::createActions() {
    failAction_ = new QAction(this);
    restoreAction_ = new QAction(this);
    retranslate();

    connect(failAction_, &QAction::triggered, this,
            [this] { emit failRequested(failAction_->data().toString()); });
    connect(restoreAction_, &QAction::triggered, this,
            [this] { emit restoreRequested(restoreAction_->data().toString()); });

    contextMenu_ = new QMenu(this);
    contextMenu_->addAction(failAction_);
    contextMenu_->addAction(restoreAction_);
    updateContextActions();
}

void DiagramView::setTopology(const QList<DiagramNode>& nodes, const QList<DiagramLink>& links) {
    topologyNodes_ = nodes;
    topologyLinks_ = links;
    for (QGraphicsItem* item : scene_->items()) {
        if (item != packets_ && item->parentItem() == nullptr) {
            delete item;
        }
    }
    nodes_.clear();
    nodeOrder_.clear();
    spofItems_.clear();
    linkItems_.clear();
    trafficBadges_.clear();
    reportedUnknownNodes_.clear();

    QList<DiagramNode> all = nodes;
    all.append({kExternalNodeName, NodeRole::ExternalClient, QString(), false, QString()});
    const DiagramLayout layout = layoutDiagram(all);

    for (const TierBand& band : layout.bands) {
        auto* item = new TierBandItem(band.label, band.rect);
        item->setZValue(kBandZ);
        scene_->addItem(item);
    }
    addNodes(all, layout.centres);
    addHostFrames(all);
    addLinks(withExternalLinks(all, links));

    QHash<QString, QRectF> boxes;
    for (const NodeItem* node : std::as_const(nodes_)) {
        boxes.insert(node->name(), node->sceneBox());
    }
    packets_->setNodeBoxes(boxes, layout.sceneRect);
    scene_->setSceneRect(layout.sceneRect);
    addSpofMarks();
    resetTraffic();

    setContextNode(QString());
    fitScene();
}

// Nodes sharing a host get one frame around their boxes.
void DiagramView::addHostFrames(const QList<DiagramNode>& nodes) {
    constexpr qreal kMargin = 12.0;
    QMap<QString, QRectF> frames;
    for (const DiagramNode& node : nodes) {
        const NodeItem* item = nodes_.value(node.name);
        if (node.host.isEmpty() || item == nullptr) {
            continue;
        }
        const QRectF box = item->sceneBox();
        frames[node.host] = frames.value(node.host, box).united(box);
    }
    for (auto it = frames.cbegin(); it != frames.cend(); ++it) {
        auto* frame =
            new HostFrameItem(it.key(), it.value().adjusted(-kMargin, -kMargin, kMargin, kMargin));
        frame->setZValue(kBandZ + 1);
        scene_->addItem(frame);
    }
}

void DiagramView::addNodes(const QList<DiagramNode>& nodes,
                           const QHash<QString, QPointF>& centres) {
    for (const DiagramNode& node : nodes) {
        if (nodes_.contains(node.name)) {
            qCWarning(lcDiagram) << "Topology lists node" << node.name
                                 << "twice, so only its first entry is drawn";
            continue;
        }

        const bool external = node.role == NodeRole::ExternalClient;
        auto* item = new NodeItem(node, external ? externalNodeLabel() : node.name);
        item->setPos(centres.value(node.name));
        scene_->addItem(item);
        nodes_.insert(node.name, item);
        if (node.name != kExternalNodeName) {
            nodeOrder_.append(node.name);
        }
    }
}

void DiagramView::highlightPath(const QStringList& path) {
    QSet<QPair<QString, QString>> pairs;
    for (qsizetype i = 1; i < path.size(); ++i) {
        pairs.insert({path[i - 1], path[i]});
        pairs.insert({path[i], path[i - 1]});
    }
    for (auto* item : scene()->items()) {
        if (auto* link = qgraphicsitem_cast<LinkItem*>(item)) {
            link->setHighlighted(pairs.contains({link->from(), link->to()}));
        }
    }
}

QStringList DiagramView::highlightedLinks() const {
    QStringList links;
    for (auto* item : scene()->items()) {
        if (auto* link = qgraphicsitem_cast<LinkItem*>(item); link && link->isHighlighted()) {
            links.append(link->from() + ">" + link->to());
        }
    }
    links.sort();
    return links;
}

void DiagramView::addLinks(const QList<DiagramLink>& links) {
    QSet<QPair<QString, QString>> drawn;
    for (const DiagramLink& link : links) {
        const NodeItem* from = nodes_.value(link.from);
        const NodeItem* to = nodes_.value(link.to);
        if (from == nullptr || to == nullptr) {
            qCWarning(lcDiagram)
                << "Link from" << link.from << "to" << link.to
                << "names a node that is not in the topology, so the link is not drawn";
            continue;
        }

        // A link and its reverse share one line.
        const auto key = std::minmax(link.from, link.to);
        if (drawn.contains({key.first, key.second})) {
            continue;
        }
        drawn.insert({key.first, key.second});

        const QRectF fromBox = from->sceneBox();
        const QRectF toBox = to->sceneBox();
        const QLineF line(boxExitPoint(fromBox, toBox.center()),
                          boxExitPoint(toBox, fromBox.center()));
        auto* item = new LinkItem(link.from, link.to, line);
        item->setZValue(kLinkZ);
        scene_->addItem(item);
        linkItems_.append(item);
        auto* label = new RateLabelItem;
        label->setZValue(kRateLabelZ);
        scene_->addItem(label);
        item->setRateLabelItem(label);
    }
}

void DiagramView::setNodeHealth(const QString& name, NodeHealth health, const QString& detail) {
    NodeItem* node = nodes_.value(name);
    if (node == nullptr) {
        if (!reportedUnknownNodes_.contains(name)) {
            reportedUnknownNodes_.insert(name);
            qCWarning(lcDiagram) << "Health reported for node" << name
                                 << "which is not in the diagram, so it is not shown";
        }
        return;
    }

    node->setHealth(health, detail);
    if (name == contextNode_) {
        updateContextActions();
    }
}

NodeHealth DiagramView::nodeHealth(const QString& name) const {
    const NodeItem* node = nodes_.value(name);
    return node ? node->health() : NodeHealth::Up;
}

QStringList DiagramView::nodeNames() const {
    return nodeOrder_;
}

void DiagramView::playTrip(const Trip& trip) {
    meter_.record(trip);
    startRateTimer();
    if (!sampler_.admit(isFailedTrip(trip))) {
        return;
    }
    ++animatedTrips_;
    packets_->playTrip(trip);
}

QList<Trip> DiagramView::activeTrips() const {
    return packets_->trips();
}

int DiagramView::completedTrips() const {
    return packets_->completedTrips();
}

int DiagramView::droppedTrips() const {
    return packets_->droppedTrips();
}

bool DiagramView::isAnimating() const {
    return packets_->isAnimating();
}

void DiagramView::setSpeed(double factor) {
    packets_->setSpeed(factor);
}

void DiagramView::setContextNode(const QString& name) {
    contextNode_ = name;
    updateContextActions();
}

void DiagramView::updateContextActions() {
    // A node going down can still be restored, and one coming back up can be failed again.
    const NodeItem* node = nodes_.value(contextNode_);
    const NodeHealth health = node ? node->health() : NodeHealth::Up;
    const bool failing = health == NodeHealth::Down || health == NodeHealth::GoingDown;

    failAction_->setData(contextNode_);
    restoreAction_->setData(contextNode_);
    failAction_->setEnabled(node != nullptr && !failing);
    restoreAction_->setEnabled(node != nullptr && failing);
}

void DiagramView::contextMenuEvent(QContextMenuEvent* event) {
    const NodeItem* node = nodeAt(event->pos());
    // Firewalls are not failed like nodes: their rules live in the admin interface.
    if (node == nullptr || node->role() == NodeRole::ExternalClient ||
        node->role() == NodeRole::Firewall) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }

    setContextNode(node->name());
    contextMenu_->exec(event->globalPos());
}

NodeItem* DiagramView::nodeAt(const QPoint& viewPosition) const {
    for (QGraphicsItem* item : items(viewPosition)) {
        if (auto* node = qgraphicsitem_cast<NodeItem*>(item)) {
            return node;
        }
    }
    return nullptr;
}

void DiagramView::onSelectionChanged() {
    for (QGraphicsItem* item : scene_->selectedItems()) {
        if (const auto* node = qgraphicsitem_cast<NodeItem*>(item)) {
            emit nodeSelected(node->name());
            return;
        }
    }
    emit nodeSelected(QString());
}

void DiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fitScene();
    placeSamplingNote();
}

void DiagramView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    fitScene();
}

void DiagramView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateSamplingNote();
    }
    if (event->type() == QEvent::LayoutDirectionChange) {
        placeSamplingNote();
    }
}

// Band and node labels are drawn from text taken at layout time, so the diagram is laid out
// again in the new language, keeping every node's health.
void DiagramView::retranslate() {
    failAction_->setText(tr("&Fail"));
    failAction_->setToolTip(tr("Take this node down"));
    restoreAction_->setText(tr("&Restore"));
    restoreAction_->setToolTip(tr("Bring this node back up"));
    if (topologyNodes_.isEmpty()) {
        return;
    }

    QHash<QString, QPair<NodeHealth, QString>> health;
    for (const NodeItem* node : std::as_const(nodes_)) {
        health.insert(node->name(), {node->health(), node->healthDetail()});
    }
    setTopology(topologyNodes_, topologyLinks_);
    for (auto it = health.cbegin(); it != health.cend(); ++it) {
        setNodeHealth(it.key(), it.value().first, it.value().second);
    }
}

void DiagramView::applyPalette() {
    scene_->setPalette(palette());
    setBackgroundBrush(palette().color(QPalette::Window));

    // Items read the scene's palette when painting, and nodes cache their pixels.
    for (QGraphicsItem* item : scene_->items()) {
        item->update();
    }
}

void DiagramView::fitScene() {
    if (scene_->sceneRect().isEmpty()) {
        return;
    }
    fitInView(scene_->sceneRect(), Qt::KeepAspectRatio);
}

void DiagramView::setSpofMarks(const QHash<QString, QStringList>& marks) {
    if (marks == spofMarks_) {
        return;
    }
    spofMarks_ = marks;
    qDeleteAll(spofItems_);
    spofItems_.clear();
    addSpofMarks();
    updateTrafficBadges();  // a badge moves below a new mark
}

QString DiagramView::spofMarkText(const QString& node) const {
    const SpofMarkItem* item = spofItems_.value(node);
    return item != nullptr ? item->text() : QString();
}

void DiagramView::addSpofMarks() {
    for (auto it = spofMarks_.cbegin(); it != spofMarks_.cend(); ++it) {
        const NodeItem* node = nodes_.value(it.key());
        if (node == nullptr || it.value().isEmpty()) {
            continue;
        }
        QStringList words;
        for (const QString& stopped : it.value()) {
            words.append(spofFunctionName(stopped));
        }
        const QString list = words.join(tr(", "));
        auto* item =
            new SpofMarkItem(node->sceneBox(), tr("SPOF: %1").arg(list),
                             tr("Single point of failure: if %1 fails, the site stops serving %2")
                                 .arg(it.key(), list));
        item->setZValue(kSpofMarkZ);
        scene_->addItem(item);
        spofItems_.insert(it.key(), item);
    }
}

}  // namespace wsl
