#pragma once

#include <vector>

#include "diagram_types.h"
#include "trace.h"

namespace wsl {

// Turns the spans of one finished request into the legs the diagram plays: for every hop the
// request from its peer, then the hops it caused, then the response back. A refused hop ends
// at the node that refused it.
Trip buildTrip(const std::vector<Span>& spans);

// The nodes a trip visits, leg by leg ("client>dns-1", "dns-1>client", …), to compare a trip
// with the spans it came from.
QStringList tripPath(const Trip& trip);

}  // namespace wsl
