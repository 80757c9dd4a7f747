// Internal: the bilingual message catalog (data/messages.json, compiled in).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.hpp"

namespace rehabplan::detail {

// A placeholder value, possibly different per language.
struct Arg {
    std::string name;
    Text value;
    friend bool operator==(const Arg& a, const Arg& b) { return a.name == b.name && a.value == b.value; }
    friend bool operator!=(const Arg& a, const Arg& b) { return !(a == b); }
};
inline Arg arg(std::string name, const std::string& same) { return Arg{std::move(name), Text{same, same}}; }
inline Arg arg(std::string name, Text value) { return Arg{std::move(name), std::move(value)}; }

// Fills {name} placeholders of catalog entry `key` in both languages. An unknown key
// or placeholder is a programming error caught by the catalog test.
Text message(const std::string& key, const std::vector<Arg>& args = {});
// The same in one language, as Text::in picks it ("nl" Dutch, else English): a printout
// needs one, and filling both doubled the cost of every string a plan view makes.
std::string message_in(std::string_view lang, const std::string& key, const std::vector<Arg>& args = {});
// A plural placeholder {name|one|other} stands for one of two words, chosen by the value
// of {name}: "one" when it is exactly "1", else "other" ("op {days} {days|dag|dagen}",
// "{min} {min|day is|days are} recommended"). plural_form() picks it from the field
// "name|one|other" and the count's text.
std::string plural_form(const std::string& field, const std::string& count);
// `templ` with its {name} placeholders filled from `args` in English or Dutch; nullopt when
// a placeholder has no value (its name then in *missing; a stored plan may hold any key and
// args). message() is this on a catalog entry, where a missing value is a programming error.
std::optional<std::string> fill_placeholders(const std::string& templ, const std::vector<Arg>& args, bool nl,
                                             std::string* missing = nullptr);
// A term (class names, field names) in both languages: message() without placeholders.
inline Text term(const std::string& key) { return message(key); }
bool has_message(const std::string& key);
// The catalog entry with its {placeholders} unfilled.
const Text& message_template(const std::string& key);
// The same, nullptr for a key not in the catalog.
const Text* find_message_template(const std::string& key);
std::vector<std::string> message_keys();

}  // namespace rehabplan::detail
