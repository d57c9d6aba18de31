#pragma once

#include <QGraphicsItem>

#include "diagram_types.h"

namespace wsl {

// One node of the diagram: a rounded box with the role's icon, the node's name and, below in
// monospace, its address. A firewall is a small box with its name only. Health is shown by shape
// and text as well as colour: an amber dashed outline with the check count while going down or up,
// a greyed box with a red cross and a "DOWN" badge when down, a blue dotted outline and a badge
// naming the operator's state (drain, maintenance) when out of rotation.
class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    // `label` is the text drawn in the box, usually the node's name.
    NodeItem(const DiagramNode& node, const QString& label, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }

    const QString& name() const { return node_.name; }
    NodeRole role() const { return node_.role; }

    void setHealth(NodeHealth health, const QString& detail);
    NodeHealth health() const { return health_; }
    const QString& healthDetail() const { return healthDetail_; }

    // The box without badges and selection ring, in item coordinates; firewalls' is smaller.
    QRectF boxRect() const;
    QRectF sceneBox() const { return boxRect().translated(pos()); }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPalette palette() const;
    QColor foregroundColor() const;
    QString badgeText() const;
    QRectF iconRect() const;
    bool isSmall() const { return node_.role == NodeRole::Firewall; }
    void updateToolTip();

    void paintBox(QPainter* painter, bool selected) const;
    void paintIcon(QPainter* painter) const;
    void paintText(QPainter* painter) const;
    void paintDownCross(QPainter* painter) const;
    void paintBadge(QPainter* painter) const;

    DiagramNode node_;
    QString label_;
    NodeHealth health_ = NodeHealth::Up;
    QString healthDetail_;
};

}  // namespace wsl
