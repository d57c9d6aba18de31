#include "traffic_badge_item.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kHeight = 20.0;
constexpr qreal kPadding = 7.0;

}  // namespace

TrafficBadgeItem::TrafficBadgeItem() {
    setAcceptedMouseButtons(Qt::NoButton);
    // The text changes at most four times a second, while packets repaint the area sixty.
    setCacheMode(DeviceCoordinateCache);
}

void TrafficBadgeItem::setText(const QString& text, const QPointF& anchor) {
    if (text == text_ && anchor == pos()) {
        return;
    }
    prepareGeometryChange();
    text_ = text;
    const qreal width =
        QFontMetricsF(diagram_style::badgeFont()).horizontalAdvance(text_) + 2 * kPadding;
    pill_ = QRectF(-width / 2, 0, width, kHeight);
    setPos(anchor);
    update();
}

QRectF TrafficBadgeItem::boundingRect() const {
    return pill_.adjusted(-1, -1, 1, 1);
}

void TrafficBadgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    const QRectF pill = pill_;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(
        diagram_style::mix(colors.color(QPalette::Text), colors.color(QPalette::Base), 0.4), 1.0));
    painter->setBrush(colors.color(QPalette::Base));
    painter->drawRoundedRect(pill, kHeight / 2, kHeight / 2);
    painter->setFont(diagram_style::badgeFont());
    painter->setPen(colors.color(QPalette::Text));
    painter->drawText(pill, Qt::AlignCenter, text_);
}

}  // namespace wsl
