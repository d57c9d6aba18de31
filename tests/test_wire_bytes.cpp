#include <QtTest>

#include <boost/beast/http/write.hpp>

#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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
    void payloadFieldsCurrentOnlyWhenPreparePayloadChangesNothing();

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

namespace {

// A message's fields as name and value pairs, in no particular order.
std::multiset<std::pair<std::string, std::string>> fieldsOf(const HttpResponse& response) {
    std::multiset<std::pair<std::string, std::string>> fields;
    for (const auto& field : response.base()) {
        fields.emplace(std::string(field.name_string()), std::string(field.value()));
    }
    return fields;
}

}  // namespace

// The server skips prepare_payload() for a response that payloadFieldsCurrent() accepts, so
// every such response must keep the same fields and values through prepare_payload(), which
// only moves Content-Length behind the others.
void WireBytesTest::payloadFieldsCurrentOnlyWhenPreparePayloadChangesNothing() {
    const auto make = [](http::status status, const std::string& body) {
        HttpResponse response{status, 11};
        response.set(http::field::server, "webstack-lab");
        response.body() = body;
        return response;
    };
    struct Case {
        const char* name;
        HttpResponse response;
        bool current;
    };
    std::vector<Case> cases;
    auto right = make(http::status::ok, "hello");
    right.set(http::field::content_length, "5");
    cases.push_back({"right length", right, true});
    auto empty = make(http::status::ok, "");
    empty.set(http::field::content_length, "0");
    cases.push_back({"empty body", empty, true});
    auto wrong = make(http::status::ok, "hello");
    wrong.set(http::field::content_length, "4");
    cases.push_back({"wrong length", wrong, false});
    cases.push_back({"no length", make(http::status::ok, "hello"), false});
    auto lengthFirst = make(http::status::ok, "hello");
    lengthFirst.set(http::field::content_length, "5");
    lengthFirst.set("X-Served-By", "web-1");
    cases.push_back({"length before another field", lengthFirst, true});
    auto zeroPadded = make(http::status::ok, "hello");
    zeroPadded.set(http::field::content_length, "05");
    cases.push_back({"leading zero", zeroPadded, false});
    auto signed_ = make(http::status::ok, "hello");
    signed_.set(http::field::content_length, "+5");
    cases.push_back({"length with a sign", signed_, false});
    auto twice = make(http::status::ok, "hello");
    twice.insert(http::field::content_length, "5");
    twice.insert(http::field::content_length, "5");
    cases.push_back({"length twice", twice, false});
    auto chunked = make(http::status::ok, "hello");
    chunked.set(http::field::content_length, "5");
    chunked.set(http::field::transfer_encoding, "chunked");
    cases.push_back({"chunked", chunked, false});
    auto noContent = make(http::status::no_content, "");
    noContent.set(http::field::content_length, "0");
    cases.push_back({"204", noContent, false});

    for (auto& [name, response, current] : cases) {
        QVERIFY2(payloadFieldsCurrent(response) == current, name);
        if (current) {
            auto prepared = response;
            prepared.prepare_payload();
            QVERIFY2(fieldsOf(prepared) == fieldsOf(response), name);
        }
    }
}

QTEST_GUILESS_MAIN(WireBytesTest)
#include "test_wire_bytes.moc"
