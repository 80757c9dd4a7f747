// A session as printed: its view (session_view.hpp), the dose texts of its exercises and
// its instructions as the calendar and the FHIR export write them (plan_view.hpp).
#include "render/session_view.hpp"

#include <algorithm>

namespace rehabplan::detail {

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

// Whether `text` begins with the letters of `label`, ignoring case, spaces and hyphens:
// "Warm up: start easy" begins with "Warm-up".
bool starts_with_letters(const std::string& text, const std::string& label) {
    auto letters = [](const std::string& s, std::size_t max) {
        std::string out;
        for (char c : s) {
            if (out.size() == max) break;
            if (c == ' ' || c == '-') continue;
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        return out;
    };
    const std::string l = letters(label, label.size());
    return !l.empty() && letters(text, l.size()) == l;
}

std::string duration_text(int seconds, const std::string& lang) {
    if (seconds % 60 == 0) return tr(lang, "print.minutes", {arg("minutes", n(seconds / 60))});
    return tr(lang, "print.duration_min_sec", {arg("minutes", n(seconds / 60)), arg("seconds", n(seconds % 60))});
}

std::string target_text(const SessionPlan& s, const Plan& plan, const std::string& lang) {
    if (!s.intensity) return "";
    const Intensity& in = *s.intensity;
    // HIIT: effort steers the short intervals, the heart rate only caps them (hiit.protocol).
    if (in.rpe && in.hr_ceiling_bpm && !in.hr_bpm)
        return tr(lang, "print.hiit_effort", {arg("rpe_low", n(in.rpe->low)), arg("rpe_high", n(in.rpe->high)),
                                              arg("high_bpm", n(*in.hr_ceiling_bpm))});
    if (in.hr_bpm && in.rpe && s.type != SessionType::hiit)  // after a stroke effort steers alongside heart rate
        return tr(lang, "print.bpm_rpe", {arg("low", n(in.hr_bpm->low)), arg("high", n(in.hr_bpm->high)),
                                          arg("rpe_low", n(in.rpe->low)), arg("rpe_high", n(in.rpe->high))});
    if (in.hr_bpm) return tr(lang, "print.bpm", {arg("low", n(in.hr_bpm->low)), arg("high", n(in.hr_bpm->high))});
    if (in.rpe) {
        if (plan.zone && plan.zone->high_bpm > 0 && plan.zone->basis != "effort")
            return tr(lang, "print.rpe_cap",
                      {arg("low", n(in.rpe->low)), arg("high", n(in.rpe->high)), arg("high_bpm", n(plan.zone->high_bpm))});
        return tr(lang, "print.rpe", {arg("low", n(in.rpe->low)), arg("high", n(in.rpe->high))});
    }
    if (in.percent_hrmax)
        return tr(lang, "print.percent", {arg("low", n(in.percent_hrmax->low)), arg("high", n(in.percent_hrmax->high))});
    return "";
}

// "12 repetitions", "20 seconds per side", "5 minutes"; "2 x 12 repetitions" with sets.
std::string amount_text(const ExerciseDose& d, const std::string& lang) {
    std::string key = "print.ex.amount.repetitions";
    int amount = d.repetitions.value_or(0);
    if (d.seconds) {
        key = "print.ex.amount.seconds";
        amount = *d.seconds;
    } else if (d.minutes) {
        key = "print.ex.amount.minutes";
        amount = *d.minutes;
    }
    if (d.per_side && !d.minutes) key += "_side";
    const std::string one = tr(lang, key, {arg("amount", n(amount))});
    return d.sets > 1 ? tr(lang, "print.ex.sets", {arg("sets", n(d.sets)), arg("amount", one)}) : one;
}

}  // namespace

// How much of one exercise: "2 x 12 repetitions, rest 60 s, effort 12-13 (Borg)".
std::string exercise_dose_text(const ExerciseDose& d, const std::string& lang) {
    std::string out = amount_text(d, lang);
    if (d.sets > 1 && d.rest_seconds > 0) out += ", " + tr(lang, "print.ex.rest", {arg("seconds", n(d.rest_seconds))});
    if (d.rpe) out += ", " + tr(lang, "print.rpe", {arg("low", n(d.rpe->low)), arg("high", n(d.rpe->high))});
    return out;
}

namespace {

// After a stroke the affected side does more: "1 extra set with your left side".
std::string extra_text(const ExerciseDose& d, const std::string& lang) {
    if (!d.extra_side || d.extra_sets <= 0) return "";
    const std::string key = std::string("print.ex.extra.") + to_string(*d.extra_side) + (d.extra_sets == 1 ? "_one" : "_many");
    return tr(lang, key, {arg("sets", n(d.extra_sets))});
}

ExerciseItemView exercise_item(const ExerciseDose& d, const ExerciseLibrary& library, const std::string& lang) {
    ExerciseItemView v;
    v.id = d.id;
    const Exercise* e = library.find(d.id);
    v.name = clean(e ? e->name.in(lang) : d.name.empty() ? d.id : d.name);
    v.dose = exercise_dose_text(d, lang);
    v.extra = extra_text(d, lang);
    v.line = tr(lang, "print.ex.line", {arg("name", v.name), arg("dose", v.dose)});
    if (!v.extra.empty()) v.line += "; " + v.extra;
    return v;
}

bool same_range(const std::optional<Range>& a, const std::optional<Range>& b) {
    return a ? b && a->low == b->low && a->high == b->high : !b;
}

// Everything exercise_item() reads of a dose.
bool same_dose(const ExerciseDose& a, const ExerciseDose& b) {
    return a.id == b.id && a.name == b.name && a.sets == b.sets && a.repetitions == b.repetitions && a.seconds == b.seconds &&
           a.minutes == b.minutes && a.per_side == b.per_side && a.rest_seconds == b.rest_seconds && same_range(a.rpe, b.rpe) &&
           a.extra_side == b.extra_side && a.extra_sets == b.extra_sets;
}

bool same_intensity(const std::optional<Intensity>& a, const std::optional<Intensity>& b) {
    if (!a || !b) return !a && !b;
    return a->klass == b->klass && same_range(a->hr_bpm, b->hr_bpm) && same_range(a->percent_hrmax, b->percent_hrmax) &&
           same_range(a->rpe, b->rpe) && a->hr_ceiling_bpm == b->hr_ceiling_bpm;
}

bool same_hiit(const std::optional<HiitIntervals>& a, const std::optional<HiitIntervals>& b) {
    if (!a || !b) return !a && !b;
    return a->work_seconds == b->work_seconds && a->recovery_seconds == b->recovery_seconds && a->repeats == b->repeats;
}

// Everything new_session_view() reads of a session: all of it but the date. A field it
// comes to read must be compared here too.
bool same_content(const SessionPlan& a, const SessionPlan& b) {
    if (a.type != b.type || a.minutes != b.minutes || a.title != b.title || a.note != b.note || a.supervised != b.supervised ||
        a.concussion_step != b.concussion_step || a.concussion_stage != b.concussion_stage ||
        a.blocks.size() != b.blocks.size() || a.exercises.size() != b.exercises.size() ||
        a.title_message != b.title_message || a.note_message != b.note_message ||
        !same_intensity(a.intensity, b.intensity) || !same_hiit(a.hiit, b.hiit))
        return false;
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
        const Block &x = a.blocks[i], &y = b.blocks[i];
        if (x.kind != y.kind || x.minutes != y.minutes || x.description != y.description ||
            x.description_message != y.description_message)
            return false;
    }
    for (std::size_t i = 0; i < a.exercises.size(); ++i)
        if (!same_dose(a.exercises[i], b.exercises[i])) return false;
    return true;
}

}  // namespace

const ExerciseItemView& SessionWording::item(const ExerciseDose& d) {
    auto& slot = items_[d.id];
    for (const auto& [dose, view] : slot)
        if (same_dose(dose, d)) return view;
    slot.emplace_back(d, exercise_item(d, library_, lang));
    return slot.back().second;
}

const std::string& SessionWording::word(const char* prefix, const char* value) {
    for (const Word& w : words_)
        if (w.prefix == prefix && w.value == value) return w.text;
    words_.push_back(Word{prefix, value, tr(lang, std::string(prefix) + value)});
    return words_.back().text;
}

const std::string& SessionWording::minutes(int m) {
    auto [it, added] = minutes_.try_emplace(m);
    if (added) it->second = tr(lang, "print.minutes", {arg("minutes", n(m))});
    return it->second;
}

namespace {

SessionView new_session_view(const Plan& plan, std::size_t index, SessionWording& texts) {
    const std::string& lang = texts.lang;
    Localizer& local = texts.local;
    const SessionPlan& s = plan.sessions[index];
    SessionView v;
    v.index = index;
    v.session = &s;
    v.kind = texts.word("print.type.", to_string(s.type));
    const auto title = local.translated(s.title, s.title_message);
    v.title = s.title.empty() ? v.kind : clean(title.value_or(s.title));
    v.minutes = texts.minutes(s.minutes);
    v.target = target_text(s, plan, lang);
    if (s.intensity) v.intensity_class = texts.word("print.class.", to_string(s.intensity->klass));
    if (s.hiit) {
        const HiitIntervals& h = *s.hiit;
        const Intensity* in = s.intensity ? &*s.intensity : nullptr;
        const std::string effort = in && in->rpe && in->hr_ceiling_bpm && !in->hr_bpm
                                       ? tr(lang, "print.hiit_effort_short",
                                            {arg("rpe_low", n(in->rpe->low)), arg("rpe_high", n(in->rpe->high)),
                                             arg("high_bpm", n(*in->hr_ceiling_bpm))})
                                       : v.target;
        v.hiit = tr(lang, "print.hiit",
                    {arg("repeats", n(h.repeats)), arg("work", n(h.work_seconds)), arg("recovery", n(h.recovery_seconds)),
                     arg("target", effort.empty() ? v.intensity_class : effort),
                     arg("total", duration_text(h.repeats * (h.work_seconds + h.recovery_seconds), lang))});
        v.hiit_short = tr(lang, "print.hiit_short",
                          {arg("repeats", n(h.repeats)), arg("work", n(h.work_seconds)), arg("recovery", n(h.recovery_seconds))});
    }
    // A generated title names the step already ("Step 2: light aerobic exercise").
    if (s.concussion_step && !(title && !s.title.empty()))
        v.step = tr(lang, "print.step", {arg("step", s.concussion_stage.empty() ? n(*s.concussion_step) : clean(s.concussion_stage))});
    for (const Block& b : s.blocks) {
        BlockView bv{b.kind, texts.word("print.block.", to_string(b.kind)), b.minutes,
                     local.text(b.description, b.description_message)};
        bv.text_names_kind = starts_with_letters(bv.text, bv.label);
        v.blocks.push_back(std::move(bv));
    }
    if (s.supervised) v.supervised = texts.word("print.supervised", "");
    // Intermittent bouts (progression.graded): the patient sees the bouts and the rests, so a
    // short tolerance is not walked in one go.
    if (std::any_of(s.blocks.begin(), s.blocks.end(), [](const Block& b) { return b.kind == BlockKind::rest; })) {
        std::string list;
        int run = 0;
        const auto flush = [&] {
            if (run > 0) list += (list.empty() ? "" : ", ") + tr(lang, "print.bouts.move", {arg("minutes", n(run))});
            run = 0;
        };
        for (const Block& b : s.blocks) {
            if (b.kind != BlockKind::rest) {
                run += b.minutes;
                continue;
            }
            flush();
            list += (list.empty() ? "" : ", ") + tr(lang, "print.bouts.rest", {arg("minutes", n(b.minutes))});
        }
        flush();
        v.bouts = tr(lang, "print.bouts", {arg("list", list)});
    }
    v.note = local.note(s.note, s.note_message);
    // Balance work says where to stand, before the balance block (seed 002: the same
    // warnings about falling).
    const auto balance_block = std::find_if(s.blocks.begin(), s.blocks.end(), [&](const Block& b) {
        return b.kind == BlockKind::balance || (s.type == SessionType::balance && b.kind == BlockKind::main);
    });
    if (s.type == SessionType::balance || balance_block != s.blocks.end()) {
        v.stand = texts.word("print.falls.stand", "");
        v.stand_at = static_cast<std::size_t>(balance_block - s.blocks.begin());
    }
    std::vector<std::string> names;
    for (const ExerciseDose& d : s.exercises) {
        v.exercises.push_back(texts.item(d));
        names.push_back(v.exercises.back().name);
    }
    // A middle dot between them: names may have commas ("Walking on your toes, holding on").
    if (!names.empty()) v.exercise_names = tr(lang, "print.ex.names", {arg("list", join(names, " \xC2\xB7 "))});
    return v;
}

}  // namespace

SessionView session_view(const Plan& plan, std::size_t index, SessionWording& texts) {
    const SessionPlan& s = plan.sessions[index];
    auto& seen = texts.sessions_[s.title];
    for (const auto& [other, view] : seen)
        if (same_content(*other, s)) {
            SessionView v = view;
            v.index = index;
            v.session = &s;
            return v;
        }
    SessionView v = new_session_view(plan, index, texts);
    seen.emplace_back(&s, v);
    return v;
}

std::vector<std::string> session_instructions(const PlanView& view, const SessionView& s) {
    std::vector<std::string> lines;
    const std::string how_hard = !s.target.empty() ? s.target : s.intensity_class;
    if (!how_hard.empty()) lines.push_back(tr(view.lang, "print.calendar.target", {arg("target", how_hard)}));
    if (!s.step.empty()) lines.push_back(s.step);
    if (!s.supervised.empty()) lines.push_back(s.supervised);
    if (!s.bouts.empty()) lines.push_back(s.bouts);
    if (!s.hiit.empty()) lines.push_back(s.hiit);
    for (std::size_t i = 0; i < s.blocks.size(); ++i) {
        const BlockView& b = s.blocks[i];
        if (!s.stand.empty() && i == s.stand_at) lines.push_back(s.stand);
        const std::vector<Arg> args{arg("label", b.label), arg("minutes", std::to_string(b.minutes)), arg("text", b.text)};
        lines.push_back(b.text.empty()        ? tr(view.lang, "print.calendar.block_label", {args[0], args[1]})
                        : b.text_names_kind ? tr(view.lang, "print.calendar.block_named", {args[1], args[2]})
                                            : tr(view.lang, "print.calendar.block", args));
    }
    if (!s.stand.empty() && s.stand_at >= s.blocks.size()) lines.push_back(s.stand);
    if (!s.note.empty()) lines.push_back(s.note);
    if (!s.exercises.empty()) lines.push_back(tr(view.lang, "print.ex.list"));
    for (const ExerciseItemView& e : s.exercises) lines.push_back("- " + e.line);
    return lines;
}

}  // namespace rehabplan::detail
