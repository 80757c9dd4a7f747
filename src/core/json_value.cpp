#include "core/json_value.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "core/json_writer.hpp"

namespace rehabplan::detail {

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

template <>
bool JsonValue::get<bool>() const {
    return type_ == Type::boolean && payload_.boolean;
}

// Numbers convert as nlohmann's get<>() converts them (a plain cast): callers check the
// range on the value's own kind first.
template <>
std::int64_t JsonValue::get<std::int64_t>() const {
    switch (type_) {
        case Type::integer: return payload_.integer;
        case Type::unsigned_integer: return static_cast<std::int64_t>(payload_.unsigned_integer);
        case Type::floating: return static_cast<std::int64_t>(payload_.floating);
        case Type::boolean: return payload_.boolean ? 1 : 0;
        default: return 0;
    }
}

template <>
std::uint64_t JsonValue::get<std::uint64_t>() const {
    switch (type_) {
        case Type::integer: return static_cast<std::uint64_t>(payload_.integer);
        case Type::unsigned_integer: return payload_.unsigned_integer;
        case Type::floating: return static_cast<std::uint64_t>(payload_.floating);
        case Type::boolean: return payload_.boolean ? 1 : 0;
        default: return 0;
    }
}

template <>
double JsonValue::get<double>() const {
    switch (type_) {
        case Type::integer: return static_cast<double>(payload_.integer);
        case Type::unsigned_integer: return static_cast<double>(payload_.unsigned_integer);
        case Type::floating: return payload_.floating;
        case Type::boolean: return payload_.boolean ? 1.0 : 0.0;
        default: return 0.0;
    }
}

template <>
std::string JsonValue::get<std::string>() const {
    return std::string(str());
}

std::string_view JsonValue::str() const {
    if (type_ != Type::string) return {};
    return std::string_view(store_->strings.data() + payload_.span.offset, payload_.span.length);
}

std::size_t JsonValue::size() const {
    switch (type_) {
        case Type::null: return 0;
        case Type::array:
        case Type::object: return payload_.span.length;
        default: return 1;
    }
}

const std::uint32_t* JsonValue::first_child() const {
    if (type_ != Type::array && type_ != Type::object) return nullptr;
    return store_->children.data() + payload_.span.offset;
}

const JsonValue& JsonValue::operator[](std::size_t index) const { return store_->values[first_child()[index]]; }

const JsonValue& JsonValue::const_iterator::value() const { return store_->values[*at_]; }

std::string_view JsonValue::const_iterator::key_view() const { return value().member_name(); }

JsonValue::const_iterator JsonValue::begin() const { return const_iterator(store_, first_child()); }

JsonValue::const_iterator JsonValue::end() const {
    const std::uint32_t* first = first_child();
    return const_iterator(store_, first == nullptr ? nullptr : first + payload_.span.length);
}

JsonValue::const_iterator JsonValue::find(std::string_view key) const {
    std::size_t position = 0;
    if (!find_member(key, position)) return end();
    return const_iterator(store_, first_child() + position);
}

const JsonValue* JsonValue::find_member(std::string_view key, std::size_t& position) const {
    if (type_ != Type::object) return nullptr;
    const std::uint32_t* first = first_child();
    const std::uint32_t* last = first + payload_.span.length;
    const JsonStorage& s = *store_;
    if (payload_.span.length <= 16) {
        // The objects of plans and patients are small: a scan that compares lengths and
        // first bytes first beats a binary search's string comparisons.
        const char* names = s.strings.data();
        for (const std::uint32_t* at = first; at != last; ++at) {
            const JsonValue& v = s.values[*at];
            if (v.key_length_ != key.size()) continue;
            if (!key.empty() && (names[v.key_offset_] != key[0] || std::memcmp(names + v.key_offset_, key.data(), key.size()) != 0))
                continue;
            position = static_cast<std::size_t>(at - first);
            return &v;
        }
        return nullptr;
    }
    const std::uint32_t* at =
        std::lower_bound(first, last, key, [&](std::uint32_t i, std::string_view k) { return s.values[i].member_name() < k; });
    if (at == last || s.values[*at].member_name() != key) return nullptr;
    position = static_cast<std::size_t>(at - first);
    return &s.values[*at];
}

namespace {

void write(JsonWriter& w, const JsonValue& v) {
    switch (v.type()) {
        case JsonValue::Type::null: w.null(); break;
        case JsonValue::Type::boolean: w.value(v.get<bool>()); break;
        case JsonValue::Type::integer: w.value(v.get<std::int64_t>()); break;
        case JsonValue::Type::unsigned_integer: w.value(v.get<std::uint64_t>()); break;
        case JsonValue::Type::floating: w.value(v.get<double>()); break;
        case JsonValue::Type::string: w.value(v.str()); break;
        case JsonValue::Type::array:
            w.begin_array();
            for (const JsonValue& e : v) write(w, e);
            w.end_array();
            break;
        case JsonValue::Type::object:
            w.begin_object();
            for (auto it = v.begin(); it != v.end(); ++it) {
                w.key(it.key_view());
                write(w, it.value());
            }
            w.end_object();
            break;
    }
}

}  // namespace

std::string JsonValue::dump() const {
    std::string out;
    JsonWriter w(out, -1);
    write(w, *this);
    return out;
}

bool operator==(const JsonValue& a, const JsonValue& b) {
    using T = JsonValue::Type;
    if (a.is_number() && b.is_number() && a.type() != b.type()) {
        // nlohmann compares mixed kinds through a cast to the other's kind.
        if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
        return a.get<std::int64_t>() == b.get<std::int64_t>();
    }
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case T::null: return true;
        case T::boolean: return a.get<bool>() == b.get<bool>();
        case T::integer: return a.get<std::int64_t>() == b.get<std::int64_t>();
        case T::unsigned_integer: return a.get<std::uint64_t>() == b.get<std::uint64_t>();
        case T::floating: return a.get<double>() == b.get<double>();
        case T::string: return a.str() == b.str();
        case T::array:
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (a[i] != b[i]) return false;
            return true;
        case T::object: {
            if (a.size() != b.size()) return false;
            for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
                if (i.key_view() != j.key_view() || i.value() != j.value()) return false;
            return true;
        }
    }
    return false;
}

std::string_view JsonValue::member_name() const {
    return std::string_view(store_->strings.data() + key_offset_, key_length_);
}

// nlohmann's SAX interface, filling a JsonStorage. Repeated member names are found in one
// of two ways: `exact`, each name checked as it arrives, so the first duplicate is the first
// in document order; or cheaply, adjacent names compared once an object's members are
// sorted, which only tells that there is one (the text is then built again exactly).
struct JsonBuilder {
    using json = nlohmann::json;

    JsonBuilder(JsonStorage& storage, bool exact_duplicates) : s(storage), exact(exact_duplicates) {}

    bool null() { return add(JsonValue::Type::null), true; }
    bool boolean(bool b) {
        s.values[add(JsonValue::Type::boolean)].payload_.boolean = b;
        return true;
    }
    bool number_integer(json::number_integer_t i) {
        s.values[add(JsonValue::Type::integer)].payload_.integer = i;
        return true;
    }
    bool number_unsigned(json::number_unsigned_t u) {
        s.values[add(JsonValue::Type::unsigned_integer)].payload_.unsigned_integer = u;
        return true;
    }
    bool number_float(json::number_float_t d, const json::string_t& /*text*/) { return number_float_value(d); }
    bool number_float_value(double d) {
        s.values[add(JsonValue::Type::floating)].payload_.floating = d;
        return true;
    }
    bool string(json::string_t& text) { return string_value(text); }
    bool string_value(std::string_view text) {
        const std::uint32_t offset = intern(text);
        JsonValue& v = s.values[add(JsonValue::Type::string)];
        v.payload_.span = {offset, static_cast<std::uint32_t>(text.size())};
        return true;
    }
    bool binary(json::binary_t& /*b*/) { return false; }  // not produced by the JSON format
    bool start_object(std::size_t /*elements*/) { return open(JsonValue::Type::object); }
    bool start_array(std::size_t /*elements*/) { return open(JsonValue::Type::array); }
    bool key(json::string_t& name) { return member_name(name); }
    bool member_name(std::string_view name) {
        key_offset = intern(name);
        key_length = static_cast<std::uint32_t>(name.size());
        if (!exact) return true;
        const std::string_view k(s.strings.data() + key_offset, key_length);
        Frame& f = frames[depth - 1];
        if (f.kids.size() < 16) {
            for (const std::uint32_t kid : f.kids)
                if (s.values[kid].member_name() == k) return repeated(k), true;
        } else {
            // Past a few members a set keeps a huge object linear.
            if (f.names.empty())
                for (const std::uint32_t kid : f.kids) f.names.insert(s.values[kid].member_name());
            if (!f.names.insert(k).second) repeated(k);
        }
        return true;
    }
    bool end_object() {
        Frame& f = frames[depth - 1];
        const char* names = s.strings.data();
        const auto before = [&](std::uint32_t a, std::uint32_t b) {
            const JsonValue &va = s.values[a], &vb = s.values[b];
            const std::uint32_t n = std::min(va.key_length_, vb.key_length_);
            const char *pa = names + va.key_offset_, *pb = names + vb.key_offset_;
            for (std::uint32_t i = 0; i < n; ++i)  // names are short: no call to memcmp
                if (pa[i] != pb[i]) return static_cast<unsigned char>(pa[i]) < static_cast<unsigned char>(pb[i]);
            return va.key_length_ < vb.key_length_;
        };
        std::sort(f.kids.begin(), f.kids.end(), before);
        if (!exact)
            for (std::size_t i = 1; i < f.kids.size(); ++i)
                if (!before(f.kids[i - 1], f.kids[i])) repeats = true;  // sorted: equal names are neighbours
        return close();
    }
    bool end_array() { return close(); }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const json::exception& e) {
        error = e.what();
        return false;
    }

    struct Frame {
        std::uint32_t value = 0;
        bool array = false;
        std::vector<std::uint32_t> kids;
        std::unordered_set<std::string_view> names;
    };

    std::uint32_t add(JsonValue::Type type) {
        const auto index = static_cast<std::uint32_t>(s.values.size());
        JsonValue& v = s.values.emplace_back();
        v.store_ = &s;
        v.type_ = type;
        if (depth > 0) {
            Frame& f = frames[depth - 1];
            if (!f.array) {
                v.key_offset_ = key_offset;
                v.key_length_ = key_length;
            }
            f.kids.push_back(index);
        }
        return index;
    }
    bool open(JsonValue::Type type) {
        const std::uint32_t index = add(type);
        if (frames.size() == depth) frames.emplace_back();  // frames past depth are kept for their capacity
        Frame& f = frames[depth++];
        deepest = std::max(deepest, static_cast<int>(depth));
        f.value = index;
        f.array = type == JsonValue::Type::array;
        return true;
    }
    bool close() {
        Frame& f = frames[--depth];
        const auto offset = static_cast<std::uint32_t>(s.children.size());
        s.children.insert(s.children.end(), f.kids.begin(), f.kids.end());
        s.values[f.value].payload_.span = {offset, static_cast<std::uint32_t>(f.kids.size())};
        f.kids.clear();
        f.names.clear();
        return true;
    }
    std::uint32_t intern(std::string_view text) {
        const auto offset = static_cast<std::uint32_t>(s.strings.size());
        s.strings += text;
        return offset;
    }
    // The JSON Pointer of the repeated name: the place of each open container, then the name.
    void repeated(std::string_view name) {
        if (!duplicate.empty()) return;
        std::string p;
        for (std::size_t i = 0; i + 1 < depth; ++i) {
            const Frame& f = frames[i];
            p += '/';
            p += f.array ? std::to_string(f.kids.size() - 1) : escape_pointer_token(s.values[f.kids.back()].member_name());
        }
        duplicate = p + "/" + escape_pointer_token(name);
    }

    JsonStorage& s;
    const bool exact;
    bool repeats = false;  // a repeated name seen while not exact
    std::vector<Frame> frames;
    std::size_t depth = 0;
    int deepest = 0;
    std::uint32_t key_offset = 0, key_length = 0;
    std::string error, duplicate;
};

namespace {

// simdjson's DOM, walked in document order into the builder: the same events nlohmann's
// SAX parser gives for a document both accept.
void walk(JsonBuilder& b, simdjson::dom::element e) {
    using T = simdjson::dom::element_type;
    switch (e.type()) {
        case T::ARRAY:
            b.start_array(0);
            for (simdjson::dom::element child : simdjson::dom::array(e)) walk(b, child);
            b.end_array();
            break;
        case T::OBJECT:
            b.start_object(0);
            for (simdjson::dom::key_value_pair field : simdjson::dom::object(e)) {
                b.member_name(field.key);
                walk(b, field.value);
            }
            b.end_object();
            break;
        case T::INT64: {
            // nlohmann reads every integer without a minus sign as unsigned.
            const std::int64_t i = e.get_int64().value_unsafe();
            if (i >= 0) b.number_unsigned(static_cast<std::uint64_t>(i));
            else b.number_integer(i);
            break;
        }
        case T::UINT64: b.number_unsigned(e.get_uint64().value_unsafe()); break;
        case T::DOUBLE: b.number_float_value(e.get_double().value_unsafe()); break;
        case T::STRING: b.string_value(e.get_string().value_unsafe()); break;
        case T::BOOL: b.boolean(e.get_bool().value_unsafe()); break;
        case T::NULL_VALUE: b.null(); break;
    }
}

}  // namespace

namespace {
std::unique_ptr<JsonStorage> new_storage(std::string_view text) {
    auto storage = std::make_unique<JsonStorage>();
    // Unescaped strings are never longer than their text: with this, the views the
    // duplicate check keeps into `strings` stay valid.
    storage->strings.reserve(text.size());
    storage->values.reserve(text.size() / 16 + 4);
    return storage;
}

// Nesting depth outside strings, on the text as it is (JSON or not).
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
}  // namespace

ParsedJson parse_json_nlohmann(std::string_view text, int max_depth) {
    ParsedJson r;
    r.depth = nesting_depth(text);
    if (r.depth > max_depth) return r;
    auto storage = new_storage(text);
    JsonBuilder builder(*storage, true);
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), &builder)) {
        r.error = builder.error;
        return r;
    }
    r.duplicate = builder.duplicate;
    r.storage = std::move(storage);
    return r;
}

// simdjson first: it finds a document's structure many times faster than nlohmann's lexer
// (README, "Benchmarks"). It refuses everything nlohmann refuses (invalid UTF-8, control
// characters and lone surrogates in strings, trailing text) and a little more (numbers
// beyond 64 bits or a double's range, which nlohmann reads as floating point, and nesting
// past 1024): whatever it refuses goes to nlohmann, whose verdict and message are the
// reader's, as before. For a text that is JSON the depth of its values is the depth of
// its text, so the text is only counted on the way to nlohmann.
namespace {
ParsedJson parse_with(simdjson::dom::parser& parser, std::string_view text, int max_depth) {
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS) return parse_json_nlohmann(text, max_depth);
    ParsedJson r;
    auto storage = new_storage(text);
    JsonBuilder builder(*storage, false);
    walk(builder, root);
    r.depth = builder.deepest;
    if (r.depth > max_depth) return r;
    if (builder.repeats) {
        // Walked again, names checked as they come: the first repeat in document order.
        storage = new_storage(text);
        JsonBuilder exact(*storage, true);
        walk(exact, root);
        r.duplicate = exact.duplicate;
    }
    r.storage = std::move(storage);
    return r;
}
}  // namespace

ParsedJson parse_json(std::string_view text, int max_depth) {
    // A thread keeps its parser's buffers for documents up to 1 MiB (a 52-week plan is
    // about 1 MB); a larger one's go with it, so no thread holds tens of MB after one big file.
    constexpr std::size_t kept = std::size_t{1} << 20;
    if (text.size() > kept) {
        simdjson::dom::parser once;
        return parse_with(once, text, max_depth);
    }
    thread_local simdjson::dom::parser parser;
    return parse_with(parser, text, max_depth);
}

}  // namespace rehabplan::detail
