#include "followup/recovery.hpp"

#include <cmath>
#include <string>

#include "core/messages.hpp"
#include "rules/finding_builder.hpp"

namespace rehabplan::detail {

namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

// One decimal ("6.9", "7.0"), as the report prints means.
std::string one_decimal(double v) {
    const long long tenths = std::llround(v * 10);
    return n(tenths / 10) + "." + n(std::llabs(tenths % 10));
}

// "mean sleep 6.4 h ...; 3 poor nights ...": the measures that call for recovery.
Text reasons(const reading::RecoveryFigures& f, const reading::RecoveryVerdict& v) {
    std::vector<Text> parts;
    if (v.short_sleep)
        parts.push_back(message("progress.recovery.short_sleep", {arg("hours", one_decimal(*f.mean_sleep_hours())),
                                                                  arg("nights", n(f.sleep_nights)),
                                                                  arg("min", n(v.min_mean_sleep_hours))}));
    if (v.poor_quality)
        parts.push_back(message("progress.recovery.poor_nights", {arg("poor", n(f.poor_nights)),
                                                                  arg("nights", n(f.quality_nights)),
                                                                  arg("max", n(v.poor_quality_nights))}));
    if (v.high_stress)
        parts.push_back(message("progress.recovery.high_stress", {arg("stress", one_decimal(*f.mean_stress())),
                                                                  arg("days", n(f.stress_days)),
                                                                  arg("max", n(v.max_mean_stress))}));
    Text out{"", ""};
    for (const Text& p : parts) {
        out.en += (out.en.empty() ? "" : "; ") + p.en;
        out.nl += (out.nl.empty() ? "" : "; ") + p.nl;
    }
    return out;
}

}  // namespace

reading::RecoveryFigures recovery_figures(const SessionLog& log, const Plan& plan, int week) {
    reading::RecoveryFigures f;
    for (const DayLog& d : log.days) {
        if (d.date < plan.start_date || d.date.days_since(plan.start_date) / 7 != week || !d.any()) continue;
        ++f.nights_logged;
        if (d.sleep_hours) {
            ++f.sleep_nights;
            f.sleep_hours_sum += *d.sleep_hours;
        }
        if (d.sleep_quality) {
            ++f.quality_nights;
            f.poor_nights += is_poor(*d.sleep_quality);
        }
        if (d.stress) {
            ++f.stress_days;
            f.stress_sum += *d.stress;
        }
    }
    return f;
}

void apply_recovery(ProgressReport& report, const SessionLog& log, const Plan& plan, const EffectiveRules& rules,
                    int age) {
    std::vector<Finding>& findings = report.findings;
    for (WeekProgress& w : report.weeks) {
        const reading::RecoveryFigures f = recovery_figures(log, plan, w.week - 1);
        if (f.nights_logged == 0) continue;
        w.recovery = f;
        if (!report.recovery) report.recovery = reading::recovery_limits(rules, age);
        const reading::RecoveryVerdict v = reading::recovery_verdict(rules, age, f);
        if (!v.any()) continue;
        const Text why = reasons(f, v);
        const std::string param = v.short_sleep    ? reading::sleep_param(v.sleep_band).name
                                  : v.poor_quality ? "poor_quality_nights"
                                                   : "max_mean_stress";
        findings.push_back(make_finding(rules, "progress.recovery", Severity::info, "", w.start, std::nullopt, "", "",
                                        "progress.finding.recovery", {arg("week", n(w.week)), arg("reasons", why)}, param));
        // Only an advance is held: a hold or step back from another rule already asks less.
        if (v.hold && w.decision == Decision::advance) {
            w.decision = Decision::hold;
            w.rule = "progress.recovery";
            w.reason = message("progress.reason.recovery", {arg("reasons", why)});
        }
    }
}

}  // namespace rehabplan::detail
