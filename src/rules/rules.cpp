// Effective parameters for one patient, and the built-in rule set.
#include <algorithm>
#include <stdexcept>

#include "rules/rules_internal.hpp"

namespace rehabplan {

using namespace detail;

namespace detail {

const std::vector<RequiredParam>& required_params() {
    static const std::vector<RequiredParam> table = {
        {"session.duration", "min_minutes", ParamKind::integer},
        {"session.duration", "recommended_max_minutes", ParamKind::integer},
        {"week.sessions", "min_sessions", ParamKind::integer},
        {"week.volume", "min_minutes", ParamKind::integer},
        {"week.volume", "max_minutes", ParamKind::integer},
        {"week.volume", "vigorous_factor", ParamKind::integer},
        {"week.strength", "min_days", ParamKind::integer},
        {"week.strength", "min_hours_between", ParamKind::integer},
        {"intensity.heart_rate", "min_percent_hrmax", ParamKind::integer},
        {"intensity.heart_rate", "max_percent_hrmax", ParamKind::integer},
        {"intensity.heart_rate", "min_percent_hrr", ParamKind::integer},
        {"intensity.heart_rate", "max_percent_hrr", ParamKind::integer},
        {"intensity.heart_rate", "moderate_min_percent", ParamKind::integer},
        {"intensity.heart_rate", "vigorous_min_percent", ParamKind::integer},
        {"intensity.heart_rate", "vigorous_max_percent", ParamKind::integer},
        {"intensity.heart_rate", "moderate_min_rpe", ParamKind::integer},
        {"intensity.heart_rate", "vigorous_min_rpe", ParamKind::integer},
        {"intensity.heart_rate", "vigorous_max_rpe", ParamKind::integer},
        {"intensity.heart_rate", "beta_blocker_rpe_min", ParamKind::integer},
        {"intensity.heart_rate", "beta_blocker_rpe_max", ParamKind::integer},
        {"intensity.heart_rate", "default_formula", ParamKind::string},
        {"intensity.heart_rate", "beta_blocker_formula", ParamKind::string},
        {"hiit.protocol", "work_seconds", ParamKind::integer},
        {"hiit.protocol", "recovery_seconds", ParamKind::integer},
        {"hiit.protocol", "repeats", ParamKind::integer},
        {"hiit.protocol", "max_percent_hrmax", ParamKind::integer},
        {"hiit.eligibility", "requires_screening", ParamKind::boolean},
        {"hiit.eligibility", "forbidden_conditions", ParamKind::list},
        {"hiit.eligibility", "build_up_weeks", ParamKind::integer},
        {"hiit.eligibility", "min_baseline_minutes", ParamKind::integer},
        {"week.rest", "min_rest_days", ParamKind::integer},
        {"week.balance", "min_days", ParamKind::integer},
        {"progression.graded", "max_weekly_increase_percent", ParamKind::integer},
        {"progression.graded", "max_intensity_steps_per_week", ParamKind::integer},
        {"concussion.return", "min_rest_days_after_event", ParamKind::integer},
        {"concussion.return", "min_hours_per_step", ParamKind::integer},
        {"concussion.return", "early_phase_days", ParamKind::integer},
        {"concussion.return", "early_max_percent_hrmax", ParamKind::integer},
        {"concussion.return", "threshold_min_percent", ParamKind::integer},
        {"concussion.return", "threshold_max_percent", ParamKind::integer},
        {"concussion.return", "late_step_min", ParamKind::integer},
        {"safety.contraindication", "absolute", ParamKind::list},
        {"safety.contraindication", "intensive", ParamKind::list},
        {"safety.contraindication", "max_systolic", ParamKind::integer},
        {"safety.contraindication", "max_diastolic", ParamKind::integer},
        {"safety.contraindication", "mi_min_days", ParamKind::integer},
        {"safety.stop_signals", "signals", ParamKind::list},
        {"progress.stop_signal", "pause_until_seen", ParamKind::boolean},
        {"progress.symptoms", "max_rise_points", ParamKind::integer},
        {"progress.symptoms", "max_score_rise_points", ParamKind::integer},
        {"progress.symptoms", "step_back_min_hours", ParamKind::integer},
        {"progress.symptoms", "step_back_conditions", ParamKind::list},
        {"progress.adherence", "advance_min_percent", ParamKind::integer},
        {"progress.adherence", "step_back_below_percent", ParamKind::integer},
        {"progress.quota", "advance_min_percent", ParamKind::integer},
        {"progress.quota", "programmes", ParamKind::list},
        {"progress.effort", "max_mean_rpe", ParamKind::integer},
        {"progress.effort", "max_sessions_above_zone_percent", ParamKind::integer},
        {"progress.exposure", "move_on_at_percent", ParamKind::integer},
        {"load.monitoring", "monotony_high_centi", ParamKind::integer},
        {"load.monitoring", "acwr_low_centi", ParamKind::integer},
        {"load.monitoring", "acwr_high_centi", ParamKind::integer},
        {"load.monitoring", "chronic_weeks", ParamKind::integer},
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

const char* to_string(Stricter s) {
    switch (s) {
        case Stricter::higher: return "higher";
        case Stricter::lower: return "lower";
        case Stricter::superset: return "superset";
        case Stricter::true_only: return "true";
        case Stricter::fixed: return "fixed";
    }
    return "fixed";
}

std::vector<std::string> RuleSet::reference_texts(const std::vector<std::string>& keys) const {
    std::vector<std::string> out;
    for (const auto& k : keys) {
        auto it = references.find(k);
        if (it == references.end()) throw std::logic_error("unknown reference key \"" + k + "\"");
        if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    return out;
}

namespace detail {
ContraindicationKind contraindication_kind(const EffectiveRules& rules, const std::string& name) {
    const auto in = [&](const char* param) {
        const auto& list = rules.list("safety.contraindication", param);
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    return in("absolute") ? ContraindicationKind::absolute
           : in("intensive") ? ContraindicationKind::intensive
                             : ContraindicationKind::unknown;
}

bool blood_pressure_above_limit(const EffectiveRules& rules, const BloodPressure& bp) {
    return bp.systolic > rules.integer("safety.contraindication", "max_systolic") ||
           bp.diastolic > rules.integer("safety.contraindication", "max_diastolic");
}

std::string intensive_names(const EffectiveRules& rules, const Patient& patient) {
    std::string out;
    for (const auto& nm : patient.contraindications.named)
        if (contraindication_kind(rules, nm) == ContraindicationKind::intensive) out += (out.empty() ? "" : ", ") + nm;
    return out;
}
}  // namespace detail

const RuleSet& builtin_rules() {
    // Parsed once (thread-safe static init). The embedded data is checked by the
    // build's tests; failing here would be a packaging bug, not a user error.
    static const RuleSet set = [] {
        auto r = parse_rule_set(embedded::rules_json());
        if (!r) throw std::logic_error("built-in rule set is invalid: " + r.error().describe());
        return std::move(r).value();
    }();
    return set;
}

EffectiveRules::EffectiveRules(const RuleSet& set, const Patient& patient) : set_(&set) {
    for (const auto& [rid, rule] : set.rules)
        for (const auto& [pid, param] : rule.params) values_[rid][pid] = Value{param.value, ""};

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
                for (const auto& [pid, v] : params) {
                    const Param& meta = rule.params.at(pid);
                    Value& cur = values_[rid][pid];
                    if (cur.source.empty()) {
                        if (meta.stricter == Stricter::fixed) {
                            // Fixed parameters are set by built-in profiles only.
                            cur = Value{v, cid};
                        } else if (at_least_as_strict(v, meta.builtin_value, meta.stricter)) {
                            // A narrowing profile never undoes a clinic's stricter value.
                            if (at_least_as_strict(v, cur.value, meta.stricter))
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
}

const EffectiveRules::Value& EffectiveRules::get(const std::string& rule, const std::string& param) const {
    auto r = values_.find(rule);
    if (r != values_.end()) {
        auto p = r->second.find(param);
        if (p != r->second.end()) return p->second;
    }
    throw std::logic_error("rule parameter " + rule + "." + param + " is missing");
}

std::int64_t EffectiveRules::integer(const std::string& rule, const std::string& param) const {
    return std::get<std::int64_t>(get(rule, param).value);
}
bool EffectiveRules::flag(const std::string& rule, const std::string& param) const {
    return std::get<bool>(get(rule, param).value);
}
const std::string& EffectiveRules::text(const std::string& rule, const std::string& param) const {
    return std::get<std::string>(get(rule, param).value);
}
const std::vector<std::string>& EffectiveRules::list(const std::string& rule, const std::string& param) const {
    return std::get<std::vector<std::string>>(get(rule, param).value);
}
const std::string& EffectiveRules::source(const std::string& rule, const std::string& param) const {
    return get(rule, param).source;
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
