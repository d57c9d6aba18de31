#include "cached_text_delegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QTextOption>

namespace wsl {

namespace {

// Enough for every visible cell of a tall table several times over, so that scrolling back and
// forth finds its texts laid out.
constexpr int kMaxCachedTexts = 4096;

QStyle* styleOf(const QStyleOptionViewItem& option) {
    return option.widget ? option.widget->style() : QApplication::style();
}

QPalette::ColorGroup colorGroupOf(const QStyleOptionViewItem& option) {
    if (!option.state.testFlag(QStyle::State_Enabled)) {
        return QPalette::Disabled;
    }
    return option.state.testFlag(QStyle::State_Active) ? QPalette::Normal : QPalette::Inactive;
}

// Returns where text of `size` starts in `textRect`, as QCommonStyle places a single line:
// the line spans the rectangle and is aligned within it, and the line's whole-pixel height is
// centred on whole pixels.
QPointF textPosition(const QStyleOptionViewItem& option, const QRect& textRect,
                     const QSizeF& size) {
    const Qt::Alignment alignment =
        QStyle::visualAlignment(option.direction, option.displayAlignment);
    const QSize line(textRect.width(), static_cast<int>(size.height()));
    const QRect lineRect =
        QStyle::alignedRect(option.direction, alignment & Qt::AlignVertical_Mask, line, textRect);

    const qreal spare = textRect.width() - size.width();
    qreal x = textRect.left();
    if (alignment.testFlag(Qt::AlignRight)) {
        x += spare;
    } else if (alignment.testFlag(Qt::AlignHCenter)) {
        x += spare / 2;
    }
    return QPointF(x, lineRect.top());
}

}  // namespace

CachedTextDelegate::CachedTextDelegate(QObject* parent)
    : QStyledItemDelegate(parent), texts_(kMaxCachedTexts) {}

void CachedTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const bool plainText = !cell.features.testAnyFlags(QStyleOptionViewItem::HasDecoration |
                                                       QStyleOptionViewItem::HasCheckIndicator |
                                                       QStyleOptionViewItem::WrapText);
    const bool framed = cell.state.testAnyFlags(QStyle::State_HasFocus | QStyle::State_Editing);
    if (!plainText || framed || cell.text.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Without text, decoration, check box or focus frame, the style's CE_ItemViewItem draws
    // only this panel (background and selection), so the text layout it would do is skipped.
    const QString text = std::exchange(cell.text, QString());
    cell.features &= ~QStyleOptionViewItem::HasDisplay;
    QStyle* style = styleOf(cell);
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &cell, painter, cell.widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, cell.widget) + 1;
    const QRect textRect = cell.rect.adjusted(margin, 0, -margin, 0);
    if (textRect.width() <= 0) {
        return;
    }
    cell.text = text;
    const QStaticText& laidOut = laidOutText(cell, textRect.width());
    const QPointF position = textPosition(cell, textRect, laidOut.size());

    const QPalette::ColorRole role =
        cell.state.testFlag(QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    painter->save();
    // Elided text fits the width, so only a row lower than a line needs clipping.
    if (laidOut.size().height() > cell.rect.height()) {
        painter->setClipRect(cell.rect);
    }
    painter->setFont(cell.font);
    painter->setPen(cell.palette.color(colorGroupOf(cell), role));
    painter->drawStaticText(position, laidOut);
    painter->restore();
}

const QStaticText& CachedTextDelegate::laidOutText(const QStyleOptionViewItem& option,
                                                   int width) const {
    if (option.font != font_) {
        texts_.clear();
        font_ = option.font;
    }

    const Key key{option.text, width, option.textElideMode, option.direction};
    if (const QStaticText* cached = texts_.object(key)) {
        return *cached;
    }

    const QString elided =
        QFontMetrics(option.font).elidedText(option.text, option.textElideMode, width);
    auto* laidOut = new QStaticText(elided);
    laidOut->setTextFormat(Qt::PlainText);
    QTextOption textOption;
    textOption.setTextDirection(option.direction);
    textOption.setWrapMode(QTextOption::ManualWrap);
    laidOut->setTextOption(textOption);
    laidOut->prepare(QTransform(), option.font);
    texts_.insert(key, laidOut);
    return *laidOut;
}

}  // namespace wsl
