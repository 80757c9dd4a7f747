#include "core/messages.hpp"

#include <algorithm>
#include <unordered_map>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/embedded_data.hpp"

namespace rehabplan::detail {

std::string plural_form(const std::string& field, const std::string& count) {
    const std::size_t first = field.find('|');
    if (first == std::string::npos) return count;
    const std::size_t second = field.find('|', first + 1);
    if (second == std::string::npos) return field.substr(first + 1);
    return count == "1" ? field.substr(first + 1, second - first - 1) : field.substr(second + 1);
}

std::optional<std::string> fill_placeholders(const std::string& templ, const std::vector<Arg>& args, bool nl,
                                             std::string* missing) {
    // The text between placeholders is copied a run at a time; a '{' without a '}' after
    // it is text, and so is everything after it.
    std::string out;
    out.reserve(templ.size() + 32);
    for (std::size_t i = 0;;) {
        const std::size_t open = templ.find('{', i);
        const std::size_t end = open == std::string::npos ? std::string::npos : templ.find('}', open);
        if (end == std::string::npos) {
            out.append(templ, i, std::string::npos);
            return out;
        }
        out.append(templ, i, open - i);
        const std::string_view field(templ.data() + open + 1, end - open - 1);
        const std::size_t bar = field.find('|');
        const std::string_view name = field.substr(0, bar);
        const auto a = std::find_if(args.begin(), args.end(), [&](const Arg& x) { return x.name == name; });
        if (a == args.end()) {
            if (missing != nullptr) *missing = std::string(name);
            return std::nullopt;
        }
        const std::string& value = nl ? a->value.nl : a->value.en;
        if (bar == std::string_view::npos) out += value;
        else out += plural_form(std::string(field), value);
        i = end + 1;
    }
}

namespace {

// Hashed: a plan view and the generator look up thousands of keys (issue 21).
const std::unordered_map<std::string, Text>& catalog() {
    static const std::unordered_map<std::string, Text> c = [] {
        std::unordered_map<std::string, Text> out;
        // Finding messages and terms (messages.json), the printed plan's strings (print.json).
        const std::pair<std::string_view, const char*> sections[] = {
            {embedded::messages_json(), "messages"}, {embedded::messages_json(), "terms"}, {embedded::print_json(), "print"}};
        for (const auto& [text, section] : sections) {
            auto doc = nlohmann::json::parse(text);
            for (auto it = doc.at(section).begin(); it != doc.at(section).end(); ++it)
                if (!out.emplace(it.key(), Text{it.value().at("en").get<std::string>(), it.value().at("nl").get<std::string>()}).second)
                    throw std::logic_error("message key " + it.key() + " is defined twice");
        }
        return out;
    }();
    return c;
}

std::string fill(const std::string& templ, const std::vector<Arg>& args, bool nl) {
    std::string missing;
    std::optional<std::string> out = fill_placeholders(templ, args, nl, &missing);
    if (!out) throw std::logic_error("message placeholder {" + missing + "} has no value");
    return std::move(*out);
}

}  // namespace

Text message(const std::string& key, const std::vector<Arg>& args) {
    const Text& templ = message_template(key);
    return Text{fill(templ.en, args, false), fill(templ.nl, args, true)};
}

std::string message_in(std::string_view lang, const std::string& key, const std::vector<Arg>& args) {
    const Text& templ = message_template(key);
    const bool nl = lang == "nl";
    return fill(nl ? templ.nl : templ.en, args, nl);
}

bool has_message(const std::string& key) { return find_message_template(key) != nullptr; }

const Text* find_message_template(const std::string& key) {
    auto it = catalog().find(key);
    return it == catalog().end() ? nullptr : &it->second;
}

const Text& message_template(const std::string& key) {
    const Text* t = find_message_template(key);
    if (t == nullptr) throw std::logic_error("message key " + key + " is not in data/messages.json or data/print.json");
    return *t;
}

std::vector<std::string> message_keys() {
    std::vector<std::string> keys;
    for (const auto& [k, v] : catalog()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    return keys;
}

}  // namespace rehabplan::detail
