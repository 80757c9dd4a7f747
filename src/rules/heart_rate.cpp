// HRmax, target zone and intensity bands. Every number carries the rule parameter
// and formula that produced it.
#include "rules/heart_rate.hpp"

#include <algorithm>
#include <cstdio>

#include "core/messages.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

namespace {

const std::string HR = "intensity.heart_rate";
const std::string CONTRA = "safety.contraindication";

std::string bpm_text(std::int64_t centi) {
    char buf[32];
    const std::int64_t tenths = (centi + 5) / 10;  // rounded to the nearest 0.1 bpm
    std::snprintf(buf, sizeof buf, "%lld.%lld", static_cast<long long>(tenths / 10), static_cast<long long>(tenths % 10));
    return buf;
}

HeartRateLimit percent_of_hrmax(const EffectiveRules& rules, const HrMax& m, ParamRef param, std::int64_t pct) {
    HeartRateLimit l;
    l.e4_bpm = m.centi_bpm * pct;
    l.rule = param.rule;
    l.param = param.name;
    l.source = rules.source(param);
    l.basis = detail::message("basis.percent_hrmax", {detail::arg("pct", std::to_string(pct)),
                                                      detail::arg("hrmax", bpm_text(m.centi_bpm)),
                                                      detail::arg("expression", m.expression)});
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
                                                 detail::arg("hrmax", bpm_text(m.centi_bpm))});
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

HrMax hrmax(const Patient& p, const EffectiveRules& rules) {
    HrMax m;
    if (p.heart_rate.max_bpm) {
        m.centi_bpm = std::int64_t{*p.heart_rate.max_bpm} * 100;
        m.source = "measured";
        m.expression = "measured";
        return m;
    }
    std::string id = p.heart_rate.formula.value_or(rules[params::intensity_heart_rate_default_formula]);
    // Beta-blockers blunt the heart-rate response; a condition may name a formula for them.
    if (p.beta_blocker && !rules[params::intensity_heart_rate_beta_blocker_formula].empty()) id = rules[params::intensity_heart_rate_beta_blocker_formula];
    const auto& formulas = rules.rule_set().hrmax_formulas;
    auto it = formulas.find(id);
    if (it == formulas.end()) it = formulas.find(rules[params::intensity_heart_rate_default_formula]);
    if (it == formulas.end()) it = formulas.begin();
    m.centi_bpm = it->second.intercept_centi - it->second.slope_centi * p.age;
    m.source = it->first;
    m.expression = it->second.expression + " = " + bpm_text(m.centi_bpm);
    return m;
}

// One function (about 90 lines) on purpose: the zone is narrowed step by step (rule,
// contraindication, Karvonen, concussion phase, beta-blockers, bands), each step reading
// the limits the previous ones left, and the order of the steps is the clinical reading.
HeartRateZones heart_rate_zones(const Patient& p, const EffectiveRules& rules, std::optional<Date> date) {
    HeartRateZones zones;
    HeartRateZone& z = zones.aerobic;
    z.hrmax = hrmax(p, rules);
    z.resting_bpm = p.heart_rate.resting_bpm;
    const HrMax& m = z.hrmax;

    z.low_percent = static_cast<int>(rules[params::intensity_heart_rate_min_percent_hrmax]);
    z.high_percent = static_cast<int>(rules[params::intensity_heart_rate_max_percent_hrmax]);
    HeartRateLimit floor = percent_of_hrmax(rules, m, params::intensity_heart_rate_min_percent_hrmax, z.low_percent);
    HeartRateLimit ceiling = percent_of_hrmax(rules, m, params::intensity_heart_rate_max_percent_hrmax, z.high_percent);
    if (!ceiling.source.empty()) z.notes.push_back("ceiling narrowed by condition " + ceiling.source);

    if (!reading::intensive_names(rules, p).empty()) {
        // Intensive training is contraindicated: no vigorous work, so the ceiling is the
        // top of the moderate band.
        const std::int64_t top = rules[params::intensity_heart_rate_vigorous_min_percent] - 1;
        if (top < z.high_percent) {
            ceiling = percent_of_hrmax(rules, m, params::intensity_heart_rate_vigorous_min_percent, top);
            ceiling.rule = CONTRA;
            ceiling.param = "intensive";
            ceiling.basis = detail::message("basis.intensive", {detail::arg("basis", ceiling.basis)});
            z.high_percent = static_cast<int>(top);
        }
        z.notes.push_back("contraindication to intensive training: no HIIT or vigorous work");
    }

    z.basis = ZoneBasis::percent_hrmax;
    if (p.heart_rate.resting_bpm && !p.beta_blocker) {
        z.basis = ZoneBasis::karvonen;
        floor = higher_of(floor, karvonen(rules, m, *p.heart_rate.resting_bpm, params::intensity_heart_rate_min_percent_hrr));
        ceiling = lower_of(ceiling, karvonen(rules, m, *p.heart_rate.resting_bpm, params::intensity_heart_rate_max_percent_hrr));
        z.notes.push_back("resting heart rate given: zone from the heart-rate reserve (Karvonen), within the %HRmax limits");
    }

    if (const Condition* c = p.find(ConditionType::concussion)) {
        const bool early = !date || !c->event_date || reading::concussion_early_phase(rules, *c->event_date, *date);
        if (early) {
            if (p.heart_rate.symptom_threshold_bpm) {
                z.basis = ZoneBasis::symptom_threshold;
                const int thr = *p.heart_rate.symptom_threshold_bpm;
                floor = percent_of_threshold(rules, thr, params::concussion_return_threshold_min_percent);
                ceiling = lower_of(ceiling, percent_of_threshold(rules, thr, params::concussion_return_threshold_max_percent));
            } else {
                ceiling = lower_of(ceiling, percent_of_hrmax(rules, m, params::concussion_return_early_max_percent_hrmax,
                                                             rules[params::concussion_return_early_max_percent_hrmax]));
            }
            z.notes.push_back(date ? "concussion: early return-to-activity limits apply on this date"
                                   : "concussion: early return-to-activity limits (no date given)");
        }
    }

    if (p.beta_blocker) {
        z.basis = ZoneBasis::rpe;
        z.rpe = Range{static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_min]),
                      static_cast<int>(rules[params::intensity_heart_rate_beta_blocker_rpe_max])};
        floor = HeartRateLimit{0, HR, "beta_blocker_rpe_min", "", detail::message("basis.rpe_only")};
        z.notes.push_back("beta-blocker: steer by RPE (Borg 6-20); heart rate is only a ceiling");
    }

    if (floor.e4_bpm > ceiling.e4_bpm) floor.e4_bpm = ceiling.e4_bpm;
    z.floor = floor;
    z.ceiling = ceiling;
    z.low_bpm = std::min(floor.ceil_bpm(), ceiling.floor_bpm());
    z.high_bpm = ceiling.floor_bpm();
    // The % HRmax shown match the limits in force (Karvonen, concussion, contraindication).
    if (m.centi_bpm > 0) {
        z.high_percent = static_cast<int>(ceiling.e4_bpm / m.centi_bpm);
        if (z.basis != ZoneBasis::rpe) z.low_percent = static_cast<int>((floor.e4_bpm + m.centi_bpm - 1) / m.centi_bpm);
    }

    // ACSM bands; each band ends one bpm below the next one's start.
    const std::int64_t mod = rules[params::intensity_heart_rate_moderate_min_percent];
    const std::int64_t vig = rules[params::intensity_heart_rate_vigorous_min_percent];
    const std::int64_t top = rules[params::intensity_heart_rate_vigorous_max_percent];
    const int mod_rpe = static_cast<int>(rules[params::intensity_heart_rate_moderate_min_rpe]);
    const int vig_rpe = static_cast<int>(rules[params::intensity_heart_rate_vigorous_min_rpe]);
    const int mod_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_moderate_min_percent, mod).ceil_bpm();
    const int vig_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_vigorous_min_percent, vig).ceil_bpm();
    const int top_bpm = percent_of_hrmax(rules, m, params::intensity_heart_rate_vigorous_max_percent, top).floor_bpm();
    zones.bands = {
        {IntensityClass::light, 0, mod_bpm - 1, 0, static_cast<int>(mod) - 1, Range{6, mod_rpe - 1}},
        {IntensityClass::moderate, mod_bpm, vig_bpm - 1, static_cast<int>(mod), static_cast<int>(vig) - 1,
         Range{mod_rpe, vig_rpe - 1}},
        {IntensityClass::vigorous, vig_bpm, top_bpm, static_cast<int>(vig), static_cast<int>(top),
         Range{vig_rpe, static_cast<int>(rules[params::intensity_heart_rate_vigorous_max_rpe])}},
    };
    // No HIIT ceiling where HIIT is not allowed at all.
    if (reading::intensive_names(rules, p).empty())
        zones.hiit_ceiling = percent_of_hrmax(rules, m, params::hiit_protocol_max_percent_hrmax,
                                              rules[params::hiit_protocol_max_percent_hrmax]);
    return zones;
}

namespace {
// The class of a range from its doubled midpoint, compared with the band thresholds
// scaled by `scale` (so every comparison stays in integers).
IntensityClass by_midpoint(std::int64_t twice_mid, std::int64_t scale, const EffectiveRules& rules,
                           IntParam moderate_min, IntParam vigorous_min) {
    if (twice_mid >= 2 * rules[vigorous_min] * scale) return IntensityClass::vigorous;
    if (twice_mid >= 2 * rules[moderate_min] * scale) return IntensityClass::moderate;
    return IntensityClass::light;
}
}  // namespace

IntensityClass classify_heart_rate(Range bpm, const HrMax& m, const EffectiveRules& rules) {
    // midpoint / HRmax >= pct / 100  <=>  (low + high) x 10000 >= 2 x pct x HRmax x 100
    return by_midpoint((std::int64_t{bpm.low} + bpm.high) * 10000, m.centi_bpm, rules, params::intensity_heart_rate_moderate_min_percent,
                       params::intensity_heart_rate_vigorous_min_percent);
}

IntensityClass classify_percent(Range percent, const EffectiveRules& rules) {
    return by_midpoint(std::int64_t{percent.low} + percent.high, 1, rules, params::intensity_heart_rate_moderate_min_percent,
                       params::intensity_heart_rate_vigorous_min_percent);
}

IntensityClass classify_rpe(Range rpe, const EffectiveRules& rules) {
    return by_midpoint(std::int64_t{rpe.low} + rpe.high, 1, rules, params::intensity_heart_rate_moderate_min_rpe,
                       params::intensity_heart_rate_vigorous_min_rpe);
}

const char* to_string(ZoneBasis b) { return enum_name(b); }

}  // namespace rehabplan
