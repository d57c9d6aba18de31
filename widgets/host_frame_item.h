#pragma once

#include <QGraphicsItem>

namespace wsl {

// A dashed frame around the nodes that run on one machine, labelled with the machine's name
// below it, so that the Simple stage reads as one server hosting three services.
class HostFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 6 };

    HostFrameItem(const QString& host, const QRectF& rect, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    const QString& host() const { return host_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString host_;
    QRectF rect_;
};

}  // namespace wsl
