#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

#include "topology.h"

namespace wsl {

// Why a topology file was rejected, and where: `line` is 1-based, 0 when no line applies.
struct TopologyError {
    std::string message;
    int line = 0;

    std::string describe() const;  // "line 12: node 'web-4': ..." or the message alone
};

// Reads a topology file. Nothing is assumed for a field the file gets wrong: the first problem
// is returned with the line it is on, and the caller keeps its running topology.
std::variant<Topology, TopologyError> parseTopology(std::string_view text);

// Writes the file that parseTopology() reads back to the same topology.
std::string topologyToJson(const Topology& topology);

// Reads the preset `<directory>/<name>.json`; `name` is lower-case letters and '-'. Returns
// the topology or an error message.
std::variant<Topology, std::string> readPreset(const std::filesystem::path& directory,
                                               const std::string& name);

// A topology file may not be larger than this.
inline constexpr std::size_t kMaxTopologyFileBytes = 1024 * 1024;

}  // namespace wsl
