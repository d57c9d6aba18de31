#pragma once

#include <QGraphicsItem>
#include <QString>

namespace wsl {

// A link's request rate, such as "120 req/s", in a pill that its link positions. It is an item
// of its own, stacked above the packets, so that packets passing along the link do not hide it.
class RateLabelItem : public QGraphicsItem {
public:
    enum { Type = UserType + 22 };

    RateLabelItem();

    int type() const override { return Type; }

    // Shows `text` in `rect`, in scene coordinates, wrapped at its spaces when the rect is
    // narrow. An empty text hides the label.
    void setLabel(const QString& text, const QRectF& rect);
    const QString& text() const { return text_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString text_;
    QRectF pill_;
};

}  // namespace wsl
