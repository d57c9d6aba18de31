#include "node_icons.h"

#include <QHash>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include "diagram_logging.h"

namespace wsl {

namespace {

// Bounds the cache when the view is zoomed through many sizes or the palette changes often.
constexpr qsizetype kMaxCachedIcons = 256;

QPixmap renderTinted(NodeRole role, const QColor& color, int pixelSize) {
    QSvgRenderer renderer(iconResourcePath(role));
    if (!renderer.isValid()) {
        qCWarning(lcDiagram) << "Icon" << iconResourcePath(role)
                             << "is missing or invalid, so the node is drawn without an icon";
        return {};
    }

    QImage image(pixelSize, pixelSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);

    // Keep the icon's shape and coverage but replace its colour.
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(image.rect(), color);
    painter.end();
    return QPixmap::fromImage(std::move(image));
}

}  // namespace

QString iconResourcePath(NodeRole role) {
    switch (role) {
        case NodeRole::Client:
            return QStringLiteral(":/icons/client.svg");
        case NodeRole::ExternalClient:
            return QStringLiteral(":/icons/external-client.svg");
        case NodeRole::Dns:
            return QStringLiteral(":/icons/dns.svg");
        case NodeRole::LoadBalancer:
            return QStringLiteral(":/icons/load-balancer.svg");
        case NodeRole::WebServer:
            return QStringLiteral(":/icons/web-server.svg");
        case NodeRole::AppServer:
            return QStringLiteral(":/icons/app-server.svg");
        case NodeRole::Database:
            return QStringLiteral(":/icons/database.svg");
        case NodeRole::Collector:
            return QStringLiteral(":/icons/collector.svg");
        case NodeRole::Firewall:
            return QStringLiteral(":/icons/firewall.svg");
    }
    return {};
}

QPixmap tintedIcon(NodeRole role, const QColor& color, int pixelSize) {
    static QHash<QString, QPixmap> cache;

    const QString key =
        QStringLiteral("%1/%2/%3").arg(static_cast<int>(role)).arg(color.rgba()).arg(pixelSize);
    const auto found = cache.constFind(key);
    if (found != cache.constEnd()) {
        return *found;
    }

    if (cache.size() >= kMaxCachedIcons) {
        cache.clear();
    }
    const QPixmap pixmap = renderTinted(role, color, pixelSize);
    cache.insert(key, pixmap);
    return pixmap;
}

}  // namespace wsl
