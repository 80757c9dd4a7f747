// The exercise library's loader (schema/README.md, "The exercise library"): every check
// of the format with the JSON Pointer of its error, the built-in data, and a clinic's
// exercise file that may add but never loosen.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "rules/exercise_library.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

json pose_frame() {
    return {{"trunk", 180}, {"head", 180}, {"arm_near", {0, 0}}, {"arm_far", {0, 0}},
            {"leg_near", {0, 0}}, {"leg_far", {0, 0}}};
}

json exercise(const std::string& id, const std::string& chain, int level, const std::string& category = "strength_lower") {
    json e = {{"id", id},
              {"name", {{"en", "Name " + id}, {"nl", "Naam " + id}}},
              {"instructions", {{"en", {"one", "two", "three"}}, {"nl", {"een", "twee", "drie"}}}},
              {"category", category},
              {"position", "standing"},
              {"equipment", {"chair"}},
              {"dose", {{"type", "repetitions"}, {"sets", 2}, {"amount", 10}, {"rest_seconds", 60}, {"per_side", false}}},
              {"chain", chain},
              {"level", level},
              {"precautions", {"standing"}},
              {"conditions", json::array()},
              {"sources", {"acsm"}},
              {"unilateral", false},
              {"pose", {{"props", {"chair"}}, {"start", pose_frame()}, {"end", pose_frame()}}}};
    if (category == "dual_task") e["cognitive_task"] = {{"en", "Count back"}, {"nl", "Tel terug"}};
    return e;
}

// Three exercises: a chain of two and a dual-task one.
json library() {
    return {{"schema_version", 1},
            {"description", "test"},
            {"precautions",
             {{"standing", {{"text", {{"en", "Standing."}, {"nl", "Staand."}}}, {"unsuitable_when", {"wheelchair"}}}},
              {"no_support",
               {{"text", {{"en", "No support."}, {"nl", "Geen steun."}}},
                {"unsuitable_when", {"falls_recorded", "walking_aid"}}}}}},
            {"exercises", {exercise("sts1", "sts", 1), exercise("sts2", "sts", 2), exercise("walk_talk", "walk_talk", 1, "dual_task")}}};
}

Result<ExerciseLibrary> parse(const json& doc) { return parse_exercise_library(doc.dump(), builtin_rules()); }

// The library `doc` fails with `code` at `path`.
void check_error(const json& doc, const std::string& path, ErrorCode code = ErrorCode::schema_error) {
    auto r = parse(doc);
    REQUIRE_FALSE(r.ok());
    INFO(r.error().describe());
    CHECK(r.error().path == path);
    CHECK(r.error().code == code);
}

RuleSet base_set() {
    RuleSet set = builtin_rules();
    auto lib = parse(library());
    REQUIRE(lib.ok());
    set.exercises = lib.value();
    return set;
}

Result<RuleSet> clinic(const json& doc) { return apply_clinic_exercises(base_set(), doc.dump()); }

void check_clinic_error(const json& doc, const std::string& path, ErrorCode code = ErrorCode::rules_error) {
    auto r = clinic(doc);
    REQUIRE_FALSE(r.ok());
    INFO(r.error().describe());
    CHECK(r.error().path == path);
    CHECK(r.error().code == code);
}

json clinic_doc() { return {{"schema_version", 1}}; }

}  // namespace

TEST_CASE("exercise library: a valid library is read with every member") {
    auto r = parse(library());
    REQUIRE(r.ok());
    const ExerciseLibrary& lib = r.value();
    REQUIRE(lib.exercises.size() == 3);
    const Exercise* e = lib.find("sts2");
    REQUIRE(e != nullptr);
    CHECK(e->name.nl == "Naam sts2");
    CHECK(e->instructions_en.size() == 3);
    CHECK(e->dose.type == DoseType::repetitions);
    CHECK(e->dose.sets == 2);
    CHECK(e->dose.amount == 10);
    CHECK(e->level == 2);
    CHECK(e->origin.empty());
    CHECK(e->pose.props == std::vector<std::string>{"chair"});
    CHECK(lib.find("missing") == nullptr);
    auto chain = lib.chain("sts");
    REQUIRE(chain.size() == 2);
    CHECK(chain[0]->id == "sts1");
    CHECK(chain[1]->id == "sts2");
    CHECK(lib.find("walk_talk")->cognitive_task->en == "Count back");
    CHECK(lib.precautions.at("no_support").unsuitable_when.size() == 2);
}

TEST_CASE("exercise library: the built-in data loads into builtin_rules()") {
    const ExerciseLibrary& lib = builtin_rules().exercises;
    REQUIRE_FALSE(lib.exercises.empty());
    for (const auto& e : lib.exercises) {
        CAPTURE(e.id);
        CHECK(lib.find(e.id) == &e);
        CHECK(!lib.chain(e.chain).empty());
        for (const auto& s : e.sources) CHECK(builtin_rules().references.count(s) == 1);
    }
    // The same text parses to the same library (deterministic, nothing depends on order of maps).
    auto again = parse_exercise_library(test::read_file("data/exercises.json"), builtin_rules());
    REQUIRE(again.ok());
    CHECK(again.value().exercises.size() == lib.exercises.size());
}

TEST_CASE("exercise library: vocabularies are checked with the member's path") {
    json doc = library();
    doc["exercises"][1]["category"] = "cardio";
    check_error(doc, "/exercises/1/category");
    doc = library();
    doc["exercises"][0]["position"] = "kneeling";
    check_error(doc, "/exercises/0/position");
    doc = library();
    doc["exercises"][0]["equipment"] = {"chair", "rope"};
    check_error(doc, "/exercises/0/equipment/1");
    doc = library();
    doc["exercises"][0]["equipment"] = {"chair", "chair"};
    check_error(doc, "/exercises/0/equipment/1");
    doc = library();
    doc["exercises"][0]["dose"]["type"] = "kilometres";
    check_error(doc, "/exercises/0/dose/type");
    doc = library();
    doc["exercises"][0]["conditions"] = {"flu"};
    check_error(doc, "/exercises/0/conditions/0");
    doc = library();
    doc["exercises"][0]["pose"]["props"] = {"ball"};
    check_error(doc, "/exercises/0/pose/props/0");
    doc = library();
    doc["precautions"]["standing"]["unsuitable_when"] = {"diabetes"};
    check_error(doc, "/precautions/standing/unsuitable_when/0");
    doc = library();
    doc["exercises"][0]["id"] = "Sit To Stand";
    check_error(doc, "/exercises/0/id");
}

TEST_CASE("exercise library: unknown members are rejected") {
    json doc = library();
    doc["exercises"][2]["colour"] = "red";
    check_error(doc, "/exercises/2/colour");
    doc = library();
    doc["exercises"][0]["dose"]["load"] = 2;
    check_error(doc, "/exercises/0/dose/load");
    doc = library();
    doc["extra"] = 1;
    check_error(doc, "/extra");
    doc = library();
    doc["exercises"][0]["pose"]["start"]["knee"] = 3;
    check_error(doc, "/exercises/0/pose/start/knee");
}

TEST_CASE("exercise library: 3-5 instruction lines, as many in Dutch as in English") {
    json doc = library();
    doc["exercises"][0]["instructions"]["en"] = {"one", "two"};
    check_error(doc, "/exercises/0/instructions/en");
    doc["exercises"][0]["instructions"]["en"] = {"1", "2", "3", "4", "5", "6"};
    check_error(doc, "/exercises/0/instructions/en");
    doc = library();
    doc["exercises"][0]["instructions"]["en"] = {"1", "2", "3", "4", "5"};
    check_error(doc, "/exercises/0/instructions/nl");
    doc["exercises"][0]["instructions"]["nl"] = {"1", "2", "3", "4", "5"};
    CHECK(parse(doc).ok());
    doc["exercises"][0]["instructions"]["nl"] = {"1", "2", "3", "4"};
    check_error(doc, "/exercises/0/instructions/nl");
    doc = library();
    doc["exercises"][0]["instructions"]["nl"][1] = " ";
    check_error(doc, "/exercises/0/instructions/nl/1");
    doc = library();
    doc["exercises"][0]["instructions"]["nl"][1] = 7;
    check_error(doc, "/exercises/0/instructions/nl/1");
    doc = library();
    doc["exercises"][0]["instructions"].erase("nl");
    check_error(doc, "/exercises/0/instructions/nl");
}

TEST_CASE("exercise library: numbers are checked for type and range before conversion") {
    json doc = library();
    doc["exercises"][0]["dose"]["sets"] = 0;
    check_error(doc, "/exercises/0/dose/sets");
    doc["exercises"][0]["dose"]["sets"] = 1e300;
    check_error(doc, "/exercises/0/dose/sets");
    doc["exercises"][0]["dose"]["sets"] = 2.5;
    check_error(doc, "/exercises/0/dose/sets");
    doc = library();
    doc["exercises"][0]["dose"]["amount"] = 0;
    check_error(doc, "/exercises/0/dose/amount");
    doc = library();
    doc["exercises"][0]["dose"]["rest_seconds"] = -1;
    check_error(doc, "/exercises/0/dose/rest_seconds");
    doc = library();
    doc["exercises"][0]["level"] = 0;
    check_error(doc, "/exercises/0/level");
    doc = library();
    doc["exercises"][0]["level"] = "1";
    check_error(doc, "/exercises/0/level");
}

TEST_CASE("exercise library: pose angles lie in -360..360") {
    json doc = library();
    doc["exercises"][0]["pose"]["start"]["trunk"] = 360;
    doc["exercises"][0]["pose"]["end"]["leg_far"] = {-360, 0};
    CHECK(parse(doc).ok());
    doc["exercises"][0]["pose"]["start"]["trunk"] = 361;
    check_error(doc, "/exercises/0/pose/start/trunk");
    doc = library();
    doc["exercises"][0]["pose"]["end"]["leg_far"] = {0, -361};
    check_error(doc, "/exercises/0/pose/end/leg_far/1");
    doc = library();
    doc["exercises"][0]["pose"]["end"]["arm_near"] = {0, 0, 0};
    check_error(doc, "/exercises/0/pose/end/arm_near");
    doc = library();
    doc["exercises"][0]["pose"]["end"]["head"] = 90.5;
    check_error(doc, "/exercises/0/pose/end/head");
    doc = library();
    doc["exercises"][0]["pose"].erase("end");
    check_error(doc, "/exercises/0/pose/end");
}

TEST_CASE("exercise library: chains have levels 1..n, each once, and one category") {
    json doc = library();
    doc["exercises"][1]["level"] = 3;
    check_error(doc, "/exercises/1/level", ErrorCode::rules_error);
    doc = library();
    doc["exercises"][1]["level"] = 1;
    check_error(doc, "/exercises/1/level", ErrorCode::rules_error);
    doc = library();
    doc["exercises"][0]["level"] = 2;
    doc["exercises"][1]["level"] = 1;
    CHECK(parse(doc).ok());  // the file's order need not follow the levels
    doc = library();
    doc["exercises"][1]["category"] = "strength_upper";
    check_error(doc, "/exercises/1/category", ErrorCode::rules_error);
    doc = library();
    doc["exercises"][2]["id"] = "sts1";
    check_error(doc, "/exercises/2/id");
}

TEST_CASE("exercise library: cognitive_task if and only if dual_task") {
    json doc = library();
    doc["exercises"][2].erase("cognitive_task");
    check_error(doc, "/exercises/2/cognitive_task");
    doc = library();
    doc["exercises"][0]["cognitive_task"] = {{"en", "Count"}, {"nl", "Tel"}};
    check_error(doc, "/exercises/0/cognitive_task");
    doc = library();
    doc["exercises"][2]["cognitive_task"].erase("nl");
    check_error(doc, "/exercises/2/cognitive_task/nl");
}

TEST_CASE("exercise library: precaution and source keys must be known") {
    json doc = library();
    doc["exercises"][1]["precautions"] = {"standing", "no_ladders"};
    check_error(doc, "/exercises/1/precautions/1", ErrorCode::rules_error);
    doc = library();
    doc["exercises"][1]["sources"] = {"acsm", "my_blog"};
    check_error(doc, "/exercises/1/sources/1", ErrorCode::rules_error);
    doc = library();
    doc["exercises"][1]["sources"] = json::array();
    check_error(doc, "/exercises/1/sources");
    doc = library();
    doc["exercises"][1]["precautions"] = {"standing", "standing"};
    check_error(doc, "/exercises/1/precautions/1");
}

TEST_CASE("exercise library: video_url is https only") {
    json doc = library();
    doc["exercises"][0]["video_url"] = "https://clinic.example/videos/sts";
    auto r = parse(doc);
    REQUIRE(r.ok());
    CHECK(r.value().exercises[0].video_url == "https://clinic.example/videos/sts");
    doc["exercises"][0]["video_url"] = "http://clinic.example/videos/sts";
    check_error(doc, "/exercises/0/video_url");
    doc["exercises"][0]["video_url"] = "javascript:alert(1)";
    check_error(doc, "/exercises/0/video_url");
    doc["exercises"][0]["video_url"] = "https://";
    check_error(doc, "/exercises/0/video_url");
    doc["exercises"][0]["video_url"] = "https://a b";
    check_error(doc, "/exercises/0/video_url");
}

TEST_CASE("exercise library: not JSON, too deep or the wrong top-level type") {
    auto r = parse_exercise_library("{", builtin_rules());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::parse_error);
    check_error(json::array(), "");
    json doc = library();
    doc["schema_version"] = 2;
    check_error(doc, "/schema_version");
    doc = library();
    doc["exercises"] = json::array();
    check_error(doc, "/exercises");
}

TEST_CASE("exercise library: patient facts and the precautions a patient meets") {
    auto r = parse(library());
    REQUIRE(r.ok());
    const ExerciseLibrary& lib = r.value();
    Exercise e = *lib.find("sts1");
    e.precautions = {"standing", "no_support"};
    Patient p = test::adult();
    CHECK(patient_facts(p).empty());
    CHECK(unmet_precautions(lib, e, p).empty());
    p.falls_past_year = 0;
    CHECK(unmet_precautions(lib, e, p).empty());
    p.falls_past_year = 1;
    CHECK(patient_facts(p) == std::vector<PatientFact>{PatientFact::falls_recorded});
    CHECK(unmet_precautions(lib, e, p) == std::vector<std::string>{"no_support"});
    p.falls_past_year.reset();
    p.mobility = Mobility::wheelchair;
    CHECK(unmet_precautions(lib, e, p) == std::vector<std::string>{"standing"});
    p.mobility = Mobility::walking_aid;
    CHECK(unmet_precautions(lib, e, p) == std::vector<std::string>{"no_support"});
    p.mobility = Mobility::independent;
    p.osteoporosis = true;
    CHECK(patient_facts(p) == std::vector<PatientFact>{PatientFact::osteoporosis});
    CHECK(unmet_precautions(lib, e, p).empty());
    e.precautions.push_back("unknown_key");
    CHECK(unmet_precautions(lib, e, p) == std::vector<std::string>{"unknown_key"});
}

TEST_CASE("exercise library: names of the enums") {
    CHECK(std::string(to_string(ExerciseCategory::motor_control)) == "motor_control");
    CHECK(std::string(to_string(BodyPosition::lying)) == "lying");
    CHECK(std::string(to_string(DoseType::seconds)) == "seconds");
    CHECK(std::string(to_string(PatientFact::walking_aid)) == "walking_aid");
}

TEST_CASE("clinic exercises: add an exercise, a precaution and a reference") {
    json doc = clinic_doc();
    doc["references"]["clinic2026"] = "Our clinic's protocol, 2026.";
    doc["precautions"]["supervised"] = {{"text", {{"en", "Only with the therapist."}, {"nl", "Alleen met de therapeut."}}},
                                        {"unsuitable_when", json::array()}};
    json e = exercise("sts3", "sts", 3);
    e["sources"] = {"clinic2026"};
    e["precautions"] = {"standing", "supervised"};
    e["video_url"] = "https://clinic.example/sts3";
    doc["exercises"] = {e};
    auto r = clinic(doc);
    REQUIRE(r.ok());
    const ExerciseLibrary& lib = r.value().exercises;
    REQUIRE(lib.find("sts3") != nullptr);
    CHECK(lib.find("sts3")->origin == "clinic");
    CHECK(lib.find("sts3")->video_url == "https://clinic.example/sts3");
    CHECK(lib.chain("sts").size() == 3);
    CHECK(r.value().references.count("clinic2026") == 1);
    CHECK(lib.precautions.count("supervised") == 1);
    // An empty file changes nothing.
    auto empty = clinic(clinic_doc());
    REQUIRE(empty.ok());
    CHECK(empty.value().exercises.exercises.size() == 3);
}

TEST_CASE("clinic exercises: replace a built-in exercise keeping its place and precautions") {
    json doc = clinic_doc();
    json e = exercise("sts2", "sts", 2);
    e["name"]["en"] = "Clinic sit to stand";
    e["precautions"] = {"standing", "no_support"};
    doc["exercises"] = {e};
    auto r = clinic(doc);
    REQUIRE(r.ok());
    const ExerciseLibrary& lib = r.value().exercises;
    CHECK(lib.exercises.size() == 3);
    CHECK(lib.exercises[1].id == "sts2");  // keeps its place in the order
    CHECK(lib.exercises[1].name.en == "Clinic sit to stand");
    CHECK(lib.exercises[1].origin == "clinic");

    e["precautions"] = json::array();
    doc["exercises"] = {e};
    check_clinic_error(doc, "/exercises/0/precautions");
    e = exercise("sts2", "sts", 1);
    doc["exercises"] = {e};
    check_clinic_error(doc, "/exercises/0/level");
    e = exercise("sts2", "other", 2);
    doc["exercises"] = {e};
    check_clinic_error(doc, "/exercises/0/chain");
    e = exercise("sts2", "sts", 2, "strength_upper");
    doc["exercises"] = {e};
    check_clinic_error(doc, "/exercises/0/category");
}

TEST_CASE("clinic exercises: precautions may gain facts, never lose one") {
    json doc = clinic_doc();
    doc["precautions"]["no_support"] = {{"text", {{"en", "Hold on."}, {"nl", "Houd vast."}}},
                                        {"unsuitable_when", {"falls_recorded", "walking_aid", "wheelchair"}}};
    auto r = clinic(doc);
    REQUIRE(r.ok());
    CHECK(r.value().exercises.precautions.at("no_support").unsuitable_when.size() == 3);
    doc["precautions"]["no_support"]["unsuitable_when"] = {"falls_recorded"};
    check_clinic_error(doc, "/precautions/no_support/unsuitable_when");
}

TEST_CASE("clinic exercises: the merged library is checked") {
    json doc = clinic_doc();
    doc["exercises"] = {exercise("sts4", "sts", 4)};
    check_clinic_error(doc, "/exercises/0/level");
    doc["exercises"] = {exercise("sts3", "sts", 3, "balance")};
    check_clinic_error(doc, "/exercises/0/category");
    doc["exercises"] = {exercise("sts3", "sts", 3), exercise("sts3", "sts", 3)};
    check_clinic_error(doc, "/exercises/1/id", ErrorCode::schema_error);
    json e = exercise("new_one", "new_one", 1);
    e["sources"] = {"unknown_ref"};
    doc["exercises"] = {e};
    check_clinic_error(doc, "/exercises/0/sources/0");
    doc = clinic_doc();
    doc["references"]["acsm"] = "Something else";
    check_clinic_error(doc, "/references/acsm");
    doc = clinic_doc();
    doc["rules"] = json::object();
    check_clinic_error(doc, "/rules", ErrorCode::schema_error);
}
