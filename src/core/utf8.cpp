#include "core/utf8.hpp"

#include <algorithm>

namespace rehabplan::detail {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629), or 0 if there is none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return i + k < s.size() && b(k) >= lo && b(k) <= hi;
    };
    const unsigned c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;  // no overlong, no surrogates
        return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;  // U+10000..U+10FFFF
        return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += !is_utf8_continuation(c);  // count lead bytes only
    return n;
}

std::string utf8_prefix(const std::string& s, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!is_utf8_continuation(s[i]) && chars++ == max_chars) return s.substr(0, i);
    return s;
}

// A caller's value in an error message: short printable ASCII is quoted, anything else
// (possibly not UTF-8) is only described, so the message stays valid UTF-8.
std::string quoted(std::string_view v) {
    const bool plain = v.size() <= 16 && std::all_of(v.begin(), v.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    return plain ? "\"" + std::string(v) + "\"" : "(" + std::to_string(v.size()) + " bytes)";
}

}  // namespace rehabplan::detail
