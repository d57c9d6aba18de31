#pragma once

#include <QGraphicsItem>
#include <QLineF>

namespace wsl {

// A line between the borders of two nodes, along which packets travel.
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

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString from_;
    QString to_;
    QLineF line_;
    bool highlighted_ = false;
};

}  // namespace wsl
