// Internal: what the code reads from the rule set, and how parameter values compare.
#pragma once

#include <string>
#include <string_view>

#include "core/embedded_data.hpp"
#include "core/finding.hpp"
#include "rules/params.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

struct RequiredParam {
    const char* rule;
    const char* param;
    ParamKind kind;
};

// Every parameter the code reads (the handles of rules/params.hpp). A rule set lacking
// one, or holding it with another type, is rejected when loaded, never at use.
const std::vector<RequiredParam>& required_params();

ParamKind kind_of(const ParamValue& v);
const char* to_string(ParamKind k);
std::string describe(const ParamValue& v);

// True when `candidate` is at least as strict as `current` in direction `s`.
bool at_least_as_strict(const ParamValue& candidate, const ParamValue& current, Stricter s);
// The stricter of two values (union for lists).
ParamValue stricter_of(const ParamValue& a, const ParamValue& b, Stricter s);

std::string_view embedded_rules_json();

// " (<condition title>)" when a condition profile set this parameter, else empty:
// appended to messages so a limit says where it comes from.
Text condition_note(const EffectiveRules& rules, const std::string& rule, const std::string& param);
inline Text condition_note(const EffectiveRules& rules, ParamRef p) { return condition_note(rules, p.rule, p.name); }


}  // namespace rehabplan::detail
