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

    // The style draws the background and selection of a cell without text, which skips its
    // text layout, and the text goes on top as the style would place it.
    const QString text = std::exchange(cell.text, QString());
    cell.features &= ~QStyleOptionViewItem::HasDisplay;
    QStyle* style = styleOf(cell);
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, cell.widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, cell.widget) + 1;
    const QRect textRect = cell.rect.adjusted(margin, 0, -margin, 0);
    if (textRect.width() <= 0) {
        return;
    }
    cell.text = text;
    const QStaticText& laidOut = laidOutText(cell, textRect.width());
    const QSize size = laidOut.size().toSize();
    const QRect placed = QStyle::alignedRect(cell.direction, cell.displayAlignment,
                                             size.boundedTo(textRect.size()), textRect);

    const QPalette::ColorRole role =
        cell.state.testFlag(QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    painter->save();
    painter->setClipRect(cell.rect);
    painter->setFont(cell.font);
    painter->setPen(cell.palette.color(colorGroupOf(cell), role));
    painter->drawStaticText(placed.topLeft(), laidOut);
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
