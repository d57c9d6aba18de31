#include "request_store.h"

#include <QLocale>
#include <QThreadPool>

#include <algorithm>
#include <iterator>
#include <memory>
#include <vector>

#include "diagram_style.h"
#include "inspector_logging.h"

namespace wsl {

namespace {

const QString kRouteSeparator = QStringLiteral(" → ");

constexpr int kMaxFailuresNamed = 2;  // keeps the Outcome column narrow

// Returns the request's outcome, followed by the hops that failed on the way when there were
// any, such as "ok · web-1 refused". The entry hop's failure is the outcome itself.
QString outcomeText(const RequestView& request) {
    QStringList failures;
    int unnamed = 0;
    for (const int hop : failedHops(request)) {
        if (hop == 0) {
            continue;
        }
        if (failures.size() == kMaxFailuresNamed) {
            ++unnamed;
            continue;
        }
        const HopView& failed = request.hops.at(hop);
        failures.append(failed.node + QLatin1Char(' ') + failed.outcome);
    }
    if (failures.isEmpty()) {
        return request.outcome;
    }
    if (unnamed > 0) {
        failures.append(QStringLiteral("+%1").arg(unnamed));
    }
    return request.outcome + QStringLiteral(" · ") + failures.join(QStringLiteral(", "));
}

}  // namespace

QString formatMilliseconds(qint64 microseconds, int decimals) {
    return QLocale().toString(static_cast<double>(microseconds) / 1000.0, 'f', decimals);
}

RequestStore::RequestStore(QObject* parent) : QAbstractTableModel(parent) {}

void RequestStore::append(const QList<RequestView>& requests) {
    if (requests.isEmpty()) {
        return;
    }

    std::deque<RequestView> batch;
    for (const RequestView& request : requests) {
        batch.push_back(withDerivedFields(request));
    }

    if (!paused_) {
        insertNewest(batch);
        return;
    }

    held_.insert(held_.end(), batch.begin(), batch.end());
    const auto overflow = static_cast<qint64>(held_.size()) - maxRequests_;
    if (overflow > 0) {
        held_.erase(held_.begin(), held_.begin() + overflow);
        droppedCount_ += overflow;
        reportFirstDrop();
    }
    emit countsChanged();
}

void RequestStore::insertNewest(const std::deque<RequestView>& batch) {
    // Only the newest maxRequests_ of a large batch can be shown, so the rest are dropped unseen.
    const auto batchSize = static_cast<qint64>(batch.size());
    const qint64 skipped = std::max<qint64>(0, batchSize - maxRequests_);
    const auto incoming = static_cast<int>(batchSize - skipped);
    if (skipped > 0) {
        droppedCount_ += skipped;
        reportFirstDrop();
    }

    dropOldestRows(rowCount() + incoming - maxRequests_);

    beginInsertRows({}, 0, incoming - 1);
    for (auto it = batch.begin() + skipped; it != batch.end(); ++it) {
        rows_.push_front(*it);
    }
    endInsertRows();
    emit countsChanged();
}

void RequestStore::dropOldestRows(int count) {
    if (count <= 0) {
        return;
    }
    const int size = rowCount();
    beginRemoveRows({}, size - count, size - 1);
    // Freeing a request's hops, headers and bodies costs more than building its row, so at
    // thousands of requests a second the dropped rows are freed on a worker thread.
    const auto first = rows_.end() - count;
    auto dropped = std::make_shared<std::vector<RequestView>>(std::make_move_iterator(first),
                                                              std::make_move_iterator(rows_.end()));
    rows_.erase(first, rows_.end());
    endRemoveRows();
    QThreadPool::globalInstance()->start(
        [dropped = std::move(dropped)]() mutable { dropped.reset(); });

    droppedCount_ += count;
    reportFirstDrop();
}

void RequestStore::reportFirstDrop() {
    if (reportedDrop_) {
        return;
    }
    reportedDrop_ = true;
    qCInfo(lcInspector) << "Request store reached its bound of" << maxRequests_
                        << "requests, so from now on it drops the oldest ones and counts them";
}

void RequestStore::clear() {
    beginResetModel();
    rows_.clear();
    held_.clear();
    droppedCount_ = 0;
    reportedDrop_ = false;
    endResetModel();
    emit countsChanged();
}

const RequestView& RequestStore::at(int row) const {
    Q_ASSERT(row >= 0 && row < rowCount());
    return rows_[static_cast<std::size_t>(row)];
}

int RequestStore::rowForTraceId(const QString& traceId) const {
    const auto found = std::find_if(rows_.begin(), rows_.end(), [&](const RequestView& request) {
        return request.traceId == traceId;
    });
    return found == rows_.end() ? -1 : static_cast<int>(found - rows_.begin());
}

void RequestStore::setMaxRequests(int maxRequests) {
    if (maxRequests < 1) {
        qCWarning(lcInspector) << "Request store bound" << maxRequests
                               << "is invalid, so the store keeps 1 request";
        maxRequests = 1;
    }
    maxRequests_ = maxRequests;
    dropOldestRows(rowCount() - maxRequests_);
    emit countsChanged();
}

void RequestStore::setPaused(bool paused) {
    if (paused == paused_) {
        return;
    }
    paused_ = paused;
    if (paused_ || held_.empty()) {
        emit countsChanged();
        return;
    }

    std::deque<RequestView> batch;
    batch.swap(held_);
    insertNewest(batch);
}

int RequestStore::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RequestStore::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestStore::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RequestView& request = at(index.row());
    const int column = index.column();

    switch (role) {
        case Qt::DisplayRole:
            return displayData(request, column);
        case Qt::ToolTipRole:
            return toolTipData(request, column);
        case TraceIdRole:
            return request.traceId;
        case Qt::TextAlignmentRole:
            if (column == StatusColumn || column == DurationColumn) {
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            }
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            // The status number is shown as well, so colour is never the only signal.
            if ((column == StatusColumn && request.status >= 400) ||
                (column == OutcomeColumn && request.outcome != outcome::kOk)) {
                return diagram_style::errorColor();
            }
            return {};
        default:
            return {};
    }
}

QVariant RequestStore::displayData(const RequestView& request, int column) const {
    switch (column) {
        case TimeColumn:
            return request.wallTime.toString(QStringLiteral("HH:mm:ss.zzz"));
        case ClientColumn:
            return client::label(request.client);
        case MethodColumn:
            return request.method;
        case UrlColumn:
            return request.url;
        case StatusColumn:
            return request.status == 0 ? QStringLiteral("—") : QString::number(request.status);
        case DurationColumn:
            return formatMilliseconds(request.durationUs, 1);
        case RouteColumn:
            return request.route.join(kRouteSeparator);
        case OutcomeColumn:
            return outcomeText(request);
        default:
            return {};
    }
}

QVariant RequestStore::toolTipData(const RequestView& request, int column) const {
    switch (column) {
        case UrlColumn:
            return request.url;
        case StatusColumn:
            return request.status == 0 ? tr("No response was sent") : QVariant();
        case DurationColumn:
            return tr("%1 ms").arg(formatMilliseconds(request.durationUs, 3));
        case RouteColumn:
            return request.route.join(kRouteSeparator);
        case OutcomeColumn:
            return outcomeText(request);
        default:
            return tr("Trace %1").arg(request.traceId);
    }
}

QVariant RequestStore::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case TimeColumn:
            return tr("Time");
        case ClientColumn:
            return tr("Client");
        case MethodColumn:
            return tr("Method");
        case UrlColumn:
            return tr("URL");
        case StatusColumn:
            return tr("Status");
        case DurationColumn:
            return tr("Duration (ms)");
        case RouteColumn:
            return tr("Route");
        case OutcomeColumn:
            return tr("Outcome");
        default:
            return {};
    }
}

}  // namespace wsl
