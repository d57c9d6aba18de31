#include "forwarded_request.h"

#include <boost/beast/core/string.hpp>

#include <algorithm>

namespace wsl {

namespace {

using boost::beast::string_view;

void append(std::string& out, string_view text) {
    out.append(text.data(), text.size());
}

void append(std::string& out, std::string_view text) {
    out.append(text.data(), text.size());
}

string_view beastView(std::string_view text) {
    return {text.data(), text.size()};
}

template <typename Name, typename Value>
void appendField(std::string& out, Name name, Value value) {
    append(out, name);
    out += ": ";
    append(out, value);
    out += "\r\n";
}

const FieldEdit* editFor(const FieldEdits& edits, string_view name) {
    for (const auto& edit : edits) {
        const string_view editName(edit.name);
        if (editName.size() == name.size() && boost::beast::iequals(editName, name)) {
            return &edit;
        }
    }
    return nullptr;
}

// Whether prepare_payload() gives the request a Content-Length of its body's size. Otherwise it
// removes the field, as an empty body needs none.
bool lengthRewritten(const HttpRequest& request) {
    const auto method = request.method();
    return !request.body().empty() || method == http::verb::options || method == http::verb::put ||
           method == http::verb::post;
}

// The list an AppendToList edit extends: the request's values in order, then the edit's own.
std::string joinedList(const std::string& carried, std::string_view value) {
    std::string joined = carried;
    joined += carried.empty() ? "" : ", ";
    append(joined, value);
    return joined;
}

}  // namespace

void applyEdit(http::fields& fields, const FieldEdit& edit) {
    if (edit.kind == FieldEdit::Kind::Replace) {
        fields.set(edit.name, beastView(edit.value));
        return;
    }
    if (fields.find(edit.name) == fields.end()) {
        fields.insert(edit.name, beastView(edit.value));
        return;
    }
    std::string carried;
    for (auto [it, end] = fields.equal_range(edit.name); it != end; ++it) {
        carried += carried.empty() ? "" : ", ";
        append(carried, it->value());
    }
    fields.set(edit.name, joinedList(carried, edit.value));
}

bool writableDirectly(const HttpRequest& request) {
    return request.method() != http::verb::trace &&
           request.find(http::field::transfer_encoding) == request.end();
}

std::string forwardedHead(const HttpRequest& request, const FieldEdits& edits, bool keepAlive,
                          std::size_t bodyBytes) {
    const auto& body = request.body();
    bodyBytes = std::min(bodyBytes, body.size());
    const bool rewriteLength = lengthRewritten(request);
    boost::container::small_vector<std::string, FieldEdits::static_capacity> carried(edits.size());
    const bool http10 = request.version() < 11;  // as Beast's keep_alive() reads the version

    std::string out;
    out.reserve(512 + bodyBytes);
    append(out, request.method_string());
    out += ' ';
    append(out, request.target());
    out += " HTTP/";
    out += static_cast<char>('0' + request.version() / 10);
    out += '.';
    out += static_cast<char>('0' + request.version() % 10);
    out += "\r\n";
    for (const auto& field : request.base()) {
        const auto name = field.name();
        // Connection belongs to the hop it came over, and the length is the body's as it leaves:
        // both are written below.
        if (name == http::field::connection || name == http::field::content_length) {
            continue;
        }
        const auto* edit = editFor(edits, field.name_string());
        if (edit == nullptr) {
            appendField(out, field.name_string(), field.value());
            continue;
        }
        auto& list = carried[static_cast<std::size_t>(edit - edits.data())];
        if (edit->kind == FieldEdit::Kind::AppendToList) {
            list += list.empty() ? "" : ", ";
            append(list, field.value());
        }
    }
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const auto& edit = edits[i];
        if (edit.kind == FieldEdit::Kind::Replace || carried[i].empty()) {
            appendField(out, std::string_view(edit.name), edit.value);
        } else {
            const auto joined = joinedList(carried[i], edit.value);
            appendField(out, std::string_view(edit.name), std::string_view(joined));
        }
    }
    if (rewriteLength) {
        const auto length = std::to_string(body.size());
        appendField(out, std::string_view("Content-Length"), std::string_view(length));
    }
    if (http10 && keepAlive) {
        out += "Connection: keep-alive\r\n";
    } else if (!http10 && !keepAlive) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    out.append(body, 0, bodyBytes);
    return out;
}

HttpRequest editedCopy(const HttpRequest& request, const FieldEdits& edits, bool keepAlive) {
    auto copy = request;
    // As forwardedHead() does, the client's Connection field is not passed on.
    copy.erase(http::field::connection);
    for (const auto& edit : edits) {
        applyEdit(copy.base(), edit);
    }
    copy.keep_alive(keepAlive);
    copy.prepare_payload();
    return copy;
}

}  // namespace wsl
