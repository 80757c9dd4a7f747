// progress() and replan(): concrete logs for each condition with asserted decisions,
// each decision rule on both sides of its limits (tests named after the rule IDs),
// and the replanned plan checked: past kept, the decision applied, zero errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "rules/readings.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

Patient example(const std::string& name) {
    auto r = parse_patient(test::read_file("examples/patient-" + name + ".json"));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

Plan make(const Patient& p, const char* start, int weeks, const std::string& programme = "", const std::string& lang = "en") {
    PlanRequest q;
    q.start_date = d(start);
    q.weeks = weeks;
    q.programme = programme;
    q.language = lang;
    auto r = generate(p, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().plan);
    return *r.value().plan;
}

int week_of(const Plan& plan, Date date) { return date.days_since(plan.start_date) / 7; }

// An entry for a planned session, done in full at RPE 13 with the heart rate mid-zone.
LogEntry done(const SessionPlan& s, int minutes = -1) {
    LogEntry e;
    e.date = s.date;
    e.type = s.type;
    e.minutes = minutes < 0 ? s.minutes : minutes;
    e.completed = true;
    e.rpe = 13;
    if (s.intensity && s.intensity->hr_bpm) e.average_hr_bpm = (s.intensity->hr_bpm->low + s.intensity->hr_bpm->high) / 2;
    return e;
}

// Every session of the plan's weeks [from, to] (0-based) done in full.
SessionLog log_weeks(const Plan& plan, int from, int to) {
    SessionLog log;
    for (const SessionPlan& s : plan.sessions)
        if (week_of(plan, s.date) >= from && week_of(plan, s.date) <= to) log.entries.push_back(done(s));
    return log;
}

std::vector<std::size_t> entries_in_week(const Plan& plan, const SessionLog& log, int k) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < log.entries.size(); ++i)
        if (week_of(plan, log.entries[i].date) == k) out.push_back(i);
    return out;
}

int training_minutes(const Plan& plan, int k) {
    int m = 0;
    for (const SessionPlan& s : plan.sessions)
        if (week_of(plan, s.date) == k && is_training(s.type)) m += s.minutes;
    return m;
}

// Lowers the minutes done in week k until exactly `pct` % (rounded down) of the planned
// training minutes are done; the entries stay "completed".
void set_adherence(const Plan& plan, SessionLog& log, int k, int pct) {
    const int planned = training_minutes(plan, k);
    int cut = 0;
    while (std::int64_t{planned - cut - 1} * 100 / planned >= pct) ++cut;
    REQUIRE(std::int64_t{planned - cut} * 100 / planned == pct);
    for (std::size_t i : entries_in_week(plan, log, k)) {
        LogEntry& e = log.entries[i];
        if (!e.type || !is_training(*e.type)) continue;
        const int take = std::min(cut, e.minutes - 1);
        e.minutes -= take;
        cut -= take;
    }
    REQUIRE(cut == 0);
}

ProgressReport report(const Patient& p, const Plan& plan, const SessionLog& log, const char* today) {
    auto r = progress(p, plan, log, d(today));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

ReplannedPlan re(const Patient& p, const Plan& plan, const SessionLog& log, const char* today) {
    auto r = replan(p, plan, log, d(today));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    for (const Finding& f : validate(p, r.value().plan, builtin_rules()))
        CHECK_MESSAGE(f.severity != Severity::error, f.rule << " " << f.path << " " << f.message.en);
    return r.value();
}

// The sessions of `plan` dated in [from, to), as (date, type, minutes, title) tuples.
std::vector<std::tuple<int, int, int, std::string>> sessions(const Plan& plan, Date from, Date to, int shift_days = 0) {
    std::vector<std::tuple<int, int, int, std::string>> out;
    for (const SessionPlan& s : plan.sessions)
        if (s.date >= from && s.date < to)
            out.emplace_back(s.date.day_number() + shift_days, static_cast<int>(s.type), s.minutes, s.title);
    return out;
}

bool has_finding(const std::vector<Finding>& f, const std::string& rule) {
    return std::any_of(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; });
}

}  // namespace

// ------------------------------------------------------------------ adherence
TEST_CASE("progress.adherence: 80 % of the minutes advances, 79 % holds, 50 % holds, 49 % steps back (stroke)") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    struct Case { int pct; Decision want; };
    for (Case c : {Case{100, Decision::advance}, Case{80, Decision::advance}, Case{79, Decision::hold},
                   Case{50, Decision::hold}, Case{49, Decision::step_back}}) {
        CAPTURE(c.pct);
        SessionLog log = log_weeks(plan, 0, 1);
        set_adherence(plan, log, 1, c.pct);
        const ProgressReport r = report(p, plan, log, "2026-12-07");
        REQUIRE(r.weeks.size() == 2);
        CHECK(r.weeks[0].decision == Decision::advance);
        CHECK(r.weeks[1].adherence_percent == c.pct);
        CHECK(r.weeks[1].decision == c.want);
        CHECK(r.weeks[1].rule == "progress.adherence");
        CHECK(r.next == c.want);
        CHECK(r.next_from == d("2026-12-07"));
    }
}

TEST_CASE("progress.adherence: sessions count too, 80 % of them completed advances and fewer holds") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    SessionLog log = log_weeks(plan, 0, 0);
    std::vector<std::size_t> training;
    for (std::size_t i = 0; i < log.entries.size(); ++i)
        if (is_training(*log.entries[i].type)) training.push_back(i);
    REQUIRE(training.size() >= 5);
    // One of >= 5 sessions not completed: >= 80 % completed -> advance.
    log.entries[training[0]].completed = false;
    const int n = static_cast<int>(training.size());
    CHECK(report(p, plan, log, "2026-11-30").weeks[0].decision == ((n - 1) * 100 / n >= 80 ? Decision::advance : Decision::hold));
    // Enough not completed to fall below 80 %: hold, though every minute was done.
    for (std::size_t i = 0; i < training.size() && (n - static_cast<int>(i + 1)) * 100 / n >= 80; ++i)
        log.entries[training[i + 1]].completed = false;
    const ProgressReport r = report(p, plan, log, "2026-11-30");
    CHECK(r.weeks[0].adherence_percent == 100);
    CHECK(r.weeks[0].decision == Decision::hold);
}

TEST_CASE("progress.adherence: a week with nothing logged holds - a week with nothing planned advances (concussion rest days)") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    const ProgressReport r = report(p, plan, SessionLog{}, "2026-11-30");
    CHECK(r.weeks[0].decision == Decision::hold);
    CHECK(r.weeks[0].logged_sessions == 0);
    CHECK(r.weeks[0].reason.en.find("No session logged") != std::string::npos);
    CHECK(has_finding(r.findings, "progress.adherence"));  // the missed sessions, listed

    const Patient c = example("concussion");  // concussion on 2026-11-16: rest first
    const Plan cp = make(c, "2026-11-16", 6);
    const ProgressReport rc = report(c, cp, SessionLog{}, "2026-11-18");
    REQUIRE(rc.weeks.size() == 1);
    CHECK(rc.weeks[0].planned_sessions == 0);
    CHECK(rc.weeks[0].decision == Decision::advance);
}

// ------------------------------------------------------------------ stop signal
TEST_CASE("progress.stop_signal: a stop signal pauses and refers, from today - the same log without it advances") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    SessionLog log = log_weeks(plan, 0, 1);
    const ReplannedPlan ok = re(p, plan, log, "2026-12-09");
    CHECK(ok.progress.next == Decision::advance);
    CHECK(ok.plan.sessions.size() == plan.sessions.size());

    log.entries[entries_in_week(plan, log, 1).front()].stop_signal = true;
    log.entries[entries_in_week(plan, log, 1).front()].note = "chest pain";
    const ReplannedPlan r = re(p, plan, log, "2026-12-09");
    CHECK(r.progress.next == Decision::stop_and_refer);
    CHECK(r.progress.next_rule == "progress.stop_signal");
    CHECK(r.progress.next_from == d("2026-12-09"));
    CHECK(r.progress.weeks[1].decision == Decision::stop_and_refer);
    CHECK(r.progress.weeks[2].decision == Decision::stop_and_refer);  // the week in progress: still paused
    for (const SessionPlan& s : r.plan.sessions) CHECK(s.date < d("2026-12-09"));
    CHECK(sessions(r.plan, plan.start_date, d("2026-12-09")) == sessions(plan, plan.start_date, d("2026-12-09")));
    CHECK(r.plan.notes.find("Training is paused") == 0);
    CHECK(has_finding(r.findings, "progress.stop_signal"));
    CHECK(has_finding(r.plan.findings, "progress.stop_signal"));
    const auto stop = test::with_rule(r.progress.findings, "progress.stop_signal");
    REQUIRE(stop.size() == 1);
    CHECK(stop[0].severity == Severity::error);
    CHECK(stop[0].message.en.find("chest pain") != std::string::npos);
}

// ------------------------------------------------------------------ symptoms
TEST_CASE("progress.symptoms: after a concussion a rise of 2 points goes on, 3 points repeats the step (1-3) or goes back to step 3 (4-6) at once") {
    const Patient p = example("concussion");
    const Plan plan = make(p, "2026-11-16", 6);
    const EffectiveRules er(builtin_rules(), p);
    // Week 3 (from 2026-11-30) in progress: its first session rates headache before/after.
    SessionLog log = log_weeks(plan, 0, 1);
    const SessionPlan* first = nullptr;
    for (const SessionPlan& s : plan.sessions)
        if (week_of(plan, s.date) == 2 && is_training(s.type)) {
            first = &s;
            break;
        }
    REQUIRE(first);
    REQUIRE(first->concussion_step);
    LogEntry e = done(*first);
    e.symptoms_before.headache = 2;
    const Date today = first->date.plus_days(1);
    for (int after : {4, 5}) {
        CAPTURE(after);
        e.symptoms.headache = after;
        SessionLog l = log;
        l.entries.push_back(e);
        const ReplannedPlan r = re(p, plan, l, today.to_string().c_str());
        const WeekProgress& w = r.progress.weeks.back();
        CHECK(w.worst.headache == after);
        if (after == 4) {
            CHECK(r.progress.concussion_rises.empty());
            CHECK(r.progress.next == Decision::advance);
            CHECK(r.progress.next_from == plan.start_date.plus_days(21));
            continue;
        }
        REQUIRE(r.progress.concussion_rises.size() == 1);
        const ConcussionRise& rise = r.progress.concussion_rises[0];
        const auto stage = reading::stage_of(*first->concussion_step, first->concussion_stage);
        REQUIRE(stage);
        CHECK(rise.step == reading::stage_label(*stage));
        CHECK(rise.back_to == reading::stage_label(reading::concussion_stage_after_symptoms(er, *stage)));
        const bool repeat = rise.step == rise.back_to;
        CHECK(w.decision == (repeat ? Decision::hold : Decision::step_back));
        CHECK(w.rule == "progress.symptoms");
        CHECK(r.progress.next == w.decision);
        CHECK(r.progress.next_from == today);  // at once, not from next week
        // Never below the step it goes on with; a higher step at least 24 h after the repeat.
        const int floor_step = reading::stage_number(*reading::stage_of(rise.back_to[0] - '0', rise.back_to));
        for (const SessionPlan& s : r.plan.sessions) {
            if (!s.concussion_step || s.date < today) continue;
            if (!repeat) CHECK(*s.concussion_step <= floor_step);
            if (*s.concussion_step > floor_step) CHECK(s.date.days_since(first->date) >= 2);
        }
        CHECK(r.plan.sessions.front().date == plan.sessions.front().date);
        CHECK(has_finding(r.plan.findings, "concussion.return"));
    }
}

TEST_CASE("progress.symptoms: the concussion symptom score, 2 points up goes on, 3 repeats or goes back - without ratings before, the previous session counts") {
    const Patient p = example("concussion");
    const Plan plan = make(p, "2026-11-16", 6);
    SessionLog log = log_weeks(plan, 0, 1);
    auto w1 = entries_in_week(plan, log, 1);
    REQUIRE(w1.size() >= 2);
    log.entries[w1[0]].symptoms.concussion_score = 20;
    for (int score : {22, 23}) {
        log.entries[w1[1]].symptoms.concussion_score = score;
        const ProgressReport r = report(p, plan, log, "2026-11-30");
        CHECK(r.weeks[1].decision == (score == 22 ? Decision::advance : Decision::hold));
        CHECK(r.concussion_rises.size() == (score == 22 ? 0u : 1u));
    }
}

TEST_CASE("progress.symptoms: after a stroke a symptom rise holds the dose instead of stepping back") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    SessionLog log = log_weeks(plan, 0, 1);
    const auto w1 = entries_in_week(plan, log, 1);
    log.entries[w1[0]].symptoms.dizziness = 1;
    log.entries[w1[1]].symptoms.dizziness = 4;
    const ReplannedPlan r = re(p, plan, log, "2026-12-07");
    CHECK(r.progress.weeks[1].decision == Decision::hold);
    CHECK(r.progress.weeks[1].rule == "progress.symptoms");
    // Hold: week 3 repeats week 2, week 4 is the old week 3.
    CHECK(sessions(r.plan, d("2026-12-07"), d("2026-12-14")) == sessions(plan, d("2026-11-30"), d("2026-12-07"), 7));
    CHECK(sessions(r.plan, d("2026-12-14"), d("2026-12-21")) == sessions(plan, d("2026-12-07"), d("2026-12-14"), 7));
    CHECK(sessions(r.plan, plan.start_date, d("2026-12-07")) == sessions(plan, plan.start_date, d("2026-12-07")));
    CHECK(r.plan.weeks == plan.weeks);
    CHECK(has_finding(r.findings, "progress.symptoms"));
}

// ------------------------------------------------------------------ quota
TEST_CASE("progress.quota: graded activity advances when every quota is done, whatever the pain - one minute short repeats") {
    const Patient p = example("chronic-pain");
    const Plan plan = make(p, "2026-11-23", 12, "graded_activity");
    SessionLog log = log_weeks(plan, 0, 0);
    for (std::size_t i = 0; i < log.entries.size(); ++i) log.entries[i].symptoms.pain = i == 0 ? 2 : 8;  // pain up by 6
    ReplannedPlan r = re(p, plan, log, "2026-11-30");
    CHECK(r.progress.weeks[0].decision == Decision::advance);
    CHECK(r.progress.weeks[0].rule == "progress.quota");
    CHECK(r.progress.weeks[0].reason.en.find("whatever the pain") != std::string::npos);
    CHECK(!has_finding(r.progress.findings, "progress.symptoms"));
    CHECK(sessions(r.plan, plan.start_date, plan.end_date().plus_days(1)) == sessions(plan, plan.start_date, plan.end_date().plus_days(1)));

    for (LogEntry& e : log.entries)
        if (is_training(*e.type) && e.minutes > 1) {
            --e.minutes;
            break;
        }
    r = re(p, plan, log, "2026-11-30");
    CHECK(r.progress.weeks[0].decision == Decision::hold);
    CHECK(r.progress.weeks[0].rule == "progress.quota");
    CHECK(sessions(r.plan, d("2026-11-30"), d("2026-12-07")) == sessions(plan, d("2026-11-23"), d("2026-11-30"), 7));
}

TEST_CASE("progress.quota: dizziness still counts in graded activity (only pain is time-contingent)") {
    const Patient p = example("chronic-pain");
    const Plan plan = make(p, "2026-11-23", 12, "graded_activity");
    SessionLog log = log_weeks(plan, 0, 0);
    log.entries[0].symptoms.dizziness = 0;
    log.entries[1].symptoms.dizziness = 3;
    CHECK(report(p, plan, log, "2026-11-30").weeks[0].decision == Decision::hold);
}

// ------------------------------------------------------------------ effort
TEST_CASE("progress.effort: a mean Borg rating of 14 advances, 14.5 holds (TBI)") {
    const Patient p = example("tbi");
    const Plan plan = make(p, "2026-11-23", 12, "standard");
    SessionLog log = log_weeks(plan, 0, 0);
    for (LogEntry& e : log.entries) e.rpe = 14;
    CHECK(report(p, plan, log, "2026-11-30").weeks[0].decision == Decision::advance);
    for (std::size_t i = 0; i < log.entries.size(); ++i) log.entries[i].rpe = i % 2 == 0 ? 15 : 14;
    if (log.entries.size() % 2 == 1) log.entries.back().rpe.reset();  // equal counts of 14 and 15 -> mean 14.5
    const ProgressReport r = report(p, plan, log, "2026-11-30");
    CHECK(*r.weeks[0].mean_rpe == doctest::Approx(14.5));
    CHECK(r.weeks[0].decision == Decision::hold);
    CHECK(r.weeks[0].rule == "progress.effort");
}

TEST_CASE("progress.effort: half the aerobic sessions above the heart-rate target advance, more than half hold") {
    const Patient p = example("stroke");
    Plan plan = make(p, "2026-11-23", 12);
    // The targets 10 bpm below the zone's ceiling, so that 200 - 10 = 1 bpm above the
    // target is still within the safety ceiling (above it, progress.effort steps back:
    // max_sessions_above_ceiling, tests/unit/log_stops_test.cpp).
    for (SessionPlan& s : plan.sessions)
        if (s.intensity && s.intensity->hr_bpm) s.intensity->hr_bpm->high -= 10;
    SessionLog log = log_weeks(plan, 0, 0);
    std::vector<std::size_t> aerobic;
    for (std::size_t i = 0; i < log.entries.size(); ++i)
        if (log.entries[i].average_hr_bpm && (*log.entries[i].type == SessionType::aerobic || *log.entries[i].type == SessionType::dual_task))
            aerobic.push_back(i);
    REQUIRE(aerobic.size() >= 2);
    const int total = static_cast<int>(aerobic.size());
    const auto above = [&](int count) {
        SessionLog l = log;
        for (int i = 0; i < count; ++i) {
            const std::size_t e = aerobic[static_cast<std::size_t>(i)];
            const SessionPlan* s = nullptr;
            for (const SessionPlan& x : plan.sessions)
                if (x.date == l.entries[e].date && x.type == *l.entries[e].type) s = &x;
            REQUIRE(s);
            l.entries[e].average_hr_bpm = s->intensity->hr_bpm->high + 1;  // above the target, below the ceiling
        }
        return report(p, plan, l, "2026-11-30").weeks[0];
    };
    CHECK(above(total / 2).decision == Decision::advance);
    const WeekProgress w = above(total / 2 + 1);
    CHECK(w.decision == Decision::hold);
    CHECK(w.rule == "progress.effort");
    CHECK(w.minutes_in_zone < w.hr_logged_minutes);
}

// ------------------------------------------------------------------ exposure
TEST_CASE("progress.exposure: the next activity follows when fear dropped to half its rating, not above") {
    const Patient p = example("chronic-pain");  // least feared: walking ten minutes (20)
    const Plan plan = make(p, "2026-11-23", 8, "graded_exposure");
    for (int fear : {10, 11}) {
        CAPTURE(fear);
        SessionLog log = log_weeks(plan, 0, 0);
        for (LogEntry& e : log.entries)
            if (*e.type == SessionType::exposure) e.fear = fear;
        const ReplannedPlan r = re(p, plan, log, "2026-11-30");
        REQUIRE(r.progress.exposure);
        CHECK(r.progress.exposure->activity == "walking for ten minutes without a break");
        CHECK(r.progress.exposure->hierarchy_fear == 20);
        CHECK(r.progress.exposure->last_fear == fear);
        CHECK(r.progress.exposure->move_on == (fear == 10));
        std::string next_title;
        for (const SessionPlan& s : r.plan.sessions)
            if (s.type == SessionType::exposure && s.date >= d("2026-11-30") && s.date < d("2026-12-07")) next_title = s.title;
        CHECK(next_title == (fear == 10 ? "Exposure: vacuuming the living room (fear 45/100)"
                                        : "Exposure: walking for ten minutes without a break (fear 20/100)"));
        CHECK(has_finding(r.progress.findings, "progress.exposure"));
    }
}

TEST_CASE("progress.exposure: the activity is found by the title's stored message after a therapist edits the title") {
    const Patient p = example("chronic-pain");
    Plan plan = make(p, "2026-11-23", 8, "graded_exposure");
    for (SessionPlan& s : plan.sessions)
        if (s.type == SessionType::exposure) {
            REQUIRE(s.title_message);
            s.title = "Oefening van de week: rustig opbouwen";  // the therapist's words; the message stays
        }
    SessionLog log = log_weeks(plan, 0, 0);
    for (LogEntry& e : log.entries)
        if (*e.type == SessionType::exposure) e.fear = 10;
    const ReplannedPlan r = re(p, plan, log, "2026-11-30");
    REQUIRE(r.progress.exposure);
    CHECK(r.progress.exposure->activity == "walking for ten minutes without a break");
    CHECK(r.progress.exposure->move_on);
    // replan writes the next activity's title with its message again.
    for (const SessionPlan& s : r.plan.sessions)
        if (s.type == SessionType::exposure && s.date >= d("2026-11-30") && s.date < d("2026-12-07")) {
            CHECK(s.title == "Exposure: vacuuming the living room (fear 45/100)");
            REQUIRE(s.title_message);
            CHECK(s.title_message->digest == text_digest(s.title));
        }

    // A plan without messages (1.3) is matched by its titles, so an edited title is not found.
    Plan old = plan;
    for (SessionPlan& s : old.sessions) s.title_message.reset();
    const ProgressReport without = report(p, old, log, "2026-11-30");
    CHECK((!without.exposure || !without.exposure->last_fear));
}

TEST_CASE("progress.exposure: no rating logged repeats the activity and asks for one") {
    const Patient p = example("chronic-pain");
    const Plan plan = make(p, "2026-11-23", 8, "graded_exposure");
    const ProgressReport r = report(p, plan, log_weeks(plan, 0, 0), "2026-11-30");
    REQUIRE(r.exposure);
    CHECK(!r.exposure->move_on);
    CHECK(!r.exposure->last_fear);
    CHECK(test::with_rule(r.findings, "progress.exposure").at(0).message.en.find("No fear rating") == 0);
}

// ------------------------------------------------------------------ load
TEST_CASE("load.monitoring: Foster load, monotony and strain of a week, and the ACWR after four weeks") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    SessionLog log;
    // Week 1: 30 min at RPE 13 on Mon, Wed, Fri (planned days) -> daily 390, 0, 390, 0, 390, 0, 0.
    for (const char* day : {"2026-11-23", "2026-11-25", "2026-11-27"}) {
        LogEntry e;
        e.date = d(day);
        e.type = SessionType::aerobic;
        e.minutes = 30;
        e.rpe = 13;
        log.entries.push_back(e);
    }
    const ProgressReport r = report(p, plan, log, "2026-11-30");
    const TrainingLoad& l = r.weeks[0].load;
    CHECK(l.load == 1170);
    CHECK(l.sessions_with_rpe == 3);
    const double mean = 1170.0 / 7;
    const double sd = std::sqrt((3 * (390 - mean) * (390 - mean) + 4 * mean * mean) / 7);
    REQUIRE(l.monotony);
    CHECK(*l.monotony == doctest::Approx(mean / sd));
    CHECK(*l.strain == doctest::Approx(1170 * mean / sd));
    CHECK(!l.acwr);  // fewer than chronic_weeks weeks
    CHECK(!has_finding(r.findings, "load.monitoring"));  // monotony 0.87: below 2.00
}

TEST_CASE("load.monitoring: monotony above 2.00 is reported, at most 2.00 is not - ACWR outside 0.80-1.30 is information") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    const auto week = [&](int k, int days, int minutes) {
        std::vector<LogEntry> out;
        for (int i = 0; i < days; ++i) {
            LogEntry e;
            e.date = plan.start_date.plus_days(7 * k + i);
            e.type = SessionType::relaxation;  // never planned: an extra session, still load
            e.minutes = minutes;
            e.rpe = 10;
            out.push_back(e);
        }
        return out;
    };
    // 7 equal days: SD 0, no monotony. 6 equal days and a rest day: monotony 2.45 > 2.
    SessionLog log;
    for (auto& e : week(0, 6, 30)) log.entries.push_back(e);
    ProgressReport r = report(p, plan, log, "2026-11-30");
    REQUIRE(r.weeks[0].load.monotony);
    CHECK(*r.weeks[0].load.monotony > 2.0);
    CHECK(test::with_rule(r.findings, "load.monitoring").size() == 1);
    // 5 equal days: mean 1500/7, monotony 1.58: not reported.
    log.entries.clear();
    for (auto& e : week(0, 5, 30)) log.entries.push_back(e);
    r = report(p, plan, log, "2026-11-30");
    CHECK(*r.weeks[0].load.monotony < 2.0);
    CHECK(test::with_rule(r.findings, "load.monitoring").empty());
    // Four weeks of 3 x 300 then a week of 3 x 600: ACWR 1800 / mean(900, 900, 900, 1800) = 1.6.
    log.entries.clear();
    for (int k = 0; k < 4; ++k)
        for (auto& e : week(k, 3, k == 3 ? 60 : 30)) log.entries.push_back(e);
    r = report(p, plan, log, "2026-12-21");
    REQUIRE(r.weeks[3].load.acwr);
    CHECK(*r.weeks[3].load.acwr == doctest::Approx(1800.0 / 1125.0));
    CHECK(!r.weeks[2].load.acwr);
    bool acwr_info = false;
    for (const Finding& f : test::with_rule(r.findings, "load.monitoring", Severity::info))
        acwr_info = acwr_info || f.message.en.find("acute:chronic") != std::string::npos;
    CHECK(acwr_info);
    CHECK(r.weeks[3].decision != Decision::step_back);  // information only: never a decision
}

// ------------------------------------------------------------------ per condition
TEST_CASE("progress: stroke, two weeks done in full advance and replan keeps the plan as it was") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    const ReplannedPlan r = re(p, plan, log_weeks(plan, 0, 1), "2026-12-07");
    CHECK(r.progress.weeks.size() == 2);
    CHECK(r.progress.weeks[1].adherence_percent == 100);
    CHECK(r.progress.weeks[1].minutes_in_zone > 0);
    CHECK(r.progress.weeks[1].minutes_in_zone == r.progress.weeks[1].hr_logged_minutes);
    CHECK(r.progress.next == Decision::advance);
    CHECK(sessions(r.plan, plan.start_date, d("2027-03-01")) == sessions(plan, plan.start_date, d("2027-03-01")));
}

TEST_CASE("progress: TBI, a week far below the dose steps back two plan weeks from the next week") {
    const Patient p = example("tbi");
    const Plan plan = make(p, "2026-11-23", 12, "standard");
    SessionLog log = log_weeks(plan, 0, 2);
    set_adherence(plan, log, 2, 30);
    const ReplannedPlan r = re(p, plan, log, "2026-12-14");
    CHECK(r.progress.next == Decision::step_back);
    // Week 4 gets week 2's content: one step below the week just done (week 3).
    CHECK(sessions(r.plan, d("2026-12-14"), d("2026-12-21")) == sessions(plan, d("2026-11-30"), d("2026-12-07"), 14));
    CHECK(training_minutes(r.plan, 3) < training_minutes(plan, 2));
    if (plan.full_dose_week && *plan.full_dose_week > 3)
        CHECK((!r.plan.full_dose_week || *r.plan.full_dose_week == *plan.full_dose_week + 2));
}

TEST_CASE("progress: Parkinson with a beta-blocker (Borg zone) holds on high effort and replans to zero errors") {
    const Patient p = [] {
        Patient x = example("older-adult");
        x.beta_blocker = true;
        return x;
    }();
    const Plan plan = make(p, "2026-11-23", 8);
    SessionLog log = log_weeks(plan, 0, 0);
    for (LogEntry& e : log.entries) {
        e.rpe = 16;
        e.average_hr_bpm.reset();
    }
    const ReplannedPlan r = re(p, plan, log, "2026-11-30");
    CHECK(r.progress.weeks[0].hr_logged_minutes == 0);  // no bpm zone to compare with
    CHECK(r.progress.next == Decision::hold);
    CHECK(r.progress.next_rule == "progress.effort");
}

TEST_CASE("progress: the report and the replanned plan are the same for the same input, in either language") {
    const Patient p = example("chronic-pain");
    const Plan plan = make(p, "2026-11-23", 8, "graded_exposure", "nl");
    SessionLog log = log_weeks(plan, 0, 1);
    const ReplannedPlan a = re(p, plan, log, "2026-12-07");
    const ReplannedPlan b = re(p, plan, log, "2026-12-07");
    CHECK(to_json(a.plan) == to_json(b.plan));
    CHECK(to_json(a.findings) == to_json(b.findings));
    for (const SessionPlan& s : a.plan.sessions)
        if (s.type == SessionType::exposure) CHECK(s.title.find("Blootstelling: ") == 0);
}

TEST_CASE("progress: today before the plan's start is an error - on the start day nothing has happened yet") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    auto r = progress(p, plan, SessionLog{}, d("2026-11-22"));
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::invalid_argument);
    CHECK(r.error().path == "/today");
    const ReplannedPlan same = re(p, plan, SessionLog{}, "2026-11-23");
    CHECK(same.progress.weeks.empty());
    CHECK(same.progress.next == Decision::advance);
    CHECK(same.plan.sessions.size() == plan.sessions.size());
}

TEST_CASE("progress: after the plan's end nothing is rewritten and a finding says so") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 2);
    const ReplannedPlan r = re(p, plan, log_weeks(plan, 0, 1), "2026-12-20");
    CHECK(r.progress.weeks.size() == 2);
    CHECK(sessions(r.plan, plan.start_date, d("2026-12-20")) == sessions(plan, plan.start_date, d("2026-12-20")));
    REQUIRE(!r.findings.empty());
    CHECK(r.findings.back().message.en.find("The plan ended on 2026-12-06") == 0);
}

TEST_CASE("progress: replan refuses a plan that already breaks a rule in force (a clinic's tighter ceiling) instead of rewriting it") {
    const Patient p = example("stroke");
    const Plan plan = make(p, "2026-11-23", 12);
    auto clinic = apply_clinic_rules(builtin_rules(),
                                     R"({"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 75}}}})");
    REQUIRE_MESSAGE(clinic.ok(), clinic.error().describe());
    auto r = replan(p, plan, log_weeks(plan, 0, 1), d("2026-12-07"), clinic.value());
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::invalid_argument);
    CHECK(r.error().message.find("the plan already breaks intensity.heart_rate") == 0);
    // The report itself is still available: it only reads the plan.
    CHECK(progress(p, plan, log_weeks(plan, 0, 1), d("2026-12-07"), clinic.value()).ok());
}
