// The calendar renderer (src/render/render_ics.cpp): RFC 5545 lines, one event per session and
// per measurement, stable UIDs, escaping, both languages, a day's sessions one after
// another. tests/calendar/ reads the same files back with Python icalendar and libical.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "render/plan_view.hpp"
#include "documents/json.hpp"
#include "render/render.hpp"
#include "rehabplan/version.h"
#include "test_support.hpp"

using namespace rehabplan;

namespace {

// One property of an event: "DTSTART;VALUE=DATE" -> "20261123" (value still escaped).
using Event = std::map<std::string, std::string>;

struct Calendar {
    std::vector<std::string> physical;  // lines without CRLF
    std::vector<std::string> logical;   // unfolded
    Event header;                       // properties outside VEVENTs
    std::vector<Event> events;
};

std::string ics(const Plan& p, const char* lang = "en") {
    const auto out = render(p, Format::ics, lang);
    REQUIRE_MESSAGE(out.ok(), (out.ok() ? "" : out.error().describe()));
    return out.value();
}

// Splits at CRLF (failing on a bare LF or CR), unfolds, and groups the properties by event.
Calendar parse(const std::string& text) {
    Calendar c;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find("\r\n", pos);
        REQUIRE_MESSAGE(end != std::string::npos, "a line without CRLF at octet " << pos);
        c.physical.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    for (const auto& l : c.physical) {
        if (!l.empty() && l[0] == ' ') {
            REQUIRE(!c.logical.empty());
            c.logical.back() += l.substr(1);
        } else {
            c.logical.push_back(l);
        }
    }
    Event* into = &c.header;
    for (const auto& l : c.logical) {
        const std::size_t colon = l.find(':');
        REQUIRE_MESSAGE(colon != std::string::npos, l);
        const std::string name = l.substr(0, colon), value = l.substr(colon + 1);
        if (name == "BEGIN" && value == "VEVENT") {
            c.events.emplace_back();
            into = &c.events.back();
        } else if (name == "END" && value == "VEVENT") {
            into = &c.header;
        } else if (name != "BEGIN" && name != "END") {
            CHECK_MESSAGE(into->count(name) == 0, "repeated " << name);
            (*into)[name] = value;
        }
    }
    return c;
}

// Whole UTF-8 sequences only: folding must not cut a character in two.
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

std::vector<std::string> uids(const Calendar& c) {
    std::vector<std::string> out;
    for (const auto& e : c.events) out.push_back(e.at("UID"));
    return out;
}

Plan golden(const char* name) {
    auto p = parse_plan(test::read_file(std::string("tests/data/golden/") + name + ".json"));
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().describe()));
    return p.value();
}

// A two-week plan of one patient: endurance Mon/Wed/Fri, strength Tue, a HIIT session and
// a balance session on the first Thursday, a measurement on the first day.
Plan small_plan() {
    Plan p = test::plan(2);
    p.programme = "standard";
    p.language = "en";
    p.patient = PlanPatient{"P-1", 60, {ConditionType::stroke}, false, std::nullopt, std::nullopt};
    for (const char* day : {"2026-11-23", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04"})
        p.sessions.push_back(test::aerobic(day, 40));
    p.sessions.push_back(test::strength("2026-11-24", 30));
    p.sessions.push_back(test::hiit("2026-11-26"));
    p.sessions.push_back(test::balance("2026-11-26", 20));
    p.outcome_measures.push_back(OutcomeMeasure{test::d("2026-11-23"), "six_minute_walk"});
    return p;
}

std::string compact(Date d) {  // "20261123"
    std::string s = d.to_string();
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

int minutes_of(const std::string& duration) {  // "PT45M"
    REQUIRE(duration.size() > 3);
    REQUIRE(duration.substr(0, 2) == "PT");
    REQUIRE(duration.back() == 'M');
    return std::stoi(duration.substr(2, duration.size() - 3));
}

int minute_of_day(const std::string& dtstart) {  // "20261123T093500"
    REQUIRE(dtstart.size() == 15);
    REQUIRE(dtstart[8] == 'T');
    return std::stoi(dtstart.substr(9, 2)) * 60 + std::stoi(dtstart.substr(11, 2));
}

}  // namespace

TEST_CASE("ics: every line ends in CRLF, fits 75 octets, and the calendar has its header") {
    for (const char* name : {"tbi-neurorc-12w", "concussion-return-nl", "chronic-pain-exposure-nl"})
        for (const char* lang : {"en", "nl"}) {
            CAPTURE(name);
            CAPTURE(lang);
            const std::string text = ics(golden(name), lang);
            const Calendar c = parse(text);
            for (const auto& l : c.physical) {
                CHECK(l.size() <= 75);
                CHECK(l.find('\n') == std::string::npos);
                CHECK(l.find('\r') == std::string::npos);
                CHECK(valid_utf8(l));  // each physical line on its own
            }
            REQUIRE(c.logical.size() > 2);
            CHECK(c.logical.front() == "BEGIN:VCALENDAR");
            CHECK(c.logical.back() == "END:VCALENDAR");
            CHECK(c.header.at("VERSION") == "2.0");
            CHECK(c.header.at("CALSCALE") == "GREGORIAN");
            // major.minor only: a patch release does not change the bytes.
            CHECK(c.header.at("PRODID") == "-//rehabplan//rehabplan " + std::to_string(REHABPLAN_VERSION_MAJOR) + "." +
                                              std::to_string(REHABPLAN_VERSION_MINOR) + "//EN");
            // No METHOD: PUBLISH would make this an iTIP message, which needs an ORGANIZER.
            CHECK(c.header.count("METHOD") == 0);
            CHECK(c.header.at("X-WR-CALNAME") == (std::string(lang) == "nl" ? "Beweegplan" : "Exercise plan"));
        }
}

TEST_CASE("ics: one event per session and one all-day event per measurement") {
    for (const char* name : {"stroke-standard-12w", "tbi-neurorc-12w", "parkinson-beta-blocker-8w"}) {
        CAPTURE(name);
        const Plan p = golden(name);
        REQUIRE(!p.outcome_measures.empty());
        const Calendar c = parse(ics(p));
        CHECK(c.events.size() == p.sessions.size() + p.outcome_measures.size());
        std::size_t timed = 0, all_day = 0;
        for (const Event& e : c.events) {
            CHECK(e.count("DTSTAMP") == 1);
            CHECK(e.at("DTSTAMP") == compact(p.start_date) + "T000000Z");  // the start date, not the clock
            if (e.count("DTSTART")) {
                ++timed;
                CHECK(e.count("DURATION") == 1);
                CHECK(e.at("DTSTART").find('Z') == std::string::npos);  // floating local time
            } else {
                ++all_day;
                CHECK(e.count("DTSTART;VALUE=DATE") == 1);
                CHECK(e.count("DTEND;VALUE=DATE") == 1);
                CHECK(e.at("TRANSP") == "TRANSPARENT");
            }
        }
        CHECK(timed == p.sessions.size());
        CHECK(all_day == p.outcome_measures.size());
    }
}

TEST_CASE("ics: each session's date, start and minutes, a day's sessions one after another") {
    const Plan p = golden("tbi-neurorc-12w");  // three sessions on most days
    const Calendar c = parse(ics(p));
    std::map<std::string, std::vector<std::pair<int, int>>> by_day;  // date -> (start, minutes)
    for (const Event& e : c.events) {
        if (!e.count("DTSTART")) continue;
        const std::string& start = e.at("DTSTART");
        by_day[start.substr(0, 8)].push_back({minute_of_day(start), minutes_of(e.at("DURATION"))});
    }
    // Every session is on its own date, with its own minutes.
    std::map<std::string, std::vector<int>> planned;
    for (const SessionPlan& s : p.sessions) planned[compact(s.date)].push_back(s.minutes);
    REQUIRE(by_day.size() == planned.size());
    std::size_t busy_days = 0;
    for (auto& [day, sessions] : by_day) {
        CAPTURE_BOUND(day);
        std::vector<int> minutes;
        for (const auto& s : sessions) minutes.push_back(s.second);
        CHECK(minutes == planned.at(day));  // document order within the day
        CHECK(sessions.front().first == 9 * 60);  // the first at 09:00
        for (std::size_t i = 1; i < sessions.size(); ++i)  // the next after the previous ends, plus 15 minutes
            CHECK(sessions[i].first == sessions[i - 1].first + sessions[i - 1].second + 15);
        busy_days += sessions.size() > 1 ? 1 : 0;
    }
    CHECK(busy_days > 10);
}

TEST_CASE("ics: a day too full for 09:00 starts earlier, and every session stays on its date") {
    Plan p = test::plan(1);
    for (int i = 0; i < 3; ++i) p.sessions.push_back(test::aerobic("2026-11-24", 300));  // 15 h 30 with the pauses
    p.sessions.push_back(test::aerobic("2026-11-25", 480));
    for (int i = 0; i < 4; ++i) p.sessions.push_back(test::aerobic("2026-11-26", 480));  // more than a day
    const Calendar c = parse(ics(p));
    REQUIRE(c.events.size() == 8);
    std::vector<std::string> starts;
    for (const Event& e : c.events) starts.push_back(e.at("DTSTART"));
    CHECK(starts[0] == "20261124T083000");  // 24:00 - 930 min
    CHECK(starts[1] == "20261124T134500");
    CHECK(starts[2] == "20261124T190000");
    CHECK(starts[3] == "20261125T090000");  // 09:00 + 8 h fits
    CHECK(starts[4] == "20261126T000000");
    for (std::size_t i = 4; i < 8; ++i) CHECK(starts[i].substr(0, 9) == "20261126T");
}

TEST_CASE("ics: UIDs are unique and the same bytes come out every time") {
    for (const char* name : {"stroke-standard-12w", "tbi-neurorc-12w", "concussion-return-nl"}) {
        CAPTURE(name);
        const Plan p = golden(name);
        const std::string a = ics(p), b = ics(p);
        CHECK(a == b);
        const auto ids = uids(parse(a));
        CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
        CHECK(ids == uids(parse(ics(p, "nl"))));  // the language does not change an event's identity
        for (const auto& id : ids) {
            CHECK(id.size() > 30);
            CHECK(id.substr(id.size() - 10) == "@rehabplan");
            CHECK(id.find_first_of(" ,;\\") == std::string::npos);
        }
    }
}

TEST_CASE("ics: editing one session leaves every other UID unchanged") {
    const Plan before = small_plan();
    const auto ids = uids(parse(ics(before)));
    REQUIRE(ids.size() == before.sessions.size() + 1);
    CHECK(ids[0].find("-20261123-aerobic-1@rehabplan") != std::string::npos);

    SUBCASE("new minutes, title and note") {
        Plan after = before;
        after.sessions[1].minutes = 55;
        after.sessions[1].title = "Longer walk";
        after.sessions[1].note = "Take water.";
        CHECK(uids(parse(ics(after))) == ids);  // that session's UID too: it is the same session
        CHECK(ics(after) != ics(before));
    }
    SUBCASE("a session added on another day") {
        Plan after = before;
        after.sessions.push_back(test::strength("2026-12-01", 30));
        const auto changed = uids(parse(ics(after)));
        REQUIRE(changed.size() == ids.size() + 1);
        for (const auto& id : ids) CHECK(std::count(changed.begin(), changed.end(), id) == 1);
    }
    SUBCASE("a session removed") {
        Plan after = before;
        after.sessions.erase(after.sessions.begin() + 2);  // Friday's endurance session
        const auto changed = uids(parse(ics(after)));
        REQUIRE(changed.size() == ids.size() - 1);
        for (const auto& id : changed) CHECK(std::count(ids.begin(), ids.end(), id) == 1);
    }
    SUBCASE("a second session of the same type on the same day gets its own UID") {
        Plan after = before;
        after.sessions.push_back(test::aerobic("2026-11-23", 20));
        const auto changed = uids(parse(ics(after)));
        REQUIRE(changed.size() == ids.size() + 1);
        for (const auto& id : ids) CHECK(std::count(changed.begin(), changed.end(), id) == 1);
        CHECK(changed[1].find("-20261123-aerobic-2@rehabplan") != std::string::npos);
    }
}

TEST_CASE("ics: two patients' plans do not share UIDs") {
    const Plan a = small_plan();
    Plan b = a;
    b.patient->id = "P-2";
    Plan c = a;
    c.start_date = test::d("2026-11-16");  // the same sessions, another plan
    c.weeks = 3;
    Plan d = a;
    d.programme = "hiit_stroke";
    std::set<std::string> all;
    std::size_t count = 0;
    for (const Plan* p : std::vector<const Plan*>{&a, &b, &c, &d})
        for (const auto& id : uids(parse(ics(*p)))) {
            all.insert(id);
            ++count;
        }
    CHECK(all.size() == count);
}

TEST_CASE("ics: commas, semicolons, backslashes and newlines in a title are escaped") {
    Plan p = small_plan();
    p.sessions[0].title = "Walk, then rest; path C:\\park\nsecond line";
    const Calendar c = parse(ics(p));
    CHECK(c.events[0].at("SUMMARY") == "Walk\\, then rest\\; path C:\\\\park\\nsecond line (40 min)");
    CHECK(c.events[0].at("CATEGORIES") == "Endurance");
    // Escaping never leaves an unescaped comma or semicolon in a TEXT value.
    for (const Event& e : c.events)
        for (const char* name : {"SUMMARY", "DESCRIPTION"}) {
            if (!e.count(name)) continue;
            const std::string& v = e.at(name);
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (v[i] == '\\') {
                    REQUIRE(i + 1 < v.size());
                    CHECK(std::string("\\,;nN").find(v[i + 1]) != std::string::npos);
                    ++i;
                } else {
                    CHECK(v[i] != ',');
                    CHECK(v[i] != ';');
                }
            }
        }
}

TEST_CASE("ics: the description has the target, intervals, instructions, note and stop signals") {
    Plan p = small_plan();
    SessionPlan& h = p.sessions[7];  // the HIIT session on Thursday
    REQUIRE(h.type == SessionType::hiit);
    h.blocks = {Block{BlockKind::warm_up, 5, "Walk slowly."}, Block{BlockKind::main, 15, "Cycle hard, then easy."},
                Block{BlockKind::cool_down, 5, ""}};
    h.note = "Bring a towel.";
    const Calendar c = parse(ics(p));
    const Event& e = c.events[3];  // Mon, Tue, Wed, then Thursday's HIIT
    REQUIRE(e.at("CATEGORIES") == "Interval training");
    const std::string& d = e.at("DESCRIPTION");
    CHECK(d.find("How hard: 140-165 bpm\\n") == 0);
    CHECK(d.find("Intervals: repeat 10 times: 30 seconds hard (140-165 bpm)\\, then 30 seconds easy.") != std::string::npos);
    CHECK(d.find("\\nWarm-up (5 min): Walk slowly.\\nMain part (15 min): Cycle hard\\, then easy.\\nCool-down (5 min)\\n") !=
          std::string::npos);
    CHECK(d.find("\\nBring a towel.\\n") != std::string::npos);
    // The stop signals after a blank line, one line per action, 112 first.
    CHECK(d.find("\\n\\nStop and call 112 at once if you notice: Pain or pressure in your chest.\\n") != std::string::npos);
    const std::string last = "\\nStop\\, rest\\, and call your therapist or doctor before you train again if you notice: ";
    REQUIRE(d.find(last) != std::string::npos);
    CHECK(d.find("Suddenly dizzy or light-headed\\, or you faint") > d.find(last));
    CHECK(d.substr(d.size() - 1) == ".");
    CHECK(e.at("SUMMARY").find("(25 min)") != std::string::npos);
    CHECK(e.at("DURATION") == "PT25M");

    // The measurement, as an all-day event on its date.
    const Event& m = c.events.back();
    CHECK(m.at("DTSTART;VALUE=DATE") == "20261123");
    CHECK(m.at("DTEND;VALUE=DATE") == "20261124");
    CHECK(m.at("SUMMARY").find("Measurement with your therapist: ") == 0);
    CHECK(m.at("UID").find("-20261123-measure-six_minute_walk-1@rehabplan") != std::string::npos);
}

TEST_CASE("ics: the concussion step is in the event") {
    // Generated titles name the step ("Step 2: ..."); with a therapist's own title the step
    // is in the description.
    const Plan p = golden("concussion-return-nl");
    Calendar c = parse(ics(p, "en"));
    // The return's dated steps come first as all-day events of their own; then the sessions.
    const auto is_step = [](const auto& e) { return e.at("UID").find("-return-") != std::string::npos; };
    const auto steps = std::count_if(c.events.begin(), c.events.end(), is_step);
    CHECK(steps > 0);
    c.events.erase(std::remove_if(c.events.begin(), c.events.end(), is_step), c.events.end());
    std::vector<std::size_t> order(p.sessions.size());  // events come by date, document order within a day
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return p.sessions[a].date < p.sessions[b].date; });
    std::size_t with_step = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const SessionPlan& s = p.sessions[order[i]];
        if (!s.concussion_step) continue;
        ++with_step;
        const std::string step = "Step " + std::to_string(*s.concussion_step);
        CHECK((c.events[i].at("SUMMARY").find(step) == 0 || c.events[i].at("DESCRIPTION").find(step) != std::string::npos));
    }
    CHECK(with_step > 5);

    Plan own = small_plan();
    own.sessions[0].title = "Easy walk in the park";
    own.sessions[0].concussion_step = 2;
    const Calendar mine = parse(ics(own));
    CHECK(mine.events[0].at("SUMMARY") == "Easy walk in the park (40 min)");
    CHECK(mine.events[0].at("DESCRIPTION").find("\\nStep 2 of the return to activity\\n") != std::string::npos);
}

TEST_CASE("ics: a Dutch calendar is Dutch throughout") {
    const Plan p = small_plan();  // written in English
    const Calendar nl = parse(ics(p, "nl"));
    CHECK(nl.header.at("X-WR-CALNAME") == "Beweegplan");
    const Event& e = nl.events[0];
    CHECK(e.at("CATEGORIES") == "Duurtraining");
    CHECK(e.at("DESCRIPTION").find("Hoe zwaar: 110-130 slagen/min") == 0);
    CHECK(e.at("DESCRIPTION").find("Stop en bel meteen 112 als u merkt: Pijn of een drukkend gevoel op de borst.") != std::string::npos);
    CHECK(e.at("DESCRIPTION").find("Stop\\, rust uit en bel uw therapeut of arts voordat u weer traint als u merkt: ") !=
          std::string::npos);
    CHECK(nl.events.back().at("SUMMARY").find("Meting met uw therapeut: ") == 0);
    const std::string text = ics(p, "nl");
    for (const char* english : {"How hard", "Stop at once", "Exercise plan", "Endurance", "Measurement"})
        CHECK_MESSAGE(text.find(english) == std::string::npos, english);

}
