#include "trip_player.h"

#include <algorithm>

namespace wsl {

void TripPlayer::enqueue(Trip trip) {
    if (trip.legs.isEmpty()) {
        ++completed_;
        return;
    }

    if (running_.size() < kMaxRunningTrips) {
        running_.append({std::move(trip)});
        return;
    }

    queued_.append(std::move(trip));
    if (queued_.size() > kMaxQueuedTrips) {
        queued_.removeFirst();
        ++dropped_;
    }
}

void TripPlayer::advance(double milliseconds) {
    advanceTrips(milliseconds);
    advanceBursts(milliseconds);
    startQueuedTrips();
}

void TripPlayer::clear() {
    running_.clear();
    queued_.clear();
    bursts_.clear();
}

void TripPlayer::dropQueued() {
    dropped_ += static_cast<int>(queued_.size());
    queued_.clear();
}

void TripPlayer::setSpeed(double factor) {
    speed_ = std::clamp(factor, kMinSpeed, kMaxSpeed);
}

QList<Trip> TripPlayer::trips() const {
    QList<Trip> all;
    all.reserve(running_.size() + queued_.size());
    for (const RunningTrip& running : running_) {
        all.append(running.trip);
    }
    all.append(queued_);
    return all;
}

double TripPlayer::legMilliseconds() const {
    return kLegMillisecondsAtSpeedOne / speed_;
}

double TripPlayer::burstMilliseconds() const {
    // Long enough to notice even at the highest speed, short enough not to linger when slow.
    return std::clamp(1.5 * legMilliseconds(), 350.0, 1500.0);
}

void TripPlayer::advanceTrips(double milliseconds) {
    const double step = milliseconds / legMilliseconds();
    for (auto it = running_.begin(); it != running_.end();) {
        it->legProgress += step;
        if (it->legProgress < 1.0) {
            ++it;
            continue;
        }

        const Leg& finished = it->leg();
        if (finished.kind == LegKind::Refused) {
            bursts_.append({finished.from, finished.to});
        }

        // The overshoot carries into the next leg so that the pace stays even.
        it->legProgress = std::min(it->legProgress - 1.0, 1.0);
        ++it->legIndex;
        if (it->legIndex < it->trip.legs.size()) {
            ++it;
            continue;
        }
        it = running_.erase(it);
        ++completed_;
    }
}

void TripPlayer::advanceBursts(double milliseconds) {
    const double step = milliseconds / burstMilliseconds();
    for (Burst& burst : bursts_) {
        burst.progress += step;
    }
    bursts_.removeIf([](const Burst& burst) { return burst.progress >= 1.0; });
}

void TripPlayer::startQueuedTrips() {
    while (running_.size() < kMaxRunningTrips && !queued_.isEmpty()) {
        running_.append({queued_.takeFirst()});
    }
}

}  // namespace wsl
