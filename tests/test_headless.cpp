#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

#include "test_support.h"

using namespace wsl::test;

// The real executable in headless mode: it lists its services, serves them, and stops
// cleanly on SIGINT or SIGTERM, leaving no port bound.
class HeadlessTest : public QObject {
    Q_OBJECT

private slots:
    void servesUntilSignalled_data();
    void servesUntilSignalled();
    void invalidAdminPortIsRejected();
};

void HeadlessTest::servesUntilSignalled_data() {
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGINT") << SIGINT;
}

void HeadlessTest::servesUntilSignalled() {
    QFETCH(int, signal);
    QProcess process;
    process.start(WEBSTACK_EXECUTABLE, {"--headless", "--admin-port", "0"});
    QVERIFY(process.waitForStarted());

    // One line per service: the admin interface comes last.
    QString listing;
    QTRY_VERIFY_WITH_TIMEOUT((listing += process.readAllStandardOutput()).contains("admin "),
                             10000);
    const QRegularExpression lbLine(R"(^lb-1\s+load-balancer\s+http://([\d.]+):(\d+)$)",
                                    QRegularExpression::MultilineOption);
    const auto match = lbLine.match(listing);
    QVERIFY2(match.hasMatch(), qPrintable(listing));
    QVERIFY(listing.contains(QRegularExpression(R"(^dns-1\s+dns\s+udp://127\.0\.0\.53:\d+$)",
                                                QRegularExpression::MultilineOption)));
    const auto address = match.captured(1).toStdString();
    const auto port = static_cast<std::uint16_t>(match.captured(2).toUInt());

    const auto reply = httpRequest(address, port, "GET", "/");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("x-served-by").starts_with("web-"));

    ::kill(static_cast<pid_t>(process.processId()), signal);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(httpRequest(address, port, "GET", "/").error, std::string("Connection refused"));
}

void HeadlessTest::invalidAdminPortIsRejected() {
    QProcess process;
    process.start(WEBSTACK_EXECUTABLE, {"--headless", "--admin-port", "http"});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("invalid --admin-port"));
}

QTEST_GUILESS_MAIN(HeadlessTest)
#include "test_headless.moc"
