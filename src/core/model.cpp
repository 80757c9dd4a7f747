// Small helpers of the patient and plan model.
#include <algorithm>
#include <cstdint>

#include "core/patient.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"

namespace rehabplan {

std::string text_digest(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 0xF];
    return out;
}

bool Patient::has(ConditionType t) const { return find(t) != nullptr; }

const Condition* Patient::find(ConditionType t) const {
    for (const auto& c : conditions)
        if (c.type == t) return &c;
    return nullptr;
}

const char* to_string(Sex s) {
    switch (s) {
        case Sex::female: return "female";
        case Sex::male: return "male";
        case Sex::other: return "other";
    }
    return "other";
}

const char* to_string(ConditionType t) {
    switch (t) {
        case ConditionType::stroke: return "stroke";
        case ConditionType::tbi: return "tbi";
        case ConditionType::concussion: return "concussion";
        case ConditionType::dementia: return "dementia";
        case ConditionType::parkinson: return "parkinson";
        case ConditionType::chronic_pain: return "chronic_pain";
    }
    return "";
}

const char* to_string(TbiSeverity s) {
    switch (s) {
        case TbiSeverity::mild: return "mild";
        case TbiSeverity::moderate: return "moderate";
        case TbiSeverity::severe: return "severe";
    }
    return "";
}

PlanPatient plan_patient(const Patient& patient) {
    PlanPatient who;
    who.id = patient.id;
    who.age = patient.age;
    for (const Condition& c : patient.conditions) who.conditions.push_back(c.type);
    who.beta_blocker = patient.beta_blocker;
    return who;
}

bool is_training(SessionType t) {
    return t == SessionType::aerobic || t == SessionType::strength || t == SessionType::balance ||
           t == SessionType::hiit || t == SessionType::dual_task;
}

int longest_bout_minutes(const SessionPlan& s) {
    // Warm-up and cool-down keep the patient moving; only a rest block breaks a bout.
    int longest = 0, run = 0;
    for (const auto& b : s.blocks) {
        run = b.kind == BlockKind::rest ? 0 : run + b.minutes;
        longest = std::max(longest, run);
    }
    return s.blocks.empty() ? s.minutes : longest;
}

const char* to_string(SessionType t) {
    switch (t) {
        case SessionType::aerobic: return "aerobic";
        case SessionType::strength: return "strength";
        case SessionType::balance: return "balance";
        case SessionType::hiit: return "hiit";
        case SessionType::dual_task: return "dual_task";
        case SessionType::mobility: return "mobility";
        case SessionType::relaxation: return "relaxation";
        case SessionType::education: return "education";
        case SessionType::exposure: return "exposure";
    }
    return "";
}

const char* to_string(IntensityClass c) {
    switch (c) {
        case IntensityClass::light: return "light";
        case IntensityClass::moderate: return "moderate";
        case IntensityClass::vigorous: return "vigorous";
    }
    return "";
}

const char* to_string(BlockKind k) {
    switch (k) {
        case BlockKind::warm_up: return "warm_up";
        case BlockKind::main: return "main";
        case BlockKind::cool_down: return "cool_down";
        case BlockKind::balance: return "balance";
        case BlockKind::cognitive: return "cognitive";
        case BlockKind::strength: return "strength";
        case BlockKind::rest: return "rest";
    }
    return "";
}

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return "invalid_argument";
        case ErrorCode::parse_error: return "parse_error";
        case ErrorCode::schema_error: return "schema_error";
        case ErrorCode::rules_error: return "rules_error";
        case ErrorCode::refused: return "refused";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

std::string Error::describe() const { return path.empty() ? message : path + ": " + message; }

}  // namespace rehabplan
