#pragma once

#include <cstdint>
#include <string>

namespace wsl {

// Fetches `target` from the admin interface of a running Webstack Lab on 127.0.0.1:`port` and
// writes the response body to `path`, for scripts: `webstack-lab --export-har FILE`. An
// existing file is never replaced. Returns an error message, empty on success.
std::string exportFromAdmin(std::uint16_t port, const std::string& target, const std::string& path);

}  // namespace wsl
