// Outcome measures at the right time: see measures.hpp.
#include "planning/measures.hpp"

#include <algorithm>
#include <optional>

#include "core/json_reader.hpp"
#include "planning/generator_inputs.hpp"
#include "planning/programme.hpp"
#include "rules/readings.hpp"

namespace rehabplan {

const std::vector<const char*>& measure_ids() {
    static const std::vector<const char*> ids = {
        "moca", "moca_v2", "moca_v3", "mmse", "scat6", "scoat6", "child_scat6", "child_scoat6",
        "treadmill_test", "qolibri", "six_minute_walk", "rpq", "tsk"};
    return ids;
}

namespace generation {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool is_training_day(const Plan& plan, Date d) {
    return std::any_of(plan.sessions.begin(), plan.sessions.end(),
                       [&](const SessionPlan& s) { return s.date == d && is_training(s.type); });
}

// The latest training day in (after, due]; `due` when there is none.
Date training_day_on_or_before(const Plan& plan, Date due, Date after) {
    for (Date d = due; after < d; d = d.plus_days(-1))
        if (is_training_day(plan, d)) return d;
    return due;
}

// The measures the programme and the patient's conditions name, in that order; with one
// cognitive screen only (the first of cognitive_screens that is named).
std::vector<std::string> named_measures(const GeneratorInputs& in) {
    std::vector<std::string> measures = in.programme.outcome_measures;
    for (const Condition& c : in.patient.conditions) {
        auto it = in.programmes.measures_by_condition.find(to_string(c.type));
        if (it == in.programmes.measures_by_condition.end()) continue;
        for (const auto& m : it->second)
            if (!contains(measures, m)) measures.push_back(m);
    }
    const MeasureSettings& ms = in.programmes.measures;
    const auto screen = std::find_if(ms.cognitive_screens.begin(), ms.cognitive_screens.end(),
                                     [&](const std::string& s) { return contains(measures, s); });
    if (screen != ms.cognitive_screens.end())
        measures.erase(std::remove_if(measures.begin(), measures.end(),
                                      [&](const std::string& m) { return m != *screen && contains(ms.cognitive_screens, m); }),
                       measures.end());
    return measures;
}

// The day of the brain injury a concussion scale counts from: the concussion's, else the
// TBI's (a concussion is a mild TBI).
std::optional<Date> injury_date(const Patient& p) {
    if (const Condition* c = p.find(ConditionType::concussion)) return c->event_date;
    if (const Condition* c = p.find(ConditionType::tbi)) return c->event_date;
    return std::nullopt;
}

// SCAT6 in the acute days, SCOAT6 in the subacute phase, a symptom questionnaire later.
std::string symptom_scale(const GeneratorInputs& in, Date d, bool first_visit) {
    const GeneratorSettings& g = in.settings;
    const MeasureSettings& ms = in.programmes.measures;
    const std::optional<Date> injury = injury_date(in.patient);
    const std::string child = in.patient.age <= g.child_scat6_max_age ? "child_" : "";
    if (!injury) return child + "scoat6";
    const int days = d.days_since(*injury);
    if (days <= g.early_concussion_days_for_scat6 || (first_visit && days <= g.first_visit_concussion_days_for_scat6))
        return child + "scat6";
    if (days <= ms.scoat6_max_days) return child + "scoat6";
    return ms.late_symptom_measure;
}

}  // namespace

Date nearest_training_day(const Plan& plan, Date due, Date from, Date to) {
    for (int k = 0; due.plus_days(-k) >= from || due.plus_days(k) <= to; ++k) {
        const Date before = due.plus_days(-k);
        const Date after = due.plus_days(k);
        if (before >= from && before <= to && is_training_day(plan, before)) return before;
        if (after >= from && after <= to && is_training_day(plan, after)) return after;
    }
    return due;
}

void outcome_measures(const GeneratorInputs& in, Plan& plan) {
    const GeneratorSettings& g = in.settings;
    const MeasureSettings& ms = in.programmes.measures;
    const Date first = plan.start_date;
    const Date last = plan.end_date();
    // Due at the start, every outcome_interval_weeks and at the end; each on the nearest
    // training day of the plan.
    std::vector<Date> due{first};
    for (int w = g.outcome_interval_weeks; w < plan.weeks; w += g.outcome_interval_weeks) due.push_back(first.plus_days(7 * w));
    if (last != first) due.push_back(last);
    std::vector<Date> dates;
    for (Date d : due) {
        const Date on = nearest_training_day(plan, d, first, last);
        if (std::find(dates.begin(), dates.end(), on) == dates.end()) dates.push_back(on);
    }
    std::sort(dates.begin(), dates.end());

    auto add = [&](Date d, const std::string& m) {
        const bool dup = std::any_of(plan.outcome_measures.begin(), plan.outcome_measures.end(),
                                     [&](const OutcomeMeasure& o) { return o.date == d && o.measure == m; });
        if (!dup) plan.outcome_measures.push_back(OutcomeMeasure{d, m});
    };
    const int retest_days = 7 * ms.cognitive_retest_min_weeks;
    for (const std::string& m : named_measures(in)) {
        if (contains(ms.cognitive_screens, m)) {
            // At the first date, then again only when the retest interval has passed (and
            // an intermediate retest leaves room for the one at the end).
            const auto forms_it = ms.alternate_forms.find(m);
            const std::vector<std::string> forms = forms_it != ms.alternate_forms.end() ? forms_it->second : std::vector<std::string>{m};
            std::optional<Date> previous;
            std::size_t taken = 0;
            for (std::size_t i = 0; i < dates.size(); ++i) {
                const Date d = dates[i];
                const bool is_last = i + 1 == dates.size();
                if (previous && (d.days_since(*previous) < retest_days ||
                                 (!is_last && dates.back().days_since(d) < retest_days)))
                    continue;
                add(d, forms[taken % forms.size()]);
                previous = d;
                ++taken;
            }
        } else if (m == "scat6" || m == "scoat6") {
            for (std::size_t i = 0; i < dates.size(); ++i) add(dates[i], symptom_scale(in, dates[i], i == 0));
        } else {
            for (Date d : dates) add(d, m);
        }
    }
    // A treadmill threshold in use is tested again every threshold_retest_days
    // (concussion.return): on the latest training day before each retest falls due.
    Date previous = first;
    for (Date d : reading::concussion_threshold_retests(in.rules, in.patient, first, last)) {
        if (d.days_since(previous) > static_cast<int>(in.rules[params::concussion_return_threshold_retest_days]))
            d = previous.plus_days(static_cast<int>(in.rules[params::concussion_return_threshold_retest_days]));
        if (d > last) break;
        const Date on = training_day_on_or_before(plan, d, previous);
        add(on, "treadmill_test");
        previous = on;
    }
    std::stable_sort(plan.outcome_measures.begin(), plan.outcome_measures.end(),
                     [](const OutcomeMeasure& a, const OutcomeMeasure& b) { return a.date < b.date; });
}

}  // namespace generation

}  // namespace rehabplan

namespace rehabplan::detail {

void read_outcome_measures(const json& section, std::map<std::string, std::vector<std::string>>& by_condition,
                           MeasureSettings& out) {
    const Names ids(measure_ids().data(), measure_ids().size());
    auto read_list = [&](const json& a, const std::string& path) {
        if (!a.is_array()) fail(path, "expected an array");
        std::vector<std::string> list;
        for (std::size_t i = 0; i < a.size(); ++i) list.push_back(as_enum(a[i], child_path(path, i), ids));
        return list;
    };
    ObjectReader o(section, "/outcome_measures");
    o.string("description", false);
    const json* by = o.object("by_condition", true);
    for (auto it = by->begin(); it != by->end(); ++it) {
        as_enum(it.key(), "/outcome_measures/by_condition", enum_names<ConditionType>());
        by_condition[it.key()] = read_list(it.value(), child_path("/outcome_measures/by_condition", it.key()));
    }
    out.cognitive_screens = read_list(*o.array("cognitive_screens", 1, 8, true), "/outcome_measures/cognitive_screens");
    out.cognitive_retest_min_weeks = static_cast<int>(*o.integer("cognitive_retest_min_weeks", 1, 104, true));
    if (const json* forms = o.object("alternate_forms", false))
        for (auto it = forms->begin(); it != forms->end(); ++it) {
            const std::string path = child_path("/outcome_measures/alternate_forms", it.key());
            as_enum(it.key(), "/outcome_measures/alternate_forms", ids);
            auto list = read_list(it.value(), path);
            if (list.empty() || list.front() != it.key()) fail(path, "expected the measure itself first, then its alternate forms");
            out.alternate_forms[it.key()] = std::move(list);
        }
    out.scoat6_max_days = static_cast<int>(*o.integer("scoat6_max_days", 3, 365, true));
    out.late_symptom_measure = *o.enumeration("late_symptom_measure", ids, true);
    const json* c = o.array("citations", 1, 16, true);
    for (std::size_t i = 0; i < c->size(); ++i)
        out.reference_keys.push_back(as_identifier((*c)[i], child_path("/outcome_measures/citations", i)));
    o.finish();
}

}  // namespace rehabplan::detail
