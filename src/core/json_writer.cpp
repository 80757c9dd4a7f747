#include "core/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.hpp"

namespace rehabplan::detail {

namespace {
// A separator, a line break and up to this many spaces, so indenting is one copy; the
// text runs on 16 bytes further, so it can be copied in whole 16-byte chunks.
constexpr std::size_t max_pad = 128;
constexpr std::size_t line_breaks_size = 2 + max_pad + 16;
constexpr std::array<char, line_breaks_size> make_line_breaks() {
    std::array<char, line_breaks_size> text{};
    text[0] = ',';
    text[1] = '\n';
    for (std::size_t i = 2; i < line_breaks_size; ++i) text[i] = ' ';
    return text;
}
constexpr std::array<char, line_breaks_size> line_breaks = make_line_breaks();

// Copies the line break and `pad` spaces to `dst` in 16-byte chunks (fixed-size copies,
// no library call); `dst` has room for pad + 16 bytes.
inline void copy_line_break(char* dst, std::size_t pad) {
    const char* src = line_breaks.data() + 1;
    for (std::size_t k = 0; k < pad + 1; k += 16) std::memcpy(dst + k, src + k, 16);
}

// Bytes that need a look of their own: control bytes, '"', '\\' and bytes of multi-byte
// UTF-8 sequences.
struct LookTable {
    bool needs[256] = {};
    LookTable() {
        for (int c = 0; c < 256; ++c) needs[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    }
};
const LookTable look_table;

// Whether any of the 8 bytes in `w` needs a look (SWAR: 8 bytes tested at once, as most
// text is plain ASCII). A borrow may flag a byte after one that needs a look, never a lone one.
inline bool word_needs_look(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t control = (w - ones * 0x20) & ~w;  // high bit set where a byte < 0x20
    return ((control | w | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) & highs) != 0;
}

#if defined(__SSE2__)
// The same for 16 bytes at once (SSE2, which every x86-64 has): a signed byte below 0x20
// is a control byte or one of a multi-byte sequence (0x80-0xFF).
inline bool block_needs_look(__m128i v) {
    const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(quote, backslash))) != 0;
}
#endif

// Whether `s` is copied as it is, every byte plain. With `dst` (room for s.size() + 8
// bytes), the bytes are copied there on the way, in words. Nothing is read outside `s`
// or written outside dst's first s.size() bytes.
// Inlined where it is used: a name or a short string costs less than the call did.
[[gnu::always_inline]] inline bool all_plain(std::string_view s, char* dst = nullptr) {
    const char* const data = s.data();
    const std::size_t size = s.size();
#if defined(__SSE2__)
    if (size >= 16) {
        // Blocks of 16, then the last 16 bytes, overlapping the block before.
        const auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at)); };
        const auto store = [&](std::size_t at, __m128i v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at), v); };
        std::size_t i = 0;
        for (; i + 16 <= size; i += 16) {
            const __m128i v = load(i);
            if (block_needs_look(v)) return false;
            if (dst) store(i, v);
        }
        if (i == size) return true;
        const __m128i v = load(size - 16);
        if (block_needs_look(v)) return false;
        if (dst) store(size - 16, v);
        return true;
    }
    if (size >= 8) {
        // Two 8-byte halves that overlap, tested as one block.
        const __m128i lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(data));
        const __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(data + size - 8));
        if (block_needs_look(_mm_unpacklo_epi64(lo, hi))) return false;
        if (dst) {
            _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), lo);
            _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + size - 8), hi);
        }
        return true;
    }
#endif
    if (size >= 4 && size < 8) {
        // Two 4-byte halves that overlap: one word test, two fixed-size copies.
        std::uint32_t lo, hi;
        std::memcpy(&lo, data, 4);
        std::memcpy(&hi, data + size - 4, 4);
        if (word_needs_look(lo | (std::uint64_t{hi} << 32))) return false;
        if (dst) {
            std::memcpy(dst, &lo, 4);
            std::memcpy(dst + size - 4, &hi, 4);
        }
        return true;
    }
    if (size < 4) {
        for (std::size_t i = 0; i < size; ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            if (look_table.needs[c]) return false;
            if (dst) dst[i] = static_cast<char>(c);
        }
        return true;
    }
    std::uint64_t w;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::memcpy(&w, data + i, 8);
        if (word_needs_look(w)) return false;
        if (dst) std::memcpy(dst + i, &w, 8);
    }
    if (i == size) return true;
    std::memcpy(&w, data + size - 8, 8);  // the last 8 bytes, overlapping the word before
    if (word_needs_look(w)) return false;
    if (dst) std::memcpy(dst + size - 8, &w, 8);
    return true;
}

// Strings up to this long are put together on the stack and appended at once.
constexpr std::size_t short_string = 64;
}  // namespace

JsonWriter::~JsonWriter() {
    try {
        flush();  // a writer left with containers open (an exception) leaves what it wrote, as before
    } catch (...) {  // NOLINT: no exception leaves a destructor
    }
}

void JsonWriter::flush() {
    out_.append(buf_, used_);
    used_ = 0;
}

void JsonWriter::put(const char* p, std::size_t n) {
    if (n > buffer_size / 8) {  // a long run goes straight to the string
        flush();
        out_.append(p, n);
        return;
    }
    std::memcpy(room(n), p, n);
    used_ += n;
}

// The separator (with `comma`) and line break before an element at `depth`.
void JsonWriter::separate(bool comma, std::size_t depth) {
    if (indent_ < 0) {
        if (comma) put(',');
        return;
    }
    const std::size_t pad = depth * static_cast<std::size_t>(indent_);
    if (pad > max_pad) {
        if (comma) put(',');
        put('\n');
        for (std::size_t i = 0; i < pad; ++i) put(' ');
        return;
    }
    char* at = room(2 + pad + 16);
    std::size_t n = 0;
    if (comma) at[n++] = ',';
    copy_line_break(at + n, pad);
    used_ += n + pad + 1;
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    separate(!f.empty, frames_.size());
    f.empty = false;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    // Most names: separator, line break, indentation, name and colon written in place, with
    // no call on the way (so the compiler saves no registers for one); the rest go the long way.
    const std::size_t size = k.size();
    const std::size_t pad = indent_ < 0 ? 0 : frames_.size() * static_cast<std::size_t>(indent_);
    // The comma, the line break in 16-byte chunks (pad + 16), the quotes, colon and space,
    // and the name with the 8 bytes all_plain() may write past it.
    if (size > short_string || pad > max_pad || used_ + pad + size + 32 > buffer_size) return long_key(k);
    Frame& f = frames_.back();
    char* const at = buf_ + used_;
    std::size_t n = f.empty ? 0 : 1;
    at[0] = ',';
    if (indent_ >= 0) {
        copy_line_break(at + n, pad);
        n += pad + 1;
    }
    at[n++] = '"';
    if (!all_plain(k, at + n)) return long_key(k);
    n += size;
    at[n++] = '"';
    at[n++] = ':';
    if (indent_ >= 0) at[n++] = ' ';
    used_ += n;
    f.empty = false;
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::long_key(std::string_view k) {
    Frame& f = frames_.back();
    const bool comma = !f.empty;
    f.empty = false;
    after_key_ = true;
    separate(comma, frames_.size());
    string(k);
    if (indent_ < 0) put(':');
    else put(": ", 2);
    return *this;
}

JsonWriter& JsonWriter::open(char c) {
    before_value();
    put(c);
    frames_.push_back(Frame{});
    return *this;
}

JsonWriter& JsonWriter::close(char c) {
    const bool empty = frames_.back().empty;
    frames_.pop_back();
    if (!empty) separate(false, frames_.size());
    put(c);
    return done();
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value();
    string(s);
    return done();
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    if (b) put("true", 4);
    else put("false", 5);
    return done();
}

JsonWriter& JsonWriter::null() {
    before_value();
    put("null", 4);
    return done();
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    const std::string text = nlohmann::json(d).dump();
    put(text.data(), text.size());
    return done();
}

JsonWriter& JsonWriter::integer(std::int64_t i) {
    before_value();
    char* at = room(24);  // 20 digits and a sign at most
    used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, i).ptr - buf_);
    return done();
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t i) {
    before_value();
    char* at = room(24);
    used_ = static_cast<std::size_t>(std::to_chars(at, at + 24, i).ptr - buf_);
    return done();
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& strings) {
    begin_array();
    for (const std::string& s : strings) value(s);
    return end_array();
}

JsonWriter& JsonWriter::embedded(const std::string& text) {
    before_value();
    flush();
    if (indent_ < 0 || frames_.empty()) {
        out_ += text;
        return done();
    }
    // A line break only occurs between tokens (strings hold theirs escaped), so every line
    // after the first moves right by this place's depth.
    const std::string pad(frames_.size() * static_cast<std::size_t>(indent_), ' ');
    for (const char c : text) {
        out_ += c;
        if (c == '\n') out_ += pad;
    }
    return done();
}

void JsonWriter::string(std::string_view s) {
    // Plain strings are copied in place; one with bytes that need escaping goes the slow
    // way, straight into the string: bytes copied in runs, escapes written as they come,
    // and UTF-8 checked where a byte is not ASCII. A string that is not UTF-8 is taken back
    // and handed to nlohmann, which decides exactly as dump() would: an exception, or
    // U+FFFD for the bad bytes.
    static const char hex[] = "0123456789abcdef";
    const char* const data = s.data();
    const std::size_t size = s.size();
    if (size <= short_string) {
        char* at = room(short_string + 8 + 2);
        if (all_plain(s, at + 1)) {
            at[0] = '"';
            at[size + 1] = '"';
            used_ += size + 2;
            return;
        }
    } else if (all_plain(s)) {
        put('"');
        put(data, size);
        put('"');
        return;
    }
    flush();
    const std::size_t start = out_.size();
    out_ += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    std::size_t i = 0;
    while (i < size) {
        if ((i & 7) == 0 && i + 8 <= size) {
            std::uint64_t w;
            std::memcpy(&w, data + i, 8);
            if (!word_needs_look(w)) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(data[i]);
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
        out_.append(data + plain, i - plain);
        plain = ++i;
        switch (c) {
            case '"': out_.append("\\\"", 2); break;
            case '\\': out_.append("\\\\", 2); break;
            case '\b': out_.append("\\b", 2); break;
            case '\f': out_.append("\\f", 2); break;
            case '\n': out_.append("\\n", 2); break;
            case '\r': out_.append("\\r", 2); break;
            case '\t': out_.append("\\t", 2); break;
            default: {
                const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out_.append(u, 6);
            }
        }
    }
    out_.append(data + plain, size - plain);
    out_ += '"';
}

}  // namespace rehabplan::detail
