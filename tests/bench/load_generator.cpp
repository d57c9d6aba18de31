#include "load_generator.h"

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <optional>

namespace wsl::bench {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// A reply slower than this counts as failed, and the connection is opened again.
constexpr auto kReplyTimeout = std::chrono::seconds(5);

void setReceiveTimeout(tcp::socket& socket) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(kReplyTimeout).count();
    timeval timeout{};
    timeout.tv_sec = static_cast<time_t>(micros / 1'000'000);
    timeout.tv_usec = static_cast<suseconds_t>(micros % 1'000'000);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

// One keep-alive connection to the load balancer, opened again after any error.
class Connection {
public:
    Connection(const std::string& address, std::uint16_t port)
        : endpoint_(asio::ip::make_address(address), port) {}

    // Returns the response status, or 0 when the exchange failed.
    unsigned get() {
        if (!socket_ && !open()) {
            return 0;
        }

        http::request<http::empty_body> request{http::verb::get, "/", 11};
        request.set(http::field::host, endpoint_.address().to_string());
        request.keep_alive(true);
        boost::system::error_code ec;
        http::write(*socket_, request, ec);
        if (ec) {
            socket_.reset();
            return 0;
        }

        http::response<http::string_body> response;
        http::read(*socket_, buffer_, response, ec);
        if (ec) {
            socket_.reset();
            return 0;
        }
        if (!response.keep_alive()) {
            socket_.reset();
        }
        return response.result_int();
    }

private:
    bool open() {
        buffer_.clear();
        socket_.emplace(io_);
        boost::system::error_code ec;
        socket_->connect(endpoint_, ec);
        if (ec) {
            socket_.reset();
            return false;
        }
        setReceiveTimeout(*socket_);
        return true;
    }

    asio::io_context io_;
    tcp::endpoint endpoint_;
    std::optional<tcp::socket> socket_;
    boost::beast::flat_buffer buffer_;
};

}  // namespace

LoadGenerator::LoadGenerator(LoadSettings settings) : settings_(std::move(settings)) {}

LoadGenerator::~LoadGenerator() {
    stop();
}

void LoadGenerator::start() {
    startTime_ = std::chrono::steady_clock::now();
    for (int index = 0; index < settings_.connections; ++index) {
        threads_.emplace_back([this, index] { runConnection(index); });
    }
}

void LoadGenerator::stop() {
    stopping_ = true;
    for (auto& thread : threads_) {
        thread.join();
    }
    threads_.clear();
}

LoadResult LoadGenerator::result() const {
    LoadResult result;
    result.sent = sent_;
    result.succeeded = succeeded_;
    result.failed = failed_;
    result.seconds = static_cast<double>(lastAnswerNs_) / 1e9;
    return result;
}

// Connection `index` sends requests index, index + connections, index + 2 * connections, ...
// of one schedule, so that together the connections keep an even pace.
void LoadGenerator::runConnection(int index) {
    Connection connection(settings_.address, settings_.port);
    const std::chrono::duration<double> interval(1.0 / settings_.requestsPerSecond);
    const auto end = startTime_ + settings_.duration;

    for (std::int64_t slot = index; !stopping_; slot += settings_.connections) {
        const auto due = startTime_ + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          interval * static_cast<double>(slot));
        if (due >= end) {
            break;
        }
        std::this_thread::sleep_until(due);

        ++sent_;
        if (connection.get() == 200) {
            ++succeeded_;
        } else {
            ++failed_;
        }
        const auto elapsed = std::chrono::steady_clock::now() - startTime_;
        const auto elapsedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed);
        auto previous = lastAnswerNs_.load();
        while (previous < elapsedNs.count() &&
               !lastAnswerNs_.compare_exchange_weak(previous, elapsedNs.count())) {
        }
    }
    ++finishedConnections_;
}

}  // namespace wsl::bench
