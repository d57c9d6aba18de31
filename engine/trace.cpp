#include "trace.h"

#include <algorithm>
#include <array>
#include <random>
#include <string_view>

namespace wsl {

namespace {

// Random lowercase hex digits, `digits` even. Every request draws a span id and most a trace id,
// so each 64-bit draw gives sixteen digits, two at a time from a table.
std::string randomHex(std::size_t digits) {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr auto kPairs = [] {
        constexpr char kDigits[] = "0123456789abcdef";
        std::array<char, 512> pairs{};
        for (std::size_t byte = 0; byte < 256; ++byte) {
            pairs[2 * byte] = kDigits[byte >> 4];
            pairs[2 * byte + 1] = kDigits[byte & 0xf];
        }
        return pairs;
    }();
    std::string out(digits, '0');
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i + 1 < digits; i += 2) {
        if (i % 16 == 0) {
            bits = generator();
        }
        const auto byte = static_cast<std::size_t>(bits & 0xff);
        out[i] = kPairs[2 * byte];
        out[i + 1] = kPairs[2 * byte + 1];
        bits >>= 8;
    }
    return out;
}

bool isLowerHex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
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

// Spans are recorded as they end, so a trace's spans come in reverse nesting order. With a few
// spans per trace an insertion sort costs less than std::stable_sort, which allocates a buffer
// on every call. It keeps equal starts in recording order too.
void sortByStart(std::vector<SharedSpan>& spans) {
    for (std::size_t i = 1; i < spans.size(); ++i) {
        auto span = std::move(spans[i]);
        std::size_t j = i;
        for (; j > 0 && spans[j - 1]->startUs > span->startUs; --j) {
            spans[j] = std::move(spans[j - 1]);
        }
        spans[j] = std::move(span);
    }
}

}  // namespace

Span withContent(const Span& span) {
    Span full = span;
    if (full.deferred) {
        const auto content = std::move(full.deferred);
        content->fill(full);
    }
    return full;
}

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
    const std::string_view text(header);
    if (text.substr(0, 2) != "00") {
        return std::nullopt;
    }
    TraceContext context{header.substr(3, 32), header.substr(36, 16)};
    if (!isLowerHex(context.traceId) || !isLowerHex(context.spanId) ||
        !isLowerHex(text.substr(53, 2))) {
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

struct Tracer::Released {
    SharedSpan span;
    SharedRecord record;
    OpenTrace trace;
};

void Tracer::setQueueForDrain(bool queue) {
    std::lock_guard lock(mutex_);
    queueForDrain_ = queue;
    if (!queue) {
        pending_.clear();
    }
}

void Tracer::record(Span span) {
    record(std::make_shared<const Span>(std::move(span)));
}

void Tracer::record(std::shared_ptr<const Span> shared) {
    const bool metrics = shared->protocol == "metrics";
    const bool entry = shared->entry;
    Released released;  // declared before the lock, so destroyed after it is released
    std::lock_guard lock(mutex_);
    if (queueForDrain_) {
        if (pending_.size() >= kMaxPendingSpans) {
            released.span = std::move(pending_.front());
            pending_.pop_front();
            ++droppedSpans_;
        }
        pending_.push_back(shared);
    }
    // Monitoring pushes reach the diagram but would crowd real requests out of the store.
    if (metrics) {
        return;
    }
    if (entry) {
        completeTrace(std::move(shared), released);
    } else {
        addToOpenTrace(std::move(shared), released);
    }
    dropStaleOpenOrder();
}

void Tracer::addToOpenTrace(SharedSpan span, Released& released) {
    auto [it, inserted] = openTraces_.try_emplace(span->traceId);
    it->second.spans.push_back(std::move(span));
    if (!inserted) {
        return;
    }
    it->second.order = nextOrder_++;
    openOrder_.emplace_back(it->second.order, it->first);
    // A trace whose entry span never ends (its client vanished) must not grow the map. The
    // front entry is live: dropStaleOpenOrder() ran after the previous record.
    if (openTraces_.size() > kMaxOpenTraces) {
        const auto oldest = openTraces_.find(openOrder_.front().second);
        released.trace = std::move(oldest->second);
        openTraces_.erase(oldest);
        openOrder_.pop_front();
    }
}

void Tracer::completeTrace(SharedSpan entry, Released& released) {
    SharedRecord record{entry->traceId, {}};
    if (auto it = openTraces_.find(record.traceId); it != openTraces_.end()) {
        record.spans = std::move(it->second.spans);
        openTraces_.erase(it);
    }
    record.spans.push_back(std::move(entry));
    sortByStart(record.spans);
    if (recent_.size() >= kMaxRecentRequests) {
        released.record = std::move(recent_.front());
        recent_.pop_front();
    }
    recent_.push_back(std::move(record));
}

// Whether an entry of openOrder_ belongs to a trace that has since completed or been dropped.
bool Tracer::isStale(const std::pair<std::uint64_t, std::string>& opened) const {
    const auto it = openTraces_.find(opened.second);
    return it == openTraces_.end() || it->second.order != opened.first;
}

// Keeps openOrder_'s front live and its length within twice the open traces it tracks.
void Tracer::dropStaleOpenOrder() {
    while (!openOrder_.empty() && isStale(openOrder_.front())) {
        openOrder_.pop_front();
    }
    if (openOrder_.size() > 2 * openTraces_.size() + 64) {
        std::erase_if(openOrder_, [this](const auto& opened) { return isStale(opened); });
    }
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

std::vector<SharedSpan> Tracer::drainSpans() {
    std::lock_guard lock(mutex_);
    std::vector<SharedSpan> out(std::make_move_iterator(pending_.begin()),
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
    std::vector<SharedRecord> shared;
    {
        std::lock_guard lock(mutex_);
        const auto count = std::min(last, recent_.size());
        shared.assign(recent_.end() - static_cast<std::ptrdiff_t>(count), recent_.end());
    }
    // The copies are made outside the lock: the readers are the admin interface and exports,
    // and the recording threads must not wait for them.
    std::vector<RequestRecord> records;
    records.reserve(shared.size());
    for (const auto& record : shared) {
        auto& copy = records.emplace_back(RequestRecord{record.traceId, {}});
        copy.spans.reserve(record.spans.size());
        for (const auto& span : record.spans) {
            copy.spans.push_back(withContent(*span));
        }
    }
    return records;
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
