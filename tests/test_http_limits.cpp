#include <QtTest>

#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http_types.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

// Every HTTP node's named limits, checked on a web server over real sockets.
class HttpLimitsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void oversizedHeaderGets431();
    void oversizedBodyGets413();
    void slowHeaderSenderIsCutOff();
    void slowKeptAliveSenderIsCutOff();
    void idleKeptAliveConnectionIsClosed();
    void malformedRequestGets400();
    void pathOutsideSiteRootIsNotServed();
    void keepAliveServesSeveralRequests();
    void connectionBeyondLimitGets503();

private:
    std::string send(const std::string& bytes,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

    std::unique_ptr<Engine> engine_;
};

void HttpLimitsTest::init() {
    auto options = testEngineOptions();
    // Short, so that the slow sender is cut off quickly; long where idle connections must
    // stay open for the test to hold them.
    const bool holdsIdleConnections =
        QString(QTest::currentTestFunction()) == "connectionBeyondLimitGets503";
    options.limits.headerTimeout = std::chrono::milliseconds(holdsIdleConnections ? 10000 : 300);
    options.limits.idleTimeout = std::chrono::milliseconds(holdsIdleConnections ? 10000 : 600);
    options.limits.maxConnections = 4;
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

void HttpLimitsTest::cleanup() {
    engine_.reset();
}

std::string HttpLimitsTest::send(const std::string& bytes, std::chrono::milliseconds timeout) {
    return rawExchange(addressOf(*engine_, "web-1"), portOf(*engine_, "web-1"), bytes, timeout);
}

void HttpLimitsTest::oversizedHeaderGets431() {
    const std::string request =
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(HttpLimits{}.maxHeaderBytes, 'a') +
        "\r\n\r\n";
    const auto reply = send(request);
    QVERIFY2(reply.starts_with("HTTP/1.1 431"), reply.c_str());
}

void HttpLimitsTest::oversizedBodyGets413() {
    const auto size = HttpLimits{}.maxBodyBytes + 1;
    const std::string request =
        "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(size) +
        "\r\n\r\n";
    const auto reply = send(request);
    QVERIFY2(reply.starts_with("HTTP/1.1 413"), reply.c_str());
}

void HttpLimitsTest::slowHeaderSenderIsCutOff() {
    const auto start = std::chrono::steady_clock::now();
    // The header never ends: the server must send 408 and close within its timeout.
    const auto reply = send("GET / HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(5));
    const auto elapsed = std::chrono::steady_clock::now() - start;

    QVERIFY2(reply.starts_with("HTTP/1.1 408"), reply.c_str());
    QVERIFY(elapsed < std::chrono::seconds(4));
}

// The second request's deadline, the idle timeout, comes after the first one's: the server
// must still cut the slow sender off when it passes.
void HttpLimitsTest::slowKeptAliveSenderIsCutOff() {
    const auto start = std::chrono::steady_clock::now();
    const auto reply = send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n",
                            std::chrono::seconds(5));
    const auto elapsed = std::chrono::steady_clock::now() - start;

    QVERIFY2(reply.starts_with("HTTP/1.1 200"), reply.c_str());
    QVERIFY2(reply.find("HTTP/1.1 408") != std::string::npos, reply.c_str());
    QVERIFY(elapsed < std::chrono::seconds(4));
}

void HttpLimitsTest::idleKeptAliveConnectionIsClosed() {
    const auto start = std::chrono::steady_clock::now();
    // The client keeps the connection open after its response; the server closes it.
    const auto reply = send("GET / HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(5));
    const auto elapsed = std::chrono::steady_clock::now() - start;

    QVERIFY2(reply.starts_with("HTTP/1.1 200"), reply.c_str());
    QVERIFY(reply.find("HTTP/1.1 408") == std::string::npos);
    QVERIFY(elapsed < std::chrono::seconds(4));
}

void HttpLimitsTest::malformedRequestGets400() {
    const auto reply = send("THIS IS NOT HTTP\r\n\r\n");
    QVERIFY2(reply.starts_with("HTTP/1.1 400"), reply.c_str());
}

void HttpLimitsTest::pathOutsideSiteRootIsNotServed() {
    for (const auto* target :
         {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/..%2f..%2fCMakeLists.txt", "/%00"}) {
        const auto reply =
            httpRequest(addressOf(*engine_, "web-1"), portOf(*engine_, "web-1"), "GET", target);
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.body.find("cmake_minimum_required") == std::string::npos);
    }
}

void HttpLimitsTest::keepAliveServesSeveralRequests() {
    const std::string one = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string last = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const auto reply = send(one + one + last);

    int responses = 0;
    for (auto at = reply.find("HTTP/1.1 200"); at != std::string::npos;
         at = reply.find("HTTP/1.1 200", at + 1)) {
        ++responses;
    }
    QCOMPARE(responses, 3);
}

void HttpLimitsTest::connectionBeyondLimitGets503() {
    namespace asio = boost::asio;
    asio::io_context io;
    const asio::ip::tcp::endpoint webServer{asio::ip::make_address(addressOf(*engine_, "web-1")),
                                            portOf(*engine_, "web-1")};
    std::vector<std::unique_ptr<asio::ip::tcp::socket>> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(std::make_unique<asio::ip::tcp::socket>(io));
        held.back()->connect(webServer);
    }
    QVERIFY(waitFor([this] { return engine_->node("web-1")->counters.openConnections == 4; }));

    const auto reply = send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(reply.starts_with("HTTP/1.1 503"), reply.c_str());

    held.clear();
    QVERIFY(waitFor([this] { return engine_->node("web-1")->counters.openConnections == 0; }));
    QVERIFY(
        send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 200"));
}

QTEST_GUILESS_MAIN(HttpLimitsTest)
#include "test_http_limits.moc"
