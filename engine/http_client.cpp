#include "http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <memory>

#include "hop_gate.h"

namespace wsl {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using asio::use_awaitable;

namespace {

Outcome classify(const boost::system::error_code& ec, bool timedOut) {
    if (timedOut) {
        return Outcome::Timeout;
    }
    if (ec == asio::error::connection_refused) {
        return Outcome::Refused;
    }
    if (ec == asio::error::connection_reset || ec == asio::error::eof ||
        ec == http::error::end_of_stream || ec == asio::error::broken_pipe) {
        return Outcome::Reset;
    }
    return Outcome::Error;
}

struct Exchange {
    explicit Exchange(const asio::any_io_executor& executor) : socket(executor), timer(executor) {}
    tcp::socket socket;
    asio::steady_timer timer;
    bool timedOut = false;
};

// Writes the request and reads the response on a connected stream, plain or TLS.
template <typename Stream>
asio::awaitable<void> exchangeMessages(Stream& stream, HttpRequest& request, UpstreamResult& result,
                                       boost::system::error_code& ec) {
    const bool head = request.method() == http::verb::head;
    request.keep_alive(false);
    request.prepare_payload();
    result.requestSent = true;
    co_await http::async_write(stream, request, asio::redirect_error(use_awaitable, ec));
    if (ec) {
        co_return;
    }

    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    // Bodies from our own nodes are small; the bound protects against a misbehaving peer.
    parser.body_limit(8 * 1024 * 1024);
    // A response to HEAD announces a body length but carries no body.
    parser.skip(head);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (!ec) {
        result.response = parser.release();
    }
}

// Runs the client handshake on a connected socket, trusting only `tls.certificatePem`, then
// the exchange. NOTE: every request builds a new context and parses the certificate again, so
// cache the context if this path ever carries load.
asio::awaitable<void> exchangeOverTls(tcp::socket& socket, const TlsClientSettings& tls,
                                      HttpRequest& request, UpstreamResult& result, Tracer* clock,
                                      boost::system::error_code& ec) {
    asio::ssl::context context(asio::ssl::context::tls_client);
    ::SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    context.add_certificate_authority(asio::buffer(tls.certificatePem), ec);
    if (ec) {
        co_return;
    }
    asio::ssl::stream<tcp::socket&> stream(socket, context);
    stream.set_verify_mode(asio::ssl::verify_peer);
    stream.set_verify_callback(asio::ssl::host_name_verification(tls.serverName));
    // SSL_set_tlsext_host_name, without the macro's C-style cast.
    ::SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(tls.serverName.c_str()));

    co_await stream.async_handshake(asio::ssl::stream_base::client,
                                    asio::redirect_error(use_awaitable, ec));
    result.handshakeEndUs = clock ? clock->nowUs() : 0;
    if (!ec) {
        co_await exchangeMessages(stream, request, result, ec);
    }
}

// Connects from `sourceAddress`, then exchanges the messages, over TLS when `tls` is set.
asio::awaitable<UpstreamResult> send(const std::string& sourceAddress, const UpstreamTarget& target,
                                     HttpRequest request, std::chrono::milliseconds timeout,
                                     Tracer* clock, const TlsClientSettings* tls) {
    UpstreamResult result;
    result.startUs = clock ? clock->nowUs() : 0;
    auto exchange = std::make_shared<Exchange>(co_await asio::this_coro::executor);
    boost::system::error_code ec;

    // The timer closes the socket, which ends whichever step is pending.
    exchange->timer.expires_after(timeout);
    exchange->timer.async_wait([weak = std::weak_ptr(exchange)](boost::system::error_code error) {
        if (auto held = weak.lock(); held && !error) {
            held->timedOut = true;
            boost::system::error_code ignored;
            held->socket.close(ignored);
        }
    });

    const auto finish = [&](boost::system::error_code error) {
        exchange->timer.cancel();
        boost::system::error_code ignored;
        exchange->socket.close(ignored);
        result.outcome = error ? classify(error, exchange->timedOut) : Outcome::Ok;
        if (error) {
            result.error = exchange->timedOut
                               ? "timed out after " + std::to_string(timeout.count()) + " ms"
                               : error.message();
        }
        result.endUs = clock ? clock->nowUs() : 0;
    };

    const tcp::endpoint remote{asio::ip::make_address(target.address, ec), target.port};
    if (ec) {
        finish(ec);
        co_return result;
    }
    exchange->socket.open(tcp::v4(), ec);
    if (!ec && !sourceAddress.empty()) {
        exchange->socket.bind({asio::ip::make_address(sourceAddress, ec), 0}, ec);
    }
    if (!ec) {
        co_await exchange->socket.async_connect(remote, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) {
        finish(ec);
        co_return result;
    }
    result.connectedUs = clock ? clock->nowUs() : 0;

    if (tls != nullptr) {
        co_await exchangeOverTls(exchange->socket, *tls, request, result, clock, ec);
    } else {
        co_await exchangeMessages(exchange->socket, request, result, ec);
    }
    finish(ec);
    co_return result;
}

}  // namespace

asio::awaitable<UpstreamResult> sendHttpRequest(const std::string& sourceAddress,
                                                const UpstreamTarget& target, HttpRequest request,
                                                std::chrono::milliseconds timeout, Tracer* clock) {
    co_return co_await send(sourceAddress, target, std::move(request), timeout, clock, nullptr);
}

asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                 const UpstreamTarget& target, HttpRequest request,
                                                 std::chrono::milliseconds timeout, Tracer* clock,
                                                 TlsClientSettings tls) {
    co_return co_await send(sourceAddress, target, std::move(request), timeout, clock, &tls);
}

asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                               const UpstreamTarget& target, HttpRequest request,
                                               std::chrono::milliseconds timeout) {
    request.set("traceparent", context.traceparent());
    if (!context.instanceId.empty()) {
        request.set(kInstanceHeader, context.instanceId);
    }
    const std::string method(request.method_string());
    const std::string path(request.target());
    const auto paced = context.gate ? context.gate->upstreamTimeout(timeout) : timeout;
    auto result = co_await sendHttpRequest(context.sourceAddress, target, std::move(request), paced,
                                           context.tracer);
    if (context.tracer != nullptr) {
        const auto connectEndUs = result.connectedUs != 0 ? result.connectedUs : result.endUs;
        context.phases.push_back({"upstream-connect", result.startUs, connectEndUs});
    }
    if (result.outcome == Outcome::Ok || context.tracer == nullptr || result.requestSent) {
        co_return result;
    }

    // The target never accepted the connection, so no span of its own exists.
    Span span;
    span.traceId = context.traceId;
    span.spanId = newSpanId();
    span.parentSpanId = context.spanId;
    span.node = target.node;
    span.peer = context.node;
    span.method = method;
    span.target = path;
    span.outcome = result.outcome;
    span.detail = result.error;
    span.startUs = result.startUs;
    span.endUs = result.endUs;
    context.tracer->record(std::move(span));
    co_return result;
}

}  // namespace wsl
