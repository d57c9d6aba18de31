#include "trace.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace wsl {

namespace {

std::string randomHex(std::size_t digits) {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(digits, '0');
    for (auto& c : out) {
        c = kDigits[generator() & 0xf];
    }
    return out;
}

bool isLowerHex(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

bool isAllZero(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

template <typename T>
void pushBounded(std::deque<T>& queue, T item, std::size_t limit, std::uint64_t* dropped) {
    if (queue.size() >= limit) {
        queue.pop_front();
        if (dropped != nullptr) {
            ++*dropped;
        }
    }
    queue.push_back(std::move(item));
}

}  // namespace

const char* outcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::Ok:
            return "ok";
        case Outcome::Refused:
            return "refused";
        case Outcome::Timeout:
            return "timeout";
        case Outcome::Reset:
            return "reset";
        case Outcome::Blocked:
            return "blocked";
        case Outcome::Error:
            return "error";
    }
    return "error";
}

// Format: "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>". All-zero ids are invalid.
std::optional<TraceContext> parseTraceparent(const std::string& header) {
    if (header.size() != 55 || header[2] != '-' || header[35] != '-' || header[52] != '-') {
        return std::nullopt;
    }
    if (header.substr(0, 2) != "00") {
        return std::nullopt;
    }
    TraceContext context{header.substr(3, 32), header.substr(36, 16)};
    if (!isLowerHex(context.traceId) || !isLowerHex(context.spanId) ||
        !isLowerHex(header.substr(53, 2))) {
        return std::nullopt;
    }
    if (isAllZero(context.traceId) || isAllZero(context.spanId)) {
        return std::nullopt;
    }
    return context;
}

std::string formatTraceparent(const std::string& traceId, const std::string& spanId) {
    return "00-" + traceId + "-" + spanId + "-01";
}

std::string newTraceId() {
    return randomHex(32);
}
std::string newSpanId() {
    return randomHex(16);
}

Tracer::Tracer()
    : origin_(Clock::now()),
      unixOriginUs_(std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count()) {}

std::int64_t Tracer::toUnixUs(std::int64_t engineUs) const {
    return unixOriginUs_ + engineUs;
}

std::int64_t Tracer::nowUs() const {
    return toUs(Clock::now());
}

std::int64_t Tracer::toUs(Clock::time_point time) const {
    return std::chrono::duration_cast<std::chrono::microseconds>(time - origin_).count();
}

void Tracer::record(Span span) {
    std::lock_guard lock(mutex_);
    pushBounded(pending_, span, kMaxPendingSpans, &droppedSpans_);
    // Monitoring pushes reach the diagram but would crowd real requests out of the store.
    if (span.protocol == "metrics") {
        return;
    }

    if (span.entry) {
        auto traceId = span.traceId;  // copied: the move below empties span.traceId
        completeTrace(traceId, std::move(span));
        return;
    }
    auto [it, inserted] = openTraces_.try_emplace(span.traceId);
    if (inserted) {
        openOrder_.push_back(span.traceId);
        // A trace whose entry span never ends (its client vanished) must not grow the map.
        if (openOrder_.size() > kMaxOpenTraces) {
            openTraces_.erase(openOrder_.front());
            openOrder_.pop_front();
        }
    }
    if (auto found = openTraces_.find(span.traceId); found != openTraces_.end()) {
        found->second.push_back(std::move(span));
    }
}

void Tracer::completeTrace(const std::string& traceId, Span entry) {
    RequestRecord record{traceId, {}};
    if (auto it = openTraces_.find(traceId); it != openTraces_.end()) {
        record.spans = std::move(it->second);
        openTraces_.erase(it);
        openOrder_.erase(std::find(openOrder_.begin(), openOrder_.end(), traceId));
    }
    record.spans.push_back(std::move(entry));
    std::stable_sort(record.spans.begin(), record.spans.end(),
                     [](const Span& a, const Span& b) { return a.startUs < b.startUs; });
    pushBounded(recent_, std::move(record), kMaxRecentRequests, nullptr);
}

void Tracer::event(std::string node, std::string kind, std::string detail) {
    std::lock_guard lock(mutex_);
    Event item{nowUs(), std::move(node), std::move(kind), std::move(detail)};
    pushBounded(recentEvents_, item, kMaxEvents, nullptr);
    pushBounded(events_, std::move(item), kMaxEvents, nullptr);
}

void Tracer::progress(HopProgress step) {
    std::lock_guard lock(mutex_);
    step.timeUs = nowUs();
    pushBounded(progress_, std::move(step), kMaxEvents, nullptr);
}

std::vector<HopProgress> Tracer::drainProgress() {
    std::lock_guard lock(mutex_);
    std::vector<HopProgress> out(std::make_move_iterator(progress_.begin()),
                                 std::make_move_iterator(progress_.end()));
    progress_.clear();
    return out;
}

std::vector<Span> Tracer::drainSpans() {
    std::lock_guard lock(mutex_);
    std::vector<Span> out(std::make_move_iterator(pending_.begin()),
                          std::make_move_iterator(pending_.end()));
    pending_.clear();
    return out;
}

std::vector<Event> Tracer::drainEvents() {
    std::lock_guard lock(mutex_);
    std::vector<Event> out(events_.begin(), events_.end());
    events_.clear();
    return out;
}

std::vector<RequestRecord> Tracer::recentRequests(std::size_t last) const {
    std::lock_guard lock(mutex_);
    const auto count = std::min(last, recent_.size());
    return {recent_.end() - static_cast<std::ptrdiff_t>(count), recent_.end()};
}

std::vector<Event> Tracer::recentEvents(std::size_t last) const {
    std::lock_guard lock(mutex_);
    const auto count = std::min(last, recentEvents_.size());
    return {recentEvents_.end() - static_cast<std::ptrdiff_t>(count), recentEvents_.end()};
}

std::uint64_t Tracer::droppedSpans() const {
    std::lock_guard lock(mutex_);
    return droppedSpans_;
}

}  // namespace wsl
