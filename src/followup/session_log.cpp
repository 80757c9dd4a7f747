// A session log checked against the plan it belongs to and today's date: the checks
// that need the plan (dates, which planned session an entry logs, duplicates, the
// patient ID). The first error in entry order is reported; nothing is reordered.
#include <map>
#include <utility>
#include <vector>

#include "core/json_reader.hpp"
#include "followup/session_log.hpp"

namespace rehabplan {

using namespace detail;

namespace {

constexpr int untyped = -1;  // the key of entries without a type on a day without a planned session

std::string entry_path(std::size_t i) { return child_path("/entries", i); }

// "/entries/3 and /entries/7", "/entries/2, /entries/5 and /entries/7"
std::string list_entries(const std::vector<std::size_t>& entries) {
    std::string out;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        if (k > 0) out += k + 1 == entries.size() ? " and " : ", ";
        out += entry_path(entries[k]);
    }
    return out;
}

std::string list_types(const std::vector<SessionType>& types) {
    std::string out;
    for (SessionType t : types) out += (out.empty() ? "" : ", ") + std::string(to_string(t));
    return out;
}

int count_of(const std::vector<SessionType>& types, SessionType t) {
    int n = 0;
    for (SessionType x : types) n += x == t;
    return n;
}

// Per-exercise entries report on the exercises of the planned session they log: an ID
// that session does not hold (or an entry on a day without that session) has nothing
// to be compared with.
void check_exercises(const LogEntry& e, const std::string& path, const Plan& plan, int type) {
    if (e.exercises.empty()) return;
    std::vector<const SessionPlan*> sessions;
    for (const SessionPlan& s : plan.sessions)
        if (s.date == e.date && static_cast<int>(s.type) == type) sessions.push_back(&s);
    for (std::size_t k = 0; k < e.exercises.size(); ++k) {
        const std::string& id = e.exercises[k].id;
        bool held = false;
        for (const SessionPlan* s : sessions)
            for (const ExerciseDose& d : s->exercises) held = held || d.id == id;
        if (held) continue;
        const std::string at = child_path(path + "/exercises", k) + "/id";
        if (sessions.empty())
            fail(at, "expected an exercise of a planned session: " + path + " logs no planned session (" +
                         e.date.to_string() + "), so it cannot report exercise \"" + id + "\"");
        std::string planned;
        for (const SessionPlan* s : sessions)
            for (const ExerciseDose& d : s->exercises) planned += (planned.empty() ? "" : ", ") + d.id;
        fail(at, "expected an exercise of the planned " + std::string(to_string(static_cast<SessionType>(type))) +
                     " session on " + e.date.to_string() + " (" + (planned.empty() ? "it names none" : planned) +
                     "), got \"" + id + "\" in " + path);
    }
}

void check_entries(const SessionLog& log, const Plan& plan, Date today) {
    if (!log.patient_id.empty() && plan.patient && !plan.patient->id.empty() && log.patient_id != plan.patient->id)
        fail("/patient_id", "expected the plan's patient ID \"" + plan.patient->id + "\", got \"" + log.patient_id + "\"");

    // The planned session types of each day, in plan order.
    std::map<std::int32_t, std::vector<SessionType>> planned;
    for (const SessionPlan& s : plan.sessions) planned[s.date.day_number()].push_back(s.type);
    static const std::vector<SessionType> none;

    // The entries so far for each (day, type); an untyped entry counts as the type of
    // the day's one planned session, or under `untyped` on a day without one.
    std::map<std::pair<std::int32_t, int>, std::vector<std::size_t>> seen;
    std::map<std::pair<std::int32_t, int>, bool> any_untyped;

    const Date start = plan.start_date, end = plan.end_date();
    for (std::size_t i = 0; i < log.entries.size(); ++i) {
        const LogEntry& e = log.entries[i];
        const std::string path = entry_path(i);
        const std::string date = e.date.to_string();
        if (e.date < start || e.date > end)
            fail(path + "/date", "expected a date inside the plan (" + start.to_string() + " to " + end.to_string() +
                                     "), got " + date);
        if (e.date > today)
            fail(path + "/date", "expected a date on or before today (" + today.to_string() + "), got " + date);

        const auto it = planned.find(e.date.day_number());
        const std::vector<SessionType>& day = it == planned.end() ? none : it->second;
        if (!e.type && day.size() > 1)
            fail(path + "/type", "missing field; expected \"type\": the plan has " + std::to_string(day.size()) +
                                     " sessions on " + date + " (" + list_types(day) +
                                     "), so the entry must say which one it logs");

        // The type this entry logs, or `untyped` (an int, not an optional: GCC then
        // sees that it is always initialised).
        const int type = e.type ? static_cast<int>(*e.type) : day.size() == 1 ? static_cast<int>(day[0]) : untyped;
        const auto key = std::make_pair(e.date.day_number(), type);
        std::vector<std::size_t>& same = seen[key];
        same.push_back(i);
        if (!e.type) any_untyped[key] = true;

        check_exercises(e, path, plan, type);
        if (type == untyped) {
            if (same.size() > 1)
                fail(path, "duplicate entry: " + list_entries(same) + " both log a session without \"type\" on " + date +
                               "; expected at most one entry without a type on a day without a planned session "
                               "(give each entry its \"type\")");
            continue;
        }
        const auto session_type = static_cast<SessionType>(type);
        const int planned_of_type = count_of(day, session_type);
        const std::size_t allowed = static_cast<std::size_t>(planned_of_type > 0 ? planned_of_type : 1);
        if (same.size() > allowed) {
            std::string why = planned_of_type == 0 ? "the plan has none, and one extra session of a type is allowed"
                                                   : "the plan has " + std::to_string(planned_of_type);
            if (any_untyped[key]) why += "; an entry without \"type\" logs the day's one planned session";
            fail(path, "duplicate entry: " + list_entries(same) + " log type " + to_string(session_type) + " on " + date +
                           "; expected at most " + std::to_string(allowed) + (allowed == 1 ? " entry" : " entries") +
                           " of that type that day (" + why + ")");
        }
    }
}

// Wellbeing days: the same window as entries (inside the plan, which is the safer reading:
// a night before the start says nothing about a plan week). Duplicates are a parse error.
void check_days(const SessionLog& log, const Plan& plan, Date today) {
    const Date start = plan.start_date, end = plan.end_date();
    for (std::size_t i = 0; i < log.days.size(); ++i) {
        const Date d = log.days[i].date;
        const std::string at = child_path("/days", i) + "/date";
        if (d < start || d > end)
            fail(at, "expected a date inside the plan (" + start.to_string() + " to " + end.to_string() + "), got " +
                         d.to_string());
        if (d > today) fail(at, "expected a date on or before today (" + today.to_string() + "), got " + d.to_string());
    }
}

}  // namespace

const char* to_string(SleepQuality q) {
    switch (q) {
        case SleepQuality::very_good: return "very_good";
        case SleepQuality::fairly_good: return "fairly_good";
        case SleepQuality::fairly_bad: return "fairly_bad";
        case SleepQuality::very_bad: return "very_bad";
    }
    return "very_good";
}

Result<bool> check_session_log(const SessionLog& log, const Plan& plan, Date today) {
    return guarded<bool>([&] {
        check_entries(log, plan, today);
        check_days(log, plan, today);
        return true;
    });
}

}  // namespace rehabplan
