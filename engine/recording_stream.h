#pragma once

// Included by http_server.cpp only: Asio templates stay out of widely included headers.
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <string>

namespace wsl {

// The first bytes received and sent on a connection since the last clear(), each direction
// bounded by `limit`.
struct WireCapture {
    std::size_t limit = 0;
    std::string received;
    std::string sent;

    void clear() {
        received.clear();
        sent.clear();
    }
};

// Passes reads and writes through to a TCP socket and copies the bytes into a WireCapture.
// Placed between the socket and asio::ssl::stream, it copies the TLS records exactly as they
// cross the wire. The socket and the capture must outlive the stream.
class RecordingStream {
public:
    using Socket = boost::asio::ip::tcp::socket;
    using executor_type = Socket::executor_type;
    using lowest_layer_type = Socket::lowest_layer_type;

    RecordingStream(Socket& socket, WireCapture& capture) : socket_(&socket), capture_(&capture) {}

    executor_type get_executor() { return socket_->get_executor(); }
    lowest_layer_type& lowest_layer() { return socket_->lowest_layer(); }
    const lowest_layer_type& lowest_layer() const { return socket_->lowest_layer(); }

    template <typename MutableBuffers, typename Handler>
    auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        return boost::asio::async_initiate<Handler, void(boost::system::error_code, std::size_t)>(
            [this](auto&& completion, const MutableBuffers& target) {
                socket_->async_read_some(target,
                                         recorded(std::forward<decltype(completion)>(completion),
                                                  &capture_->received, target));
            },
            handler, buffers);
    }

    template <typename ConstBuffers, typename Handler>
    auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        return boost::asio::async_initiate<Handler, void(boost::system::error_code, std::size_t)>(
            [this](auto&& completion, const ConstBuffers& source) {
                socket_->async_write_some(source,
                                          recorded(std::forward<decltype(completion)>(completion),
                                                   &capture_->sent, source));
            },
            handler, buffers);
    }

private:
    // Wraps `completion` so that the bytes transferred are appended to `into` first. The
    // wrapper keeps the completion's executor, so that it still runs on the caller's strand.
    template <typename Completion, typename Buffers>
    auto recorded(Completion&& completion, std::string* into, const Buffers& buffers) {
        auto executor = boost::asio::get_associated_executor(completion, socket_->get_executor());
        return boost::asio::bind_executor(
            executor, [this, into, buffers, inner = std::forward<Completion>(completion)](
                          boost::system::error_code ec, std::size_t transferred) mutable {
                append(into, buffers, transferred);
                std::move(inner)(ec, transferred);
            });
    }

    template <typename Buffers>
    void append(std::string* into, const Buffers& buffers, std::size_t transferred) {
        const auto room = capture_->limit > into->size() ? capture_->limit - into->size() : 0;
        const auto count = std::min(room, transferred);
        if (count == 0) {
            return;
        }
        const auto old = into->size();
        into->resize(old + count);
        boost::asio::buffer_copy(boost::asio::buffer(into->data() + old, count), buffers, count);
    }

    Socket* socket_;
    WireCapture* capture_;
};

}  // namespace wsl
