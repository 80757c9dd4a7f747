// Internal: reading JSON documents defensively. Every getter checks presence, type
// and range before converting, and throws InputError with the JSON Pointer of the
// field; the public parse_* functions turn that into a Result.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/json_value.hpp"
#include "core/utf8.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"

namespace rehabplan::detail {

using json = JsonValue;

struct InputError : std::runtime_error {
    InputError(ErrorCode c, std::string p, const std::string& msg)
        : std::runtime_error(msg), code(c), path(std::move(p)) {}
    ErrorCode code;
    std::string path;
};

[[noreturn]] void fail(const std::string& path, const std::string& message,
                       ErrorCode code = ErrorCode::schema_error);

// Size, depth and syntax checks, then nlohmann's (SAX) parser. Throws InputError(parse_error).
JsonDocument parse_document(std::string_view text);

std::string child_path(const std::string& parent, std::string_view key);
std::string child_path(const std::string& parent, std::size_t index);

// Where a value is, as a JSON Pointer made only when an error names it: a full path, a
// parent's path and a member name, or a chain of members and elements below another
// PathRef (child(), element()). Readers pass it down instead of building the string for
// every field they read.
class PathRef {
public:
    PathRef(const std::string& path) : base_(path) {}  // NOLINT: a full path converts
    PathRef(const char* path) : base_(path) {}         // NOLINT: so does a literal one
    PathRef(const std::string& parent, std::string_view key) : base_(parent), key_(key), kind_(Kind::key) {}
    // A member or an element below this place: the result refers to *this, so it must not
    // outlive it (pass it down as an argument, or keep it beside *this).
    PathRef child(std::string_view key) const { return PathRef(this, key, 0, Kind::key); }
    PathRef element(std::size_t index) const { return PathRef(this, {}, index, Kind::index); }
    std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }
    void append_to(std::string& out) const;

private:
    enum class Kind : unsigned char { none, key, index };
    PathRef(const PathRef* up, std::string_view key, std::size_t index, Kind kind)
        : up_(up), key_(key), index_(index), kind_(kind) {}
    const PathRef* up_ = nullptr;  // outlives this PathRef, as do the views
    std::string_view base_;        // the full path above key_/index_ when up_ is null
    std::string_view key_;
    std::size_t index_ = 0;
    Kind kind_ = Kind::none;
};
std::string type_name(const json& v);
std::string describe_value(const json& v);  // short, for messages
std::string describe_value(std::string_view s);  // a string value's description

// Reads one JSON object; reports unknown fields in finish().
class ObjectReader {
public:
    ObjectReader(const json& value, std::string path);
    ObjectReader(const json& value, const char* path) : ObjectReader(value, std::string(path)) {}
    // The path made only when needed: `where` outlives the reader.
    ObjectReader(const json& value, const PathRef& where);

    const std::string& path() const;
    // This object's place, for the places of its members.
    PathRef where() const { return where_ ? *where_ : PathRef(path_); }
    bool has(std::string_view key) const;
    const json* get(std::string_view key);  // marks the key as known; nullptr if absent

    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max, bool required);
    std::optional<bool> boolean(std::string_view key, bool required);
    std::optional<std::string> string(std::string_view key, bool required, std::size_t max_len = 10000);
    // The same checks, the text left in the document (valid while it lives): no copy made.
    std::optional<std::string_view> view(std::string_view key, bool required, std::size_t max_len = 10000);
    std::optional<std::string> enumeration(std::string_view key, Names allowed, bool required);
    std::optional<std::string> enumeration(std::string_view key, std::initializer_list<const char*> allowed, bool required) {
        return enumeration(key, Names(allowed.begin(), allowed.size()), required);
    }
    // The position of the member's value in `allowed`: an enum read without making a string.
    std::optional<std::size_t> enumeration_index(std::string_view key, Names allowed, bool required);
    std::optional<std::string> identifier(std::string_view key, bool required);  // ^[a-z][a-z0-9_]{0,63}$
    std::optional<Date> date(std::string_view key, bool required);
    // Array presence/type/length; returns the array or nullptr when absent and optional.
    const json* array(std::string_view key, std::size_t min_items, std::size_t max_items, bool required);
    const json* object(std::string_view key, bool required);
    void forbid(std::string_view key, std::string_view why);  // key must be absent

    void finish();  // unknown-field check; call after all getters

private:
    void know(std::string_view key) {
        if (key_count_ < inline_keys) keys_[key_count_++] = Key{key.data(), key.size()};
        else more_keys_.push_back(key);
    }
    [[noreturn]] void unknown_field(std::string_view name) const;

    const json& value_;
    const PathRef* where_ = nullptr;  // the lazy path, or null when path_ holds it
    mutable std::string path_;
    // The getters' keys (string literals) in call order, for the message naming them: the
    // first few inline, so reading an object allocates nothing.
    static constexpr std::size_t inline_keys = 24;
    struct Key {  // trivial, so the array costs nothing until used
        const char* data;
        std::size_t size;
    };
    Key keys_[inline_keys];
    std::size_t key_count_ = 0;
    std::vector<std::string_view> more_keys_;
    std::uint64_t found_ = 0;  // which members (by position, the first 64) a getter found
    std::size_t next_ = 0;     // after the member found last: where the next lookup starts
};

// Element readers for arrays (path is the element's path).
std::int64_t as_integer(const json& v, const PathRef& path, std::int64_t min, std::int64_t max);
std::string as_string(const json& v, const PathRef& path, std::size_t max_len = 10000);
std::string as_enum(const json& v, const PathRef& path, Names allowed);
template <class V>  // V: a value or a member's name
std::string as_enum(const V& v, const PathRef& path, std::initializer_list<const char*> allowed) {
    return as_enum(v, path, Names(allowed.begin(), allowed.size()));
}
std::string as_identifier(const json& v, const PathRef& path);
// The same checks on a text that is not a value, such as a member's name.
std::string as_enum(std::string_view s, const PathRef& path, Names allowed);
std::size_t as_enum_index(std::string_view s, const PathRef& path, Names allowed);
std::string as_identifier(std::string_view s, const PathRef& path);
Date as_date(const json& v, const PathRef& path);
void require_object(const json& v, const PathRef& path);
// {"en": ..., "nl": ...}, both required, at most 2000 characters each.
Text as_text(const json& v, const PathRef& path);
void require_unique_strings(const json& array, const std::string& path);

// The enum value named by member `key` (or the array element `v`), from the enum's one
// name table (core/enum_names.hpp).
template <class E>
std::optional<E> read_enum(ObjectReader& r, std::string_view key, bool required) {
    const std::optional<std::size_t> i = r.enumeration_index(key, enum_names<E>(), required);
    if (!i) return std::nullopt;
    return static_cast<E>(*i);  // the table is in the enum's order
}
template <class E, class V>
E as_enum_value(const V& v, const PathRef& path) {  // V: a value or a member's name
    return *parse_enum<E>(as_enum(v, path, enum_names<E>()));
}

// Runs fn and converts InputError (and anything else) into an Error.
template <class T, class Fn>
Result<T> guarded(Fn&& fn) {
    try {
        return fn();
    } catch (const InputError& e) {
        return Error{e.code, e.path, e.what()};
    } catch (const std::bad_alloc&) {
        throw;  // not an error in the input: the caller reports it (the C API as REHABPLAN_OUT_OF_MEMORY)
    } catch (const std::exception& e) {
        return Error{ErrorCode::internal, "", std::string("internal error: ") + e.what()};
    }
}

}  // namespace rehabplan::detail
