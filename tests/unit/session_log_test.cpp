// The session-log document (parse_session_log, to_json) and check_session_log: every
// field's limits, wrong types, the document's semantic checks, the checks against a
// plan and today, the parser side of tests/data/corpus-log/ (the schema side is
// tests/python/test_session_log_schema.py), and the example logs against their plans.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "followup/session_log.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

json entry() { return json{{"date", "2026-11-23"}, {"type", "aerobic"}, {"minutes", 30}, {"rpe", 12}}; }
json doc(json e = entry()) { return json{{"entries", json::array({std::move(e)})}}; }

// The error's "path: message", or "ok".
std::string outcome(const std::string& text) {
    auto r = parse_session_log(text);
    return r ? "ok" : r.error().describe();
}
std::string outcome(const char* text) { return outcome(std::string(text)); }
std::string outcome(const json& j) { return outcome(j.dump()); }

// The message starts with `head` and ends with `tail`. For a value the shared reader
// describes with its type ("got integer 601", "got null null") or without ("got -1").
bool says(const std::string& message, const std::string& head, const std::string& tail = "") {
    if (message.rfind(head, 0) != 0 || message.size() < head.size() + tail.size()) return false;
    return message.compare(message.size() - tail.size(), tail.size(), tail) == 0;
}

std::string check(const SessionLog& log, const Plan& plan, const char* today) {
    auto r = check_session_log(log, plan, test::d(today));
    if (r) {
        CHECK(r.value());
        return "ok";
    }
    CHECK(r.error().code == ErrorCode::schema_error);
    return r.error().describe();
}

LogEntry logged(const char* date, std::optional<SessionType> type, int minutes = 30) {
    LogEntry e;
    e.date = test::d(date);
    e.type = type;
    e.minutes = minutes;
    return e;
}

SessionLog log_of(std::vector<LogEntry> entries, std::string patient_id = "") {
    SessionLog l;
    l.patient_id = std::move(patient_id);
    l.entries = std::move(entries);
    return l;
}

// Two weeks from Monday 2026-11-23: Monday aerobic + strength, Wednesday aerobic only,
// Friday two aerobic sessions (morning and afternoon) and balance; the rest are rest days.
Plan two_week_plan() {
    Plan p = test::plan(2);
    p.sessions = {test::aerobic("2026-11-23", 30), test::strength("2026-11-23", 20), test::aerobic("2026-11-25", 30),
                  test::aerobic("2026-11-27", 20), test::aerobic("2026-11-27", 20), test::balance("2026-11-27", 10)};
    PlanPatient who;
    who.id = "P-0042";
    who.age = 67;
    p.patient = who;
    return p;
}

constexpr auto aerobic = SessionType::aerobic;
constexpr auto strength = SessionType::strength;
constexpr auto balance = SessionType::balance;

}  // namespace

// --- the document ------------------------------------------------------------------

TEST_CASE("session log: a normalised document parses and writes back byte for byte") {
    const std::string normalised = R"({
  "schema_version": 1,
  "patient_id": "P-0042",
  "entries": [
    {
      "date": "2026-11-25",
      "type": "strength",
      "minutes": 45,
      "completed": true,
      "heart_rate": {
        "average_bpm": 104,
        "peak_bpm": 131,
        "minutes_in_zone": 30
      },
      "rpe": 13,
      "symptoms": {
        "pain": 2,
        "dizziness": 0,
        "headache": 1,
        "concussion_score": 5
      },
      "symptoms_before": {
        "pain": 1,
        "concussion_score": 3
      },
      "fear": 40,
      "stop_signal": true,
      "note": "dizzy at the end – café"
    },
    {
      "date": "2026-11-23",
      "minutes": 0,
      "completed": false,
      "stop_signal": false
    }
  ]
}
)";
    auto r = parse_session_log(normalised);
    REQUIRE(r.ok());
    const SessionLog& log = r.value();
    CHECK(log.patient_id == "P-0042");
    REQUIRE(log.entries.size() == 2);
    const LogEntry& e = log.entries[0];
    CHECK(e.date == test::d("2026-11-25"));
    CHECK(e.type == SessionType::strength);
    CHECK(e.minutes == 45);
    CHECK(e.completed);
    CHECK(e.average_hr_bpm == 104);
    CHECK(e.peak_hr_bpm == 131);
    CHECK(e.minutes_in_zone == 30);
    CHECK(e.rpe == 13);
    CHECK(e.symptoms.pain == 2);
    CHECK(e.symptoms.dizziness == 0);
    CHECK(e.symptoms.headache == 1);
    CHECK(e.symptoms.concussion_score == 5);
    CHECK(e.symptoms_before.pain == 1);
    CHECK_FALSE(e.symptoms_before.dizziness);
    CHECK(e.symptoms_before.concussion_score == 3);
    CHECK(e.fear == 40);
    CHECK(e.stop_signal);
    CHECK(e.note == "dizzy at the end – café");
    // The second entry: only the required fields and the defaults; order kept (not by date).
    const LogEntry& skipped = log.entries[1];
    CHECK(skipped.date == test::d("2026-11-23"));
    CHECK_FALSE(skipped.type);
    CHECK_FALSE(skipped.completed);
    CHECK_FALSE(skipped.rpe);
    CHECK_FALSE(skipped.average_hr_bpm);
    CHECK_FALSE(skipped.symptoms.any());
    CHECK_FALSE(skipped.stop_signal);

    const std::string out = to_json(log);
    CHECK(out == normalised);
    auto again = parse_session_log(out);
    REQUIRE(again.ok());
    CHECK(to_json(again.value()) == out);
}

TEST_CASE("session log: to_json normalises (fixed order, defaults written, empty values left out)") {
    const std::string messy =
        R"({"entries": [{"note": "", "stop_signal": false, "symptoms_before": {}, "symptoms": {}, "heart_rate": {},)"
        R"( "rpe": 12.0, "minutes": 30.0, "date": "2026-11-23"}, {"minutes": 5, "date": "2026-11-24", "type": "balance"}]})";
    auto r = parse_session_log(messy);
    REQUIRE(r.ok());
    CHECK(to_json(r.value()) == R"({
  "schema_version": 1,
  "entries": [
    {
      "date": "2026-11-23",
      "minutes": 30,
      "completed": true,
      "rpe": 12,
      "stop_signal": false
    },
    {
      "date": "2026-11-24",
      "type": "balance",
      "minutes": 5,
      "completed": true,
      "stop_signal": false
    }
  ]
}
)");
    CHECK(to_json(SessionLog{}) == "{\n  \"schema_version\": 1,\n  \"entries\": []\n}\n");
}

TEST_CASE("session log: to_json of a log built in code never throws on a note that is not UTF-8") {
    SessionLog log = log_of({logged("2026-11-23", aerobic)});
    log.entries[0].note = std::string("caf\xE9", 4);
    const std::string out = to_json(log);
    CHECK(out.find("caf\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
    CHECK(parse_session_log(out).ok());
}

TEST_CASE("session log: the smallest documents") {
    CHECK(outcome(R"({"entries": []})") == "ok");
    CHECK(parse_session_log(R"({"entries": []})").value().entries.empty());
    CHECK(outcome(R"({"schema_version": 1, "entries": []})") == "ok");
    CHECK(outcome("{}") == "/entries: missing required field; expected an array");
    CHECK(outcome("[]") == "expected a JSON object at the top level, got array");
    CHECK(outcome("") == "empty document; expected a JSON object");
    CHECK(outcome("  \n") == "empty document; expected a JSON object");
    CHECK(outcome("null") == "expected a JSON object at the top level, got null");
    CHECK(says(outcome(R"({"entries": null})"), "/entries: expected an array, got null"));
    CHECK(outcome(R"({"entries": {}})") == "/entries: expected an array, got object");
    CHECK(outcome(R"({"entries": ["2026-11-23"]})") == "/entries/0: expected an object, got string \"2026-11-23\"");
    CHECK(parse_session_log("").error().code == ErrorCode::parse_error);
    CHECK(parse_session_log("[]").error().code == ErrorCode::schema_error);
}

TEST_CASE("session log: schema_version and patient_id") {
    CHECK(says(outcome(R"({"schema_version": 2, "entries": []})"), "/schema_version: expected an integer 1-1, got ", "2"));
    CHECK(outcome(R"({"schema_version": "1", "entries": []})") ==
          "/schema_version: expected an integer 1-1, got string \"1\"");
    CHECK(outcome(R"({"patient_id": "", "entries": []})") ==
          "/patient_id: expected a non-empty string of at most 64 characters, got \"\"");
    CHECK(outcome(json{{"patient_id", std::string(64, 'P')}, {"entries", json::array()}}) == "ok");
    CHECK(outcome(json{{"patient_id", std::string(65, 'P')}, {"entries", json::array()}}) ==
          "/patient_id: expected a string of at most 64 characters, got 65");
    CHECK(outcome(R"({"patient_id": 42, "entries": []})") == "/patient_id: expected a string, got integer 42");
}

TEST_CASE("session log: every integer field on both sides of each limit") {
    struct Field {
        std::vector<const char*> pointer;  // inside the entry
        int min, max;
    };
    const std::vector<Field> fields = {
        {{"minutes"}, 1, 600},  // 0 is allowed with completed false (below)
        {{"heart_rate", "average_bpm"}, 30, 250},
        {{"heart_rate", "peak_bpm"}, 30, 250},
        {{"heart_rate", "minutes_in_zone"}, 0, 600},
        {{"rpe"}, 6, 20},
        {{"symptoms", "pain"}, 0, 10},
        {{"symptoms", "dizziness"}, 0, 10},
        {{"symptoms", "headache"}, 0, 10},
        {{"symptoms", "concussion_score"}, 0, 132},
        {{"symptoms_before", "pain"}, 0, 10},
        {{"symptoms_before", "dizziness"}, 0, 10},
        {{"symptoms_before", "headache"}, 0, 10},
        {{"symptoms_before", "concussion_score"}, 0, 132},
        {{"fear"}, 0, 100},
    };
    for (const Field& f : fields) {
        std::string path = "/entries/0";
        for (const char* k : f.pointer) path += std::string("/") + k;
        CAPTURE(path);
        const int schema_min = path == "/entries/0/minutes" ? 0 : f.min;
        const std::string want = "expected an integer " + std::to_string(schema_min) + "-" + std::to_string(f.max);
        auto with = [&](json value) {
            json e = entry();
            e["minutes"] = 600;  // room for minutes_in_zone up to 600
            json* at = &e;
            for (std::size_t i = 0; i + 1 < f.pointer.size(); ++i) at = &(*at)[f.pointer[i]];
            (*at)[f.pointer.back()] = std::move(value);
            return outcome(doc(e));
        };
        CHECK(with(f.min) == "ok");
        CHECK(with(f.max) == "ok");
        CHECK(with(f.min - 1) == path + ": " + (path == "/entries/0/minutes"
                                                    ? "expected minutes > 0: a completed session has minutes > 0 (a "
                                                      "skipped or stopped session has \"completed\": false), got 0"
                                                    : want + ", got " + std::to_string(f.min - 1)));
        CHECK(says(with(f.max + 1), path + ": " + want + ", got ", std::to_string(f.max + 1)));
        CHECK(with(1e300) == path + ": " + want + ", got number 1e+300");
        CHECK(with(-1e300) == path + ": " + want + ", got number -1e+300");
        CHECK(with(f.min + 0.5) == path + ": " + want + ", got number " + json(f.min + 0.5).dump());
        CHECK(with("NaN") == path + ": " + want + ", got string \"NaN\"");
        CHECK(with(true) == path + ": " + want + ", got boolean true");
        CHECK(says(with(nullptr), path + ": " + want + ", got null"));
        CHECK(with(json::array()) == path + ": " + want + ", got array");
        CHECK(with(std::uint64_t{18446744073709551615u}) == path + ": " + want + ", got integer 18446744073709551615");
    }
    // minutes 0 is in range: fine for a session that was not completed.
    json skipped = entry();
    skipped["minutes"] = 0;
    skipped["completed"] = false;
    CHECK(outcome(doc(skipped)) == "ok");
    skipped["minutes"] = -1;
    CHECK(outcome(doc(skipped)) == "/entries/0/minutes: expected an integer 0-600, got -1");
}

TEST_CASE("session log: the example error message for 1e300 in the fourth entry") {
    json d = doc();
    for (const char* date : {"2026-11-24", "2026-11-25", "2026-11-26"}) {
        json e = entry();
        e["date"] = date;
        d["entries"].push_back(e);
    }
    d["entries"][3]["rpe"] = 1e300;
    CHECK(outcome(d) == "/entries/3/rpe: expected an integer 6-20, got number 1e+300");
    // Literals that are not JSON, or overflow a double, are parse errors.
    for (const char* bad : {"NaN", "Infinity", "-Infinity", "1e400"}) {
        CAPTURE(bad);
        auto r = parse_session_log(std::string(R"({"entries": [{"date": "2026-11-23", "minutes": 30, "rpe": )") + bad + "}]}");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::parse_error);
        CHECK(r.error().path.empty());
        CHECK(r.error().message.rfind("not valid JSON: ", 0) == 0);
    }
}

TEST_CASE("session log: dates, types, booleans and the note") {
    auto with = [](const char* key, json value) {
        json e = entry();
        e[key] = std::move(value);
        return outcome(doc(e));
    };
    CHECK(with("date", "2026-02-30") ==
          "/entries/0/date: expected an existing date YYYY-MM-DD (1900-2199), got string \"2026-02-30\"");
    CHECK(with("date", "1899-12-31") ==
          "/entries/0/date: expected an existing date YYYY-MM-DD (1900-2199), got string \"1899-12-31\"");
    CHECK(with("date", "2200-01-01").rfind("/entries/0/date: expected an existing date", 0) == 0);
    CHECK(with("date", "2026-11-23T10:00").rfind("/entries/0/date: expected an existing date", 0) == 0);
    CHECK(with("date", 20261123) == "/entries/0/date: expected a date YYYY-MM-DD, got integer 20261123");
    CHECK(with("date", "1900-01-01") == "ok");
    CHECK(with("date", "2199-12-31") == "ok");
    for (const char* t : {"aerobic", "strength", "balance", "hiit", "dual_task", "mobility", "relaxation", "education", "exposure"}) {
        CHECK(with("type", t) == "ok");
        json e = entry();
        e["type"] = t;
        auto r = parse_session_log(doc(e).dump());
        REQUIRE(r.ok());
        CHECK(to_string(*r.value().entries[0].type) == std::string(t));
    }
    const std::string types = "aerobic, strength, balance, hiit, dual_task, mobility, relaxation, education, exposure";
    CHECK(with("type", "yoga") == "/entries/0/type: expected one of " + types + ", got string \"yoga\"");
    CHECK(with("type", "Aerobic") == "/entries/0/type: expected one of " + types + ", got string \"Aerobic\"");
    CHECK(says(with("type", nullptr), "/entries/0/type: expected one of " + types + ", got null"));
    CHECK(with("completed", "yes") == "/entries/0/completed: expected true or false, got string \"yes\"");
    CHECK(with("completed", 1) == "/entries/0/completed: expected true or false, got integer 1");
    CHECK(with("stop_signal", "false") == "/entries/0/stop_signal: expected true or false, got string \"false\"");
    CHECK(says(with("stop_signal", nullptr), "/entries/0/stop_signal: expected true or false, got null"));
    CHECK(with("note", std::string(2000, 'x')) == "ok");
    CHECK(with("note", std::string(2001, 'x')) == "/entries/0/note: expected a string of at most 2000 characters, got 2001");
    std::string two_byte;
    for (int i = 0; i < 2000; ++i) two_byte += "\xC3\xA9";  // é: 2000 characters, 4000 bytes
    CHECK(with("note", two_byte) == "ok");
    CHECK(with("note", 7) == "/entries/0/note: expected a string, got integer 7");
    CHECK(with("heart_rate", json::array({104})) == "/entries/0/heart_rate: expected an object, got array");
    CHECK(with("symptoms", "none") == "/entries/0/symptoms: expected an object, got string \"none\"");
    CHECK(with("symptoms_before", 3) == "/entries/0/symptoms_before: expected an object, got integer 3");
}

TEST_CASE("session log: required fields and unknown fields at every level") {
    json e = entry();
    e.erase("date");
    CHECK(outcome(doc(e)) == "/entries/0/date: missing required field; expected a date YYYY-MM-DD");
    e = entry();
    e.erase("minutes");
    CHECK(outcome(doc(e)) == "/entries/0/minutes: missing required field; expected an integer 0-600");
    CHECK(outcome(json{{"entries", json::array()}, {"colour", "blue"}}) ==
          "/colour: unknown field \"colour\"; expected one of: schema_version, patient_id, entries, days");
    e = entry();
    e["distance_km"] = 3;
    CHECK(outcome(doc(e)) ==
          "/entries/0/distance_km: unknown field \"distance_km\"; expected one of: date, type, minutes, completed, "
          "heart_rate, rpe, symptoms, symptoms_before, fear, stop_signal, head_impact, note, exercises");
    e = entry();
    e["heart_rate"] = {{"max_bpm", 140}};
    CHECK(outcome(doc(e)) ==
          "/entries/0/heart_rate/max_bpm: unknown field \"max_bpm\"; expected one of: average_bpm, peak_bpm, minutes_in_zone");
    for (const char* s : {"symptoms", "symptoms_before"}) {
        e = entry();
        e[s] = {{"nausea", 2}};
        CHECK(outcome(doc(e)) == "/entries/0/" + std::string(s) +
                                     "/nausea: unknown field \"nausea\"; expected one of: pain, dizziness, headache, "
                                     "concussion_score");
    }
    CHECK(outcome(R"({"entries": [{"date": "2026-11-23", "minutes": 30, "rpe": 12, "rpe": 13}]})") ==
          "/entries/0/rpe: duplicate field; each field may appear only once");
}

TEST_CASE("session log: the document's semantic checks") {
    auto with_hr = [](json hr, int minutes = 30) {
        json e = entry();
        e["minutes"] = minutes;
        e["heart_rate"] = std::move(hr);
        return outcome(doc(e));
    };
    CHECK(with_hr({{"average_bpm", 120}, {"peak_bpm", 120}}) == "ok");
    CHECK(with_hr({{"average_bpm", 120}, {"peak_bpm", 119}}) ==
          "/entries/0/heart_rate/peak_bpm: expected peak_bpm >= average_bpm (120), got 119");
    CHECK(with_hr({{"peak_bpm", 90}}) == "ok");  // alone, nothing to compare
    CHECK(with_hr({{"minutes_in_zone", 30}}) == "ok");
    CHECK(with_hr({{"minutes_in_zone", 31}}) ==
          "/entries/0/heart_rate/minutes_in_zone: expected minutes_in_zone <= the entry's minutes (30), got 31");
    CHECK(with_hr({{"minutes_in_zone", 1}}, 0) ==
          "/entries/0/minutes: expected minutes > 0: a completed session has minutes > 0 (a skipped or stopped "
          "session has \"completed\": false), got 0");
    json e = entry();
    e["minutes"] = 0;
    const std::string completed_zero =
        "/entries/0/minutes: expected minutes > 0: a completed session has minutes > 0 (a skipped or stopped session "
        "has \"completed\": false), got 0";
    CHECK(outcome(doc(e)) == completed_zero);  // completed by default
    e["completed"] = true;
    CHECK(outcome(doc(e)) == completed_zero);
    e["completed"] = false;
    CHECK(outcome(doc(e)) == "ok");
    e["heart_rate"] = {{"minutes_in_zone", 1}};
    CHECK(outcome(doc(e)) ==
          "/entries/0/heart_rate/minutes_in_zone: expected minutes_in_zone <= the entry's minutes (0), got 1");
}

TEST_CASE("session log: 5000 entries at most, and the document limits") {
    json d = {{"entries", json::array()}};
    json e = {{"date", "2026-11-23"}, {"minutes", 1}};
    for (int i = 0; i < 5000; ++i) d["entries"].push_back(e);
    auto r = parse_session_log(d.dump());
    REQUIRE(r.ok());
    CHECK(r.value().entries.size() == 5000);
    d["entries"].push_back(e);
    CHECK(outcome(d) == "/entries: expected an array of 0-5000 items, got 5001");
    // 4 MiB of text at most, 32 levels deep at most.
    const std::string big = R"({"entries": [], "x": ")" + std::string(4u * 1024u * 1024u, 'a') + "\"}";
    auto huge = parse_session_log(big);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == ErrorCode::parse_error);
    CHECK(huge.error().message.find("expected at most 4194304") != std::string::npos);
    const std::string deep = R"({"entries": )" + std::string(40, '[') + std::string(40, ']') + "}";
    auto nested = parse_session_log(deep);
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.error().code == ErrorCode::parse_error);
    CHECK(nested.error().message == "JSON nested 41 levels deep; expected at most 32");
    auto bad_utf8 = parse_session_log(std::string(R"({"entries": [{"date": "2026-11-23", "minutes": 3, "note": "caf)") +
                                      "\xE9" + "\"}]}");
    REQUIRE_FALSE(bad_utf8.ok());
    CHECK(bad_utf8.error().code == ErrorCode::parse_error);
}

// --- the log against its plan and today --------------------------------------------

TEST_CASE("session log check: an empty log and a plain log fit the plan") {
    const Plan plan = two_week_plan();
    CHECK(check(SessionLog{}, plan, "2026-12-06") == "ok");
    CHECK(check(log_of({logged("2026-11-23", aerobic), logged("2026-11-23", strength), logged("2026-11-25", std::nullopt),
                        logged("2026-11-27", aerobic), logged("2026-11-27", aerobic), logged("2026-11-27", balance)},
                       "P-0042"),
                plan, "2026-11-27") == "ok");
}

TEST_CASE("session log check: today is the last day an entry may have") {
    const Plan plan = two_week_plan();
    CHECK(check(log_of({logged("2026-11-25", aerobic)}), plan, "2026-11-25") == "ok");
    CHECK(check(log_of({logged("2026-11-25", aerobic)}), plan, "2026-11-24") ==
          "/entries/0/date: expected a date on or before today (2026-11-24), got 2026-11-25");
    // The header's example: the fifth entry two days after today.
    std::vector<LogEntry> entries;
    for (const char* date : {"2026-11-23", "2026-11-25", "2026-11-26", "2026-11-28", "2026-12-03"})
        entries.push_back(logged(date, aerobic));
    CHECK(check(log_of(entries), plan, "2026-12-01") ==
          "/entries/4/date: expected a date on or before today (2026-12-01), got 2026-12-03");
}

TEST_CASE("session log check: entries inside the plan's dates") {
    const Plan plan = two_week_plan();  // 2026-11-23 .. 2026-12-06
    const char* today = "2026-12-20";
    CHECK(check(log_of({logged("2026-11-23", aerobic), logged("2026-12-06", aerobic)}), plan, today) == "ok");
    CHECK(check(log_of({logged("2026-11-23", aerobic), logged("2026-11-22", aerobic)}), plan, today) ==
          "/entries/1/date: expected a date inside the plan (2026-11-23 to 2026-12-06), got 2026-11-22");
    CHECK(check(log_of({logged("2026-12-07", aerobic)}), plan, today) ==
          "/entries/0/date: expected a date inside the plan (2026-11-23 to 2026-12-06), got 2026-12-07");
    // Outside the plan and after today: the plan is named first.
    CHECK(check(log_of({logged("2026-12-07", aerobic)}), plan, "2026-12-01") ==
          "/entries/0/date: expected a date inside the plan (2026-11-23 to 2026-12-06), got 2026-12-07");
}

TEST_CASE("session log check: a type is needed on a day with several planned sessions") {
    const Plan plan = two_week_plan();
    CHECK(check(log_of({logged("2026-11-25", aerobic), logged("2026-11-23", std::nullopt)}), plan, "2026-12-06") ==
          "/entries/1/type: missing field; expected \"type\": the plan has 2 sessions on 2026-11-23 (aerobic, "
          "strength), so the entry must say which one it logs");
    // Even when the day's sessions include two of one type.
    CHECK(check(log_of({logged("2026-11-27", std::nullopt)}), plan, "2026-12-06") ==
          "/entries/0/type: missing field; expected \"type\": the plan has 3 sessions on 2026-11-27 (aerobic, "
          "aerobic, balance), so the entry must say which one it logs");
    // One planned session: the type may be left out; a rest day: an extra session.
    CHECK(check(log_of({logged("2026-11-25", std::nullopt), logged("2026-11-26", std::nullopt)}), plan, "2026-12-06") == "ok");
}

TEST_CASE("session log check: duplicates name both entries") {
    const Plan plan = two_week_plan();
    const char* today = "2026-12-06";
    // One aerobic session planned on Monday: two aerobic entries are one too many.
    CHECK(check(log_of({logged("2026-11-23", aerobic), logged("2026-11-23", strength), logged("2026-11-23", aerobic)}),
                plan, today) ==
          "/entries/2: duplicate entry: /entries/0 and /entries/2 log type aerobic on 2026-11-23; expected at most 1 "
          "entry of that type that day (the plan has 1)");
    // Two aerobic sessions planned on Friday: two entries fit, the third is a duplicate.
    CHECK(check(log_of({logged("2026-11-27", aerobic), logged("2026-11-27", aerobic)}), plan, today) == "ok");
    CHECK(check(log_of({logged("2026-11-27", aerobic), logged("2026-11-27", balance), logged("2026-11-27", aerobic),
                        logged("2026-11-27", aerobic)}),
                plan, today) ==
          "/entries/3: duplicate entry: /entries/0, /entries/2 and /entries/3 log type aerobic on 2026-11-27; expected "
          "at most 2 entries of that type that day (the plan has 2)");
    // A type the day does not have: one extra session of it is allowed, not two.
    CHECK(check(log_of({logged("2026-11-25", balance)}), plan, today) == "ok");
    CHECK(check(log_of({logged("2026-11-25", balance), logged("2026-11-25", aerobic), logged("2026-11-25", balance)}),
                plan, today) ==
          "/entries/2: duplicate entry: /entries/0 and /entries/2 log type balance on 2026-11-25; expected at most 1 "
          "entry of that type that day (the plan has none, and one extra session of a type is allowed)");
    // A rest day: one extra session of each type.
    CHECK(check(log_of({logged("2026-11-24", aerobic), logged("2026-11-24", strength)}), plan, today) == "ok");
    CHECK(check(log_of({logged("2026-11-24", aerobic), logged("2026-11-24", aerobic)}), plan, today) ==
          "/entries/1: duplicate entry: /entries/0 and /entries/1 log type aerobic on 2026-11-24; expected at most 1 "
          "entry of that type that day (the plan has none, and one extra session of a type is allowed)");
    // Entries on other days never clash.
    CHECK(check(log_of({logged("2026-11-23", aerobic), logged("2026-11-30", aerobic)}), plan, today) == "ok");
}

TEST_CASE("session log check: entries without a type") {
    const Plan plan = two_week_plan();
    const char* today = "2026-12-06";
    // Wednesday has one planned session (aerobic): an untyped entry is that session, so a
    // typed aerobic entry next to it is a duplicate, in either order.
    CHECK(check(log_of({logged("2026-11-25", std::nullopt), logged("2026-11-25", aerobic)}), plan, today) ==
          "/entries/1: duplicate entry: /entries/0 and /entries/1 log type aerobic on 2026-11-25; expected at most 1 "
          "entry of that type that day (the plan has 1; an entry without \"type\" logs the day's one planned session)");
    CHECK(check(log_of({logged("2026-11-25", aerobic), logged("2026-11-25", std::nullopt)}), plan, today) ==
          "/entries/1: duplicate entry: /entries/0 and /entries/1 log type aerobic on 2026-11-25; expected at most 1 "
          "entry of that type that day (the plan has 1; an entry without \"type\" logs the day's one planned session)");
    CHECK(check(log_of({logged("2026-11-25", std::nullopt), logged("2026-11-25", std::nullopt)}), plan, today) ==
          "/entries/1: duplicate entry: /entries/0 and /entries/1 log type aerobic on 2026-11-25; expected at most 1 "
          "entry of that type that day (the plan has 1; an entry without \"type\" logs the day's one planned session)");
    // ... but an extra session of another type is fine.
    CHECK(check(log_of({logged("2026-11-25", std::nullopt), logged("2026-11-25", strength)}), plan, today) == "ok");
    // A rest day: one untyped extra session, next to typed ones; two untyped are a duplicate.
    CHECK(check(log_of({logged("2026-11-24", std::nullopt), logged("2026-11-24", aerobic)}), plan, today) == "ok");
    CHECK(check(log_of({logged("2026-11-24", std::nullopt), logged("2026-11-24", aerobic), logged("2026-11-24", std::nullopt)}),
                plan, today) ==
          "/entries/2: duplicate entry: /entries/0 and /entries/2 both log a session without \"type\" on 2026-11-24; "
          "expected at most one entry without a type on a day without a planned session (give each entry its \"type\")");
}

TEST_CASE("session log check: the first error in entry order, nothing reordered") {
    const Plan plan = two_week_plan();
    // Entry 1 is a duplicate of entry 0, entry 2 is after today: entry 1 is reported.
    SessionLog log = log_of({logged("2026-11-30", aerobic), logged("2026-11-30", aerobic), logged("2026-12-05", aerobic)});
    CHECK(check(log, plan, "2026-12-01") ==
          "/entries/1: duplicate entry: /entries/0 and /entries/1 log type aerobic on 2026-11-30; expected at most 1 "
          "entry of that type that day (the plan has none, and one extra session of a type is allowed)");
    // Entry 0 is after today: reported even though a duplicate follows.
    log.entries.insert(log.entries.begin(), logged("2026-12-04", balance));
    CHECK(check(log, plan, "2026-12-01") == "/entries/0/date: expected a date on or before today (2026-12-01), got 2026-12-04");
    CHECK(log.entries[0].date == test::d("2026-12-04"));  // the log itself is untouched
    CHECK(log.entries.size() == 4);
}

TEST_CASE("session log check: the patient ID must be the plan's") {
    Plan plan = two_week_plan();
    const SessionLog other = log_of({logged("2026-11-23", aerobic)}, "P-0043");
    CHECK(check(other, plan, "2026-12-06") == "/patient_id: expected the plan's patient ID \"P-0042\", got \"P-0043\"");
    // Reported before any entry's error.
    SessionLog both = other;
    both.entries.push_back(logged("2026-12-24", aerobic));
    CHECK(check(both, plan, "2026-12-06") == "/patient_id: expected the plan's patient ID \"P-0042\", got \"P-0043\"");
    CHECK(check(log_of({logged("2026-11-23", aerobic)}, "P-0042"), plan, "2026-12-06") == "ok");
    CHECK(check(log_of({logged("2026-11-23", aerobic)}), plan, "2026-12-06") == "ok");  // the log does not say
    plan.patient->id = "";  // the plan does not say
    CHECK(check(other, plan, "2026-12-06") == "ok");
    plan.patient.reset();
    CHECK(check(other, plan, "2026-12-06") == "ok");
}

// --- corpus and examples -------------------------------------------------------------

TEST_CASE("session log corpus: the parser gives each document's expected verdict, code and path") {
    const auto manifest = json::parse(test::read_file("tests/data/corpus-log/manifest.json"));
    REQUIRE(manifest.size() >= 60);
    int invalid = 0, valid = 0;
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        const auto& m = it.value();
        CAPTURE(it.key());
        CAPTURE(m["note"].get<std::string>());
        const std::string text = test::read_file("tests/data/corpus-log/" + it.key());
        const auto r = parse_session_log(text);
        CHECK(r.ok() == m["valid"].get<bool>());
        if (r.ok()) {
            ++valid;
            // Written back, it parses to the same document.
            const std::string out = to_json(r.value());
            auto again = parse_session_log(out);
            REQUIRE(again.ok());
            CHECK(to_json(again.value()) == out);
        } else if (!m["valid"].get<bool>()) {
            ++invalid;
            CAPTURE(r.error().message);
            CHECK(to_string(r.error().code) == m["code"].get<std::string>());
            CHECK(r.error().path == m["path"].get<std::string>());
            CHECK_FALSE(r.error().message.empty());
        }
    }
    CHECK(valid >= 8);
    CHECK(invalid >= 50);
}

TEST_CASE("session log examples: normalised, and they fit their generated plans") {
    struct Case {
        const char* log;
        const char* plan;
        const char* today;
        std::size_t entries;
    };
    for (const Case& c : {Case{"examples/log-stroke.json", "tests/data/progress/plan-stroke.json", "2026-12-13", 26},
                          Case{"examples/log-concussion.json", "tests/data/progress/plan-concussion.json", "2026-12-06", 6}}) {
        CAPTURE(c.log);
        const std::string text = test::read_file(c.log);
        auto log = parse_session_log(text);
        REQUIRE(log.ok());
        CHECK(log.value().entries.size() == c.entries);
        CHECK(to_json(log.value()) == text);  // written as to_json writes it
        auto plan = parse_plan(test::read_file(c.plan));
        REQUIRE(plan.ok());
        CHECK(check(log.value(), plan.value(), c.today) == "ok");
        // Today may be the last entry's day, not the day before.
        Date last = log.value().entries.front().date;
        for (const LogEntry& e : log.value().entries) last = std::max(last, e.date);
        CHECK(check(log.value(), plan.value(), last.to_string().c_str()) == "ok");
        CHECK(check(log.value(), plan.value(), last.plus_days(-1).to_string().c_str()).find("expected a date on or before today") !=
              std::string::npos);
        // Another patient's plan is refused.
        Plan other = plan.value();
        other.patient->id = "P-9999";
        CHECK(check(log.value(), other, c.today) ==
              "/patient_id: expected the plan's patient ID \"P-9999\", got \"" + log.value().patient_id + "\"");
    }
}
