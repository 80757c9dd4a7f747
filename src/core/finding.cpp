#include "core/finding.hpp"

#include <algorithm>
#include <tuple>

#include "core/enum_names.hpp"

namespace rehabplan {

const char* to_string(Severity s) { return enum_name(s); }

namespace {
// "/sessions/10/minutes" sorts after "/sessions/9/minutes": numeric tokens compare as numbers.
bool path_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
        if (da && db) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') ++ie;
            while (je < b.size() && b[je] >= '0' && b[je] <= '9') ++je;
            if (ie - i != je - j) return ie - i < je - j;
            int c = a.compare(i, ie - i, b, j, je - j);
            if (c != 0) return c < 0;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}
}  // namespace

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& x, const Finding& y) {
        const int wx = x.week ? x.week->day_number() : -1000000;
        const int wy = y.week ? y.week->day_number() : -1000000;
        if (wx != wy) return wx < wy;
        if (x.path != y.path) return path_less(x.path, y.path);
        if (x.rule != y.rule) return x.rule < y.rule;
        if (x.severity != y.severity) return x.severity > y.severity;
        return x.message.en < y.message.en;
    });
}

FindingCounts count(const std::vector<Finding>& findings) {
    FindingCounts c;
    for (const auto& f : findings) {
        if (f.severity == Severity::error) ++c.errors;
        else if (f.severity == Severity::warning) ++c.warnings;
        else ++c.infos;
    }
    return c;
}

}  // namespace rehabplan
