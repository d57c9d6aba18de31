#pragma once

namespace wsl {

// Decides which trips the diagram animates. Below kOnTripsPerSecond every trip is animated, one
// packet per hop, for teaching. From there on, until the rate falls below kOffTripsPerSecond,
// one successful trip in successInterval() is animated, so that about
// kAnimatedPerSecond successes move each second. Failed trips have a budget of their own, one
// in failedInterval(), so a node failing at a high rate still shows red packets and a failed
// trip is more likely to be animated than a successful one. On top of that, each bucket admits
// at most kMaxPerBucket trips of each kind, in case the rate jumps between two updates.
class TripSampler {
public:
    static constexpr double kOnTripsPerSecond = 10.0;
    // Half the threshold, so that a rate hovering around it does not switch labels on and off.
    static constexpr double kOffTripsPerSecond = 5.0;
    static constexpr double kAnimatedPerSecond = 8.0;
    static constexpr int kMaxPerBucket = 4;

    // Sets the rates measured over the last window and opens a new bucket.
    void update(double tripsPerSecond, double failedTripsPerSecond);
    // Returns whether the next trip, failed or not, is animated.
    bool admit(bool failed);

    bool isSampling() const { return sampling_; }
    int successInterval() const { return successes_.interval; }
    int failedInterval() const { return failures_.interval; }

private:
    // One in `interval` trips of a kind is admitted, at most kMaxPerBucket per bucket.
    struct Stream {
        int interval = 1;
        int seen = 0;
        int admittedInBucket = 0;

        bool admit();
    };

    bool sampling_ = false;
    Stream successes_;
    Stream failures_;
};

}  // namespace wsl
