#include "planning/intensity.hpp"

#include <algorithm>

#include "core/messages.hpp"
#include "planning/plan_text.hpp"
#include "rules/readings.hpp"

namespace rehabplan::generation {

using detail::arg;

int bpm_at(const HrMax& m, std::int64_t percent, bool round_up) {
    const std::int64_t e4 = m.centi_bpm * percent;  // bpm x 10 000
    return static_cast<int>(round_up ? (e4 + 9999) / 10000 : e4 / 10000);
}

IntensityClass planned_zone_class(const Patient& /*patient*/, const EffectiveRules& rules, const HeartRateZones& zones) {
    const HeartRateZone& z = zones.aerobic;
    if (!heart_rate_steers(z) && z.rpe) return classify_rpe(*z.rpe, rules);
    const IntensityClass by_hr = classify_heart_rate(Range{z.low_bpm, z.high_bpm}, z.hrmax, rules);
    return z.rpe ? std::max(by_hr, classify_rpe(*z.rpe, rules)) : by_hr;
}

std::optional<Intensity> zone_intensity(const GeneratorInputs& in, Date date, int max_class, PlanMessage& note) {
    const Patient& p = in.patient;
    const EffectiveRules& rules = in.rules;
    // A concussion zone depends on the day; any other is the patient's, not copied.
    std::optional<HeartRateZones> dated;
    if (p.has(ConditionType::concussion)) dated = heart_rate_zones(p, rules, date);
    const HeartRateZones& z = dated ? *dated : in.zones;
    // Zone work is moderate at most (vigorous work is HIIT's), and one step above last week.
    const int allowed = max_class < 0 ? 1 : std::min(max_class, 1);
    const IntensityBand& band = z.bands[static_cast<std::size_t>(allowed)];
    Intensity result;
    // The Borg target, kept within the allowed class.
    std::optional<Range> rpe = z.aerobic.rpe;
    if (rpe && classify_rpe(*rpe, rules) > static_cast<IntensityClass>(allowed))
        rpe = Range{std::min(rpe->low, band.rpe.high), std::min(rpe->high, band.rpe.high)};
    if (!heart_rate_steers(z.aerobic) && rpe) {
        // Beta-blockers: effort steers, heart rate caps; effort fallback: effort alone.
        const Range r = *rpe;
        result.rpe = r;
        result.klass = classify_rpe(r, rules);
        if (z.aerobic.basis == ZoneBasis::effort)
            note = detail::plan_message("gen.session.effort", {arg("rpe_low", n(r.low)), arg("rpe_high", n(r.high))});
        else
            note = detail::plan_message("gen.session.rpe", {arg("rpe_low", n(r.low)), arg("rpe_high", n(r.high)),
                                                             arg("high", n(z.aerobic.high_bpm))});
    } else {
        // After a concussion the zone of the day's step, the treadmill threshold within it:
        // heart_rate_zones(date) alone, so `rehabplan zones --date` gives the same numbers.
        Range r{std::max(40, z.aerobic.low_bpm), z.aerobic.high_bpm};
        if (classify_heart_rate(r, z.aerobic.hrmax, rules) > static_cast<IntensityClass>(allowed))
            r.high = std::min(r.high, band.high_bpm);
        if (r.high < 40) return std::nullopt;
        r.low = std::min(r.low, r.high);
        result.hr_bpm = r;
        result.klass = classify_heart_rate(r, z.aerobic.hrmax, rules);
        if (rpe) {
            // After a stroke effort steers alongside heart rate (rpe_steers).
            result.rpe = *rpe;
            result.klass = std::max(result.klass, classify_rpe(*rpe, rules));
            note = detail::plan_message("gen.session.zone_rpe", {arg("low", n(r.low)), arg("high", n(r.high)),
                                                                  arg("rpe_low", n(rpe->low)), arg("rpe_high", n(rpe->high))});
        } else {
            note = detail::plan_message("gen.session.zone", {arg("low", n(r.low)), arg("high", n(r.high))});
        }
    }
    if (static_cast<int>(result.klass) > allowed) return std::nullopt;
    return result;
}

void zone_findings(const GeneratorInputs& in, GeneratorFindings& findings) {
    const HeartRateZones z = heart_rate_zones(in.patient, in.rules, in.request.start_date);
    if (const auto note = zone_fallback_note(z.aerobic))
        add_finding(findings, in.rules, "intensity.heart_rate", note->severity,
                    in.patient.heart_rate.resting_bpm ? "/heart_rate/resting_bpm" : "/heart_rate", note->key, note->args,
                    note->param);
}

Intensity hiit_intensity(const GeneratorInputs& in, const SlotTemplate& s, const HiitIntervals& h, PlanMessage& note) {
    const EffectiveRules& rules = in.rules;
    const HrMax& m = in.zones.aerobic.hrmax;
    Intensity result;
    result.klass = IntensityClass::vigorous;
    const Range rpe = reading::hiit_work_rpe(rules);
    result.rpe = rpe;
    int high = in.zones.hiit_ceiling ? in.zones.hiit_ceiling->floor_bpm()
                                     : bpm_at(m, rules[params::hiit_protocol_max_percent_hrmax], false);
    if (s.target_percent) high = std::min(high, bpm_at(m, s.target_percent->high, false));
    result.hr_ceiling_bpm = high;
    note = detail::plan_message("gen.session.hiit_effort",
                                {arg("repeats", n(h.repeats)), arg("work", n(h.work_seconds)),
                                 arg("recovery", n(h.recovery_seconds)), arg("rpe_low", n(rpe.low)),
                                 arg("rpe_high", n(rpe.high)), arg("high", n(high))});
    return result;
}

}  // namespace rehabplan::generation
