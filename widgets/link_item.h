#pragma once

#include <QGraphicsItem>
#include <QLineF>
#include <QList>
#include <QString>
#include <array>

namespace wsl {

class RateLabelItem;

// A line between the borders of two nodes, along which packets travel. At high rates it also
// positions the label with its request rate, clear of the boxes given to it.
class LinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    LinkItem(const QString& from, const QString& to, const QLineF& line,
             QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }

    const QString& from() const { return from_; }
    const QString& to() const { return to_; }

    // A highlighted link is part of the path of the request selected in the inspector.
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return highlighted_; }

    // The item that shows the rate label. The scene owns it.
    void setRateLabelItem(RateLabelItem* label);
    // Sets the rate label, such as "120 req/s"; an empty text removes it.
    void setRateText(const QString& text);
    const QString& rateText() const { return rateText_; }
    // The boxes, in scene coordinates, that the rate label must not cover: nodes, badges and
    // the labels of other links.
    void setAvoidedBoxes(const QList<QRectF>& boxes);
    QRectF rateLabelRect() const { return rateLabel_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    template <std::size_t N>
    QRectF clearSpot(const QSizeF& size, const std::array<qreal, N>& shifts) const;
    QRectF placeRateLabel() const;
    void showRateLabel();

    QString from_;
    QString to_;
    QLineF line_;
    bool highlighted_ = false;
    QString rateText_;
    QList<QRectF> avoidedBoxes_;
    QRectF rateLabel_;  // placed when the text or the boxes change, because painting is hot
    RateLabelItem* labelItem_ = nullptr;
};

}  // namespace wsl
