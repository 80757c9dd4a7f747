// detail::JsonWriter against nlohmann's dump(): the same value written through the writer
// and dumped by nlohmann gives the same bytes, indented (2) and compact (-1), with both
// ways of handling bytes that are not UTF-8.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"

using rehabplan::detail::JsonWriter;
using ojson = nlohmann::ordered_json;
using Errors = JsonWriter::Utf8Errors;

namespace {

// Writes `j` node by node through the writer's own calls (never value(json)).
void mirror(JsonWriter& w, const ojson& j) {
    switch (j.type()) {
        case ojson::value_t::object:
            w.begin_object();
            for (const auto& [k, v] : j.items()) {
                w.key(k);
                mirror(w, v);
            }
            w.end_object();
            break;
        case ojson::value_t::array:
            w.begin_array();
            for (const ojson& v : j) mirror(w, v);
            w.end_array();
            break;
        case ojson::value_t::string: w.value(j.get_ref<const std::string&>()); break;
        case ojson::value_t::boolean: w.value(j.get<bool>()); break;
        case ojson::value_t::number_integer: w.value(j.get<std::int64_t>()); break;
        case ojson::value_t::number_unsigned: w.value(j.get<std::uint64_t>()); break;
        case ojson::value_t::number_float: w.value(j.get<double>()); break;
        default: w.null(); break;
    }
}

std::string written(const ojson& j, int indent, Errors errors = Errors::strict) {
    std::string out;
    JsonWriter w(out, indent, errors);
    mirror(w, j);
    return out;
}

std::string dumped(const ojson& j, int indent, Errors errors = Errors::strict) {
    return j.dump(indent, ' ', false,
                  errors == Errors::strict ? ojson::error_handler_t::strict : ojson::error_handler_t::replace);
}

// The writer's bytes equal dump(2) and dump(-1) of the same value, in the given mode.
void check_same(const ojson& j, Errors errors = Errors::strict) {
    for (const int indent : {2, -1}) {
        CAPTURE(indent);
        CHECK(written(j, indent, errors) == dumped(j, indent, errors));
    }
}

// Every escape class nlohmann knows, and bytes it leaves as they are.
const std::vector<std::string>& escape_strings() {
    static const std::vector<std::string> strings{
        "",
        "plain",
        "quote \" in",
        "back\\slash",
        "\b\f\n\r\t",
        std::string("nul \0 in", 8),
        "\x01 and \x1f",
        "\x7f is left as it is",
        "/ is not escaped",
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // 2-, 3- and 4-byte UTF-8
        "\"\\\x01\x1f\x7f\xc3\xa9\"",
    };
    return strings;
}

}  // namespace

TEST_CASE("json writer: nested empty and non-empty objects and arrays as dump() writes them") {
    const ojson values[] = {
        ojson::object(),
        ojson::array(),
        ojson::array({ojson::object(), ojson::array(), 1}),
        ojson{{"a", ojson::object()}, {"b", ojson::array()}, {"c", {{"d", ojson::array({ojson::array(), ojson::array({1, 2})})}}}},
        ojson::array({ojson::array({ojson::array({ojson::object({{"deep", true}})})})}),
        ojson{{"z", 1}, {"a", 2}, {"m", ojson{{"y", nullptr}, {"b", false}}}},  // insertion order kept
    };
    for (const ojson& j : values) {
        CAPTURE(j.dump());
        check_same(j);
    }
    // The bytes themselves, so a change in nlohmann and the writer together is seen.
    CHECK(written(ojson{{"a", ojson::array({1, ojson::object()})}}, 2) == "{\n  \"a\": [\n    1,\n    {}\n  ]\n}");
    CHECK(written(ojson{{"a", ojson::array({1, ojson::object()})}}, -1) == "{\"a\":[1,{}]}");
}

TEST_CASE("json writer: a value written again at its depth gives the bytes of writing it, compact and indented") {
    for (const int indent : {-1, 2}) {
        CAPTURE(indent);
        const auto text = [](JsonWriter& w) {
            w.begin_object().member("key", "slot.walk.title");
            w.key("args").begin_object().member("n", "3").end_object();
            w.member("digest", "0123456789abcdef").end_object();
        };
        std::string written, repeated;
        {
            JsonWriter w(written, indent);
            w.begin_object().key("sessions").begin_array();
            for (int i = 0; i < 3; ++i) {
                w.begin_object().member("day", i).key("title_message");
                text(w);
                w.end_object();
            }
            w.end_array().end_object();
        }
        {
            JsonWriter w(repeated, indent);
            w.begin_object().key("sessions").begin_array();
            std::string bytes;
            std::size_t depth = 0;
            for (int i = 0; i < 3; ++i) {
                w.begin_object().member("day", i).key("title_message");
                if (bytes.empty()) {
                    const std::size_t mark = w.mark();
                    text(w);
                    bytes = w.copy(mark);
                    depth = w.depth();
                } else {
                    REQUIRE(w.depth() == depth);
                    w.again(bytes);
                }
                w.end_object();
            }
            w.end_array().end_object();
        }
        CHECK(repeated == written);
        CHECK(written.find("slot.walk.title") != std::string::npos);
    }
}

TEST_CASE("json writer: scalars at the top level, in an array and as a member") {
    const ojson scalars[] = {nullptr, true, false, 0, -1, 42u, "text", 0.5};
    for (const ojson& s : scalars) {
        CAPTURE(s.dump());
        check_same(s);
        check_same(ojson::array({s, s}));
        check_same(ojson{{"k", s}, {"l", s}});
    }
}

TEST_CASE("json writer: strings with every escape class, as values and as keys") {
    for (const std::string& s : escape_strings()) {
        CAPTURE(s);
        check_same(ojson(s));
        check_same(ojson{{s, s}});
        check_same(ojson::array({s, ojson{{s, ojson::array({s})}}}));
    }
    CHECK(written(ojson("\x01\x1f\x7f"), -1) == "\"\\u0001\\u001f\x7f\"");
    CHECK(written(ojson(std::string("\"\\\b\f\n\r\t\0", 8)), -1) == "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\"");
}

TEST_CASE("json writer: a string that is not UTF-8 throws nlohmann's type_error in strict mode") {
    const std::string bad[] = {
        "ab\xff",            // never a UTF-8 byte
        "abc\xc3",           // cut short at the end
        "\xc3(",             // a lead byte without its continuation
        "\x80 alone",        // a continuation byte first
        "\xc0\x80",          // overlong NUL
        "\xe0\x80\x80",      // overlong 3 bytes
        "\xed\xa0\x80",      // a surrogate (U+D800)
        "\xf4\x90\x80\x80",  // above U+10FFFF
    };
    for (const std::string& s : bad) {
        CAPTURE(s);
        for (const ojson& j : {ojson(s), ojson{{"k", ojson::array({s})}}, ojson{{s, 1}}}) {
            for (const int indent : {2, -1}) {
                std::string dump_message, writer_message;
                try {
                    (void)dumped(j, indent);
                } catch (const nlohmann::json::type_error& e) {
                    dump_message = e.what();
                }
                CHECK_THROWS_AS((void)written(j, indent), nlohmann::json::type_error);
                try {
                    (void)written(j, indent);
                } catch (const nlohmann::json::type_error& e) {
                    writer_message = e.what();
                }
                CHECK_FALSE(dump_message.empty());
                CHECK(writer_message == dump_message);
            }
        }
    }
}

TEST_CASE("json writer: in replace mode, bytes that are not UTF-8 become U+FFFD as dump() makes them") {
    const std::string bad[] = {"ab\xff", "abc\xc3", "\xc3(", "\x80 alone", "\xc0\x80", "\xed\xa0\x80",
                               "\xf4\x90\x80\x80", "ok \xc3\xa9 then \xfe and \"\n\x01"};
    for (const std::string& s : bad) {
        CAPTURE(s);
        check_same(ojson(s), Errors::replace);
        check_same(ojson{{s, ojson::array({s, 1})}}, Errors::replace);
        CHECK(written(ojson(s), -1, Errors::replace).find("\xef\xbf\xbd") != std::string::npos);
        CHECK_NOTHROW((void)written(ojson{{s, s}}, 2, Errors::replace));
    }
    // Valid strings are the same in both modes.
    for (const std::string& s : escape_strings()) check_same(ojson{{s, s}}, Errors::replace);
}

TEST_CASE("json writer: integers at the ends of their ranges, of every integer type") {
    check_same(ojson::array({std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                             std::numeric_limits<std::uint64_t>::max(), 0, -0, 1, -1}));
    std::string out;
    JsonWriter w(out, -1);
    w.begin_array();
    w.value(std::numeric_limits<std::int64_t>::min()).value(std::numeric_limits<std::uint64_t>::max());
    w.value(static_cast<short>(-7)).value(static_cast<unsigned char>(200)).value(std::size_t{12}).value(-3);
    w.end_array();
    CHECK(out == "[-9223372036854775808,18446744073709551615,-7,200,12,-3]");
    CHECK(out == ojson::array({std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(),
                               static_cast<short>(-7), static_cast<unsigned char>(200), std::size_t{12}, -3})
                     .dump());
}

TEST_CASE("json writer: doubles as nlohmann formats them (12.0, 0.7, 1e300, NaN as null)") {
    const double values[] = {12.0, 0.7, 1e300, -1e-300, -0.0, 0.1 + 0.2, 163.2, std::nan(""),
                             std::numeric_limits<double>::infinity()};
    for (const double d : values) {
        CAPTURE(d);
        check_same(ojson(d));
        check_same(ojson{{"x", d}, {"y", ojson::array({d})}});
    }
    CHECK(written(ojson::array({12.0, 0.7, 1e300, std::nan("")}), -1) == "[12.0,0.7,1e+300,null]");
}

TEST_CASE("json writer: booleans, null, member() and a vector of strings") {
    std::string out;
    JsonWriter w(out, 2);
    w.begin_object();
    w.member("t", true).member("f", false).member("n", 3).member("s", "x").member("v", std::vector<std::string>{"a", "b"});
    w.member("e", std::vector<std::string>{});
    w.key("z").null();
    w.end_object();
    const ojson j{{"t", true}, {"f", false}, {"n", 3}, {"s", "x"}, {"v", {"a", "b"}}, {"e", ojson::array()}, {"z", nullptr}};
    CHECK(out == j.dump(2));
}

TEST_CASE("json writer: an embedded json value is written at its place and depth") {
    const ojson inner{{"x", ojson::array({1, ojson{{"y", ojson::array()}}, "s\n"})}, {"z", ojson::object()}};
    const ojson embedded[] = {inner, ojson::object(), ojson::array(), ojson(7), ojson("text"),
                              ojson::array({ojson::array({1})})};
    for (const ojson& e : embedded) {
        CAPTURE(e.dump());
        // Depth 2 as a member and as an array element, and at the top level.
        const ojson whole{{"a", {{"b", e}, {"c", ojson::array({e, e})}}}, {"d", 1}};
        for (const int indent : {2, -1}) {
            CAPTURE(indent);
            std::string out;
            JsonWriter w(out, indent);
            w.begin_object();
            w.key("a").begin_object();
            w.key("b").value(e);
            w.key("c").begin_array().value(e).value(e).end_array();
            w.end_object();
            w.member("d", 1);
            w.end_object();
            CHECK(out == whole.dump(indent));
            std::string top;
            JsonWriter(top, indent).value(e);
            CHECK(top == e.dump(indent));
        }
    }
    // nlohmann::json (keys sorted) embeds as it dumps.
    const nlohmann::json sorted{{"b", 1}, {"a", nlohmann::json::array({2, 3})}};
    std::string out;
    JsonWriter w(out, 2);
    w.begin_array().value(sorted).end_array();
    CHECK(out == nlohmann::json::array({sorted}).dump(2));
    // Embedded bytes that are not UTF-8 follow the writer's mode.
    const ojson bad{{"k", "\xff"}};
    std::string replaced;
    JsonWriter(replaced, 2, Errors::replace).begin_array().value(bad).end_array();
    CHECK(replaced == ojson::array({bad}).dump(2, ' ', false, ojson::error_handler_t::replace));
    std::string strict;
    CHECK_THROWS_AS(JsonWriter(strict, 2).begin_array().value(bad), nlohmann::json::type_error);
}

TEST_CASE("json writer: a document mixing every kind equals dump() in every mode") {
    ojson doc{{"schema_version", 1},
              {"strings", escape_strings()},
              {"numbers", {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(), 12.0, 0.7,
                           1e300, std::nan("")}},
              {"flags", {true, false, nullptr}},
              {"empty", {{"o", ojson::object()}, {"a", ojson::array()}}}};
    for (const std::string& s : escape_strings()) doc["by_key"][s] = s.size();
    check_same(doc);
    check_same(doc, Errors::replace);
}

TEST_CASE("json writer: a byte that needs a look at every place of strings 1-80 bytes long") {
    // The writer tests 8 bytes at once, short names as two overlapping halves and strings up
    // to 64 bytes on the stack: each special byte at each place of each length, as a value
    // and as a name, must come out as dump() writes it.
    const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                    "\xf0\x9f\x98\x80", " ", "~"};
    for (std::size_t length = 1; length <= 80; ++length) {
        for (const std::string& special : specials) {
            for (std::size_t at = 0; at + special.size() <= length; ++at) {
                std::string s(length, 'a');
                s.replace(at, special.size(), special);
                CAPTURE(length);
                CAPTURE(at);
                CHECK(written(ojson(s), -1) == dumped(ojson(s), -1));
                CHECK(written(ojson{{s, s}}, 2) == dumped(ojson{{s, s}}, 2));
            }
        }
        // A byte that is not UTF-8 at the end and at the start: strict and replace as dump().
        for (const std::string& s : {std::string(length, 'a') + "\xff", "\xff" + std::string(length, 'a')}) {
            CHECK_THROWS_AS(written(ojson(s), -1), nlohmann::json::type_error);
            CHECK(written(ojson{{s, s}}, 2, Errors::replace) == dumped(ojson{{s, s}}, 2, Errors::replace));
        }
    }
}

TEST_CASE("json writer: indentation deeper than the writer's ready-made line breaks") {
    // 70 levels of 2 spaces pass the 128 spaces the writer copies at once.
    ojson j = ojson::array({1, "x"});
    for (int i = 0; i < 70; ++i) j = ojson{{"k" + std::to_string(i), j}, {"n", i}};
    check_same(j);
    ojson a = ojson::array({1});
    for (int i = 0; i < 70; ++i) a = ojson::array({a, i});
    check_same(a);
}

TEST_CASE("json writer: documents past the writer's buffer, and `out` complete once the top-level value is") {
    // Many members, strings longer than a buffer's eighth (copied straight through) and
    // escapes that flush the buffer: still dump()'s bytes.
    ojson j = ojson::object();
    for (int i = 0; i < 300; ++i) {
        j["k" + std::to_string(i)] = ojson::array({std::string(static_cast<std::size_t>(i * 7), 'x'), i, "a\"b", true, nullptr});
    }
    check_same(j);
    std::string out;
    JsonWriter w(out, 2);
    w.begin_object();
    w.member("a", std::string(5000, 'y'));
    w.end_object();
    CHECK(out == "{\n  \"a\": \"" + std::string(5000, 'y') + "\"\n}");  // the writer still lives
    std::string scalar;
    JsonWriter(scalar, -1).value(7);
    CHECK(scalar == "7");
}
