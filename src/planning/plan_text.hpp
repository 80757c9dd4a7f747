// Internal: the messages a plan stores beside its generated texts (PlanMessage), and the
// text each stands for in either language.
//
// A stored key is a "gen.*" entry of the message catalog (data/messages.json) or a text
// of the built-in programmes:
//   programme.<id>.title, programme.<id>.title_sentence (the title as a sentence, "Title."),
//   programme.<id>.summary,
//   programme.<id>.<ladder>.title, .<ladder>.note, .<ladder>.step<L>.title,
//   .<ladder>.step<L>.session_title ("Step L: " and the title, a session's title),
//   .<ladder>.step<L>.description (a concussion return's ladders: sport, daily, learn, work;
//   L the step as printed in lower case, "1", "2a", ...), programme.<id>.flare, .late_symptoms, .new_knock,
//   .gate.symptoms_resolved, .gate.cleared, .persisting, .youth (its notes),
//   slot.<id>.title, slot.<id>.main, slot.<id>.instead.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/plan.hpp"

namespace rehabplan::detail {

// Every programme text by key (the list above; empty texts left out).
const std::vector<std::pair<std::string, Text>>& programme_texts();

// The unfilled text of a storable key, or nullptr for a key this version does not know.
const Text* stored_message_template(const std::string& key);

// The message in both languages, placeholders filled; nullopt when the key is unknown or
// a placeholder has no value (a plan from a later version, or an edited document).
std::optional<Text> message_text(const PlanMessage& m);
// Several messages as one text, each after its separator; nullopt when one is unknown
// or there are none.
std::optional<Text> message_text(const PlanMessage* parts, std::size_t count);
inline std::optional<Text> message_text(const std::vector<PlanMessage>& parts) {
    return message_text(parts.data(), parts.size());
}
inline std::optional<Text> message_text(const PlanMessages& parts) {
    return parts.empty() ? std::nullopt : message_text(&parts.front(), parts.size());
}

inline PlanMessage plan_message(std::string key, std::vector<Arg> args = {}, std::string separator = "") {
    return PlanMessage{std::move(key), std::move(args), std::move(separator)};
}

// What a writer stores beside `text` (written in `lang`): the messages and the text's
// digest, or nullopt when the messages do not give exactly that text (a text cut to its
// field's length, say), which then stays plain text.
std::optional<GeneratedText> generated_text(std::vector<PlanMessage> messages, const std::string& text,
                                            const std::string& lang);

// The text of `source` in both languages while `text` is the text it was generated as:
// its digest matches (the catalog's wording may have changed since), or, without a
// digest, the messages give `text` in `lang` (either language when lang is ""). nullopt
// when the text was edited (the text wins) or a message is unknown.
std::optional<Text> generated_wording(const GeneratedText& source, const std::string& text, const std::string& lang);

}  // namespace rehabplan::detail
