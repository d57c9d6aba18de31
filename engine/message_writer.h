#pragma once

// Writing an HTTP message with a body of known length, the case of every hop between nodes.
#include <sys/socket.h>
#include <sys/uio.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>
#include <type_traits>

#include "forwarded_request.h"
#include "http_types.h"

namespace wsl {

// Over TLS, a body up to this size is copied behind the header, so that the message leaves in
// one buffer. A larger one is written from where it lies.
inline constexpr std::size_t kInlineBodyBytes = 16 * 1024;

// Sends as much of `buffers` as the socket's send buffer takes at once, without waiting, and
// returns the number of bytes sent: 0 on any error, which the write that follows then reports.
inline std::size_t sendWithoutWaiting(boost::asio::ip::tcp::socket& socket,
                                      const std::array<boost::asio::const_buffer, 2>& buffers) {
    std::array<iovec, 2> parts{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        parts[i].iov_base = const_cast<void*>(buffers[i].data());
        parts[i].iov_len = buffers[i].size();
    }
    msghdr message{};
    message.msg_iov = parts.data();
    message.msg_iovlen = buffers[1].size() == 0 ? 1 : 2;
    const auto sent = ::sendmsg(socket.native_handle(), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    return sent > 0 ? static_cast<std::size_t>(sent) : 0;
}

// Whether messages on `Stream` are offered to the kernel directly: a plain TCP socket.
template <typename Stream>
inline constexpr bool kPlainSocket = std::is_same_v<Stream, boost::asio::ip::tcp::socket>;

using WriteBuffers = std::array<boost::asio::const_buffer, 2>;

// Offers `buffers` to the kernel at once on a plain socket, and returns what it did not take.
// A message between nodes nearly always fits in the send buffer, and an asynchronous write that
// completes at once still costs a coroutine frame and a round through the scheduler.
template <typename Stream>
WriteBuffers sendNow(Stream& stream, WriteBuffers buffers) {
    if constexpr (kPlainSocket<Stream>) {
        const auto sent = sendWithoutWaiting(stream, buffers);
        const auto inHead = std::min(sent, buffers[0].size());
        buffers[0] += inHead;
        buffers[1] += sent - inHead;
    }
    return buffers;
}

// Writes what sendNow() left asynchronously. A message whose body went with its head is written
// as one buffer, so that a TLS stream sends it in one record.
template <typename Stream>
boost::asio::awaitable<void> writeRest(Stream& stream, WriteBuffers rest,
                                       boost::system::error_code& ec) {
    namespace asio = boost::asio;
    if (rest[1].size() == 0) {
        co_await asio::async_write(stream, rest[0], asio::redirect_error(asio::use_awaitable, ec));
        co_return;
    }
    co_await asio::async_write(stream, rest, asio::redirect_error(asio::use_awaitable, ec));
}

// The number of body bytes copied behind the head. None on a plain socket, where sendmsg()
// takes the body from where it lies. Over TLS a body up to kInlineBodyBytes, so that one record
// carries the message.
template <typename Stream>
std::size_t inlinedBodyBytes(const std::string& body) {
    if constexpr (kPlainSocket<Stream>) {
        return 0;
    } else {
        return body.size() <= kInlineBodyBytes ? body.size() : 0;
    }
}

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
    const auto inlined = inlinedBodyBytes<Stream>(message.body());
    const auto head = headBytes(message, inlined);
    const auto rest = sendNow(stream, {asio::buffer(head), asio::buffer(message.body()) + inlined});
    if (asio::buffer_size(rest) != 0) {
        co_await writeRest(stream, rest, ec);
    }
}

// Writes a message from its `head` (see headBytes) and its `body`, which the head does not carry.
template <typename Stream>
boost::asio::awaitable<void> writeHeadAndBody(Stream& stream, const std::string& head,
                                              const std::string& body,
                                              boost::system::error_code& ec) {
    namespace asio = boost::asio;
    const auto inlined = inlinedBodyBytes<Stream>(body);
    if (inlined == 0) {
        const auto rest = sendNow(stream, {asio::buffer(head), asio::buffer(body)});
        if (asio::buffer_size(rest) != 0) {
            co_await writeRest(stream, rest, ec);
        }
        co_return;
    }
    auto joined = head;
    joined.append(body, 0, inlined);
    co_await writeRest(stream, {asio::buffer(joined), asio::buffer(body) + inlined}, ec);
}

// Writes `request` as forwarded with `edits` (see forwardedHead), without copying it first. A
// request forwardedHead() cannot write is copied and edited through Beast.
template <typename Stream>
boost::asio::awaitable<void> writeForwarded(Stream& stream, const HttpRequest& request,
                                            const FieldEdits& edits, bool keepAlive,
                                            boost::system::error_code& ec) {
    if (!writableDirectly(request)) {
        const auto copy = editedCopy(request, edits, keepAlive);
        co_await writeMessage(stream, copy, ec);
        co_return;
    }
    namespace asio = boost::asio;
    const auto inlined = inlinedBodyBytes<Stream>(request.body());
    const auto head = forwardedHead(request, edits, keepAlive, inlined);
    const auto rest = sendNow(stream, {asio::buffer(head), asio::buffer(request.body()) + inlined});
    if (asio::buffer_size(rest) != 0) {
        co_await writeRest(stream, rest, ec);
    }
}

}  // namespace wsl
