#include "request_detail_widget.h"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "hop_detail_widget.h"
#include "request_store.h"
#include "waterfall_view.h"

namespace wsl {

namespace {

constexpr qreal kTitleScale = 1.25;  // the header line reads as a heading

}  // namespace

RequestDetailWidget::RequestDetailWidget(QWidget* parent)
    : QWidget(parent), pages_(new QStackedWidget), placeholder_(new QLabel) {
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);

    pages_->addWidget(placeholder_);
    pages_->addWidget(createRequestPage());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);

    clear();
}

QWidget* RequestDetailWidget::createRequestPage() {
    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("requestTitle"));
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    title_->setWordWrap(true);
    QFont heading = title_->font();
    heading.setPointSizeF(heading.pointSizeF() * kTitleScale);
    heading.setBold(true);
    title_->setFont(heading);

    subtitle_ = new QLabel;
    subtitle_->setObjectName(QStringLiteral("requestRoute"));
    subtitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    subtitle_->setWordWrap(true);

    waterfall_ = new WaterfallView;
    auto* waterfallScroll = new QScrollArea;
    waterfallScroll->setWidget(waterfall_);
    waterfallScroll->setWidgetResizable(true);
    waterfallScroll->setFrameShape(QFrame::NoFrame);
    waterfallScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    hopDetail_ = new HopDetailWidget;
    connect(waterfall_, &WaterfallView::hopSelected, this, &RequestDetailWidget::onHopSelected);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(waterfallScroll);
    splitter->addWidget(hopDetail_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(subtitle_);
    layout->addWidget(splitter, 1);
    return page;
}

void RequestDetailWidget::setRequest(const RequestView& request) {
    QString previousNode;
    const int previousHop = selectedHop();
    if (hasRequest_ && previousHop >= 0) {
        previousNode = request_.hops.at(previousHop).node;
    }

    request_ = request;
    hasRequest_ = true;
    showHeader();

    int hop = 0;
    for (int i = 0; i < request_.hops.size(); ++i) {
        if (request_.hops.at(i).node == previousNode) {
            hop = i;
            break;
        }
    }
    waterfall_->setHops(request_.hops, hop);
    pages_->setCurrentIndex(1);
}

void RequestDetailWidget::clear() {
    request_ = {};
    hasRequest_ = false;
    placeholder_->setText(tr("Select a request to see its hops."));
    waterfall_->clear();
    hopDetail_->clear();
    pages_->setCurrentIndex(0);
}

int RequestDetailWidget::selectedHop() const {
    return waterfall_->selectedHop();
}

void RequestDetailWidget::setSelectedHop(int hop) {
    waterfall_->setSelectedHop(hop);
}

void RequestDetailWidget::showHeader() {
    const QString result =
        request_.status == 0 ? request_.outcome : QString::number(request_.status);
    title_->setText(tr("%1 %2 → %3 · %4 ms")
                        .arg(request_.method, request_.url, result,
                             formatMilliseconds(request_.durationUs, 1)));

    QString route = request_.route.join(QStringLiteral(" → "));
    if (route.isEmpty()) {
        route = tr("no route");
    }
    subtitle_->setText(tr("%1 · from %2 · %3 · trace %4")
                           .arg(route, client::label(request_.client),
                                request_.wallTime.toString(QStringLiteral("HH:mm:ss.zzz")),
                                request_.traceId));
}

void RequestDetailWidget::onHopSelected(int hop) {
    if (hop < 0 || hop >= request_.hops.size()) {
        hopDetail_->clear();
        return;
    }
    hopDetail_->setHop(request_.hops.at(hop));
}

void RequestDetailWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        if (hasRequest_) {
            showHeader();
        } else {
            placeholder_->setText(tr("Select a request to see its hops."));
        }
    }
    QWidget::changeEvent(event);
}

}  // namespace wsl
