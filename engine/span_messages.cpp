#include "span_messages.h"

namespace wsl {

namespace {

// The message as it crossed the wire, cut after Tracer::kMaxWireBytes bytes.
std::string wireOf(const SpanMessages::Bytes& message) {
    auto wire = message.head.substr(0, Tracer::kMaxWireBytes);
    wire.append(message.body, 0, Tracer::kMaxWireBytes - wire.size());
    return wire;
}

// Beast writes a chunked body through its own serializer, so such a body stays in the response.
bool bodyMovable(const HttpResponse& response) {
    return !response.chunked() && response.body().size() <= Tracer::kMaxWireBytes;
}

}  // namespace

SpanMessages::SpanMessages(bool wireCaptured) : wireCaptured_(wireCaptured) {}

std::shared_ptr<const SpanMessages> SpanMessages::attach(Span& span, std::string requestHead,
                                                         const HttpRequest& request,
                                                         HttpResponse* response,
                                                         bool wireCaptured) {
    auto messages = std::make_shared<SpanMessages>(wireCaptured);
    messages->request_.head = requestHead.empty() ? headBytes(request, 0) : std::move(requestHead);
    messages->request_.body = request.body().substr(0, Tracer::kMaxWireBytes);
    if (response != nullptr) {
        auto& answered = messages->response_.emplace();
        answered.head = headBytes(*response, 0);
        messages->wholeResponseBody_ = bodyMovable(*response);
        if (messages->wholeResponseBody_) {
            answered.body = std::move(response->body());
            response->body().clear();
        } else {
            answered.body = response->body().substr(0, Tracer::kMaxWireBytes);
        }
    }
    span.deferred = messages;
    return messages;
}

void SpanMessages::fill(Span& span) const {
    span.requestHeaders = headersOfHead(request_.head);
    span.requestBody = request_.body.substr(0, Tracer::kMaxBodyBytes);
    if (response_) {
        span.responseHeaders = headersOfHead(response_->head);
        span.responseBody = response_->body.substr(0, Tracer::kMaxBodyBytes);
    }
    if (wireCaptured_) {
        return;
    }
    span.wireRequest = wireOf(request_);
    span.wireResponse = response_ ? wireOf(*response_) : "";
}

}  // namespace wsl
