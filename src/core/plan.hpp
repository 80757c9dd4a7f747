// A dated exercise plan: what the generator writes and a therapist may edit.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/messages.hpp"
#include "core/patient.hpp"

namespace rehabplan {

enum class SessionType { aerobic, strength, balance, hiit, dual_task, mobility, relaxation, education, exposure };
enum class IntensityClass { light = 0, moderate = 1, vigorous = 2 };
enum class BlockKind { warm_up, main, cool_down, balance, cognitive, strength, rest };

struct Range {
    int low = 0;
    int high = 0;
};

struct Intensity {
    IntensityClass klass = IntensityClass::moderate;
    std::optional<Range> hr_bpm;
    std::optional<Range> percent_hrmax;
    std::optional<Range> rpe;                // Borg 6-20
    // A heart-rate ceiling that is not a target (HIIT: effort steers the 30-second
    // intervals, hiit.protocol work_rpe_low..high; the heart rate lags and only caps them).
    std::optional<int> hr_ceiling_bpm = std::nullopt;
};

struct HiitIntervals {
    int work_seconds = 0;
    int recovery_seconds = 0;
    int repeats = 0;
    int total_work_seconds() const { return work_seconds * repeats; }
};

// One message of a generated text: a "gen.*" catalog key or a programme text
// ("slot.<id>.title"; planning/plan_text.hpp lists them), with the values of its
// placeholders (the same in both languages, or one per language).
struct PlanMessage {
    std::string key;
    std::vector<detail::Arg> args;
    std::string separator;                   // in a text of several messages, what comes before this one ("" first)
    friend bool operator==(const PlanMessage& a, const PlanMessage& b) {
        return a.key == b.key && a.separator == b.separator && a.args == b.args;
    }
    friend bool operator!=(const PlanMessage& a, const PlanMessage& b) { return !(a == b); }
};

// The messages of a generated text, shared by its copies. A 12-week plan stores about 500
// texts of a few dozen kinds, and copying every message's strings with each text was a
// quarter of the allocations of generating a plan and of reading one (issue 21). Reads as
// a const std::vector<PlanMessage>; a change copies the messages first while shared.
class PlanMessages {
public:
    using value_type = PlanMessage;
    using const_iterator = std::vector<PlanMessage>::const_iterator;
    using iterator = const_iterator;

    PlanMessages() = default;
    PlanMessages(std::vector<PlanMessage> messages)  // NOLINT: converts as the vector it replaces
        : shared_(std::make_shared<std::vector<PlanMessage>>(std::move(messages))) {}
    PlanMessages(std::initializer_list<PlanMessage> messages)
        : PlanMessages(std::vector<PlanMessage>(messages)) {}

    // Empty: value-initialised iterators, which compare equal.
    const_iterator begin() const { return shared_ ? shared_->cbegin() : const_iterator(); }
    const_iterator end() const { return shared_ ? shared_->cend() : const_iterator(); }
    std::size_t size() const { return shared_ ? shared_->size() : 0; }
    bool empty() const { return size() == 0; }
    const PlanMessage& operator[](std::size_t i) const { return (*shared_)[i]; }
    const PlanMessage& at(std::size_t i) const {
        if (i >= size()) throw std::out_of_range("PlanMessages::at");
        return (*shared_)[i];
    }
    const PlanMessage& front() const { return shared_->front(); }
    const PlanMessage& back() const { return shared_->back(); }

    void reserve(std::size_t n) { edit().reserve(n); }
    void push_back(PlanMessage m) { edit().push_back(std::move(m)); }
    // The messages to change, no longer shared with any copy.
    std::vector<PlanMessage>& edit() {
        if (!shared_) shared_ = std::make_shared<std::vector<PlanMessage>>();
        else if (shared_.use_count() > 1) shared_ = std::make_shared<std::vector<PlanMessage>>(*shared_);
        return *shared_;
    }

    friend bool operator==(const PlanMessages& a, const PlanMessages& b) {
        if (a.shared_ == b.shared_) return true;
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    friend bool operator!=(const PlanMessages& a, const PlanMessages& b) { return !(a == b); }

private:
    std::shared_ptr<std::vector<PlanMessage>> shared_;  // null: none
};

// A text the library generated, as the messages it was made from, stored beside the text
// so a plan prints in either language and is recognised after a therapist edits the
// text. The digest tells an edit from a catalog wording changed since: the text is as
// generated while text_digest(text) == digest (schema/README.md, "Stored messages").
struct GeneratedText {
    PlanMessages messages;                   // at least one
    std::string digest;                      // text_digest() of the text as generated; "" = not recorded
    // The same messages and digest: then so is everything made from them (wording, bytes written).
    friend bool operator==(const GeneratedText& a, const GeneratedText& b) {
        return a.digest == b.digest && a.messages == b.messages;
    }
    friend bool operator!=(const GeneratedText& a, const GeneratedText& b) { return !(a == b); }
};

// 64-bit FNV-1a of the text's bytes, as 16 lower-case hex digits.
std::string text_digest(const std::string& text);

struct Block {
    BlockKind kind = BlockKind::main;
    int minutes = 0;
    std::string description;
    std::optional<GeneratedText> description_message = std::nullopt;
};

// One exercise of a session as prescribed (data/exercises.json): the library's ID, its
// level in the chain, and the dose. The name is stored for readers without the library.
struct ExerciseDose {
    std::string id;
    std::string name;                        // in the plan's language, as when prescribed
    std::string chain;
    int level = 1;
    int sets = 1;
    std::optional<int> repetitions;          // per set (per side when per_side)
    std::optional<int> seconds;              // held per set
    std::optional<int> minutes;              // per set, for exercises dosed in minutes
    bool per_side = false;
    int rest_seconds = 0;                    // between sets
    std::optional<Range> rpe;                // Borg 6-20
    std::optional<BodySide> extra_side;      // stroke: the affected side does extra_sets more
    int extra_sets = 0;
};

struct SessionPlan {
    Date date;
    SessionType type = SessionType::aerobic;
    int minutes = 0;
    std::string title;
    std::string note;
    std::optional<GeneratedText> title_message;
    std::optional<GeneratedText> note_message;
    std::optional<Intensity> intensity;
    std::optional<HiitIntervals> hiit;
    std::vector<Block> blocks;
    std::optional<int> concussion_step;
    std::string concussion_stage;            // "2A" or "2B" within step 2 (concussion.return); "" otherwise
    // A session of a supervised clinic week (a programme phase that states it, e.g.
    // NeuroRC week 1): HIIT may be closer than hiit.protocol min_hours_between.
    bool supervised = false;
    std::vector<ExerciseDose> exercises;     // the session's named exercises, in order; empty: none named
};

// One step of a concussion return's ladder as planned (concussion.return).
struct ReturnStep {
    std::string step;                        // "1", "2A", "2B", "3", ... as printed
    std::optional<Date> from;                // earliest date; none: a gate is not met yet
    std::vector<std::string> gates;          // recorded first: "symptoms_resolved", "cleared"
    std::string title;
    std::string description;
    std::optional<GeneratedText> title_message;
    std::optional<GeneratedText> description_message;
};

// A ladder of a concussion return: sport, learn, work or daily (data/programmes.json).
struct ReturnLadderPlan {
    ReturnLadder ladder = ReturnLadder::daily;
    std::string sport;                       // sport: the sport named; "" = not named
    std::vector<ReturnStep> steps;
};

struct OutcomeMeasure {
    Date date;
    std::string measure;
};

// Who the plan is for, as printed on it (the generator copies it from the patient).
struct PlanPatient {
    std::string id;                          // the clinic's pseudonymous ID; "" = not printed
    int age = 0;
    std::vector<ConditionType> conditions;
    bool beta_blocker = false;
    std::optional<Clearance> clearance;      // the doctor's clearance the plan was made with (safety.clearance)
    std::optional<int> falls_past_year;      // recorded falls in the last 12 months (fall precautions); none: not recorded
};

// The aerobic target zone the plan was made with, and how it was worked out, so a
// printout can show the formula next to the numbers.
struct PlanZone {
    std::string basis;                       // to_string(ZoneBasis): percent_hrmax, karvonen, ...
    int low_bpm = 0;
    int high_bpm = 0;
    std::optional<Range> rpe;                // Borg 6-20, when heart rate cannot steer
    int hrmax_bpm = 0;                       // rounded; the formulas below carry the exact value
    std::string hrmax_source;                // "measured" or a formula ID ("tanaka", ...)
    Text low_formula;                        // e.g. "60 % of HRmax 163.2 (208 - 0.7 x age)"
    Text high_formula;
};

// Training paused after a warning sign (replan() after progress.stop_signal): from
// `since` the plan holds no session, no outcome measure and no daily step target, and
// every printout says so on its first page, until a clinician has seen the patient.
struct PlanPause {
    Date since;                              // the first day without training
    Date signal_date;                        // the day of the warning sign (on or before `since`)
};

// A priming treatment as the plan was made around it (priming.window, priming.dosing_day),
// so that a printout explains the plan without the patient document: the doses in or
// shortly before the plan, the window in force and whether its days carry no training.
struct PlanPriming {
    std::string type;                        // "ketamine", "esketamine", "rtms" or a clinic's own ID
    std::vector<Date> dates;                 // ascending, no repeats
    PrimingWindowHours window;
    bool rest_on_dates = false;              // its dates carry no session (priming.dosing_day)
};

struct Plan {
    Date start_date;
    int weeks = 0;
    std::string programme;
    bool patient_facing = true;
    std::vector<std::string> stop_signals;
    std::vector<SessionPlan> sessions;
    std::vector<OutcomeMeasure> outcome_measures;
    std::string notes;
    std::optional<GeneratedText> notes_message;
    std::string language;                   // "en" or "nl": the language of titles and notes ("" = unstated)
    std::optional<int> full_dose_week;       // first week at the programme's full dose (generated plans)
    std::optional<Range> daily_steps;        // daily walking target, steps (growing: the last week's)
    std::vector<int> daily_steps_weeks;      // the target per plan week, steps a day (empty: daily_steps throughout)
    std::optional<PlanPatient> patient;      // printed on the plan; not used by the validator
    std::optional<PlanZone> zone;
    std::optional<PlanPause> paused;         // none: training goes on
    std::vector<ReturnLadderPlan> return_ladders;  // a concussion return's ladders; empty otherwise
    std::vector<PlanPriming> priming;        // the treatments the plan was made around; empty: none
    // A review of the plan for the therapist (the generator's own findings, or a
    // validation pasted in): printed, never re-checked.
    std::vector<Finding> findings;

    Date end_date() const { return start_date.plus_days(7 * weeks - 1); }  // inclusive
};

// Who a plan is for, as a plan document carries it (ID, age, conditions, beta-blocker).
PlanPatient plan_patient(const Patient& patient);

// Aerobic, strength, balance, HIIT and dual-task sessions make a training day.
bool is_training(SessionType t);
// Longest continuous bout: the longest run of blocks without a rest block, or the
// whole session when it has no blocks.
int longest_bout_minutes(const SessionPlan& s);
// The session's minutes without its rest blocks (between intermittent bouts): the
// minutes of activity that count toward a week's dose.
int active_minutes(const SessionPlan& s);

const char* to_string(SessionType t);
const char* to_string(IntensityClass c);
const char* to_string(BlockKind k);

}  // namespace rehabplan
