// Reading data/exercises.json and a clinic's exercise file: every member checked for
// type and range before use, every error with the JSON Pointer of the member.
#include "rules/exercise_library.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "core/json_reader.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

using namespace detail;

const char* to_string(ExerciseCategory c) { return enum_name(c); }
const char* to_string(BodyPosition p) { return enum_name(p); }
const char* to_string(DoseType t) { return enum_name(t); }
const char* to_string(PatientFact f) { return enum_name(f); }

const Exercise* ExerciseLibrary::find(std::string_view id) const {
    for (const auto& e : exercises)
        if (e.id == id) return &e;
    return nullptr;
}

std::vector<const Exercise*> ExerciseLibrary::chain(std::string_view name) const {
    std::vector<const Exercise*> out;
    for (const auto& e : exercises)
        if (e.chain == name) out.push_back(&e);
    // By level, then the file's order (std::sort: stable_sort's buffer would fail silently
    // under memory pressure, and the order is total anyway).
    std::sort(out.begin(), out.end(), [](const Exercise* a, const Exercise* b) {
        return a->level != b->level ? a->level < b->level : std::less<const Exercise*>()(a, b);
    });
    return out;
}

std::vector<PatientFact> patient_facts(const Patient& patient) {
    std::vector<PatientFact> facts;
    if (patient.falls_past_year && *patient.falls_past_year > 0) facts.push_back(PatientFact::falls_recorded);
    if (patient.mobility == Mobility::walking_aid) facts.push_back(PatientFact::walking_aid);
    if (patient.mobility == Mobility::wheelchair) facts.push_back(PatientFact::wheelchair);
    if (patient.osteoporosis.value_or(false)) facts.push_back(PatientFact::osteoporosis);
    return facts;
}

std::vector<std::string> unmet_precautions(const ExerciseLibrary& library, const Exercise& exercise,
                                           const Patient& patient) {
    const std::vector<PatientFact> facts = patient_facts(patient);
    std::vector<std::string> out;
    for (const auto& key : exercise.precautions) {
        auto p = library.precautions.find(key);
        // The loader rejects unknown keys; should one get here, it counts as unsuitable.
        bool unmet = p == library.precautions.end();
        if (!unmet)
            for (PatientFact f : p->second.unsuitable_when)
                if (std::find(facts.begin(), facts.end(), f) != facts.end()) unmet = true;
        if (unmet) out.push_back(key);
    }
    return out;
}

namespace {

// Limits of the format (not clinical values): how long a line may be, how many sets.
constexpr std::size_t kMaxExercises = 1000;
constexpr std::size_t kMaxInstructionChars = 300;
constexpr std::size_t kMinInstructionLines = 3;
constexpr std::size_t kMaxInstructionLines = 5;
constexpr std::size_t kMaxUrlChars = 2000;
constexpr int kMaxAngle = 360;

[[noreturn]] void rules_fail(const std::string& path, const std::string& msg) { fail(path, msg, ErrorCode::rules_error); }

template <class E>
std::vector<E> read_enum_list(ObjectReader& r, const char* key, std::size_t max_items, bool required) {
    std::vector<E> out;
    const json* a = r.array(key, 0, max_items, required);
    if (!a) return out;
    const std::string path = child_path(r.path(), key);
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(as_enum_value<E>((*a)[i], child_path(path, i)));
    require_unique_strings(*a, path);
    return out;
}

std::vector<std::string> read_lines(const json& v, const std::string& path) {
    if (!v.is_array()) fail(path, "expected an array of instruction lines, got " + describe_value(v));
    if (v.size() < kMinInstructionLines || v.size() > kMaxInstructionLines)
        fail(path, "expected " + std::to_string(kMinInstructionLines) + "-" + std::to_string(kMaxInstructionLines) +
                       " instruction lines, got " + std::to_string(v.size()));
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::string s = as_string(v[i], child_path(path, i), kMaxInstructionChars);
        if (s.find_first_not_of(" \t") == std::string::npos) fail(child_path(path, i), "expected a non-empty line");
        lines.push_back(std::move(s));
    }
    return lines;
}

ExerciseDefaultDose read_dose(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    ExerciseDefaultDose d;
    d.type = *read_enum<DoseType>(r, "type", true);
    d.sets = static_cast<int>(*r.integer("sets", 1, 10, true));
    d.amount = static_cast<int>(*r.integer("amount", 1, 600, true));
    d.rest_seconds = static_cast<int>(*r.integer("rest_seconds", 0, 600, true));
    d.per_side = r.boolean("per_side", false).value_or(false);
    r.finish();
    return d;
}

std::array<int, 2> read_segment_pair(ObjectReader& r, const char* key) {
    const json* a = r.array(key, 2, 2, true);
    const std::string path = child_path(r.path(), key);
    return {static_cast<int>(as_integer((*a)[0], child_path(path, 0), -kMaxAngle, kMaxAngle)),
            static_cast<int>(as_integer((*a)[1], child_path(path, 1), -kMaxAngle, kMaxAngle))};
}

Pose read_pose_frame(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Pose p;
    p.trunk = static_cast<int>(*r.integer("trunk", -kMaxAngle, kMaxAngle, true));
    p.head = static_cast<int>(*r.integer("head", -kMaxAngle, kMaxAngle, true));
    p.arm_near = read_segment_pair(r, "arm_near");
    p.arm_far = read_segment_pair(r, "arm_far");
    p.leg_near = read_segment_pair(r, "leg_near");
    p.leg_far = read_segment_pair(r, "leg_far");
    r.finish();
    return p;
}

ExercisePose read_pose(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    ExercisePose p;
    if (const json* props = r.array("props", 0, 8, false)) {
        for (std::size_t i = 0; i < props->size(); ++i)
            p.props.push_back(as_enum((*props)[i], child_path(path + "/props", i),
                                      {"chair", "wall", "step", "band", "weights", "bike", "mat", "support"}));
        require_unique_strings(*props, path + "/props");
    }
    p.start = read_pose_frame(*r.object("start", true), path + "/start");
    p.end = read_pose_frame(*r.object("end", true), path + "/end");
    r.finish();
    return p;
}

std::string read_video_url(ObjectReader& r) {
    auto url = r.string("video_url", false, kMaxUrlChars);
    if (!url) return "";
    const std::string path = r.path() + "/video_url";
    const std::string scheme = "https://";
    if (url->compare(0, scheme.size(), scheme) != 0 || url->size() == scheme.size())
        fail(path, "expected an https:// address, got \"" + url->substr(0, 80) + "\"");
    for (unsigned char c : *url)
        if (c <= 0x20 || c == 0x7f) fail(path, "expected an address without spaces or control characters");
    return *url;
}

std::vector<std::string> read_keys(ObjectReader& r, const char* key, std::size_t min_items,
                                   const std::map<std::string, std::string>* references,
                                   const std::map<std::string, Precaution>* precautions) {
    const json* a = r.array(key, min_items, 20, true);
    const std::string path = child_path(r.path(), key);
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string ip = child_path(path, i);
        std::string k = as_identifier((*a)[i], ip);
        if (references && !references->count(k))
            rules_fail(ip, "unknown reference \"" + k + "\"; add it to /references of the rule set");
        if (precautions && !precautions->count(k))
            rules_fail(ip, "unknown precaution \"" + k + "\"; add it to /precautions");
        keys.push_back(std::move(k));
    }
    require_unique_strings(*a, path);
    return keys;
}

Exercise read_exercise(const json& v, const std::string& path, const std::map<std::string, std::string>& references,
                       const std::map<std::string, Precaution>& precautions) {
    ObjectReader r(v, path);
    Exercise e;
    e.id = *r.identifier("id", true);
    e.name = as_text(*r.object("name", true), path + "/name");
    {
        ObjectReader ir(*r.object("instructions", true), path + "/instructions");
        const json* en = ir.get("en");
        if (!en) fail(path + "/instructions/en", "missing required field; expected 3-5 instruction lines");
        e.instructions_en = read_lines(*en, path + "/instructions/en");
        const json* nl = ir.get("nl");
        if (!nl) fail(path + "/instructions/nl", "missing required field; expected 3-5 instruction lines");
        e.instructions_nl = read_lines(*nl, path + "/instructions/nl");
        if (e.instructions_nl.size() != e.instructions_en.size())
            fail(path + "/instructions/nl", "expected as many lines as in English (" +
                                                std::to_string(e.instructions_en.size()) + "), got " +
                                                std::to_string(e.instructions_nl.size()));
        ir.finish();
    }
    e.category = *read_enum<ExerciseCategory>(r, "category", true);
    e.position = *read_enum<BodyPosition>(r, "position", true);
    if (const json* eq = r.array("equipment", 0, 6, true)) {
        for (std::size_t i = 0; i < eq->size(); ++i)
            e.equipment.push_back(as_enum((*eq)[i], child_path(path + "/equipment", i),
                                          {"chair", "wall", "step", "band", "weights", "bike"}));
        require_unique_strings(*eq, path + "/equipment");
    }
    e.dose = read_dose(*r.object("dose", true), path + "/dose");
    e.chain = *r.identifier("chain", true);
    e.level = static_cast<int>(*r.integer("level", 1, 20, true));
    e.precautions = read_keys(r, "precautions", 0, nullptr, &precautions);
    e.conditions = read_enum_list<ConditionType>(r, "conditions", 10, true);
    e.sources = read_keys(r, "sources", 1, &references, nullptr);
    e.unilateral = r.boolean("unilateral", false).value_or(false);
    const bool dual = e.category == ExerciseCategory::dual_task;
    if (!dual) r.forbid("cognitive_task", "only a dual_task exercise names a cognitive task");
    else e.cognitive_task = as_text(*r.object("cognitive_task", true), path + "/cognitive_task");
    e.video_url = read_video_url(r);
    e.pose = read_pose(*r.object("pose", true), path + "/pose");
    r.finish();
    return e;
}

Precaution read_precaution(const json& v, const std::string& path, const std::string& id) {
    ObjectReader r(v, path);
    Precaution p;
    p.id = id;
    p.text = as_text(*r.object("text", true), path + "/text");
    p.unsuitable_when = read_enum_list<PatientFact>(r, "unsuitable_when", 4, true);
    r.finish();
    return p;
}

std::string precaution_path(const std::string& key) { return child_path("/precautions", key); }

void read_precautions(const json& v, std::map<std::string, Precaution>& into) {
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string path = precaution_path(it.key());
        as_identifier(it.key(), path);
        into[it.key()] = read_precaution(it.value(), path, it.key());
    }
}

// Where an exercise came from: its path in the document being read, "" for one of the
// base library (whose errors were reported when it was loaded).
struct Placed {
    const Exercise* exercise;
    std::string path;
};

// Unique IDs; each chain one category with levels 1..n. An error is reported at an
// exercise of the document being read, so a clinic file's error points into the clinic file.
void check_library(const std::vector<Placed>& all) {
    std::map<std::string, const Placed*> ids;
    std::map<std::string, std::vector<const Placed*>> chains;
    std::vector<std::string> chain_order;
    for (const auto& p : all) {
        if (!ids.emplace(p.exercise->id, &p).second)
            fail(p.path + "/id", "duplicate exercise ID \"" + p.exercise->id + "\"");
        auto& c = chains[p.exercise->chain];
        if (c.empty()) chain_order.push_back(p.exercise->chain);
        c.push_back(&p);
    }
    for (const auto& name : chain_order) {
        auto members = chains[name];
        std::sort(members.begin(), members.end(), [](const Placed* a, const Placed* b) {
            return a->exercise->level != b->exercise->level ? a->exercise->level < b->exercise->level
                                                            : std::less<const Placed*>()(a, b);
        });
        auto report_at = [&](const Placed* culprit) {
            if (!culprit->path.empty()) return culprit->path;
            for (const Placed* m : members)
                if (!m->path.empty()) return m->path;
            return culprit->path;
        };
        for (std::size_t i = 0; i < members.size(); ++i) {
            const Exercise& e = *members[i]->exercise;
            if (e.category != members[0]->exercise->category)
                rules_fail(report_at(members[i]) + "/category",
                           "chain \"" + name + "\" mixes categories: " + to_string(e.category) + " (" + e.id + ") and " +
                               to_string(members[0]->exercise->category) + " (" + members[0]->exercise->id + ")");
            if (e.level != static_cast<int>(i) + 1)
                rules_fail(report_at(members[i]) + "/level",
                           "chain \"" + name + "\" must have levels 1.." + std::to_string(members.size()) +
                               ", each once; " + e.id + " has level " + std::to_string(e.level) +
                               (i > 0 && members[i - 1]->exercise->level == e.level
                                    ? " as " + members[i - 1]->exercise->id + " has"
                                    : " where " + std::to_string(i + 1) + " is expected"));
        }
    }
}

ExerciseLibrary read_library(const json& doc, const RuleSet& rules) {
    ObjectReader r(doc, "");
    r.integer("schema_version", 1, 1, true);
    r.string("description", false, 2000);
    ExerciseLibrary lib;
    read_precautions(*r.object("precautions", true), lib.precautions);
    const json* list = r.array("exercises", 1, kMaxExercises, true);
    for (std::size_t i = 0; i < list->size(); ++i)
        lib.exercises.push_back(read_exercise((*list)[i], child_path("/exercises", i), rules.references, lib.precautions));
    r.finish();
    std::vector<Placed> placed;
    for (std::size_t i = 0; i < lib.exercises.size(); ++i)
        placed.push_back({&lib.exercises[i], child_path("/exercises", i)});
    check_library(placed);
    return lib;
}

// ---- clinic files ---------------------------------------------------------------

void overlay_references(RuleSet& set, const json& refs) {
    for (auto it = refs.begin(); it != refs.end(); ++it) {
        const std::string path = child_path("/references", it.key());
        as_identifier(it.key(), path);
        std::string text = as_string(it.value(), path, 1000);
        auto old = set.references.find(it.key());
        if (old != set.references.end() && old->second != text)
            rules_fail(path, "cannot change reference \"" + it.key() + "\"; add a new key instead");
        set.references[it.key()] = std::move(text);
    }
}

// New precautions are added; a known one may be reworded and gain facts, never lose one.
void overlay_precautions(ExerciseLibrary& lib, const json& v) {
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string path = precaution_path(it.key());
        as_identifier(it.key(), path);
        Precaution p = read_precaution(it.value(), path, it.key());
        auto old = lib.precautions.find(it.key());
        if (old != lib.precautions.end())
            for (PatientFact f : old->second.unsuitable_when)
                if (std::find(p.unsuitable_when.begin(), p.unsuitable_when.end(), f) == p.unsuitable_when.end())
                    rules_fail(path + "/unsuitable_when", "cannot remove \"" + std::string(to_string(f)) +
                                                              "\" from precaution \"" + it.key() +
                                                              "\"; a clinic file may only add facts");
        lib.precautions[it.key()] = std::move(p);
    }
}

// A replacement keeps its place in the chain and every precaution of the one it replaces.
void check_replacement(const Exercise& given, const Exercise& old, const std::string& path) {
    if (given.chain != old.chain)
        rules_fail(path + "/chain", "cannot move built-in exercise \"" + old.id + "\" to another chain (\"" + old.chain + "\")");
    if (given.level != old.level)
        rules_fail(path + "/level", "cannot change the level of built-in exercise \"" + old.id + "\" (" +
                                        std::to_string(old.level) + ")");
    if (given.category != old.category)
        rules_fail(path + "/category", "cannot change the category of built-in exercise \"" + old.id + "\" (" +
                                           to_string(old.category) + ")");
    for (const auto& p : old.precautions)
        if (std::find(given.precautions.begin(), given.precautions.end(), p) == given.precautions.end())
            rules_fail(path + "/precautions", "cannot drop precaution \"" + p + "\" of built-in exercise \"" + old.id +
                                                  "\"; a clinic file may only add precautions");
}

RuleSet overlay(const RuleSet& base, const json& doc) {
    RuleSet set = base;
    ExerciseLibrary& lib = set.exercises;
    ObjectReader r(doc, "");
    r.integer("schema_version", 1, 1, true);
    r.string("description", false, 2000);
    if (const json* refs = r.object("references", false)) overlay_references(set, *refs);
    if (const json* p = r.object("precautions", false)) overlay_precautions(lib, *p);
    std::vector<std::string> paths(lib.exercises.size());
    if (const json* list = r.array("exercises", 0, kMaxExercises, false)) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = child_path("/exercises", i);
            Exercise e = read_exercise((*list)[i], path, set.references, lib.precautions);
            e.origin = "clinic";
            if (!seen.insert(e.id).second) fail(path + "/id", "duplicate exercise ID \"" + e.id + "\"");
            auto old = std::find_if(lib.exercises.begin(), lib.exercises.end(),
                                    [&](const Exercise& x) { return x.id == e.id; });
            if (old != lib.exercises.end()) {
                check_replacement(e, *old, path);
                paths[static_cast<std::size_t>(old - lib.exercises.begin())] = path;
                *old = std::move(e);
            } else {
                lib.exercises.push_back(std::move(e));
                paths.push_back(path);
            }
        }
    }
    r.finish();
    std::vector<Placed> placed;
    for (std::size_t i = 0; i < lib.exercises.size(); ++i) placed.push_back({&lib.exercises[i], paths[i]});
    check_library(placed);
    return set;
}

}  // namespace

Result<ExerciseLibrary> parse_exercise_library(std::string_view text, const RuleSet& rules) {
    return guarded<ExerciseLibrary>([&] { return read_library(parse_document(text), rules); });
}

Result<RuleSet> apply_clinic_exercises(const RuleSet& base, std::string_view text) {
    return guarded<RuleSet>([&] { return overlay(base, parse_document(text)); });
}

}  // namespace rehabplan
