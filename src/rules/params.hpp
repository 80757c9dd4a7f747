// Typed handles for every rule parameter the code reads, declared once. A handle names
// the rule and the parameter; EffectiveRules::operator[] returns its value with the
// handle's type, so a misspelt name or a wrong type is a compile error. The loader's
// check (detail::required_params) is derived from the same table, so a rule set lacking
// one of these parameters, or holding it with another type, is rejected when loaded.
#pragma once

#include <cstddef>

namespace rehabplan {

namespace detail {
enum class ParamKind { integer, boolean, string, list };
}  // namespace detail

// The handles' places in REHABPLAN_RULE_PARAMS (below): EffectiveRules resolves every
// handle once, so reading one in an inner loop is an array index, not two map lookups.
enum class ParamId : std::size_t;

// A rule and one of its parameters.
struct ParamRef {
    const char* rule;
    const char* name;
    ParamId id;
};
struct IntParam : ParamRef {    // std::int64_t
    static constexpr detail::ParamKind kind = detail::ParamKind::integer;
};
struct FlagParam : ParamRef {   // bool
    static constexpr detail::ParamKind kind = detail::ParamKind::boolean;
};
struct TextParam : ParamRef {   // std::string
    static constexpr detail::ParamKind kind = detail::ParamKind::string;
};
struct ListParam : ParamRef {   // std::vector<std::string>
    static constexpr detail::ParamKind kind = detail::ParamKind::list;
};

// X(handle, rule ID, parameter, INT | FLAG | TEXT | LIST), one line per parameter.
// clang-format off
#define REHABPLAN_RULE_PARAMS(X) \
    X(session_duration_min_minutes, "session.duration", "min_minutes", INT) \
    X(session_duration_recommended_max_minutes, "session.duration", "recommended_max_minutes", INT) \
    X(week_sessions_min_sessions, "week.sessions", "min_sessions", INT) \
    X(week_volume_min_minutes, "week.volume", "min_minutes", INT) \
    X(week_volume_max_minutes, "week.volume", "max_minutes", INT) \
    X(week_volume_vigorous_factor, "week.volume", "vigorous_factor", INT) \
    X(week_strength_min_days, "week.strength", "min_days", INT) \
    X(week_strength_min_hours_between, "week.strength", "min_hours_between", INT) \
    X(intensity_heart_rate_min_percent_hrmax, "intensity.heart_rate", "min_percent_hrmax", INT) \
    X(intensity_heart_rate_max_percent_hrmax, "intensity.heart_rate", "max_percent_hrmax", INT) \
    X(intensity_heart_rate_min_percent_hrr, "intensity.heart_rate", "min_percent_hrr", INT) \
    X(intensity_heart_rate_max_percent_hrr, "intensity.heart_rate", "max_percent_hrr", INT) \
    X(intensity_heart_rate_moderate_min_percent, "intensity.heart_rate", "moderate_min_percent", INT) \
    X(intensity_heart_rate_moderate_max_percent, "intensity.heart_rate", "moderate_max_percent", INT) \
    X(intensity_heart_rate_vigorous_min_percent, "intensity.heart_rate", "vigorous_min_percent", INT) \
    X(intensity_heart_rate_vigorous_max_percent, "intensity.heart_rate", "vigorous_max_percent", INT) \
    X(intensity_heart_rate_moderate_min_rpe, "intensity.heart_rate", "moderate_min_rpe", INT) \
    X(intensity_heart_rate_moderate_max_rpe, "intensity.heart_rate", "moderate_max_rpe", INT) \
    X(intensity_heart_rate_vigorous_min_rpe, "intensity.heart_rate", "vigorous_min_rpe", INT) \
    X(intensity_heart_rate_vigorous_max_rpe, "intensity.heart_rate", "vigorous_max_rpe", INT) \
    X(intensity_heart_rate_beta_blocker_rpe_min, "intensity.heart_rate", "beta_blocker_rpe_min", INT) \
    X(intensity_heart_rate_beta_blocker_rpe_max, "intensity.heart_rate", "beta_blocker_rpe_max", INT) \
    X(intensity_heart_rate_default_formula, "intensity.heart_rate", "default_formula", TEXT) \
    X(intensity_heart_rate_beta_blocker_formula, "intensity.heart_rate", "beta_blocker_formula", TEXT) \
    X(intensity_heart_rate_rpe_steers, "intensity.heart_rate", "rpe_steers", FLAG) \
    X(hiit_protocol_work_seconds, "hiit.protocol", "work_seconds", INT) \
    X(hiit_protocol_recovery_seconds, "hiit.protocol", "recovery_seconds", INT) \
    X(hiit_protocol_repeats, "hiit.protocol", "repeats", INT) \
    X(hiit_protocol_max_percent_hrmax, "hiit.protocol", "max_percent_hrmax", INT) \
    X(hiit_protocol_introduction_weeks, "hiit.protocol", "introduction_weeks", INT) \
    X(hiit_protocol_introduction_repeats, "hiit.protocol", "introduction_repeats", INT) \
    X(hiit_protocol_introduction_recovery_seconds, "hiit.protocol", "introduction_recovery_seconds", INT) \
    X(hiit_protocol_min_hours_between, "hiit.protocol", "min_hours_between", INT) \
    X(hiit_protocol_work_rpe_low, "hiit.protocol", "work_rpe_low", INT) \
    X(hiit_protocol_work_rpe_high, "hiit.protocol", "work_rpe_high", INT) \
    X(hiit_eligibility_requires_screening, "hiit.eligibility", "requires_screening", FLAG) \
    X(hiit_eligibility_forbidden_conditions, "hiit.eligibility", "forbidden_conditions", LIST) \
    X(hiit_eligibility_build_up_weeks, "hiit.eligibility", "build_up_weeks", INT) \
    X(hiit_eligibility_min_baseline_minutes, "hiit.eligibility", "min_baseline_minutes", INT) \
    X(week_rest_min_rest_days, "week.rest", "min_rest_days", INT) \
    X(week_balance_min_days, "week.balance", "min_days", INT) \
    X(week_balance_fall_precautions, "week.balance", "fall_precautions", FLAG) \
    X(progression_graded_max_weekly_increase_percent, "progression.graded", "max_weekly_increase_percent", INT) \
    X(progression_graded_max_intensity_steps_per_week, "progression.graded", "max_intensity_steps_per_week", INT) \
    X(progression_graded_min_step_bout_minutes, "progression.graded", "min_step_bout_minutes", INT) \
    X(progression_graded_min_step_week_minutes, "progression.graded", "min_step_week_minutes", INT) \
    X(progression_graded_intermittent_below_minutes, "progression.graded", "intermittent_below_minutes", INT) \
    X(progression_graded_intermittent_rest_minutes, "progression.graded", "intermittent_rest_minutes", INT) \
    X(concussion_return_min_rest_days_after_event, "concussion.return", "min_rest_days_after_event", INT) \
    X(concussion_return_step_1_planned_days, "concussion.return", "step_1_planned_days", INT) \
    X(concussion_return_min_hours_per_step, "concussion.return", "min_hours_per_step", INT) \
    X(concussion_return_step_2a_planned_days, "concussion.return", "step_2a_planned_days", INT) \
    X(concussion_return_step_2b_planned_days, "concussion.return", "step_2b_planned_days", INT) \
    X(concussion_return_step_2a_min_percent_hrmax, "concussion.return", "step_2a_min_percent_hrmax", INT) \
    X(concussion_return_step_2a_max_percent_hrmax, "concussion.return", "step_2a_max_percent_hrmax", INT) \
    X(concussion_return_step_2b_min_percent_hrmax, "concussion.return", "step_2b_min_percent_hrmax", INT) \
    X(concussion_return_step_2b_max_percent_hrmax, "concussion.return", "step_2b_max_percent_hrmax", INT) \
    X(concussion_return_threshold_min_percent, "concussion.return", "threshold_min_percent", INT) \
    X(concussion_return_threshold_max_percent, "concussion.return", "threshold_max_percent", INT) \
    X(concussion_return_early_phase_days, "concussion.return", "early_phase_days", INT) \
    X(concussion_return_late_step_min, "concussion.return", "late_step_min", INT) \
    X(concussion_return_resolution_from_step, "concussion.return", "resolution_from_step", INT) \
    X(concussion_return_clearance_from_step, "concussion.return", "clearance_from_step", INT) \
    X(concussion_return_fallback_step, "concussion.return", "fallback_step", INT) \
    X(concussion_return_persisting_symptoms_days, "concussion.return", "persisting_symptoms_days", INT) \
    X(concussion_return_threshold_retest_days, "concussion.return", "threshold_retest_days", INT) \
    X(safety_contraindication_absolute, "safety.contraindication", "absolute", LIST) \
    X(safety_contraindication_intensive, "safety.contraindication", "intensive", LIST) \
    X(safety_contraindication_max_systolic, "safety.contraindication", "max_systolic", INT) \
    X(safety_contraindication_max_diastolic, "safety.contraindication", "max_diastolic", INT) \
    X(safety_contraindication_mi_min_days, "safety.contraindication", "mi_min_days", INT) \
    X(safety_clearance_needs_clearance, "safety.clearance", "needs_clearance", LIST) \
    X(safety_clearance_recent_event_days, "safety.clearance", "recent_event_days", INT) \
    X(safety_clearance_recent_event_conditions, "safety.clearance", "recent_event_conditions", LIST) \
    X(safety_clearance_recent_mi_days, "safety.clearance", "recent_mi_days", INT) \
    X(safety_clearance_max_systolic_without_clearance, "safety.clearance", "max_systolic_without_clearance", INT) \
    X(safety_clearance_max_resting_hr_without_clearance, "safety.clearance", "max_resting_hr_without_clearance", INT) \
    X(safety_clearance_resting_hr_warning_above, "safety.clearance", "resting_hr_warning_above", INT) \
    X(safety_clearance_mi_no_strength_days, "safety.clearance", "mi_no_strength_days", INT) \
    X(safety_clearance_vigorous_requires_clearance, "safety.clearance", "vigorous_requires_clearance", FLAG) \
    X(safety_stop_signals_signals, "safety.stop_signals", "signals", LIST) \
    X(safety_stop_signals_call_112, "safety.stop_signals", "call_112", LIST) \
    X(safety_stop_signals_seizure_contraindications, "safety.stop_signals", "seizure_contraindications", LIST) \
    X(progress_stop_signal_pause_until_seen, "progress.stop_signal", "pause_until_seen", FLAG) \
    X(progress_stop_signal_symptom_stop_score, "progress.stop_signal", "symptom_stop_score", INT) \
    X(progress_stop_signal_symptom_stop_rise_points, "progress.stop_signal", "symptom_stop_rise_points", INT) \
    X(progress_symptoms_max_rise_points, "progress.symptoms", "max_rise_points", INT) \
    X(progress_symptoms_max_score_rise_points, "progress.symptoms", "max_score_rise_points", INT) \
    X(progress_symptoms_step_back_min_hours, "progress.symptoms", "step_back_min_hours", INT) \
    X(progress_symptoms_step_back_conditions, "progress.symptoms", "step_back_conditions", LIST) \
    X(progress_adherence_advance_min_percent, "progress.adherence", "advance_min_percent", INT) \
    X(progress_adherence_step_back_below_percent, "progress.adherence", "step_back_below_percent", INT) \
    X(progress_quota_advance_min_percent, "progress.quota", "advance_min_percent", INT) \
    X(progress_quota_programmes, "progress.quota", "programmes", LIST) \
    X(progress_effort_max_mean_rpe, "progress.effort", "max_mean_rpe", INT) \
    X(progress_effort_max_sessions_above_zone_percent, "progress.effort", "max_sessions_above_zone_percent", INT) \
    X(progress_effort_max_sessions_above_ceiling, "progress.effort", "max_sessions_above_ceiling", INT) \
    X(progress_exposure_move_on_at_percent, "progress.exposure", "move_on_at_percent", INT) \
    X(progress_recovery_enabled_as_decision, "progress.recovery", "enabled_as_decision", FLAG) \
    X(progress_recovery_min_mean_sleep_hours, "progress.recovery", "min_mean_sleep_hours", INT) \
    X(progress_recovery_min_mean_sleep_hours_13_17, "progress.recovery", "min_mean_sleep_hours_13_17", INT) \
    X(progress_recovery_min_mean_sleep_hours_6_12, "progress.recovery", "min_mean_sleep_hours_6_12", INT) \
    X(progress_recovery_poor_quality_nights, "progress.recovery", "poor_quality_nights", INT) \
    X(progress_recovery_min_logged_nights, "progress.recovery", "min_logged_nights", INT) \
    X(progress_recovery_max_mean_stress, "progress.recovery", "max_mean_stress", INT) \
    X(load_monitoring_monotony_high_centi, "load.monitoring", "monotony_high_centi", INT) \
    X(load_monitoring_acwr_low_centi, "load.monitoring", "acwr_low_centi", INT) \
    X(load_monitoring_acwr_high_centi, "load.monitoring", "acwr_high_centi", INT) \
    X(load_monitoring_chronic_weeks, "load.monitoring", "chronic_weeks", INT) \
    X(exercise_suitability_easiest_level_min_age, "exercise.suitability", "easiest_level_min_age", INT) \
    X(exercise_suitability_easiest_level_conditions, "exercise.suitability", "easiest_level_conditions", LIST) \
    X(exercise_suitability_start_level, "exercise.suitability", "start_level", INT) \
    X(exercise_suitability_support_precaution, "exercise.suitability", "support_precaution", TEXT) \
    X(exercise_dose_min_sets, "exercise.dose", "min_sets", INT) \
    X(exercise_dose_max_sets, "exercise.dose", "max_sets", INT) \
    X(exercise_dose_start_weeks, "exercise.dose", "start_weeks", INT) \
    X(exercise_dose_start_repetitions_low, "exercise.dose", "start_repetitions_low", INT) \
    X(exercise_dose_start_repetitions_high, "exercise.dose", "start_repetitions_high", INT) \
    X(exercise_dose_start_rpe_low, "exercise.dose", "start_rpe_low", INT) \
    X(exercise_dose_start_rpe_high, "exercise.dose", "start_rpe_high", INT) \
    X(exercise_dose_later_repetitions_low, "exercise.dose", "later_repetitions_low", INT) \
    X(exercise_dose_later_repetitions_high, "exercise.dose", "later_repetitions_high", INT) \
    X(exercise_dose_later_rpe_low, "exercise.dose", "later_rpe_low", INT) \
    X(exercise_dose_later_rpe_high, "exercise.dose", "later_rpe_high", INT) \
    X(exercise_dose_repetition_rise_per_week, "exercise.dose", "repetition_rise_per_week", INT) \
    X(exercise_dose_min_hold_seconds, "exercise.dose", "min_hold_seconds", INT) \
    X(exercise_dose_max_hold_seconds, "exercise.dose", "max_hold_seconds", INT) \
    X(exercise_dose_affected_side_extra_sets, "exercise.dose", "affected_side_extra_sets", INT) \
    X(exercise_dose_seconds_per_repetition, "exercise.dose", "seconds_per_repetition", INT) \
    X(exercise_dose_changeover_seconds, "exercise.dose", "changeover_seconds", INT) \
    X(exercise_dose_min_exercises, "exercise.dose", "min_exercises", INT) \
    X(exercise_dose_max_exercises, "exercise.dose", "max_exercises", INT) \
    X(exercise_dose_other_max_exercises, "exercise.dose", "other_max_exercises", INT) \
    X(exercise_progression_max_levels_up, "exercise.progression", "max_levels_up", INT) \
    X(exercise_progression_top_sessions, "exercise.progression", "top_sessions", INT) \
    X(exercise_progression_pain_rise_points, "exercise.progression", "pain_rise_points", INT) \
    X(exercise_progression_top_seconds, "exercise.progression", "top_seconds", INT) \
    X(priming_window_ketamine_start_hours, "priming.window", "ketamine_start_hours", INT) \
    X(priming_window_ketamine_end_hours, "priming.window", "ketamine_end_hours", INT) \
    X(priming_window_esketamine_start_hours, "priming.window", "esketamine_start_hours", INT) \
    X(priming_window_esketamine_end_hours, "priming.window", "esketamine_end_hours", INT) \
    X(priming_window_rtms_start_hours, "priming.window", "rtms_start_hours", INT) \
    X(priming_window_rtms_end_hours, "priming.window", "rtms_end_hours", INT) \
    X(priming_window_skill_session_types, "priming.window", "skill_session_types", LIST) \
    X(priming_window_skill_exercise_categories, "priming.window", "skill_exercise_categories", LIST) \
    X(priming_dosing_day_treatments, "priming.dosing_day", "treatments", LIST) \
    X(priming_dosing_day_rest_days_after, "priming.dosing_day", "rest_days_after", INT)
// clang-format on

#define REHABPLAN_PARAM_TYPE_INT IntParam
#define REHABPLAN_PARAM_TYPE_FLAG FlagParam
#define REHABPLAN_PARAM_TYPE_TEXT TextParam
#define REHABPLAN_PARAM_TYPE_LIST ListParam

enum class ParamId : std::size_t {
#define REHABPLAN_PARAM_ID(handle, rule, name, type) handle,
    REHABPLAN_RULE_PARAMS(REHABPLAN_PARAM_ID)
#undef REHABPLAN_PARAM_ID
};
// How many handles there are.
inline constexpr std::size_t param_count = 0
#define REHABPLAN_COUNT_PARAM(handle, rule, name, type) +1
    REHABPLAN_RULE_PARAMS(REHABPLAN_COUNT_PARAM)
#undef REHABPLAN_COUNT_PARAM
    ;

// Handles are made here only: each carries its own place in the table.
namespace params {
#define REHABPLAN_DECLARE_PARAM(handle, rule, name, type) \
    inline constexpr REHABPLAN_PARAM_TYPE_##type handle{{rule, name, ParamId::handle}};
REHABPLAN_RULE_PARAMS(REHABPLAN_DECLARE_PARAM)
#undef REHABPLAN_DECLARE_PARAM
}  // namespace params

}  // namespace rehabplan
