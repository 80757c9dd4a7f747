// Double progression from the log, per chain of exercises (exercise.progression): the
// log's per-exercise entries in date order, each compared with the prescription of the
// session it logs. Only the level logged last is judged: evidence from a level left
// behind says nothing of the one now done. The order of the checks is the order of
// safety: not finished or pain rising first, then the top of the range, then the rise
// within it.
#include "followup/exercise_progress.hpp"

#include <algorithm>
#include <map>

#include "core/messages.hpp"
#include "followup/progress_internal.hpp"
#include "planning/exercise_selection.hpp"
#include "rules/finding_builder.hpp"
#include "rules/readings_exercise_progression.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

const char* to_string(ExerciseStep s) {
    switch (s) {
        case ExerciseStep::advance: return "advance";
        case ExerciseStep::hold: return "hold";
        case ExerciseStep::repeat: return "repeat";
        case ExerciseStep::step_back: return "step_back";
    }
    return "hold";
}

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

// The plan week (0-based) of a date: the dose range in force then (exercise.dose).
std::int64_t plan_week(const Plan& plan, Date d) { return std::max(0, d.days_since(plan.start_date)) / 7; }

// One logged exercise with the prescription it reports on.
struct Logged {
    Date date;
    const LogEntry* entry = nullptr;
    const ExerciseLogEntry* done = nullptr;
    const ExerciseDose* dose = nullptr;
};

// Level `level` of `chain` (1 = the easiest), none beyond its ends.
const Exercise* chain_level(const ExerciseLibrary& lib, const std::string& chain, int level) {
    const std::vector<const Exercise*> levels = lib.chain(chain);
    return level >= 1 && static_cast<std::size_t>(level) <= levels.size() ? levels[static_cast<std::size_t>(level - 1)] : nullptr;
}

// The library's default dose of `e`, keeping what the prescription set for this patient
// (the effort, the affected side's extra sets when the new exercise is one-sided too).
ExerciseDose default_dose(const Exercise& e, const ExerciseDose& from, const std::string& lang) {
    ExerciseDose d = library_dose(e, lang);
    d.rpe = from.rpe;
    if (e.unilateral && from.extra_side) {
        d.extra_side = from.extra_side;
        d.extra_sets = from.extra_sets;
    }
    return d;
}

void set_amount(ExerciseDose& d, int amount) {
    if (d.repetitions) d.repetitions = amount;
    else if (d.seconds) d.seconds = amount;
    else if (d.minutes) d.minutes = amount;
}

Text name_of(const ExerciseLibrary& lib, const ExerciseDose& d) {
    if (const Exercise* e = lib.find(d.id)) return e->name;
    const std::string name = d.name.empty() ? d.id : d.name;
    return Text{name, name};
}

// "Sit to stand (level 3), 2 x 10" in both languages.
Text dose_text(const ExerciseLibrary& lib, const ExerciseDose& d) {
    const std::string unit = d.repetitions ? "repetitions" : d.seconds ? "seconds" : "minutes";
    return detail::message("progress.exercise.dose." + unit + (d.per_side ? "_per_side" : ""),
                           {arg("name", name_of(lib, d)), arg("level", n(d.level)), arg("sets", n(d.sets)),
                            arg("amount", n(reading::exercise_amount(d)))});
}

std::string dates_text(const std::vector<Date>& dates) {
    std::string out;
    for (const Date& d : dates) out += (out.empty() ? "" : ", ") + d.to_string();
    return out;
}

int least(const std::vector<int>& sets) { return *std::min_element(sets.begin(), sets.end()); }

class Judge {
public:
    Judge(const Plan& plan, const EffectiveRules& rules)
        : plan_(plan), rules_(rules), lib_(rules.rule_set().exercises), lang_(plan.language == "nl" ? "nl" : "en") {}

    ExerciseProgress judge(const std::string& chain, const std::vector<Logged>& all) {
        const Logged& last = all.back();
        ExerciseProgress x;
        x.chain = chain;
        x.id = last.dose->id;
        x.level = last.dose->level;
        x.prescribed = *last.dose;
        x.next = *last.dose;
        std::vector<const Logged*> same;  // the level judged
        for (const Logged& l : all)
            if (l.dose->id == x.id) same.push_back(&l);
        x.logged = static_cast<int>(same.size());
        base_ = {arg("exercise", name_of(lib_, x.prescribed)), arg("date", last.date.to_string()),
                 arg("top", n(reading::exercise_range_top(rules_, x.prescribed, plan_week(plan_, last.date))))};

        // Pain compared with this exercise's previous rating, or before the session.
        std::optional<int> before = last.entry->symptoms_before.pain;
        std::optional<Date> before_date;
        for (std::size_t k = same.size() - 1; k-- > 0;)
            if (same[k]->done->pain) {
                before = same[k]->done->pain;
                before_date = same[k]->date;
                break;
            }
        if (!last.done->completed) {
            step_back(x, last, "not_completed", detail::term("progress.exercise.cause.not_completed"), {last.date});
        } else if (reading::exercise_pain_rise(rules_, before, last.done->pain)) {
            std::vector<Date> ev;
            if (before_date) ev.push_back(*before_date);
            ev.push_back(last.date);
            step_back(x, last, "pain_rise",
                      detail::message("progress.exercise.cause.pain",
                                      {arg("from", n(*before)), arg("to", n(*last.done->pain)),
                                       arg("points", n(reading::exercise_pain_rise_points(rules_)))}),
                      ev);
        } else if (at_top(same)) {
            advance(x, same);
        } else if (const int reached = least(last.done->sets);
                   !x.prescribed.minutes && last.done->sets.size() >= static_cast<std::size_t>(x.prescribed.sets) &&
                   reached > reading::exercise_amount(x.prescribed)) {
            const int amount = std::min(reached, reading::exercise_range_top(rules_, x.prescribed, plan_week(plan_, last.date)));
            set_amount(x.next, amount);
            set(x, ExerciseStep::repeat, "reps_rise", {last.date}, {arg("amount", n(amount))});
        } else {
            set(x, ExerciseStep::hold, "below_top", {last.date},
                {arg("count", n(reading::exercise_top_sessions(rules_)))});
        }
        return x;
    }

private:
    // The last top_sessions entries of the level, each completed with every set at the top.
    bool at_top(const std::vector<const Logged*>& same) const {
        const std::size_t need = static_cast<std::size_t>(std::max(1, reading::exercise_top_sessions(rules_)));
        if (same.size() < need) return false;
        for (std::size_t k = same.size() - need; k < same.size(); ++k)
            if (!same[k]->done->completed || !reading::exercise_sets_at_top(rules_, *same[k]->dose, same[k]->done->sets, plan_week(plan_, same[k]->date)))
                return false;
        return true;
    }

    void advance(ExerciseProgress& x, const std::vector<const Logged*>& same) {
        const std::size_t need = static_cast<std::size_t>(std::max(1, reading::exercise_top_sessions(rules_)));
        std::vector<Date> ev;
        for (std::size_t k = same.size() - need; k < same.size(); ++k) ev.push_back(same[k]->date);
        const std::vector<Arg> args{arg("count", n(static_cast<std::int64_t>(need))), arg("dates", dates_text(ev))};
        const Exercise* self = lib_.find(x.id);
        if (!self) return set(x, ExerciseStep::hold, "not_in_library", ev, args);
        if (const Exercise* up = chain_level(lib_, x.chain, x.level + 1)) {
            x.next = default_dose(*up, x.prescribed, lang_);
            return set(x, ExerciseStep::advance, "top_reached", ev, args);
        }
        if (x.prescribed.sets < reading::exercise_max_sets(rules_)) {
            x.next.sets = x.prescribed.sets + 1;
            return set(x, ExerciseStep::advance, "set_added", ev, args);
        }
        set(x, ExerciseStep::hold, "chain_top", ev, args);
    }

    // One level down; at level 1 (or without the level below in the library) the
    // amount the patient managed in every set, or the dose held when all was done.
    void step_back(ExerciseProgress& x, const Logged& last, const std::string& cause_code, const Text& cause,
                   const std::vector<Date>& ev) {
        const std::vector<Arg> args{arg("cause", cause)};
        if (const Exercise* down = x.level > 1 ? chain_level(lib_, x.chain, x.level - 1) : nullptr) {
            x.next = default_dose(*down, x.prescribed, lang_);
            return set(x, ExerciseStep::step_back, cause_code, ev, args, "step_down");
        }
        const int reached = least(last.done->sets);
        if (!x.prescribed.minutes && reached > 0 && reached < reading::exercise_amount(x.prescribed)) {
            set_amount(x.next, reached);
            std::vector<Arg> a = args;
            a.push_back(arg("amount", n(reached)));
            return set(x, ExerciseStep::step_back, "fewer", ev, a);
        }
        set(x, ExerciseStep::hold, "level_one", ev, args);
    }

    // `key` names the catalog message when it is not the why code's own.
    void set(ExerciseProgress& x, ExerciseStep step, const std::string& why, std::vector<Date> ev, std::vector<Arg> args,
             const std::string& key = "") {
        x.step = step;
        x.why = why;
        x.evidence = std::move(ev);
        args.insert(args.end(), base_.begin(), base_.end());
        args.push_back(arg("next", dose_text(lib_, x.next)));
        args.push_back(arg("sets", n(x.next.sets)));
        args.push_back(arg("chain", x.chain));
        x.reason = detail::message("progress.exercise." + (key.empty() ? why : key), args);
    }

    const Plan& plan_;
    const EffectiveRules& rules_;
    const ExerciseLibrary& lib_;
    std::string lang_;
    std::vector<Arg> base_;
};

const ExerciseDose* dose_in(const SessionPlan& s, const std::string& id) {
    for (const ExerciseDose& d : s.exercises)
        if (d.id == id) return &d;
    return nullptr;
}

// Per chain, the logged exercises in date order with their prescriptions; chains in the
// order the plan first prescribes them.
std::vector<std::pair<std::string, std::vector<Logged>>> logged_chains(const Plan& plan, const SessionLog& log) {
    const auto match = detail::match_entries(log, plan);
    std::map<std::string, std::vector<Logged>> by_chain;
    for (std::size_t e : detail::entries_by_date(log)) {
        const LogEntry& en = log.entries[e];
        for (const ExerciseLogEntry& x : en.exercises) {
            const ExerciseDose* dose = match[e] ? dose_in(plan.sessions[*match[e]], x.id) : nullptr;
            // Two sessions of one type on a day: the entry may log the other one.
            for (std::size_t i = 0; !dose && i < plan.sessions.size(); ++i)
                if (plan.sessions[i].date == en.date && (!en.type || plan.sessions[i].type == *en.type))
                    dose = dose_in(plan.sessions[i], x.id);
            if (dose) by_chain[dose->chain].push_back({en.date, &en, &x, dose});
        }
    }
    std::vector<std::pair<std::string, std::vector<Logged>>> out;
    for (const SessionPlan& s : plan.sessions)
        for (const ExerciseDose& d : s.exercises) {
            auto it = by_chain.find(d.chain);
            if (it == by_chain.end()) continue;
            out.emplace_back(it->first, std::move(it->second));
            by_chain.erase(it);
        }
    return out;
}

}  // namespace

std::vector<ExerciseProgress> exercise_progress(const Plan& plan, const SessionLog& log, const EffectiveRules& rules) {
    std::vector<ExerciseProgress> out;
    Judge judge(plan, rules);
    for (const auto& [chain, logged] : logged_chains(plan, log))
        if (!logged.empty()) out.push_back(judge.judge(chain, logged));
    return out;
}

void hold_exercise(ExerciseProgress& x, const EffectiveRules& rules, Date from, const std::string& rule) {
    const ExerciseLibrary& lib = rules.rule_set().exercises;
    const Text intended = dose_text(lib, x.next);
    x.step = ExerciseStep::hold;
    x.why = "capped";
    x.next = x.prescribed;
    x.reason = detail::message("progress.exercise.capped",
                               {arg("exercise", name_of(lib, x.prescribed)), arg("intended", intended),
                                arg("date", from.to_string()), arg("rule", rule), arg("next", dose_text(lib, x.next))});
}

std::vector<Finding> check_exercise_levels(const Plan& plan, const SessionLog& log, Date today, const EffectiveRules& rules) {
    std::vector<Finding> out;
    for (const auto& [chain, logged] : logged_chains(plan, log)) {
        if (logged.empty()) continue;
        const ExerciseDose& last = *logged.back().dose;
        // Done: the level's last entry completed, and every set at the top in some session.
        bool top = false, completed = true;
        for (const Logged& l : logged)
            if (l.dose->id == last.id) {
                top = top || (l.done->completed && reading::exercise_sets_at_top(rules, *l.dose, l.done->sets, plan_week(plan, l.date)));
                completed = l.done->completed;
            }
        const bool done = top && completed;
        for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
            const SessionPlan& s = plan.sessions[i];
            if (!(today < s.date)) continue;
            for (std::size_t k = 0; k < s.exercises.size(); ++k) {
                const ExerciseDose& d = s.exercises[k];
                if (d.chain != chain || d.level <= last.level) continue;
                // One level up after the level done is progression; anything else is not.
                if (done && d.level == last.level + 1) continue;
                const std::string path = "/sessions/" + n(static_cast<std::int64_t>(i)) + "/exercises/" +
                                         n(static_cast<std::int64_t>(k)) + "/level";
                out.push_back(make_finding(
                    rules, "exercise.progression", Severity::error, path, s.date, s.date,
                    "at most level " + n(done ? last.level + 1 : last.level),
                    "level " + n(d.level),
                    done ? "progress.exercise.level_skipped" : "progress.exercise.level_not_done",
                    {arg("exercise", d.name.empty() ? d.id : d.name), arg("level", n(d.level)), arg("chain", chain),
                     arg("logged", n(last.level)), arg("date", logged.back().date.to_string()),
                     arg("why", detail::term(completed ? "progress.exercise.why.never_top"
                                                       : "progress.exercise.why.not_completed"))}));
            }
        }
    }
    return out;
}

}  // namespace rehabplan
