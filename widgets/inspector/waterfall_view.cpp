#include "waterfall_view.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "diagram_style.h"
#include "request_store.h"

namespace wsl {

namespace {

constexpr qreal kRowHeightInLines = 1.5;  // rows tall enough to click on a projector
constexpr qreal kBarHeightInRow = 0.55;
constexpr qreal kMinBarAreaWidth = 60.0;
constexpr qreal kMaxLabelShare = 0.35;  // of the width, for node names
constexpr int kMaxTooltipDetail = 300;  // characters of a hop's detail in its tooltip
constexpr int kMinTicks = 2;
constexpr qreal kTickSpacing = 1.3;  // the distance between ticks, in tick label widths

constexpr qreal kMinPhaseWidth = 2.0;

struct PhaseStyle {
    QColor color;
    Qt::BrushStyle brush;
};

// Okabe-Ito colours that differ from the bar colours, and a pattern each, so that neither
// colour vision nor a grey projector is needed to tell the phases apart.
PhaseStyle phaseStyle(const QString& phase) {
    if (phase == QLatin1String("tls-handshake")) {
        return {QColor(0xF0, 0xE4, 0x42), Qt::SolidPattern};
    }
    if (phase == QLatin1String("queue")) {
        return {QColor(0x56, 0xB4, 0xE9), Qt::Dense4Pattern};
    }
    return {diagram_style::responseColor(), Qt::Dense2Pattern};  // the connects
}

bool isBlockedOrRefused(const HopView& hop) {
    return hop.outcome == outcome::kRefused || hop.outcome == outcome::kBlocked;
}

bool isFailure(const HopView& hop) {
    return hop.outcome != outcome::kOk || hop.status >= 500;
}

QColor barColor(const HopView& hop) {
    if (isFailure(hop)) {
        return diagram_style::errorColor();
    }
    if (hop.protocol == QLatin1String("dns")) {
        return diagram_style::dnsColor();
    }
    return diagram_style::requestColor();
}

// Returns a tick step of 1, 2 or 5 times a power of ten, in microseconds, that divides
// `spanUs` into at most `maxTicks` intervals.
qint64 tickStep(qint64 spanUs, int maxTicks) {
    const double raw = static_cast<double>(spanUs) / std::max(maxTicks, 1);
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= raw) {
            return std::max<qint64>(1, std::llround(factor * power));
        }
    }
    return std::max<qint64>(1, std::llround(10.0 * power));
}

int decimalsForStep(qint64 stepUs) {
    if (stepUs >= 1000) {
        return 0;
    }
    if (stepUs >= 100) {
        return 1;
    }
    return stepUs >= 10 ? 2 : 3;
}

}  // namespace

WaterfallView::WaterfallView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    setAccessibleName(tr("Hop waterfall"));
}

void WaterfallView::setHops(const QList<HopView>& hops, int selectedHop) {
    hops_ = hops;
    depths_ = hopDepths(hops_);
    hoveredHop_ = -1;

    originUs_ = 0;
    spanUs_ = 1;
    if (!hops_.isEmpty()) {
        const auto byStart = [](const HopView& a, const HopView& b) {
            return a.startUs < b.startUs;
        };
        const auto byEnd = [](const HopView& a, const HopView& b) { return a.endUs < b.endUs; };
        originUs_ = std::min_element(hops_.begin(), hops_.end(), byStart)->startUs;
        const qint64 endUs = std::max_element(hops_.begin(), hops_.end(), byEnd)->endUs;
        spanUs_ = std::max<qint64>(1, endUs - originUs_);
    }

    selectedHop_ = selectedHop >= 0 && selectedHop < hopCount() ? selectedHop : -1;
    updateGeometry();
    update();
    emit hopSelected(selectedHop_);
}

void WaterfallView::clear() {
    setHops({}, -1);
}

void WaterfallView::setSelectedHop(int hop) {
    if (hop < -1 || hop >= hopCount() || hop == selectedHop_) {
        return;
    }
    selectedHop_ = hop;
    update();
    emit hopSelected(selectedHop_);
}

WaterfallView::Layout WaterfallView::layout() const {
    if (paintLayout_ != nullptr) {
        return *paintLayout_;
    }
    const QFontMetricsF metrics(font());
    Layout result;
    result.margin = std::round(metrics.height() / 2);
    result.rowHeight = std::round(metrics.height() * kRowHeightInLines);
    result.axisHeight = std::round(metrics.height() * 1.5);
    result.indent = std::round(metrics.height());
    result.legendHeight = std::round(metrics.height() * 1.6) * legendLineCount(result.margin);

    qreal labelWidth = 0;
    qreal valueWidth = 0;
    for (int i = 0; i < hopCount(); ++i) {
        const qreal nameWidth =
            depths_.at(i) * result.indent + metrics.horizontalAdvance(hops_.at(i).node);
        labelWidth = std::max(labelWidth, nameWidth);
        valueWidth = std::max(valueWidth, metrics.horizontalAdvance(barLabel(hops_.at(i))));
    }
    labelWidth = std::min(labelWidth + result.margin, width() * kMaxLabelShare);

    result.barLeft = result.margin + labelWidth;
    const qreal right = width() - result.margin - valueWidth - result.margin;
    result.barWidth = std::max(kMinBarAreaWidth, right - result.barLeft);
    return result;
}

qreal WaterfallView::xForTime(const Layout& geometry, qint64 timeUs) const {
    const double fraction = static_cast<double>(timeUs - originUs_) / static_cast<double>(spanUs_);
    return geometry.barLeft + fraction * geometry.barWidth;
}

QRectF WaterfallView::rowRect(int hop) const {
    if (hop < 0 || hop >= hopCount()) {
        return {};
    }
    const Layout geometry = layout();
    const qreal top = geometry.margin + geometry.axisHeight + hop * geometry.rowHeight;
    return {0.0, top, static_cast<qreal>(width()), geometry.rowHeight};
}

QRectF WaterfallView::barRect(int hop) const {
    const QRectF row = rowRect(hop);
    if (row.isNull()) {
        return {};
    }
    const Layout geometry = layout();
    const HopView& span = hops_.at(hop);
    const qreal left = xForTime(geometry, span.startUs);
    const qreal right = xForTime(geometry, std::max(span.endUs, span.startUs));
    const qreal height = std::round(geometry.rowHeight * kBarHeightInRow);
    return {left, row.center().y() - height / 2, right - left, height};
}

QRectF WaterfallView::phaseRect(int hop, int phase) const {
    const QRectF bar = barRect(hop);
    if (bar.isNull() || phase < 0 || phase >= hops_.at(hop).phases.size()) {
        return {};
    }
    const Layout geometry = layout();
    const HopPhase& interval = hops_.at(hop).phases.at(phase);
    const qreal left = xForTime(geometry, interval.startUs);
    const qreal right = xForTime(geometry, std::max(interval.endUs, interval.startUs));
    const qreal width = std::max(kMinPhaseWidth, right - left);
    return {left, bar.center().y(), width, bar.height() / 2};
}

QString WaterfallView::phaseLabel(const QString& phase) {
    if (phase == QLatin1String("tls-handshake")) {
        return tr("TLS handshake");
    }
    if (phase == QLatin1String("queue")) {
        return tr("queued at the load balancer");
    }
    if (phase == QLatin1String("upstream-connect")) {
        return tr("connect to the next hop");
    }
    if (phase == QLatin1String("connect")) {
        return tr("TCP connect");
    }
    return phase;
}

int WaterfallView::hopAt(const QPointF& position) const {
    for (int i = 0; i < hopCount(); ++i) {
        if (rowRect(i).contains(position)) {
            return i;
        }
    }
    return -1;
}

QSize WaterfallView::sizeHint() const {
    return {480, minimumSizeHint().height()};
}

QSize WaterfallView::minimumSizeHint() const {
    const Layout geometry = layout();
    const qreal rows = std::max(hopCount(), 1) * geometry.rowHeight;
    const qreal height = 2 * geometry.margin + geometry.axisHeight + rows + geometry.legendHeight;
    return {240, static_cast<int>(std::ceil(height))};
}

QString WaterfallView::barLabel(const HopView& hop) const {
    QStringList parts{tr("%1 ms").arg(formatMilliseconds(hop.endUs - hop.startUs, 3))};
    if (hop.status != 0) {
        parts.append(QString::number(hop.status));
    }
    if (hop.outcome != outcome::kOk || hop.status == 0) {
        parts.append(hop.outcome);
    }
    return parts.join(QStringLiteral(" · "));
}

QString WaterfallView::rowToolTip(const HopView& hop) const {
    const QString sender = hop.peer.isEmpty() ? tr("(start)") : hop.peer;
    QString tip =
        tr("%1 → %2: %3 %4\n%5").arg(sender, hop.node, hop.method, hop.target, barLabel(hop));
    if (!hop.detail.isEmpty()) {
        QString detail = hop.detail;
        if (detail.size() > kMaxTooltipDetail) {
            detail = detail.left(kMaxTooltipDetail) + QStringLiteral("…");
        }
        tip += QLatin1Char('\n') + detail;
    }
    for (const HopPhase& phase : hop.phases) {
        tip += QLatin1Char('\n') +
               tr("%1: %2 ms")
                   .arg(phaseLabel(phase.name), formatMilliseconds(phase.endUs - phase.startUs, 3));
    }
    return tip;
}

void WaterfallView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Layout geometry = layout();

    if (hops_.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No hops recorded"));
        return;
    }

    paintLayout_ = &geometry;
    paintAxis(painter, geometry);
    for (int i = 0; i < hopCount(); ++i) {
        paintRow(painter, geometry, i);
    }
    paintLegend(painter, geometry);
    paintLayout_ = nullptr;
}

void WaterfallView::paintAxis(QPainter& painter, const Layout& geometry) const {
    const QFontMetricsF metrics(font());
    const qreal labelWidth =
        metrics.horizontalAdvance(tr("%1 ms").arg(formatMilliseconds(spanUs_, 3)));
    const int maxTicks =
        std::max(kMinTicks, static_cast<int>(geometry.barWidth / (labelWidth * kTickSpacing)));
    const qint64 step = tickStep(spanUs_, maxTicks);
    const int decimals = decimalsForStep(step);

    const qreal axisTop = geometry.margin;
    const qreal rowsBottom = rowRect(hopCount() - 1).bottom();
    QColor gridColor = palette().color(QPalette::Text);
    gridColor.setAlphaF(0.15);

    for (qint64 offset = 0; offset <= spanUs_; offset += step) {
        const qreal x = xForTime(geometry, originUs_ + offset);
        painter.setPen(QPen(gridColor, 1.0));
        painter.drawLine(QPointF(x, axisTop + geometry.axisHeight * 0.8), QPointF(x, rowsBottom));

        const QString label = tr("%1 ms").arg(formatMilliseconds(offset, decimals));
        const qreal textWidth = metrics.horizontalAdvance(label);
        const qreal left = std::min(x - textWidth / 2, width() - geometry.margin - textWidth);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(std::max(left, geometry.barLeft - textWidth / 2), axisTop,
                                textWidth, geometry.axisHeight * 0.8),
                         Qt::AlignCenter, label);
    }
}

void WaterfallView::paintRow(QPainter& painter, const Layout& geometry, int hop) const {
    const HopView& span = hops_.at(hop);
    const QRectF row = rowRect(hop);

    if (hop == selectedHop_) {
        QColor highlight = palette().color(QPalette::Highlight);
        highlight.setAlphaF(hasFocus() ? 0.28 : 0.18);
        painter.fillRect(row, highlight);
        painter.fillRect(QRectF(row.left(), row.top(), 4, row.height()),
                         palette().color(QPalette::Highlight));
    } else if (hop == hoveredHop_) {
        QColor hover = palette().color(QPalette::Text);
        hover.setAlphaF(0.06);
        painter.fillRect(row, hover);
    }

    const qreal nameLeft = geometry.margin + depths_.at(hop) * geometry.indent;
    const QRectF nameRect(nameLeft, row.top(), geometry.barLeft - nameLeft - geometry.margin / 2,
                          row.height());
    painter.setPen(palette().color(QPalette::Text));
    const QString name =
        QFontMetricsF(font()).elidedText(span.node, Qt::ElideRight, nameRect.width());
    painter.drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, name);

    QRectF bar = barRect(hop);
    if (bar.width() < kMinBarWidth) {
        bar.setWidth(kMinBarWidth);
    }
    paintBar(painter, span, bar);
    for (int phase = 0; phase < span.phases.size(); ++phase) {
        paintPhase(painter, span.phases.at(phase).name, phaseRect(hop, phase));
    }

    const qreal labelLeft = bar.right() + geometry.margin / 2;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRectF(labelLeft, row.top(), width() - labelLeft, row.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, barLabel(span));
}

void WaterfallView::paintBar(QPainter& painter, const HopView& hop, QRectF bar) const {
    const QColor color = barColor(hop);
    painter.setPen(QPen(color, 1.0));

    if (!isBlockedOrRefused(hop)) {
        painter.setBrush(color);
        painter.drawRoundedRect(bar, 2, 2);
        return;
    }

    // Refused and blocked connections are hatched and crossed, the way the diagram bursts
    // them into a cross, so that they differ from other errors without relying on colour.
    painter.setBrush(QBrush(color, Qt::BDiagPattern));
    painter.drawRect(bar);

    const qreal arm = bar.height() / 2;
    const QPointF centre(bar.left() + std::min(arm, bar.width() / 2), bar.center().y());
    painter.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm));
    painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm));
    painter.setBrush(Qt::NoBrush);
}

void WaterfallView::paintPhase(QPainter& painter, const QString& phase, QRectF segment) const {
    const PhaseStyle style = phaseStyle(phase);
    painter.setPen(QPen(style.color.darker(160), 1.0));
    painter.setBrush(QBrush(style.color, style.brush));
    painter.drawRect(segment);
    painter.setBrush(Qt::NoBrush);
}

QList<WaterfallView::LegendEntry> WaterfallView::legendEntries() const {
    HopView ok;
    ok.outcome = outcome::kOk;
    ok.protocol = QStringLiteral("http");
    HopView error = ok;
    error.outcome = outcome::kError;
    HopView refused = ok;
    refused.outcome = outcome::kRefused;
    HopView dns = ok;
    dns.protocol = QStringLiteral("dns");

    QList<LegendEntry> entries{
        {ok, {}, tr("ok")},
        {error, {}, tr("error, timeout or 5xx")},
        {refused, {}, tr("refused or blocked")},
        {dns, {}, tr("DNS")},
    };
    QStringList phases;
    for (const HopView& hop : hops_) {
        for (const HopPhase& phase : hop.phases) {
            if (!phases.contains(phase.name)) {
                phases.append(phase.name);
            }
        }
    }
    for (const QString& phase : phases) {
        entries.append({ok, phase, phaseLabel(phase)});
    }
    return entries;
}

qreal WaterfallView::legendEntryWidth(const LegendEntry& entry, qreal margin) const {
    const QFontMetricsF metrics(font());
    return swatchSize().width() + margin / 2 + metrics.horizontalAdvance(entry.label) +
           margin * 1.5;
}

QSizeF WaterfallView::swatchSize() const {
    const qreal height = std::round(QFontMetricsF(font()).height() * 0.7);
    return {height * 1.8, height};
}

int WaterfallView::legendLineCount(qreal margin) const {
    int lines = 1;
    qreal x = margin;
    for (const LegendEntry& entry : legendEntries()) {
        const qreal entryWidth = legendEntryWidth(entry, margin);
        if (x > margin && x + entryWidth > width()) {
            ++lines;
            x = margin;
        }
        x += entryWidth;
    }
    return lines;
}

void WaterfallView::paintLegend(QPainter& painter, const Layout& geometry) const {
    const qreal lineHeight = geometry.legendHeight / legendLineCount(geometry.margin);
    qreal top = rowRect(hopCount() - 1).bottom() + geometry.margin / 2;
    qreal x = geometry.margin;

    for (const LegendEntry& entry : legendEntries()) {
        const qreal entryWidth = legendEntryWidth(entry, geometry.margin);
        if (x > geometry.margin && x + entryWidth > width()) {
            top += lineHeight;
            x = geometry.margin;
        }

        const QSizeF swatch = swatchSize();
        const QRectF swatchRect(QPointF(x, top + (lineHeight - swatch.height()) / 2), swatch);
        if (entry.phase.isEmpty()) {
            paintBar(painter, entry.hop, swatchRect);
        } else {
            paintPhase(painter, entry.phase, swatchRect);
        }
        const qreal textLeft = x + swatch.width() + geometry.margin / 2;
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(textLeft, top, width() - textLeft, lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, entry.label);
        x += entryWidth;
    }
}

void WaterfallView::mousePressEvent(QMouseEvent* event) {
    const int hop = hopAt(event->position());
    if (event->button() == Qt::LeftButton && hop >= 0) {
        setSelectedHop(hop);
        return;
    }
    QWidget::mousePressEvent(event);
}

void WaterfallView::mouseMoveEvent(QMouseEvent* event) {
    const int hop = hopAt(event->position());
    if (hop != hoveredHop_) {
        hoveredHop_ = hop;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void WaterfallView::leaveEvent(QEvent* event) {
    hoveredHop_ = -1;
    update();
    QWidget::leaveEvent(event);
}

void WaterfallView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Up:
            setSelectedHop(std::max(0, selectedHop_ - 1));
            return;
        case Qt::Key_Down:
            setSelectedHop(std::min(hopCount() - 1, selectedHop_ + 1));
            return;
        case Qt::Key_Home:
            setSelectedHop(hopCount() > 0 ? 0 : -1);
            return;
        case Qt::Key_End:
            setSelectedHop(hopCount() - 1);
            return;
        default:
            QWidget::keyPressEvent(event);
    }
}

bool WaterfallView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int hop = hopAt(help->pos());
        if (hop < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QToolTip::showText(help->globalPos(), rowToolTip(hops_.at(hop)), this,
                           rowRect(hop).toRect());
        return true;
    }
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
    }
    return QWidget::event(event);
}

}  // namespace wsl
