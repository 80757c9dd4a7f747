// Session emission: a sized week of drafts becomes the plan's SessionPlans, with their
// titles, notes, intensity and blocks, and the week is recorded in the build-up ledger
// (its minutes, its highest intensity class, whether it reached the full dose).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/plan.hpp"
#include "planning/build_up.hpp"
#include "planning/draft.hpp"
#include "planning/generator_inputs.hpp"
#include "planning/hiit_gate.hpp"

namespace rehabplan::generation {

// The blocks of a session: warm-up, main part (with its cognitive and balance shares),
// cool-down; shorter edges for a short build-up session; none for non-training.
std::vector<Block> blocks_for(const GeneratorInputs& in, const Draft& d);

// The message behind a block description blocks_for() wrote (the slot's own text or a
// "gen.block.*" term); nullopt for any other text.
std::optional<PlanMessage> block_message(const GeneratorInputs& in, const SlotTemplate& s, const std::string& description);

// Appends plan week `k` (0-based) to `plan` and records it in `ledger`.
// `concussion_first` is the first training day of a concussion return (its steps).
void emit(const GeneratorInputs& in, const std::vector<Draft>& drafts, int k, const HiitBans& bans,
          Date concussion_first, BuildUp& ledger, Plan& plan);

}  // namespace rehabplan::generation
