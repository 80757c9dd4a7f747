// The rule set as data: the built-in rules of dosing-rules.md, clinic files that may
// only tighten them (schema/README.md, "A clinic's rule file"), and the parameters in
// force for one patient (schema/README.md, "Effective value").
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

const std::string HR = "intensity.heart_rate";
const std::string PROGRESSION = "progression.graded";
const std::string BALANCE = "week.balance";

// A clinic file holding one rule parameter.
json rule_param(const std::string& rule, const std::string& param, const json& value) {
    json doc;
    doc["schema_version"] = 1;
    doc["rules"][rule]["params"][param] = value;
    return doc;
}

// A clinic file holding one condition parameter.
json condition_param(const std::string& condition, const std::string& rule, const std::string& param,
                     const json& value) {
    json doc;
    doc["schema_version"] = 1;
    doc["conditions"][condition]["params"][rule][param] = value;
    return doc;
}

Result<RuleSet> clinic(const json& doc) { return apply_clinic_rules(builtin_rules(), doc.dump()); }

const ParamValue& rule_value(const RuleSet& set, const std::string& rule, const std::string& param) {
    return set.rules.at(rule).params.at(param).value;
}

std::int64_t rule_int(const RuleSet& set, const std::string& rule, const std::string& param) {
    return std::get<std::int64_t>(rule_value(set, rule, param));
}

std::vector<std::string> builtin_list(const std::string& rule, const std::string& param) {
    return std::get<std::vector<std::string>>(rule_value(builtin_rules(), rule, param));
}

std::vector<std::string> without(std::vector<std::string> list, const std::string& item) {
    list.erase(std::remove(list.begin(), list.end(), item), list.end());
    return list;
}

// Checks a rejected clinic file: the code, the exact JSON Pointer, and that the
// message names each of `words` (the rule, the parameter).
void expect_rejected(const Result<RuleSet>& r, ErrorCode code, const std::string& path,
                     const std::vector<std::string>& words = {}) {
    REQUIRE_FALSE(r.ok());
    CAPTURE(r.error().describe());
    CHECK(to_string(r.error().code) == std::string(to_string(code)));
    CHECK(r.error().path == path);
    CHECK_FALSE(r.error().message.empty());
    for (const auto& w : words) {
        CAPTURE(w);
        CHECK(r.error().message.find(w) != std::string::npos);
    }
}

Patient with_condition(ConditionType type, std::optional<TbiSeverity> severity = std::nullopt, int age = 40) {
    Patient p = test::adult();
    p.age = age;
    Condition c;
    c.type = type;
    if (type == ConditionType::stroke || type == ConditionType::tbi || type == ConditionType::concussion)
        c.event_date = test::d("2026-08-14");
    c.severity = severity;
    p.conditions.push_back(c);
    return p;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

// ---- the built-in rule set ------------------------------------------------------------

TEST_CASE("rules: builtin_rules() has exactly the 14 plan rules of dosing-rules.md, the 3 exercise rules, the 2 priming rules and the 8 rules that judge session logs") {
    const std::set<std::string> expected = {
        "session.duration", "week.sessions",     "week.volume",       "week.strength",        "intensity.heart_rate",
        "hiit.protocol",    "hiit.eligibility",  "week.rest",         "progression.graded",   "safety.contraindication",
        "week.balance",     "concussion.return", "safety.stop_signals", "safety.clearance",
        // progress(): decisions from a session log, and load information
        "progress.stop_signal", "progress.symptoms", "progress.adherence", "progress.quota", "progress.effort",
        "progress.exposure", "progress.recovery", "load.monitoring",
        // named exercises (#20)
        "exercise.suitability", "exercise.dose", "exercise.progression",
        // priming treatments (#22)
        "priming.window", "priming.dosing_day",
    };
    std::set<std::string> ids;
    for (const auto& [id, rule] : builtin_rules().rules) {
        CHECK(rule.id == id);
        ids.insert(id);
    }
    CHECK(ids.size() == 27);
    CHECK(ids == expected);
}

TEST_CASE("rules: severities follow the Conventions (error for safety limits, warning for dose)") {
    const std::set<std::string> errors = {"intensity.heart_rate", "hiit.protocol",      "hiit.eligibility",
                                          "progression.graded",   "concussion.return",  "safety.contraindication",
                                          "safety.stop_signals",  "safety.clearance",   "exercise.suitability",
                                          "exercise.progression", "priming.dosing_day"};
    const std::set<std::string> warnings = {"session.duration", "week.sessions", "week.volume",
                                            "week.strength",    "week.balance",  "week.rest",
                                            "exercise.dose"};
    // Log rules: a stop signal is an error (refer); symptoms are a safety warning (the
    // plan steps back or holds); the rest are warnings, and load is information only.
    const std::map<std::string, std::pair<Severity, bool>> log_rules = {
        {"progress.stop_signal", {Severity::error, true}},   {"progress.symptoms", {Severity::warning, true}},
        {"progress.adherence", {Severity::warning, false}},  {"progress.quota", {Severity::warning, false}},
        {"progress.effort", {Severity::warning, false}},     {"progress.exposure", {Severity::warning, false}},
        {"progress.recovery", {Severity::info, false}}, {"load.monitoring", {Severity::info, false}},
        // A window left unused is information: the timing is not known well enough for more.
        {"priming.window", {Severity::info, false}}};
    for (const auto& [id, rule] : builtin_rules().rules) {
        CAPTURE_BOUND(id);
        if (auto it = log_rules.find(id); it != log_rules.end()) {
            CHECK(rule.severity == it->second.first);
            CHECK(rule.safety == it->second.second);
        } else if (errors.count(id)) {
            CHECK(rule.severity == Severity::error);
            CHECK(rule.safety);
        } else {
            CHECK(warnings.count(id) == 1);
            CHECK(rule.severity == Severity::warning);
            CHECK_FALSE(rule.safety);
        }
    }
}

TEST_CASE("rules: every rule has a title and explanation in en and nl, non-empty and different") {
    for (const auto& [id, rule] : builtin_rules().rules) {
        CAPTURE_BOUND(id);
        CHECK_FALSE(rule.title.en.empty());
        CHECK_FALSE(rule.title.nl.empty());
        CHECK(rule.title.en != rule.title.nl);
        CHECK_FALSE(rule.explanation.en.empty());
        CHECK_FALSE(rule.explanation.nl.empty());
        CHECK(rule.explanation.en != rule.explanation.nl);
        CHECK(rule.title.in("nl") == rule.title.nl);
        CHECK(rule.title.in("en") == rule.title.en);
    }
}

TEST_CASE("rules: every citation of rules, profiles and formulas resolves to a reference text") {
    const RuleSet& set = builtin_rules();
    std::set<std::string> texts;
    for (const auto& [key, text] : set.references) {
        CHECK_FALSE(text.empty());
        texts.insert(text);
    }
    auto check_keys = [&](const std::vector<std::string>& keys) {
        CHECK_FALSE(keys.empty());
        for (const auto& k : keys) {
            CAPTURE(k);
            CHECK(set.references.count(k) == 1);
        }
        const auto cited = set.reference_texts(keys);
        CHECK(cited.size() == std::set<std::string>(keys.begin(), keys.end()).size());
        for (const auto& t : cited) {
            CAPTURE(t);
            CHECK(texts.count(t) == 1);  // a full text, never the bare key
        }
    };
    for (const auto& [id, rule] : set.rules) {
        CAPTURE_BOUND(id);
        check_keys(rule.reference_keys);
    }
    for (const auto& [id, c] : set.conditions) {
        CAPTURE_BOUND(id);
        check_keys(c.reference_keys);
    }
    for (const auto& [id, f] : set.hrmax_formulas) {
        CAPTURE_BOUND(id);
        check_keys(f.reference_keys);
    }
    // The Tanaka reference is the one the docs name.
    CHECK(set.reference_texts({"tanaka2001"}) ==
          std::vector<std::string>{"Tanaka H. et al. Age-predicted maximal heart rate revisited. JACC 37:153, 2001."});
}

TEST_CASE("rules: 7 condition profiles, age_65_plus applies from age 65") {
    const std::set<std::string> expected = {"stroke",    "tbi",         "concussion",  "dementia",
                                            "parkinson", "age_65_plus", "chronic_pain"};
    std::set<std::string> ids;
    for (const auto& [id, c] : builtin_rules().conditions) {
        CAPTURE_BOUND(id);
        CHECK(c.id == id);
        CHECK_FALSE(c.title.en.empty());
        CHECK_FALSE(c.title.nl.empty());
        CHECK(c.min_age.has_value() == (id == "age_65_plus"));
        ids.insert(id);
    }
    CHECK(ids.size() == 7);
    CHECK(ids == expected);
    CHECK(builtin_rules().conditions.at("age_65_plus").min_age == 65);
    const auto& tbi = builtin_rules().conditions.at("tbi");
    CHECK(tbi.severity_params.count("moderate") == 1);
    CHECK(tbi.severity_params.count("severe") == 1);
    CHECK(tbi.severity_params.count("mild") == 0);
}

TEST_CASE("rules: built-in parameters match the table of schema/README.md") {
    struct Row {
        const char* rule;
        const char* param;
        ParamValue value;
        Stricter stricter;
        bool safety;
    };
    using S = Stricter;
    using L = std::vector<std::string>;
    const std::vector<Row> table = {
        {"session.duration", "min_minutes", std::int64_t{45}, S::higher, false},
        {"session.duration", "recommended_max_minutes", std::int64_t{60}, S::lower, false},
        {"week.sessions", "min_sessions", std::int64_t{3}, S::higher, false},
        {"week.volume", "min_minutes", std::int64_t{150}, S::higher, false},
        {"week.volume", "max_minutes", std::int64_t{300}, S::lower, false},
        {"week.volume", "vigorous_factor", std::int64_t{2}, S::fixed, false},
        {"week.strength", "min_days", std::int64_t{2}, S::higher, false},
        {"week.strength", "min_hours_between", std::int64_t{48}, S::higher, false},
        {"intensity.heart_rate", "min_percent_hrmax", std::int64_t{60}, S::higher, false},
        {"intensity.heart_rate", "max_percent_hrmax", std::int64_t{85}, S::lower, true},
        {"intensity.heart_rate", "min_percent_hrr", std::int64_t{40}, S::higher, false},
        {"intensity.heart_rate", "max_percent_hrr", std::int64_t{70}, S::lower, true},
        {"intensity.heart_rate", "moderate_min_percent", std::int64_t{64}, S::fixed, true},
        {"intensity.heart_rate", "moderate_max_percent", std::int64_t{76}, S::fixed, true},
        {"intensity.heart_rate", "vigorous_min_percent", std::int64_t{77}, S::fixed, true},
        {"intensity.heart_rate", "vigorous_max_percent", std::int64_t{95}, S::fixed, true},
        {"intensity.heart_rate", "moderate_min_rpe", std::int64_t{12}, S::fixed, true},
        {"intensity.heart_rate", "moderate_max_rpe", std::int64_t{13}, S::fixed, true},
        {"intensity.heart_rate", "vigorous_min_rpe", std::int64_t{14}, S::fixed, true},
        {"intensity.heart_rate", "vigorous_max_rpe", std::int64_t{17}, S::fixed, true},
        {"intensity.heart_rate", "beta_blocker_rpe_min", std::int64_t{11}, S::higher, false},
        {"intensity.heart_rate", "beta_blocker_rpe_max", std::int64_t{14}, S::lower, true},
        {"intensity.heart_rate", "default_formula", std::string("tanaka"), S::fixed, true},
        {"intensity.heart_rate", "beta_blocker_formula", std::string("brawner"), S::fixed, true},
        {"intensity.heart_rate", "rpe_steers", false, S::true_only, true},
        {"hiit.protocol", "work_seconds", std::int64_t{30}, S::lower, true},
        {"hiit.protocol", "recovery_seconds", std::int64_t{30}, S::higher, true},
        {"hiit.protocol", "repeats", std::int64_t{10}, S::lower, true},
        {"hiit.protocol", "max_percent_hrmax", std::int64_t{95}, S::lower, true},
        {"hiit.protocol", "introduction_weeks", std::int64_t{2}, S::higher, true},
        {"hiit.protocol", "introduction_repeats", std::int64_t{5}, S::lower, true},
        {"hiit.protocol", "introduction_recovery_seconds", std::int64_t{60}, S::higher, true},
        {"hiit.protocol", "min_hours_between", std::int64_t{48}, S::higher, true},
        {"hiit.protocol", "work_rpe_low", std::int64_t{15}, S::lower, true},
        {"hiit.protocol", "work_rpe_high", std::int64_t{17}, S::lower, true},
        {"hiit.eligibility", "requires_screening", true, S::true_only, true},
        {"hiit.eligibility", "forbidden_conditions", L{}, S::superset, true},
        {"hiit.eligibility", "build_up_weeks", std::int64_t{2}, S::higher, true},
        {"hiit.eligibility", "min_baseline_minutes", std::int64_t{20}, S::higher, true},
        {"week.rest", "min_rest_days", std::int64_t{1}, S::higher, false},
        {"week.balance", "min_days", std::int64_t{0}, S::higher, false},
        {"week.balance", "fall_precautions", false, S::true_only, true},
        {"progression.graded", "max_weekly_increase_percent", std::int64_t{20}, S::lower, true},
        {"progression.graded", "max_intensity_steps_per_week", std::int64_t{1}, S::lower, true},
        {"progression.graded", "min_step_bout_minutes", std::int64_t{1}, S::lower, true},
        {"progression.graded", "min_step_week_minutes", std::int64_t{5}, S::lower, true},
        {"progression.graded", "intermittent_below_minutes", std::int64_t{5}, S::higher, false},
        {"progression.graded", "intermittent_rest_minutes", std::int64_t{2}, S::higher, false},
        {"concussion.return", "min_rest_days_after_event", std::int64_t{1}, S::higher, true},
        {"concussion.return", "step_1_planned_days", std::int64_t{2}, S::higher, true},
        {"concussion.return", "min_hours_per_step", std::int64_t{24}, S::higher, true},
        {"concussion.return", "step_2a_planned_days", std::int64_t{3}, S::higher, true},
        {"concussion.return", "step_2b_planned_days", std::int64_t{3}, S::higher, true},
        {"concussion.return", "step_2a_min_percent_hrmax", std::int64_t{45}, S::fixed, false},
        {"concussion.return", "step_2a_max_percent_hrmax", std::int64_t{55}, S::lower, true},
        {"concussion.return", "step_2b_min_percent_hrmax", std::int64_t{55}, S::fixed, false},
        {"concussion.return", "step_2b_max_percent_hrmax", std::int64_t{70}, S::lower, true},
        {"concussion.return", "threshold_min_percent", std::int64_t{80}, S::higher, false},
        {"concussion.return", "threshold_max_percent", std::int64_t{90}, S::lower, true},
        {"concussion.return", "early_phase_days", std::int64_t{14}, S::higher, true},
        {"concussion.return", "late_step_min", std::int64_t{4}, S::higher, true},
        {"concussion.return", "resolution_from_step", std::int64_t{4}, S::lower, true},
        {"concussion.return", "clearance_from_step", std::int64_t{4}, S::lower, true},
        {"concussion.return", "fallback_step", std::int64_t{3}, S::lower, true},
        {"concussion.return", "persisting_symptoms_days", std::int64_t{28}, S::lower, true},
        {"concussion.return", "threshold_retest_days", std::int64_t{14}, S::lower, true},
        {"safety.contraindication", "absolute",
         L{"acute_myocardial_infarction", "unstable_angina", "uncontrolled_arrhythmia",
           "symptomatic_severe_aortic_stenosis", "uncontrolled_heart_failure", "acute_pulmonary_embolism",
           "acute_myocarditis_pericarditis", "acute_aortic_dissection", "acute_systemic_infection"},
         S::superset, true},
        {"safety.contraindication", "intensive", L{"severe_heart_disease", "untreated_epilepsy", "medically_unstable"},
         S::superset, true},
        {"safety.contraindication", "max_systolic", std::int64_t{200}, S::lower, true},
        {"safety.contraindication", "max_diastolic", std::int64_t{110}, S::lower, true},
        {"safety.clearance", "needs_clearance", L{"medically_unstable"}, S::superset, true},
        {"safety.clearance", "recent_event_days", std::int64_t{14}, S::higher, true},
        {"safety.clearance", "recent_event_conditions", L{"stroke", "tbi_moderate", "tbi_severe"}, S::superset, true},
        {"safety.clearance", "recent_mi_days", std::int64_t{42}, S::higher, true},
        {"safety.clearance", "max_systolic_without_clearance", std::int64_t{180}, S::lower, true},
        {"safety.clearance", "max_resting_hr_without_clearance", std::int64_t{120}, S::lower, true},
        {"safety.clearance", "resting_hr_warning_above", std::int64_t{100}, S::lower, true},
        {"safety.clearance", "mi_no_strength_days", std::int64_t{35}, S::higher, true},
        {"safety.clearance", "vigorous_requires_clearance", true, S::true_only, true},
        {"safety.contraindication", "mi_min_days", std::int64_t{2}, S::higher, true},
        {"safety.stop_signals", "signals",
         L{"chest_pain", "unusual_breathlessness", "acute_dizziness", "palpitations", "severe_headache", "calf_pain",
           "emotional_dysregulation"},
         S::superset, true},
        {"safety.stop_signals", "call_112",
         L{"stroke_signs", "worsening_headache", "repeated_vomiting", "seizure", "double_vision", "limb_weakness",
           "increasing_confusion", "neck_pain", "chest_pain"},
         S::superset, true},
        {"safety.stop_signals", "seizure_contraindications", L{"untreated_epilepsy"}, S::superset, true},
        {"progress.stop_signal", "pause_until_seen", true, S::true_only, true},
        {"progress.stop_signal", "symptom_stop_score", std::int64_t{7}, S::lower, true},
        {"progress.stop_signal", "symptom_stop_rise_points", std::int64_t{5}, S::lower, true},
        {"progress.symptoms", "max_rise_points", std::int64_t{2}, S::lower, true},
        {"progress.symptoms", "max_score_rise_points", std::int64_t{2}, S::lower, true},
        {"progress.symptoms", "step_back_min_hours", std::int64_t{24}, S::higher, true},
        {"progress.symptoms", "step_back_conditions", L{"concussion"}, S::superset, true},
        {"progress.adherence", "advance_min_percent", std::int64_t{80}, S::higher, false},
        {"progress.adherence", "step_back_below_percent", std::int64_t{50}, S::higher, false},
        {"progress.quota", "advance_min_percent", std::int64_t{100}, S::higher, false},
        {"progress.quota", "programmes", L{"graded_activity", "graded_exposure"}, S::superset, false},
        {"progress.effort", "max_mean_rpe", std::int64_t{14}, S::lower, false},
        {"progress.effort", "max_sessions_above_zone_percent", std::int64_t{50}, S::lower, false},
        {"progress.effort", "max_sessions_above_ceiling", std::int64_t{1}, S::lower, true},
        {"progress.exposure", "move_on_at_percent", std::int64_t{50}, S::lower, false},
        {"progress.recovery", "enabled_as_decision", false, S::true_only, false},
        {"progress.recovery", "min_mean_sleep_hours", std::int64_t{7}, S::higher, false},
        {"progress.recovery", "min_mean_sleep_hours_13_17", std::int64_t{8}, S::higher, false},
        {"progress.recovery", "min_mean_sleep_hours_6_12", std::int64_t{9}, S::higher, false},
        {"progress.recovery", "poor_quality_nights", std::int64_t{3}, S::lower, false},
        {"progress.recovery", "min_logged_nights", std::int64_t{4}, S::lower, false},
        {"progress.recovery", "max_mean_stress", std::int64_t{7}, S::lower, false},
        {"load.monitoring", "monotony_high_centi", std::int64_t{200}, S::lower, false},
        {"load.monitoring", "acwr_low_centi", std::int64_t{80}, S::fixed, false},
        {"load.monitoring", "acwr_high_centi", std::int64_t{130}, S::fixed, false},
        {"load.monitoring", "chronic_weeks", std::int64_t{4}, S::fixed, false},
        {"exercise.suitability", "easiest_level_min_age", std::int64_t{65}, S::lower, false},
        {"exercise.suitability", "easiest_level_conditions", L{"stroke"}, S::superset, false},
        {"exercise.suitability", "start_level", std::int64_t{2}, S::lower, false},
        {"exercise.suitability", "support_precaution", std::string("support_within_reach"), S::fixed, true},
        {"exercise.dose", "min_sets", std::int64_t{1}, S::higher, false},
        {"exercise.dose", "max_sets", std::int64_t{3}, S::lower, false},
        {"exercise.dose", "start_weeks", std::int64_t{4}, S::higher, false},
        {"exercise.dose", "start_repetitions_low", std::int64_t{10}, S::higher, false},
        {"exercise.dose", "start_repetitions_high", std::int64_t{15}, S::lower, false},
        {"exercise.dose", "start_rpe_low", std::int64_t{12}, S::lower, false},
        {"exercise.dose", "start_rpe_high", std::int64_t{13}, S::lower, false},
        {"exercise.dose", "later_repetitions_low", std::int64_t{8}, S::higher, false},
        {"exercise.dose", "later_repetitions_high", std::int64_t{12}, S::lower, false},
        {"exercise.dose", "later_rpe_low", std::int64_t{14}, S::lower, false},
        {"exercise.dose", "later_rpe_high", std::int64_t{15}, S::lower, false},
        {"exercise.dose", "repetition_rise_per_week", std::int64_t{1}, S::lower, false},
        {"exercise.dose", "min_hold_seconds", std::int64_t{5}, S::fixed, false},
        {"exercise.dose", "max_hold_seconds", std::int64_t{60}, S::fixed, false},
        {"exercise.dose", "affected_side_extra_sets", std::int64_t{1}, S::fixed, false},
        {"exercise.dose", "seconds_per_repetition", std::int64_t{4}, S::fixed, false},
        {"exercise.dose", "changeover_seconds", std::int64_t{30}, S::fixed, false},
        {"exercise.dose", "min_exercises", std::int64_t{4}, S::fixed, false},
        {"exercise.dose", "max_exercises", std::int64_t{8}, S::fixed, false},
        {"exercise.dose", "other_max_exercises", std::int64_t{6}, S::fixed, false},
        {"exercise.progression", "max_levels_up", std::int64_t{1}, S::lower, true},
        {"exercise.progression", "top_sessions", std::int64_t{2}, S::higher, true},
        {"exercise.progression", "pain_rise_points", std::int64_t{2}, S::lower, true},
        {"exercise.progression", "top_seconds", std::int64_t{30}, S::higher, false},
        {"priming.window", "ketamine_start_hours", std::int64_t{24}, S::higher, false},
        {"priming.window", "ketamine_end_hours", std::int64_t{72}, S::lower, false},
        {"priming.window", "esketamine_start_hours", std::int64_t{24}, S::higher, false},
        {"priming.window", "esketamine_end_hours", std::int64_t{72}, S::lower, false},
        {"priming.window", "rtms_start_hours", std::int64_t{0}, S::higher, false},
        {"priming.window", "rtms_end_hours", std::int64_t{1}, S::lower, false},
        {"priming.window", "skill_session_types", L{"dual_task", "balance", "exposure"}, S::superset, false},
        {"priming.window", "skill_exercise_categories", L{"dual_task", "balance", "motor_control"}, S::superset, false},
        {"priming.dosing_day", "treatments", L{"ketamine", "esketamine"}, S::superset, true},
        {"priming.dosing_day", "rest_days_after", std::int64_t{0}, S::higher, true},
    };
    std::size_t params = 0;
    for (const auto& [id, rule] : builtin_rules().rules) params += rule.params.size();
    CHECK(params == table.size());
    for (const auto& row : table) {
        CAPTURE(row.rule);
        CAPTURE(row.param);
        const auto& rules = builtin_rules().rules;
        REQUIRE(rules.count(row.rule) == 1);
        REQUIRE(rules.at(row.rule).params.count(row.param) == 1);
        const Param& p = rules.at(row.rule).params.at(row.param);
        CHECK((p.value == row.value));
        CHECK(std::string(to_string(p.stricter)) == to_string(row.stricter));
        CHECK(p.safety == row.safety);
    }
    // Condition profiles as the table states: stroke 80/55/10/2 and brawner, 65+ 3.
    const auto& c = builtin_rules().conditions;
    CHECK((c.at("stroke").params.at(HR).at("max_percent_hrmax") == ParamValue{std::int64_t{80}}));
    CHECK((c.at("stroke").params.at(HR).at("min_percent_hrmax") == ParamValue{std::int64_t{55}}));
    CHECK((c.at("stroke").params.at(HR).at("beta_blocker_formula") == ParamValue{std::string("brawner")}));
    CHECK((c.at("stroke").params.at(PROGRESSION).at("max_weekly_increase_percent") == ParamValue{std::int64_t{10}}));
    CHECK((c.at("stroke").params.at(BALANCE).at("min_days") == ParamValue{std::int64_t{2}}));
    for (const char* id : {"age_65_plus", "parkinson", "dementia"})
        CHECK((c.at(id).params.at(BALANCE).at("min_days") == ParamValue{std::int64_t{3}}));
    // Stop signals: stroke, tbi and concussion add theirs to everyone's (the table's note).
    auto adds = [&](const char* id, const std::string& signal) {
        const auto& l = std::get<std::vector<std::string>>(c.at(id).params.at("safety.stop_signals").at("signals"));
        return std::find(l.begin(), l.end(), signal) != l.end();
    };
    CHECK(adds("stroke", "stroke_signs"));
    CHECK(adds("tbi", "seizure"));
    for (const char* s : {"worsening_headache", "repeated_vomiting", "seizure", "double_vision", "limb_weakness",
                          "increasing_confusion", "neck_pain"})
        CHECK(adds("concussion", s));
}

TEST_CASE("rules: every row of the parameter table of schema/README.md states the built-in default, stricter and safety") {
    // The table above is the test's own copy; this reads the README's table itself, so the
    // documentation cannot drift from data/rules.json. Lists are checked by their
    // stricter and safety columns only (their defaults are written out in prose).
    const std::string readme = test::read_file("schema/README.md");
    const auto at = readme.find("### Parameters of the built-in rules");
    REQUIRE(at != std::string::npos);
    const auto strip = [](std::string c) {
        while (!c.empty() && c.front() == ' ') c.erase(c.begin());
        while (!c.empty() && c.back() == ' ') c.pop_back();
        if (c.size() >= 2 && c.front() == '`' && c.back() == '`') c = c.substr(1, c.size() - 2);
        return c;
    };
    std::istringstream in(readme.substr(at));
    std::string line;
    std::string rule;
    std::set<std::string> seen;
    bool in_table = false;
    while (std::getline(in, line)) {
        if (line.rfind("|", 0) != 0) {
            if (in_table) break;
            continue;
        }
        in_table = true;
        std::vector<std::string> cells;
        std::string cell;
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '|') {
                cells.push_back(cell);
                cell.clear();
            } else {
                cell += line[i];
            }
        }
        REQUIRE(cells.size() == 5u);
        const std::string param = strip(cells[1]);
        if (param == "parameter" || param.rfind("---", 0) == 0) continue;
        if (!strip(cells[0]).empty()) rule = strip(cells[0]);
        CAPTURE(rule);
        CAPTURE(param);
        const auto& rules = builtin_rules().rules;
        REQUIRE(rules.count(rule) == 1);
        REQUIRE(rules.at(rule).params.count(param) == 1);
        CHECK(seen.insert(rule + " " + param).second);
        const Param& p = rules.at(rule).params.at(param);
        CHECK(strip(cells[3]) == to_string(p.stricter));
        CHECK(strip(cells[4]) == (p.safety ? "yes" : "no"));
        const std::string def = strip(cells[2]);
        if (const auto* i = std::get_if<std::int64_t>(&p.value)) {
            CHECK(def.substr(0, def.find_first_not_of("0123456789")) == std::to_string(*i));
        } else if (const auto* b = std::get_if<bool>(&p.value)) {
            CHECK(def.rfind(*b ? "true" : "false", 0) == 0);
        } else if (const auto* str = std::get_if<std::string>(&p.value)) {
            CHECK((def == *str || def.rfind("`" + *str + "`", 0) == 0));
        }
    }
    std::size_t params = 0;
    for (const auto& [id, r] : builtin_rules().rules) params += r.params.size();
    CHECK(seen.size() == params);
}

TEST_CASE("rules: HRmax formulas are Tanaka, Fox, Gellish, Gulati and Brawner with their expressions") {
    const auto& f = builtin_rules().hrmax_formulas;
    CHECK(f.size() == 5);
    struct Row {
        const char* id;
        std::int64_t intercept_centi;
        std::int64_t slope_centi;
        const char* expression;
    };
    for (const Row& row : {Row{"tanaka", 20800, 70, "208 - 0.7 x age"}, Row{"fox", 22000, 100, "220 - age"},
                           Row{"gellish", 20700, 70, "207 - 0.7 x age"}, Row{"gulati", 20600, 88, "206 - 0.88 x age"},
                           Row{"brawner", 16400, 70, "164 - 0.7 x age"}}) {
        CAPTURE(row.id);
        REQUIRE(f.count(row.id) == 1);
        CHECK(f.at(row.id).id == row.id);
        CHECK(f.at(row.id).intercept_centi == row.intercept_centi);
        CHECK(f.at(row.id).slope_centi == row.slope_centi);
        CHECK(f.at(row.id).expression == row.expression);
    }
}

// ---- JSON round trip --------------------------------------------------------------------

TEST_CASE("rules: to_json(builtin_rules()) is the content of data/rules.json") {
    const json out = json::parse(to_json(builtin_rules()));
    const json file = json::parse(test::read_file("data/rules.json"));
    CHECK(out == file);
}

TEST_CASE("rules: to_json -> parse_rule_set -> to_json gives the same JSON again") {
    const std::string first = to_json(builtin_rules());
    auto parsed = parse_rule_set(first);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    CHECK(to_json(parsed.value()) == first);
    CHECK(parsed.value().rules.size() == 27);
    CHECK(parsed.value().conditions.size() == 7);
}

TEST_CASE("rules: the built-in JSON applied as a clinic file is a no-op") {
    const std::string first = to_json(builtin_rules());
    auto applied = apply_clinic_rules(builtin_rules(), first);
    REQUIRE_MESSAGE(applied.ok(), applied.error().describe());
    CHECK(to_json(applied.value()) == first);
    // ... and so is the minimal clinic file.
    auto minimal = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1})");
    REQUIRE(minimal.ok());
    CHECK(to_json(minimal.value()) == first);
}

TEST_CASE("rules: a clinic-tightened rule set survives its own round trip") {
    json doc = rule_param(HR, "max_percent_hrmax", 80);
    doc["conditions"]["stroke"]["params"][HR]["max_percent_hrmax"] = 75;
    auto tightened = clinic(doc);
    REQUIRE_MESSAGE(tightened.ok(), tightened.error().describe());
    const std::string text = to_json(tightened.value());
    auto again = apply_clinic_rules(tightened.value(), text);
    REQUIRE_MESSAGE(again.ok(), again.error().describe());
    CHECK(to_json(again.value()) == text);
    auto parsed = parse_rule_set(text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    CHECK(to_json(parsed.value()) == text);
}

// ---- clinic files: tightening ---------------------------------------------------------

TEST_CASE("rules: clinic file may tighten session.duration min_minutes to 50") {
    auto r = clinic(rule_param("session.duration", "min_minutes", 50));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(rule_int(r.value(), "session.duration", "min_minutes") == 50);
    // Nothing else changed.
    CHECK(rule_int(r.value(), "session.duration", "recommended_max_minutes") == 60);
    EffectiveRules eff(r.value(), test::adult());
    CHECK(eff.integer("session.duration", "min_minutes") == 50);
    CHECK(eff.source("session.duration", "min_minutes").empty());
    // The built-in set is untouched.
    CHECK(rule_int(builtin_rules(), "session.duration", "min_minutes") == 45);
}

TEST_CASE("rules: clinic file may tighten intensity.heart_rate max_percent_hrmax to 80") {
    auto r = clinic(rule_param(HR, "max_percent_hrmax", 80));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(rule_int(r.value(), HR, "max_percent_hrmax") == 80);
    // Equal to the built-in value is accepted too.
    CHECK(clinic(rule_param(HR, "max_percent_hrmax", 85)).ok());
}

TEST_CASE("rules: clinic file may add absolute contraindication names") {
    auto list = builtin_list("safety.contraindication", "absolute");
    list.push_back("recent_pulmonary_surgery");
    auto r = clinic(rule_param("safety.contraindication", "absolute", list));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    const auto& got = std::get<std::vector<std::string>>(rule_value(r.value(), "safety.contraindication", "absolute"));
    CHECK(got.size() == 10);
    CHECK(contains(got, "recent_pulmonary_surgery"));
    CHECK(contains(got, "unstable_angina"));
    // Order does not matter for a superset.
    std::reverse(list.begin(), list.end());
    CHECK(clinic(rule_param("safety.contraindication", "absolute", list)).ok());
}

TEST_CASE("rules: clinic file may tighten stroke's max_percent_hrmax to 75") {
    auto r = clinic(condition_param("stroke", HR, "max_percent_hrmax", 75));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK((r.value().conditions.at("stroke").params.at(HR).at("max_percent_hrmax") == ParamValue{std::int64_t{75}}));
    // The profile's other parameters are kept.
    CHECK((r.value().conditions.at("stroke").params.at(HR).at("min_percent_hrmax") == ParamValue{std::int64_t{55}}));
    EffectiveRules eff(r.value(), with_condition(ConditionType::stroke));
    CHECK(eff.integer(HR, "max_percent_hrmax") == 75);
    CHECK(eff.source(HR, "max_percent_hrmax") == "stroke");
    CHECK(eff.integer(HR, "min_percent_hrmax") == 55);
}

TEST_CASE("rules: clinic file may tighten progression to 15 %") {
    auto r = clinic(rule_param(PROGRESSION, "max_weekly_increase_percent", 15));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(rule_int(r.value(), PROGRESSION, "max_weekly_increase_percent") == 15);
    CHECK(EffectiveRules(r.value(), test::adult()).integer(PROGRESSION, "max_weekly_increase_percent") == 15);
    // Stroke keeps its stricter 10 %.
    CHECK(EffectiveRules(r.value(), with_condition(ConditionType::stroke))
              .integer(PROGRESSION, "max_weekly_increase_percent") == 10);
}

TEST_CASE("rules: clinic file may use the object form {value, unit}") {
    auto r = clinic(rule_param("session.duration", "min_minutes", json{{"value", 50}, {"unit", "min"}}));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(rule_int(r.value(), "session.duration", "min_minutes") == 50);
    auto full = clinic(rule_param(HR, "max_percent_hrmax",
                                  json{{"value", 80}, {"unit", "%HRmax"}, {"stricter", "lower"}, {"safety", true}}));
    REQUIRE_MESSAGE(full.ok(), full.error().describe());
    CHECK(rule_int(full.value(), HR, "max_percent_hrmax") == 80);
}

TEST_CASE("rules: object form with other unit, direction or safety flag is rejected") {
    expect_rejected(clinic(rule_param("session.duration", "min_minutes", json{{"value", 50}, {"unit", "h"}})),
                    ErrorCode::rules_error, "/rules/session.duration/params/min_minutes/unit");
    expect_rejected(clinic(rule_param(HR, "max_percent_hrmax", json{{"value", 80}, {"stricter", "higher"}})),
                    ErrorCode::rules_error, "/rules/intensity.heart_rate/params/max_percent_hrmax/stricter");
    expect_rejected(clinic(rule_param(HR, "max_percent_hrmax", json{{"value", 90}, {"safety", false}})),
                    ErrorCode::rules_error, "/rules/intensity.heart_rate/params/max_percent_hrmax/safety");
}

TEST_CASE("rules: clinic file may add references and citations") {
    json doc;
    doc["schema_version"] = 1;
    doc["name"] = "Clinic X rules";
    doc["references"]["clinic2026"] = "Clinic X protocol, 2026.";
    doc["rules"]["session.duration"]["citations"] = {"clinic2026"};
    auto r = clinic(doc);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r.value().name == "Clinic X rules");
    CHECK(r.value().references.at("clinic2026") == "Clinic X protocol, 2026.");
    const auto& cites = r.value().rules.at("session.duration").reference_keys;
    CHECK(contains(cites, "clinic2026"));
    CHECK(contains(cites, "ai2022"));  // added to the rule's, not replacing them
    // A citation key without a reference is rejected.
    json bad;
    bad["schema_version"] = 1;
    bad["rules"]["session.duration"]["citations"] = {"nowhere2026"};
    auto rb = clinic(bad);
    REQUIRE_FALSE(rb.ok());
    CHECK(rb.error().code == ErrorCode::rules_error);
    CHECK(rb.error().path.rfind("/rules/session.duration/citations/", 0) == 0);
}

// ---- clinic files: loosening a safety parameter ---------------------------------------

TEST_CASE("rules: clinic file loosening a safety parameter is rejected naming rule, parameter and path") {
    struct Case {
        const char* rule;
        const char* param;
        json value;
    };
    const std::vector<Case> cases = {
        {"intensity.heart_rate", "max_percent_hrmax", 86},
        {"intensity.heart_rate", "max_percent_hrr", 71},
        {"intensity.heart_rate", "beta_blocker_rpe_max", 15},
        {"hiit.protocol", "repeats", 11},
        {"hiit.protocol", "work_seconds", 31},
        {"hiit.protocol", "recovery_seconds", 29},
        {"hiit.protocol", "max_percent_hrmax", 96},
        {"hiit.protocol", "introduction_weeks", 1},
        {"hiit.protocol", "introduction_repeats", 6},
        {"hiit.protocol", "introduction_recovery_seconds", 59},
        {"hiit.protocol", "min_hours_between", 47},
        {"hiit.protocol", "work_rpe_high", 18},
        {"progression.graded", "max_weekly_increase_percent", 21},
        {"progression.graded", "max_intensity_steps_per_week", 2},
        {"progression.graded", "min_step_bout_minutes", 2},
        {"progression.graded", "min_step_week_minutes", 6},
        {"safety.contraindication", "absolute", without(builtin_list("safety.contraindication", "absolute"),
                                                        "unstable_angina")},
        {"safety.contraindication", "intensive", without(builtin_list("safety.contraindication", "intensive"),
                                                         "untreated_epilepsy")},
        {"safety.stop_signals", "signals", without(builtin_list("safety.stop_signals", "signals"), "chest_pain")},
        {"safety.contraindication", "max_systolic", 201},
        {"safety.contraindication", "max_diastolic", 111},
        {"safety.contraindication", "mi_min_days", 1},
        {"hiit.eligibility", "requires_screening", false},
        {"concussion.return", "early_max_percent_hrmax", 71},
        {"concussion.return", "threshold_max_percent", 91},
        {"concussion.return", "min_hours_per_step", 23},
        {"concussion.return", "early_phase_days", 13},
    };
    for (const auto& c : cases) {
        CAPTURE(c.rule);
        CAPTURE(c.param);
        expect_rejected(clinic(rule_param(c.rule, c.param, c.value)), ErrorCode::rules_error,
                        std::string("/rules/") + c.rule + "/params/" + c.param, {c.rule, c.param});
    }
}

TEST_CASE("rules: max_percent_hrmax 86 is rejected at /rules/intensity.heart_rate/params/max_percent_hrmax") {
    expect_rejected(clinic(rule_param(HR, "max_percent_hrmax", 86)), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/max_percent_hrmax",
                    {"intensity.heart_rate", "max_percent_hrmax", "86", "85"});
    // The object form is checked the same way.
    expect_rejected(clinic(rule_param(HR, "max_percent_hrmax", json{{"value", 86}})), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/max_percent_hrmax", {"intensity.heart_rate", "max_percent_hrmax"});
}

TEST_CASE("rules: removing every stop signal or every absolute contraindication is rejected") {
    expect_rejected(clinic(rule_param("safety.stop_signals", "signals", json::array())), ErrorCode::rules_error,
                    "/rules/safety.stop_signals/params/signals", {"safety.stop_signals", "signals"});
    // Replacing an item by another of the same count is still a removal.
    auto list = without(builtin_list("safety.contraindication", "absolute"), "acute_systemic_infection");
    list.push_back("something_else");
    expect_rejected(clinic(rule_param("safety.contraindication", "absolute", list)), ErrorCode::rules_error,
                    "/rules/safety.contraindication/params/absolute", {"safety.contraindication", "absolute"});
}

TEST_CASE("rules: clinic file loosening stroke's max_percent_hrmax to 81 is rejected") {
    expect_rejected(clinic(condition_param("stroke", HR, "max_percent_hrmax", 81)), ErrorCode::rules_error,
                    "/conditions/stroke/params/intensity.heart_rate/max_percent_hrmax",
                    {"intensity.heart_rate", "max_percent_hrmax"});
    // 80 (unchanged) and 75 (tighter) are fine; 85 (the rule's own value) is looser than stroke's 80.
    CHECK(clinic(condition_param("stroke", HR, "max_percent_hrmax", 80)).ok());
    expect_rejected(clinic(condition_param("stroke", HR, "max_percent_hrmax", 85)), ErrorCode::rules_error,
                    "/conditions/stroke/params/intensity.heart_rate/max_percent_hrmax");
    // Stroke's progression limit too.
    expect_rejected(clinic(condition_param("stroke", PROGRESSION, "max_weekly_increase_percent", 11)),
                    ErrorCode::rules_error,
                    "/conditions/stroke/params/progression.graded/max_weekly_increase_percent",
                    {"progression.graded", "max_weekly_increase_percent"});
}

TEST_CASE("rules: clinic file may not let a profile loosen a safety parameter it did not set") {
    // Dementia sets no heart-rate limit: its value is compared with the rule's 85.
    expect_rejected(clinic(condition_param("dementia", HR, "max_percent_hrmax", 90)), ErrorCode::rules_error,
                    "/conditions/dementia/params/intensity.heart_rate/max_percent_hrmax",
                    {"intensity.heart_rate", "max_percent_hrmax"});
    auto ok = clinic(condition_param("dementia", HR, "max_percent_hrmax", 80));
    REQUIRE_MESSAGE(ok.ok(), ok.error().describe());
    EffectiveRules eff(ok.value(), with_condition(ConditionType::dementia));
    CHECK(eff.integer(HR, "max_percent_hrmax") == 80);
    CHECK(eff.source(HR, "max_percent_hrmax") == "dementia");
}

TEST_CASE("rules: clinic file loosening tbi moderate progression to 15 (looser than 10) is rejected") {
    json doc;
    doc["schema_version"] = 1;
    doc["conditions"]["tbi"]["severity_params"]["moderate"][PROGRESSION]["max_weekly_increase_percent"] = 15;
    expect_rejected(clinic(doc), ErrorCode::rules_error,
                    "/conditions/tbi/severity_params/moderate/progression.graded/max_weekly_increase_percent",
                    {"progression.graded", "max_weekly_increase_percent"});
    // 8 is tighter and accepted; mild (no built-in override) may go to 15 (tighter than 20).
    doc["conditions"]["tbi"]["severity_params"]["moderate"][PROGRESSION]["max_weekly_increase_percent"] = 8;
    doc["conditions"]["tbi"]["severity_params"]["mild"][PROGRESSION]["max_weekly_increase_percent"] = 15;
    auto r = clinic(doc);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(EffectiveRules(r.value(), with_condition(ConditionType::tbi, TbiSeverity::moderate))
              .integer(PROGRESSION, "max_weekly_increase_percent") == 8);
    CHECK(EffectiveRules(r.value(), with_condition(ConditionType::tbi, TbiSeverity::mild))
              .integer(PROGRESSION, "max_weekly_increase_percent") == 15);
    CHECK(EffectiveRules(r.value(), with_condition(ConditionType::tbi, TbiSeverity::severe))
              .integer(PROGRESSION, "max_weekly_increase_percent") == 10);
}

// ---- clinic files: non-safety and fixed parameters ------------------------------------

TEST_CASE("rules: clinic file may loosen a non-safety parameter (session.duration min_minutes 30)") {
    auto r = clinic(rule_param("session.duration", "min_minutes", 30));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(rule_int(r.value(), "session.duration", "min_minutes") == 30);
    auto floor = clinic(rule_param(HR, "min_percent_hrmax", 50));  // non-safety in a safety rule
    REQUIRE_MESSAGE(floor.ok(), floor.error().describe());
    CHECK(rule_int(floor.value(), HR, "min_percent_hrmax") == 50);
}

TEST_CASE("rules: clinic file changing a fixed parameter is rejected") {
    expect_rejected(clinic(rule_param("week.volume", "vigorous_factor", 3)), ErrorCode::rules_error,
                    "/rules/week.volume/params/vigorous_factor", {"week.volume", "vigorous_factor", "fixed"});
    expect_rejected(clinic(rule_param(HR, "default_formula", "fox")), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/default_formula",
                    {"intensity.heart_rate", "default_formula", "fixed"});
    expect_rejected(clinic(rule_param(HR, "moderate_min_percent", 60)), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/moderate_min_percent");
    expect_rejected(clinic(rule_param(HR, "beta_blocker_formula", "tanaka")), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/beta_blocker_formula");
    expect_rejected(clinic(rule_param(HR, "moderate_max_percent", 80)), ErrorCode::rules_error,
                    "/rules/intensity.heart_rate/params/moderate_max_percent");
    // Restating the fixed value is not a change.
    CHECK(clinic(rule_param("week.volume", "vigorous_factor", 2)).ok());
    CHECK(clinic(rule_param(HR, "default_formula", "tanaka")).ok());
}

TEST_CASE("rules: clinic file changing a fixed parameter inside a condition profile is rejected") {
    expect_rejected(clinic(condition_param("dementia", HR, "beta_blocker_formula", "brawner")), ErrorCode::rules_error,
                    "/conditions/dementia/params/intensity.heart_rate/beta_blocker_formula",
                    {"intensity.heart_rate", "beta_blocker_formula", "fixed"});
    expect_rejected(clinic(condition_param("stroke", HR, "beta_blocker_formula", "fox")), ErrorCode::rules_error,
                    "/conditions/stroke/params/intensity.heart_rate/beta_blocker_formula");
    CHECK(clinic(condition_param("stroke", HR, "beta_blocker_formula", "brawner")).ok());
}

// ---- clinic files: what cannot be added or changed --------------------------------------

TEST_CASE("rules: clinic file with an unknown rule ID is rejected at its path") {
    json doc;
    doc["schema_version"] = 1;
    doc["rules"]["week.cardio"]["params"]["min_minutes"] = 10;
    expect_rejected(clinic(doc), ErrorCode::rules_error, "/rules/week.cardio", {"week.cardio"});
    // In a condition's params too.
    expect_rejected(clinic(condition_param("stroke", "week.cardio", "min_minutes", 10)), ErrorCode::rules_error,
                    "/conditions/stroke/params/week.cardio", {"week.cardio"});
}

TEST_CASE("rules: clinic file with an unknown parameter is rejected at its path") {
    expect_rejected(clinic(rule_param("session.duration", "max_minutes", 90)), ErrorCode::rules_error,
                    "/rules/session.duration/params/max_minutes", {"max_minutes", "session.duration"});
    expect_rejected(clinic(condition_param("stroke", HR, "max_percent", 75)), ErrorCode::rules_error,
                    "/conditions/stroke/params/intensity.heart_rate/max_percent", {"max_percent"});
}

TEST_CASE("rules: clinic file citing an unknown reference is rejected at its own index, not the merged list's") {
    json doc;
    doc["schema_version"] = 1;
    doc["rules"]["week.volume"]["citations"] = json::array({"who2020", "nobody2031"});
    // week.volume cites three references built in; the clinic's second entry is index 1.
    expect_rejected(clinic(doc), ErrorCode::rules_error, "/rules/week.volume/citations/1", {"nobody2031"});
    json cond;
    cond["schema_version"] = 1;
    cond["conditions"]["stroke"]["citations"] = json::array({"nobody2031"});
    expect_rejected(clinic(cond), ErrorCode::rules_error, "/conditions/stroke/citations/0", {"nobody2031"});
}

TEST_CASE("rules: clinic file with an unknown condition is rejected at its path") {
    expect_rejected(clinic(condition_param("asthma", HR, "max_percent_hrmax", 75)), ErrorCode::rules_error,
                    "/conditions/asthma", {"asthma"});
}

TEST_CASE("rules: clinic file with a wrong value type is rejected at its path") {
    expect_rejected(clinic(rule_param("session.duration", "min_minutes", "fifty")), ErrorCode::rules_error,
                    "/rules/session.duration/params/min_minutes");
    expect_rejected(clinic(rule_param("hiit.eligibility", "requires_screening", 1)), ErrorCode::rules_error,
                    "/rules/hiit.eligibility/params/requires_screening");
    expect_rejected(clinic(rule_param("safety.stop_signals", "signals", "chest_pain")), ErrorCode::rules_error,
                    "/rules/safety.stop_signals/params/signals");
    expect_rejected(clinic(rule_param("session.duration", "min_minutes", json{{"value", true}})),
                    ErrorCode::rules_error, "/rules/session.duration/params/min_minutes");
    expect_rejected(clinic(condition_param("stroke", HR, "max_percent_hrmax", "75")), ErrorCode::rules_error,
                    "/conditions/stroke/params/intensity.heart_rate/max_percent_hrmax");
}

TEST_CASE("rules: clinic file changing a built-in reference text is rejected") {
    json doc;
    doc["schema_version"] = 1;
    doc["references"]["ai2022"] = "Someone else, 2022.";
    expect_rejected(clinic(doc), ErrorCode::rules_error, "/references/ai2022", {"ai2022"});
    // Restating it unchanged is fine.
    doc["references"]["ai2022"] = builtin_rules().references.at("ai2022");
    CHECK(clinic(doc).ok());
}

TEST_CASE("rules: clinic file adding or changing an HRmax formula is rejected") {
    json doc;
    doc["schema_version"] = 1;
    doc["hrmax_formulas"]["nes"] = {
        {"intercept", 211}, {"slope", 0.64}, {"expression", "211 - 0.64 x age"}, {"citations", {"tanaka2001"}}};
    expect_rejected(clinic(doc), ErrorCode::rules_error, "/hrmax_formulas/nes");

    json change;
    change["schema_version"] = 1;
    change["hrmax_formulas"]["tanaka"] = {
        {"intercept", 208}, {"slope", 0.8}, {"expression", "208 - 0.7 x age"}, {"citations", {"tanaka2001"}}};
    expect_rejected(clinic(change), ErrorCode::rules_error, "/hrmax_formulas/tanaka", {"tanaka"});
}

TEST_CASE("rules: clinic file changing a rule's severity or other fixed fields is rejected") {
    json doc;
    doc["schema_version"] = 1;
    doc["rules"]["session.duration"]["severity"] = "error";
    expect_rejected(clinic(doc), ErrorCode::rules_error, "/rules/session.duration/severity");

    json down;
    down["schema_version"] = 1;
    down["rules"]["safety.stop_signals"]["severity"] = "warning";
    expect_rejected(clinic(down), ErrorCode::rules_error, "/rules/safety.stop_signals/severity");

    json safety;
    safety["schema_version"] = 1;
    safety["rules"][HR]["safety"] = false;
    expect_rejected(clinic(safety), ErrorCode::rules_error, "/rules/intensity.heart_rate/safety");

    json title;
    title["schema_version"] = 1;
    title["rules"]["week.rest"]["title"] = {{"en", "Rest"}, {"nl", "Rust"}};
    expect_rejected(clinic(title), ErrorCode::rules_error, "/rules/week.rest/title");

    json age;
    age["schema_version"] = 1;
    age["conditions"]["age_65_plus"]["min_age"] = 70;
    expect_rejected(clinic(age), ErrorCode::rules_error, "/conditions/age_65_plus/min_age");

    // Restating the severity unchanged is accepted.
    doc["rules"]["session.duration"]["severity"] = "warning";
    CHECK(clinic(doc).ok());
}

TEST_CASE("rules: clinic file without schema_version is a schema_error at /schema_version") {
    json doc;
    doc["rules"]["session.duration"]["params"]["min_minutes"] = 50;
    expect_rejected(clinic(doc), ErrorCode::schema_error, "/schema_version");
    expect_rejected(apply_clinic_rules(builtin_rules(), "{}"), ErrorCode::schema_error, "/schema_version");
    expect_rejected(apply_clinic_rules(builtin_rules(), R"({"schema_version": 2})"), ErrorCode::schema_error,
                    "/schema_version");
}

TEST_CASE("rules: clinic file with an unknown top-level field is a schema_error") {
    auto r = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rulez": {}})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::schema_error);
    CHECK(r.error().path == "/rulez");
}

TEST_CASE("rules: clinic file that is not JSON is a parse_error") {
    for (const char* text : {"", "not json", "{\"schema_version\": 1,}", "{\"schema_version\": 1", "[1, 2"}) {
        CAPTURE(text);
        auto r = apply_clinic_rules(builtin_rules(), text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::parse_error);
    }
    auto p = parse_rule_set("not json");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == ErrorCode::parse_error);
}

TEST_CASE("rules: parse_rule_set rejects a condition profile that loosens a safety parameter") {
    json doc = json::parse(test::read_file("data/rules.json"));
    doc["conditions"]["stroke"]["params"][HR]["max_percent_hrmax"] = 90;
    auto r = parse_rule_set(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::rules_error);
    CHECK(r.error().path == "/conditions/stroke/params/intensity.heart_rate/max_percent_hrmax");
}

TEST_CASE("rules: parse_rule_set rejects a rule set lacking a parameter the code reads") {
    json doc = json::parse(test::read_file("data/rules.json"));
    doc["rules"][HR]["params"].erase("max_percent_hrr");
    auto r = parse_rule_set(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::rules_error);
    CHECK(r.error().path == "/rules/intensity.heart_rate/params/max_percent_hrr");
}

TEST_CASE("rules: parse_rule_set rejects a formula parameter that names no HRmax formula") {
    // Bug (reported): default_formula / beta_blocker_formula are not checked against
    // hrmax_formulas at load; hrmax() then silently falls back to the default formula.
    json typo = json::parse(test::read_file("data/rules.json"));
    typo["conditions"]["stroke"]["params"][HR]["beta_blocker_formula"] = "brawnr";
    auto r = parse_rule_set(typo.dump());
    CHECK_FALSE(r.ok());
    if (!r.ok()) {
        CHECK(r.error().code == ErrorCode::rules_error);
        CHECK(r.error().path == "/conditions/stroke/params/intensity.heart_rate/beta_blocker_formula");
    }
    json unknown = json::parse(test::read_file("data/rules.json"));
    unknown["rules"][HR]["params"]["default_formula"]["value"] = "foo";
    auto u = parse_rule_set(unknown.dump());
    CHECK_FALSE(u.ok());
    if (!u.ok()) CHECK(u.error().path == "/rules/intensity.heart_rate/params/default_formula/value");
}

// ---- EffectiveRules -----------------------------------------------------------------

TEST_CASE("rules: an adult without conditions gets the built-in values with source \"\"") {
    EffectiveRules eff(builtin_rules(), test::adult());
    CHECK(eff.active_profiles().empty());
    for (const auto& [rid, rule] : builtin_rules().rules) {
        for (const auto& [pid, param] : rule.params) {
            CAPTURE_BOUND(rid);
            CAPTURE_BOUND(pid);
            CHECK(eff.source(rid, pid).empty());
            switch (param.value.index()) {
                case 0: CHECK(eff.integer(rid, pid) == std::get<std::int64_t>(param.value)); break;
                case 1: CHECK(eff.flag(rid, pid) == std::get<bool>(param.value)); break;
                case 2: CHECK(eff.text(rid, pid) == std::get<std::string>(param.value)); break;
                default: CHECK(eff.list(rid, pid) == std::get<std::vector<std::string>>(param.value)); break;
            }
        }
    }
    CHECK(eff.integer(HR, "max_percent_hrmax") == 85);
    CHECK(eff.integer(HR, "min_percent_hrmax") == 60);
    CHECK(eff.integer(PROGRESSION, "max_weekly_increase_percent") == 20);
    CHECK(eff.integer(BALANCE, "min_days") == 0);
    CHECK(eff.text(HR, "beta_blocker_formula") == "brawner");  // Brawner for every beta-blocked patient
    CHECK_FALSE(eff.flag(HR, "rpe_steers"));
    CHECK(&eff.rule_set() == &builtin_rules());
    CHECK(eff.rule(HR).id == HR);
}

TEST_CASE("rules: a stroke patient gets 55-80 % HRmax and 10 % progression from the stroke profile") {
    EffectiveRules eff(builtin_rules(), with_condition(ConditionType::stroke));
    CHECK(eff.active_profiles() == std::vector<std::string>{"stroke"});
    CHECK(eff.integer(HR, "max_percent_hrmax") == 80);
    CHECK(eff.source(HR, "max_percent_hrmax") == "stroke");
    CHECK(eff.integer(HR, "min_percent_hrmax") == 55);
    CHECK(eff.source(HR, "min_percent_hrmax") == "stroke");
    CHECK(eff.integer(PROGRESSION, "max_weekly_increase_percent") == 10);
    CHECK(eff.source(PROGRESSION, "max_weekly_increase_percent") == "stroke");
    CHECK(eff.integer(BALANCE, "min_days") == 2);
    CHECK(eff.text(HR, "beta_blocker_formula") == "brawner");
    CHECK(eff.flag(HR, "rpe_steers"));  // Borg 11-14 steers after a stroke (AHA/ASA 2014)
    CHECK(eff.source(HR, "rpe_steers") == "stroke");
    // Parameters the profile does not set stay the rule's own.
    CHECK(eff.integer(HR, "max_percent_hrr") == 70);
    CHECK(eff.source(HR, "max_percent_hrr").empty());
    CHECK(eff.integer("session.duration", "min_minutes") == 45);
}

TEST_CASE("rules: week.balance min_days is 3 from age 65 (age_65_plus) and 0 at 64") {
    Patient p65 = test::adult();
    p65.age = 65;
    EffectiveRules e65(builtin_rules(), p65);
    CHECK(e65.integer(BALANCE, "min_days") == 3);
    CHECK(e65.source(BALANCE, "min_days") == "age_65_plus");
    CHECK(e65.active_profiles() == std::vector<std::string>{"age_65_plus"});

    Patient p64 = test::adult();
    p64.age = 64;
    EffectiveRules e64(builtin_rules(), p64);
    CHECK(e64.integer(BALANCE, "min_days") == 0);
    CHECK(e64.source(BALANCE, "min_days").empty());
    CHECK(e64.active_profiles().empty());
}

TEST_CASE("rules: progression limit is 20 after mild TBI and concussion, 10 after moderate or severe TBI") {
    struct Case {
        ConditionType type;
        std::optional<TbiSeverity> severity;
        std::int64_t expected;
        const char* source;
    };
    for (const Case& c : {Case{ConditionType::tbi, TbiSeverity::mild, 20, ""},
                          Case{ConditionType::tbi, TbiSeverity::moderate, 10, "tbi"},
                          Case{ConditionType::tbi, TbiSeverity::severe, 10, "tbi"},
                          Case{ConditionType::concussion, std::nullopt, 20, ""}}) {
        CAPTURE(to_string(c.type));
        CAPTURE(c.severity ? to_string(*c.severity) : "none");
        EffectiveRules eff(builtin_rules(), with_condition(c.type, c.severity));
        CHECK(eff.integer(PROGRESSION, "max_weekly_increase_percent") == c.expected);
        CHECK(eff.source(PROGRESSION, "max_weekly_increase_percent") == c.source);
    }
}

TEST_CASE("rules: stroke at age 70 gets the strictest balance value (3 from age_65_plus)") {
    EffectiveRules eff(builtin_rules(), with_condition(ConditionType::stroke, std::nullopt, 70));
    CHECK(eff.integer(BALANCE, "min_days") == 3);
    CHECK(eff.source(BALANCE, "min_days") == "age_65_plus");
    CHECK(eff.integer(PROGRESSION, "max_weekly_increase_percent") == 10);
    CHECK(eff.integer(HR, "max_percent_hrmax") == 80);
    const auto& active = eff.active_profiles();
    CHECK(active.size() == 2);
    CHECK(contains(active, "stroke"));
    CHECK(contains(active, "age_65_plus"));
}

TEST_CASE("rules: Parkinson and dementia ask for balance on 3 days - chronic pain changes nothing") {
    for (ConditionType t : {ConditionType::parkinson, ConditionType::dementia}) {
        CAPTURE(to_string(t));
        EffectiveRules eff(builtin_rules(), with_condition(t));
        CHECK(eff.integer(BALANCE, "min_days") == 3);
        CHECK(eff.source(BALANCE, "min_days") == to_string(t));
    }
    EffectiveRules pain(builtin_rules(), with_condition(ConditionType::chronic_pain));
    CHECK(pain.active_profiles() == std::vector<std::string>{"chronic_pain"});
    CHECK(pain.integer(BALANCE, "min_days") == 0);
    CHECK(pain.integer(HR, "max_percent_hrmax") == 85);
}

TEST_CASE("rules: a clinic ceiling of 75 % holds for stroke patients too (never looser than the rule)") {
    auto r = clinic(rule_param(HR, "max_percent_hrmax", 75));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    EffectiveRules eff(r.value(), with_condition(ConditionType::stroke));
    CHECK(eff.integer(HR, "max_percent_hrmax") == 75);
    CHECK(eff.source(HR, "max_percent_hrmax").empty());
    // Stroke's floor still applies.
    CHECK(eff.integer(HR, "min_percent_hrmax") == 55);
    CHECK(eff.source(HR, "min_percent_hrmax") == "stroke");
    // And a stricter progression rule beats stroke's 10 %.
    auto p = clinic(rule_param(PROGRESSION, "max_weekly_increase_percent", 8));
    REQUIRE(p.ok());
    EffectiveRules ep(p.value(), with_condition(ConditionType::stroke));
    CHECK(ep.integer(PROGRESSION, "max_weekly_increase_percent") == 8);
    CHECK(ep.source(PROGRESSION, "max_weekly_increase_percent").empty());
}

TEST_CASE("rules: citations(rule, param) add the condition's citations when the condition set the parameter") {
    const RuleSet& set = builtin_rules();
    const std::string billinger = set.references.at("billinger2014");
    const std::string tanaka = set.references.at("tanaka2001");

    EffectiveRules stroke(set, with_condition(ConditionType::stroke));
    const auto with_param = stroke.citation_texts(HR, "max_percent_hrmax");
    CHECK(contains(with_param, billinger));
    CHECK(contains(with_param, tanaka));  // the rule's own stay
    CHECK(std::set<std::string>(with_param.begin(), with_param.end()).size() == with_param.size());
    // A parameter the profile did not set, or no parameter: the rule's citations only.
    CHECK_FALSE(contains(stroke.citation_texts(HR, "max_percent_hrr"), billinger));
    CHECK_FALSE(contains(stroke.citation_texts(HR), billinger));
    CHECK(stroke.citation_texts(HR) == set.reference_texts(set.rules.at(HR).reference_keys));

    EffectiveRules adult(set, test::adult());
    CHECK_FALSE(contains(adult.citation_texts(HR, "max_percent_hrmax"), billinger));

    EffectiveRules tbi(set, with_condition(ConditionType::tbi, TbiSeverity::moderate));
    CHECK(contains(tbi.citation_texts(PROGRESSION, "max_weekly_increase_percent"), set.references.at("vanderbeken2017")));
    EffectiveRules mild(set, with_condition(ConditionType::tbi, TbiSeverity::mild));
    CHECK_FALSE(contains(mild.citation_texts(PROGRESSION, "max_weekly_increase_percent"), set.references.at("vanderbeken2017")));

    EffectiveRules dementia(set, with_condition(ConditionType::dementia));
    CHECK(contains(dementia.citation_texts(BALANCE, "min_days"), set.references.at("groot2016")));
}

TEST_CASE("rules: to_string(Stricter) names the directions of the rule file") {
    CHECK(std::string(to_string(Stricter::higher)) == "higher");
    CHECK(std::string(to_string(Stricter::lower)) == "lower");
    CHECK(std::string(to_string(Stricter::superset)) == "superset");
    CHECK(std::string(to_string(Stricter::true_only)) == "true");
    CHECK(std::string(to_string(Stricter::fixed)) == "fixed");
}

TEST_CASE("rules: a narrowing profile never undoes a clinic's stricter value (week.balance 4 stays 4 at 70)") {
    auto set = apply_clinic_rules(builtin_rules(),
                                  R"({"schema_version": 1, "rules": {"week.balance": {"params": {"min_days": 4}}}})");
    REQUIRE(set.ok());
    Patient p = test::adult();
    p.age = 70;
    EffectiveRules r(set.value(), p);
    CHECK(r.integer("week.balance", "min_days") == 4);
    CHECK(r.source("week.balance", "min_days").empty());
    // Built-in rules: the age profile raises 0 to 3 and names itself.
    EffectiveRules b(builtin_rules(), p);
    CHECK(b.integer("week.balance", "min_days") == 3);
    CHECK(b.source("week.balance", "min_days") == "age_65_plus");
}

TEST_CASE("rules: contradictory clinic files are refused with the parameter's path") {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"min_percent_hrmax": 90}}}})",
         "/rules/intensity.heart_rate/params/min_percent_hrmax"},
        {R"({"schema_version": 1, "rules": {"week.volume": {"params": {"max_minutes": 100}}}})",
         "/rules/week.volume/params/min_minutes"},
        {R"({"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"beta_blocker_rpe_min": 15}}}})",
         "/rules/intensity.heart_rate/params/beta_blocker_rpe_min"},
        {R"({"schema_version": 1, "rules": {"hiit.protocol": {"params": {"work_seconds": 0}}}})",
         "/rules/hiit.protocol/params/work_seconds"},
        {R"({"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 0}}}})",
         "/rules/intensity.heart_rate/params/min_percent_hrmax"},
    };
    for (const auto& [doc, path] : cases) {
        CAPTURE_BOUND(doc);
        auto r = apply_clinic_rules(builtin_rules(), doc);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::rules_error);
        CHECK(r.error().path == path);
    }
}

TEST_CASE("rules: a clinic file cannot set a fixed parameter in a profile that does not set it (Brawner stays)") {
    auto r = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "conditions": {"age_65_plus": {"params":
        {"intensity.heart_rate": {"beta_blocker_formula": ""}}}}})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::rules_error);
    CHECK(r.error().path == "/conditions/age_65_plus/params/intensity.heart_rate/beta_blocker_formula");
    // Repeating the built-in profile's own value is fine (round trip).
    CHECK(apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "conditions": {"stroke": {"params":
        {"intensity.heart_rate": {"beta_blocker_formula": "brawner"}}}}})").ok());
}

TEST_CASE("rules: a profile cannot push a low parameter above its high partner") {
    auto r = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "conditions": {"stroke": {"params":
        {"intensity.heart_rate": {"beta_blocker_rpe_min": 15}}}}})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::rules_error);
    CHECK(r.error().path == "/conditions/stroke/params/intensity.heart_rate/beta_blocker_rpe_min");
}

TEST_CASE("rules: a wrong-typed pair parameter in a profile is a clear type error, not an internal one") {
    auto doc = nlohmann::json::parse(test::read_file("data/rules.json"));
    doc["conditions"]["stroke"]["params"]["intensity.heart_rate"]["beta_blocker_rpe_min"] = "eleven";
    auto r = parse_rule_set(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::rules_error);
    CHECK(r.error().path == "/conditions/stroke/params/intensity.heart_rate/beta_blocker_rpe_min");
    CHECK(r.error().message.find("expected an integer") != std::string::npos);
}

// ---- typed handles read what the names read ---------------------------------------------

namespace {

// Every typed handle (rules/params.hpp) against the by-name lookup of the same parameter:
// the handles are resolved once into a table when EffectiveRules is made, the names are
// looked up on each call, so a profile value the table missed shows here.
void check_handles_match_names(const EffectiveRules& eff) {
#define REHABPLAN_CHECK_HANDLE_INT(handle, rule, name) CHECK(eff[params::handle] == eff.integer(rule, name));
#define REHABPLAN_CHECK_HANDLE_FLAG(handle, rule, name) CHECK(eff[params::handle] == eff.flag(rule, name));
#define REHABPLAN_CHECK_HANDLE_TEXT(handle, rule, name) CHECK(eff[params::handle] == eff.text(rule, name));
#define REHABPLAN_CHECK_HANDLE_LIST(handle, rule, name) CHECK(eff[params::handle] == eff.list(rule, name));
#define REHABPLAN_CHECK_HANDLE(handle, rule, name, type)                  \
    {                                                                     \
        CAPTURE(rule);                                                    \
        CAPTURE(name);                                                    \
        REHABPLAN_CHECK_HANDLE_##type(handle, rule, name)                 \
        CHECK(eff.source(params::handle) == eff.source(rule, name));      \
    }
    REHABPLAN_RULE_PARAMS(REHABPLAN_CHECK_HANDLE)
#undef REHABPLAN_CHECK_HANDLE
#undef REHABPLAN_CHECK_HANDLE_INT
#undef REHABPLAN_CHECK_HANDLE_FLAG
#undef REHABPLAN_CHECK_HANDLE_TEXT
#undef REHABPLAN_CHECK_HANDLE_LIST
}

}  // namespace

TEST_CASE("rules: every parameter handle reads the value in force, for every condition profile") {
    std::vector<Patient> patients{test::adult(), with_condition(ConditionType::stroke, std::nullopt, 70)};
    for (ConditionType t : {ConditionType::stroke, ConditionType::concussion, ConditionType::dementia,
                            ConditionType::parkinson, ConditionType::chronic_pain})
        patients.push_back(with_condition(t));
    for (TbiSeverity s : {TbiSeverity::mild, TbiSeverity::moderate, TbiSeverity::severe})
        patients.push_back(with_condition(ConditionType::tbi, s));
    // Two profiles at once (their stricter values combine).
    Patient both = with_condition(ConditionType::parkinson, std::nullopt, 72);
    both.conditions.push_back(with_condition(ConditionType::stroke).conditions.front());
    patients.push_back(both);
    // A clinic's stricter value under a profile's.
    auto tightened = clinic(condition_param("stroke", HR, "max_percent_hrmax", 75));
    REQUIRE_MESSAGE(tightened.ok(), tightened.error().describe());
    for (const RuleSet* set : std::vector<const RuleSet*>{&builtin_rules(), &tightened.value()}) {
        for (const Patient& p : patients) {
            CAPTURE(p.conditions.size());
            CAPTURE(p.age);
            const EffectiveRules eff(*set, p);
            check_handles_match_names(eff);
            // A copy resolves its own handles, not the original's.
            const EffectiveRules copy = eff;
            check_handles_match_names(copy);
        }
    }
    // The profile's own value reaches the handle (not only the name).
    const EffectiveRules stroke(tightened.value(), with_condition(ConditionType::stroke));
    CHECK(stroke[params::intensity_heart_rate_max_percent_hrmax] == 75);
    CHECK(stroke.source(params::intensity_heart_rate_max_percent_hrmax) == "stroke");
}
