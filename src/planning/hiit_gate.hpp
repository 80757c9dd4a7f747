// The HIIT gate: whether a HIIT slot may be planned on a day, and why not. The reasons
// of hiit.eligibility come from its reading in rules/readings.hpp; this programme adds
// its own (a concussion return's steps, the intensity step of progression.graded, a
// dose that leaves no room). The weeks left without HIIT, per reason, become warnings.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/plan.hpp"
#include "planning/draft.hpp"
#include "planning/generator_inputs.hpp"

namespace rehabplan::generation {

// concussion: the early phase (or a concussion return's own steps); concussion_step: before
// late_step_min, or no vigorous clearance since the concussion.
// spacing: within hiit.protocol min_hours_between of the previous HIIT session.
enum class HiitBan { none, screening, clearance, contraindication, condition, concussion, concussion_step, build_up, step, dose, spacing };

// Reason -> the plan weeks (1-based) in which HIIT was left out for it.
using HiitBans = std::map<HiitBan, std::set<int>>;

// The first reason HIIT on `date` (plan week `week`, 0-based) is not planned, after
// weeks whose highest intensity class was `last_class` (-1: none yet); none if allowed.
HiitBan hiit_ban(const GeneratorInputs& in, Date date, int week, int last_class);

// The intervals of a HIIT session on `date`, after the sessions of `plan` so far
// (hiit.protocol's gradual introduction, counted from the plan's first HIIT session).
HiitIntervals hiit_session_intervals(const GeneratorInputs& in, const Plan& plan, Date date);

// A HIIT session's minutes: warm-up, the intervals rounded up to whole minutes, cool-down.
int hiit_session_minutes(const GeneratorInputs& in, const HiitIntervals& h);

// True when a HIIT session on `date` (`supervised`: in a supervised clinic week) keeps
// hiit.protocol min_hours_between after the last HIIT session of `plan` and of the
// week's `drafts` so far.
bool hiit_spaced(const GeneratorInputs& in, const Plan& plan, const std::vector<Draft>& drafts, Date date, bool supervised);

// Records that HIIT was left out in plan week `week` (0-based) for `reason`.
void ban(HiitBans& bans, HiitBan reason, int week);

// True when HIIT was left out in plan week `week` (0-based) for `reason`.
bool banned(const HiitBans& bans, HiitBan reason, int week);

// "week 3" / "weeks 1-2, 5" in `lang`.
std::string week_list(const std::set<int>& weeks, const std::string& lang);

// One warning per reason, naming its weeks.
void hiit_findings(const GeneratorInputs& in, const HiitBans& bans, GeneratorFindings& findings);

}  // namespace rehabplan::generation
