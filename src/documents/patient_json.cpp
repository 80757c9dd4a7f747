// Patient document -> Patient. Field order and limits follow schema/patient.schema.json.
#include "documents/documents.hpp"
#include "core/json_reader.hpp"
#include "documents/json.hpp"

#include <algorithm>

namespace rehabplan {

using namespace detail;

namespace {

Condition read_condition(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Condition c;
    c.type = *read_enum<ConditionType>(r, "type", true);
    const bool dated = c.type == ConditionType::stroke || c.type == ConditionType::tbi ||
                       c.type == ConditionType::concussion;
    if (dated) c.event_date = r.date("event_date", true);
    else r.forbid("event_date", "only stroke, tbi and concussion have an event date");
    if (c.type == ConditionType::tbi) {
        c.severity = *read_enum<TbiSeverity>(r, "severity", true);
    } else {
        r.forbid("severity", "only tbi has a severity");
    }
    r.finish();
    return c;
}

// The concussion return's record (concussion.return): which ladders, the sport, and the
// two gates (symptoms resolved, the doctor's clearance), each dated on or after the one before.
ConcussionReturn read_concussion_return(const json& v, const Patient& p) {
    const std::string path = "/concussion_return";
    const Condition* c = p.find(ConditionType::concussion);
    if (!c) fail(path, "expected only with a concussion condition");
    ObjectReader r(v, path);
    ConcussionReturn cr;
    if (const json* a = r.array("ladders", 1, 4, false)) {
        for (std::size_t i = 0; i < a->size(); ++i)
            cr.ladders.push_back(as_enum_value<ReturnLadder>((*a)[i], child_path(path + "/ladders", i)));
        require_unique_strings(*a, path + "/ladders");
    }
    if (auto sport = r.string("sport", false, 100)) {
        if (sport->empty()) fail(path + "/sport", "expected a non-empty string of at most 100 characters");
        cr.sport = *sport;
    }
    cr.symptoms_resolved = r.date("symptoms_resolved", false);
    if (cr.symptoms_resolved && c->event_date && *cr.symptoms_resolved < *c->event_date)
        fail(path + "/symptoms_resolved", "expected a date on or after the concussion's event date " +
                                              c->event_date->to_string() + ", got " + cr.symptoms_resolved->to_string());
    if (const json* cl = r.object("cleared", false)) {
        ObjectReader kr(*cl, path + "/cleared");
        Clearance k;
        k.date = kr.date("date", true);
        k.by = kr.string("by", false, 200).value_or("");
        kr.finish();
        if (!cr.symptoms_resolved)
            fail(path + "/cleared", "expected symptoms_resolved beside a clearance: a doctor clears for at-risk activity only after symptoms have resolved");
        if (*k.date < *cr.symptoms_resolved)
            fail(path + "/cleared/date", "expected a date on or after symptoms_resolved " + cr.symptoms_resolved->to_string() +
                                             ", got " + k.date->to_string());
        cr.cleared = k;
    }
    r.finish();
    return cr;
}

// What exercise selection needs (data/exercises.json): mobility, equipment at home,
// osteoporosis and, after a stroke only, the weaker side.
void read_selection_facts(ObjectReader& r, Patient& p) {
    p.mobility = read_enum<Mobility>(r, "mobility", false);
    if (const json* a = r.array("equipment", 0, 6, false)) {
        std::vector<std::string> items;
        for (std::size_t i = 0; i < a->size(); ++i)
            items.push_back(as_enum((*a)[i], child_path("/equipment", i),
                                    {"chair", "wall", "step", "band", "weights", "bike"}));
        require_unique_strings(*a, "/equipment");
        p.equipment = std::move(items);
    }
    p.osteoporosis = r.boolean("osteoporosis", false);
    if (r.has("affected_side") && !p.has(ConditionType::stroke))
        fail("/affected_side", "expected only with a stroke condition");
    p.affected_side = read_enum<BodySide>(r, "affected_side", false);
}

// A priming treatment (priming.window): its dates, given one by one, as a course (weekdays
// from one date to another), or both; the union, ascending. The known types take their
// window from the rules; another type must state its own.
PrimingTreatment read_priming_treatment(const json& v, const std::string& path) {
    constexpr int max_dates = 400;           // more than a year of daily sessions
    constexpr int max_course_days = 366;
    constexpr int max_window_hours = 336;    // two weeks: the longest window a clinic may state
    ObjectReader r(v, path);
    PrimingTreatment t;
    t.type = *r.identifier("type", true);
    const bool known = is_known_priming_type(t.type);
    std::vector<Date> dates;
    if (const json* a = r.array("dates", 1, max_dates, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) dates.push_back(as_date((*a)[i], child_path(path + "/dates", i)));
        require_unique_strings(*a, path + "/dates");
    }
    if (const json* c = r.object("course", false)) {
        const std::string cpath = path + "/course";
        ObjectReader cr(*c, cpath);
        const Date from = *cr.date("from", true);
        const Date to = *cr.date("to", true);
        if (to < from) fail(cpath + "/to", "expected a date on or after from " + from.to_string() + ", got " + to.to_string());
        if (to.days_since(from) >= max_course_days)
            fail(cpath + "/to", "expected a course of at most " + std::to_string(max_course_days) + " days, got " +
                                    std::to_string(to.days_since(from) + 1));
        unsigned weekdays = 0;
        const json* a = cr.array("weekdays", 1, 7, true);
        for (std::size_t i = 0; i < a->size(); ++i)
            weekdays |= 1u << static_cast<int>(as_enum_value<Weekday>((*a)[i], child_path(cpath + "/weekdays", i)));
        require_unique_strings(*a, cpath + "/weekdays");
        cr.finish();
        const std::size_t given = dates.size();  // the course's own dates must not be none
        for (Date d = from; d <= to; d = d.plus_days(1))
            if (weekdays & (1u << static_cast<int>(d.weekday()))) dates.push_back(d);
        if (dates.size() == given) fail(cpath + "/weekdays", "expected at least one of these weekdays between from and to");
    }
    if (!r.has("dates") && !r.has("course")) fail(path, "expected dates, a course, or both");
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    if (static_cast<int>(dates.size()) > max_dates)
        fail(path, "expected at most " + std::to_string(max_dates) + " dates in all, got " + std::to_string(dates.size()));
    t.dates = std::move(dates);
    if (known) {
        r.forbid("window", "ketamine, esketamine and rtms take their window from the rules (priming.window)");
        r.forbid("rest_on_dates", "ketamine and esketamine days carry no training by rule (priming.dosing_day)");
    } else {
        const json* w = r.object("window", true);
        ObjectReader wr(*w, path + "/window");
        PrimingWindowHours h;
        h.start_hours = static_cast<int>(*wr.integer("start_hours", 0, max_window_hours - 1, true));
        h.end_hours = static_cast<int>(*wr.integer("end_hours", 1, max_window_hours, true));
        if (h.end_hours <= h.start_hours)
            fail(path + "/window/end_hours", "expected more than start_hours " + std::to_string(h.start_hours) + ", got " +
                                                 std::to_string(h.end_hours));
        wr.finish();
        t.window = h;
        t.rest_on_dates = r.boolean("rest_on_dates", false).value_or(false);
    }
    r.finish();
    return t;
}

// One field after another in the schema's order (schema/patient.schema.json), each checked for
// type and range before it is converted: long because the document is.
Patient read_patient(const json& doc) {
    ObjectReader r(doc, "");
    Patient p;
    r.integer("schema_version", 1, 1, true);
    if (auto id = r.string("id", false, 64)) {
        if (id->empty()) fail("/id", "expected a non-empty string of at most 64 characters");
        p.id = *id;
    }
    p.age = static_cast<int>(*r.integer("age", 12, 110, true));
    p.sex = *read_enum<Sex>(r, "sex", true);

    if (const json* a = r.array("conditions", 0, 16, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            Condition c = read_condition((*a)[i], child_path("/conditions", i));
            if (p.has(c.type))
                fail(child_path("/conditions", i) + "/type",
                     std::string("condition \"") + to_string(c.type) + "\" is listed twice");
            p.conditions.push_back(c);
        }
    }
    if (const json* a = r.array("medications", 0, 16, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) as_enum((*a)[i], child_path("/medications", i), {"beta_blocker"});
        require_unique_strings(*a, "/medications");
        p.beta_blocker = !a->empty();
    }
    if (const json* c = r.object("contraindications", false)) {
        ObjectReader cr(*c, "/contraindications");
        if (const json* a = cr.array("named", 0, 64, false)) {
            for (std::size_t i = 0; i < a->size(); ++i)
                p.contraindications.named.push_back(as_identifier((*a)[i], child_path("/contraindications/named", i)));
            require_unique_strings(*a, "/contraindications/named");
        }
        if (const json* bp = cr.object("resting_bp", false)) {
            ObjectReader br(*bp, "/contraindications/resting_bp");
            BloodPressure b;
            b.systolic = static_cast<int>(*br.integer("systolic", 60, 300, true));
            b.diastolic = static_cast<int>(*br.integer("diastolic", 30, 200, true));
            br.finish();
            p.contraindications.resting_bp = b;
        }
        p.contraindications.myocardial_infarction_date = cr.date("myocardial_infarction_date", false);
        cr.finish();
    }
    if (const json* h = r.object("heart_rate", false)) {
        ObjectReader hr(*h, "/heart_rate");
        auto opt_int = [](std::optional<std::int64_t> v) {
            return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
        };
        p.heart_rate.max_bpm = opt_int(hr.integer("max_bpm", 80, 230, false));
        p.heart_rate.resting_bpm = opt_int(hr.integer("resting_bpm", 30, 130, false));
        p.heart_rate.formula = hr.enumeration("formula", {"tanaka", "fox", "gellish", "gulati"}, false);
        p.heart_rate.symptom_threshold_bpm = opt_int(hr.integer("symptom_threshold_bpm", 60, 230, false));
        hr.finish();
    }
    p.baseline_minutes = static_cast<int>(*r.integer("baseline_minutes", 0, 240, true));
    if (const json* a = r.array("available_days", 1, 7, false)) {
        for (std::size_t i = 0; i < a->size(); ++i)
            p.available_days.push_back(as_enum_value<Weekday>((*a)[i], child_path("/available_days", i)));
        require_unique_strings(*a, "/available_days");
    } else {
        for (int d = 0; d < 7; ++d) p.available_days.push_back(static_cast<Weekday>(d));
    }
    if (auto m = r.integer("max_minutes_per_day", 10, 600, false)) p.max_minutes_per_day = static_cast<int>(*m);
    p.hiit_screening_done = r.boolean("hiit_screening_done", false).value_or(false);
    if (const json* c = r.object("clearance", false)) p.clearance = clearance_from_json(*c, "/clearance");
    if (const json* c = r.object("concussion_return", false)) p.concussion_return = read_concussion_return(*c, p);
    // Recorded falls in the last 12 months (fall precautions in the printout).
    if (auto f = r.integer("falls_past_year", 0, 100, false)) p.falls_past_year = static_cast<int>(*f);
    // Type and range are checked (with the path /daily_steps) before the conversion.
    if (auto s = r.integer("daily_steps", 0, 50000, false)) p.daily_steps = static_cast<int>(*s);
    read_selection_facts(r, p);
    if (const json* a = r.array("priming_treatments", 0, 8, false))
        for (std::size_t i = 0; i < a->size(); ++i)
            p.priming_treatments.push_back(read_priming_treatment((*a)[i], child_path("/priming_treatments", i)));
    if (const json* a = r.array("fear_hierarchy", 1, 20, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            ObjectReader fr((*a)[i], child_path("/fear_hierarchy", i));
            FearItem f;
            f.activity = *fr.string("activity", true, 200);
            if (f.activity.empty()) fail(fr.path() + "/activity", "expected a non-empty string of at most 200 characters");
            f.fear = static_cast<int>(*fr.integer("fear", 0, 100, true));
            fr.finish();
            p.fear_hierarchy.push_back(std::move(f));
        }
    }
    r.finish();
    return p;
}

}  // namespace

Patient detail::patient_from_json(const json& doc) { return read_patient(doc); }

Clearance detail::clearance_from_json(const json& v, const std::string& path) {
    ObjectReader cr(v, path);
    Clearance cl;
    cl.level = *read_enum<ClearanceLevel>(cr, "level", true);
    cl.date = cr.date("date", false);
    cl.by = cr.string("by", false, 200).value_or("");
    cr.finish();
    return cl;
}

Result<Patient> parse_patient(std::string_view text) {
    return guarded<Patient>([&] { return read_patient(parse_document(text)); });
}

}  // namespace rehabplan
