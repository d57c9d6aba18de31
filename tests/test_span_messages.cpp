#include <QtTest>

#include <memory>
#include <string>

#include "span_messages.h"
#include "trace.h"

using namespace wsl;

// A hop's span keeps its request and response and copies their headers, bodies and wire bytes
// out only for a reader. A big body is copied at once, so that a span never keeps more than its
// bounded copies would.
class SpanMessagesTest : public QObject {
    Q_OBJECT

private slots:
    void smallMessagesAreFilledForReaders();
    void bigBodyIsCopiedAtOnce();
    void capturedWireBytesAreKept();
    void recentRequestsCarryTheContent();

private:
    static std::shared_ptr<HttpRequest> request(std::string body);
    static std::shared_ptr<HttpResponse> response(std::string body);
};

std::shared_ptr<HttpRequest> SpanMessagesTest::request(std::string body) {
    auto message = std::make_shared<HttpRequest>(http::verb::post, "/api/messages", 11);
    message->set(http::field::host, "www.foobar.com");
    message->body() = std::move(body);
    message->prepare_payload();
    return message;
}

std::shared_ptr<HttpResponse> SpanMessagesTest::response(std::string body) {
    auto message = std::make_shared<HttpResponse>(http::status::created, 11);
    message->set(http::field::content_type, "application/json");
    message->body() = std::move(body);
    message->prepare_payload();
    return message;
}

void SpanMessagesTest::smallMessagesAreFilledForReaders() {
    const auto sent = request(R"({"text":"hello"})");
    const auto answered = response(R"({"id":1})");
    Span span;
    SpanMessages::attach(span, sent, answered, false);

    QVERIFY(span.deferred);
    QVERIFY(span.requestHeaders.empty());
    QVERIFY(span.wireRequest.empty());

    const auto full = withContent(span);
    QVERIFY(!full.deferred);
    QCOMPARE(full.requestHeaders, copyHeaders(sent->base()));
    QCOMPARE(full.responseHeaders, copyHeaders(answered->base()));
    QCOMPARE(full.requestBody, sent->body());
    QCOMPARE(full.responseBody, answered->body());
    QCOMPARE(full.wireRequest, wireBytes(*sent, Tracer::kMaxWireBytes));
    QCOMPARE(full.wireResponse, wireBytes(*answered, Tracer::kMaxWireBytes));
}

void SpanMessagesTest::bigBodyIsCopiedAtOnce() {
    const std::string big(Tracer::kMaxWireBytes + 1, 'x');
    Span span;
    SpanMessages::attach(span, request("{}"), response(big), false);

    QVERIFY(!span.deferred);
    QCOMPARE(span.responseBody.size(), Tracer::kMaxBodyBytes);
    QCOMPARE(span.wireResponse.size(), Tracer::kMaxWireBytes);
    QCOMPARE(span.requestBody, std::string("{}"));
}

void SpanMessagesTest::capturedWireBytesAreKept() {
    Span span;
    span.wireRequest = "\x16\x03\x01 records";
    SpanMessages::attach(span, request("{}"), nullptr, true);

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
    SpanMessages::attach(span, request("ping"), response("pong"), false);
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
