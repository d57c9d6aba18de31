#include "access_log.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string_view>

namespace wsl {

namespace {

// Bytes read at a time from the end of a log while looking for its last lines.
constexpr std::size_t kTailChunkBytes = 64 * 1024;

bool needsEscape(unsigned char c) {
    return c == '"' || c == '\\' || c < 0x20 || c >= 0x7f;
}

// Appends runs of plain bytes whole: nearly every field has nothing to escape.
void appendEscaped(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!needsEscape(c)) {
            continue;
        }
        out.append(text.data() + start, i - start);
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
}

// An empty field is written as "-", as the format does for a missing value.
std::string_view orDash(std::string_view text) {
    return text.empty() ? "-" : text;
}

// `[10/Oct/2000:13:55:36 +0000]`. Each thread keeps the last second it formatted: a busy
// node logs thousands of requests per second, and gmtime_r takes a lock that all threads share.
const std::string& formatLogTime(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    thread_local std::time_t cachedSeconds = -1;
    thread_local std::string cachedText;
    if (seconds == cachedSeconds) {
        return cachedText;
    }
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    std::strftime(text, sizeof text, "[%d/%b/%Y:%H:%M:%S +0000]", &utc);
    cachedSeconds = seconds;
    cachedText = text;
    return cachedText;
}

std::string safeFileName(const std::string& node) {
    std::string name = node;
    for (auto& c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (!std::isalnum(byte) && c != '-' && c != '_' && c != '.') {
            c = '_';
        }
    }
    if (name.empty() || name.front() == '.') {
        name.insert(name.begin(), '_');  // never "", "." or ".."
    }
    return name;
}

// Reads backwards from the end until `count` lines are found or the file is read whole.
std::vector<std::string> lastLinesOf(const std::filesystem::path& path, std::size_t count) {
    std::ifstream file(path, std::ios::binary);
    if (!file || count == 0) {
        return {};
    }
    file.seekg(0, std::ios::end);
    auto position = static_cast<std::uint64_t>(file.tellg());
    std::string text;
    while (position > 0 &&
           static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) <= count) {
        const auto chunk = std::min<std::uint64_t>(kTailChunkBytes, position);
        position -= chunk;
        std::string block(chunk, '\0');
        file.seekg(static_cast<std::streamoff>(position));
        file.read(block.data(), static_cast<std::streamsize>(chunk));
        text.insert(0, block);
    }

    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    // The first line may be cut by the chunk boundary, so keep only the last `count`.
    if (lines.size() > count) {
        lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(count));
    }
    return lines;
}

}  // namespace

std::string formatCombinedLogLine(const AccessLogEntry& entry) {
    std::string line;
    line.reserve(160 + entry.target.size() + entry.userAgent.size());
    appendEscaped(line, orDash(entry.clientAddress));
    line += " - - ";
    line += formatLogTime(entry.time);
    line += " \"";
    appendEscaped(line, entry.method);
    line += ' ';
    appendEscaped(line, entry.target);
    line += entry.version == 10 ? " HTTP/1.0\" " : " HTTP/1.1\" ";
    line += std::to_string(entry.status);
    line += ' ';
    line += entry.bodyBytes == 0 ? "-" : std::to_string(entry.bodyBytes);
    line += " \"";
    appendEscaped(line, orDash(entry.referer));
    line += "\" \"";
    appendEscaped(line, orDash(entry.userAgent));
    line += '"';
    return line;
}

AccessLogWriter::AccessLogWriter(std::filesystem::path directory, std::uint64_t maxBytes)
    : directory_(std::move(directory)), maxBytes_(maxBytes) {
    std::filesystem::create_directories(directory_);
    thread_ = std::thread([this] { run(); });
}

AccessLogWriter::~AccessLogWriter() {
    {
        std::lock_guard lock(queueMutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    flush();
}

void AccessLogWriter::append(const std::string& node, std::string line) {
    std::lock_guard lock(queueMutex_);
    if (queue_.size() >= kMaxQueuedLines) {
        ++dropped_;
        return;
    }
    queue_.emplace_back(node, std::move(line));
    // A burst wakes the writer before the flush interval ends, before lines have to be dropped.
    if (queue_.size() == kWakeAtLines) {
        wake_.notify_one();
    }
}

void AccessLogWriter::flush() {
    std::vector<std::pair<std::string, std::string>> lines;
    {
        std::lock_guard lock(queueMutex_);
        lines.swap(queue_);
    }
    write(std::move(lines));
}

std::vector<std::string> AccessLogWriter::tail(const std::string& node, std::size_t count) {
    flush();
    std::lock_guard lock(fileMutex_);
    auto lines = lastLinesOf(pathOf(node), count);
    if (lines.size() < count) {
        auto older = lastLinesOf(pathOf(node).string() + ".1", count - lines.size());
        lines.insert(lines.begin(), older.begin(), older.end());
    }
    return lines;
}

std::filesystem::path AccessLogWriter::pathOf(const std::string& node) const {
    return directory_ / (safeFileName(node) + ".access.log");
}

std::uint64_t AccessLogWriter::droppedLines() const {
    std::lock_guard lock(queueMutex_);
    return dropped_;
}

void AccessLogWriter::run() {
    std::unique_lock lock(queueMutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kFlushInterval,
                       [this] { return stopping_ || queue_.size() >= kWakeAtLines; });
        std::vector<std::pair<std::string, std::string>> lines;
        lines.swap(queue_);
        lock.unlock();
        write(std::move(lines));
        lock.lock();
    }
}

void AccessLogWriter::write(std::vector<std::pair<std::string, std::string>> lines) {
    if (lines.empty()) {
        return;
    }
    // One open per node and flush, the lines of each node in arrival order. A flush contains
    // the lines of a few web servers, so a pass over the batch per node costs less than sorting it.
    std::vector<std::string_view> nodes;
    for (const auto& [node, line] : lines) {
        if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
            nodes.push_back(node);
        }
    }
    std::lock_guard lock(fileMutex_);
    for (const auto node : nodes) {
        const std::string name(node);
        rotateIfFull(name);
        // One write per file, because a stream insertion per line cost more than formatting it.
        std::string text;
        for (const auto& [owner, line] : lines) {
            if (owner == node) {
                text += line;
                text += '\n';
            }
        }
        std::ofstream file(pathOf(name), std::ios::binary | std::ios::app);
        file.write(text.data(), static_cast<std::streamsize>(text.size()));
        sizes_[name] += text.size();
    }
}

void AccessLogWriter::rotateIfFull(const std::string& node) {
    const auto path = pathOf(node);
    auto [size, inserted] = sizes_.try_emplace(node, 0);
    if (inserted) {
        std::error_code ec;
        const auto existing = std::filesystem::file_size(path, ec);
        size->second = ec ? 0 : existing;
    }
    if (size->second < maxBytes_) {
        return;
    }
    std::error_code ec;
    std::filesystem::rename(path, path.string() + ".1", ec);
    size->second = 0;
}

}  // namespace wsl
