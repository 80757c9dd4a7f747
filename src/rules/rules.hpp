// Rules as data: the built-in rule set, clinic files that may only tighten it,
// and the parameters in force for one patient.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/enum_names.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/result.hpp"
#include "rules/exercise_library.hpp"
#include "rules/params.hpp"

namespace rehabplan {

using ParamVariant = std::variant<std::int64_t, bool, std::string, std::vector<std::string>>;

// A ParamVariant whose copies survive a failed allocation. libstdc++ 12's variant copy
// constructor destroys a never-constructed alternative when copying it throws (a double
// free on std::bad_alloc); copying through the converting constructor does not.
struct ParamValue : ParamVariant {
    using ParamVariant::ParamVariant;
    ParamValue() = default;
    ParamValue(const ParamValue& other)
        : ParamVariant(std::visit([](const auto& v) { return ParamVariant(v); },
                                  static_cast<const ParamVariant&>(other))) {}
    ParamValue(ParamValue&&) noexcept = default;
    ParamValue& operator=(const ParamValue& other) {
        ParamValue copy(other);
        static_cast<ParamVariant&>(*this) = std::move(static_cast<ParamVariant&>(copy));
        return *this;
    }
    ParamValue& operator=(ParamValue&&) noexcept = default;
    ~ParamValue() = default;
};

// Which way a parameter may move when a clinic or a condition changes it.
enum class Stricter { higher, lower, superset, true_only, fixed };

struct Param {
    ParamValue value;
    ParamValue builtin_value;                    // as in the built-in file; clinic files change `value` only
    std::string unit;
    Stricter stricter = Stricter::fixed;
    bool safety = false;
};

struct Rule {
    std::string id;
    Severity severity = Severity::warning;
    bool safety = false;
    Text title;
    Text explanation;
    std::vector<std::string> reference_keys;     // keys into RuleSet::references
    std::map<std::string, Param> params;
};

using ParamOverrides = std::map<std::string, std::map<std::string, ParamValue>>;  // rule -> param -> value

struct ConditionProfile {
    std::string id;                              // "stroke", ..., "age_65_plus"
    Text title;
    std::vector<std::string> reference_keys;
    std::optional<int> min_age;                  // applies by age rather than by diagnosis
    ParamOverrides params;
    std::map<std::string, ParamOverrides> severity_params;  // "mild"/"moderate"/"severe"
};

struct HrMaxFormula {
    std::string id;
    std::int64_t intercept_centi = 0;            // bpm x 100
    std::int64_t slope_centi = 0;                // bpm per year x 100
    std::string expression;                      // "208 - 0.7 x age"
    std::vector<std::string> reference_keys;
};

struct RuleSet {
    std::string name;
    std::string version;
    std::map<std::string, std::string> references;
    std::map<std::string, HrMaxFormula> hrmax_formulas;
    std::map<std::string, Rule> rules;
    std::map<std::string, ConditionProfile> conditions;
    ExerciseLibrary exercises;                   // data/exercises.json, with a clinic's exercise file laid over it

    // The full reference texts of `keys`, in order, without repeats. Throws
    // std::logic_error on a key not in `references`: the loader rejects unknown keys,
    // so only a programming error (a text passed as a key) gets here.
    std::vector<std::string> reference_texts(const std::vector<std::string>& keys) const;
};

// The rule set compiled into the library. Parsed once; thread-safe.
const RuleSet& builtin_rules();

// Parses a complete rule set (the built-in format).
Result<RuleSet> parse_rule_set(std::string_view json);

// Applies a clinic's rule file on top of `base`. Tightening is accepted; loosening a
// safety parameter, changing a fixed one or unknown IDs are a rules_error naming the
// rule, the parameter and the JSON path.
Result<RuleSet> apply_clinic_rules(const RuleSet& base, std::string_view json);

// The parameter values in force for one patient: the strictest of the condition
// profiles that apply, never looser than the rule for safety parameters.
class EffectiveRules {
public:
    struct Value {
        ParamValue value;
        std::string source;                      // "" = the rule itself, else a condition ID
    };

    EffectiveRules(const RuleSet& set, const Patient& patient);
    // A copy resolves its handles into its own values; a move keeps the map's nodes.
    EffectiveRules(const EffectiveRules& other);
    EffectiveRules& operator=(const EffectiveRules& other);
    EffectiveRules(EffectiveRules&&) noexcept = default;
    EffectiveRules& operator=(EffectiveRules&&) noexcept = default;
    ~EffectiveRules() = default;

    // The value of a parameter in force, typed by its handle (rules/params.hpp).
    std::int64_t operator[](IntParam p) const { return std::get<std::int64_t>(*get(p).value); }
    bool operator[](FlagParam p) const { return std::get<bool>(*get(p).value); }
    const std::string& operator[](TextParam p) const { return std::get<std::string>(*get(p).value); }
    const std::vector<std::string>& operator[](ListParam p) const {
        return std::get<std::vector<std::string>>(*get(p).value);
    }

    // The same by name, for names only known at run time (tests, tools, the rule set's
    // own listing); the library reads through the handles. Throws std::logic_error for a
    // parameter the rule set lacks.
    std::int64_t integer(const std::string& rule, const std::string& param) const;
    bool flag(const std::string& rule, const std::string& param) const;
    const std::string& text(const std::string& rule, const std::string& param) const;
    const std::vector<std::string>& list(const std::string& rule, const std::string& param) const;
    // "" when the rule's own value is in force, else the condition profile's ID.
    const std::string& source(const std::string& rule, const std::string& param) const;
    const std::string& source(ParamRef p) const { return *get(p).source; }
    // The full reference texts cited for the rule, plus the condition profile's when it
    // set this parameter.
    std::vector<std::string> citation_texts(const std::string& rule, const std::string& param = "") const;
    std::vector<std::string> citation_texts(ParamRef p) const { return citation_texts(p.rule, p.name); }

    const RuleSet& rule_set() const { return *set_; }
    const Rule& rule(const std::string& id) const;
    const std::vector<std::string>& active_profiles() const { return profiles_; }

private:
    // A parameter's value in force and where it comes from: a profile's (values_) or the
    // rule set's own.
    struct InForce {
        const ParamValue* value = nullptr;
        const std::string* source = nullptr;
    };
    InForce get(std::string_view rule, std::string_view param) const;
    InForce get(ParamRef p) const {
        const InForce& v = by_handle_[static_cast<std::size_t>(p.id)];
        return v.value ? v : missing(p);
    }
    [[noreturn]] static InForce missing(ParamRef p);
    void resolve_handles();
    const RuleSet* set_;
    std::vector<std::string> profiles_;
    // The parameters the patient's condition profiles changed (their own value and source);
    // every other one is read from the rule set, not copied: an EffectiveRules is made for
    // every generate and validate. Transparent comparators: looked up without making strings.
    std::map<std::string, std::map<std::string, Value, std::less<>>, std::less<>> values_;
    // Every handle's value (map nodes never move), null for a parameter the rule set lacks:
    // the generator reads parameters in its inner loops.
    std::array<InForce, param_count> by_handle_{};
};

const char* to_string(Stricter s);

template <>
struct EnumNames<Stricter> {
    static constexpr std::array<const char*, 5> names{"higher", "lower", "superset", "true", "fixed"};
};

}  // namespace rehabplan
