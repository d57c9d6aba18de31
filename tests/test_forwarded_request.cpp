#include <QtTest>

#include <boost/beast/http/parser.hpp>

#include <map>
#include <string>

#include "forwarded_request.h"

using namespace wsl;

// A forwarding node writes the request it received with its own fields added (forwardedHead).
// What the next hop reads must be what a copy edited through Beast would have carried
// (editedCopy), because that is what the nodes sent before, and what proxies are expected to.
class ForwardedRequestTest : public QObject {
    Q_OBJECT

private slots:
    void carriesTheFieldsOfAnEditedCopy_data();
    void carriesTheFieldsOfAnEditedCopy();
    void appendsToEveryValueTheClientSent();
    void replacesAValueTheClientSent();
    void asksForTheHopsOwnConnection();
    void setsTheLengthOfABody();
    void leavesChunkedRequestsToBeast();

private:
    using FieldMap = std::multimap<std::string, std::string>;

    static FieldEdits balancerEdits() {
        return {{"X-Forwarded-For", "127.0.5.9", FieldEdit::Kind::AppendToList},
                {"Via", "1.1 lb-1", FieldEdit::Kind::AppendToList},
                {"X-Forwarded-Proto", "http"},
                {"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}};
    }

    // The request the next hop parses from `bytes`.
    static HttpRequest parsed(const std::string& bytes) {
        http::request_parser<http::string_body> parser;
        boost::system::error_code ec;
        parser.eager(true);
        parser.put(boost::asio::buffer(bytes), ec);
        if (ec || !parser.is_done()) {
            return HttpRequest{http::verb::unknown, "parse failed: " + ec.message(), 11};
        }
        return parser.release();
    }

    static FieldMap fieldsOf(const HttpRequest& request) {
        FieldMap fields;
        for (const auto& field : request.base()) {
            auto name = std::string(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            fields.emplace(name, std::string(field.value()));
        }
        return fields;
    }

    static HttpRequest forwarded(const HttpRequest& request, const FieldEdits& edits,
                                 bool keepAlive) {
        return parsed(forwardedHead(request, edits, keepAlive, request.body().size()));
    }
};

void ForwardedRequestTest::carriesTheFieldsOfAnEditedCopy_data() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("wrk") << "GET / HTTP/1.1\r\nHost: 127.0.10.9:8080\r\n\r\n" << true;
    QTest::newRow("browser") << "GET /index.html HTTP/1.1\r\nHost: www.foobar.com\r\n"
                                "User-Agent: Mozilla/5.0\r\nAccept: text/html\r\n"
                                "Connection: keep-alive\r\nReferer: http://www.foobar.com/\r\n\r\n"
                             << true;
    QTest::newRow("closing client") << "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                                    << false;
    QTest::newRow("HTTP/1.0") << "GET / HTTP/1.0\r\nHost: a\r\n\r\n" << true;
    QTest::newRow("HTTP/1.0 closing") << "GET / HTTP/1.0\r\nHost: a\r\n\r\n" << false;
    QTest::newRow("post") << "POST /api/messages HTTP/1.1\r\nHost: a\r\n"
                             "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n"
                             "{\"text\":\"hello\"}"
                          << true;
    QTest::newRow("empty post") << "POST /api/messages HTTP/1.1\r\nHost: a\r\n\r\n" << true;
    QTest::newRow("get with zero length")
        << "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"
        << true;
    QTest::newRow("earlier proxies") << "GET / HTTP/1.1\r\nHost: a\r\nx-forwarded-for: 6.6.6.6\r\n"
                                        "Via: 1.0 corp\r\nX-Forwarded-For: 7.7.7.7, 8.8.8.8\r\n"
                                        "X-Forwarded-Proto: https\r\nTRACEPARENT: forged\r\n\r\n"
                                     << true;
}

void ForwardedRequestTest::carriesTheFieldsOfAnEditedCopy() {
    QFETCH(QString, raw);
    QFETCH(bool, keepAlive);
    const auto request = parsed(raw.toStdString());
    QVERIFY(request.method() != http::verb::unknown);
    QVERIFY(writableDirectly(request));

    const auto direct = forwarded(request, balancerEdits(), keepAlive);
    const auto copy = editedCopy(request, balancerEdits(), keepAlive);
    QCOMPARE(direct.method(), copy.method());
    QCOMPARE(direct.target(), copy.target());
    QCOMPARE(direct.version(), copy.version());
    QCOMPARE(direct.keep_alive(), keepAlive);
    QCOMPARE(direct.body(), copy.body());
    QVERIFY2(fieldsOf(direct) == fieldsOf(copy),
             forwardedHead(request, balancerEdits(), keepAlive, request.body().size()).c_str());
}

void ForwardedRequestTest::appendsToEveryValueTheClientSent() {
    const auto request = parsed(
        "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 6.6.6.6\r\n"
        "x-forwarded-for: 7.7.7.7\r\n\r\n");
    const auto next = forwarded(request, balancerEdits(), true);

    QCOMPARE(next.count("X-Forwarded-For"), std::size_t{1});
    QCOMPARE(next["X-Forwarded-For"], "6.6.6.6, 7.7.7.7, 127.0.5.9");
    QCOMPARE(next["Via"], "1.1 lb-1");
}

void ForwardedRequestTest::replacesAValueTheClientSent() {
    const auto request = parsed(
        "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Proto: ftp\r\n\r\n");
    const auto next = forwarded(request, balancerEdits(), true);

    QCOMPARE(next.count("X-Forwarded-Proto"), std::size_t{1});
    QCOMPARE(next["X-Forwarded-Proto"], "http");
}

void ForwardedRequestTest::asksForTheHopsOwnConnection() {
    const auto closing = parsed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    const auto head = forwardedHead(closing, {}, true, 0);

    QVERIFY(head.find("close") == std::string::npos);
    QVERIFY(parsed(head).keep_alive());
    QVERIFY(!forwarded(closing, {}, false).keep_alive());
}

void ForwardedRequestTest::setsTheLengthOfABody() {
    auto request = parsed("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
    request.body() = "abcdef";  // as a handler may have changed it
    const auto head = forwardedHead(request, {}, true, 2);

    QVERIFY(head.find("Content-Length: 6\r\n") != std::string::npos);
    QVERIFY(head.find("Content-Length: 3") == std::string::npos);
    QVERIFY(head.size() > 2 && head.compare(head.size() - 4, 4, "\r\nab") == 0);
}

void ForwardedRequestTest::leavesChunkedRequestsToBeast() {
    const auto request = parsed(
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    QCOMPARE(request.body(), "abc");
    QVERIFY(!writableDirectly(request));

    const auto copy = editedCopy(request, balancerEdits(), true);
    QVERIFY(!copy.chunked());
    QCOMPARE(copy[http::field::content_length], "3");
    QCOMPARE(copy["X-Forwarded-For"], "127.0.5.9");
}

QTEST_GUILESS_MAIN(ForwardedRequestTest)
#include "test_forwarded_request.moc"
