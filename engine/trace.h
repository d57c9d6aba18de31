#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wsl {

using Clock = std::chrono::steady_clock;

// The result of a hop, as recorded by the node that reports the span.
enum class Outcome { Ok, Refused, Timeout, Reset, Blocked, Error };

const char* outcomeName(Outcome outcome);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A named interval inside a span, on the same clock: "tls-handshake", "queue",
// "upstream-connect" or "connect".
struct SpanPhase {
    std::string name;
    std::int64_t startUs = 0;
    std::int64_t endUs = 0;
};

struct Span;

// The messages of a hop, kept as the node handled them so that their header lists, bodies and
// wire bytes are copied out only when someone reads the span: the inspector, an export or the
// admin interface. At thousands of requests a second most spans are never read, and copying
// them out cost a hop more than its bookkeeping.
class SpanContent {
public:
    virtual ~SpanContent() = default;
    // Sets the span's header lists, bodies and wire bytes from the messages it contains.
    virtual void fill(Span& span) const = 0;
};

// One hop of one request: `peer` sent it to `node`. Times are microseconds since the engine
// started, so that spans from different threads share one axis.
struct Span {
    std::string traceId;  // 32 hex digits, W3C trace-context
    std::string spanId;   // 16 hex digits
    std::string parentSpanId;
    std::string node;
    std::string peer;
    std::string protocol = "http";  // "http", "dns" or "metrics" (agent pushes)
    std::string method;
    std::string target;
    int status = 0;
    Outcome outcome = Outcome::Ok;
    std::string detail;
    std::int64_t startUs = 0;
    std::int64_t endUs = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    HeaderList requestHeaders;
    HeaderList responseHeaders;
    // The first bytes of each body, and of each message as it crossed the link (header and
    // body), for the inspector. Bounded by kMaxBodyBytes and kMaxWireBytes.
    std::string requestBody;
    std::string responseBody;
    std::string wireRequest;
    std::string wireResponse;
    bool encrypted = false;         // the link peer -> node was TLS
    std::vector<SpanPhase> phases;  // in start order
    // True for the first hop inside the engine: its end completes the request.
    bool entry = false;
    // The node's messages, while the header lists, bodies and wire bytes above are still to be
    // filled from them. withContent() fills them.
    std::shared_ptr<const SpanContent> deferred;
};

// Returns a copy of `span` with its header lists, bodies and wire bytes filled in.
Span withContent(const Span& span);

// Something that happened outside a request: a health check result, a state change, a fault.
struct Event {
    std::int64_t timeUs = 0;
    std::string node;
    std::string kind;  // "health-check", "state", "fault", "replication", "dns", "error"
    std::string detail;
};

// A message leaving one node for another while hops are paced, so that the diagram can move
// with the traffic instead of replaying it afterwards.
struct HopProgress {
    std::string traceId;
    std::string from;
    std::string to;
    std::string protocol = "http";  // "http" or "dns"
    bool response = false;
    bool failed = false;  // an error response
    std::string label;    // "GET /" or "200"
    std::int64_t timeUs = 0;
};

// A span as the tracer hands it out: recorded once and shared by its stores, never copied.
using SharedSpan = std::shared_ptr<const Span>;

// A finished request: its entry span and every span that shares its trace id.
struct RequestRecord {
    std::string traceId;
    std::vector<Span> spans;  // in start order
};

// W3C traceparent: version 00, trace id, parent span id, flags.
struct TraceContext {
    std::string traceId;
    std::string spanId;
};

std::optional<TraceContext> parseTraceparent(const std::string& header);
std::string formatTraceparent(const std::string& traceId, const std::string& spanId);
std::string newTraceId();
std::string newSpanId();

// Collects spans and events from every node. The GUI drains spans and events once per frame;
// the admin interface reads the recent finished requests. Every store is bounded: when one is
// full the oldest entries are dropped and counted. A span is stored once and shared between the
// queue the GUI drains and the request it belongs to, so that recording costs no copy.
class Tracer {
public:
    static constexpr std::size_t kMaxPendingSpans = 20000;  // not yet drained by the GUI
    static constexpr std::size_t kMaxEvents = 5000;
    static constexpr std::size_t kMaxRecentRequests = 1000;
    static constexpr std::size_t kMaxOpenTraces = 5000;  // traces whose entry span has not ended
    static constexpr std::size_t kMaxBodyBytes = 1024;
    static constexpr std::size_t kMaxWireBytes = 4096;

    Tracer();

    std::int64_t nowUs() const;
    std::int64_t toUs(Clock::time_point time) const;
    // Microseconds since the Unix epoch for a time on the engine's clock.
    std::int64_t toUnixUs(std::int64_t engineUs) const;

    void record(Span span);
    // Records a span that its node built in place and no one changes afterwards, as
    // record(Span) does.
    void record(std::shared_ptr<const Span> span);
    void event(std::string node, std::string kind, std::string detail);
    void progress(HopProgress step);

    // Sets whether record() also queues spans for drainSpans(), which it does by default. Without
    // a window no one drains them, so the queue would only keep kMaxPendingSpans spans in memory.
    void setQueueForDrain(bool queue);
    std::vector<SharedSpan> drainSpans();
    std::vector<Event> drainEvents();
    std::vector<HopProgress> drainProgress();
    std::vector<RequestRecord> recentRequests(std::size_t last) const;
    std::vector<Event> recentEvents(std::size_t last) const;
    std::uint64_t droppedSpans() const;

private:
    // The spans of a request whose entry span has not ended. `order` is its place in openOrder_.
    struct OpenTrace {
        std::vector<SharedSpan> spans;
        std::uint64_t order = 0;
    };
    struct SharedRecord {
        std::string traceId;
        std::vector<SharedSpan> spans;  // in start order
    };

    // Entries a call removed from the stores. They are freed after the lock is released, so that
    // freeing spans does not hold up the threads recording theirs.
    struct Released;

    void addToOpenTrace(SharedSpan span, Released& released);
    void completeTrace(SharedSpan entry, Released& released);
    bool isStale(const std::pair<std::uint64_t, std::string>& opened) const;
    void dropStaleOpenOrder();

    const Clock::time_point origin_;
    const std::int64_t unixOriginUs_;
    mutable std::mutex mutex_;
    bool queueForDrain_ = true;
    std::deque<SharedSpan> pending_;
    std::deque<Event> events_;          // for the GUI to drain
    std::deque<Event> recentEvents_;    // for the admin interface
    std::deque<HopProgress> progress_;  // for the GUI to drain, while hops are paced
    std::unordered_map<std::string, OpenTrace> openTraces_;
    // Trace ids in the order they opened. A completed trace leaves its entry behind, skipped
    // when it reaches the front because its order no longer matches.
    std::deque<std::pair<std::uint64_t, std::string>> openOrder_;
    std::uint64_t nextOrder_ = 0;
    std::deque<SharedRecord> recent_;
    std::uint64_t droppedSpans_ = 0;
};

}  // namespace wsl
