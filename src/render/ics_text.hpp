// RFC 5545 text rules for the calendar renderer: TEXT escaping (3.3.11) and content-line
// folding at 75 octets with CRLF line ends (3.1). Folding never splits a UTF-8 sequence.
#pragma once

#include <string>
#include <string_view>

namespace rehabplan::ics {

constexpr std::size_t max_line_octets = 75;

// Escapes a TEXT value: backslash, semicolon and comma get a backslash, a newline becomes
// "\n"; carriage returns and other control characters (not allowed in TEXT) are dropped.
std::string escape_text(std::string_view value);

// One content line "NAME:value" (value already escaped), folded so that no physical line
// exceeds 75 octets (continuation lines start with one space), ending in CRLF.
std::string content_line(std::string_view name, std::string_view value);

}  // namespace rehabplan::ics
