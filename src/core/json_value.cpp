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

namespace {
// Sorts value indices by member name, as nlohmann's std::map orders members.
void sort_by_name(const JsonStorage& s, std::uint32_t* first, std::uint32_t* last) {
    std::sort(first, last, [&](std::uint32_t a, std::uint32_t b) {
        return s.values[a].member_name() < s.values[b].member_name();
    });
}
}  // namespace

const std::uint32_t* JsonValue::entries() const {
    if (type_ != Type::object || payload_.span.length == 0) return first_child();
    if (order_ == 0) {
        std::vector<std::uint32_t>& order = store_->order;
        const auto offset = static_cast<std::uint32_t>(order.size());
        // Within the capacity reserved for every entry: no reallocation under a live iterator.
        order.insert(order.end(), first_child(), first_child() + payload_.span.length);
        sort_by_name(*store_, order.data() + offset, order.data() + order.size());
        order_ = offset + 1;
    }
    return store_->order.data() + (order_ - 1);
}

const JsonValue& JsonValue::const_iterator::value() const { return store_->values[*at_]; }

std::string_view JsonValue::const_iterator::key_view() const { return value().member_name(); }

JsonValue::const_iterator JsonValue::begin() const { return const_iterator(store_, entries()); }

JsonValue::const_iterator JsonValue::end() const {
    const std::uint32_t* first = entries();
    return const_iterator(store_, first == nullptr ? nullptr : first + payload_.span.length);
}

JsonValue::const_iterator JsonValue::find(std::string_view key) const {
    const const_iterator last = end();
    for (const_iterator it = begin(); it != last; ++it)
        if (it.key_view() == key) return it;
    return last;
}

namespace {
// Whether `name` (as long as `key`, its first four bytes equal) equals `key`: names are
// short, so eight bytes at a time beats a call to memcmp.
bool same_tail(const char* name, std::string_view key) {
    std::size_t i = 4;
    for (; i + 8 <= key.size(); i += 8) {
        std::uint64_t a = 0, b = 0;
        std::memcpy(&a, name + i, 8);
        std::memcpy(&b, key.data() + i, 8);
        if (a != b) return false;
    }
    for (; i < key.size(); ++i)
        if (name[i] != key[i]) return false;
    return true;
}
}  // namespace

const JsonValue* JsonValue::find_member(std::string_view key, std::size_t& position, std::size_t start) const {
    if (type_ != Type::object) return nullptr;
    const std::uint32_t n = payload_.span.length;
    const JsonStorage& s = *store_;
    if (n <= 32) {
        // The objects of plans and patients are small: a scan comparing one word per member
        // beats a binary search's string comparisons, and sorting the object for it.
        const std::uint32_t* kids = first_child();
        const std::uint64_t* tags = s.tags.data() + payload_.span.offset;
        const std::uint64_t tag = name_tag(key);
        if (start >= n) start = 0;
        for (std::size_t k = 0, i = start; k < n; ++k, i = (i + 1 == n ? 0 : i + 1)) {
            if (tags[i] != tag) continue;
            const JsonValue& v = s.values[kids[i]];
            if (!same_tail(s.strings.data() + v.key_offset_, key)) continue;
            position = i;
            return &v;
        }
        return nullptr;
    }
    // A big object: searched in key order, positions counted in that order.
    const std::uint32_t* first = entries();
    const std::uint32_t* last = first + n;
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

namespace {
// Two values of one type that are not containers: the same value.
bool same_scalar(const JsonValue& a, const JsonValue& b) {
    using T = JsonValue::Type;
    switch (a.type()) {
        case T::null: return true;
        case T::boolean: return a.get<bool>() == b.get<bool>();
        case T::integer: return a.get<std::int64_t>() == b.get<std::int64_t>();
        case T::unsigned_integer: return a.get<std::uint64_t>() == b.get<std::uint64_t>();
        case T::floating: return a.get<double>() == b.get<double>();
        case T::string: return a.str() == b.str();
        case T::array:
        case T::object: break;  // the callers compare entries
    }
    return false;
}
}  // namespace

bool operator==(const JsonValue& a, const JsonValue& b) {
    if (a.is_number() && b.is_number() && a.type() != b.type()) {
        // nlohmann compares mixed kinds through a cast to the other's kind.
        if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
        return a.get<std::int64_t>() == b.get<std::int64_t>();
    }
    if (a.type() != b.type()) return false;
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
            if (i.key_view() != j.key_view() || i.value() != j.value()) return false;
        return true;
    }
    return same_scalar(a, b);
}

bool written_alike(const JsonValue& a, const JsonValue& b) {
    if (a.type() != b.type()) return false;
    if (!a.is_array() && !a.is_object()) return same_scalar(a, b);
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    for (std::size_t i = 0; i < n; ++i) {
        const JsonValue& x = a[i];  // document order, for objects too
        const JsonValue& y = b[i];
        if (a.is_object() && x.member_name() != y.member_name()) return false;
        if (!written_alike(x, y)) return false;
    }
    return true;
}

std::string_view JsonValue::member_name() const {
    return std::string_view(store_->strings.data() + key_offset_, key_length_);
}

namespace {
// Whether `name` repeats one of an open object's earlier members (`kids`, named by
// name_of): checked as each name arrives, so the first repeat found is the first in
// document order. `seen` holds a big object's names once it has 16.
template <class NameOf>
bool repeats_member(const std::uint32_t* kids, std::size_t count, std::string_view name, NameOf&& name_of,
                    std::unordered_set<std::string_view>& seen) {
    if (count < 16) {
        for (std::size_t i = 0; i < count; ++i)
            if (name_of(kids[i]) == name) return true;
        return false;
    }
    // Past a few members a set keeps a huge object linear.
    if (seen.empty())
        for (std::size_t i = 0; i < count; ++i) seen.insert(name_of(kids[i]));
    return !seen.insert(name).second;
}
}  // namespace

// nlohmann's SAX interface, filling a JsonStorage: parse_json's fallback for what simdjson
// refuses, whose verdict and message are nlohmann's.
struct JsonBuilder {
    using json = nlohmann::json;

    explicit JsonBuilder(JsonStorage& storage) : s(storage) {}

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
        const std::string_view k(s.strings.data() + key_offset, key_length);
        Frame& f = frames[depth - 1];
        const auto name_of = [&](std::uint32_t kid) { return s.values[kid].member_name(); };
        if (repeats_member(f.kids.data(), f.kids.size(), k, name_of, f.names)) repeated(k);
        return true;
    }
    bool end_object() { return close(); }
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
        for (const std::uint32_t kid : f.kids) s.tags.push_back(f.array ? 0 : name_tag(s.values[kid].member_name()));
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
    std::vector<Frame> frames;
    std::size_t depth = 0;
    int deepest = 0;
    std::uint32_t key_offset = 0, key_length = 0;
    std::string error, duplicate;
};

// simdjson's tape (its DOM's flat form: one 64-bit word per value or bracket, the type in
// the top byte) read straight into the storage. Each container's entries get their slots
// when it opens (the tape tells how many), and names and strings keep the offsets they
// have in simdjson's string buffer, copied whole at the end: reading through simdjson's
// element API, a vector per open container and a copy per string cost more than parsing.
struct TapeBuilder {
    TapeBuilder(JsonStorage& storage, const simdjson::dom::document& doc)
        : s(storage), tape(doc.tape.get()), names(reinterpret_cast<const char*>(doc.string_buf.get())) {}

    struct Frame {
        std::uint32_t first = 0, filled = 0;  // entries in s.children[first, first + filled)
        bool array = false, key_next = false;
        std::uint64_t bloom = 0;  // a bit per name tag seen: a name whose bit is clear is new
        std::unordered_set<std::string_view> seen;  // a big object's names
    };

    static constexpr std::uint64_t payload_mask = 0x00FFFFFFFFFFFFFF;
    static constexpr std::uint32_t count_saturated = 0xFFFFFF;

    // The number of entries of the container at tape[i], whose end is tape[end - 1].
    std::uint32_t entries(std::size_t i, std::size_t end) const {
        const auto n = static_cast<std::uint32_t>((tape[i] >> 32) & count_saturated);
        if (n < count_saturated) return n;
        std::uint32_t count = 0;  // a huge container: count by skipping entries
        const bool object = (tape[i] >> 56) == '{';
        for (std::size_t at = i + 1; at + 1 < end; ++count) {
            if (object) ++at;  // the name
            const auto t = static_cast<char>(tape[at] >> 56);
            at = (t == '[' || t == '{') ? static_cast<std::uint32_t>(tape[at]) : (t == 'l' || t == 'u' || t == 'd') ? at + 2 : at + 1;
        }
        return count;
    }

    // The text of the string at tape[i]: a 4-byte length, then the bytes.
    std::string_view string_at(std::size_t i) {
        const auto at = static_cast<std::size_t>(tape[i] & payload_mask);
        std::uint32_t length = 0;
        std::memcpy(&length, names + at, sizeof length);
        strings_end = std::max(strings_end, at + sizeof length + length);
        return std::string_view(names + at + sizeof length, length);
    }
    std::uint32_t offset_of(std::string_view text) const { return static_cast<std::uint32_t>(text.data() - names); }

    JsonValue& add(JsonValue::Type type) {
        const auto index = static_cast<std::uint32_t>(s.values.size());
        JsonValue& v = s.values.emplace_back();
        v.store_ = &s;
        v.type_ = type;
        if (!frames.empty()) {
            Frame& f = frames.back();
            const std::uint32_t slot = f.first + f.filled++;
            if (!f.array) {
                v.key_offset_ = offset_of(key);
                v.key_length_ = static_cast<std::uint32_t>(key.size());
                s.tags[slot] = key_tag;
                f.key_next = true;
            } else {
                s.tags[slot] = 0;  // as the nlohmann path leaves an element's
            }
            s.children[slot] = index;
        }
        return v;
    }

    void member_name(std::size_t i) {
        key = string_at(i);
        Frame& f = frames.back();
        f.key_next = false;
        const std::uint32_t* kids = s.children.data() + f.first;
        const std::uint64_t* tags = s.tags.data() + f.first;
        key_tag = name_tag(key);
        const std::uint64_t bit = std::uint64_t{1} << ((key_tag * 0x9E3779B97F4A7C15u) >> 58);
        const bool maybe_seen = (f.bloom & bit) != 0;
        f.bloom |= bit;
        const auto name_of = [&](std::uint32_t kid) {
            const JsonValue& v = s.values[kid];
            return std::string_view(names + v.key_offset_, v.key_length_);
        };
        if (f.filled >= 16) {
            if (repeats_member(kids, f.filled, key, name_of, f.seen)) repeated(key);
        } else if (maybe_seen) {
            // Most names differ in their tags: the text is compared only when they agree.
            for (std::uint32_t j = 0; j < f.filled; ++j)
                if (tags[j] == key_tag && name_of(kids[j]) == key) return repeated(key);
        }
    }

    // The JSON Pointer of the repeated name: the place of each open container, then the name.
    void repeated(std::string_view name) {
        if (!duplicate.empty()) return;
        std::string p;
        for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
            const Frame& f = frames[i];
            p += '/';
            const JsonValue& last = s.values[s.children[f.first + f.filled - 1]];
            p += f.array ? std::to_string(f.filled - 1) : escape_pointer_token(std::string_view(names + last.key_offset_, last.key_length_));
        }
        duplicate = p + "/" + escape_pointer_token(name);
    }

    // Reads the root value; the tape's first word holds the index of its last.
    void run() {
        const auto end = static_cast<std::size_t>(tape[0] & payload_mask);
        s.values.reserve(end);
        s.children.resize(end);  // at most one entry per word, left unset; trimmed at the end
        s.tags.resize(end);
        std::uint32_t used = 0;
        for (std::size_t i = 1; i < end;) {
            const std::uint64_t word = tape[i];
            switch (static_cast<char>(word >> 56)) {
                case '{':
                case '[': {
                    const bool array = (word >> 56) == '[';
                    const std::uint32_t n = entries(i, static_cast<std::uint32_t>(word));
                    add(array ? JsonValue::Type::array : JsonValue::Type::object).payload_.span = {used, n};
                    Frame& f = frames.emplace_back();
                    f.first = used;
                    f.array = array;
                    f.key_next = !array;
                    used += n;
                    deepest = std::max(deepest, static_cast<int>(frames.size()));
                    ++i;
                    break;
                }
                case '}':
                case ']':
                    frames.pop_back();
                    ++i;
                    break;
                case '"':
                    if (!frames.empty() && frames.back().key_next) {
                        member_name(i);
                    } else {
                        const std::string_view text = string_at(i);
                        add(JsonValue::Type::string).payload_.span = {offset_of(text), static_cast<std::uint32_t>(text.size())};
                    }
                    ++i;
                    break;
                case 'l': {
                    std::int64_t n = 0;
                    std::memcpy(&n, tape + i + 1, sizeof n);
                    // nlohmann reads every integer without a minus sign as unsigned.
                    if (n >= 0) add(JsonValue::Type::unsigned_integer).payload_.unsigned_integer = static_cast<std::uint64_t>(n);
                    else add(JsonValue::Type::integer).payload_.integer = n;
                    i += 2;
                    break;
                }
                case 'u':
                    std::memcpy(&add(JsonValue::Type::unsigned_integer).payload_.unsigned_integer, tape + i + 1, sizeof(std::uint64_t));
                    i += 2;
                    break;
                case 'd':
                    std::memcpy(&add(JsonValue::Type::floating).payload_.floating, tape + i + 1, sizeof(double));
                    i += 2;
                    break;
                case 't': add(JsonValue::Type::boolean).payload_.boolean = true, ++i; break;
                case 'f': add(JsonValue::Type::boolean).payload_.boolean = false, ++i; break;
                default: add(JsonValue::Type::null), ++i; break;  // 'n'
            }
        }
        s.children.resize(used);
        s.tags.resize(used);
        s.order.reserve(used);
        s.strings.assign(names, strings_end);
    }

    JsonStorage& s;
    const std::uint64_t* tape;
    const char* names;  // simdjson's string buffer, where names and strings are until copied
    std::vector<Frame> frames;
    int deepest = 0;
    std::string_view key;  // the name of the member being read
    std::uint64_t key_tag = 0;
    std::size_t strings_end = 0;
    std::string duplicate;
};

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
    JsonBuilder builder(*storage);
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), &builder)) {
        r.error = builder.error;
        return r;
    }
    storage->order.reserve(storage->children.size());
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
    auto storage = std::make_unique<JsonStorage>();
    TapeBuilder builder(*storage, parser.doc);
    builder.run();
    r.depth = builder.deepest;
    if (r.depth > max_depth) return r;
    r.duplicate = std::move(builder.duplicate);
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
