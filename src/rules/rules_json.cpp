// Rule set documents: the built-in format, and clinic files laid over it that may
// only tighten safety parameters.
#include <algorithm>
#include <cmath>

#include "core/json_reader.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

using namespace detail;

namespace {

constexpr std::int64_t max_param_int = 100000;

Text read_text(const json& v, const std::string& path) { return as_text(v, path); }

std::vector<std::string> read_string_list(const json& v, const std::string& path, bool identifiers) {
    if (!v.is_array()) fail(path, "expected an array of strings, got " + describe_value(v));
    if (v.size() > 256) fail(path, "expected at most 256 items, got " + std::to_string(v.size()));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(identifiers ? as_identifier(v[i], child_path(path, i)) : as_string(v[i], child_path(path, i), 200));
    require_unique_strings(v, path);
    return out;
}

ParamValue read_value(const json& v, const std::string& path) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) return as_string(v, path, 200);
    if (v.is_array()) return read_string_list(v, path, true);
    if (v.is_number()) return as_integer(v, path, 0, max_param_int);
    fail(path, "expected an integer 0-" + std::to_string(max_param_int) +
                   ", a boolean, a string or an array of identifiers, got " + describe_value(v));
}

Severity parse_severity(const std::string& s) {
    return s == "error" ? Severity::error : s == "warning" ? Severity::warning : Severity::info;
}

// A parameter as the built-in file writes it: {value, unit, stricter, safety?}.
Param read_param(const json& v, const std::string& path, bool rule_safety) {
    ObjectReader r(v, path);
    Param p;
    const json* value = r.get("value");
    if (!value) fail(path + "/value", "missing required field; expected the parameter's value");
    p.value = read_value(*value, path + "/value");
    p.builtin_value = p.value;
    p.unit = *r.string("unit", true, 20);
    p.stricter = *read_enum<Stricter>(r, "stricter", true);
    p.safety = r.boolean("safety", false).value_or(rule_safety);
    r.finish();
    const ParamKind k = kind_of(p.value);
    const bool fits = p.stricter == Stricter::fixed ||
                      ((p.stricter == Stricter::higher || p.stricter == Stricter::lower) && k == ParamKind::integer) ||
                      (p.stricter == Stricter::superset && k == ParamKind::list) ||
                      (p.stricter == Stricter::true_only && k == ParamKind::boolean);
    if (!fits) fail(path + "/stricter", "\"" + std::string(to_string(p.stricter)) + "\" does not fit a value that is " +
                                            to_string(k), ErrorCode::rules_error);
    return p;
}

std::vector<std::string> read_citations(ObjectReader& r, bool required) {
    const json* a = r.array("citations", 0, 64, required);
    return a ? read_string_list(*a, r.path() + "/citations", false) : std::vector<std::string>{};
}

ParamOverrides read_overrides(const json& v, const std::string& path) {
    require_object(v, path);
    ParamOverrides out;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string rp = child_path(path, it.key());
        require_object(it.value(), rp);
        for (auto p = it.value().begin(); p != it.value().end(); ++p)
            out[it.key()][p.key()] = read_value(p.value(), child_path(rp, p.key()));
    }
    return out;
}

ConditionProfile read_condition(const json& v, const std::string& path, const std::string& id) {
    ObjectReader r(v, path);
    ConditionProfile c;
    c.id = id;
    c.title = read_text(*r.object("title", true), path + "/title");
    c.reference_keys = read_citations(r, true);
    if (auto a = r.integer("min_age", 0, 120, false)) c.min_age = static_cast<int>(*a);
    if (const json* p = r.object("params", false)) c.params = read_overrides(*p, path + "/params");
    if (const json* s = r.object("severity_params", false)) {
        for (auto it = s->begin(); it != s->end(); ++it) {
            const std::string sp = child_path(path + "/severity_params", it.key());
            as_enum(it.key(), sp, {"mild", "moderate", "severe"});
            c.severity_params[it.key()] = read_overrides(it.value(), sp);
        }
    }
    r.finish();
    return c;
}

HrMaxFormula read_formula(const json& v, const std::string& path, const std::string& id) {
    ObjectReader r(v, path);
    HrMaxFormula f;
    f.id = id;
    f.intercept_centi = *r.integer("intercept", 100, 300, true) * 100;
    const json* slope = r.get("slope");
    if (!slope) fail(path + "/slope", "missing required field; expected a number 0-5 with at most 2 decimals");
    const double s = slope->is_number() ? slope->get<double>() : -1.0;
    const double centi = std::round(s * 100.0);
    if (!std::isfinite(s) || s < 0.0 || s > 5.0 || std::fabs(s * 100.0 - centi) > 1e-6)
        fail(path + "/slope", "expected a number 0-5 with at most 2 decimals, got " + describe_value(*slope));
    f.slope_centi = static_cast<std::int64_t>(centi);
    f.expression = *r.string("expression", true, 100);
    f.reference_keys = read_citations(r, true);
    r.finish();
    return f;
}

// Low/high pairs stay ordered, for the rule values and as a patient with each profile
// sees them, and limits stay usable: a contradictory rule set is refused rather than
// producing a zone no plan can meet. Runs after the profiles' types are checked.
void check_limits(const RuleSet& set) {
    struct Pair { const char* rule; const char* low; const char* high; };
    static const Pair pairs[] = {{"session.duration", "min_minutes", "recommended_max_minutes"},
                                 {"week.volume", "min_minutes", "max_minutes"},
                                 {"intensity.heart_rate", "min_percent_hrmax", "max_percent_hrmax"},
                                 {"intensity.heart_rate", "min_percent_hrr", "max_percent_hrr"},
                                 {"intensity.heart_rate", "beta_blocker_rpe_min", "beta_blocker_rpe_max"},
                                 {"concussion.return", "threshold_min_percent", "threshold_max_percent"}};
    const ParamOverrides none;
    std::vector<std::pair<std::string, const ParamOverrides*>> layers{{"", &none}};  // "" = the rules alone
    for (const auto& [cid, c] : set.conditions) {
        layers.emplace_back(cid, &c.params);
        for (const auto& [sev, layer] : c.severity_params) layers.emplace_back(cid, &layer);
    }
    // Whether a layer sets a rule's parameter, the value in force with it, and where a
    // message names it (the rule's params, or the condition's for a profile's value).
    const auto sets = [](const ParamOverrides& layer, const std::string& rule, const std::string& name) {
        const auto r = layer.find(rule);
        return r != layer.end() && r->second.count(name) != 0;
    };
    const auto value_in = [&](const ParamOverrides& layer, const std::string& rule, const std::string& name) {
        if (sets(layer, rule, name)) return std::get<std::int64_t>(layer.at(rule).at(name));
        return std::get<std::int64_t>(set.rules.at(rule).params.at(name).value);
    };
    const auto params_of = [](const std::string& cid, const std::string& rule) {
        return cid.empty() ? child_path("/rules", rule) + "/params"
                           : child_path(child_path("/conditions", cid) + "/params", rule);
    };
    for (const auto& [cid, layer] : layers) {
        for (const Pair& pr : pairs) {
            const std::int64_t lo = value_in(*layer, pr.rule, pr.low), hi = value_in(*layer, pr.rule, pr.high);
            if (lo <= hi) continue;
            fail(child_path(params_of(cid, pr.rule), pr.low),
                 (cid.empty() ? "" : "with condition " + cid + ", ") + pr.rule + "." + pr.low + " (" +
                     std::to_string(lo) + ") is above " + pr.high + " (" + std::to_string(hi) + ")",
                 ErrorCode::rules_error);
        }
    }
    // progress.recovery's sleep limits, one per age band, are hours of a night (0-24, as
    // the log records them): as the rule set and as a patient with each profile sees them.
    for (const auto& [cid, layer] : layers) {
        for (const IntParam& p : {params::progress_recovery_min_mean_sleep_hours,
                                  params::progress_recovery_min_mean_sleep_hours_13_17,
                                  params::progress_recovery_min_mean_sleep_hours_6_12}) {
            if (!cid.empty() && !sets(*layer, p.rule, p.name)) continue;  // the rule's own value, checked once
            const std::int64_t hours = value_in(*layer, p.rule, p.name);
            if (hours <= 24) continue;
            fail(child_path(params_of(cid, p.rule), p.name),
                 (cid.empty() ? "" : "with condition " + cid + ", ") + "expected 0-24 hours a night, got " +
                     std::to_string(hours),
                 ErrorCode::rules_error);
        }
    }
    for (const auto& [rule, param] : {std::pair<const char*, const char*>{"intensity.heart_rate", "max_percent_hrmax"},
                                      {"hiit.protocol", "work_seconds"},
                                      {"hiit.protocol", "recovery_seconds"},
                                      {"hiit.protocol", "repeats"}}) {
        if (std::get<std::int64_t>(set.rules.at(rule).params.at(param).value) < 1)
            fail(child_path(child_path("/rules", rule) + "/params", param), "expected at least 1", ErrorCode::rules_error);
    }
    // priming.window: each window opens before it closes, within the two weeks a plan
    // records (schema/plan.schema.json); priming.dosing_day rests at most two weeks after a
    // dose. Profiles do not set these (check_rule_set refuses them there).
    const auto priming = [&](const char* rule, const char* param) {
        return std::get<std::int64_t>(set.rules.at(rule).params.at(param).value);
    };
    const std::string window_path = child_path("/rules", "priming.window") + "/params";
    for (const char* type : {"ketamine", "esketamine", "rtms"}) {
        const std::string start = std::string(type) + "_start_hours", end = std::string(type) + "_end_hours";
        const std::int64_t lo = priming("priming.window", start.c_str()), hi = priming("priming.window", end.c_str());
        if (lo < 0 || lo > 335)
            fail(child_path(window_path, start), "expected 0-335 hours, got " + std::to_string(lo), ErrorCode::rules_error);
        if (hi <= lo || hi > 336)
            fail(child_path(window_path, end),
                 "expected more than " + start + " (" + std::to_string(lo) + ") and at most 336 hours, got " + std::to_string(hi),
                 ErrorCode::rules_error);
    }
    const std::int64_t rest_after = priming("priming.dosing_day", "rest_days_after");
    if (rest_after < 0 || rest_after > 14)
        fail(child_path(child_path("/rules", "priming.dosing_day") + "/params", "rest_days_after"),
             "expected 0-14 days, got " + std::to_string(rest_after), ErrorCode::rules_error);
}

// Cross-checks that make a rule set usable: citations resolve, the code's parameters
// exist with their types, and condition profiles name real rules and never loosen
// a safety parameter. One function (about 60 lines) because it is a flat list of
// independent checks, each a few lines, in the order their errors are reported.
void check_rule_set(const RuleSet& set, bool check_profiles) {
    auto check_cites = [&](const std::vector<std::string>& keys, const std::string& path) {
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (!set.references.count(keys[i]))
                fail(child_path(path, i), "unknown reference \"" + keys[i] + "\"; add it to /references",
                     ErrorCode::rules_error);
    };
    for (const auto& [id, f] : set.hrmax_formulas) check_cites(f.reference_keys, "/hrmax_formulas/" + id + "/citations");
    for (const auto& [id, rule] : set.rules) check_cites(rule.reference_keys, child_path("/rules", id) + "/citations");
    for (const auto& req : required_params()) {
        const std::string path = child_path(child_path("/rules", req.rule) + "/params", req.param);
        auto r = set.rules.find(req.rule);
        if (r == set.rules.end())
            fail(child_path("/rules", req.rule), "missing rule " + std::string(req.rule), ErrorCode::rules_error);
        auto p = r->second.params.find(req.param);
        if (p == r->second.params.end())
            fail(path, "missing parameter; expected " + std::string(to_string(req.kind)), ErrorCode::rules_error);
        if (kind_of(p->second.value) != req.kind)
            fail(path + "/value", "expected " + std::string(to_string(req.kind)) + ", got " + describe(p->second.value),
                 ErrorCode::rules_error);
    }
    // Formula names must resolve, so hrmax() never falls back silently.
    const auto& hr = set.rules.at("intensity.heart_rate").params;
    for (const char* name : {"default_formula", "beta_blocker_formula"}) {
        const auto& f = std::get<std::string>(hr.at(name).value);
        if ((!f.empty() || std::string(name) == "default_formula") && !set.hrmax_formulas.count(f))
            fail(std::string("/rules/intensity.heart_rate/params/") + name + "/value", "unknown HRmax formula \"" + f + "\"",
                 ErrorCode::rules_error);
    }
    for (const auto& [cid, c] : set.conditions) {
        const std::string cpath = child_path("/conditions", cid);
        check_cites(c.reference_keys, cpath + "/citations");
        // A named reference: lambdas cannot capture structured bindings before C++20 (clang 14).
        const std::string& condition_id = cid;
        auto check_layer = [&](const ParamOverrides& layer, const std::string& lpath) {
            for (const auto& [rid, params] : layer) {
                auto r = set.rules.find(rid);
                if (r == set.rules.end())
                    fail(child_path(lpath, rid), "unknown rule \"" + rid + "\"", ErrorCode::rules_error);
                for (const auto& [pid, v] : params) {
                    const std::string ppath = child_path(child_path(lpath, rid), pid);
                    auto p = r->second.params.find(pid);
                    if (p == r->second.params.end())
                        fail(ppath, "unknown parameter \"" + pid + "\" of rule " + rid, ErrorCode::rules_error);
                    // check_limits checks the priming hours and rest of the rules alone; a
                    // profile could set a window that never opens, which the plan could not record.
                    if (rid == "priming.window" || rid == "priming.dosing_day")
                        fail(ppath, rid + " holds for every patient: set " + pid + " under /rules/" + rid +
                                        "/params, not per condition",
                             ErrorCode::rules_error);
                    if (kind_of(v) != kind_of(p->second.value))
                        fail(ppath, "expected " + std::string(to_string(kind_of(p->second.value))) + ", got " + describe(v),
                             ErrorCode::rules_error);
                    if (rid == "intensity.heart_rate" && kind_of(v) == ParamKind::string &&
                        !std::get<std::string>(v).empty() && !set.hrmax_formulas.count(std::get<std::string>(v)))
                        fail(ppath, "unknown HRmax formula " + describe(v), ErrorCode::rules_error);
                    if (check_profiles && p->second.safety && p->second.stricter != Stricter::fixed &&
                        !at_least_as_strict(v, p->second.value, p->second.stricter))
                        fail(ppath, "condition " + condition_id + " loosens safety parameter " + rid + "." + pid + " (" +
                                        describe(v) + " vs " + describe(p->second.value) + ")",
                             ErrorCode::rules_error);
                }
            }
        };
        check_layer(c.params, cpath + "/params");
        for (const auto& [sev, layer] : c.severity_params) check_layer(layer, child_path(cpath + "/severity_params", sev));
    }
    check_limits(set);
}

RuleSet read_rule_set(const json& doc) {
    ObjectReader r(doc, "");
    RuleSet set;
    r.integer("schema_version", 1, 1, true);
    set.name = *r.string("name", true, 200);
    set.version = *r.string("version", true, 50);
    const json* refs = r.object("references", true);
    for (auto it = refs->begin(); it != refs->end(); ++it)
        set.references[it.key()] = as_string(it.value(), child_path("/references", it.key()), 1000);
    const json* formulas = r.object("hrmax_formulas", true);
    for (auto it = formulas->begin(); it != formulas->end(); ++it)
        set.hrmax_formulas[it.key()] = read_formula(it.value(), child_path("/hrmax_formulas", it.key()), it.key());
    const json* rules = r.object("rules", true);
    for (auto it = rules->begin(); it != rules->end(); ++it) {
        const std::string path = child_path("/rules", it.key());
        ObjectReader rr(it.value(), path);
        Rule rule;
        rule.id = it.key();
        rule.severity = parse_severity(*rr.enumeration("severity", {"error", "warning", "info"}, true));
        rule.safety = *rr.boolean("safety", true);
        rule.title = read_text(*rr.object("title", true), path + "/title");
        rule.explanation = read_text(*rr.object("explanation", true), path + "/explanation");
        rule.reference_keys = read_citations(rr, true);
        const json* params = rr.object("params", true);
        for (auto p = params->begin(); p != params->end(); ++p)
            rule.params[p.key()] = read_param(p.value(), child_path(path + "/params", p.key()), rule.safety);
        rr.finish();
        set.rules[rule.id] = std::move(rule);
    }
    const json* conditions = r.object("conditions", true);
    for (auto it = conditions->begin(); it != conditions->end(); ++it)
        set.conditions[it.key()] = read_condition(it.value(), child_path("/conditions", it.key()), it.key());
    r.finish();
    check_rule_set(set, true);
    return set;
}

// ---- clinic files ---------------------------------------------------------------

[[noreturn]] void rules_fail(const std::string& path, const std::string& msg) { fail(path, msg, ErrorCode::rules_error); }

// A clinic value, plain or in object form (whose metadata must match the built-in one).
ParamValue read_clinic_value(const json& v, const std::string& path, const Param& base) {
    if (!v.is_object()) return read_value(v, path);
    ObjectReader r(v, path);
    const json* value = r.get("value");
    if (!value) fail(path + "/value", "missing required field; expected the parameter's value");
    ParamValue out = read_value(*value, path + "/value");
    if (auto u = r.string("unit", false, 20); u && *u != base.unit)
        rules_fail(path + "/unit", "cannot change the unit (\"" + base.unit + "\")");
    if (auto s = read_enum<Stricter>(r, "stricter", false); s && *s != base.stricter)
        rules_fail(path + "/stricter", std::string("cannot change the direction (\"") + to_string(base.stricter) + "\")");
    if (auto s = r.boolean("safety", false); s && *s != base.safety)
        rules_fail(path + "/safety", "cannot change whether a parameter is a safety parameter");
    r.finish();
    return out;
}

// Applies one changed value: same type, fixed stays fixed, safety never loosens.
void tighten(ParamValue& current, const ParamValue& wanted, const Param& meta, const std::string& what,
             const std::string& path) {
    if (kind_of(wanted) != kind_of(meta.value))
        fail(path, "expected " + std::string(to_string(kind_of(meta.value))) + ", got " + describe(wanted),
             ErrorCode::rules_error);
    if (wanted == current) return;
    if (meta.stricter == Stricter::fixed)
        rules_fail(path, what + " is fixed and cannot be changed (built-in " + describe(current) + ")");
    if (meta.safety && !at_least_as_strict(wanted, current, meta.stricter))
        rules_fail(path, "loosens safety rule " + what + ": " + describe(wanted) + " is less strict than " +
                             describe(current) + " (stricter is " + to_string(meta.stricter) + ")");
    current = wanted;
}

template <class T>
void must_equal(const T& given, const T& built_in, const std::string& path, const std::string& what) {
    if (!(given == built_in)) rules_fail(path, "cannot change " + what + " of a built-in rule set entry");
}

void add_citations(std::vector<std::string>& to, const std::vector<std::string>& more) {
    for (const auto& c : more)
        if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(c);
}

// A clinic file's own citations, checked at their index in the clinic file: once merged
// into the built-in list, an unknown key's index would point at the wrong entry.
std::vector<std::string> clinic_citations(const RuleSet& set, ObjectReader& r) {
    std::vector<std::string> keys = read_citations(r, false);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!set.references.count(keys[i]))
            rules_fail(child_path(r.path() + "/citations", i), "unknown reference \"" + keys[i] + "\"; add it to /references");
    return keys;
}

void apply_overrides(ParamOverrides& target, const json& v, const std::string& path, const RuleSet& set,
                     const ParamOverrides* base_layer) {
    require_object(v, path);
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string rp = child_path(path, it.key());
        auto rule = set.rules.find(it.key());
        if (rule == set.rules.end()) rules_fail(rp, "unknown rule \"" + it.key() + "\"");
        require_object(it.value(), rp);
        for (auto p = it.value().begin(); p != it.value().end(); ++p) {
            const std::string pp = child_path(rp, p.key());
            auto meta = rule->second.params.find(p.key());
            if (meta == rule->second.params.end())
                rules_fail(pp, "unknown parameter \"" + p.key() + "\" of rule " + it.key());
            ParamValue wanted = read_clinic_value(p.value(), pp, meta->second);
            // Compare with what the profile had, or else with the rule's own value.
            ParamValue current = meta->second.value;
            bool profile_sets_it = false;
            if (base_layer) {
                auto br = base_layer->find(it.key());
                if (br != base_layer->end() && br->second.count(p.key())) {
                    current = br->second.at(p.key());
                    profile_sets_it = true;
                }
            }
            // A fixed parameter in a profile would override another profile's value
            // (stroke's beta-blocker formula), so a clinic file may only repeat it.
            if (meta->second.stricter == Stricter::fixed && !profile_sets_it)
                rules_fail(pp, it.key() + "." + p.key() + " is fixed and cannot be set in this profile");
            tighten(current, wanted, meta->second, it.key() + "." + p.key(), pp);
            target[it.key()][p.key()] = current;
        }
    }
}

// A clinic file may add references but never change a built-in one.
void overlay_references(RuleSet& set, const RuleSet& base, const json& refs) {
    for (auto it = refs.begin(); it != refs.end(); ++it) {
        const std::string path = child_path("/references", it.key());
        std::string text = as_string(it.value(), path, 1000);
        auto old = base.references.find(it.key());
        if (old != base.references.end() && old->second != text)
            rules_fail(path, "cannot change built-in reference \"" + it.key() + "\"; add a new key instead");
        set.references[it.key()] = text;
    }
}

// HRmax formulas may only be repeated as they are.
void overlay_formulas(const RuleSet& base, const json& formulas) {
    for (auto it = formulas.begin(); it != formulas.end(); ++it) {
        const std::string path = child_path("/hrmax_formulas", it.key());
        auto old = base.hrmax_formulas.find(it.key());
        if (old == base.hrmax_formulas.end()) rules_fail(path, "cannot add HRmax formulas");
        HrMaxFormula f = read_formula(it.value(), path, it.key());
        if (f.intercept_centi != old->second.intercept_centi || f.slope_centi != old->second.slope_centi ||
            f.expression != old->second.expression || f.reference_keys != old->second.reference_keys)
            rules_fail(path, "cannot change HRmax formula \"" + it.key() + "\"");
    }
}

// One rule of a clinic file: its descriptive members as built in, more citations, and
// parameters that only tighten.
void overlay_rule(const RuleSet& set, Rule& rule, const std::string& id, const json& v, const std::string& path) {
    ObjectReader rr(v, path);
    if (auto s = rr.enumeration("severity", {"error", "warning", "info"}, false))
        must_equal(parse_severity(*s), rule.severity, path + "/severity", "the severity");
    if (auto s = rr.boolean("safety", false)) must_equal(*s, rule.safety, path + "/safety", "whether it is a safety rule");
    if (const json* t = rr.object("title", false)) must_equal(read_text(*t, path + "/title"), rule.title, path + "/title", "the title");
    if (const json* t = rr.object("explanation", false))
        must_equal(read_text(*t, path + "/explanation"), rule.explanation, path + "/explanation", "the explanation");
    add_citations(rule.reference_keys, clinic_citations(set, rr));
    if (const json* params = rr.object("params", false)) {
        for (auto p = params->begin(); p != params->end(); ++p) {
            const std::string pp = child_path(path + "/params", p.key());
            auto meta = rule.params.find(p.key());
            if (meta == rule.params.end()) rules_fail(pp, "unknown parameter \"" + p.key() + "\" of rule " + id);
            ParamValue wanted = read_clinic_value(p.value(), pp, meta->second);
            tighten(meta->second.value, wanted, meta->second, id + "." + p.key(), pp);
        }
    }
    rr.finish();
}

void overlay_rules(RuleSet& set, const json& rules) {
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        const std::string path = child_path("/rules", it.key());
        auto found = set.rules.find(it.key());
        if (found == set.rules.end()) rules_fail(path, "unknown rule \"" + it.key() + "\"");
        overlay_rule(set, found->second, it.key(), it.value(), path);
    }
}

// One condition profile of a clinic file: title and age limit as built in, more
// citations, and overrides that only tighten the built-in profile's.
void overlay_condition(RuleSet& set, ConditionProfile& c, const ConditionProfile& orig, const json& v,
                       const std::string& path) {
    ObjectReader cr(v, path);
    if (const json* t = cr.object("title", false)) must_equal(read_text(*t, path + "/title"), c.title, path + "/title", "the title");
    if (auto a = cr.integer("min_age", 0, 120, false))
        must_equal(std::optional<int>(static_cast<int>(*a)), c.min_age, path + "/min_age", "the age limit");
    add_citations(c.reference_keys, clinic_citations(set, cr));
    if (const json* p = cr.object("params", false)) apply_overrides(c.params, *p, path + "/params", set, &orig.params);
    if (const json* s = cr.object("severity_params", false)) {
        for (auto sv = s->begin(); sv != s->end(); ++sv) {
            const std::string sp = child_path(path + "/severity_params", sv.key());
            as_enum(sv.key(), sp, {"mild", "moderate", "severe"});
            auto o = orig.severity_params.find(sv.key());
            apply_overrides(c.severity_params[sv.key()], sv.value(), sp, set,
                            o == orig.severity_params.end() ? nullptr : &o->second);
        }
    }
    cr.finish();
}

void overlay_conditions(RuleSet& set, const RuleSet& base, const json& conditions) {
    for (auto it = conditions.begin(); it != conditions.end(); ++it) {
        const std::string path = child_path("/conditions", it.key());
        auto found = set.conditions.find(it.key());
        if (found == set.conditions.end()) rules_fail(path, "unknown condition \"" + it.key() + "\"");
        overlay_condition(set, found->second, base.conditions.at(it.key()), it.value(), path);
    }
}

RuleSet overlay(const RuleSet& base, const json& doc) {
    RuleSet set = base;
    ObjectReader r(doc, "");
    r.integer("schema_version", 1, 1, true);
    if (auto n = r.string("name", false, 200)) set.name = *n;
    if (auto v = r.string("version", false, 50)) set.version = *v;
    if (const json* refs = r.object("references", false)) overlay_references(set, base, *refs);
    if (const json* formulas = r.object("hrmax_formulas", false)) overlay_formulas(base, *formulas);
    if (const json* rules = r.object("rules", false)) overlay_rules(set, *rules);
    if (const json* conditions = r.object("conditions", false)) overlay_conditions(set, base, *conditions);
    r.finish();
    // Profiles were checked against the built-in values as they were applied; a clinic
    // that lowers a rule's ceiling below a profile's is fine (the lower one wins).
    check_rule_set(set, false);
    return set;
}

}  // namespace

Result<RuleSet> parse_rule_set(std::string_view text) {
    return guarded<RuleSet>([&] { return read_rule_set(parse_document(text)); });
}

Result<RuleSet> apply_clinic_rules(const RuleSet& base, std::string_view text) {
    return guarded<RuleSet>([&] { return overlay(base, parse_document(text)); });
}

}  // namespace rehabplan
