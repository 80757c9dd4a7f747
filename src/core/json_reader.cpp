#include "core/json_reader.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cmath>

#include "core/document_limits.hpp"
#include "core/json_writer.hpp"

namespace rehabplan::detail {

void fail(const std::string& path, const std::string& message, ErrorCode code) {
    throw InputError(code, path, message);
}

namespace {

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

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    // A table, not three range tests: a plan has thousands of identifiers.
    static constexpr auto word = [] {
        std::array<bool, 256> t{};
        for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
        for (int c = '0'; c <= '9'; ++c) t[c] = true;
        t['_'] = true;
        return t;
    }();
    return std::all_of(s.begin(), s.end(), [](char c) { return word[static_cast<unsigned char>(c)]; });
}

}  // namespace

JsonDocument parse_document(std::string_view text) {
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
    // Duplicate names are refused: JSON allows them and most parsers keep the last one
    // silently, but in a clinical document two different "max_bpm" values are an ambiguity.
    ParsedJson parsed = parse_json(text, max_document_depth);
    if (parsed.depth > max_document_depth)
        fail("", "JSON nested " + std::to_string(parsed.depth) + " levels deep; expected at most " +
                     std::to_string(max_document_depth), ErrorCode::parse_error);
    if (!parsed.storage) fail("", "not valid JSON: " + valid_utf8_text(parsed.error), ErrorCode::parse_error);
    if (!parsed.duplicate.empty()) fail(parsed.duplicate, "duplicate field; each field may appear only once");
    JsonDocument doc(std::move(parsed.storage));
    if (!doc.root().is_object()) fail("", "expected a JSON object at the top level, got " + type_name(doc));
    return doc;
}

void PathRef::append_to(std::string& out) const {
    if (up_) up_->append_to(out);
    else out.append(base_);
    if (kind_ == Kind::key) {
        out += '/';
        out += escape_pointer_token(key_);
    } else if (kind_ == Kind::index) {
        out += '/';
        out += std::to_string(index_);
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
        case json::Type::null: return "null";
        case json::Type::boolean: return "boolean";
        case json::Type::string: return "string";
        case json::Type::array: return "array";
        case json::Type::object: return "object";
        case json::Type::integer:
        case json::Type::unsigned_integer: return "integer";
        case json::Type::floating: return "number";
    }
    return "value";
}

namespace {
std::string shortened(std::string s) {
    // Shortened by characters: cutting bytes could split a UTF-8 sequence.
    if (utf8_length(s) > 40) s = utf8_prefix(s, 37) + "...";
    return s;
}
}  // namespace

std::string describe_value(const json& v) {
    if (v.is_array() || v.is_object()) return type_name(v);
    return type_name(v) + " " + shortened(v.dump());
}

std::string describe_value(std::string_view s) {
    std::string text;
    JsonWriter(text, -1).value(s);
    return "string " + shortened(std::move(text));
}

std::int64_t as_integer(const json& v, const PathRef& path, std::int64_t min, std::int64_t max) {
    // The message is made only on failure: reading a plan checks thousands of integers.
    const auto wrong = [&](const std::string& got) {
        fail(path.str(), "expected an integer " + range_text(min, max) + ", got " + got);
    };
    if (v.is_number_integer()) {
        // Unsigned values beyond int64 are out of every range we accept.
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) wrong(describe_value(v));
        std::int64_t n = v.get<std::int64_t>();
        if (n < min || n > max) wrong(std::to_string(n));
        return n;
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        // Range first, on the double: converting 1e300 to an integer is undefined.
        if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
            d > static_cast<double>(max))
            wrong(describe_value(v));
        return static_cast<std::int64_t>(d);
    }
    wrong(describe_value(v));
    return 0;  // not reached: wrong() throws
}

namespace {
// A text's length checked as JSON Schema's maxLength counts characters (code points), not
// UTF-8 bytes.
void check_length(std::string_view s, const PathRef& path, std::size_t max_len) {
    if (s.size() > max_len)  // a character is at least one byte: short strings need no count
        if (const std::size_t n = utf8_length(s); n > max_len)
            fail(path.str(), "expected a string of at most " + std::to_string(max_len) + " characters, got " +
                                 std::to_string(n));
}

// The text of a string value, its length checked.
std::string_view string_view_of(const json& v, const PathRef& path, std::size_t max_len) {
    if (!v.is_string()) fail(path.str(), "expected a string, got " + describe_value(v));
    check_length(v.str(), path, max_len);
    return v.str();
}
}  // namespace

std::string as_string(const json& v, const PathRef& path, std::size_t max_len) {
    return std::string(string_view_of(v, path, max_len));
}

namespace {
[[noreturn]] void not_one_of(const PathRef& path, Names allowed, const std::string& got) {
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(path.str(), "expected one of " + list + ", got " + got);
}
}  // namespace

std::string as_enum(const json& v, const PathRef& path, Names allowed) {
    if (v.is_string()) return as_enum(v.str(), path, allowed);
    not_one_of(path, allowed, describe_value(v));
}

std::string as_enum(std::string_view s, const PathRef& path, Names allowed) {
    return std::string(allowed.begin()[as_enum_index(s, path, allowed)]);
}

std::size_t as_enum_index(std::string_view s, const PathRef& path, Names allowed) {
    for (std::size_t i = 0; i < allowed.size(); ++i)
        if (s == allowed.begin()[i]) return i;
    not_one_of(path, allowed, describe_value(s));
}

std::string as_identifier(const json& v, const PathRef& path) { return as_identifier(string_view_of(v, path, 64), path); }

std::string as_identifier(std::string_view s, const PathRef& path) {
    check_length(s, path, 64);
    if (!is_identifier(s))
        fail(path.str(), "expected an identifier (lower-case letters, digits, _), got \"" + std::string(s) + "\"");
    return std::string(s);
}

Date as_date(const json& v, const PathRef& path) {
    if (!v.is_string()) fail(path.str(), "expected a date YYYY-MM-DD, got " + describe_value(v));
    auto d = Date::parse(std::string(v.str()));
    if (!d) fail(path.str(), "expected an existing date YYYY-MM-DD (1900-2199), got " + describe_value(v));
    return *d;
}

void require_object(const json& v, const PathRef& path) {
    if (!v.is_object()) fail(path.str(), "expected an object, got " + describe_value(v));
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

ObjectReader::ObjectReader(const json& value, const PathRef& where) : value_(value), where_(&where) {
    require_object(value_, where);
}

const std::string& ObjectReader::path() const {
    if (where_ && path_.empty()) path_ = where_->str();  // "" (the root) is made again each time: nothing to make
    return path_;
}

bool ObjectReader::has(std::string_view key) const {
    std::size_t at = 0;
    return value_.find_member(key, at, next_) != nullptr;
}

const json* ObjectReader::get(std::string_view key) {
    know(key);
    std::size_t at = 0;
    const json* v = value_.find_member(key, at, next_);
    if (v) {
        if (at < 64) found_ |= std::uint64_t{1} << at;
        next_ = at + 1;
    }
    return v;
}

namespace {
// The member, or nullptr when it is absent and optional; `what` names the expected value
// for the message when a required one is missing (a function: made only then).
template <class What>
const json* require(const json* v, const PathRef& where, std::string_view key, bool required, What&& what) {
    if (!v && required) fail(where.child(key).str(), "missing required field; expected " + std::string(what()));
    return v;
}
const char* a_string() { return "a string"; }
}  // namespace

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, std::int64_t min, std::int64_t max, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [&] { return "an integer " + range_text(min, max); });
    if (!v) return std::nullopt;
    return as_integer(*v, here.child(key), min, max);
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [] { return "true or false"; });
    if (!v) return std::nullopt;
    if (!v->is_boolean()) fail(here.child(key).str(), "expected true or false, got " + describe_value(*v));
    return v->get<bool>();
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required, std::size_t max_len) {
    const std::optional<std::string_view> s = view(key, required, max_len);
    if (!s) return std::nullopt;
    return std::string(*s);
}

std::optional<std::string_view> ObjectReader::view(std::string_view key, bool required, std::size_t max_len) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, a_string);
    if (!v) return std::nullopt;
    return string_view_of(*v, here.child(key), max_len);
}

std::optional<std::string> ObjectReader::enumeration(std::string_view key, Names allowed, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, a_string);
    if (!v) return std::nullopt;
    return as_enum(*v, here.child(key), allowed);
}

std::optional<std::size_t> ObjectReader::enumeration_index(std::string_view key, Names allowed, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, a_string);
    if (!v) return std::nullopt;
    if (!v->is_string()) not_one_of(here.child(key), allowed, describe_value(*v));
    return as_enum_index(v->str(), here.child(key), allowed);
}

std::optional<std::string> ObjectReader::identifier(std::string_view key, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [] { return "an identifier"; });
    if (!v) return std::nullopt;
    return as_identifier(*v, here.child(key));
}

std::optional<Date> ObjectReader::date(std::string_view key, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [] { return "a date YYYY-MM-DD"; });
    if (!v) return std::nullopt;
    return as_date(*v, here.child(key));
}

const json* ObjectReader::array(std::string_view key, std::size_t min_items, std::size_t max_items, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [] { return "an array"; });
    if (!v) return nullptr;
    if (!v->is_array()) fail(here.child(key).str(), "expected an array, got " + describe_value(*v));
    if (v->size() < min_items || v->size() > max_items)
        fail(here.child(key).str(), "expected an array of " + std::to_string(min_items) + "-" +
                                        std::to_string(max_items) + " items, got " + std::to_string(v->size()));
    return v;
}

const json* ObjectReader::object(std::string_view key, bool required) {
    const PathRef here = where();
    const json* v = require(get(key), here, key, required, [] { return "an object"; });
    if (!v) return nullptr;
    require_object(*v, here.child(key));
    return v;
}

void ObjectReader::forbid(std::string_view key, std::string_view why) {
    know(key);
    std::size_t at = 0;
    if (value_.find_member(key, at, next_)) fail(where().child(key).str(), "field not allowed here: " + std::string(why));
}

void ObjectReader::finish() {
    // Every member found by a getter: nothing unknown, and no name compared.
    const std::size_t n = value_.size();
    if (n <= 64 && std::bitset<64>(found_).count() == n) return;
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        const std::string_view name = it.key_view();
        const auto known = [&](std::string_view k) { return k == name; };
        const auto known_inline = [&](const Key& k) { return known(std::string_view(k.data, k.size)); };
        if (std::none_of(keys_, keys_ + key_count_, known_inline) && std::none_of(more_keys_.begin(), more_keys_.end(), known))
            unknown_field(name);
    }
}

void ObjectReader::unknown_field(std::string_view name) const {
    std::vector<std::string_view> known;
    for (std::size_t i = 0; i < key_count_; ++i) known.emplace_back(keys_[i].data, keys_[i].size);
    known.insert(known.end(), more_keys_.begin(), more_keys_.end());
    std::string expected;
    for (std::size_t i = 0; i < known.size(); ++i)
        if (std::find(known.begin(), known.begin() + static_cast<std::ptrdiff_t>(i), known[i]) ==
            known.begin() + static_cast<std::ptrdiff_t>(i))
            (expected += expected.empty() ? "" : ", ") += known[i];
    fail(where().child(name).str(), "unknown field \"" + std::string(name) + "\"; expected one of: " + expected);
}

Text as_text(const json& v, const PathRef& path) {
    ObjectReader r(v, path);
    Text t;
    t.en = *r.string("en", true, 2000);
    t.nl = *r.string("nl", true, 2000);
    r.finish();
    return t;
}

}  // namespace rehabplan::detail
