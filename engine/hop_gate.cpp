#include "hop_gate.h"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace wsl {

namespace asio = boost::asio;

namespace {

// A held hop waits at most this long, so that a forgotten step mode cannot pin a request for
// ever. Upstream timeouts are stretched to match.
constexpr std::chrono::minutes kMaxHold{30};

}  // namespace

struct HopGate::Hold {
    explicit Hold(const asio::any_io_executor& executor, std::string at)
        : timer(executor, kMaxHold), node(std::move(at)) {}
    asio::steady_timer timer;
    std::string node;

    // The timer belongs to the held coroutine's executor, so it is cancelled there.
    static void release(const std::shared_ptr<Hold>& hold) {
        asio::post(hold->timer.get_executor(), [hold] { hold->timer.cancel(); });
    }
};

const char* hopModeName(HopMode mode) {
    switch (mode) {
        case HopMode::Live:
            return "live";
        case HopMode::SlowMotion:
            return "slow-motion";
        case HopMode::Step:
            return "step";
    }
    return "live";
}

std::optional<HopMode> hopModeFromName(const std::string& name) {
    for (const auto mode : {HopMode::Live, HopMode::SlowMotion, HopMode::Step}) {
        if (name == hopModeName(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

void HopGate::setMode(HopMode mode, std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    mode_ = mode;
    live_.store(mode == HopMode::Live, std::memory_order_relaxed);
    delay_ = std::clamp(delay, std::chrono::milliseconds{0}, kMaxDelay);
    if (mode != HopMode::Step) {
        releaseAllLocked();
    }
}

HopMode HopGate::mode() const {
    if (live_.load(std::memory_order_relaxed)) {
        return HopMode::Live;
    }
    std::lock_guard lock(mutex_);
    return mode_;
}

std::chrono::milliseconds HopGate::delay() const {
    std::lock_guard lock(mutex_);
    return delay_;
}

asio::awaitable<void> HopGate::pass(const std::string& node) {
    const auto executor = co_await asio::this_coro::executor;
    std::shared_ptr<Hold> hold;
    {
        std::lock_guard lock(mutex_);
        if (mode_ == HopMode::Live) {
            co_return;
        }
        if (mode_ == HopMode::SlowMotion) {
            hold = std::make_shared<Hold>(executor, node);
            hold->timer.expires_after(delay_);
        } else {
            hold = std::make_shared<Hold>(executor, node);
            held_.push_back(hold);
        }
    }

    boost::system::error_code ec;
    co_await hold->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));

    // Released, or timed out after kMaxHold: the hop goes on and leaves the queue.
    std::lock_guard lock(mutex_);
    held_.erase(std::remove(held_.begin(), held_.end(), hold), held_.end());
}

std::string HopGate::step() {
    std::lock_guard lock(mutex_);
    if (held_.empty()) {
        return {};
    }
    auto hold = held_.front();
    held_.pop_front();
    Hold::release(hold);
    return hold->node;
}

std::size_t HopGate::continueAll() {
    std::lock_guard lock(mutex_);
    mode_ = HopMode::Live;
    live_.store(true, std::memory_order_relaxed);
    return releaseAllLocked();
}

std::size_t HopGate::releaseAllLocked() {
    const auto count = held_.size();
    for (const auto& hold : held_) {
        Hold::release(hold);
    }
    held_.clear();
    return count;
}

std::size_t HopGate::held() const {
    std::lock_guard lock(mutex_);
    return held_.size();
}

std::chrono::milliseconds HopGate::upstreamTimeout(std::chrono::milliseconds base) const {
    if (live_.load(std::memory_order_relaxed)) {
        return base;
    }
    std::lock_guard lock(mutex_);
    switch (mode_) {
        case HopMode::Live:
            return base;
        case HopMode::SlowMotion:
            // Each hop is delayed twice (on arrival and before its response leaves), and the
            // longest chain behind one node has three hops: six delays, with a margin.
            return base + 10 * delay_;
        case HopMode::Step:
            return std::chrono::duration_cast<std::chrono::milliseconds>(kMaxHold);
    }
    return base;
}

}  // namespace wsl
