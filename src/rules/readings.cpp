#include "rules/readings.hpp"

#include <algorithm>

#include "core/plan.hpp"
#include "rules/rules_internal.hpp"
#include "rules/validator.hpp"

namespace rehabplan::reading {

// ------------------------------------------------------------ progression.graded
std::optional<std::int64_t> progression_reference(std::int64_t previous_week_minutes, std::int64_t best_earlier_minutes) {
    if (previous_week_minutes > 0) return previous_week_minutes;
    if (best_earlier_minutes > 0) return best_earlier_minutes;
    return std::nullopt;
}

std::int64_t progression_baseline_cap(int baseline_minutes, std::int64_t training_days) {
    return std::int64_t{baseline_minutes} * training_days;
}

int progression_first_week_max_bout(int baseline_minutes) { return baseline_minutes; }

std::int64_t progression_increase_cap(const EffectiveRules& rules, std::int64_t reference) {
    return progression_cap(rules, ProgressionQuantity::total, reference);
}

const char* progression_quantity_name(ProgressionQuantity q) {
    switch (q) {
        case ProgressionQuantity::volume: return "volume";
        case ProgressionQuantity::total: return "total";
        case ProgressionQuantity::bout: return "bout";
    }
    return "total";
}

std::int64_t progression_min_step(const EffectiveRules& rules, ProgressionQuantity q) {
    return q == ProgressionQuantity::bout ? rules[params::progression_graded_min_step_bout_minutes]
                                          : rules[params::progression_graded_min_step_week_minutes];
}

std::int64_t progression_cap(const EffectiveRules& rules, ProgressionQuantity q, std::int64_t reference) {
    const std::int64_t pct = rules[params::progression_graded_max_weekly_increase_percent];
    return std::max(reference * (100 + pct) / 100, reference + progression_min_step(rules, q));
}

std::int64_t ProgressionWeek::of(ProgressionQuantity q) const {
    switch (q) {
        case ProgressionQuantity::volume: return volume;
        case ProgressionQuantity::total: return total;
        case ProgressionQuantity::bout: return bout;
    }
    return total;
}

bool progression_bout_session(const SessionPlan& s) {
    return s.type == SessionType::aerobic || s.type == SessionType::dual_task;
}

ProgressionWeek progression_measure(const std::vector<const SessionPlan*>& sessions, const EffectiveRules& rules,
                                    const Patient& patient) {
    ProgressionWeek w;
    std::vector<int> days;
    for (const SessionPlan* s : sessions) {
        if (!is_training(s->type)) continue;
        if (std::find(days.begin(), days.end(), s->date.day_number()) == days.end()) days.push_back(s->date.day_number());
        const int active = active_minutes(*s);
        w.total += active;
        if (progression_bout_session(*s) || s->type == SessionType::hiit) w.aerobic += active;
        w.volume += moderate_equivalent_minutes(*s, rules, &patient);
        if (progression_bout_session(*s)) w.bout = std::max<std::int64_t>(w.bout, longest_bout_minutes(*s));
    }
    w.training_days = static_cast<std::int64_t>(days.size());
    return w;
}

std::optional<std::int64_t> ProgressionHistory::reference(ProgressionQuantity q) const {
    if (weeks.empty()) return std::nullopt;
    std::int64_t best = 0;
    for (std::size_t i = 0; i + 1 < weeks.size(); ++i) best = std::max(best, weeks[i].of(q));
    return progression_reference(weeks.back().of(q), best);
}

ProgressionLimits progression_limits(const EffectiveRules& rules, int baseline_minutes, const ProgressionHistory& history,
                                     std::int64_t training_days) {
    ProgressionLimits out;
    const auto total = history.reference(ProgressionQuantity::total);
    out.baseline_week = !total;
    if (total) out.total = progression_cap(rules, ProgressionQuantity::total, *total);
    if (const auto v = history.reference(ProgressionQuantity::volume); v && total)
        out.volume = std::max(progression_cap(rules, ProgressionQuantity::volume, *v),
                              progression_baseline_cap(baseline_minutes, training_days));
    const auto b = history.reference(ProgressionQuantity::bout);
    const std::int64_t first = progression_first_week_max_bout(baseline_minutes);
    // Without an earlier bout (strength-only weeks, a baseline of 0) the baseline is the reference.
    out.bout = total ? std::max(first, progression_cap(rules, ProgressionQuantity::bout, b.value_or(first))) : first;
    return out;
}

bool progression_intermittent(const EffectiveRules& rules, int baseline_minutes) {
    return baseline_minutes < rules[params::progression_graded_intermittent_below_minutes];
}

int progression_intermittent_rest(const EffectiveRules& rules) {
    return static_cast<int>(rules[params::progression_graded_intermittent_rest_minutes]);
}

std::vector<int> progression_bouts(int active, int max_bout) {
    if (active <= 0) return {};
    if (max_bout <= 0) return {active};
    const int count = (active + max_bout - 1) / max_bout;
    std::vector<int> out(static_cast<std::size_t>(count), active / count);
    for (int i = 0; i < active % count; ++i) ++out[static_cast<std::size_t>(i)];
    return out;
}

int progression_max_class(const EffectiveRules& rules, int previous_class) {
    const int vigorous = static_cast<int>(IntensityClass::vigorous);
    if (previous_class < 0) return vigorous;
    const std::int64_t steps = rules[params::progression_graded_max_intensity_steps_per_week];
    return static_cast<int>(std::min<std::int64_t>(vigorous, previous_class + steps));
}

// ------------------------------------------------------------ hiit.eligibility
std::vector<HiitVerdict> hiit_eligibility(const EffectiveRules& rules, const Patient& patient, Date date, std::int64_t week) {
    const std::string elig = "hiit.eligibility";
    std::vector<HiitVerdict> out;
    if (rules[params::hiit_eligibility_requires_screening] && !patient.hiit_screening_done)
        out.push_back({HiitReason::screening, elig, "requires_screening", ""});
    if (std::string names = reading::intensive_names(rules, patient); !names.empty())
        out.push_back({HiitReason::contraindication, elig, "", std::move(names)});
    for (const auto& c : rules[params::hiit_eligibility_forbidden_conditions])
        for (const auto& pc : patient.conditions)
            if (c == to_string(pc.type)) out.push_back({HiitReason::condition, elig, "forbidden_conditions", c});
    if (const Condition* c = patient.find(ConditionType::concussion); c && c->event_date &&
                                                                       concussion_early_phase(rules, *c->event_date, date))
        out.push_back({HiitReason::concussion_early, "concussion.return", "early_phase_days", ""});
    else if (patient.has(ConditionType::concussion) && !concussion_vigorous_allowed(rules, patient, date))
        out.push_back({HiitReason::concussion_step, "concussion.return", "late_step_min", ""});
    // Never in the first weeks of a build-up, unless the patient already tolerates a
    // longer bout of moderate work (the HIIT session is warm-up, intervals, cool-down).
    if (week <= rules[params::hiit_eligibility_build_up_weeks] && patient.baseline_minutes < rules[params::hiit_eligibility_min_baseline_minutes])
        out.push_back({HiitReason::build_up, elig, "build_up_weeks", ""});
    // HIIT is vigorous work: it needs a doctor's clearance for vigorous work as well as
    // the screening (safety.clearance).
    if (!vigorous_cleared(rules, patient))
        out.push_back({HiitReason::clearance, "safety.clearance", "vigorous_requires_clearance", ""});
    return out;
}

// ------------------------------------------------------------ concussion.return: readings_concussion.cpp

// ------------------------------------------------------------ safety.contraindication
ContraindicationKind contraindication_kind(const EffectiveRules& rules, const std::string& name) {
    const auto in = [&](ListParam param) {
        const auto& list = rules[param];
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    return in(params::safety_contraindication_absolute) ? ContraindicationKind::absolute
           : in(params::safety_contraindication_intensive) ? ContraindicationKind::intensive
                             : ContraindicationKind::unknown;
}

bool blood_pressure_above_limit(const EffectiveRules& rules, const BloodPressure& bp) {
    return bp.systolic > rules[params::safety_contraindication_max_systolic] ||
           bp.diastolic > rules[params::safety_contraindication_max_diastolic];
}

std::string intensive_names(const EffectiveRules& rules, const Patient& patient) {
    std::string out;
    for (const auto& nm : patient.contraindications.named)
        if (contraindication_kind(rules, nm) == ContraindicationKind::intensive) out += (out.empty() ? "" : ", ") + nm;
    return out;
}

Date mi_first_training_day(const EffectiveRules& rules, Date mi) {
    return mi.plus_days(static_cast<int>(rules[params::safety_contraindication_mi_min_days]) + 1);
}

bool mi_window(const EffectiveRules& rules, Date mi, Date date) {
    const std::int64_t since = date.days_since(mi);
    return since >= 0 && since <= rules[params::safety_contraindication_mi_min_days];
}

// ------------------------------------------------------------ safety.clearance
bool cleared(const Patient& patient, ClearanceLevel level) {
    return patient.clearance && static_cast<int>(patient.clearance->level) >= static_cast<int>(level);
}

namespace {
// The name recent_event_conditions uses for a condition: "stroke", "tbi_severe", ...
std::string event_condition_name(const Condition& c) {
    std::string name = to_string(c.type);
    if (c.severity) name += std::string("_") + to_string(*c.severity);
    return name;
}
bool listed(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}
}  // namespace

std::vector<ClearanceReason> clearance_reasons(const EffectiveRules& rules, const Patient& patient, Date start) {
    std::vector<ClearanceReason> out;
    const auto& named = patient.contraindications.named;
    for (std::size_t i = 0; i < named.size(); ++i)
        if (listed(rules[params::safety_clearance_needs_clearance], named[i]))
            out.push_back({ClearanceNeed::unstable, "/contraindications/named/" + std::to_string(i), "needs_clearance",
                           named[i]});
    const std::int64_t event_days = rules[params::safety_clearance_recent_event_days];
    for (std::size_t i = 0; i < patient.conditions.size(); ++i) {
        const Condition& c = patient.conditions[i];
        if (!c.event_date || !listed(rules[params::safety_clearance_recent_event_conditions], event_condition_name(c)))
            continue;
        const std::int64_t since = start.days_since(*c.event_date);
        if (since >= 0 && since <= event_days)
            out.push_back({ClearanceNeed::recent_event, "/conditions/" + std::to_string(i) + "/event_date",
                           "recent_event_days", event_condition_name(c), since});
    }
    if (const auto& mi = patient.contraindications.myocardial_infarction_date) {
        const std::int64_t since = start.days_since(*mi);
        if (since >= 0 && since <= rules[params::safety_clearance_recent_mi_days])
            out.push_back({ClearanceNeed::recent_mi, "/contraindications/myocardial_infarction_date", "recent_mi_days",
                           mi->to_string(), since});
    }
    if (const auto& bp = patient.contraindications.resting_bp;
        bp && !blood_pressure_above_limit(rules, *bp) &&
        bp->systolic > rules[params::safety_clearance_max_systolic_without_clearance])
        out.push_back({ClearanceNeed::blood_pressure, "/contraindications/resting_bp/systolic",
                       "max_systolic_without_clearance", std::to_string(bp->systolic)});
    if (const auto& rest = patient.heart_rate.resting_bpm;
        rest && *rest > rules[params::safety_clearance_max_resting_hr_without_clearance])
        out.push_back({ClearanceNeed::resting_hr, "/heart_rate/resting_bpm", "max_resting_hr_without_clearance",
                       std::to_string(*rest)});
    return out;
}

std::vector<ClearanceReason> clearance_missing(const EffectiveRules& rules, const Patient& patient, Date start) {
    if (patient.clearance) return {};
    return clearance_reasons(rules, patient, start);
}

bool resting_hr_needs_check(const EffectiveRules& rules, const Patient& patient) {
    const auto& rest = patient.heart_rate.resting_bpm;
    return rest && *rest > rules[params::safety_clearance_resting_hr_warning_above];
}

bool vigorous_cleared(const EffectiveRules& rules, const Patient& patient) {
    return !rules[params::safety_clearance_vigorous_requires_clearance] || cleared(patient, ClearanceLevel::vigorous);
}

bool mi_strength_window(const EffectiveRules& rules, Date mi, Date date) {
    const std::int64_t since = date.days_since(mi);
    return since >= 0 && since <= rules[params::safety_clearance_mi_no_strength_days];
}

// ------------------------------------------------------------ week.rest (a logged week)
bool logged_rest_days_skipped(const EffectiveRules& rules, std::int64_t logged_training_days,
                              std::int64_t planned_training_days) {
    const std::int64_t max = week_max_training_days(rules);
    return logged_training_days > max && planned_training_days <= max;
}

// ------------------------------------------------------------ progress.stop_signal
bool symptom_can_stop(const std::string& symptom) { return symptom == "headache" || symptom == "dizziness"; }

std::optional<SymptomStop> symptom_stop(const EffectiveRules& rules, const std::string& symptom, std::optional<int> before,
                                        int after) {
    if (!symptom_can_stop(symptom)) return std::nullopt;
    const auto score = static_cast<int>(rules[params::progress_stop_signal_symptom_stop_score]);
    if (after >= score) return SymptomStop{SymptomStopKind::score, "symptom_stop_score", score};
    const auto rise = static_cast<int>(rules[params::progress_stop_signal_symptom_stop_rise_points]);
    if (before && after - *before >= rise) return SymptomStop{SymptomStopKind::rise, "symptom_stop_rise_points", rise};
    return std::nullopt;
}

// ------------------------------------------------------------ progress.effort
const HeartRateLimit& session_hr_ceiling(const HeartRateZones& zones, std::optional<SessionType> type) {
    if (type == SessionType::hiit && zones.hiit_ceiling) return *zones.hiit_ceiling;
    // The never-exceed limit, not the moderate band an uncleared patient is prescribed
    // within: a peak a few beats over 76 % in a moderate session is not a stop.
    return zones.aerobic.limit;
}

std::optional<int> logged_hr_above_ceiling(const HeartRateLimit& ceiling, std::optional<int> average_bpm,
                                           std::optional<int> peak_bpm) {
    const std::optional<int> highest = peak_bpm ? peak_bpm : average_bpm;
    if (highest && above(*highest, ceiling)) return highest;
    return std::nullopt;
}

bool ceiling_sessions_step_back(const EffectiveRules& rules, std::int64_t sessions) {
    return sessions > rules[params::progress_effort_max_sessions_above_ceiling];
}

// ------------------------------------------------------------ session.duration
DayLength session_day_length(const EffectiveRules& rules, std::int64_t minutes) {
    if (minutes < rules[params::session_duration_min_minutes]) return DayLength::below_min;
    if (minutes > rules[params::session_duration_recommended_max_minutes]) return DayLength::above_recommended;
    return DayLength::within;
}

int session_aimed_minutes(const EffectiveRules& rules, int wanted) {
    const int lo = static_cast<int>(rules[params::session_duration_min_minutes]);
    const int hi = std::max(lo, static_cast<int>(rules[params::session_duration_recommended_max_minutes]));
    return std::clamp(wanted, lo, hi);
}

int session_aerobic_max_minutes(const EffectiveRules& rules) {
    return static_cast<int>(rules[params::session_duration_recommended_max_minutes]);
}

bool session_aerobic_above_max(const EffectiveRules& rules, const SessionPlan& s) {
    return progression_bout_session(s) && s.minutes > session_aerobic_max_minutes(rules);
}

// ------------------------------------------------------------ week.strength
int strength_min_gap_days(const EffectiveRules& rules) {
    return static_cast<int>((rules[params::week_strength_min_hours_between] + 23) / 24);
}

std::int64_t strength_hours_between(std::int64_t days) { return days * 24; }

bool strength_spacing_ok(const EffectiveRules& rules, std::int64_t days) {
    return strength_hours_between(days) >= rules[params::week_strength_min_hours_between];
}

// ------------------------------------------------------------ week.rest
std::int64_t week_max_training_days(const EffectiveRules& rules) {
    return 7 - rules[params::week_rest_min_rest_days];
}

// ------------------------------------------------------------ safety.stop_signals
StopAction stop_signal_action(const EffectiveRules& rules, const std::string& signal) {
    const auto& emergency = rules[params::safety_stop_signals_call_112];
    return std::find(emergency.begin(), emergency.end(), signal) != emergency.end() ? StopAction::call_112
                                                                                      : StopAction::stop_call_therapist;
}

std::vector<std::string> required_stop_signals(const EffectiveRules& rules, const Patient& patient) {
    std::vector<std::string> wanted = rules[params::safety_stop_signals_signals];
    auto add = [&](const std::string& id) {
        if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) wanted.push_back(id);
    };
    const auto& seizure_names = rules[params::safety_stop_signals_seizure_contraindications];
    for (const auto& name : patient.contraindications.named)
        if (std::find(seizure_names.begin(), seizure_names.end(), name) != seizure_names.end()) add("seizure");
    std::vector<std::string> out;
    for (const auto& id : rules[params::safety_stop_signals_call_112])
        if (std::find(wanted.begin(), wanted.end(), id) != wanted.end()) out.push_back(id);
    for (const auto& id : wanted)
        if (stop_signal_action(rules, id) != StopAction::call_112) out.push_back(id);
    return out;
}

FallPrecautions fall_precautions(const EffectiveRules& rules, const Patient& patient) {
    if (patient.falls_past_year && *patient.falls_past_year >= 1) return FallPrecautions::with_company;
    return rules[params::week_balance_fall_precautions] ? FallPrecautions::general : FallPrecautions::none;
}

}  // namespace rehabplan::reading
