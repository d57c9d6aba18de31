#include "http_types.h"

#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace wsl {

HttpResponse makeResponse(const HttpRequest& request, http::status status, std::string body,
                          const std::string& contentType) {
    HttpResponse response{status, request.version()};
    response.set(http::field::server, "webstack-lab");
    response.set(http::field::content_type, contentType);
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

HttpResponse makeJsonResponse(const HttpRequest& request, http::status status,
                              const std::string& json) {
    return makeResponse(request, status, json + "\n", "application/json");
}

HttpResponse makeErrorResponse(const HttpRequest& request, http::status status,
                               const std::string& message) {
    const nlohmann::json body{{"error", message}, {"status", static_cast<int>(status)}};
    return makeJsonResponse(request, status,
                            body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

// Bounded so that a request with huge headers cannot grow the trace store.
constexpr std::size_t kMaxHeaders = 40;
constexpr std::size_t kMaxValueBytes = 512;

// Adds one field to `headers` within the bounds above. Returns false once the list is full.
bool appendBounded(HeaderList& headers, std::string_view name, std::string_view value) {
    if (headers.size() == kMaxHeaders) {
        headers.emplace_back("…", "more headers not kept");
        return false;
    }
    std::string kept(value.substr(0, kMaxValueBytes));
    if (value.size() > kMaxValueBytes) {
        kept += "…";
    }
    headers.emplace_back(std::string(name), std::move(kept));
    return true;
}

}  // namespace

HeaderList copyHeaders(const http::fields& fields) {
    HeaderList headers;
    for (const auto& field : fields) {
        const auto name = field.name_string();
        const auto value = field.value();
        if (!appendBounded(headers, {name.data(), name.size()}, {value.data(), value.size()})) {
            break;
        }
    }
    return headers;
}

namespace {

// Drops the spaces and tabs around a field value, which are not part of it in HTTP.
std::string_view trimmed(std::string_view value) {
    value.remove_prefix(std::min(value.find_first_not_of(" \t"), value.size()));
    value.remove_suffix(value.size() - (value.find_last_not_of(" \t") + 1));
    return value;
}

}  // namespace

HeaderList headersOfHead(std::string_view head) {
    HeaderList headers;
    std::string_view name;
    std::string value;
    bool open = false;  // a field is read and not yet added
    auto lineEnd = head.find("\r\n");
    while (lineEnd != std::string_view::npos) {
        head.remove_prefix(lineEnd + 2);
        lineEnd = head.find("\r\n");
        const auto line = head.substr(0, lineEnd);
        // A line that starts with a space or tab continues the value above (obs-fold), which
        // Beast's parser joins with a space.
        if (open && !line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            if (const auto more = trimmed(line); !more.empty()) {
                value += ' ';
                value += more;
            }
            continue;
        }
        if (open && !appendBounded(headers, name, value)) {
            return headers;
        }
        open = false;
        const auto colon = line.find(':');
        if (line.empty() || colon == std::string_view::npos) {
            break;
        }
        name = line.substr(0, colon);
        value = trimmed(line.substr(colon + 1));
        open = true;
    }
    if (open) {
        appendBounded(headers, name, value);
    }
    return headers;
}

bool payloadFieldsCurrent(const HttpResponse& response) {
    const auto status = response.result_int();
    if (status < 200 || status == 204 || status == 304) {
        return false;
    }
    // One pass comparing the fields' enums: a response has a handful of fields, and each
    // find() compares names as strings.
    const http::fields::value_type* length = nullptr;
    for (const auto& field : response.base()) {
        if (field.name() == http::field::transfer_encoding) {
            return false;
        }
        if (field.name() == http::field::content_length) {
            if (length != nullptr) {
                return false;  // repeated: prepare_payload() leaves one
            }
            length = &field;
        }
    }
    if (length == nullptr) {
        return false;
    }
    const auto text = length->value();
    if (text.size() > 1 && text.front() == '0') {
        return false;  // prepare_payload() writes the number without leading zeros
    }
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() &&
           value == response.body().size();
}

namespace {

// Boost 1.74's string_view is Boost's own, which std::string cannot append directly.
void append(std::string& out, boost::beast::string_view text) {
    out.append(text.data(), text.size());
}

void appendVersion(std::string& out, unsigned version) {
    out += "HTTP/";
    out += static_cast<char>('0' + version / 10);
    out += '.';
    out += static_cast<char>('0' + version % 10);
}

void appendStartLine(std::string& out, const HttpRequest& request) {
    append(out, request.method_string());
    out += ' ';
    append(out, request.target());
    out += ' ';
    appendVersion(out, request.version());
    out += "\r\n";
}

void appendStartLine(std::string& out, const HttpResponse& response) {
    appendVersion(out, response.version());
    out += ' ';
    out += std::to_string(response.result_int());
    out += ' ';
    append(out, response.reason());
    out += "\r\n";
}

// Appends the start line, the fields in order and the empty line, as Beast's serializer puts
// them on the socket. Built directly rather than through a stream, because every hop pays for it.
template <typename Message>
void appendHead(std::string& bytes, const Message& message) {
    appendStartLine(bytes, message);
    for (const auto& field : message.base()) {
        append(bytes, field.name_string());
        bytes += ": ";
        append(bytes, field.value());
        bytes += "\r\n";
    }
    bytes += "\r\n";
}

// The head followed by the first `bodyBytes` bytes of the body.
template <typename Message>
std::string head(const Message& message, std::size_t bodyBytes) {
    bodyBytes = std::min(bodyBytes, message.body().size());
    std::string bytes;
    bytes.reserve(512 + bodyBytes);
    appendHead(bytes, message);
    bytes.append(message.body(), 0, bodyBytes);
    return bytes;
}

// The message as it crosses the wire, cut at `limit` bytes, inside the head if need be.
template <typename Message>
std::string serialize(const Message& message, std::size_t limit) {
    auto bytes = head(message, limit);
    if (bytes.size() > limit) {
        bytes.resize(limit);
    }
    return bytes;
}

}  // namespace

std::string wireBytes(const HttpRequest& request, std::size_t limit) {
    return serialize(request, limit);
}

std::string wireBytes(const HttpResponse& response, std::size_t limit) {
    return serialize(response, limit);
}

std::string headBytes(const HttpRequest& request, std::size_t bodyBytes) {
    return head(request, bodyBytes);
}

std::string headBytes(const HttpResponse& response, std::size_t bodyBytes) {
    return head(response, bodyBytes);
}

}  // namespace wsl
