// intensity.heart_rate for one session: what the validator checks about a stated
// target (bpm, % HRmax, RPE, beta-blockers, vigorous work with a contraindication).
#include <cstdlib>

#include "core/messages.hpp"
#include "rules/finding_builder.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

namespace {

using namespace detail::validation;

const std::string CLEARANCE = "safety.clearance";

class IntensityChecker {
public:
    IntensityChecker(const Patient& p, const Plan& plan, const EffectiveRules& rules, const HeartRateZones& zones,
                     std::vector<Finding>& out)
        : p_(p), plan_(plan), rules_(rules), zones_(zones), out_(out) {}

    // What the parts of check_intensity share about one session's stated target.
    struct Target {
        const SessionPlan& s;
        const Intensity& in;
        const HeartRateZone& z;
        const HrMax& m;
        const HeartRateLimit* ceiling;  // nullptr: HIIT contraindicated (hiit.eligibility reports it)
        bool aerobic;                   // floors and class agreement concern aerobic work only
        bool floors;                    // false in steps 1-3 of a concussion return: no floor warnings
        std::string ipath;
        std::string date() const { return s.date.to_string(); }
    };

    void check_intensity(std::size_t i) {
        const SessionPlan& s = plan_.sessions[i];
        // Every stated target meets the ceilings; floors and class agreement concern
        // aerobic work only (a strength session's heart rate is not a dose).
        const bool aerobic = s.type == SessionType::aerobic || s.type == SessionType::dual_task;
        const std::string path = sessions_path(i);
        if (!s.intensity) {
            if (s.type == SessionType::aerobic)
                add(HR, Severity::warning, path, s.date, "an intensity target (heart rate or RPE)", "none",
                    "intensity.missing", {arg("date", s.date.to_string())});
            return;
        }
        // A concussion patient's zone is the session's own stage's (2A 45-55 %, 2B 55-70 %,
        // step 3 moderate; with a treadmill threshold 80-90 % of it, never above the step's
        // ceiling): its floor replaces the general 60 %, so a 2A session gets no floor warning.
        std::optional<HeartRateZones> dated;
        const HeartRateZones& zones = detail::session_zones(p_, rules_, s, zones_, dated);
        // HIIT has its own ceiling. Where HIIT is contraindicated there is none:
        // hiit.eligibility reports the session, with no second finding for its heart rate.
        const HeartRateLimit* ceiling = s.type != SessionType::hiit ? &zones.aerobic.ceiling
                                        : zones.hiit_ceiling        ? &*zones.hiit_ceiling
                                                                    : nullptr;
        // In steps 1-3 of a concussion return the dose is not the goal: no floor warning
        // (the stage's zone still starts at its floor, 2A 45 %).
        const auto stage = detail::session_stage(p_, rules_, s);
        const bool floors = !(stage && reading::concussion_dose_free(rules_, *stage));
        const Target t{s, *s.intensity, zones.aerobic, zones.aerobic.hrmax, ceiling, aerobic, floors, path + "/intensity"};
        const std::size_t before = out_.size();
        if (t.in.hr_bpm && t.ceiling) check_bpm(t);
        if (t.in.hr_ceiling_bpm && t.ceiling) check_stated_ceiling(t);
        if (t.in.percent_hrmax && t.ceiling) check_percent(t);
        check_rpe(t);
        if (aerobic && steering_rpe(p_, rules_)) check_steering(t);
        const bool steady_vigorous = s.type != SessionType::hiit && is_training(s.type) && detail::is_vigorous(s, t.m, p_, rules_);
        if (steady_vigorous && has_intensive_contraindication())
            add("safety.contraindication", Severity::error, t.ipath + "/class", s.date, "no vigorous work",
                "vigorous", "contraindication.vigorous", {arg("date", t.date()), arg("names", intensive_names())},
                "intensive");
        else if (steady_vigorous && !reading::vigorous_cleared(rules_, p_) && !clearance_reported(before))
            // Read by its numbers: vigorous by RPE, by a stated class, or by heart rate on a
            // beta-blocker (where the ceiling did not speak) needs the clearance as well.
            add(CLEARANCE, Severity::error, t.ipath + "/class", s.date, "moderate (no clearance for vigorous work)",
                "vigorous", "intensity.vigorous_uncleared",
                {arg("date", t.date()), arg("what", vigorous_what(t))}, "vigorous_requires_clearance");
    }

    // What makes the session vigorous, for the message: its RPE, its % HRmax, or its class.
    std::string vigorous_what(const Target& t) const {
        const auto v = IntensityClass::vigorous;
        if (t.in.rpe && classify_rpe(*t.in.rpe, rules_) == v) return "RPE " + n(t.in.rpe->low) + "-" + n(t.in.rpe->high);
        if (t.in.percent_hrmax && classify_percent(*t.in.percent_hrmax, rules_) == v)
            return n(t.in.percent_hrmax->low) + "-" + n(t.in.percent_hrmax->high) + " % HRmax";
        if (t.in.hr_bpm) return n(t.in.hr_bpm->low) + "-" + n(t.in.hr_bpm->high) + " bpm";
        return "vigorous";
    }

    // A heart-rate range in bpm: the ceiling, the floor, the class it describes, and
    // agreement with a stated % HRmax.
    void check_bpm(const Target& t) {
        const Range& bpm = *t.in.hr_bpm;
        const HeartRateLimit& ceiling = *t.ceiling;
        const HeartRateLimit& floor = t.z.floor;
        if (above(bpm.high, ceiling))
            add(ceiling.rule, Severity::error, t.ipath + "/hr_high_bpm", t.s.date,
                "<= " + n(ceiling.floor_bpm()) + " bpm (" + ceiling.basis.en + ")",
                n(bpm.high) + " bpm (" + percent_text(bpm.high, t.m) + " of HRmax)", "intensity.above_ceiling",
                {arg("date", t.date()), arg("bpm", n(bpm.high)), arg("max", n(ceiling.floor_bpm())),
                 arg("basis", ceiling.basis), arg("why", condition_note(ceiling.rule, ceiling.param))},
                ceiling.param);
        if (t.aerobic && t.floors && below(bpm.low, floor))
            add(floor.rule, Severity::warning, t.ipath + "/hr_low_bpm", t.s.date,
                ">= " + n(floor.ceil_bpm()) + " bpm (" + floor.basis.en + ")",
                n(bpm.low) + " bpm (" + percent_text(bpm.low, t.m) + " of HRmax)", "intensity.below_floor",
                {arg("date", t.date()), arg("bpm", n(bpm.low)), arg("min", n(floor.ceil_bpm())), arg("basis", floor.basis)},
                floor.param);
        if (!p_.beta_blocker && t.aerobic)
            check_class(t.s, t.ipath, classify_heart_rate(bpm, t.m, rules_), "heart-rate", "moderate_min_percent");
        if (!t.in.percent_hrmax) return;
        // The stated percentages must describe the stated bpm (1 % rounding allowed).
        const Range& pct = *t.in.percent_hrmax;
        const auto pct_of = [&](int b) { return (std::int64_t{b} * 10000 + t.m.centi_bpm / 2) / t.m.centi_bpm; };
        if (std::llabs(pct_of(bpm.low) - pct.low) > 1 || std::llabs(pct_of(bpm.high) - pct.high) > 1)
            add(HR, Severity::warning, t.ipath + "/percent_low", t.s.date,
                n(pct_of(bpm.low)) + "-" + n(pct_of(bpm.high)) + " % of HRmax " + t.m.expression,
                n(pct.low) + "-" + n(pct.high) + " %", "intensity.percent_mismatch", {arg("date", t.date())});
    }

    // A stated heart-rate ceiling (HIIT: effort steers, the heart rate only caps) is never
    // above the ceiling in force (the HIIT ceiling; after a stroke the stroke ceiling).
    void check_stated_ceiling(const Target& t) {
        const int bpm = *t.in.hr_ceiling_bpm;
        const HeartRateLimit& ceiling = *t.ceiling;
        if (!above(bpm, ceiling)) return;
        add(ceiling.rule, Severity::error, t.ipath + "/hr_ceiling_bpm", t.s.date,
            "<= " + n(ceiling.floor_bpm()) + " bpm (" + ceiling.basis.en + ")",
            n(bpm) + " bpm (" + percent_text(bpm, t.m) + " of HRmax)", "intensity.above_ceiling",
            {arg("date", t.date()), arg("bpm", n(bpm)), arg("max", n(ceiling.floor_bpm())), arg("basis", ceiling.basis),
             arg("why", condition_note(ceiling.rule, ceiling.param))},
            ceiling.param);
    }

    // % of HRmax, compared exactly with the same limits as bpm (Karvonen, concussion and
    // contraindication ceilings included).
    void check_percent(const Target& t) {
        const Range& pct = *t.in.percent_hrmax;
        const HeartRateLimit& ceiling = *t.ceiling;
        const HeartRateLimit& floor = t.z.floor;
        const std::int64_t centi = t.m.centi_bpm;
        if (std::int64_t{pct.high} * centi > ceiling.e4_bpm) {
            const std::string max = n(ceiling.e4_bpm / centi);
            add(ceiling.rule, Severity::error, t.ipath + "/percent_high", t.s.date,
                "<= " + max + " % of HRmax (" + ceiling.basis.en + ")", n(pct.high) + " %", "intensity.percent_above",
                {arg("date", t.date()), arg("percent", n(pct.high)), arg("max", max)}, ceiling.param);
        }
        if (t.aerobic && t.floors && !p_.beta_blocker && std::int64_t{pct.low} * centi < floor.e4_bpm) {
            const std::string min = n((floor.e4_bpm + centi - 1) / centi);
            add(floor.rule, Severity::warning, t.ipath + "/percent_low", t.s.date,
                ">= " + min + " % of HRmax (" + floor.basis.en + ")", n(pct.low) + " %", "intensity.percent_below",
                {arg("date", t.date()), arg("percent", n(pct.low)), arg("min", min)}, floor.param);
        }
        if (t.aerobic && !t.in.hr_bpm)
            check_class(t.s, t.ipath, classify_percent(pct, rules_), "% HRmax", "moderate_min_percent");
    }

    // An RPE range: the class it describes, and never above vigorous work's top.
    void check_rpe(const Target& t) {
        if (!t.in.rpe) return;
        const Range& rpe = *t.in.rpe;
        if (t.aerobic) check_class(t.s, t.ipath, classify_rpe(rpe, rules_), "RPE", "moderate_min_rpe");
        if (const std::int64_t max = rules_[params::intensity_heart_rate_vigorous_max_rpe]; rpe.high > max)
            add(HR, Severity::error, t.ipath + "/rpe_high", t.s.date, "<= RPE " + n(max), "RPE " + n(rpe.high),
                "intensity.rpe_above", {arg("date", t.date()), arg("rpe", n(rpe.high)), arg("max", n(max))},
                "vigorous_max_rpe");
    }

    // On beta-blockers, and where rpe_steers (stroke), RPE steers or caps aerobic work,
    // within its own range (beta_blocker_rpe_min..max).
    void check_steering(const Target& t) {
        if (!t.in.rpe) {
            if (!p_.beta_blocker) return;  // heart rate still steers; RPE would only cap
            add(HR, Severity::warning, t.ipath, t.s.date, "an RPE range (Borg 6-20)", "none", "intensity.rpe_missing",
                {arg("date", t.date())}, "beta_blocker_rpe_max");
            return;
        }
        const Range& rpe = *t.in.rpe;
        const std::int64_t max = rules_[params::intensity_heart_rate_beta_blocker_rpe_max];
        const std::int64_t min = rules_[params::intensity_heart_rate_beta_blocker_rpe_min];
        if (rpe.high > max)
            add(HR, Severity::error, t.ipath + "/rpe_high", t.s.date, "<= RPE " + n(max), "RPE " + n(rpe.high),
                "intensity.rpe_above", {arg("date", t.date()), arg("rpe", n(rpe.high)), arg("max", n(max))},
                "beta_blocker_rpe_max");
        if (rpe.low < min)
            add(HR, Severity::warning, t.ipath + "/rpe_low", t.s.date, ">= RPE " + n(min), "RPE " + n(rpe.low),
                "intensity.rpe_below", {arg("date", t.date()), arg("rpe", n(rpe.low)), arg("min", n(min))},
                "beta_blocker_rpe_min");
    }


    // The stated class must be the class the range describes (HIIT is vigorous by definition).
    void check_class(const SessionPlan& s, const std::string& ipath, IntensityClass derived, const char* from,
                     const char* param) {
        if (s.type == SessionType::hiit || derived == s.intensity->klass) return;
        add(HR, Severity::warning, ipath + "/class", s.date, to_string(derived) + std::string(" (from the ") + from + " range)",
            to_string(s.intensity->klass), "intensity.class_mismatch",
            {arg("date", s.date.to_string()), arg("stated", cls(s.intensity->klass)), arg("derived", cls(derived))}, param);
    }

private:
    void add(const std::string& rule, Severity sev, std::string path, Date date, std::string expected, std::string actual,
             const std::string& key, const std::vector<Arg>& args, const std::string& param = "") {
        out_.push_back(make_finding(rules_, rule, sev, std::move(path), date, date, std::move(expected),
                                    std::move(actual), key, args, param));
    }
    Text condition_note(const std::string& rule, const std::string& name) const {
        return detail::condition_note(rules_, rule, name);
    }
    bool has_intensive_contraindication() const { return !intensive_names().empty(); }
    // True when a finding from `from` on names safety.clearance (a ceiling at the top of
    // the moderate band): the session's vigorous work is reported already.
    bool clearance_reported(std::size_t from) const {
        for (std::size_t i = from; i < out_.size(); ++i)
            if (out_[i].rule == CLEARANCE) return true;
        return false;
    }
    std::string intensive_names() const { return reading::intensive_names(rules_, p_); }

    const Patient& p_;
    const Plan& plan_;
    const EffectiveRules& rules_;
    const HeartRateZones& zones_;
    std::vector<Finding>& out_;
};

}  // namespace

namespace detail {

std::optional<reading::ConcussionStage> session_stage(const Patient& p, const EffectiveRules& rules, const SessionPlan& s) {
    return reading::concussion_session_stage(rules, p, s);
}

const HeartRateZones& session_zones(const Patient& p, const EffectiveRules& rules, const SessionPlan& s,
                                    const HeartRateZones& zones, std::optional<HeartRateZones>& dated) {
    if (!p.has(ConditionType::concussion)) return zones;
    const auto stage = session_stage(p, rules, s);
    if (stage)
        for (const reading::ConcussionStepDate& d : reading::concussion_schedule(rules, p)) {
            if (d.stage != *stage || !d.from) continue;
            // Steps 1-3: the stage alone decides the zone. A later step stated ahead of the
            // planned days (one step a day, its gates met): that step's zone, not the day's
            // earlier stage; check_concussion still reports vigorous work in the early phase.
            if (reading::concussion_stage_percent(rules, *stage) || *d.from > s.date)
                return dated.emplace(heart_rate_zones(p, rules, *d.from));
        }
    return dated.emplace(heart_rate_zones(p, rules, s.date));
}

void check_intensity(const Patient& p, const Plan& plan, std::size_t index, const EffectiveRules& rules,
                     const HeartRateZones& zones, std::vector<Finding>& out) {
    IntensityChecker(p, plan, rules, zones, out).check_intensity(index);
}

// Vigorous when HIIT, stated so, or when any stated range describes vigorous work:
// a session called "moderate" at RPE 14-15 or up to 80 % HRmax is vigorous for every
// safety rule.
bool is_vigorous(const SessionPlan& s, const HrMax& m, const Patient& p, const EffectiveRules& rules) {
    if (s.type == SessionType::hiit) return true;
    if (!s.intensity) return false;
    return target_class(*s.intensity, m, p.beta_blocker, rules) == IntensityClass::vigorous;
}

void check_zone(const EffectiveRules& rules, const HeartRateZones& zones, std::vector<Finding>& out) {
    if (const auto note = zone_fallback_note(zones.aerobic))
        out.push_back(make_finding(rules, validation::HR, note->severity, "", std::nullopt, std::nullopt,
                                   "a heart-rate zone above the resting heart rate", to_string(zones.aerobic.basis),
                                   note->key, note->args, note->param));
}

}  // namespace detail

}  // namespace rehabplan
