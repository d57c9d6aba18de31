#include "request_list_widget.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "cached_text_delegate.h"
#include "count_label.h"
#include "diagram_style.h"
#include "request_filter.h"
#include "request_store.h"
#include "scroll_follower.h"

namespace wsl {

namespace {

constexpr qreal kRowHeightInLines = 1.5;
constexpr int kPanelMargin = 6;   // pixels, so that text clears the edge of a dock
constexpr int kCellPadding = 18;  // pixels around a cell's text, for the initial widths

// Sample contents that set each column's initial width, wide enough for typical values.
QString sampleText(int column) {
    switch (column) {
        case RequestStore::TimeColumn:
            return QStringLiteral("00:00:00.000");
        case RequestStore::ClientColumn:
            return QStringLiteral("browser");
        case RequestStore::MethodColumn:
            return QStringLiteral("DELETE");
        case RequestStore::UrlColumn:
            return QStringLiteral("/api/messages?page=1");
        case RequestStore::StatusColumn:
            return QStringLiteral("000");
        case RequestStore::DurationColumn:
            return QStringLiteral("0000.0");
        case RequestStore::RouteColumn:
            return QStringLiteral("lb-1 → web-2 → app-1 → db-replica-1");
        default:
            return QStringLiteral("ok · web-1 refused");
    }
}

}  // namespace

RequestListWidget::RequestListWidget(RequestStore* store, QWidget* parent)
    : QWidget(parent), store_(store), filter_(new RequestFilter(this)) {
    filter_->setSourceModel(store_);

    createToolbar();
    createTable();

    counts_ = new CountLabel;
    counts_->setObjectName(QStringLiteral("requestCounts"));

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(filterEdit_, 1);
    toolbar->addWidget(nodeButton_);
    toolbar->addWidget(pauseButton_);
    toolbar->addWidget(clearButton_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(kPanelMargin, kPanelMargin, kPanelMargin, kPanelMargin);
    layout->addLayout(toolbar);
    layout->addWidget(filterError_);
    layout->addWidget(table_, 1);
    layout->addWidget(counts_);

    connect(store_, &RequestStore::countsChanged, this, &RequestListWidget::updateCounts);
    connect(filter_, &RequestFilter::filterChanged, this, &RequestListWidget::updateCounts);

    retranslateUi();
}

void RequestListWidget::createToolbar() {
    filterEdit_ = new QLineEdit;
    filterEdit_->setObjectName(QStringLiteral("requestFilter"));
    filterEdit_->setClearButtonEnabled(true);
    connect(filterEdit_, &QLineEdit::textChanged, this, &RequestListWidget::applyFilterText);

    filterError_ = new QLabel;
    filterError_->setObjectName(QStringLiteral("filterError"));
    filterError_->setWordWrap(true);
    filterError_->setVisible(false);

    nodeButton_ = new QToolButton;
    nodeButton_->setObjectName(QStringLiteral("nodeFilterButton"));
    nodeButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    nodeButton_->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    connect(nodeButton_, &QToolButton::clicked, this, [this] { setNodeFilter(QString()); });

    pauseButton_ = new QToolButton;
    pauseButton_->setObjectName(QStringLiteral("pauseButton"));
    pauseButton_->setCheckable(true);
    pauseButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(pauseButton_, &QToolButton::toggled, this, &RequestListWidget::setPaused);

    clearButton_ = new QToolButton;
    clearButton_->setObjectName(QStringLiteral("clearButton"));
    connect(clearButton_, &QToolButton::clicked, this, &RequestListWidget::onClear);
}

void RequestListWidget::createTable() {
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("requestTable"));

    // Connected before setModel() so that the flag is set before the selection model reacts
    // to rows that arrive or that the filter or the bound removes. None of these changes which
    // request the user selected, even where the table moves its selection to another row.
    const auto beginModelChange = [this] { modelChanging_ = true; };
    connect(filter_, &QAbstractItemModel::rowsAboutToBeInserted, this, beginModelChange);
    connect(filter_, &QAbstractItemModel::rowsAboutToBeRemoved, this, beginModelChange);
    connect(filter_, &QAbstractItemModel::layoutAboutToBeChanged, this, beginModelChange);
    connect(filter_, &QAbstractItemModel::modelAboutToBeReset, this, beginModelChange);

    table_->setModel(filter_);
    table_->setItemDelegate(new CachedTextDelegate(table_));

    const auto endModelChange = [this] { modelChanging_ = false; };
    connect(filter_, &QAbstractItemModel::rowsInserted, this, endModelChange);
    connect(filter_, &QAbstractItemModel::rowsRemoved, this, endModelChange);
    connect(filter_, &QAbstractItemModel::layoutChanged, this, endModelChange);
    connect(filter_, &QAbstractItemModel::modelReset, this, [this] {
        modelChanging_ = false;
        selectedTraceId_.clear();
        emit selectionCleared();
    });
    connect(filter_, &QAbstractItemModel::rowsInserted, this, &RequestListWidget::updateCounts);
    connect(filter_, &QAbstractItemModel::rowsRemoved, this, &RequestListWidget::updateCounts);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestListWidget::onSelectionChanged);

    table_->setSortingEnabled(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->setAlternatingRowColors(true);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->verticalHeader()->hide();

    const QFontMetrics metrics(table_->font());
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(qRound(metrics.height() * kRowHeightInLines));

    QHeaderView* header = table_->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (int column = 0; column < RequestStore::ColumnCount; ++column) {
        header->resizeSection(column, metrics.horizontalAdvance(sampleText(column)) + kCellPadding);
    }
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this,
            &RequestListWidget::showColumnMenu);

    follower_ = new ScrollFollower(table_, ScrollFollower::Edge::Top);
}

void RequestListWidget::retranslateUi() {
    filterEdit_->setPlaceholderText(tr("Filter, e.g. ~s 5xx ~n web-2 !~m GET"));
    filterEdit_->setToolTip(RequestFilter::syntaxHelp());
    filterEdit_->setAccessibleName(tr("Request filter"));
    nodeButton_->setToolTip(tr("Show the requests of every node"));
    pauseButton_->setToolTip(
        tr("Hold new requests back while you read. They appear when you resume."));
    clearButton_->setText(tr("Clear"));
    clearButton_->setToolTip(tr("Remove every request from the list"));
    setPaused(isPaused());  // the button text follows the state
    setNodeFilter(filter_->nodeFilter());
    applyFilterText(filterEdit_->text());
    updateCounts();
}

void RequestListWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        table_->horizontalHeader()->viewport()->update();
        table_->viewport()->update();
    }
    QWidget::changeEvent(event);
}

void RequestListWidget::applyFilterText(const QString& text) {
    filter_->setFilterExpression(text);

    const bool valid = filter_->isValid();
    // The frame colour is backed by the error text below, so it is not the only signal.
    filterEdit_->setStyleSheet(
        valid ? QString()
              : QStringLiteral("QLineEdit { border: 2px solid %1; border-radius: 3px; }")
                    .arg(diagram_style::errorColor().name()));
    filterEdit_->setToolTip(valid ? RequestFilter::syntaxHelp() : filter_->errorString());
    filterError_->setText(valid ? QString() : tr("Invalid filter: %1").arg(filter_->errorString()));
    filterError_->setVisible(!valid);
}

void RequestListWidget::setNodeFilter(const QString& node) {
    const bool changed = node != filter_->nodeFilter();
    filter_->setNodeFilter(node);

    nodeButton_->setText(tr("Node %1").arg(node));
    nodeButton_->setAccessibleName(tr("Remove the node filter %1").arg(node));
    nodeButton_->setVisible(!node.isEmpty());
    if (changed) {
        emit nodeFilterChanged(node);
    }
}

bool RequestListWidget::isFollowingNewest() const {
    return follower_->isFollowing();
}

bool RequestListWidget::isPaused() const {
    return store_->isPaused();
}

void RequestListWidget::setPaused(bool paused) {
    store_->setPaused(paused);

    const QSignalBlocker blocker(pauseButton_);
    pauseButton_->setChecked(paused);
    pauseButton_->setText(paused ? tr("Resume") : tr("Pause"));
    pauseButton_->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void RequestListWidget::updateCounts() {
    const QLocale locale;
    const QString shown = locale.toString(filter_->rowCount());
    const QString dropped = locale.toString(store_->droppedCount());
    if (store_->isPaused()) {
        counts_->setCount(tr("%1 shown · %2 dropped · %3 held while paused")
                              .arg(shown, dropped, locale.toString(store_->heldCount())));
    } else {
        counts_->setCount(tr("%1 shown · %2 dropped").arg(shown, dropped));
    }
}

void RequestListWidget::onSelectionChanged() {
    if (modelChanging_) {
        return;
    }
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        selectedTraceId_.clear();
        emit selectionCleared();
        return;
    }

    // Selecting a row can report the same selection more than once.
    const RequestView& request = store_->at(filter_->mapToSource(rows.first()).row());
    if (request.traceId == selectedTraceId_) {
        return;
    }
    selectedTraceId_ = request.traceId;
    emit requestSelected(request);
}

void RequestListWidget::onClear() {
    store_->clear();
}

void RequestListWidget::showColumnMenu(const QPoint& position) {
    QHeaderView* header = table_->horizontalHeader();
    const int visibleColumns = header->count() - header->hiddenSectionCount();
    QMenu menu(this);
    for (int column = 0; column < RequestStore::ColumnCount; ++column) {
        QAction* action = menu.addAction(store_->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // Hiding the last column would leave no header to bring the others back from.
        action->setEnabled(!action->isChecked() || visibleColumns > 1);
        connect(action, &QAction::toggled, header,
                [header, column](bool visible) { header->setSectionHidden(column, !visible); });
    }
    menu.exec(header->viewport()->mapToGlobal(position));
}

}  // namespace wsl
