#include <QtTest>

#include <boost/beast/http/write.hpp>

#include <sstream>
#include <string>

#include "http_types.h"

using namespace wsl;

// The bytes the inspector shows for a plain-HTTP hop: those Beast writes on the socket.
class WireBytesTest : public QObject {
    Q_OBJECT

private slots:
    void requestMatchesBeastSerializer();
    void responseMatchesBeastSerializer();
    void customReasonIsKept();
    void bytesAreCutAtLimit();

private:
    template <typename Message>
    static std::string beastBytes(Message message) {
        message.prepare_payload();
        std::ostringstream out;
        out << message;
        return out.str();
    }
};

void WireBytesTest::requestMatchesBeastSerializer() {
    HttpRequest request{http::verb::post, "/api/messages?x=1", 11};
    request.set(http::field::host, "www.foobar.com");
    request.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    request.body() = R"({"text":"hello"})";
    request.prepare_payload();

    QCOMPARE(wireBytes(request, 4096), beastBytes(request));
}

void WireBytesTest::responseMatchesBeastSerializer() {
    HttpResponse response{http::status::not_found, 10};
    response.set(http::field::server, "webstack-lab");
    response.set(http::field::content_type, "text/html");
    response.body() = "<h1>missing</h1>";
    response.prepare_payload();

    const auto bytes = wireBytes(response, 4096);
    QCOMPARE(bytes, beastBytes(response));
    QVERIFY(bytes.starts_with("HTTP/1.0 404 Not Found\r\n"));
}

void WireBytesTest::customReasonIsKept() {
    HttpResponse response{http::status::ok, 11};
    response.reason("Fine");
    response.prepare_payload();

    QCOMPARE(wireBytes(response, 4096), beastBytes(response));
}

void WireBytesTest::bytesAreCutAtLimit() {
    HttpResponse response{http::status::ok, 11};
    response.body() = std::string(10000, 'x');
    response.prepare_payload();

    const auto full = beastBytes(response);
    QCOMPARE(wireBytes(response, 100), full.substr(0, 100));
    QCOMPARE(wireBytes(response, 10), full.substr(0, 10));  // inside the start line
}

QTEST_GUILESS_MAIN(WireBytesTest)
#include "test_wire_bytes.moc"
