#pragma once

#include <utility>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "http_types.h"

namespace wsl {

class UpstreamPool;

// Where an upstream request ended. `requestSent` shows a retry policy whether the server may
// already have acted on the request.
struct UpstreamResult {
    Outcome outcome = Outcome::Error;
    std::optional<HttpResponse> response;
    std::string error;
    bool requestSent = false;
    bool reused = false;  // the response came over a pooled keep-alive connection
    std::int64_t startUs = 0;
    std::int64_t connectStartUs = 0;  // when a new connection was begun, 0 if none was
    // When the TCP connection was established or taken from the pool, 0 if it never was.
    std::int64_t connectedUs = 0;
    std::int64_t handshakeEndUs = 0;  // when the TLS handshake ended, 0 without TLS
    std::int64_t endUs = 0;
};

struct UpstreamTarget {
    std::string node;  // for spans and messages
    std::string address;
    std::uint16_t port = 0;
};

// Whether repeating the request has the same effect as sending it once (GET, HEAD, PUT,
// DELETE, OPTIONS), so that a client may resend it after a failure.
bool isIdempotent(http::verb method);

// Sends one request from `sourceAddress` (so that the server sees this node's own loopback
// address as the peer) and reads the response. The whole exchange is bounded by `timeout`.
// Never throws for network failures: they are in the result. Without `pool` every request
// opens a new connection and closes it. With `pool` the request goes over an idle keep-alive
// connection when one is left, or a new one, which returns to the pool after a complete
// response that keeps it alive.
boost::asio::awaitable<UpstreamResult> sendHttpRequest(const std::string& sourceAddress,
                                                       const UpstreamTarget& target,
                                                       HttpRequest request,
                                                       std::chrono::milliseconds timeout,
                                                       Tracer* clock, UpstreamPool* pool = nullptr);

// An OpenSSL client context that trusts one certificate, prepared once for many requests.
class TlsClientContext;
// Returns null and sets `error` when `certificatePem` is not a valid PEM certificate.
std::shared_ptr<TlsClientContext> makeTlsClientContext(const std::string& certificatePem,
                                                       std::string& error);

// The trust settings of an HTTPS client connection.
struct TlsClientSettings {
    std::string certificatePem;  // the only certificate trusted, as curl --cacert does
    std::string serverName;      // sent as SNI and checked against the certificate's names
    // Built from certificatePem: null makes each request build and parse it again.
    std::shared_ptr<TlsClientContext> context;
};

// As sendHttpRequest, over TLS 1.2 or later. A certificate that is not `tls.certificatePem`
// or does not name `tls.serverName` fails the request before it is sent.
boost::asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                        const UpstreamTarget& target,
                                                        HttpRequest request,
                                                        std::chrono::milliseconds timeout,
                                                        Tracer* clock, TlsClientSettings tls);

// Sends a request on behalf of the one described by `context` over a connection of `pool`
// (null: a new connection), as sendHttpRequest does. Forwards its traceparent, adds an
// "upstream-connect" phase to `context` for a new connection or an "upstream-reuse" phase for a
// pooled one, and records a span for a connection the target never accepted, since the target
// cannot.
boost::asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                                      const UpstreamTarget& target,
                                                      HttpRequest request,
                                                      std::chrono::milliseconds timeout,
                                                      UpstreamPool* pool = nullptr);

}  // namespace wsl
