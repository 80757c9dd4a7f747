#include "render/phrasebook.hpp"

#include <algorithm>
#include <map>

#include "core/messages.hpp"
#include "planning/plan_text.hpp"

namespace rehabplan::detail {

namespace {

// A catalog text split at its {placeholders}: literal, name, literal, name, ..., literal.
struct Template {
    std::string key;
    std::vector<std::string> literals;   // size = names.size() + 1
    std::vector<std::string> names;
    Text text;
};

std::vector<std::string> split(const std::string& s, std::vector<std::string>* names) {
    std::vector<std::string> literals{""};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::size_t end = s[i] == '{' ? s.find('}', i) : std::string::npos;
        if (end == std::string::npos) {
            literals.back() += s[i];
            continue;
        }
        names->push_back(s.substr(i + 1, end - i - 1));
        literals.emplace_back();
        i = end;
    }
    return literals;
}

struct Book {
    // Per language ("en", "nl"): every template, literal-first ones first (cheap to reject).
    std::map<std::string, std::vector<Template>> by_lang;
};

const Book& book() {
    static const Book b = [] {
        std::vector<std::pair<std::string, Text>> entries;
        for (const std::string& k : message_keys())
            if (k.rfind("gen.", 0) == 0) entries.emplace_back(k, message_template(k));
        // The programme texts under the keys a plan stores them by (planning/plan_text.hpp).
        for (const auto& entry : programme_texts()) entries.push_back(entry);
        Book out;
        for (const char* lang : {"en", "nl"}) {
            auto& list = out.by_lang[lang];
            for (const auto& [key, text] : entries) {
                if (text.in(lang).empty()) continue;
                Template t;
                t.key = key;
                t.text = text;
                t.literals = split(text.in(lang), &t.names);
                list.push_back(std::move(t));
            }
            std::stable_sort(list.begin(), list.end(), [](const Template& x, const Template& y) {
                return !x.literals[0].empty() && y.literals[0].empty();
            });
        }
        return out;
    }();
    return b;
}

// What a placeholder may stand for in text we translate: numbers, dates and ranges
// ("89-128", "2026-11-23", "1-2, 5"), or the patient's own words ({activity}), which
// stay as they are. Anything else may differ between the languages: not translatable.
bool acceptable_value(const std::string& name, const std::string& v) {
    if (v.empty() || v.find('\n') != std::string::npos) return false;
    if (name == "activity") return true;
    for (char c : v)
        if (!((c >= '0' && c <= '9') || c == '-' || c == ',' || c == ' ' || c == '.' || c == '/' || c == ':')) return false;
    return true;
}

// Matches template t at text[pos..]; on success returns the end and fills values.
// Placeholders match the shortest span that lets the rest match (backtracking).
bool match(const std::string& text, std::size_t pos, const Template& t, std::size_t k, std::vector<std::string>& values,
           std::size_t& end_out) {
    const std::string& lit = t.literals[k];
    if (text.compare(pos, lit.size(), lit) != 0) return false;
    pos += lit.size();
    if (k == t.names.size()) {
        end_out = pos;
        return true;
    }
    if (const std::string& field = t.names[k]; field.find('|') != std::string::npos) {
        // A plural placeholder {name|one|other}: one of its two words, literally.
        const std::size_t first = field.find('|'), second = field.find('|', first + 1);
        const std::string one = field.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
        const std::string other = second == std::string::npos ? one : field.substr(second + 1);
        for (const std::string& form : {one, other}) {
            if (text.compare(pos, form.size(), form) != 0) continue;
            values.push_back(form);
            if (match(text, pos + form.size(), t, k + 1, values, end_out)) return true;
            values.pop_back();
        }
        return false;
    }
    const std::string& next = t.literals[k + 1];
    if (next.empty()) {
        // A trailing placeholder runs to the end of the line.
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string v = text.substr(pos, end - pos);
        if (!acceptable_value(t.names[k], v)) return false;
        values.push_back(v);
        if (match(text, end, t, k + 1, values, end_out)) return true;
        values.pop_back();
        return false;
    }
    for (std::size_t at = text.find(next, pos + 1); at != std::string::npos; at = text.find(next, at + 1)) {
        const std::string v = text.substr(pos, at - pos);
        if (!acceptable_value(t.names[k], v)) break;  // longer spans only add more of the same
        values.push_back(v);
        if (match(text, at, t, k + 1, values, end_out)) return true;
        values.pop_back();
    }
    return false;
}

std::string fill(const Template& t, const std::vector<std::string>& values, const std::string& to) {
    std::vector<std::string> names;
    const std::vector<std::string> literals = split(t.text.in(to), &names);
    std::string out = literals[0];
    for (std::size_t i = 0; i < names.size(); ++i) {
        // A plural placeholder takes its word from the count it names.
        const std::size_t bar = names[i].find('|');
        const std::string name = names[i].substr(0, bar);
        for (std::size_t j = 0; j < t.names.size(); ++j)
            if (t.names[j] == name) {
                out += bar == std::string::npos ? values[j] : plural_form(names[i], values[j]);
                break;
            }
        out += literals[i + 1];
    }
    return out;
}

struct Solver {
    const std::string& text;
    const std::vector<Template>& templates;
    const std::string& to;
    std::map<std::size_t, std::optional<std::vector<Phrase>>> memo;

    const std::optional<std::vector<Phrase>>& solve(std::size_t pos) {
        if (auto it = memo.find(pos); it != memo.end()) return it->second;
        auto& slot = memo[pos];
        std::size_t start = pos;
        while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
        if (start == text.size()) {
            slot = std::vector<Phrase>{};
            if (start > pos) slot->push_back(Phrase{"", text.substr(pos), ""});
            return slot;
        }
        for (const Template& t : templates) {
            std::vector<std::string> values;
            std::size_t end = 0;
            if (!match(text, start, t, 0, values, end)) continue;
            if (end < text.size() && text[end] != ' ' && text[end] != '\n') continue;  // whole phrases only
            const auto& rest = solve(end);
            if (!rest) continue;
            std::vector<Phrase> out{Phrase{t.key, text.substr(pos, start - pos), fill(t, values, to)}};
            out.insert(out.end(), rest->begin(), rest->end());
            slot = std::move(out);
            return slot;
        }
        return slot;
    }
};

}  // namespace

std::optional<std::vector<Phrase>> decompose(const std::string& text, const std::string& from, const std::string& to) {
    if (text.empty()) return std::vector<Phrase>{};
    for (const char* lang : {"en", "nl"}) {
        if (!from.empty() && from != lang) continue;
        Solver s{text, book().by_lang.at(lang), to, {}};
        if (auto r = s.solve(0)) return r;
    }
    return std::nullopt;
}

std::string join(const std::vector<Phrase>& phrases) {
    std::string out;
    for (const Phrase& p : phrases) out += p.separator + p.text;
    return out;
}

}  // namespace rehabplan::detail
