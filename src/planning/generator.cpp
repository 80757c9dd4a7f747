// generate(): one engine for every programme in data/programmes.json.
//
// For each of the plan's own 7-day weeks it takes the programme's phase, lays the
// phase's slots on the patient's available weekdays (the "shape", fixed per phase so
// ISO weeks look alike: planning/day_selection, planning/dose), sizes the full-dose
// minutes, then shrinks the week to what progression.graded allows after the previous
// week (planning/build_up), gates HIIT (planning/hiit_gate) and emits the sessions
// (planning/sessions, planning/intensity). Every limit comes from EffectiveRules; the
// generator mirrors the validator's reading of each rule, and validates its own output
// before returning it. This file keeps the order of the steps, the refusal, the start
// date, the plan-level findings, the outcome measures and the notes.
#include "planning/generator.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/json_reader.hpp"
#include "core/messages.hpp"
#include "core/utf8.hpp"
#include "planning/build_up.hpp"
#include "planning/day_selection.hpp"
#include "planning/dose.hpp"
#include "planning/draft.hpp"
#include "planning/generator_inputs.hpp"
#include "planning/hiit_gate.hpp"
#include "planning/intensity.hpp"
#include "planning/measures.hpp"
#include "planning/plan_text.hpp"
#include "planning/programme.hpp"
#include "planning/programme_fit.hpp"
#include "planning/sessions.hpp"
#include "rules/clearance_text.hpp"
#include "rules/finding_builder.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"
#include "rules/readings_priming.hpp"
#include "rules/rules_internal.hpp"
#include "rules/validator.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

namespace {

using generation::BuildUp;
using generation::Draft;
using generation::GeneratorInputs;
using generation::HiitBan;
using generation::n;
using generation::Shape;

// What generate() builds up week by week; each unit gets the part it needs.
struct PlanInProgress {
    Plan plan;
    generation::GeneratorFindings findings;
    std::map<const Phase*, Shape> shapes;   // per phase, made on its first week
    // Per phase and week of priming days (priming.dosing_day, priming.window).
    std::map<std::pair<const Phase*, generation::WeekPriming>, Shape> primed_shapes;
    generation::HiitBans bans;
    BuildUp ledger;
    Date not_before;                        // no training before this day
    bool concussion_note = false;
    std::optional<Date> mi;                 // a myocardial infarction: no strength until mi_no_strength_days after
    std::set<int> fixed_waits;              // weeks whose fixed-length sessions the build-up could not hold yet
    std::set<int> fixed_weeks;              // weeks holding a fixed-length training session
    std::map<const Phase*, Phase> bare_phases;  // phases without their fixed-length sessions
    // Phases whose shape cannot reach week.volume and whose warning (gen.volume_short*)
    // the plan gives: only their weeks may be full while short of the weekly dose.
    std::set<const Phase*> volume_warned;
    // A concussion return's shape warnings (week.volume, week.sessions, session.duration)
    // per phase, by rule and English text: dropped after the weeks are planned when every
    // week of the phase lies in steps 1-3 (dose_free_phases).
    std::map<const Phase*, std::vector<std::pair<std::string, std::string>>> dose_warnings;
};

void add(const GeneratorInputs& in, PlanInProgress& st, const std::string& rule, Severity sev, std::string path,
         const std::string& key, const std::vector<Arg>& args, const std::string& param = "") {
    generation::add_finding(st.findings, in.rules, rule, sev, std::move(path), key, args, param);
}

// ------------------------------------------------------------ refusal
bool refuse(const GeneratorInputs& in, PlanInProgress& st) {
    const Patient& p = in.patient;
    const std::string rule = "safety.contraindication";
    const auto& named = p.contraindications.named;
    for (std::size_t i = 0; i < named.size(); ++i) {
        const auto kind = reading::contraindication_kind(in.rules, named[i]);
        if (kind != reading::ContraindicationKind::intensive)
            add(in, st, rule, Severity::error, "/contraindications/named/" + n(static_cast<std::int64_t>(i)),
                kind == reading::ContraindicationKind::absolute ? "gen.refused.absolute" : "gen.refused.unknown",
                {arg("name", named[i])}, "absolute");
    }
    if (const auto& bp = p.contraindications.resting_bp) {
        const std::int64_t sys = in.rules[params::safety_contraindication_max_systolic];
        const std::int64_t dia = in.rules[params::safety_contraindication_max_diastolic];
        if (reading::blood_pressure_above_limit(in.rules, *bp))
            add(in, st, rule, Severity::error, "/contraindications/resting_bp", "gen.refused.blood_pressure",
                {arg("bp", n(bp->systolic) + "/" + n(bp->diastolic)), arg("max", n(sys) + "/" + n(dia))},
                "max_systolic");
    }
    // An MI within mi_min_days of the start (day mi_min_days included) is absolute: refused
    // with or without a clearance, rather than moving the start a few days on.
    if (const auto& mi = p.contraindications.myocardial_infarction_date;
        mi && reading::mi_window(in.rules, *mi, in.request.start_date))
        add(in, st, rule, Severity::error, "/contraindications/myocardial_infarction_date", "gen.refused.recent_mi",
            {arg("mi", mi->to_string()), arg("days", n(in.rules[params::safety_contraindication_mi_min_days]))},
            "mi_min_days");
    // safety.clearance: what is refused unless a doctor's clearance is recorded, each with
    // its referral; the absolute contraindications above are refused with one or without.
    for (const reading::ClearanceReason& r : reading::clearance_missing(in.rules, p, in.request.start_date))
        add(in, st, "safety.clearance", Severity::error, r.path,
            std::string("gen.refused.clearance.") + detail::clearance_key(r.need),
            detail::clearance_args(in.rules, r, in.request.start_date), r.param);
    return !st.findings.list.empty();
}

// ------------------------------------------------------------ start date
void start_notes(const GeneratorInputs& in, PlanInProgress& st) {
    const Patient& p = in.patient;
    const PlanRequest& req = in.request;
    st.not_before = req.start_date;
    if (const Condition* c = p.find(ConditionType::concussion); c && c->event_date) {
        // Step 1 (relative rest, symptom-limited daily activity) has no training sessions:
        // the first is on step 2A's day of the schedule.
        Date first = reading::concussion_first_training_day(in.rules, *c->event_date);
        for (const reading::ConcussionStepDate& d : reading::concussion_schedule(in.rules, p))
            if (d.stage == reading::ConcussionStage::step2a && d.from) first = std::max(first, *d.from);
        if (first > st.not_before) {
            st.not_before = first;
            st.concussion_note = true;
        }
    }
    if (const auto& mi = p.contraindications.myocardial_infarction_date;
        mi && reading::mi_strength_window(in.rules, *mi, req.start_date)) {
        // No strength training within mi_no_strength_days of the infarction (AHA 2007).
        const std::int64_t days = in.rules[params::safety_clearance_mi_no_strength_days];
        st.mi = *mi;
        add(in, st, "safety.clearance", Severity::info, "/contraindications/myocardial_infarction_date",
            "gen.mi_no_strength",
            {arg("days", n(days)), arg("mi", mi->to_string()), arg("first", mi->plus_days(static_cast<int>(days) + 1).to_string())},
            "mi_no_strength_days");
    }
    if (reading::resting_hr_needs_check(in.rules, p))
        add(in, st, "safety.clearance", Severity::warning, "/heart_rate/resting_bpm", "clearance.resting_hr_check",
            detail::resting_hr_check_args(in.rules, *p.heart_rate.resting_bpm), "resting_hr_warning_above");
    const std::string intensive = reading::intensive_names(in.rules, p);
    if (!intensive.empty())
        add(in, st, "safety.contraindication", Severity::info, "/contraindications/named", "gen.intensive",
            {arg("names", intensive), arg("max", n(in.zones.aerobic.high_bpm))}, "intensive");
}

// ------------------------------------------------------------ one week
// The phase's shape, made (with its warnings) on the phase's first week. A concussion
// return keeps note of the warnings that its steps 1-3 do not ask (dose_free_phases).
const Shape& shape_for(const GeneratorInputs& in, PlanInProgress& st, const Phase& ph) {
    auto it = st.shapes.find(&ph);
    if (it != st.shapes.end()) return it->second;
    Shape sh = generation::shape_for_phase(in, ph);
    const std::size_t before = st.findings.list.size();
    generation::shape_findings(in, ph, sh, st.findings);
    if (generation::volume_short_warned(in, ph, sh)) st.volume_warned.insert(&ph);
    if (!in.programme.return_ladders.empty()) {
        auto& kept = st.dose_warnings[&ph];
        for (std::size_t i = before; i < st.findings.list.size(); ++i) {
            const Finding& f = st.findings.list[i];
            if (f.rule == "week.volume" || f.rule == "week.sessions" || f.rule == "session.duration")
                kept.emplace_back(f.rule, f.message.en);
        }
    }
    return st.shapes.emplace(&ph, std::move(sh)).first->second;
}

// Week k's dosing days and window days as weekday masks; both 0 without treatments.
generation::WeekPriming week_priming(const GeneratorInputs& in, int k) {
    generation::WeekPriming wp;
    if (in.priming.empty()) return wp;
    const Date start = in.request.start_date.plus_days(7 * k);
    for (int i = 0; i < 7; ++i) {
        const Date d = start.plus_days(i);
        const unsigned bit = 1u << static_cast<int>(d.weekday());
        if (in.priming.no_training(d)) wp.blocked |= bit;
        else if (in.priming.window(d)) wp.window |= bit;
    }
    return wp;
}

// The shape of a week with priming days: the phase's days without the dosing days,
// skill sessions on window days where the rules allow. The phase's own shape is made
// first, so its warnings are the plan's.
const Shape& shape_for(const GeneratorInputs& in, PlanInProgress& st, const Phase& ph, generation::WeekPriming wp) {
    const Shape& own = shape_for(in, st, ph);
    if (wp.blocked == 0 && wp.window == 0) return own;
    const auto key = std::make_pair(&ph, wp);
    auto it = st.primed_shapes.find(key);
    if (it == st.primed_shapes.end()) it = st.primed_shapes.emplace(key, generation::shape_for_phase(in, ph, wp)).first;
    return it->second;
}

// The week's sessions before sizing: the phase's slots on the shape's days, from the
// first allowed day, HIIT through the gate (its stand-in or nothing when banned).
std::vector<Draft> draft_week(const GeneratorInputs& in, PlanInProgress& st, const Phase& ph, const Shape& sh, int k) {
    const Date start = in.request.start_date.plus_days(7 * k);
    std::vector<Draft> drafts;
    for (int i = 0; i < 7; ++i) {
        const Date date = start.plus_days(i);
        const int wd = static_cast<int>(date.weekday());
        if (!generation::has(sh.pattern.days, wd)) continue;
        if (date < st.not_before) {
            st.ledger.dropped_in_week.insert(k);
            continue;
        }
        for (const auto& id : ph.slots) {
            const SlotTemplate& s = in.slot(id);
            if (!generation::slot_for_patient(in.patient, s) || !generation::slot_on(s, sh.pattern, wd) ||
                k + 1 < s.from_week)
                continue;
            if (s.fill && generation::fill_slot(in, ph, sh.pattern, wd) != &s) continue;
            // A circuit's strength stations train strength too (block_shapes: station_minutes).
            const bool strength = s.type == SessionType::strength || s.station_minutes > 0;
            if (strength && st.mi && reading::mi_strength_window(in.rules, *st.mi, date)) {
                st.ledger.dropped_in_week.insert(k);  // safety.clearance mi_no_strength_days (gen.mi_no_strength)
                continue;
            }
            Draft d;
            d.order = static_cast<int>(drafts.size());
            d.slot = &s;
            d.type = s.type;
            d.date = date;
            d.full = s.fill ? sh.fill.at(wd) : generation::slot_minutes(in, s);
            if (d.full <= 0) continue;
            if (s.type == SessionType::hiit) {
                HiitBan b = generation::hiit_ban(in, date, k, st.ledger.last_class);
                // hiit.protocol: introduced gradually, and min_hours_between apart (a supervised week aside).
                if (b == HiitBan::none && !generation::hiit_spaced(in, st.plan, drafts, date, ph.supervised))
                    b = HiitBan::spacing;
                if (b == HiitBan::none)
                    d.full = generation::hiit_session_minutes(in, generation::hiit_session_intervals(in, st.plan, date));
                if (b != HiitBan::none) {
                    generation::ban(st.bans, b, k);
                    if (in.text(s.instead).empty()) continue;
                    d.type = SessionType::aerobic;
                    d.hiit_instead = true;
                }
            }
            drafts.push_back(d);
        }
    }
    return drafts;
}

// The phase without its fixed-length training slots (and the rest slots that go with
// them), kept for the plan's length so that its shape stays put.
const Phase& bare_phase(PlanInProgress& st, const GeneratorInputs& in, const Phase& ph) {
    auto it = st.bare_phases.find(&ph);
    if (it == st.bare_phases.end()) it = st.bare_phases.emplace(&ph, generation::phase_without_fixed(in, ph)).first;
    return it->second;
}

// One week: its drafts on the phase's shape, fitted to the day limit, sized by the
// build-up. A fixed-length session (the provider's group session) is never shortened:
// when the patient's day cannot hold it the phase goes without it (a warning), and a week
// whose build-up cannot hold it yet goes without it too, on the shape of the phase without
// it, so the home sessions fill the dose (the session joins later; info or warning).
void plan_week(const GeneratorInputs& in, PlanInProgress& st, int k) {
    const Phase& ph = in.programme.phase_for_week(k + 1);
    const Phase* bare = generation::has_fixed_training(in, ph) ? &bare_phase(st, in, ph) : nullptr;
    const generation::WeekPriming wp = week_priming(in, k);
    std::vector<const Phase*> tries;
    if (!bare || generation::fixed_slots_fit_day(in, ph, st.findings)) tries.push_back(&ph);
    if (bare) tries.push_back(bare);
    generation::BuildUpLimits limits;
    limits.baseline_minutes = in.patient.baseline_minutes;
    limits.max_minutes_per_day = in.patient.max_minutes_per_day;
    limits.min_session_minutes = in.settings.min_session_minutes;
    limits.first_week_min_minutes = in.settings.first_week_min_minutes;
    generation::aerobic_limits(in, limits);  // progression.graded's volume and session caps
    const generation::BuildUp before = st.ledger;
    const generation::HiitBans bans_before = st.bans;
    const std::size_t sessions_before = st.plan.sessions.size();
    std::vector<Draft> drafts;
    for (std::size_t t = 0; t < tries.size(); ++t) {
        const Phase& use = *tries[t];
        std::vector<Draft> fitted = draft_week(in, st, use, shape_for(in, st, use, wp), k);
        generation::fit_days_keeping_fixed(fitted, in.patient.max_minutes_per_day, in.settings.min_session_minutes,
                                           reading::session_aerobic_max_minutes(in.rules));
        int full_minutes = 0;
        for (const Draft& d : fitted)
            if (is_training(d.type)) full_minutes += d.full;
        st.ledger.week_full_minutes.push_back(full_minutes);
        drafts = generation::size_and_emit(in, fitted, k, st.bans, st.ledger, limits, st.plan);
        const reading::ProgressionWeek& w = st.ledger.history.weeks.back();
        if (t + 1 == tries.size() ||
            generation::fixed_sessions_held(
                fitted, drafts, reading::progression_limits(in.rules, limits.baseline_minutes, before.history, w.training_days),
                w)) {
            // The home sessions of the phase without it hold the dose: the week is full on
            // its own shape (the validator's count), and the session joins later.
            if (t > 0 && tries.front() == &ph) st.fixed_waits.insert(k);
            break;
        }
        // Not yet: the week without its fixed-length session.
        st.ledger = before;
        st.bans = bans_before;
        st.plan.sessions.resize(sessions_before);
    }
    if (std::any_of(drafts.begin(), drafts.end(), [](const Draft& d) { return generation::fixed_length(d) && is_training(d.type); }))
        st.fixed_weeks.insert(k);
    // The full dose is the weekly dose, as the validator counts it: a week short of
    // week.volume is full only in the plan's last phase, when the generator warned that its
    // shape cannot reach it (dose_free_phases takes it back when a concussion return's
    // steps 1-3 leave the warning out); an earlier phase of another shape (NeuroRC's
    // intensive week) is not.
    if (!st.ledger.week_full.empty() && st.ledger.week_full.back() &&
        st.ledger.history.weeks.back().volume < in.rules[params::week_volume_min_minutes]) {
        const bool last_phase = &in.programme.phase_for_week(st.plan.weeks) == &ph;
        shape_for(in, st, ph);  // made, with its warnings
        if (!last_phase || !st.volume_warned.count(&ph)) st.ledger.week_full.back() = false;
    }
}

// A concussion return's steps 1-3 dose by symptoms and the step's ceiling: the weekly
// volume, session count and session length are not the goal there, so a phase whose every
// plan week holds a day or a session in them (reading::concussion_days_dose_free, as the
// validator reads a week) gives none of its shape's warnings. Without the warning its short
// weeks are not full: the plan states no full dose it does not give. A phase with a week
// wholly from step 4 on keeps them, as the validator asks the weekly dose there.
void dose_free_phases(const GeneratorInputs& in, PlanInProgress& st) {
    const Plan& plan = st.plan;
    for (const auto& [ph, warnings] : st.dose_warnings) {
        bool asks_dose = false;
        for (int k = 0; k < plan.weeks && !asks_dose; ++k) {
            if (&in.programme.phase_for_week(k + 1) != ph) continue;
            const Date from = plan.start_date.plus_days(7 * k);
            asks_dose = !reading::concussion_days_dose_free(in.rules, in.patient, from, from.plus_days(6), plan.sessions);
        }
        if (asks_dose) continue;
        for (std::size_t i = st.findings.list.size(); i-- > 0;) {
            const Finding& f = st.findings.list[i];
            if (std::find(warnings.begin(), warnings.end(), std::make_pair(f.rule, f.message.en)) == warnings.end()) continue;
            st.findings.list.erase(st.findings.list.begin() + static_cast<std::ptrdiff_t>(i));
            st.findings.messages.erase(st.findings.messages.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (!st.volume_warned.erase(ph)) continue;
        const auto& weeks = st.ledger.history.weeks;  // one per plan week, as plan_week measured it
        for (std::size_t k = 0; k < weeks.size() && k < st.ledger.week_full.size(); ++k)
            if (&in.programme.phase_for_week(static_cast<int>(k) + 1) == ph &&
                weeks[k].volume < in.rules[params::week_volume_min_minutes])
                st.ledger.week_full[k] = false;
    }
}

// ------------------------------------------------------------ plan-level findings
void dose_findings(const GeneratorInputs& in, PlanInProgress& st) {
    const Patient& p = in.patient;
    const BuildUp& ledger = st.ledger;
    Plan& plan = st.plan;
    const std::string rule = "progression.graded";
    int first_full = -1;
    for (int k = plan.weeks - 1; k >= 0 && ledger.week_full[static_cast<std::size_t>(k)]; --k) first_full = k;
    if (st.concussion_note) {
        // The first training session (not before step 2A's day); without one, the day
        // training may start, never named as a session.
        std::optional<Date> first;
        for (const SessionPlan& s : plan.sessions)
            if (is_training(s.type)) {
                first = s.date;
                break;
            }
        const std::string event = p.find(ConditionType::concussion)->event_date->to_string();
        if (first)
            add(in, st, "concussion.return", Severity::info, "/conditions", "gen.concussion_start",
                {arg("event", event), arg("first", first->to_string())}, "min_rest_days_after_event");
        else
            add(in, st, "concussion.return", Severity::info, "/conditions", "gen.concussion_start_none",
                {arg("event", event), arg("from", st.not_before.to_string())}, "min_rest_days_after_event");
    }
    if (ledger.week_minutes.empty() || ledger.best_week == 0) {
        add(in, st, rule, Severity::warning, "", "gen.no_training",
            {arg("why", Text{"check the available days, the minutes per day and the baseline.",
                             "controleer de beschikbare dagen, de minuten per dag en het beginniveau."})});
        return;
    }
    const int full_minutes = ledger.week_full_minutes.back();
    if (first_full >= 0) {
        const int last_days = static_cast<int>(shape_for(in, st, in.programme.phase_for_week(plan.weeks)).pattern.days.size());
        plan.full_dose_week = first_full + 1;
        // The minutes that week holds, as its printout counts them: the phase's target can be
        // more where strength or balance blocks were trimmed to fit the days.
        const int held = ledger.week_minutes[static_cast<std::size_t>(first_full)];
        add(in, st, rule, Severity::info, "", "gen.full_dose",
            {arg("minutes", n(held)), arg("days", n(static_cast<std::int64_t>(last_days))),
             arg("week", n(first_full + 1)), arg("date", in.request.start_date.plus_days(7 * first_full).to_string())},
            "max_weekly_increase_percent");
    } else if (in.programme.return_ladders.empty()) {
        // A concussion return aims at the steps, not at the weekly dose: no warning there.
        add(in, st, rule, Severity::warning, "", "gen.full_dose_not_reached",
            {arg("minutes", n(full_minutes)), arg("weeks", n(plan.weeks)), arg("last", n(ledger.week_minutes.back())),
             arg("baseline", n(p.baseline_minutes)),
             arg("pct", n(in.rules[params::progression_graded_max_weekly_increase_percent])),
             arg("why", detail::condition_note(in.rules, params::progression_graded_max_weekly_increase_percent))},
            "max_weekly_increase_percent");
    }
}

// A fixed-length session (Cognitive Fitness's group session) the build-up held back:
// when it joins (info), or that it never does within the plan (warning).
void fixed_session_findings(const GeneratorInputs& in, PlanInProgress& st) {
    if (st.fixed_waits.empty()) return;
    const SlotTemplate* slot = nullptr;
    for (const Phase& ph : in.programme.phases)
        for (const std::string& id : ph.slots)
            if (!slot && in.slot(id).fixed_length && is_training(in.slot(id).type)) slot = &in.slot(id);
    if (!slot) return;
    const std::vector<Arg> what{arg("session", slot->title), arg("minutes", n(generation::slot_minutes(in, *slot)))};
    std::vector<Arg> args = what;
    if (st.fixed_weeks.empty()) {
        args.push_back(arg("weeks", n(st.plan.weeks)));
        add(in, st, "progression.graded", Severity::warning, "/baseline_minutes", "gen.fixed_session_not_reached", args,
            "max_weekly_increase_percent");
    } else {
        args.push_back(arg("week", n(*st.fixed_weeks.begin() + 1)));
        add(in, st, "progression.graded", Severity::info, "/baseline_minutes", "gen.fixed_session_from_week", args,
            "max_weekly_increase_percent");
    }
}

// ------------------------------------------------------------ concussion return ladders
// The ladders of a concussion patient (any programme): learn and work dated from their
// planned days, at least min_hours_per_step apart; the physical ladder (sport or daily)
// dated by reading::concussion_schedule, its gated steps dated only when the schedule
// dates them (the gates recorded).
const std::string cr_prefix = "programme.concussion_return.";

bool holds(const std::vector<ReturnLadder>& ls, ReturnLadder l) { return std::find(ls.begin(), ls.end(), l) != ls.end(); }
bool holds_gate(const std::vector<std::string>& gs, const char* g) { return std::find(gs.begin(), gs.end(), g) != gs.end(); }

ReturnStep ladder_step(const GeneratorInputs& in, ReturnLadder ladder, const ReturnStepTemplate& t) {
    ReturnStep s;
    s.step = t.step;
    s.title = detail::utf8_prefix(in.text(t.title), 200);
    s.description = detail::utf8_prefix(in.text(t.description), 2000);
    const std::string key = generation::return_step_key(ladder, t.step);
    s.title_message = detail::generated_text({detail::plan_message(key + ".title")}, s.title, in.request.language);
    s.description_message =
        detail::generated_text({detail::plan_message(key + ".description")}, s.description, in.request.language);
    return s;
}

void plan_return_ladders(const GeneratorInputs& in, Plan& plan) {
    if (!in.physical_ladder) return;
    const Programme& cr = concussion_return_programme();
    const Patient& p = in.patient;
    const Date event = *p.find(ConditionType::concussion)->event_date;
    const auto schedule = reading::concussion_schedule(in.rules, p);
    const int step_days = reading::concussion_step_days(in.rules);
    const std::vector<ReturnLadder> recorded = return_ladders(p);
    std::vector<ReturnLadder> order;
    for (const ReturnLadder l : {ReturnLadder::learn, ReturnLadder::work})
        if (holds(recorded, l)) order.push_back(l);
    order.push_back(*in.physical_ladder);
    for (const ReturnLadder l : order) {
        ReturnLadderPlan lp;
        lp.ladder = l;
        if (l == ReturnLadder::sport && p.concussion_return) lp.sport = p.concussion_return->sport;
        std::optional<Date> prev;
        for (const ReturnStepTemplate& t : cr.return_ladders.at(l).steps) {
            ReturnStep s = ladder_step(in, l, t);
            if (t.day) {
                Date from = event.plus_days(*t.day);
                if (prev) from = std::max(from, prev->plus_days(step_days));
                s.from = prev = from;
            } else {
                for (const reading::ConcussionStepDate& d : schedule) {
                    if (t.step != reading::stage_label(d.stage)) continue;
                    s.from = d.from;
                    if (d.needs_resolution) s.gates.push_back("symptoms_resolved");
                    if (d.needs_clearance) s.gates.push_back("cleared");
                }
            }
            lp.steps.push_back(std::move(s));
        }
        plan.return_ladders.push_back(std::move(lp));
    }
}

// "steps 4, 5 and 6" / "step 4", in both languages.
Text step_list(const std::vector<std::string>& steps) {
    Text out{steps.size() == 1 ? "step " : "steps ", steps.size() == 1 ? "stap " : "stappen "};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const bool last = i + 1 == steps.size() && i > 0;
        out.en += (i == 0 ? "" : last ? " and " : ", ") + steps[i];
        out.nl += (i == 0 ? "" : last ? " en " : ", ") + steps[i];
    }
    return out;
}

// Which steps are not dated and what gate is missing (info), and the referral when
// symptoms may persist beyond persisting_symptoms_days within the plan (warning).
void concussion_findings(const GeneratorInputs& in, PlanInProgress& st) {
    if (!in.physical_ladder) return;
    const Patient& p = in.patient;
    const Programme& cr = concussion_return_programme();
    const bool resolved = p.concussion_return && p.concussion_return->symptoms_resolved;
    const bool cleared = p.concussion_return && p.concussion_return->cleared;
    for (const ReturnLadderPlan& lp : st.plan.return_ladders) {
        std::vector<std::string> no_resolution, no_clearance;
        for (const ReturnStep& s : lp.steps) {
            if (s.from) continue;
            if (holds_gate(s.gates, "symptoms_resolved") && !resolved) no_resolution.push_back(s.step);
            if (holds_gate(s.gates, "cleared") && !cleared) no_clearance.push_back(s.step);
        }
        const Text ladder = cr.return_ladders.at(lp.ladder).title;
        if (!no_resolution.empty())
            add(in, st, "concussion.return", Severity::info, "/concussion_return/symptoms_resolved",
                "gen.concussion.undated_resolved", {arg("ladder", ladder), arg("steps", step_list(no_resolution))},
                "resolution_from_step");
        if (!no_clearance.empty())
            add(in, st, "concussion.return", Severity::info, "/concussion_return/cleared", "gen.concussion.undated_cleared",
                {arg("ladder", ladder), arg("steps", step_list(no_clearance))}, "clearance_from_step");
    }
    // Already persisting on the first day: a warning (printed on page 1); later in the plan:
    // a remark for the therapist (the patient's page says it in the return's rules).
    if (const auto from = reading::concussion_persisting_from(in.rules, p); from && *from <= st.plan.end_date())
        add(in, st, "concussion.return", *from <= st.plan.start_date ? Severity::warning : Severity::info, "/conditions",
            "gen.concussion.persisting",
            {arg("date", from->to_string()), arg("days", n(in.rules[params::concussion_return_persisting_symptoms_days]))},
            "persisting_symptoms_days");
}

// The lines of the learn and work ladders the printout's own ladder section does not
// give (school at most a week away, the work hours are examples), for the therapist.
void ladder_notes(const Plan& plan, std::vector<PlanMessage>& parts) {
    const Programme& cr = concussion_return_programme();
    for (const ReturnLadderPlan& lp : plan.return_ladders)
        if ((lp.ladder == ReturnLadder::learn || lp.ladder == ReturnLadder::work) &&
            !cr.return_ladders.at(lp.ladder).note.en.empty())
            parts.push_back(detail::plan_message(cr_prefix + to_string(lp.ladder) + ".note", {}, "\n"));
}

// The treatments the plan was made around (plan.priming, for the printouts) and what the
// plan did with them (priming.dosing_day, priming.window: information for the therapist).
void priming_record(const GeneratorInputs& in, PlanInProgress& st) {
    Plan& plan = st.plan;
    const Date from = plan.start_date.plus_days(-14), to = plan.end_date();
    for (const PrimingTreatment& t : in.patient.priming_treatments) {
        PlanPriming pp;
        pp.type = t.type;
        for (Date d : t.dates)
            if (d >= from && d <= to) pp.dates.push_back(d);
        if (pp.dates.empty()) continue;
        pp.window = reading::priming_window(in.rules, t);
        pp.rest_on_dates = reading::rests_on_dates(in.rules, t);
        plan.priming.push_back(std::move(pp));
    }
    for (std::size_t i = 0; i < in.patient.priming_treatments.size(); ++i) {
        const PrimingTreatment& t = in.patient.priming_treatments[i];
        const Text name = reading::priming_treatment_name(t.type);
        int rest = 0, days = 0, placed = 0;
        for (Date d : t.dates)
            if (d >= plan.start_date && d <= to && reading::rests_on_dates(in.rules, t)) ++rest;
        for (int k = 0; k < 7 * plan.weeks; ++k) {
            const Date d = plan.start_date.plus_days(k);
            const reading::WindowOpening* w = in.priming.window(d);
            if (!w || w->treatment != i) continue;
            bool training = false, skill = false;
            for (const SessionPlan& s : plan.sessions)
                if (s.date == d) {
                    training = training || is_training(s.type) || s.type == SessionType::exposure;
                    skill = skill || reading::is_skill_session(in.rules, s);
                }
            days += training ? 1 : 0;
            placed += training && skill ? 1 : 0;
        }
        if (rest > 0)
            add(in, st, "priming.dosing_day", Severity::info, "/priming_treatments/" + n(static_cast<std::int64_t>(i)),
                "gen.priming.rest", {arg("treatment", name), arg("count", n(rest))}, "treatments");
        if (days > 0) {
            const PrimingWindowHours h = reading::priming_window(in.rules, t);
            const std::string evidence = "priming.evidence." + (is_known_priming_type(t.type) ? t.type : std::string("other"));
            add(in, st, "priming.window", Severity::info, "/priming_treatments/" + n(static_cast<std::int64_t>(i)),
                "gen.priming.window",
                {arg("treatment", name), arg("placed", n(placed)), arg("days", n(days)),
                 arg("hours", n(h.start_hours) + "-" + n(h.end_hours)), arg("evidence", detail::term(evidence))});
        }
    }
}

void notes(const GeneratorInputs& in, PlanInProgress& st) {
    const Programme& prog = in.programme;
    std::string text = in.text(prog.title) + ". " + in.text(prog.summary);
    std::vector<PlanMessage> parts{detail::plan_message("programme." + prog.id + ".title_sentence"),
                                   detail::plan_message("programme." + prog.id + ".summary", {}, " ")};
    ladder_notes(st.plan, parts);
    if (const auto t = detail::message_text(parts)) text = in.text(*t);
    for (std::size_t i = 0; i < st.findings.list.size(); ++i) {
        const Finding& f = st.findings.list[i];
        if (f.rule != "progression.graded" && f.rule != "concussion.return" && f.rule.rfind("priming.", 0) != 0) continue;
        text += "\n" + in.text(f.message);
        parts.push_back(st.findings.messages[i]);
        parts.back().separator = "\n";
    }
    st.plan.notes = text;
    st.plan.notes_message = detail::generated_text(std::move(parts), text, in.request.language);
}

// The therapist signs the page that lists the plan's findings, so that list names every
// rule the validator warns about in this plan. A rule the generator already reported (often
// as one summary, such as week.volume's planned shortfall) keeps the generator's words;
// under any other rule the validator's first warning is added, saying how many more like
// it the plan holds and up to which week, so the page stays readable.
void add_unreported_warnings(const std::vector<Finding>& checked, std::vector<Finding>& findings) {
    std::set<std::string> reported;
    for (const Finding& f : findings) reported.insert(f.rule);
    std::map<std::string, std::vector<const Finding*>> unreported;  // by rule, in the validator's order
    for (const Finding& f : checked)
        if (f.severity == Severity::warning && reported.count(f.rule) == 0) unreported[f.rule].push_back(&f);
    for (const auto& [rule, list] : unreported) {
        Finding f = *list.front();
        if (list.size() > 1) {
            const Finding& last = *list.back();
            const std::optional<Date> when = last.week ? last.week : last.date;
            const Text more = detail::message(when ? "gen.more_warnings_until" : "gen.more_warnings",
                                              {arg("count", n(static_cast<std::int64_t>(list.size() - 1))),
                                               arg("week", when ? when->iso_week() : "")});
            f.message.en += " " + more.en;
            f.message.nl += " " + more.nl;
        }
        findings.push_back(std::move(f));
    }
}

// What a printout shows besides the sessions: who the plan is for, the zone with
// its formulas (on the first day: a concussion zone changes with the date), and
// the generator's own findings for the therapist.
void describe_for_print(const GeneratorInputs& in, PlanInProgress& st) {
    st.plan.patient = plan_patient(in.patient);
    const HeartRateZone z = heart_rate_zones(in.patient, in.rules, st.plan.start_date).aerobic;
    PlanZone pz;
    pz.basis = to_string(z.basis);
    pz.low_bpm = z.low_bpm;
    pz.high_bpm = z.high_bpm;
    pz.rpe = z.rpe;
    pz.hrmax_bpm = static_cast<int>((z.hrmax.centi_bpm + 50) / 100);
    pz.hrmax_source = z.hrmax.source;
    pz.low_formula = z.floor.basis;
    pz.high_formula = z.ceiling.basis;
    st.plan.zone = pz;
    st.plan.findings = st.findings.list;
}

// The steps in order; the plan is validated before it is handed out.
Result<GeneratedPlan> run(const GeneratorInputs& in) {
    GeneratedPlan out;
    PlanInProgress st;
    if (refuse(in, st)) {
        out.findings = std::move(st.findings.list);
        sort_findings(out.findings);
        return out;
    }
    Plan& plan = st.plan;
    plan.start_date = in.request.start_date;
    plan.weeks = in.request.weeks > 0 ? in.request.weeks : in.programme.default_weeks;
    plan.programme = in.programme.id;
    plan.language = in.request.language;
    plan.patient_facing = true;
    plan.stop_signals = reading::required_stop_signals(in.rules, in.patient);
    plan.daily_steps_weeks = generation::daily_step_targets(in, plan.weeks);
    plan.daily_steps = generation::daily_steps_range(in, plan.daily_steps_weeks);
    if (plan.end_date().year() > 2199)
        return Error{ErrorCode::invalid_argument, "/weeks", "the plan would end after 2199-12-31"};

    start_notes(in, st);
    generation::zone_findings(in, st.findings);
    for (int k = 0; k < plan.weeks; ++k) plan_week(in, st, k);
    dose_free_phases(in, st);
    dose_findings(in, st);
    fixed_session_findings(in, st);
    plan_return_ladders(in, plan);
    concussion_findings(in, st);
    generation::hiit_findings(in, st.bans, st.findings);
    generation::outcome_measures(in, plan);  // planning/measures
    priming_record(in, st);
    notes(in, st);

    // The non-negotiable, checked at run time too: never hand out a plan with an error.
    const std::vector<Finding> checked = validate(in.patient, plan, in.rules.rule_set());
    for (const Finding& f : checked)
        if (f.severity == Severity::error)
            return Error{ErrorCode::internal, f.path,
                         "generated plan breaks " + f.rule + " (" + f.message.en + "); please report this"};
    add_unreported_warnings(checked, st.findings.list);
    sort_findings(st.findings.list);
    describe_for_print(in, st);
    out.plan = std::move(st.plan);
    out.findings = std::move(st.findings.list);
    return out;
}

std::string names(const std::vector<ConditionType>& cs) {
    std::string out;
    for (ConditionType c : cs) out += (out.empty() ? "" : ", ") + std::string(to_string(c));
    return out;
}

}  // namespace

Result<GeneratedPlan> generate(const Patient& patient, const PlanRequest& request, const RuleSet& rules) {
    try {
        const ProgrammeSet& ps = builtin_programmes();
        const std::string id = request.programme.empty() ? default_programme(patient) : request.programme;
        auto it = ps.programmes.find(id);
        if (it == ps.programmes.end()) {
            std::string known;
            for (const auto& [k, v] : ps.programmes) known += (known.empty() ? "" : ", ") + k;
            return Error{ErrorCode::invalid_argument, "/programme", "unknown programme \"" + id + "\"; expected one of " + known};
        }
        const Programme& prog = it->second;
        if (!prog.conditions.empty() &&
            std::none_of(prog.conditions.begin(), prog.conditions.end(), [&](ConditionType c) { return patient.has(c); }))
            return Error{ErrorCode::invalid_argument, "/programme",
                         "programme \"" + id + "\" is for patients with " + names(prog.conditions) +
                             "; the patient has none of these"};
        for (const auto& field : prog.requires)
            if (field == "fear_hierarchy" && patient.fear_hierarchy.empty())
                return Error{ErrorCode::invalid_argument, "/fear_hierarchy",
                             "programme \"" + id + "\" needs the patient's fear hierarchy (activities rated 0-100)",
                             "patient", "/fear_hierarchy"};
        if (request.weeks < 0 || request.weeks > 52)
            return Error{ErrorCode::invalid_argument, "/weeks", "expected 1-52 weeks, got " + std::to_string(request.weeks)};
        if (request.language != "en" && request.language != "nl")
            return Error{ErrorCode::invalid_argument, "/language", "expected \"en\" or \"nl\", got \"" + request.language + "\""};
        if (patient.available_days.empty())
            return Error{ErrorCode::invalid_argument, "/available_days", "expected at least one available day", "patient",
                         "/available_days"};
        // An event or a clearance after the start cannot be: bad input, not a plan.
        if (auto e = patient_date_error(patient, request.start_date)) return *e;
        return run(generation::GeneratorInputs(patient, request, rules, prog));
    } catch (const std::bad_alloc&) {
        throw;  // not an error in the input: the caller reports it (the C API as REHABPLAN_OUT_OF_MEMORY)
    } catch (const std::exception& e) {
        return Error{ErrorCode::internal, "", std::string("internal error: ") + e.what()};
    }
}

}  // namespace rehabplan
