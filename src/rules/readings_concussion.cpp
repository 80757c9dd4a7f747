// concussion.return, read in one place: the stages of the return (Amsterdam 2022), their
// dates and gates, their heart-rate limits, and when vigorous work may come back.
#include <algorithm>
#include <array>

#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan::reading {

namespace {

constexpr std::array<ConcussionStage, 7> all_stages{ConcussionStage::step1,  ConcussionStage::step2a,
                                                    ConcussionStage::step2b, ConcussionStage::step3,
                                                    ConcussionStage::step4,  ConcussionStage::step5,
                                                    ConcussionStage::step6};

}  // namespace

const char* stage_label(ConcussionStage s) {
    static constexpr std::array<const char*, 7> labels{"1", "2A", "2B", "3", "4", "5", "6"};
    return labels[static_cast<std::size_t>(s)];
}

int stage_number(ConcussionStage s) {
    static constexpr std::array<int, 7> numbers{1, 2, 2, 3, 4, 5, 6};
    return numbers[static_cast<std::size_t>(s)];
}

std::optional<ConcussionStage> stage_of(int step, const std::string& sub) {
    switch (step) {
        case 1: return ConcussionStage::step1;
        case 2: return sub == "2B" ? ConcussionStage::step2b : ConcussionStage::step2a;
        case 3: return ConcussionStage::step3;
        case 4: return ConcussionStage::step4;
        case 5: return ConcussionStage::step5;
        case 6: return ConcussionStage::step6;
        default: return std::nullopt;
    }
}

int concussion_step_days(const EffectiveRules& rules) {
    return static_cast<int>((rules[params::concussion_return_min_hours_per_step] + 23) / 24);
}

std::vector<ConcussionStepDate> concussion_schedule(const EffectiveRules& rules, const Patient& patient) {
    const Condition* c = patient.find(ConditionType::concussion);
    if (!c || !c->event_date) return {};
    const std::int64_t resolution_from = rules[params::concussion_return_resolution_from_step];
    const std::int64_t clearance_from = rules[params::concussion_return_clearance_from_step];
    const int step_days = concussion_step_days(rules);
    std::optional<Date> resolved, cleared;
    if (const auto& cr = patient.concussion_return) {
        resolved = cr->symptoms_resolved;
        if (cr->cleared) cleared = cr->cleared->date;
    }
    std::vector<ConcussionStepDate> out;
    std::optional<Date> prev;
    for (const ConcussionStage s : all_stages) {
        ConcussionStepDate d;
        d.stage = s;
        const int number = stage_number(s);
        d.needs_resolution = number >= resolution_from;
        d.needs_clearance = number >= clearance_from;
        std::optional<Date> from;
        if (s == ConcussionStage::step1) {
            from = *c->event_date;
        } else if (prev) {
            int days = step_days;
            if (s == ConcussionStage::step2a)
                days = std::max<int>({step_days, static_cast<int>(rules[params::concussion_return_min_rest_days_after_event]),
                                      static_cast<int>(rules[params::concussion_return_step_1_planned_days])});
            else if (s == ConcussionStage::step2b)
                days = std::max<int>(step_days, static_cast<int>(rules[params::concussion_return_step_2a_planned_days]));
            else if (s == ConcussionStage::step3)
                days = std::max<int>(step_days, static_cast<int>(rules[params::concussion_return_step_2b_planned_days]));
            from = prev->plus_days(days);
            if (d.needs_resolution) from = resolved ? std::optional<Date>(std::max(*from, *resolved)) : std::nullopt;
            if (from && d.needs_clearance) from = cleared ? std::optional<Date>(std::max(*from, *cleared)) : std::nullopt;
        }
        d.from = from;
        prev = from;
        out.push_back(d);
    }
    return out;
}

std::optional<ConcussionStage> concussion_stage_on(const EffectiveRules& rules, const Patient& patient, Date date) {
    std::optional<ConcussionStage> stage;
    for (const ConcussionStepDate& d : concussion_schedule(rules, patient))
        if (d.from && *d.from <= date) stage = d.stage;
    return stage;
}

std::optional<StagePercent> concussion_stage_percent(const EffectiveRules& rules, ConcussionStage s) {
    if (stage_number(s) >= rules[params::concussion_return_late_step_min]) return std::nullopt;
    switch (s) {
        case ConcussionStage::step1:
        case ConcussionStage::step2a:
            return StagePercent{rules[params::concussion_return_step_2a_min_percent_hrmax],
                                rules[params::concussion_return_step_2a_max_percent_hrmax],
                                params::concussion_return_step_2a_min_percent_hrmax,
                                params::concussion_return_step_2a_max_percent_hrmax};
        case ConcussionStage::step2b:
            return StagePercent{rules[params::concussion_return_step_2b_min_percent_hrmax],
                                rules[params::concussion_return_step_2b_max_percent_hrmax],
                                params::concussion_return_step_2b_min_percent_hrmax,
                                params::concussion_return_step_2b_max_percent_hrmax};
        default:
            // Step 3 and any stage a clinic holds below late_step_min: moderate at most.
            return StagePercent{rules[params::intensity_heart_rate_moderate_min_percent],
                                rules[params::intensity_heart_rate_moderate_max_percent],
                                params::intensity_heart_rate_moderate_min_percent,
                                params::intensity_heart_rate_moderate_max_percent};
    }
}

bool concussion_vigorous_allowed(const EffectiveRules& rules, const Patient& patient, Date date) {
    const Condition* c = patient.find(ConditionType::concussion);
    if (!c) return true;
    if (!c->event_date) return false;  // undated: the safe reading
    if (concussion_early_phase(rules, *c->event_date, date)) return false;
    const auto stage = concussion_stage_on(rules, patient, date);
    if (!stage || stage_number(*stage) < rules[params::concussion_return_late_step_min]) return false;
    // A clearance for vigorous work given before the concussion does not cover it.
    return patient.clearance && patient.clearance->level == ClearanceLevel::vigorous && patient.clearance->date &&
           *patient.clearance->date >= *c->event_date;
}

std::optional<Date> concussion_persisting_from(const EffectiveRules& rules, const Patient& patient) {
    const Condition* c = patient.find(ConditionType::concussion);
    if (!c || !c->event_date) return std::nullopt;
    const Date from = c->event_date->plus_days(static_cast<int>(rules[params::concussion_return_persisting_symptoms_days]));
    if (patient.concussion_return && patient.concussion_return->symptoms_resolved &&
        *patient.concussion_return->symptoms_resolved < from)
        return std::nullopt;
    return from;
}

std::vector<Date> concussion_threshold_retests(const EffectiveRules& rules, const Patient& patient, Date from, Date to) {
    std::vector<Date> out;
    if (!patient.has(ConditionType::concussion) || !patient.heart_rate.symptom_threshold_bpm) return out;
    const int every = static_cast<int>(rules[params::concussion_return_threshold_retest_days]);
    for (Date d = from.plus_days(every); d <= to; d = d.plus_days(every)) {
        const auto stage = concussion_stage_on(rules, patient, d);
        if (stage && stage_number(*stage) >= rules[params::concussion_return_late_step_min]) break;
        out.push_back(d);
    }
    return out;
}

ConcussionStage concussion_stage_after_symptoms(const EffectiveRules& rules, ConcussionStage s) {
    if (stage_number(s) < rules[params::concussion_return_resolution_from_step]) return s;
    const auto back = stage_of(static_cast<int>(rules[params::concussion_return_fallback_step]), "2B");
    return back && *back < s ? *back : s;
}

bool concussion_dose_free(const EffectiveRules& rules, ConcussionStage s) {
    return stage_number(s) < rules[params::concussion_return_late_step_min];
}

bool concussion_dose_free_on(const EffectiveRules& rules, const Patient& patient, Date date) {
    const auto stage = concussion_stage_on(rules, patient, date);
    return stage && concussion_dose_free(rules, *stage);
}

std::optional<ConcussionStage> concussion_session_stage(const EffectiveRules& rules, const Patient& patient,
                                                        const SessionPlan& s) {
    const Condition* c = patient.find(ConditionType::concussion);
    if (!c || !c->event_date || s.date < *c->event_date) return std::nullopt;
    if (s.concussion_step)
        if (const auto stated = stage_of(*s.concussion_step, s.concussion_stage)) return stated;
    return concussion_stage_on(rules, patient, s.date);
}

bool concussion_days_dose_free(const EffectiveRules& rules, const Patient& patient, Date from, Date to,
                               const std::vector<SessionPlan>& sessions) {
    // Called for every week of every plan validated: without a dated concussion no day or
    // session can be in steps 1-3, so neither the days nor the sessions are looked at.
    const Condition* c = patient.find(ConditionType::concussion);
    if (!c || !c->event_date) return false;
    for (Date d = from; d <= to; d = d.plus_days(1))
        if (concussion_dose_free_on(rules, patient, d)) return true;
    for (const SessionPlan& s : sessions) {
        if (s.date < from || s.date > to) continue;
        const auto stage = concussion_session_stage(rules, patient, s);
        if (stage && concussion_dose_free(rules, *stage)) return true;
    }
    return false;
}

Date concussion_first_training_day(const EffectiveRules& rules, Date event) {
    return event.plus_days(static_cast<int>(rules[params::concussion_return_min_rest_days_after_event]));
}

bool concussion_rest_day(const EffectiveRules& rules, Date event, Date date) {
    const std::int64_t since = date.days_since(event);
    return since >= 0 && since < rules[params::concussion_return_min_rest_days_after_event];
}

bool concussion_early_phase(const EffectiveRules& rules, Date event, Date date) {
    return date.days_since(event) < rules[params::concussion_return_early_phase_days];
}

}  // namespace rehabplan::reading
