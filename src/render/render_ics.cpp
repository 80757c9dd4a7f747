// The plan as an iCalendar file (RFC 5545): one event per session, one all-day event per
// outcome measurement, for the patient's phone or computer calendar.
//
// Choices, so that the same plan always gives the same bytes and a re-import updates
// events instead of duplicating them:
//
// - PRODID names the library's major.minor version, not the patch version: a patch
//   release does not change the bytes of a calendar (and golden files survive it).
// - No METHOD property. METHOD:PUBLISH makes the file an iTIP message (RFC 5546), and
//   iTIP's PUBLISH requires an ORGANIZER, which a plan does not have (libical's
//   restriction check rejects PUBLISH without one). Without METHOD, RFC 5545 3.7.2 says
//   no scheduling transaction is meant: the file is a plain calendar to import or
//   subscribe to, which is what it is.
// - UID: "<plan>-<date>-<type>-<n>@rehabplan" for a session, where <plan> is the
//   64-bit FNV-1a hash (16 hex digits) of the plan's identity (patient ID, programme,
//   start date) and <n> counts the sessions of the same type on the same date, in
//   document order, from 1. So a UID does not depend on the session's minutes, title
//   or position in the file: editing one session, or adding one on another day, leaves
//   every other UID alone, and two patients' plans (different IDs) do not collide. Plans
//   without a patient ID, with the same programme and start date, do share UIDs; the
//   hash is for compactness, not secrecy. Outcome measurements get
//   "<plan>-<date>-measure-<measure>-<n>@rehabplan".
// - DTSTAMP is required but the library never reads the clock: it is the plan's start
//   date at 00:00:00 UTC, the same in every render of the plan.
// - Times are floating local times (no TZID, no Z): a session is at 09:00 wherever the
//   patient is. The plan has dates, not times; see first_session_minute below.
// - DURATION is always whole minutes, PT<n>M (PT90M, not PT1H30M).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "render/ics_text.hpp"
#include "render/renderers.hpp"
#include "rehabplan/version.h"

namespace rehabplan::detail {

namespace {

#define REHABPLAN_ICS_STR2(x) #x
#define REHABPLAN_ICS_STR(x) REHABPLAN_ICS_STR2(x)
constexpr const char* prodid = "-//rehabplan//rehabplan " REHABPLAN_ICS_STR(REHABPLAN_VERSION_MAJOR) "." REHABPLAN_ICS_STR(
    REHABPLAN_VERSION_MINOR) "//EN";
#undef REHABPLAN_ICS_STR
#undef REHABPLAN_ICS_STR2

// Calendar layout, not clinical advice: the plan gives each session a date only, and a
// calendar event needs a time. The first session of a day goes at 09:00, each further
// session of that day after the previous one ends plus a pause, so a day's sessions
// never overlap in the patient's calendar. The patient moves them where they fit.
constexpr int first_session_minute = 9 * 60;  // 09:00
constexpr int pause_minutes = 15;             // between two sessions of one day
constexpr int minutes_per_day = 24 * 60;

std::uint64_t fnv1a64(const std::string& s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

std::string hex16(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// "20261123"
std::string ics_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year(), d.month(), d.day());
    return buf;
}

// "20261123T093500" (floating local time)
std::string ics_local_time(Date d, int minute_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d%02d00", minute_of_day / 60, minute_of_day % 60);
    return ics_date(d) + buf;
}

// A UID part from a caller's word: letters, digits, '_' and '-' kept, anything else
// replaced, so the UID stays plain ASCII without TEXT escapes.
std::string uid_word(const std::string& s) {
    std::string out;
    for (const char c : s) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        out += plain ? c : '_';
    }
    return out == s ? out : out + "." + hex16(fnv1a64(s)).substr(0, 8);  // changed: keep distinct words distinct
}

// Start minutes of a day's sessions: 09:00, then after each session plus the pause. A
// day too full to fit after 09:00 starts earlier, so every session still starts on its
// own date; a day of more than 24 hours (not a plan a person can follow) keeps its
// sessions' dates and lets them overlap at the end of the day.
std::vector<int> start_minutes(const std::vector<SessionView>& sessions) {
    int needed = 0;
    for (const SessionView& s : sessions) needed += s.session->minutes;
    needed += pause_minutes * static_cast<int>(sessions.size() > 0 ? sessions.size() - 1 : 0);
    int at = needed <= minutes_per_day - first_session_minute ? first_session_minute : std::max(0, minutes_per_day - needed);
    std::vector<int> starts;
    for (const SessionView& s : sessions) {
        starts.push_back(std::min(at, minutes_per_day - 1));
        at += s.session->minutes + pause_minutes;
    }
    return starts;
}

// `steps`: the week's daily step target ("" without one), after the instructions.
std::string description(const PlanView& view, const SessionView& s, const std::string& steps = "") {
    std::vector<std::string> lines = session_instructions(view, s);
    if (!steps.empty()) lines.push_back(steps);
    std::vector<std::string> safety;
    for (const StopGroupView& g : view.stop_groups)
        safety.push_back(tr(view.lang, "print.calendar.stop", {arg("action", g.action), arg("signals", join(g.signals, "; "))}));
    // Fall precautions with every training session, after the stop signals (week.balance
    // fall_precautions, falls_past_year).
    if (!view.falls.empty() && s.session && is_training(s.session->type))
        safety.push_back(view.falls_title + ": " + join(view.falls, " "));
    // The stop signals after a blank line, so they stand out.
    return join(lines, "\n") + (lines.empty() ? "" : "\n\n") + join(safety, "\n");
}

void line(std::string& out, const char* name, const std::string& text) { out += ics::content_line(name, ics::escape_text(text)); }

}  // namespace

// The plan's identity, each part length-prefixed so that no two different triples give
// the same string: "4:P-42|8:standard|2026-11-23".
std::string plan_key(const Plan& plan) {
    const std::string id = plan.patient ? plan.patient->id : "";
    return hex16(fnv1a64(std::to_string(id.size()) + ":" + id + "|" + std::to_string(plan.programme.size()) + ":" +
                         plan.programme + "|" + plan.start_date.to_string()));
}

std::string render_ics(const PlanView& view, const Plan& plan) {
    const std::string key = plan_key(plan);
    const std::string dtstamp = ics_date(plan.start_date) + "T000000Z";
    std::string out;
    out += ics::content_line("BEGIN", "VCALENDAR");
    out += ics::content_line("VERSION", "2.0");
    out += ics::content_line("PRODID", prodid);
    out += ics::content_line("CALSCALE", "GREGORIAN");
    line(out, "X-WR-CALNAME", tr(view.lang, "print.calendar.name"));
    if (!view.paused.empty() && plan.paused) {
        // A paused plan: the calendar says so, and its first event, all day on the first
        // day of the pause, is the banner; the view holds no event after it.
        line(out, "X-WR-CALDESC", view.paused);
        out += ics::content_line("BEGIN", "VEVENT");
        out += ics::content_line("UID", key + "-" + ics_date(plan.paused->since) + "-paused@rehabplan");
        out += ics::content_line("DTSTAMP", dtstamp);
        out += ics::content_line("DTSTART;VALUE=DATE", ics_date(plan.paused->since));
        out += ics::content_line("DTEND;VALUE=DATE", ics_date(plan.paused->since.plus_days(1)));
        out += ics::content_line("TRANSP", "TRANSPARENT");
        line(out, "SUMMARY", tr(view.lang, "print.calendar.paused"));
        line(out, "DESCRIPTION", view.paused);
        out += ics::content_line("END", "VEVENT");
    }

    // A concussion return's dated steps inside the plan: all day, on their first day, with
    // what the step holds and the rules for moving on (undated steps are printed, not dated).
    for (const ReturnLadderView& l : view.ladders)
        for (const ReturnStepView& st : l.steps) {
            if (!st.dated || st.from < plan.start_date || st.from > plan.end_date()) continue;
            if (plan.paused && st.from >= plan.paused->since) continue;
            out += ics::content_line("BEGIN", "VEVENT");
            out += ics::content_line("UID", key + "-" + ics_date(st.from) + "-return-" + l.ladder + "-" + st.id + "@rehabplan");
            out += ics::content_line("DTSTAMP", dtstamp);
            out += ics::content_line("DTSTART;VALUE=DATE", ics_date(st.from));
            out += ics::content_line("DTEND;VALUE=DATE", ics_date(st.from.plus_days(1)));
            out += ics::content_line("TRANSP", "TRANSPARENT");
            line(out, "SUMMARY", st.heading);
            std::vector<std::string> text{l.heading};
            if (!st.description.empty()) text.push_back(st.description);
            text.push_back(st.when);
            text.insert(text.end(), view.return_rules.begin(), view.return_rules.end());
            line(out, "DESCRIPTION", join(text, "\n"));
            out += ics::content_line("END", "VEVENT");
        }

    for (const WeekView& w : view.weeks)
        for (const DayView& d : w.days) {
            const std::vector<int> starts = start_minutes(d.sessions);
            for (std::size_t i = 0; i < d.sessions.size(); ++i) {
                const SessionView& s = d.sessions[i];
                const SessionPlan& sp = *s.session;
                // n: this session's place among the day's sessions of its type, in document order
                // (the view keeps document order within a day).
                int n = 1;
                for (std::size_t j = 0; j < i; ++j) n += d.sessions[j].session->type == sp.type ? 1 : 0;
                out += ics::content_line("BEGIN", "VEVENT");
                out += ics::content_line(
                    "UID", key + "-" + ics_date(d.date) + "-" + to_string(sp.type) + "-" + std::to_string(n) + "@rehabplan");
                out += ics::content_line("DTSTAMP", dtstamp);
                out += ics::content_line("DTSTART", ics_local_time(d.date, starts[i]));
                out += ics::content_line("DURATION", "PT" + std::to_string(sp.minutes) + "M");
                line(out, "SUMMARY",
                     tr(view.lang, "print.calendar.summary", {arg("title", s.title), arg("minutes", std::to_string(sp.minutes))}));
                line(out, "DESCRIPTION", description(view, s, w.steps));
                line(out, "CATEGORIES", s.kind);
                out += ics::content_line("END", "VEVENT");
            }
        }

    // Measurements: all-day events that do not block time (TRANSP:TRANSPARENT); the
    // therapist sets the hour.
    for (std::size_t i = 0; i < view.measures.size(); ++i) {
        const MeasureView& m = view.measures[i];
        const std::string& id = m.measure;
        int n = 1;
        for (std::size_t j = 0; j < i; ++j) n += view.measures[j].date == m.date && view.measures[j].measure == id ? 1 : 0;
        out += ics::content_line("BEGIN", "VEVENT");
        out += ics::content_line(
            "UID", key + "-" + ics_date(m.date) + "-measure-" + uid_word(id) + "-" + std::to_string(n) + "@rehabplan");
        out += ics::content_line("DTSTAMP", dtstamp);
        out += ics::content_line("DTSTART;VALUE=DATE", ics_date(m.date));
        out += ics::content_line("DTEND;VALUE=DATE", ics_date(m.date.plus_days(1)));
        out += ics::content_line("TRANSP", "TRANSPARENT");
        line(out, "SUMMARY", tr(view.lang, "print.calendar.measure", {arg("name", m.name)}));
        line(out, "CATEGORIES", view.measures_title);
        out += ics::content_line("END", "VEVENT");
    }
    out += ics::content_line("END", "VCALENDAR");
    return out;
}

}  // namespace rehabplan::detail
