// generate(): one engine for every programme in data/programmes.json.
//
// For each of the plan's own 7-day weeks it takes the programme's phase, lays the
// phase's slots on the patient's available weekdays (the "shape", fixed per phase so
// ISO weeks look alike), sizes the full-dose minutes, then shrinks the week to what
// progression.graded allows after the previous week. Every limit comes from
// EffectiveRules; the generator mirrors the validator's reading of each rule, and
// validates its own output before returning it.
#include "planning/generator.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/json_reader.hpp"
#include "core/messages.hpp"
#include "rules/rules_internal.hpp"
#include "rules/finding_builder.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"
#include "planning/exposure.hpp"
#include "planning/plan_text.hpp"
#include "planning/programme.hpp"
#include "rules/validator.hpp"

namespace rehabplan {

using detail::arg;
using detail::Arg;

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

// Days from weekday a forward to weekday b, 1..7 (the same weekday is a week later).
int forward_gap(int a, int b) {
    const int g = ((b - a) % 7 + 7) % 7;
    return g == 0 ? 7 : g;
}

// Smallest forward gap between consecutive days of a weekly pattern (7 for one day).
int min_cyclic_gap(const std::vector<int>& days) {
    int best = 7;
    for (std::size_t i = 0; i < days.size(); ++i) best = std::min(best, forward_gap(days[i], days[(i + 1) % days.size()]));
    return days.empty() ? 0 : best;
}
int max_cyclic_gap(const std::vector<int>& days) {
    int worst = 0;
    for (std::size_t i = 0; i < days.size(); ++i) worst = std::max(worst, forward_gap(days[i], days[(i + 1) % days.size()]));
    return worst;
}

std::vector<int> days_of(unsigned mask) {
    std::vector<int> out;
    for (int d = 0; d < 7; ++d)
        if (mask & (1u << d)) out.push_back(d);
    return out;
}
int popcount(unsigned mask) { return static_cast<int>(days_of(mask).size()); }

// Picks `k` days of `pool` (a weekday mask): first those meeting `ok`, then the most
// `preferred` days, then the widest spacing; ties go to the earliest weekdays.
template <class Ok, class Pref>
std::vector<int> pick_days(unsigned pool, int k, Ok ok, Pref preferred) {
    std::vector<int> best;
    std::tuple<bool, int, int, int> best_score{false, -1, -1, 0};
    bool found = false;
    for (unsigned mask = 0; mask < 128; ++mask) {
        if ((mask & ~pool) != 0 || popcount(mask) != k) continue;
        const auto d = days_of(mask);
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

bool has(const std::vector<int>& v, int d) { return std::find(v.begin(), v.end(), d) != v.end(); }

// One session before it is dated and sized.
struct Draft {
    const SlotTemplate* slot = nullptr;
    SessionType type = SessionType::aerobic;
    Date date;
    int full = 0;       // full-dose minutes
    int minutes = 0;    // after the build-up
    bool hiit_instead = false;
    // A HIIT session has the protocol's fixed shape: it is left out, never shortened.
    bool scales() const { return is_training(type) && type != SessionType::hiit && (slot->scales || slot->fill); }
    bool aerobic_kind() const {
        return type == SessionType::aerobic || type == SessionType::dual_task || type == SessionType::hiit;
    }
};

// A phase laid on the week: which weekdays carry which slots, and the fill minutes.
struct Shape {
    std::vector<int> days, strength, balance, hiit, alternate, first_two;
    std::map<int, int> fill;         // weekday -> aerobic fill minutes at full dose
    int wanted_strength = 0, wanted_balance = 0;
    int volume = 0;                  // moderate-equivalent minutes at full dose
};

class Generator {
public:
    Generator(const Patient& p, const PlanRequest& req, const RuleSet& set, const Programme& prog)
        : p_(p), req_(req), rules_(set, p), prog_(prog), ps_(builtin_programmes()), g_(ps_.engine),
          zones_(heart_rate_zones(p, rules_, std::nullopt)), zone_class_(std::min(zone_class(), IntensityClass::moderate)),
          fear_order_(detail::fear_order(p)) {}

    Result<GeneratedPlan> run() {
        GeneratedPlan out;
        if (refuse()) {
            out.findings = std::move(findings_);
            sort_findings(out.findings);
            return out;
        }
        plan_.start_date = req_.start_date;
        plan_.weeks = req_.weeks > 0 ? req_.weeks : prog_.default_weeks;
        plan_.programme = prog_.id;
        plan_.language = req_.language;
        plan_.patient_facing = true;
        plan_.stop_signals = rules_[params::safety_stop_signals_signals];
        plan_.daily_steps = prog_.daily_steps;
        if (plan_.end_date().year() > 2199)
            return Error{ErrorCode::invalid_argument, "/weeks", "the plan would end after 2199-12-31"};

        start_notes();
        for (int k = 0; k < plan_.weeks; ++k) plan_week(k);
        dose_findings();
        hiit_findings();
        outcome_measures();
        notes();

        // The non-negotiable, checked at run time too: never hand out a plan with an error.
        for (const Finding& f : validate(p_, plan_, rules_.rule_set()))
            if (f.severity == Severity::error)
                return Error{ErrorCode::internal, f.path,
                             "generated plan breaks " + f.rule + " (" + f.message.en + "); please report this"};
        sort_findings(findings_);
        describe_for_print();
        out.plan = std::move(plan_);
        out.findings = std::move(findings_);
        return out;
    }

private:
    // ------------------------------------------------------------ findings
    void add(const std::string& rule, Severity sev, std::string path, const std::string& key, std::vector<Arg> args,
             const std::string& param = "", std::optional<Date> week = std::nullopt) {
        Finding f = make_finding(rules_, rule, sev, std::move(path), week, std::nullopt, "", "", key, args, param);
        for (const auto& f2 : findings_)
            if (f2.rule == f.rule && f2.message == f.message) return;  // one per distinct cause
        findings_.push_back(std::move(f));
        finding_messages_.push_back(detail::plan_message(key, std::move(args)));
    }
    const std::string& lang() const { return req_.language; }
    const std::string& t(const Text& text) const { return text.in(lang()); }
    Text condition_note(ParamRef p) const {
        return detail::condition_note(rules_, p);
    }

    // What a printout shows besides the sessions: who the plan is for, the zone with
    // its formulas (on the first day: a concussion zone changes with the date), and
    // the generator's own findings for the therapist.
    void describe_for_print() {
        plan_.patient = plan_patient(p_);
        const HeartRateZone z = heart_rate_zones(p_, rules_, plan_.start_date).aerobic;
        PlanZone pz;
        pz.basis = to_string(z.basis);
        pz.low_bpm = z.low_bpm;
        pz.high_bpm = z.high_bpm;
        pz.rpe = z.rpe;
        pz.hrmax_bpm = static_cast<int>((z.hrmax.centi_bpm + 50) / 100);
        pz.hrmax_source = z.hrmax.source;
        pz.low_formula = z.floor.basis;
        pz.high_formula = z.ceiling.basis;
        plan_.zone = pz;
        plan_.findings = findings_;
    }

    // ------------------------------------------------------------ refusal
    bool refuse() {
        const std::string rule = "safety.contraindication";
        const auto& named = p_.contraindications.named;
        for (std::size_t i = 0; i < named.size(); ++i) {
            const auto kind = reading::contraindication_kind(rules_, named[i]);
            if (kind != reading::ContraindicationKind::intensive)
                add(rule, Severity::error, "/contraindications/named/" + n(static_cast<std::int64_t>(i)),
                    kind == reading::ContraindicationKind::absolute ? "gen.refused.absolute" : "gen.refused.unknown",
                    {arg("name", named[i])}, "absolute");
        }
        if (const auto& bp = p_.contraindications.resting_bp) {
            const std::int64_t sys = rules_[params::safety_contraindication_max_systolic], dia = rules_[params::safety_contraindication_max_diastolic];
            if (reading::blood_pressure_above_limit(rules_, *bp))
                add(rule, Severity::error, "/contraindications/resting_bp", "gen.refused.blood_pressure",
                    {arg("bp", n(bp->systolic) + "/" + n(bp->diastolic)), arg("max", n(sys) + "/" + n(dia))},
                    "max_systolic");
        }
        return !findings_.empty();
    }

    // ------------------------------------------------------------ start date
    void start_notes() {
        not_before_ = req_.start_date;
        if (const Condition* c = p_.find(ConditionType::concussion); c && c->event_date) {
            const Date first = std::max(reading::concussion_first_training_day(rules_, *c->event_date),
                                        c->event_date->plus_days(prog_.rest_days_after_event));
            if (first > not_before_) {
                not_before_ = first;
                concussion_note_ = true;
            }
            concussion_first_ = std::max(first, req_.start_date);
        }
        if (const auto& mi = p_.contraindications.myocardial_infarction_date) {
            const int days = static_cast<int>(rules_[params::safety_contraindication_mi_min_days]);
            const Date first = reading::mi_first_training_day(rules_, *mi);
            if (first > not_before_) {
                not_before_ = first;
                add("safety.contraindication", Severity::info, "/contraindications/myocardial_infarction_date",
                    "gen.mi_start", {arg("days", n(days)), arg("mi", mi->to_string()), arg("first", first.to_string())},
                    "mi_min_days");
            }
        }
        if (!intensive_names().empty())
            add("safety.contraindication", Severity::info, "/contraindications/named", "gen.intensive",
                {arg("names", intensive_names()), arg("max", n(zones_.aerobic.high_bpm))}, "intensive");
    }

    std::string intensive_names() const {
        return reading::intensive_names(rules_, p_);
    }

    // ------------------------------------------------------------ shape
    bool slot_for_patient(const SlotTemplate& s) const {
        if (s.for_conditions.empty()) return true;
        return std::any_of(s.for_conditions.begin(), s.for_conditions.end(), [&](ConditionType c) { return p_.has(c); });
    }

    bool slot_on(const SlotTemplate& s, const Shape& sh, int wd) const {
        switch (s.on) {
            case SlotDays::every: return true;
            case SlotDays::alternate: return has(sh.alternate, wd);
            case SlotDays::strength_days: return has(sh.strength, wd);
            case SlotDays::balance_days: return has(sh.balance, wd);
            case SlotDays::hiit_days: return has(sh.hiit, wd);
            case SlotDays::first_day: return !sh.days.empty() && sh.days.front() == wd;
            case SlotDays::first_two_days: return has(sh.first_two, wd);
        }
        return false;
    }

    // The fill slot on a weekday: the first fill slot of the phase that applies there.
    const SlotTemplate* fill_slot(const Phase& ph, const Shape& sh, int wd) const {
        for (const auto& id : ph.slots) {
            const SlotTemplate& s = ps_.slots.at(id);
            if (s.fill && slot_for_patient(s) && slot_on(s, sh, wd)) return &s;
        }
        return nullptr;
    }

    HiitIntervals protocol() const {
        return HiitIntervals{static_cast<int>(rules_[params::hiit_protocol_work_seconds]),
                             static_cast<int>(rules_[params::hiit_protocol_recovery_seconds]),
                             static_cast<int>(rules_[params::hiit_protocol_repeats])};
    }
    int hiit_minutes() const {
        const HiitIntervals h = protocol();
        const int main = (h.repeats * (h.work_seconds + h.recovery_seconds) + 59) / 60;
        return g_.warm_up_minutes + main + g_.cool_down_minutes;
    }
    int slot_minutes(const SlotTemplate& s) const { return s.type == SessionType::hiit ? hiit_minutes() : s.minutes; }

    IntensityClass zone_class() const {
        if (p_.beta_blocker && zones_.aerobic.rpe) return classify_rpe(*zones_.aerobic.rpe, rules_);
        return classify_heart_rate(Range{zones_.aerobic.low_bpm, zones_.aerobic.high_bpm}, zones_.aerobic.hrmax, rules_);
    }

    int day_limit() const {  // training minutes a day may reach to make up the weekly volume
        const int rec = static_cast<int>(rules_[params::session_duration_recommended_max_minutes]);
        return p_.max_minutes_per_day ? *p_.max_minutes_per_day : std::max(rec, aimed_day());
    }
    int aimed_day() const {
        return reading::session_aimed_minutes(rules_, g_.session_minutes);
    }

    Shape make_shape(const Phase& ph, int count) const {
        Shape sh;
        unsigned pool = 0;
        for (Weekday d : p_.available_days) pool |= 1u << static_cast<int>(d);
        const auto uses = [&](SlotDays on) {
            return std::any_of(ph.slots.begin(), ph.slots.end(), [&](const std::string& id) { return ps_.slots.at(id).on == on; });
        };
        const bool wants_strength = uses(SlotDays::strength_days);
        const int gap = reading::strength_min_gap_days(rules_);
        sh.wanted_strength = wants_strength ? static_cast<int>(rules_[params::week_strength_min_days]) : 0;
        const int ks = std::min(sh.wanted_strength, count);
        const auto spaced = [gap](const std::vector<int>& d) { return d.size() < 2 || min_cyclic_gap(d) >= gap; };
        const auto none = [](const std::vector<int>&) { return 0; };
        // Training days: room for spaced strength days first, then even spacing.
        sh.days = pick_days(pool, count, [&](const std::vector<int>& d) {
            unsigned m = 0;
            for (int x : d) m |= 1u << x;
            return ks == 0 || spaced(pick_days(m, ks, spaced, none));
        }, none);
        unsigned chosen = 0;
        for (int x : sh.days) chosen |= 1u << x;
        for (int k = ks; k > 0 && sh.strength.empty(); --k) {
            auto s = pick_days(chosen, k, spaced, none);
            if (spaced(s)) sh.strength = s;
        }
        const bool wants_balance = uses(SlotDays::balance_days);
        sh.wanted_balance = wants_balance ? static_cast<int>(rules_[params::week_balance_min_days]) : 0;
        const auto not_strength = [&](const std::vector<int>& d) {
            return static_cast<int>(std::count_if(d.begin(), d.end(), [&](int x) { return !has(sh.strength, x); }));
        };
        const auto always = [](const std::vector<int>&) { return true; };
        sh.balance = pick_days(chosen, std::min(sh.wanted_balance, count), always, not_strength);
        for (const auto& id : ph.slots) {
            const SlotTemplate& s = ps_.slots.at(id);
            if (s.on == SlotDays::hiit_days) sh.hiit = pick_days(chosen, std::min(s.per_week, count), always, not_strength);
        }
        for (std::size_t i = 0; i < sh.days.size(); ++i) {
            if (i % 2 == 0) sh.alternate.push_back(sh.days[i]);
            if (i < 2) sh.first_two.push_back(sh.days[i]);
        }
        size_fill(ph, sh);
        return sh;
    }

    // Full-dose fill minutes: each day aims at the session length, then the week is
    // raised (or lowered) toward the weekly volume within the day limit.
    // Moderate-equivalent minutes of a planned session, counted as week.volume counts them.
    int volume_of(SessionType type, int minutes) const {
        SessionPlan s;
        s.type = type;
        s.minutes = minutes;
        if (type == SessionType::hiit) s.hiit = protocol();
        else s.intensity = Intensity{zone_class_, std::nullopt, std::nullopt, std::nullopt};
        return moderate_equivalent_minutes(s, rules_);
    }

    void size_fill(const Phase& ph, Shape& sh) const {
        const int vol_min = static_cast<int>(rules_[params::week_volume_min_minutes]);
        const int vol_max = static_cast<int>(rules_[params::week_volume_max_minutes]);
        const bool counts = zone_class_ != IntensityClass::light;
        std::map<int, int> upper;
        int fixed_volume = 0;
        for (int wd : sh.days) {
            int fixed_train = 0, fixed_other = 0;
            for (const auto& id : ph.slots) {
                const SlotTemplate& s = ps_.slots.at(id);
                if (s.fill || !slot_for_patient(s) || !slot_on(s, sh, wd)) continue;
                const int m = slot_minutes(s);
                (is_training(s.type) ? fixed_train : fixed_other) += m;
                fixed_volume += volume_of(s.type, m);
            }
            const SlotTemplate* fill = fill_slot(ph, sh, wd);
            const int room = p_.max_minutes_per_day ? *p_.max_minutes_per_day - fixed_other : day_limit();
            const int aimed = std::min(aimed_day(), room) - fixed_train;
            upper[wd] = fill ? std::max(0, std::min(day_limit(), room) - fixed_train) : 0;
            sh.fill[wd] = fill && aimed >= g_.min_fill_minutes ? aimed : 0;
        }
        // Fill sessions are aerobic zone work: each minute counts once, or not at all when light.
        const auto volume = [&] {
            int v = fixed_volume;
            for (const auto& [wd, m] : sh.fill) v += volume_of(SessionType::aerobic, m);
            return v;
        };
        if (counts) {
            // Raise the shortest fill day first, one minute at a time (at most a few hundred steps).
            while (volume() < vol_min) {
                int best = -1;
                for (int wd : sh.days) {
                    const int next = sh.fill[wd] == 0 ? g_.min_fill_minutes : sh.fill[wd] + 1;
                    if (next > upper[wd]) continue;
                    if (best < 0 || sh.fill[wd] < sh.fill[best]) best = wd;
                }
                if (best < 0) break;
                sh.fill[best] = sh.fill[best] == 0 ? g_.min_fill_minutes : sh.fill[best] + 1;
            }
            while (volume() > vol_max) {
                int best = -1;
                for (int wd : sh.days)
                    if (sh.fill[wd] > g_.min_fill_minutes && (best < 0 || sh.fill[wd] > sh.fill[best])) best = wd;
                if (best < 0) break;
                --sh.fill[best];
            }
        }
        sh.volume = volume();
    }

    bool shape_meets_dose(const Shape& sh) const {
        return sh.volume >= rules_[params::week_volume_min_minutes] && static_cast<int>(sh.days.size()) >= rules_[params::week_sessions_min_sessions] &&
               static_cast<int>(sh.strength.size()) >= sh.wanted_strength &&
               static_cast<int>(sh.balance.size()) >= sh.wanted_balance;
    }

    const Shape& shape_for(const Phase& ph) {
        auto it = shapes_.find(&ph);
        if (it != shapes_.end()) return it->second;
        const int avail = static_cast<int>(p_.available_days.size());
        const int max_days = std::max(0, std::min(avail, static_cast<int>(reading::week_max_training_days(rules_))));
        const int min_sessions = static_cast<int>(rules_[params::week_sessions_min_sessions]);
        Shape sh;
        if (ph.all_days) {
            sh = make_shape(ph, max_days);
        } else {
            const int lo = std::min(std::max(prog_.days_min, min_sessions), max_days);
            const int hi = std::max(lo, std::min(prog_.days_max, max_days));
            for (int count = lo; count <= hi; ++count) {
                sh = make_shape(ph, count);
                if (shape_meets_dose(sh)) break;
            }
        }
        shape_findings(ph, sh, max_days);
        return shapes_.emplace(&ph, std::move(sh)).first->second;
    }

    void shape_findings(const Phase& ph, const Shape& sh, int max_days) {
        const std::int64_t min_sessions = rules_[params::week_sessions_min_sessions];
        if (static_cast<std::int64_t>(sh.days.size()) < min_sessions) {
            std::string days;
            for (Weekday d : p_.available_days) days += (days.empty() ? "" : ", ") + std::string(to_string(d));
            add("week.sessions", Severity::warning, "/available_days", "gen.days_short",
                {arg("count", n(max_days)), arg("days", days), arg("rest", n(rules_[params::week_rest_min_rest_days])),
                 arg("min", n(min_sessions))},
                "min_sessions");
        }
        if (static_cast<int>(sh.strength.size()) < sh.wanted_strength)
            add("week.strength", Severity::warning, "/available_days", "gen.strength_short",
                {arg("count", n(static_cast<std::int64_t>(sh.strength.size()))),
                 arg("hours", n(rules_[params::week_strength_min_hours_between])), arg("min", n(sh.wanted_strength))},
                "min_days");
        if (static_cast<int>(sh.balance.size()) < sh.wanted_balance)
            add("week.balance", Severity::warning, "/available_days", "gen.balance_short",
                {arg("count", n(static_cast<std::int64_t>(sh.balance.size()))), arg("min", n(sh.wanted_balance)),
                 arg("why", condition_note(params::week_balance_min_days))},
                "min_days");
        const std::int64_t min_day = rules_[params::session_duration_min_minutes];
        if (p_.max_minutes_per_day && *p_.max_minutes_per_day < min_day)
            add("session.duration", Severity::warning, "/max_minutes_per_day", "gen.day_short",
                {arg("max", n(*p_.max_minutes_per_day)), arg("min", n(min_day))}, "min_minutes");
        const bool has_fill = std::any_of(ph.slots.begin(), ph.slots.end(), [&](const std::string& id) { return ps_.slots.at(id).fill; });
        if (has_fill && !ph.all_days && sh.volume < rules_[params::week_volume_min_minutes] && zone_class_ != IntensityClass::light)
            add("week.volume", Severity::warning, "/available_days", "gen.volume_short",
                {arg("minutes", n(sh.volume)), arg("min", n(rules_[params::week_volume_min_minutes]))}, "min_minutes");
    }

    // ------------------------------------------------------------ HIIT
    enum class HiitBan { none, screening, contraindication, condition, concussion, build_up, step, dose };

    // The first reason of hiit.eligibility's reading, then this programme's own: a
    // concussion return's steps never reach HIIT (ranked with the early phase), and
    // vigorous work needs moderate work in the last week with an intensity.
    HiitBan hiit_ban(Date date, int week) const {
        const Condition* concussion = p_.find(ConditionType::concussion);
        const bool steps = prog_.concussion_steps && concussion && concussion->event_date;
        for (const reading::HiitVerdict& v : reading::hiit_eligibility(rules_, p_, date, week + 1)) {
            switch (v.reason) {
                case reading::HiitReason::screening: return HiitBan::screening;
                case reading::HiitReason::contraindication: return HiitBan::contraindication;
                case reading::HiitReason::condition: return HiitBan::condition;
                case reading::HiitReason::concussion_early: return HiitBan::concussion;
                case reading::HiitReason::build_up: return steps ? HiitBan::concussion : HiitBan::build_up;
            }
        }
        if (steps) return HiitBan::concussion;
        if (static_cast<int>(IntensityClass::vigorous) > reading::progression_max_class(rules_, last_class_))
            return HiitBan::step;
        return HiitBan::none;
    }

    void ban(HiitBan b, int week) { banned_[b].insert(week + 1); }

    // ------------------------------------------------------------ one week
    void plan_week(int k) {
        const Phase& ph = prog_.phase_for_week(k + 1);
        const Shape& sh = shape_for(ph);
        const Date start = req_.start_date.plus_days(7 * k);
        std::vector<Draft> drafts;
        for (int i = 0; i < 7; ++i) {
            const Date date = start.plus_days(i);
            const int wd = static_cast<int>(date.weekday());
            if (!has(sh.days, wd)) continue;
            if (date < not_before_) {
                dropped_in_week_.insert(k);
                continue;
            }
            for (const auto& id : ph.slots) {
                const SlotTemplate& s = ps_.slots.at(id);
                if (!slot_for_patient(s) || !slot_on(s, sh, wd) || k + 1 < s.from_week) continue;
                if (s.fill && fill_slot(ph, sh, wd) != &s) continue;
                Draft d;
                d.slot = &s;
                d.type = s.type;
                d.date = date;
                d.full = s.fill ? sh.fill.at(wd) : slot_minutes(s);
                if (d.full <= 0) continue;
                if (s.type == SessionType::hiit) {
                    const HiitBan b = hiit_ban(date, k);
                    if (b != HiitBan::none) {
                        ban(b, k);
                        if (t(s.instead).empty()) continue;
                        d.type = SessionType::aerobic;
                        d.hiit_instead = true;
                    }
                }
                drafts.push_back(d);
            }
        }
        fit_days(drafts);
        int full_minutes = 0;
        for (const Draft& d : drafts)
            if (is_training(d.type)) full_minutes += d.full;
        week_full_minutes_.push_back(full_minutes);
        size_week(drafts, k);
        emit(drafts, k);
    }

    // Keeps each day within the patient's minutes per day: non-training sessions
    // shrink first, then training; what still does not fit is left out.
    void fit_days(std::vector<Draft>& drafts) const {
        for (Draft& d : drafts) d.minutes = d.full;
        if (!p_.max_minutes_per_day) return;
        const int limit = *p_.max_minutes_per_day;
        std::map<int, std::vector<Draft*>> by_day;
        for (Draft& d : drafts) by_day[d.date.day_number()].push_back(&d);
        for (auto& [day, list] : by_day) {
            int total = 0;
            for (Draft* d : list) total += d->minutes;
            for (int pass = 0; pass < 2 && total > limit; ++pass)
                for (Draft* d : list) {
                    const bool training = is_training(d->type);
                    if ((pass == 0) == training || d->type == SessionType::hiit) continue;
                    const int cut = std::min(total - limit, d->minutes - g_.min_session_minutes);
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
        drafts.erase(std::remove_if(drafts.begin(), drafts.end(), [](const Draft& d) { return d.minutes <= 0; }),
                     drafts.end());
    }

    // Largest level L with sum(min(v, L)) <= budget: trims the longest values first.
    static void trim_to(std::vector<int*>& values, int budget) {
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

    // progression.graded, as validate() reads it: week 1 (or any week with no training
    // before it) starts from the baseline; later weeks rise at most pct % on the
    // previous week (the best earlier week after a pause).
    void size_week(std::vector<Draft>& drafts, int k) {
        const std::optional<std::int64_t> reference =
            reading::progression_reference(k > 0 ? week_minutes_[static_cast<std::size_t>(k - 1)] : 0, best_week_);
        if (!reference) {
            size_first_week(drafts, k);
        } else {
            size_after(drafts, k, reading::progression_increase_cap(rules_, *reference));
        }
        const std::size_t before = drafts.size();
        drop_short(drafts);
        if (drafts.size() != before) dropped_in_week_.insert(k);
    }

    void drop_short(std::vector<Draft>& drafts) const {
        for (Draft& d : drafts)
            if (is_training(d.type) && d.minutes < g_.min_session_minutes) d.minutes = 0;
        drafts.erase(std::remove_if(drafts.begin(), drafts.end(), [](const Draft& d) { return d.minutes <= 0; }),
                     drafts.end());
    }

    // Week 1 (or a week with no training before it): no aerobic bout above the
    // baseline, and aerobic minutes within baseline x training days. Leaving out a
    // short session can remove a training day and so lower the cap: repeat until stable.
    void size_first_week(std::vector<Draft>& drafts, int k) {
        bool first = true;
        for (;;) {
            const std::size_t count = drafts.size();
            size_first_week_once(drafts, k, first);
            first = false;
            drop_short(drafts);
            if (drafts.size() == count) break;
        }
    }

    void size_first_week_once(std::vector<Draft>& drafts, int k, bool first) {
        const int baseline = p_.baseline_minutes;
        std::set<int> days;
        for (const Draft& d : drafts)
            if (is_training(d.type)) days.insert(d.date.day_number());
        int full_aerobic = 0, capped_aerobic = 0, hiit = 0;
        std::vector<int*> aerobic;
        for (Draft& d : drafts) {
            if (d.type == SessionType::hiit) hiit += d.minutes;
            if (d.type != SessionType::aerobic && d.type != SessionType::dual_task) continue;
            full_aerobic += d.full;
            d.minutes = std::min(d.minutes, reading::progression_first_week_max_bout(baseline));
            aerobic.push_back(&d.minutes);
        }
        const std::int64_t cap = reading::progression_baseline_cap(baseline, static_cast<std::int64_t>(days.size()));
        // HIIT counts toward the week's aerobic minutes; leave it out before it crowds out the rest.
        for (Draft& d : drafts)
            if (d.type == SessionType::hiit && hiit > cap) {
                hiit -= d.minutes;
                d.minutes = 0;
                ban(HiitBan::dose, k);
            }
        trim_to(aerobic, static_cast<int>(std::max<std::int64_t>(0, cap - hiit)));
        for (int* v : aerobic) capped_aerobic += *v;
        // Strength and balance start at the same fraction of their dose, with a small floor.
        if (!first) return;
        for (Draft& d : drafts) {
            if (!is_training(d.type) || d.aerobic_kind()) continue;
            const int scaled = full_aerobic > 0 ? d.full * capped_aerobic / full_aerobic : d.full;
            d.minutes = std::max(std::min(d.full, g_.first_week_min_minutes), scaled);
        }
    }

    // Later weeks: at most `cap` training minutes, shared in proportion to the full dose.
    void size_after(std::vector<Draft>& drafts, int k, std::int64_t cap) {
        std::int64_t fixed = 0, scalable = 0;
        for (const Draft& d : drafts) {
            if (!is_training(d.type)) continue;
            (d.scales() ? scalable : fixed) += d.minutes;
        }
        for (auto it = drafts.rbegin(); it != drafts.rend() && fixed > cap; ++it)
            if (it->type == SessionType::hiit && it->minutes > 0) {
                fixed -= it->minutes;
                it->minutes = 0;
                ban(HiitBan::dose, k);
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
                auto it = last_minutes_.find({static_cast<int>(d.date.weekday()), d.slot->id});
                base[i] = it == last_minutes_.end() ? 0 : std::min(d.full, it->second);
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
    }

    // ------------------------------------------------------------ sessions
    std::vector<Block> blocks_for(const Draft& d) const {
        const SlotTemplate& s = *d.slot;
        const int m = d.minutes;
        const BlockKind main_kind = d.type == SessionType::strength  ? BlockKind::strength
                                    : d.type == SessionType::balance ? BlockKind::balance
                                                                     : BlockKind::main;
        if (!is_training(d.type)) return {};
        const int edges = g_.warm_up_minutes + g_.cool_down_minutes;
        if (d.type == SessionType::hiit) {
            return {Block{BlockKind::warm_up, g_.warm_up_minutes, t(detail::term("gen.block.warm_up"))},
                    Block{BlockKind::main, m - edges, t(s.main)},
                    Block{BlockKind::cool_down, g_.cool_down_minutes, t(detail::term("gen.block.cool_down"))}};
        }
        // Short build-up sessions keep a shorter warm-up and cool-down (a fifth each).
        const bool short_session = m < edges + 10;
        const int warm = short_session ? std::max(1, m / 5) : g_.warm_up_minutes;
        const int cool = short_session ? std::max(1, m / 5) : g_.cool_down_minutes;
        if (m < 3) return {Block{main_kind, m, t(d.hiit_instead ? s.instead : s.main)}};
        std::vector<Block> out{Block{BlockKind::warm_up, warm, t(detail::term("gen.block.warm_up"))}};
        int core = m - warm - cool;
        const int cog = core * s.cognitive_share_percent / 100;
        const int bal = core * s.balance_share_percent / 100;
        core -= cog + bal;
        out.push_back(Block{main_kind, core, t(d.hiit_instead ? s.instead : s.main)});
        if (cog > 0) out.push_back(Block{BlockKind::cognitive, cog, t(detail::term("gen.block.cognitive"))});
        if (bal > 0) out.push_back(Block{BlockKind::balance, bal, t(detail::term("gen.block.balance"))});
        out.push_back(Block{BlockKind::cool_down, cool, t(detail::term("gen.block.cool_down"))});
        return out;
    }

    static int bpm_at(const HrMax& m, std::int64_t percent, bool round_up) {
        const std::int64_t e4 = m.centi_bpm * percent;  // bpm x 10 000
        return static_cast<int>(round_up ? (e4 + 9999) / 10000 : e4 / 10000);
    }

    // The target for a zone session on `date`, kept within `max_class` (one step a week).
    std::optional<Intensity> zone_intensity(Date date, int max_class, PlanMessage& note) const {
        const HeartRateZones z = p_.has(ConditionType::concussion) ? heart_rate_zones(p_, rules_, date) : zones_;
        // Zone work is moderate at most (vigorous work is HIIT's), and one step above last week.
        const int allowed = max_class < 0 ? 1 : std::min(max_class, 1);
        const IntensityBand& band = z.bands[static_cast<std::size_t>(allowed)];
        Intensity in;
        if (p_.beta_blocker && z.aerobic.rpe) {
            Range r = *z.aerobic.rpe;
            if (classify_rpe(r, rules_) > static_cast<IntensityClass>(allowed))
                r = Range{std::min(r.low, band.rpe.high), std::min(r.high, band.rpe.high)};
            in.rpe = r;
            in.klass = classify_rpe(r, rules_);
            note = detail::plan_message("gen.session.rpe", {arg("rpe_low", n(r.low)), arg("rpe_high", n(r.high)),
                                                             arg("high", n(z.aerobic.high_bpm))});
        } else {
            Range r{std::max(40, z.aerobic.low_bpm), z.aerobic.high_bpm};
            // Stricter than the rule after the early phase: a known symptom threshold
            // stays the ceiling for the whole return (the rule's threshold_max_percent).
            if (const auto thr = p_.heart_rate.symptom_threshold_bpm; thr && p_.has(ConditionType::concussion)) {
                r.high = std::min<int>(r.high, static_cast<int>(*thr * rules_[params::concussion_return_threshold_max_percent] / 100));
                r.low = std::min(r.low, r.high);
            }
            if (classify_heart_rate(r, z.aerobic.hrmax, rules_) > static_cast<IntensityClass>(allowed))
                r.high = std::min(r.high, band.high_bpm);
            if (r.high < 40) return std::nullopt;
            r.low = std::min(r.low, r.high);
            in.hr_bpm = r;
            in.klass = classify_heart_rate(r, z.aerobic.hrmax, rules_);
            note = detail::plan_message("gen.session.zone", {arg("low", n(r.low)), arg("high", n(r.high))});
        }
        if (static_cast<int>(in.klass) > allowed) return std::nullopt;
        return in;
    }

    Intensity hiit_intensity(const SlotTemplate& s, PlanMessage& note) const {
        const HrMax& m = zones_.aerobic.hrmax;
        const Range tp = s.target_percent.value_or(Range{static_cast<int>(rules_[params::intensity_heart_rate_vigorous_min_percent]),
                                                         static_cast<int>(rules_[params::hiit_protocol_max_percent_hrmax])});
        Intensity in;
        in.klass = IntensityClass::vigorous;
        in.rpe = Range{static_cast<int>(rules_[params::intensity_heart_rate_vigorous_min_rpe]),
                       static_cast<int>(rules_[params::intensity_heart_rate_vigorous_max_rpe])};
        int high = bpm_at(m, tp.high, false);
        if (zones_.hiit_ceiling) high = std::min(high, zones_.hiit_ceiling->floor_bpm());
        if (!p_.beta_blocker) in.hr_bpm = Range{std::min(bpm_at(m, tp.low, true), high), high};
        const HiitIntervals h = protocol();
        note = detail::plan_message("gen.session.hiit", {arg("repeats", n(h.repeats)), arg("work", n(h.work_seconds)),
                                                         arg("recovery", n(h.recovery_seconds)), arg("high", n(high))});
        return in;
    }

    void emit(const std::vector<Draft>& drafts, int k) {
        const int max_class = last_class_ < 0 ? -1 : reading::progression_max_class(rules_, last_class_);
        int week_minutes = 0, week_class = -1;
        std::map<std::pair<int, std::string>, int> week_last;
        bool full = dropped_in_week_.count(k) == 0;
        for (const Draft& d : drafts) {
            const SlotTemplate& s = *d.slot;
            SessionPlan sp;
            sp.date = d.date;
            sp.type = d.type;
            sp.minutes = d.minutes;
            sp.title = t(d.hiit_instead ? s.instead : s.title);
            PlanMessage title_source = detail::plan_message("slot." + s.id + (d.hiit_instead ? ".instead" : ".title"));
            PlanMessage target;  // the note's sentence on how hard (zone, effort or intervals)
            if (d.type == SessionType::hiit) {
                sp.intensity = hiit_intensity(s, target);
                sp.hiit = protocol();
            } else if (s.intensity != SlotIntensity::none) {
                sp.intensity = zone_intensity(d.date, max_class, target);
                if (!sp.intensity) {
                    full = false;
                    continue;
                }
            }
            std::string note = target.key.empty() ? "" : t(*detail::message_text(target));
            std::vector<PlanMessage> note_parts;  // the note's messages, stored beside it
            if (!target.key.empty()) note_parts.push_back(target);
            if (prog_.concussion_steps && is_training(d.type)) {
                const ConcussionSteps& cs = *prog_.concussion_steps;
                const int idx = std::min(static_cast<int>(cs.steps.size()) - 1,
                                         d.date.days_since(concussion_first_) / cs.days_per_step);
                sp.concussion_step = idx + 1;
                sp.title = t(cs.steps[static_cast<std::size_t>(idx)].title);
                note = t(cs.steps[static_cast<std::size_t>(idx)].description) + " " + note + " " + t(cs.symptom_note);
                const std::string step = "programme." + prog_.id + ".step" + std::to_string(idx + 1);
                title_source = detail::plan_message(step + ".title");
                // Without a target sentence the note has two spaces before the symptom note.
                note_parts.insert(note_parts.begin(), detail::plan_message(step + ".description"));
                if (note_parts.size() > 1) note_parts[1].separator = " ";
                note_parts.push_back(detail::plan_message("programme." + prog_.id + ".symptom_note", {}, note_parts.size() > 1 ? " " : "  "));
            }
            if (d.type == SessionType::exposure) {
                if (fear_order_.empty()) continue;
                const std::size_t i = std::min(fear_order_.size() - 1, static_cast<std::size_t>(k));
                const FearItem& f = p_.fear_hierarchy[fear_order_[i]];
                sp.title = t(detail::exposure_title(f));
                title_source = detail::exposure_title_message(f);
                note = t(s.main);
                note_parts = {detail::plan_message("slot." + s.id + ".main")};
                if (static_cast<std::size_t>(k) >= fear_order_.size()) {
                    note += " " + t(detail::message("gen.exposure.done"));
                    note_parts.push_back(detail::plan_message("gen.exposure.done", {}, " "));
                }
            }
            if (note.empty() && !is_training(d.type)) {
                note = t(s.main);
                note_parts = {detail::plan_message("slot." + s.id + ".main")};
            }
            // Within the plan document's limits (schema/plan.schema.json), whatever the
            // patient's own texts (a long feared activity) make of them.
            sp.title = detail::utf8_prefix(sp.title, 200);
            sp.note = detail::utf8_prefix(note, 2000);
            sp.title_message = detail::generated_text({title_source}, sp.title, lang());
            sp.note_message = detail::generated_text(std::move(note_parts), sp.note, lang());
            sp.blocks = blocks_for(d);
            for (Block& b : sp.blocks) {
                const auto source = block_message(s, b.description);
                b.description = detail::utf8_prefix(b.description, 500);
                if (source) b.description_message = detail::generated_text({*source}, b.description, lang());
            }
            if (is_training(d.type)) {
                week_minutes += d.minutes;
                if (d.minutes < d.full) full = false;
                const int c = d.type == SessionType::hiit ? 2 : sp.intensity ? static_cast<int>(sp.intensity->klass) : -1;
                week_class = std::max(week_class, c);
            }
            plan_.sessions.push_back(std::move(sp));
            if (is_training(d.type)) week_last[{static_cast<int>(d.date.weekday()), d.slot->id}] = d.minutes;
        }
        last_minutes_ = std::move(week_last);
        if (drafts.empty() || week_minutes == 0) full = false;
        for (const auto& [b, weeks] : banned_)
            if (b == HiitBan::dose && weeks.count(k + 1)) full = false;
        week_minutes_.push_back(week_minutes);
        best_week_ = std::max(best_week_, week_minutes);
        if (week_class >= 0) last_class_ = week_class;
        week_full_.push_back(full);
    }

    // ------------------------------------------------------------ plan-level findings
    void dose_findings() {
        const std::string rule = "progression.graded";
        int first_full = -1;
        for (int k = plan_.weeks - 1; k >= 0 && week_full_[static_cast<std::size_t>(k)]; --k) first_full = k;
        if (concussion_note_)
            add("concussion.return", Severity::info, "/conditions", "gen.concussion_start",
                {arg("event", p_.find(ConditionType::concussion)->event_date->to_string()),
                 arg("first", not_before_.to_string())},
                "min_rest_days_after_event");
        if (week_minutes_.empty() || best_week_ == 0) {
            add(rule, Severity::warning, "", "gen.no_training",
                {arg("why", Text{"check the available days, the minutes per day and the baseline.",
                                 "controleer de beschikbare dagen, de minuten per dag en het beginniveau."})});
            return;
        }
        const int full_minutes = week_full_minutes_.back();
        if (first_full >= 0) {
            plan_.full_dose_week = first_full + 1;
            add(rule, Severity::info, "", "gen.full_dose",
                {arg("minutes", n(full_minutes)), arg("days", n(static_cast<std::int64_t>(last_shape_days()))),
                 arg("week", n(first_full + 1)), arg("date", req_.start_date.plus_days(7 * first_full).to_string())},
                "max_weekly_increase_percent");
        } else {
            add(rule, Severity::warning, "", "gen.full_dose_not_reached",
                {arg("minutes", n(full_minutes)), arg("weeks", n(plan_.weeks)), arg("last", n(week_minutes_.back())),
                 arg("baseline", n(p_.baseline_minutes)), arg("pct", n(rules_[params::progression_graded_max_weekly_increase_percent])),
                 arg("why", condition_note(params::progression_graded_max_weekly_increase_percent))},
                "max_weekly_increase_percent");
        }
    }

    int last_shape_days() { return static_cast<int>(shape_for(prog_.phase_for_week(plan_.weeks)).days.size()); }

    static std::string week_list(const std::set<int>& weeks, const std::string& lang) {
        // "week 3" / "weeks 1-2, 5"
        std::string out;
        auto it = weeks.begin();
        while (it != weeks.end()) {
            int a = *it, b = a;
            auto jt = std::next(it);
            while (jt != weeks.end() && *jt == b + 1) b = *jt++;
            out += (out.empty() ? "" : ", ") + (a == b ? n(a) : n(a) + "-" + n(b));
            it = jt;
        }
        const Text word = detail::term(weeks.size() == 1 ? "gen.week" : "gen.weeks");
        return word.in(lang) + " " + out;
    }

    void hiit_findings() {
        const std::string elig = "hiit.eligibility";
        for (const auto& [b, weeks] : banned_) {
            const Text w{week_list(weeks, "en"), week_list(weeks, "nl")};
            switch (b) {
                case HiitBan::screening:
                    add(elig, Severity::warning, "/hiit_screening_done", "gen.hiit.screening", {arg("weeks", w)}, "requires_screening");
                    break;
                case HiitBan::contraindication:
                    add(elig, Severity::warning, "/contraindications/named", "gen.hiit.contraindication",
                        {arg("weeks", w), arg("names", intensive_names())});
                    break;
                case HiitBan::condition: {
                    // The forbidden conditions the patient has, as hiit.eligibility's reading names them.
                    std::vector<std::string> named;
                    for (const reading::HiitVerdict& v : reading::hiit_eligibility(rules_, p_, req_.start_date, 1))
                        if (v.reason == reading::HiitReason::condition &&
                            std::find(named.begin(), named.end(), v.detail) == named.end())
                            named.push_back(v.detail);
                    std::string c;
                    for (const auto& fc : named) c += (c.empty() ? "" : ", ") + fc;
                    add(elig, Severity::warning, "/conditions", "gen.hiit.condition", {arg("weeks", w), arg("condition", c)},
                        "forbidden_conditions");
                    break;
                }
                case HiitBan::concussion:
                    add("concussion.return", Severity::warning, "/conditions", "gen.hiit.concussion",
                        {arg("weeks", w), arg("days", n(rules_[params::concussion_return_early_phase_days]))}, "early_phase_days");
                    break;
                case HiitBan::build_up:
                    add(elig, Severity::warning, "/baseline_minutes", "gen.hiit.build_up",
                        {arg("weeks", w), arg("build_up", n(rules_[params::hiit_eligibility_build_up_weeks])),
                         arg("min", n(rules_[params::hiit_eligibility_min_baseline_minutes]))},
                        "build_up_weeks");
                    break;
                case HiitBan::step:
                    add("progression.graded", Severity::warning, "", "gen.hiit.step", {arg("weeks", w)},
                        "max_intensity_steps_per_week");
                    break;
                case HiitBan::dose:
                    add("progression.graded", Severity::warning, "", "gen.hiit.dose", {arg("weeks", w)},
                        "max_weekly_increase_percent");
                    break;
                case HiitBan::none: break;
            }
        }
    }

    // ------------------------------------------------------------ outcome measures
    void outcome_measures() {
        std::vector<std::string> measures = prog_.outcome_measures;
        for (const Condition& c : p_.conditions) {
            auto it = ps_.measures_by_condition.find(to_string(c.type));
            if (it == ps_.measures_by_condition.end()) continue;
            for (const auto& m : it->second)
                if (std::find(measures.begin(), measures.end(), m) == measures.end()) measures.push_back(m);
        }
        std::vector<Date> dates{plan_.start_date};
        for (int w = g_.outcome_interval_weeks; w < plan_.weeks; w += g_.outcome_interval_weeks)
            dates.push_back(plan_.start_date.plus_days(7 * w));
        if (plan_.end_date() != plan_.start_date) dates.push_back(plan_.end_date());
        // SCAT6 in the first days after a concussion, SCOAT6 later (both replace SCAT5).
        std::optional<Date> event;
        if (const Condition* c = p_.find(ConditionType::concussion)) event = c->event_date;
        for (Date d : dates)
            for (std::string m : measures) {
                if (event && (m == "scat6" || m == "scoat6"))
                    m = d.days_since(*event) <= g_.early_concussion_days_for_scat6 ? "scat6" : "scoat6";
                const bool dup = std::any_of(plan_.outcome_measures.begin(), plan_.outcome_measures.end(),
                                             [&](const OutcomeMeasure& o) { return o.date == d && o.measure == m; });
                if (!dup) plan_.outcome_measures.push_back(OutcomeMeasure{d, m});
            }
    }

    void notes() {
        std::string text = t(prog_.title) + ". " + t(prog_.summary);
        std::vector<PlanMessage> parts{detail::plan_message("programme." + prog_.id + ".title_sentence"),
                                       detail::plan_message("programme." + prog_.id + ".summary", {}, " ")};
        for (std::size_t i = 0; i < findings_.size(); ++i) {
            const Finding& f = findings_[i];
            if (f.rule != "progression.graded" && f.rule != "concussion.return") continue;
            text += "\n" + t(f.message);
            parts.push_back(finding_messages_[i]);
            parts.back().separator = "\n";
        }
        plan_.notes = text;
        plan_.notes_message = detail::generated_text(std::move(parts), text, lang());
    }

    // The message behind a description blocks_for() wrote: the slot's own text or a
    // "gen.block.*" term.
    std::optional<PlanMessage> block_message(const SlotTemplate& s, const std::string& description) const {
        for (const std::string& key : {"slot." + s.id + ".main", "slot." + s.id + ".instead", std::string("gen.block.warm_up"),
                                      std::string("gen.block.cool_down"), std::string("gen.block.cognitive"),
                                      std::string("gen.block.balance")}) {
            const auto text = detail::message_text(detail::plan_message(key));
            if (text && !description.empty() && t(*text) == description) return detail::plan_message(key);
        }
        return std::nullopt;
    }

    const Patient& p_;
    const PlanRequest& req_;
    EffectiveRules rules_;
    const Programme& prog_;
    const ProgrammeSet& ps_;
    const GeneratorSettings& g_;
    HeartRateZones zones_;
    IntensityClass zone_class_;  // what zone sessions are planned as: moderate at most, as emit() caps them
    std::vector<std::size_t> fear_order_;  // the fear hierarchy, least feared first (graded exposure)
    Plan plan_;
    std::vector<Finding> findings_;
    std::vector<PlanMessage> finding_messages_;  // each finding's message, for the plan's notes
    std::map<const Phase*, Shape> shapes_;
    std::map<HiitBan, std::set<int>> banned_;
    std::set<int> dropped_in_week_;
    std::vector<int> week_minutes_;
    std::vector<int> week_full_minutes_;
    std::map<std::pair<int, std::string>, int> last_minutes_;  // (weekday, slot) -> last week's minutes
    std::vector<bool> week_full_;
    int best_week_ = 0;
    int last_class_ = -1;
    Date not_before_;
    Date concussion_first_;
    bool concussion_note_ = false;
};

std::string names(const std::vector<ConditionType>& cs) {
    std::string out;
    for (ConditionType c : cs) out += (out.empty() ? "" : ", ") + std::string(to_string(c));
    return out;
}

}  // namespace

Result<GeneratedPlan> generate(const Patient& patient, const PlanRequest& request, const RuleSet& rules) {
    try {
        const ProgrammeSet& ps = builtin_programmes();
        const std::string id = request.programme.empty() ? default_programme(patient) : request.programme;
        auto it = ps.programmes.find(id);
        if (it == ps.programmes.end()) {
            std::string known;
            for (const auto& [k, v] : ps.programmes) known += (known.empty() ? "" : ", ") + k;
            return Error{ErrorCode::invalid_argument, "/programme", "unknown programme \"" + id + "\"; expected one of " + known};
        }
        const Programme& prog = it->second;
        if (!prog.conditions.empty() &&
            std::none_of(prog.conditions.begin(), prog.conditions.end(), [&](ConditionType c) { return patient.has(c); }))
            return Error{ErrorCode::invalid_argument, "/programme",
                         "programme \"" + id + "\" is for patients with " + names(prog.conditions) +
                             "; the patient has none of these"};
        for (const auto& field : prog.requires)
            if (field == "fear_hierarchy" && patient.fear_hierarchy.empty())
                return Error{ErrorCode::invalid_argument, "/fear_hierarchy",
                             "programme \"" + id + "\" needs the patient's fear hierarchy (activities rated 0-100)",
                             "patient", "/fear_hierarchy"};
        if (request.weeks < 0 || request.weeks > 52)
            return Error{ErrorCode::invalid_argument, "/weeks", "expected 1-52 weeks, got " + std::to_string(request.weeks)};
        if (request.language != "en" && request.language != "nl")
            return Error{ErrorCode::invalid_argument, "/language", "expected \"en\" or \"nl\", got \"" + request.language + "\""};
        if (patient.available_days.empty())
            return Error{ErrorCode::invalid_argument, "/available_days", "expected at least one available day", "patient",
                         "/available_days"};
        return Generator(patient, request, rules, prog).run();
    } catch (const std::bad_alloc&) {
        throw;  // not an error in the input: the caller reports it (the C API as REHABPLAN_OUT_OF_MEMORY)
    } catch (const std::exception& e) {
        return Error{ErrorCode::internal, "", std::string("internal error: ") + e.what()};
    }
}

}  // namespace rehabplan
