// Bad input that is easier to generate than to commit: size and depth limits,
// 1e300 / NaN / huge integers in every numeric field, array limits.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

json minimal_patient() { return json{{"schema_version", 1}, {"age", 40}, {"sex", "male"}, {"baseline_minutes", 20}}; }

json minimal_plan() {
    return json{{"schema_version", 1}, {"start_date", "2026-11-23"}, {"weeks", 2}, {"sessions", json::array()}};
}

json session() {
    return json{{"date", "2026-11-24"},
                {"type", "hiit"},
                {"minutes", 25},
                {"intensity", {{"class", "vigorous"}, {"hr_low_bpm", 140}, {"hr_high_bpm", 160}, {"rpe_low", 14}, {"rpe_high", 16}}},
                {"hiit", {{"work_seconds", 30}, {"recovery_seconds", 30}, {"repeats", 10}}},
                {"blocks", {{{"kind", "warm_up"}, {"minutes", 5}}, {{"kind", "main"}, {"minutes", 20}}}},
                {"concussion_step", 4}};
}

void expect_error(const Error& e, ErrorCode code, const std::string& path) {
    CHECK(e.code == code);
    CHECK(e.path == path);
    CHECK_FALSE(e.message.empty());
}

}  // namespace

TEST_CASE("parse: minimal documents are accepted with their defaults") {
    auto p = parse_patient(minimal_patient().dump());
    REQUIRE(p.ok());
    CHECK(p.value().available_days.size() == 7);
    CHECK_FALSE(p.value().hiit_screening_done);
    auto plan = parse_plan(minimal_plan().dump());
    REQUIRE(plan.ok());
    CHECK(plan.value().patient_facing);
    CHECK(plan.value().end_date().to_string() == "2026-12-06");
}

TEST_CASE("parse: 1e300, -1e300, 45.5, huge unsigned and strings in every integer field of a patient") {
    const std::vector<std::string> fields = {
        "/age", "/baseline_minutes", "/max_minutes_per_day", "/heart_rate/max_bpm", "/heart_rate/resting_bpm",
        "/heart_rate/symptom_threshold_bpm", "/contraindications/resting_bp/systolic",
        "/contraindications/resting_bp/diastolic", "/falls_past_year",
    };
    json base = minimal_patient();
    base["max_minutes_per_day"] = 60;
    base["falls_past_year"] = 2;
    base["heart_rate"] = {{"max_bpm", 170}, {"resting_bpm", 60}, {"symptom_threshold_bpm", 140}};
    base["contraindications"] = {{"resting_bp", {{"systolic", 130}, {"diastolic", 80}}}};
    REQUIRE(parse_patient(base.dump()).ok());
    const std::vector<json> bad = {1e300, -1e300, 45.5, json(18446744073709551615ull), json(-9223372036854775807ll - 1),
                                   "60", nullptr, true, json::array(), json::object()};
    for (const auto& path : fields) {
        for (const auto& v : bad) {
            json doc = base;
            doc[json::json_pointer(path)] = v;
            CAPTURE(path);
            CAPTURE(v.dump());
            auto r = parse_patient(doc.dump());
            REQUIRE_FALSE(r.ok());
            expect_error(r.error(), ErrorCode::schema_error, path);
            CHECK(r.error().message.find("expected an integer") != std::string::npos);
        }
    }
}

TEST_CASE("parse: every integer field of a plan session rejects 1e300 and out-of-range values") {
    const std::vector<std::string> fields = {
        "/sessions/0/minutes",           "/sessions/0/intensity/hr_low_bpm", "/sessions/0/intensity/hr_high_bpm",
        "/sessions/0/intensity/rpe_low", "/sessions/0/intensity/rpe_high",   "/sessions/0/hiit/work_seconds",
        "/sessions/0/hiit/recovery_seconds", "/sessions/0/hiit/repeats",     "/sessions/0/blocks/0/minutes",
        "/sessions/0/concussion_step",   "/weeks",
    };
    json base = minimal_plan();
    base["sessions"].push_back(session());
    REQUIRE(parse_plan(base.dump()).ok());
    for (const auto& path : fields) {
        for (const json& v : {json(1e300), json(-1), json(0.5), json("1")}) {
            json doc = base;
            doc[json::json_pointer(path)] = v;
            CAPTURE(path);
            CAPTURE(v.dump());
            auto r = parse_plan(doc.dump());
            REQUIRE_FALSE(r.ok());
            expect_error(r.error(), ErrorCode::schema_error, path);
        }
    }
}

TEST_CASE("parse: NaN, Infinity and non-JSON text are parse errors at the root") {
    for (const char* text : {"{\"age\": NaN}", "{\"age\": Infinity}", "{\"age\": -Infinity}", "{", "{\"a\":1,}",
                             "\xff\xfe", "{\"age\": 1e400}", "nul"}) {
        CAPTURE(text);
        auto r = parse_patient(text);
        REQUIRE_FALSE(r.ok());
        expect_error(r.error(), ErrorCode::parse_error, "");
    }
}

TEST_CASE("parse: empty, whitespace and non-object documents") {
    for (const char* text : {"", "   \n\t "}) {
        auto r = parse_plan(text);
        REQUIRE_FALSE(r.ok());
        expect_error(r.error(), ErrorCode::parse_error, "");
        CHECK(r.error().message.find("empty") != std::string::npos);
    }
    for (const char* text : {"[]", "null", "42", "\"plan\""}) {
        auto r = parse_plan(text);
        REQUIRE_FALSE(r.ok());
        expect_error(r.error(), ErrorCode::schema_error, "");
    }
}

TEST_CASE("parse: documents over the size limit are refused before parsing") {
    json doc = minimal_plan();
    doc["notes"] = std::string(max_document_bytes, 'x');
    auto r = parse_plan(doc.dump());
    REQUIRE_FALSE(r.ok());
    expect_error(r.error(), ErrorCode::parse_error, "");
    CHECK(r.error().message.find("bytes") != std::string::npos);
    // Just under the limit the size is fine, and the notes limit (10000) applies.
    doc["notes"] = std::string(max_document_bytes - 200, 'x');
    auto r2 = parse_plan(doc.dump());
    REQUIRE_FALSE(r2.ok());
    expect_error(r2.error(), ErrorCode::schema_error, "/notes");
}

TEST_CASE("parse: nesting at the depth limit parses, one deeper is refused") {
    auto nested = [](int depth) {
        std::string s = "{\"schema_version\": 1, \"age\": 40, \"sex\": \"male\", \"baseline_minutes\": 5, \"x\": ";
        for (int i = 1; i < depth; ++i) s += "[";
        for (int i = 1; i < depth; ++i) s += "]";
        return s + "}";
    };
    auto at_limit = parse_patient(nested(max_document_depth));
    REQUIRE_FALSE(at_limit.ok());  // parses, then "x" is an unknown field
    expect_error(at_limit.error(), ErrorCode::schema_error, "/x");
    auto too_deep = parse_patient(nested(max_document_depth + 1));
    REQUIRE_FALSE(too_deep.ok());
    expect_error(too_deep.error(), ErrorCode::parse_error, "");
    // Brackets inside strings do not count.
    json doc = minimal_patient();
    doc["id"] = std::string(60, '[');
    CHECK(parse_patient(doc.dump()).ok());
    auto hostile = parse_patient(std::string(100000, '['));
    REQUIRE_FALSE(hostile.ok());
    expect_error(hostile.error(), ErrorCode::parse_error, "");
}

TEST_CASE("parse: 2000 sessions are accepted, 2001 are refused") {
    json doc = minimal_plan();
    doc["weeks"] = 52;
    json s{{"date", "2026-11-24"}, {"type", "mobility"}, {"minutes", 10}};
    for (int i = 0; i < 2000; ++i) doc["sessions"].push_back(s);
    CHECK(parse_plan(doc.dump()).ok());
    doc["sessions"].push_back(s);
    auto r = parse_plan(doc.dump());
    REQUIRE_FALSE(r.ok());
    expect_error(r.error(), ErrorCode::schema_error, "/sessions");
}

TEST_CASE("parse: sessions and outcome measures outside the plan's weeks") {
    json doc = minimal_plan();  // 2026-11-23 .. 2026-12-06
    json s{{"date", "2026-12-06"}, {"type", "mobility"}, {"minutes", 10}};
    doc["sessions"].push_back(s);
    CHECK(parse_plan(doc.dump()).ok());
    doc["sessions"][0]["date"] = "2026-12-07";
    auto after = parse_plan(doc.dump());
    REQUIRE_FALSE(after.ok());
    expect_error(after.error(), ErrorCode::schema_error, "/sessions/0/date");
    doc["sessions"][0]["date"] = "2026-11-22";
    auto before = parse_plan(doc.dump());
    REQUIRE_FALSE(before.ok());
    expect_error(before.error(), ErrorCode::schema_error, "/sessions/0/date");
    json doc2 = minimal_plan();
    doc2["outcome_measures"] = {{{"date", "2027-01-01"}, {"measure", "moca"}}};
    auto om = parse_plan(doc2.dump());
    REQUIRE_FALSE(om.ok());
    expect_error(om.error(), ErrorCode::schema_error, "/outcome_measures/0/date");
}

TEST_CASE("parse: unknown fields are named with their path and the expected fields") {
    json doc = minimal_plan();
    doc["sessions"].push_back(json{{"date", "2026-11-24"}, {"type", "aerobic"}, {"minuts", 30}});
    auto r = parse_plan(doc.dump());
    REQUIRE_FALSE(r.ok());
    // "minutes" is required and checked first; with it present the typo is reported.
    expect_error(r.error(), ErrorCode::schema_error, "/sessions/0/minutes");
    doc["sessions"][0]["minutes"] = 30;
    auto r2 = parse_plan(doc.dump());
    REQUIRE_FALSE(r2.ok());
    expect_error(r2.error(), ErrorCode::schema_error, "/sessions/0/minuts");
    CHECK(r2.error().message.find("unknown field") != std::string::npos);
    CHECK(r2.error().message.find("minutes") != std::string::npos);
}

TEST_CASE("parse: JSON Pointer escaping of odd keys") {
    json doc = minimal_patient();
    doc["a/b~c"] = 1;
    auto r = parse_patient(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/a~1b~0c");
}

TEST_CASE("parse: a patient and a plan survive to_json and back unchanged") {
    json p = minimal_patient();
    p["conditions"] = {{{"type", "tbi"}, {"event_date", "2025-03-01"}, {"severity", "moderate"}}, {{"type", "parkinson"}}};
    p["medications"] = {"beta_blocker"};
    p["contraindications"] = {{"named", {"untreated_epilepsy"}}, {"myocardial_infarction_date", "2020-01-01"}};
    p["available_days"] = {"mon", "thu"};
    auto patient = parse_patient(p.dump());
    REQUIRE(patient.ok());
    auto again = parse_patient(to_json(patient.value()));
    REQUIRE(again.ok());
    CHECK(to_json(again.value()) == to_json(patient.value()));

    json plan = minimal_plan();
    plan["sessions"].push_back(session());
    plan["stop_signals"] = {"chest_pain"};
    plan["outcome_measures"] = {{{"date", "2026-11-23"}, {"measure", "six_minute_walk"}}};
    auto parsed = parse_plan(plan.dump());
    REQUIRE(parsed.ok());
    const std::string once = to_json(parsed.value());
    auto reparsed = parse_plan(once);
    REQUIRE(reparsed.ok());
    CHECK(to_json(reparsed.value()) == once);
}

TEST_CASE("parse: duplicate keys are refused with the path of the second one") {
    auto r = parse_patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 20,
                               "heart_rate": {"max_bpm": 170, "max_bpm": 190}})");
    REQUIRE_FALSE(r.ok());
    expect_error(r.error(), ErrorCode::schema_error, "/heart_rate/max_bpm");
    auto plan = parse_plan(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 1, "sessions": [
        {"date": "2026-11-23", "type": "mobility", "minutes": 10},
        {"date": "2026-11-24", "type": "mobility", "minutes": 10, "minutes": 20}]})");
    REQUIRE_FALSE(plan.ok());
    expect_error(plan.error(), ErrorCode::schema_error, "/sessions/1/minutes");
    // The same key in different objects is fine.
    CHECK(parse_plan(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 1, "sessions": [
        {"date": "2026-11-23", "type": "mobility", "minutes": 10},
        {"date": "2026-11-24", "type": "mobility", "minutes": 10}]})").ok());
}

TEST_CASE("parse: string limits count characters, not UTF-8 bytes") {
    std::string name;
    for (int i = 0; i < 64; ++i) name += "\xC3\xAB";  // 64 characters, 128 bytes
    const std::string base = R"({"schema_version": 1, "age": 40, "sex": "other", "baseline_minutes": 10, "id": ")";
    CHECK(parse_patient(base + name + R"("})").ok());
    auto r = parse_patient(base + name + "x" + R"("})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/id");
    CHECK(r.error().message.find("got 65") != std::string::npos);
}
