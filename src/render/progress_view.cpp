#include "render/progress_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "planning/programme.hpp"

namespace rehabplan::detail {

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

std::optional<double> finite(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? v : std::nullopt;
}

constexpr const char* dash = "-";  // a cell with nothing logged or nothing to compute (the legend says so)

std::string opt(const std::optional<int>& v) { return v ? n(*v) : dash; }

std::string ratio(std::int64_t part, std::int64_t whole) { return n(part) + "/" + n(whole); }

// "7 Dec": the day and the short month, the year left out (the period line has it).
std::string day_month(Date d, const std::string& lang) {
    return tr(lang, "progress.day_month", {arg("day", n(d.day())), arg("month", tr(lang, "month_short." + n(d.month())))});
}

std::string decision_label(Decision d, const std::string& lang) { return tr(lang, std::string("progress.decision.") + to_string(d)); }

// "Rule: <title> (<id>)" for a rule of the built-in set, "Rule: <id>" for any other.
std::string rule_line(const std::string& id, const std::string& lang) {
    if (id.empty()) return "";
    const auto& rules = builtin_rules().rules;
    if (auto it = rules.find(id); it != rules.end())
        return tr(lang, "progress.rule_titled", {arg("title", it->second.title.in(lang)), arg("rule", id)});
    return tr(lang, "progress.rule", {arg("rule", clean(id))});
}

std::optional<int> max_mean_rpe() {
    const auto& rules = builtin_rules().rules;
    auto rule = rules.find("progress.effort");
    if (rule == rules.end()) return std::nullopt;
    auto param = rule->second.params.find("max_mean_rpe");
    if (param == rule->second.params.end()) return std::nullopt;
    if (const auto* v = std::get_if<std::int64_t>(&param->second.value); v && *v >= 6 && *v <= 20) return static_cast<int>(*v);
    return std::nullopt;
}

Text rated(const std::optional<int>& v) {
    return v ? Text{n(*v), n(*v)} : Text{tr("en", "progress.not_rated"), tr("nl", "progress.not_rated")};
}

ProgressWeekView week_view(const WeekProgress& w, const std::string& lang) {
    ProgressWeekView v;
    v.week = &w;
    v.number = w.week;
    v.complete = w.complete;
    v.heading = tr(lang, "print.week", {arg("week", n(w.week))});
    const Date last = w.start.plus_days(6);
    v.dates = tr(lang, "progress.week_dates", {arg("from", day_month(w.start, lang)), arg("to", day_month(last, lang))});
    v.dates_long = tr(lang, "print.week_dates", {arg("from", format_date(w.start, lang, DateStyle::medium)),
                                                 arg("to", format_date(last, lang, DateStyle::medium))});
    v.sessions = ratio(w.completed_sessions, w.planned_sessions);
    v.minutes = ratio(w.done_minutes, w.planned_minutes);
    v.adherence = w.adherence_percent ? tr(lang, "progress.percent", {arg("percent", n(*w.adherence_percent))}) : dash;
    v.in_zone = w.hr_logged_minutes > 0 ? ratio(w.minutes_in_zone, w.hr_logged_minutes) : dash;
    const auto rpe = finite(w.mean_rpe);
    v.rpe = rpe ? decimal(*rpe, 1, lang) : dash;
    v.symptoms = opt(w.worst.pain) + "/" + opt(w.worst.dizziness) + "/" + opt(w.worst.headache);
    v.load = w.load.sessions_with_rpe > 0 || w.load.load != 0 ? n(w.load.load) : dash;
    v.decision = decision_label(w.decision, lang);
    v.rule = clean(w.rule);
    v.reason = clean(w.reason.in(lang));
    v.decision_line = w.rule.empty()
                          ? tr(lang, "progress.week_decision_plain", {arg("decision", v.decision), arg("reason", v.reason)})
                          : tr(lang, "progress.week_decision", {arg("decision", v.decision), arg("rule", v.rule), arg("reason", v.reason)});
    if (w.extra_sessions > 0 || w.extra_minutes > 0)
        v.notes.push_back(tr(lang, "progress.week.extra", {arg("sessions", n(w.extra_sessions)), arg("minutes", n(w.extra_minutes))}));
    if (w.logged_sessions > w.completed_sessions)
        v.notes.push_back(tr(lang, "progress.week.not_completed", {arg("sessions", n(w.logged_sessions - w.completed_sessions))}));
    if (w.stop_signals > 0) v.notes.push_back(tr(lang, "progress.week.stop_signals", {arg("count", n(w.stop_signals))}));
    if (w.worst.concussion_score)
        v.notes.push_back(tr(lang, "progress.week.concussion_score", {arg("score", n(*w.worst.concussion_score))}));
    if (!w.exposure_activity.empty())
        v.notes.push_back(w.exposure_fear ? tr(lang, "progress.week.exposure",
                                               {arg("activity", clean(w.exposure_activity)), arg("fear", n(*w.exposure_fear))})
                                          : tr(lang, "progress.week.exposure_unrated", {arg("activity", clean(w.exposure_activity))}));
    v.load_rated = n(w.load.sessions_with_rpe);
    const auto monotony = finite(w.load.monotony), strain = finite(w.load.strain), acwr = finite(w.load.acwr);
    v.monotony = monotony ? decimal(*monotony, 2, lang) : dash;
    v.strain = strain ? decimal(*strain, 0, lang) : dash;
    v.acwr = acwr ? decimal(*acwr, 2, lang) : dash;
    v.days_logged = v.sleep = v.poor = v.stress = dash;
    if (const auto& rc = w.recovery) {
        v.days_logged = n(rc->nights_logged);
        if (const auto h = finite(rc->mean_sleep_hours())) v.sleep = decimal(*h, 1, lang);
        if (rc->quality_nights > 0) v.poor = ratio(rc->poor_nights, rc->quality_nights);
        if (const auto st = finite(rc->mean_stress())) v.stress = decimal(*st, 1, lang);
    }
    return v;
}

}  // namespace

std::string decimal(double v, int decimals, const std::string& lang) {
    const std::int64_t scale = decimals <= 0 ? 1 : decimals == 1 ? 10 : 100;
    v = std::clamp(v, -1e15, 1e15);  // llround is defined for these
    std::int64_t r = std::llround(v * static_cast<double>(scale));
    const bool negative = r < 0;
    r = std::llabs(r);
    std::string out = (negative ? "-" : "") + n(r / scale);
    if (scale > 1) {
        std::string fraction = n(r % scale);
        fraction.insert(0, (scale == 100 ? 2 : 1) - fraction.size(), '0');
        out += tr(lang, "progress.decimal") + fraction;
    }
    return out;
}

namespace {

// The report's title, programme, date and the weeks it covers.
void header_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    v.title = tr(lang, "progress.title");
    if (!r.programme.empty()) {
        const auto& programmes = builtin_programmes().programmes;
        auto it = programmes.find(r.programme);
        v.programme = tr(lang, "print.programme", {arg("name", it != programmes.end() ? it->second.title.in(lang) : clean(r.programme))});
    }
    v.report_date = tr(lang, "progress.report_date", {arg("date", format_date(r.today, lang, DateStyle::long_form))});
    if (r.weeks.empty()) {
        v.period = tr(lang, "progress.no_weeks");
    } else {
        const WeekProgress &first = r.weeks.front(), &last = r.weeks.back();
        const std::string from = format_date(first.start, lang, DateStyle::medium),
                          to = format_date(last.start.plus_days(6), lang, DateStyle::medium);
        v.period = r.weeks.size() == 1 ? tr(lang, "progress.period_one_week", {arg("week", n(first.week)), arg("from", from), arg("to", to)})
                                       : tr(lang, "progress.period", {arg("first", n(first.week)), arg("last", n(last.week)),
                                                                      arg("from", from), arg("to", to)});
    }
}

// What happens next, from when and why.
void next_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    v.next_title = tr(lang, "progress.next.title");
    v.next = r.next;
    v.next_decision = decision_label(r.next, lang);
    v.next_rule = rule_line(r.next_rule, lang);
    v.next_from = tr(lang, "progress.next.from", {arg("date", format_date(r.next_from, lang, DateStyle::long_form))});
    v.next_reason = clean(r.next_reason.in(lang));
    if (r.stop_signal_date)
        v.stop_signal = tr(lang, "progress.stop_signal_date", {arg("date", format_date(*r.stop_signal_date, lang, DateStyle::long_form))});
}

// The weekly table.
void weeks_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    v.weeks_title = tr(lang, "progress.weeks.title");
    const char* columns[] = {"week", "dates", "sessions", "minutes", "adherence", "zone", "rpe", "symptoms", "load", "decision"};
    for (std::size_t i = 0; i < std::size(columns); ++i) v.columns[i] = tr(lang, std::string("progress.col.") + columns[i]);
    v.legend = tr(lang, "progress.legend");
    v.running_short = tr(lang, "progress.running_short");
    for (const WeekProgress& w : r.weeks) {
        v.weeks.push_back(week_view(w, lang));
        if (!w.complete) v.running = tr(lang, "progress.running");
    }
}

// Graded exposure: the current activity, its fear ratings and what comes next.
void exposure_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    if (const auto& e = r.exposure) {
        ProgressExposureView ev;
        ev.title = tr(lang, "progress.exposure.title");
        ev.lines.push_back(tr(lang, "progress.exposure.item", {arg("activity", clean(e->activity)), arg("item", n(e->item + 1)),
                                                                arg("items", n(e->items))}));
        ev.lines.push_back(e->last_fear ? tr(lang, "progress.exposure.fear", {arg("fear", n(e->hierarchy_fear)), arg("last", n(*e->last_fear))})
                                        : tr(lang, "progress.exposure.fear_unrated", {arg("fear", n(e->hierarchy_fear))}));
        ev.lines.push_back(tr(lang, !e->move_on ? "progress.exposure.stay"
                                    : e->item + 1 >= e->items ? "progress.exposure.last" : "progress.exposure.move_on"));
        v.exposure = std::move(ev);
    }
}

// Double progression: one line per chain, the step first.
void exercises_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    v.exercises_title = tr(lang, "progress.exercises.title");
    for (const ExerciseProgress& x : r.exercises) {
        std::string dates;
        for (const Date& d : x.evidence) dates += (dates.empty() ? "" : ", ") + d.to_string();
        v.exercises.push_back({tr(lang, "progress.exercises.line",
                                  {arg("step", tr(lang, std::string("progress.exercise_step.") + to_string(x.step))),
                                   arg("reason", clean(x.reason.in(lang)))}),
                               dates.empty() ? "" : tr(lang, "progress.exercises.evidence", {arg("dates", dates)}), x.step});
    }
}

// The training load table's headings and caveats (its rows are the weeks').
void load_section(ProgressView& v, const std::string& lang) {
    v.load_title = tr(lang, "progress.load.title");
    v.load_columns[0] = v.columns[0];
    v.load_columns[1] = v.columns[8];
    v.load_columns[2] = tr(lang, "progress.load.col.rated");
    v.load_columns[3] = tr(lang, "progress.load.col.monotony");
    v.load_columns[4] = tr(lang, "progress.load.col.strain");
    v.load_columns[5] = tr(lang, "progress.load.col.acwr");
    v.load_note = tr(lang, "progress.load.note");
    if (auto it = builtin_rules().rules.find("load.monitoring"); it != builtin_rules().rules.end())
        v.load_caveat = it->second.explanation.in(lang);
}

// Sleep and stress (progress.recovery): the table's headings and what the limits in force do.
void recovery_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    if (!r.recovery) return;
    v.has_recovery = true;
    v.recovery_title = tr(lang, "progress.recovery.title");
    v.recovery_columns[0] = v.columns[0];
    const char* columns[] = {"days", "sleep", "poor", "stress"};
    for (std::size_t i = 0; i < std::size(columns); ++i)
        v.recovery_columns[i + 1] = tr(lang, std::string("progress.recovery.col.") + columns[i]);
    const reading::RecoveryLimits& l = *r.recovery;
    v.recovery_note = tr(lang, l.decision ? "progress.recovery.note_hold" : "progress.recovery.note",
                         {arg("days", n(l.min_logged_nights)), arg("hours", n(l.min_mean_sleep_hours)),
                          arg("poor", n(l.poor_quality_nights)), arg("stress", n(l.max_mean_stress))});
    v.sleep_limit = static_cast<int>(std::clamp<std::int64_t>(l.min_mean_sleep_hours, 0, 24));
    v.stress_limit = static_cast<int>(std::clamp<std::int64_t>(l.max_mean_stress, 0, 10));
    v.sleep_title = tr(lang, "progress.chart.sleep.title");
    v.sleep_axis = tr(lang, "progress.chart.sleep.axis");
    v.sleep_limit_label = tr(lang, "progress.chart.sleep.limit", {arg("value", n(*v.sleep_limit))});
    v.sleep_caption = tr(lang, "progress.chart.sleep.caption", {arg("value", n(*v.sleep_limit))});
    v.stress_title = tr(lang, "progress.chart.stress.title");
    v.stress_axis = tr(lang, "progress.chart.stress.axis");
    v.stress_limit_label = tr(lang, "progress.chart.rpe.limit", {arg("value", n(*v.stress_limit))});
    v.stress_caption = tr(lang, "progress.chart.stress.caption", {arg("value", n(*v.stress_limit))});
    for (const WeekProgress& w : r.weeks) {
        const std::string week = n(w.week);
        const auto& rc = w.recovery;
        const auto hours = rc ? finite(rc->mean_sleep_hours()) : std::nullopt;
        const auto stress = rc ? finite(rc->mean_stress()) : std::nullopt;
        const auto both = [](double x) { return Text{decimal(x, 1, "en"), decimal(x, 1, "nl")}; };
        v.sleep_desc.push_back(tr(lang, "progress.chart.sleep.week",
                                  {arg("week", week), arg("hours", hours ? both(*hours) : rated(std::nullopt)),
                                   arg("poor", rc && rc->quality_nights > 0 ? rated(rc->poor_nights) : rated(std::nullopt))}));
        v.stress_desc.push_back(tr(lang, "progress.chart.stress.week",
                                   {arg("week", week), arg("stress", stress ? both(*stress) : rated(std::nullopt))}));
    }
}

// The therapist's findings.
void findings_section(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    v.findings_title = tr(lang, "progress.findings.title");
    v.findings_none = tr(lang, "progress.findings.none");
    const FindingCounts c = count(r.findings);
    v.findings_summary = tr(lang, "print.therapist.summary",
                            {arg("errors", n(c.errors)), arg("warnings", n(c.warnings)), arg("infos", n(c.infos))});
    for (const Finding& f : r.findings) v.findings.push_back(finding_view(f, lang, true));
}

// Charts: titles, legends and captions.
void chart_labels(ProgressView& v, const std::string& lang) {
    v.no_weeks = tr(lang, "progress.chart.none");
    v.chart_week = tr(lang, "progress.chart.week");
    v.minutes_title = tr(lang, "progress.chart.minutes.title");
    v.minutes_axis = tr(lang, "progress.chart.minutes.axis");
    v.minutes_planned = tr(lang, "progress.chart.planned");
    v.minutes_done = tr(lang, "progress.chart.done");
    v.minutes_caption = tr(lang, "progress.chart.minutes.caption");
    v.rpe_title = tr(lang, "progress.chart.rpe.title");
    v.rpe_axis = tr(lang, "progress.chart.rpe.axis");
    v.rpe_limit = max_mean_rpe();
    if (v.rpe_limit) {
        v.rpe_limit_label = tr(lang, "progress.chart.rpe.limit", {arg("value", n(*v.rpe_limit))});
        v.rpe_caption = tr(lang, "progress.chart.rpe.caption", {arg("value", n(*v.rpe_limit))});
    } else {
        v.rpe_caption = tr(lang, "progress.chart.rpe.caption_plain");
    }
    v.symptoms_title = tr(lang, "progress.chart.symptoms.title");
    v.symptoms_axis = tr(lang, "progress.chart.symptoms.axis");
    v.symptom_names[0] = tr(lang, "progress.symptom.pain");
    v.symptom_names[1] = tr(lang, "progress.symptom.dizziness");
    v.symptom_names[2] = tr(lang, "progress.symptom.headache");
    v.symptoms_caption = tr(lang, "progress.chart.symptoms.caption");
    v.score_title = tr(lang, "progress.chart.score.title");
    v.score_axis = tr(lang, "progress.chart.score.axis");
    v.score_caption = tr(lang, "progress.chart.score.caption");
}

// Charts: one sentence per week as the text alternative.
void chart_descriptions(ProgressView& v, const ProgressReport& r, const std::string& lang) {
    for (const WeekProgress& w : r.weeks) {
        const std::string week = n(w.week);
        v.minutes_desc.push_back(tr(lang, "progress.chart.minutes.week",
                                    {arg("week", week), arg("planned", n(w.planned_minutes)), arg("done", n(w.done_minutes))}));
        const auto rpe = finite(w.mean_rpe);
        v.rpe_desc.push_back(tr(lang, "progress.chart.rpe.week",
                                {arg("week", week), arg("rpe", rpe ? Text{decimal(*rpe, 1, "en"), decimal(*rpe, 1, "nl")} : rated(std::nullopt))}));
        v.symptoms_desc.push_back(tr(lang, "progress.chart.symptoms.week",
                                     {arg("week", week), arg("pain", rated(w.worst.pain)),
                                      arg("dizziness", rated(w.worst.dizziness)), arg("headache", rated(w.worst.headache))}));
        v.score_desc.push_back(tr(lang, "progress.chart.score.week", {arg("week", week), arg("score", rated(w.worst.concussion_score))}));
        v.has_score = v.has_score || w.worst.concussion_score.has_value();
    }
}

}  // namespace

ProgressView make_progress_view(const ProgressReport& r, const std::string& lang) {
    ProgressView v;
    v.lang = lang;
    header_section(v, r, lang);
    next_section(v, r, lang);
    weeks_section(v, r, lang);
    exposure_section(v, r, lang);
    exercises_section(v, r, lang);
    recovery_section(v, r, lang);
    load_section(v, lang);
    findings_section(v, r, lang);
    chart_labels(v, lang);
    chart_descriptions(v, r, lang);
    return v;
}

}  // namespace rehabplan::detail
