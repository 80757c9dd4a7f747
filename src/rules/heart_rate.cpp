// HRmax, target zone and intensity bands. Every number carries the rule parameter
// and formula that produced it.
#include "rules/heart_rate.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/messages.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

namespace {

const std::string HR = "intensity.heart_rate";
const std::string CONTRA = "safety.contraindication";
const std::string CLEARANCE = "safety.clearance";

std::string bpm_text(std::int64_t centi) {
    char buf[32];
    const std::int64_t tenths = (centi + 5) / 10;  // rounded to the nearest 0.1 bpm
    std::snprintf(buf, sizeof buf, "%lld.%lld", static_cast<long long>(tenths / 10), static_cast<long long>(tenths % 10));
    return buf;
}

// A number as Dutch writes it: a decimal comma ("157,6", "0,7"); a point between two digits
// is the only one changed.
std::string decimal_comma(std::string s) {
    for (std::size_t i = 1; i + 1 < s.size(); ++i)
        if (s[i] == '.' && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9') s[i] = ',';
    return s;
}

// HRmax to 0.1 bpm in both languages: "157.6", "157,6".
Text bpm_value(std::int64_t centi) {
    const std::string en = bpm_text(centi);
    return Text{en, decimal_comma(en)};
}

// The HRmax formula as a patient reads it: the rule set writes "208 - 0.7 x age" and
// "measured"; a Dutch printout says "208 - 0,7 x leeftijd" and "gemeten".
Text expression_text(const HrMax& m) {
    std::string nl = decimal_comma(m.expression);
    if (const auto at = nl.find("age"); at != std::string::npos) nl.replace(at, 3, "leeftijd");
    if (nl == "measured") nl = "gemeten";
    return Text{m.expression, nl};
}

HeartRateLimit percent_of_hrmax(const EffectiveRules& rules, const HrMax& m, ParamRef param, std::int64_t pct) {
    HeartRateLimit l;
    l.e4_bpm = m.centi_bpm * pct;
    l.rule = param.rule;
    l.param = param.name;
    l.source = rules.source(param);
    l.basis = detail::message("basis.percent_hrmax", {detail::arg("pct", std::to_string(pct)),
                                                      detail::arg("hrmax", bpm_value(m.centi_bpm)),
                                                      detail::arg("expression", expression_text(m))});
    return l;
}

HeartRateLimit karvonen(const EffectiveRules& rules, const HrMax& m, int resting, IntParam param) {
    const std::int64_t pct = rules[param];
    HeartRateLimit l;
    // resting + (HRmax - resting) x pct / 100, kept in 1/10000 bpm.
    l.e4_bpm = std::int64_t{resting} * 10000 + (m.centi_bpm - std::int64_t{resting} * 100) * pct;
    l.rule = param.rule;
    l.param = param.name;
    l.source = rules.source(param);
    l.basis = detail::message("basis.karvonen", {detail::arg("rest", std::to_string(resting)),
                                                 detail::arg("pct", std::to_string(pct)),
                                                 detail::arg("hrmax", bpm_value(m.centi_bpm))});
    return l;
}

HeartRateLimit percent_of_threshold(const EffectiveRules& rules, int threshold, IntParam param) {
    const std::int64_t pct = rules[param];
    HeartRateLimit l;
    l.e4_bpm = std::int64_t{threshold} * pct * 100;
    l.rule = param.rule;
    l.param = param.name;
    l.source = rules.source(param);
    l.basis = detail::message("basis.threshold", {detail::arg("pct", std::to_string(pct)),
                                                  detail::arg("threshold", std::to_string(threshold))});
    return l;
}

const HeartRateLimit& lower_of(const HeartRateLimit& a, const HeartRateLimit& b) { return b.e4_bpm < a.e4_bpm ? b : a; }
const HeartRateLimit& higher_of(const HeartRateLimit& a, const HeartRateLimit& b) { return b.e4_bpm > a.e4_bpm ? b : a; }

}  // namespace

int HeartRateLimit::floor_bpm() const { return static_cast<int>(e4_bpm / 10000); }
int HeartRateLimit::ceil_bpm() const { return static_cast<int>((e4_bpm + 9999) / 10000); }

bool above(int bpm, const HeartRateLimit& limit) { return std::int64_t{bpm} * 10000 > limit.e4_bpm; }
bool below(int bpm, const HeartRateLimit& limit) { return std::int64_t{bpm} * 10000 < limit.e4_bpm; }

std::string percent_text(int bpm, const HrMax& m) {
    if (m.centi_bpm <= 0) return "?";
    const std::int64_t tenths = (std::int64_t{bpm} * 100000 + m.centi_bpm / 2) / m.centi_bpm;  // % x 10
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%lld %%", static_cast<long long>(tenths / 10), static_cast<long long>(tenths % 10));
    return buf;
}

namespace {
// The formula HRmax is estimated by when not measured.
std::map<std::string, HrMaxFormula>::const_iterator hrmax_formula(const Patient& p, const EffectiveRules& rules) {
    const std::string& fallback = rules[params::intensity_heart_rate_default_formula];
    const std::string* id = p.heart_rate.formula ? &*p.heart_rate.formula : &fallback;
    // Beta-blockers blunt the heart-rate response; a condition may name a formula for them.
    if (p.beta_blocker && !rules[params::intensity_heart_rate_beta_blocker_formula].empty())
        id = &rules[params::intensity_heart_rate_beta_blocker_formula];
    const auto& formulas = rules.rule_set().hrmax_formulas;
    auto it = formulas.find(*id);
    if (it == formulas.end()) it = formulas.find(fallback);
    if (it == formulas.end()) it = formulas.begin();
    return it;
}
}  // namespace

std::int64_t hrmax_centi_bpm(const Patient& p, const EffectiveRules& rules) {
    if (p.heart_rate.max_bpm) return std::int64_t{*p.heart_rate.max_bpm} * 100;
    const auto it = hrmax_formula(p, rules);
    return it->second.intercept_centi - it->second.slope_centi * p.age;
}

HrMax hrmax(const Patient& p, const EffectiveRules& rules) {
    HrMax m;
    m.centi_bpm = hrmax_centi_bpm(p, rules);
    if (p.heart_rate.max_bpm) {
        m.source = "measured";
        m.expression = "measured";
        return m;
    }
    const auto it = hrmax_formula(p, rules);
    m.source = it->first;
    m.expression = it->second.expression + " = " + bpm_text(m.centi_bpm);
    return m;
}

namespace {

// The zone's limits before whole bpm: narrowed step by step (rule, contraindication,
// clearance, Karvonen, concussion phase, beta-blockers), each step reading the limits the
// previous ones left; the order of the steps is the clinical reading.
struct ZoneLimits {
    ZoneBasis basis = ZoneBasis::percent_hrmax;
    HeartRateLimit floor;
    HeartRateLimit ceiling;
    HeartRateLimit limit;
    HeartRateLimit top;
};

ZoneLimits zone_limits(const Patient& p, const EffectiveRules& rules, const HrMax& m, std::optional<Date> date,
                       bool use_karvonen, std::vector<std::string>& notes) {
    ZoneLimits z;
    HeartRateLimit floor = percent_of_hrmax(rules, m, params::intensity_heart_rate_min_percent_hrmax,
                                            rules[params::intensity_heart_rate_min_percent_hrmax]);
    HeartRateLimit ceiling = percent_of_hrmax(rules, m, params::intensity_heart_rate_max_percent_hrmax,
                                              rules[params::intensity_heart_rate_max_percent_hrmax]);
    if (!ceiling.source.empty()) notes.push_back("ceiling narrowed by condition " + ceiling.source);
    const std::int64_t moderate_top = rules[params::intensity_heart_rate_moderate_max_percent];
    const HeartRateLimit moderate = percent_of_hrmax(rules, m, params::intensity_heart_rate_moderate_max_percent, moderate_top);

    if (!reading::intensive_names(rules, p).empty()) {
        // Intensive training is contraindicated: no vigorous work, so the ceiling is the
        // top of the moderate band.
        if (moderate.e4_bpm < ceiling.e4_bpm) {
            ceiling = moderate;
            ceiling.rule = CONTRA;
            ceiling.param = "intensive";
            ceiling.basis = detail::message("basis.intensive", {detail::arg("basis", moderate.basis)});
        }
        notes.push_back("contraindication to intensive training: no HIIT or vigorous work");
    }
    // Steady work above the moderate band is vigorous, and vigorous work needs a clearance
    // (safety.clearance vigorous_requires_clearance): applied last, so `limit` keeps the
    // ceiling without it.
    std::optional<HeartRateLimit> uncleared;
    if (reading::intensive_names(rules, p).empty() && !reading::vigorous_cleared(rules, p)) {
        uncleared = moderate;
        uncleared->rule = CLEARANCE;
        uncleared->param = "vigorous_requires_clearance";
        uncleared->source.clear();
        uncleared->basis = detail::message("basis.uncleared", {detail::arg("basis", moderate.basis)});
        notes.push_back("no clearance for vigorous work: the ceiling is the top of the moderate band");
    }

    z.basis = ZoneBasis::percent_hrmax;
    if (use_karvonen && p.heart_rate.resting_bpm && !p.beta_blocker) {
        z.basis = ZoneBasis::karvonen;
        floor = higher_of(floor, karvonen(rules, m, *p.heart_rate.resting_bpm, params::intensity_heart_rate_min_percent_hrr));
        ceiling = lower_of(ceiling, karvonen(rules, m, *p.heart_rate.resting_bpm, params::intensity_heart_rate_max_percent_hrr));
        notes.push_back("resting heart rate given: zone from the heart-rate reserve (Karvonen), within the %HRmax limits");
    } else if (p.heart_rate.resting_bpm && !p.beta_blocker) {
        // Karvonen collapsed: % HRmax, but never at or below the resting rate.
        const int rest = *p.heart_rate.resting_bpm;
        floor = higher_of(floor, HeartRateLimit{std::int64_t{rest + 1} * 10000, HR, "min_percent_hrr", "",
                                                detail::message("basis.above_resting", {detail::arg("rest", std::to_string(rest))})});
    }

    // A day before the concussion is not part of its return: the usual zone.
    if (const Condition* c = p.find(ConditionType::concussion); c && !(date && c->event_date && *date < *c->event_date)) {
        // The return's stage on the date sets the zone (concussion.return); without a date
        // or an event date, step 2A: the safe default. From late_step_min the usual zone.
        reading::ConcussionStage stage = reading::ConcussionStage::step2a;
        if (date && c->event_date) stage = reading::concussion_stage_on(rules, p, *date).value_or(reading::ConcussionStage::step1);
        if (const auto pct = reading::concussion_stage_percent(rules, stage)) {
            // The stage's own floor replaces the general one (2A lies below it on purpose).
            z.basis = ZoneBasis::percent_hrmax;
            floor = percent_of_hrmax(rules, m, pct->low_param, pct->low);
            ceiling = lower_of(ceiling, percent_of_hrmax(rules, m, pct->high_param, pct->high));
            if (const auto thr = p.heart_rate.symptom_threshold_bpm) {
                // Below the treadmill threshold, never above the step's ceiling.
                z.basis = ZoneBasis::symptom_threshold;
                ceiling = lower_of(ceiling, percent_of_threshold(rules, *thr, params::concussion_return_threshold_max_percent));
                const HeartRateLimit low = percent_of_threshold(rules, *thr, params::concussion_return_threshold_min_percent);
                if (low.e4_bpm < ceiling.e4_bpm) floor = higher_of(floor, low);
            }
            if (floor.e4_bpm >= ceiling.e4_bpm) floor = percent_of_hrmax(rules, m, pct->low_param, pct->low);
            // Never at or below the resting rate (a resting rate of 85 leaves 2A 86-99 bpm at
            // HRmax 180, not effort alone).
            if (const auto rest = p.heart_rate.resting_bpm; rest && !p.beta_blocker)
                floor = higher_of(floor, HeartRateLimit{std::int64_t{*rest + 1} * 10000, HR, "min_percent_hrr", "",
                                                        detail::message("basis.above_resting",
                                                                        {detail::arg("rest", std::to_string(*rest))})});
            notes.push_back(std::string("concussion: step ") + reading::stage_label(stage) +
                            (date ? " limits on this date" : " limits (no date given)"));
        }
        if (!date || !reading::concussion_vigorous_allowed(rules, p, *date)) {
            // No vigorous work before step 4 and a vigorous clearance since the concussion.
            if (reading::intensive_names(rules, p).empty() && !uncleared) {
                uncleared = moderate;
                uncleared->rule = "concussion.return";
                uncleared->param = "late_step_min";
                uncleared->source.clear();
                uncleared->basis = detail::message("basis.uncleared", {detail::arg("basis", moderate.basis)});
            }
        }
    }

    if (p.beta_blocker) {
        z.basis = ZoneBasis::rpe;
        floor = HeartRateLimit{0, HR, "beta_blocker_rpe_min", "", detail::message("basis.rpe_only")};
        notes.push_back("beta-blocker: steer by RPE (Borg 6-20); heart rate is only a ceiling");
    }
    z.floor = floor;
    z.limit = ceiling;
    z.ceiling = uncleared ? lower_of(*uncleared, ceiling) : ceiling;
    ceiling = z.ceiling;
    // The target stays moderate: with a vigorous clearance the ceiling may reach higher,
    // the zone printed and prescribed for steady work does not.
    z.top = lower_of(ceiling, moderate);
    if (z.top.e4_bpm < ceiling.e4_bpm) z.top.basis = detail::message("basis.moderate_top", {detail::arg("basis", moderate.basis)});
    return z;
}

// A zone is usable when it is a range (not one number) above the resting heart rate;
// on RPE (beta-blockers) the heart-rate cap must lie above the resting rate.
bool usable(const ZoneLimits& z, std::optional<int> resting) {
    // value_or, not `!resting || x > *resting`: GCC evaluates that without a branch, and
    // valgrind then reports the unused payload of an empty optional as uninitialised.
    const int floor = resting.value_or(std::numeric_limits<int>::min());
    const int high = z.top.floor_bpm();
    if (z.basis == ZoneBasis::rpe) return high > floor;
    const int low = z.floor.ceil_bpm();
    return low < high && low > floor;
}

}  // namespace

std::optional<Range> steering_rpe(const Patient& p, const EffectiveRules& rules) {
    if (!p.beta_blocker && !rules[params::intensity_heart_rate_rpe_steers]) return std::nullopt;
    return Range{static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_min]),
                 static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_max])};
}

HeartRateZones heart_rate_zones(const Patient& p, const EffectiveRules& rules, std::optional<Date> date) {
    HeartRateZones zones;
    HeartRateZone& z = zones.aerobic;
    z.hrmax = hrmax(p, rules);
    z.resting_bpm = p.heart_rate.resting_bpm;
    const HrMax& m = z.hrmax;

    std::vector<std::string> notes;
    ZoneLimits l = zone_limits(p, rules, m, date, true, notes);
    if (!usable(l, z.resting_bpm) && l.basis == ZoneBasis::karvonen) {
        // Karvonen's floor met or passed its ceiling (a high resting rate): % HRmax.
        notes.clear();
        l = zone_limits(p, rules, m, date, false, notes);
        z.fallback = ZoneFallback::percent_hrmax;
        notes.push_back("Karvonen's floor met or passed its ceiling: zone from % HRmax, above the resting rate");
    }
    z.notes = std::move(notes);
    if (!usable(l, z.resting_bpm)) {
        // No heart-rate range fits above the resting rate: effort alone steers, and the
        // ceiling stays a ceiling for any heart rate a plan states.
        l.basis = ZoneBasis::effort;
        l.floor = HeartRateLimit{0, HR, "beta_blocker_rpe_min", "", detail::message("basis.effort_only")};
        z.fallback = ZoneFallback::effort;
        z.notes.push_back("no heart-rate zone above the resting rate: effort (Borg) steers");
    }
    z.basis = l.basis;
    z.floor = l.floor;
    z.ceiling = l.ceiling;
    z.limit = l.limit;
    z.top = l.top;
    const bool hr_steers = heart_rate_steers(z);
    z.high_bpm = z.top.floor_bpm();
    z.low_bpm = hr_steers ? z.floor.ceil_bpm() : 0;
    std::optional<Range> steer = steering_rpe(p, rules);
    if (!steer && !hr_steers)
        steer = Range{static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_min]),
                      static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_max])};
    if (steer) {
        // The target stays moderate (the limits allow up to beta_blocker_rpe_max with a
        // vigorous clearance).
        const int mod_rpe = static_cast<int>(rules[params::intensity_heart_rate_moderate_max_rpe]);
        z.rpe = Range{std::min(steer->low, mod_rpe), std::min(steer->high, mod_rpe)};
    }
    // The % HRmax shown match the limits in force (Karvonen, concussion, contraindication).
    z.low_percent = static_cast<int>(rules[params::intensity_heart_rate_min_percent_hrmax]);
    z.high_percent = static_cast<int>(rules[params::intensity_heart_rate_max_percent_hrmax]);
    if (m.centi_bpm > 0) {
        z.high_percent = static_cast<int>(z.top.e4_bpm / m.centi_bpm);
        if (hr_steers) z.low_percent = static_cast<int>((z.floor.e4_bpm + m.centi_bpm - 1) / m.centi_bpm);
    }

    // ACSM bands; each band ends one bpm below the next one's start, and every bpm above
    // the moderate band's top (moderate_max_percent) is vigorous.
    const std::int64_t mod = rules[params::intensity_heart_rate_moderate_min_percent];
    const std::int64_t mod_max = rules[params::intensity_heart_rate_moderate_max_percent];
    const std::int64_t vig = rules[params::intensity_heart_rate_vigorous_min_percent];
    const std::int64_t top = rules[params::intensity_heart_rate_vigorous_max_percent];
    const int mod_rpe = static_cast<int>(rules[params::intensity_heart_rate_moderate_min_rpe]);
    const int mod_max_rpe = static_cast<int>(rules[params::intensity_heart_rate_moderate_max_rpe]);
    const int vig_rpe = static_cast<int>(rules[params::intensity_heart_rate_vigorous_min_rpe]);
    const int mod_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_moderate_min_percent, mod).ceil_bpm();
    const int mod_max_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_moderate_max_percent, mod_max).floor_bpm();
    const int top_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_vigorous_max_percent, top).floor_bpm();
    zones.bands = {
        {IntensityClass::light, 0, mod_bpm - 1, 0, static_cast<int>(mod) - 1, Range{6, mod_rpe - 1}},
        {IntensityClass::moderate, mod_bpm, mod_max_bpm, static_cast<int>(mod), static_cast<int>(mod_max),
         Range{mod_rpe, mod_max_rpe}},
        {IntensityClass::vigorous, mod_max_bpm + 1, top_bpm, static_cast<int>(vig), static_cast<int>(top),
         Range{vig_rpe, static_cast<int>(rules[params::intensity_heart_rate_vigorous_max_rpe])}},
    };
    // No HIIT ceiling where HIIT is not allowed at all.
    if (reading::intensive_names(rules, p).empty())
        zones.hiit_ceiling = percent_of_hrmax(rules, m, params::hiit_protocol_max_percent_hrmax,
                                              rules[params::hiit_protocol_max_percent_hrmax]);
    return zones;
}

namespace {
// Vigorous when the range's top passes the moderate band's top (`top_scaled` is the top
// x 2 x `scale` compared with 2 x high); otherwise the class of its doubled midpoint,
// compared with the moderate band's start scaled by `scale` (all in integers).
IntensityClass by_numbers(std::int64_t twice_high, std::int64_t twice_mid, std::int64_t scale, const EffectiveRules& rules,
                          IntParam moderate_min, IntParam moderate_max) {
    if (twice_high > 2 * rules[moderate_max] * scale) return IntensityClass::vigorous;
    if (twice_mid >= 2 * rules[moderate_min] * scale) return IntensityClass::moderate;
    return IntensityClass::light;
}
}  // namespace

IntensityClass classify_heart_rate(Range bpm, const HrMax& m, const EffectiveRules& rules) {
    // high / HRmax > pct / 100  <=>  high x 10000 > pct x HRmax x 100
    return by_numbers(std::int64_t{bpm.high} * 2 * 10000, (std::int64_t{bpm.low} + bpm.high) * 10000, m.centi_bpm, rules,
                      params::intensity_heart_rate_moderate_min_percent, params::intensity_heart_rate_moderate_max_percent);
}

IntensityClass classify_percent(Range percent, const EffectiveRules& rules) {
    return by_numbers(std::int64_t{percent.high} * 2, std::int64_t{percent.low} + percent.high, 1, rules,
                      params::intensity_heart_rate_moderate_min_percent, params::intensity_heart_rate_moderate_max_percent);
}

IntensityClass classify_rpe(Range rpe, const EffectiveRules& rules) {
    return by_numbers(std::int64_t{rpe.high} * 2, std::int64_t{rpe.low} + rpe.high, 1, rules,
                      params::intensity_heart_rate_moderate_min_rpe, params::intensity_heart_rate_moderate_max_rpe);
}

IntensityClass target_class(const Intensity& in, const HrMax& m, bool beta_blocker, const EffectiveRules& rules) {
    const auto v = IntensityClass::vigorous;
    if (in.klass == v || (in.hr_bpm && !beta_blocker && m.centi_bpm > 0 && classify_heart_rate(*in.hr_bpm, m, rules) == v) ||
        (in.percent_hrmax && classify_percent(*in.percent_hrmax, rules) == v) || (in.rpe && classify_rpe(*in.rpe, rules) == v))
        return v;
    return in.klass;
}

std::optional<ZoneFallbackNote> zone_fallback_note(const HeartRateZone& z) {
    using detail::arg;
    const std::string rest = z.resting_bpm ? std::to_string(*z.resting_bpm) : "";
    switch (z.fallback) {
        case ZoneFallback::none: return std::nullopt;
        case ZoneFallback::percent_hrmax:
            return ZoneFallbackNote{Severity::info, "intensity.zone_karvonen",
                                    {arg("rest", rest), arg("low", std::to_string(z.low_bpm)), arg("high", std::to_string(z.high_bpm))},
                                    "min_percent_hrr"};
        case ZoneFallback::effort: {
            std::vector<detail::Arg> args{arg("max", std::to_string(z.ceiling.floor_bpm()))};
            if (z.rpe) {
                args.push_back(arg("rpe_low", std::to_string(z.rpe->low)));
                args.push_back(arg("rpe_high", std::to_string(z.rpe->high)));
            }
            if (z.resting_bpm) {
                args.push_back(arg("rest", rest));
                return ZoneFallbackNote{Severity::warning, "intensity.zone_effort", args, "beta_blocker_rpe_max"};
            }
            return ZoneFallbackNote{Severity::warning, "intensity.zone_effort_limits", args, "beta_blocker_rpe_max"};
        }
    }
    return std::nullopt;
}

const char* to_string(ZoneBasis b) { return enum_name(b); }

const char* to_string(ZoneFallback f) {
    switch (f) {
        case ZoneFallback::none: return "none";
        case ZoneFallback::percent_hrmax: return "percent_hrmax";
        case ZoneFallback::effort: return "effort";
    }
    return "none";
}

}  // namespace rehabplan
