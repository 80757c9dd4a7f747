// The log stops what it must (issue 17, part 4): ratings that are themselves stop signals
// (progress.stop_signal), heart rate above the session's safety ceiling (progress.effort),
// training on every day of a week with rest days (week.rest), and the paused plan that
// replan() makes after a stop: the `paused` property, nothing to do after it, and the
// banner on the first page of every format in English and Dutch.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "test_support.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"

using namespace rehabplan;
using test::d;

namespace {

Patient stroke() {
    auto r = parse_patient(test::read_file("examples/patient-stroke.json"));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

Plan make(const Patient& p, int weeks = 6, const std::string& lang = "en") {
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = weeks;
    q.language = lang;
    auto r = generate(p, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().plan);
    return *r.value().plan;
}

int week_of(const Plan& plan, Date date) { return date.days_since(plan.start_date) / 7; }

// Every session of week k done in full at RPE 13, the heart rate mid-zone.
SessionLog log_week(const Plan& plan, int k) {
    SessionLog log;
    for (const SessionPlan& s : plan.sessions)
        if (week_of(plan, s.date) == k) log.entries.push_back(test::done_as_planned(s));
    return log;
}

// The log's entries up to and including `today`.
SessionLog upto(SessionLog log, const char* today) {
    log.entries.erase(std::remove_if(log.entries.begin(), log.entries.end(), [&](const LogEntry& e) { return e.date > d(today); }),
                      log.entries.end());
    return log;
}

// The first entry of an aerobic or dual-task session (a heart rate is logged there).
std::vector<std::size_t> aerobic_entries(const SessionLog& log) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < log.entries.size(); ++i)
        if (log.entries[i].type == SessionType::aerobic || log.entries[i].type == SessionType::dual_task) out.push_back(i);
    return out;
}

ProgressReport report(const Patient& p, const Plan& plan, const SessionLog& log, const char* today,
                      const RuleSet& rules = builtin_rules()) {
    auto r = progress(p, plan, log, d(today), rules);
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

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string rendered(const Plan& plan, Format f, const char* lang) {
    auto r = render(plan, f, lang);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// A log whose first entry rates a symptom before and after the session.
SessionLog rated(const Plan& plan, const char* symptom, std::optional<int> before, int after) {
    SessionLog log = log_week(plan, 0);
    LogEntry& e = log.entries.front();
    auto& b = std::string(symptom) == "headache" ? e.symptoms_before.headache : std::string(symptom) == "dizziness" ? e.symptoms_before.dizziness : e.symptoms_before.pain;
    auto& a = std::string(symptom) == "headache" ? e.symptoms.headache : std::string(symptom) == "dizziness" ? e.symptoms.dizziness : e.symptoms.pain;
    b = before;
    a = after;
    return log;
}

RuleSet clinic(const std::string& json) {
    auto r = apply_clinic_rules(builtin_rules(), json);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

}  // namespace

// ------------------------------------------------------------------ progress.stop_signal
TEST_CASE("progress.stop_signal: symptom_stop_score, headache 6 holds and 7 stops (ticked box or not) - dizziness too, pain never") {
    const Patient p = stroke();
    const Plan plan = make(p);
    for (const char* symptom : {"headache", "dizziness"}) {
        CAPTURE(symptom);
        const ProgressReport six = report(p, plan, rated(plan, symptom, std::nullopt, 6), "2026-11-30");
        CHECK(six.next != Decision::stop_and_refer);
        CHECK(test::with_rule(six.findings, "progress.stop_signal").empty());

        const ProgressReport seven = report(p, plan, rated(plan, symptom, std::nullopt, 7), "2026-11-30");
        CHECK(seven.next == Decision::stop_and_refer);
        CHECK(seven.next_rule == "progress.stop_signal");
        CHECK(seven.next_from == d("2026-11-30"));
        CHECK(seven.stop_signal_date == d("2026-11-23"));
        const auto stop = test::with_rule(seven.findings, "progress.stop_signal", Severity::error);
        REQUIRE(stop.size() == 1);
        CHECK(stop[0].path == "/entries/0/symptoms/" + std::string(symptom));
        CHECK(contains(stop[0].message.en, "7/10"));
        CHECK(contains(stop[0].message.en, "refer the patient to a doctor"));
        CHECK(contains(stop[0].message.nl, "verwijs de patiënt naar een arts"));
        CHECK(contains(seven.next_reason.en, "warning sign (7 or more)"));
        CHECK(contains(seven.next_reason.nl, "waarschuwingsteken (7 of meer)"));
    }
    // Pain 9 is read by progress.symptoms (and never in graded activity), not as a stop.
    const ProgressReport pain = report(p, plan, rated(plan, "pain", std::nullopt, 9), "2026-11-30");
    CHECK(pain.next != Decision::stop_and_refer);
}

TEST_CASE("progress.stop_signal: symptom_stop_rise_points, rise 4 holds, rise 5 stops (within one session)") {
    const Patient p = stroke();
    const Plan plan = make(p);
    const ProgressReport four = report(p, plan, rated(plan, "headache", 1, 5), "2026-11-30");
    CHECK(four.next == Decision::hold);  // more than 2 points: progress.symptoms holds after a stroke
    CHECK(four.next_rule == "progress.symptoms");
    CHECK(test::with_rule(four.findings, "progress.stop_signal").empty());

    const ProgressReport five = report(p, plan, rated(plan, "headache", 1, 6), "2026-11-30");
    CHECK(five.next == Decision::stop_and_refer);
    const auto stop = test::with_rule(five.findings, "progress.stop_signal", Severity::error);
    REQUIRE(stop.size() == 1);
    CHECK(contains(stop[0].message.en, "rose from 1 to 6 within the session"));
    // The concussion consensus (Amsterdam, October 2022) is among the citations.
    CHECK(std::any_of(stop[0].citations.begin(), stop[0].citations.end(),
                      [](const std::string& c) { return contains(c, "Amsterdam") && contains(c, "2022"); }));
    CHECK(contains(five.next_reason.en, "a rise of 5 points or more"));
    CHECK(contains(five.next_reason.nl, "een stijging van 5 punten of meer"));

    // A rise since the previous session (no rating before this one) is progress.symptoms' only.
    SessionLog between = log_week(plan, 0);
    between.entries[0].symptoms.headache = 1;
    between.entries[1].symptoms.headache = 6;
    CHECK(report(p, plan, between, "2026-11-30").next == Decision::hold);
}

TEST_CASE("progress.stop_signal: the headache 1 -> 9 and dizziness 0 -> 6 session stops and refers - replan pauses the plan") {
    const Patient p = stroke();
    const Plan plan = make(p);
    SessionLog log = upto(log_week(plan, 0), "2026-11-25");
    log.entries[0].symptoms_before.headache = 1;
    log.entries[0].symptoms.headache = 9;
    log.entries[0].symptoms_before.dizziness = 0;
    log.entries[0].symptoms.dizziness = 6;
    const ProgressReport r = report(p, plan, log, "2026-11-25");
    CHECK(r.next == Decision::stop_and_refer);
    CHECK(r.weeks[0].decision == Decision::stop_and_refer);
    CHECK(contains(r.next_reason.en, "Headache 9/10"));  // the rating at the score names the stop
    CHECK(test::with_rule(r.findings, "progress.stop_signal", Severity::error).size() == 2);

    const ReplannedPlan rp = re(p, plan, log, "2026-11-25");
    REQUIRE(rp.plan.paused);
    CHECK(rp.plan.paused->since == d("2026-11-25"));
    CHECK(rp.plan.paused->signal_date == d("2026-11-23"));
    for (const SessionPlan& s : rp.plan.sessions) CHECK(s.date < d("2026-11-25"));
    for (const OutcomeMeasure& m : rp.plan.outcome_measures) CHECK(m.date < d("2026-11-25"));
    CHECK_FALSE(rp.plan.daily_steps);
}

TEST_CASE("progress.stop_signal: a clinic may lower symptom_stop_score (6 then stops), never raise it") {
    const Patient p = stroke();
    const Plan plan = make(p);
    const RuleSet six = clinic(R"({"schema_version": 1, "rules": {"progress.stop_signal": {"params": {"symptom_stop_score": 6}}}})");
    CHECK(report(p, plan, rated(plan, "headache", std::nullopt, 6), "2026-11-30", six).next == Decision::stop_and_refer);
    const EffectiveRules er(six, p);
    CHECK(reading::symptom_stop(er, "headache", std::nullopt, 5) == std::nullopt);
    CHECK(reading::symptom_stop(er, "headache", std::nullopt, 6)->kind == reading::SymptomStopKind::score);
    CHECK(reading::symptom_stop(er, "pain", std::nullopt, 10) == std::nullopt);
    CHECK_FALSE(apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"progress.stop_signal": {"params": {"symptom_stop_score": 8}}}})").ok());
    CHECK_FALSE(apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"progress.stop_signal": {"params": {"symptom_stop_rise_points": 6}}}})").ok());
}

// ------------------------------------------------------------------ progress.effort
TEST_CASE("progress.effort: max_sessions_above_ceiling, one session warns and two step back") {
    const Patient p = stroke();
    const Plan plan = make(p);
    // The never-exceed limit (80 % after stroke), not the moderate band the uncleared patient trains in.
    const int ceiling = heart_rate_zones(p, EffectiveRules(builtin_rules(), p)).aerobic.limit.floor_bpm();
    const SessionLog base = log_week(plan, 0);
    const auto aerobic = aerobic_entries(base);
    REQUIRE(aerobic.size() >= 2);
    const auto peaks = [&](int count, int bpm) {
        SessionLog l = base;
        for (int i = 0; i < count; ++i) l.entries[aerobic[static_cast<std::size_t>(i)]].peak_hr_bpm = bpm;
        return report(p, plan, l, "2026-11-30");
    };
    // At the ceiling: nothing.
    const ProgressReport at = peaks(2, ceiling);
    CHECK(at.next == Decision::advance);
    CHECK(test::with_rule(at.findings, "progress.effort").empty());
    // One session one beat above: a warning naming it; the dose still advances.
    const ProgressReport one = peaks(1, ceiling + 1);
    CHECK(one.next == Decision::advance);
    const auto warn = test::with_rule(one.findings, "progress.effort", Severity::warning);
    REQUIRE(warn.size() == 1);
    const std::string date = base.entries[aerobic[0]].date.to_string();
    CHECK(warn[0].date == base.entries[aerobic[0]].date);
    CHECK(contains(warn[0].message.en, "Heart rate " + std::to_string(ceiling + 1) + " bpm on " + date));
    CHECK(contains(warn[0].message.en, "safety ceiling of " + std::to_string(ceiling) + " bpm"));
    CHECK(contains(warn[0].message.nl, "veiligheidsgrens"));
    // Two sessions: one week back, from today, the finding naming both.
    const ProgressReport two = peaks(2, ceiling + 1);
    CHECK(two.next == Decision::step_back);
    CHECK(two.next_rule == "progress.effort");
    CHECK(two.weeks[0].decision == Decision::step_back);
    const auto back = test::with_rule(two.findings, "progress.effort", Severity::warning);
    REQUIRE(back.size() == 1);
    CHECK(contains(back[0].message.en, "2 sessions in week 1"));
    CHECK(contains(back[0].message.en, date));
    CHECK(contains(back[0].message.en, base.entries[aerobic[1]].date.to_string()));
    CHECK(contains(back[0].message.nl, "het plan gaat een week terug"));
    // An average above the ceiling counts as well; the target range alone does not.
    SessionLog avg = base;
    for (std::size_t i : {aerobic[0], aerobic[1]}) avg.entries[i].average_hr_bpm = ceiling + 1;
    CHECK(report(p, plan, avg, "2026-11-30").next == Decision::step_back);
}

TEST_CASE("progress.effort: 155 bpm peaks on 7 of 7 days step back (not hold), and replan validates") {
    const Patient p = stroke();
    const Plan plan = make(p);
    SessionLog log = log_week(plan, 0);
    for (LogEntry& e : log.entries) e.peak_hr_bpm = 155;
    for (int day = 0; day < 7; ++day) {
        const Date date = plan.start_date.plus_days(day);
        if (std::any_of(log.entries.begin(), log.entries.end(), [&](const LogEntry& e) { return e.date == date; })) continue;
        LogEntry extra;
        extra.date = date;
        extra.type = SessionType::aerobic;
        extra.minutes = 20;
        extra.rpe = 13;
        extra.peak_hr_bpm = 155;
        log.entries.push_back(extra);
    }
    const ReplannedPlan r = re(p, plan, log, "2026-11-30");
    CHECK(r.progress.next == Decision::step_back);
    CHECK(r.progress.next_rule == "progress.effort");
    CHECK(test::with_rule(r.progress.findings, "week.rest", Severity::warning).size() == 1);
}

// ------------------------------------------------------------------ week.rest
TEST_CASE("week.rest: training logged on every day of a week with rest days warns - on six days it does not") {
    const Patient p = stroke();
    const Plan plan = make(p);
    SessionLog log = log_week(plan, 0);
    std::vector<Date> free_days;
    for (int day = 0; day < 7; ++day) {
        const Date date = plan.start_date.plus_days(day);
        if (std::none_of(log.entries.begin(), log.entries.end(), [&](const LogEntry& e) { return e.date == date; }))
            free_days.push_back(date);
    }
    REQUIRE(!free_days.empty());
    const auto walk = [](Date date) {
        LogEntry e;
        e.date = date;
        e.type = SessionType::aerobic;
        e.minutes = 20;
        return e;
    };
    SessionLog six = log;
    for (std::size_t i = 0; i + 1 < free_days.size(); ++i) six.entries.push_back(walk(free_days[i]));
    CHECK(test::with_rule(report(p, plan, six, "2026-11-30").findings, "week.rest").empty());
    SessionLog seven = six;
    seven.entries.push_back(walk(free_days.back()));
    const auto rest = test::with_rule(report(p, plan, seven, "2026-11-30").findings, "week.rest", Severity::warning);
    REQUIRE(rest.size() == 1);
    CHECK(contains(rest[0].message.en, "training logged on 7 of 7 days"));
    CHECK(contains(rest[0].message.nl, "training vastgelegd op 7 van de 7 dagen"));
    // A relaxation-only day is a rest day, logged or not.
    SessionLog relax = six;
    LogEntry r = walk(free_days.back());
    r.type = SessionType::relaxation;
    relax.entries.push_back(r);
    CHECK(test::with_rule(report(p, plan, relax, "2026-11-30").findings, "week.rest").empty());
}

// ------------------------------------------------------------------ the paused plan
namespace {

Plan paused_plan(const std::string& lang) {
    const Patient p = stroke();
    const Plan plan = make(p, 6, lang);
    SessionLog log = upto(log_week(plan, 0), "2026-11-25");
    log.entries[0].symptoms_before.headache = 1;
    log.entries[0].symptoms.headache = 9;
    return re(p, plan, log, "2026-11-25").plan;
}

}  // namespace

TEST_CASE("paused plan: the JSON carries paused {since, signal_date} - it reads back - a plan without it still loads") {
    const Plan plan = paused_plan("en");
    const std::string json = to_json(plan);
    CHECK(contains(json, "\"paused\": {\n    \"since\": \"2026-11-25\",\n    \"signal_date\": \"2026-11-23\"\n  }"));
    auto back = parse_plan(json);
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    REQUIRE(back.value().paused);
    CHECK(back.value().paused->since == d("2026-11-25"));
    CHECK(to_json(back.value()) == json);
    auto old = parse_plan(test::read_file("examples/plan-stroke-week.json"));
    REQUIRE(old.ok());
    CHECK_FALSE(old.value().paused);
    // since outside the plan, or a signal after the pause: bad input naming the field.
    const std::string outside = std::regex_replace(json, std::regex("\"since\": \"2026-11-25\""), "\"since\": \"2027-11-25\"");
    auto bad = parse_plan(outside);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().path == "/paused/since");
    const std::string later = std::regex_replace(json, std::regex("\"signal_date\": \"2026-11-23\""), "\"signal_date\": \"2026-11-26\"");
    auto bad2 = parse_plan(later);
    REQUIRE_FALSE(bad2.ok());
    CHECK(bad2.error().path == "/paused/signal_date");
}

TEST_CASE("paused plan: text, Markdown and HTML open with the banner in en and nl and list nothing after the pause") {
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const Plan plan = paused_plan(lang);
        const std::string banner = lang == std::string("en")
                                       ? "Training is paused since Wednesday 25 November 2026 after a warning sign. Do not train until your doctor has seen you."
                                       : "De training ligt stil sinds woensdag 25 november 2026 na een waarschuwingsteken. Train niet totdat uw arts u heeft gezien.";
        for (Format f : {Format::text, Format::markdown, Format::html}) {
            CAPTURE(static_cast<int>(f));
            std::string out = rendered(plan, f, lang);
            // Text wraps at 80 columns: compare with the line breaks and box edges taken out.
            std::string flat = std::regex_replace(out, std::regex("\n! "), " ");
            const auto at = flat.find(banner);
            REQUIRE(at != std::string::npos);
            // On the first page: before the patient's name, the first week and the stop box.
            CHECK(at < flat.find("P-0042"));
            CHECK(at < flat.find(lang == std::string("en") ? "Week 1" : "Week 1"));
            // Nothing to do after the pause: no week 2, no date after the pause, no step target,
            // no zone to train in, and the six-minute walk of week 5 gone.
            for (const char* gone : {"Week 2", "30 November", "30 nov", "21 December", "21 december",
                                     "5000", "7500", "beats per minute", "slagen per minuut"})
                CHECK_MESSAGE(!contains(out, gone), std::string(gone));
            // Nor are the days from the pause to the end of its week called rest days.
            for (const char* gone : {"Wed 25 Nov", "wo 25 nov", "Sun 29 Nov", "zo 29 nov"})
                CHECK_MESSAGE(!contains(out, gone), std::string(gone));
            CHECK(contains(out, lang == std::string("en") ? "Tue 24 Nov" : "di 24 nov"));
        }
    }
}

TEST_CASE("paused plan: the calendar's first event is the pause, no VEVENT after it - FHIR is on-hold with a note") {
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const Plan plan = paused_plan(lang);
        const std::string ics = rendered(plan, Format::ics, lang);
        const auto first = ics.find("BEGIN:VEVENT");
        REQUIRE(first != std::string::npos);
        CHECK(contains(ics.substr(first, 200), "-20261125-paused@rehabplan"));
        CHECK(contains(ics, "X-WR-CALDESC:"));
        CHECK(contains(ics, lang == std::string("en") ? "SUMMARY:Training paused" : "SUMMARY:Training stilgelegd"));
        const std::regex start("DTSTART[^:]*:(\\d{8})");
        int events = 0;
        for (auto it = std::sregex_iterator(ics.begin(), ics.end(), start); it != std::sregex_iterator(); ++it) {
            ++events;
            CHECK((*it)[1].str() <= "20261125");
        }
        CHECK(events >= 2);  // the sessions of Monday, and the pause

        const std::string fhir = rendered(plan, Format::fhir, lang);
        CHECK(std::regex_search(fhir, std::regex(R"("resourceType": "CarePlan",[^]*?"status": "on-hold")")));
        CHECK(contains(fhir, lang == std::string("en") ? "Training is paused since" : "De training ligt stil sinds"));
        // The six-minute walk after the pause (the plan-level full-dose remark may name the day).
        CHECK_FALSE(contains(fhir, "\"2026-12-21\",\n"));
        CHECK_FALSE(contains(fhir, "\"dueDate\": \"2026-12-21\""));
    }
}

// ------------------------------------------------------------------ the readings
TEST_CASE("readings: symptom_stop, session_hr_ceiling, logged_hr_above_ceiling, ceiling_sessions_step_back, logged_rest_days_skipped") {
    const Patient p = stroke();
    const EffectiveRules er(builtin_rules(), p);
    using reading::SymptomStopKind;
    CHECK(reading::symptom_stop(er, "headache", std::nullopt, 6) == std::nullopt);
    CHECK(reading::symptom_stop(er, "headache", std::nullopt, 7)->param == "symptom_stop_score");
    CHECK(reading::symptom_stop(er, "dizziness", 0, 4) == std::nullopt);
    CHECK(reading::symptom_stop(er, "dizziness", 0, 5)->kind == SymptomStopKind::rise);
    CHECK(reading::symptom_stop(er, "dizziness", 0, 5)->param == "symptom_stop_rise_points");
    CHECK(reading::symptom_stop(er, "dizziness", 2, 6) == std::nullopt);  // rise 4
    CHECK(reading::symptom_stop(er, "concussion_score", std::nullopt, 100) == std::nullopt);

    const HeartRateZones zones = heart_rate_zones(p, er);
    const HeartRateLimit& aerobic = reading::session_hr_ceiling(zones, SessionType::aerobic);
    CHECK(&aerobic == &zones.aerobic.limit);
    CHECK(zones.aerobic.limit.e4_bpm > zones.aerobic.ceiling.e4_bpm);  // uncleared: the moderate band is lower
    CHECK(&reading::session_hr_ceiling(zones, std::nullopt) == &zones.aerobic.limit);  // an extra entry
    const int max = aerobic.floor_bpm();
    CHECK(reading::logged_hr_above_ceiling(aerobic, max, max) == std::nullopt);
    CHECK(reading::logged_hr_above_ceiling(aerobic, max - 20, max + 1) == max + 1);  // the peak counts
    CHECK(reading::logged_hr_above_ceiling(aerobic, max + 1, std::nullopt) == max + 1);
    CHECK(reading::logged_hr_above_ceiling(aerobic, std::nullopt, std::nullopt) == std::nullopt);

    CHECK_FALSE(reading::ceiling_sessions_step_back(er, 1));
    CHECK(reading::ceiling_sessions_step_back(er, 2));

    CHECK_FALSE(reading::logged_rest_days_skipped(er, 6, 4));
    CHECK(reading::logged_rest_days_skipped(er, 7, 4));
    CHECK(reading::logged_rest_days_skipped(er, 7, 6));
    CHECK_FALSE(reading::logged_rest_days_skipped(er, 7, 7));  // the plan had no rest day to skip
}
