#pragma once

// One connection from a node to a server it sends requests to, kept together with the watchdog
// that bounds each exchange over it and the buffer its responses are read into. A pool keeps the
// three between requests, so that a reused connection needs no allocation and no timer of its
// own per request.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>

namespace wsl {

using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

// Used from its executor's thread only. Made by create(), because the watchdog keeps a weak_ptr
// to it.
class UpstreamConnection : public std::enable_shared_from_this<UpstreamConnection> {
public:
    using Clock = std::chrono::steady_clock;

    // A connection not yet open. `epoch` is the pool's epoch when it was opened (see
    // UpstreamPool::epoch), 0 without a pool.
    static std::shared_ptr<UpstreamConnection> create(const boost::asio::any_io_executor& executor,
                                                      std::uint64_t epoch);
    UpstreamConnection(const UpstreamConnection&) = delete;
    UpstreamConnection& operator=(const UpstreamConnection&) = delete;
    ~UpstreamConnection();

    // The plain socket, which startTls() moves under the TLS stream.
    boost::asio::ip::tcp::socket& socket() { return socket_; }
    // The socket the connection runs on: its own, or the one under its TLS stream.
    boost::asio::ip::tcp::socket& transport() { return tls_ ? tls_->next_layer() : socket_; }
    // Null until startTls().
    TlsStream* tls() { return tls_.get(); }
    TlsStream& startTls(boost::asio::ssl::context& context);

    // Registers with ConnectionAffinity the thread that runs this bound, not yet connected
    // socket, so that a node of this engine accepting it serves it on that thread.
    void announce();

    std::uint64_t epoch() const { return epoch_; }
    // Responses are read into it; it is empty between exchanges.
    boost::beast::flat_buffer& buffer() { return buffer_; }

    // Closes the connection at `deadline` unless disarm() comes first, and sets timedOut(). The
    // watchdog's wait moves only when the deadline comes before it, so a reused connection,
    // whose deadlines only move later, costs a timer operation per timeout, not per request.
    void armDeadline(Clock::time_point deadline);
    void disarm() { deadline_ = Clock::time_point::max(); }
    bool timedOut() const { return timedOut_; }

    // Prepares a connection for a pool after a complete exchange: no deadline, and a buffer that
    // a large response grew is given back.
    void idle();
    // Closes the socket and cancels the watchdog's wait. A pool may close an idle connection
    // from another thread: nothing else uses it then, and the watchdog's handler finds no
    // deadline, so it touches neither.
    void close();

private:
    UpstreamConnection(const boost::asio::any_io_executor& executor, std::uint64_t epoch);
    void watchUntil(Clock::time_point at);
    void withdraw();

    boost::asio::ip::tcp::socket socket_;
    std::unique_ptr<TlsStream> tls_;
    boost::asio::steady_timer watchdog_;
    Clock::time_point deadline_ = Clock::time_point::max();     // max: no exchange pending
    Clock::time_point watchExpiry_ = Clock::time_point::max();  // max: the watchdog is idle
    bool timedOut_ = false;
    const std::uint64_t epoch_;
    boost::asio::ip::tcp::endpoint announced_;  // the registered source; port 0 when none
    boost::beast::flat_buffer buffer_;
};

}  // namespace wsl
