#include "planning/day_selection.hpp"

#include <algorithm>
#include <tuple>

namespace rehabplan::generation {

Weekdays days_of(unsigned mask) {
    Weekdays out;
    for (int d = 0; d < 7; ++d)
        if (mask & (1u << d)) out.push_back(d);
    return out;
}

unsigned mask_of(const Weekdays& days) {
    unsigned m = 0;
    for (int d : days) m |= 1u << d;
    return m;
}

bool has(const Weekdays& days, int day) { return std::find(days.begin(), days.end(), day) != days.end(); }

int forward_gap(int a, int b) {
    const int g = ((b - a) % 7 + 7) % 7;
    return g == 0 ? 7 : g;
}

int min_cyclic_gap(const Weekdays& days) {
    int best = 7;
    for (std::size_t i = 0; i < days.size(); ++i) best = std::min(best, forward_gap(days[i], days[(i + 1) % days.size()]));
    return days.empty() ? 0 : best;
}

int max_cyclic_gap(const Weekdays& days) {
    int worst = 0;
    for (std::size_t i = 0; i < days.size(); ++i) worst = std::max(worst, forward_gap(days[i], days[(i + 1) % days.size()]));
    return worst;
}

Weekdays pick_days(unsigned pool, int count, const std::function<bool(const Weekdays&)>& ok,
                   const std::function<int(const Weekdays&)>& preferred) {
    Weekdays best;
    std::tuple<bool, int, int, int> best_score{false, -1, -1, 0};
    bool found = false;
    for (unsigned mask = 0; mask < 128; ++mask) {
        if ((mask & ~pool) != 0) continue;
        const Weekdays d = days_of(mask);
        if (static_cast<int>(d.size()) != count) continue;
        std::tuple<bool, int, int, int> score{ok(d), preferred(d), min_cyclic_gap(d), -max_cyclic_gap(d)};
        // Ties go to the lexicographically smallest weekday list (the mask order is not that).
        if (!found || score > best_score || (score == best_score && d < best)) {
            best = d;
            best_score = score;
            found = true;
        }
    }
    return best;
}

namespace {
int no_preference(const Weekdays&) { return 0; }
bool any_days(const Weekdays&) { return true; }
}  // namespace

Weekdays training_days(unsigned pool, int count, int strength, int strength_gap_days) {
    const auto spaced = [strength_gap_days](const Weekdays& d) { return d.size() < 2 || min_cyclic_gap(d) >= strength_gap_days; };
    return pick_days(pool, count, [&](const Weekdays& d) {
        return strength == 0 || spaced(pick_days(mask_of(d), strength, spaced, no_preference));
    }, no_preference);
}

Weekdays strength_days(unsigned chosen, int count, int gap_days) {
    const auto spaced = [gap_days](const Weekdays& d) { return d.size() < 2 || min_cyclic_gap(d) >= gap_days; };
    for (int k = count; k > 0; --k) {
        Weekdays s = pick_days(chosen, k, spaced, no_preference);
        if (!s.empty() && spaced(s)) return s;  // empty: fewer than k days to choose from
    }
    return {};
}

Weekdays days_apart_from(unsigned chosen, int count, const Weekdays& avoid) {
    const auto not_avoided = [&](const Weekdays& d) {
        return static_cast<int>(std::count_if(d.begin(), d.end(), [&](int x) { return !has(avoid, x); }));
    };
    return pick_days(chosen, count, any_days, not_avoided);
}

Weekdays hiit_days(unsigned chosen, int count, const Weekdays& avoid, int gap_days) {
    const auto spaced = [gap_days](const Weekdays& d) { return d.size() < 2 || min_cyclic_gap(d) >= gap_days; };
    const auto not_avoided = [&](const Weekdays& d) {
        return static_cast<int>(std::count_if(d.begin(), d.end(), [&](int x) { return !has(avoid, x); }));
    };
    return pick_days(chosen, count, spaced, not_avoided);
}

namespace {

int in_mask(const Weekdays& d, unsigned mask) {
    return static_cast<int>(std::count_if(d.begin(), d.end(), [mask](int x) { return (mask & (1u << x)) != 0; }));
}

// The pattern when the week has priming windows: each kind of day that carries skill
// sessions takes as many window days as its own rule (spacing, count) allows.
WeekPattern choose_days_in_windows(unsigned pool, const DayCounts& counts) {
    WeekPattern w;
    const int count = counts.training;
    const int ks = std::min(counts.strength, count);
    const unsigned win = counts.window;
    const bool any_skill = counts.skill_training || counts.skill_strength || counts.skill_balance ||
                           counts.skill_alternate || counts.skill_first_two;
    const auto spaced = [&](int gap) {
        return [gap](const Weekdays& d) { return d.size() < 2 || min_cyclic_gap(d) >= gap; };
    };
    const auto window_days = [win](const Weekdays& d) { return in_mask(d, win); };
    const auto strength_ok = spaced(counts.strength_gap_days);
    w.days = pick_days(pool, count, [&](const Weekdays& d) {
        return ks == 0 || strength_ok(pick_days(mask_of(d), ks, strength_ok, no_preference));
    }, any_skill ? std::function<int(const Weekdays&)>(window_days) : no_preference);
    const unsigned chosen = mask_of(w.days);
    w.strength = counts.skill_strength ? Weekdays{} : strength_days(chosen, ks, counts.strength_gap_days);
    if (counts.skill_strength)
        for (int k = ks; k > 0 && w.strength.empty(); --k) {
            Weekdays s = pick_days(chosen, k, strength_ok, window_days);
            if (!s.empty() && strength_ok(s)) w.strength = s;
        }
    // Each later kind prefers the window days no skill session holds yet, so that as many
    // window days as possible get one (a dual-task walk on Wednesday, balance on Thursday).
    unsigned covered = counts.skill_training ? (chosen & win) : 0u;
    if (counts.skill_strength) covered |= mask_of(w.strength) & win;
    const auto uncovered = [&](const Weekdays& d) { return in_mask(d, win & ~covered); };
    const int n = static_cast<int>(w.days.size());
    for (int i = 0; i < n; ++i) {
        if (!counts.skill_alternate && i % 2 == 0) w.alternate.push_back(w.days[static_cast<std::size_t>(i)]);
        if (!counts.skill_first_two && i < 2) w.first_two.push_back(w.days[static_cast<std::size_t>(i)]);
    }
    if (counts.skill_alternate) {
        w.alternate = pick_days(chosen, (n + 1) / 2, any_days, [&](const Weekdays& d) { return 8 * uncovered(d) + window_days(d); });
        covered |= mask_of(w.alternate) & win;
    }
    if (counts.skill_first_two) {
        w.first_two = pick_days(chosen, std::min(2, n), any_days, [&](const Weekdays& d) { return 8 * uncovered(d) + window_days(d); });
        covered |= mask_of(w.first_two) & win;
    }
    const int kb = std::min(counts.balance, count);
    if (counts.skill_balance)
        w.balance = pick_days(chosen, kb, any_days, [&](const Weekdays& d) {
            return 64 * uncovered(d) + 8 * window_days(d) +
                   static_cast<int>(std::count_if(d.begin(), d.end(), [&](int x) { return !has(w.strength, x); }));
        });
    else
        w.balance = days_apart_from(chosen, kb, w.strength);
    w.hiit = hiit_days(chosen, std::min(counts.hiit, count), w.strength, counts.hiit_gap_days);
    return w;
}

}  // namespace

WeekPattern choose_days(unsigned pool, const DayCounts& counts) {
    if (counts.window != 0) return choose_days_in_windows(pool, counts);
    WeekPattern w;
    const int count = counts.training;
    const int ks = std::min(counts.strength, count);
    w.days = training_days(pool, count, ks, counts.strength_gap_days);
    const unsigned chosen = mask_of(w.days);
    w.strength = strength_days(chosen, ks, counts.strength_gap_days);
    w.balance = days_apart_from(chosen, std::min(counts.balance, count), w.strength);
    w.hiit = hiit_days(chosen, std::min(counts.hiit, count), w.strength, counts.hiit_gap_days);
    for (std::size_t i = 0; i < w.days.size(); ++i) {
        if (i % 2 == 0) w.alternate.push_back(w.days[i]);
        if (i < 2) w.first_two.push_back(w.days[i]);
    }
    return w;
}

}  // namespace rehabplan::generation
