// Plain-text reports for the CLI: findings, zones and the rule set.
#include "render/text_report.hpp"

#include <sstream>

#include "core/messages.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

namespace {

// A severity as a word: "error" in English (the CLI's contract), "fout" in Dutch.
std::string severity_word(Severity s, bool nl) {
    if (!nl) return to_string(s);
    switch (s) {
        case Severity::error: return "fout";
        case Severity::warning: return "waarschuwing";
        default: return "opmerking";
    }
}

// "1 fout", "2 fouten".
std::string count_nl(std::int64_t n, const char* one, const char* other) {
    return std::to_string(n) + " " + (n == 1 ? one : other);
}

}  // namespace

std::string findings_to_text(const std::vector<Finding>& findings, std::string_view lang) {
    std::ostringstream out;
    const FindingCounts c = count(findings);
    const bool nl = lang == "nl";
    for (const auto& f : findings) {
        out << severity_word(f.severity, nl) << "  " << f.rule;
        if (f.week) out << "  " << f.week->iso_week();
        if (f.date) out << "  " << f.date->to_string();
        out << "  " << (f.path.empty() ? "(plan)" : f.path) << "\n";
        out << "    " << f.message.in(lang) << "\n";
        if (!f.expected.empty() || !f.actual.empty())
            out << "    " << (nl ? "verwacht: " : "expected: ") << f.expected << "; " << (nl ? "gevonden: " : "actual: ")
                << f.actual << "\n";
        for (const auto& cite : f.citations) out << "    - " << cite << "\n";
    }
    if (nl)
        out << "Samenvatting: " << count_nl(c.errors, "fout", "fouten") << ", " << count_nl(c.warnings, "waarschuwing", "waarschuwingen")
            << ", " << count_nl(c.infos, "opmerking", "opmerkingen") << "\n";
    else
        out << "Summary: " << c.errors << " error(s), " << c.warnings << " warning(s), " << c.infos << " info\n";
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
    const bool nl = lang == "nl";
    std::ostringstream out;
    out << set.name << " (" << set.version << ")\n";
    for (const auto& [id, r] : set.rules) {
        out << "\n" << id << "  [" << severity_word(r.severity, nl) << (r.safety ? (nl ? ", veiligheid" : ", safety") : "") << "]  " << r.title.in(lang)
            << "\n  " << r.explanation.in(lang) << "\n";
        for (const auto& [pid, p] : r.params)
            out << "  " << pid << " = " << detail::describe(p.value) << (p.unit.empty() ? "" : " " + p.unit) << "\n";
        for (const auto& c : set.reference_texts(r.reference_keys)) out << "  - " << c << "\n";
    }
    out << "\n";
    for (const auto& [id, c] : set.conditions) {
        out << (nl ? "aandoening " : "condition ") << id << ": " << c.title.in(lang) << "\n";
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
