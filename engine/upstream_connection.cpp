#include "upstream_connection.h"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/query.hpp>

#include "connection_affinity.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// The buffer a response is read into at first. It grows for a larger response.
constexpr std::size_t kResponseReadBytes = 16 * 1024;
// The largest buffer a pooled connection keeps. A larger one is freed when it returns.
constexpr std::size_t kKeptBufferBytes = 64 * 1024;

}  // namespace

std::shared_ptr<UpstreamConnection> UpstreamConnection::create(
    const asio::any_io_executor& executor, std::uint64_t epoch) {
    return std::shared_ptr<UpstreamConnection>(new UpstreamConnection(executor, epoch));
}

UpstreamConnection::UpstreamConnection(const asio::any_io_executor& executor, std::uint64_t epoch)
    : socket_(executor), watchdog_(executor), epoch_(epoch) {
    // Each read fills the free capacity, at least 512 bytes, so a response of up to 16 KiB that
    // has arrived whole is read in one call.
    buffer_.reserve(kResponseReadBytes);
}

UpstreamConnection::~UpstreamConnection() {
    withdraw();
}

void UpstreamConnection::announce() {
    boost::system::error_code ec;
    const auto local = socket_.local_endpoint(ec);
    if (ec || local.port() == 0) {
        return;
    }
    auto& context = asio::query(socket_.get_executor(), asio::execution::context);
    ConnectionAffinity::instance().announce(local, context, this);
    announced_ = local;
}

void UpstreamConnection::withdraw() {
    if (announced_.port() != 0) {
        ConnectionAffinity::instance().withdraw(announced_, this);
        announced_ = {};
    }
}

TlsStream& UpstreamConnection::startTls(asio::ssl::context& context) {
    tls_ = std::make_unique<TlsStream>(std::move(socket_), context);
    return *tls_;
}

void UpstreamConnection::armDeadline(Clock::time_point deadline) {
    timedOut_ = false;
    deadline_ = deadline;
    if (deadline < watchExpiry_) {
        watchUntil(deadline);
    }
}

void UpstreamConnection::watchUntil(Clock::time_point at) {
    watchExpiry_ = at;
    // Moving the expiry cancels the previous wait, so its handler finds another expiry.
    watchdog_.expires_at(at);
    watchdog_.async_wait([weak = weak_from_this(), at](boost::system::error_code ec) {
        const auto self = weak.lock();
        if (!self || ec || at != self->watchExpiry_) {
            return;  // closed, or moved to another expiry
        }
        self->watchExpiry_ = Clock::time_point::max();
        if (self->deadline_ == Clock::time_point::max()) {
            return;  // idle: the next armDeadline() starts a wait
        }
        if (Clock::now() < self->deadline_) {
            self->watchUntil(self->deadline_);
            return;
        }
        // Closing ends whichever step is pending: connect, handshake, write or read.
        self->timedOut_ = true;
        boost::system::error_code ignored;
        self->transport().close(ignored);
    });
}

void UpstreamConnection::idle() {
    disarm();
    if (buffer_.capacity() > kKeptBufferBytes) {
        buffer_ = boost::beast::flat_buffer();
        buffer_.reserve(kResponseReadBytes);
    }
}

void UpstreamConnection::close() {
    withdraw();
    watchdog_.cancel();
    boost::system::error_code ignored;
    transport().close(ignored);
}

}  // namespace wsl
