#pragma once

#include <utility>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace wsl {

// The capacity of one application server, so that load saturates it as it would a real one.
// The defaults keep a lightly loaded lab unchanged: no cost and room for 64 requests.
struct AppCapacity {
    int concurrencyLimit = 64;  // requests handled at once, beyond which they queue
    int queueLimit = 32;        // requests queued, beyond which they get 503 at once
    // Waited (on a timer, not on the CPU) before each request is handled, as if it took work.
    std::chrono::milliseconds costPerRequest{0};
    // A queued request gets 503 after this long without a free slot.
    std::chrono::milliseconds queueTimeout{1000};

    static constexpr int kMaxConcurrencyLimit = 10000;
    static constexpr int kMaxQueueLimit = 10000;
    static constexpr std::chrono::milliseconds kMaxCost{10000};
    static constexpr std::chrono::milliseconds kMaxQueueTimeout{60000};
};

// Returns an error message naming the first setting out of range, empty when all are valid.
std::string validateCapacity(const AppCapacity& capacity);

// One application server's slots: at most `concurrencyLimit` holders, then a FIFO queue of at
// most `queueLimit` waiters. Thread-safe; waiters are woken on their own executors.
class CapacityGate {
public:
    explicit CapacityGate(AppCapacity capacity = {});

    void setCapacity(const AppCapacity& capacity);
    AppCapacity capacity() const;
    int inFlight() const;

    // Waits for a slot. Returns false when the queue is full or the wait reached
    // queueTimeout, and the caller then has no slot. After true, the caller must call leave().
    boost::asio::awaitable<bool> enter();
    void leave();

private:
    struct Waiter {
        explicit Waiter(const boost::asio::any_io_executor& executor) : timer(executor) {}
        boost::asio::steady_timer timer;
        bool granted = false;  // a slot was handed over; guarded by mutex_
    };

    // Hands free slots to the oldest waiters. Called with mutex_ held.
    void grantLocked();

    mutable std::mutex mutex_;
    AppCapacity capacity_;
    int inFlight_ = 0;
    std::deque<std::shared_ptr<Waiter>> waiters_;
};

// Holds a slot of a CapacityGate until destroyed.
class CapacitySlot {
public:
    explicit CapacitySlot(CapacityGate& gate) : gate_(gate) {}
    ~CapacitySlot() { gate_.leave(); }
    CapacitySlot(const CapacitySlot&) = delete;
    CapacitySlot& operator=(const CapacitySlot&) = delete;

private:
    CapacityGate& gate_;
};

}  // namespace wsl
