#include "http_types.h"

#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

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

HeaderList copyHeaders(const http::fields& fields) {
    // Bounded so that a request with huge headers cannot grow the trace store.
    static constexpr std::size_t kMaxHeaders = 40;
    static constexpr std::size_t kMaxValueBytes = 512;

    HeaderList headers;
    for (const auto& field : fields) {
        if (headers.size() == kMaxHeaders) {
            headers.emplace_back("…", "more headers not kept");
            break;
        }
        std::string value(field.value());
        if (value.size() > kMaxValueBytes) {
            value = value.substr(0, kMaxValueBytes) + "…";
        }
        headers.emplace_back(std::string(field.name_string()), std::move(value));
    }
    return headers;
}

namespace {

template <bool isRequest>
std::string serialize(const http::message<isRequest, http::string_body>& message,
                      std::size_t limit) {
    // The header is written by Beast's own serializer, as on the socket; the body follows.
    std::ostringstream header;
    header << message.base();
    auto bytes = header.str();
    bytes += message.body().substr(0, limit > bytes.size() ? limit - bytes.size() : 0);
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

}  // namespace wsl
