// Dose: a phase laid on the patient's weekdays (the shape) and the minutes it holds at
// full dose. Each fill day aims at the session length; the week is then raised (or
// lowered) toward week.volume within the day limit. The build-up later shrinks the
// early weeks; the shape stays fixed per phase so the weeks look alike.
#pragma once

#include <map>
#include <vector>

#include "core/finding.hpp"
#include "planning/build_up.hpp"
#include "planning/day_selection.hpp"
#include "planning/generator_inputs.hpp"

namespace rehabplan::generation {

struct Shape {
    WeekPattern pattern;             // which weekdays carry which slots
    std::map<int, int> fill;         // weekday -> aerobic fill minutes at full dose
    int wanted_strength = 0, wanted_balance = 0;
    int volume = 0;                  // moderate-equivalent minutes at full dose
};

// A week's priming days as weekday masks (bit 0 = Monday): `blocked` carry no session
// (priming.dosing_day), `window` days are preferred for skill sessions (priming.window).
// Both 0: the phase's own shape.
struct WeekPriming {
    unsigned blocked = 0;
    unsigned window = 0;
    friend bool operator<(WeekPriming a, WeekPriming b) {
        return a.blocked != b.blocked ? a.blocked < b.blocked : a.window < b.window;
    }
};

// True when slot `s` goes on weekday `wd` of the pattern.
bool slot_on(const SlotTemplate& s, const WeekPattern& w, int wd);
// The fill slot on a weekday: the first fill slot of the phase that applies there.
const SlotTemplate* fill_slot(const GeneratorInputs& in, const Phase& ph, const WeekPattern& w, int wd);

// The training minutes a day aims at (session.duration around the engine's session length).
int aimed_day(const GeneratorInputs& in);
// The training minutes a day may reach to make up the weekly volume.
int day_limit(const GeneratorInputs& in);
// Moderate-equivalent minutes of a planned session, counted as week.volume counts them.
int volume_of(const GeneratorInputs& in, SessionType type, int minutes);

// The build-up's volume and session limits for this patient: zone work's
// moderate-equivalent factor, one HIIT session's, and the longest aerobic session.
void aerobic_limits(const GeneratorInputs& in, BuildUpLimits& limits);
// Sets the shape's fill minutes and volume for the phase.
void size_fill(const GeneratorInputs& in, const Phase& ph, Shape& sh);
// The phase on `count` training days of the patient's available days, with its fill.
Shape make_shape(const GeneratorInputs& in, const Phase& ph, int count, WeekPriming wp = {});
// True when shape_findings() warns that the phase's shape cannot reach week.volume (a
// fill slot, not an all-days phase, a zone whose minutes count).
bool volume_short_warned(const GeneratorInputs& in, const Phase& ph, const Shape& sh);
// True when the shape reaches week.volume, week.sessions, week.strength and week.balance.
bool shape_meets_dose(const GeneratorInputs& in, const Shape& sh);
// The most training days a week may hold for this patient (available days, week.rest).
int max_training_days(const GeneratorInputs& in, unsigned blocked = 0);
// The phase's shape: every allowed day for an all-days phase, else the fewest days of
// the programme's range that meet the dose (the most when none does).
Shape shape_for_phase(const GeneratorInputs& in, const Phase& ph, WeekPriming wp = {});
// Warnings for what the shape cannot reach (days, strength, balance, day length, volume).
void shape_findings(const GeneratorInputs& in, const Phase& ph, const Shape& sh, GeneratorFindings& findings);

}  // namespace rehabplan::generation
