// The document reader's parser (core/json_value.hpp) against nlohmann::json, whose meaning
// it keeps: for every JSON file in the repository and a set of tricky texts, the same
// values (compared through dump(), which both write with members in key order), the same
// verdict and, for text that is not JSON, the same message.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/json_reader.hpp"
#include "core/json_value.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using detail::JsonValue;

namespace {

// Our reading of `text`: "dump" of the value, or "error: message", and the first duplicate.
struct Reading {
    std::string outcome;
    std::string duplicate;
};

Reading ours(std::string_view text) {
    detail::ParsedJson p = detail::parse_json(text, 64);
    if (!p.storage) return {"error: " + p.error, ""};
    return {detail::JsonDocument(std::move(p.storage)).root().dump(), p.duplicate};
}

detail::JsonDocument document(const char* text) { return detail::JsonDocument(detail::parse_json(text, 64).storage); }

std::string nlohmanns(std::string_view text) {
    try {
        return nlohmann::json::parse(text.begin(), text.end()).dump();
    } catch (const nlohmann::json::exception& e) {
        return std::string("error: ") + e.what();
    }
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("json_value: every JSON file in the repository reads as nlohmann reads it") {
    int files = 0;
    for (const char* dir : {"data", "examples", "schema", "tests/data", "fuzz"}) {
        const std::filesystem::path root = std::filesystem::path(REHABPLAN_SOURCE_DIR) / dir;
        if (!std::filesystem::exists(root)) continue;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
            if (entry.file_size() > 8 * 1024 * 1024) continue;
            const std::string text = slurp(entry.path());
            CAPTURE(entry.path().string());
            const Reading r = ours(text);
            // A repeated name refuses the document; nlohmann keeps the last value, we keep both.
            if (r.duplicate.empty()) CHECK(r.outcome == nlohmanns(text));
            else CHECK(nlohmanns(text).rfind("error: ", 0) != 0);
            ++files;
        }
    }
    CHECK(files > 300);
}

TEST_CASE("json_value: tricky texts read as nlohmann reads them, errors with its message") {
    const char* texts[] = {
        R"({"a": 0, "b": -0, "c": 1, "d": -1, "e": 9223372036854775807, "f": 9223372036854775808})",
        R"({"a": 18446744073709551615, "b": 18446744073709551616, "c": -9223372036854775808, "d": -9223372036854775809})",
        R"({"a": 1e300, "b": 1e400, "c": -1e400, "d": 1e-400, "e": 1.0, "f": -0.0, "g": 0.1, "h": 2.5e-3, "i": 1E2})",
        R"({"a": "\u0000x", "b": "\ud83d\ude00", "c": "\u00e9\u20ac", "d": "tab\there", "e": "\"\\\/\b\f\n\r"})",
        R"({"a": "\ud800"})", R"({"a": "\udc00"})", R"({"a": "\ud800\u0041"})", "{\"a\": \"x\ty\"}",
        "{\"a\": \"\xc0\xaf\"}", "{\"a\": \"\xed\xa0\x80\"}", "{\"a\": \"\xf4\x90\x80\x80\"}", "{\"a\": \"\x7f\"}",
        R"({"a": 01})", R"({"a": 1.})", R"({"a": .5})", R"({"a": +1})", R"({"a": 1e})", R"({"a": -})",
        R"([1, 2,])", R"({"a": 1,})", R"({"a" 1})", R"({a: 1})", R"({"a": tru})", R"({"a": nul})",
        R"({"a": [1, {"b": [true, false, null]}], "z": {}, "y": []})", R"({"a": 1}  x)", R"({"a": 1} {})",
        "", "   ", "[", "{", "\"just a string\"", "42", "null", R"({"": 1, "~/": 2, "a/b": 3})",
        R"({"b": 1, "a": 2, "B": 3, "é": 4, "aa": 5})", "\xef\xbb\xbf{\"a\": 1}", "{\"a\": 1}\r\n\t ",
    };
    for (const char* t : texts) {
        CAPTURE(t);
        CHECK(ours(t).outcome == nlohmanns(t));
    }
}

TEST_CASE("json_value: the first duplicate member is named by its JSON Pointer, in document order") {
    CHECK(ours(R"({"a": 1, "a": 2})").duplicate == "/a");
    CHECK(ours(R"({"a": 1, "b": 2})").duplicate.empty());
    CHECK(ours(R"({"s": [{"x": 1}, {"y": {"k": 1, "k": 2}}], "a": 1, "a": 2})").duplicate == "/s/1/y/k");
    CHECK(ours(R"({"m/n": {"t~": 1, "t~": 2}})").duplicate == "/m~1n/t~0");
    // An inner object closes before its outer one: still the first repeat in the text.
    CHECK(ours(R"({"a": 1, "a": 2, "b": {"k": 1, "k": 2}})").duplicate == "/a");
    CHECK(ours(R"({"a": 1, "b": {"k": 1, "k": 2}, "a": 2})").duplicate == "/b/k");
    CHECK(ours(R"({"b": {"k": 1}, "a": 1, "c": [{"k": 1}, {"k": 2, "j": 0, "k": 3}]})").duplicate == "/c/1/k");
    // Names that share a prefix are not repeats.
    CHECK(ours(R"({"ab": 1, "a": 2, "abc": 3, "b": 4})").duplicate.empty());
    // Numbers simdjson refuses (nlohmann reads them) take the other parser: the same answer.
    CHECK(ours(R"({"n": 123456789012345678901234567890, "x": {"a": 1, "a": 2}})").duplicate == "/x/a");
    // Past sixteen members the check uses a set: the same answer.
    std::string big = "{";
    for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    CHECK(ours(big + "\"k39\": 1}").duplicate == "/k39");
    CHECK(ours(big + "\"k40\": 1}").duplicate.empty());
    CHECK(ours(big + "\"k2\": 1}").duplicate == "/k2");  // named before the set was made
    // Names alike in length and first bytes (one lookup word) are told apart by the rest.
    CHECK(ours(R"({"abcdefghijkX": 1, "abcdefghijkY": 2, "abcd": 3, "abce": 4})").duplicate.empty());
    CHECK(ours(R"({"abcdefghijkX": 1, "abcdefghijkY": 2, "abcdefghijkX": 3})").duplicate == "/abcdefghijkX");
}

TEST_CASE("json_value: lookups go by document order from any start, iteration sorts, also nested and big objects") {
    const detail::JsonDocument doc = document(R"({"b": {"z": 1, "y": 2}, "a": {"x": 3, "w": 4}, "abcdefghZ": 5, "abcdefghA": 6})");
    const JsonValue& root = doc;
    std::size_t at = 99;
    REQUIRE(root.find_member("a", at, 3) != nullptr);  // round from the last member
    CHECK(at == 1);
    REQUIRE(root.find_member("abcdefghA", at, 1) != nullptr);
    CHECK(at == 3);
    CHECK(root.find_member("abcdefghB", at, 2) == nullptr);
    CHECK(root.find_member("", at) == nullptr);
    // Iterating each member's object while the outer iteration is live.
    std::string keys;
    for (auto it = root.begin(); it != root.end(); ++it) {
        keys += it.key();
        if (it.value().is_object())
            for (auto in = it.value().begin(); in != it.value().end(); ++in) keys += in.key();
    }
    CHECK(keys == "awxabcdefghAabcdefghZbyz");
    CHECK(root.dump() == R"({"a":{"w":4,"x":3},"abcdefghA":6,"abcdefghZ":5,"b":{"y":2,"z":1}})");
    // Past 32 members a lookup searches the members in key order.
    std::string text = "{";
    for (int i = 39; i >= 0; --i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + (i ? ", " : "}");
    const detail::JsonDocument many = document(text.c_str());
    const JsonValue& m = many;
    for (int i = 0; i < 40; ++i) {
        const JsonValue* v = m.find_member("k" + std::to_string(i), at);
        REQUIRE(v != nullptr);
        CHECK(v->get<std::int64_t>() == i);
    }
    CHECK(m.find_member("k40", at) == nullptr);
    CHECK(m.begin().key() == "k0");
}

TEST_CASE("json_value: members iterate in key order and are found by name") {
    const detail::JsonDocument doc = document(R"({"b": 1, "a": [10, 20, 30], "c": "x"})");
    const JsonValue& root = doc;
    std::string keys;
    for (auto it = root.begin(); it != root.end(); ++it) keys += it.key();
    CHECK(keys == "abc");
    REQUIRE(root.contains("a"));
    CHECK_FALSE(root.contains("d"));
    const JsonValue& a = *root.find("a");
    REQUIRE(a.is_array());
    CHECK(a.size() == 3);
    CHECK(a[2].get<std::int64_t>() == 30);
    CHECK(root.find("c")->str() == "x");
    CHECK(root.find("b")->is_number_unsigned());  // as nlohmann: no minus sign, unsigned
}

TEST_CASE("json_value: equality as nlohmann's, numbers by value across kinds") {
    const auto same = [&](const char* x, const char* y) {
        const auto a = document(x), b = document(y);
        return static_cast<const JsonValue&>(a) == static_cast<const JsonValue&>(b);
    };
    CHECK(same("[1]", "[1.0]"));
    CHECK(same("[-1]", "[-1.0]"));
    CHECK_FALSE(same("[1]", "[2]"));
    CHECK_FALSE(same("[1]", "[\"1\"]"));
    CHECK(same(R"({"a": [1, "x"], "b": null})", R"({"b": null, "a": [1, "x"]})"));
    CHECK_FALSE(same(R"({"a": 1})", R"({"b": 1})"));
}

TEST_CASE("json_value: written_alike wants the same values and names in the same order") {
    const auto alike = [&](const char* x, const char* y) {
        const auto a = document(x), b = document(y);
        return written_alike(static_cast<const JsonValue&>(a), static_cast<const JsonValue&>(b));
    };
    CHECK(alike(R"({"key": "slot.walk.title", "args": {"n": {"en": "a", "nl": "b"}}, "digest": "0123456789abcdef"})",
                R"({"key":"slot.walk.title","args":{"n":{"en":"a","nl":"b"}},"digest":"0123456789abcdef"})"));
    CHECK(alike("[1, -2, 2.5, true, null, []]", "[1,-2,2.5,true,null,[]]"));
    CHECK_FALSE(alike(R"({"a": 1, "b": 2})", R"({"b": 2, "a": 1})"));  // == says equal
    CHECK_FALSE(alike("[1]", "[1.0]"));                                 // == says equal
    CHECK_FALSE(alike("[-1]", "[18446744073709551615]"));
    CHECK_FALSE(alike(R"({"a": "x"})", R"({"a": "y"})"));
    CHECK_FALSE(alike(R"({"a": "x"})", R"({"b": "x"})"));
    CHECK_FALSE(alike(R"({"a": {"b": [1, 2]}})", R"({"a": {"b": [1, 2, 3]}})"));
    CHECK_FALSE(alike("[true]", "[false]"));
    CHECK_FALSE(alike("[null]", "[false]"));
    CHECK_FALSE(alike("[[]]", "[{}]"));
}

TEST_CASE("json_value: depth is counted on values by simdjson and on the text by the fallback, the same") {
    const auto nested = [](int levels, const char* tail) {
        return std::string(static_cast<std::size_t>(levels), '[') + tail + std::string(static_cast<std::size_t>(levels), ']');
    };
    for (int levels : {1, 31, 32, 33, 1500}) {
        CAPTURE(levels);
        // JSON (simdjson up to its own limit of 1024) and not JSON (the fallback: trailing comma).
        const detail::ParsedJson valid = detail::parse_json(nested(levels, "1"), 32);
        const detail::ParsedJson invalid = detail::parse_json(nested(levels, "1,"), 32);
        CHECK(valid.depth == levels);
        CHECK(invalid.depth == levels);
        CHECK((valid.storage != nullptr) == (levels <= 32));
        CHECK(invalid.storage == nullptr);
        CHECK(invalid.error.empty() == (levels > 32));  // too deep: not parsed, so no syntax error yet
        const detail::ParsedJson sax = detail::parse_json_nlohmann(nested(levels, "1"), 32);
        CHECK(sax.depth == levels);
        CHECK((sax.storage != nullptr) == (levels <= 32));
    }
    // Brackets inside strings do not nest.
    CHECK(detail::parse_json(R"({"a": "[[[[{{{{"})", 32).depth == 1);
}

TEST_CASE("json_value: a document over 1 MiB (parsed without the thread's kept buffers) reads the same") {
    std::string big = "{\"items\": [";
    for (int i = 0; big.size() < (std::size_t{3} << 19); ++i) big += (i ? ", " : "") + std::string("\"item ") + std::to_string(i) + "\"";
    big += "], \"n\": 1}";
    REQUIRE(big.size() > (std::size_t{1} << 20));
    CHECK(ours(big).outcome == nlohmanns(big));
    CHECK(ours("{\"small\": true}").outcome == nlohmanns("{\"small\": true}"));  // and the kept parser after it
}
