#include "event_list_widget.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "event_store.h"
#include "scroll_follower.h"

namespace wsl {

namespace {

constexpr qreal kRowHeightInLines = 1.5;
constexpr int kPanelMargin = 6;   // pixels, so that text clears the edge of a dock
constexpr int kCellPadding = 18;  // pixels around a cell's text, for the initial widths

// The kinds the engine reports, offered in the filter before any of them has arrived.
QStringList knownKinds() {
    return {QStringLiteral("health-check"), QStringLiteral("state"),       QStringLiteral("fault"),
            QStringLiteral("retry"),        QStringLiteral("replication"), QStringLiteral("dns"),
            QStringLiteral("port"),         QStringLiteral("error")};
}

}  // namespace

EventListWidget::EventListWidget(QWidget* parent)
    : QWidget(parent), store_(new EventStore(this)), filter_(new QSortFilterProxyModel(this)) {
    filter_->setSourceModel(store_);
    filter_->setFilterKeyColumn(EventStore::KindColumn);

    kindLabel_ = new QLabel;
    kindCombo_ = new QComboBox;
    kindCombo_->setObjectName(QStringLiteral("kindFilter"));
    kindCombo_->addItem(QString(), QString());
    for (const QString& kind : knownKinds()) {
        addKind(kind);
    }
    kindLabel_->setBuddy(kindCombo_);
    connect(kindCombo_, &QComboBox::currentIndexChanged, this, &EventListWidget::onKindChosen);
    connect(store_, &EventStore::kindSeen, this, &EventListWidget::addKind);

    clearButton_ = new QToolButton;
    connect(clearButton_, &QToolButton::clicked, this, &EventListWidget::clear);

    createTable();

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(kindLabel_);
    toolbar->addWidget(kindCombo_);
    toolbar->addStretch(1);
    toolbar->addWidget(clearButton_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(kPanelMargin, kPanelMargin, kPanelMargin, kPanelMargin);
    layout->addLayout(toolbar);
    layout->addWidget(table_, 1);

    retranslateUi();
}

void EventListWidget::createTable() {
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("eventTable"));
    table_->setModel(filter_);
    table_->setSortingEnabled(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    table_->setAlternatingRowColors(true);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();

    const QFontMetrics metrics(table_->font());
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(qRound(metrics.height() * kRowHeightInLines));

    QHeaderView* header = table_->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QList<QPair<int, QString>> samples{
        {EventStore::TimeColumn, QStringLiteral("00000.000")},
        {EventStore::NodeColumn, QStringLiteral("db-replica-1")},
        {EventStore::KindColumn, QStringLiteral("health-check")},
    };
    for (const auto& [column, sample] : samples) {
        header->resizeSection(column, metrics.horizontalAdvance(sample) + kCellPadding);
    }

    follower_ = new ScrollFollower(table_, ScrollFollower::Edge::Bottom);
}

void EventListWidget::retranslateUi() {
    kindLabel_->setText(tr("&Kind:"));
    kindCombo_->setItemText(0, tr("All"));
    kindCombo_->setToolTip(tr("Show only events of one kind"));
    clearButton_->setText(tr("Clear"));
    clearButton_->setToolTip(tr("Remove every event from the list"));
}

void EventListWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        table_->horizontalHeader()->viewport()->update();
    }
    QWidget::changeEvent(event);
}

void EventListWidget::append(const QList<EventView>& events) {
    store_->append(events);
}

void EventListWidget::clear() {
    store_->clear();
}

QString EventListWidget::kindFilter() const {
    return kindCombo_->currentData().toString();
}

void EventListWidget::setKindFilter(const QString& kind) {
    if (!kind.isEmpty()) {
        addKind(kind);
    }
    kindCombo_->setCurrentIndex(kindCombo_->findData(kind));
}

bool EventListWidget::isFollowingNewest() const {
    return follower_->isFollowing();
}

void EventListWidget::addKind(const QString& kind) {
    if (kind.isEmpty() || kindCombo_->findData(kind) >= 0) {
        return;
    }
    kindCombo_->addItem(kind, kind);
}

void EventListWidget::onKindChosen(int index) {
    const QString kind = kindCombo_->itemData(index).toString();
    if (kind.isEmpty()) {
        filter_->setFilterRegularExpression(QRegularExpression());
        return;
    }
    filter_->setFilterRegularExpression(
        QRegularExpression(QRegularExpression::anchoredPattern(QRegularExpression::escape(kind))));
}

}  // namespace wsl
