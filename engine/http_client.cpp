#include "upstream_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <memory>

#include "hop_gate.h"
#include "message_reader.h"
#include "message_writer.h"
#include "upstream_pool.h"

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

// How far one exchange of messages got.
struct ExchangeEnd {
    bool written = false;          // the whole request was written
    bool responseStarted = false;  // at least one byte of a response arrived
    bool reusable = false;         // a complete response that keeps the connection alive
};

// Writes the request with `edits` and reads the response over the connection's TLS stream when
// it has one, else over its socket. With `keepAlive` the request lets the server keep the
// connection open.
asio::awaitable<ExchangeEnd> exchangeOver(UpstreamConnection& connection,
                                          const HttpRequest& request, const FieldEdits& edits,
                                          UpstreamResult& result, bool keepAlive,
                                          boost::system::error_code& ec) {
    ExchangeEnd end;
    const bool head = request.method() == http::verb::head;
    result.requestSent = true;
    auto* tls = connection.tls();
    if (tls != nullptr) {
        co_await writeForwarded(*tls, request, edits, keepAlive, ec);
    } else {
        co_await writeForwarded(connection.socket(), request, edits, keepAlive, ec);
    }
    if (ec) {
        co_return end;
    }
    end.written = true;

    auto& buffer = connection.buffer();
    http::response_parser<http::string_body> parser;
    // Bodies from our own nodes are small; the bound protects against a misbehaving peer.
    parser.body_limit(8 * 1024 * 1024);
    // A response to HEAD announces a body length but carries no body.
    parser.skip(head);
    if (tls != nullptr) {
        co_await readMessage(*tls, buffer, parser, ReadUntil::Message, ec);
    } else {
        co_await readMessage(connection.socket(), buffer, parser, ReadUntil::Message, ec);
    }
    end.responseStarted = parser.got_some() || buffer.size() > 0;
    if (ec) {
        co_return end;
    }
    // Bytes after the response belong to no request of ours, so the connection is not reused.
    // Nor is one whose watchdog expired after the whole response had been read: it closed the
    // socket, and a pool must not hand out a closed connection.
    end.reusable = parser.keep_alive() && buffer.size() == 0 && !connection.timedOut();
    result.response = parser.release();
    co_return end;
}

}  // namespace

class TlsClientContext {
public:
    asio::ssl::context context{asio::ssl::context::tls_client};
};

std::shared_ptr<TlsClientContext> makeTlsClientContext(const std::string& certificatePem,
                                                       std::string& error) {
    auto prepared = std::make_shared<TlsClientContext>();
    ::SSL_CTX_set_min_proto_version(prepared->context.native_handle(), TLS1_2_VERSION);
    boost::system::error_code ec;
    prepared->context.add_certificate_authority(asio::buffer(certificatePem), ec);
    if (ec) {
        error = "invalid trusted certificate: " + ec.message();
        return nullptr;
    }
    return prepared;
}

bool isIdempotent(http::verb method) {
    return method == http::verb::get || method == http::verb::head || method == http::verb::put ||
           method == http::verb::delete_ || method == http::verb::options;
}

namespace {

// Runs the client handshake on the connection's connected socket, trusting only
// `tls.certificatePem`, and leaves the stream in the connection.
asio::awaitable<void> handshake(UpstreamConnection& connection, const TlsClientSettings& tls,
                                std::shared_ptr<TlsClientContext> prepared, UpstreamResult& result,
                                Tracer* clock, boost::system::error_code& ec) {
    if (!prepared) {
        std::string error;
        prepared = makeTlsClientContext(tls.certificatePem, error);
        if (!prepared) {
            ec = asio::error::invalid_argument;
            co_return;
        }
    }
    auto& stream = connection.startTls(prepared->context);
    stream.set_verify_mode(asio::ssl::verify_peer);
    stream.set_verify_callback(asio::ssl::host_name_verification(tls.serverName));
    // SSL_set_tlsext_host_name, without the macro's C-style cast.
    ::SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(tls.serverName.c_str()));

    co_await stream.async_handshake(asio::ssl::stream_base::client,
                                    asio::redirect_error(use_awaitable, ec));
    result.handshakeEndUs = clock ? clock->nowUs() : 0;
}

// Whether a request that failed on a reused connection is sent again on a new one. The usual
// cause is a server that closed the idle connection as the request arrived, before reading it.
// A request whose write failed never reached the server whole, so it is always resent. A fully
// written request is resent only when its method is idempotent. A node that fails in the middle
// of a request closes its connections the same way, so a POST may already have been applied,
// and a message posted twice is worse than one 502. nginx (1.9.13 and later) likewise passes a
// sent POST, LOCK or PATCH to no other server unless `proxy_next_upstream` has
// `non_idempotent`. For a request that is not idempotent, take() first checks that the peer has
// not closed, so a POST seldom meets this case.
bool mayResend(const ExchangeEnd& end, http::verb method, bool timedOut) {
    if (timedOut || end.responseStarted) {
        return false;
    }
    return !end.written || isIdempotent(method);
}

// Sends the request over an idle pooled connection, which it leaves in `connection`. Returns
// true when the exchange is over, successfully or not, and false when the caller should send
// it on a new connection instead.
asio::awaitable<bool> sendOnPooled(PooledConnection& connection, UpstreamPool& pool,
                                   const UpstreamKey& key, bool wantTls,
                                   UpstreamConnection::Clock::time_point deadline,
                                   const HttpRequest& request, const FieldEdits& edits,
                                   PooledResult& result, Tracer* clock,
                                   boost::system::error_code& ec) {
    // An idempotent request that meets a connection the server closed is sent again on a new
    // one (mayResend), so only the others need take() to check the connection first.
    auto idle = pool.take(key, !isIdempotent(request.method()));
    if (!idle) {
        co_return false;
    }
    if ((idle->tls() != nullptr) != wantTls) {
        idle->close();
        co_return false;
    }
    connection = std::move(idle);
    connection->armDeadline(deadline);
    result.reused = true;
    result.connectedUs = clock ? clock->nowUs() : 0;

    const auto end = co_await exchangeOver(*connection, request, edits, result, true, ec);
    if (!ec && end.reusable) {
        pool.put(key, std::move(connection));
        co_return true;
    }
    if (!ec || !mayResend(end, request.method(), connection->timedOut())) {
        co_return true;
    }

    connection->close();
    connection.reset();
    ec.clear();
    result.reused = false;
    result.requestSent = false;
    result.connectedUs = 0;
    co_return false;
}

// Opens a connection from `sourceAddress` to `target` into `connection`.
asio::awaitable<void> connect(UpstreamConnection& connection, const std::string& sourceAddress,
                              const UpstreamTarget& target, boost::system::error_code& ec) {
    const tcp::endpoint remote{asio::ip::make_address(target.address, ec), target.port};
    if (ec) {
        co_return;
    }
    auto& socket = connection.socket();
    socket.open(tcp::v4(), ec);
    if (!ec && !sourceAddress.empty()) {
        socket.bind({asio::ip::make_address(sourceAddress, ec), 0}, ec);
        if (!ec) {
            connection.announce();
        }
    }
    if (!ec) {
        co_await socket.async_connect(remote, asio::redirect_error(use_awaitable, ec));
    }
}

// Connects from `sourceAddress`, then exchanges the messages, over TLS when `tls` is set. With
// a pool, the connection, plain or TLS, is taken from it and returned to it. `request` is sent
// with `edits` applied.
asio::awaitable<PooledResult> send(const std::string& sourceAddress, const UpstreamTarget& target,
                                   const HttpRequest& request, const FieldEdits& edits,
                                   std::chrono::milliseconds timeout, Tracer* clock,
                                   const TlsClientSettings* tls,
                                   std::shared_ptr<TlsClientContext> tlsContext,
                                   UpstreamPool* pool) {
    PooledResult result;
    result.startUs = clock ? clock->nowUs() : 0;
    // One deadline for the whole request, a failed attempt on a pooled connection included.
    const auto deadline = UpstreamConnection::Clock::now() + timeout;
    const auto executor = co_await asio::this_coro::executor;
    PooledConnection connection;  // null once it is back in a pool
    boost::system::error_code ec;

    const auto finish = [&](boost::system::error_code error) {
        const bool timedOut = connection && connection->timedOut();
        if (connection) {
            connection->disarm();
            connection->close();
        }
        result.outcome = error ? classify(error, timedOut) : Outcome::Ok;
        if (error) {
            result.error = timedOut ? "timed out after " + std::to_string(timeout.count()) + " ms"
                                    : error.message();
        }
        result.endUs = clock ? clock->nowUs() : 0;
    };

    const UpstreamKey key{sourceAddress, target.address, target.port,
                          &asio::query(executor, asio::execution::context)};
    if (pool != nullptr && co_await sendOnPooled(connection, *pool, key, tls != nullptr, deadline,
                                                 request, edits, result, clock, ec)) {
        finish(ec);
        co_return result;
    }

    result.connectStartUs = clock ? clock->nowUs() : 0;
    connection = UpstreamConnection::create(executor, pool != nullptr ? pool->epoch() : 0);
    connection->armDeadline(deadline);
    co_await connect(*connection, sourceAddress, target, ec);
    if (ec) {
        finish(ec);
        co_return result;
    }
    result.connectedUs = clock ? clock->nowUs() : 0;

    if (tls != nullptr) {
        co_await handshake(*connection, *tls, std::move(tlsContext), result, clock, ec);
    }
    if (!ec) {
        const auto end =
            co_await exchangeOver(*connection, request, edits, result, pool != nullptr, ec);
        if (!ec && end.reusable && pool != nullptr) {
            pool->put(key, std::move(connection));
        }
    }
    finish(ec);
    co_return result;
}

}  // namespace

asio::awaitable<UpstreamResult> sendHttpRequest(const std::string& sourceAddress,
                                                const UpstreamTarget& target, HttpRequest request,
                                                std::chrono::milliseconds timeout, Tracer* clock) {
    const FieldEdits none;
    UpstreamResult result = co_await send(sourceAddress, target, request, none, timeout, clock,
                                          nullptr, nullptr, nullptr);
    co_return result;
}

asio::awaitable<PooledResult> sendPooledHttpRequest(
    UpstreamPool& pool, const std::string& sourceAddress, const UpstreamTarget& target,
    HttpRequest request, std::chrono::milliseconds timeout, Tracer* clock) {
    const FieldEdits none;
    co_return co_await send(sourceAddress, target, request, none, timeout, clock, nullptr, nullptr,
                            &pool);
}

asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                 const UpstreamTarget& target, HttpRequest request,
                                                 std::chrono::milliseconds timeout, Tracer* clock,
                                                 TlsClientSettings tls) {
    co_return co_await sendHttpsRequest(sourceAddress, target, std::move(request), timeout, clock,
                                        std::move(tls), nullptr);
}

asio::awaitable<PooledResult> sendPooledHttpsRequest(
    UpstreamPool& pool, const std::string& sourceAddress, const UpstreamTarget& target,
    HttpRequest request, std::chrono::milliseconds timeout, Tracer* clock, TlsClientSettings tls,
    std::shared_ptr<TlsClientContext> context) {
    const FieldEdits none;
    co_return co_await send(sourceAddress, target, request, none, timeout, clock, &tls,
                            std::move(context), &pool);
}

asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                 const UpstreamTarget& target, HttpRequest request,
                                                 std::chrono::milliseconds timeout, Tracer* clock,
                                                 TlsClientSettings tls,
                                                 std::shared_ptr<TlsClientContext> context) {
    const FieldEdits none;
    UpstreamResult result = co_await send(sourceAddress, target, request, none, timeout, clock,
                                          &tls, std::move(context), nullptr);
    co_return result;
}

asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                               const UpstreamTarget& target, HttpRequest request,
                                               std::chrono::milliseconds timeout) {
    const FieldEdits none;
    co_return co_await forwardRequest(context, target, request, none, timeout, nullptr);
}

asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                               const UpstreamTarget& target, HttpRequest request,
                                               std::chrono::milliseconds timeout,
                                               UpstreamPool* pool) {
    const FieldEdits none;
    co_return co_await forwardRequest(context, target, request, none, timeout, pool);
}

asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                               const UpstreamTarget& target,
                                               const HttpRequest& request, FieldEdits edits,
                                               std::chrono::milliseconds timeout,
                                               UpstreamPool* pool) {
    // The edits point at it until send() returns.
    const auto traceparent = context.traceparent();
    edits.push_back({"traceparent", traceparent});
    if (!context.instanceId.empty()) {
        edits.push_back({kInstanceHeader, context.instanceId});
    }
    const auto paced = context.gate ? context.gate->upstreamTimeout(timeout) : timeout;
    auto pooled = co_await send(context.sourceAddress, target, request, edits, paced,
                                context.tracer, nullptr, nullptr, pool);
    const bool reused = pooled.reused;
    const auto connectStartUs = pooled.connectStartUs;
    UpstreamResult result = std::move(pooled);
    if (context.tracer != nullptr) {
        const auto connectEndUs = result.connectedUs != 0 ? result.connectedUs : result.endUs;
        if (reused) {
            // The time to take the idle connection, which also marks the span as reused.
            context.phases.push_back({"upstream-reuse", result.startUs, connectEndUs});
        } else {
            context.phases.push_back({"upstream-connect", connectStartUs, connectEndUs});
        }
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
    span.method = std::string(request.method_string());
    span.target = std::string(request.target());
    span.outcome = result.outcome;
    span.detail = result.error;
    span.startUs = result.startUs;
    span.endUs = result.endUs;
    context.tracer->record(std::move(span));
    co_return result;
}

}  // namespace wsl
