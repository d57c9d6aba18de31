#pragma once

#include <QObject>

class QAbstractItemView;
class QModelIndex;

namespace wsl {

// Keeps an item view on its newest rows while the user has not scrolled away.
//
// Newest rows are at one edge of the view. While the scroll bar sits at that edge the view
// follows new rows. Once the user scrolls away, the rows on screen stay still as rows are
// inserted or removed elsewhere, and following resumes when the user scrolls back to the edge.
// The view must scroll per item, so that the scroll bar's value is the top row.
class ScrollFollower : public QObject {
    Q_OBJECT

public:
    enum class Edge { Top, Bottom };

    // Watches `view` and its current model, so set the model first.
    ScrollFollower(QAbstractItemView* view, Edge newestEdge);

    bool isFollowing() const { return following_; }

private:
    void onScrolled(int value);
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void onRowsRemoved(const QModelIndex& parent, int first, int last);
    void onModelReset();
    bool isAtNewestEdge() const;
    void scrollToNewestEdge();
    void moveScrollValue(int rows);

    QAbstractItemView* view_;
    Edge newestEdge_;
    bool following_ = true;
    bool adjusting_ = false;  // the scroll bar moves because of this class, not the user
};

}  // namespace wsl
