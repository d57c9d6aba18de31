#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include "diagram_types.h"

namespace wsl {

// A faint labelled rectangle behind the nodes of one tier.
struct TierBand {
    QString label;
    QRectF rect;
};

// The positions of a topology's nodes and tier bands, in scene coordinates.
struct DiagramLayout {
    QHash<QString, QPointF> centres;  // by node name
    QList<TierBand> bands;
    QRectF sceneRect;  // every node and band, with a margin
};

// Places nodes left to right by tier: clients, DNS above the path from the clients to the load
// balancers, then load balancers, web, application and database tiers, and the monitoring
// collector last. Each tier is a column centred on the clients' row, and databases list
// primaries above replicas. Columns with no node are left out. A firewall goes in the gap just
// left of the node it protects, on the same row; gaps widen to hold them.
DiagramLayout layoutDiagram(const QList<DiagramNode>& nodes);

}  // namespace wsl
