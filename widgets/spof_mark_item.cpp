#include "spof_mark_item.h"

#include <QFontMetricsF>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kOutlineGap = 3.0;
constexpr qreal kOutlineWidth = 3.0;
constexpr qreal kLabelHeight = 18.0;
constexpr qreal kLabelPadding = 6.0;

// A red that keeps white text readable in light and dark palettes alike.
QColor markColor() {
    return QColor(0xC6, 0x28, 0x28);
}

}  // namespace

SpofMarkItem::SpofMarkItem(const QRectF& box, const QString& text, const QString& toolTip)
    : box_(box), text_(text) {
    setToolTip(toolTip);
    // Clicks go to the node underneath, which stays selectable.
    setAcceptedMouseButtons(Qt::NoButton);
}

QRectF SpofMarkItem::labelRect() const {
    const QFontMetricsF metrics(diagram_style::badgeFont());
    const qreal width = metrics.horizontalAdvance(text_) + 2 * kLabelPadding;
    // Centred on the outline, so that it covers as little of the address as possible.
    const qreal centreY = box_.bottom() + kOutlineGap + kOutlineWidth / 2;
    return QRectF(box_.center().x() - width / 2, centreY - kLabelHeight / 2, width, kLabelHeight);
}

QRectF SpofMarkItem::boundingRect() const {
    const qreal ring = kOutlineGap + kOutlineWidth;
    return box_.adjusted(-ring, -ring, ring, ring).united(labelRect()).adjusted(-1, -1, 1, 1);
}

void SpofMarkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal gap = kOutlineGap + kOutlineWidth / 2;
    painter->setPen(QPen(markColor(), kOutlineWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(box_.adjusted(-gap, -gap, gap, gap), diagram_style::kNodeCornerRadius,
                             diagram_style::kNodeCornerRadius);

    const QRectF label = labelRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(markColor());
    painter->drawRoundedRect(label, kLabelHeight / 2, kLabelHeight / 2);
    painter->setPen(Qt::white);
    painter->setFont(diagram_style::badgeFont());
    painter->drawText(label, Qt::AlignCenter, text_);
}

}  // namespace wsl
