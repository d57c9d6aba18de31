#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "trace.h"

namespace wsl {

// Writes finished requests as an HTTP Archive (HAR 1.2), which the developer tools of Chrome
// and Firefox open. Each entry describes the request as the first HTTP node received it; the
// spans of every hop travel along in the custom field "_spans".
nlohmann::json toHar(const std::vector<RequestRecord>& records, const Tracer& tracer);

// Writes events as CSV with a header row: time_s, node, kind, detail (RFC 4180 quoting).
std::string eventsToCsv(const std::vector<Event>& events);

}  // namespace wsl
