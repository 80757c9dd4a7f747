// Internal: writing JSON documents by streaming them into a string, with exactly the bytes
// nlohmann's dump() gives for the same values (indent 2 with a space after the colon, or
// compact), but without building a json value first: a 12-week plan written through
// nlohmann::ordered_json cost about ten times its bytes in allocations (issue 21).
//
//   std::string out;
//   JsonWriter w(out, 2);
//   w.begin_object();
//   w.key("schema_version").value(1);
//   w.key("stop_signals").begin_array(); w.value("chest_pain"); w.end_array();
//   w.end_object();
//
// Strings are escaped as nlohmann escapes them (ensure_ascii off). A string that is not
// valid UTF-8 is handed to nlohmann itself, so both error modes (strict: json::type_error,
// replace: U+FFFD) behave exactly as dump() does. Numbers other than integers go through
// nlohmann's own formatting too, which keeps its shortest round-trip form ("12.0", "0.7").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace rehabplan::detail {

class JsonWriter {
public:
    enum class Utf8Errors { strict, replace };

    // indent < 0: compact (dump(-1)); otherwise that many spaces per level (dump(indent)).
    explicit JsonWriter(std::string& out, int indent = 2, Utf8Errors errors = Utf8Errors::strict)
        : out_(out), indent_(indent), errors_(errors) {}
    // The bytes are gathered in a buffer of the writer's own and reach `out` whenever a
    // top-level value is complete (and at the latest here): read `out` only then.
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }

    // The member name; the next value (or container) is its value.
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& value(double d);
    template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
    JsonWriter& value(I i) {
        if constexpr (std::is_signed_v<I>) return integer(static_cast<std::int64_t>(i));
        else return unsigned_integer(static_cast<std::uint64_t>(i));
    }
    // An array of strings ({"a", "b"}), as nlohmann writes a std::vector<std::string>.
    JsonWriter& value(const std::vector<std::string>& strings);
    // A value already built as nlohmann JSON (both kinds), written at this place and depth.
    JsonWriter& value(const nlohmann::json& j) { return embedded(j.dump(indent_, ' ', false, handler())); }
    JsonWriter& value(const nlohmann::ordered_json& j) {
        return embedded(j.dump(indent_, ' ', false, static_cast<nlohmann::ordered_json::error_handler_t>(handler())));
    }

    // Shorthand for key(k).value(v).
    template <class T>
    JsonWriter& member(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }
    // An optional member: key(k).value(*v) when v holds a value, nothing otherwise.
    template <class T>
    JsonWriter& optional_member(std::string_view k, const std::optional<T>& v) {
        if (v) member(k, *v);
        return *this;
    }

    // A value written a second time without its work (a plan's stored texts repeat from
    // session to session): mark() before writing it (after its key), copy() its bytes once
    // written, again() writes them as the next value. The bytes hold the line breaks of the
    // depth() they were written at: write them again only at that depth.
    std::size_t mark() {
        flush();
        return out_.size();
    }
    std::string copy(std::size_t mark) {
        flush();
        return out_.substr(mark);
    }
    JsonWriter& again(std::string_view bytes) {
        before_value();
        put(bytes.data(), bytes.size());
        return done();
    }
    std::size_t depth() const { return frames_.size(); }

private:
    struct Frame {
        bool empty = true;
    };

    // key() for a name that is long, needs escaping, sits deeper than the ready-made line
    // breaks or does not fit the buffer.
    JsonWriter& long_key(std::string_view k);
    JsonWriter& open(char c);
    JsonWriter& close(char c);
    JsonWriter& integer(std::int64_t i);
    JsonWriter& unsigned_integer(std::uint64_t i);
    // Before a value: the separator and line break an array element needs (a member's value
    // follows its key directly).
    void before_value();
    void separate(bool comma, std::size_t depth);
    void string(std::string_view s);
    JsonWriter& embedded(const std::string& text);
    nlohmann::json::error_handler_t handler() const {
        return errors_ == Utf8Errors::strict ? nlohmann::json::error_handler_t::strict
                                             : nlohmann::json::error_handler_t::replace;
    }

    // Room for n bytes at the end of the buffer (n <= buffer_size): write them, then add
    // them to used_.
    char* room(std::size_t n) {
        if (used_ + n > buffer_size) flush();
        return buf_ + used_;
    }
    void put(char c) {
        *room(1) = c;
        ++used_;
    }
    void put(const char* p, std::size_t n);
    void flush();
    // After a value: a top-level one is complete, so `out` gets the bytes.
    JsonWriter& done() {
        if (frames_.empty()) flush();
        return *this;
    }

    static constexpr std::size_t buffer_size = 4096;
    char buf_[buffer_size];
    std::size_t used_ = 0;
    std::string& out_;
    int indent_;
    Utf8Errors errors_;
    std::vector<Frame> frames_;
    bool after_key_ = false;
};

}  // namespace rehabplan::detail
