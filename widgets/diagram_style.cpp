#include "diagram_style.h"

#include <algorithm>

#include <QFontDatabase>
#include <QFontMetricsF>

namespace wsl::diagram_style {

QColor packetColor(LegKind kind) {
    switch (kind) {
        case LegKind::Request:
        case LegKind::Refused:
            return requestColor();
        case LegKind::Response:
            return responseColor();
        case LegKind::ErrorResponse:
            return errorColor();
        case LegKind::DnsQuery:
        case LegKind::DnsResponse:
            return dnsColor();
        case LegKind::Metrics:
            return metricsColor();
    }
    return requestColor();
}

QSizeF nodeSize(NodeRole role) {
    return role == NodeRole::Firewall ? kFirewallSize : kNodeSize;
}

QColor mix(const QColor& from, const QColor& to, qreal amount) {
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(
        from.redF() * keep + to.redF() * amount, from.greenF() * keep + to.greenF() * amount,
        from.blueF() * keep + to.blueF() * amount, from.alphaF() * keep + to.alphaF() * amount);
}

namespace {

QFont sizedFont(QFont font, int pixelSize, QFont::Weight weight) {
    font.setPixelSize(pixelSize);
    font.setWeight(weight);
    return font;
}

}  // namespace

QFont nodeNameFont() {
    return sizedFont(QFont(), 15, QFont::DemiBold);
}

QFont addressFont() {
    return sizedFont(QFontDatabase::systemFont(QFontDatabase::FixedFont), 12, QFont::Normal);
}

QFont badgeFont() {
    QFont font = sizedFont(QFont(), 12, QFont::Bold);
    // Hinted glyphs at the diagram's reduced scale are wider than the scaled measurement, and
    // the text would overflow the label measured for it.
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

QFont packetLabelFont() {
    return sizedFont(QFont(), 12, QFont::DemiBold);
}

QFont bandLabelFont() {
    return sizedFont(QFont(), 14, QFont::DemiBold);
}

QFont fittedFont(QFont font, const QString& text, const QRectF& rect, int flags) {
    // A font may be sized in pixels, and then it has no point size.
    const bool points = font.pointSizeF() > 0;
    const qreal full = points ? font.pointSizeF() : font.pixelSize();
    for (qreal scale = 1.0; scale >= 0.7; scale -= 0.05) {
        if (points) {
            font.setPointSizeF(full * scale);
        } else {
            font.setPixelSize(std::max(1, static_cast<int>(full * scale)));
        }
        const QRectF needed = QFontMetricsF(font).boundingRect(rect, flags, text);
        if (needed.width() <= rect.width() && needed.height() <= rect.height()) {
            break;
        }
    }
    return font;
}

}  // namespace wsl::diagram_style
