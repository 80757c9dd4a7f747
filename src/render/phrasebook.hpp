// Internal: translating the text the generator wrote into a plan.
//
// A plan stores its titles, notes and block descriptions in one language (the plan's
// `language`), as free text a therapist may edit. The generator builds that text from
// catalog phrases: programme and slot texts, concussion steps and "gen.*" messages.
// Since 1.4 it also stores those messages beside the text (PlanMessage), and the view
// renders them; this decomposition is what a plan without them (written by 1.3, or by
// hand) still gets.
// A text that is made up entirely of such phrases (placeholders filled with numbers,
// dates or the patient's own words) can be rendered in the other language; anything
// else, such as a therapist's edit, is shown as written.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rehabplan::detail {

struct Phrase {
    std::string key;          // catalog key, or a programme text's key (planning/plan_text.hpp)
    std::string separator;    // the white space before it in the text (" ", "\n", "")
    std::string text;         // the phrase in the requested language, placeholders filled
};

// The text as catalog phrases in `to`, or nullopt when it is not entirely catalog text
// in `from` ("" = either language).
std::optional<std::vector<Phrase>> decompose(const std::string& text, const std::string& from, const std::string& to);

// The phrases joined back together, each after its separator.
std::string join(const std::vector<Phrase>& phrases);

}  // namespace rehabplan::detail
