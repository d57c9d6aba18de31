#pragma once

#include <vector>

#include "diagram_types.h"
#include "trace.h"

namespace wsl {

// Turns the spans of one finished request into the legs the diagram plays: for every hop the
// request from its peer, then the hops it caused, then the response back. A refused hop ends
// at the node that refused it.
Trip buildTrip(const std::vector<SharedSpan>& spans);

// The leg of `span`'s request from its peer to its node. A refused connection, or one a
// firewall blocked (then the node is the firewall), gives a Refused leg that ends in a cross.
Leg requestLeg(const Span& span);

// A monitoring agent's push to the collector as a trip of one small leg, or of one Refused leg
// when the collector could not be reached.
Trip metricsTrip(const Span& span);

// The nodes a trip visits, leg by leg ("client>dns-1", "dns-1>client", …), to compare a trip
// with the spans it came from.
QStringList tripPath(const Trip& trip);

}  // namespace wsl
