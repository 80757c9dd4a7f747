#include "planning/hiit_gate.hpp"

#include <algorithm>
#include <iterator>

#include "core/messages.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan::generation {

using detail::arg;

// The first reason of hiit.eligibility's reading, then this programme's own: a
// concussion return's steps never reach HIIT (ranked with the early phase), and
// vigorous work needs moderate work in the last week with an intensity.
HiitBan hiit_ban(const GeneratorInputs& in, Date date, int week, int last_class) {
    const Condition* concussion = in.patient.find(ConditionType::concussion);
    const bool steps = !in.programme.return_ladders.empty() && concussion && concussion->event_date;
    for (const reading::HiitVerdict& v : reading::hiit_eligibility(in.rules, in.patient, date, week + 1)) {
        switch (v.reason) {
            case reading::HiitReason::screening: return HiitBan::screening;
            case reading::HiitReason::contraindication: return HiitBan::contraindication;
            case reading::HiitReason::condition: return HiitBan::condition;
            case reading::HiitReason::concussion_early: return HiitBan::concussion;
            case reading::HiitReason::concussion_step: return HiitBan::concussion_step;
            case reading::HiitReason::build_up: return steps ? HiitBan::concussion : HiitBan::build_up;
            case reading::HiitReason::clearance: return HiitBan::clearance;
        }
    }
    if (steps) return HiitBan::concussion;
    if (static_cast<int>(IntensityClass::vigorous) > reading::progression_max_class(in.rules, last_class))
        return HiitBan::step;
    return HiitBan::none;
}

HiitIntervals hiit_session_intervals(const GeneratorInputs& in, const Plan& plan, Date date) {
    const Date start = in.request.start_date;
    std::optional<int> first = reading::hiit_first_plan_week(plan);
    return reading::hiit_intervals(in.rules, reading::hiit_week_of(start, first, date));
}

int hiit_session_minutes(const GeneratorInputs& in, const HiitIntervals& h) {
    const int main = (h.repeats * (h.work_seconds + h.recovery_seconds) + 59) / 60;
    return in.settings.warm_up_minutes + main + in.settings.cool_down_minutes;
}

bool hiit_spaced(const GeneratorInputs& in, const Plan& plan, const std::vector<Draft>& drafts, Date date, bool supervised) {
    // The last HIIT before `date`: the week's drafts come after the plan's sessions.
    std::optional<Date> last;
    bool last_supervised = false;
    for (const SessionPlan& s : plan.sessions)
        if (s.type == SessionType::hiit && s.date <= date && (!last || s.date >= *last)) {
            last = s.date;
            last_supervised = s.supervised;
        }
    for (const Draft& d : drafts)
        if (d.type == SessionType::hiit && d.date <= date && (!last || d.date >= *last)) {
            last = d.date;
            last_supervised = supervised;  // the same week: the same phase
        }
    return !last || reading::hiit_spacing_ok(in.rules, date.days_since(*last), supervised && last_supervised);
}

void ban(HiitBans& bans, HiitBan reason, int week) { bans[reason].insert(week + 1); }

bool banned(const HiitBans& bans, HiitBan reason, int week) {
    const auto it = bans.find(reason);
    return it != bans.end() && it->second.count(week + 1) > 0;
}

std::string week_list(const std::set<int>& weeks, const std::string& lang) {
    std::string out;
    auto it = weeks.begin();
    while (it != weeks.end()) {
        int a = *it, b = a;
        auto jt = std::next(it);
        while (jt != weeks.end() && *jt == b + 1) b = *jt++;
        out += (out.empty() ? "" : ", ") + (a == b ? n(a) : n(a) + "-" + n(b));
        it = jt;
    }
    const Text word = detail::term(weeks.size() == 1 ? "gen.week" : "gen.weeks");
    return word.in(lang) + " " + out;
}

// One case per reason, each naming its rule, path and parameter: a flat switch reads
// better than split helpers.
void hiit_findings(const GeneratorInputs& in, const HiitBans& bans, GeneratorFindings& findings) {
    const EffectiveRules& rules = in.rules;
    const auto add = [&](const std::string& rule, Severity sev, std::string path, const std::string& key,
                         const std::vector<detail::Arg>& args, const std::string& param = "") {
        add_finding(findings, rules, rule, sev, std::move(path), key, args, param);
    };
    const std::string elig = "hiit.eligibility";
    for (const auto& [b, weeks] : bans) {
        const Text w{week_list(weeks, "en"), week_list(weeks, "nl")};
        switch (b) {
            case HiitBan::screening:
                add(elig, Severity::warning, "/hiit_screening_done", "gen.hiit.screening", {arg("weeks", w)}, "requires_screening");
                break;
            case HiitBan::clearance:
                add("safety.clearance", Severity::warning, "/clearance", "gen.hiit.clearance", {arg("weeks", w)},
                    "vigorous_requires_clearance");
                break;
            case HiitBan::contraindication:
                add(elig, Severity::warning, "/contraindications/named", "gen.hiit.contraindication",
                    {arg("weeks", w), arg("names", reading::intensive_names(rules, in.patient))});
                break;
            case HiitBan::condition: {
                // The forbidden conditions the patient has, as hiit.eligibility's reading names them.
                std::vector<std::string> named;
                for (const reading::HiitVerdict& v : reading::hiit_eligibility(rules, in.patient, in.request.start_date, 1))
                    if (v.reason == reading::HiitReason::condition &&
                        std::find(named.begin(), named.end(), v.detail) == named.end())
                        named.push_back(v.detail);
                std::string c;
                for (const auto& fc : named) c += (c.empty() ? "" : ", ") + fc;
                add(elig, Severity::warning, "/conditions", "gen.hiit.condition", {arg("weeks", w), arg("condition", c)},
                    "forbidden_conditions");
                break;
            }
            case HiitBan::concussion:
                add("concussion.return", Severity::warning, "/conditions", "gen.hiit.concussion",
                    {arg("weeks", w), arg("days", n(rules[params::concussion_return_early_phase_days]))}, "early_phase_days");
                break;
            case HiitBan::concussion_step:
                add("concussion.return", Severity::warning, "/conditions", "gen.hiit.concussion_step",
                    {arg("weeks", w), arg("step", n(rules[params::concussion_return_late_step_min]))}, "late_step_min");
                break;
            case HiitBan::build_up:
                add(elig, Severity::warning, "/baseline_minutes", "gen.hiit.build_up",
                    {arg("weeks", w), arg("build_up", n(rules[params::hiit_eligibility_build_up_weeks])),
                     arg("min", n(rules[params::hiit_eligibility_min_baseline_minutes]))},
                    "build_up_weeks");
                break;
            case HiitBan::step:
                add("progression.graded", Severity::warning, "", "gen.hiit.step", {arg("weeks", w)},
                    "max_intensity_steps_per_week");
                break;
            case HiitBan::dose:
                add("progression.graded", Severity::warning, "", "gen.hiit.dose", {arg("weeks", w)},
                    "max_weekly_increase_percent");
                break;
            case HiitBan::spacing:
                add("hiit.protocol", Severity::info, "", "gen.hiit.spacing",
                    {arg("weeks", w), arg("hours", n(rules[params::hiit_protocol_min_hours_between]))},
                    "min_hours_between");
                break;
            case HiitBan::none: break;
        }
    }
}

}  // namespace rehabplan::generation
