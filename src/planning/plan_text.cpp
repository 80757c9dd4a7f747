#include "planning/plan_text.hpp"

#include <map>

#include "core/messages.hpp"
#include "planning/programme.hpp"

namespace rehabplan::detail {

namespace {

// "Light exercise" -> "light exercise" (ASCII first letter; the titles start with one).
std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string lower_all(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace

const std::vector<std::pair<std::string, Text>>& programme_texts() {
    static const std::vector<std::pair<std::string, Text>> texts = [] {
        std::vector<std::pair<std::string, Text>> out;
        auto add = [&](std::string key, const Text& text) {
            if (!text.en.empty() || !text.nl.empty()) out.emplace_back(std::move(key), text);
        };
        const ProgrammeSet& ps = builtin_programmes();
        for (const auto& [id, p] : ps.programmes) {
            const std::string prefix = "programme." + id;
            add(prefix + ".title", p.title);
            // The generator's notes open with the title as a sentence: "Title. Summary".
            add(prefix + ".title_sentence", Text{p.title.en + ".", p.title.nl + "."});
            add(prefix + ".summary", p.summary);
            for (const auto& [ladder, l] : p.return_ladders) {
                const std::string lp = prefix + "." + to_string(ladder);
                add(lp + ".title", l.title);
                add(lp + ".note", l.note);
                for (const ReturnStepTemplate& st : l.steps) {
                    // step<label> in lower case: message keys are lower-case ("step2a").
                    const std::string sk = lp + ".step" + lower_all(st.step);
                    add(sk + ".title", st.title);
                    // A session's title names its step: "Step 2A: light exercise".
                    add(sk + ".session_title",
                        Text{"Step " + st.step + ": " + lower_first(st.title.en), "Stap " + st.step + ": " + lower_first(st.title.nl)});
                    add(sk + ".description", st.description);
                }
            }
            if (const auto& n = p.return_notes) {
                add(prefix + ".flare", n->flare);
                add(prefix + ".late_symptoms", n->late_symptoms);
                add(prefix + ".new_knock", n->new_knock);
                add(prefix + ".gate.symptoms_resolved", n->gate_symptoms_resolved);
                add(prefix + ".gate.cleared", n->gate_cleared);
                add(prefix + ".persisting", n->persisting);
                add(prefix + ".youth", n->youth);
            }
        }
        for (const auto& [id, s] : ps.slots) {
            add("slot." + id + ".title", s.title);
            add("slot." + id + ".main", s.main);
            add("slot." + id + ".instead", s.instead);
        }
        return out;
    }();
    return texts;
}

const Text* stored_message_template(const std::string& key) {
    if (key.rfind("gen.", 0) == 0) return find_message_template(key);
    static const std::map<std::string, Text> by_key(programme_texts().begin(), programme_texts().end());
    auto it = by_key.find(key);
    return it == by_key.end() ? nullptr : &it->second;
}

std::optional<Text> message_text(const PlanMessage& m) {
    const Text* templ = stored_message_template(m.key);
    if (!templ) return std::nullopt;
    auto en = fill_placeholders(templ->en, m.args, false);
    auto nl = fill_placeholders(templ->nl, m.args, true);
    if (!en || !nl) return std::nullopt;
    return Text{std::move(*en), std::move(*nl)};
}

std::optional<Text> message_text(const PlanMessage* parts, std::size_t count) {
    if (count == 0) return std::nullopt;
    if (count == 1) return message_text(parts[0]);  // the first one's separator is not written
    Text out;
    for (std::size_t i = 0; i < count; ++i) {
        const auto t = message_text(parts[i]);
        if (!t) return std::nullopt;
        if (i > 0) {
            out.en += parts[i].separator;
            out.nl += parts[i].separator;
        }
        out.en += t->en;
        out.nl += t->nl;
    }
    return out;
}

std::optional<GeneratedText> generated_text(std::vector<PlanMessage> messages, const std::string& text,
                                            const std::string& lang) {
    const auto t = message_text(messages);
    if (!t || t->in(lang) != text) return std::nullopt;
    return GeneratedText{std::move(messages), text_digest(text)};
}

std::optional<Text> generated_wording(const GeneratedText& source, const std::string& text, const std::string& lang) {
    auto t = message_text(source.messages);
    if (!t) return std::nullopt;
    const bool as_generated = !source.digest.empty() ? text_digest(text) == source.digest
                              : lang.empty()         ? text == t->en || text == t->nl
                                                     : text == t->in(lang);
    return as_generated ? t : std::nullopt;
}

}  // namespace rehabplan::detail
