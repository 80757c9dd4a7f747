#include "planning/programme_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "core/messages.hpp"
#include "planning/dose.hpp"
#include "rules/readings.hpp"
#include "rules/validator.hpp"

namespace rehabplan::generation {

using detail::arg;

bool fixed_length(const Draft& d) { return d.slot && d.slot->fixed_length; }

namespace {

bool fixed_training(const Draft& d) { return fixed_length(d) && is_training(d.type); }

void sort_by_day(std::vector<Draft>& drafts) {
    std::stable_sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) {
        return a.date.day_number() != b.date.day_number() ? a.date.day_number() < b.date.day_number() : a.order < b.order;
    });
}

}  // namespace

bool has_fixed_training(const GeneratorInputs& in, const Phase& ph) {
    return std::any_of(ph.slots.begin(), ph.slots.end(), [&](const std::string& id) {
        const SlotTemplate& s = in.slot(id);
        return s.fixed_length && is_training(s.type) && slot_for_patient(in.patient, s);
    });
}

Phase phase_without_fixed(const GeneratorInputs& in, const Phase& ph) {
    std::set<SlotDays> days;
    for (const std::string& id : ph.slots)
        if (in.slot(id).fixed_length && is_training(in.slot(id).type)) days.insert(in.slot(id).on);
    Phase out = ph;
    out.slots.clear();
    for (const std::string& id : ph.slots) {
        const SlotTemplate& s = in.slot(id);
        if (!(s.fixed_length && days.count(s.on))) out.slots.push_back(id);
    }
    return out;
}

bool fixed_slots_fit_day(const GeneratorInputs& in, const Phase& ph, GeneratorFindings& findings) {
    bool fits = true;
    for (const std::string& id : ph.slots) {
        const SlotTemplate& s = in.slot(id);
        if (!s.fixed_length || !is_training(s.type) || !slot_for_patient(in.patient, s) || slot_fits_day(in, s)) continue;
        fits = false;
        add_finding(findings, in.rules, "session.duration", Severity::warning, "/max_minutes_per_day",
                    "gen.fixed_session_too_long",
                    {arg("session", s.title), arg("minutes", n(slot_minutes(in, s))), arg("max", n(*in.patient.max_minutes_per_day))},
                    "");
    }
    return fits;
}

void fit_days_keeping_fixed(std::vector<Draft>& drafts, std::optional<int> max_minutes_per_day, int min_session_minutes,
                            int session_max_minutes) {
    std::map<int, std::vector<Draft>> others;
    std::vector<Draft> out;
    std::map<int, int> fixed_minutes;
    for (Draft& d : drafts) {
        if (fixed_length(d)) {
            d.minutes = d.full;
            if (is_training(d.type)) fixed_minutes[d.date.day_number()] += d.full;
            out.push_back(d);
        } else {
            others[d.date.day_number()].push_back(d);
        }
    }
    for (auto& [day, list] : others) {
        std::optional<int> room = max_minutes_per_day;
        if (room) room = std::max(0, *room - fixed_minutes[day]);
        if (room && *room == 0) {
            // fit_days() keeps nothing of a day without room, but is not asked for a zero limit.
            for (Draft& d : list) d.minutes = d.full = 0;
            continue;
        }
        fit_days(list, room, min_session_minutes, session_max_minutes);
        out.insert(out.end(), list.begin(), list.end());
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const Draft& d) { return d.full <= 0; }), out.end());
    sort_by_day(out);
    drafts = std::move(out);
}

bool fixed_sessions_held(const std::vector<Draft>& before, const std::vector<Draft>& sized,
                         const reading::ProgressionLimits& limits, const reading::ProgressionWeek& week) {
    bool any = false;
    for (const Draft& b : before) {
        if (!fixed_training(b)) continue;
        any = true;
        const auto it = std::find_if(sized.begin(), sized.end(), [&](const Draft& s) {
            return s.order == b.order && s.date == b.date;
        });
        if (it == sized.end() || it->minutes < b.full) return false;
    }
    if (!any) return true;
    if (limits.total && week.total > *limits.total) return false;
    if (limits.volume && week.volume > *limits.volume) return false;
    return week.bout <= limits.bout;
}

void apply_min_minutes(const GeneratorInputs& in, std::vector<Draft>& drafts, const BuildUp& ledger) {
    // The total-minutes cap as size_week and the validator read it (none in a baseline week).
    const std::optional<std::int64_t> cap =
        reading::progression_limits(in.rules, in.patient.baseline_minutes, ledger.history).total;
    std::int64_t total = 0;
    for (const Draft& d : drafts)
        if (is_training(d.type)) total += d.minutes;
    for (Draft& d : drafts) {
        const int floor = std::min(d.slot->min_minutes, d.full);
        if (!is_training(d.type) || d.minutes >= floor) continue;
        const int extra = floor - d.minutes;
        // Aerobic minutes and bouts have their own caps (size_week): only non-aerobic slots rise.
        if (d.aerobic_kind()) continue;
        if (cap && total + extra > *cap) continue;
        d.minutes = floor;
        total += extra;
    }
}

std::optional<int> quota_minutes(const GeneratorInputs& in, int week) {
    if (!in.programme.quota) return std::nullopt;
    const QuotaSettings& q = *in.programme.quota;
    // Rounded to the nearest minute, at least one: 70 % of a 10-minute baseline is 7.
    const int start = std::max(1, (in.patient.baseline_minutes * q.start_percent + 50) / 100);
    return start + week * q.step_minutes;
}

void apply_quota(const GeneratorInputs& in, std::vector<Draft>& drafts, int week) {
    const auto quota = quota_minutes(in, week);
    if (!quota) return;
    for (Draft& d : drafts)
        if (d.slot->quota && d.minutes > *quota) d.minutes = *quota;
}

std::vector<int> daily_step_targets(const GeneratorInputs& in, int weeks) {
    const auto& goal = in.programme.daily_steps;
    if (!goal || weeks <= 0) return {};
    // A step count means nothing to someone who uses a wheelchair: no target at all.
    if (in.patient.mobility == Mobility::wheelchair) return {};
    const StepSettings& st = in.programmes.steps;
    const Patient& p = in.patient;
    std::vector<int> out;
    if (p.daily_steps) {
        // From the measurement toward the goal's low end; a patient already above it keeps
        // their own level (the target never asks for fewer steps than they take).
        const int from = *p.daily_steps;
        for (int k = 0; k < weeks; ++k)
            out.push_back(from >= goal->low ? from : std::min(goal->low, from + k * st.weekly_rise_steps));
        return out;
    }
    int start = st.unmeasured_start.back().start_steps;
    for (const StepsBand& b : st.unmeasured_start)
        if (p.age <= b.max_age) {
            start = b.start_steps;
            break;
        }
    const bool low = p.baseline_minutes < st.low_baseline_minutes ||
                     (p.max_minutes_per_day && *p.max_minutes_per_day <= st.short_day_minutes);
    if (low) start = std::max(st.min_start_steps, start - st.low_start_reduction_steps);
    const int top = std::min(goal->low, st.unmeasured_max_steps);
    start = std::min(start, top);
    for (int k = 0; k < weeks; ++k) out.push_back(std::min(top, start + k * st.unmeasured_weekly_rise_steps));
    return out;
}

std::optional<Range> daily_steps_range(const GeneratorInputs& in, const std::vector<int>& targets) {
    const auto& goal = in.programme.daily_steps;
    if (!goal || targets.empty()) return std::nullopt;
    const int last = targets.back();
    if (last >= goal->high) return Range{last, last};
    if (last >= goal->low) return Range{last, goal->high};
    return Range{last, last};
}

}  // namespace rehabplan::generation
