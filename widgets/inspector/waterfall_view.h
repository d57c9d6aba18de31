#pragma once

#include <QWidget>

#include "request_types.h"

namespace wsl {

// The hops of one request as bars on a shared time axis, one row per hop, indented under the
// hop that sent them. A bar spans the hop's real start and end on the engine clock and is
// coloured by outcome: blue when ok, vermillion on error, hatched and crossed when the
// connection was refused or blocked, pink for DNS. A hop's phases (TLS handshake, queue,
// connects) are drawn in the lower half of its bar, each with its own colour and pattern, and
// listed in the row's tooltip. A label beside each bar gives the duration and the status or
// outcome, so colour is never the only signal. Clicking a row, or Up and Down, selects a hop.
class WaterfallView : public QWidget {
    Q_OBJECT

public:
    explicit WaterfallView(QWidget* parent = nullptr);

    // Shows `hops` and selects `selectedHop`, or no hop when it is out of range.
    void setHops(const QList<HopView>& hops, int selectedHop = 0);
    void clear();
    int hopCount() const { return static_cast<int>(hops_.size()); }

    int selectedHop() const { return selectedHop_; }  // -1 when no hop is selected
    void setSelectedHop(int hop);

    // The bar of `hop` in widget coordinates, exactly proportional to its start and duration.
    // Painting widens bars narrower than kMinBarWidth so that they stay visible.
    QRectF barRect(int hop) const;
    QRectF rowRect(int hop) const;
    // The segment of phase `phase` of `hop`, in the lower half of its bar. Null when out of range.
    QRectF phaseRect(int hop, int phase) const;
    // The translated name of a phase, e.g. "TLS handshake" for "tls-handshake".
    static QString phaseLabel(const QString& phase);
    int hopAt(const QPointF& position) const;  // -1 outside the rows

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr qreal kMinBarWidth = 3.0;

signals:
    // Emitted when the selected hop changes, by the user or by setSelectedHop().
    void hopSelected(int hop);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    // Positions derived from the font and the widget's width.
    struct Layout {
        qreal margin = 0;
        qreal rowHeight = 0;
        qreal axisHeight = 0;
        qreal legendHeight = 0;
        qreal indent = 0;
        qreal barLeft = 0;
        qreal barWidth = 0;
    };
    struct LegendEntry {
        HopView hop;    // a sample hop drawn as the swatch
        QString phase;  // when set, the swatch is this phase's segment instead
        QString label;
    };

    Layout layout() const;
    // The outcome entries, then one per phase name that the shown hops contain.
    QList<LegendEntry> legendEntries() const;
    qreal legendEntryWidth(const LegendEntry& entry, qreal margin) const;
    QSizeF swatchSize() const;
    int legendLineCount(qreal margin) const;
    qreal xForTime(const Layout& layout, qint64 timeUs) const;
    QString barLabel(const HopView& hop) const;
    QString rowToolTip(const HopView& hop) const;

    void paintAxis(QPainter& painter, const Layout& layout) const;
    void paintRow(QPainter& painter, const Layout& layout, int hop) const;
    void paintBar(QPainter& painter, const HopView& hop, QRectF bar) const;
    void paintPhase(QPainter& painter, const QString& phase, QRectF segment) const;
    void paintLegend(QPainter& painter, const Layout& layout) const;

    QList<HopView> hops_;
    QList<int> depths_;
    qint64 originUs_ = 0;  // start of the earliest hop
    qint64 spanUs_ = 1;    // from the earliest start to the latest end, at least 1
    int selectedHop_ = -1;
    int hoveredHop_ = -1;
    // The layout of the paint in progress, which layout() returns instead of measuring every
    // hop's text again for each row, bar and phase. Null outside paintEvent().
    const Layout* paintLayout_ = nullptr;
};

}  // namespace wsl
