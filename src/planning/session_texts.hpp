// The texts every session of a slot shares (its title, its blocks' descriptions), each with
// the messages a writer stores beside it, made once per plan: a 12-week plan holds about a
// hundred sessions of a handful of slots, and filling a text's messages back in to check
// them (plan_text's generated_text) costs more than the session's own arithmetic.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/programme.hpp"

namespace rehabplan::generation {

// Where a block's description comes from: the slot's own texts or a gen.block.* term.
enum class BlockText { main, instead, warm_up, cool_down, cognitive, balance, rest, strength_station };
inline constexpr std::size_t block_text_count = 8;

// A text as a session stores it: cut to its field's length (schema/plan.schema.json), with
// its messages when they give exactly that text (else plain text).
struct StoredText {
    std::string text;
    std::optional<GeneratedText> message;
};

struct SlotTexts {
    StoredText title;                    // slot.<id>.title
    StoredText instead_title;            // slot.<id>.instead: a HIIT slot's stand-in
    std::array<StoredText, block_text_count> blocks;
    const StoredText& block(BlockText b) const { return blocks[static_cast<std::size_t>(b)]; }
};

// A slot's texts in `language`.
SlotTexts slot_texts(const SlotTemplate& s, const std::string& language);

// The texts of every slot a programme's phases name for the patient (slot_for_patient), in
// the plan's language.
class SessionTexts {
public:
    SessionTexts(const Programme& programme, const ProgrammeSet& set, const Patient& patient,
                 const std::string& language);
    // The slot's texts; nullptr for a slot the programme does not name.
    const SlotTexts* find(const SlotTemplate& s) const;

private:
    std::vector<std::pair<const SlotTemplate*, SlotTexts>> slots_;
};

}  // namespace rehabplan::generation
