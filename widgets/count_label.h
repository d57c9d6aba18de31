#pragma once

#include <QLabel>

namespace wsl {

// A one-line label for a count that changes many times a second under load. Its size is fixed
// and only grows until the font or style changes, so a new count lays the window out again only
// when it needs more room. A QLabel with a free size invalidates its parent's layout on every
// setText().
class CountLabel : public QLabel {
    Q_OBJECT

public:
    explicit CountLabel(QWidget* parent = nullptr);

    // Sets the text, growing the fixed size when the text needs more room.
    void setCount(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void fitText(bool allowShrink);
};

}  // namespace wsl
