// Session-log document <-> SessionLog. Limits follow schema/session-log.schema.json;
// the semantic checks (peak >= average heart rate, minutes in zone <= minutes, a
// completed session with minutes) follow schema/README.md, section Session log.
#include <array>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/json_reader.hpp"
#include "documents/output_json.hpp"
#include "followup/session_log.hpp"

namespace rehabplan {

using namespace detail;

namespace {

constexpr std::size_t max_entries = 5000;
// Document limits (schema/session-log.schema.json), not clinical numbers.
constexpr std::size_t max_exercises = 50;        // per entry
constexpr std::size_t max_sets = 20;             // per exercise
constexpr std::int64_t max_set_amount = 1000;    // repetitions or seconds in one set
constexpr int max_load_kg = 500;
constexpr std::size_t max_days = 2000;           // a year's plan is 364 days; room for a log kept longer
constexpr int max_sleep_hours = 24;              // hours in a day, not a clinical limit

const std::array<const char*, 4> sleep_quality_names{"very_good", "fairly_good", "fairly_bad", "very_bad"};

std::optional<int> opt_int(std::optional<std::int64_t> v) {
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

Symptoms read_symptoms(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Symptoms s;
    s.pain = opt_int(r.integer("pain", 0, 10, false));
    s.dizziness = opt_int(r.integer("dizziness", 0, 10, false));
    s.headache = opt_int(r.integer("headache", 0, 10, false));
    s.concussion_score = opt_int(r.integer("concussion_score", 0, 132, false));
    r.finish();
    return s;
}

void read_heart_rate(const json& v, const std::string& path, LogEntry& e) {
    ObjectReader r(v, path);
    e.average_hr_bpm = opt_int(r.integer("average_bpm", 30, 250, false));
    e.peak_hr_bpm = opt_int(r.integer("peak_bpm", 30, 250, false));
    e.minutes_in_zone = opt_int(r.integer("minutes_in_zone", 0, 600, false));
    r.finish();
    if (e.average_hr_bpm && e.peak_hr_bpm && *e.peak_hr_bpm < *e.average_hr_bpm)
        fail(path + "/peak_bpm", "expected peak_bpm >= average_bpm (" + std::to_string(*e.average_hr_bpm) +
                                     "), got " + std::to_string(*e.peak_hr_bpm));
    if (e.minutes_in_zone && *e.minutes_in_zone > e.minutes)
        fail(path + "/minutes_in_zone", "expected minutes_in_zone <= the entry's minutes (" +
                                            std::to_string(e.minutes) + "), got " +
                                            std::to_string(*e.minutes_in_zone));
}

// load_kg is the one non-integer number of a log: its type, finiteness and range are
// checked on the JSON value before it becomes a double (NaN, 1e300, "2").
std::optional<double> read_load(ObjectReader& r, const std::string& path) {
    const json* v = r.get("load_kg");
    if (!v) return std::nullopt;
    const std::string at = path + "/load_kg";
    if (!v->is_number()) fail(at, "expected a number of kilograms 0-" + std::to_string(max_load_kg) + ", got " + v->dump());
    const double kg = v->get<double>();
    if (!std::isfinite(kg) || kg < 0 || kg > max_load_kg)
        fail(at, "expected a number of kilograms 0-" + std::to_string(max_load_kg) + ", got " + v->dump());
    return kg;
}

ExerciseLogEntry read_exercise(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    ExerciseLogEntry x;
    x.id = *r.identifier("id", true);
    const json* sets = r.array("sets", 1, max_sets, true);
    for (std::size_t i = 0; i < sets->size(); ++i)
        x.sets.push_back(static_cast<int>(as_integer((*sets)[i], child_path(path + "/sets", i), 0, max_set_amount)));
    x.load_kg = read_load(r, path);
    x.rpe = opt_int(r.integer("rpe", 6, 20, false));
    x.pain = opt_int(r.integer("pain", 0, 10, false));
    x.completed = r.boolean("completed", false).value_or(true);
    r.finish();
    return x;
}

LogEntry read_entry(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    LogEntry e;
    e.date = *r.date("date", true);
    if (auto t = read_enum<SessionType>(r, "type", false)) e.type = *t;
    e.minutes = static_cast<int>(*r.integer("minutes", 0, 600, true));
    e.completed = r.boolean("completed", false).value_or(true);
    if (e.completed && e.minutes == 0)
        fail(path + "/minutes", "expected minutes > 0: a completed session has minutes > 0 "
                                "(a skipped or stopped session has \"completed\": false), got 0");
    if (const json* h = r.object("heart_rate", false)) read_heart_rate(*h, path + "/heart_rate", e);
    e.rpe = opt_int(r.integer("rpe", 6, 20, false));
    if (const json* s = r.object("symptoms", false)) e.symptoms = read_symptoms(*s, path + "/symptoms");
    if (const json* s = r.object("symptoms_before", false))
        e.symptoms_before = read_symptoms(*s, path + "/symptoms_before");
    e.fear = opt_int(r.integer("fear", 0, 100, false));
    e.stop_signal = r.boolean("stop_signal", false).value_or(false);
    e.head_impact = r.boolean("head_impact", false).value_or(false);
    e.note = r.string("note", false, 2000).value_or("");
    if (const json* xs = r.array("exercises", 0, max_exercises, false)) {
        for (std::size_t i = 0; i < xs->size(); ++i) {
            const std::string at = child_path(path + "/exercises", i);
            e.exercises.push_back(read_exercise((*xs)[i], at));
            for (std::size_t k = 0; k < i; ++k)
                if (e.exercises[k].id == e.exercises[i].id)
                    fail(at + "/id", "duplicate exercise \"" + e.exercises[i].id + "\": also at " +
                                         child_path(path + "/exercises", k) + "; expected each exercise once per entry");
        }
    }
    r.finish();
    return e;
}

// sleep_hours, like load_kg, is checked on the JSON value before it becomes a double.
std::optional<double> read_sleep_hours(ObjectReader& r, const std::string& path) {
    const json* v = r.get("sleep_hours");
    if (!v) return std::nullopt;
    const std::string at = path + "/sleep_hours";
    const std::string expected = "expected a number of hours 0-" + std::to_string(max_sleep_hours) + ", got ";
    if (!v->is_number()) fail(at, expected + v->dump());
    const double h = v->get<double>();
    if (!std::isfinite(h) || h < 0 || h > max_sleep_hours) fail(at, expected + v->dump());
    return h;
}

DayLog read_day(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    DayLog d;
    d.date = *r.date("date", true);
    d.sleep_hours = read_sleep_hours(r, path);
    if (auto q = r.enumeration_index("sleep_quality", Names(sleep_quality_names), false))
        d.sleep_quality = static_cast<SleepQuality>(*q);
    d.stress = opt_int(r.integer("stress", 0, 10, false));
    r.finish();
    return d;
}

std::vector<DayLog> read_days(const json& days) {
    std::vector<DayLog> out;
    out.reserve(days.size());
    std::map<std::int32_t, std::size_t> seen;  // day number -> its item
    for (std::size_t i = 0; i < days.size(); ++i) {
        const std::string at = child_path("/days", i);
        out.push_back(read_day(days[i], at));
        const auto [it, fresh] = seen.emplace(out.back().date.day_number(), i);
        if (!fresh)
            fail(at + "/date", "duplicate date " + out.back().date.to_string() + ": also at " +
                                   child_path("/days", it->second) + "; expected one item per date");
    }
    return out;
}

SessionLog read_log(const json& doc) {
    ObjectReader r(doc, "");
    SessionLog log;
    r.integer("schema_version", 1, 1, false);
    if (auto id = r.string("patient_id", false, 64)) {
        if (id->empty()) fail("/patient_id", "expected a non-empty string of at most 64 characters, got \"\"");
        log.patient_id = *id;
    }
    const json* entries = r.array("entries", 0, max_entries, true);
    log.entries.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size(); ++i)
        log.entries.push_back(read_entry((*entries)[i], child_path("/entries", i)));
    if (const json* days = r.array("days", 0, max_days, false)) log.days = read_days(*days);
    r.finish();
    return log;
}

void entry(JsonWriter& w, const LogEntry& e) {
    w.begin_object();
    w.member("date", e.date.to_string());
    if (e.type) w.member("type", to_string(*e.type));
    w.member("minutes", e.minutes).member("completed", e.completed);
    if (e.average_hr_bpm || e.peak_hr_bpm || e.minutes_in_zone) {
        w.key("heart_rate").begin_object();
        w.optional_member("average_bpm", e.average_hr_bpm);
        w.optional_member("peak_bpm", e.peak_hr_bpm);
        w.optional_member("minutes_in_zone", e.minutes_in_zone);
        w.end_object();
    }
    w.optional_member("rpe", e.rpe);
    if (e.symptoms.any()) write_symptoms(w.key("symptoms"), e.symptoms);
    if (e.symptoms_before.any()) write_symptoms(w.key("symptoms_before"), e.symptoms_before);
    w.optional_member("fear", e.fear);
    w.member("stop_signal", e.stop_signal);
    if (e.head_impact) w.member("head_impact", true);  // written only when true: logs without it stay as they were
    if (!e.note.empty()) w.member("note", e.note);
    if (!e.exercises.empty()) {
        w.key("exercises").begin_array();
        for (const ExerciseLogEntry& x : e.exercises) {
            w.begin_object();
            w.member("id", x.id);
            w.key("sets").begin_array();
            for (int n : x.sets) w.value(n);
            w.end_array();
            w.optional_member("load_kg", x.load_kg);
            w.optional_member("rpe", x.rpe);
            w.optional_member("pain", x.pain);
            w.member("completed", x.completed);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

}  // namespace

Result<SessionLog> parse_session_log(std::string_view text) {
    return guarded<SessionLog>([&] { return read_log(parse_document(text)); });
}

// Fixed field order (the schema's); optional values and empty objects are left out,
// the two booleans are always written, so a reader never needs the defaults.
std::string to_json(const SessionLog& log) {
    // A log built in code may hold a note that is not UTF-8 (a parsed one never does):
    // such bytes become U+FFFD instead of an exception.
    return json_document(
        128 + 160 * log.entries.size() + 80 * log.days.size(),
        [&](JsonWriter& w) {
            w.begin_object();
            w.member("schema_version", 1);
            if (!log.patient_id.empty()) w.member("patient_id", log.patient_id);
            w.key("entries").begin_array();
            for (const LogEntry& e : log.entries) entry(w, e);
            w.end_array();
            // Written only when the log has days: logs without them stay as they were.
            if (!log.days.empty()) {
                w.key("days").begin_array();
                for (const DayLog& d : log.days) {
                    w.begin_object();
                    w.member("date", d.date.to_string());
                    w.optional_member("sleep_hours", d.sleep_hours);
                    if (d.sleep_quality) w.member("sleep_quality", to_string(*d.sleep_quality));
                    w.optional_member("stress", d.stress);
                    w.end_object();
                }
                w.end_array();
            }
            w.end_object();
        },
        JsonWriter::Utf8Errors::replace);
}

}  // namespace rehabplan
