#include "planning/build_up.hpp"

#include <algorithm>

#include "core/document_limits.hpp"
#include "rules/readings.hpp"

namespace rehabplan::generation {

namespace {
void erase_empty(std::vector<Draft>& drafts) {
    drafts.erase(std::remove_if(drafts.begin(), drafts.end(), [](const Draft& d) { return d.minutes <= 0; }),
                 drafts.end());
}
}  // namespace

int Draft::clock_minutes() const {
    if (bout <= 0 || minutes <= bout) return minutes;
    const int bouts = (minutes + bout - 1) / bout;
    return minutes + rest * (bouts - 1);
}

void fit_days(std::vector<Draft>& drafts, std::optional<int> max_minutes_per_day, int min_session_minutes,
              int session_max_minutes) {
    for (Draft& d : drafts) {
        d.minutes = d.full;
        // session.duration: one aerobic session at most recommended_max_minutes, whatever the day allows.
        if (session_max_minutes > 0 && d.bout_kind()) d.minutes = d.full = std::min(d.full, session_max_minutes);
    }
    if (!max_minutes_per_day) return;
    const int limit = *max_minutes_per_day;
    std::map<int, std::vector<Draft*>> by_day;
    for (Draft& d : drafts) by_day[d.date.day_number()].push_back(&d);
    for (auto& [day, list] : by_day) {
        int total = 0;
        for (Draft* d : list) total += d->minutes;
        for (int pass = 0; pass < 2 && total > limit; ++pass)
            for (Draft* d : list) {
                const bool training = is_training(d->type);
                if ((pass == 0) == training || d->type == SessionType::hiit) continue;
                const int cut = std::min(total - limit, d->minutes - min_session_minutes);
                if (cut > 0) {
                    d->minutes -= cut;
                    total -= cut;
                }
            }
        for (auto it = list.rbegin(); it != list.rend() && total > limit; ++it) {
            total -= (*it)->minutes;
            (*it)->minutes = 0;
        }
    }
    for (Draft& d : drafts) d.full = d.minutes;  // what fits is this patient's full dose
    erase_empty(drafts);
}

void trim_to(std::vector<int*>& values, int budget) {
    int total = 0;
    for (int* v : values) total += *v;
    if (total <= budget) return;
    int lo = 0, hi = 0;
    for (int* v : values) hi = std::max(hi, *v);
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        int s = 0;
        for (int* v : values) s += std::min(*v, mid);
        if (s <= budget) lo = mid;
        else hi = mid - 1;
    }
    for (int* v : values) *v = std::min(*v, lo);
}

void drop_short(std::vector<Draft>& drafts, int min_session_minutes) {
    for (Draft& d : drafts)
        if (is_training(d.type) && d.minutes < min_session_minutes) d.minutes = 0;
    erase_empty(drafts);
}

namespace {
// drop_short for the week: an intermittent aerobic session keeps one bout of the week's
// cap even when that is below min_session_minutes (every bout counts, WHO 2020).
void drop_short(std::vector<Draft>& drafts, const BuildUpLimits& limits) {
    for (Draft& d : drafts) {
        if (!is_training(d.type)) continue;
        const int floor = limits.intermittent && d.bout_kind()
                              ? std::max(1, std::min(limits.min_session_minutes, limits.bout_cap))
                              : limits.min_session_minutes;
        if (d.minutes < floor) d.minutes = 0;
    }
    erase_empty(drafts);
}
}  // namespace

bool size_first_week_once(std::vector<Draft>& drafts, const BuildUpLimits& limits, bool first) {
    const int baseline = limits.baseline_minutes;
    bool hiit_left_out = false;
    std::set<int> days;
    for (const Draft& d : drafts)
        if (is_training(d.type)) days.insert(d.date.day_number());
    int full_aerobic = 0, capped_aerobic = 0, hiit = 0;
    std::vector<int*> aerobic;
    for (Draft& d : drafts) {
        if (d.type == SessionType::hiit) hiit += d.minutes;
        if (d.type != SessionType::aerobic && d.type != SessionType::dual_task) continue;
        full_aerobic += d.full;
        // Continuous sessions: no bout above the baseline; intermittent ones are split into
        // bouts of at most it (apply_aerobic_caps).
        if (!limits.intermittent && d.bout_kind())
            d.minutes = std::min(d.minutes, reading::progression_first_week_max_bout(baseline));
        aerobic.push_back(&d.minutes);
    }
    const std::int64_t cap = reading::progression_baseline_cap(baseline, static_cast<std::int64_t>(days.size()));
    // HIIT counts toward the week's aerobic minutes; leave it out before it crowds out the rest.
    for (Draft& d : drafts)
        if (d.type == SessionType::hiit && hiit > cap) {
            hiit -= d.minutes;
            d.minutes = 0;
            hiit_left_out = true;
        }
    trim_to(aerobic, static_cast<int>(std::max<std::int64_t>(0, cap - hiit)));
    for (int* v : aerobic) capped_aerobic += *v;
    // Strength and balance start at the same fraction of their dose, with a small floor.
    if (!first) return hiit_left_out;
    for (Draft& d : drafts) {
        if (!is_training(d.type) || d.aerobic_kind()) continue;
        const int scaled = full_aerobic > 0 ? d.full * capped_aerobic / full_aerobic : d.full;
        d.minutes = std::max(std::min(d.full, limits.first_week_min_minutes), scaled);
    }
    return hiit_left_out;
}

// Leaving out a short session can remove a training day and so lower the cap: repeat
// until stable.
bool size_first_week(std::vector<Draft>& drafts, const BuildUpLimits& limits) {
    bool first = true, hiit_left_out = false;
    for (;;) {
        const std::size_t count = drafts.size();
        hiit_left_out = size_first_week_once(drafts, limits, first) || hiit_left_out;
        first = false;
        drop_short(drafts, limits);
        if (drafts.size() == count) break;
    }
    return hiit_left_out;
}

// HIIT first, then the scalable sessions: each keeps its `last` minutes when the budget
// allows, the rest shared in proportion with largest-remainder rounding. One budget
// threads through all steps, hence one function over 60 lines.
bool size_after(std::vector<Draft>& drafts, std::int64_t cap, const LastMinutes& last) {
    bool hiit_left_out = false;
    std::int64_t fixed = 0, scalable = 0;
    for (const Draft& d : drafts) {
        if (!is_training(d.type)) continue;
        (d.scales() ? scalable : fixed) += d.minutes;
    }
    for (auto it = drafts.rbegin(); it != drafts.rend() && fixed > cap; ++it)
        if (it->type == SessionType::hiit && it->minutes > 0) {
            fixed -= it->minutes;
            it->minutes = 0;
            hiit_left_out = true;
        }
    if (fixed + scalable > cap && scalable > 0) {
        const std::int64_t budget = std::max<std::int64_t>(0, cap - fixed);
        // Each session keeps at least last week's minutes for the same weekday and
        // slot (no session shrinks while the week grows) when the budget allows;
        // the rest is shared in proportion to what is still missing, leftovers to
        // the largest remainders (ties: earliest).
        std::vector<int> base(drafts.size(), 0);
        std::int64_t base_sum = 0, gap_sum = 0;
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            const Draft& d = drafts[i];
            if (!is_training(d.type) || !d.scales()) continue;
            auto it = last.find({static_cast<int>(d.date.weekday()), d.slot->id});
            base[i] = it == last.end() ? 0 : std::min(d.full, it->second);
            base_sum += base[i];
        }
        if (base_sum > budget) {
            std::fill(base.begin(), base.end(), 0);
            base_sum = 0;
        }
        for (std::size_t i = 0; i < drafts.size(); ++i)
            if (is_training(drafts[i].type) && drafts[i].scales()) gap_sum += drafts[i].full - base[i];
        const std::int64_t spare = budget - base_sum;
        std::vector<std::pair<std::int64_t, std::size_t>> rem;
        std::int64_t used = base_sum;
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            Draft& d = drafts[i];
            if (!is_training(d.type) || !d.scales()) continue;
            const std::int64_t share = gap_sum > 0 ? std::int64_t{d.full - base[i]} * spare : 0;
            const std::int64_t extra = gap_sum > 0 ? share / gap_sum : 0;
            d.minutes = base[i] + static_cast<int>(extra);
            used += extra;
            rem.emplace_back(gap_sum > 0 ? -(share % gap_sum) : 0, i);
        }
        std::sort(rem.begin(), rem.end());
        for (std::size_t j = 0; j < rem.size() && used < budget; ++j) {
            Draft& d = drafts[rem[j].second];
            if (d.minutes < d.full) {
                ++d.minutes;
                ++used;
            }
        }
    }
    return hiit_left_out;
}

bool apply_aerobic_caps(std::vector<Draft>& drafts, const BuildUpLimits& limits, std::optional<std::int64_t> volume_cap) {
    bool hiit_left_out = false;
    if (!limits.intermittent)
        for (Draft& d : drafts)
            if (d.bout_kind()) d.minutes = std::min(d.minutes, std::max(0, limits.bout_cap));
    if (volume_cap) {
        // Moderate-equivalent aerobic minutes as week.volume counts them: zone work x the
        // class's factor, a HIIT session its work intervals.
        std::int64_t hiit = 0;
        std::vector<int*> counted;
        for (Draft& d : drafts) {
            if (d.minutes <= 0) continue;
            if (d.type == SessionType::hiit) hiit += limits.hiit_volume;
            else if (d.bout_kind() && d.slot && d.slot->intensity != SlotIntensity::none) counted.push_back(&d.minutes);
        }
        for (auto it = drafts.rbegin(); it != drafts.rend() && hiit > *volume_cap; ++it)
            if (it->type == SessionType::hiit && it->minutes > 0) {
                hiit -= limits.hiit_volume;
                it->minutes = 0;
                hiit_left_out = true;
            }
        if (limits.volume_factor > 0) {
            const int budget = static_cast<int>(std::max<std::int64_t>(0, *volume_cap - hiit) / limits.volume_factor);
            std::vector<int> before;
            for (const int* v : counted) before.push_back(*v);
            trim_to(counted, budget);
            // A budget shared so thinly that sessions fall below the shortest session goes
            // to fewer sessions instead (drop_short would leave none).
            const int floor = limits.intermittent ? std::max(1, std::min(limits.min_session_minutes, limits.bout_cap))
                                                  : limits.min_session_minutes;
            const bool thin = std::any_of(counted.begin(), counted.end(), [&](const int* v) { return *v > 0 && *v < floor; });
            if (thin && floor > 0) {
                std::size_t keep = static_cast<std::size_t>(budget / floor);
                std::vector<int*> kept;
                for (std::size_t i = 0; i < counted.size(); ++i) {
                    const bool stays = *counted[i] > 0 && keep > 0;
                    *counted[i] = stays ? before[i] : 0;
                    if (stays) {
                        --keep;
                        kept.push_back(counted[i]);
                    }
                }
                trim_to(kept, budget);
            }
        }
    }
    if (limits.intermittent) {
        // Bouts of at most the week's cap with rests between; the clock time (rests
        // included) within the session cap and the patient's day.
        for (Draft& d : drafts) {
            if (!d.bout_kind()) continue;
            d.bout = std::max(1, limits.bout_cap);
            d.rest = limits.intermittent_rest;
            while (d.minutes > 0 && limits.session_max_minutes > 0 && d.clock_minutes() > limits.session_max_minutes)
                --d.minutes;
            // A bout and a rest per two blocks: at most max_session_blocks blocks in a session.
            d.minutes = std::min(d.minutes, (max_session_blocks + 1) / 2 * d.bout);
        }
        if (limits.max_minutes_per_day) {
            std::map<int, std::vector<Draft*>> by_day;
            for (Draft& d : drafts) by_day[d.date.day_number()].push_back(&d);
            for (auto& [day, list] : by_day)
                for (;;) {
                    int total = 0;
                    Draft* longest = nullptr;
                    for (Draft* d : list) {
                        total += d->clock_minutes();
                        if (d->bout_kind() && d->minutes > 0 && (!longest || d->minutes > longest->minutes)) longest = d;
                    }
                    if (total <= *limits.max_minutes_per_day || !longest) break;
                    --longest->minutes;
                }
        }
    }
    return hiit_left_out;
}

bool size_week(std::vector<Draft>& drafts, int week, BuildUp& ledger, BuildUpLimits limits,
               const EffectiveRules& rules) {
    // progression.graded's three caps after the weeks so far, as the validator reads them.
    std::set<int> days;
    for (const Draft& d : drafts)
        if (is_training(d.type)) days.insert(d.date.day_number());
    const reading::ProgressionLimits lim = reading::progression_limits(rules, limits.baseline_minutes, ledger.history,
                                                                       static_cast<std::int64_t>(days.size()));
    limits.bout_cap = static_cast<int>(lim.bout);
    limits.intermittent = reading::progression_intermittent(rules, limits.baseline_minutes);
    limits.intermittent_rest = reading::progression_intermittent_rest(rules);
    bool hiit_left_out = lim.baseline_week ? size_first_week(drafts, limits)
                                           : size_after(drafts, *lim.total, ledger.last_minutes);
    std::optional<std::int64_t> volume_cap = lim.volume;
    if (volume_cap) *volume_cap = std::max<std::int64_t>(0, *volume_cap - limits.volume_margin);
    hiit_left_out = apply_aerobic_caps(drafts, limits, volume_cap) || hiit_left_out;
    const std::size_t before = drafts.size();
    drop_short(drafts, limits);
    if (drafts.size() != before) ledger.dropped_in_week.insert(week);
    return hiit_left_out;
}

}  // namespace rehabplan::generation
