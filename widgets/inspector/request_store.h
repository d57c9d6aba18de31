#pragma once

#include <QAbstractTableModel>
#include <deque>

#include "request_types.h"

namespace wsl {

// The most recent requests, newest first: row 0 is the newest request. The store is a bounded
// ring, so when it is full each new request drops the oldest one, and droppedCount() counts
// them. append() inserts and removes rows without resetting the model, so that views and
// selections stay put at thousands of requests per second.
//
// While paused, append() keeps new requests back and shows them on resume. The held requests
// are bounded by maxRequests() too, and those that overflow are dropped and counted.
class RequestStore : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ClientColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        DurationColumn,
        RouteColumn,
        OutcomeColumn,
        ColumnCount
    };
    enum Role { TraceIdRole = Qt::UserRole };

    static constexpr int kDefaultMaxRequests = 10'000;

    explicit RequestStore(QObject* parent = nullptr);

    // Adds a batch that arrived since the last call, oldest first. Requests with empty client,
    // outcome or route get them from their hops, as withDerivedFields() does.
    void append(const QList<RequestView>& requests);
    // Removes every request, including held ones, and resets droppedCount().
    void clear();

    const RequestView& at(int row) const;             // row 0 is the newest, and row must be valid
    int rowForTraceId(const QString& traceId) const;  // -1 when not stored

    int maxRequests() const { return maxRequests_; }
    // Sets the bound, at least 1. Shrinking drops the oldest rows and counts them.
    void setMaxRequests(int maxRequests);
    qint64 droppedCount() const { return droppedCount_; }

    bool isPaused() const { return paused_; }
    void setPaused(bool paused);
    int heldCount() const { return static_cast<int>(held_.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // Emitted when the row count, held count or dropped count changes.
    void countsChanged();

private:
    void insertNewest(const std::deque<RequestView>& batch);
    void dropOldestRows(int count);
    void reportFirstDrop();
    QVariant displayData(const RequestView& request, int column) const;
    QVariant toolTipData(const RequestView& request, int column) const;

    std::deque<RequestView> rows_;  // front is the newest
    std::deque<RequestView> held_;  // while paused, oldest first
    int maxRequests_ = kDefaultMaxRequests;
    qint64 droppedCount_ = 0;
    bool paused_ = false;
    bool reportedDrop_ = false;
};

// Formats a duration in microseconds as milliseconds with `decimals` decimals, e.g. "3.2".
QString formatMilliseconds(qint64 microseconds, int decimals);

}  // namespace wsl
