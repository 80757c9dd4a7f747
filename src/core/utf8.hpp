// Text helpers that know UTF-8: lengths and cuts by character, as JSON Schema counts
// them, and a caller's value made safe to show in an error message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rehabplan::detail {

// A UTF-8 continuation byte (10xxxxxx): never the first byte of a character.
inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, at most U+10FFFF), or 0 if there is none there.
std::size_t utf8_sequence(std::string_view s, std::size_t i);
// Length in characters (Unicode code points) of valid UTF-8, as JSON Schema counts it.
std::size_t utf8_length(std::string_view s);
// The first `max_chars` characters, never cutting a character in two.
std::string utf8_prefix(const std::string& s, std::size_t max_chars);

// A caller's value for an error message: quoted when short printable ASCII, else
// described by its length (it may be huge, binary or not UTF-8).
std::string quoted(std::string_view v);

}  // namespace rehabplan::detail
