#pragma once

#include <QCache>
#include <QFont>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace wsl {

// Paints one-line, elided cell text from a cache of laid-out text (QStaticText). A table that
// repaints its visible rows on every scroll step or insert then lays each text out once, where
// QStyledItemDelegate lays it out twice on every paint. The style still draws the background,
// selection and alternating colours. Cells with a focus frame, an editor, a decoration, a check
// box or wrapped text are painted by QStyledItemDelegate, because their layout needs the text.
class CachedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit CachedTextDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    // The number of laid-out texts kept, for tests.
    int cachedTexts() const { return static_cast<int>(texts_.size()); }

private:
    struct Key {
        QString text;
        int width;
        Qt::TextElideMode elideMode;
        Qt::LayoutDirection direction;
        bool operator==(const Key&) const = default;
    };
    friend size_t qHash(const Key& key, size_t seed) {
        return qHashMulti(seed, key.text, key.width, key.elideMode, key.direction);
    }

    const QStaticText& laidOutText(const QStyleOptionViewItem& option, int width) const;

    // Paint runs in a const function, so the cache is mutable. It is cleared when the font
    // changes because a QStaticText keeps the font it was laid out with.
    mutable QCache<Key, QStaticText> texts_;
    mutable QFont font_;
};

}  // namespace wsl
