#include <QtTest>

#include <memory>

#include "request_view_builder.h"
#include "span_messages.h"

using namespace wsl;

// Turning the engine's spans into the inspector's request rows.
class RequestViewBuilderTest : public QObject {
    Q_OBJECT

private slots:
    void blockedConnectionNamesItsRule();
    void curlRequestKeepsMethodAndClient();
    void deferredContentReachesHopView();

private:
    static Span entrySpan() {
        Span span;
        span.traceId = std::string(32, 'a');
        span.spanId = std::string(16, 'b');
        span.node = "fw-web-1";
        span.peer = "client";
        span.startUs = 100;
        span.endUs = 100;
        span.entry = true;
        return span;
    }

    Tracer tracer_;
};

void RequestViewBuilderTest::blockedConnectionNamesItsRule() {
    auto span = entrySpan();
    span.outcome = Outcome::Blocked;
    span.detail = "rule 2: deny tcp from any to 8080";

    const auto view = toRequestView({std::make_shared<const Span>(span)}, tracer_);

    QCOMPARE(view.outcome, outcome::kBlocked);
    QCOMPARE(view.method, QStringLiteral("—"));
    QCOMPARE(view.url, QStringLiteral("(connection blocked: rule 2: deny tcp from any to 8080)"));
    QCOMPARE(view.client, client::kUnknown);
    QCOMPARE(client::label(view.client), QStringLiteral("unknown"));
}

void RequestViewBuilderTest::curlRequestKeepsMethodAndClient() {
    auto span = entrySpan();
    span.node = "lb-1";
    span.method = "GET";
    span.target = "/about.html";
    span.status = 200;
    span.requestHeaders = {{"User-Agent", "curl/7.88.1"}};

    const auto view = toRequestView({std::make_shared<const Span>(span)}, tracer_);

    QCOMPARE(view.method, QStringLiteral("GET"));
    QCOMPARE(view.url, QStringLiteral("/about.html"));
    QCOMPARE(view.client, client::kCurl);
}

// The engine's spans keep their messages' bytes, and the request rows copy them out on the
// worker thread.
void RequestViewBuilderTest::deferredContentReachesHopView() {
    HttpRequest request(http::verb::get, "/about.html", 11);
    request.set(http::field::host, "www.foobar.com");
    request.set(http::field::user_agent, "curl/7.88.1");
    HttpResponse response(http::status::ok, 11);
    response.set(http::field::content_type, "text/html");
    response.body() = "<h1>About</h1>";
    response.prepare_payload();
    auto span = entrySpan();
    span.node = "lb-1";
    span.method = "GET";
    span.target = "/about.html";
    span.status = 200;
    SpanMessages::attach(span, "", request, &response, false);
    QVERIFY(span.deferred);

    const auto view = toRequestView({std::make_shared<const Span>(span)}, tracer_);

    QCOMPARE(view.hops.size(), 1);
    const auto& hop = view.hops.front();
    QCOMPARE(hop.requestHeaders.size(), 2);
    QCOMPARE(hop.requestHeaders.front().second, QStringLiteral("www.foobar.com"));
    QCOMPARE(hop.responseBody, QByteArray("<h1>About</h1>"));
    QVERIFY(hop.wireRequest.startsWith("GET /about.html HTTP/1.1\r\nHost: www.foobar.com\r\n"));
    QVERIFY(hop.wireResponse.endsWith("\r\n\r\n<h1>About</h1>"));
    QCOMPARE(view.client, client::kCurl);
}

QTEST_GUILESS_MAIN(RequestViewBuilderTest)
#include "test_request_view_builder.moc"
