#include "request_detail_widget.h"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "hop_detail_widget.h"
#include "request_store.h"
#include "waterfall_view.h"

namespace wsl {

namespace {

constexpr qreal kTitleScale = 1.25;  // the header line reads as a heading
constexpr int kPanelMargin = 6;      // pixels, so that text clears the edge of a dock
// The waterfall can shrink to this many text lines: the axis, about two hops and the legend.
constexpr int kMinWaterfallLines = 8;
constexpr int kMinHopDetailLines = 9;   // the summary, the tab bar and a few headers
constexpr int kShortTraceIdLength = 8;  // enough to tell requests apart, and the tooltip has all 32

}  // namespace

RequestDetailWidget::RequestDetailWidget(QWidget* parent)
    : QWidget(parent), pages_(new QStackedWidget), placeholder_(new QLabel) {
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);

    pages_->addWidget(placeholder_);
    pages_->addWidget(createRequestPage());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(kPanelMargin, kPanelMargin, kPanelMargin, kPanelMargin);
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
    waterfallScroll_ = new QScrollArea;
    auto* waterfallScroll = waterfallScroll_;
    waterfallScroll->setWidget(waterfall_);
    waterfallScroll->setWidgetResizable(true);
    waterfallScroll->setFrameShape(QFrame::NoFrame);
    waterfallScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    hopDetail_ = new HopDetailWidget;
    hopDetail_->setMinimumHeight(fontMetrics().height() * kMinHopDetailLines);
    connect(waterfall_, &WaterfallView::hopSelected, this, &RequestDetailWidget::onHopSelected);

    auto* page = new QWidget;
    pageLayout_ = new QVBoxLayout(page);
    pageLayout_->setContentsMargins(0, 0, 0, 0);
    pageLayout_->addWidget(title_);
    pageLayout_->addWidget(subtitle_);
    pageLayout_->addWidget(waterfallScroll);
    pageLayout_->addWidget(hopDetail_, 1);
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
    fitWaterfall();
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

void RequestDetailWidget::fitWaterfall() {
    // The waterfall shows all its hops when there is room. Otherwise it shrinks, down to a few
    // rows that scroll, so that the hop's tabs keep their minimum height.
    const int full = waterfall_->minimumSizeHint().height() + 2 * waterfallScroll_->frameWidth();
    const int smallest = std::min(full, fontMetrics().height() * kMinWaterfallLines);
    const int others = title_->sizeHint().height() + subtitle_->sizeHint().height() +
                       hopDetail_->minimumHeight() + 3 * pageLayout_->spacing();
    waterfallScroll_->setFixedHeight(std::clamp(pages_->height() - others, smallest, full));
}

void RequestDetailWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitWaterfall();
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
    subtitle_->setText(tr("%1 · from %2 · %3 · trace %4…")
                           .arg(route, client::label(request_.client),
                                request_.wallTime.toString(QStringLiteral("HH:mm:ss.zzz")),
                                request_.traceId.left(kShortTraceIdLength)));
    subtitle_->setToolTip(tr("Trace %1").arg(request_.traceId));
}

void RequestDetailWidget::onHopSelected(int hop) {
    if (hop < 0 || hop >= request_.hops.size()) {
        hopDetail_->clear();
        return;
    }
    hopDetail_->setHop(request_.hops.at(hop));
}

void RequestDetailWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        fitWaterfall();
        hopDetail_->setMinimumHeight(fontMetrics().height() * kMinHopDetailLines);
    }
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
