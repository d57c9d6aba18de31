#pragma once

#include <QAbstractTableModel>
#include <deque>

#include "request_types.h"

namespace wsl {

// The most recent events, oldest first, so that the newest is the last row. When full, each
// new event drops the oldest one.
class EventStore : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, NodeColumn, KindColumn, DetailColumn, ColumnCount };

    static constexpr int kDefaultMaxEvents = 5'000;

    explicit EventStore(QObject* parent = nullptr);

    void append(const QList<EventView>& events);  // oldest first
    void clear();
    const EventView& at(int row) const;

    int maxEvents() const { return maxEvents_; }
    void setMaxEvents(int maxEvents);  // at least 1, and shrinking drops the oldest events
    qint64 droppedCount() const { return droppedCount_; }

    QStringList kinds() const;  // every kind seen since the last clear(), sorted

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void kindSeen(const QString& kind);  // emitted the first time a kind arrives

private:
    void dropOldestRows(int count);

    std::deque<EventView> rows_;
    QStringList kinds_;
    int maxEvents_ = kDefaultMaxEvents;
    qint64 droppedCount_ = 0;
};

}  // namespace wsl
