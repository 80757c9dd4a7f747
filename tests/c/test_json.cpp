// The C tests' JSON helper (test_json.h): nlohmann::json behind a C interface. ordered_json
// keeps member order, so test_json_minified() gives the document's own order.
#include "test_json.h"

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using json = nlohmann::ordered_json;

std::optional<json> parse(const char* text, std::size_t n) {
    if (text == nullptr) return std::nullopt;
    try {
        return json::parse(text, text + n);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The value at the pointer, or nullptr (not JSON, bad pointer, names nothing).
const json* at(const std::optional<json>& doc, const char* pointer) {
    if (!doc || pointer == nullptr) return nullptr;
    try {
        const json::json_pointer p(pointer);
        if (!doc->contains(p)) return nullptr;
        return &(*doc)[p];
    } catch (const std::exception&) {
        return nullptr;
    }
}

char* copy(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out == nullptr) std::abort();
    std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

}  // namespace

extern "C" {

int test_json_is_valid(const char* text, std::size_t n) { return parse(text, n) ? 1 : 0; }

char* test_json_get(const char* text, std::size_t n, const char* pointer) {
    const auto doc = parse(text, n);
    const json* v = at(doc, pointer);
    if (v == nullptr) return nullptr;
    return copy(v->is_string() ? v->get<std::string>() : v->dump());
}

const char* test_json_type(const char* text, std::size_t n, const char* pointer) {
    const auto doc = parse(text, n);
    if (!doc) return "invalid";
    const json* v = at(doc, pointer);
    if (v == nullptr) return "missing";
    if (v->is_null()) return "null";
    if (v->is_boolean()) return "boolean";
    if (v->is_number()) return "number";
    if (v->is_string()) return "string";
    if (v->is_array()) return "array";
    return "object";
}

long test_json_long(const char* text, std::size_t n, const char* pointer, long fallback) {
    const auto doc = parse(text, n);
    const json* v = at(doc, pointer);
    if (v == nullptr || !v->is_number_integer()) return fallback;
    return v->get<long>();
}

long test_json_size(const char* text, std::size_t n, const char* pointer) {
    const auto doc = parse(text, n);
    const json* v = at(doc, pointer);
    if (v == nullptr || !(v->is_object() || v->is_array())) return -1;
    return static_cast<long>(v->size());
}

int test_json_has(const char* text, std::size_t n, const char* pointer) {
    const auto doc = parse(text, n);
    return at(doc, pointer) != nullptr ? 1 : 0;
}

char* test_json_minified(const char* text, std::size_t n) {
    std::string m;
    m.reserve(n);
    bool in_string = false;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (in_string) {
            m += c;
            if (c == '\\' && i + 1 < n) {
                m += text[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            m += c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            m += c;
        }
    }
    char* out = static_cast<char*>(std::malloc(m.size() + 1));
    if (out == nullptr) return nullptr;
    std::memcpy(out, m.c_str(), m.size() + 1);
    return out;
}

}  // extern "C"
