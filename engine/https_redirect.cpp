#include "https_redirect.h"

#include <boost/beast/core/string.hpp>

namespace wsl {

namespace {

// Strips the port from a Host value: "www.foobar.com:8080" and "[::1]:8080" keep only the name.
std::string hostName(std::string_view host) {
    const auto colon = host.rfind(':');
    const auto bracket = host.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || bracket < colon)) {
        host = host.substr(0, colon);
    }
    return std::string(host);
}

}  // namespace

bool forwardedOverHttps(const HttpRequest& request) {
    return boost::beast::iequals(request["X-Forwarded-Proto"], "https");
}

HttpResponse makeHttpsRedirect(const HttpRequest& request, std::uint16_t httpsPort,
                               const std::string& fallbackHost) {
    const auto hostHeader = request[http::field::host];
    auto host = hostName({hostHeader.data(), hostHeader.size()});
    if (host.empty()) {
        host = fallbackHost;
    }
    const auto port = httpsPort == 443 ? std::string{} : ":" + std::to_string(httpsPort);
    std::string target(request.target());
    if (target.empty() || target.front() != '/') {
        target = "/";  // an absolute-form or asterisk target has no path to keep
    }
    const auto location = "https://" + host + port + target;

    auto response = makeResponse(request, http::status::permanent_redirect,
                                 "This site is served over HTTPS: " + location + "\n",
                                 "text/plain; charset=utf-8");
    response.set(http::field::location, location);
    return response;
}

}  // namespace wsl
