#pragma once

#include <QWidget>

#include "request_types.h"

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace wsl {

class EventStore;
class ScrollFollower;

// The engine's events (health checks, state changes, faults, retries, replication, DNS,
// ports, errors) in a bounded table with the newest at the bottom. The view follows new
// events until the user scrolls up, and again once the user scrolls back to the bottom.
class EventListWidget : public QWidget {
    Q_OBJECT

public:
    explicit EventListWidget(QWidget* parent = nullptr);

    void append(const QList<EventView>& events);  // oldest first
    void clear();

    EventStore* store() const { return store_; }
    QTableView* tableView() const { return table_; }

    QString kindFilter() const;  // empty when every kind is shown
    void setKindFilter(const QString& kind);

    bool isFollowingNewest() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void createTable();
    void retranslateUi();
    void addKind(const QString& kind);
    void onKindChosen(int index);

    EventStore* store_;
    QSortFilterProxyModel* filter_;
    QComboBox* kindCombo_ = nullptr;
    QLabel* kindLabel_ = nullptr;
    QToolButton* clearButton_ = nullptr;
    QTableView* table_ = nullptr;
    ScrollFollower* follower_ = nullptr;
};

}  // namespace wsl
