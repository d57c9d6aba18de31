#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
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
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();
    void exportWritesHarWithoutOverwriting();
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

void HeadlessTest::helpAndVersionNeedNoDisplay_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("--help") << "--help" << QByteArray("Usage:");
    QTest::newRow("-h") << "-h" << QByteArray("--topology");
    QTest::newRow("--version") << "--version" << QByteArray(WEBSTACK_VERSION);
}

// Run as over SSH: no display and no platform chosen, so a window could not open.
void HeadlessTest::helpAndVersionNeedNoDisplay() {
    QFETCH(QString, option);
    QFETCH(QByteArray, expected);
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove("DISPLAY");
    environment.remove("WAYLAND_DISPLAY");
    environment.remove("QT_QPA_PLATFORM");
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(WEBSTACK_EXECUTABLE, {option});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains(expected));
}

void HeadlessTest::exportWritesHarWithoutOverwriting() {
    QProcess server;
    server.start(WEBSTACK_EXECUTABLE, {"--headless", "--admin-port", "0"});
    QVERIFY(server.waitForStarted());
    QString listing;
    QTRY_VERIFY_WITH_TIMEOUT((listing += server.readAllStandardOutput()).contains("admin "), 10000);
    const auto adminPort = QRegularExpression(R"(^admin\s+admin\s+http://127\.0\.0\.1:(\d+)$)",
                                              QRegularExpression::MultilineOption)
                               .match(listing)
                               .captured(1);
    const auto lb = QRegularExpression(R"(^lb-1\s+load-balancer\s+http://([\d.]+):(\d+)$)",
                                       QRegularExpression::MultilineOption)
                        .match(listing);
    QVERIFY(!adminPort.isEmpty());
    QCOMPARE(httpRequest(lb.captured(1).toStdString(),
                         static_cast<std::uint16_t>(lb.captured(2).toUInt()), "GET", "/")
                 .status,
             200);

    QTemporaryDir folder;
    const auto path = folder.filePath("requests.har");
    QProcess exporter;
    exporter.start(WEBSTACK_EXECUTABLE, {"--export-har", path, "--admin-port", adminPort});
    QVERIFY(exporter.waitForFinished(10000));
    QCOMPARE(exporter.exitCode(), 0);
    QFile har(path);
    QVERIFY(har.open(QIODevice::ReadOnly));
    const auto written = har.readAll();
    QVERIFY(written.contains("\"version\": \"1.2\""));
    QVERIFY(written.contains("X-Served-By"));

    // A second export to the same file leaves it as it was.
    exporter.start(WEBSTACK_EXECUTABLE, {"--export-har", path, "--admin-port", adminPort});
    QVERIFY(exporter.waitForFinished(10000));
    QCOMPARE(exporter.exitCode(), 1);
    QVERIFY(exporter.readAllStandardError().contains("already exists"));
    har.seek(0);
    QCOMPARE(har.readAll(), written);

    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
    QVERIFY(server.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(HeadlessTest)
#include "test_headless.moc"
