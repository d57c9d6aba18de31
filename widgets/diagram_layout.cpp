#include "diagram_layout.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <optional>

#include "diagram_style.h"

namespace wsl {

namespace {

using diagram_style::kBandLabelHeight;
using diagram_style::kNodeSize;

// Wide enough for a link's rate label, wrapped to two lines, beside the badges below the nodes.
constexpr qreal kColumnGap = 96.0;
// With firewalls, every gap between columns widens to hold one between two margins.
constexpr qreal kFirewallMargin = 32.0;
constexpr qreal kFirewallColumnGap = diagram_style::kFirewallSize.width() + 2 * kFirewallMargin;
// Tall enough for a traffic badge below a node's SPOF label.
constexpr qreal kRowGap = 40.0;
constexpr qreal kRowPitch = kNodeSize.height() + kRowGap;
constexpr qreal kBandPadding = 14.0;
constexpr qreal kSceneMargin = 20.0;

// The columns right of the clients, in the order traffic crosses them.
// The collector comes last: every server pushes to it, outside the request path.
constexpr std::array kTierRoles{NodeRole::LoadBalancer, NodeRole::WebServer, NodeRole::AppServer,
                                NodeRole::Database, NodeRole::Collector};

std::optional<QString> bandLabel(NodeRole role) {
    switch (role) {
        case NodeRole::WebServer:
            return QCoreApplication::translate("DiagramLayout", "Web tier");
        case NodeRole::AppServer:
            return QCoreApplication::translate("DiagramLayout", "App tier");
        case NodeRole::Database:
            return QCoreApplication::translate("DiagramLayout", "Database tier");
        case NodeRole::Collector:
            return QCoreApplication::translate("DiagramLayout", "Monitoring");
        default:
            return std::nullopt;
    }
}

QList<const DiagramNode*> nodesWithRole(const QList<DiagramNode>& nodes, NodeRole role) {
    QList<const DiagramNode*> found;
    for (const DiagramNode& node : nodes) {
        if (node.role == role) {
            found.append(&node);
        }
    }
    return found;
}

QRectF nodeBox(const QPointF& centre, QSizeF size = kNodeSize) {
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}

qreal columnPitch(const QList<DiagramNode>& nodes) {
    const bool firewalls = std::any_of(nodes.cbegin(), nodes.cend(), [](const DiagramNode& node) {
        return node.role == NodeRole::Firewall;
    });
    return kNodeSize.width() + (firewalls ? kFirewallColumnGap : kColumnGap);
}

// Stacks `column` vertically around y = 0 at x and returns the rectangle of its boxes.
QRectF placeColumn(const QList<const DiagramNode*>& column, qreal x, DiagramLayout& layout) {
    QRectF boxes;
    const qreal firstY = -(column.size() - 1) * kRowPitch / 2;
    for (int row = 0; row < column.size(); ++row) {
        const QPointF centre(x, firstY + row * kRowPitch);
        layout.centres.insert(column[row]->name, centre);
        boxes = boxes.united(nodeBox(centre));
    }
    return boxes;
}

QList<const DiagramNode*> databaseColumn(const QList<DiagramNode>& nodes) {
    QList<const DiagramNode*> column = nodesWithRole(nodes, NodeRole::Database);
    std::stable_partition(column.begin(), column.end(),
                          [](const DiagramNode* node) { return !node->replica; });
    return column;
}

QRectF placeClients(const QList<DiagramNode>& nodes, DiagramLayout& layout) {
    const QList<const DiagramNode*> clients = nodesWithRole(nodes, NodeRole::Client);
    QRectF boxes = placeColumn(clients, 0.0, layout);

    // External clients hang below the app's own clients.
    qreal y = clients.isEmpty() ? 0.0 : (clients.size() + 1) * kRowPitch / 2;
    for (const DiagramNode* external : nodesWithRole(nodes, NodeRole::ExternalClient)) {
        const QPointF centre(0.0, y);
        layout.centres.insert(external->name, centre);
        boxes = boxes.united(nodeBox(centre));
        y += kRowPitch;
    }
    return boxes;
}

// DNS servers sit half a column right of the clients and above both neighbouring columns, so
// that the query leaves the client upwards and the request then goes straight on.
void placeDnsServers(const QList<DiagramNode>& nodes, qreal neighboursTop, qreal pitch,
                     DiagramLayout& layout) {
    qreal y = std::min(neighboursTop + kNodeSize.height() / 2, 0.0) - kRowPitch;
    for (const DiagramNode* dns : nodesWithRole(nodes, NodeRole::Dns)) {
        layout.centres.insert(dns->name, QPointF(pitch / 2, y));
        y -= kRowPitch;
    }
}

// Adds one band per tier column. Every band spans the tallest tier, so that labels line up.
void addBands(const QList<QPair<NodeRole, QRectF>>& tierColumns, DiagramLayout& layout) {
    QRectF tiers;
    for (const auto& [role, boxes] : tierColumns) {
        tiers = tiers.united(boxes);
    }
    const qreal top = tiers.top() - kBandPadding - kBandLabelHeight;
    const qreal bottom = tiers.bottom() + kBandPadding;

    for (const auto& [role, boxes] : tierColumns) {
        const QRectF rect(QPointF(boxes.left() - kBandPadding, top),
                          QPointF(boxes.right() + kBandPadding, bottom));
        layout.bands.append({bandLabel(role).value_or(QString()), rect});
    }
}

// A firewall sits in the gap just left of the node it protects, on its row, so that traffic
// from the left crosses it. One whose node is not drawn goes below everything else.
void placeFirewalls(const QList<DiagramNode>& nodes, qreal pitch, DiagramLayout& layout) {
    qreal bottom = 0.0;
    for (const QPointF& centre : std::as_const(layout.centres)) {
        bottom = std::max(bottom, centre.y());
    }

    const qreal toGapMiddle = pitch / 2;
    for (const DiagramNode* firewall : nodesWithRole(nodes, NodeRole::Firewall)) {
        const auto protectedNode = layout.centres.constFind(firewall->protects);
        if (protectedNode == layout.centres.constEnd()) {
            bottom += kRowPitch;
            layout.centres.insert(firewall->name, QPointF(0.0, bottom));
            continue;
        }
        layout.centres.insert(firewall->name, *protectedNode - QPointF(toGapMiddle, 0.0));
    }
}

QRectF boundsOf(const QList<DiagramNode>& nodes, const DiagramLayout& layout) {
    QRectF bounds;
    for (const DiagramNode& node : nodes) {
        const auto centre = layout.centres.constFind(node.name);
        if (centre != layout.centres.constEnd()) {
            bounds = bounds.united(nodeBox(*centre, diagram_style::nodeSize(node.role)));
        }
    }
    for (const TierBand& band : layout.bands) {
        bounds = bounds.united(band.rect);
    }
    return bounds.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
}

}  // namespace

DiagramLayout layoutDiagram(const QList<DiagramNode>& nodes) {
    DiagramLayout layout;
    const QRectF clientBoxes = placeClients(nodes, layout);

    QList<QPair<NodeRole, QRectF>> bandColumns;
    std::optional<QRectF> firstTierBoxes;
    const qreal pitch = columnPitch(nodes);
    qreal x = pitch;
    for (const NodeRole role : kTierRoles) {
        const QList<const DiagramNode*> column =
            role == NodeRole::Database ? databaseColumn(nodes) : nodesWithRole(nodes, role);
        if (column.isEmpty()) {
            continue;
        }
        const QRectF boxes = placeColumn(column, x, layout);
        firstTierBoxes = firstTierBoxes.value_or(boxes);
        if (bandLabel(role)) {
            bandColumns.append({role, boxes});
        }
        x += pitch;
    }

    const qreal neighboursTop =
        std::min(clientBoxes.top(), firstTierBoxes.value_or(clientBoxes).top());
    placeDnsServers(nodes, neighboursTop, pitch, layout);
    placeFirewalls(nodes, pitch, layout);
    addBands(bandColumns, layout);
    layout.sceneRect = boundsOf(nodes, layout);
    return layout;
}

}  // namespace wsl
