// Plain-text reports for the CLI: findings, zones and the rule set.
#include "render/text_report.hpp"

#include <sstream>

#include "core/messages.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

std::string findings_to_text(const std::vector<Finding>& findings, std::string_view lang) {
    std::ostringstream out;
    const FindingCounts c = count(findings);
    const bool nl = lang == "nl";
    for (const auto& f : findings) {
        out << to_string(f.severity) << "  " << f.rule;
        if (f.week) out << "  " << f.week->iso_week();
        if (f.date) out << "  " << f.date->to_string();
        out << "  " << (f.path.empty() ? "(plan)" : f.path) << "\n";
        out << "    " << f.message.in(lang) << "\n";
        if (!f.expected.empty() || !f.actual.empty())
            out << "    " << (nl ? "verwacht: " : "expected: ") << f.expected << "; " << (nl ? "gevonden: " : "actual: ")
                << f.actual << "\n";
        for (const auto& cite : f.citations) out << "    - " << cite << "\n";
    }
    out << (nl ? "Samenvatting: " : "Summary: ") << c.errors << (nl ? " fout(en), " : " error(s), ") << c.warnings
        << (nl ? " waarschuwing(en), " : " warning(s), ") << c.infos << " info\n";
    return out.str();
}

std::string zones_to_text(const HeartRateZones& zones, std::string_view lang) {
    const bool nl = lang == "nl";
    const HeartRateZone& z = zones.aerobic;
    std::ostringstream out;
    out << "HRmax: " << z.hrmax.expression << (z.hrmax.source == "measured" ? "" : " (" + z.hrmax.source + ")") << "\n";
    if (z.resting_bpm) out << (nl ? "Rusthartslag: " : "Resting HR: ") << *z.resting_bpm << "\n";
    out << (nl ? "Basis: " : "Basis: ") << to_string(z.basis) << "\n";
    if (z.rpe && z.basis == ZoneBasis::effort)  // no heart-rate zone above the resting rate: effort alone
        out << (nl ? "Doelzone: RPE " : "Target zone: RPE ") << z.rpe->low << "-" << z.rpe->high << "\n";
    else if (z.rpe && z.basis == ZoneBasis::rpe)  // heart rate cannot steer: RPE is the target, bpm only a ceiling
        out << (nl ? "Doelzone: RPE " : "Target zone: RPE ") << z.rpe->low << "-" << z.rpe->high
            << (nl ? ", hartslag hooguit " : ", heart rate at most ") << z.high_bpm << " bpm\n";
    else if (z.rpe)  // after a stroke effort steers alongside heart rate
        out << (nl ? "Doelzone: " : "Target zone: ") << z.low_bpm << "-" << z.high_bpm << " bpm, RPE " << z.rpe->low
            << "-" << z.rpe->high << "\n";
    else
        out << (nl ? "Doelzone: " : "Target zone: ") << z.low_bpm << "-" << z.high_bpm << " bpm\n";
    out << (nl ? "  ondergrens: " : "  floor:   ") << z.floor.basis.in(lang) << "\n";
    out << (nl ? "  bovengrens: " : "  ceiling: ") << z.ceiling.basis.in(lang)
        << (z.ceiling.source.empty() ? "" : " [" + z.ceiling.source + "]") << "\n";
    for (const auto& b : zones.bands)
        out << "  " << detail::term(std::string("class.") + to_string(b.klass)).in(lang) << ": " << b.low_bpm << "-" << b.high_bpm << " bpm (" << b.low_percent << "-"
            << b.high_percent << " %), RPE " << b.rpe.low << "-" << b.rpe.high << "\n";
    for (const auto& n : z.notes) out << "note: " << n << "\n";
    return out.str();
}

std::string rules_to_text(const RuleSet& set, std::string_view lang) {
    std::ostringstream out;
    out << set.name << " (" << set.version << ")\n";
    for (const auto& [id, r] : set.rules) {
        out << "\n" << id << "  [" << to_string(r.severity) << (r.safety ? ", safety" : "") << "]  " << r.title.in(lang)
            << "\n  " << r.explanation.in(lang) << "\n";
        for (const auto& [pid, p] : r.params)
            out << "  " << pid << " = " << detail::describe(p.value) << (p.unit.empty() ? "" : " " + p.unit) << "\n";
        for (const auto& c : set.reference_texts(r.reference_keys)) out << "  - " << c << "\n";
    }
    out << "\n";
    for (const auto& [id, c] : set.conditions) {
        out << "condition " << id << ": " << c.title.in(lang) << "\n";
        for (const auto& [rid, params] : c.params)
            for (const auto& [pid, v] : params) out << "  " << rid << "." << pid << " = " << detail::describe(v) << "\n";
        for (const auto& [sev, layer] : c.severity_params)
            for (const auto& [rid, params] : layer)
                for (const auto& [pid, v] : params)
                    out << "  (" << sev << ") " << rid << "." << pid << " = " << detail::describe(v) << "\n";
    }
    return out.str();
}

}  // namespace rehabplan
