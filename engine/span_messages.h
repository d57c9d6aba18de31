#pragma once

#include <memory>
#include <optional>
#include <string>

#include "http_types.h"
#include "trace.h"

namespace wsl {

// The request and response of one hop as they crossed the link: each head whole and the first
// Tracer::kMaxWireBytes bytes of each body. The span's header lists, bodies and wire bytes are
// taken from them only when someone reads the span. The span keeps bytes rather than the parsed
// messages, so that the node frees its messages as soon as the hop ends, and the trace store
// keeps a few blocks per span instead of one per header field.
class SpanMessages final : public SpanContent {
public:
    struct Bytes {
        std::string head;  // start line, fields and the empty line after them
        std::string body;  // at most Tracer::kMaxWireBytes bytes
    };

    // With `wireCaptured`, the span already contains the bytes that crossed the link (TLS
    // records), and the messages give only its header lists and bodies.
    explicit SpanMessages(bool wireCaptured);

    // Keeps the bytes of `request` and of `response` (null when none was sent) for `span`'s
    // readers, and returns them. `requestHead` is the header as it arrived, or empty to write
    // it from the request's fields. A response body within the bound is moved out of
    // `response`, so the node writes the response from the returned bytes.
    static std::shared_ptr<const SpanMessages> attach(Span& span, std::string requestHead,
                                                      const HttpRequest& request,
                                                      HttpResponse* response, bool wireCaptured);

    void fill(Span& span) const override;

    // The response's bytes, or null for a request that got none.
    const Bytes* response() const { return response_ ? &*response_ : nullptr; }
    // Whether response()->body is the whole body, moved out of the response.
    bool wholeResponseBody() const { return wholeResponseBody_; }

private:
    Bytes request_;
    std::optional<Bytes> response_;
    bool wireCaptured_ = false;
    bool wholeResponseBody_ = false;
};

}  // namespace wsl
