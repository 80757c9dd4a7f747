// Small helpers of the patient and plan model.
#include <algorithm>
#include <cstdint>

#include "core/enum_names.hpp"
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

std::optional<Error> patient_date_error(const Patient& p, Date start) {
    const auto after = [&](const std::optional<Date>& d, const std::string& path, const std::string& what)
        -> std::optional<Error> {
        if (!d || *d <= start) return std::nullopt;
        return Error{ErrorCode::invalid_argument, path,
                     "the patient's " + what + " " + d->to_string() + " is after the plan's start date " +
                         start.to_string() + "; expected a date on or before the start",
                     "patient", path};
    };
    for (std::size_t i = 0; i < p.conditions.size(); ++i)
        if (auto e = after(p.conditions[i].event_date, "/conditions/" + std::to_string(i) + "/event_date",
                           std::string(to_string(p.conditions[i].type)) + " event date"))
            return e;
    if (auto e = after(p.contraindications.myocardial_infarction_date, "/contraindications/myocardial_infarction_date",
                       "myocardial infarction date"))
        return e;
    if (p.clearance)
        if (auto e = after(p.clearance->date, "/clearance/date", "clearance date")) return e;
    if (const auto& cr = p.concussion_return) {
        if (auto e = after(cr->symptoms_resolved, "/concussion_return/symptoms_resolved", "symptoms-resolved date")) return e;
        if (cr->cleared)
            if (auto e = after(cr->cleared->date, "/concussion_return/cleared/date", "concussion clearance date")) return e;
    }
    return std::nullopt;
}

bool Patient::has(ConditionType t) const { return find(t) != nullptr; }

const Condition* Patient::find(ConditionType t) const {
    for (const auto& c : conditions)
        if (c.type == t) return &c;
    return nullptr;
}

const char* to_string(Sex s) { return enum_name(s); }

const char* to_string(ConditionType t) { return enum_name(t); }

const char* to_string(TbiSeverity s) { return enum_name(s); }
const char* to_string(ClearanceLevel l) { return enum_name(l); }
const char* to_string(ReturnLadder l) { return enum_name(l); }
const char* to_string(Mobility m) { return enum_name(m); }
const char* to_string(BodySide s) { return enum_name(s); }

bool is_known_priming_type(const std::string& type) {
    return type == "ketamine" || type == "esketamine" || type == "rtms";
}

std::vector<ReturnLadder> return_ladders(const Patient& p) {
    if (!p.has(ConditionType::concussion)) return {};
    if (p.concussion_return && !p.concussion_return->ladders.empty()) return p.concussion_return->ladders;
    // Safer default: nobody is sent to contact practice unless the document says sport.
    if (p.age < 18) return {ReturnLadder::learn, ReturnLadder::daily};
    return {ReturnLadder::daily};
}

PlanPatient plan_patient(const Patient& patient) {
    PlanPatient who;
    who.id = patient.id;
    who.age = patient.age;
    for (const Condition& c : patient.conditions) who.conditions.push_back(c.type);
    who.beta_blocker = patient.beta_blocker;
    who.clearance = patient.clearance;
    who.falls_past_year = patient.falls_past_year;
    return who;
}

bool is_training(SessionType t) {
    return t == SessionType::aerobic || t == SessionType::strength || t == SessionType::balance ||
           t == SessionType::hiit || t == SessionType::dual_task;
}

int longest_bout_minutes(const SessionPlan& s) {
    // Warm-up and cool-down keep the patient moving; a rest block breaks a bout, and so does
    // a strength station in a circuit (it is not continuous aerobic work).
    int longest = 0, run = 0;
    for (const auto& b : s.blocks) {
        run = b.kind == BlockKind::rest || b.kind == BlockKind::strength ? 0 : run + b.minutes;
        longest = std::max(longest, run);
    }
    return s.blocks.empty() ? s.minutes : longest;
}

int active_minutes(const SessionPlan& s) {
    int rest = 0;
    for (const auto& b : s.blocks)
        if (b.kind == BlockKind::rest) rest += b.minutes;
    return std::max(0, s.minutes - rest);
}

const char* to_string(SessionType t) { return enum_name(t); }

const char* to_string(IntensityClass c) { return enum_name(c); }

const char* to_string(BlockKind k) { return enum_name(k); }

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
