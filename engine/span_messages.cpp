#include "span_messages.h"

namespace wsl {

SpanMessages::SpanMessages(std::shared_ptr<const HttpRequest> request,
                           std::shared_ptr<const HttpResponse> response, bool wireCaptured)
    : request_(std::move(request)), response_(std::move(response)), wireCaptured_(wireCaptured) {}

void SpanMessages::fill(Span& span) const {
    span.requestHeaders = copyHeaders(request_->base());
    span.requestBody = request_->body().substr(0, Tracer::kMaxBodyBytes);
    if (response_) {
        span.responseHeaders = copyHeaders(response_->base());
        span.responseBody = response_->body().substr(0, Tracer::kMaxBodyBytes);
    }
    if (wireCaptured_) {
        return;
    }
    span.wireRequest = wireBytes(*request_, Tracer::kMaxWireBytes);
    span.wireResponse = response_ ? wireBytes(*response_, Tracer::kMaxWireBytes) : "";
}

void SpanMessages::attach(Span& span, std::shared_ptr<const HttpRequest> request,
                          std::shared_ptr<const HttpResponse> response, bool wireCaptured) {
    const bool small = request->body().size() <= Tracer::kMaxWireBytes &&
                       (!response || response->body().size() <= Tracer::kMaxWireBytes);
    SpanMessages messages(std::move(request), std::move(response), wireCaptured);
    if (!small) {
        messages.fill(span);
        return;
    }
    span.deferred = std::make_shared<const SpanMessages>(std::move(messages));
}

}  // namespace wsl
