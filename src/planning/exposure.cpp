#include "planning/exposure.hpp"

#include <algorithm>
#include <string>

#include "core/json_reader.hpp"
#include "core/messages.hpp"

namespace rehabplan::detail {

std::vector<std::size_t> fear_order(const Patient& patient) {
    std::vector<std::size_t> idx(patient.fear_hierarchy.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        return patient.fear_hierarchy[a].fear < patient.fear_hierarchy[b].fear;
    });
    return idx;
}

const FearItem& current_exposure(const Patient& patient, const std::vector<std::size_t>& order) {
    return patient.fear_hierarchy[order.front()];
}

PlanMessage exposure_title_message(const FearItem& f) {
    return PlanMessage{"gen.exposure.title", {arg("activity", f.activity), arg("fear", std::to_string(f.fear))}, ""};
}

std::optional<std::string> exposure_activity(const PlanMessage& m) {
    if (m.key != "gen.exposure.title") return std::nullopt;
    for (const Arg& a : m.args)
        if (a.name == "activity") return a.value.en;
    return std::nullopt;
}

Text exposure_title(const FearItem& f) {
    const PlanMessage m = exposure_title_message(f);
    Text t = message(m.key, m.args);
    t.en = utf8_prefix(t.en, 200);
    t.nl = utf8_prefix(t.nl, 200);
    return t;
}

}  // namespace rehabplan::detail
