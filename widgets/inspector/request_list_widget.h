#pragma once

#include <QWidget>

#include "request_types.h"

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace wsl {

class CountLabel;
class RequestFilter;
class RequestStore;
class ScrollFollower;

// The live request list: a filter line, Pause and Clear, a count of shown and dropped
// requests, and the table of requests with the newest on top.
//
// The view follows the newest request until the user scrolls down. The rows on screen then
// stay still while requests arrive, until the user scrolls back to the top. Pause keeps new
// requests back in the store (see RequestStore::setPaused) and shows them on resume.
class RequestListWidget : public QWidget {
    Q_OBJECT

public:
    // `store` is not owned and must outlive this widget.
    explicit RequestListWidget(RequestStore* store, QWidget* parent = nullptr);

    RequestStore* store() const { return store_; }
    RequestFilter* filter() const { return filter_; }
    QTableView* tableView() const { return table_; }
    QLineEdit* filterEdit() const { return filterEdit_; }

    // Shows only the requests that involve `node`, on top of the filter text. An empty name
    // shows all. The diagram calls this when a node is clicked.
    void setNodeFilter(const QString& node);

    bool isFollowingNewest() const;
    bool isPaused() const;
    void setPaused(bool paused);

signals:
    void requestSelected(const wsl::RequestView& request);
    // Emitted when the user clears the selection or the list. A selected request that scrolls
    // out of the store or out of the filter stays selected in the detail view.
    void selectionCleared();
    void nodeFilterChanged(const QString& node);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createToolbar();
    void createTable();
    void retranslateUi();
    void applyFilterText(const QString& text);
    void updateCounts();
    void onSelectionChanged();
    void onClear();
    void showColumnMenu(const QPoint& position);

    RequestStore* store_;
    RequestFilter* filter_;
    QLineEdit* filterEdit_ = nullptr;
    QLabel* filterError_ = nullptr;
    QToolButton* nodeButton_ = nullptr;
    QToolButton* pauseButton_ = nullptr;
    QToolButton* clearButton_ = nullptr;
    QTableView* table_ = nullptr;
    CountLabel* counts_ = nullptr;
    ScrollFollower* follower_ = nullptr;
    QString selectedTraceId_;  // of the request last sent with requestSelected()
    // Rows move because of the model, so selection changes are not the user's.
    bool modelChanging_ = false;
};

}  // namespace wsl
