#pragma once

// Reading an HTTP message into a Beast parser with one read of the socket at a time. Beast's
// own read operations wrap each read in two composed operations, each with its own handler and
// work guard, and every hop reads two messages.
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <string>

namespace wsl {

// The part of a message after which readMessage() returns.
enum class ReadUntil { Header, Message };

// Reads from `stream` into `buffer` and feeds `parser` until it has the whole header or the
// whole message. The results are those of http::async_read_header and http::async_read. Bytes
// after the message stay in `buffer`. A peer that closes before any byte gives
// http::error::end_of_stream, and one that closes within a message ends it as the parser rules.
// With `head`, the header's bytes as they arrived are appended there. Beast consumes the start
// line and each field once they are complete, and stops at the header's end.
template <typename Stream, bool isRequest>
boost::asio::awaitable<void> readMessage(Stream& stream, boost::beast::flat_buffer& buffer,
                                         boost::beast::http::basic_parser<isRequest>& parser,
                                         ReadUntil until, boost::system::error_code& ec,
                                         std::string* head = nullptr) {
    namespace asio = boost::asio;
    namespace http = boost::beast::http;
    // The sizes of Beast's own reads: at least 512 bytes, at most 64 KiB.
    static constexpr std::size_t kMinRead = 512;
    static constexpr std::size_t kMaxRead = 64 * 1024;
    const auto done = [&] {
        return until == ReadUntil::Header ? parser.is_header_done() : parser.is_done();
    };
    ec = {};
    while (!done()) {
        if (buffer.size() > 0) {
            const bool headerBefore = parser.is_header_done();
            const auto used = parser.put(buffer.data(), ec);
            if (head != nullptr && !headerBefore) {
                head->append(static_cast<const char*>(buffer.data().data()), used);
            }
            buffer.consume(used);
            if (ec && ec != http::error::need_more) {
                co_return;
            }
            const bool needMore = ec == http::error::need_more;
            ec = {};
            if (!needMore && used > 0) {
                continue;  // a part is parsed, such as the header before the body
            }
        }
        const auto room = std::min(kMaxRead, std::max(kMinRead, buffer.capacity() - buffer.size()));
        const auto received = co_await stream.async_read_some(
            buffer.prepare(room), asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::eof) {
            if (!parser.got_some()) {
                ec = http::error::end_of_stream;
                co_return;
            }
            ec = {};
            parser.put_eof(ec);
            co_return;
        }
        if (ec) {
            co_return;
        }
        buffer.commit(received);
    }
}

}  // namespace wsl
