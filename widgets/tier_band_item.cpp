#include "tier_band_item.h"

#include <QFontMetricsF>

#include <QGraphicsScene>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kCornerRadius = 14.0;

}  // namespace

TierBandItem::TierBandItem(const QString& label, const QRectF& rect, QGraphicsItem* parent)
    : QGraphicsItem(parent), label_(label), rect_(rect) {
    // The band never changes while packets repaint the area over it sixty times a second.
    setCacheMode(DeviceCoordinateCache);
}

void TierBandItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    const QColor window = colors.color(QPalette::Window);
    const QColor text = colors.color(QPalette::Text);

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(diagram_style::mix(window, text, 0.12), 1.0));
    painter->setBrush(diagram_style::mix(window, text, 0.045));
    painter->drawRoundedRect(rect_, kCornerRadius, kCornerRadius);

    const QRectF labelRect(rect_.left(), rect_.top(), rect_.width(),
                           diagram_style::kBandLabelHeight);
    const QRectF textRect = labelRect.adjusted(4, 0, -4, 0);
    const QFont font = diagram_style::fittedFont(diagram_style::bandLabelFont(), label_, textRect,
                                                 Qt::AlignCenter);
    painter->setFont(font);
    painter->setPen(diagram_style::mix(text, window, 0.45));
    painter->drawText(textRect, Qt::AlignCenter,
                      QFontMetricsF(font).elidedText(label_, Qt::ElideRight, textRect.width()));
}

}  // namespace wsl
