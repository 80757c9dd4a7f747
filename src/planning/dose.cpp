#include "planning/dose.hpp"

#include <algorithm>
#include <string>

#include "core/messages.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"
#include "rules/validator.hpp"

namespace rehabplan::generation {

using detail::arg;

bool slot_on(const SlotTemplate& s, const WeekPattern& w, int wd) {
    switch (s.on) {
        case SlotDays::every: return true;
        case SlotDays::alternate: return has(w.alternate, wd);
        case SlotDays::strength_days: return has(w.strength, wd);
        case SlotDays::balance_days: return has(w.balance, wd);
        case SlotDays::hiit_days: return has(w.hiit, wd);
        case SlotDays::first_day: return !w.days.empty() && w.days.front() == wd;
        case SlotDays::first_two_days: return has(w.first_two, wd);
    }
    return false;
}

const SlotTemplate* fill_slot(const GeneratorInputs& in, const Phase& ph, const WeekPattern& w, int wd) {
    for (const auto& id : ph.slots) {
        const SlotTemplate& s = in.slot(id);
        if (s.fill && slot_for_patient(in.patient, s) && slot_on(s, w, wd)) return &s;
    }
    return nullptr;
}

int aimed_day(const GeneratorInputs& in) { return reading::session_aimed_minutes(in.rules, in.settings.session_minutes); }

int day_limit(const GeneratorInputs& in) {
    const int rec = static_cast<int>(in.rules[params::session_duration_recommended_max_minutes]);
    return in.patient.max_minutes_per_day ? *in.patient.max_minutes_per_day : std::max(rec, aimed_day(in));
}

int volume_of(const GeneratorInputs& in, SessionType type, int minutes) {
    SessionPlan s;
    s.type = type;
    s.minutes = minutes;
    if (type == SessionType::hiit) s.hiit = hiit_protocol(in.rules);
    else s.intensity = Intensity{in.zone_class, std::nullopt, std::nullopt, std::nullopt};
    return moderate_equivalent_minutes(s, in.rules);
}

void aerobic_limits(const GeneratorInputs& in, BuildUpLimits& limits) {
    limits.volume_factor = volume_of(in, SessionType::aerobic, 1);
    limits.hiit_volume = volume_of(in, SessionType::hiit, 1);
    limits.session_max_minutes = reading::session_aerobic_max_minutes(in.rules);
}

// Full-dose fill minutes: each day aims at the session length, then the week is
// raised (or lowered) toward the weekly volume within the day limit. One pass over the
// days and two minute-by-minute loops that share the day limits: kept together.
void size_fill(const GeneratorInputs& in, const Phase& ph, Shape& sh) {
    const Patient& p = in.patient;
    const GeneratorSettings& g = in.settings;
    const int vol_min = static_cast<int>(in.rules[params::week_volume_min_minutes]);
    const int vol_max = static_cast<int>(in.rules[params::week_volume_max_minutes]);
    const bool counts = in.zone_class != IntensityClass::light;
    const Weekdays& days = sh.pattern.days;
    std::map<int, int> upper;
    int fixed_volume = 0;
    for (int wd : days) {
        // The day's fixed sessions as the week will hold them: fitted to the patient's day
        // (fit_days, as plan_week fits them), so the dose counts what is really planned.
        std::vector<Draft> fixed;
        for (const auto& id : ph.slots) {
            const SlotTemplate& s = in.slot(id);
            if (s.fill || !slot_for_patient(p, s) || !slot_on(s, sh.pattern, wd)) continue;
            Draft d;
            d.slot = &s;
            d.type = s.type;
            d.full = slot_minutes(in, s);
            // A slot that starts later in the phase (from_week) does not hold the dose of
            // its first weeks: the fill reaches the dose without it.
            if (s.from_week > ph.from_week) d.full = 0;
            if (d.full > 0) fixed.push_back(d);
        }
        fit_days(fixed, p.max_minutes_per_day, g.min_session_minutes, reading::session_aerobic_max_minutes(in.rules));
        int fixed_train = 0, fixed_other = 0;
        for (const Draft& d : fixed) {
            (is_training(d.type) ? fixed_train : fixed_other) += d.minutes;
            fixed_volume += volume_of(in, d.type, d.minutes);
        }
        const SlotTemplate* fill = fill_slot(in, ph, sh.pattern, wd);
        const int room = p.max_minutes_per_day ? *p.max_minutes_per_day - fixed_other : day_limit(in);
        const int aimed = std::min(aimed_day(in), room) - fixed_train;
        // session.duration: one aerobic session at most recommended_max_minutes, whatever the day allows.
        const int session_max = fill && (fill->type == SessionType::aerobic || fill->type == SessionType::dual_task)
                                    ? reading::session_aerobic_max_minutes(in.rules)
                                    : day_limit(in);
        upper[wd] = fill ? std::max(0, std::min(std::min(day_limit(in), room) - fixed_train, session_max)) : 0;
        sh.fill[wd] = fill && aimed >= g.min_fill_minutes ? std::min(aimed, upper[wd]) : 0;
    }
    // Fill sessions are aerobic zone work: each minute counts once, or not at all when light.
    const auto volume = [&] {
        int v = fixed_volume;
        for (const auto& [wd, m] : sh.fill) v += volume_of(in, SessionType::aerobic, m);
        return v;
    };
    if (counts) {
        // Raise the shortest fill day first, one minute at a time (at most a few hundred steps).
        while (volume() < vol_min) {
            int best = -1;
            for (int wd : days) {
                const int next = sh.fill[wd] == 0 ? g.min_fill_minutes : sh.fill[wd] + 1;
                if (next > upper[wd]) continue;
                if (best < 0 || sh.fill[wd] < sh.fill[best]) best = wd;
            }
            if (best < 0) break;
            sh.fill[best] = sh.fill[best] == 0 ? g.min_fill_minutes : sh.fill[best] + 1;
        }
        while (volume() > vol_max) {
            int best = -1;
            for (int wd : days)
                if (sh.fill[wd] > g.min_fill_minutes && (best < 0 || sh.fill[wd] > sh.fill[best])) best = wd;
            if (best < 0) break;
            --sh.fill[best];
        }
    }
    sh.volume = volume();
}

// Which kinds of day carry the phase's skill sessions (priming.window).
void skill_days(const GeneratorInputs& in, const Phase& ph, DayCounts& counts) {
    for (const auto& id : ph.slots) {
        const SlotTemplate& s = in.slot(id);
        if (!slot_for_patient(in.patient, s)) continue;
        std::vector<std::string> categories;
        if (s.exercises)
            for (ExerciseCategory c : s.exercises->categories) categories.emplace_back(to_string(c));
        if (!reading::is_skill_kind(in.rules, s.type, categories)) continue;
        switch (s.on) {
            case SlotDays::every: case SlotDays::first_day: counts.skill_training = true; break;
            case SlotDays::strength_days: counts.skill_strength = true; break;
            case SlotDays::balance_days: counts.skill_balance = true; break;
            case SlotDays::alternate: counts.skill_alternate = true; break;
            case SlotDays::first_two_days: counts.skill_first_two = true; break;
            case SlotDays::hiit_days: break;
        }
    }
}

Shape make_shape(const GeneratorInputs& in, const Phase& ph, int count, WeekPriming wp) {
    Shape sh;
    unsigned pool = 0;
    for (Weekday d : in.patient.available_days) pool |= 1u << static_cast<int>(d);
    pool &= ~wp.blocked;
    count = std::min(count, static_cast<int>(days_of(pool).size()));
    const auto uses = [&](SlotDays on) {
        return std::any_of(ph.slots.begin(), ph.slots.end(), [&](const std::string& id) { return in.slot(id).on == on; });
    };
    sh.wanted_strength = uses(SlotDays::strength_days) ? static_cast<int>(in.rules[params::week_strength_min_days]) : 0;
    sh.wanted_balance = uses(SlotDays::balance_days) ? static_cast<int>(in.rules[params::week_balance_min_days]) : 0;
    DayCounts counts;
    counts.training = count;
    counts.strength = sh.wanted_strength;
    counts.strength_gap_days = reading::strength_min_gap_days(in.rules);
    counts.balance = sh.wanted_balance;
    counts.hiit_gap_days = reading::hiit_min_gap_days(in.rules);
    for (const auto& id : ph.slots)
        if (in.slot(id).on == SlotDays::hiit_days) counts.hiit = in.slot(id).per_week;  // the last HIIT slot decides
    counts.window = wp.window & pool;
    if (counts.window) skill_days(in, ph, counts);
    sh.pattern = choose_days(pool, counts);
    size_fill(in, ph, sh);
    return sh;
}

bool volume_short_warned(const GeneratorInputs& in, const Phase& ph, const Shape& sh) {
    const bool has_fill = std::any_of(ph.slots.begin(), ph.slots.end(), [&](const std::string& id) { return in.slot(id).fill; });
    return has_fill && !ph.all_days && sh.volume < in.rules[params::week_volume_min_minutes] &&
           in.zone_class != IntensityClass::light;
}

bool shape_meets_dose(const GeneratorInputs& in, const Shape& sh) {
    return sh.volume >= in.rules[params::week_volume_min_minutes] &&
           static_cast<int>(sh.pattern.days.size()) >= in.rules[params::week_sessions_min_sessions] &&
           static_cast<int>(sh.pattern.strength.size()) >= sh.wanted_strength &&
           static_cast<int>(sh.pattern.balance.size()) >= sh.wanted_balance;
}

int max_training_days(const GeneratorInputs& in, unsigned blocked) {
    int avail = 0;
    for (Weekday d : in.patient.available_days) avail += (blocked & (1u << static_cast<int>(d))) ? 0 : 1;
    return std::max(0, std::min(avail, static_cast<int>(reading::week_max_training_days(in.rules))));
}

Shape shape_for_phase(const GeneratorInputs& in, const Phase& ph, WeekPriming wp) {
    const int max_days = max_training_days(in, wp.blocked);
    if (ph.all_days) return make_shape(in, ph, max_days, wp);
    const int min_sessions = static_cast<int>(in.rules[params::week_sessions_min_sessions]);
    const int lo = std::min(std::max(in.programme.days_min, min_sessions), max_days);
    const int hi = std::max(lo, std::min(in.programme.days_max, max_days));
    Shape sh;
    for (int count = lo; count <= hi; ++count) {
        sh = make_shape(in, ph, count, wp);
        if (shape_meets_dose(in, sh)) break;
    }
    return sh;
}

void shape_findings(const GeneratorInputs& in, const Phase& ph, const Shape& sh, GeneratorFindings& findings) {
    const Patient& p = in.patient;
    const EffectiveRules& rules = in.rules;
    const auto add = [&](const std::string& rule, std::string path, const std::string& key,
                         const std::vector<detail::Arg>& args, const std::string& param) {
        add_finding(findings, rules, rule, Severity::warning, std::move(path), key, args, param);
    };
    const std::int64_t min_sessions = rules[params::week_sessions_min_sessions];
    if (static_cast<std::int64_t>(sh.pattern.days.size()) < min_sessions) {
        Text days;  // "Mon, Thu" / "ma, do"
        for (Weekday d : p.available_days) {
            const Text day = detail::term(std::string("day.") + to_string(d));
            days.en += (days.en.empty() ? "" : ", ") + day.en;
            days.nl += (days.nl.empty() ? "" : ", ") + day.nl;
        }
        add("week.sessions", "/available_days", "gen.days_short",
            {arg("count", n(max_training_days(in))), arg("days", days), arg("rest", n(rules[params::week_rest_min_rest_days])),
             arg("min", n(min_sessions))},
            "min_sessions");
    }
    if (static_cast<int>(sh.pattern.strength.size()) < sh.wanted_strength)
        add("week.strength", "/available_days", "gen.strength_short",
            {arg("count", n(static_cast<std::int64_t>(sh.pattern.strength.size()))),
             arg("hours", n(rules[params::week_strength_min_hours_between])), arg("min", n(sh.wanted_strength))},
            "min_days");
    if (static_cast<int>(sh.pattern.balance.size()) < sh.wanted_balance)
        add("week.balance", "/available_days", "gen.balance_short",
            {arg("count", n(static_cast<std::int64_t>(sh.pattern.balance.size()))), arg("min", n(sh.wanted_balance)),
             arg("why", detail::condition_note(rules, params::week_balance_min_days))},
            "min_days");
    const std::int64_t min_day = rules[params::session_duration_min_minutes];
    if (p.max_minutes_per_day && *p.max_minutes_per_day < min_day)
        add("session.duration", "/max_minutes_per_day", "gen.day_short",
            {arg("max", n(*p.max_minutes_per_day)), arg("min", n(min_day))}, "min_minutes");
    if (volume_short_warned(in, ph, sh)) {
        // Days whose fill is held at the longest aerobic session (session.duration): more
        // minutes a day would not help, more days would.
        const int session_max = reading::session_aerobic_max_minutes(rules);
        const bool session_bound = std::any_of(sh.fill.begin(), sh.fill.end(),
                                               [&](const auto& f) { return f.second >= session_max; });
        if (session_bound)
            add("week.volume", "/available_days", "gen.volume_short_session",
                {arg("minutes", n(sh.volume)), arg("min", n(rules[params::week_volume_min_minutes])),
                 arg("max", n(session_max))},
                "min_minutes");
        else
            add("week.volume", "/available_days", "gen.volume_short",
                {arg("minutes", n(sh.volume)), arg("min", n(rules[params::week_volume_min_minutes]))}, "min_minutes");
    }
}

}  // namespace rehabplan::generation
