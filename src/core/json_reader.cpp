#include "core/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "core/document_limits.hpp"

namespace rehabplan::detail {

void fail(const std::string& path, const std::string& message, ErrorCode code) {
    throw InputError(code, path, message);
}

namespace {

// Nesting depth outside strings. Checked before parsing, so a hostile document
// never reaches the recursive parts of the parser or of json's destructor.
int nesting_depth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        else if (c == ']' || c == '}') --depth;
    }
    return deepest;
}

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string range_text(std::int64_t min, std::int64_t max) {
    return std::to_string(min) + "-" + std::to_string(max);
}

// Text for a message that may quote input bytes (the parser's "last read" token): bytes
// outside a well-formed UTF-8 sequence become "\xNN", so every message is valid UTF-8.
std::string valid_utf8_text(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = utf8_sequence(s, i)) {
            out.append(s, i, n);
            i += n;
        } else {
            const auto c = static_cast<unsigned char>(s[i++]);
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

bool is_identifier(const std::string& s) {
    if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// Tracks where the parser is, to name the first duplicate key with its JSON Pointer.
// JSON allows duplicate keys and most parsers keep the last one silently; in a
// clinical document two different "max_bpm" values are an ambiguity, so they are refused.
class DuplicateKeyFinder {
public:
    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start: frames_.push_back(Frame{false, 0, "", {}}); break;
            case json::parse_event_t::array_start: frames_.push_back(Frame{true, 0, "", {}}); break;
            case json::parse_event_t::key: {
                Frame& f = frames_.back();
                f.key = parsed.get<std::string>();
                if (!f.keys.insert(f.key).second && first_.empty()) first_ = path();
                break;
            }
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                frames_.pop_back();
                element_done();
                break;
            case json::parse_event_t::value: element_done(); break;
        }
        return true;
    }
    const std::string& first_duplicate() const { return first_; }

private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
        std::set<std::string> keys;
    };
    void element_done() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    }
    std::string path() const {
        std::string p;
        for (const Frame& f : frames_) p += "/" + (f.array ? std::to_string(f.index) : escape_pointer_token(f.key));
        return p;
    }
    std::vector<Frame> frames_;
    std::string first_;
};

}  // namespace

json parse_document(std::string_view text) {
    if (text.size() > max_document_bytes)
        fail("", "document is " + std::to_string(text.size()) + " bytes; expected at most " +
                     std::to_string(max_document_bytes), ErrorCode::parse_error);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        fail("", "empty document; expected a JSON object", ErrorCode::parse_error);
    // nlohmann's lexer takes a NUL byte for the end of the input: without this check,
    // "{...}\0anything" would parse as "{...}".
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        fail("", "NUL byte at offset " + std::to_string(nul) + "; a document is text without NUL bytes",
             ErrorCode::parse_error);
    if (int d = nesting_depth(text); d > max_document_depth)
        fail("", "JSON nested " + std::to_string(d) + " levels deep; expected at most " +
                     std::to_string(max_document_depth), ErrorCode::parse_error);
    try {
        DuplicateKeyFinder finder;
        json doc = json::parse(text.begin(), text.end(), std::ref(finder));
        if (!finder.first_duplicate().empty())
            fail(finder.first_duplicate(), "duplicate field; each field may appear only once");
        if (!doc.is_object()) fail("", "expected a JSON object at the top level, got " + type_name(doc));
        return doc;
    } catch (const json::exception& e) {
        fail("", "not valid JSON: " + valid_utf8_text(e.what()), ErrorCode::parse_error);
    }
}

std::string child_path(const std::string& parent, std::string_view key) {
    return parent + "/" + escape_pointer_token(key);
}
std::string child_path(const std::string& parent, std::size_t index) {
    return parent + "/" + std::to_string(index);
}

std::string type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        default: return "value";
    }
}

std::string describe_value(const json& v) {
    if (v.is_array() || v.is_object()) return type_name(v);
    std::string s = v.dump();
    // Shortened by characters: cutting bytes could split a UTF-8 sequence.
    if (utf8_length(s) > 40) s = utf8_prefix(s, 37) + "...";
    return type_name(v) + " " + s;
}

std::int64_t as_integer(const json& v, const std::string& path, std::int64_t min, std::int64_t max) {
    const std::string want = "an integer " + range_text(min, max);
    if (v.is_number_integer()) {
        // Unsigned values beyond int64 are out of every range we accept.
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
            fail(path, "expected " + want + ", got " + describe_value(v));
        std::int64_t n = v.get<std::int64_t>();
        if (n < min || n > max) fail(path, "expected " + want + ", got " + std::to_string(n));
        return n;
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        // Range first, on the double: converting 1e300 to an integer is undefined.
        if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
            d > static_cast<double>(max))
            fail(path, "expected " + want + ", got " + describe_value(v));
        return static_cast<std::int64_t>(d);
    }
    fail(path, "expected " + want + ", got " + describe_value(v));
}

std::string as_string(const json& v, const std::string& path, std::size_t max_len) {
    if (!v.is_string()) fail(path, "expected a string, got " + describe_value(v));
    const auto& s = v.get_ref<const std::string&>();
    // Characters as JSON Schema's maxLength counts them (code points), not UTF-8 bytes.
    if (const std::size_t n = utf8_length(s); n > max_len)
        fail(path, "expected a string of at most " + std::to_string(max_len) + " characters, got " + std::to_string(n));
    return s;
}

std::string as_enum(const json& v, const std::string& path, Names allowed) {
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        for (const char* a : allowed)
            if (s == a) return s;
    }
    fail(path, "expected one of " + list + ", got " + describe_value(v));
}

std::string as_identifier(const json& v, const std::string& path) {
    std::string s = as_string(v, path, 64);
    if (!is_identifier(s))
        fail(path, "expected an identifier (lower-case letters, digits, _), got \"" + s + "\"");
    return s;
}

Date as_date(const json& v, const std::string& path) {
    if (!v.is_string()) fail(path, "expected a date YYYY-MM-DD, got " + describe_value(v));
    auto d = Date::parse(v.get_ref<const std::string&>());
    if (!d) fail(path, "expected an existing date YYYY-MM-DD (1900-2199), got " + describe_value(v));
    return *d;
}

void require_object(const json& v, const std::string& path) {
    if (!v.is_object()) fail(path, "expected an object, got " + describe_value(v));
}

void require_unique_strings(const json& array, const std::string& path) {
    for (std::size_t i = 0; i < array.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (array[i] == array[j])
                fail(child_path(path, i), "duplicate item " + describe_value(array[i]) + "; items must be unique");
}

ObjectReader::ObjectReader(const json& value, std::string path) : value_(value), path_(std::move(path)) {
    require_object(value_, path_);
}

bool ObjectReader::has(const char* key) const { return value_.contains(key); }

const json* ObjectReader::get(const char* key) {
    known_.emplace_back(key);
    auto it = value_.find(key);
    return it == value_.end() ? nullptr : &*it;
}

namespace {
const json* require(const json* v, const std::string& parent, const char* key, bool required,
                    const std::string& what) {
    if (!v && required) fail(child_path(parent, key), "missing required field; expected " + what);
    return v;
}
}  // namespace

std::optional<std::int64_t> ObjectReader::integer(const char* key, std::int64_t min, std::int64_t max, bool required) {
    const json* v = require(get(key), path_, key, required, "an integer " + range_text(min, max));
    if (!v) return std::nullopt;
    return as_integer(*v, child_path(path_, key), min, max);
}

std::optional<bool> ObjectReader::boolean(const char* key, bool required) {
    const json* v = require(get(key), path_, key, required, "true or false");
    if (!v) return std::nullopt;
    if (!v->is_boolean()) fail(child_path(path_, key), "expected true or false, got " + describe_value(*v));
    return v->get<bool>();
}

std::optional<std::string> ObjectReader::string(const char* key, bool required, std::size_t max_len) {
    const json* v = require(get(key), path_, key, required, "a string");
    if (!v) return std::nullopt;
    return as_string(*v, child_path(path_, key), max_len);
}

std::optional<std::string> ObjectReader::enumeration(const char* key, Names allowed,
                                                     bool required) {
    const json* v = require(get(key), path_, key, required, "a string");
    if (!v) return std::nullopt;
    return as_enum(*v, child_path(path_, key), allowed);
}

std::optional<std::string> ObjectReader::identifier(const char* key, bool required) {
    const json* v = require(get(key), path_, key, required, "an identifier");
    if (!v) return std::nullopt;
    return as_identifier(*v, child_path(path_, key));
}

std::optional<Date> ObjectReader::date(const char* key, bool required) {
    const json* v = require(get(key), path_, key, required, "a date YYYY-MM-DD");
    if (!v) return std::nullopt;
    return as_date(*v, child_path(path_, key));
}

const json* ObjectReader::array(const char* key, std::size_t min_items, std::size_t max_items, bool required) {
    const json* v = require(get(key), path_, key, required, "an array");
    if (!v) return nullptr;
    const std::string p = child_path(path_, key);
    if (!v->is_array()) fail(p, "expected an array, got " + describe_value(*v));
    if (v->size() < min_items || v->size() > max_items)
        fail(p, "expected an array of " + std::to_string(min_items) + "-" + std::to_string(max_items) +
                    " items, got " + std::to_string(v->size()));
    return v;
}

const json* ObjectReader::object(const char* key, bool required) {
    const json* v = require(get(key), path_, key, required, "an object");
    if (!v) return nullptr;
    require_object(*v, child_path(path_, key));
    return v;
}

void ObjectReader::forbid(const char* key, const std::string& why) {
    known_.emplace_back(key);
    if (value_.contains(key)) fail(child_path(path_, key), "field not allowed here: " + why);
}

void ObjectReader::finish() {
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        if (std::find(known_.begin(), known_.end(), it.key()) == known_.end()) {
            std::string expected;
            for (std::size_t i = 0; i < known_.size(); ++i)
                if (std::find(known_.begin(), known_.begin() + static_cast<std::ptrdiff_t>(i), known_[i]) ==
                    known_.begin() + static_cast<std::ptrdiff_t>(i))
                    expected += (expected.empty() ? "" : ", ") + known_[i];
            fail(child_path(path_, it.key()), "unknown field \"" + it.key() + "\"; expected one of: " + expected);
        }
    }
}

Text as_text(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Text t;
    t.en = *r.string("en", true, 2000);
    t.nl = *r.string("nl", true, 2000);
    r.finish();
    return t;
}

}  // namespace rehabplan::detail
