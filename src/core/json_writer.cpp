#include "core/json_writer.hpp"

#include <charconv>

#include "core/utf8.hpp"

namespace rehabplan::detail {

void JsonWriter::newline_indent(std::size_t depth) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (!f.empty) out_ += ',';
    f.empty = false;
    newline_indent(frames_.size());
}

JsonWriter& JsonWriter::key(std::string_view k) {
    Frame& f = frames_.back();
    if (!f.empty) out_ += ',';
    f.empty = false;
    newline_indent(frames_.size());
    string(k);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::open(char c) {
    before_value();
    out_ += c;
    frames_.push_back(Frame{});
    return *this;
}

JsonWriter& JsonWriter::close(char c) {
    const bool empty = frames_.back().empty;
    frames_.pop_back();
    if (!empty) newline_indent(frames_.size());
    out_ += c;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value();
    string(s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    out_ += nlohmann::json(d).dump();
    return *this;
}

namespace {
template <class I>
void append_decimal(std::string& out, I i) {
    char buf[24];  // 20 digits and a sign at most
    const auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, r.ptr);
}
}  // namespace

JsonWriter& JsonWriter::integer(std::int64_t i) {
    before_value();
    append_decimal(out_, i);
    return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t i) {
    before_value();
    append_decimal(out_, i);
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& strings) {
    begin_array();
    for (const std::string& s : strings) value(s);
    return end_array();
}

JsonWriter& JsonWriter::embedded(const std::string& text) {
    before_value();
    if (indent_ < 0 || frames_.empty()) {
        out_ += text;
        return *this;
    }
    // A line break only occurs between tokens (strings hold theirs escaped), so every line
    // after the first moves right by this place's depth.
    const std::string pad(frames_.size() * static_cast<std::size_t>(indent_), ' ');
    for (const char c : text) {
        out_ += c;
        if (c == '\n') out_ += pad;
    }
    return *this;
}

void JsonWriter::string(std::string_view s) {
    // One pass: bytes are copied in runs, escapes written as they come, and UTF-8 checked
    // where a byte is not ASCII. A string that is not UTF-8 is taken back and handed to
    // nlohmann, which decides exactly as dump() would: an exception, or U+FFFD for the bad bytes.
    static const char hex[] = "0123456789abcdef";
    const std::size_t start = out_.size();
    out_ += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence(s, i);
            if (n == 0) {
                out_.resize(start);
                out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, handler());
                return;
            }
            i += n;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out_.append(s.data() + plain, i - plain);
        plain = ++i;
        switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\f': out_ += "\\f"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                out_ += "\\u00";
                out_ += hex[c >> 4];
                out_ += hex[c & 0xF];
        }
    }
    out_.append(s.data() + plain, s.size() - plain);
    out_ += '"';
}

}  // namespace rehabplan::detail
