#include "core/messages.hpp"

#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/embedded_data.hpp"

namespace rehabplan::detail {

namespace {

const std::map<std::string, Text>& catalog() {
    static const std::map<std::string, Text> c = [] {
        std::map<std::string, Text> out;
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
    std::string out;
    out.reserve(templ.size() + 32);
    for (std::size_t i = 0; i < templ.size(); ++i) {
        if (templ[i] == '{') {
            auto end = templ.find('}', i);
            if (end != std::string::npos) {
                const std::string name = templ.substr(i + 1, end - i - 1);
                bool found = false;
                for (const auto& a : args)
                    if (a.name == name) {
                        out += nl ? a.value.nl : a.value.en;
                        found = true;
                        break;
                    }
                if (!found) throw std::logic_error("message placeholder {" + name + "} has no value");
                i = end;
                continue;
            }
        }
        out += templ[i];
    }
    return out;
}

}  // namespace

Text message(const std::string& key, const std::vector<Arg>& args) {
    auto it = catalog().find(key);
    if (it == catalog().end()) throw std::logic_error("message key " + key + " is not in data/messages.json or data/print.json");
    return Text{fill(it->second.en, args, false), fill(it->second.nl, args, true)};
}

bool has_message(const std::string& key) { return catalog().count(key) > 0; }

const Text& message_template(const std::string& key) {
    auto it = catalog().find(key);
    if (it == catalog().end()) throw std::logic_error("message key " + key + " is not in data/messages.json or data/print.json");
    return it->second;
}

std::vector<std::string> message_keys() {
    std::vector<std::string> keys;
    for (const auto& [k, v] : catalog()) keys.push_back(k);
    return keys;
}

}  // namespace rehabplan::detail
