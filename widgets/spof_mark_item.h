#pragma once

#include <QGraphicsItem>

namespace wsl {

// A node's single-point-of-failure mark: a red outline around its box, and a red label on the
// box's bottom edge naming what its failure stops, such as "SPOF: pages, reads".
class SpofMarkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 20 };

    // `box` is the node's box in scene coordinates.
    SpofMarkItem(const QRectF& box, const QString& text, const QString& toolTip);

    int type() const override { return Type; }
    const QString& text() const { return text_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF labelRect() const;

    QRectF box_;
    QString text_;
};

}  // namespace wsl
