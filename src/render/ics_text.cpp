#include "render/ics_text.hpp"

#include "core/json_reader.hpp"

namespace rehabplan::ics {

std::string escape_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            default:
                // TEXT excludes control characters other than HTAB (RFC 5545 3.3.11).
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
                if (c == 0x7f) break;
                out += c;
        }
    }
    return out;
}

std::string content_line(std::string_view name, std::string_view value) {
    std::string line;
    line.reserve(name.size() + value.size() + 1);
    line.append(name).append(":").append(value);
    std::string out;
    std::size_t pos = 0;
    // The first physical line holds 75 octets; continuation lines hold a space and 74.
    std::size_t room = max_line_octets;
    while (line.size() - pos > room) {
        std::size_t cut = pos + room;
        while (cut > pos && detail::is_utf8_continuation(line[cut])) --cut;  // never inside a UTF-8 sequence
        if (cut == pos) cut = pos + room;                         // malformed input: cut anyway
        out.append(line, pos, cut - pos).append("\r\n ");
        pos = cut;
        room = max_line_octets - 1;
    }
    out.append(line, pos, std::string::npos).append("\r\n");
    return out;
}

}  // namespace rehabplan::ics
