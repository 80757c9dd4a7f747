// Effective parameters for one patient, and the built-in rule set.
#include <algorithm>
#include <stdexcept>

#include "rules/rules_internal.hpp"

namespace rehabplan {

using namespace detail;

namespace detail {

const std::vector<RequiredParam>& required_params() {
    // The handles' own table (rules/params.hpp): what the code reads is what is checked.
    static const std::vector<RequiredParam> table = {
#define REHABPLAN_REQUIRED_PARAM(handle, rule, name, type) {rule, name, REHABPLAN_PARAM_TYPE_##type::kind},
        REHABPLAN_RULE_PARAMS(REHABPLAN_REQUIRED_PARAM)
#undef REHABPLAN_REQUIRED_PARAM
    };
    return table;
}

ParamKind kind_of(const ParamValue& v) { return static_cast<ParamKind>(v.index()); }

const char* to_string(ParamKind k) {
    switch (k) {
        case ParamKind::integer: return "an integer";
        case ParamKind::boolean: return "a boolean";
        case ParamKind::string: return "a string";
        case ParamKind::list: return "an array of strings";
    }
    return "";
}

std::string describe(const ParamValue& v) {
    switch (kind_of(v)) {
        case ParamKind::integer: return std::to_string(std::get<std::int64_t>(v));
        case ParamKind::boolean: return std::get<bool>(v) ? "true" : "false";
        case ParamKind::string: return "\"" + std::get<std::string>(v) + "\"";
        case ParamKind::list: {
            std::string s = "[";
            for (const auto& x : std::get<std::vector<std::string>>(v)) s += (s.size() > 1 ? ", " : "") + x;
            return s + "]";
        }
    }
    return "";
}

bool at_least_as_strict(const ParamValue& cand, const ParamValue& cur, Stricter s) {
    if (cand.index() != cur.index()) return false;
    switch (s) {
        case Stricter::higher: return std::get<std::int64_t>(cand) >= std::get<std::int64_t>(cur);
        case Stricter::lower: return std::get<std::int64_t>(cand) <= std::get<std::int64_t>(cur);
        case Stricter::true_only: return std::get<bool>(cand) || !std::get<bool>(cur);
        case Stricter::superset: {
            const auto& c = std::get<std::vector<std::string>>(cand);
            for (const auto& x : std::get<std::vector<std::string>>(cur))
                if (std::find(c.begin(), c.end(), x) == c.end()) return false;
            return true;
        }
        case Stricter::fixed: return cand == cur;
    }
    return false;
}

ParamValue stricter_of(const ParamValue& a, const ParamValue& b, Stricter s) {
    if (s == Stricter::superset && a.index() == b.index() && kind_of(a) == ParamKind::list) {
        auto u = std::get<std::vector<std::string>>(a);
        for (const auto& x : std::get<std::vector<std::string>>(b))
            if (std::find(u.begin(), u.end(), x) == u.end()) u.push_back(x);
        return u;
    }
    if (s == Stricter::fixed) return a;  // first profile wins; documented in schema/README.md
    return at_least_as_strict(a, b, s) ? a : b;
}

}  // namespace detail

const char* to_string(Stricter s) { return enum_name(s); }

std::vector<std::string> RuleSet::reference_texts(const std::vector<std::string>& keys) const {
    std::vector<std::string> out;
    for (const auto& k : keys) {
        auto it = references.find(k);
        if (it == references.end()) throw std::logic_error("unknown reference key \"" + k + "\"");
        if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    return out;
}


const RuleSet& builtin_rules() {
    // Parsed once (thread-safe static init). The embedded data is checked by the
    // build's tests; failing here would be a packaging bug, not a user error.
    static const RuleSet set = [] {
        auto r = parse_rule_set(embedded::rules_json());
        if (!r) throw std::logic_error("built-in rule set is invalid: " + r.error().describe());
        RuleSet rules = std::move(r).value();
        auto lib = parse_exercise_library(embedded::exercises_json(), rules);
        if (!lib) throw std::logic_error("built-in exercise library is invalid: " + lib.error().describe());
        rules.exercises = std::move(lib).value();
        return rules;
    }();
    return set;
}

namespace {

// The source of a value the rule itself sets.
const std::string& rule_source() {
    static const std::string none;
    return none;
}

// Every handle by its names, in the rule set's maps' order (rule, then parameter).
struct HandleName {
    std::string_view rule;
    std::string_view name;
    ParamId id;
    bool operator<(const HandleName& o) const { return rule != o.rule ? rule < o.rule : name < o.name; }
};
const std::vector<HandleName>& handles_by_name() {
    static const std::vector<HandleName> table = [] {
        std::vector<HandleName> t = {
#define REHABPLAN_HANDLE_NAME(handle, rule, name, type) {rule, name, ParamId::handle},
            REHABPLAN_RULE_PARAMS(REHABPLAN_HANDLE_NAME)
#undef REHABPLAN_HANDLE_NAME
        };
        std::sort(t.begin(), t.end());
        return t;
    }();
    return table;
}

}  // namespace

EffectiveRules::EffectiveRules(const RuleSet& set, const Patient& patient) : set_(&set) {
    for (const auto& [cid, profile] : set.conditions) {
        const Condition* c = nullptr;
        bool applies = false;
        if (profile.min_age) {
            applies = patient.age >= *profile.min_age;
        } else {
            for (const auto& pc : patient.conditions)
                if (cid == to_string(pc.type)) c = &pc;
            applies = c != nullptr;
        }
        if (!applies) continue;
        profiles_.push_back(cid);
        std::vector<const ParamOverrides*> layers{&profile.params};
        if (c && c->severity) {
            auto it = profile.severity_params.find(to_string(*c->severity));
            if (it != profile.severity_params.end()) layers.push_back(&it->second);
        }
        for (const ParamOverrides* layer : layers) {
            for (const auto& [rid, params] : *layer) {
                const Rule& rule = set.rules.at(rid);
                auto& in_rule = values_[rid];
                for (const auto& [pid, v] : params) {
                    const Param& meta = rule.params.at(pid);
                    // The rule's own value until a profile changes it.
                    auto found = in_rule.find(pid);
                    if (found == in_rule.end()) found = in_rule.emplace(pid, Value{meta.value, ""}).first;
                    Value& cur = found->second;
                    if (cur.source.empty()) {
                        if (meta.stricter == Stricter::fixed) {
                            // Fixed parameters are set by built-in profiles only.
                            cur = Value{v, cid};
                        } else if (at_least_as_strict(v, meta.builtin_value, meta.stricter)) {
                            // A narrowing profile never undoes a clinic's stricter value; a
                            // list that may only grow joins it (the union of both).
                            if (meta.stricter == Stricter::superset || at_least_as_strict(v, cur.value, meta.stricter))
                                cur = Value{stricter_of(v, cur.value, meta.stricter), cid};
                        } else if (!meta.safety) {
                            // A profile that deliberately widens a non-safety parameter
                            // (stroke's 55 % floor) replaces the rule's value.
                            cur = Value{v, cid};
                        }
                    } else if (!(stricter_of(cur.value, v, meta.stricter) == cur.value)) {
                        cur = Value{stricter_of(cur.value, v, meta.stricter), cid};
                    }
                }
            }
        }
    }
    resolve_handles();
}

EffectiveRules::InForce EffectiveRules::get(std::string_view rule, std::string_view param) const {
    if (auto r = values_.find(rule); r != values_.end())
        if (auto p = r->second.find(param); p != r->second.end()) return InForce{&p->second.value, &p->second.source};
    if (auto r = set_->rules.find(std::string(rule)); r != set_->rules.end())
        if (auto p = r->second.params.find(std::string(param)); p != r->second.params.end())
            return InForce{&p->second.value, &rule_source()};
    throw std::logic_error("rule parameter " + std::string(rule) + "." + std::string(param) + " is missing");
}

EffectiveRules::InForce EffectiveRules::missing(ParamRef p) {
    throw std::logic_error("rule parameter " + std::string(p.rule) + "." + std::string(p.name) + " is missing");
}

void EffectiveRules::resolve_handles() {
    by_handle_.fill(InForce{});
    const std::vector<HandleName>& handles = handles_by_name();
    // The rule set's values: its maps and the handles walked together, both in name order.
    auto h = handles.begin();
    for (const auto& [rid, rule] : set_->rules)
        for (const auto& [pid, param] : rule.params) {
            const HandleName here{rid, pid, ParamId{}};
            while (h != handles.end() && *h < here) ++h;
            if (h != handles.end() && h->rule == here.rule && h->name == here.name)
                by_handle_[static_cast<std::size_t>(h->id)] = InForce{&param.value, &rule_source()};
        }
    // Then the values the condition profiles changed.
    for (const auto& [rid, in_rule] : values_)
        for (const auto& [pid, v] : in_rule) {
            const HandleName here{rid, pid, ParamId{}};
            const auto found = std::lower_bound(handles.begin(), handles.end(), here);
            if (found != handles.end() && found->rule == here.rule && found->name == here.name)
                by_handle_[static_cast<std::size_t>(found->id)] = InForce{&v.value, &v.source};
        }
}

EffectiveRules::EffectiveRules(const EffectiveRules& other)
    : set_(other.set_), profiles_(other.profiles_), values_(other.values_) {
    resolve_handles();
}

EffectiveRules& EffectiveRules::operator=(const EffectiveRules& other) {
    if (this != &other) {
        set_ = other.set_;
        profiles_ = other.profiles_;
        values_ = other.values_;
        resolve_handles();
    }
    return *this;
}

std::int64_t EffectiveRules::integer(const std::string& rule, const std::string& param) const {
    return std::get<std::int64_t>(*get(rule, param).value);
}
bool EffectiveRules::flag(const std::string& rule, const std::string& param) const {
    return std::get<bool>(*get(rule, param).value);
}
const std::string& EffectiveRules::text(const std::string& rule, const std::string& param) const {
    return std::get<std::string>(*get(rule, param).value);
}
const std::vector<std::string>& EffectiveRules::list(const std::string& rule, const std::string& param) const {
    return std::get<std::vector<std::string>>(*get(rule, param).value);
}
const std::string& EffectiveRules::source(const std::string& rule, const std::string& param) const {
    return *get(rule, param).source;
}

const Rule& EffectiveRules::rule(const std::string& id) const { return set_->rules.at(id); }

std::vector<std::string> EffectiveRules::citation_texts(const std::string& rule_id, const std::string& param) const {
    std::vector<std::string> keys = rule(rule_id).reference_keys;
    if (!param.empty()) {
        const std::string& src = source(rule_id, param);
        if (!src.empty()) {
            const auto& extra = set_->conditions.at(src).reference_keys;
            keys.insert(keys.begin(), extra.begin(), extra.end());
        }
    }
    return set_->reference_texts(keys);
}

namespace detail {

Text condition_note(const EffectiveRules& rules, const std::string& rule, const std::string& param) {
    const std::string& src = rules.source(rule, param);
    if (src.empty()) return Text{"", ""};
    const Text& t = rules.rule_set().conditions.at(src).title;
    return Text{" (" + t.en + ")", " (" + t.nl + ")"};
}

}  // namespace detail

}  // namespace rehabplan
