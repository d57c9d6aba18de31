#pragma once

// Writing an HTTP message with a body of known length, the case of every hop between nodes.
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/write.hpp>

#include <array>

#include "http_types.h"

namespace wsl {

// A body up to this size is copied behind the header, so that the message leaves in one
// buffer. A larger one is written from where it lies.
inline constexpr std::size_t kInlineBodyBytes = 16 * 1024;

// Writes `message` byte for byte as Beast's serializer does, in one write of at most two
// buffers (test_message_writer compares the two). Beast's serializer walks a generic buffer
// sequence that cost each proxied hop more than its system calls did. A chunked message goes
// through Beast, which encodes the chunks.
template <typename Stream, bool isRequest>
boost::asio::awaitable<void> writeMessage(
    Stream& stream, const http::message<isRequest, http::string_body>& message,
    boost::system::error_code& ec) {
    namespace asio = boost::asio;
    if (message.chunked()) {
        co_await http::async_write(stream, message, asio::redirect_error(asio::use_awaitable, ec));
        co_return;
    }
    const auto& body = message.body();
    const bool whole = body.size() <= kInlineBodyBytes;
    const auto head = headBytes(message, whole ? body.size() : 0);
    if (whole) {
        co_await asio::async_write(stream, asio::buffer(head),
                                   asio::redirect_error(asio::use_awaitable, ec));
        co_return;
    }
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
    co_await asio::async_write(stream, buffers, asio::redirect_error(asio::use_awaitable, ec));
}

}  // namespace wsl
