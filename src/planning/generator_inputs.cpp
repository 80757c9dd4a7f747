#include "planning/generator_inputs.hpp"

#include <algorithm>

#include "planning/exposure.hpp"
#include "planning/intensity.hpp"
#include "planning/plan_text.hpp"
#include "rules/finding_builder.hpp"

namespace rehabplan::generation {

GeneratorInputs::GeneratorInputs(const Patient& p, const PlanRequest& req, const RuleSet& set, const Programme& prog)
    : patient(p), request(req), rules(set, p), exercise_choices(rules, set.exercises, p), programme(prog), programmes(builtin_programmes()),
      settings(programmes.engine), zones(heart_rate_zones(p, rules, std::nullopt)),
      zone_class(std::min(planned_zone_class(p, rules, zones), IntensityClass::moderate)),
      fear_order(detail::fear_order(p)), physical_ladder(physical_ladder_of(p)),
      session_texts(prog, programmes, p, req.language), priming(rules, p.priming_treatments) {}

std::optional<ReturnLadder> physical_ladder_of(const Patient& p) {
    const Condition* c = p.find(ConditionType::concussion);
    if (!c || !c->event_date) return std::nullopt;
    const auto ladders = return_ladders(p);
    return std::find(ladders.begin(), ladders.end(), ReturnLadder::sport) != ladders.end() ? ReturnLadder::sport
                                                                                          : ReturnLadder::daily;
}

std::string n(std::int64_t v) { return std::to_string(v); }

bool slot_for_patient(const Patient& patient, const SlotTemplate& s) {
    if (s.for_conditions.empty()) return true;
    return std::any_of(s.for_conditions.begin(), s.for_conditions.end(), [&](ConditionType c) { return patient.has(c); });
}

bool slot_fits_day(const GeneratorInputs& in, const SlotTemplate& s) {
    const auto& limit = in.patient.max_minutes_per_day;
    return !(s.fixed_length && is_training(s.type) && limit && slot_minutes(in, s) > *limit);
}

HiitIntervals hiit_protocol(const EffectiveRules& rules) {
    return HiitIntervals{static_cast<int>(rules[params::hiit_protocol_work_seconds]),
                         static_cast<int>(rules[params::hiit_protocol_recovery_seconds]),
                         static_cast<int>(rules[params::hiit_protocol_repeats])};
}

int hiit_minutes(const GeneratorInputs& in) {
    const HiitIntervals h = hiit_protocol(in.rules);
    const int main = (h.repeats * (h.work_seconds + h.recovery_seconds) + 59) / 60;
    return in.settings.warm_up_minutes + main + in.settings.cool_down_minutes;
}

int slot_minutes(const GeneratorInputs& in, const SlotTemplate& s) {
    return s.type == SessionType::hiit ? hiit_minutes(in) : s.minutes;
}

void add_finding(GeneratorFindings& findings, const EffectiveRules& rules, const std::string& rule, Severity sev,
                 std::string path, const std::string& key, const std::vector<detail::Arg>& args, const std::string& param) {
    Finding f = make_finding(rules, rule, sev, std::move(path), std::nullopt, std::nullopt, "", "", key, args, param);
    for (const auto& f2 : findings.list)
        if (f2.rule == f.rule && f2.message == f.message) return;  // one per distinct cause
    findings.list.push_back(std::move(f));
    findings.messages.push_back(detail::plan_message(key, args));
}

}  // namespace rehabplan::generation
