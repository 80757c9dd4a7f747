#include "render/priming_view.hpp"

#include <algorithm>

#include "rules/readings_priming.hpp"

namespace rehabplan::detail {

namespace {

// The plan's record read back as treatments: its window and its rest as the generator
// wrote them, so the printout shows what the plan was made with.
std::vector<PrimingTreatment> recorded_treatments(const Plan& plan) {
    std::vector<PrimingTreatment> out;
    for (const PlanPriming& pp : plan.priming) {
        PrimingTreatment t;
        t.type = pp.type;
        t.dates = pp.dates;
        t.window = pp.window;
        t.rest_on_dates = pp.rest_on_dates;
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

void priming_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er) {
    if (plan.priming.empty()) return;
    const std::vector<PrimingTreatment> treatments = recorded_treatments(plan);
    // Only the plan's own rest counts: a rule set without the treatment in its list must
    // not drop the rest the plan was made with (rest_on_dates carries it).
    const reading::PrimingCalendar cal(er, treatments);
    v.priming_title = tr(lang, "print.priming.title");
    bool rests = false;
    for (const PlanPriming& pp : plan.priming) {
        const std::string name = reading::priming_treatment_name(pp.type).in(lang);
        if (pp.rest_on_dates) {
            rests = true;
            v.priming.push_back(tr(lang, "print.priming.rest", {arg("treatment", name)}));
        }
        const reading::WindowDays days = reading::window_days(pp.window);
        if (days.first > days.last) continue;
        v.priming.push_back(days.first == 0 && days.last == 0
                                ? tr(lang, "print.priming.window_same_day", {arg("treatment", name)})
                                : tr(lang, "print.priming.window", {arg("treatment", name),
                                                                    arg("hours", std::to_string(pp.window.start_hours) + "-" +
                                                                                     std::to_string(pp.window.end_hours))}));
    }
    const std::int64_t after = er[params::priming_dosing_day_rest_days_after];
    if (rests && after > 0) v.priming.push_back(tr(lang, "print.priming.rest_after", {arg("days", std::to_string(after))}));
    v.priming.push_back(tr(lang, "print.priming.honest"));
    v.treatment_days = tr(lang, "print.priming.days");
    for (WeekView& w : v.weeks)
        for (DayView& d : w.days) {
            if (const reading::WindowOpening* rest = cal.resting_after(d.date); rest && d.sessions.empty()) {
                d.treatment = tr(lang, "print.priming.day", {arg("treatment", reading::priming_treatment_name(rest->type).in(lang))});
                d.rest_note.clear();  // a dosing day is not a rest day to fill: the patient may be drowsy
                continue;
            }
            const reading::WindowOpening* w_open = cal.window(d.date);
            if (!w_open) continue;
            const std::string name = reading::priming_treatment_name(w_open->type).in(lang);
            for (SessionView& s : d.sessions)
                if (s.session && reading::is_skill_session(er, *s.session))
                    s.window = w_open->dose == d.date
                                   ? tr(lang, "print.priming.session_same_day", {arg("treatment", name)})
                                   : tr(lang, "print.priming.session",
                                        {arg("treatment", name), arg("date", format_date(w_open->dose, lang, DateStyle::short_form))});
        }
}

}  // namespace rehabplan::detail
