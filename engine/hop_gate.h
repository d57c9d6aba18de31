#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace wsl {

// The engine's pacing of requests: at full speed, slowed down so that each hop takes as long
// as its animation, or held at each hop until the user steps.
enum class HopMode { Live, SlowMotion, Step };

const char* hopModeName(HopMode mode);
std::optional<HopMode> hopModeFromName(const std::string& name);

// Every node passes each request through the gate on arrival and again before its response
// leaves. Thread-safe.
class HopGate {
public:
    static constexpr std::chrono::milliseconds kDefaultDelay{400};
    static constexpr std::chrono::milliseconds kMaxDelay{10000};

    // Leaving Step releases every held hop.
    void setMode(HopMode mode, std::chrono::milliseconds delay = kDefaultDelay);
    HopMode mode() const;
    bool isPaced() const { return mode() != HopMode::Live; }
    std::chrono::milliseconds delay() const;

    // Waits as the mode requires; runs on the calling coroutine's executor.
    boost::asio::awaitable<void> pass(const std::string& node);

    // Releases the hop held longest. Returns the node it was held at, empty when none was.
    std::string step();
    // Releases every held hop and returns to Live, since a released request would otherwise
    // stop again at its next hop.
    std::size_t continueAll();
    std::size_t held() const;

    // How long a node waits for the next hop: longer while hops are slowed or held, so that
    // pacing does not turn into timeouts.
    std::chrono::milliseconds upstreamTimeout(std::chrono::milliseconds base) const;

private:
    struct Hold;

    std::size_t releaseAllLocked();

    mutable std::mutex mutex_;
    HopMode mode_ = HopMode::Live;
    // mode_ == Live, read without the lock by every request of every node.
    std::atomic<bool> live_{true};
    std::chrono::milliseconds delay_ = kDefaultDelay;
    std::deque<std::shared_ptr<Hold>> held_;
};

}  // namespace wsl
