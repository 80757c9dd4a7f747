// HRmax, the aerobic target zone and the ACSM intensity bands for one patient.
// All limits are kept exactly in integers (HRmax in 1/100 bpm, limits in 1/10000
// bpm), so 85 % of 180 is 153 bpm, not 152.99999.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/finding.hpp"
#include "core/messages.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

struct HrMax {
    std::int64_t centi_bpm = 0;      // HRmax x 100
    std::string source;              // "measured" or a formula ID ("tanaka", "brawner", ...)
    std::string expression;          // "208 - 0.7 x age", or "measured"
    double bpm() const { return static_cast<double>(centi_bpm) / 100.0; }
};

// rpe: beta-blockers, heart rate only caps; effort: no heart-rate zone fits above the
// resting rate, so effort (Borg) alone steers.
enum class ZoneBasis { percent_hrmax, karvonen, symptom_threshold, rpe, effort };
template <>
struct EnumNames<ZoneBasis> {
    static constexpr std::array<const char*, 5> names{"percent_hrmax", "karvonen", "symptom_threshold", "rpe", "effort"};
};

// Why a zone is not the one its basis would give: Karvonen's floor met or passed its
// ceiling (or the resting rate), so % HRmax was used; or no heart-rate zone fits above
// the resting rate, so effort steers.
enum class ZoneFallback { none, percent_hrmax, effort };

// A heart-rate limit with the rule parameter behind it.
struct HeartRateLimit {
    std::int64_t e4_bpm = 0;         // exact limit x 10 000
    std::string rule;                // e.g. "intensity.heart_rate"
    std::string param;               // e.g. "max_percent_hrmax"
    std::string source;              // condition profile ID, "" = the rule itself
    Text basis;                      // human-readable: "80 % of HRmax 170.0 (...)"
    int floor_bpm() const;           // highest whole bpm within the limit
    int ceil_bpm() const;            // lowest whole bpm within the limit
};

struct HeartRateZone {
    HrMax hrmax;
    std::optional<int> resting_bpm;
    ZoneBasis basis = ZoneBasis::percent_hrmax;
    HeartRateLimit floor;            // below: warning
    HeartRateLimit ceiling;          // above: error (the top of the moderate band without a vigorous clearance)
    HeartRateLimit limit;            // the ceiling without the clearance narrowing: never exceeded (logged heart rates)
    HeartRateLimit top;              // the target's top: the ceiling, at most the top of the moderate band
    int low_bpm = 0;                 // whole-bpm target range, inside floor..top, above the resting rate
    int high_bpm = 0;
    ZoneFallback fallback = ZoneFallback::none;
    int low_percent = 0;             // the % HRmax parameters in force
    int high_percent = 0;
    std::optional<Range> rpe;        // Borg target (moderate): beta-blockers, rpe_steers (stroke), effort fallback
    std::vector<std::string> notes;  // why the zone is what it is
};

// True when heart rate steers the zone (a bpm target range); false on RPE (beta-blockers:
// heart rate only caps) and on effort (no heart-rate zone above the resting rate).
inline bool heart_rate_steers(const HeartRateZone& z) { return z.basis != ZoneBasis::rpe && z.basis != ZoneBasis::effort; }

struct IntensityBand {
    IntensityClass klass = IntensityClass::moderate;
    int low_bpm = 0;
    int high_bpm = 0;
    int low_percent = 0;
    int high_percent = 0;
    Range rpe;
};

struct HeartRateZones {
    HeartRateZone aerobic;
    std::vector<IntensityBand> bands;    // light, moderate, vigorous
    std::optional<HeartRateLimit> hiit_ceiling;  // none when HIIT is contraindicated
};

HrMax hrmax(const Patient& patient, const EffectiveRules& rules);
// hrmax()'s number alone (HRmax x 100), for a caller that only compares with it.
std::int64_t hrmax_centi_bpm(const Patient& patient, const EffectiveRules& rules);

// The aerobic zone on `date` (concussion limits depend on the days since the event).
// Without a date, concussion patients get the early-phase limits: the safe default.
HeartRateZones heart_rate_zones(const Patient& patient, const EffectiveRules& rules,
                                std::optional<Date> date = std::nullopt);

// The ACSM class of a heart-rate, % HRmax or RPE range, read by its numbers: vigorous
// when its top reaches above the moderate band (moderate_max_percent, moderate_max_rpe),
// otherwise moderate or light by its midpoint (moderate_min_percent, moderate_min_rpe).
IntensityClass classify_heart_rate(Range bpm, const HrMax& hrmax, const EffectiveRules& rules);
IntensityClass classify_percent(Range percent, const EffectiveRules& rules);
IntensityClass classify_rpe(Range rpe, const EffectiveRules& rules);
// The class of a stated target: vigorous when stated so or when any of its ranges is
// vigorous (heart rate not on a beta-blocker, where it cannot tell), else as stated.
IntensityClass target_class(const Intensity& target, const HrMax& hrmax, bool beta_blocker, const EffectiveRules& rules);
// The Borg range that steers aerobic work (beta_blocker_rpe_min..max), for beta-blocked
// patients and where rpe_steers (stroke); nullopt when heart rate steers alone.
std::optional<Range> steering_rpe(const Patient& patient, const EffectiveRules& rules);
// True when bpm is above the limit / below the limit, in exact arithmetic.
bool above(int bpm, const HeartRateLimit& limit);
bool below(int bpm, const HeartRateLimit& limit);
// % of HRmax for a bpm value, to one decimal ("63.9 %"), for messages.
std::string percent_text(int bpm, const HrMax& hrmax);

// Why the zone fell back (Karvonen to % HRmax, or to effort): a catalog message, its
// severity (info for % HRmax, warning for effort) and the parameter behind it; nullopt
// when the zone is what its basis gives. The validator and the generator report it.
struct ZoneFallbackNote {
    Severity severity = Severity::info;
    std::string key;
    std::vector<detail::Arg> args;
    std::string param;
};
std::optional<ZoneFallbackNote> zone_fallback_note(const HeartRateZone& zone);

const char* to_string(ZoneBasis b);
const char* to_string(ZoneFallback f);

}  // namespace rehabplan
