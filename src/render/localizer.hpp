// Internal: generator text of a plan in the view's language (the plan view's titles,
// block descriptions, notes and return steps).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/plan.hpp"
#include "render/phrasebook.hpp"

namespace rehabplan::detail {

// Generator text in the view's language: from the messages stored beside it (a plan
// written since 1.4) while the text is as generated, else decomposed into catalog phrases
// (phrasebook.hpp: a 1.3 plan, or an edited text that is still catalog text). An edited
// text that is not catalog text is printed as written: the text wins over its messages.
// A plan repeats the same titles, blocks and notes week after week, so each distinct
// text with its messages is translated once per view (issue 21: per session it was a
// third of the view's cost).
class Localizer {
public:
    Localizer(const Plan& plan, const std::string& lang) : from_(plan.language), to_(lang) {}

    // The results live in the localizer's memo: copy them before the next call, which may
    // add to the memo of the same text.
    // The text in the view's language when it is generated text, else nullopt.
    const std::optional<std::string>& translated(const std::string& text, const std::optional<GeneratedText>& source);
    // Translated when it is generated text, else as written; printable either way.
    const std::string& text(const std::string& text, const std::optional<GeneratedText>& source);
    // A session note without the sentences that repeat the target or the intervals: the
    // view shows those from the session's numbers, in the view's language.
    const std::string& note(const std::string& note, const std::optional<GeneratedText>& source);

private:
    // Results by text, then by the messages stored with it (few per text).
    template <class R>
    using Memo = std::unordered_map<std::string, std::vector<std::pair<std::optional<GeneratedText>, R>>>;

    std::optional<std::string> translate(const std::string& text, const std::optional<GeneratedText>& source);
    std::string note_text(const std::string& note, const std::optional<GeneratedText>& source);
    const std::optional<std::vector<Phrase>>& phrases(const std::string& text);

    std::string from_, to_;
    std::unordered_map<std::string, std::optional<std::vector<Phrase>>> phrases_;
    Memo<std::optional<std::string>> translated_;
    Memo<std::string> texts_, notes_;
};

}  // namespace rehabplan::detail
