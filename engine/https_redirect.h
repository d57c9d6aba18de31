#pragma once

#include <cstdint>
#include <string>

#include "http_types.h"

namespace wsl {

// The state of HTTPS at the load balancer, for the admin interface and the window.
struct HttpsStatus {
    std::string node;            // the load balancer with the HTTPS listener, empty when none
    std::uint16_t port = 0;      // its bound HTTPS port, 0 when none
    std::string url;             // "https://127.0.10.1:8443"
    bool redirectHttps = false;  // the balancer sends 308 to the https URL for plain HTTP
    bool forceHttps = false;     // application servers redirect requests not sent over HTTPS
    std::string certificateFile;
    std::string fingerprint;  // SHA-256, "AB:CD:…"
    std::string notAfter;     // UTC, ISO 8601
};

// Whether the request reached the stack over HTTPS, by the X-Forwarded-Proto header that the
// load balancer sets.
bool forwardedOverHttps(const HttpRequest& request);

// A 308 Permanent Redirect to the same host name and target on https, at `httpsPort`. The host
// comes from the Host header without its port, else `fallbackHost`. 308 keeps the method and
// body, so that a POST is not turned into a GET as 301 allows.
HttpResponse makeHttpsRedirect(const HttpRequest& request, std::uint16_t httpsPort,
                               const std::string& fallbackHost);

}  // namespace wsl
