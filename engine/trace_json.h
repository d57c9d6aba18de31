#pragma once

#include <nlohmann/json.hpp>

#include "trace.h"

namespace wsl {

nlohmann::json toJson(const Span& span);
nlohmann::json toJson(const Event& event);
nlohmann::json toJson(const RequestRecord& record);

}  // namespace wsl
