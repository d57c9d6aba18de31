#include "app_capacity.h"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace wsl {

namespace asio = boost::asio;

std::string validateCapacity(const AppCapacity& capacity) {
    if (capacity.concurrencyLimit < 1 ||
        capacity.concurrencyLimit > AppCapacity::kMaxConcurrencyLimit) {
        return "concurrencyLimit must be between 1 and " +
               std::to_string(AppCapacity::kMaxConcurrencyLimit);
    }
    if (capacity.queueLimit < 0 || capacity.queueLimit > AppCapacity::kMaxQueueLimit) {
        return "queueLimit must be between 0 and " + std::to_string(AppCapacity::kMaxQueueLimit);
    }
    if (capacity.costPerRequest.count() < 0 || capacity.costPerRequest > AppCapacity::kMaxCost) {
        return "costMs must be between 0 and " + std::to_string(AppCapacity::kMaxCost.count());
    }
    if (capacity.queueTimeout.count() < 1 ||
        capacity.queueTimeout > AppCapacity::kMaxQueueTimeout) {
        return "queueTimeoutMs must be between 1 and " +
               std::to_string(AppCapacity::kMaxQueueTimeout.count());
    }
    return {};
}

CapacityGate::CapacityGate(AppCapacity capacity) : capacity_(capacity) {}

void CapacityGate::setCapacity(const AppCapacity& capacity) {
    std::lock_guard lock(mutex_);
    capacity_ = capacity;
    grantLocked();
}

AppCapacity CapacityGate::capacity() const {
    std::lock_guard lock(mutex_);
    return capacity_;
}

int CapacityGate::inFlight() const {
    std::lock_guard lock(mutex_);
    return inFlight_;
}

asio::awaitable<bool> CapacityGate::enter() {
    const auto executor = co_await asio::this_coro::executor;
    std::shared_ptr<Waiter> waiter;
    {
        std::lock_guard lock(mutex_);
        if (inFlight_ < capacity_.concurrencyLimit && waiters_.empty()) {
            ++inFlight_;
            co_return true;
        }
        if (static_cast<int>(waiters_.size()) >= capacity_.queueLimit) {
            co_return false;
        }
        waiter = std::make_shared<Waiter>(executor);
        waiter->timer.expires_after(capacity_.queueTimeout);
        waiters_.push_back(waiter);
    }

    boost::system::error_code ignored;
    co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));

    // Whether the timer expired or was cancelled, `granted` decides: a slot handed over just
    // as the timer expired still belongs to this waiter.
    std::lock_guard lock(mutex_);
    if (waiter->granted) {
        co_return true;
    }
    std::erase(waiters_, waiter);
    co_return false;
}

void CapacityGate::leave() {
    std::lock_guard lock(mutex_);
    --inFlight_;
    grantLocked();
}

void CapacityGate::grantLocked() {
    while (inFlight_ < capacity_.concurrencyLimit && !waiters_.empty()) {
        auto waiter = std::move(waiters_.front());
        waiters_.pop_front();
        waiter->granted = true;
        ++inFlight_;
        // The timer belongs to the waiter's executor (its connection's), so it is cancelled
        // there rather than from this thread.
        asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
    }
}

}  // namespace wsl
