#include "link_item.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

#include "diagram_style.h"
#include "rate_label_item.h"

namespace wsl {

namespace {

constexpr qreal kLineWidth = 2.0;
constexpr qreal kRateLabelPadding = 6.0;
constexpr qreal kRateLabelHeight = 20.0;
// Where along the line the rate label may sit, best first: the middle, then nearer either end.
constexpr qreal kRateLabelPositions[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8};
// How far across the line, in label heights, the label may move when no spot on it is clear:
// first beside the line, then, for either size of label, far enough to clear a firewall.
constexpr std::array<qreal, 3> kNearShifts = {0.0, 0.75, -0.75};
constexpr std::array<qreal, 4> kFarShifts = {1.5, -1.5, 2.5, -2.5};

}  // namespace

LinkItem::LinkItem(const QString& from, const QString& to, const QLineF& line,
                   QGraphicsItem* parent)
    : QGraphicsItem(parent), from_(from), to_(to), line_(line) {
    // Packets repaint the area under the line sixty times a second. The line changes only with
    // highlighting.
    setCacheMode(DeviceCoordinateCache);
}

void LinkItem::setHighlighted(bool highlighted) {
    if (highlighted_ == highlighted) {
        return;
    }
    highlighted_ = highlighted;
    update();
}

void LinkItem::setRateLabelItem(RateLabelItem* label) {
    labelItem_ = label;
    showRateLabel();
}

void LinkItem::setRateText(const QString& text) {
    if (rateText_ == text) {
        return;
    }
    rateText_ = text;
    rateLabel_ = placeRateLabel();
    showRateLabel();
}

void LinkItem::setAvoidedBoxes(const QList<QRectF>& boxes) {
    if (boxes == avoidedBoxes_) {
        return;
    }
    avoidedBoxes_ = boxes;
    rateLabel_ = placeRateLabel();
    showRateLabel();
}

void LinkItem::showRateLabel() {
    if (labelItem_ != nullptr) {
        labelItem_->setLabel(rateText_, rateLabel_);
    }
}

// Returns where `size` first fits without covering an avoided box, or a null rect, trying each
// of `shifts` (in label heights across the line) at each position along it.
template <std::size_t N>
QRectF LinkItem::clearSpot(const QSizeF& size, const std::array<qreal, N>& shifts) const {
    const QPointF normal =
        line_.length() > 0 ? QPointF(-line_.dy(), line_.dx()) / line_.length() : QPointF();
    for (const qreal factor : shifts) {
        const qreal shift = factor * size.height();
        for (const qreal at : kRateLabelPositions) {
            QRectF label(QPointF(), size);
            label.moveCenter(line_.pointAt(at) + shift * normal);
            const bool clear =
                std::none_of(avoidedBoxes_.cbegin(), avoidedBoxes_.cend(),
                             [&label](const QRectF& box) { return box.intersects(label); });
            if (clear) {
                return label;
            }
        }
    }
    return {};
}

// The label takes one line where that fits between the nodes, else it wraps at its spaces
// ("1,250" over "req/s") to fit a narrow gap.
QRectF LinkItem::placeRateLabel() const {
    if (rateText_.isEmpty()) {
        return {};
    }
    const QFontMetricsF metrics(diagram_style::badgeFont());
    const QSizeF oneLine(metrics.horizontalAdvance(rateText_) + 2 * kRateLabelPadding,
                         kRateLabelHeight);
    const QStringList words = rateText_.split(QChar::Space, Qt::SkipEmptyParts);
    qreal widest = 0;
    for (const QString& word : words) {
        widest = std::max(widest, metrics.horizontalAdvance(word));
    }
    // Ceil, so that rounding in the text layout never breaks a word over two lines.
    const QSizeF wrapped(
        std::ceil(widest) + 1 + 2 * kRateLabelPadding,
        static_cast<qreal>(words.size() - 1) * metrics.lineSpacing() + kRateLabelHeight);
    // Near the line first, in one line or wrapped, and only then farther from it.
    for (const QSizeF& size : {oneLine, wrapped}) {
        if (const QRectF spot = clearSpot(size, kNearShifts); !spot.isNull()) {
            return spot;
        }
    }
    for (const QSizeF& size : {oneLine, wrapped}) {
        if (const QRectF spot = clearSpot(size, kFarShifts); !spot.isNull()) {
            return spot;
        }
    }
    // NOTE: with no spot clear, as beside a firewall between two labelled links, the label sits
    // on the middle of its line and covers part of a node there.
    QRectF middle(QPointF(), wrapped);
    middle.moveCenter(line_.pointAt(0.5));
    return middle;
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
