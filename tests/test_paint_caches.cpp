// Checks that cached painting shows what uncached painting shows, and follows changes to the
// painted state: the request list's cell text and the diagram's packet sprites.

#include <QBrush>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include "diagram_style.h"
#include "inspector/cached_text_delegate.h"
#include "packet_sprites.h"

using namespace wsl;

namespace {

constexpr QSize kTableSize(360, 200);
// The diagram is scaled to fit its view, so sprites are checked at a scale that is not 1.
constexpr qreal kViewScale = 1.7;
constexpr QSize kPacketImageSize(60, 60);
const QPointF kPacketCentre(17.3, 17.6);  // scene units, off the pixel grid

QStandardItemModel* requestModel(QObject* parent) {
    auto* model = new QStandardItemModel(0, 3, parent);
    const auto addRow = [model](const QString& url, const QString& status, bool failed) {
        auto* statusItem = new QStandardItem(status);
        statusItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (failed) {
            statusItem->setForeground(diagram_style::errorColor());
        }
        model->appendRow(
            {new QStandardItem(QStringLiteral("GET")), new QStandardItem(url), statusItem});
    };
    addRow(QStringLiteral("/"), QStringLiteral("200"), false);
    addRow(QStringLiteral("/api/messages/with/a/path/far/too/long/for/its/column?page=2"),
           QStringLiteral("503"), true);
    addRow(QStringLiteral("/static/style.css"), QStringLiteral("304"), false);
    return model;
}

QTableView* tableOver(QAbstractItemModel* model, QWidget* parent) {
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setColumnWidth(0, 60);
    table->setColumnWidth(1, 180);
    table->setColumnWidth(2, 70);
    table->resize(kTableSize);
    return table;
}

QImage packetImage(LegKind kind, const QColor& outline, PacketSprites* sprites) {
    QImage image(kPacketImageSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(kViewScale, kViewScale);
    if (sprites != nullptr) {
        sprites->paint(&painter, kind, kPacketCentre, outline);
    } else {
        painter.setPen(QPen(outline, 2.0));
        painter.setBrush(diagram_style::packetColor(kind));
        painter.drawPath(packetShape(kind, kPacketCentre));
    }
    return image;
}

// Returns the largest difference of one colour channel between two images of one size.
int maxChannelDifference(const QImage& a, const QImage& b) {
    int largest = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            largest = std::max({largest, std::abs(qRed(p) - qRed(q)),
                                std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
        }
    }
    return largest;
}

// Returns how many pixels of `image` are close to `color`.
int pixelsNear(const QImage& image, const QColor& color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - color.red()) + std::abs(pixel.green() - color.green()) +
                    std::abs(pixel.blue() - color.blue()) <
                24) {
                ++count;
            }
        }
    }
    return count;
}

}  // namespace

class PaintCachesTest : public QObject {
    Q_OBJECT

private slots:
    void cachedCellsMatchStockDelegate();
    void cachedCellShowsChangedText();
    void packetSpriteMatchesPath_data();
    void packetSpriteMatchesPath();
    void packetSpriteFollowsOutlineColour();
};

void PaintCachesTest::cachedCellsMatchStockDelegate() {
    QWidget window;
    auto* model = requestModel(&window);
    QTableView* stock = tableOver(model, &window);
    QTableView* cached = tableOver(model, &window);
    auto* delegate = new CachedTextDelegate(cached);
    cached->setItemDelegate(delegate);
    // A selected row shows the highlighted text colour, and the error colour stays on others.
    stock->selectRow(2);
    cached->selectRow(2);

    const QImage expected = stock->viewport()->grab().toImage();
    const QImage actual = cached->viewport()->grab().toImage();

    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(maxChannelDifference(actual, expected), 0);
    // "GET" is laid out once for its three cells.
    QCOMPARE(delegate->cachedTexts(), 7);
}

void PaintCachesTest::cachedCellShowsChangedText() {
    QWidget window;
    auto* model = requestModel(&window);
    QTableView* stock = tableOver(model, &window);
    QTableView* cached = tableOver(model, &window);
    cached->setItemDelegate(new CachedTextDelegate(cached));
    cached->viewport()->grab();  // fills the cache with the old texts

    model->item(0, 2)->setText(QStringLiteral("502"));
    model->item(0, 2)->setForeground(diagram_style::errorColor());

    const QImage expected = stock->viewport()->grab().toImage();
    const QImage actual = cached->viewport()->grab().toImage();
    QCOMPARE(maxChannelDifference(actual, expected), 0);
}

void PaintCachesTest::packetSpriteMatchesPath_data() {
    QTest::addColumn<LegKind>("kind");
    QTest::newRow("request") << LegKind::Request;
    QTest::newRow("response") << LegKind::Response;
    QTest::newRow("error response") << LegKind::ErrorResponse;
    QTest::newRow("DNS query") << LegKind::DnsQuery;
}

void PaintCachesTest::packetSpriteMatchesPath() {
    QFETCH(LegKind, kind);
    PacketSprites sprites;

    const QImage expected = packetImage(kind, Qt::white, nullptr);
    const QImage actual = packetImage(kind, Qt::white, &sprites);

    // A sprite lands on whole device pixels, so its antialiased edge may differ from the
    // path's by up to a pixel, but the shape and colours stay.
    const QColor fill = diagram_style::packetColor(kind);
    const int expectedFill = pixelsNear(expected, fill);
    QVERIFY2(expectedFill > 100, qPrintable(QString::number(expectedFill)));
    QVERIFY2(std::abs(pixelsNear(actual, fill) - expectedFill) <= expectedFill / 8,
             qPrintable(QStringLiteral("%1 fill pixels drawn, %2 expected")
                            .arg(pixelsNear(actual, fill))
                            .arg(expectedFill)));
    QCOMPARE(sprites.renderedSprites(), 1);
}

void PaintCachesTest::packetSpriteFollowsOutlineColour() {
    PacketSprites sprites;
    const QColor dark(0x20, 0x20, 0x20);  // a dark palette's Base colour

    packetImage(LegKind::Request, Qt::white, &sprites);
    const QImage darkOutline = packetImage(LegKind::Request, dark, &sprites);

    const QImage expected = packetImage(LegKind::Request, dark, nullptr);
    QVERIFY(pixelsNear(expected, dark) > 20);
    QVERIFY2(std::abs(pixelsNear(darkOutline, dark) - pixelsNear(expected, dark)) <=
                 pixelsNear(expected, dark) / 4,
             qPrintable(QStringLiteral("%1 outline pixels drawn, %2 expected")
                            .arg(pixelsNear(darkOutline, dark))
                            .arg(pixelsNear(expected, dark))));
    QCOMPARE(sprites.renderedSprites(), 2);
}

QTEST_MAIN(PaintCachesTest)
#include "test_paint_caches.moc"
