// A finding: one rule, one place in the plan, what was expected, what was there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace rehabplan {

enum class Severity { info = 0, warning = 1, error = 2 };

struct Text {
    std::string en;
    std::string nl;
    const std::string& in(std::string_view lang) const { return lang == "nl" ? nl : en; }
    friend bool operator==(const Text& a, const Text& b) { return a.en == b.en && a.nl == b.nl; }
};

struct Finding {
    std::string rule;                 // public rule ID, e.g. "week.volume"
    Severity severity = Severity::info;
    std::string path;                 // JSON Pointer into the plan ("" = whole plan)
    std::optional<Date> week;         // Monday of the ISO week, if the finding has one
    std::optional<Date> date;         // the session's date, if the finding has one
    std::string expected;
    std::string actual;
    Text message;
    std::vector<std::string> citations;  // full reference texts
};

const char* to_string(Severity s);

// Deterministic order: plan-wide first, then by week, path (indices numerically),
// rule ID, severity (error first), English message.
void sort_findings(std::vector<Finding>& findings);

struct FindingCounts {
    int errors = 0;
    int warnings = 0;
    int infos = 0;
};
FindingCounts count(const std::vector<Finding>& findings);

}  // namespace rehabplan
