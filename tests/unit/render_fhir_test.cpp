// The FHIR R4 Bundle (src/render/render_fhir.cpp) on hand-built plans: the corners the generator
// does not reach. tests/fhir checks generated plans with FHIR validators.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "render/renderers.hpp"
#include "test_support.hpp"

namespace {

using namespace rehabplan;
using json = nlohmann::json;

json bundle(const Plan& plan, const char* lang = "en", const RuleSet& rules = builtin_rules()) {
    auto r = render(plan, Format::fhir, lang, rules);
    REQUIRE(r);
    return json::parse(r.value());
}

const json& careplan(const json& b) { return b["entry"][0]["resource"]; }

std::vector<json> resources(const json& b, const std::string& type) {
    std::vector<json> out;
    for (const auto& e : b["entry"])
        if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
    return out;
}

int weekday_index(const std::string& d) {
    static const std::vector<std::string> days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return static_cast<int>(std::find(days.begin(), days.end(), d) - days.begin());
}

// (date, type, minutes) of every session the CarePlan's Timings describe.
std::multiset<std::tuple<std::string, std::string, int>> expand(const json& b) {
    std::multiset<std::tuple<std::string, std::string, int>> out;
    for (const auto& a : careplan(b)["activity"]) {
        const json& d = a["detail"];
        if (!d.contains("scheduledTiming")) continue;  // a concussion return's step
        const json& t = d["scheduledTiming"];
        if (!t.contains("repeat")) continue;  // a measurement
        const json& r = t["repeat"];
        std::string type;
        for (const auto& c : d["code"]["coding"])
            if (c["system"].get<std::string>().find("session-type") != std::string::npos) type = c["code"];
        const Date from = *Date::parse(r["boundsPeriod"]["start"].get<std::string>());
        const Date to = *Date::parse(r["boundsPeriod"]["end"].get<std::string>());
        std::set<int> days;
        for (const auto& day : r["dayOfWeek"]) days.insert(weekday_index(day));
        const int per_day = r["periodUnit"] == "d" ? r["frequency"].get<int>() : 1;
        if (r["periodUnit"] == "wk") CHECK(r["frequency"].get<std::size_t>() == days.size());
        for (Date x = from; x <= to; x = x.plus_days(1))
            if (days.count(static_cast<int>(x.weekday())))
                for (int i = 0; i < per_day; ++i) out.emplace(x.to_string(), type, r["duration"].get<int>());
    }
    return out;
}

std::multiset<std::tuple<std::string, std::string, int>> sessions_of(const Plan& p) {
    std::multiset<std::tuple<std::string, std::string, int>> out;
    for (const auto& s : p.sessions) out.emplace(s.date.to_string(), to_string(s.type), s.minutes);
    return out;
}

// Every string in the document has content: FHIR forbids empty strings.
void check_no_empty_strings(const json& j, const std::string& path = "") {
    if (j.is_string()) {
        CAPTURE(path);
        CHECK(j.get<std::string>().find_first_not_of(" \t\r\n") != std::string::npos);
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) check_no_empty_strings(it.value(), path + "/" + it.key());
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) check_no_empty_strings(j[i], path + "/" + std::to_string(i));
    }
}

}  // namespace

TEST_CASE("fhir: the Timings of the activities give back exactly the plan's sessions") {
    SUBCASE("a generated plan") {
        const Plan p = test::golden_plan("stroke-standard-12w");
        CHECK(expand(bundle(p)) == sessions_of(p));
    }
    SUBCASE("a therapist's unsorted plan with two identical sessions on one day and a week that starts on a Wednesday") {
        Plan p = test::plan(3, "2026-11-25");
        for (const char* d : {"2026-12-09", "2026-11-25", "2026-12-02", "2026-11-27", "2026-12-04"})
            p.sessions.push_back(test::aerobic(d, 30));
        p.sessions.push_back(test::balance("2026-11-26", 10));
        p.sessions.push_back(test::balance("2026-11-26", 10));  // twice that day
        p.sessions.push_back(test::strength("2026-12-11", 20));
        const json b = bundle(p);
        CHECK(expand(b) == sessions_of(p));
        bool per_day = false;
        for (const auto& a : careplan(b)["activity"])
            per_day = per_day || a["detail"]["scheduledTiming"]["repeat"].value("periodUnit", "") == "d";
        CHECK(per_day);
    }
    SUBCASE("sessions every day of a 52-week plan across a year end") {
        Plan p = test::plan(52, "2026-12-28");
        for (int i = 0; i < 7 * 52; ++i) p.sessions.push_back(test::aerobic(p.start_date.plus_days(i).to_string().c_str(), 20));
        const json b = bundle(p);
        CHECK(expand(b) == sessions_of(p));
        CHECK(careplan(b)["activity"].size() == 1);  // one run: every day, every week
    }
}

TEST_CASE("fhir: the same plan gives the same bytes - en and nl share every identity") {
    const Plan p = test::golden_plan("stroke-standard-12w");
    CHECK(render(p, Format::fhir, "en").value() == render(p, Format::fhir, "en").value());
    const json en = bundle(p, "en"), nl = bundle(p, "nl");
    CHECK(en["language"] == "en");
    CHECK(nl["language"] == "nl");
    REQUIRE(en["entry"].size() == nl["entry"].size());
    for (std::size_t i = 0; i < en["entry"].size(); ++i) CHECK(en["entry"][i]["fullUrl"] == nl["entry"][i]["fullUrl"]);
    CHECK(careplan(en)["title"] != careplan(nl)["title"]);
    // Another patient's plan has other identities.
    Plan other = p;
    other.patient->id = "P-0043";
    CHECK(bundle(other)["entry"][0]["fullUrl"] != en["entry"][0]["fullUrl"]);
}

TEST_CASE("fhir: the Bundle streamed into a compact record is the rendered Bundle, compact") {
    // How a batch record embeds it: w.key("fhir"); write_fhir_bundle(w, ...).
    const Plan p = test::golden_plan("stroke-standard-12w");
    const RuleSet& rules = builtin_rules();
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        std::string record;
        detail::JsonWriter w(record, -1);
        w.begin_object().member("status", "ok").key("fhir");
        detail::write_fhir_bundle(w, detail::make_view(p, lang, rules), p, rules);
        w.end_object();
        const std::string rendered = render(p, Format::fhir, lang, rules).value();
        CHECK(record == "{\"status\":\"ok\",\"fhir\":" + nlohmann::ordered_json::parse(rendered).dump() + "}");
    }
}

TEST_CASE("fhir: a plan without a patient, zone, findings or known programme still makes a complete bundle") {
    Plan p = test::plan(1);
    p.programme = "clinic_own";
    p.notes = "   ";  // white space only: no empty note
    SessionPlan s = test::aerobic("2026-11-23", 30);
    s.title = "";
    p.sessions.push_back(s);
    const json b = bundle(p);
    check_no_empty_strings(b);
    const json& cp = careplan(b);
    CHECK_FALSE(cp["subject"].contains("identifier"));
    CHECK(cp["subject"]["display"].get<std::string>().find("not named") != std::string::npos);
    CHECK_FALSE(cp.contains("addresses"));
    CHECK(cp["note"].size() == 1);  // the stop signals only
    const auto pds = resources(b, "PlanDefinition");
    REQUIRE(pds.size() == 1);
    CHECK(pds[0]["url"] == "https://rehabplan.example/fhir/PlanDefinition/clinic-own");
    CHECK(resources(b, "Goal").size() == 1);  // the weekly volume only: no zone, strength or steps
}

TEST_CASE("fhir: findings become DetectedIssues - a rule that is not a FHIR code is text only") {
    Plan p = test::plan(1);
    p.sessions.push_back(test::aerobic("2026-11-23", 30));
    Finding f;
    f.rule = "week.volume";
    f.severity = Severity::warning;
    f.message = Text{"Too little.", "Te weinig."};
    f.citations = {"WHO 2020."};
    p.findings.push_back(f);
    f.rule = " two  spaces ";
    f.severity = Severity::error;
    p.findings.push_back(f);
    const auto issues = resources(bundle(p, "nl"), "DetectedIssue");
    REQUIRE(issues.size() == 2);
    CHECK(issues[0]["severity"] == "moderate");
    CHECK(issues[0]["code"]["coding"][0]["code"] == "week.volume");
    CHECK(issues[0]["detail"].get<std::string>().find("Te weinig.") == 0);
    CHECK(issues[0]["detail"].get<std::string>().find("Bronnen: WHO 2020.") != std::string::npos);
    CHECK(issues[1]["severity"] == "high");
    CHECK_FALSE(issues[1]["code"].contains("coding"));
}

TEST_CASE("fhir: session targets, intervals and steps travel in the documented extensions") {
    Plan p = test::plan(1);
    p.sessions.push_back(test::hiit("2026-11-24"));
    SessionPlan c = test::aerobic("2026-11-25", 20, 90, 110);
    c.concussion_step = 3;
    p.sessions.push_back(c);
    const json b = bundle(p);
    std::map<std::string, json> by_url;
    for (const auto& a : careplan(b)["activity"])
        for (const auto& e : a["detail"].value("extension", json::array())) by_url[e["url"]] = e;
    const std::string base = "https://rehabplan.example/fhir/StructureDefinition/";
    REQUIRE(by_url.count(base + "hiit-intervals"));
    const json& h = by_url[base + "hiit-intervals"]["extension"];
    CHECK(h[0]["valueDuration"]["value"] == 30);
    CHECK(h[2]["valuePositiveInt"] == 10);
    REQUIRE(by_url.count(base + "concussion-step"));
    CHECK(by_url[base + "concussion-step"]["valuePositiveInt"] == 3);
    REQUIRE(by_url.count(base + "exercise-intensity"));
}

TEST_CASE("fhir: a clinic's tighter weekly volume is the goal") {
    Plan p = test::plan(1);
    p.sessions.push_back(test::aerobic("2026-11-23", 30));
    auto clinic = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"week.volume": {"params": {"min_minutes": 180}}}})");
    REQUIRE(clinic);
    for (const auto& g : resources(bundle(p, "en", clinic.value()), "Goal"))
        if (g["target"][0]["measure"]["coding"][0]["code"] == "82290-8")
            CHECK(g["target"][0]["detailRange"]["low"]["value"] == 180);
}

TEST_CASE("fhir: a plan paused after a stop signal is on hold, with its goals") {
    Plan p = test::plan(2);
    p.sessions.push_back(test::aerobic("2026-11-23", 30));
    CHECK(careplan(bundle(p))["status"] == "active");
    Finding paused;
    paused.rule = "progress.stop_signal";
    paused.severity = Severity::warning;
    paused.message = Text{"Paused.", "Gepauzeerd."};
    p.findings.push_back(paused);
    const json b = bundle(p);
    CHECK(careplan(b)["status"] == "on-hold");
    for (const auto& g : resources(b, "Goal")) CHECK(g["lifecycleStatus"] == "on-hold");
}

namespace {

const std::string sd_base = "https://rehabplan.example/fhir/StructureDefinition/";

// The value of a sub-extension ("ladder", "step", "gate": every one, in order).
std::vector<std::string> sub_values(const json& ext, const std::string& name, const char* value_key) {
    std::vector<std::string> out;
    for (const auto& e : ext["extension"])
        if (e["url"] == name) out.push_back(e[value_key].get<std::string>());
    return out;
}

const json* find_extension(const json& detail, const std::string& name) {
    if (!detail.contains("extension")) return nullptr;
    for (const auto& e : detail["extension"])
        if (e["url"] == sd_base + name) return &e;
    return nullptr;
}

// A concussion return: two step-2 sessions (2A, then 2B) and a sport ladder with a dated
// step 2B and an undated step 5 behind both gates.
Plan ladder_plan() {
    Plan p = test::plan(1);
    p.programme = "concussion_return";
    SessionPlan a = test::aerobic("2026-11-23", 20, 90, 100);
    a.concussion_step = 2;
    a.concussion_stage = "2A";
    SessionPlan b = a;
    b.date = test::d("2026-11-26");
    b.concussion_stage = "2B";
    p.sessions = {a, b};
    ReturnLadderPlan l;
    l.ladder = ReturnLadder::sport;
    l.sport = "hockey";
    ReturnStep dated;
    dated.step = "2B";
    dated.from = test::d("2026-11-26");
    dated.title = "Moderate aerobic exercise";
    dated.description = "Cycling a bit faster.";
    ReturnStep gated;
    gated.step = "5";
    gated.gates = {"symptoms_resolved", "cleared"};
    gated.title = "Full-contact practice";
    gated.description = "Normal training with body contact.";
    l.steps = {dated, gated};
    p.return_ladders.push_back(l);
    return p;
}

}  // namespace

TEST_CASE("fhir: each step of a concussion return's ladder is an activity with the return-step extension") {
    const Plan p = ladder_plan();
    const json b = bundle(p);
    check_no_empty_strings(b);
    std::vector<json> steps;
    for (const auto& a : careplan(b)["activity"])
        if (find_extension(a["detail"], "return-step")) steps.push_back(a["detail"]);
    REQUIRE(steps.size() == 2);
    CHECK(careplan(b)["activity"].back()["detail"] == steps.back());  // after the sessions

    SUBCASE("a dated step is scheduled from its date") {
        const json& d = steps[0];
        const json& ext = *find_extension(d, "return-step");
        CHECK(sub_values(ext, "ladder", "valueCode") == std::vector<std::string>{"sport"});
        CHECK(sub_values(ext, "step", "valueString") == std::vector<std::string>{"2B"});
        CHECK(sub_values(ext, "gate", "valueCode").empty());
        CHECK(d["status"] == "scheduled");
        CHECK(d["scheduledPeriod"] == json{{"start", "2026-11-26"}});
        CHECK_FALSE(d.contains("scheduledTiming"));
        CHECK(d["kind"] == "ServiceRequest");
        CHECK(d["code"]["text"] == "Moderate aerobic exercise");
        const std::string desc = d["description"];
        CHECK(desc.find("Cycling a bit faster.") == 0);
        CHECK(desc.find("From ") != std::string::npos);  // the printed "when" line
        CHECK(d["instantiatesCanonical"][0].get<std::string>().rfind(
                  "https://rehabplan.example/fhir/ActivityDefinition/return-sport|", 0) == 0);
    }
    SUBCASE("an undated step waits for its two gates, not scheduled") {
        const json& d = steps[1];
        const json& ext = *find_extension(d, "return-step");
        CHECK(sub_values(ext, "step", "valueString") == std::vector<std::string>{"5"});
        CHECK(sub_values(ext, "gate", "valueCode") == std::vector<std::string>{"symptoms_resolved", "cleared"});
        CHECK(d["status"] == "not-started");
        CHECK_FALSE(d.contains("scheduledPeriod"));
        CHECK_FALSE(d.contains("scheduledTiming"));
        CHECK(d["code"]["text"] == "Full-contact practice");
        CHECK(d["description"].get<std::string>().find("Not yet") != std::string::npos);
    }
    SUBCASE("the ladder has an ActivityDefinition and a PlanDefinition action, citing concussion.return") {
        const std::string url = "https://rehabplan.example/fhir/ActivityDefinition/return-sport";
        bool defined = false;
        for (const auto& ad : resources(b, "ActivityDefinition"))
            if (ad["url"] == url) {
                defined = true;
                CHECK(ad["name"] == "ReturnSport");
                CHECK(ad["code"]["text"] == "Back to sport, step by step");
                CHECK_FALSE(ad["relatedArtifact"].empty());
            }
        CHECK(defined);
        bool action = false;
        const auto pds = resources(b, "PlanDefinition");
        REQUIRE(pds.size() == 1);
        for (const auto& a : pds[0]["action"])
            action = action || a["definitionCanonical"].get<std::string>().rfind(url + "|", 0) == 0;
        CHECK(action);
    }
    SUBCASE("in Dutch the step's when line is Dutch, the codes and dates the same") {
        const json nl = bundle(p, "nl");
        std::vector<json> nl_steps;
        for (const auto& a : careplan(nl)["activity"])
            if (find_extension(a["detail"], "return-step")) nl_steps.push_back(a["detail"]);
        REQUIRE(nl_steps.size() == 2);
        CHECK(*find_extension(nl_steps[1], "return-step") == *find_extension(steps[1], "return-step"));
        CHECK(nl_steps[0]["scheduledPeriod"] == steps[0]["scheduledPeriod"]);
        CHECK(nl_steps[1]["description"].get<std::string>().find("Nog niet") != std::string::npos);
    }
}

TEST_CASE("fhir: a step-2 session carries its stage (2A, 2B) beside the step, which stays a positiveInt") {
    const json b = bundle(ladder_plan());
    std::vector<std::pair<int, std::string>> seen;
    for (const auto& a : careplan(b)["activity"]) {
        const json& d = a["detail"];
        if (find_extension(d, "return-step")) {
            CHECK_FALSE(find_extension(d, "concussion-stage"));
            continue;
        }
        const json* step = find_extension(d, "concussion-step");
        const json* stage = find_extension(d, "concussion-stage");
        REQUIRE(step);
        REQUIRE(stage);
        CHECK_FALSE(stage->contains("extension"));
        seen.emplace_back((*step)["valuePositiveInt"].get<int>(), (*stage)["valueString"].get<std::string>());
    }
    // 2A and 2B differ only in their stage: still two activities, the Timings give back the sessions.
    CHECK(seen == std::vector<std::pair<int, std::string>>{{2, "2A"}, {2, "2B"}});
    CHECK(expand(b) == sessions_of(ladder_plan()));
}

TEST_CASE("fhir: in a plan paused after a warning sign the steps not yet reached are on hold") {
    Plan p = ladder_plan();
    p.paused = PlanPause{test::d("2026-11-25"), test::d("2026-11-24")};
    p.sessions.resize(1);  // nothing from the pause on
    const json b = bundle(p);
    CHECK(careplan(b)["status"] == "on-hold");
    std::vector<json> steps;
    for (const auto& a : careplan(b)["activity"])
        if (find_extension(a["detail"], "return-step")) steps.push_back(a["detail"]);
    REQUIRE(steps.size() == 2);
    CHECK(steps[0]["status"] == "on-hold");  // dated 26 Nov, after the pause
    CHECK(steps[0]["scheduledPeriod"]["start"] == "2026-11-26");
    CHECK(steps[1]["status"] == "on-hold");
    CHECK_FALSE(steps[1].contains("scheduledPeriod"));
    // A step reached before the pause stays as it was.
    p.return_ladders[0].steps[0].from = test::d("2026-11-23");
    CHECK(careplan(bundle(p))["activity"][1]["detail"]["status"] == "scheduled");
}
