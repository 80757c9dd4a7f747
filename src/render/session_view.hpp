// Internal: one session of a plan laid out for print (the plan view's days), and what
// the session views of one plan view share.
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/localizer.hpp"
#include "render/plan_view.hpp"

namespace rehabplan::detail {

// The words session views share: a plan repeats its sessions, doses, kinds, lengths and
// block labels week after week, so each distinct one is worded once per view (issue 21).
// The printout's counterpart of the generator's planning/session_texts.
class SessionWording {
public:
    SessionWording(const std::string& language, Localizer& localizer, const ExerciseLibrary& library)
        : lang(language), local(localizer), library_(library) {}

    // A dose's item (name, dose, extra sets and the line of them); valid until the next call.
    const ExerciseItemView& item(const ExerciseDose& d);
    // A catalog word by its key's prefix and the value that ends the key ("print.type." + "aerobic").
    // Both are static strings (literals, enum names), so the memo goes by their addresses:
    // the same address is the same text.
    const std::string& word(const char* prefix, const char* value);
    // "30 min".
    const std::string& minutes(int m);

    const std::string& lang;
    Localizer& local;

private:
    friend SessionView session_view(const Plan& plan, std::size_t index, SessionWording& texts);

    const ExerciseLibrary& library_;
    // The views made so far by title, each with a session it was made for: a session with
    // the same content (all but the date) on another day is printed the same.
    std::unordered_map<std::string, std::vector<std::pair<const SessionPlan*, SessionView>>> sessions_;
    std::unordered_map<std::string, std::vector<std::pair<ExerciseDose, ExerciseItemView>>> items_;
    struct Word {
        const char* prefix;
        const char* value;
        std::string text;
    };
    std::deque<Word> words_;  // a handful; a deque keeps the texts where they are
    std::unordered_map<int, std::string> minutes_;
};

// plan.sessions[index] as printed in texts.lang.
SessionView session_view(const Plan& plan, std::size_t index, SessionWording& texts);

}  // namespace rehabplan::detail
