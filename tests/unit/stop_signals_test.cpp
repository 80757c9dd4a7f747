// safety.stop_signals: the catalogue of stop signals (IDs, patient text in en and nl,
// action), the signals each patient's conditions require, the validator's check, the
// generator's list and the printed stop box.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/messages.hpp"
#include "rules/readings.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

const std::vector<std::string>& builtin_list(const std::string& param) {
    return std::get<std::vector<std::string>>(builtin_rules().rules.at("safety.stop_signals").params.at(param).value);
}

Patient with(ConditionType t, std::optional<TbiSeverity> severity = std::nullopt) {
    Patient p = test::adult();
    Condition c;
    c.type = t;
    c.event_date = d("2026-06-01");
    c.severity = severity;
    p.conditions.push_back(c);
    return p;
}

std::vector<std::string> required(const Patient& p, const RuleSet& rules = builtin_rules()) {
    return reading::required_stop_signals(EffectiveRules(rules, p), p);
}

std::string txt(const std::string& key, const std::string& lang) { return detail::term(key).in(lang); }

bool has(const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); }

std::vector<std::string> without(std::vector<std::string> v, const std::string& id) {
    v.erase(std::remove(v.begin(), v.end(), id), v.end());
    return v;
}

const std::vector<std::string> general = {"chest_pain",    "unusual_breathlessness", "acute_dizziness",        "palpitations",
                                          "severe_headache", "calf_pain",              "emotional_dysregulation"};
const std::vector<std::string> red_flags = {"worsening_headache", "repeated_vomiting", "seizure",   "double_vision",
                                            "limb_weakness",      "increasing_confusion", "neck_pain"};

// Every signal the built-in rules can ask for: the rule's own and every profile's.
std::set<std::string> every_builtin_signal() {
    std::set<std::string> ids(builtin_list("signals").begin(), builtin_list("signals").end());
    ids.insert(builtin_list("call_112").begin(), builtin_list("call_112").end());
    ids.insert("seizure");
    for (const auto& [cid, profile] : builtin_rules().conditions) {
        auto r = profile.params.find("safety.stop_signals");
        if (r == profile.params.end()) continue;
        for (const auto& id : std::get<std::vector<std::string>>(r->second.at("signals"))) ids.insert(id);
    }
    return ids;
}

}  // namespace

TEST_CASE("safety.stop_signals catalogue: every signal has en and nl text and an action, in both languages") {
    const auto ids = every_builtin_signal();
    CHECK(ids.size() == 15);
    for (const auto& id : ids) {
        CAPTURE(id);
        REQUIRE(detail::has_message("signal." + id));
        for (const char* lang : {"en", "nl"}) {
            const std::string text = txt("signal." + id, lang);
            CHECK(!text.empty());
            CHECK(text.find('_') == std::string::npos);  // patient words, not an ID
        }
    }
    for (const char* action : {"call_112", "stop_call_therapist"})
        for (const char* lang : {"en", "nl"}) CHECK(!txt(std::string("stop_action.") + action, lang).empty());
    CHECK(txt("stop_action.call_112", "en").find("112") != std::string::npos);
    CHECK(txt("stop_action.call_112", "nl").find("112") != std::string::npos);
    // Every 112 signal is one the rules can ask for, and the emergencies are the ones the sources name.
    for (const auto& id : builtin_list("call_112")) CHECK(ids.count(id) == 1);
    const EffectiveRules er(builtin_rules(), test::adult());
    for (const char* id : {"chest_pain", "stroke_signs", "seizure", "worsening_headache", "neck_pain", "double_vision"})
        CHECK(reading::stop_signal_action(er, id) == reading::StopAction::call_112);
    for (const char* id : {"unusual_breathlessness", "acute_dizziness", "palpitations", "severe_headache", "calf_pain",
                           "emotional_dysregulation", "a_clinic_signal"})
        CHECK(reading::stop_signal_action(er, id) == reading::StopAction::stop_call_therapist);
}

TEST_CASE("safety.stop_signals catalogue: the five IDs of 1.3 plans stay valid and keep their meaning") {
    for (const char* id : {"acute_dizziness", "severe_headache", "emotional_dysregulation", "chest_pain", "unusual_breathlessness"}) {
        CAPTURE(id);
        CHECK(has(builtin_list("signals"), id));
    }
    CHECK(txt("signal.chest_pain", "en") == "Pain or pressure in your chest");
    CHECK(txt("signal.chest_pain", "nl") == "Pijn of een drukkend gevoel op de borst");
}

TEST_CASE("safety.stop_signals reading: each condition's list resolves, 112 signals first") {
    CHECK(required(test::adult()) == general);
    const auto stroke = required(with(ConditionType::stroke));
    CHECK(stroke.front() == "stroke_signs");
    // A seizure is a stroke survivor's emergency too (holtkamp2017: 3-6 % early, up to 12 % epilepsy).
    CHECK(stroke == std::vector<std::string>{"stroke_signs", "seizure", "chest_pain", "unusual_breathlessness", "acute_dizziness",
                                             "palpitations", "severe_headache", "calf_pain", "emotional_dysregulation"});
    const auto tbi = required(with(ConditionType::tbi, TbiSeverity::moderate));
    CHECK(tbi.front() == "seizure");
    CHECK(tbi.size() == general.size() + 1);
    const auto concussion = required(with(ConditionType::concussion));
    for (const auto& id : red_flags) CHECK(has(concussion, id));
    for (const auto& id : general) CHECK(has(concussion, id));
    CHECK(concussion.size() == general.size() + red_flags.size());
    CHECK(concussion.back() == "emotional_dysregulation");  // the call-the-therapist group last
    // Patients without a stroke, brain injury or concussion get the general signs only.
    for (const ConditionType t : {ConditionType::dementia, ConditionType::parkinson, ConditionType::chronic_pain})
        CHECK(required(with(t)) == general);
    // Untreated epilepsy adds the seizure signal; two conditions give the union without repeats.
    Patient epilepsy = test::adult();
    epilepsy.contraindications.named.push_back("untreated_epilepsy");
    CHECK(required(epilepsy).front() == "seizure");
    Patient both = with(ConditionType::stroke);
    both.conditions.push_back(with(ConditionType::tbi).conditions[0]);
    both.contraindications.named.push_back("untreated_epilepsy");
    const auto b = required(both);
    CHECK(std::vector<std::string>(b.begin(), b.begin() + 3) == std::vector<std::string>{"stroke_signs", "seizure", "chest_pain"});
    CHECK(std::set<std::string>(b.begin(), b.end()).size() == b.size());
}

TEST_CASE("safety.stop_signals: a stroke plan without stroke_signs is an error - with all required it passes") {
    const Patient p = with(ConditionType::stroke);
    Plan plan = test::plan();
    test::add_good_week(plan, "2026-11-23");
    plan.stop_signals = required(p);
    CHECK(test::with_rule(test::check(p, plan), "safety.stop_signals").empty());
    plan.stop_signals = without(plan.stop_signals, "stroke_signs");
    const auto f = test::with_rule(test::check(p, plan), "safety.stop_signals", Severity::error);
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "/stop_signals");
    CHECK(f[0].message.en.find("stroke_signs") != std::string::npos);
}

TEST_CASE("safety.stop_signals: a stroke plan without the seizure signal is an error - a Parkinson plan needs none") {
    const Patient p = with(ConditionType::stroke);
    Plan plan = test::plan();
    test::add_good_week(plan, "2026-11-23");
    plan.stop_signals = without(required(p), "seizure");
    const auto f = test::with_rule(test::check(p, plan), "safety.stop_signals", Severity::error);
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("seizure") != std::string::npos);
    plan.stop_signals = required(p);
    CHECK(test::with_rule(test::check(p, plan), "safety.stop_signals").empty());
    const Patient pd = with(ConditionType::parkinson);
    plan.stop_signals = general;
    CHECK(test::with_rule(test::check(pd, plan), "safety.stop_signals").empty());
}

TEST_CASE("safety.stop_signals: a non-stroke patient does not need stroke signs") {
    const Patient p = test::adult();
    Plan plan = test::plan();
    test::add_good_week(plan, "2026-11-23");
    plan.stop_signals = general;
    CHECK(test::with_rule(test::check(p, plan), "safety.stop_signals").empty());
    plan.stop_signals = without(general, "calf_pain");
    const auto f = test::with_rule(test::check(p, plan), "safety.stop_signals", Severity::error);
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("calf_pain") != std::string::npos);
}

TEST_CASE("safety.stop_signals: a concussion plan missing red flags names each missing one") {
    const Patient p = with(ConditionType::concussion);
    Plan plan = test::plan();
    plan.stop_signals = general;
    const auto f = test::with_rule(test::check(p, plan), "safety.stop_signals", Severity::error);
    REQUIRE(f.size() == 1);
    for (const auto& id : red_flags) CHECK(f[0].message.en.find(id) != std::string::npos);
    plan.stop_signals = required(p);
    CHECK(test::with_rule(test::check(p, plan), "safety.stop_signals").empty());
}

TEST_CASE("safety.stop_signals: a patient with untreated epilepsy needs the seizure signal") {
    Patient p = test::adult();
    p.contraindications.named.push_back("untreated_epilepsy");
    Plan plan = test::plan();
    plan.stop_signals = general;
    const auto f = test::with_rule(test::check(p, plan), "safety.stop_signals", Severity::error);
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("seizure") != std::string::npos);
}

TEST_CASE("safety.stop_signals: a clinic may add signals and 112 actions, never remove them") {
    auto added = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"safety.stop_signals": {"params": {
        "signals": ["chest_pain", "unusual_breathlessness", "acute_dizziness", "palpitations", "severe_headache", "calf_pain",
                    "emotional_dysregulation", "nausea"],
        "call_112": ["stroke_signs", "seizure", "worsening_headache", "repeated_vomiting", "double_vision", "limb_weakness",
                     "increasing_confusion", "neck_pain", "chest_pain", "unusual_breathlessness"]}}},
        "conditions": {"parkinson": {"params": {"safety.stop_signals": {"signals": ["chest_pain", "unusual_breathlessness",
            "acute_dizziness", "palpitations", "severe_headache", "calf_pain", "emotional_dysregulation", "nausea", "fall"]}}}}})");
    REQUIRE_MESSAGE(added.ok(), added.error().describe());
    const auto adult = required(test::adult(), added.value());
    CHECK(has(adult, "nausea"));
    CHECK(!has(adult, "fall"));
    CHECK(std::vector<std::string>(adult.begin(), adult.begin() + 2) == std::vector<std::string>{"chest_pain", "unusual_breathlessness"});
    const auto pd = required(with(ConditionType::parkinson), added.value());
    CHECK(has(pd, "fall"));
    // The stroke profile's signal stays under a clinic's rule-level list.
    CHECK(has(required(with(ConditionType::stroke), added.value()), "stroke_signs"));

    auto removed = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"safety.stop_signals": {"params": {
        "signals": ["chest_pain", "unusual_breathlessness", "acute_dizziness", "palpitations", "severe_headache", "calf_pain"]}}}})");
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.error().path == "/rules/safety.stop_signals/params/signals");
    auto demoted = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"safety.stop_signals": {"params": {
        "call_112": ["stroke_signs", "seizure"]}}}})");
    REQUIRE_FALSE(demoted.ok());
    CHECK(demoted.error().path == "/rules/safety.stop_signals/params/call_112");
    auto profile_removed = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "conditions": {"stroke": {"params": {
        "safety.stop_signals": {"signals": []}}}}})");
    REQUIRE_FALSE(profile_removed.ok());
    auto no_epilepsy = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"safety.stop_signals": {"params": {
        "seizure_contraindications": []}}}})");
    REQUIRE_FALSE(no_epilepsy.ok());
}

TEST_CASE("safety.stop_signals: generated plans list exactly the required signals and validate") {
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 2;
    for (const Patient& p : {test::adult(), with(ConditionType::stroke), with(ConditionType::concussion),
                             with(ConditionType::tbi, TbiSeverity::mild)}) {
        auto r = generate(p, q, builtin_rules());
        REQUIRE_MESSAGE(r.ok(), r.error().describe());
        REQUIRE(r.value().plan);
        CHECK(r.value().plan->stop_signals == required(p));
        CHECK(test::with_rule(test::check(p, *r.value().plan), "safety.stop_signals").empty());
    }
}

TEST_CASE("safety.stop_signals printed: the stroke plan's text in en and nl has the stroke signs with 112") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        auto r = render(plan, Format::text, lang);
        REQUIRE(r.ok());
        const std::string& t = r.value();
        const std::string stroke = txt("signal.stroke_signs", lang);
        const std::string call = txt("stop_action.call_112", lang);
        const auto at_112 = t.find(call);
        REQUIRE(at_112 != std::string::npos);
        // The heading with 112 comes first; the stroke signs are under it (wrapped at 80 columns).
        CHECK(t.find(std::string(lang) == "en" ? "New signs of a stroke" : "Nieuwe tekenen van een beroerte") > at_112);
        CHECK(t.find(txt("signal.chest_pain", lang)) > at_112);
        CHECK(t.find(txt("stop_action.stop_call_therapist", lang)) > t.find(txt("signal.chest_pain", lang)));
        CHECK(stroke.find(std::string(lang) == "en" ? "stroke" : "beroerte") != std::string::npos);
        for (const auto& f : {Format::markdown, Format::html, Format::ics, Format::fhir}) {
            auto other = render(plan, f, lang);
            REQUIRE(other.ok());
            CHECK(other.value().find("112") != std::string::npos);
        }
    }
}

TEST_CASE("safety.stop_signals printed: a 1.3 plan with the five IDs still prints chest pain under 112") {
    Plan plan = test::plan();
    test::add_good_week(plan, "2026-11-23");
    plan.stop_signals = {"acute_dizziness", "severe_headache", "emotional_dysregulation", "chest_pain", "unusual_breathlessness"};
    auto r = render(plan, Format::text, "en");
    REQUIRE(r.ok());
    const auto call = r.value().find("Stop and call 112 at once if you notice:");
    REQUIRE(call != std::string::npos);
    CHECK(r.value().find("Pain or pressure in your chest") > call);
    CHECK(r.value().find("Suddenly dizzy or light-headed") > r.value().find("Stop, rest, and call your therapist"));
}
