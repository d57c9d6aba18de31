#pragma once

#include <vector>

#include "inspector/request_types.h"
#include "trace.h"

namespace wsl {

// Converts the engine's records into the inspector's Qt-only views.
HopView toHopView(const Span& span);
// `spans` are the spans of one finished request, the entry span among them.
RequestView toRequestView(const std::vector<SharedSpan>& spans, const Tracer& tracer);
EventView toEventView(const Event& event);

}  // namespace wsl
