// Regression tests for bugs found by the libFuzzer harnesses (fuzz/). Each case names the
// seed in fuzz/corpus/ that reproduces it.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) n = 0;
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto d = static_cast<unsigned char>(s[i + k]);
            if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) return false;
        }
        i += n + 1;
    }
    return true;
}

std::string message_of(const Result<Patient>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().describe();
}

}  // namespace

TEST_CASE("fuzz regression: the helper rejects what it must") {
    CHECK(valid_utf8("plain \xC3\xA9 \xF0\x9F\x98\x80"));
    CHECK_FALSE(valid_utf8("\xC3"));          // truncated
    CHECK_FALSE(valid_utf8("\xC0\xAF"));      // overlong
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));  // surrogate
}

// fuzz/corpus/patient/patient-invalid-utf8.json: the parser's message quoted the invalid
// input bytes ("last read: '"P-\xC3'"), so rehabplan_errmsg() was not valid UTF-8 (a C++
// caller putting it into nlohmann::json and dumping it got a type_error).
TEST_CASE("fuzz regression: a parse error on invalid UTF-8 gives a valid UTF-8 message") {
    // "P-é" and then a lone lead byte: the well-formed é is kept, the bad byte is named.
    const auto r = parse_patient("{\"schema_version\":1,\"id\":\"P-\xC3\xA9\xC3(\"}");
    const std::string m = message_of(r);
    CHECK(r.error().code == ErrorCode::parse_error);
    CHECK_MESSAGE(valid_utf8(m), m);
    CHECK_MESSAGE(m.find("last read: '\"P-\xC3\xA9\\xC3('") != std::string::npos, m);
    CHECK_NOTHROW((void)nlohmann::json(m).dump());
}

// fuzz/corpus/patient/sex-cut-utf8.json: a value quoted in a schema error was cut to 37
// bytes, which can split a UTF-8 sequence ("got string \"aüü...\xC3...").
TEST_CASE("fuzz regression: a long quoted value is shortened by characters") {
    std::string sex = "a";
    for (int i = 0; i < 60; ++i) sex += "\xC3\xBC";  // ü
    const std::string doc = std::string("{\"schema_version\":1,\"age\":40,\"sex\":\"") + sex + "\",\"baseline_minutes\":20}";
    const auto r = parse_patient(doc);
    const std::string m = message_of(r);
    CHECK(r.error().code == ErrorCode::schema_error);
    CHECK(r.error().path == "/sex");
    CHECK_MESSAGE(valid_utf8(m), m);
    // 37 characters of the JSON text ("a and 35 x ü), then "...".
    std::string shown = "\"a";
    for (int i = 0; i < 35; ++i) shown += "\xC3\xBC";
    CHECK_MESSAGE(m.find("got string " + shown + "...") != std::string::npos, m);
}
