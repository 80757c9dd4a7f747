// INTERIM (plan helper): the library's lookups until the loader (branch i20-lib) lands;
// deleted when i20-lib is merged, which defines these in exercise_library.cpp.
#include <algorithm>

#include "rules/exercise_library.hpp"

namespace rehabplan {

const Exercise* ExerciseLibrary::find(std::string_view id) const {
    for (const Exercise& e : exercises)
        if (e.id == id) return &e;
    return nullptr;
}

std::vector<const Exercise*> ExerciseLibrary::chain(std::string_view name) const {
    std::vector<const Exercise*> out;
    for (const Exercise& e : exercises)
        if (e.chain == name) out.push_back(&e);
    std::stable_sort(out.begin(), out.end(), [](const Exercise* a, const Exercise* b) { return a->level < b->level; });
    return out;
}

std::vector<PatientFact> patient_facts(const Patient& p) {
    std::vector<PatientFact> out;
    if (p.falls_past_year && *p.falls_past_year > 0) out.push_back(PatientFact::falls_recorded);
    if (p.mobility == Mobility::walking_aid) out.push_back(PatientFact::walking_aid);
    if (p.mobility == Mobility::wheelchair) out.push_back(PatientFact::wheelchair);
    if (p.osteoporosis.value_or(false)) out.push_back(PatientFact::osteoporosis);
    return out;
}

std::vector<std::string> unmet_precautions(const ExerciseLibrary& library, const Exercise& exercise, const Patient& patient) {
    const std::vector<PatientFact> facts = patient_facts(patient);
    std::vector<std::string> out;
    for (const std::string& id : exercise.precautions) {
        const auto it = library.precautions.find(id);
        if (it == library.precautions.end()) continue;
        for (PatientFact f : it->second.unsuitable_when)
            if (std::find(facts.begin(), facts.end(), f) != facts.end()) {
                out.push_back(id);
                break;
            }
    }
    return out;
}

const char* to_string(ExerciseCategory c) { return enum_name(c); }
const char* to_string(BodyPosition p) { return enum_name(p); }
const char* to_string(DoseType t) { return enum_name(t); }
const char* to_string(PatientFact f) { return enum_name(f); }

}  // namespace rehabplan
