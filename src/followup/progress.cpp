// progress(): what a session log says about each week of a plan, and the decision for
// the weeks from today. The decision rules (progress.*) and load limits
// (load.monitoring) are read from the rule set; the order of the checks is the order of
// safety: a stop signal, then symptoms, then whether the dose was done, then effort.
#include "followup/progress.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "core/json_reader.hpp"
#include "core/messages.hpp"
#include "followup/progress_internal.hpp"
#include "followup/recovery.hpp"
#include "rules/finding_builder.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

const char* to_string(Decision d) {
    switch (d) {
        case Decision::advance: return "advance";
        case Decision::hold: return "hold";
        case Decision::step_back: return "step_back";
        case Decision::stop_and_refer: return "stop_and_refer";
    }
    return "advance";
}

namespace detail {

std::vector<std::optional<std::size_t>> match_entries(const SessionLog& log, const Plan& plan) {
    std::map<int, std::vector<std::size_t>> by_day;
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) by_day[plan.sessions[i].date.day_number()].push_back(i);
    std::vector<std::optional<std::size_t>> out(log.entries.size());
    std::vector<bool> taken(plan.sessions.size(), false);
    for (std::size_t e : entries_by_date(log)) {
        const LogEntry& entry = log.entries[e];
        auto it = by_day.find(entry.date.day_number());
        if (it == by_day.end()) continue;
        const auto& day = it->second;
        if (!entry.type) {
            if (day.size() == 1 && !taken[day.front()]) out[e] = day.front();
        } else {
            for (std::size_t i : day)
                if (!taken[i] && plan.sessions[i].type == *entry.type) {
                    out[e] = i;
                    break;
                }
        }
        if (out[e]) taken[*out[e]] = true;
    }
    return out;
}

std::vector<std::size_t> entries_by_date(const SessionLog& log) {
    std::vector<std::size_t> idx(log.entries.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return log.entries[a].date < log.entries[b].date; });
    return idx;
}

// The item of an exposure session: by the activity its title's stored message names
// (whatever the title now says: a therapist may have edited it), else, in a plan without
// messages (1.3), by the title the generator gives each activity.
std::vector<std::optional<std::size_t>> exposure_items(const Patient& patient, const Plan& plan) {
    const std::vector<std::size_t> order = fear_order(patient);
    std::vector<Text> titles;
    for (std::size_t i : order) titles.push_back(exposure_title(patient.fear_hierarchy[i]));
    std::vector<std::optional<std::size_t>> items(plan.sessions.size());
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
        const SessionPlan& s = plan.sessions[i];
        if (s.type != SessionType::exposure) continue;
        const auto activity = s.title_message && s.title_message->messages.size() == 1
                                  ? exposure_activity(s.title_message->messages.front())
                                  : std::nullopt;
        if (activity) {
            for (std::size_t k = 0; k < order.size() && !items[i]; ++k)
                if (patient.fear_hierarchy[order[k]].activity == *activity) items[i] = k;
            continue;
        }
        for (std::size_t k = 0; k < titles.size() && !items[i]; ++k)
            for (const std::string* t : {&titles[k].en, &titles[k].nl})
                if (*t == s.title && (plan.language.empty() || t == &titles[k].in(plan.language))) items[i] = k;
    }
    return items;
}

}  // namespace detail

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }
std::string entry_path(std::size_t e) { return "/entries/" + std::to_string(e); }

// One decimal, for Borg means and ratios in messages ("13.5", "1.27" -> "1.27").
std::string fixed(double v, int decimals) {
    const double scale = decimals == 1 ? 10.0 : 100.0;
    const long long r = std::llround(v * scale);
    std::string s = n(r / static_cast<long long>(scale));
    std::string frac = n(std::llabs(r % static_cast<long long>(scale)));
    while (static_cast<int>(frac.size()) < decimals) frac.insert(frac.begin(), '0');
    if (r < 0 && r / static_cast<long long>(scale) == 0) s = "-" + s;
    return s + "." + frac;
}

struct Rise {
    std::size_t entry = 0;
    std::string symptom;     // "pain", "dizziness", "headache", "concussion_score"
    int from = 0;
    int to = 0;
    int limit = 0;
};

// Why training stops: a ticked stop box, or a rating that is itself a warning sign
// (reading::symptom_stop).
struct StopCause {
    std::size_t entry = 0;
    std::optional<reading::SymptomStop> rating;  // none: the stop box
    std::string symptom;
    int from = 0;
    int to = 0;
    bool head_impact = false;  // concussion.return: a new knock with symptoms after a concussion
};

// Any symptom rated above 0, before or after the session.
bool any_symptom(const LogEntry& en) {
    for (const Symptoms* s : {&en.symptoms, &en.symptoms_before})
        for (const std::optional<int>* v : {&s->pain, &s->dizziness, &s->headache, &s->concussion_score})
            if (*v && **v > 0) return true;
    return false;
}

class Progress {
public:
    Progress(const Patient& p, const Plan& plan, const SessionLog& log, Date today, const RuleSet& set)
        : p_(p), plan_(plan), log_(log), today_(today), rules_(set, p), match_(detail::match_entries(log, plan)),
          order_(detail::entries_by_date(log)), logged_(plan.sessions.size(), false), fear_order_(detail::fear_order(p)),
          items_(detail::exposure_items(p, plan)) {
        for (const auto& m : match_)
            if (m) logged_[*m] = true;
        if (const Condition* c = p.find(ConditionType::concussion); c && c->event_date) concussion_ = c->event_date;
    }

    ProgressReport run() {
        report_.today = today_;
        report_.programme = plan_.programme;
        report_.language = plan_.language;
        const int started = std::min(plan_.weeks, (today_.days_since(plan_.start_date) + 6) / 7);
        rises_by_week();
        persisting();
        for (int k = 0; k < started; ++k) report_.weeks.push_back(week(k));
        loads();
        for (WeekProgress& w : report_.weeks) decide(w);
        detail::apply_recovery(report_, log_, plan_, rules_, p_.age);
        next();
        exposure();
        report_.exercises = exercise_progress(plan_, log_, rules_);
        for (Finding& f : check_exercise_levels(plan_, log_, today_, rules_)) report_.findings.push_back(std::move(f));
        sort_findings(report_.findings);
        return std::move(report_);
    }

private:
    // ------------------------------------------------------------ helpers
    int week_of(Date d) const { return d.days_since(plan_.start_date) / 7; }
    Date week_start(int k) const { return plan_.start_date.plus_days(7 * k); }
    bool quota_programme() const {
        const auto& list = rules_[params::progress_quota_programmes];
        return std::find(list.begin(), list.end(), plan_.programme) != list.end();
    }
    bool steps_back() const {
        for (const std::string& c : rules_[params::progress_symptoms_step_back_conditions])
            for (const Condition& pc : p_.conditions)
                if (c == to_string(pc.type)) return true;
        return false;
    }
    void add(const std::string& rule, Severity sev, std::string path, std::optional<Date> week, std::optional<Date> date,
             const std::string& key, const std::vector<Arg>& args, const std::string& param = "") {
        report_.findings.push_back(make_finding(rules_, rule, sev, std::move(path), week, date, "", "", key, args, param));
    }
    static Text symptom_name(const std::string& s) { return detail::term("symptom." + s); }

    // A planned session counts once it is past, or today when it has been logged.
    bool counts(std::size_t session) const {
        const Date d = plan_.sessions[session].date;
        return d < today_ || (d == today_ && logged_[session]);
    }

    // ------------------------------------------------------------ one week
    // Long on purpose: one pass over the week's sessions and entries fills the week's figures
    // (planned, done, effort, symptoms, exposure) in the order of the report's members.
    WeekProgress week(int k) {
        WeekProgress w;
        w.week = k + 1;
        w.start = week_start(k);
        w.complete = w.start.plus_days(7) <= today_;
        std::vector<std::size_t> missed;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i) {
            const SessionPlan& s = plan_.sessions[i];
            if (week_of(s.date) != k || s.date < plan_.start_date || !is_training(s.type) || !counts(i)) continue;
            ++w.planned_sessions;
            w.planned_minutes += s.minutes;
            if (!logged_[i]) missed.push_back(i);
        }
        int capped = 0, rpe_sum = 0, rpe_count = 0, above = 0, hr_sessions = 0;
        struct AboveCeiling {
            std::size_t entry;
            int bpm;
            int max;
            Text basis;
        };
        std::vector<AboveCeiling> above_ceiling;  // entries with a heart rate above the session's safety ceiling
        std::vector<Date> training_days;                          // days with training logged
        for (std::size_t e : order_) {
            const LogEntry& en = log_.entries[e];
            if (week_of(en.date) != k) continue;
            const SessionPlan* s = match_[e] ? &plan_.sessions[*match_[e]] : nullptr;
            const std::optional<SessionType> type = s ? std::optional<SessionType>(s->type) : en.type;
            if (en.minutes > 0 && (!type || is_training(*type)) &&
                std::find(training_days.begin(), training_days.end(), en.date) == training_days.end())
                training_days.push_back(en.date);
            if (en.average_hr_bpm || en.peak_hr_bpm) {
                const HeartRateZones zones = heart_rate_zones(p_, rules_, en.date);
                const HeartRateLimit& ceiling = reading::session_hr_ceiling(zones, type);
                if (auto bpm = reading::logged_hr_above_ceiling(ceiling, en.average_hr_bpm, en.peak_hr_bpm))
                    above_ceiling.push_back({e, *bpm, ceiling.floor_bpm(), ceiling.basis});
            }
            if (!s) {
                ++w.extra_sessions;
                w.extra_minutes += en.minutes;
            } else if (is_training(s->type)) {
                ++w.logged_sessions;
                if (en.completed) ++w.completed_sessions;
                w.done_minutes += en.minutes;
                capped += std::min(en.minutes, s->minutes);
            }
            if (en.rpe) {
                rpe_sum += *en.rpe;
                ++rpe_count;
            }
            if (s && (s->type == SessionType::aerobic || s->type == SessionType::dual_task))
                if (auto range = target_range(*s); range && (en.average_hr_bpm || en.minutes_in_zone)) {
                    w.hr_logged_minutes += en.minutes;
                    if (en.minutes_in_zone) w.minutes_in_zone += *en.minutes_in_zone;
                    else if (*en.average_hr_bpm >= range->low && *en.average_hr_bpm <= range->high) w.minutes_in_zone += en.minutes;
                    if (en.average_hr_bpm) {
                        ++hr_sessions;
                        if (*en.average_hr_bpm > range->high) ++above;
                    }
                }
            const auto worst = [](std::optional<int>& into, const std::optional<int>& v) {
                if (v && (!into || *v > *into)) into = v;
            };
            worst(w.worst.pain, en.symptoms.pain);
            worst(w.worst.dizziness, en.symptoms.dizziness);
            worst(w.worst.headache, en.symptoms.headache);
            worst(w.worst.concussion_score, en.symptoms.concussion_score);
            if (en.stop_signal) ++w.stop_signals;
            if (en.rpe) w.load.load += *en.rpe * en.minutes;
            if (en.rpe) ++w.load.sessions_with_rpe;
            if (en.fear && s && s->type == SessionType::exposure) w.exposure_fear = en.fear;
        }
        if (w.planned_minutes > 0) w.adherence_percent = static_cast<int>(std::int64_t{capped} * 100 / w.planned_minutes);
        if (rpe_count > 0) w.mean_rpe = static_cast<double>(rpe_sum) / rpe_count;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i)
            if (week_of(plan_.sessions[i].date) == k && items_[i]) {
                w.exposure_activity = p_.fear_hierarchy[fear_order_[*items_[i]]].activity;
                break;
            }
        above_zone_[k] = {above, hr_sessions};
        // More sessions above the ceiling than allowed step back (decide() names them all);
        // fewer are each named in a warning.
        if (reading::ceiling_sessions_step_back(rules_, static_cast<std::int64_t>(above_ceiling.size()))) {
            std::string sessions;
            for (const AboveCeiling& a : above_ceiling)
                sessions += (sessions.empty() ? "" : ", ") + log_.entries[a.entry].date.to_string() + " (" + n(a.bpm) + " > " + n(a.max) + " bpm)";
            ceiling_[k] = {arg("count", n(static_cast<std::int64_t>(above_ceiling.size()))), arg("week", n(w.week)),
                           arg("sessions", sessions), arg("allowed", n(rules_[params::progress_effort_max_sessions_above_ceiling]))};
        } else {
            for (const AboveCeiling& a : above_ceiling) {
                const Date d = log_.entries[a.entry].date;
                add("progress.effort", Severity::warning, entry_path(a.entry) + "/heart_rate", d, d,
                    "progress.finding.above_ceiling",
                    {arg("bpm", n(a.bpm)), arg("date", d.to_string()), arg("max", n(a.max)), arg("basis", a.basis)},
                    "max_sessions_above_ceiling");
            }
        }
        std::int64_t planned_days = 0;
        for (int d = 0; d < 7; ++d) {
            const Date day = w.start.plus_days(d);
            planned_days += std::any_of(plan_.sessions.begin(), plan_.sessions.end(),
                                        [&](const SessionPlan& s) { return s.date == day && is_training(s.type); });
        }
        if (reading::logged_rest_days_skipped(rules_, static_cast<std::int64_t>(training_days.size()), planned_days))
            add("week.rest", Severity::warning, "", w.start, std::nullopt, "progress.finding.rest_days_skipped",
                {arg("week", n(w.week)), arg("days", n(static_cast<std::int64_t>(training_days.size()))),
                 arg("rest", n(7 - planned_days))},
                "min_rest_days");
        if (w.complete && !missed.empty()) {
            std::string dates;
            for (std::size_t i : missed) dates += (dates.empty() ? "" : ", ") + plan_.sessions[i].date.to_string();
            add("progress.adherence", Severity::info, "/sessions/" + n(static_cast<std::int64_t>(missed.front())), w.start,
                std::nullopt, "progress.finding.missed",
                {arg("week", n(w.week)), arg("missed", n(static_cast<std::int64_t>(missed.size()))),
                 arg("planned", n(w.planned_sessions)), arg("dates", dates)});
        }
        if (w.extra_sessions > 0)
            add("progress.adherence", Severity::info, "", w.start, std::nullopt, "progress.finding.extra",
                {arg("week", n(w.week)), arg("count", n(w.extra_sessions)), arg("minutes", n(w.extra_minutes))});
        return w;
    }

    // The heart-rate range a session aimed at: its own, else the plan's zone in bpm.
    std::optional<Range> target_range(const SessionPlan& s) const {
        if (s.intensity && s.intensity->hr_bpm) return s.intensity->hr_bpm;
        if (plan_.zone && plan_.zone->high_bpm > 0) return Range{plan_.zone->low_bpm, plan_.zone->high_bpm};
        return std::nullopt;
    }

    // ------------------------------------------------------------ symptoms
    // A rise is within the session when the entry rated before and after, else against
    // the previous rating of the same symptom in the log. Pain does not count in
    // time-contingent programmes (progress.quota).
    void rises_by_week() {
        const int pts = static_cast<int>(rules_[params::progress_symptoms_max_rise_points]);
        const int score_pts = static_cast<int>(rules_[params::progress_symptoms_max_score_rise_points]);
        std::map<std::string, int> last;
        for (std::size_t e : order_) {
            const LogEntry& en = log_.entries[e];
            bool rose = false;
            const auto check = [&](const char* name, const std::optional<int>& after, const std::optional<int>& before, int limit) {
                if (!after) return;
                std::optional<int> ref = before;
                if (!ref) {
                    auto it = last.find(name);
                    if (it != last.end()) ref = it->second;
                }
                last[name] = *after;
                if (auto stop = reading::symptom_stop(rules_, name, before, *after)) {
                    // The first by date; within an entry a rating at the score before a rise.
                    const bool rise_before = stop_ && stop_->entry == e && stop_->rating &&
                                             stop_->rating->kind == reading::SymptomStopKind::rise &&
                                             stop->kind == reading::SymptomStopKind::score;
                    if (!stop_ || rise_before) stop_ = StopCause{e, stop, name, before.value_or(0), *after};
                    const bool score = stop->kind == reading::SymptomStopKind::score;
                    add("progress.stop_signal", Severity::error, entry_path(e) + "/symptoms/" + name, en.date, en.date,
                        score ? "progress.finding.symptom_stop_score" : "progress.finding.symptom_stop_rise",
                        {arg("symptom", symptom_name(name)), arg("from", n(before.value_or(0))), arg("to", n(*after)),
                         arg("date", en.date.to_string()), arg("max", n(stop->limit))},
                        stop->param);
                }
                const bool pain_ignored = std::string(name) == "pain" && quota_programme();
                if (ref && *after - *ref > limit && !pain_ignored) {
                    rose = true;
                    auto& slot = rises_[week_of(en.date)];
                    if (!slot) slot = Rise{e, name, *ref, *after, limit};
                    add("progress.symptoms", Severity::warning, entry_path(e) + "/symptoms/" + name, en.date, en.date,
                        "progress.finding.symptom_rise",
                        {arg("symptom", symptom_name(name)), arg("from", n(*ref)), arg("to", n(*after)),
                         arg("date", en.date.to_string()), arg("max", n(limit))},
                        std::string(name) == "concussion_score" ? "max_score_rise_points" : "max_rise_points");
                }
            };
            check("pain", en.symptoms.pain, en.symptoms_before.pain, pts);
            check("dizziness", en.symptoms.dizziness, en.symptoms_before.dizziness, pts);
            check("headache", en.symptoms.headache, en.symptoms_before.headache, pts);
            check("concussion_score", en.symptoms.concussion_score, en.symptoms_before.concussion_score, score_pts);
            if (en.stop_signal) {
                if (!stop_ || stop_->entry == e) stop_ = StopCause{e, std::nullopt, "", 0, 0};  // the box names it
                add("progress.stop_signal", Severity::error, entry_path(e) + "/stop_signal", en.date, en.date,
                    "progress.finding.stop", {arg("date", en.date.to_string()), arg("note", en.note)});
            }
            if (!concussion_ || en.date < *concussion_) continue;
            // A new knock with any symptom after a concussion: a suspected new concussion,
            // the stop that names it (before a rating's or the box's of the same entry).
            if (en.head_impact && any_symptom(en)) {
                if (!stop_ || stop_->entry == e) stop_ = StopCause{e, std::nullopt, "", 0, 0, true};
                add("concussion.return", Severity::error, entry_path(e) + "/head_impact", en.date, en.date,
                    "progress.finding.head_impact", {arg("date", en.date.to_string()), arg("symptoms", symptom_list(en))});
            }
            if (rose)
                if (const auto stage = stage_of_entry(e)) {
                    const auto back = reading::concussion_stage_after_symptoms(rules_, *stage);
                    report_.concussion_rises.push_back(
                        ConcussionRise{en.date, e, reading::stage_label(*stage), reading::stage_label(back)});
                }
        }
    }

    // The stage of a logged day of a concussion return: the planned session's step, else
    // the stage in force that day (reading::concussion_stage_on).
    std::optional<reading::ConcussionStage> stage_of_entry(std::size_t e) const {
        if (match_[e]) {
            const SessionPlan& s = plan_.sessions[*match_[e]];
            if (s.concussion_step)
                if (auto st = reading::stage_of(*s.concussion_step, s.concussion_stage)) return st;
        }
        return reading::concussion_stage_on(rules_, p_, log_.entries[e].date);
    }

    // "dizziness 3/10, headache 4/10": the entry's ratings above 0 (after, else before), in
    // each language.
    static Text symptom_list(const LogEntry& en) {
        Text out;
        const auto one = [&](const char* name, const std::optional<int>& after, const std::optional<int>& before, const char* scale) {
            const std::optional<int> v = after && *after > 0 ? after : before;
            if (!v || *v <= 0) return;
            const Text term = symptom_name(name);
            for (auto [into, word] : {std::pair<std::string*, const std::string*>{&out.en, &term.en}, {&out.nl, &term.nl}}) {
                std::string w = *word;
                if (!w.empty()) w[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
                *into += (into->empty() ? "" : ", ") + w + " " + n(*v) + scale;
            }
        };
        one("pain", en.symptoms.pain, en.symptoms_before.pain, "/10");
        one("dizziness", en.symptoms.dizziness, en.symptoms_before.dizziness, "/10");
        one("headache", en.symptoms.headache, en.symptoms_before.headache, "/10");
        one("concussion_score", en.symptoms.concussion_score, en.symptoms_before.concussion_score, "/132");
        return out;
    }

    // Persisting post-concussive symptoms: a headache, dizziness or concussion score above
    // 0 logged on or after reading::concussion_persisting_from (no resolution recorded
    // before it). One finding, at the first such entry: refer for multidisciplinary assessment.
    void persisting() {
        const auto from = reading::concussion_persisting_from(rules_, p_);
        if (!from || !concussion_) return;
        for (std::size_t e : order_) {
            const LogEntry& en = log_.entries[e];
            if (en.date < *from) continue;
            const Symptoms& s = en.symptoms;
            if (!((s.headache && *s.headache > 0) || (s.dizziness && *s.dizziness > 0) ||
                  (s.concussion_score && *s.concussion_score > 0)))
                continue;
            add("concussion.return", Severity::warning, entry_path(e) + "/symptoms", en.date, en.date,
                "progress.finding.concussion_persisting",
                {arg("date", en.date.to_string()), arg("days", n(en.date.days_since(*concussion_))),
                 arg("event", concussion_->to_string()),
                 arg("max", n(rules_[params::concussion_return_persisting_symptoms_days]))},
                "persisting_symptoms_days");
            return;
        }
    }

    // ------------------------------------------------------------ load
    void loads() {
        const std::int64_t chronic_weeks = rules_[params::load_monitoring_chronic_weeks];
        const double monotony_high = static_cast<double>(rules_[params::load_monitoring_monotony_high_centi]) / 100.0;
        const double low = static_cast<double>(rules_[params::load_monitoring_acwr_low_centi]) / 100.0;
        const double high = static_cast<double>(rules_[params::load_monitoring_acwr_high_centi]) / 100.0;
        for (std::size_t k = 0; k < report_.weeks.size(); ++k) {
            WeekProgress& w = report_.weeks[k];
            if (!w.complete) continue;  // a week in progress has days still to come
            std::array<double, 7> day{};
            for (const LogEntry& en : log_.entries)
                if (en.rpe && week_of(en.date) == static_cast<int>(k))
                    day[static_cast<std::size_t>(en.date.days_since(w.start))] += *en.rpe * en.minutes;
            const double mean = w.load.load / 7.0;
            double var = 0;
            for (double d : day) var += (d - mean) * (d - mean);
            const double sd = std::sqrt(var / 7.0);
            if (sd > 0) {
                w.load.monotony = mean / sd;
                w.load.strain = w.load.load * *w.load.monotony;
                if (*w.load.monotony > monotony_high)
                    add("load.monitoring", Severity::info, "", w.start, std::nullopt, "progress.finding.monotony",
                        {arg("week", n(w.week)), arg("monotony", fixed(*w.load.monotony, 2)), arg("max", fixed(monotony_high, 2))},
                        "monotony_high_centi");
            }
            if (static_cast<std::int64_t>(k) + 1 >= chronic_weeks) {
                double sum = 0;
                for (std::int64_t j = 0; j < chronic_weeks; ++j) sum += report_.weeks[k - static_cast<std::size_t>(j)].load.load;
                const double chronic = sum / static_cast<double>(chronic_weeks);
                if (chronic > 0) {
                    w.load.acwr = w.load.load / chronic;
                    if (*w.load.acwr < low || *w.load.acwr > high)
                        add("load.monitoring", Severity::info, "", w.start, std::nullopt, "progress.finding.acwr",
                            {arg("week", n(w.week)), arg("acwr", fixed(*w.load.acwr, 2)), arg("low", fixed(low, 2)),
                             arg("high", fixed(high, 2))},
                            "acwr_high_centi");
                }
            }
        }
    }

    // ------------------------------------------------------------ decisions
    void set(WeekProgress& w, Decision d, const std::string& rule, const std::string& key, const std::vector<Arg>& args) {
        w.decision = d;
        w.rule = rule;
        w.reason = detail::message(key, args);
    }

    // Long on purpose: the decision rules in their order of precedence (stop signal first); the
    // first that applies decides, and one body keeps that order readable.
    // Why training stops, in one sentence: the ticked box, or the rating that is a warning sign.
    Text stop_reason() const {
        const Date d = log_.entries[stop_->entry].date;
        if (stop_->head_impact) return detail::message("progress.reason.head_impact", {arg("date", d.to_string())});
        if (!stop_->rating) return detail::message("progress.reason.stop", {arg("date", d.to_string())});
        const bool score = stop_->rating->kind == reading::SymptomStopKind::score;
        return detail::message(score ? "progress.reason.symptom_stop_score" : "progress.reason.symptom_stop_rise",
                               {arg("symptom", symptom_name(stop_->symptom)), arg("from", n(stop_->from)),
                                arg("to", n(stop_->to)), arg("date", d.to_string()), arg("max", n(stop_->rating->limit))});
    }

    void decide(WeekProgress& w) {
        const int k = w.week - 1;
        if (stop_ && week_of(log_.entries[stop_->entry].date) <= k) {
            const Date d = log_.entries[stop_->entry].date;
            w.decision = Decision::stop_and_refer;
            w.rule = stop_->head_impact ? "concussion.return" : "progress.stop_signal";
            w.reason = week_of(d) == k ? stop_reason() : detail::message("progress.reason.paused", {arg("date", d.to_string())});
            return;
        }
        // After a concussion (concussion.return): a rise in steps 1-3 repeats the step, one
        // from step 4 on goes back to fallback_step; both act at once.
        if (auto it = rises_.find(k); it != rises_.end() && it->second && concussion_) {
            const Rise& r = *it->second;
            const auto c = std::find_if(report_.concussion_rises.begin(), report_.concussion_rises.end(),
                                        [&](const ConcussionRise& x) { return x.entry == r.entry; });
            if (c != report_.concussion_rises.end()) {
                const bool repeat = c->step == c->back_to;
                const std::vector<Arg> args{arg("symptom", symptom_name(r.symptom)), arg("from", n(r.from)),
                                            arg("to", n(r.to)), arg("date", log_.entries[r.entry].date.to_string()),
                                            arg("max", n(r.limit)), arg("step", c->step), arg("back", c->back_to),
                                            arg("hours", n(rules_[params::concussion_return_min_hours_per_step]))};
                set(w, repeat ? Decision::hold : Decision::step_back, "progress.symptoms",
                    repeat ? "progress.reason.concussion_repeat" : "progress.reason.concussion_fallback", args);
                concussion_weeks_.insert(k);
                return;
            }
        }
        const bool symptoms_step_back = steps_back();
        if (auto it = rises_.find(k); it != rises_.end() && it->second && symptoms_step_back) {
            const Rise& r = *it->second;
            const std::vector<Arg> args{arg("symptom", symptom_name(r.symptom)), arg("from", n(r.from)), arg("to", n(r.to)),
                                        arg("date", log_.entries[r.entry].date.to_string()), arg("max", n(r.limit)),
                                        arg("hours", n(rules_[params::progress_symptoms_step_back_min_hours]))};
            set(w, Decision::step_back, "progress.symptoms", "progress.reason.symptom_step_back", args);
            return;
        }
        // Heart rate above the safety ceiling in more sessions than allowed: one week back,
        // before a symptom hold or the dose (a step back is the safer of the two).
        if (auto it = ceiling_.find(k); it != ceiling_.end()) {
            set(w, Decision::step_back, "progress.effort", "progress.reason.effort_ceiling", it->second);
            add("progress.effort", Severity::warning, "", w.start, std::nullopt, "progress.reason.effort_ceiling", it->second,
                "max_sessions_above_ceiling");
            return;
        }
        if (auto it = rises_.find(k); it != rises_.end() && it->second) {
            const Rise& r = *it->second;
            const std::vector<Arg> args{arg("symptom", symptom_name(r.symptom)), arg("from", n(r.from)), arg("to", n(r.to)),
                                        arg("date", log_.entries[r.entry].date.to_string()), arg("max", n(r.limit)),
                                        arg("hours", n(rules_[params::progress_symptoms_step_back_min_hours]))};
            set(w, Decision::hold, "progress.symptoms", "progress.reason.symptom_hold", args);
            return;
        }
        if (w.planned_sessions == 0) {
            set(w, Decision::advance, "progress.adherence", "progress.reason.nothing_planned", {});
            return;
        }
        const int minutes_pct = w.adherence_percent.value_or(0);
        const int sessions_pct = static_cast<int>(std::int64_t{w.completed_sessions} * 100 / w.planned_sessions);
        const std::vector<Arg> dose{arg("percent", n(minutes_pct)), arg("sessions_percent", n(sessions_pct)),
                                    arg("done", n(w.done_minutes)), arg("planned", n(w.planned_minutes)),
                                    arg("completed", n(w.completed_sessions)), arg("sessions", n(w.planned_sessions))};
        if (w.logged_sessions == 0) {
            set(w, Decision::hold, "progress.adherence", "progress.reason.nothing_logged", dose);
            return;
        }
        if (quota_programme()) {
            const std::int64_t min = rules_[params::progress_quota_advance_min_percent];
            std::vector<Arg> a = dose;
            a.push_back(arg("min", n(min)));
            if (minutes_pct >= min && sessions_pct >= min) set(w, Decision::advance, "progress.quota", "progress.reason.quota_met", a);
            else set(w, Decision::hold, "progress.quota", "progress.reason.quota_missed", a);
            return;
        }
        const std::int64_t advance_min = rules_[params::progress_adherence_advance_min_percent];
        const std::int64_t back_below = rules_[params::progress_adherence_step_back_below_percent];
        if (minutes_pct < back_below) {
            std::vector<Arg> a = dose;
            a.push_back(arg("min", n(back_below)));
            set(w, Decision::step_back, "progress.adherence", "progress.reason.adherence_low", a);
            return;
        }
        if (minutes_pct < advance_min || sessions_pct < advance_min) {
            std::vector<Arg> a = dose;
            a.push_back(arg("min", n(advance_min)));
            set(w, Decision::hold, "progress.adherence", "progress.reason.adherence_hold", a);
            return;
        }
        const std::int64_t max_rpe = rules_[params::progress_effort_max_mean_rpe];
        if (w.mean_rpe && *w.mean_rpe > static_cast<double>(max_rpe)) {
            set(w, Decision::hold, "progress.effort", "progress.reason.effort_rpe",
                {arg("rpe", fixed(*w.mean_rpe, 1)), arg("max", n(max_rpe))});
            add("progress.effort", Severity::warning, "", w.start, std::nullopt, "progress.reason.effort_rpe",
                {arg("rpe", fixed(*w.mean_rpe, 1)), arg("max", n(max_rpe))}, "max_mean_rpe");
            return;
        }
        const std::int64_t max_above = rules_[params::progress_effort_max_sessions_above_zone_percent];
        const auto [above, total] = above_zone_[k];
        if (total > 0 && std::int64_t{above} * 100 > max_above * total) {
            const std::vector<Arg> a{arg("count", n(above)), arg("total", n(total)), arg("max", n(max_above))};
            set(w, Decision::hold, "progress.effort", "progress.reason.effort_hr", a);
            add("progress.effort", Severity::warning, "", w.start, std::nullopt, "progress.reason.effort_hr", a,
                "max_sessions_above_zone_percent");
            return;
        }
        set(w, Decision::advance, "progress.adherence", "progress.reason.advance", dose);
    }

    // The decision for the weeks from today: a stop signal at once; a step back after
    // symptoms rose this week at once; otherwise the last complete week's decision,
    // from the next plan week.
    void next() {
        const Date end = plan_.end_date().plus_days(1);
        const int current = week_of(today_);
        Date next_week = today_ <= plan_.start_date ? plan_.start_date : week_start(current);
        if (next_week < today_) next_week = next_week.plus_days(7);
        report_.next_from = std::min(next_week, end);
        if (stop_) {
            report_.next = Decision::stop_and_refer;
            report_.next_rule = stop_->head_impact ? "concussion.return" : "progress.stop_signal";
            report_.head_impact_stop = stop_->head_impact;
            report_.next_reason = stop_reason();
            report_.stop_signal_date = log_.entries[stop_->entry].date;
            report_.next_from = std::min(today_, end);
            return;
        }
        const WeekProgress* last_complete = nullptr;
        for (const WeekProgress& w : report_.weeks)
            if (w.complete) last_complete = &w;
        if (!report_.weeks.empty()) {
            const WeekProgress& cur = report_.weeks.back();
            // A step back for symptoms or heart rate above the ceiling this week acts at once.
            if (!cur.complete && ((cur.decision == Decision::step_back &&
                                   (cur.rule == "progress.symptoms" || ceiling_.count(cur.week - 1) > 0)) ||
                                  concussion_weeks_.count(cur.week - 1) > 0)) {
                report_.next = cur.decision;
                report_.next_rule = cur.rule;
                report_.next_reason = cur.reason;
                report_.next_from = std::min(today_, end);
                return;
            }
        }
        if (!last_complete) {
            report_.next = Decision::advance;
            report_.next_rule = "progress.adherence";
            report_.next_reason = detail::message("progress.reason.no_week");
            return;
        }
        report_.next = last_complete->decision;
        report_.next_rule = last_complete->rule;
        report_.next_reason = last_complete->reason;
        // A concussion step repeated or gone back acts at once, also after the week ended.
        if (concussion_weeks_.count(last_complete->week - 1) > 0) report_.next_from = std::min(today_, end);
    }

    // ------------------------------------------------------------ exposure
    void exposure() {
        if (p_.fear_hierarchy.empty()) return;
        std::optional<std::size_t> item;
        std::optional<int> fear;
        for (std::size_t i = 0; i < plan_.sessions.size(); ++i)
            if (items_[i] && plan_.sessions[i].date < today_) item = items_[i];
        if (!item) return;
        // The last rating logged for an exposure of the current item.
        for (std::size_t e : order_) {
            const LogEntry& en = log_.entries[e];
            if (en.fear && match_[e] && items_[*match_[e]] == item) fear = en.fear;
        }
        ExposureProgress x;
        const FearItem& f = p_.fear_hierarchy[fear_order_[*item]];
        x.activity = f.activity;
        x.hierarchy_fear = f.fear;
        x.last_fear = fear;
        x.item = static_cast<int>(*item);
        x.items = static_cast<int>(fear_order_.size());
        const std::int64_t pct = rules_[params::progress_exposure_move_on_at_percent];
        const std::int64_t max = std::int64_t{f.fear} * pct / 100;
        x.move_on = fear && *fear <= max && !stop_;
        const std::vector<Arg> a{arg("activity", f.activity), arg("fear", n(fear.value_or(0))), arg("max", n(max)),
                                 arg("pct", n(pct)), arg("rating", n(f.fear))};
        const std::string key = !fear ? "progress.finding.exposure_unrated"
                                : x.move_on ? "progress.finding.exposure_move_on"
                                            : "progress.finding.exposure_repeat";
        add("progress.exposure", Severity::info, "", std::nullopt, std::nullopt, key, a, "move_on_at_percent");
        report_.exposure = x;
    }

    const Patient& p_;
    const Plan& plan_;
    const SessionLog& log_;
    Date today_;
    EffectiveRules rules_;
    std::vector<std::optional<std::size_t>> match_;
    std::vector<std::size_t> order_;
    std::vector<bool> logged_;                       // per planned session: an entry reports on it
    std::vector<std::size_t> fear_order_;
    std::vector<std::optional<std::size_t>> items_;  // per planned session: its exposure item
    ProgressReport report_;
    std::map<int, std::optional<Rise>> rises_;
    std::map<int, std::pair<int, int>> above_zone_;  // week -> (aerobic sessions above the zone, with HR)
    std::map<int, std::vector<Arg>> ceiling_;         // week -> the step back for heart rate above the ceiling
    std::optional<StopCause> stop_;                  // the first stop signal, by date
    std::optional<Date> concussion_;                 // the concussion's date, when the patient has one
    std::set<int> concussion_weeks_;                 // weeks decided by a concussion symptom rise
};

}  // namespace

Result<ProgressReport> progress(const Patient& patient, const Plan& plan, const SessionLog& log, Date today,
                                const RuleSet& rules) {
    if (today < plan.start_date)
        return Error{ErrorCode::invalid_argument, "/today",
                     "expected a date on or after the plan's start (" + plan.start_date.to_string() + "), got " +
                         today.to_string()};
    auto checked = check_session_log(log, plan, today);
    if (!checked) return checked.error();
    return Progress(patient, plan, log, today, rules).run();
}

}  // namespace rehabplan
