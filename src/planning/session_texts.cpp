#include "planning/session_texts.hpp"

#include "core/messages.hpp"
#include "core/utf8.hpp"
#include "planning/generator_inputs.hpp"
#include "planning/plan_text.hpp"

namespace rehabplan::generation {

namespace {

// The message keys of the block texts, in BlockText's order (slot_texts tries them so).
std::string block_key(const SlotTemplate& s, BlockText b) {
    switch (b) {
        case BlockText::main: return "slot." + s.id + ".main";
        case BlockText::instead: return "slot." + s.id + ".instead";
        case BlockText::warm_up: return "gen.block.warm_up";
        case BlockText::cool_down: return "gen.block.cool_down";
        case BlockText::cognitive: return "gen.block.cognitive";
        case BlockText::balance: return "gen.block.balance";
        case BlockText::rest: return "gen.block.rest";
        case BlockText::strength_station: return "gen.block.strength_station";
    }
    return "";
}

// The description a block of text `b` gets, in `language`.
std::string block_description(const SlotTemplate& s, BlockText b, const std::string& language) {
    switch (b) {
        case BlockText::main: return s.main.in(language);
        case BlockText::instead: return s.instead.in(language);
        default: return detail::message_in(language, block_key(s, b));
    }
}

StoredText stored(std::string text, std::size_t max_chars, std::vector<PlanMessage> messages,
                  const std::string& language) {
    StoredText out;
    out.text = detail::utf8_prefix(text, max_chars);
    out.message = detail::generated_text(std::move(messages), out.text, language);
    return out;
}

}  // namespace

SlotTexts slot_texts(const SlotTemplate& s, const std::string& language) {
    SlotTexts out;
    // Titles and descriptions within the plan document's limits (200 and 500 characters).
    out.title = stored(s.title.in(language), 200, {detail::plan_message("slot." + s.id + ".title")}, language);
    out.instead_title = stored(s.instead.in(language), 200, {detail::plan_message("slot." + s.id + ".instead")}, language);
    // The message behind a description is the first block text that gives it in `language`
    // (a slot's main text may read as a gen.block.* term).
    std::array<std::optional<std::string>, block_text_count> wording;
    for (std::size_t i = 0; i < block_text_count; ++i)
        if (const auto t = detail::message_text(detail::plan_message(block_key(s, static_cast<BlockText>(i)))))
            wording[i] = t->in(language);
    for (std::size_t i = 0; i < block_text_count; ++i) {
        const std::string description = block_description(s, static_cast<BlockText>(i), language);
        StoredText& b = out.blocks[i];
        b.text = detail::utf8_prefix(description, 500);
        for (std::size_t j = 0; j < block_text_count && !description.empty(); ++j)
            if (wording[j] == description) {
                b.message = detail::generated_text({detail::plan_message(block_key(s, static_cast<BlockText>(j)))},
                                                   b.text, language);
                break;
            }
    }
    return out;
}

SessionTexts::SessionTexts(const Programme& programme, const ProgrammeSet& set, const Patient& patient,
                           const std::string& language) {
    for (const Phase& ph : programme.phases)
        for (const std::string& id : ph.slots) {
            const SlotTemplate& s = set.slots.at(id);
            if (slot_for_patient(patient, s) && !find(s)) slots_.emplace_back(&s, slot_texts(s, language));
        }
}

const SlotTexts* SessionTexts::find(const SlotTemplate& s) const {
    for (const auto& [slot, texts] : slots_)
        if (slot == &s) return &texts;
    return nullptr;
}

}  // namespace rehabplan::generation
