#pragma once

#include <QGraphicsItem>
#include <QString>

namespace wsl {

// A node's traffic at high rates: one pill with its request rate, error share and open
// connections, centred on a point below the node's box.
class TrafficBadgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 21 };

    TrafficBadgeItem();

    int type() const override { return Type; }

    // Sets the text and places the pill's top edge centre at `anchor`, in scene coordinates.
    void setText(const QString& text, const QPointF& anchor);
    const QString& text() const { return text_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString text_;
    QRectF pill_;  // measured when the text changes, because the scene calls boundingRect() often
};

}  // namespace wsl
