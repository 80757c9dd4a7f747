// exercise.suitability and exercise.dose in validate(): each named exercise of each
// session against the library, the patient and the dose range in force on its date
// (rules/readings_exercise.hpp). Findings name the date, the exercise and the rule.
#include <algorithm>

#include "rules/finding_builder.hpp"
#include "rules/readings_exercise.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan::detail {

using namespace validation;

namespace {

// Where a finding about one exercise goes; its path and name are made only for a finding,
// as almost every exercise of a plan has none.
struct Place {
    const EffectiveRules& rules;
    const SessionPlan& session;
    std::size_t session_index;
    std::size_t exercise_index;
    const ExerciseDose& dose;
    const Exercise* exercise;    // nullptr: not in the library
    std::vector<Finding>& out;

    void add(const std::string& rule, Severity sev, const std::string& field, std::string expected, std::string actual,
             const std::string& key, std::vector<Arg> args, const std::string& param) const {
        // The library's name, else the stored one.
        const Text name = exercise ? exercise->name : Text{dose.name, dose.name};
        const std::string path = sessions_path(session_index) + "/exercises/" + std::to_string(exercise_index);
        args.insert(args.begin(), {arg("date", session.date.to_string()), arg("exercise", name)});
        out.push_back(make_finding(rules, rule, sev, path + field, session.date, session.date, std::move(expected),
                                   std::move(actual), key, args, param));
    }
};

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

void check_dose(const Place& at, const ExerciseDose& d, const Exercise* e, std::int64_t week,
                const reading::ExerciseDoseRange& r) {
    const std::string rule = "exercise.dose";
    if (d.sets < r.min_sets || d.sets > r.max_sets)
        at.add(rule, Severity::warning, "/sets", n(r.min_sets) + "-" + n(r.max_sets) + " sets", n(d.sets) + " sets",
               "exercise.dose.sets",
               {arg("sets", n(d.sets)), arg("min", n(r.min_sets)), arg("max", n(r.max_sets))},
               d.sets < r.min_sets ? "min_sets" : "max_sets");
    if (d.extra_sets > r.extra_sets)
        at.add(rule, Severity::warning, "/extra_sets", "<= " + n(r.extra_sets) + " extra sets", n(d.extra_sets),
               "exercise.dose.extra_sets", {arg("extra", n(d.extra_sets)), arg("max", n(r.extra_sets))},
               "affected_side_extra_sets");
    if (d.seconds && (*d.seconds < r.hold_seconds.low || *d.seconds > r.hold_seconds.high))
        at.add(rule, Severity::warning, "/seconds", n(r.hold_seconds.low) + "-" + n(r.hold_seconds.high) + " s",
               n(*d.seconds) + " s", "exercise.dose.hold",
               {arg("seconds", n(*d.seconds)), arg("min", n(r.hold_seconds.low)), arg("max", n(r.hold_seconds.high))},
               *d.seconds < r.hold_seconds.low ? "min_hold_seconds" : "max_hold_seconds");
    // Repetitions and effort are strength work's (the library says what an exercise is).
    if (!e || !reading::exercise_strength_category(e->category)) return;
    const char* phase = r.start ? "start" : "later";
    if (d.repetitions && (*d.repetitions < r.repetitions.low || *d.repetitions > r.repetitions.high))
        at.add(rule, Severity::warning, "/repetitions", n(r.repetitions.low) + "-" + n(r.repetitions.high) + " repetitions",
               n(*d.repetitions) + " repetitions", "exercise.dose.repetitions",
               {arg("repetitions", n(*d.repetitions)), arg("low", n(r.repetitions.low)), arg("high", n(r.repetitions.high)),
                arg("week", n(week + 1))},
               std::string(phase) + (*d.repetitions < r.repetitions.low ? "_repetitions_low" : "_repetitions_high"));
    if (d.rpe && (d.rpe->low < r.rpe.low || d.rpe->high > r.rpe.high))
        at.add(rule, Severity::warning, "/rpe", "Borg " + n(r.rpe.low) + "-" + n(r.rpe.high),
               "Borg " + n(d.rpe->low) + "-" + n(d.rpe->high), "exercise.dose.rpe",
               {arg("low", n(d.rpe->low)), arg("high", n(d.rpe->high)), arg("min", n(r.rpe.low)), arg("max", n(r.rpe.high)),
                arg("week", n(week + 1))},
               std::string(phase) + (d.rpe->high > r.rpe.high ? "_rpe_high" : "_rpe_low"));
}

}  // namespace

namespace {
// An exercise a plan names, looked up in the library and judged for the patient once: a
// plan names the same few exercises week after week.
struct Judged {
    const std::string* id;
    const Exercise* exercise;            // nullptr: not in the library
    std::vector<std::string> unsuitable; // reading::exercise_unsuitable
};
}  // namespace

void check_exercises(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out) {
    const ExerciseLibrary& library = rules.rule_set().exercises;
    const reading::ExerciseDoseRanges ranges = reading::exercise_dose_ranges(rules);
    std::vector<Judged> judged;
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
        const SessionPlan& s = plan.sessions[i];
        const std::int64_t week = s.date.days_since(plan.start_date) / 7;
        for (std::size_t j = 0; j < s.exercises.size(); ++j) {
            const ExerciseDose& d = s.exercises[j];
            auto known = std::find_if(judged.begin(), judged.end(), [&d](const Judged& x) { return *x.id == d.id; });
            if (known == judged.end()) {
                const Exercise* e = library.find(d.id);
                judged.push_back(Judged{&d.id, e, e ? reading::exercise_unsuitable(rules, library, *e, p)
                                                    : std::vector<std::string>{}});
                known = judged.end() - 1;
            }
            const Exercise* e = known->exercise;
            const Place at{rules, s, i, j, d, e, out};
            if (!e) {
                at.add("exercise.suitability", Severity::error, "/id", "an exercise of the library", d.id,
                       "exercise.suitability.unknown", {arg("id", d.id)}, "");
            } else if (const std::vector<std::string>& why = known->unsuitable; !why.empty()) {
                at.add("exercise.suitability", Severity::error, "/id", "no precaution the patient meets",
                       d.id + ": " + joined(why), "exercise.suitability.precaution", {arg("why", joined(why))}, "");
            }
            check_dose(at, d, e, week, ranges.at(week));
        }
    }
}

}  // namespace rehabplan::detail
