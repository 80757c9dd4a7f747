// exercise.progression in validate(): a chain of exercises goes at most max_levels_up
// levels up from one prescription to the next (in date order). What the log says of a
// level (done before the next one follows) needs the log: followup/exercise_progress.cpp.
#include <algorithm>
#include <map>
#include <numeric>

#include "rules/finding_builder.hpp"
#include "rules/readings_exercise_progression.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan::detail {

using namespace validation;

void check_exercise_progression(const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out) {
    std::vector<std::size_t> order(plan.sessions.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return plan.sessions[a].date < plan.sessions[b].date; });
    struct Last {
        int level;
        Date date;
    };
    std::map<std::string, Last> last;  // per chain, the prescription before
    for (std::size_t i : order) {
        const SessionPlan& s = plan.sessions[i];
        for (std::size_t k = 0; k < s.exercises.size(); ++k) {
            const ExerciseDose& d = s.exercises[k];
            auto it = last.find(d.chain);
            if (it != last.end() && reading::exercise_level_jump(rules, it->second.level, d.level)) {
                const std::int64_t max = reading::exercise_max_levels_up(rules);
                out.push_back(make_finding(
                    rules, "exercise.progression", Severity::error, sessions_path(i) + "/exercises/" + n(static_cast<std::int64_t>(k)) + "/level",
                    s.date, s.date, "at most level " + n(it->second.level + max), "level " + n(d.level),
                    "exercise.progression.level_jump",
                    {arg("exercise", d.name.empty() ? d.id : d.name), arg("level", n(d.level)),
                     arg("previous", n(it->second.level)), arg("chain", d.chain),
                     arg("previous_date", it->second.date.to_string()), arg("max", n(max))},
                    "max_levels_up"));
            }
            last[d.chain] = {d.level, s.date};
        }
    }
}

}  // namespace rehabplan::detail
