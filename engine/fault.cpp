#include "fault.h"

#include <array>
#include <cstdio>
#include <utility>

namespace wsl {

namespace {

constexpr std::array kModes{FaultMode::None, FaultMode::Down, FaultMode::Hang, FaultMode::Slow,
                            FaultMode::Error};

std::string percent(double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%g%%", share * 100.0);
    return text;
}

}  // namespace

const char* faultModeName(FaultMode mode) {
    switch (mode) {
        case FaultMode::None:
            return "none";
        case FaultMode::Down:
            return "down";
        case FaultMode::Hang:
            return "hang";
        case FaultMode::Slow:
            return "slow";
        case FaultMode::Error:
            return "error";
    }
    return "none";
}

std::optional<FaultMode> faultModeFromName(std::string_view name) {
    for (const auto mode : kModes) {
        if (name == faultModeName(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

std::string validateFault(const FaultSettings& settings) {
    if (settings.mode == FaultMode::Slow &&
        (settings.delay.count() < 1 || settings.delay > kMaxFaultDelay)) {
        return "delayMs must be from 1 to " + std::to_string(kMaxFaultDelay.count()) + ", not " +
               std::to_string(settings.delay.count());
    }
    if (settings.mode != FaultMode::Error) {
        return {};
    }
    if (!(settings.share >= 0.0 && settings.share <= 1.0)) {
        return "share must be from 0 to 1, not " + std::to_string(settings.share);
    }
    if (settings.status < 500 || settings.status > 599) {
        return "status must be from 500 to 599, not " + std::to_string(settings.status);
    }
    return {};
}

std::string describeFault(const FaultSettings& settings) {
    switch (settings.mode) {
        case FaultMode::None:
            return "none";
        case FaultMode::Down:
            return "down: listener closed";
        case FaultMode::Hang:
            return "hang: requests are read and never answered";
        case FaultMode::Slow:
            return "slow: +" + std::to_string(settings.delay.count()) + " ms per request";
        case FaultMode::Error:
            return "error: " + percent(settings.share) + " of requests get " +
                   std::to_string(settings.status);
    }
    return "none";
}

FaultInjector::FaultInjector() : random_(std::random_device{}()) {}

void FaultInjector::set(const FaultSettings& settings) {
    std::vector<std::function<void()>> listeners;
    {
        std::lock_guard lock(mutex_);
        const bool leavesHang =
            settings_.mode == FaultMode::Hang && settings.mode != FaultMode::Hang;
        settings_ = settings;
        quiet_.store(settings.mode == FaultMode::None || settings.mode == FaultMode::Down,
                     std::memory_order_relaxed);
        if (settings.seed) {
            random_.seed(*settings.seed);
        }
        if (leavesHang) {
            listeners = hangReleased_;
        }
    }
    // Outside the lock: a listener may post work that calls back into next().
    for (const auto& listener : listeners) {
        listener();
    }
}

FaultSettings FaultInjector::settings() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

FaultAction FaultInjector::next() {
    if (quiet_.load(std::memory_order_relaxed)) {
        return {};
    }
    std::lock_guard lock(mutex_);
    switch (settings_.mode) {
        case FaultMode::Hang:
            return {FaultMode::Hang};
        case FaultMode::Slow:
            return {FaultMode::Slow, settings_.delay};
        case FaultMode::Error: {
            std::bernoulli_distribution failing(settings_.share);
            if (failing(random_)) {
                return {FaultMode::Error, {}, settings_.status};
            }
            return {};
        }
        case FaultMode::None:
        case FaultMode::Down:
            return {};
    }
    return {};
}

void FaultInjector::onHangReleased(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    hangReleased_.push_back(std::move(listener));
}

}  // namespace wsl
