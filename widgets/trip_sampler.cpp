#include "trip_sampler.h"

#include <algorithm>
#include <cmath>

namespace wsl {

namespace {

int intervalFor(double perSecond) {
    return std::max(1, static_cast<int>(std::ceil(perSecond / TripSampler::kAnimatedPerSecond)));
}

}  // namespace

bool TripSampler::Stream::admit() {
    const bool chosen = seen % interval == 0;
    ++seen;
    if (!chosen || admittedInBucket >= kMaxPerBucket) {
        return false;
    }
    ++admittedInBucket;
    return true;
}

void TripSampler::update(double tripsPerSecond, double failedTripsPerSecond) {
    if (tripsPerSecond >= kOnTripsPerSecond) {
        sampling_ = true;
    } else if (tripsPerSecond < kOffTripsPerSecond) {
        sampling_ = false;
    }
    successes_.interval = intervalFor(tripsPerSecond - failedTripsPerSecond);
    failures_.interval = intervalFor(failedTripsPerSecond);
    successes_.admittedInBucket = 0;
    failures_.admittedInBucket = 0;
}

bool TripSampler::admit(bool failed) {
    if (!sampling_) {
        return true;
    }
    return failed ? failures_.admit() : successes_.admit();
}

}  // namespace wsl
