#pragma once

#include <memory>

#include "http_types.h"
#include "trace.h"

namespace wsl {

// The request and response of one hop, shared with the span that reports it. The span's header
// lists and bodies are copied from them, and its wire bytes serialized from them unless the
// server captured the bytes itself (TLS records).
class SpanMessages final : public SpanContent {
public:
    // `response` is null for a request that got none.
    SpanMessages(std::shared_ptr<const HttpRequest> request,
                 std::shared_ptr<const HttpResponse> response, bool wireCaptured);

    void fill(Span& span) const override;

    // Fills `span` at once when a body is larger than the wire bytes' bound, so that a span
    // never keeps more than its copies would, and otherwise leaves the copies to its first reader.
    static void attach(Span& span, std::shared_ptr<const HttpRequest> request,
                       std::shared_ptr<const HttpResponse> response, bool wireCaptured);

private:
    std::shared_ptr<const HttpRequest> request_;
    std::shared_ptr<const HttpResponse> response_;
    bool wireCaptured_ = false;
};

}  // namespace wsl
