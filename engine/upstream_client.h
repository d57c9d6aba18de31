#pragma once

// The keep-alive side of the HTTP client: requests over the connections of an UpstreamPool,
// and HTTPS with a TLS context prepared once.
#include "forwarded_request.h"
#include "http_client.h"

#include <memory>

namespace wsl {

class UpstreamPool;

// Whether repeating the request has the same effect as sending it once (GET, HEAD, PUT,
// DELETE, OPTIONS), so that a client may resend it after a failure.
bool isIdempotent(http::verb method);

// The result of a request sent through a pool.
struct PooledResult : UpstreamResult {
    bool reused = false;              // the response came over a pooled keep-alive connection
    std::int64_t connectStartUs = 0;  // when a new connection was begun, 0 if none was
};

// As sendHttpRequest, but over an idle keep-alive connection of `pool` when one is left, or a
// new one, which returns to the pool after a complete response that keeps it alive. A request
// that fails on a pooled connection before any response byte arrives is sent once more on a
// new connection when resending it is safe (see mayResend in upstream_client.cpp).
// `connectedUs` is when the connection was established or taken from the pool.
boost::asio::awaitable<PooledResult> sendPooledHttpRequest(
    UpstreamPool& pool, const std::string& sourceAddress, const UpstreamTarget& target,
    HttpRequest request, std::chrono::milliseconds timeout, Tracer* clock);

// As forwardRequest, over a connection of `pool` (null: a new connection). The phase added to
// `context` is "upstream-connect" for a new connection and "upstream-reuse" for a pooled one.
boost::asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                                      const UpstreamTarget& target,
                                                      HttpRequest request,
                                                      std::chrono::milliseconds timeout,
                                                      UpstreamPool* pool);

// As above, for a request the node received and forwards with `edits` (see forwardedHead),
// written without a copy. `request` must outlive the returned awaitable.
boost::asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                                      const UpstreamTarget& target,
                                                      const HttpRequest& request, FieldEdits edits,
                                                      std::chrono::milliseconds timeout,
                                                      UpstreamPool* pool);

// An OpenSSL client context that trusts one certificate, prepared once for many requests.
class TlsClientContext;
// Returns null and sets `error` when `certificatePem` is not a valid PEM certificate.
std::shared_ptr<TlsClientContext> makeTlsClientContext(const std::string& certificatePem,
                                                       std::string& error);

// As sendHttpsRequest, with the context prepared from `tls.certificatePem` (null: prepared
// for this request).
boost::asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                        const UpstreamTarget& target,
                                                        HttpRequest request,
                                                        std::chrono::milliseconds timeout,
                                                        Tracer* clock, TlsClientSettings tls,
                                                        std::shared_ptr<TlsClientContext> context);

// As sendHttpsRequest with a prepared context, over an idle TLS connection of `pool` when one is
// left: its session is kept, so only the first request of a connection has a handshake.
boost::asio::awaitable<PooledResult> sendPooledHttpsRequest(
    UpstreamPool& pool, const std::string& sourceAddress, const UpstreamTarget& target,
    HttpRequest request, std::chrono::milliseconds timeout, Tracer* clock, TlsClientSettings tls,
    std::shared_ptr<TlsClientContext> context);

}  // namespace wsl
