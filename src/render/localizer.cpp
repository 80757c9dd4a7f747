#include "render/localizer.hpp"

#include "planning/plan_text.hpp"
#include "render/plan_view.hpp"

namespace rehabplan::detail {

namespace {

// The memo's result for (text, source), made by `make` the first time.
template <class R, class Memo, class Make>
const R& remembered(Memo& memo, const std::string& text, const std::optional<GeneratedText>& source, Make&& make) {
    auto& slot = memo[text];
    for (const auto& [s, r] : slot)
        if (s == source) return r;  // the same stored messages, or both none
    R made = make();
    slot.emplace_back(source, std::move(made));
    return slot.back().second;
}

}  // namespace

const std::optional<std::string>& Localizer::translated(const std::string& text, const std::optional<GeneratedText>& source) {
    return remembered<std::optional<std::string>>(translated_, text, source, [&] { return translate(text, source); });
}

const std::string& Localizer::text(const std::string& text, const std::optional<GeneratedText>& source) {
    return remembered<std::string>(texts_, text, source, [&] { return clean(translated(text, source).value_or(text)); });
}

const std::string& Localizer::note(const std::string& note, const std::optional<GeneratedText>& source) {
    return remembered<std::string>(notes_, note, source, [&] { return note_text(note, source); });
}

std::optional<std::string> Localizer::translate(const std::string& text, const std::optional<GeneratedText>& source) {
    if (source)
        if (const auto t = generated_wording(*source, text, from_)) return t->in(to_);
    const auto& p = phrases(text);
    return p ? std::optional<std::string>(join(*p)) : std::nullopt;
}

std::string Localizer::note_text(const std::string& note, const std::optional<GeneratedText>& source) {
    std::vector<Phrase> parts;
    if (source && generated_wording(*source, note, from_)) {
        for (const PlanMessage& m : source->messages) parts.push_back(Phrase{m.key, m.separator, message_text(m)->in(to_)});
    } else if (const auto& p = phrases(note)) {
        parts = *p;
    } else {
        return clean(note);
    }
    std::string out;
    for (const Phrase& ph : parts) {
        if (ph.key == "gen.session.zone" || ph.key == "gen.session.zone_rpe" || ph.key == "gen.session.rpe" ||
            ph.key == "gen.session.effort" || ph.key == "gen.session.hiit" || ph.key == "gen.session.hiit_effort" ||
            ph.text.empty())
            continue;
        out += (out.empty() ? "" : ph.separator == "\n" ? "\n" : " ") + ph.text;
    }
    return clean(out);
}

const std::optional<std::vector<Phrase>>& Localizer::phrases(const std::string& text) {
    auto it = phrases_.find(text);
    if (it == phrases_.end()) it = phrases_.emplace(text, decompose(text, from_, to_)).first;
    return it->second;
}

}  // namespace rehabplan::detail
