#include "host_frame_item.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kCornerRadius = 10.0;

}  // namespace

HostFrameItem::HostFrameItem(const QString& host, const QRectF& rect, QGraphicsItem* parent)
    : QGraphicsItem(parent), host_(host), rect_(rect) {}

QRectF HostFrameItem::boundingRect() const {
    return rect_.adjusted(-2, -2, 2, diagram_style::kBandLabelHeight + 2);
}

void HostFrameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    const QColor window = colors.color(QPalette::Window);
    const QColor text = colors.color(QPalette::Text);

    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(diagram_style::mix(window, text, 0.5), 1.5, Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_, kCornerRadius, kCornerRadius);

    const QRectF labelRect(rect_.left(), rect_.bottom(), rect_.width(),
                           diagram_style::kBandLabelHeight);
    painter->setFont(diagram_style::bandLabelFont());
    painter->setPen(diagram_style::mix(text, window, 0.25));
    painter->drawText(
        labelRect, Qt::AlignCenter,
        QCoreApplication::translate("wsl::HostFrameItem", "%1 (one machine)").arg(host_));
}

}  // namespace wsl
