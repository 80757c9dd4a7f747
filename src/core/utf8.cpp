#include "core/utf8.hpp"

#include <algorithm>

namespace rehabplan::detail {

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
