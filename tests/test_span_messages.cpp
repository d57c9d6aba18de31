#include <QtTest>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "span_messages.h"
#include "trace.h"

using namespace wsl;

// A hop's span keeps the bytes of its request and response, and copies their headers, bodies
// and wire bytes out only for a reader. Of a big body it keeps only what a reader is shown.
class SpanMessagesTest : public QObject {
    Q_OBJECT

private slots:
    void smallMessagesAreFilledForReaders();
    void requestHeadIsKeptAsItArrived();
    void smallResponseBodyMovesToTheSpan();
    void bigBodyKeepsOnlyItsFirstBytes();
    void headerListsMatchTheParsedFields();
    void capturedWireBytesAreKept();
    void recentRequestsCarryTheContent();

private:
    static HttpRequest request(std::string body);
    static HttpResponse response(std::string body);
};

HttpRequest SpanMessagesTest::request(std::string body) {
    HttpRequest message(http::verb::post, "/api/messages", 11);
    message.set(http::field::host, "www.foobar.com");
    message.body() = std::move(body);
    message.prepare_payload();
    return message;
}

HttpResponse SpanMessagesTest::response(std::string body) {
    HttpResponse message(http::status::created, 11);
    message.set(http::field::content_type, "application/json");
    message.body() = std::move(body);
    message.prepare_payload();
    return message;
}

void SpanMessagesTest::smallMessagesAreFilledForReaders() {
    const auto sent = request(R"({"text":"hello"})");
    const auto original = response(R"({"id":1})");
    auto answered = original;
    Span span;
    SpanMessages::attach(span, "", sent, &answered, false);

    QVERIFY(span.deferred);
    QVERIFY(span.requestHeaders.empty());
    QVERIFY(span.wireRequest.empty());

    const auto full = withContent(span);
    QVERIFY(!full.deferred);
    QCOMPARE(full.requestHeaders, copyHeaders(sent.base()));
    QCOMPARE(full.responseHeaders, copyHeaders(original.base()));
    QCOMPARE(full.requestBody, sent.body());
    QCOMPARE(full.responseBody, original.body());
    QCOMPARE(full.wireRequest, wireBytes(sent, Tracer::kMaxWireBytes));
    QCOMPARE(full.wireResponse, wireBytes(original, Tracer::kMaxWireBytes));
}

// The wire view shows the header as the client sent it. The header list is Beast's reading of
// it: values without the spaces and tabs around them, a folded line joined with a space.
void SpanMessagesTest::requestHeadIsKeptAsItArrived() {
    const std::string head =
        "GET /about.html HTTP/1.1\r\nHost:  www.foobar.com \r\nAccept:*/*\r\n"
        "X-Folded: a\r\n \tb \r\nX-Tab:\tt\r\n\r\n";
    http::request_parser<http::string_body> parser;
    boost::system::error_code error;
    parser.put(boost::asio::buffer(head), error);
    QVERIFY2(!error, error.message().c_str());
    QVERIFY(parser.is_done());
    const auto parsed = parser.release();
    QCOMPARE(std::string(parsed["X-Folded"]), std::string("a b"));
    Span span;
    SpanMessages::attach(span, head, parsed, nullptr, false);

    const auto full = withContent(span);
    QCOMPARE(full.wireRequest, head);
    QCOMPARE(full.requestHeaders, copyHeaders(parsed.base()));
    QVERIFY(full.responseHeaders.empty());
    QVERIFY(full.wireResponse.empty());
}

// The node writes the response from the span's bytes, so a body within the bound is moved, not
// copied, and the head and body kept are the message byte for byte.
void SpanMessagesTest::smallResponseBodyMovesToTheSpan() {
    const auto original = response(R"({"id":1})");
    auto answered = original;
    Span span;
    const auto messages = SpanMessages::attach(span, "", request("{}"), &answered, false);

    QVERIFY(messages->wholeResponseBody());
    QVERIFY(answered.body().empty());
    QCOMPARE(messages->response()->head + messages->response()->body, wireBytes(original, 1 << 20));
}

void SpanMessagesTest::bigBodyKeepsOnlyItsFirstBytes() {
    const std::string big(Tracer::kMaxWireBytes + 1, 'x');
    auto answered = response(big);
    Span span;
    const auto messages = SpanMessages::attach(span, "", request("{}"), &answered, false);

    QVERIFY(!messages->wholeResponseBody());
    QCOMPARE(answered.body(), big);
    const auto full = withContent(span);
    QCOMPARE(full.responseBody, big.substr(0, Tracer::kMaxBodyBytes));
    QCOMPARE(full.wireResponse, wireBytes(answered, Tracer::kMaxWireBytes));
    QCOMPARE(full.wireResponse.size(), Tracer::kMaxWireBytes);
    QCOMPARE(full.requestBody, std::string("{}"));
}

// Read back from the bytes, the header lists are those of the parsed message, within the same
// bounds: 40 fields and 512 bytes of a value.
void SpanMessagesTest::headerListsMatchTheParsedFields() {
    auto sent = request("{}");
    sent.set(http::field::user_agent, std::string(600, 'a'));
    sent.set("X-Empty", "");
    sent.set("X-Colon", "a: b");
    auto answered = response("{}");
    for (int i = 0; i < 45; ++i) {
        answered.insert("X-Field-" + std::to_string(i), std::to_string(i));
    }
    const auto original = answered;
    Span span;
    SpanMessages::attach(span, "", sent, &answered, false);

    const auto full = withContent(span);
    QCOMPARE(full.requestHeaders, copyHeaders(sent.base()));
    const auto agent = std::find_if(full.requestHeaders.begin(), full.requestHeaders.end(),
                                    [](const auto& field) { return field.first == "User-Agent"; });
    QVERIFY(agent != full.requestHeaders.end());
    QCOMPARE(agent->second, std::string(512, 'a') + "…");
    QCOMPARE(full.responseHeaders, copyHeaders(original.base()));
    QCOMPARE(full.responseHeaders.size(), std::size_t{41});
}

void SpanMessagesTest::capturedWireBytesAreKept() {
    Span span;
    span.wireRequest = "\x16\x03\x01 records";
    SpanMessages::attach(span, "", request("{}"), nullptr, true);

    const auto full = withContent(span);
    QCOMPARE(full.wireRequest, span.wireRequest);
    QVERIFY(full.wireResponse.empty());
    QVERIFY(full.responseHeaders.empty());
    QCOMPARE(full.requestBody, std::string("{}"));
}

void SpanMessagesTest::recentRequestsCarryTheContent() {
    Tracer tracer;
    Span span;
    span.traceId = newTraceId();
    span.spanId = newSpanId();
    span.entry = true;
    auto answered = response("pong");
    SpanMessages::attach(span, "", request("ping"), &answered, false);
    tracer.record(span);

    const auto drained = tracer.drainSpans();
    QCOMPARE(drained.size(), std::size_t{1});
    QVERIFY(drained[0]->deferred);

    const auto records = tracer.recentRequests(1);
    QCOMPARE(records.size(), std::size_t{1});
    const auto& stored = records[0].spans.at(0);
    QVERIFY(!stored.deferred);
    QCOMPARE(stored.requestBody, std::string("ping"));
    QCOMPARE(stored.responseBody, std::string("pong"));
    QVERIFY(stored.wireResponse.starts_with("HTTP/1.1 201 Created\r\n"));
}

QTEST_GUILESS_MAIN(SpanMessagesTest)
#include "test_span_messages.moc"
