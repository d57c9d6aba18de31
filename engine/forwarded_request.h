#pragma once

// A request forwarded to the next hop with a few fields changed, written from the request the
// node received, because a copy edited through Beast costs a lookup and an insertion per field.
#include <boost/container/small_vector.hpp>

#include <string>
#include <string_view>

#include "http_types.h"

namespace wsl {

// One field a node sets on the requests it forwards.
struct FieldEdit {
    enum class Kind {
        Replace,       // any value the request carries is dropped
        AppendToList,  // appended to the comma-separated list the request carries, if any
    };
    const char* name;        // a string literal
    std::string_view value;  // kept alive by the caller until the request is written
    Kind kind = Kind::Replace;
};

// A forwarding node sets at most a handful of fields, so they live in the object itself.
using FieldEdits = boost::container::small_vector<FieldEdit, 6>;

// Applies `edit` to `fields` through Beast: an AppendToList edit joins the values of repeated
// fields into one list first.
void applyEdit(http::fields& fields, const FieldEdit& edit);

// Whether forwardedHead() can write `request`: it has no Transfer-Encoding and is not TRACE.
// The others take editedCopy(), which leaves them to Beast's rules.
bool writableDirectly(const HttpRequest& request);

// The head of `request` as forwarded with `edits`, followed by the first `bodyBytes` bytes of
// its body. The Connection field requests keep-alive or close as `keepAlive` sets, and
// Content-Length is set as Beast's prepare_payload() sets it. Requires writableDirectly().
std::string forwardedHead(const HttpRequest& request, const FieldEdits& edits, bool keepAlive,
                          std::size_t bodyBytes);

// A copy of `request` with `edits`, keep-alive and the payload fields applied through Beast.
// It carries the same fields as forwardedHead(), in another order.
HttpRequest editedCopy(const HttpRequest& request, const FieldEdits& edits, bool keepAlive);

}  // namespace wsl
