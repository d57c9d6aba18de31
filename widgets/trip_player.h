#pragma once

#include <QList>

#include "diagram_types.h"

namespace wsl {

// The clock-driven state of the trips being animated, free of any geometry: which leg each
// trip is on and how far along it is. At most kMaxRunningTrips move at once. Later trips wait
// in a queue of at most kMaxQueuedTrips, which drops its oldest entry when full.
class TripPlayer {
public:
    // Beyond a few dozen packets the eye can no longer follow single requests.
    static constexpr int kMaxRunningTrips = 40;
    // About five seconds of waiting trips at a 40 requests per second load.
    static constexpr int kMaxQueuedTrips = 200;

    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 4.0;
    static constexpr double kLegMillisecondsAtSpeedOne = 400.0;

    struct RunningTrip {
        Trip trip;
        int legIndex = 0;
        double legProgress = 0.0;  // 0 at the leg's start, 1 at its end

        const Leg& leg() const { return trip.legs.at(legIndex); }
    };

    // The cross shown for a moment where a connection was refused.
    struct Burst {
        QString from;           // the node that tried to connect
        QString node;           // the node that refused
        double progress = 0.0;  // 0 when it appears, 1 when it is gone
    };

    // Queues `trip`. A trip without legs counts as completed at once.
    void enqueue(Trip trip);
    // Moves everything on by `milliseconds` of wall-clock time.
    void advance(double milliseconds);
    void clear();
    // Drops every waiting trip and counts it in droppedTrips(); running trips carry on.
    void dropQueued();

    void setSpeed(double factor);  // clamped to [kMinSpeed, kMaxSpeed]
    double speed() const { return speed_; }

    const QList<RunningTrip>& runningTrips() const { return running_; }
    const QList<Burst>& bursts() const { return bursts_; }
    QList<Trip> trips() const;  // running, then queued

    bool isIdle() const { return running_.isEmpty() && bursts_.isEmpty(); }
    int completedTrips() const { return completed_; }
    int droppedTrips() const { return dropped_; }

private:
    double legMilliseconds() const;
    double burstMilliseconds() const;
    void advanceTrips(double milliseconds);
    void advanceBursts(double milliseconds);
    void startQueuedTrips();

    QList<RunningTrip> running_;
    QList<Trip> queued_;
    QList<Burst> bursts_;
    double speed_ = 1.0;
    int completed_ = 0;
    int dropped_ = 0;
};

}  // namespace wsl
