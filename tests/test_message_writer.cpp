#include <QtTest>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>

#include <sstream>
#include <string>

#include "message_writer.h"

using namespace wsl;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Every hop between nodes writes its messages with writeMessage(). What leaves the socket must
// be what Beast's serializer would have sent, whichever of its three ways the message takes.
class MessageWriterTest : public QObject {
    Q_OBJECT

private slots:
    void smallResponseMatchesBeast();
    void largeResponseMatchesBeast();
    void requestMatchesBeast();
    void chunkedResponseIsEncoded();
    void messageLargerThanSendBufferArrivesWhole();

private:
    // The bytes a peer receives when writeMessage() sends `message` over loopback TCP and
    // closes the connection. A `sendBufferBytes` other than 0 sets the writer's send buffer.
    template <typename Message>
    static std::string sentBytes(const Message& message, int sendBufferBytes = 0);

    template <typename Message>
    static std::string beastBytes(const Message& message) {
        std::ostringstream out;
        out << message;
        return out.str();
    }
};

template <typename Message>
std::string MessageWriterTest::sentBytes(const Message& message, int sendBufferBytes) {
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    tcp::socket writer(io);
    writer.connect(acceptor.local_endpoint());
    if (sendBufferBytes != 0) {
        writer.set_option(asio::socket_base::send_buffer_size(sendBufferBytes));
    }
    tcp::socket reader = acceptor.accept();

    boost::system::error_code writeError;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            co_await writeMessage(writer, message, writeError);
            writer.close();
        },
        asio::detached);
    std::string received;
    boost::system::error_code readError;
    asio::async_read(reader, asio::dynamic_buffer(received),
                     [&](boost::system::error_code ec, std::size_t) { readError = ec; });
    io.run_for(std::chrono::seconds(10));

    if (writeError || readError != asio::error::eof) {
        return "write error: " + writeError.message() + ", read error: " + readError.message();
    }
    return received;
}

void MessageWriterTest::smallResponseMatchesBeast() {
    HttpResponse response{http::status::ok, 11};
    response.set(http::field::content_type, "text/html");
    response.set("Via", "1.1 lb-1");
    response.body() = "<h1>hello</h1>";
    response.prepare_payload();

    QCOMPARE(sentBytes(response), beastBytes(response));
}

void MessageWriterTest::largeResponseMatchesBeast() {
    HttpResponse response{http::status::ok, 11};
    std::string body(kInlineBodyBytes * 4 + 7, 'x');
    for (std::size_t i = 0; i < body.size(); i += 97) {
        body[i] = static_cast<char>('a' + i % 26);  // so that a shifted copy cannot compare equal
    }
    response.body() = body;
    response.prepare_payload();

    const auto sent = sentBytes(response);
    QCOMPARE(sent.size(), beastBytes(response).size());
    QVERIFY(sent == beastBytes(response));
}

void MessageWriterTest::requestMatchesBeast() {
    HttpRequest request{http::verb::post, "/api/messages", 11};
    request.set(http::field::host, "www.foobar.com");
    request.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    request.body() = R"({"text":"hello"})";
    request.prepare_payload();

    QCOMPARE(sentBytes(request), beastBytes(request));
}

void MessageWriterTest::chunkedResponseIsEncoded() {
    HttpResponse response{http::status::ok, 11};
    response.body() = "chunk of text";
    response.chunked(true);

    const auto sent = sentBytes(response);
    QCOMPARE(sent, beastBytes(response));
    QVERIFY(sent.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    QVERIFY(sent.find("\r\nd\r\nchunk of text\r\n0\r\n\r\n") != std::string::npos);
}

// The first send takes what the kernel accepts at once; the rest must follow, in order.
void MessageWriterTest::messageLargerThanSendBufferArrivesWhole() {
    HttpResponse response{http::status::ok, 11};
    std::string body(4 * 1024 * 1024, 'x');
    for (std::size_t i = 0; i < body.size(); i += 89) {
        body[i] = static_cast<char>('a' + i % 26);
    }
    response.body() = body;
    response.prepare_payload();

    const auto sent = sentBytes(response, 4096);
    QCOMPARE(sent.size(), beastBytes(response).size());
    QVERIFY(sent == beastBytes(response));
}

QTEST_GUILESS_MAIN(MessageWriterTest)
#include "test_message_writer.moc"
