#include <QtTest>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>

#include <string>
#include <vector>

#include "http_types.h"
#include "message_reader.h"

using namespace wsl;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Every node reads its requests and responses with readMessage(). It must end where Beast's own
// read operations end: at the header or the message, with the same errors, leaving the bytes of
// the next message in the buffer.
class MessageReaderTest : public QObject {
    Q_OBJECT

private slots:
    void readsPipelinedRequestsOneAtATime();
    void readsAMessageSentInPieces();
    void keepsWholeHeadOfLongHeader();
    void readsAResponseBodyUntilTheClose();
    void reportsACloseBeforeAnyByte();
    void reportsACloseInsideAMessage();
    void reportsAHeaderOverTheLimit();

private:
    struct Reading {
        std::vector<std::string> targets;  // of the requests read, in order
        std::string body;                  // of the last message read
        std::string head;                  // of the last message read, as it arrived
        boost::system::error_code error;   // of the last read
        std::size_t leftInBuffer = 0;
    };

    // Sends `pieces` over loopback, each in its own write, closes the connection when `close`,
    // and reads up to `requests` requests from the other end.
    static Reading readRequests(const std::vector<std::string>& pieces, bool close, int requests,
                                std::size_t headerLimit = 8192);
};

MessageReaderTest::Reading MessageReaderTest::readRequests(const std::vector<std::string>& pieces,
                                                           bool close, int requests,
                                                           std::size_t headerLimit) {
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    tcp::socket writer(io);
    writer.connect(acceptor.local_endpoint());
    writer.set_option(tcp::no_delay(true));
    tcp::socket reader = acceptor.accept();
    for (const auto& piece : pieces) {
        asio::write(writer, asio::buffer(piece));
    }
    if (close) {
        writer.shutdown(tcp::socket::shutdown_send);
    }

    Reading reading;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            boost::beast::flat_buffer buffer;
            for (int i = 0; i < requests; ++i) {
                http::request_parser<http::string_body> parser;
                parser.header_limit(static_cast<std::uint32_t>(headerLimit));
                reading.head.clear();
                co_await readMessage(reader, buffer, parser, ReadUntil::Message, reading.error,
                                     &reading.head);
                if (reading.error) {
                    break;
                }
                reading.targets.emplace_back(parser.get().target());
                reading.body = parser.get().body();
            }
            reading.leftInBuffer = buffer.size();
        },
        asio::detached);
    io.run_for(std::chrono::seconds(10));
    return reading;
}

void MessageReaderTest::readsPipelinedRequestsOneAtATime() {
    const auto reading = readRequests({"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                                       "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                                       "GET /c HTTP/1.1\r\n"},
                                      false, 2);
    QVERIFY2(!reading.error, reading.error.message().c_str());
    QCOMPARE(reading.targets, (std::vector<std::string>{"/a", "/b"}));
    QCOMPARE(reading.body, std::string("abc"));
    QCOMPARE(reading.leftInBuffer, std::string("GET /c HTTP/1.1\r\n").size());
    QCOMPARE(reading.head, std::string("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"));
}

// The first read of a connection takes 512 bytes, and Beast consumes the start line and the
// complete fields before the header's end arrives. The head kept is still the whole header.
void MessageReaderTest::keepsWholeHeadOfLongHeader() {
    const std::string head = "GET /long HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(1500, 'c') +
                             "\r\nAccept: */*\r\n\r\n";
    const auto reading = readRequests({head}, false, 1);
    QVERIFY2(!reading.error, reading.error.message().c_str());
    QCOMPARE(reading.targets, std::vector<std::string>{"/long"});
    QCOMPARE(reading.head, head);
}

void MessageReaderTest::readsAMessageSentInPieces() {
    const auto reading = readRequests(
        {"PO", "ST /p HTTP/1.1\r\nHo", "st: x\r\nContent-Length: 5\r\n", "\r\nhe", "llo"}, false,
        1);
    QVERIFY2(!reading.error, reading.error.message().c_str());
    QCOMPARE(reading.targets, std::vector<std::string>{"/p"});
    QCOMPARE(reading.body, std::string("hello"));
}

void MessageReaderTest::readsAResponseBodyUntilTheClose() {
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    tcp::socket writer(io);
    writer.connect(acceptor.local_endpoint());
    tcp::socket reader = acceptor.accept();
    asio::write(writer, asio::buffer(std::string("HTTP/1.0 200 OK\r\n\r\nuntil the end")));
    writer.close();

    http::response_parser<http::string_body> parser;
    boost::system::error_code error = asio::error::would_block;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            boost::beast::flat_buffer buffer;
            co_await readMessage(reader, buffer, parser, ReadUntil::Message, error);
        },
        asio::detached);
    io.run_for(std::chrono::seconds(10));

    QVERIFY2(!error, error.message().c_str());
    QVERIFY(parser.is_done());
    QCOMPARE(parser.get().body(), std::string("until the end"));
}

void MessageReaderTest::reportsACloseBeforeAnyByte() {
    const auto reading = readRequests({}, true, 1);
    QCOMPARE(reading.error, boost::system::error_code(http::error::end_of_stream));
}

void MessageReaderTest::reportsACloseInsideAMessage() {
    const auto reading =
        readRequests({"POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"}, true, 1);
    QCOMPARE(reading.error, boost::system::error_code(http::error::partial_message));
}

void MessageReaderTest::reportsAHeaderOverTheLimit() {
    const auto reading = readRequests(
        {"GET / HTTP/1.1\r\nX-Long: " + std::string(2000, 'a') + "\r\n\r\n"}, false, 1, 1024);
    QCOMPARE(reading.error, boost::system::error_code(http::error::header_limit));
}

QTEST_GUILESS_MAIN(MessageReaderTest)
#include "test_message_reader.moc"
