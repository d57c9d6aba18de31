#include "link_item.h"

#include <QGraphicsScene>
#include <QPainter>

#include "diagram_style.h"

namespace wsl {

namespace {

constexpr qreal kLineWidth = 2.0;

}  // namespace

LinkItem::LinkItem(const QString& from, const QString& to, const QLineF& line,
                   QGraphicsItem* parent)
    : QGraphicsItem(parent), from_(from), to_(to), line_(line) {}

void LinkItem::setHighlighted(bool highlighted) {
    if (highlighted_ == highlighted) {
        return;
    }
    highlighted_ = highlighted;
    update();
}

QRectF LinkItem::boundingRect() const {
    const qreal pad = kLineWidth * 3;
    return QRectF(line_.p1(), line_.p2()).normalized().adjusted(-pad, -pad, pad, pad);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPalette colors = scene() ? scene()->palette() : QPalette();
    const QColor color =
        diagram_style::mix(colors.color(QPalette::Text), colors.color(QPalette::Window), 0.65);

    painter->setRenderHint(QPainter::Antialiasing);
    if (highlighted_) {
        // Thicker as well as coloured, so that the path reads without colour too.
        painter->setPen(
            QPen(colors.color(QPalette::Highlight), kLineWidth * 3, Qt::SolidLine, Qt::RoundCap));
    } else {
        painter->setPen(QPen(color, kLineWidth, Qt::SolidLine, Qt::RoundCap));
    }
    painter->drawLine(line_);
}

}  // namespace wsl
