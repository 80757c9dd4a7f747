// validate(): each rule of data/rules.json checked against a dated plan.
// Weekly dose rules use ISO weeks (Monday-Sunday); progression compares the plan's
// own 7-day weeks from its start date, so a plan starting mid-week is compared like
// for like. All limits come from EffectiveRules; no clinical number lives here.
#include "rules/validator.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/messages.hpp"
#include "rules/rules_internal.hpp"
#include "rules/finding_builder.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"
#include "rules/readings_build_up.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

namespace {

using namespace detail::validation;

struct WeekStats {
    Date monday;
    bool full = false;
    std::array<bool, 7> training{}, strength{}, balance{};
    int volume = 0;                  // moderate-equivalent minutes
    std::size_t first_session = SIZE_MAX;
    bool dose_free = false;          // a day in steps 1-3 of a concussion return: no dose minimums
};

struct PlanWeek {
    reading::ProgressionWeek measured;  // what progression.graded reads (progression_measure)
    std::vector<const SessionPlan*> sessions;
    std::size_t bout_session = SIZE_MAX;  // the session with the longest bout
    int max_class = -1;              // -1: no intensity stated this week
    std::size_t first_session = SIZE_MAX;
    std::size_t max_class_session = SIZE_MAX;
};

class Checker {
public:
    Checker(const Patient& p, const Plan& plan, const RuleSet& set)
        : p_(p), plan_(plan), rules_(set, p), zones_(heart_rate_zones(p, rules_, std::nullopt)) {}

    std::vector<Finding> run() {
        collect_weeks();
        build_up_ = reading::build_up_weeks(rules_, plan_);
        check_contraindications();
        detail::check_clearance(p_, plan_, rules_, out_);
        check_stop_signals();
        check_days();
        check_weeks();
        report_planned_shortfalls();
        check_strength_spacing();
        detail::check_zone(rules_, zones_, out_);
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            detail::check_intensity(p_, plan_, i, rules_, zones_, out_);
            check_hiit(i);
        }
        check_session_cap();
        check_first_week_bouts();
        check_progression();
        check_concussion();
        detail::check_exercises(p_, plan_, rules_, out_);
        detail::check_exercise_progression(plan_, rules_, out_);
        detail::check_priming(p_, plan_, rules_, out_);
        sort_findings(out_);
        return std::move(out_);
    }

private:
    // A finding about a session (its date gives the week) or the whole plan (no date).
    void add(const std::string& rule, Severity sev, std::string path, std::optional<Date> date,
             std::string expected, std::string actual, const std::string& key, std::vector<Arg> args,
             const std::string& param = "") {
        out_.push_back(make_finding(rules_, rule, sev, std::move(path), date, date, std::move(expected), std::move(actual),
                                    key, args, param));
    }
    // A finding about an ISO week: no session date.
    void add_week(const std::string& rule, Severity sev, const WeekStats& w, std::string expected, std::string actual,
                  const std::string& key, std::vector<Arg> args, const std::string& param = "") {
        const std::string path = w.first_session == SIZE_MAX ? "/sessions" : sessions_path(w.first_session);
        out_.push_back(make_finding(rules_, rule, sev, path, w.monday, std::nullopt, std::move(expected), std::move(actual),
                                    key, args, param));
    }
    // A finding about one of the plan's own weeks (starting on `start`): no session date.
    void add_plan_week(const std::string& rule, std::string path, Date start, std::string expected, std::string actual,
                       const std::string& key, std::vector<Arg> args, const std::string& param = "") {
        out_.push_back(make_finding(rules_, rule, Severity::error, std::move(path), start, std::nullopt, std::move(expected),
                                    std::move(actual), key, args, param));
    }
    Text condition_note(ParamRef p) const { return detail::condition_note(rules_, p); }
    Text condition_note(const std::string& rule, const std::string& name) const {
        return detail::condition_note(rules_, rule, name);
    }

    bool is_balance(const SessionPlan& s) const {
        if (s.type == SessionType::balance) return true;
        return std::any_of(s.blocks.begin(), s.blocks.end(), [](const Block& b) { return b.kind == BlockKind::balance; });
    }

    // A session in steps 1-3 of a concussion return (its stated step, else its date's).
    bool dose_free(const SessionPlan& s) const {
        const auto stage = detail::session_stage(p_, rules_, s);
        return stage && reading::concussion_dose_free(rules_, *stage);
    }

    std::optional<IntensityClass> effective_class(const SessionPlan& s) const {
        if (s.type == SessionType::hiit) return IntensityClass::vigorous;
        if (s.intensity) return s.intensity->klass;
        return std::nullopt;
    }

    // ---------------------------------------------------------------- weeks
    void collect_weeks() {
        const Date end = plan_.end_date();
        for (Date m = plan_.start_date.monday(); m <= end; m = m.plus_days(7)) {
            WeekStats w;
            w.monday = m;
            w.full = m >= plan_.start_date && m.plus_days(6) <= end;
            w.dose_free = reading::concussion_days_dose_free(rules_, p_, std::max(m, plan_.start_date),
                                                             std::min(m.plus_days(6), end), plan_.sessions);
            weeks_.push_back(w);
        }
        plan_weeks_.resize(static_cast<std::size_t>(plan_.weeks));
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            // parse_plan refuses such sessions; a Plan built in C++ may still hold one.
            if (s.date < plan_.start_date || s.date > end) continue;
            WeekStats& w = weeks_[static_cast<std::size_t>(s.date.monday().days_since(weeks_.front().monday) / 7)];
            const auto wd = static_cast<std::size_t>(s.date.weekday());
            if (w.first_session == SIZE_MAX) w.first_session = i;
            w.volume += moderate_equivalent_minutes(s, rules_, &p_);
            PlanWeek& pw = plan_weeks_[static_cast<std::size_t>(s.date.days_since(plan_.start_date) / 7)];
            if (pw.first_session == SIZE_MAX) pw.first_session = i;
            if (!is_training(s.type)) continue;
            w.training[wd] = true;
            if (s.type == SessionType::strength) w.strength[wd] = true;
            if (is_balance(s)) w.balance[wd] = true;
            pw.sessions.push_back(&s);
            if (reading::progression_bout_session(s) &&
                (pw.bout_session == SIZE_MAX || longest_bout_minutes(s) > longest_bout_minutes(plan_.sessions[pw.bout_session])))
                pw.bout_session = i;
            if (auto c = effective_class(s); c && static_cast<int>(*c) > pw.max_class) {
                pw.max_class = static_cast<int>(*c);
                pw.max_class_session = i;
            }
        }
        for (PlanWeek& pw : plan_weeks_) pw.measured = reading::progression_measure(pw.sessions, rules_, p_);
    }

    void check_weeks() {
        const std::int64_t min_sessions = rules_[params::week_sessions_min_sessions];
        const std::int64_t min_volume = rules_[params::week_volume_min_minutes];
        const std::int64_t max_volume = rules_[params::week_volume_max_minutes];
        const std::int64_t min_strength = rules_[params::week_strength_min_days];
        const std::int64_t min_rest = rules_[params::week_rest_min_rest_days];
        const std::int64_t min_balance = rules_[params::week_balance_min_days];
        for (const WeekStats& w : weeks_) {
            const auto count = [](const std::array<bool, 7>& a) { return std::count(a.begin(), a.end(), true); };
            const std::int64_t training = count(w.training);
            const std::vector<Arg> wk{arg("week", w.monday.iso_week())};
            // More than max_minutes is not harmful (WHO 2020): information, not a warning.
            if (w.volume > max_volume)
                add_week("week.volume", Severity::info, w, "<= " + n(max_volume) + " min", n(w.volume) + " min",
                         "week.volume.above_not_harmful", {wk[0], arg("minutes", n(w.volume)), arg("max", n(max_volume))},
                         "max_minutes");
            if (!w.full) {
                add_week("week.sessions", Severity::info, w, "a full ISO week", "partial week",
                         "week.partial", {wk[0]});
                continue;
            }
            if (training > reading::week_max_training_days(rules_))
                add_week("week.rest", Severity::warning, w, ">= " + n(min_rest) + " rest days", n(7 - training) + " rest days",
                         "week.rest.below", {wk[0], arg("count", n(7 - training)), arg("min", n(min_rest))}, "min_rest_days");
            // Steps 1-3 of a concussion return (the week's dose is not the goal) and the
            // build-up weeks: a shortfall is planned, counted for one information finding.
            const Planned why = w.dose_free ? Planned::concussion : in_build_up_week(w) ? Planned::build_up : Planned::no;
            if (training < min_sessions && !planned(why))
                add_week("week.sessions", Severity::warning, w, ">= " + n(min_sessions) + " training days",
                         n(training) + " training days", "week.sessions.below",
                         {wk[0], arg("count", n(training)), arg("min", n(min_sessions))}, "min_sessions");
            if (w.volume < min_volume && !planned(why))
                add_week("week.volume", Severity::warning, w, ">= " + n(min_volume) + " min", n(w.volume) + " min",
                         "week.volume.below", {wk[0], arg("minutes", n(w.volume)), arg("min", n(min_volume))}, "min_minutes");
            if (count(w.strength) < min_strength && !planned(why))
                add_week("week.strength", Severity::warning, w, ">= " + n(min_strength) + " strength days",
                         n(count(w.strength)) + " strength days", "week.strength.below",
                         {wk[0], arg("count", n(count(w.strength))), arg("min", n(min_strength))}, "min_days");
            if (count(w.balance) < min_balance && !planned(why))
                add_week("week.balance", Severity::warning, w, ">= " + n(min_balance) + " balance days",
                         n(count(w.balance)) + " balance days", "week.balance.below",
                         {wk[0], arg("count", n(count(w.balance))), arg("min", n(min_balance)),
                          arg("why", condition_note(params::week_balance_min_days))},
                         "min_days");
        }
    }

    // ---------------------------------------------------------------- planned shortfalls
    // A shortfall in a build-up week or in steps 1-3 of a concussion return is part of the
    // plan: one information finding for each of the two, not a warning per session or week.
    // Both are week.volume findings (the weekly dose is what the build-up and the steps hold
    // back), plan-wide, and cite the rule in force.
    enum class Planned { no, build_up, concussion };
    int planned_build_up_ = 0, planned_concussion_ = 0;
    reading::BuildUpWeeks build_up_;

    // True (and counted) when a shortfall of this kind is planned.
    bool planned(Planned why) {
        if (why == Planned::build_up) ++planned_build_up_;
        if (why == Planned::concussion) ++planned_concussion_;
        return why != Planned::no;
    }
    // A day in one of the plan's own build-up weeks.
    bool in_build_up(Date d) const {
        return d >= plan_.start_date && d.days_since(plan_.start_date) / 7 < build_up_.weeks;
    }
    // An ISO week with a day in a build-up week: its first day inside the plan is one.
    bool in_build_up_week(const WeekStats& w) const { return in_build_up(std::max(w.monday, plan_.start_date)); }

    void report_planned_shortfalls() {
        if (planned_concussion_ > 0)
            add("week.volume", Severity::info, "", std::nullopt, "steps 1-3: dose by symptoms",
                n(planned_concussion_) + " planned shortfall(s)", "findings.concussion_planned",
                {arg("count", n(planned_concussion_)), arg("step", n(rules_[params::concussion_return_late_step_min]))},
                "min_minutes");
        if (planned_build_up_ == 0) return;
        const Text weeks = build_up_.weeks == 1
                               ? Text{"week 1", "week 1"}
                               : Text{"weeks 1-" + n(build_up_.weeks), "week 1-" + n(build_up_.weeks)};
        const std::vector<Arg> common{arg("count", n(planned_build_up_)), arg("weeks", weeks)};
        if (build_up_.full_dose_week > 0) {
            std::vector<Arg> args = common;
            args.push_back(arg("week", n(build_up_.full_dose_week)));
            args.push_back(arg("date", plan_.start_date.plus_days(7 * (build_up_.full_dose_week - 1)).to_string()));
            // A plan without full_dose_week is read by its minutes: the week they stop rising.
            add("week.volume", Severity::info, plan_.full_dose_week ? "/full_dose_week" : "/sessions", std::nullopt,
                "full dose from week " + n(build_up_.full_dose_week), n(planned_build_up_) + " planned shortfall(s)",
                plan_.full_dose_week ? "findings.build_up" : "findings.build_up_read", args, "min_minutes");
        } else {
            add("week.volume", Severity::info, "/sessions", std::nullopt, "full dose after the build-up",
                n(planned_build_up_) + " planned shortfall(s)", "findings.build_up_open", common, "min_minutes");
        }
    }

    // ---------------------------------------------------------------- days
    void check_days() {
        const std::int64_t min_minutes = rules_[params::session_duration_min_minutes];
        const std::int64_t rec_max = rules_[params::session_duration_recommended_max_minutes];
        std::map<int, std::pair<std::size_t, int>> days;  // day -> (first training session, minutes)
        std::set<int> dose_free_days;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            if (!is_training(s.type)) continue;
            auto [it, fresh] = days.try_emplace(s.date.day_number(), i, 0);
            it->second.second += s.minutes;
            if (dose_free(s)) dose_free_days.insert(s.date.day_number());
        }
        for (const auto& [day, v] : days) {
            const SessionPlan& s = plan_.sessions[v.first];
            const std::string path = sessions_path(v.first) + "/minutes";
            const reading::DayLength length = reading::session_day_length(rules_, v.second);
            // Steps 1-3 of a concussion return and the build-up weeks: the day's minutes are planned.
            if (length == reading::DayLength::below_min) {
                const Planned why = dose_free_days.count(day) ? Planned::concussion
                                    : in_build_up(s.date)     ? Planned::build_up
                                                              : Planned::no;
                if (!planned(why))
                    add("session.duration", Severity::warning, path, s.date, ">= " + n(min_minutes) + " min",
                        n(v.second) + " min", "session.duration.below",
                        {arg("date", s.date.to_string()), arg("minutes", n(v.second)), arg("min", n(min_minutes))},
                        "min_minutes");
            } else if (length == reading::DayLength::above_recommended)
                add("session.duration", Severity::info, path, s.date, "<= " + n(rec_max) + " min recommended",
                    n(v.second) + " min", "session.duration.above",
                    {arg("date", s.date.to_string()), arg("minutes", n(v.second)), arg("max", n(rec_max))},
                    "recommended_max_minutes");
        }
    }

    void check_strength_spacing() {
        const std::int64_t hours = rules_[params::week_strength_min_hours_between];
        std::optional<Date> last;
        std::map<int, std::size_t> first_on_day;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i)
            if (plan_.sessions[i].type == SessionType::strength) first_on_day.try_emplace(plan_.sessions[i].date.day_number(), i);
        for (const auto& [day, i] : first_on_day) {
            const Date d = plan_.sessions[i].date;
            if (last && !reading::strength_spacing_ok(rules_, d.days_since(*last)))
                add("week.strength", Severity::warning, sessions_path(i) + "/date", d,
                    ">= " + n(hours) + " h after the previous strength session",
                    n(reading::strength_hours_between(d.days_since(*last))) + " h", "week.strength.consecutive",
                    {arg("date", d.to_string()), arg("previous", last->to_string()), arg("hours", n(hours))},
                    "min_hours_between");
            last = d;
        }
    }

    // ---------------------------------------------------------------- intensity
    // ---------------------------------------------------------------- HIIT
    // hiit.protocol: the shape against the protocol (easier is information during the
    // introduction weeks, counted from the plan's first HIIT session, and a warning after
    // them; harder is an error), the work intervals' effort, and the spacing.
    void check_hiit(std::size_t i) {
        const SessionPlan& s = plan_.sessions[i];
        if (s.type != SessionType::hiit || !s.hiit) return;
        const std::string path = sessions_path(i);
        const std::string rule = "hiit.protocol";
        const HiitIntervals& h = *s.hiit;
        const int hiit_week = reading::hiit_week_of(plan_.start_date, reading::hiit_first_plan_week(plan_), s.date);
        const bool intro = reading::hiit_introduction(rules_, hiit_week);
        struct Part { const char* field; int value; std::int64_t limit; bool harder_when_higher; };
        const Part parts[] = {
            {"repeats", h.repeats, rules_[params::hiit_protocol_repeats], true},
            {"work_seconds", h.work_seconds, rules_[params::hiit_protocol_work_seconds], true},
            {"recovery_seconds", h.recovery_seconds, rules_[params::hiit_protocol_recovery_seconds], false},
        };
        for (const Part& part : parts) {
            if (part.value == part.limit) continue;
            const bool harder = (part.value > part.limit) == part.harder_when_higher;
            std::vector<Arg> args{arg("date", s.date.to_string()), arg("field", detail::term(std::string("hiit.") + part.field)),
                                  arg("value", n(part.value)), arg("expected", n(part.limit))};
            if (!harder && intro) {
                args.push_back(arg("week", n(hiit_week)));
                args.push_back(arg("weeks", n(rules_[params::hiit_protocol_introduction_weeks])));
            }
            add(rule, harder ? Severity::error : intro ? Severity::info : Severity::warning, path + "/hiit/" + part.field, s.date,
                std::string(part.field) + " = " + n(part.limit), n(part.value),
                harder ? "hiit.protocol.harder" : intro ? "hiit.protocol.introduction" : "hiit.protocol.easier", args,
                harder || !intro ? part.field : "introduction_weeks");
        }
        if (s.intensity && s.intensity->rpe)
            if (const std::int64_t max = rules_[params::hiit_protocol_work_rpe_high]; s.intensity->rpe->high > max)
                add(rule, Severity::error, path + "/intensity/rpe_high", s.date, "<= RPE " + n(max), "RPE " + n(s.intensity->rpe->high),
                    "intensity.rpe_above", {arg("date", s.date.to_string()), arg("rpe", n(s.intensity->rpe->high)), arg("max", n(max))},
                    "work_rpe_high");
        check_hiit_spacing(i);
        const std::int64_t week = s.date.days_since(plan_.start_date) / 7 + 1;
        for (const reading::HiitVerdict& v : reading::hiit_eligibility(rules_, p_, s.date, week))
            report_hiit(s, path, week, v);
    }

    // At least min_hours_between after the HIIT session before it (the latest earlier
    // one; on the same day the one listed first); two supervised sessions on different
    // days may be closer (a supervised clinic week of daily HIIT).
    void check_hiit_spacing(std::size_t i) {
        const SessionPlan& s = plan_.sessions[i];
        std::optional<std::size_t> prev;
        for (std::size_t j = 0; j < plan_.sessions.size(); ++j) {
            const SessionPlan& o = plan_.sessions[j];
            if (j == i || o.type != SessionType::hiit || o.date > s.date || (o.date == s.date && j > i)) continue;
            if (!prev || o.date > plan_.sessions[*prev].date || (o.date == plan_.sessions[*prev].date && j > *prev)) prev = j;
        }
        if (!prev) return;
        const SessionPlan& o = plan_.sessions[*prev];
        const std::int64_t days = s.date.days_since(o.date);
        if (reading::hiit_spacing_ok(rules_, days, s.supervised && o.supervised)) return;
        const std::int64_t min = rules_[params::hiit_protocol_min_hours_between];
        add("hiit.protocol", Severity::warning, sessions_path(i) + "/date", s.date,
            ">= " + n(min) + " h after the previous HIIT session", n(reading::hiit_hours_between(days)) + " h",
            "hiit.protocol.spacing",
            {arg("date", s.date.to_string()), arg("previous", o.date.to_string()),
             arg("hours", n(reading::hiit_hours_between(days))), arg("min", n(min))},
            "min_hours_between");
    }

    void report_hiit(const SessionPlan& s, const std::string& path, std::int64_t week, const reading::HiitVerdict& v) {
        const std::string& elig = v.rule;
        switch (v.reason) {
            case reading::HiitReason::screening:
                add(elig, Severity::error, path + "/type", s.date, "HIIT only after screening", "not screened",
                    "hiit.eligibility.screening", {arg("date", s.date.to_string())}, v.param);
                break;
            case reading::HiitReason::contraindication:
                add(elig, Severity::error, path + "/type", s.date, "no HIIT with a contraindication to intensive training",
                    v.detail, "hiit.eligibility.contraindication",
                    {arg("date", s.date.to_string()), arg("names", v.detail)});
                break;
            case reading::HiitReason::build_up: {
                const std::int64_t build_up = rules_[params::hiit_eligibility_build_up_weeks];
                const std::int64_t min_base = rules_[params::hiit_eligibility_min_baseline_minutes];
                add(elig, Severity::error, path + "/date", s.date,
                    "no HIIT before week " + n(build_up + 1) + " (baseline below " + n(min_base) + " min)",
                    "week " + n(week) + ", baseline " + n(p_.baseline_minutes) + " min", "hiit.eligibility.build_up",
                    {arg("date", s.date.to_string()), arg("week", n(week)), arg("weeks", n(build_up)),
                     arg("baseline", n(p_.baseline_minutes)), arg("min", n(min_base))},
                    v.param);
                break;
            }
            case reading::HiitReason::condition:
                add(elig, Severity::error, path + "/type", s.date, "no HIIT with condition " + v.detail, v.detail,
                    "hiit.eligibility.condition", {arg("date", s.date.to_string()), arg("condition", v.detail)}, v.param);
                break;
            case reading::HiitReason::clearance:
                add(elig, Severity::error, path + "/type", s.date, "HIIT only with a clearance for vigorous work",
                    p_.clearance ? std::string("clearance ") + to_string(p_.clearance->level) : "no clearance",
                    "clearance.hiit", {arg("date", s.date.to_string())}, v.param);
                break;
            case reading::HiitReason::concussion_early:
            case reading::HiitReason::concussion_step:
                break;  // concussion.return reports HIIT before its step and clearance (check_concussion)
        }
    }

    // One aerobic or dual-task session lasts at most recommended_max_minutes, whatever
    // the patient's daily limit (session.duration): a warning.
    void check_session_cap() {
        const int max = reading::session_aerobic_max_minutes(rules_);
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            if (!reading::session_aerobic_above_max(rules_, s)) continue;
            add("session.duration", Severity::warning, sessions_path(i) + "/minutes", s.date,
                "<= " + n(max) + " min per aerobic session", n(s.minutes) + " min", "session.duration.aerobic_above",
                {arg("date", s.date.to_string()), arg("minutes", n(s.minutes)), arg("max", n(max))},
                "recommended_max_minutes");
        }
    }

    // ---------------------------------------------------------------- progression
    // Week 1 starts where the patient is: no aerobic bout longer than the baseline.
    void check_first_week_bouts() {
        const std::string rule = "progression.graded";
        const int baseline = p_.baseline_minutes;
        const int max_bout = reading::progression_first_week_max_bout(baseline);
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            const bool aerobic = s.type == SessionType::aerobic || s.type == SessionType::dual_task;
            if (!aerobic || s.date.days_since(plan_.start_date) >= 7) continue;
            const int bout = longest_bout_minutes(s);
            if (bout > max_bout)
                add(rule, Severity::error, sessions_path(i) + (s.blocks.empty() ? "/minutes" : "/blocks"), s.date,
                    "<= " + n(max_bout) + " min continuous (baseline tolerance)", n(bout) + " min",
                    "progression.bout_above_baseline",
                    {arg("date", s.date.to_string()), arg("minutes", n(bout)), arg("baseline", n(baseline))});
        }
    }

    // Each of the plan's own weeks against its reference week (each of the three
    // quantities: training minutes, moderate-equivalent aerobic minutes, longest bout),
    // and its intensity step.
    void check_progression() {
        const std::string rule = "progression.graded";
        const std::int64_t pct = rules_[params::progression_graded_max_weekly_increase_percent];
        const std::int64_t steps = rules_[params::progression_graded_max_intensity_steps_per_week];
        const int baseline = p_.baseline_minutes;
        reading::ProgressionHistory history;
        for (std::size_t k = 0; k < plan_weeks_.size(); ++k) {
            const PlanWeek& w = plan_weeks_[k];
            const reading::ProgressionWeek& m = w.measured;
            const Date start = plan_.start_date.plus_days(static_cast<int>(7 * k));
            const std::string path = w.first_session == SIZE_MAX ? "/sessions" : sessions_path(w.first_session);
            const std::vector<Arg> wk{arg("week", n(static_cast<std::int64_t>(k + 1))), arg("from", start.to_string())};
            // Limits: baseline x training days in week 1 (or before any training), else
            // the previous week (the best earlier week after a pause) plus pct percent or
            // the minimum step, for each quantity.
            const reading::ProgressionLimits lim = reading::progression_limits(rules_, baseline, history, m.training_days);
            // A week a pause cuts short keeps only the sessions before the pause, planned under
            // the whole week's days: the days the pause took away cannot make them too many.
            const bool cut_by_pause = plan_.paused && plan_.paused->since > start && plan_.paused->since <= start.plus_days(6);
            const auto step_text = [&](reading::ProgressionQuantity q, std::int64_t ref) {
                return "+" + n(pct) + " % or +" + n(reading::progression_min_step(rules_, q)) + " min on " + n(ref) + " min";
            };
            const auto reference = [&](reading::ProgressionQuantity q) { return *history.reference(q); };
            if (lim.baseline_week) {
                // The baseline measures aerobic tolerance, so the cap is on aerobic minutes.
                const std::int64_t cap = reading::progression_baseline_cap(baseline, m.training_days);
                if (!cut_by_pause && m.aerobic > cap)
                    add_plan_week(rule, path, start, "<= " + n(cap) + " aerobic min (baseline " + n(baseline) + " min x " +
                                                                n(m.training_days) + " training days)",
                        n(m.aerobic) + " aerobic min", "progression.week_above_baseline",
                        {wk[0], wk[1], arg("minutes", n(m.aerobic)), arg("max", n(cap))});
            }
            if (lim.total && m.total > *lim.total) {
                const std::int64_t ref = reference(reading::ProgressionQuantity::total);
                add_plan_week(rule, path, start, "<= " + n(*lim.total) + " min (" + step_text(reading::ProgressionQuantity::total, ref) + ")",
                    n(m.total) + " min", "progression.week_increase",
                    {wk[0], wk[1], arg("minutes", n(m.total)), arg("previous", n(ref)),
                     arg("pct", n(pct)), arg("step", n(reading::progression_min_step(rules_, reading::ProgressionQuantity::total))),
                     arg("why", condition_note(params::progression_graded_max_weekly_increase_percent))},
                    "max_weekly_increase_percent");
            }
            if (lim.volume && m.volume > *lim.volume) {
                const std::int64_t ref = reference(reading::ProgressionQuantity::volume);
                add_plan_week(rule, path, start,
                    "<= " + n(*lim.volume) + " moderate-equivalent aerobic min (" + step_text(reading::ProgressionQuantity::volume, ref) + ")",
                    n(m.volume) + " moderate-equivalent aerobic min", "progression.aerobic_increase",
                    {wk[0], wk[1], arg("minutes", n(m.volume)), arg("previous", n(ref)), arg("pct", n(pct)),
                     arg("step", n(reading::progression_min_step(rules_, reading::ProgressionQuantity::volume))),
                     arg("why", condition_note(params::progression_graded_max_weekly_increase_percent))},
                    "max_weekly_increase_percent");
            }
            // Week 1's bouts are check_first_week_bouts' (per session, the baseline).
            if (k > 0 && m.bout > lim.bout && w.bout_session != SIZE_MAX) {
                const SessionPlan& s = plan_.sessions[w.bout_session];
                // Without an earlier bout the baseline is the reference (progression_limits).
                const std::int64_t ref = history.reference(reading::ProgressionQuantity::bout).value_or(baseline);
                const bool stepped = !lim.baseline_week;
                add(rule, Severity::error, sessions_path(w.bout_session) + (s.blocks.empty() ? "/minutes" : "/blocks"), s.date,
                    "<= " + n(lim.bout) + " min continuous (" +
                        (stepped ? step_text(reading::ProgressionQuantity::bout, ref) + ", at least the baseline"
                                 : "baseline tolerance") + ")",
                    n(m.bout) + " min", "progression.bout_increase",
                    {wk[0], arg("date", s.date.to_string()), arg("minutes", n(m.bout)), arg("max", n(lim.bout)),
                     arg("previous", n(ref)), arg("baseline", n(baseline)), arg("pct", n(pct)),
                     arg("step", n(reading::progression_min_step(rules_, reading::ProgressionQuantity::bout)))},
                    stepped ? "max_weekly_increase_percent" : "");
            }
            history.push(m);

            // Intensity rises at most `steps` classes a week.
            if (w.max_class >= 0) {
                int before = -1;
                for (std::size_t j = k; j-- > 0;)
                    if (plan_weeks_[j].max_class >= 0) {
                        before = plan_weeks_[j].max_class;
                        break;
                    }
                if (before >= 0 && w.max_class > reading::progression_max_class(rules_, before))
                    add(rule, Severity::error, sessions_path(w.max_class_session) + "/intensity",
                        plan_.sessions[w.max_class_session].date, "at most " + n(steps) + " intensity step(s) up",
                        std::string(to_string(static_cast<IntensityClass>(before))) + " -> " +
                            to_string(static_cast<IntensityClass>(w.max_class)),
                        "progression.intensity_jump",
                        {wk[0], wk[1], arg("from_class", cls(static_cast<IntensityClass>(before))),
                         arg("to_class", cls(static_cast<IntensityClass>(w.max_class))), arg("steps", n(steps))},
                        "max_intensity_steps_per_week");
            }
        }
    }

    // ---------------------------------------------------------------- concussion
    // concussion.return, Amsterdam 2022: each training session after the concussion is
    // judged in its own stage (its stated concussion_step, else the stage in force on its
    // date): not before the early relative rest is over, steps from resolution_from_step on
    // only after the recorded resolution, from clearance_from_step on only after the
    // recorded clearance, one step (2A, 2B included) at a time and at least
    // min_hours_per_step each, and no vigorous work or HIIT in the early phase, before
    // late_step_min or without a vigorous clearance since the concussion. A session's heart
    // rate is checked against its stage's ceiling by check_intensity (session_zones).
    void check_concussion() {
        const Condition* c = p_.find(ConditionType::concussion);
        if (!c || !c->event_date) return;
        const std::string rule = "concussion.return";
        const std::vector<reading::ConcussionStepDate> schedule = reading::concussion_schedule(rules_, p_);
        if (schedule.size() < 2 || !schedule[1].from) return;
        const Date event = *c->event_date;
        const Date rest_over = *schedule[1].from;  // step 2A: the early relative rest is over
        const std::int64_t rest_days = rules_[params::concussion_return_min_rest_days_after_event];
        const std::int64_t step1_days = rules_[params::concussion_return_step_1_planned_days];
        const std::int64_t early_days = rules_[params::concussion_return_early_phase_days];
        const std::int64_t late_step = rules_[params::concussion_return_late_step_min];
        const std::int64_t step_hours = rules_[params::concussion_return_min_hours_per_step];
        const std::int64_t resolution_from = rules_[params::concussion_return_resolution_from_step];
        const std::int64_t clearance_from = rules_[params::concussion_return_clearance_from_step];
        std::optional<Date> resolved, cleared_on;
        if (const auto& cr = p_.concussion_return) {
            resolved = cr->symptoms_resolved;
            if (cr->cleared) cleared_on = cr->cleared->date;
        }
        const auto recorded = [](const std::optional<Date>& d) {
            return d ? Text{"recorded on " + d->to_string(), "vastgelegd op " + d->to_string()}
                     : Text{"none recorded", "niet vastgelegd"};
        };
        // The stated steps so far: the stage, the day it began, and whether the plan
        // named the sub-step ("2A"): then 2B is a step of its own, not to be skipped.
        std::optional<reading::ConcussionStage> prev;
        Date prev_start;
        bool prev_named = false;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            if (!is_training(s.type)) continue;
            const auto stage = detail::session_stage(p_, rules_, s);
            if (!stage) continue;  // a session before the concussion is not part of the return
            const std::string path = sessions_path(i);
            const std::string date = s.date.to_string();
            const std::int64_t since = s.date.days_since(event);
            const int number = reading::stage_number(*stage);
            const std::string label = reading::stage_label(*stage);
            const std::string step_path = path + (s.concussion_step ? "/concussion_step" : "/date");

            // Step 1 (early relative rest, then symptom-limited daily activity): no training.
            if (s.date < rest_over)
                add(rule, Severity::error, path + "/date", s.date,
                    ">= " + rest_over.to_string() + " (step 2A, " + n(rest_over.days_since(event)) +
                        " day(s) after the concussion)",
                    n(since) + " day(s)", "concussion.too_early",
                    {arg("date", date), arg("event", event.to_string()), arg("from", rest_over.to_string())},
                    rest_days >= step1_days ? "min_rest_days_after_event" : "step_1_planned_days");

            // The gates: resolution of symptoms, then a doctor's clearance, each recorded
            // on or before the session's day (one finding: the first gate not met).
            const bool unresolved = number >= resolution_from && (!resolved || s.date < *resolved);
            const bool uncleared = number >= clearance_from && (!cleared_on || s.date < *cleared_on);
            if (unresolved)
                add(rule, Severity::error, step_path, s.date,
                    "symptoms_resolved recorded on or before " + date + " (from step " + n(resolution_from) + ")",
                    "step " + label + ", symptoms_resolved " + (resolved ? resolved->to_string() : "none"),
                    "concussion.before_resolution",
                    {arg("date", date), arg("step", label), arg("min", n(resolution_from)), arg("resolved", recorded(resolved))},
                    "resolution_from_step");
            else if (uncleared)
                add(rule, Severity::error, step_path, s.date,
                    "a doctor's clearance recorded on or before " + date + " (from step " + n(clearance_from) + ")",
                    "step " + label + ", cleared " + (cleared_on ? cleared_on->to_string() : "none"),
                    "concussion.before_clearance",
                    {arg("date", date), arg("step", label), arg("min", n(clearance_from)), arg("cleared", recorded(cleared_on))},
                    "clearance_from_step");

            // One step at a time, each at least min_hours_per_step (2A -> 2B too). The
            // first stated step is where the plan picks the return up.
            if (s.concussion_step) {
                const bool named = !s.concussion_stage.empty();
                if (prev && *stage > *prev) {
                    const int from = reading::stage_number(*prev);
                    const bool skipped = number > from + 1 ||
                                         (*stage == reading::ConcussionStage::step2b && named && from == 1) ||
                                         (*prev == reading::ConcussionStage::step2a && prev_named && number == 3);
                    if (skipped)
                        add(rule, Severity::error, path + "/concussion_step", s.date, "one step at a time",
                            "step " + std::string(reading::stage_label(*prev)) + " -> " + label, "concussion.step_skipped",
                            {arg("date", date), arg("from", reading::stage_label(*prev)), arg("to", label)});
                    const std::int64_t hours = std::int64_t{s.date.days_since(prev_start)} * 24;
                    if (hours < step_hours)
                        add(rule, Severity::error, path + "/concussion_step", s.date, ">= " + n(step_hours) + " h per step",
                            n(hours) + " h", "concussion.step_too_short",
                            {arg("date", date), arg("hours", n(step_hours)), arg("from", reading::stage_label(*prev)),
                             arg("to", label)},
                            "min_hours_per_step");
                }
                if (!prev || *stage != *prev) {
                    prev = *stage;
                    prev_start = s.date;
                    prev_named = named;
                } else if (named) {
                    prev_named = true;
                }
            }

            // Vigorous work and HIIT (any programme): never in the early phase, only from
            // late_step_min, and only with a vigorous clearance given since the concussion.
            // A stated step never overrides the calendar.
            if (!detail::is_vigorous(s, zones_.aerobic.hrmax, p_, rules_)) continue;
            if (reading::concussion_early_phase(rules_, event, s.date))
                add(rule, Severity::error, path + "/type", s.date,
                    ">= " + n(early_days) + " days after the concussion for HIIT or vigorous work", n(since) + " days",
                    "concussion.hard_too_early", {arg("date", date), arg("days", n(early_days)), arg("event", event.to_string())},
                    "early_phase_days");
            else if (number < late_step)
                add(rule, Severity::error, step_path, s.date, "step >= " + n(late_step) + " for HIIT or vigorous work",
                    "step " + label, "concussion.hard_before_step",
                    {arg("date", date), arg("step", label), arg("min", n(late_step))}, "late_step_min");
            else if (!unresolved && !uncleared && !reading::concussion_vigorous_allowed(rules_, p_, s.date))
                // (A gate not met is reported above; this is the clearance for vigorous work.)
                add(rule, Severity::error, path + "/type", s.date,
                    "a clearance for vigorous work dated on or after " + event.to_string(),
                    p_.clearance ? std::string("clearance ") + to_string(p_.clearance->level) +
                                       (p_.clearance->date ? " " + p_.clearance->date->to_string() : std::string())
                                 : std::string("no clearance"),
                    "concussion.hard_uncleared", {arg("date", date), arg("event", event.to_string())}, "late_step_min");
        }
    }

    // ---------------------------------------------------------------- safety
    bool has_intensive_contraindication() const { return !intensive_names().empty(); }
    std::string intensive_names() const {
        return reading::intensive_names(rules_, p_);
    }

    void check_contraindications() {
        const std::string rule = "safety.contraindication";
        std::size_t first_training = SIZE_MAX;
        for (std::size_t i = 0; i < plan_.sessions.size() && first_training == SIZE_MAX; ++i)
            if (is_training(plan_.sessions[i].type)) first_training = i;
        const std::string tpath = first_training == SIZE_MAX ? "" : sessions_path(first_training);
        const bool trains = first_training != SIZE_MAX;
        for (const auto& nm : p_.contraindications.named) {
            const auto kind = reading::contraindication_kind(rules_, nm);
            if (kind == reading::ContraindicationKind::unknown)
                add(rule, Severity::error, "", std::nullopt, "a contraindication known to the rule set", nm,
                    "contraindication.unknown", {arg("name", nm)}, "absolute");
            else if (kind == reading::ContraindicationKind::absolute && trains)
                add(rule, Severity::error, tpath, std::nullopt, "no exercise training", nm, "contraindication.absolute",
                    {arg("name", nm)}, "absolute");
        }
        if (const auto& bp = p_.contraindications.resting_bp; bp && trains) {
            const std::int64_t sys = rules_[params::safety_contraindication_max_systolic], dia = rules_[params::safety_contraindication_max_diastolic];
            if (reading::blood_pressure_above_limit(rules_, *bp))
                add(rule, Severity::error, tpath, std::nullopt, "resting BP <= " + n(sys) + "/" + n(dia) + " mmHg",
                    n(bp->systolic) + "/" + n(bp->diastolic) + " mmHg", "contraindication.blood_pressure",
                    {arg("bp", n(bp->systolic) + "/" + n(bp->diastolic)), arg("max", n(sys) + "/" + n(dia))}, "max_systolic");
        }
        if (const auto& mi = p_.contraindications.myocardial_infarction_date) {
            const std::int64_t days = rules_[params::safety_contraindication_mi_min_days];
            for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
                const SessionPlan& s = plan_.sessions[i];
                const std::int64_t since = s.date.days_since(*mi);
                if (is_training(s.type) && reading::mi_window(rules_, *mi, s.date))
                    add(rule, Severity::error, sessions_path(i) + "/date", s.date,
                        "> " + n(days) + " days after the myocardial infarction", n(since) + " days",
                        "contraindication.recent_mi", {arg("date", s.date.to_string()), arg("mi", mi->to_string()),
                                                       arg("days", n(days))},
                        "mi_min_days");
            }
        }
    }

    void check_stop_signals() {
        if (!plan_.patient_facing) return;
        std::string missing;
        for (const auto& sig : reading::required_stop_signals(rules_, p_))
            if (std::find(plan_.stop_signals.begin(), plan_.stop_signals.end(), sig) == plan_.stop_signals.end())
                missing += (missing.empty() ? "" : ", ") + sig;
        if (!missing.empty())
            add("safety.stop_signals", Severity::error, "/stop_signals", std::nullopt, "all stop signals listed",
                "missing: " + missing, "stop_signals.missing", {arg("missing", missing)}, "signals");
    }

    const Patient& p_;
    const Plan& plan_;
    EffectiveRules rules_;
    HeartRateZones zones_;
    std::vector<WeekStats> weeks_;
    std::vector<PlanWeek> plan_weeks_;
    std::vector<Finding> out_;
};

}  // namespace

int moderate_equivalent_minutes(const SessionPlan& s, const EffectiveRules& rules, const Patient* patient) {
    const std::int64_t factor = rules[params::week_volume_vigorous_factor];
    if (s.type == SessionType::hiit && s.hiit)
        return static_cast<int>(s.hiit->total_work_seconds() * factor / 60);
    if (s.type != SessionType::aerobic && s.type != SessionType::dual_task) return 0;
    if (!s.intensity) return 0;
    // Read by its numbers: a range reaching above the moderate band is vigorous whatever
    // the session calls itself (heart rate against the patient's HRmax, when known).
    HrMax m;  // the number alone: target_class reads no text
    if (patient) m.centi_bpm = hrmax_centi_bpm(*patient, rules);
    switch (target_class(*s.intensity, m, patient && patient->beta_blocker, rules)) {
        case IntensityClass::light: return 0;
        case IntensityClass::moderate: return active_minutes(s);
        case IntensityClass::vigorous: return static_cast<int>(active_minutes(s) * factor);
    }
    return 0;
}

std::vector<Finding> validate(const Patient& patient, const Plan& plan, const RuleSet& rules) {
    return Checker(patient, plan, rules).run();
}

}  // namespace rehabplan
