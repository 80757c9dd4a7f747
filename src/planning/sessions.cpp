#include "planning/sessions.hpp"

#include "planning/programme_fit.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "core/messages.hpp"
#include "core/utf8.hpp"
#include "planning/exercise_selection.hpp"
#include "planning/exposure.hpp"
#include "planning/intensity.hpp"
#include "planning/plan_text.hpp"
#include "rules/readings.hpp"

namespace rehabplan::generation {

void block_shapes(const GeneratorSettings& g, const Draft& d, std::vector<BlockShape>& out) {
    out.clear();
    const SlotTemplate& s = *d.slot;
    const int m = d.minutes;
    const BlockKind main_kind = d.type == SessionType::strength  ? BlockKind::strength
                                : d.type == SessionType::balance ? BlockKind::balance
                                                                 : BlockKind::main;
    const BlockText main_text = d.hiit_instead ? BlockText::instead : BlockText::main;
    if (!is_training(d.type)) return;
    const int edges = g.warm_up_minutes + g.cool_down_minutes;
    if (d.type == SessionType::hiit) {
        out.push_back(BlockShape{BlockKind::warm_up, g.warm_up_minutes, BlockText::warm_up});
        out.push_back(BlockShape{BlockKind::main, m - edges, BlockText::main});
        out.push_back(BlockShape{BlockKind::cool_down, g.cool_down_minutes, BlockText::cool_down});
        return;
    }
    // Intermittent bouts (progression.graded, a baseline below intermittent_below_minutes):
    // bouts of at most d.bout with rest blocks between; every bout counts (WHO 2020).
    if (d.bout > 0 && d.bout_kind() && m > d.bout) {
        for (int b : reading::progression_bouts(m, d.bout)) {
            if (!out.empty()) out.push_back(BlockShape{BlockKind::rest, d.rest, BlockText::rest});
            out.push_back(BlockShape{main_kind, b, main_text});
        }
        return;
    }
    // A circuit: aerobic stations (with the thinking task) alternate with strength stations.
    if (s.station_minutes > 0 && m >= edges + 2 * s.station_minutes) {
        out.push_back(BlockShape{BlockKind::warm_up, g.warm_up_minutes, BlockText::warm_up});
        int core = m - edges;
        for (bool aerobic = true; core > 0; aerobic = !aerobic) {
            const int len = std::min(core, s.station_minutes);
            out.push_back(aerobic ? BlockShape{main_kind, len, BlockText::main}
                                  : BlockShape{BlockKind::strength, len, BlockText::strength_station});
            core -= len;
        }
        out.push_back(BlockShape{BlockKind::cool_down, g.cool_down_minutes, BlockText::cool_down});
        return;
    }
    // Short build-up sessions keep a shorter warm-up and cool-down (a fifth each).
    const bool short_session = m < edges + 10;
    const int warm = short_session ? std::max(1, m / 5) : g.warm_up_minutes;
    const int cool = short_session ? std::max(1, m / 5) : g.cool_down_minutes;
    if (m < 3) {
        out.push_back(BlockShape{main_kind, m, main_text});
        return;
    }
    out.push_back(BlockShape{BlockKind::warm_up, warm, BlockText::warm_up});
    int core = m - warm - cool;
    const int cog = core * s.cognitive_share_percent / 100;
    const int bal = core * s.balance_share_percent / 100;
    core -= cog + bal;
    out.push_back(BlockShape{main_kind, core, main_text});
    if (cog > 0) out.push_back(BlockShape{BlockKind::cognitive, cog, BlockText::cognitive});
    if (bal > 0) out.push_back(BlockShape{BlockKind::balance, bal, BlockText::balance});
    out.push_back(BlockShape{BlockKind::cool_down, cool, BlockText::cool_down});
}

namespace {

// The minutes of a session's blocks its exercises go into: strength, balance and
// thinking-task blocks (a non-training session: all of it).
// `blocks`: room for block_shapes, kept by a caller that asks for many lengths.
int exercise_minutes(const GeneratorInputs& in, const Draft& d, std::vector<BlockShape>& blocks) {
    block_shapes(in.settings, d, blocks);
    if (blocks.empty()) return d.minutes;
    int m = 0;
    for (const BlockShape& b : blocks)
        if (b.kind == BlockKind::strength || b.kind == BlockKind::balance || b.kind == BlockKind::cognitive) m += b.minutes;
    return m;
}

}  // namespace

Draft with_exercises(const GeneratorInputs& in, const Draft& drafted, int k, std::vector<ExerciseDose>& exercises) {
    if (!drafted.slot || !drafted.slot->exercises) return drafted;
    const SlotTemplate& s = *drafted.slot;
    std::vector<BlockShape> blocks;
    exercises = select_exercises(in.exercise_choices, *s.exercises, drafted.type,
                                 std::int64_t{exercise_minutes(in, drafted, blocks)} * 60, k, in.request.language);
    // The session's minutes follow from its content: a strength or balance session is as long
    // as its exercises need (never longer than drafted, so every weekly cap still holds).
    const bool follows = (drafted.type == SessionType::strength || drafted.type == SessionType::balance) &&
                         !s.fixed_length && s.station_minutes == 0 && drafted.bout == 0 && !exercises.empty();
    if (!follows) return drafted;
    const std::int64_t need = exercises_seconds(in.rules, exercises);
    Draft d = drafted;
    for (int m = std::max(1, s.min_minutes); m < drafted.minutes; ++m) {
        d.minutes = m;
        if (std::int64_t{exercise_minutes(in, d, blocks)} * 60 >= need) return d;
    }
    return drafted;
}

// Long on purpose: each draft becomes a dated session in one pass (intensity, concussion step,
// exposure, note, blocks, stored messages) while the week's ledger is updated, so a stored
// message stays beside the text it describes.
std::string return_step_key(ReturnLadder ladder, const std::string& label) {
    std::string l = label;
    for (char& c : l)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return std::string("programme.concussion_return.") + to_string(ladder) + ".step" + l;
}

std::optional<ConcussionSessionStep> concussion_session_step(const GeneratorInputs& in, Date date, int last, Date since) {
    if (!in.physical_ladder) return std::nullopt;
    const auto on = reading::concussion_stage_on(in.rules, in.patient, date);
    if (!on) return std::nullopt;
    auto stage = on;
    if (last >= 0) {
        const int step_days = reading::concussion_step_days(in.rules);
        const int next = date.days_since(since) >= step_days ? last + 1 : last;
        stage = std::min(*stage, static_cast<reading::ConcussionStage>(std::max(next, 0)));
    }
    const ReturnLadderTemplate& ladder = concussion_return_programme().return_ladders.at(*in.physical_ladder);
    // The daily ladder ends at its step 4 (no contact, no return to sport).
    while (!ladder.find(reading::stage_label(*stage)) && *stage > reading::ConcussionStage::step1)
        stage = static_cast<reading::ConcussionStage>(static_cast<int>(*stage) - 1);
    ConcussionSessionStep out;
    out.stage = *stage;
    out.zone_date = date;
    if (*stage != *on)
        for (const reading::ConcussionStepDate& d : reading::concussion_schedule(in.rules, in.patient))
            if (d.stage == *stage && d.from) out.zone_date = *d.from;
    out.step = reading::stage_number(*stage);
    out.sub = out.step == 2 ? reading::stage_label(*stage) : "";
    out.text = ladder.find(reading::stage_label(*stage));
    out.key = return_step_key(*in.physical_ladder, reading::stage_label(*stage));
    return out;
}

void emit(const GeneratorInputs& in, const std::vector<Draft>& drafts, int k, const HiitBans& bans, BuildUp& ledger,
          Plan& plan) {
    // The body below is the generator's former member function: these aliases give it its
    // old names. Over 60 lines for the same reason.
    const Patient& p_ = in.patient;
    const EffectiveRules& rules_ = in.rules;
    const Programme& prog_ = in.programme;
    const std::vector<std::size_t>& fear_order_ = in.fear_order;
    const HiitBans& banned_ = bans;
    Plan& plan_ = plan;
    int& last_class_ = ledger.last_class;
    int& best_week_ = ledger.best_week;
    LastMinutes& last_minutes_ = ledger.last_minutes;
    std::vector<int>& week_minutes_ = ledger.week_minutes;
    std::vector<bool>& week_full_ = ledger.week_full;
    const std::set<int>& dropped_in_week_ = ledger.dropped_in_week;
    const auto t = [&in](const Text& text) -> const std::string& { return in.text(text); };
    const auto hiit_intensity = [&in](const SlotTemplate& s, const HiitIntervals& h, PlanMessage& note) {
        return generation::hiit_intensity(in, s, h, note);
    };
    const auto zone_intensity = [&in](Date date, int max_class, PlanMessage& note) {
        return generation::zone_intensity(in, date, max_class, note);
    };
    const auto lang = [&in]() -> const std::string& { return in.request.language; };
    const int max_class = last_class_ < 0 ? -1 : reading::progression_max_class(rules_, last_class_);
    const std::size_t week_first = plan_.sessions.size();  // the week's sessions, measured at the end
    int week_minutes = 0, week_class = -1;
    std::map<std::pair<int, std::string>, int> week_last;
    bool full = dropped_in_week_.count(k) == 0;
    std::vector<BlockShape> blocks;  // each session's, in one buffer
    for (const Draft& drafted : drafts) {
        std::vector<ExerciseDose> exercises;
        const Draft d = with_exercises(in, drafted, k, exercises);  // the minutes its exercises take
        const SlotTemplate& s = *d.slot;
        SessionPlan sp;
        sp.date = d.date;
        sp.type = d.type;
        sp.minutes = d.minutes;
        // The slot's texts, made once per plan (a slot outside the programme: here).
        std::optional<SlotTexts> own_texts;
        const SlotTexts& texts = in.session_texts.find(s) ? *in.session_texts.find(s) : own_texts.emplace(slot_texts(s, lang()));
        // The slot's title, unless a concussion step or an exposure names the session.
        const StoredText* slot_title = &(d.hiit_instead ? texts.instead_title : texts.title);
        PlanMessage title_source;
        // A concussion return's step on the day (held back so that no step is skipped).
        const auto cstep = is_training(d.type) ? concussion_session_step(in, d.date, ledger.concussion_stage,
                                                                         ledger.concussion_stage_since)
                                               : std::nullopt;
        if (in.physical_ladder && is_training(d.type) && (!cstep || cstep->stage < reading::ConcussionStage::step2a)) {
            full = false;  // step 1: symptom-limited daily activity, no training session
            continue;
        }
        PlanMessage target;  // the note's sentence on how hard (zone, effort or intervals)
        sp.supervised = prog_.phase_for_week(k + 1).supervised;  // a supervised clinic week (hiit.protocol)
        if (d.type == SessionType::hiit) {
            sp.hiit = generation::hiit_session_intervals(in, plan_, d.date);
            sp.intensity = hiit_intensity(s, *sp.hiit, target);
            // An introduction week's HIIT is below the protocol: not yet the full dose.
            if (reading::hiit_introduction(rules_, reading::hiit_week_of(plan_.start_date,
                                                                         reading::hiit_first_plan_week(plan_), d.date)))
                full = false;
        } else if (s.intensity != SlotIntensity::none) {
            sp.intensity = zone_intensity(cstep ? cstep->zone_date : d.date, max_class, target);
            if (!sp.intensity) {
                full = false;
                continue;
            }
        }
        std::string note = target.key.empty() ? "" : t(*detail::message_text(target));
        std::vector<PlanMessage> note_parts;  // the note's messages, stored beside it
        if (!target.key.empty()) note_parts.push_back(target);
        if (cstep) {
            sp.concussion_step = cstep->step;
            sp.concussion_stage = cstep->sub;
        }
        if (cstep && cstep->text && !prog_.return_ladders.empty()) {
            // The step's title, its description, the target, then what to do when symptoms rise.
            const ReturnNotes& rn = *concussion_return_programme().return_notes;
            const bool early = cstep->step < rules_[params::concussion_return_resolution_from_step];
            slot_title = nullptr;
            title_source = detail::plan_message(cstep->key + ".session_title");
            sp.title = t(*detail::message_text(title_source));
            note = t(cstep->text->description) + (note.empty() ? "" : " " + note) + " " + t(early ? rn.flare : rn.late_symptoms);
            note_parts.insert(note_parts.begin(), detail::plan_message(cstep->key + ".description"));
            if (note_parts.size() > 1) note_parts[1].separator = " ";
            note_parts.push_back(detail::plan_message(
                std::string("programme.concussion_return.") + (early ? "flare" : "late_symptoms"), {}, " "));
        }
        if (d.type == SessionType::exposure) {
            if (fear_order_.empty()) continue;
            // The current activity (the least feared): the next is chosen with the therapist
            // when fear has dropped, never dated in advance (detail::current_exposure).
            const FearItem& f = detail::current_exposure(p_, fear_order_);
            slot_title = nullptr;
            sp.title = t(detail::exposure_title(f));
            title_source = detail::exposure_title_message(f);
            note = t(s.main) + " " + t(detail::message("gen.exposure.next"));
            note_parts = {detail::plan_message("slot." + s.id + ".main"), detail::plan_message("gen.exposure.next", {}, " ")};
        }
        if (note.empty() && !is_training(d.type)) {
            note = t(s.main);
            note_parts = {detail::plan_message("slot." + s.id + ".main")};
        }
        // A session with no suitable exercise keeps its text and says so: never an unsuitable one.
        if (s.exercises && exercises.empty()) {
            note_parts.push_back(detail::plan_message("gen.exercises.none", {}, note.empty() ? "" : " "));
            note += (note.empty() ? "" : " ") + t(detail::message("gen.exercises.none"));
        }
        sp.exercises = std::move(exercises);
        // Within the plan document's limits (schema/plan.schema.json), whatever the
        // patient's own texts (a long feared activity) make of them.
        if (slot_title) {
            sp.title = slot_title->text;
            sp.title_message = slot_title->message;
        } else {
            sp.title = detail::utf8_prefix(sp.title, 200);
            sp.title_message = detail::generated_text({title_source}, sp.title, lang());
        }
        sp.note = detail::utf8_prefix(note, 2000);
        sp.note_message = detail::generated_text(std::move(note_parts), sp.note, lang());
        sp.minutes = d.clock_minutes();  // intermittent bouts: the rests between them too
        block_shapes(in.settings, d, blocks);
        sp.blocks.reserve(blocks.size());
        for (const BlockShape& b : blocks) {
            const StoredText& description = texts.block(b.text);
            sp.blocks.push_back(Block{b.kind, b.minutes, description.text, description.message});
        }
        if (is_training(d.type)) {
            week_minutes += d.minutes;
            if (drafted.minutes < d.full) full = false;  // shorter for its exercises' sake: still the dose
            const int c = d.type == SessionType::hiit ? 2 : sp.intensity ? static_cast<int>(sp.intensity->klass) : -1;
            week_class = std::max(week_class, c);
        }
        if (cstep && static_cast<int>(cstep->stage) != ledger.concussion_stage) {
            ledger.concussion_stage = static_cast<int>(cstep->stage);
            ledger.concussion_stage_since = d.date;
        }
        plan_.sessions.push_back(std::move(sp));
        if (is_training(d.type)) week_last[{static_cast<int>(d.date.weekday()), d.slot->id}] = d.minutes;
    }
    last_minutes_ = std::move(week_last);
    if (drafts.empty() || week_minutes == 0) full = false;
    // A HIIT session left out without a stand-in leaves the week below the dose its shape
    // counted (the shape counts the programme's HIIT): not a full week, whatever the reason.
    const bool stand_in = std::any_of(drafts.begin(), drafts.end(), [](const Draft& d) { return d.hiit_instead; });
    for (const auto& [b, weeks] : banned_)
        if (weeks.count(k + 1) && (b == HiitBan::dose || !stand_in)) full = false;
    std::vector<const SessionPlan*> week_sessions;
    for (std::size_t i = week_first; i < plan_.sessions.size(); ++i) week_sessions.push_back(&plan_.sessions[i]);
    ledger.history.push(reading::progression_measure(week_sessions, rules_, p_));
    week_minutes_.push_back(week_minutes);
    best_week_ = std::max(best_week_, week_minutes);
    if (week_class >= 0) last_class_ = week_class;
    week_full_.push_back(full);
}

std::vector<Draft> size_and_emit(const GeneratorInputs& in, const std::vector<Draft>& fitted, int k, HiitBans& bans,
                                 BuildUp& ledger, BuildUpLimits limits, Plan& plan) {
    const BuildUp ledger_before = ledger;
    const HiitBans bans_before = bans;
    const std::size_t sessions_before = plan.sessions.size();
    for (int attempt = 0;; ++attempt) {
        std::vector<Draft> drafts = fitted;
        if (size_week(drafts, k, ledger, limits, in.rules)) ban(bans, HiitBan::dose, k);
        // The programme's own method: fixed minimums (brain training), graded activity's quota.
        apply_min_minutes(in, drafts, ledger);
        apply_quota(in, drafts, k);
        emit(in, drafts, k, bans, ledger, plan);
        // The limits of the week as emitted (its own training days), as validate() reads them.
        const reading::ProgressionWeek& w = ledger.history.weeks.back();
        const reading::ProgressionLimits lim =
            reading::progression_limits(in.rules, limits.baseline_minutes, ledger_before.history, w.training_days);
        const std::int64_t over = lim.volume ? w.volume - *lim.volume : 0;
        if (over <= 0 || attempt >= 12) return drafts;
        ledger = ledger_before;
        bans = bans_before;
        plan.sessions.resize(sessions_before);
        // First count every zone minute (a light zone's estimate counts none), then as
        // vigorous, then take the rest off the cap.
        if (limits.volume_factor < 2) ++limits.volume_factor;
        else limits.volume_margin += over;
    }
}

}  // namespace rehabplan::generation
