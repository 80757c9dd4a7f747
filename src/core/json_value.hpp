// Internal: a parsed JSON document as one flat block of values, read by the checked reader
// (json_reader.hpp). simdjson parses, and nlohmann's SAX parser decides whatever simdjson
// refuses, so what is JSON and the error messages are nlohmann's as before; a document
// costs a few allocations instead of one per value: parsing a 12-week plan into
// nlohmann::json took most of the C API's time (issue 21).
//
// JsonValue offers the part of nlohmann::json's interface the readers use (is_*, get<T>,
// size, operator[], begin/end with key()/value(), find, contains, dump, ==), with nlohmann's
// meaning: an object's members iterate in key order (as std::map keeps them) whatever
// their order in the text, so readers report the same first unknown field as before.
// Objects keep their members in document order for lookups and are sorted the first time
// they are iterated: readers look most members up by name and iterate few objects, so
// sorting every object cost more than the lookups. A document is thus read by one thread
// at a time (iteration writes that order), as every reader does.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace rehabplan::detail {

struct JsonStorage;

class JsonValue {
public:
    enum class Type : std::uint8_t { null, boolean, integer, unsigned_integer, floating, string, array, object };

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::null; }
    bool is_boolean() const { return type_ == Type::boolean; }
    // As nlohmann: an unsigned integer is also an integer, and both are numbers.
    bool is_number() const { return type_ == Type::integer || type_ == Type::unsigned_integer || type_ == Type::floating; }
    bool is_number_integer() const { return type_ == Type::integer || type_ == Type::unsigned_integer; }
    bool is_number_unsigned() const { return type_ == Type::unsigned_integer; }
    bool is_number_float() const { return type_ == Type::floating; }
    bool is_string() const { return type_ == Type::string; }
    bool is_array() const { return type_ == Type::array; }
    bool is_object() const { return type_ == Type::object; }

    // bool, std::int64_t, std::uint64_t, double (numbers convert as nlohmann converts them:
    // check the range first) or std::string.
    template <class T>
    T get() const;
    // The text of a string value.
    std::string_view str() const;

    // Members or elements of a container; nlohmann's answer for others (null 0, scalars 1).
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    // An array's element, or an object's member in document order; index < size().
    const JsonValue& operator[](std::size_t index) const;

    class const_iterator {
    public:
        const JsonValue& operator*() const { return value(); }
        const JsonValue* operator->() const { return &value(); }
        const JsonValue& value() const;
        std::string key() const { return std::string(key_view()); }  // an object member's name
        std::string_view key_view() const;
        const_iterator& operator++() {
            ++at_;
            return *this;
        }
        bool operator==(const const_iterator& o) const { return at_ == o.at_; }
        bool operator!=(const const_iterator& o) const { return at_ != o.at_; }

    private:
        friend class JsonValue;
        const_iterator(const JsonStorage* s, const std::uint32_t* at) : store_(s), at_(at) {}
        const JsonStorage* store_;
        const std::uint32_t* at_;
    };
    const_iterator begin() const;
    const_iterator end() const;
    const_iterator find(std::string_view key) const;  // end() when absent or not an object
    bool contains(std::string_view key) const {
        std::size_t position = 0;
        return find_member(key, position) != nullptr;
    }
    // The member named `key` and its position among the members (in document order), or
    // nullptr. The search starts at position `start`, and goes round: a reader asking for
    // members in the order a writer wrote them finds each at the first look.
    const JsonValue* find_member(std::string_view key, std::size_t& position, std::size_t start = 0) const;

    // This value's name in the object holding it ("" for an array element or the root).
    std::string_view member_name() const;

    // Compact JSON text of this value, as nlohmann's dump() writes it.
    std::string dump() const;

    // nlohmann's equality: numbers compare by value across integer and floating kinds.
    // written_alike() below is the cheaper, stricter test.
    friend bool operator==(const JsonValue& a, const JsonValue& b);
    friend bool operator!=(const JsonValue& a, const JsonValue& b) { return !(a == b); }

protected:
    // Values live in their document's storage; a copy elsewhere would outlive it.
    JsonValue() = default;
    JsonValue(const JsonValue&) = default;
    JsonValue& operator=(const JsonValue&) = default;

private:
    friend struct JsonBuilder;
    friend struct TapeBuilder;
    const std::uint32_t* first_child() const;
    const std::uint32_t* entries() const;  // what iteration walks: an object's entries in key order

    const JsonStorage* store_ = nullptr;
    Type type_ = Type::null;
    std::uint32_t key_offset_ = 0, key_length_ = 0;  // this value's name in its object
    mutable std::uint32_t order_ = 0;  // an object's first entry in JsonStorage::order, plus one; 0 until sorted
    union {
        bool boolean;
        std::int64_t integer;
        std::uint64_t unsigned_integer;
        double floating;
        struct {
            std::uint32_t offset, length;
        } span;  // string: bytes in JsonStorage::strings; container: entries in JsonStorage::children
    } payload_{};
};

// std::allocator, except that resize() leaves new numbers unset: the tape reader sizes its
// arrays for every word of simdjson's tape and then sets each entry it uses, and zeroing
// them first cost more than setting them (issue 21).
template <class T>
struct UnsetAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UnsetAllocator<U>;
    };
    UnsetAllocator() = default;
    template <class U>
    UnsetAllocator(const UnsetAllocator<U>&) noexcept {}  // NOLINT: converts like std::allocator
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

// Every value of one document. Values point here, so it stays put when the document moves.
struct JsonStorage {
    struct Value : JsonValue {};          // what the storage may copy, and nothing else
    std::vector<Value> values;            // values[0] is the root
    std::vector<std::uint32_t, UnsetAllocator<std::uint32_t>> children;  // each container's entries, contiguous, in document order
    // Beside each entry of children: its name's length and first bytes (name_tag()), so a
    // lookup compares one word per member instead of reading each name.
    std::vector<std::uint64_t, UnsetAllocator<std::uint64_t>> tags;
    // Objects' entries in key order, made when first iterated; its capacity (reserved for
    // every entry) keeps iterators valid as other objects are sorted.
    mutable std::vector<std::uint32_t> order;
    std::string strings;                  // string values and member names, unescaped
};

// A member name's length and its first four bytes, as one word: equal names have equal tags.
inline std::uint64_t name_tag(std::string_view name) {
    std::uint32_t head = 0;
    if (name.size() >= 4) {
        std::memcpy(&head, name.data(), 4);
    } else {
        for (std::size_t i = 0; i < name.size(); ++i) head |= std::uint32_t{static_cast<unsigned char>(name[i])} << (8 * i);
    }
    return (std::uint64_t{static_cast<std::uint32_t>(name.size())} << 32) | head;
}

// A parsed document: the root value and the storage it lives in.
class JsonDocument {
public:
    JsonDocument() = default;
    explicit JsonDocument(std::unique_ptr<JsonStorage> s) : store_(std::move(s)) {}
    const JsonValue& root() const { return store_->values.front(); }
    operator const JsonValue&() const { return root(); }  // NOLINT: a document reads as its root value

private:
    std::unique_ptr<JsonStorage> store_;
};

// Whether `a` and `b` were written alike: the same types and values, objects with the same
// member names in the same document order. Stricter than ==, which also matches members in
// another order or 1 and 1.0, and it sorts no object: a reader uses it to recognise a
// sub-document it has read before, where a false "different" only costs a second read.
bool written_alike(const JsonValue& a, const JsonValue& b);

// A JSON Pointer reference token: "~" as "~0", "/" as "~1" (RFC 6901).
std::string escape_pointer_token(std::string_view key);

// A text parsed, or why not. Checked in this order: depth > the limit (no values then),
// not JSON (`error`, nlohmann's message), a repeated member name (`duplicate`, the JSON
// Pointer of the first in document order; the values are there).
struct ParsedJson {
    std::unique_ptr<JsonStorage> storage;
    int depth = 0;  // the deepest nesting of arrays and objects
    std::string error;
    std::string duplicate;
};

// Parses `text` (strict: the whole text is one value). A text nested deeper than
// `max_depth` is not parsed: its depth is counted on the text itself, strings skipped, so
// a hostile document never reaches a parser's recursion.
ParsedJson parse_json(std::string_view text, int max_depth);
// The same with nlohmann's parser alone: parse_json's fallback, and the benchmarks' yardstick.
ParsedJson parse_json_nlohmann(std::string_view text, int max_depth);

}  // namespace rehabplan::detail
