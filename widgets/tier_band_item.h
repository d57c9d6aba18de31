#pragma once

#include <QGraphicsItem>

namespace wsl {

// A faint rounded rectangle behind the nodes of one tier, labelled at its top ("Web tier").
class TierBandItem : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };

    TierBandItem(const QString& label, const QRectF& rect, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    const QString& label() const { return label_; }

    QRectF boundingRect() const override { return rect_; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString label_;
    QRectF rect_;
};

}  // namespace wsl
