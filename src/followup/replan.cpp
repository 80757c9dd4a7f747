// replan(): the weeks from the decision's first day rewritten from the plan's own
// weeks. Holding repeats the previous week's content one week later, stepping back
// takes the content of two weeks before (one step below the week just done), and the
// plan then climbs again along its own graded steps, so every rewritten week is a week
// the generator already sized and validated. Stop and refer removes every session.
// A last pass keeps each week within progression.graded, and the result is validated.
#include "followup/progress.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/messages.hpp"
#include "followup/progress_internal.hpp"
#include "planning/exposure.hpp"
#include "planning/plan_text.hpp"
#include "rules/finding_builder.hpp"
#include "rules/readings.hpp"
#include "rules/readings_exercise.hpp"
#include "rules/readings_exercise_progression.hpp"
#include "planning/programme.hpp"
#include "rules/validator.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

// Shortens a session to `minutes`, taking from its longest blocks first so the blocks
// still add up to the session. Rest blocks between intermittent bouts keep their length:
// only activity is taken off.
void shorten(SessionPlan& s, int minutes) {
    s.minutes = minutes;
    if (s.blocks.empty()) return;
    int total = 0;
    for (const Block& b : s.blocks) total += b.minutes;
    while (total > minutes) {
        auto longest = s.blocks.end();
        for (auto it = s.blocks.begin(); it != s.blocks.end(); ++it)
            if (it->kind != BlockKind::rest && (longest == s.blocks.end() || it->minutes > longest->minutes)) longest = it;
        if (longest == s.blocks.end()) break;
        const int cut = std::min(total - minutes, longest->minutes - 1);
        if (cut <= 0) break;
        longest->minutes -= cut;
        total -= cut;
    }
    s.minutes = total;
}

// Keeps every continuous bout of the session (a run of blocks between rest blocks) within
// `max_bout` minutes, taking from the run's longest block; true when it changed.
bool shorten_bouts(SessionPlan& s, int max_bout) {
    if (longest_bout_minutes(s) <= max_bout) return false;
    if (s.blocks.empty() || std::none_of(s.blocks.begin(), s.blocks.end(), [](const Block& b) { return b.kind == BlockKind::rest; })) {
        shorten(s, max_bout);
        return true;
    }
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= s.blocks.size(); ++i) {
        if (i < s.blocks.size() && s.blocks[i].kind != BlockKind::rest) continue;
        for (;;) {  // the run [begin, i)
            int run = 0;
            std::size_t longest = begin;
            for (std::size_t j = begin; j < i; ++j) {
                run += s.blocks[j].minutes;
                if (s.blocks[j].minutes > s.blocks[longest].minutes) longest = j;
            }
            if (run <= max_bout || begin == i || s.blocks[longest].minutes <= 1) break;
            --s.blocks[longest].minutes;
        }
        begin = i + 1;
    }
    int total = 0;
    for (const Block& b : s.blocks) total += b.minutes;
    s.minutes = total;
    return true;
}

class Replanner {
public:
    Replanner(const Patient& p, const Plan& plan, const SessionLog& log, ProgressReport report, const RuleSet& set)
        : p_(p), original_(plan), log_(log), rules_(set, p), set_(set) {
        out_.plan = plan;
        out_.progress = std::move(report);
    }

    Result<ReplannedPlan> run() {
        const ProgressReport& r = out_.progress;
        Plan& plan = out_.plan;
        if (r.next_from > plan.end_date()) {
            add(r.next_rule, Severity::info, "replan.ended", {arg("end", plan.end_date().to_string())});
            concussion();  // the days left before the end still keep to the return's steps and gates
        } else if (r.next == Decision::stop_and_refer) {
            pause();
        } else if (concussion_decision()) {
            concussion();  // the step is repeated or goes back along the return's own stages
        } else {
            const bool week_start = (r.next_from.days_since(plan.start_date)) % 7 == 0;
            int shift = 0;
            if (r.next == Decision::hold) shift = 1;
            if (r.next == Decision::step_back) shift = week_start ? 2 : 1;  // mid-week: below the step just done
            rewrite(shift);
            exposure();
            concussion();
        }
        persisting();
        exercises();
        refresh_generated_texts();
        plan.findings.insert(plan.findings.end(), out_.findings.begin(), out_.findings.end());
        sort_findings(plan.findings);
        sort_findings(out_.findings);
        for (const Finding& f : validate(p_, plan, set_))
            if (f.severity == Severity::error)
                return Error{ErrorCode::internal, f.path,
                             "replanned plan breaks " + f.rule + " (" + f.message.en + "); please report this"};
        // exercise.progression with the log: no level up the log does not show earned.
        for (const Finding& f : check_exercise_levels(plan, log_, out_.progress.today, rules_))
            return Error{ErrorCode::internal, f.path,
                         "replanned plan breaks " + f.rule + " (" + f.message.en + "); please report this"};
        return std::move(out_);
    }

private:
    // Every replan finding is plan-wide, dated on the decision's first day (when the plan
    // has not ended by then), and cites the rule alone.
    void add(const std::string& rule, Severity sev, const std::string& key, const std::vector<Arg>& args) {
        const std::optional<Date> date =
            out_.progress.next_from <= out_.plan.end_date() ? std::optional<Date>(out_.progress.next_from) : std::nullopt;
        out_.findings.push_back(make_finding(rules_, rule, sev, "", std::nullopt, date, "", "", key, args));
    }
    const std::string& lang() const { return out_.plan.language == "nl" ? out_.plan.language : en_; }
    int week_of(Date d) const { return d.days_since(original_.start_date) / 7; }
    Date from() const { return out_.progress.next_from; }

    void pause() {
        Plan& plan = out_.plan;
        plan.sessions.erase(std::remove_if(plan.sessions.begin(), plan.sessions.end(),
                                           [&](const SessionPlan& s) { return s.date >= from(); }),
                            plan.sessions.end());
        if (plan.full_dose_week && *plan.full_dose_week > week_of(from())) plan.full_dose_week.reset();
        // Nothing to do from the pause on: no outcome measure (the six-minute walk is an
        // exertion test) and no daily step target; the plan says it is paused.
        plan.outcome_measures.erase(std::remove_if(plan.outcome_measures.begin(), plan.outcome_measures.end(),
                                                   [&](const OutcomeMeasure& m) { return m.date >= from(); }),
                                    plan.outcome_measures.end());
        plan.daily_steps.reset();
        plan.daily_steps_weeks.clear();
        if (!plan.paused || plan.paused->since > from())  // a plan paused before stays paused from then
            plan.paused = PlanPause{from(), std::min(out_.progress.stop_signal_date.value_or(from()), from())};
        const std::string note = detail::message_in(lang(), "gen.replan_paused");
        if (plan.notes.find(note) == std::string::npos) {
            // The stored messages follow while the notes are as generated; else they go.
            std::vector<PlanMessage> parts{detail::plan_message("gen.replan_paused")};
            if (!plan.notes.empty()) {
                if (plan.notes_message && detail::generated_wording(*plan.notes_message, plan.notes, plan.language)) {
                    for (PlanMessage m : plan.notes_message->messages) parts.push_back(std::move(m));
                    parts[1].separator = " ";
                } else {
                    parts.clear();
                }
            }
            plan.notes = detail::utf8_prefix(plan.notes.empty() ? note : note + " " + plan.notes, 4000);
            plan.notes_message = detail::generated_text(std::move(parts), plan.notes, lang());
        }
        add("progress.stop_signal", Severity::warning, "replan.paused",
            {arg("from", from().to_string()), arg("date", out_.progress.stop_signal_date.value_or(from()).to_string())});
        // Nothing of a concussion return is scheduled from the pause on, nor a step above the
        // one a symptom rise went back to from the rise's day on (the gate has to be met again).
        for (ReturnLadderPlan& l : plan.return_ladders)
            for (ReturnStep& st : l.steps) {
                if (st.from && *st.from >= from()) st.from.reset();
                const auto stage = stage_label_of(st.step);
                for (const ConcussionRise& rise : out_.progress.concussion_rises) {
                    const auto back = stage_label_of(rise.back_to);
                    if (st.from && stage && back && rise.step != rise.back_to && *stage > *back && *st.from >= rise.date)
                        st.from.reset();
                }
            }
        if (out_.progress.head_impact_stop) {
            add("concussion.return", Severity::warning, "replan.concussion_refer",
                {arg("date", out_.progress.stop_signal_date.value_or(from()).to_string()), arg("from", from().to_string())});
        }
    }

    // ------------------------------------------------------------ stale texts
    // The generator's notes and findings name the full-dose week (gen.full_dose) and the
    // first training session after a concussion (gen.concussion_start). A revision that
    // moves or removes them says the new week and day, or drops the line. The stored
    // messages give the old text; the notes are rebuilt from them while they are as
    // generated, else the old line is replaced in the therapist's edited text.
    void refresh_generated_texts() {
        Plan& plan = out_.plan;
        if (!plan.notes_message) return;
        std::optional<Date> first;
        for (const SessionPlan& s : plan.sessions)
            if (is_training(s.type) && (!plan.paused || s.date < plan.paused->since)) {
                first = s.date;
                break;
            }
        const auto set_arg = [](PlanMessage& m, const std::string& name, const std::string& value) {
            for (Arg& a : m.args)
                if (a.name == name) a.value = Text{value, value};
        };
        // Each stale part: its old text, and the new message (nullopt: the line goes).
        std::vector<std::pair<Text, std::optional<PlanMessage>>> changes;
        std::vector<PlanMessage> parts;
        for (const PlanMessage& m : plan.notes_message->messages) {
            std::optional<PlanMessage> now = m;
            if (m.key == "gen.full_dose") {
                if (plan.full_dose_week) {
                    set_arg(*now, "week", n(*plan.full_dose_week));
                    set_arg(*now, "date", plan.start_date.plus_days(7 * (*plan.full_dose_week - 1)).to_string());
                } else {
                    now.reset();
                }
            } else if (m.key == "gen.concussion_start") {
                if (first) set_arg(*now, "first", first->to_string());
                else now.reset();
            } else {
                parts.push_back(m);
                continue;
            }
            const auto before = detail::message_text(m);
            if (!before) return;  // a message this version does not know: leave the text as it is
            const bool same = now && detail::message_text(*now) && detail::message_text(*now)->en == before->en;
            if (!same) changes.emplace_back(*before, now);
            if (now) parts.push_back(*now);
        }
        if (changes.empty()) return;
        if (!parts.empty()) parts.front().separator.clear();
        const std::string& language = lang();
        if (detail::generated_wording(*plan.notes_message, plan.notes, plan.language)) {
            if (const auto t = detail::message_text(parts)) {
                plan.notes = detail::utf8_prefix(t->in(language), 4000);
                plan.notes_message = detail::generated_text(std::move(parts), plan.notes, language);
            }
        } else {
            // Edited by the therapist: the old line, where it still stands, is replaced or goes.
            for (const auto& [before, now] : changes) {
                const std::string old_text = before.in(language);
                const std::size_t at = plan.notes.find(old_text);
                if (at == std::string::npos) continue;
                if (now) {
                    plan.notes.replace(at, old_text.size(), detail::message_text(*now)->in(language));
                } else {
                    const bool line = at > 0 && plan.notes[at - 1] == '\n';
                    plan.notes.erase(line ? at - 1 : at, old_text.size() + (line ? 1 : 0));
                }
            }
            plan.notes = detail::utf8_prefix(plan.notes, 4000);
        }
        // The generator's findings stored with the plan say the same.
        for (const auto& [before, now] : changes)
            for (std::size_t i = plan.findings.size(); i-- > 0;) {
                if (plan.findings[i].message.en != before.en) continue;
                if (now) plan.findings[i].message = *detail::message_text(*now);
                else plan.findings.erase(plan.findings.begin() + static_cast<std::ptrdiff_t>(i));
            }
    }

    // ------------------------------------------------------------ concussion.return
    // True when the decision is a concussion step repeated (steps 1-3) or gone back to
    // fallback_step (from step 4): the return's stages decide, not the plan's weeks.
    bool concussion_decision() const {
        const ProgressReport& r = out_.progress;
        return (r.next == Decision::hold || r.next == Decision::step_back) && r.next_rule == "progress.symptoms" &&
               !r.concussion_rises.empty() && p_.find(ConditionType::concussion) != nullptr;
    }

    // The progress report's persisting post-concussive symptoms, on the plan's first page too.
    void persisting() {
        for (const Finding& f : out_.progress.findings)
            if (f.rule == "concussion.return" && f.severity == Severity::warning) out_.findings.push_back(f);
    }

    static std::optional<reading::ConcussionStage> stage_label_of(const std::string& label) {
        if (label.empty()) return std::nullopt;
        return reading::stage_of(label[0] - '0', label);
    }

    // The stages' earliest dates after the log: the reading's schedule (its gates from the
    // patient document), then each logged rise in date order (the step it happened in has
    // begun by its day at the latest). In steps 1-3 the step is
    // repeated: the next step starts at least min_hours_per_step after the repeat, itself
    // at least min_hours_per_step after the rise, and the later steps keep their spacing
    // (never a step back). From resolution_from_step the return goes back to
    // fallback_step and the later steps lose their dates: the gate has to be met again
    // (a resolution recorded before the rise no longer counts).
    // Then every session from today on is kept at or below the stage in force on its day
    // (a higher one takes the content of the plan's own latest session of the same type at
    // the highest stage allowed, or goes when there is none), and the plan's sport and
    // daily ladders carry the new dates.
    void concussion() {
        const Condition* c = p_.find(ConditionType::concussion);
        if (!c || !c->event_date) return;
        const std::vector<reading::ConcussionStepDate> schedule = reading::concussion_schedule(rules_, p_);
        if (schedule.empty()) return;
        const std::size_t count = schedule.size();
        std::vector<std::optional<Date>> start(count);
        std::vector<bool> changed(count, false);
        for (std::size_t i = 0; i < count; ++i) start[i] = schedule[i].from;
        const int step_days = reading::concussion_step_days(rules_);
        const std::string hours = n(rules_[params::concussion_return_min_hours_per_step]);
        for (const ConcussionRise& rise : out_.progress.concussion_rises) {
            const auto s = stage_label_of(rise.step), t = stage_label_of(rise.back_to);
            if (!s || !t) continue;
            const std::size_t next = static_cast<std::size_t>(*t) + 1;
            // The patient was at step s on the rise's day (a plan behind the schedule, or an
            // earlier repeat, may have had it later): from then on never below it.
            for (std::size_t j = 0; j < next && j < count; ++j)
                if (!start[j] || *start[j] > rise.date) {
                    start[j] = rise.date;
                    changed[j] = true;
                }
            if (*s == *t) {
                if (next < count && start[next]) {
                    const Date need = rise.date.plus_days(2 * step_days);
                    if (*start[next] < need) {
                        const int delta = need.days_since(*start[next]);
                        for (std::size_t j = next; j < count; ++j)
                            if (start[j]) {
                                start[j] = start[j]->plus_days(delta);
                                changed[j] = true;
                            }
                    }
                    add("concussion.return", Severity::warning, "replan.concussion_repeat",
                        {arg("date", rise.date.to_string()), arg("step", rise.step),
                         arg("next", reading::stage_label(static_cast<reading::ConcussionStage>(next))),
                         arg("next_date", start[next]->to_string()), arg("hours", hours)});
                } else {
                    add("concussion.return", Severity::warning, "replan.concussion_repeat_last",
                        {arg("date", rise.date.to_string()), arg("step", rise.step), arg("hours", hours)});
                }
            } else {
                for (std::size_t j = next; j < count; ++j)
                    if (start[j]) {
                        start[j].reset();
                        changed[j] = true;
                    }
                add("concussion.return", Severity::warning, "replan.concussion_fallback",
                    {arg("date", rise.date.to_string()), arg("step", rise.step), arg("back", rise.back_to),
                     arg("from", std::max(from(), rise.date.plus_days(step_days)).to_string())});
            }
        }
        cap_stages(start);
        // The plan's physical ladders carry the stages' dates (learn and work have their own).
        for (ReturnLadderPlan& l : out_.plan.return_ladders) {
            if (l.ladder != ReturnLadder::sport && l.ladder != ReturnLadder::daily) continue;
            for (ReturnStep& st : l.steps) {
                const auto stage = stage_label_of(st.step);
                if (!stage || static_cast<std::size_t>(*stage) >= count) continue;
                const std::optional<Date>& d = start[static_cast<std::size_t>(*stage)];
                if (changed[static_cast<std::size_t>(*stage)] || (st.from && !d)) {
                    st.from = d;
                } else if (!st.from && d) {
                    st.from = d;  // the gate is recorded now
                    add("concussion.return", Severity::info, "replan.concussion_dated",
                        {arg("step", st.step), arg("date", d->to_string())});
                }
            }
        }
    }

    // Every session from today on at or below the stage in force on its day (see concussion()).
    void cap_stages(const std::vector<std::optional<Date>>& start) {
        Plan& plan = out_.plan;
        const Date today = out_.progress.today;
        const auto allowed_on = [&](Date d) {
            std::optional<reading::ConcussionStage> a;
            for (std::size_t j = 0; j < start.size(); ++j)
                if (start[j] && *start[j] <= d) a = static_cast<reading::ConcussionStage>(j);
            return a;
        };
        const auto stage = [](const SessionPlan& s) {
            return s.concussion_step ? reading::stage_of(*s.concussion_step, s.concussion_stage) : std::nullopt;
        };
        // The content for a day allowed `a`: the plan's own latest session of the type at the
        // highest stage not above `a`.
        const auto content = [&](SessionType type, reading::ConcussionStage a) -> const SessionPlan* {
            const SessionPlan* best = nullptr;
            for (const SessionPlan& s : original_.sessions) {
                const auto st = stage(s);
                if (s.type != type || !st || *st > a) continue;
                if (!best || *st > *stage(*best) || (*st == *stage(*best) && s.date >= best->date)) best = &s;
            }
            return best;
        };
        std::optional<Date> first;
        std::optional<reading::ConcussionStage> lowest;
        std::vector<SessionPlan> sessions;
        for (const SessionPlan& s : plan.sessions) {
            const auto st = stage(s);
            const auto a = allowed_on(s.date);
            if (s.date < today || !st || !a || *st <= *a) {
                sessions.push_back(s);
                continue;
            }
            if (!first) first = s.date;
            if (!lowest || *a < *lowest) lowest = a;
            if (const SessionPlan* c = content(s.type, *a)) {
                SessionPlan copy = *c;
                copy.date = s.date;
                sessions.push_back(std::move(copy));
            }
        }
        if (!first) return;
        plan.sessions = std::move(sessions);
        if (*first < from()) out_.progress.next_from = *first;  // the sessions before stay as they were
        if (!concussion_decision())
            add("concussion.return", Severity::warning, "replan.concussion_gate",
                {arg("from", first->to_string()), arg("step", reading::stage_label(*lowest))});
        cap(week_of(std::min(*first, from())));
    }

    // Week j from the first rewritten week on takes the content of week j - shift (never
    // before the first week with training), on the same weekdays.
    void rewrite(int shift) {
        Plan& plan = out_.plan;
        const int j0 = week_of(from());
        if (shift == 0) {
            add(out_.progress.next_rule, Severity::info, "replan.unchanged", {arg("from", from().to_string())});
            return;
        }
        int first_training = -1;
        for (const SessionPlan& s : original_.sessions)
            if (is_training(s.type) && (first_training < 0 || week_of(s.date) < first_training)) first_training = week_of(s.date);
        first_training = std::max(first_training, 0);
        std::vector<SessionPlan> sessions;
        for (const SessionPlan& s : original_.sessions)
            if (s.date < from()) sessions.push_back(s);
        bool clamped = false;
        for (int j = j0; j < original_.weeks; ++j) {
            int i = j - shift;
            if (i < first_training) {
                i = std::min(j, first_training);
                clamped = true;
            }
            for (const SessionPlan& s : original_.sessions) {
                if (week_of(s.date) != i) continue;
                SessionPlan copy = s;
                copy.date = s.date.plus_days(7 * (j - i));
                if (copy.date >= from()) sessions.push_back(std::move(copy));
            }
        }
        std::stable_sort(sessions.begin(), sessions.end(),
                         [](const SessionPlan& a, const SessionPlan& b) { return a.date < b.date; });
        plan.sessions = std::move(sessions);
        if (plan.full_dose_week && *plan.full_dose_week > j0) {
            const int w = *plan.full_dose_week + shift;
            if (w <= plan.weeks) plan.full_dose_week = w;
            else plan.full_dose_week.reset();
        }
        const std::vector<Arg> args{arg("from", from().to_string()), arg("weeks", n(shift))};
        const Severity sev = out_.progress.next == Decision::step_back ? Severity::warning : Severity::info;
        add(out_.progress.next_rule, sev, out_.progress.next == Decision::hold ? "replan.hold" : "replan.step_back", args);
        if (clamped) add(out_.progress.next_rule, Severity::info, "replan.first_week", {});
        cap(j0);
        // A hold or a step back never asks more than the week just done, even when the week
        // it repeats comes from another phase (NeuroRC's intensive week 1).
        if (j0 >= 1 && from().days_since(original_.start_date) % 7 == 0)
            cap_quantity(j0, reading::ProgressionQuantity::total, measure(j0 - 1).total);
    }

    // exercise.progression: each chain's step from the log, in every session after today
    // that holds the chain. A session whose content grows by more than it had gets the
    // minutes (on its main block); when that breaks a rule (progression.graded,
    // session.duration, ...) as validate() reads it, the chain keeps its dose.
    void exercises() {
        const Date today = out_.progress.today;
        for (ExerciseProgress& x : out_.progress.exercises) {
            std::vector<SessionPlan> before = out_.plan.sessions;
            std::optional<Date> first;
            for (SessionPlan& s : out_.plan.sessions) {
                if (!(today < s.date)) continue;
                std::int64_t grown = 0;
                for (ExerciseDose& d : s.exercises) {
                    if (d.chain != x.chain || same_dose(d, x.next)) continue;
                    grown += reading::exercise_seconds(rules_, x.next) - reading::exercise_seconds(rules_, d);
                    d = x.next;
                    if (!first) first = s.date;
                }
                if (grown > 0) lengthen(s, static_cast<int>((grown + 59) / 60));
            }
            if (!first) continue;
            if (const std::optional<std::string> broken = new_error(before)) {
                out_.plan.sessions = std::move(before);
                hold_exercise(x, rules_, *first, *broken);
                add("exercise.progression", Severity::warning, "replan.exercise",
                    {arg("from", first->to_string()), arg("reason", x.reason)});
                continue;
            }
            add("exercise.progression", x.step == ExerciseStep::step_back ? Severity::warning : Severity::info,
                "replan.exercise", {arg("from", first->to_string()), arg("reason", x.reason)});
        }
    }

    static bool same_dose(const ExerciseDose& a, const ExerciseDose& b) {
        return a.id == b.id && a.level == b.level && a.sets == b.sets && a.repetitions == b.repetitions &&
               a.seconds == b.seconds && a.minutes == b.minutes && a.per_side == b.per_side &&
               a.rest_seconds == b.rest_seconds && a.extra_sets == b.extra_sets;
    }

    // `minutes` more on the session, on its first strength, balance or main block.
    static void lengthen(SessionPlan& s, int minutes) {
        s.minutes += minutes;
        Block* to = nullptr;
        for (Block& b : s.blocks)
            if (!to && (b.kind == BlockKind::strength || b.kind == BlockKind::balance || b.kind == BlockKind::main)) to = &b;
        if (!to && !s.blocks.empty()) to = &s.blocks.front();
        if (to) to->minutes += minutes;
    }

    // The rule of the first error the changed sessions have that `before` did not.
    std::optional<std::string> new_error(const std::vector<SessionPlan>& before) const {
        Plan old = out_.plan;
        old.sessions = before;
        std::map<std::string, int> had;
        for (const Finding& f : validate(p_, old, set_))
            if (f.severity == Severity::error) ++had[f.rule];
        for (const Finding& f : validate(p_, out_.plan, set_))
            if (f.severity == Severity::error && had[f.rule]-- <= 0) return f.rule;
        return std::nullopt;
    }

    // progression.graded as validate() reads it (one reading): each week's training minutes,
    // moderate-equivalent aerobic minutes and longest bout rise at most pct % (or the
    // minimum step) on the previous week (the best earlier week after a pause); a week
    // without training before keeps within the baseline. Rewritten weeks come from the
    // plan's own steps, so this only acts where a rewrite starts mid-week or joins weeks.
    reading::ProgressionWeek measure(int k) const {
        std::vector<const SessionPlan*> week;
        for (const SessionPlan& s : out_.plan.sessions)
            if (week_of(s.date) == k) week.push_back(&s);
        return reading::progression_measure(week, rules_, p_);
    }

    std::vector<SessionPlan*> rewritten(int k, bool aerobic_only) {
        std::vector<SessionPlan*> cut;
        for (SessionPlan& s : out_.plan.sessions) {
            if (week_of(s.date) != k || !is_training(s.type) || s.date < from()) continue;
            if (aerobic_only && !reading::progression_bout_session(s) && s.type != SessionType::hiit) continue;
            cut.push_back(&s);
        }
        return cut;
    }

    // Takes minutes off the rewritten sessions of week k until quantity q is within `limit`.
    bool cap_quantity(int k, reading::ProgressionQuantity q, std::int64_t limit) {
        bool changed = false;
        for (int round = 0; round < 16; ++round) {
            const std::int64_t value = measure(k).of(q);
            if (value <= limit) break;
            const std::vector<SessionPlan*> cut = rewritten(k, q != reading::ProgressionQuantity::total);
            if (cut.empty()) break;
            changed = shave(cut, value - limit) || changed;
        }
        return changed;
    }

    void cap(int j0) {
        Plan& plan = out_.plan;
        reading::ProgressionHistory history;
        for (int k = 0; k < plan.weeks; ++k) {
            const reading::ProgressionLimits lim = reading::progression_limits(rules_, p_.baseline_minutes, history, measure(k).training_days);
            if (k >= j0) {
                bool changed = false;
                if (lim.baseline_week) baseline_cap(k);
                for (SessionPlan* s : rewritten(k, true))
                    if (reading::progression_bout_session(*s)) changed = shorten_bouts(*s, static_cast<int>(lim.bout)) || changed;
                if (lim.volume) changed = cap_quantity(k, reading::ProgressionQuantity::volume, *lim.volume) || changed;
                if (lim.total) changed = cap_quantity(k, reading::ProgressionQuantity::total, *lim.total) || changed;
                if (changed)
                    add("progression.graded", Severity::info, "replan.capped",
                        {arg("week", n(k + 1)), arg("minutes", n(measure(k).total))});
            }
            history.push(measure(k));
        }
    }

    // Takes `over` minutes off the sessions in `cut`, longest first (HIIT keeps its protocol
    // or goes), and drops the sessions left with none; true when a session changed.
    bool shave(std::vector<SessionPlan*> cut, std::int64_t over) {
        std::stable_sort(cut.begin(), cut.end(), [](const SessionPlan* a, const SessionPlan* b) { return a->minutes > b->minutes; });
        bool changed = false;
        for (SessionPlan* s : cut) {
            if (over <= 0) break;
            const int before = s->minutes, active = active_minutes(*s);
            if (s->type == SessionType::hiit) s->minutes = 0;
            else shorten(*s, static_cast<int>(std::max<std::int64_t>(0, before - over)));
            over -= s->minutes == 0 ? active : active - active_minutes(*s);
            changed = changed || s->minutes != before;
        }
        std::vector<SessionPlan>& sessions = out_.plan.sessions;
        sessions.erase(std::remove_if(sessions.begin(), sessions.end(), [](const SessionPlan& s) { return s.minutes <= 0; }),
                       sessions.end());
        return changed;
    }

    // progression.graded in a week without a reference (week 1, or before any training):
    // its aerobic minutes (aerobic, dual-task, HIIT: what the baseline measures) within
    // baseline x training days. A rewrite that starts mid-week can otherwise join two
    // weeks' sessions; the longest rewritten aerobic sessions are shortened first.
    void baseline_cap(int k) {
        Plan& plan = out_.plan;
        const auto aerobic = [](SessionType t) {
            return t == SessionType::aerobic || t == SessionType::dual_task || t == SessionType::hiit;
        };
        bool changed = false;
        for (int round = 0; round < 8; ++round) {
            std::int64_t minutes = 0;
            std::vector<int> days;
            for (const SessionPlan& s : plan.sessions) {
                if (week_of(s.date) != k || !is_training(s.type)) continue;
                if (std::find(days.begin(), days.end(), s.date.day_number()) == days.end()) days.push_back(s.date.day_number());
                if (aerobic(s.type)) minutes += active_minutes(s);
            }
            const std::int64_t limit =
                reading::progression_baseline_cap(p_.baseline_minutes, static_cast<std::int64_t>(days.size()));
            if (minutes <= limit) break;
            std::int64_t over = minutes - limit;
            std::vector<SessionPlan*> cut;
            for (SessionPlan& s : plan.sessions)
                if (week_of(s.date) == k && aerobic(s.type) && s.date >= from()) cut.push_back(&s);
            if (cut.empty()) break;
            changed = shave(cut, over) || changed;
        }
        if (!changed) return;
        add("progression.graded", Severity::info, "replan.capped", {arg("week", n(k + 1)), arg("minutes", n(measure(k).total))});
    }

    // Graded exposure: from the first rewritten week, the current activity again, or
    // the next one when its fear has dropped; later activities are never dated in advance
    // (the next is chosen with the therapist when fear has dropped), as generated.
    void exposure() {
        const auto& x = out_.progress.exposure;
        if (!x || x->items == 0) return;
        const std::vector<std::size_t> order = detail::fear_order(p_);
        const Programme* prog = nullptr;
        if (auto it = builtin_programmes().programmes.find(out_.plan.programme); it != builtin_programmes().programmes.end())
            prog = &it->second;
        const SlotTemplate* slot = nullptr;
        if (prog)
            for (const Phase& ph : prog->phases)
                for (const std::string& id : ph.slots)
                    if (builtin_programmes().slots.at(id).type == SessionType::exposure) slot = &builtin_programmes().slots.at(id);
        const int first = x->item + (x->move_on ? 1 : 0);
        bool changed = false;
        for (SessionPlan& s : out_.plan.sessions) {
            if (s.type != SessionType::exposure || s.date < from()) continue;
            const int k = first;
            const FearItem& f = p_.fear_hierarchy[order[static_cast<std::size_t>(std::min(k, x->items - 1))]];
            const std::string title = detail::exposure_title(f).in(lang());
            changed = changed || title != s.title;
            s.title = title;
            s.title_message = detail::generated_text({detail::exposure_title_message(f)}, s.title, lang());
            if (slot) {
                std::string note = slot->main.in(lang());
                std::vector<PlanMessage> parts{detail::plan_message("slot." + slot->id + ".main")};
                const char* key = k >= x->items ? "gen.exposure.done" : "gen.exposure.next";
                note += " " + detail::message_in(lang(), key);
                parts.push_back(detail::plan_message(key, {}, " "));
                s.note = detail::utf8_prefix(note, 2000);
                s.note_message = detail::generated_text(std::move(parts), s.note, lang());
            }
        }
        if (changed || x->move_on) {
            const FearItem& f = p_.fear_hierarchy[order[static_cast<std::size_t>(std::min(first, x->items - 1))]];
            add("progress.exposure", Severity::info, "replan.exposure", {arg("from", from().to_string()), arg("activity", f.activity)});
        }
    }

    const Patient& p_;
    const Plan& original_;
    const SessionLog& log_;
    EffectiveRules rules_;
    const RuleSet& set_;
    ReplannedPlan out_;
    const std::string en_ = "en";
};

}  // namespace

Result<ReplannedPlan> replan(const Patient& patient, const Plan& plan, const SessionLog& log, Date today,
                             const RuleSet& rules) {
    // Only a plan that is safe now can be rewritten safely: one that already breaks a
    // rule (a therapist's edit, or rules tightened since) is refused, never "fixed".
    for (const Finding& f : validate(patient, plan, rules))
        if (f.severity == Severity::error)
            return Error{ErrorCode::invalid_argument, "",
                         "the plan already breaks " + f.rule + (f.path.empty() ? "" : " at " + f.path) + " (" + f.message.en +
                             "); correct it or generate a new plan before replanning",
                         "plan", f.path};
    auto report = progress(patient, plan, log, today, rules);
    if (!report) return report.error();
    return Replanner(patient, plan, log, std::move(report).value(), rules).run();
}

}  // namespace rehabplan
