#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace wsl {

struct StaticFile {
    std::string body;
    std::string contentType;
};

// Maps a request target to a file under `root` and reads it. Returns nullopt when the target
// is malformed, escapes the root (after decoding and resolving links) or names no regular
// file. A target ending in "/" serves that folder's index.html.
std::optional<StaticFile> readStaticFile(const std::filesystem::path& root,
                                         const std::string& target);

std::string contentTypeFor(const std::filesystem::path& file);

}  // namespace wsl
