// HRmax, the aerobic target zone and the ACSM bands (dosing-rules.md, "HRmax and
// intensity" and "Conventions"): every limit is exact, names its rule parameter, and
// the notes say why the zone is narrower than 60-85 % HRmax.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

Patient aged(int age) {
    Patient p = test::adult();
    p.age = age;
    return p;
}

Patient with_condition(Patient p, ConditionType type, const char* event_date = "2026-08-14") {
    Condition c;
    c.type = type;
    if (type == ConditionType::stroke || type == ConditionType::tbi || type == ConditionType::concussion)
        c.event_date = test::d(event_date);
    if (type == ConditionType::tbi) c.severity = TbiSeverity::mild;
    p.conditions.push_back(c);
    return p;
}

// The patient with a recorded clearance for vigorous work (safety.clearance): the
// rule's ceilings (85 %, stroke 80 %, 70 % HRR) apply; without it the top of the
// moderate band (76 %) does.
Patient cleared(Patient p) {
    p.clearance = Clearance{ClearanceLevel::vigorous, test::d("2026-11-01"), "Dr. Test"};
    return p;
}

HrMax hrmax_of(const Patient& p) { return hrmax(p, EffectiveRules(builtin_rules(), p)); }

HeartRateZones zones_of(const Patient& p, std::optional<Date> date = std::nullopt) {
    return heart_rate_zones(p, EffectiveRules(builtin_rules(), p), date);
}

HrMax measured(int bpm) {
    HrMax m;
    m.centi_bpm = std::int64_t{bpm} * 100;
    m.source = "measured";
    m.expression = "measured";
    return m;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool any_note(const HeartRateZone& z, const std::string& part) {
    return std::any_of(z.notes.begin(), z.notes.end(), [&](const std::string& n) { return contains(n, part); });
}

std::string notes_of(const HeartRateZone& z) {
    std::string s;
    for (const auto& n : z.notes) s += "[" + n + "] ";
    return s;
}

}  // namespace

// ---- HRmax ----------------------------------------------------------------------------

TEST_CASE("heart rate: a measured HRmax wins over every formula") {
    Patient p = test::adult();
    p.heart_rate.max_bpm = 171;
    p.heart_rate.formula = "fox";
    HrMax m = hrmax_of(p);
    CHECK(m.centi_bpm == 17100);
    CHECK(m.bpm() == 171.0);
    CHECK(m.source == "measured");
    CHECK(m.expression == "measured");

    // Also after stroke with beta-blockers, where Brawner would otherwise apply.
    Patient s = with_condition(aged(70), ConditionType::stroke);
    s.beta_blocker = true;
    s.heart_rate.max_bpm = 140;
    HrMax ms = hrmax_of(s);
    CHECK(ms.centi_bpm == 14000);
    CHECK(ms.source == "measured");
}

TEST_CASE("heart rate: Tanaka 208 - 0.7 x age is the default (age 40 -> 180.0 exactly)") {
    HrMax m = hrmax_of(test::adult());
    CHECK(m.centi_bpm == 18000);
    CHECK(m.bpm() == 180.0);
    CHECK(m.source == "tanaka");
    CHECK(contains(m.expression, "208 - 0.7 x age"));
    CHECK(contains(m.expression, "180.0"));

    Patient p = aged(50);
    p.heart_rate.formula = "tanaka";
    CHECK(hrmax_of(p).centi_bpm == 17300);  // 208 - 35
    CHECK(hrmax_of(aged(67)).centi_bpm == 16110);  // 208 - 46.9 = 161.1
    CHECK(contains(hrmax_of(aged(67)).expression, "161.1"));
}

TEST_CASE("heart rate: Fox 220 - age, Gellish 207 - 0.7 x age, Gulati 206 - 0.88 x age") {
    struct Case {
        const char* formula;
        int age;
        std::int64_t centi;
        const char* expression;
    };
    for (const Case& c : {Case{"fox", 50, 17000, "220 - age"}, Case{"fox", 40, 18000, "220 - age"},
                          Case{"gellish", 50, 17200, "207 - 0.7 x age"}, Case{"gellish", 40, 17900, "207 - 0.7 x age"},
                          Case{"gulati", 50, 16200, "206 - 0.88 x age"}, Case{"gulati", 25, 18400, "206 - 0.88 x age"},
                          Case{"gulati", 33, 17696, "206 - 0.88 x age"}}) {
        CAPTURE(c.formula);
        CAPTURE(c.age);
        Patient p = aged(c.age);
        p.sex = Sex::female;
        p.heart_rate.formula = c.formula;
        HrMax m = hrmax_of(p);
        CHECK(m.centi_bpm == c.centi);
        CHECK(m.source == c.formula);
        CHECK(contains(m.expression, c.expression));
    }
    Patient g = aged(50);
    g.heart_rate.formula = "gulati";
    CHECK(hrmax_of(g).bpm() == 162.0);
}

TEST_CASE("heart rate: stroke with beta-blockers uses Brawner 164 - 0.7 x age") {
    Patient p = with_condition(aged(70), ConditionType::stroke);
    p.beta_blocker = true;
    HrMax m = hrmax_of(p);
    CHECK(m.centi_bpm == 11500);  // 164 - 49
    CHECK(m.source == "brawner");
    CHECK(contains(m.expression, "164 - 0.7 x age"));
    // The patient's preferred formula does not override Brawner here.
    p.heart_rate.formula = "fox";
    CHECK(hrmax_of(p).source == "brawner");
    // Stroke without beta-blockers: Tanaka.
    Patient s = with_condition(aged(70), ConditionType::stroke);
    CHECK(hrmax_of(s).source == "tanaka");
    CHECK(hrmax_of(s).centi_bpm == 15900);
}

TEST_CASE("intensity.heart_rate: beta_blocker_formula, Brawner for every beta-blocked patient (Parkinson 72: 113.6, not Tanaka 157.6)") {
    Patient p = test::adult();
    p.beta_blocker = true;
    EffectiveRules eff(builtin_rules(), p);
    CHECK(eff.text("intensity.heart_rate", "beta_blocker_formula") == "brawner");
    HrMax m = hrmax(p, eff);
    CHECK(m.source == "brawner");
    CHECK(m.centi_bpm == 13600);  // 164 - 28
    Patient t = with_condition(aged(40), ConditionType::tbi);
    t.beta_blocker = true;
    CHECK(hrmax_of(t).source == "brawner");
    // The issue's patient: 72 years, Parkinson's, a beta-blocker.
    Patient pd = with_condition(aged(72), ConditionType::parkinson);
    CHECK(hrmax_of(pd).centi_bpm == 15760);  // Tanaka without the beta-blocker
    pd.beta_blocker = true;
    CHECK(hrmax_of(pd).centi_bpm == 11360);  // Brawner: 164 - 50.4
    const HeartRateZone z = zones_of(pd).aerobic;
    CHECK(z.basis == ZoneBasis::rpe);
    CHECK(z.high_bpm == 86);  // 76 % of 113.6 = 86.3 (was 85 % of Tanaka 157.6 = 133)
    REQUIRE(z.rpe.has_value());
    CHECK(z.rpe->low == 11);
    CHECK(z.rpe->high == 13);
    // A measured HRmax still wins.
    pd.heart_rate.max_bpm = 140;
    CHECK(hrmax_of(pd).source == "measured");
    CHECK(hrmax_of(pd).centi_bpm == 14000);
}

TEST_CASE("heart rate: an unknown formula ID falls back to the default formula") {
    Patient p = test::adult();
    p.heart_rate.formula = "karvonen";
    HrMax m = hrmax_of(p);
    CHECK(m.source == "tanaka");
    CHECK(m.centi_bpm == 18000);
}

// ---- the aerobic zone ---------------------------------------------------------------

TEST_CASE("intensity.heart_rate: moderate_max_percent, an uncleared adult of 40 stays at 108-136 bpm (76 % of 180) - 137 is vigorous") {
    const HeartRateZone z = zones_of(test::adult()).aerobic;
    CHECK(z.ceiling.e4_bpm == 1368000);  // 76 % of 180 = 136.8
    CHECK_FALSE(above(136, z.ceiling));
    CHECK(above(137, z.ceiling));
    CHECK(z.ceiling.rule == "safety.clearance");
    CHECK(z.ceiling.param == "vigorous_requires_clearance");
    CHECK(contains(z.ceiling.basis.en, "76 %"));
    CHECK(contains(z.ceiling.basis.en, "clearance"));
    CHECK(z.low_bpm == 108);
    CHECK(z.high_bpm == 136);
    CHECK(z.high_percent == 76);
    EffectiveRules eff(builtin_rules(), test::adult());
    CHECK(classify_heart_rate(Range{108, 136}, z.hrmax, eff) == IntensityClass::moderate);
    CHECK(classify_heart_rate(Range{108, 137}, z.hrmax, eff) == IntensityClass::vigorous);
}

TEST_CASE("heart rate: a cleared adult of 40 has the ceiling 153 bpm (85 % of 180) exactly, the target 108-136") {
    HeartRateZones zs = zones_of(cleared(test::adult()));
    const HeartRateZone& z = zs.aerobic;
    CHECK(z.basis == ZoneBasis::percent_hrmax);
    CHECK(z.floor.e4_bpm == 1080000);
    CHECK(z.ceiling.e4_bpm == 1530000);
    CHECK(z.floor.floor_bpm() == 108);
    CHECK(z.floor.ceil_bpm() == 108);
    CHECK(z.ceiling.floor_bpm() == 153);
    CHECK(z.ceiling.ceil_bpm() == 153);
    CHECK(z.low_bpm == 108);
    CHECK(z.high_bpm == 136);  // the target stays moderate
    CHECK(z.low_percent == 60);
    CHECK(z.high_percent == 76);
    CHECK(z.top.param == "moderate_max_percent");
    CHECK_FALSE(above(153, z.ceiling));  // 85 % passes (inclusive)
    CHECK(above(154, z.ceiling));
    CHECK_FALSE(below(108, z.floor));    // 60 % passes
    CHECK(below(107, z.floor));
    CHECK(z.ceiling.rule == "intensity.heart_rate");
    CHECK(z.ceiling.param == "max_percent_hrmax");
    CHECK(z.ceiling.source.empty());
    CHECK(z.floor.param == "min_percent_hrmax");
    CHECK_FALSE(z.rpe.has_value());
    CHECK_FALSE(z.resting_bpm.has_value());
    CHECK(z.notes.empty());
    CHECK(z.fallback == ZoneFallback::none);
    CHECK(contains(z.ceiling.basis.en, "85 %"));
    CHECK(contains(z.ceiling.basis.en, "180.0"));
    CHECK_FALSE(z.ceiling.basis.nl.empty());
    CHECK(z.ceiling.basis.nl != z.ceiling.basis.en);
}

TEST_CASE("heart rate: stroke at age 70 narrows the zone to 55-80 % of 159.0") {
    HeartRateZones zs = zones_of(cleared(with_condition(aged(70), ConditionType::stroke)));
    const HeartRateZone& z = zs.aerobic;
    CHECK(z.hrmax.centi_bpm == 15900);
    CHECK(z.low_percent == 55);
    CHECK(z.high_percent == 76);  // the target stays moderate
    CHECK(z.floor.e4_bpm == 15900 * 55);  // 87.45 bpm
    CHECK(z.ceiling.e4_bpm == 15900 * 80);  // 127.2 bpm
    CHECK(z.low_bpm == 88);
    CHECK(z.high_bpm == 120);  // 76 % of 159 = 120.84
    CHECK_FALSE(above(127, z.ceiling));
    CHECK(above(128, z.ceiling));
    CHECK(below(87, z.floor));
    CHECK_FALSE(below(88, z.floor));
    CHECK(z.ceiling.source == "stroke");
    CHECK(z.floor.source == "stroke");
    CAPTURE(notes_of(z));
    CHECK(any_note(z, "stroke"));
    // Without a vigorous clearance the stroke ceiling 80 % is still 76 %.
    const HeartRateZone u = zones_of(with_condition(aged(70), ConditionType::stroke)).aerobic;
    CHECK(u.ceiling.e4_bpm == 15900 * 76);
    CHECK(u.ceiling.rule == "safety.clearance");
    CHECK(u.high_bpm == 120);
}

TEST_CASE("heart rate: Karvonen with resting 60 at age 40 gives 108-144 (the lower of 85 % HRmax and 70 % HRR)") {
    Patient p = cleared(test::adult());
    p.heart_rate.resting_bpm = 60;
    const HeartRateZone z = zones_of(p).aerobic;
    CHECK(z.basis == ZoneBasis::karvonen);
    CHECK(z.resting_bpm == 60);
    CHECK(z.floor.e4_bpm == 1080000);  // 60 + 0.4 x 120 = 108
    CHECK(z.ceiling.e4_bpm == 1440000);  // 60 + 0.7 x 120 = 144
    CHECK(z.low_bpm == 108);
    CHECK(z.high_bpm == 136);  // the target stays moderate (76 % of 180)
    CHECK(z.ceiling.param == "max_percent_hrr");
    CHECK(contains(z.ceiling.basis.en, "Karvonen"));
    CHECK(above(145, z.ceiling));
    CHECK_FALSE(above(144, z.ceiling));
}

TEST_CASE("heart rate: Karvonen floor and ceiling each take the stricter of %HRmax and %HRR") {
    // Resting 80: floor 80 + 0.4 x 100 = 120 (above 108), ceiling 80 + 70 = 150 (below 153).
    Patient p80 = cleared(test::adult());
    p80.heart_rate.resting_bpm = 80;
    const HeartRateZone z80 = zones_of(p80).aerobic;
    CHECK(z80.floor.e4_bpm == 1200000);
    CHECK(z80.floor.param == "min_percent_hrr");
    CHECK(z80.ceiling.e4_bpm == 1500000);
    CHECK(z80.ceiling.param == "max_percent_hrr");
    CHECK(z80.low_bpm == 120);
    CHECK(z80.high_bpm == 136);

    // Resting 100: 70 % HRR = 156 is above 85 % HRmax = 153, so 153 stays the ceiling.
    Patient p100 = cleared(test::adult());
    p100.heart_rate.resting_bpm = 100;
    const HeartRateZone z100 = zones_of(p100).aerobic;
    CHECK(z100.ceiling.e4_bpm == 1530000);
    CHECK(z100.ceiling.param == "max_percent_hrmax");
    CHECK(z100.floor.e4_bpm == 1320000);  // 100 + 0.4 x 80
    CHECK(z100.low_bpm == 132);
    CHECK(z100.high_bpm == 136);

    // Resting 40: 40 % HRR = 96 is below 60 % HRmax = 108, so 108 stays the floor.
    Patient p40 = cleared(test::adult());
    p40.heart_rate.resting_bpm = 40;
    const HeartRateZone z40 = zones_of(p40).aerobic;
    CHECK(z40.floor.e4_bpm == 1080000);
    CHECK(z40.floor.param == "min_percent_hrmax");
    CHECK(z40.ceiling.e4_bpm == 1380000);  // 40 + 0.7 x 140 = 138
}

TEST_CASE("heart rate: Karvonen works in exact arithmetic for a fractional HRmax") {
    // Age 67: HRmax 161.1; resting 64: 70 % HRR = 64 + 0.7 x 97.1 = 131.97.
    Patient p = cleared(aged(67));
    p.heart_rate.resting_bpm = 64;
    const HeartRateZone z = zones_of(p).aerobic;
    CHECK(z.hrmax.centi_bpm == 16110);
    CHECK(z.ceiling.e4_bpm == 1319700);
    CHECK(z.high_bpm == 122);  // 76 % of 161.1 = 122.4
    CHECK(above(132, z.ceiling));
    // 60 % HRmax = 96.66 vs 40 % HRR = 64 + 38.84 = 102.84: the floor is 102.84 -> 103.
    CHECK(z.floor.e4_bpm == 1028400);
    CHECK(z.low_bpm == 103);
}

TEST_CASE("heart rate: beta-blockers switch the zone to RPE 11-13 (moderate part of 11-14) with no heart-rate floor") {
    Patient p = cleared(test::adult());
    p.beta_blocker = true;
    p.heart_rate.resting_bpm = 60;  // Karvonen does not apply with beta-blockers
    const HeartRateZone z = zones_of(p).aerobic;
    CHECK(z.basis == ZoneBasis::rpe);
    REQUIRE(z.rpe.has_value());
    CHECK(z.rpe->low == 11);
    CHECK(z.rpe->high == 13);  // RPE 14 is vigorous: the target stays moderate
    CHECK(z.floor.e4_bpm == 0);
    CHECK(z.floor.floor_bpm() == 0);
    CHECK(z.low_bpm == 0);
    CHECK(z.hrmax.centi_bpm == 13600);  // Brawner 164 - 0.7 x 40
    CHECK(z.ceiling.e4_bpm == 13600 * 85);  // heart rate is only a ceiling (cleared: 85 %)
    CHECK(z.high_bpm == 103);  // the target's cap: 76 % of 136 = 103.36
    CAPTURE(notes_of(z));
    CHECK(any_note(z, "beta-blocker"));
    CHECK_FALSE(z.floor.basis.en.empty());
    CHECK_FALSE(z.floor.basis.nl.empty());
}

TEST_CASE("heart rate: stroke with beta-blockers: RPE steers, 80 % of Brawner HRmax is the ceiling") {
    Patient p = cleared(with_condition(aged(70), ConditionType::stroke));
    p.beta_blocker = true;
    const HeartRateZone z = zones_of(p).aerobic;
    CHECK(z.basis == ZoneBasis::rpe);
    CHECK(z.hrmax.source == "brawner");
    CHECK(z.ceiling.e4_bpm == 11500 * 80);  // 92.0 bpm
    CHECK(z.high_bpm == 87);  // 76 % of 115 = 87.4
    REQUIRE(z.rpe.has_value());
    CHECK(z.rpe->low == 11);
    CHECK(z.rpe->high == 13);
}

TEST_CASE("heart rate: a contraindication to intensive training caps the ceiling at 76 % HRmax") {
    Patient p = test::adult();
    p.contraindications.named = {"untreated_epilepsy"};
    const HeartRateZone z = zones_of(p).aerobic;
    CHECK(z.ceiling.e4_bpm == 1368000);  // 76 % of 180 = 136.8
    CHECK(z.ceiling.floor_bpm() == 136);
    CHECK(z.ceiling.ceil_bpm() == 137);
    CHECK(z.high_bpm == 136);
    CHECK(z.high_percent == 76);
    CHECK(z.low_bpm == 108);
    CHECK(above(137, z.ceiling));
    CHECK_FALSE(above(136, z.ceiling));
    CHECK(z.ceiling.rule == "safety.contraindication");
    CHECK(z.ceiling.param == "intensive");
    CAPTURE(notes_of(z));
    CHECK(any_note(z, "intensive"));
    // Every name on the intensive list does it; an unrelated name does not.
    for (const char* name : {"severe_heart_disease", "medically_unstable"}) {
        Patient q = test::adult();
        q.contraindications.named = {name};
        CHECK(zones_of(q).aerobic.high_bpm == 136);
    }
    Patient other = cleared(test::adult());
    other.contraindications.named = {"knee_pain"};
    CHECK(zones_of(other).aerobic.ceiling.floor_bpm() == 153);
}

TEST_CASE("heart rate: a contraindication to intensive training leaves a stricter stroke ceiling alone") {
    // Stroke's 80 % is above 76 %, so 76 % wins; a clinic ceiling of 70 % stays 70 %.
    Patient p = with_condition(aged(70), ConditionType::stroke);
    p.contraindications.named = {"severe_heart_disease"};
    CHECK(zones_of(p).aerobic.high_percent == 76);

    auto r = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"intensity.heart_rate":
        {"params": {"max_percent_hrmax": 70}}}})");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    Patient q = test::adult();
    q.contraindications.named = {"untreated_epilepsy"};
    const HeartRateZone z = heart_rate_zones(q, EffectiveRules(r.value(), q)).aerobic;
    CHECK(z.high_percent == 70);
    CHECK(z.ceiling.e4_bpm == 18000 * 70);
    CHECK(z.ceiling.param == "max_percent_hrmax");
}

// concussion.return (Amsterdam 2022): the zone is the stage's on the day. Event 2026-11-01:
// step 1 from 11-01, 2A from 11-03, 2B from 11-06, step 3 from 11-09; steps 4-6 only
// behind the recorded resolution and clearance. HRmax 180 (40 years, Tanaka).
TEST_CASE("concussion.return: heart rate without a date is step 2A, 45-55 % HRmax (81-99 bpm)") {
    const HeartRateZone z = zones_of(with_condition(aged(40), ConditionType::concussion)).aerobic;
    CHECK(z.ceiling.e4_bpm == 990000);  // 55 % of 180 = 99
    CHECK(z.floor.e4_bpm == 810000);    // 45 % of 180 = 81
    CHECK(z.high_bpm == 99);
    CHECK(z.low_bpm == 81);
    CHECK(z.high_percent == 55);
    CHECK(z.low_percent == 45);
    CHECK(z.ceiling.rule == "concussion.return");
    CHECK(z.ceiling.param == "step_2a_max_percent_hrmax");
    CHECK(z.floor.param == "step_2a_min_percent_hrmax");
    CHECK(z.basis == ZoneBasis::percent_hrmax);
    CAPTURE(notes_of(z));
    CHECK(any_note(z, "concussion"));
}

TEST_CASE("concussion.return: heart rate in step 2A, high_percent is the 55 % limit in force and a 60-85 % target errors") {
    // 2026-11-24 is day 4 after a concussion on 2026-11-20: step 2A (2B from 11-25).
    Patient p = with_condition(aged(40), ConditionType::concussion, "2026-11-20");
    const HeartRateZone z = zones_of(p, test::d("2026-11-24")).aerobic;
    CHECK(z.high_bpm == 99);
    CHECK(z.high_percent == 55);

    Plan plan = test::plan(1);
    SessionPlan s = test::aerobic("2026-11-24", 45);
    s.intensity->hr_bpm.reset();
    s.intensity->percent_hrmax = Range{60, 85};
    plan.sessions.push_back(s);
    const auto findings = test::check(p, plan);
    CAPTURE(test::dump(findings));
    CHECK_FALSE(test::with_rule(findings, "concussion.return", Severity::error).empty());
}

TEST_CASE("concussion.return: heart rate by stage on the day - step 1 and 2A 81-99, 2B 99-126, step 3 116-136 bpm") {
    Patient p = with_condition(aged(40), ConditionType::concussion, "2026-11-01");
    const auto zone = [&](const char* date) { return zones_of(p, test::d(date)).aerobic; };
    // Step 1 (event day and the day after) reads 2A's limits.
    for (const char* date : {"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05"}) {
        CAPTURE(date);
        CHECK(zone(date).low_bpm == 81);
        CHECK(zone(date).high_bpm == 99);
    }
    // 2B from 2026-11-06: 55-70 % = 99-126.
    CHECK(zone("2026-11-06").low_bpm == 99);
    CHECK(zone("2026-11-06").high_bpm == 126);
    CHECK(zone("2026-11-06").ceiling.param == "step_2b_max_percent_hrmax");
    CHECK(zone("2026-11-08").high_bpm == 126);
    // Step 3 from 2026-11-09: the moderate band, 64-76 % = 115.2-136.8 -> 116-136, and
    // without a recorded resolution it stays there, however long ago the concussion was.
    for (const char* date : {"2026-11-09", "2026-11-21", "2027-01-20"}) {
        CAPTURE(date);
        CHECK(zone(date).low_bpm == 116);
        CHECK(zone(date).high_bpm == 136);
        CHECK(zone(date).ceiling.floor_bpm() == 136);
        CHECK(any_note(zone(date), "concussion"));
    }
}

TEST_CASE("concussion.return: heart rate from step 4 is the usual zone, vigorous only after day 14 with a clearance since the concussion") {
    Patient p = cleared(with_condition(aged(40), ConditionType::concussion, "2026-11-01"));  // cleared on the event day
    ConcussionReturn cr;
    cr.symptoms_resolved = test::d("2026-11-10");
    cr.cleared = Clearance{ClearanceLevel::moderate, test::d("2026-11-12"), "Dr. Test"};
    p.concussion_return = cr;
    const auto zone = [&](const char* date) { return zones_of(p, test::d(date)).aerobic; };
    // Step 3 until the clearance (2026-11-12 opens step 4): 116-136.
    CHECK(zone("2026-11-11").low_bpm == 116);
    // Step 4 on 2026-11-12: the usual 60 % floor, and in the early phase (day 13 is
    // 2026-11-14) the ceiling stays at the top of the moderate band.
    CHECK(zone("2026-11-12").low_bpm == 108);
    CHECK(zone("2026-11-14").ceiling.floor_bpm() == 136);
    CHECK(zone("2026-11-14").ceiling.rule == "concussion.return");
    // Day 14 (2026-11-15): 85 % = 153 with the vigorous clearance; the target stays moderate.
    CHECK(zone("2026-11-15").ceiling.floor_bpm() == 153);
    CHECK(zone("2026-11-15").high_bpm == 136);
    CHECK(zone("2026-11-15").ceiling.param == "max_percent_hrmax");
    CHECK_FALSE(any_note(zone("2026-11-21"), "concussion"));
    // A vigorous clearance given before the concussion does not cover it.
    p.clearance->date = test::d("2026-10-31");
    CHECK(zone("2026-11-21").ceiling.floor_bpm() == 136);
    CHECK(zone("2026-11-21").ceiling.rule == "concussion.return");
}

TEST_CASE("concussion.return: heart rate with symptom threshold 150 in step 3 is 80-90 % of it, 120-135 bpm") {
    Patient p = with_condition(aged(40), ConditionType::concussion, "2026-11-01");
    p.heart_rate.symptom_threshold_bpm = 150;
    const HeartRateZone z = zones_of(p, test::d("2026-11-10")).aerobic;
    CHECK(z.basis == ZoneBasis::symptom_threshold);
    CHECK(z.floor.e4_bpm == 1200000);
    CHECK(z.ceiling.e4_bpm == 1350000);
    CHECK(z.low_bpm == 120);
    CHECK(z.high_bpm == 135);
    CHECK(z.floor.param == "threshold_min_percent");
    CHECK(z.ceiling.param == "threshold_max_percent");
    CHECK(z.ceiling.rule == "concussion.return");
    CHECK(contains(z.ceiling.basis.en, "150"));
    CAPTURE(notes_of(z));
    CHECK(any_note(z, "concussion"));
    // In step 2A the step's 55 % (99 bpm) is lower than 90 % of 150 (135): the step's ceiling.
    const HeartRateZone a = zones_of(p, test::d("2026-11-03")).aerobic;
    CHECK(a.ceiling.e4_bpm == 990000);
    CHECK(a.ceiling.param == "step_2a_max_percent_hrmax");
    CHECK(a.low_bpm == 81);
}

TEST_CASE("concussion.return: heart rate with threshold 190, 90 % = 171 is capped by the step (HRmax 190 - 2A 104, 2B 133, step 3 144)") {
    Patient p = with_condition(aged(40), ConditionType::concussion, "2026-11-01");
    p.heart_rate.max_bpm = 190;
    p.heart_rate.symptom_threshold_bpm = 190;
    const auto zone = [&](const char* date) { return zones_of(p, test::d(date)).aerobic; };
    CHECK(zone("2026-11-03").ceiling.floor_bpm() == 104);  // 55 % of 190 = 104.5
    CHECK(zone("2026-11-06").ceiling.floor_bpm() == 133);  // 70 % of 190
    CHECK(zone("2026-11-10").ceiling.floor_bpm() == 144);  // 76 % of 190 = 144.4
    for (const char* date : {"2026-11-03", "2026-11-06", "2026-11-10"}) {
        CAPTURE(date);
        const HeartRateZone z = zone(date);
        CHECK(z.ceiling.e4_bpm < std::int64_t{190} * 90 * 100);
        CHECK(z.ceiling.param != "threshold_max_percent");
        // 80 % of 190 = 152 lies above every step's ceiling: the step's floor stays.
        CHECK(z.low_bpm < z.high_bpm);
    }
    CHECK(zone("2026-11-03").low_bpm == 86);   // 45 % of 190 = 85.5
}

TEST_CASE("concussion.return: heart rate zone stays above the resting rate (resting 85 in 2A gives 86-99, resting 100 effort)") {
    Patient p = with_condition(aged(40), ConditionType::concussion, "2026-11-01");
    p.heart_rate.resting_bpm = 85;
    HeartRateZone z = zones_of(p, test::d("2026-11-03")).aerobic;
    CHECK(z.basis == ZoneBasis::percent_hrmax);
    CHECK(z.low_bpm == 86);
    CHECK(z.high_bpm == 99);
    // Resting 100 lies above 2A's ceiling (99): effort steers, the ceiling stays.
    p.heart_rate.resting_bpm = 100;
    z = zones_of(p, test::d("2026-11-03")).aerobic;
    CHECK(z.basis == ZoneBasis::effort);
    CHECK(z.ceiling.floor_bpm() == 99);
}

TEST_CASE("intensity.heart_rate: Karvonen floor above the ceiling falls back to % HRmax above the resting rate, never one number") {
    // Resting 100: Karvonen floor 100 + 0.4 x 80 = 132; a clinic's ceiling of 70 % = 126.
    // % HRmax instead: 60 % = 108 (never at or below the resting rate 100): 108-126.
    auto r = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"intensity.heart_rate":
        {"params": {"max_percent_hrmax": 70}}}})");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    Patient p = cleared(aged(40));
    p.heart_rate.resting_bpm = 100;
    const HeartRateZone z = heart_rate_zones(p, EffectiveRules(r.value(), p)).aerobic;
    CHECK(z.ceiling.e4_bpm == 1260000);
    CHECK(z.fallback == ZoneFallback::percent_hrmax);
    CHECK(z.basis == ZoneBasis::percent_hrmax);
    CHECK(z.low_bpm == 108);
    CHECK(z.high_bpm == 126);
    CHECK_FALSE(above(z.high_bpm, z.ceiling));
    CHECK_FALSE(below(z.low_bpm, z.floor));
    const auto note = zone_fallback_note(z);
    REQUIRE(note.has_value());
    CHECK(note->severity == Severity::info);
    CHECK(note->key == "intensity.zone_karvonen");
}

TEST_CASE("intensity.heart_rate: resting 118 never gives 132-132 - at 75 with resting 125 effort steers") {
    // The issue's cases. 40 years, resting 118: Karvonen floor 142.8 passes the ceiling 136.8.
    Patient a = test::adult();
    a.heart_rate.resting_bpm = 118;
    const HeartRateZone za = zones_of(a).aerobic;
    CHECK(za.fallback == ZoneFallback::percent_hrmax);
    CHECK(za.low_bpm == 119);
    CHECK(za.high_bpm == 136);
    // 75 years, resting 125 (with a clearance: above 120 needs one): 76 % of 155.5 = 118.
    Patient b = cleared(aged(75));
    b.heart_rate.resting_bpm = 125;
    const HeartRateZone zb = zones_of(b).aerobic;
    CHECK(zb.fallback == ZoneFallback::effort);
    CHECK(zb.basis == ZoneBasis::effort);
    CHECK(zb.low_bpm == 0);
    REQUIRE(zb.rpe.has_value());
    CHECK(zb.rpe->low == 11);
    CHECK(zb.rpe->high == 13);
    const auto note = zone_fallback_note(zb);
    REQUIRE(note.has_value());
    CHECK(note->severity == Severity::warning);
    CHECK(note->key == "intensity.zone_effort");
}

TEST_CASE("intensity.heart_rate: property: over ages 12-110 and resting 30-130 a zone is never one number nor at or below rest") {
    for (const bool clear : {false, true})
        for (const bool beta : {false, true})
            for (int age = 12; age <= 110; ++age)
                for (int rest = 30; rest <= 130; ++rest) {
                    Patient p = aged(age);
                    if (clear) p = cleared(p);
                    p.beta_blocker = beta;
                    p.heart_rate.resting_bpm = rest;
                    const HeartRateZone z = zones_of(p).aerobic;
                    CAPTURE(age);
                    CAPTURE(rest);
                    CAPTURE(clear);
                    CAPTURE(beta);
                    if (z.basis == ZoneBasis::effort) {
                        REQUIRE(z.rpe.has_value());
                        REQUIRE(z.low_bpm == 0);
                        continue;
                    }
                    if (z.basis == ZoneBasis::rpe) {
                        REQUIRE(z.high_bpm > rest);
                        continue;
                    }
                    REQUIRE(z.low_bpm < z.high_bpm);
                    REQUIRE(z.low_bpm > rest);
                    REQUIRE_FALSE(above(z.high_bpm, z.ceiling));
                    REQUIRE_FALSE(below(z.low_bpm, z.floor));
                    // Never above the moderate band (76 %) as a target.
                    REQUIRE(std::int64_t{z.high_bpm} * 10000 <= z.hrmax.centi_bpm * 76);
                }
}

TEST_CASE("heart rate: Karvonen narrowing is explained in the notes") {
    // Bug (reported): the zone's notes explain the stroke, contraindication, concussion
    // and beta-blocker narrowings, but not the Karvonen ceiling (144 instead of 153).
    Patient p = test::adult();
    p.heart_rate.resting_bpm = 60;
    const HeartRateZone z = zones_of(p).aerobic;
    CAPTURE(notes_of(z));
    CHECK_FALSE(z.notes.empty());
    CHECK((any_note(z, "Karvonen") || any_note(z, "HRR") || any_note(z, "reserve")));
}

// ---- HIIT ceiling -----------------------------------------------------------------------

TEST_CASE("heart rate: the HIIT ceiling is 95 % HRmax") {
    const HeartRateZones zs = zones_of(test::adult());
    REQUIRE(zs.hiit_ceiling.has_value());
    CHECK(zs.hiit_ceiling->e4_bpm == 1710000);
    CHECK(zs.hiit_ceiling->floor_bpm() == 171);
    CHECK(zs.hiit_ceiling->rule == "hiit.protocol");
    CHECK(zs.hiit_ceiling->param == "max_percent_hrmax");
}

TEST_CASE("heart rate: no HIIT ceiling when intensive training is contraindicated") {
    // Bug (reported): schema/zones.schema.json says hiit_ceiling is "null when HIIT is not
    // allowed", and the zone's own note says "no HIIT", yet hiit_ceiling is 95 % HRmax.
    Patient p = test::adult();
    p.contraindications.named = {"untreated_epilepsy"};
    const HeartRateZones zs = zones_of(p);
    CHECK(any_note(zs.aerobic, "no HIIT"));
    CHECK_FALSE(zs.hiit_ceiling.has_value());
}

// ---- ACSM bands ---------------------------------------------------------------------

TEST_CASE("heart rate: ACSM bands for HRmax 180 are contiguous at 64 / 77 / 95 %") {
    const auto bands = zones_of(test::adult()).bands;
    REQUIRE(bands.size() == 3);
    const IntensityBand& light = bands[0];
    const IntensityBand& moderate = bands[1];
    const IntensityBand& vigorous = bands[2];
    CHECK(light.klass == IntensityClass::light);
    CHECK(moderate.klass == IntensityClass::moderate);
    CHECK(vigorous.klass == IntensityClass::vigorous);
    // 64 % of 180 = 115.2 -> 116; 76 % = 136.8, so 137 is above the moderate band; 95 % = 171.
    CHECK(light.low_bpm == 0);
    CHECK(light.high_bpm == 115);
    CHECK(moderate.low_bpm == 116);
    CHECK(moderate.high_bpm == 136);
    CHECK(vigorous.low_bpm == 137);
    CHECK(vigorous.high_bpm == 171);
    CHECK(moderate.low_bpm == light.high_bpm + 1);
    CHECK(vigorous.low_bpm == moderate.high_bpm + 1);
    CHECK(light.high_percent == 63);
    CHECK(moderate.low_percent == 64);
    CHECK(moderate.high_percent == 76);
    CHECK(vigorous.low_percent == 77);
    CHECK(vigorous.high_percent == 95);
    // RPE: moderate 12-13, vigorous from 14, light below 12.
    CHECK(light.rpe.low == 6);
    CHECK(light.rpe.high == 11);
    CHECK(moderate.rpe.low == 12);
    CHECK(moderate.rpe.high == 13);
    CHECK(vigorous.rpe.low == 14);
}

TEST_CASE("heart rate: the vigorous band's RPE is 14-17 as dosing-rules.md states") {
    // Bug (reported): dosing-rules.md "ACSM bands: ... vigorous 77-95 % HRmax (RPE 14-17)";
    // the bpm band stops at 95 %, but the RPE band runs to 20 (maximal effort).
    const auto bands = zones_of(test::adult()).bands;
    REQUIRE(bands.size() == 3);
    CHECK(bands[2].rpe.low == 14);
    CHECK(bands[2].rpe.high == 17);
}

TEST_CASE("heart rate: bands stay contiguous for other HRmax values") {
    for (int age : {20, 33, 55, 67, 70, 85}) {
        for (bool stroke : {false, true}) {
            CAPTURE(age);
            CAPTURE(stroke);
            Patient p = stroke ? with_condition(aged(age), ConditionType::stroke) : aged(age);
            const auto bands = zones_of(p).bands;
            REQUIRE(bands.size() == 3);
            CHECK(bands[1].low_bpm == bands[0].high_bpm + 1);
            CHECK(bands[2].low_bpm == bands[1].high_bpm + 1);
            CHECK(bands[0].high_bpm < bands[1].high_bpm);
            CHECK(bands[1].high_bpm < bands[2].high_bpm);
        }
    }
    // Stroke at 70: 64 % of 159 = 101.76 -> 102; 76 % = 120.84, so 121 is vigorous; 95 % = 151.05 -> 151.
    const auto b = zones_of(with_condition(aged(70), ConditionType::stroke)).bands;
    CHECK(b[0].high_bpm == 101);
    CHECK(b[1].low_bpm == 102);
    CHECK(b[1].high_bpm == 120);
    CHECK(b[2].low_bpm == 121);
    CHECK(b[2].high_bpm == 151);
}

TEST_CASE("heart rate: every bpm of a band classifies as that band") {
    for (int age : {40, 67, 70}) {
        CAPTURE(age);
        Patient p = aged(age);
        EffectiveRules eff(builtin_rules(), p);
        const HeartRateZones zs = heart_rate_zones(p, eff);
        for (const auto& band : zs.bands) {
            for (int bpm = std::max(band.low_bpm, 40); bpm <= band.high_bpm; ++bpm) {
                CAPTURE(bpm);
                CHECK(classify_heart_rate(Range{bpm, bpm}, zs.aerobic.hrmax, eff) == band.klass);
            }
        }
    }
}

TEST_CASE("heart rate: classify_heart_rate: vigorous when the top passes 76 %, else moderate/light by the midpoint (HRmax 180)") {
    EffectiveRules eff(builtin_rules(), test::adult());
    const HrMax m = hrmax(test::adult(), eff);
    REQUIRE(m.centi_bpm == 18000);
    // 64 % of 180 = 115.2: the midpoint decides light or moderate.
    CHECK(classify_heart_rate(Range{110, 120}, m, eff) == IntensityClass::light);     // 115 = 63.9 %
    CHECK(classify_heart_rate(Range{115, 116}, m, eff) == IntensityClass::moderate);  // 115.5 = 64.2 %
    CHECK(classify_heart_rate(Range{100, 131}, m, eff) == IntensityClass::moderate);  // 115.5
    CHECK(classify_heart_rate(Range{100, 130}, m, eff) == IntensityClass::light);     // 115
    // 76 % of 180 = 136.8: a top of 137 reaches above the moderate band, whatever the midpoint.
    CHECK(classify_heart_rate(Range{120, 136}, m, eff) == IntensityClass::moderate);
    CHECK(classify_heart_rate(Range{120, 137}, m, eff) == IntensityClass::vigorous);
    CHECK(classify_heart_rate(Range{108, 153}, m, eff) == IntensityClass::vigorous);  // 60-85 %: spans two classes
    CHECK(classify_heart_rate(Range{110, 130}, m, eff) == IntensityClass::moderate);  // test::aerobic's range
    CHECK(classify_heart_rate(Range{140, 165}, m, eff) == IntensityClass::vigorous);  // test::hiit's range
    CHECK(classify_heart_rate(Range{60, 80}, m, eff) == IntensityClass::light);
    CHECK(percent_text(115, m) == "63.9 %");
}

TEST_CASE("intensity.heart_rate: moderate_max_percent, 76 % is moderate and a top one bpm / one % past it is vigorous") {
    // HRmax 200 makes the boundaries whole numbers: 64 % = 128, 76 % = 152.
    EffectiveRules eff(builtin_rules(), test::adult());
    const HrMax m = measured(200);
    CHECK(classify_heart_rate(Range{120, 136}, m, eff) == IntensityClass::moderate);  // 128.0 = 64 %
    CHECK(classify_heart_rate(Range{128, 128}, m, eff) == IntensityClass::moderate);
    CHECK(classify_heart_rate(Range{120, 135}, m, eff) == IntensityClass::light);     // 127.5
    CHECK(classify_heart_rate(Range{140, 152}, m, eff) == IntensityClass::moderate);  // top 76 %
    CHECK(classify_heart_rate(Range{140, 153}, m, eff) == IntensityClass::vigorous);  // top 76.5 %
    CHECK(classify_heart_rate(Range{154, 154}, m, eff) == IntensityClass::vigorous);
    CHECK(classify_percent(Range{64, 76}, eff) == IntensityClass::moderate);
    CHECK(classify_percent(Range{64, 77}, eff) == IntensityClass::vigorous);
    CHECK(classify_percent(Range{60, 85}, eff) == IntensityClass::vigorous);
    // HRmax 125: 64 % = 80 exactly.
    const HrMax m125 = measured(125);
    CHECK(classify_heart_rate(Range{79, 81}, m125, eff) == IntensityClass::moderate);
    CHECK(classify_heart_rate(Range{79, 80}, m125, eff) == IntensityClass::light);
}

TEST_CASE("intensity.heart_rate: moderate_max_rpe, RPE 13 is moderate and 14 vigorous (ACSM: 14+ vigorous)") {
    EffectiveRules eff(builtin_rules(), test::adult());
    CHECK(classify_rpe(Range{11, 13}, eff) == IntensityClass::moderate);  // 12
    CHECK(classify_rpe(Range{11, 12}, eff) == IntensityClass::light);     // 11.5
    CHECK(classify_rpe(Range{13, 15}, eff) == IntensityClass::vigorous);
    CHECK(classify_rpe(Range{12, 14}, eff) == IntensityClass::vigorous);  // reaches 14
    CHECK(classify_rpe(Range{12, 12}, eff) == IntensityClass::moderate);
    CHECK(classify_rpe(Range{14, 14}, eff) == IntensityClass::vigorous);
    CHECK(classify_rpe(Range{6, 11}, eff) == IntensityClass::light);
    CHECK(classify_rpe(Range{11, 14}, eff) == IntensityClass::vigorous);  // the top of the beta-blocker range is vigorous
    CHECK(classify_rpe(Range{15, 17}, eff) == IntensityClass::vigorous);
}

TEST_CASE("heart rate: percent_text gives % HRmax with one decimal") {
    const HrMax m = measured(200);
    CHECK(percent_text(128, m) == "64.0 %");
    CHECK(percent_text(170, m) == "85.0 %");
    CHECK(percent_text(171, m) == "85.5 %");
    HrMax none;
    CHECK(percent_text(120, none) == "?");
}

// ---- JSON ---------------------------------------------------------------------------

TEST_CASE("heart rate: to_json(zones) names the formula expression and the ceiling basis") {
    Patient p = cleared(test::adult());
    p.heart_rate.resting_bpm = 60;
    const HeartRateZones zs = zones_of(p);
    const std::string text = to_json(zs);
    CHECK(contains(text, "208 - 0.7 x age"));
    CHECK(contains(text, zs.aerobic.ceiling.basis.en));
    const json j = json::parse(text);
    CHECK(j["schema_version"] == 1);
    CHECK(j["hrmax"]["source"] == "tanaka");
    CHECK(j["hrmax"]["bpm"] == 180.0);
    CHECK(contains(j["hrmax"]["expression"].get<std::string>(), "208 - 0.7 x age"));
    CHECK(j["basis"] == "karvonen");
    CHECK(j["resting_bpm"] == 60);
    CHECK(j["target"]["low_bpm"] == 108);
    CHECK(j["target"]["high_bpm"] == 136);  // the target stays moderate
    CHECK(j["target"]["rpe_low"].is_null());
    CHECK(j["ceiling"]["bpm"] == 144.0);
    CHECK(j["ceiling"]["rule"] == "intensity.heart_rate");
    CHECK(j["ceiling"]["param"] == "max_percent_hrr");
    CHECK(j["ceiling"]["source"] == "");
    REQUIRE(j["ceiling"]["basis"].is_object());  // {en, nl} as in schema/zones.schema.json
    CHECK(j["ceiling"]["basis"]["en"] == zs.aerobic.ceiling.basis.en);
    CHECK(j["ceiling"]["basis"]["nl"] == zs.aerobic.ceiling.basis.nl);
    CHECK(contains(j["ceiling"]["basis"]["en"].get<std::string>(), "Karvonen"));
    REQUIRE(j["bands"].size() == 3);
    CHECK(j["bands"][1]["class"] == "moderate");
    CHECK(j["bands"][1]["low_bpm"] == 116);
    CHECK(j["hiit_ceiling"]["bpm"] == 171.0);
    CHECK(j["notes"].is_array());
}

TEST_CASE("heart rate: to_json(zones) for stroke with beta-blockers shows Brawner and RPE") {
    Patient p = cleared(with_condition(aged(70), ConditionType::stroke));
    p.beta_blocker = true;
    const json j = json::parse(to_json(zones_of(p)));
    CHECK(j["hrmax"]["source"] == "brawner");
    CHECK(contains(j["hrmax"]["expression"].get<std::string>(), "164 - 0.7 x age"));
    CHECK(j["basis"] == "rpe");
    CHECK(j["target"]["rpe_low"] == 11);
    CHECK(j["target"]["rpe_high"] == 13);
    CHECK(j["ceiling"]["source"] == "stroke");
    CHECK(j["floor"]["bpm"] == 0.0);
}

TEST_CASE("heart rate: to_string(ZoneBasis) gives the schema's basis names") {
    CHECK(std::string(to_string(ZoneBasis::percent_hrmax)) == "percent_hrmax");
    CHECK(std::string(to_string(ZoneBasis::karvonen)) == "karvonen");
    CHECK(std::string(to_string(ZoneBasis::symptom_threshold)) == "symptom_threshold");
    CHECK(std::string(to_string(ZoneBasis::rpe)) == "rpe");
    CHECK(std::string(to_string(ZoneBasis::effort)) == "effort");
}
