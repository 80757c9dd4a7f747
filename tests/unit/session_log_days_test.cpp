// The session log's per-day wellbeing (`days`: sleep hours, sleep quality, stress), read
// by progress.recovery: every field's limits and wrong types with their JSON Pointer,
// one item per date, the round trip, and the dates checked against the plan and today.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "followup/session_log.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

json day(json fields = json::object()) {
    json d = {{"date", "2026-11-23"}};
    d.update(fields);
    return d;
}
json doc_with(json days) { return json{{"entries", json::array()}, {"days", std::move(days)}}; }

std::string outcome(const json& j) {
    auto r = parse_session_log(j.dump());
    return r ? "ok" : r.error().describe();
}

std::string check_days(const std::vector<const char*>& dates, const char* today) {
    Plan plan = test::plan(2);  // 2026-11-23 .. 2026-12-06
    SessionLog log;
    for (const char* d : dates) {
        DayLog x;
        x.date = test::d(d);
        x.stress = 3;
        log.days.push_back(x);
    }
    auto r = check_session_log(log, plan, test::d(today));
    return r ? "ok" : r.error().describe();
}

}  // namespace

TEST_CASE("session log days: a log with days parses and writes back byte for byte") {
    const std::string normalised = R"({
  "schema_version": 1,
  "entries": [],
  "days": [
    {
      "date": "2026-11-24",
      "sleep_hours": 6.5,
      "sleep_quality": "fairly_bad",
      "stress": 7
    },
    {
      "date": "2026-11-23",
      "sleep_hours": 7.25
    },
    {
      "date": "2026-11-25",
      "sleep_quality": "very_good"
    },
    {
      "date": "2026-11-26"
    }
  ]
}
)";
    auto r = parse_session_log(normalised);
    REQUIRE(r.ok());
    const SessionLog& log = r.value();
    REQUIRE(log.days.size() == 4);
    CHECK(log.days[0].sleep_hours == 6.5);
    CHECK(log.days[0].sleep_quality == SleepQuality::fairly_bad);
    CHECK(is_poor(*log.days[0].sleep_quality));
    CHECK(log.days[0].stress == 7);
    CHECK(log.days[1].sleep_hours == 7.25);  // any precision is kept
    CHECK_FALSE(log.days[3].any());
    CHECK(to_json(log) == normalised);
    // A log without days writes none: older logs stay as they were.
    auto plain = parse_session_log(R"({"entries": []})");
    REQUIRE(plain.ok());
    CHECK(to_json(plain.value()).find("days") == std::string::npos);
}

TEST_CASE("session log days: the sleep-quality scale and what counts as poor") {
    CHECK_FALSE(is_poor(SleepQuality::very_good));
    CHECK_FALSE(is_poor(SleepQuality::fairly_good));
    CHECK(is_poor(SleepQuality::fairly_bad));
    CHECK(is_poor(SleepQuality::very_bad));
    for (const char* q : {"very_good", "fairly_good", "fairly_bad", "very_bad"}) {
        CAPTURE(q);
        CHECK(outcome(doc_with({day({{"sleep_quality", q}})})) == "ok");
    }
    for (json bad : {json("poor"), json("VERY_GOOD"), json(""), json(2), json(nullptr)}) {
        CAPTURE(bad.dump());
        const std::string o = outcome(doc_with({day({{"sleep_quality", bad}})}));
        CHECK(o.rfind("/days/0/sleep_quality: ", 0) == 0);
    }
}

TEST_CASE("session log days: sleep hours on both sides of each limit, and values that are no hours") {
    const std::string want = "/days/0/sleep_hours: expected a number of hours 0-24, got ";
    CHECK(outcome(doc_with({day({{"sleep_hours", 0}})})) == "ok");
    CHECK(outcome(doc_with({day({{"sleep_hours", 24}})})) == "ok");
    CHECK(outcome(doc_with({day({{"sleep_hours", 6.9}})})) == "ok");
    CHECK(outcome(doc_with({day({{"sleep_hours", -0.1}})})) == want + "-0.1");
    CHECK(outcome(doc_with({day({{"sleep_hours", -1}})})) == want + "-1");
    CHECK(outcome(doc_with({day({{"sleep_hours", 24.01}})})) == want + "24.01");
    CHECK(outcome(doc_with({day({{"sleep_hours", 1e300}})})) == want + "1e+300");
    CHECK(outcome(doc_with({day({{"sleep_hours", "7"}})})) == want + "\"7\"");
    CHECK(outcome(doc_with({day({{"sleep_hours", "NaN"}})})) == want + "\"NaN\"");
    CHECK(outcome(doc_with({day({{"sleep_hours", true}})})) == want + "true");
    CHECK(outcome(doc_with({day({{"sleep_hours", nullptr}})})) == want + "null");
    // NaN and 1e400 are not JSON: a parse error of the document, not a crash.
    for (const char* bad : {"NaN", "Infinity", "1e400"}) {
        CAPTURE(bad);
        auto r = parse_session_log(std::string(R"({"entries": [], "days": [{"date": "2026-11-23", "sleep_hours": )") + bad +
                                   "}]}");
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("session log days: stress is an integer 0-10") {
    CHECK(outcome(doc_with({day({{"stress", 0}})})) == "ok");
    CHECK(outcome(doc_with({day({{"stress", 10}})})) == "ok");
    CHECK(outcome(doc_with({day({{"stress", 7.0}})})) == "ok");  // an integral number, as JSON Schema allows
    CHECK(outcome(doc_with({day({{"stress", 11}})})) == "/days/0/stress: expected an integer 0-10, got integer 11");
    CHECK(outcome(doc_with({day({{"stress", -1}})})) == "/days/0/stress: expected an integer 0-10, got -1");
    CHECK(outcome(doc_with({day({{"stress", 6.5}})})) == "/days/0/stress: expected an integer 0-10, got number 6.5");
    CHECK(outcome(doc_with({day({{"stress", 1e300}})})) == "/days/0/stress: expected an integer 0-10, got number 1e+300");
    CHECK(outcome(doc_with({day({{"stress", "7"}})})) == "/days/0/stress: expected an integer 0-10, got string \"7\"");
}

TEST_CASE("session log days: required date, unknown fields, wrong containers") {
    CHECK(outcome(doc_with({json{{"stress", 2}}})).rfind("/days/0/date: missing", 0) == 0);
    CHECK(outcome(doc_with({day({{"mood", 2}})})).rfind("/days/0/mood: ", 0) == 0);
    CHECK(outcome(doc_with({day({{"date", "2026-02-30"}})})).rfind("/days/0/date: ", 0) == 0);
    CHECK(outcome(doc_with({json(3)})).rfind("/days/0: ", 0) == 0);
    CHECK(outcome(json{{"entries", json::array()}, {"days", json::object()}}).rfind("/days: ", 0) == 0);
    CHECK(outcome(doc_with(json::array())) == "ok");
}

TEST_CASE("session log days: one item per date, the later one named with the first") {
    CHECK(outcome(doc_with({day(), day({{"date", "2026-11-24"}}), day({{"stress", 1}})})) ==
          "/days/2/date: duplicate date 2026-11-23: also at /days/0; expected one item per date");
}

TEST_CASE("session log days check: inside the plan and not after today") {
    CHECK(check_days({"2026-11-23", "2026-12-06"}, "2026-12-20") == "ok");
    CHECK(check_days({"2026-11-25"}, "2026-11-25") == "ok");
    CHECK(check_days({"2026-11-23", "2026-11-22"}, "2026-12-20") ==
          "/days/1/date: expected a date inside the plan (2026-11-23 to 2026-12-06), got 2026-11-22");
    CHECK(check_days({"2026-12-07"}, "2026-12-20") ==
          "/days/0/date: expected a date inside the plan (2026-11-23 to 2026-12-06), got 2026-12-07");
    CHECK(check_days({"2026-11-26"}, "2026-11-25") ==
          "/days/0/date: expected a date on or before today (2026-11-25), got 2026-11-26");
}
