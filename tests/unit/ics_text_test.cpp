// RFC 5545 text escaping and line folding used by the calendar renderer.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/ics_text.hpp"

using namespace rehabplan;

namespace {

std::vector<std::string> physical_lines(const std::string& folded) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < folded.size()) {
        const std::size_t end = folded.find("\r\n", pos);
        REQUIRE(end != std::string::npos);  // every line ends in CRLF
        lines.push_back(folded.substr(pos, end - pos));
        pos = end + 2;
    }
    return lines;
}

std::string unfold(const std::string& folded) {
    std::string out;
    for (const auto& l : physical_lines(folded)) out += out.empty() ? l : l.substr(1);
    return out;
}

}  // namespace

TEST_CASE("ics: TEXT escapes backslash, semicolon, comma and newline") {
    CHECK(ics::escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(ics::escape_text("plain text: 45 min") == "plain text: 45 min");
    CHECK(ics::escape_text("tab\there") == "tab\there");
    CHECK(ics::escape_text(std::string("cr\rbell\x07") + "del\x7f") == "crbelldel");
    CHECK(ics::escape_text("Hartslag 89–128 slagen/min") == "Hartslag 89–128 slagen/min");
}

TEST_CASE("ics: a line of exactly 75 octets is not folded, 76 is") {
    const std::string v75(75 - 8, 'x');  // "SUMMARY:" is 8 octets
    CHECK(ics::content_line("SUMMARY", v75) == "SUMMARY:" + v75 + "\r\n");
    const std::string v76 = v75 + "y";
    const auto folded = ics::content_line("SUMMARY", v76);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].size() == 75);
    CHECK(lines[1] == " y");
    CHECK(unfold(folded) == "SUMMARY:" + v76);
}

TEST_CASE("ics: long lines fold at 75 octets, continuations start with a space") {
    const std::string value(1000, 'a');
    const auto folded = ics::content_line("DESCRIPTION", value);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() > 10);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= ics::max_line_octets);
        if (i > 0) CHECK(lines[i][0] == ' ');
    }
    CHECK(unfold(folded) == "DESCRIPTION:" + value);
}

TEST_CASE("ics: folding never splits a UTF-8 sequence") {
    std::string value;
    for (int i = 0; i < 60; ++i) value += "é€";  // 2- and 3-octet sequences
    const auto folded = ics::content_line("DESCRIPTION", value);
    for (const auto& l : physical_lines(folded)) {
        CHECK(l.size() <= ics::max_line_octets);
        const std::string body = l[0] == ' ' ? l.substr(1) : l;
        REQUIRE(!body.empty());
        CHECK((static_cast<unsigned char>(body[0]) & 0xC0) != 0x80);  // no line starts mid-sequence
    }
    CHECK(unfold(folded) == "DESCRIPTION:" + value);
}
