#include "event_store.h"

#include <QLocale>
#include <algorithm>

#include "diagram_style.h"
#include "inspector_logging.h"

namespace wsl {

namespace {

bool isProblemKind(const QString& kind) {
    return kind == QLatin1String("error") || kind == QLatin1String("fault");
}

}  // namespace

EventStore::EventStore(QObject* parent) : QAbstractTableModel(parent) {}

void EventStore::append(const QList<EventView>& events) {
    if (events.isEmpty()) {
        return;
    }

    // Only the newest maxEvents_ of a large batch can be shown.
    const auto batchSize = static_cast<int>(events.size());
    const int skipped = std::max(0, batchSize - maxEvents_);
    const int incoming = batchSize - skipped;
    droppedCount_ += skipped;
    dropOldestRows(rowCount() + incoming - maxEvents_);

    const int first = rowCount();
    beginInsertRows({}, first, first + incoming - 1);
    rows_.insert(rows_.end(), events.begin() + skipped, events.end());
    endInsertRows();

    for (const EventView& event : events) {
        if (!kinds_.contains(event.kind)) {
            kinds_.append(event.kind);
            std::sort(kinds_.begin(), kinds_.end());
            emit kindSeen(event.kind);
        }
    }
}

void EventStore::dropOldestRows(int count) {
    if (count <= 0) {
        return;
    }
    beginRemoveRows({}, 0, count - 1);
    rows_.erase(rows_.begin(), rows_.begin() + count);
    endRemoveRows();
    droppedCount_ += count;
}

void EventStore::clear() {
    beginResetModel();
    rows_.clear();
    kinds_.clear();
    droppedCount_ = 0;
    endResetModel();
}

const EventView& EventStore::at(int row) const {
    Q_ASSERT(row >= 0 && row < rowCount());
    return rows_[static_cast<std::size_t>(row)];
}

void EventStore::setMaxEvents(int maxEvents) {
    if (maxEvents < 1) {
        qCWarning(lcInspector) << "Event list bound" << maxEvents
                               << "is invalid, so the list keeps 1 event";
        maxEvents = 1;
    }
    maxEvents_ = maxEvents;
    dropOldestRows(rowCount() - maxEvents_);
}

QStringList EventStore::kinds() const {
    return kinds_;
}

int EventStore::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int EventStore::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventStore::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const EventView& event = at(index.row());

    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case TimeColumn:
                return QLocale().toString(static_cast<double>(event.timeUs) / 1e6, 'f', 3);
            case NodeColumn:
                return event.node;
            case KindColumn:
                return event.kind;
            case DetailColumn:
                return event.detail;
            default:
                return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == TimeColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    // The kind is written out as well, so colour is never the only signal.
    if (role == Qt::ForegroundRole && index.column() == KindColumn && isProblemKind(event.kind)) {
        return diagram_style::errorColor();
    }
    return {};
}

QVariant EventStore::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case TimeColumn:
            return tr("Time (s)");
        case NodeColumn:
            return tr("Node");
        case KindColumn:
            return tr("Kind");
        case DetailColumn:
            return tr("Detail");
        default:
            return {};
    }
}

}  // namespace wsl
