#include "render/plan_view.hpp"
#include "render/priming_view.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "render/exercise_svg.hpp"
#include "render/session_view.hpp"
#include "render/phrasebook.hpp"
#include "planning/plan_text.hpp"
#include "planning/programme.hpp"
#include "rules/readings.hpp"
#include "rules/readings_recovery.hpp"
#include "rules/validator.hpp"

namespace rehabplan::detail {

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

}  // namespace

// Free text from the plan as printable text, for every renderer (the one place this is
// done; each format then only escapes its own syntax): control characters (a NUL would end a C
// string early, an ESC drives a terminal, a CR breaks a Markdown table) become spaces,
// CRLF becomes LF. Valid UTF-8 is the parser's guarantee; C1 controls are U+0080-U+009F.
std::string clean(const std::string& text) {
    // Most text has nothing to replace: copied whole, not a byte at a time.
    if (std::none_of(text.begin(), text.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c < 0x20 || c == 0x7F || c == 0xC2;
        }))
        return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out += ' ';
            ++i;
            continue;
        }
        out += (c < 0x20 && c != '\n') || c == 0x7F ? ' ' : text[i];
    }
    return out;
}

namespace {

std::string signal_text(const std::string& id, const std::string& lang) {
    if (has_message("signal." + id)) return tr(lang, "signal." + id);
    std::string s = id;  // a clinic's own signal ID: readable at least
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

}  // namespace

// The patient as the rules need them for the weekly targets printed with the chart (and
// the FHIR export's goals).
Patient rules_patient(const Plan& plan) {
    Patient p;
    if (!plan.patient) return p;
    p.age = plan.patient->age;
    for (ConditionType t : plan.patient->conditions) p.conditions.push_back(Condition{t, std::nullopt, std::nullopt});
    p.beta_blocker = plan.patient->beta_blocker;
    p.falls_past_year = plan.patient->falls_past_year;
    return p;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
    return out;
}

std::string tr(const std::string& lang, const std::string& key, const std::vector<Arg>& args) {
    return message_in(lang, key, args);
}

namespace {

// The catalog's date words in one language, looked up once: a plan view formats two
// dates a day (issue 21). The templates are filled once with a control byte for each
// field (catalog text has none), which a date then replaces with its words.
enum DateField : char { weekday_field = 1, day_field, month_field, year_field };

struct DateWords {
    std::string long_form, medium, short_form;  // with the fields' bytes
    std::string weekday[7], day[7], month[13], month_short[13];
};

std::string date_template(const std::string& lang, const char* key, bool short_words) {
    const auto field = [](DateField f) { return std::string(1, static_cast<char>(f)); };
    std::vector<Arg> args{arg("day", field(day_field)), arg("month", field(month_field))};
    args.push_back(arg("weekday", field(weekday_field)));
    if (!short_words) args.push_back(arg("year", field(year_field)));
    const std::string& templ = message_template(key).in(lang);
    if (std::any_of(templ.begin(), templ.end(), [](char c) { return c >= 1 && c <= 4; }) || templ.find('|') != std::string::npos)
        throw std::logic_error(std::string(key) + ": a date template has a field format_date() cannot fill");
    return tr(lang, key, args);
}

DateWords date_words(const std::string& lang) {
    DateWords w;
    w.long_form = date_template(lang, "date.long", false);
    w.medium = date_template(lang, "date.medium", false);
    w.short_form = date_template(lang, "date.short", true);
    for (int i = 0; i < 7; ++i) {
        const std::string d = to_string(static_cast<Weekday>(i));
        w.weekday[i] = tr(lang, "weekday." + d);
        w.day[i] = tr(lang, "day." + d);
    }
    for (int m = 1; m <= 12; ++m) {
        w.month[m] = tr(lang, "month." + n(m));
        w.month_short[m] = tr(lang, "month_short." + n(m));
    }
    return w;
}

}  // namespace

std::string format_date(Date d, const std::string& lang, DateStyle style) {
    static const DateWords en = date_words("en"), nl = date_words("nl");
    const DateWords& w = lang == "nl" ? nl : en;
    const std::string& templ = style == DateStyle::long_form ? w.long_form : style == DateStyle::medium ? w.medium : w.short_form;
    const bool short_words = style == DateStyle::short_form;
    const auto weekday = static_cast<std::size_t>(d.weekday());
    const auto month = static_cast<std::size_t>(d.month());
    std::string out;
    out.reserve(templ.size() + 24);
    for (const char c : templ) {
        switch (c) {
            case weekday_field: out += short_words ? w.day[weekday] : w.weekday[weekday]; break;
            case day_field: out += n(d.day()); break;
            case month_field: out += short_words ? w.month_short[month] : w.month[month]; break;
            case year_field: out += n(d.year()); break;
            default: out += c;
        }
    }
    return out;
}

namespace {

bool has_condition(const Plan& plan, ConditionType c) {
    return plan.patient && std::find(plan.patient->conditions.begin(), plan.patient->conditions.end(), c) !=
                               plan.patient->conditions.end();
}

// The plan's header: who it is for, the programme, the period and the plan-wide targets.
void header_section(PlanView& v, const Plan& plan, const std::string& lang) {
    v.title = tr(lang, "print.title");
    if (const auto& p = plan.patient) {
        v.who.push_back(p->id.empty() ? tr(lang, "print.patient_anonymous", {arg("age", n(p->age))})
                                      : tr(lang, "print.patient", {arg("id", clean(p->id)), arg("age", n(p->age))}));
        std::vector<std::string> names;
        for (ConditionType c : p->conditions) names.push_back(tr(lang, std::string("print.condition.") + to_string(c)));
        if (!names.empty()) v.who.push_back(tr(lang, "print.conditions", {arg("list", join(names, ", "))}));
        if (p->beta_blocker) v.beta_blocker = tr(lang, "print.beta_blocker");
    }
    const auto& programmes = builtin_programmes().programmes;
    if (auto it = programmes.find(plan.programme); it != programmes.end())
        v.programme = tr(lang, "print.programme", {arg("name", it->second.title.in(lang))});
    v.period = tr(lang, plan.weeks == 1 ? "print.period_one_week" : "print.period", {arg("from", format_date(plan.start_date, lang, DateStyle::medium)),
                                         arg("to", format_date(plan.end_date(), lang, DateStyle::medium)),
                                         arg("weeks", n(plan.weeks))});
    if (plan.paused) {
        v.paused = tr(lang, "print.paused", {arg("date", format_date(plan.paused->since, lang, DateStyle::long_form))});
        return;  // no dose to reach and no step target from the pause on
    }
    if (plan.full_dose_week) v.full_dose = tr(lang, "print.full_dose", {arg("week", n(*plan.full_dose_week))});
    const auto& sw = plan.daily_steps_weeks;
    if (!sw.empty() && sw.front() != sw.back())
        v.daily_steps = tr(lang, "print.daily_steps_grow", {arg("first", n(sw.front())), arg("last", n(sw.back())),
                                                           arg("weeks", n(static_cast<std::int64_t>(sw.size())))});
    else if (plan.daily_steps && plan.daily_steps->low == plan.daily_steps->high)
        v.daily_steps = tr(lang, "print.daily_steps_one", {arg("steps", n(plan.daily_steps->low))});
    else if (plan.daily_steps)
        v.daily_steps = tr(lang, "print.daily_steps", {arg("low", n(plan.daily_steps->low)), arg("high", n(plan.daily_steps->high))});
}

// Whether the zone printed is a light one (a concussion return's step 2A, 45-55 % HRmax):
// the class of the first session trained in exactly that zone, as the generator set it.
// The talk test then asks for full sentences, not the moderate "short sentences".
bool zone_is_light(const Plan& plan, const PlanZone& z) {
    for (const SessionPlan& s : plan.sessions)
        if (s.intensity && s.intensity->hr_bpm && s.intensity->hr_bpm->low == z.low_bpm &&
            s.intensity->hr_bpm->high == z.high_bpm)
            return s.intensity->klass == IntensityClass::light;
    return false;
}

// The aerobic target zone and how it was worked out.
void zone_section(PlanView& v, const Plan& plan, const std::string& lang) {
    v.zone_title = tr(lang, "print.zone.title");
    const auto& z = plan.zone;
    if (!z) return;
    if (z->rpe && z->basis == "effort") {
        v.zone_target = tr(lang, "print.zone.effort", {arg("low", n(z->rpe->low)), arg("high", n(z->rpe->high))});
    } else if (z->rpe && z->basis == "rpe") {
        v.zone_target = tr(lang, "print.zone.rpe", {arg("low", n(z->rpe->low)), arg("high", n(z->rpe->high)),
                                                    arg("high_bpm", n(z->high_bpm))});
    } else {
        v.zone_target = tr(lang, "print.zone.bpm", {arg("low", n(z->low_bpm)), arg("high", n(z->high_bpm))});
        if (z->rpe) v.zone_details.push_back(tr(lang, "print.zone.borg", {arg("low", n(z->rpe->low)), arg("high", n(z->rpe->high))}));
        v.zone_details.push_back(tr(lang, zone_is_light(plan, *z) ? "print.zone.talk_light" : "print.zone.talk"));
    }
    std::string source = z->hrmax_source;
    if (source == "measured") {
        source = tr(lang, "print.zone.hrmax_measured");
    } else {
        if (!source.empty()) source[0] = static_cast<char>(source[0] - 'a' + 'A');  // an author's name: "tanaka" -> "Tanaka"
        source = tr(lang, "print.zone.hrmax_formula", {arg("name", source)});
    }
    v.zone_details.push_back(tr(lang, "print.zone.hrmax", {arg("bpm", n(z->hrmax_bpm)), arg("source", source)}));
    v.zone_details.push_back(tr(lang, "print.zone.low", {arg("formula", clean(z->low_formula.in(lang)))}));
    v.zone_details.push_back(tr(lang, "print.zone.high", {arg("formula", clean(z->high_formula.in(lang)))}));
    if (has_condition(plan, ConditionType::concussion)) v.zone_details.push_back(tr(lang, "print.zone.start"));
}

// The plan's sessions in date order, walked once week by week (sessions outside the
// plan's weeks, which only a C++ caller can make, are skipped).
class SessionCursor {
public:
    explicit SessionCursor(const Plan& plan) : plan_(plan), order_(plan.sessions.size()) {
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
        // By date, in document order within a day (a therapist's plan need not be sorted).
        std::stable_sort(order_.begin(), order_.end(),
                         [&](std::size_t a, std::size_t b) { return plan.sessions[a].date < plan.sessions[b].date; });
    }
    // The indices of the sessions on `day`; days must be asked for in order.
    std::vector<std::size_t> on(Date day) {
        std::vector<std::size_t> out;
        while (next_ < order_.size() && plan_.sessions[order_[next_]].date < day) ++next_;
        for (; next_ < order_.size() && plan_.sessions[order_[next_]].date == day; ++next_) out.push_back(order_[next_]);
        return out;
    }

private:
    const Plan& plan_;
    std::vector<std::size_t> order_;
    std::size_t next_ = 0;
};

// The daily table names a session's exercises the first time in the week; a later session
// of that title with the same exercises points back to that day, so a week with many
// sessions still fits on its page (the cards have the details).
void name_exercises_once(WeekView& wv, const std::string& lang) {
    std::map<std::string, std::string> first;  // title and names -> the day that names them
    for (DayView& day : wv.days)
        for (SessionView& sv : day.sessions) {
            if (sv.exercise_names.empty()) continue;
            const auto [it, added] = first.emplace(sv.title + '\n' + sv.exercise_names, day.label);
            if (!added) sv.exercise_names = tr(lang, "print.ex.names_same", {arg("day", it->second)});
        }
}

WeekView week_view(const Plan& plan, int w, const EffectiveRules& er, SessionCursor& cursor, SessionWording& texts) {
    const std::string& lang = texts.lang;
    WeekView wv;
    wv.number = w + 1;
    wv.from = plan.start_date.plus_days(7 * w);
    wv.to = wv.from.plus_days(6);
    wv.heading = tr(lang, "print.week", {arg("week", n(wv.number))});
    wv.dates = tr(lang, "print.week_dates", {arg("from", format_date(wv.from, lang, DateStyle::medium)),
                                             arg("to", format_date(wv.to, lang, DateStyle::medium))});
    for (int d = 0; d < 7; ++d) {
        DayView day;
        day.date = wv.from.plus_days(d);
        // From the pause on there is nothing to do: no sessions and no "rest day" either
        // (the banner on page 1 says why).
        if (plan.paused && day.date >= plan.paused->since) break;
        day.label = format_date(day.date, lang, DateStyle::short_form);
        day.long_label = format_date(day.date, lang, DateStyle::long_form);
        bool training = false;
        for (std::size_t i : cursor.on(day.date)) {
            const SessionPlan& s = plan.sessions[i];
            day.sessions.push_back(session_view(plan, i, texts));
            if (s.type != SessionType::relaxation && s.type != SessionType::education) wv.minutes += s.minutes;  // exercise only
            wv.volume_minutes += moderate_equivalent_minutes(s, er);
            training = training || is_training(s.type);
        }
        wv.training_days += training ? 1 : 0;
        wv.days.push_back(std::move(day));
    }
    name_exercises_once(wv, lang);
    if (static_cast<std::size_t>(w) < plan.daily_steps_weeks.size() && !(plan.paused && wv.from >= plan.paused->since))
        wv.steps = tr(lang, "print.week_steps", {arg("steps", n(plan.daily_steps_weeks[static_cast<std::size_t>(w)]))});
    wv.total = tr(lang, wv.training_days == 1 ? "print.week_total_one_day" : "print.week_total", {arg("minutes", n(wv.minutes)), arg("days", n(wv.training_days))});
    return wv;
}

// An exercise's card: the library's text in the view's language (nothing but the name
// for an ID the library lacks); draw_cards() adds its picture.
ExerciseCardView exercise_card(const ExerciseItemView& item, const ExerciseLibrary& library, const std::string& lang) {
    ExerciseCardView c;
    c.id = item.id;
    c.name = item.name;
    const Exercise* e = library.find(item.id);
    if (!e) return c;
    const auto levels = std::count_if(library.exercises.begin(), library.exercises.end(),
                                      [&](const Exercise& x) { return x.chain == e->chain; });
    c.level = levels > 1 ? tr(lang, "print.ex.level", {arg("level", n(e->level)), arg("levels", n(static_cast<std::int64_t>(levels)))})
                         : "";
    for (const auto& line : lang == "nl" ? e->instructions_nl : e->instructions_en) c.instructions.push_back(clean(line));
    for (const auto& id : e->precautions)
        if (const auto it = library.precautions.find(id); it != library.precautions.end())
            c.precautions.push_back(clean(it->second.text.in(lang)));
    if (e->cognitive_task) c.task = tr(lang, "print.ex.task", {arg("task", clean(e->cognitive_task->in(lang)))});
    if (!e->video_url.empty()) {
        c.video_url = clean(e->video_url);
        c.video = tr(lang, "print.ex.video", {arg("url", c.video_url)});
    }
    return c;
}

// Each session's exercises on the cards of its title: a card per exercise, first seen
// first, with the week of every change of its dose.
void add_cards(ExerciseView& e, const SessionView& sv, int week, const ExerciseLibrary& library, const std::string& lang) {
    for (const ExerciseItemView& item : sv.exercises) {
        auto it = std::find_if(e.cards.begin(), e.cards.end(), [&](const ExerciseCardView& c) { return c.id == item.id; });
        if (it == e.cards.end()) {
            e.cards.push_back(exercise_card(item, library, lang));
            it = e.cards.end() - 1;
        }
        const std::string dose = item.extra.empty() ? item.dose : item.dose + "; " + item.extra;
        if (it->dose_changes.empty() || it->dose_changes.back().second != dose) it->dose_changes.emplace_back(week, dose);
    }
}

// "How to do each session": the first session of each title explains it; a later one
// with another note says so (own_note).
void add_exercises(std::vector<ExerciseView>& exercises, WeekView& wv, const ExerciseLibrary& library, const std::string& lang) {
    for (DayView& day : wv.days)
        for (SessionView& sv : day.sessions) {
            auto it = std::find_if(exercises.begin(), exercises.end(), [&](const ExerciseView& e) { return e.title == sv.title; });
            if (it == exercises.end()) {
                ExerciseView e{sv.title, sv.kind, {}, sv.hiit, sv.note, sv.session->type, "", {}};
                for (std::size_t i = 0; i < sv.blocks.size(); ++i) {
                    if (!sv.stand.empty() && i == sv.stand_at) e.steps.push_back(sv.stand);
                    e.steps.push_back(sv.blocks[i].text.empty() ? sv.blocks[i].label : sv.blocks[i].text);
                }
                if (!sv.stand.empty() && sv.stand_at >= sv.blocks.size()) e.steps.push_back(sv.stand);
                exercises.push_back(std::move(e));
                it = exercises.end() - 1;
            } else {
                sv.own_note = !sv.note.empty() && sv.note != it->note;
            }
            add_cards(*it, sv, wv.number, library, lang);
        }
}

// The cards' dose lines: one dose, or a line from each week it changes.
void finish_cards(std::vector<ExerciseView>& exercises, const std::string& lang) {
    for (ExerciseView& e : exercises) {
        if (!e.cards.empty()) e.cards_title = tr(lang, "print.ex.cards_title", {arg("title", e.title)});
        for (ExerciseCardView& c : e.cards) {
            if (c.dose_changes.size() == 1) c.doses.push_back(c.dose_changes.front().second);
            else
                for (const auto& [week, dose] : c.dose_changes)
                    c.doses.push_back(tr(lang, "print.ex.from_week", {arg("week", n(week)), arg("dose", dose)}));
        }
    }
}

// What a day without training offers: the slow breathing of the pain programmes'
// breathing slot (data/programmes.json, the library's breath_slow_seated), for everyone.
// The one place that words a rest day, so that another kind of day without training (a
// treatment's dosing day) can say something else.
std::string rest_day_note(const Plan& /*plan*/, Date /*day*/, const std::string& lang) {
    const auto& slots = builtin_programmes().slots;
    const auto it = slots.find("breathing");
    if (it == slots.end() || it->second.minutes <= 0) return "";
    return tr(lang, "print.rest_day.breathing", {arg("minutes", n(it->second.minutes))});
}

void weeks_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er, Localizer& local,
                   const ExerciseLibrary& library) {
    SessionCursor cursor(plan);
    SessionWording texts(lang, local, library);
    for (int w = 0; w < plan.weeks; ++w) {
        if (plan.paused && plan.start_date.plus_days(7 * w) >= plan.paused->since) break;  // the weeks after the pause
        WeekView wv = week_view(plan, w, er, cursor, texts);
        for (DayView& d : wv.days)
            if (d.sessions.empty()) d.rest_note = rest_day_note(plan, d.date, lang);
        add_exercises(v.exercises, wv, library, lang);
        v.weeks.push_back(std::move(wv));
    }
    finish_cards(v.exercises, lang);
    v.exercises_title = tr(lang, "print.exercises.title");
    v.card_what = tr(lang, "print.ex.what");
    v.card_dose = tr(lang, "print.ex.dose");
    v.card_care = tr(lang, "print.ex.care");
    v.card_picture = tr(lang, "print.ex.picture");
    v.rest_day = tr(lang, "print.rest_day");
    v.rest_days = tr(lang, "print.rest_days");
    v.columns[0] = tr(lang, "print.col.day");
    v.columns[1] = tr(lang, "print.col.session");
    v.columns[2] = tr(lang, "print.col.minutes");
    v.columns[3] = tr(lang, "print.col.intensity");
}

// The plan's stop signals with what to do, grouped by action (112 first); the action is
// the rules' (safety.stop_signals), so an old plan's chest pain also says 112.
void stop_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er) {
    v.stop_title = tr(lang, "print.stop.title");
    v.stop_more = tr(lang, "print.stop.more");
    for (const auto& id : plan.stop_signals) {
        const bool emergency = reading::stop_signal_action(er, id) == reading::StopAction::call_112;
        v.stop_signals.push_back(StopSignalView{id, signal_text(id, lang), emergency,
                                                tr(lang, emergency ? "stop_action.call_112" : "stop_action.stop_call_therapist")});
    }
    for (const bool emergency : {true, false}) {
        StopGroupView g;
        g.call_112 = emergency;
        g.action = tr(lang, emergency ? "stop_action.call_112" : "stop_action.stop_call_therapist");
        g.heading = tr(lang, "print.stop.group", {arg("action", g.action)});
        for (const auto& s : v.stop_signals)
            if (s.call_112 == emergency) g.signals.push_back(s.text);
        if (!g.signals.empty()) v.stop_groups.push_back(std::move(g));
    }
}

// Fall precautions for whom the rules (week.balance fall_precautions) or a recorded fall
// ask: a support within reach, a clear floor, good shoes; after a fall, someone nearby.
void falls_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er) {
    const auto need = reading::fall_precautions(er, rules_patient(plan));
    if (need == reading::FallPrecautions::none) return;
    v.falls_title = tr(lang, "print.falls.title");
    for (const char* key : {"print.falls.support", "print.falls.floor", "print.falls.shoes"}) v.falls.push_back(tr(lang, key));
    if (need == reading::FallPrecautions::with_company) v.falls.push_back(tr(lang, "print.falls.company"));
    // What to do after a fall (montero_odasso2022): get up only unhurt, else stay, keep warm, get help.
    v.falls.push_back(tr(lang, "print.falls.if_you_fall"));
}

void measures_section(PlanView& v, const Plan& plan, const std::string& lang) {
    v.measures_title = tr(lang, "print.measures.title");
    for (const auto& m : plan.outcome_measures)
        if (!plan.paused || m.date < plan.paused->since)
            v.measures.push_back(MeasureView{m.date, m.measure, format_date(m.date, lang, DateStyle::long_form),
                                         has_message("measure." + m.measure) ? tr(lang, "measure." + m.measure) : m.measure});
}

// True when the plan's full-dose week (its full_dose_week, else its last week with
// training) has at least min_sessions training days of at least session.duration's
// min_minutes each: then the why-text may name those numbers.
bool reaches_session_dose(const Plan& plan, const EffectiveRules& er) {
    std::map<int, std::map<int, int>> days;  // plan week -> day -> training minutes
    for (const SessionPlan& s : plan.sessions)
        if (is_training(s.type) && s.date >= plan.start_date && (!plan.paused || s.date < plan.paused->since))
            days[s.date.days_since(plan.start_date) / 7][s.date.day_number()] += s.minutes;
    if (days.empty()) return false;
    const int week = plan.full_dose_week ? *plan.full_dose_week - 1 : days.rbegin()->first;
    const auto it = days.find(week);
    if (it == days.end() || static_cast<std::int64_t>(it->second.size()) < er[params::week_sessions_min_sessions]) return false;
    return std::all_of(it->second.begin(), it->second.end(), [&](const std::pair<const int, int>& d) {
        return reading::session_day_length(er, d.second) != reading::DayLength::below_min;
    });
}

// Every plan's guidance on recovery (issue 22): sleep (aasm_sleep_habits, watson2015;
// seed001, seed003: sleep "supports" recovery, nothing more is claimed), stress and
// relaxation with the breathing offered on rest days (seed001, seed002, seed003;
// zaccaro2018), and alcohol (ebrahim2013, meschia2014; the Dutch limit is
// gezondheidsraad2015's). The hours are progress.recovery's, so the advice and the log's
// judgement agree: the same reading picks the sleep band by age.
// A patient under 18 (the age the return rules also use for youth) is told not to drink,
// and gets the hours of sleep young people need (paruthi2016), not the adults' minimum.
// After a concussion no one drinks until recovered (the CRT6's advice, echemendia2023).
void recovery_why(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er) {
    const bool young = plan.patient && plan.patient->age < 18;
    const reading::RecoveryLimits sleep =
        reading::recovery_limits(er, plan.patient ? std::optional<int>(plan.patient->age) : std::nullopt);
    v.why.push_back(sleep.sleep_band == reading::SleepBand::adult
                        ? tr(lang, "print.why.sleep", {arg("hours", n(sleep.min_mean_sleep_hours))})
                        : tr(lang, "print.why.sleep_young"));
    v.why.push_back(tr(lang, "print.why.stress"));
    v.why.push_back(tr(lang, has_condition(plan, ConditionType::concussion) ? "print.why.alcohol_concussion"
                             : young                                         ? "print.why.alcohol_young"
                                                                             : "print.why.alcohol"));
}

// The weekly-minutes chart and "why this plan", from the rules in force for the patient.
void chart_and_why_sections(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er) {
    v.volume_min = static_cast<int>(er[params::week_volume_min_minutes]);
    v.volume_max = static_cast<int>(er[params::week_volume_max_minutes]);
    v.chart_title = tr(lang, "print.chart.title");
    // A concussion return aims at the steps: its chart does not push the weekly target.
    v.chart_caption = tr(lang, plan.return_ladders.empty() ? "print.chart.caption" : "print.chart.caption_return",
                         {arg("min", n(v.volume_min)), arg("max", n(v.volume_max))});
    v.chart_week = tr(lang, "print.chart.week");
    v.chart_target = tr(lang, "print.chart.target");

    v.why_title = tr(lang, "print.why.title");
    // A concussion return: early sub-symptom exercise (Leddy 2019, 2023), not the weekly dose.
    if (!plan.return_ladders.empty()) {
        v.why.push_back(tr(lang, "print.why.concussion"));
        recovery_why(v, plan, lang, er);
        return;
    }
    // "Sessions of at least 45 minutes, at least 3 times a week" only when the plan's full
    // dose has them; a plan kept short by a low baseline or the patient's days says it grows.
    const bool dose = reaches_session_dose(plan, er);
    v.why.push_back(dose ? tr(lang, "print.why.neuroplasticity", {arg("minutes", n(er[params::session_duration_min_minutes])),
                                                                   arg("days", n(er[params::week_sessions_min_sessions]))})
                         : tr(lang, "print.why.neuroplasticity_growing"));
    v.why.push_back(tr(lang, "print.why.graded", {arg("percent", n(er[params::progression_graded_max_weekly_increase_percent]))}));
    if (has_condition(plan, ConditionType::chronic_pain)) v.why.push_back(tr(lang, "print.why.pain"));
    recovery_why(v, plan, lang, er);
}

// A concussion return: each ladder's steps with their dates or their gates, the rules for
// moving on (numbers from concussion.return and progress.symptoms in force), and the
// concussion.return warnings (persisting symptoms) for the first page.
void return_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er, Localizer& local) {
    for (const Finding& f : plan.findings)
        if (f.rule == "concussion.return" && f.severity != Severity::info) v.alerts.push_back(clean(f.message.in(lang)));
    if (plan.return_ladders.empty()) return;
    v.return_title = tr(lang, "print.return.title");
    bool sport = false;
    for (const ReturnLadderPlan& l : plan.return_ladders) {
        ReturnLadderView lv;
        lv.ladder = to_string(l.ladder);
        sport = sport || l.ladder == ReturnLadder::sport;
        lv.heading = l.ladder == ReturnLadder::sport && !l.sport.empty()
                         ? tr(lang, "print.return.ladder.sport_named", {arg("sport", clean(l.sport))})
                         : tr(lang, std::string("print.return.ladder.") + lv.ladder);
        for (const ReturnStep& st : l.steps) {
            ReturnStepView sv;
            sv.step = tr(lang, "print.return.step", {arg("step", clean(st.step))});
            sv.title = local.text(st.title, st.title_message);
            sv.description = local.text(st.description, st.description_message);
            sv.heading = sv.title.empty() ? sv.step
                         : sv.title.compare(0, sv.step.size(), sv.step) == 0 ? sv.title
                                                                             : sv.step + ": " + sv.title;
            sv.dated = st.from.has_value();
            sv.id = st.step;
            if (st.from) sv.from = *st.from;
            if (st.from) {
                sv.when = tr(lang, "print.return.from", {arg("date", format_date(*st.from, lang, DateStyle::short_form))});
            } else {
                std::vector<std::string> gates;
                for (const std::string& g : st.gates) gates.push_back(tr(lang, "print.return.gate." + g));
                if (gates.empty()) gates.push_back(tr(lang, "print.return.gate.previous"));
                sv.when = tr(lang, "print.return.not_yet", {arg("gates", join(gates, tr(lang, "print.return.and").c_str()))});
            }
            lv.steps.push_back(std::move(sv));
        }
        v.ladders.push_back(std::move(lv));
    }
    const std::string hours = n(er[params::concussion_return_min_hours_per_step]);
    v.return_rules.push_back(tr(lang, "print.return.rule.step", {arg("hours", hours)}));
    v.return_rules.push_back(tr(lang, "print.return.rule.flare",
                                {arg("points", n(er[params::progress_symptoms_max_rise_points])), arg("hours", hours)}));
    if (sport)
        v.return_rules.push_back(tr(lang, "print.return.rule.relapse",
                                    {arg("from", n(er[params::concussion_return_resolution_from_step])),
                                     arg("back", n(er[params::concussion_return_fallback_step]))}));
    else
        v.return_rules.push_back(tr(lang, "print.return.rule.no_contact"));
    v.return_rules.push_back(tr(lang, "print.return.rule.log"));
    v.return_rules.push_back(tr(lang, "print.return.rule.knock"));
    v.return_rules.push_back(tr(lang, "print.return.rule.persisting",
                                {arg("weeks", n(er[params::concussion_return_persisting_symptoms_days] / 7))}));
    if (plan.patient && plan.patient->age < 18) v.return_rules.push_back(tr(lang, "print.return.rule.youth"));
}

// The therapist's part: the plan's notes and its review.
void review_section(PlanView& v, const Plan& plan, const std::string& lang, Localizer& local) {
    v.notes = local.text(plan.notes, plan.notes_message);
    v.review_title = tr(lang, "print.therapist.title");
    if (const auto& cl = plan.patient ? plan.patient->clearance : std::nullopt) {
        std::vector<std::string> parts{tr(lang, std::string("print.clearance.") + to_string(cl->level))};
        if (cl->date) parts.push_back(format_date(*cl->date, lang, DateStyle::medium));
        if (!cl->by.empty()) parts.push_back(clean(cl->by));
        v.clearance = tr(lang, "print.therapist.clearance", {arg("clearance", join(parts, ", "))});
    }
    const FindingCounts c = count(plan.findings);
    v.review_summary = tr(lang, "print.therapist.summary",
                          {arg("errors", n(c.errors)), arg("warnings", n(c.warnings)), arg("infos", n(c.infos))});
    for (const Finding& f : plan.findings) v.findings.push_back(finding_view(f, lang, false));
}

// The cards' pictures (exercise_svg()); none for an ID the library lacks.
void draw_cards(std::vector<ExerciseView>& exercises, const ExerciseLibrary& library) {
    for (ExerciseView& ev : exercises)
        for (ExerciseCardView& c : ev.cards) {
            const Exercise* e = library.find(c.id);
            if (!e) continue;
            c.svg = exercise_svg(*e, c.name);
            // Inline in HTML5 the SVG needs no namespace, and the page then names no URL at all.
            const std::string ns = " xmlns=\"http://www.w3.org/2000/svg\"";
            if (const auto at = c.svg.find(ns); at != std::string::npos) c.svg.erase(at, ns.size());
        }
}

}  // namespace

PlanView make_view(const Plan& plan, const std::string& lang, const RuleSet& rules, bool pictures) {
    PlanView v;
    v.lang = lang;
    const EffectiveRules er(rules, rules_patient(plan));
    Localizer local(plan, lang);
    header_section(v, plan, lang);
    if (!plan.paused) zone_section(v, plan, lang);  // paused: no zone to train in
    return_section(v, plan, lang, er, local);
    weeks_section(v, plan, lang, er, local, rules.exercises);
    priming_section(v, plan, lang, er);
    if (pictures) draw_cards(v.exercises, rules.exercises);
    stop_section(v, plan, lang, er);
    if (!plan.paused) falls_section(v, plan, lang, er);
    measures_section(v, plan, lang);
    chart_and_why_sections(v, plan, lang, er);
    review_section(v, plan, lang, local);
    return v;
}

FindingView finding_view(const Finding& f, const std::string& lang, bool with_date) {
    FindingView fv;
    fv.severity = f.severity;
    fv.severity_label = tr(lang, std::string("print.severity.") + to_string(f.severity));
    fv.rule = clean(f.rule);
    fv.message = clean(f.message.in(lang));
    std::vector<std::string> where;
    if (f.week) where.push_back(tr(lang, "print.therapist.week", {arg("week", f.week->iso_week())}));
    if (with_date && f.date)
        where.push_back(tr(lang, "progress.finding.date", {arg("date", format_date(*f.date, lang, DateStyle::short_form))}));
    if (!f.path.empty()) where.push_back(tr(lang, "print.therapist.where", {arg("path", clean(f.path))}));
    fv.where = join(where, ", ");
    for (const auto& citation : f.citations) fv.citations.push_back(clean(citation));
    return fv;
}

}  // namespace rehabplan::detail
