#include <QtTest>

#include <memory>

#include "request_view_builder.h"

using namespace wsl;

// Turning the engine's spans into the inspector's request rows.
class RequestViewBuilderTest : public QObject {
    Q_OBJECT

private slots:
    void blockedConnectionNamesItsRule();
    void curlRequestKeepsMethodAndClient();

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

QTEST_GUILESS_MAIN(RequestViewBuilderTest)
#include "test_request_view_builder.moc"
