#include "count_label.h"

#include <QEvent>

namespace wsl {

CountLabel::CountLabel(QWidget* parent) : QLabel(parent) {
    fitText(true);
}

void CountLabel::setCount(const QString& text) {
    if (text == this->text()) {
        return;
    }
    setText(text);
    fitText(false);
}

void CountLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    // A new font or style can make the text narrower or shorter, so the size is fitted anew.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        fitText(true);
    }
}

void CountLabel::fitText(bool allowShrink) {
    // QLabel's size hint is never below its minimum size, so shrinking starts from no minimum.
    if (allowShrink) {
        setMinimumSize(0, 0);
    }
    const QSize fixed = sizeHint();
    if (fixed != minimumSize() || fixed != maximumSize()) {
        setFixedSize(fixed);
    }
}

}  // namespace wsl
