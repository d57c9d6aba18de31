// Checks that a count label changing under load keeps its window's layout still, and still
// shows its whole text.

#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QTest>

#include "count_label.h"

using namespace wsl;

namespace {

// Counts the layout requests a widget receives.
class LayoutRequestCounter : public QObject {
public:
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::LayoutRequest) {
            ++count;
        }
        return QObject::eventFilter(watched, event);
    }
};

}  // namespace

class CountLabelTest : public QObject {
    Q_OBJECT

private slots:
    void sameWidthCountKeepsLayout();
    void longerCountGrowsLabel();
    void smallerFontShrinksLabel();
};

void CountLabelTest::sameWidthCountKeepsLayout() {
    QWidget window;
    auto* layout = new QHBoxLayout(&window);
    auto* label = new CountLabel;
    layout->addWidget(label);
    layout->addStretch();
    label->setCount(QStringLiteral("Requests: 10"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    LayoutRequestCounter counter;
    window.installEventFilter(&counter);

    for (int count = 11; count < 100; ++count) {
        label->setCount(QStringLiteral("Requests: %1").arg(count));
        QCoreApplication::processEvents();
    }

    QCOMPARE(label->text(), QStringLiteral("Requests: 99"));
    QCOMPARE(counter.count, 0);
}

void CountLabelTest::longerCountGrowsLabel() {
    QWidget window;
    auto* layout = new QHBoxLayout(&window);
    auto* label = new CountLabel;
    layout->addWidget(label);
    layout->addStretch();
    label->setCount(QStringLiteral("Requests: 9"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int shortWidth = label->width();

    label->setCount(QStringLiteral("Requests: 1234567"));

    QTRY_VERIFY_WITH_TIMEOUT(label->width() >= label->sizeHint().width(), 5000);
    QVERIFY(label->width() > shortWidth);
}

void CountLabelTest::smallerFontShrinksLabel() {
    CountLabel label;
    QFont large = label.font();
    large.setPointSizeF(large.pointSizeF() * 2);
    label.setFont(large);
    label.setCount(QStringLiteral("Requests: 1234567"));
    const QSize largeSize = label.size();

    QFont small = large;
    small.setPointSizeF(large.pointSizeF() / 2);
    label.setFont(small);

    QVERIFY2(label.width() < largeSize.width(),
             qPrintable(QStringLiteral("%1 px wide at %2 pt, %3 px at %4 pt")
                            .arg(label.width())
                            .arg(small.pointSizeF())
                            .arg(largeSize.width())
                            .arg(large.pointSizeF())));
    QCOMPARE(label.size(), label.sizeHint());
}

QTEST_MAIN(CountLabelTest)
#include "test_count_label.moc"
