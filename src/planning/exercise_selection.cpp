#include "planning/exercise_selection.hpp"

#include <algorithm>
#include <set>

#include "rules/readings_exercise.hpp"

namespace rehabplan {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// Not recorded: what almost every home has (schema/README.md, patient `equipment`).
const std::vector<std::string>& home_equipment(const Patient& p) {
    static const std::vector<std::string> unrecorded{"chair", "wall"};
    return p.equipment ? *p.equipment : unrecorded;
}

bool suits(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p, const Exercise& e) {
    return exercise_available(e, p) && reading::exercise_unsuitable(rules, library, e, p).empty();
}

// exercise_level() of the chain `levels` (easiest first), with the patient's starting
// rule read by the caller.
const Exercise* level_in(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p,
                         const std::vector<const Exercise*>& chain, bool easiest, int start) {
    std::vector<const Exercise*> levels;
    for (const Exercise* e : chain)
        if (suits(rules, library, p, *e)) levels.push_back(e);
    if (levels.empty()) return nullptr;
    if (p.mobility == Mobility::walking_aid && levels.front()->category != ExerciseCategory::balance) {
        std::vector<const Exercise*> seated;
        for (const Exercise* e : levels)
            if (e->position == BodyPosition::sitting) seated.push_back(e);
        if (!seated.empty()) levels = seated;
    }
    if (easiest) return levels.front();
    const Exercise* pick = levels.front();
    for (const Exercise* e : levels)
        if (e->level <= start) pick = e;
    return pick;
}

}  // namespace

bool exercise_available(const Exercise& e, const Patient& p) {
    const std::vector<std::string>& home = home_equipment(p);
    for (const std::string& item : e.equipment)
        if (!contains(home, item)) return false;
    if (e.conditions.empty()) return true;
    return std::any_of(e.conditions.begin(), e.conditions.end(), [&p](ConditionType c) { return p.has(c); });
}

const Exercise* exercise_level(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p,
                               const std::string& chain) {
    return level_in(rules, library, p, library.chain(chain), reading::exercise_easiest_level(rules, p),
                    reading::exercise_start_level(rules));
}

ExerciseChoices::ExerciseChoices(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p)
    : rules_(&rules), patient_(&p), ranges_(reading::exercise_dose_ranges(rules)) {
    // Every chain with its exercises (ExerciseLibrary::chain's order: by level, then the file's).
    std::vector<std::vector<const Exercise*>> members;
    for (const Exercise& e : library.exercises) {
        std::size_t c = 0;
        while (c < chains_.size() && *chains_[c].name != e.chain) ++c;
        if (c == chains_.size()) {
            chains_.push_back(Chain{&e.chain, nullptr});
            members.emplace_back();
        }
        members[c].push_back(&e);
        std::vector<std::size_t>& of_category = by_category_[static_cast<std::size_t>(e.category)];
        if (std::find(of_category.begin(), of_category.end(), c) == of_category.end()) of_category.push_back(c);
    }
    const bool easiest = reading::exercise_easiest_level(rules, p);
    const int start = reading::exercise_start_level(rules);
    for (std::size_t c = 0; c < chains_.size(); ++c) {
        std::sort(members[c].begin(), members[c].end(), [](const Exercise* a, const Exercise* b) {
            return a->level != b->level ? a->level < b->level : std::less<const Exercise*>()(a, b);
        });
        chains_[c].level = level_in(rules, library, p, members[c], easiest, start);
    }
}

namespace {
// The library's dose of `e` without its names: all that its seconds are counted from, so a
// selection names only the exercises it takes.
ExerciseDose library_amounts(const Exercise& e) {
    ExerciseDose d;
    d.level = e.level;
    d.sets = e.dose.sets;
    switch (e.dose.type) {
        case DoseType::repetitions: d.repetitions = e.dose.amount; break;
        case DoseType::seconds: d.seconds = e.dose.amount; break;
        case DoseType::minutes: d.minutes = e.dose.amount; break;
    }
    d.per_side = e.dose.per_side;
    d.rest_seconds = e.dose.rest_seconds;
    return d;
}

// The names a dose of `e` stores, in `language`.
void name_dose(ExerciseDose& d, const Exercise& e, const std::string& language) {
    d.id = e.id;
    d.name = e.name.in(language);
    d.chain = e.chain;
}
}  // namespace

ExerciseDose library_dose(const Exercise& e, const std::string& language) {
    ExerciseDose d = library_amounts(e);
    name_dose(d, e, language);
    return d;
}

namespace {
// exercise_dose() without the names, with the ranges read once by a caller that doses
// many exercises.
ExerciseDose dose_in(const reading::ExerciseDoseRanges& ranges, const EffectiveRules& rules, const Exercise& e,
                     const Patient& p, std::int64_t week) {
    ExerciseDose d = library_amounts(e);
    d.repetitions.reset();
    d.seconds.reset();
    d.minutes.reset();
    reading::ExerciseDoseRange range = ranges.at(0);
    int sets = std::clamp(e.dose.sets, range.min_sets, range.max_sets);
    const int amount = std::max(1, e.dose.amount);
    switch (e.dose.type) {
        case DoseType::repetitions: {
            if (!reading::exercise_strength_category(e.category)) {
                d.repetitions = amount;
                break;
            }
            // Repetitions rise within the range week by week, then a set; never a level up.
            const int rise = reading::exercise_repetition_rise(rules);
            int reps = std::clamp(amount, range.repetitions.low, range.repetitions.high);
            for (std::int64_t w = 1; w <= week; ++w) {
                const bool heavier = range.start && !ranges.at(w).start;
                range = ranges.at(w);
                reps = std::clamp(reps, range.repetitions.low, range.repetitions.high);
                // The week the effort rises (Borg 12-13 to 14-15) changes nothing else.
                if (heavier) continue;
                if (rise > 0 && reps + rise <= range.repetitions.high) {
                    reps += rise;
                } else if (rise > 0 && sets < range.max_sets) {
                    ++sets;
                    reps = range.repetitions.low;
                }
            }
            d.repetitions = reps;
            d.rpe = range.rpe;
            break;
        }
        case DoseType::seconds: d.seconds = std::clamp(amount, range.hold_seconds.low, range.hold_seconds.high); break;
        case DoseType::minutes: d.minutes = amount; break;
    }
    d.sets = sets;
    if (e.unilateral && p.has(ConditionType::stroke) && p.affected_side && range.extra_sets > 0) {
        d.extra_side = p.affected_side;
        d.extra_sets = range.extra_sets;
    }
    return d;
}
}  // namespace

ExerciseDose exercise_dose(const EffectiveRules& rules, const Exercise& e, const Patient& p, std::int64_t week,
                           const std::string& language) {
    ExerciseDose d = dose_in(reading::exercise_dose_ranges(rules), rules, e, p, week);
    name_dose(d, e, language);
    return d;
}

std::int64_t exercises_seconds(const EffectiveRules& rules, const std::vector<ExerciseDose>& exercises) {
    std::int64_t total = 0;
    for (const ExerciseDose& d : exercises) total += reading::exercise_seconds(rules, d);
    return total;
}

namespace {

// One pass of select_exercises; `fewer_sets`: every exercise at min_sets, so that a short
// strength session still works several muscle groups.
std::vector<ExerciseDose> select_pass(const ExerciseChoices& choices, const SlotExercises& what, SessionType type,
                                      std::int64_t budget_seconds, std::int64_t week, const std::string& language,
                                      bool fewer_sets) {
    const EffectiveRules& rules = choices.rules();
    const Patient& p = choices.patient();
    const bool strength = type == SessionType::strength;
    const std::size_t max_count = static_cast<std::size_t>(std::max(0, reading::exercise_max_count(rules, strength)));
    std::vector<ExerciseCategory> also = what.also;
    // Parkinson's-specific work joins strength and balance sessions (KNGF 2017).
    const bool body_work = std::any_of(what.categories.begin(), what.categories.end(), [](ExerciseCategory c) {
        return reading::exercise_strength_category(c) || c == ExerciseCategory::balance;
    });
    if (p.has(ConditionType::parkinson) && body_work &&
        std::find(also.begin(), also.end(), ExerciseCategory::parkinson) == also.end() &&
        std::find(what.categories.begin(), what.categories.end(), ExerciseCategory::parkinson) == what.categories.end())
        also.push_back(ExerciseCategory::parkinson);

    const reading::ExerciseDoseRanges& ranges = choices.ranges();
    std::int64_t used = 0;
    std::vector<bool> chains_used(choices.chains().size(), false);
    // The next suitable exercise of `category` from position `next` on that fits; advances `next`.
    const auto take = [&](ExerciseCategory category, const std::vector<std::size_t>& chains, std::size_t& next,
                          std::vector<ExerciseDose>& into) {
        for (; next < chains.size(); ++next) {
            if (chains_used[chains[next]]) continue;
            const Exercise* e = choices.chains()[chains[next]].level;
            if (!e || e->category != category) continue;
            ExerciseDose d = dose_in(ranges, rules, *e, p, week);
            if (fewer_sets) d.sets = ranges.at(week).min_sets;
            const std::int64_t t = reading::exercise_seconds(rules, d);
            if (used + t > budget_seconds) continue;  // a shorter one further on may fit
            used += t;
            name_dose(d, *e, language);
            chains_used[chains[next]] = true;
            into.push_back(std::move(d));
            ++next;
            return true;
        }
        return false;
    };

    std::vector<ExerciseDose> extra;
    for (ExerciseCategory c : also) {
        if (extra.size() >= max_count) break;
        std::size_t next = 0;
        take(c, choices.of(c), next, extra);
    }
    std::vector<ExerciseDose> main;
    std::vector<std::vector<std::size_t>> chains;
    for (ExerciseCategory c : what.categories) {
        std::vector<std::size_t> of = choices.of(c);
        // The slot's first chains lead; the rest keep the library's order.
        std::stable_partition(of.begin(), of.end(), [&](std::size_t ch) {
            return contains(what.first_chains, *choices.chains()[ch].name);
        });
        chains.push_back(std::move(of));
    }
    std::vector<std::size_t> next(chains.size(), 0);
    for (bool any = true; any && main.size() + extra.size() < max_count;) {
        any = false;
        for (std::size_t k = 0; k < chains.size() && main.size() + extra.size() < max_count; ++k)
            any = take(what.categories[k], chains[k], next[k], main) || any;
    }
    main.insert(main.end(), extra.begin(), extra.end());
    return main;
}

}  // namespace

std::vector<ExerciseDose> select_exercises(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p,
                                           const SlotExercises& what, SessionType type, std::int64_t budget_seconds,
                                           std::int64_t week, const std::string& language) {
    return select_exercises(ExerciseChoices(rules, library, p), what, type, budget_seconds, week, language);
}

std::vector<ExerciseDose> select_exercises(const ExerciseChoices& choices, const SlotExercises& what, SessionType type,
                                           std::int64_t budget_seconds, std::int64_t week, const std::string& language) {
    std::vector<ExerciseDose> out = select_pass(choices, what, type, budget_seconds, week, language, false);
    // Too short a strength session for min_exercises at the week's sets, or a short build-up
    // session that holds none: fewer sets, more exercises.
    const bool few = type == SessionType::strength &&
                     out.size() < static_cast<std::size_t>(reading::exercise_min_count(choices.rules()));
    if (few || out.empty()) {
        std::vector<ExerciseDose> more = select_pass(choices, what, type, budget_seconds, week, language, true);
        if (more.size() > out.size()) out = std::move(more);
    }
    return out;
}

}  // namespace rehabplan
