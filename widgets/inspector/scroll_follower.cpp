#include "scroll_follower.h"

#include <QAbstractItemView>
#include <QScrollBar>

namespace wsl {

ScrollFollower::ScrollFollower(QAbstractItemView* view, Edge newestEdge)
    : QObject(view), view_(view), newestEdge_(newestEdge) {
    Q_ASSERT(view->model() != nullptr);
    Q_ASSERT(view->verticalScrollMode() == QAbstractItemView::ScrollPerItem);

    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ScrollFollower::onScrolled);
    const QAbstractItemModel* model = view->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &ScrollFollower::onRowsInserted);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ScrollFollower::onRowsRemoved);
    connect(model, &QAbstractItemModel::modelReset, this, &ScrollFollower::onModelReset);
}

void ScrollFollower::onScrolled(int /*value*/) {
    if (!adjusting_) {
        following_ = isAtNewestEdge();
    }
}

void ScrollFollower::onRowsInserted(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) {
        return;
    }
    if (following_) {
        scrollToNewestEdge();
        return;
    }

    // Rows inserted above the first visible row push it down, so move down with them.
    if (first <= view_->verticalScrollBar()->value()) {
        moveScrollValue(last - first + 1);
    }
}

void ScrollFollower::onRowsRemoved(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) {
        return;
    }
    if (following_) {
        scrollToNewestEdge();
        return;
    }

    if (last < view_->verticalScrollBar()->value()) {
        moveScrollValue(-(last - first + 1));
    }
}

void ScrollFollower::onModelReset() {
    following_ = true;
    scrollToNewestEdge();
}

bool ScrollFollower::isAtNewestEdge() const {
    const QScrollBar* bar = view_->verticalScrollBar();
    return newestEdge_ == Edge::Top ? bar->value() == bar->minimum()
                                    : bar->value() == bar->maximum();
}

void ScrollFollower::scrollToNewestEdge() {
    QScrollBar* bar = view_->verticalScrollBar();
    if (newestEdge_ == Edge::Top && bar->value() == bar->minimum()) {
        return;  // rows inserted at the top appear without scrolling
    }

    // The view updates its scroll range only at its next layout, which must happen first for
    // the new rows to be reachable.
    adjusting_ = true;
    view_->doItemsLayout();
    bar->setValue(newestEdge_ == Edge::Top ? bar->minimum() : bar->maximum());
    adjusting_ = false;
}

void ScrollFollower::moveScrollValue(int rows) {
    QScrollBar* bar = view_->verticalScrollBar();
    const int target = bar->value() + rows;  // read before the layout clamps the value

    adjusting_ = true;
    view_->doItemsLayout();
    bar->setValue(target);
    adjusting_ = false;
}

}  // namespace wsl
