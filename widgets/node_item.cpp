#include "node_item.h"

#include <QCoreApplication>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <algorithm>
#include <cmath>

#include "diagram_style.h"
#include "node_icons.h"

namespace wsl {

namespace {

namespace style = diagram_style;

constexpr qreal kSelectionGap = 5.0;
constexpr qreal kSelectionWidth = 3.0;
constexpr qreal kBadgeHeight = 20.0;
constexpr qreal kIconTop = 10.0;  // from the top of the box
constexpr qreal kTextPadding = 8.0;

}  // namespace

NodeItem::NodeItem(const DiagramNode& node, const QString& label, QGraphicsItem* parent)
    : QGraphicsItem(parent), node_(node), label_(label) {
    setFlag(ItemIsSelectable);
    setCursor(Qt::PointingHandCursor);

    // The box repaints only on state, selection and palette changes, while packets move over
    // it sixty times a second.
    setCacheMode(DeviceCoordinateCache);
    updateToolTip();
}

QRectF NodeItem::boxRect() const {
    const QSizeF size = style::nodeSize(node_.role);
    return QRectF(QPointF(-size.width() / 2, -size.height() / 2), size);
}

QRectF NodeItem::iconRect() const {
    const QRectF box = boxRect();
    return QRectF(-style::kIconSize / 2, box.top() + kIconTop, style::kIconSize, style::kIconSize);
}

QRectF NodeItem::boundingRect() const {
    // The badge straddles the top edge and the selection ring surrounds the box.
    const qreal ring = kSelectionGap + kSelectionWidth;
    return boxRect().adjusted(-ring, -std::max(ring, kBadgeHeight / 2 + 1), ring, ring);
}

void NodeItem::setHealth(NodeHealth health, const QString& detail) {
    if (health == health_ && detail == healthDetail_) {
        return;
    }
    health_ = health;
    healthDetail_ = detail;
    updateToolTip();
    update();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    paintBox(painter, option->state.testFlag(QStyle::State_Selected));
    paintIcon(painter);
    paintText(painter);
    if (health_ == NodeHealth::Down) {
        paintDownCross(painter);
    }
    paintBadge(painter);
}

QPalette NodeItem::palette() const {
    return scene() ? scene()->palette() : QPalette();
}

QColor NodeItem::foregroundColor() const {
    const QPalette colors = palette();
    const QColor text = colors.color(QPalette::Text);
    return health_ == NodeHealth::Down ? style::mix(text, colors.color(QPalette::Base), 0.55)
                                       : text;
}

QString NodeItem::badgeText() const {
    switch (health_) {
        case NodeHealth::Up:
            return {};
        case NodeHealth::GoingDown:
            return QStringLiteral("↓ %1").arg(healthDetail_).trimmed();
        case NodeHealth::GoingUp:
            return QStringLiteral("↑ %1").arg(healthDetail_).trimmed();
        case NodeHealth::Down:
            return QCoreApplication::translate("DiagramNode", "DOWN");
        case NodeHealth::Maintenance:
            return healthDetail_;
    }
    return {};
}

void NodeItem::updateToolTip() {
    QString state = displayName(health_);
    if (!healthDetail_.isEmpty()) {
        state =
            QCoreApplication::translate("DiagramNode", "%1 (%2 checks)").arg(state, healthDetail_);
    }

    QStringList lines{QStringLiteral("<b>%1</b>").arg(label_.toHtmlEscaped()),
                      displayName(node_.role)};
    if (!node_.address.isEmpty()) {
        lines.append(QStringLiteral("<tt>%1</tt>").arg(node_.address.toHtmlEscaped()));
    }
    if (!node_.protects.isEmpty()) {
        lines.append(QCoreApplication::translate("DiagramNode", "In front of %1")
                         .arg(node_.protects.toHtmlEscaped()));
    }
    if (node_.role == NodeRole::Database) {
        lines.append(node_.replica ? QCoreApplication::translate("DiagramNode", "Replica")
                                   : QCoreApplication::translate("DiagramNode", "Primary"));
    }
    lines.append(QCoreApplication::translate("DiagramNode", "State: %1").arg(state));
    setToolTip(lines.join(QStringLiteral("<br>")));
}

void NodeItem::paintBox(QPainter* painter, bool selected) const {
    const QPalette colors = palette();
    const QColor base = colors.color(QPalette::Base);
    const QColor text = colors.color(QPalette::Text);

    if (selected) {
        const qreal gap = kSelectionGap;
        painter->setPen(QPen(colors.color(QPalette::Highlight), kSelectionWidth));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(boxRect().adjusted(-gap, -gap, gap, gap),
                                 style::kNodeCornerRadius + gap, style::kNodeCornerRadius + gap);
    }

    QPen outline(style::mix(text, base, 0.6), 1.5);
    QBrush fill(base);
    switch (health_) {
        case NodeHealth::Up:
            break;
        case NodeHealth::GoingDown:
        case NodeHealth::GoingUp:
            outline = QPen(style::transitionColor(), 3.0, Qt::DashLine, Qt::RoundCap);
            outline.setDashPattern({3.0, 1.6});
            break;
        case NodeHealth::Down:
            outline = QPen(style::mix(text, base, 0.7), 1.5, Qt::DashLine);
            fill = QBrush(style::mix(base, text, 0.1));
            break;
        case NodeHealth::Maintenance:
            outline = QPen(style::maintenanceColor(), 3.0, Qt::DotLine, Qt::RoundCap);
            break;
    }
    painter->setPen(outline);
    painter->setBrush(fill);
    painter->drawRoundedRect(boxRect(), style::kNodeCornerRadius, style::kNodeCornerRadius);
}

void NodeItem::paintIcon(QPainter* painter) const {
    // Render at the size the icon will cover on the device, so that it stays sharp at any zoom
    // and on high-DPI screens.
    const qreal deviceScale = std::sqrt(std::abs(painter->worldTransform().determinant())) *
                              painter->device()->devicePixelRatioF();
    const int pixelSize = std::clamp(qCeil(style::kIconSize * deviceScale), 8, 512);

    const QPixmap icon = tintedIcon(node_.role, foregroundColor(), pixelSize);
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawPixmap(iconRect(), icon, QRectF(icon.rect()));
    painter->restore();
}

void NodeItem::paintText(QPainter* painter) const {
    const QRectF box = boxRect();
    const qreal textTop = iconRect().bottom() + 4;
    const qreal width = box.width() - 2 * kTextPadding;
    const QColor foreground = foregroundColor();

    // A small box has room for its name only, in the narrower monospace font.
    if (isSmall()) {
        const QFont monoFont = style::addressFont();
        const QFontMetricsF monoMetrics(monoFont);
        const qreal smallWidth = box.width() - kTextPadding;
        painter->setFont(monoFont);
        painter->setPen(foreground);
        painter->drawText(QRectF(-smallWidth / 2, textTop, smallWidth, monoMetrics.height()),
                          Qt::AlignCenter,
                          monoMetrics.elidedText(label_, Qt::ElideMiddle, smallWidth));
        return;
    }

    const QFont nameFont = style::nodeNameFont();
    const QFontMetricsF nameMetrics(nameFont);
    painter->setFont(nameFont);
    painter->setPen(foreground);

    // A node without an address, such as the external client, may use two lines for its label.
    if (node_.address.isEmpty()) {
        const QRectF labelRect(box.left() + kTextPadding, textTop, width,
                               box.bottom() - textTop - 4);
        const int flags = Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextWordWrap;
        painter->setFont(style::fittedFont(nameFont, label_, labelRect, flags));
        painter->drawText(labelRect, flags, label_);
        return;
    }

    const QRectF nameRect(box.left() + kTextPadding, textTop, width, nameMetrics.height());
    const QFont fitted = style::fittedFont(nameFont, label_, nameRect, Qt::AlignCenter);
    painter->setFont(fitted);
    painter->drawText(nameRect, Qt::AlignCenter,
                      QFontMetricsF(fitted).elidedText(label_, Qt::ElideRight, width));

    const QFont monoFont = style::addressFont();
    const QFontMetricsF monoMetrics(monoFont);
    const QRectF addressRect(nameRect.left(), nameRect.bottom() + 1, width, monoMetrics.height());
    painter->setFont(monoFont);
    painter->setPen(style::mix(foreground, palette().color(QPalette::Base), 0.25));
    painter->drawText(addressRect, Qt::AlignCenter,
                      monoMetrics.elidedText(node_.address, Qt::ElideMiddle, width));
}

void NodeItem::paintDownCross(QPainter* painter) const {
    const qreal reach = style::kIconSize / 2 + 4;
    const QPointF centre = iconRect().center();
    painter->setPen(QPen(style::errorColor(), 4.0, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(centre + QPointF(-reach, -reach), centre + QPointF(reach, reach));
    painter->drawLine(centre + QPointF(-reach, reach), centre + QPointF(reach, -reach));
}

void NodeItem::paintBadge(QPainter* painter) const {
    const QString text = badgeText();
    if (text.isEmpty()) {
        return;
    }

    const QFont font = style::badgeFont();
    const qreal width = QFontMetricsF(font).horizontalAdvance(text) + 14;
    const QRectF box = boxRect();
    const qreal right = isSmall() ? box.center().x() + width / 2 : box.right() - 8;
    const QRectF badge(right - width, box.top() - kBadgeHeight / 2, width, kBadgeHeight);

    // Black text keeps a contrast ratio above 5:1 on amber, vermillion and sky blue.
    const bool down = health_ == NodeHealth::Down;
    painter->setPen(Qt::NoPen);
    const bool maintenance = health_ == NodeHealth::Maintenance;
    painter->setBrush(down          ? style::errorColor()
                      : maintenance ? style::maintenanceColor()
                                    : style::transitionColor());
    painter->drawRoundedRect(badge, kBadgeHeight / 2, kBadgeHeight / 2);
    painter->setFont(font);
    painter->setPen(Qt::black);
    painter->drawText(badge, Qt::AlignCenter, text);
}

}  // namespace wsl
