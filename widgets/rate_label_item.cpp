#include "rate_label_item.h"

#include <QGraphicsScene>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kCornerRadius = 10.0;

}  // namespace

RateLabelItem::RateLabelItem() {
    setAcceptedMouseButtons(Qt::NoButton);
    // The text changes at most four times a second, while packets repaint the area sixty.
    setCacheMode(DeviceCoordinateCache);
    hide();
}

void RateLabelItem::setLabel(const QString& text, const QRectF& rect) {
    if (text == text_ && rect == pill_) {
        return;
    }
    prepareGeometryChange();
    text_ = text;
    pill_ = rect;
    setVisible(!text_.isEmpty());
    update();
}

QRectF RateLabelItem::boundingRect() const {
    return pill_.adjusted(-1, -1, 1, 1);
}

void RateLabelItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(diagram_style::requestColor(), 1.5));
    painter->setBrush(colors.color(QPalette::Base));
    painter->drawRoundedRect(pill_, kCornerRadius, kCornerRadius);
    painter->setFont(diagram_style::badgeFont());
    painter->setPen(colors.color(QPalette::Text));
    painter->drawText(pill_, Qt::AlignCenter | Qt::TextWordWrap, text_);
}

}  // namespace wsl
