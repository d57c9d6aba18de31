#include "diagram_style.h"

#include <QFontDatabase>

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
    return sizedFont(QFont(), 12, QFont::Bold);
}

QFont packetLabelFont() {
    return sizedFont(QFont(), 12, QFont::DemiBold);
}

QFont bandLabelFont() {
    return sizedFont(QFont(), 14, QFont::DemiBold);
}

}  // namespace wsl::diagram_style
