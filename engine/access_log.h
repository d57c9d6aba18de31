#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace wsl {

// One served request, as the combined log format records it.
// The facts of one request, viewing the request's own strings: an entry lives only while its
// line is formatted.
struct AccessLogEntry {
    std::string_view clientAddress;
    std::chrono::system_clock::time_point time;  // when the request arrived
    std::string_view method;
    std::string_view target;
    unsigned version = 11;  // 10 or 11, as Beast stores it
    int status = 0;
    std::uint64_t bodyBytes = 0;
    std::string_view referer;
    std::string_view userAgent;
};

// Formats `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"` (Apache's combined format)
// with the time in UTC. Quotes, backslashes and control bytes from the request are written as
// \xHH, as nginx does since 0.7.0 (per its changelog), so that a client cannot forge a line.
std::string formatCombinedLogLine(const AccessLogEntry& entry);

// Writes every node's access log, `<directory>/<node>.access.log`, from a thread of its own,
// so that network threads only format a line and queue it. A file that grows past `maxBytes`
// is renamed to `<node>.access.log.1` (replacing the previous one) and started afresh.
class AccessLogWriter {
public:
    // Lines waiting for the writer beyond this are dropped and counted.
    static constexpr std::size_t kMaxQueuedLines = 20000;
    static constexpr std::size_t kWakeAtLines = kMaxQueuedLines / 4;
    static constexpr std::chrono::milliseconds kFlushInterval{200};

    AccessLogWriter(std::filesystem::path directory, std::uint64_t maxBytes);
    ~AccessLogWriter();
    AccessLogWriter(const AccessLogWriter&) = delete;
    AccessLogWriter& operator=(const AccessLogWriter&) = delete;

    void append(const std::string& node, std::string line);
    // Writes every queued line now.
    void flush();
    // The last `count` lines of a node's log, oldest first, after a flush. Reads the rotated
    // file as well when the current one has fewer lines.
    std::vector<std::string> tail(const std::string& node, std::size_t count);
    std::filesystem::path pathOf(const std::string& node) const;
    std::uint64_t droppedLines() const;

private:
    void run();
    void write(std::vector<std::pair<std::string, std::string>> lines);
    void rotateIfFull(const std::string& node);

    const std::filesystem::path directory_;
    const std::uint64_t maxBytes_;

    mutable std::mutex queueMutex_;
    std::condition_variable wake_;
    std::vector<std::pair<std::string, std::string>> queue_;  // node, line
    std::uint64_t dropped_ = 0;
    bool stopping_ = false;

    std::mutex fileMutex_;  // guards the files: the writer thread and flush() both write
    std::map<std::string, std::uint64_t> sizes_;
    std::thread thread_;
};

}  // namespace wsl
