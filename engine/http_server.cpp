#include "http_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>
#include <mutex>
#include <set>
#include <vector>

#include <unistd.h>

#include "access_log.h"
#include "connection_affinity.h"
#include "hop_gate.h"
#include "message_reader.h"
#include "message_writer.h"
#include "network_contexts.h"
#include "recording_stream.h"
#include "span_messages.h"

namespace wsl {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using asio::use_awaitable;

namespace {

constexpr std::chrono::milliseconds kAcceptErrorPause{50};

// A dropped connection is held silently for this many header timeouts before it is closed. A
// client whose own deadline equals the header timeout (with the default limits, the load
// balancer's backend timeout does) then times out before the close reaches it.
constexpr int kDropHoldFactor = 2;

// Writes `response`, from the span's copy of its bytes when the span keeps one, so that its head
// is serialized once. Not a coroutine itself: it returns the write it chooses.
template <typename Stream>
asio::awaitable<void> writeResponse(Stream& stream, const HttpResponse& response,
                                    const SpanMessages* messages, boost::system::error_code& ec) {
    const auto* bytes = messages != nullptr ? messages->response() : nullptr;
    if (bytes == nullptr) {
        return writeMessage(stream, response, ec);
    }
    if (messages->wholeResponseBody()) {
        return writeHeadAndBody(stream, bytes->head, bytes->body, ec);
    }
    // Beast encodes a chunked body's chunks. Any other body is written where it lies.
    if (response.chunked()) {
        return writeMessage(stream, response, ec);
    }
    return writeHeadAndBody(stream, bytes->head, response.body(), ec);
}

std::string peerAddressOf(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    return ec ? std::string{} : peer.address().to_string();
}

std::string localAddressOf(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto local = socket.local_endpoint(ec);
    return ec ? std::string{} : local.address().to_string();
}

// The TLS session of one connection, over a stream that records the records it carries.
struct TlsSession {
    TlsSession(tcp::socket& socket, std::shared_ptr<asio::ssl::context> tlsContext)
        : context(std::move(tlsContext)), stream(RecordingStream(socket, capture), *context) {
        capture.limit = Tracer::kMaxWireBytes;
    }

    std::shared_ptr<asio::ssl::context> context;
    WireCapture capture;  // declared before `stream`, which refers to it
    asio::ssl::stream<RecordingStream> stream;
    std::int64_t handshakeStartUs = 0;
    std::int64_t handshakeEndUs = 0;
};

// One listening socket; `tls` is null for plain HTTP.
struct Listener {
    std::shared_ptr<tcp::acceptor> acceptor;
    std::shared_ptr<asio::ssl::context> tls;
};

// One accepted connection. Every operation on its socket runs on its executor, a context that
// one thread runs or a strand, including the close that stop() posts from another thread.
struct Connection {
    using Clock = std::chrono::steady_clock;

    explicit Connection(const asio::any_io_executor& connectionExecutor)
        : executor(connectionExecutor), socket(executor), timer(executor), watchdog(executor) {}

    // Gives the pending read or write until `limit` from now: past it the watchdog cancels it
    // and sets `timedOut`, so that the reader can tell a timeout from a close. The watchdog's
    // wait is moved only when the deadline comes before it, so a kept-alive connection, whose
    // deadlines only move later, costs a timer operation per idle timeout, not per request.
    void armDeadline(std::chrono::milliseconds limit) {
        timedOut = false;
        deadline = Clock::now() + limit;
        if (deadline < watchExpiry) {
            watchUntil(deadline);
        }
    }

    // The pending read or write finished in time.
    void disarm() { deadline = Clock::time_point::max(); }

    void close() {
        boost::system::error_code ignored;
        timer.cancel();
        watchdog.cancel();
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }

    // Closes with a TCP RST instead of a FIN: a linger time of 0 discards unsent and unread
    // data, so the peer's next read or write fails with "connection reset".
    void reset() {
        boost::system::error_code ignored;
        timer.cancel();
        watchdog.cancel();
        socket.set_option(asio::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
    }

    void watchUntil(Clock::time_point at) {
        watchExpiry = at;
        // Moving the expiry cancels the previous wait, so its handler finds another expiry.
        watchdog.expires_at(at);
        watchdog.async_wait([this, self = weak.lock(), at](boost::system::error_code ec) {
            if (!self || ec || at != watchExpiry) {
                return;  // closed, or moved to another expiry
            }
            watchExpiry = Clock::time_point::max();
            if (deadline == Clock::time_point::max()) {
                return;  // nothing pending: the next armDeadline() starts a wait
            }
            if (Clock::now() < deadline) {
                watchUntil(deadline);
                return;
            }
            timedOut = true;
            boost::system::error_code ignored;
            socket.cancel(ignored);
        });
    }

    asio::any_io_executor executor;
    tcp::socket socket;
    asio::steady_timer timer;  // injected delays and the hold of a dropped connection
    asio::steady_timer watchdog;
    Clock::time_point deadline = Clock::time_point::max();     // max: nothing pending
    Clock::time_point watchExpiry = Clock::time_point::max();  // max: the watchdog is idle
    bool timedOut = false;
    bool hanging = false;  // holding a request under an injected hang
    std::weak_ptr<Connection> weak;
    std::unique_ptr<TlsSession> tls;  // null on a plain HTTP connection
    int requestsServed = 0;
    // The address the connection reached, read once: the source of the node's own requests.
    std::string localAddress;
    // The peer's node name, or "external", read once: a connection keeps its peer.
    std::string peerName;
};

// TLS 1.0 and 1.1 are deprecated by RFC 8996, so 1.2 is the oldest version offered.
std::shared_ptr<asio::ssl::context> makeServerContext(const std::string& certificatePem,
                                                      const std::string& keyPem) {
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    ::SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    context->set_options(asio::ssl::context::default_workarounds |
                         asio::ssl::context::single_dh_use);
    context->use_certificate_chain(asio::buffer(certificatePem));
    context->use_private_key(asio::buffer(keyPem), asio::ssl::context::pem);
    return context;
}

// Opens a listening socket on address:port. Throws std::system_error in the system category,
// so that callers can compare with std::errc.
std::shared_ptr<tcp::acceptor> listenOn(asio::io_context& io, const std::string& name,
                                        const std::string& address, std::uint16_t port) {
    auto listener = std::make_shared<tcp::acceptor>(asio::make_strand(io));
    boost::system::error_code ec;
    const tcp::endpoint endpoint{asio::ip::make_address(address, ec), port};
    if (!ec) {
        listener->open(endpoint.protocol(), ec);
    }
    // Lets a restored node bind its port again while old connections sit in TIME_WAIT.
    if (!ec) {
        listener->set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        listener->bind(endpoint, ec);
    }
    if (!ec) {
        listener->listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw std::system_error(std::error_code(ec.value(), std::system_category()),
                                name + " cannot listen on " + address + ":" + std::to_string(port));
    }
    return listener;
}

// Whether `ec` ends a connection without a response: the peer closed it, or the TLS layer
// failed so that no response could be sent on it anyway.
bool peerClosed(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::ssl::error::stream_truncated ||
           ec.category() == asio::error::get_ssl_category();
}

// The status and message sent for a request the parser gave up on.
std::pair<http::status, std::string> limitBreach(const boost::system::error_code& ec,
                                                 bool slowSender, const HttpLimits& limits) {
    if (slowSender) {
        return {http::status::request_timeout, "request header or body not received in time"};
    }
    if (ec == http::error::header_limit) {
        return {http::status::request_header_fields_too_large,
                "request header larger than " + std::to_string(limits.maxHeaderBytes) + " bytes"};
    }
    if (ec == http::error::body_limit) {
        return {http::status::payload_too_large,
                "request body larger than " + std::to_string(limits.maxBodyBytes) + " bytes"};
    }
    return {http::status::bad_request, "malformed HTTP request: " + ec.message()};
}

// The header fields the server itself reads from every request, found in one pass because a
// lookup by name in Beast's fields costs several hundred instructions and every hop made three.
// A repeated field gives its first value, as a lookup by name does. A view with no data is a
// field the request lacks.
struct ServerFields {
    boost::beast::string_view traceparent;
    boost::beast::string_view instance;  // kInstanceHeader
    bool healthCheck = false;            // X-Health-Check, sent by the balancers' checks
};

ServerFields serverFieldsOf(const HttpRequest& request) {
    static const boost::beast::string_view kHealthCheck = "X-Health-Check";
    static const boost::beast::string_view kInstance = kInstanceHeader;
    ServerFields fields;
    for (const auto& field : request.base()) {
        const auto name = field.name_string();
        if (name.size() == 11 && boost::beast::iequals(name, "traceparent")) {
            if (fields.traceparent.data() == nullptr) {
                fields.traceparent = field.value();
            }
        } else if (name.size() == kInstance.size() && boost::beast::iequals(name, kInstance)) {
            if (fields.instance.data() == nullptr) {
                fields.instance = field.value();
            }
        } else if (name.size() == kHealthCheck.size() &&
                   boost::beast::iequals(name, kHealthCheck)) {
            fields.healthCheck = true;
        }
    }
    return fields;
}

}  // namespace

struct HttpServer::State : std::enable_shared_from_this<HttpServer::State> {
    State(asio::io_context& context, Options opts, HttpHandler h)
        : io(context), options(std::move(opts)), handler(std::move(h)) {}

    asio::io_context& io;
    const Options options;
    const HttpHandler handler;

    std::mutex mutex;  // guards listeners, connections and droppedConnections
    std::vector<std::shared_ptr<Listener>> listeners;
    std::set<std::shared_ptr<Connection>> connections;
    // Connections a firewall drops, held without reading. Not counted in `connections`, so
    // that a flood of blocked traffic cannot use up the limit of the traffic it lets through.
    std::set<std::shared_ptr<Connection>> droppedConnections;
    std::atomic<bool> running{false};

    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> errors{0};
    std::atomic<std::uint64_t> rejected{0};
    RequestMetrics metrics;

    asio::any_io_executor connectionExecutor();
    std::uint16_t addListener(std::shared_ptr<Listener> listener);
    bool isListening(const std::shared_ptr<Listener>& listener);
    asio::awaitable<void> acceptLoop(std::shared_ptr<Listener> listener);
    std::shared_ptr<Connection> servedWhereOpened(std::shared_ptr<Connection> connection);
    asio::awaitable<void> serve(std::shared_ptr<Connection> connection, bool busy);
    bool screenedOut(const std::shared_ptr<Connection>& connection,
                     const std::shared_ptr<Listener>& listener);
    bool startHolding(const std::shared_ptr<Connection>& connection,
                      const std::shared_ptr<Listener>& listener);
    asio::awaitable<void> holdSilently(std::shared_ptr<Connection> connection);
    asio::awaitable<bool> handshake(Connection& connection, const std::string& peerAddress);
    template <typename Stream>
    asio::awaitable<void> serveRequests(Connection& connection, Stream& stream,
                                        const std::string& peerAddress);
    template <typename Stream>
    asio::awaitable<void> rejectBusy(Connection& connection, Stream& stream,
                                     const std::string& peerAddress);
    template <typename Stream>
    asio::awaitable<bool> respond(Connection& connection, Stream& stream, HttpRequest& request,
                                  std::string& requestHead, const std::string& peerAddress);
    template <typename Stream>
    asio::awaitable<void> sendLimitResponse(Connection& connection, Stream& stream,
                                            http::status status, const std::string& message,
                                            const std::string& peerAddress);
    bool fromOtherInstance(boost::beast::string_view sender) const;
    HttpResponse misdirected(const HttpRequest& request) const;
    asio::awaitable<void> hang(Connection& connection, RequestContext& context,
                               std::int64_t startUs);
    asio::awaitable<bool> delay(Connection& connection, std::chrono::milliseconds duration);
    HttpResponse injectedError(const HttpRequest& request, int status, RequestContext& context);
    void releaseHanging();
    void logAccess(const std::string& peerAddress, std::chrono::system_clock::time_point arrived,
                   const HttpRequest& request, const HttpResponse& response);
    RequestContext makeContext(const Connection& connection, const std::string& peerAddress) const;
    void reportProgress(const RequestContext& context, const HttpRequest& request,
                        const HttpResponse* response);
    // `response` is null for a request that got none (an injected hang). A body that the span
    // keeps whole is moved out of it, and `messagesOut` receives the bytes to write it from.
    // Builds the span in place in the block the tracer keeps, because moving a Span cost more
    // than the rest of recording it.
    // Copies the strings of a const RequestContext&, and moves the trace ids, detail and phases
    // out of a RequestContext&&.
    template <typename Context>
    std::shared_ptr<Span> makeSpan(const Connection& connection, Context&& context,
                                   const HttpRequest& request, std::string requestHead,
                                   HttpResponse* response, std::int64_t startUs,
                                   std::shared_ptr<const SpanMessages>* messagesOut = nullptr);
    void recordBeforeWrite(const Connection& connection, std::shared_ptr<Span>& span);
    void recordAfterWrite(const Connection& connection, std::shared_ptr<Span>& span);
    void forget(const std::shared_ptr<Connection>& connection);
};

HttpServer::HttpServer(asio::io_context& io, Options options, HttpHandler handler)
    : state_(std::make_shared<State>(io, std::move(options), std::move(handler))) {
    if (state_->options.faults) {
        state_->options.faults->onHangReleased([weak = std::weak_ptr(state_)] {
            if (const auto state = weak.lock()) {
                state->releaseHanging();
            }
        });
    }
}

HttpServer::~HttpServer() {
    stop();
}

std::uint16_t HttpServer::start(const std::string& address, std::uint16_t port) {
    auto listener = std::make_shared<Listener>();
    listener->acceptor = listenOn(state_->io, state_->options.name, address, port);
    return state_->addListener(std::move(listener));
}

std::uint16_t HttpServer::startTls(const std::string& address, std::uint16_t port,
                                   const std::string& certificatePem, const std::string& keyPem) {
    auto listener = std::make_shared<Listener>();
    listener->tls = makeServerContext(certificatePem, keyPem);
    listener->acceptor = listenOn(state_->io, state_->options.name, address, port);
    return state_->addListener(std::move(listener));
}

std::uint16_t HttpServer::State::addListener(std::shared_ptr<Listener> listener) {
    const auto bound = listener->acceptor->local_endpoint().port();
    {
        std::lock_guard lock(mutex);
        listeners.push_back(listener);
    }
    running = true;
    const auto executor = listener->acceptor->get_executor();
    asio::co_spawn(executor, acceptLoop(std::move(listener)), asio::detached);
    return bound;
}

asio::any_io_executor HttpServer::State::connectionExecutor() {
    if (options.connectionContexts != nullptr) {
        return options.connectionContexts->next().get_executor();
    }
    return asio::make_strand(io);
}

bool HttpServer::State::isListening(const std::shared_ptr<Listener>& listener) {
    std::lock_guard lock(mutex);
    return std::find(listeners.begin(), listeners.end(), listener) != listeners.end();
}

void HttpServer::stop() {
    std::vector<std::shared_ptr<Listener>> closing;
    std::set<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(state_->mutex);
        closing.swap(state_->listeners);
        open.swap(state_->connections);
        open.merge(state_->droppedConnections);
    }
    state_->running = false;
    for (const auto& listener : closing) {
        // Closed here rather than posted, so that the port is free when stop() returns and a
        // restore can bind it at once. The accept loop touches the acceptor only through its
        // pending accept, which the close cancels.
        boost::system::error_code ignored;
        listener->acceptor->close(ignored);
    }
    for (const auto& connection : open) {
        asio::post(connection->executor, [connection] { connection->close(); });
    }
}

bool HttpServer::running() const {
    return state_->running;
}

HttpServerCounters HttpServer::counters() const {
    HttpServerCounters counters;
    counters.requests = state_->requests;
    counters.errors = state_->errors;
    counters.rejected = state_->rejected;
    std::lock_guard lock(state_->mutex);
    counters.openConnections = state_->connections.size();
    return counters;
}

RequestMetricsSnapshot HttpServer::metrics() const {
    auto snapshot = state_->metrics.snapshot();
    std::lock_guard lock(state_->mutex);
    snapshot.openConnections = state_->connections.size();
    return snapshot;
}

asio::awaitable<void> HttpServer::State::acceptLoop(std::shared_ptr<Listener> listener) {
    auto self = shared_from_this();
    auto& acceptor = *listener->acceptor;
    for (;;) {
        auto connection = std::make_shared<Connection>(connectionExecutor());
        connection->weak = connection;
        boost::system::error_code ec;
        co_await acceptor.async_accept(connection->socket, asio::redirect_error(use_awaitable, ec));
        if (ec) {
            if (ec == asio::error::operation_aborted || !isListening(listener)) {
                co_return;  // stop() closed the listener
            }
            // A peer that reset before accept completed, or no file descriptor left: pause
            // briefly so that a persistent error does not spin this loop.
            asio::steady_timer pause(acceptor.get_executor(), kAcceptErrorPause);
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        connection = servedWhereOpened(std::move(connection));
        if (!connection || screenedOut(connection, listener)) {
            continue;
        }
        if (listener->tls) {
            connection->tls = std::make_unique<TlsSession>(connection->socket, listener->tls);
        }

        bool busy = false;
        {
            std::lock_guard lock(mutex);
            if (std::find(listeners.begin(), listeners.end(), listener) == listeners.end()) {
                co_return;  // stopped while this accept completed
            }
            busy = connections.size() >= options.limits.maxConnections;
            connections.insert(connection);
        }
        asio::co_spawn(connection->executor, serve(connection, busy), asio::detached);
    }
}

// Moves a connection that another node of this engine opened to the network thread that opened
// it, so that a request's hops inside the engine run on one thread. Others keep their turn.
// Returns null when the move lost the socket.
std::shared_ptr<Connection> HttpServer::State::servedWhereOpened(
    std::shared_ptr<Connection> connection) {
    boost::system::error_code ec;
    const auto peer = connection->socket.remote_endpoint(ec);
    if (ec || options.connectionContexts == nullptr) {
        return connection;
    }
    auto* opener = options.connectionContexts->find(ConnectionAffinity::instance().take(peer));
    if (opener == nullptr ||
        &asio::query(connection->executor, asio::execution::context) == opener) {
        return connection;
    }
    const auto descriptor = connection->socket.release(ec);
    if (ec) {
        return connection;  // no longer open, so serving it ends at once
    }
    auto moved = std::make_shared<Connection>(opener->get_executor());
    moved->weak = moved;
    moved->socket.assign(tcp::v4(), descriptor, ec);
    if (ec) {
        // The opener's reactor rejected the descriptor, so the client sees the connection close.
        ::close(descriptor);
        if (options.tracer) {
            options.tracer->event(options.name, "error",
                                  "moving the connection from " + peer.address().to_string() + ":" +
                                      std::to_string(peer.port()) +
                                      " to its opener's thread failed: " + ec.message());
        }
        return nullptr;
    }
    return moved;
}

// Applies the firewall in front of this listener, if any. Returns true when the connection was
// rejected or dropped and must not be served.
bool HttpServer::State::screenedOut(const std::shared_ptr<Connection>& connection,
                                    const std::shared_ptr<Listener>& listener) {
    if (!options.screen) {
        return false;
    }
    boost::system::error_code ec;
    const auto local = connection->socket.local_endpoint(ec);
    const auto peerAddress = peerAddressOf(connection->socket);
    if (ec || peerAddress.empty()) {
        connection->close();  // the peer reset before the firewall could look at it
        return true;
    }

    const auto action = options.screen(peerAddress, local.port());
    if (action == FirewallAction::Allow) {
        return false;
    }
    if (action == FirewallAction::Drop && startHolding(connection, listener)) {
        return true;
    }
    connection->reset();
    return true;
}

// A dropped connection is accepted and then ignored rather than dropped by the kernel. The
// handshake completed before accept() returned, so the client sees its connect succeed and then
// silence: its read times out, as behind a firewall that drops the request's packets. A classic
// BPF filter on the listening socket would drop the SYN itself, but the kernel would then count
// nothing, and every blocked connection must be counted and traced.
bool HttpServer::State::startHolding(const std::shared_ptr<Connection>& connection,
                                     const std::shared_ptr<Listener>& listener) {
    {
        std::lock_guard lock(mutex);
        // NOTE: past this many held connections a dropped one is reset instead, which the
        // client can tell from a drop. The bound keeps a flood from using up file descriptors.
        const bool listening =
            std::find(listeners.begin(), listeners.end(), listener) != listeners.end();
        if (!listening || droppedConnections.size() >= options.limits.maxConnections) {
            return false;
        }
        droppedConnections.insert(connection);
    }
    asio::co_spawn(connection->executor, holdSilently(connection), asio::detached);
    return true;
}

asio::awaitable<void> HttpServer::State::holdSilently(std::shared_ptr<Connection> connection) {
    auto self = shared_from_this();
    // stop() ends the wait early by closing the connection, which cancels the timer.
    connection->timer.expires_after(options.limits.headerTimeout * kDropHoldFactor);
    boost::system::error_code ec;
    co_await connection->timer.async_wait(asio::redirect_error(use_awaitable, ec));
    connection->close();
    std::lock_guard lock(mutex);
    droppedConnections.erase(connection);
}

void HttpServer::State::forget(const std::shared_ptr<Connection>& connection) {
    connection->close();
    std::lock_guard lock(mutex);
    connections.erase(connection);
}

// Serves a connection's requests, or with `busy` only a 503 because the connection limit is
// reached.
asio::awaitable<void> HttpServer::State::serve(std::shared_ptr<Connection> connection, bool busy) {
    auto self = shared_from_this();
    const auto peerAddress = peerAddressOf(connection->socket);
    connection->localAddress = localAddressOf(connection->socket);
    connection->peerName = options.peerNamer ? options.peerNamer(peerAddress) : "external";
    if (!connection->tls) {
        if (busy) {
            co_await rejectBusy(*connection, connection->socket, peerAddress);
        } else {
            co_await serveRequests(*connection, connection->socket, peerAddress);
        }
    } else if (co_await handshake(*connection, peerAddress)) {
        auto& stream = connection->tls->stream;
        if (busy) {
            co_await rejectBusy(*connection, stream, peerAddress);
        } else {
            co_await serveRequests(*connection, stream, peerAddress);
        }
    }
    forget(connection);
}

// Runs the TLS server handshake, bounded like a request header. A failed handshake, such as a
// client that rejects the self-signed certificate, is reported as an event.
asio::awaitable<bool> HttpServer::State::handshake(Connection& connection,
                                                   const std::string& peerAddress) {
    auto& session = *connection.tls;
    session.handshakeStartUs = options.tracer ? options.tracer->nowUs() : 0;
    connection.armDeadline(options.limits.headerTimeout);
    boost::system::error_code ec;
    co_await session.stream.async_handshake(asio::ssl::stream_base::server,
                                            asio::redirect_error(use_awaitable, ec));
    connection.disarm();
    session.handshakeEndUs = options.tracer ? options.tracer->nowUs() : 0;

    const bool stopped = !connection.timedOut && (ec == asio::error::operation_aborted ||
                                                  ec == asio::error::bad_descriptor);
    if (ec && !stopped && options.tracer) {
        const auto reason = connection.timedOut
                                ? "no handshake within " +
                                      std::to_string(options.limits.headerTimeout.count()) + " ms"
                                : ec.message();
        const auto& peer = connection.peerName;
        options.tracer->event(
            options.name, "tls",
            "TLS handshake with " + peer + " (" + peerAddress + ") failed: " + reason);
    }
    co_return !ec;
}

template <typename Stream>
asio::awaitable<void> HttpServer::State::rejectBusy(Connection& connection, Stream& stream,
                                                    const std::string& peerAddress) {
    // Arguments are named locals: g++ 12 destroys some temporaries of a co_await
    // expression twice.
    const auto message = "too many connections to " + options.name;
    co_await sendLimitResponse(connection, stream, http::status::service_unavailable, message,
                               peerAddress);
}

template <typename Stream>
asio::awaitable<void> HttpServer::State::serveRequests(Connection& connection, Stream& stream,
                                                       const std::string& peerAddress) {
    boost::system::error_code ec;
    boost::beast::flat_buffer buffer;

    while (connection.socket.is_open()) {
        const bool first = connection.requestsServed == 0;
        // The first request's records follow the handshake's, which stay with it.
        if (connection.tls && !first) {
            connection.tls->capture.clear();
        }
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.limits.maxHeaderBytes));
        parser.body_limit(options.limits.maxBodyBytes);

        // A new connection must send its header promptly; a kept-alive one may idle first.
        connection.armDeadline(first ? options.limits.headerTimeout : options.limits.idleTimeout);
        // The span keeps the header as it arrived.
        std::string head;
        co_await readMessage(stream, buffer, parser, ReadUntil::Header, ec,
                             options.tracer ? &head : nullptr);
        if (!ec && !parser.is_done()) {
            connection.armDeadline(options.limits.bodyTimeout);
            co_await readMessage(stream, buffer, parser, ReadUntil::Message, ec);
        }
        connection.disarm();

        if (!connection.timedOut && peerClosed(ec)) {
            break;  // the peer closed the connection between requests
        }
        // Bytes already arrived means a slow sender; none means an idle keep-alive.
        const bool slowSender = connection.timedOut && (parser.got_some() || buffer.size() > 0);
        if (ec && connection.timedOut && !slowSender) {
            break;  // an idle keep-alive connection ends quietly
        }
        if (!connection.timedOut &&
            (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor)) {
            break;  // stop() closed the connection
        }
        if (ec) {
            const auto [status, message] = limitBreach(ec, slowSender, options.limits);
            co_await sendLimitResponse(connection, stream, status, message, peerAddress);
            break;
        }

        auto request = parser.release();
        const bool keepAlive = co_await respond(connection, stream, request, head, peerAddress);
        ++connection.requestsServed;
        if (!keepAlive) {
            break;
        }
    }
}

RequestContext HttpServer::State::makeContext(const Connection& connection,
                                              const std::string& peerAddress) const {
    RequestContext context;
    context.node = options.name;
    context.peerAddress = peerAddress;
    context.peer = connection.peerName;
    context.tracer = options.tracer;
    context.gate = options.gate;
    context.instanceId = options.instanceId;
    context.spanId = newSpanId();
    context.tls = connection.tls != nullptr;
    context.sourceAddress = connection.localAddress;
    return context;
}

// Runs the handler for one parsed request and writes its response. Returns whether the
// connection stays open for another request.
template <typename Stream>
asio::awaitable<bool> HttpServer::State::respond(Connection& connection, Stream& stream,
                                                 HttpRequest& request, std::string& requestHead,
                                                 const std::string& peerAddress) {
    // One reading of the clock serves the span, the access log and the node's own time.
    const auto received = Clock::now();
    const auto startUs = options.tracer ? options.tracer->toUs(received) : 0;
    const auto arrived = options.tracer
                             ? std::chrono::system_clock::time_point(
                                   std::chrono::microseconds(options.tracer->toUnixUs(startUs)))
                             : std::chrono::system_clock::now();
    RequestContext context = makeContext(connection, peerAddress);
    context.arrivalUs = startUs;
    const auto fields = serverFieldsOf(request);
    if (auto parent = parseTraceparent(std::string(fields.traceparent))) {
        context.traceId = std::move(parent->traceId);
        context.parentSpanId = std::move(parent->spanId);
    } else {
        context.traceId = newTraceId();
    }

    const bool healthCheck = fields.healthCheck;
    // Paced hops wait on arrival and again before the response leaves.
    const bool paced = options.gate != nullptr && !healthCheck && options.gate->isPaced();
    if (paced) {
        reportProgress(context, request, nullptr);
        co_await options.gate->pass(options.name);
    }

    // The node's own time: pacing waits are for the viewer and are left out, an injected slow
    // fault is counted.
    const auto handlerStart = paced ? Clock::now() : received;
    // Injected faults act after arrival, so that health checks see them like traffic does.
    const auto fault = options.faults ? options.faults->next() : FaultAction{};
    if (fault.mode == FaultMode::Hang) {
        co_await hang(connection, context, startUs);
        if (!healthCheck) {
            ++requests;
            if (auto span = makeSpan(connection, context, request, std::move(requestHead), nullptr,
                                     startUs)) {
                options.tracer->record(std::move(span));
            }
        }
        co_return false;
    }
    if (fault.mode == FaultMode::Slow) {
        const bool waited = co_await delay(connection, fault.delay);
        if (!waited) {
            co_return false;  // stop() closed the connection
        }
        context.detail = "injected fault: +" + std::to_string(fault.delay.count()) + " ms";
    }

    HttpResponse response;
    try {
        // An if rather than ?: because g++ 12 destroys a co_await operand of ?: twice.
        if (fromOtherInstance(fields.instance)) {
            response = misdirected(request);
        } else if (fault.mode == FaultMode::Error) {
            response = injectedError(request, fault.status, context);
        } else {
            response = co_await handler(request, context);
        }
    } catch (const std::exception& error) {
        // A failing handler gets a 500 for this request only, and the node keeps serving.
        context.outcome = Outcome::Error;
        context.detail = error.what();
        response = makeErrorResponse(request, http::status::internal_server_error,
                                     std::string("internal error: ") + error.what());
    }
    const bool keepAlive = request.keep_alive() && response.keep_alive() && running;
    // Each setter rewrites its field, so a response whose fields already match is left alone.
    if (!keepAlive) {
        response.keep_alive(false);
    }
    // A response to HEAD keeps the Content-Length of the GET it stands for.
    if (request.method() != http::verb::head && !payloadFieldsCurrent(response)) {
        response.prepare_payload();
    }

    // Health checks are neither counted nor traced: they are not traffic a user sent.
    if (!healthCheck) {
        ++requests;
        metrics.record(response.result_int(), std::chrono::duration_cast<std::chrono::microseconds>(
                                                  std::chrono::steady_clock::now() - handlerStart));
        logAccess(peerAddress, arrived, request, response);
    }
    if (response.result_int() >= 500) {
        ++errors;
    }
    std::shared_ptr<Span> span;
    // The span's copy of the response, from which it is written.
    std::shared_ptr<const SpanMessages> spanMessages;
    if (!healthCheck && paced) {
        span = makeSpan(connection, context, request, std::move(requestHead), &response, startUs,
                        &spanMessages);
    } else if (!healthCheck) {
        // Nothing reads the context after this, unless a paced hop reports its progress.
        span = makeSpan(connection, std::move(context), request, std::move(requestHead), &response,
                        startUs, &spanMessages);
    }
    recordBeforeWrite(connection, span);
    if (paced) {
        co_await options.gate->pass(options.name);
        reportProgress(context, request, &response);
    }

    boost::system::error_code ec;
    co_await writeResponse(stream, response, spanMessages.get(), ec);
    recordAfterWrite(connection, span);
    co_return keepAlive && !ec;
}

template <typename Stream>
asio::awaitable<void> HttpServer::State::sendLimitResponse(Connection& connection, Stream& stream,
                                                           http::status status,
                                                           const std::string& message,
                                                           const std::string& peerAddress) {
    ++rejected;
    const HttpRequest placeholder(http::verb::unknown, "", 11);
    auto response = makeErrorResponse(placeholder, status, message);
    response.keep_alive(false);

    std::shared_ptr<Span> span;
    std::shared_ptr<const SpanMessages> spanMessages;
    if (options.tracer) {
        auto context = makeContext(connection, peerAddress);
        context.traceId = newTraceId();
        context.outcome = Outcome::Error;
        context.detail = message;
        span = makeSpan(connection, context, placeholder, "", &response, options.tracer->nowUs(),
                        &spanMessages);
    }
    recordBeforeWrite(connection, span);

    // The peer may be slow to read as well: bound the write like the read.
    connection.armDeadline(options.limits.headerTimeout);
    boost::system::error_code ec;
    co_await writeResponse(stream, response, spanMessages.get(), ec);
    connection.disarm();
    recordAfterWrite(connection, span);
}

// Two copies of the app on one machine bind neighbouring ports. A node that reached the other
// copy's server by mistake is not served there.
bool HttpServer::State::fromOtherInstance(boost::beast::string_view sender) const {
    return sender.data() != nullptr && !options.instanceId.empty() && sender != options.instanceId;
}

HttpResponse HttpServer::State::misdirected(const HttpRequest& request) const {
    return makeErrorResponse(request, http::status::misdirected_request,
                             options.name + " belongs to another running Webstack Lab");
}

// Holds a request without a response until the peer closes the connection, the hang is
// cleared (releaseHanging) or the server stops. Only a pending read notices a closed peer, so
// the server reads and discards whatever the peer still sends.
asio::awaitable<void> HttpServer::State::hang(Connection& connection, RequestContext& context,
                                              std::int64_t startUs) {
    connection.hanging = true;
    std::array<char, 512> discarded{};
    boost::system::error_code ec;
    // A clear that ran between next() and here found nothing to release, so check again.
    while (!ec && options.faults->settings().mode == FaultMode::Hang) {
        co_await connection.socket.async_read_some(asio::buffer(discarded),
                                                   asio::redirect_error(use_awaitable, ec));
    }
    connection.hanging = false;

    const auto heldMs = options.tracer ? (options.tracer->nowUs() - startUs) / 1000 : 0;
    const bool peerGaveUp =
        ec && ec != asio::error::operation_aborted && ec != asio::error::bad_descriptor;
    context.outcome = peerGaveUp ? Outcome::Timeout : Outcome::Reset;
    context.detail = peerGaveUp
                         ? "injected fault: hang until the client gave up after " +
                               std::to_string(heldMs) + " ms"
                         : "injected fault: hang, connection closed without a response after " +
                               std::to_string(heldMs) + " ms when the hang ended";
}

// Returns false when stop() closed the connection during the wait.
asio::awaitable<bool> HttpServer::State::delay(Connection& connection,
                                               std::chrono::milliseconds duration) {
    // The connection's timer, so that Connection::close() cancels the wait.
    connection.timer.expires_after(duration);
    boost::system::error_code ec;
    co_await connection.timer.async_wait(asio::redirect_error(use_awaitable, ec));
    co_return !ec && connection.socket.is_open();
}

HttpResponse HttpServer::State::injectedError(const HttpRequest& request, int status,
                                              RequestContext& context) {
    context.outcome = Outcome::Error;
    context.detail = "injected fault";
    auto response = makeErrorResponse(
        request, static_cast<http::status>(status),
        options.name + " returned " + std::to_string(status) + ": injected fault");
    // Names the node that sent the response, as a web server does on every response.
    response.set("X-Served-By", options.name);
    return response;
}

// Ends every hanging request by closing its connection, as a restarted server process would.
void HttpServer::State::releaseHanging() {
    std::lock_guard lock(mutex);
    for (const auto& connection : connections) {
        asio::post(connection->executor, [connection] {
            if (connection->hanging) {
                connection->close();
            }
        });
    }
}

void HttpServer::State::reportProgress(const RequestContext& context, const HttpRequest& request,
                                       const HttpResponse* response) {
    if (!options.tracer) {
        return;
    }
    HopProgress step;
    step.traceId = context.traceId;
    step.from = response ? context.node : context.peer;
    step.to = response ? context.peer : context.node;
    step.response = response != nullptr;
    step.failed = response && response->result_int() >= 400;
    step.label = response
                     ? std::to_string(response->result_int())
                     : std::string(request.method_string()) + " " + std::string(request.target());
    options.tracer->progress(std::move(step));
}

template <typename Context>
std::shared_ptr<Span> HttpServer::State::makeSpan(
    const Connection& connection, Context&& context, const HttpRequest& request,
    std::string requestHead, HttpResponse* response, std::int64_t startUs,
    std::shared_ptr<const SpanMessages>* messagesOut) {
    if (!options.tracer) {
        return nullptr;
    }
    auto shared = std::make_shared<Span>();
    auto& span = *shared;
    span.traceId = std::forward<Context>(context).traceId;
    span.spanId = std::forward<Context>(context).spanId;
    span.parentSpanId = std::forward<Context>(context).parentSpanId;
    span.node = context.node;
    span.peer = context.peer;
    span.protocol = context.protocol;
    span.method = std::string(request.method_string());
    span.target = std::string(request.target());
    span.status = response ? response->result_int() : 0;
    span.outcome = context.outcome;
    span.detail = std::forward<Context>(context).detail;
    span.startUs = startUs;
    span.endUs = options.tracer->nowUs();
    span.bytesIn = request.body().size();
    span.bytesOut = response ? response->body().size() : 0;
    span.phases = std::forward<Context>(context).phases;
    // A request from outside the engine starts here, so its span completes the request. So
    // does an agent's push, a trip of one hop.
    span.entry = context.peer == "external" || context.protocol == "metrics";

    const bool tls = connection.tls != nullptr;
    auto messages = SpanMessages::attach(span, std::move(requestHead), request, response, tls);
    if (messagesOut != nullptr) {
        *messagesOut = std::move(messages);
    }
    if (!tls) {
        return shared;
    }
    // The response's records exist only once it is written: recordAfterWrite adds them.
    span.encrypted = true;
    span.wireRequest = connection.tls->capture.received;
    if (connection.requestsServed == 0) {
        // The first request on the connection waited for the handshake, so its span starts there.
        const auto& session = *connection.tls;
        span.startUs = std::min(span.startUs, session.handshakeStartUs);
        span.phases.insert(span.phases.begin(), SpanPhase{"tls-handshake", session.handshakeStartUs,
                                                          session.handshakeEndUs});
    }
    return shared;
}

void HttpServer::State::recordBeforeWrite(const Connection& connection,
                                          std::shared_ptr<Span>& span) {
    if (span && !connection.tls) {
        options.tracer->record(std::exchange(span, nullptr));
    }
}

void HttpServer::State::recordAfterWrite(const Connection& connection,
                                         std::shared_ptr<Span>& span) {
    if (span && connection.tls) {
        span->wireResponse = connection.tls->capture.sent;
        options.tracer->record(std::exchange(span, nullptr));
    }
}

void HttpServer::State::logAccess(const std::string& peerAddress,
                                  std::chrono::system_clock::time_point arrived,
                                  const HttpRequest& request, const HttpResponse& response) {
    if (!options.accessLog) {
        return;
    }
    const auto view = [](boost::beast::string_view text) {
        return std::string_view(text.data(), text.size());
    };
    AccessLogEntry entry;
    entry.clientAddress = peerAddress;
    entry.time = arrived;
    entry.method = view(request.method_string());
    entry.target = view(request.target());
    entry.version = request.version();
    entry.status = response.result_int();
    entry.bodyBytes = request.method() == http::verb::head ? 0 : response.body().size();
    // One pass comparing the fields' enums, where each operator[] compares names as strings.
    for (const auto& field : request.base()) {
        if (field.name() == http::field::referer && entry.referer.empty()) {
            entry.referer = view(field.value());
        } else if (field.name() == http::field::user_agent && entry.userAgent.empty()) {
            entry.userAgent = view(field.value());
        }
    }
    options.accessLog->append(options.name, formatCombinedLogLine(entry));
}

}  // namespace wsl
