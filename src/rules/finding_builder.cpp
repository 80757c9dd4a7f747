#include "rules/finding_builder.hpp"

namespace rehabplan {

Finding make_finding(const EffectiveRules& rules, const std::string& rule, Severity severity, std::string path,
                     std::optional<Date> week, std::optional<Date> date, std::string expected, std::string actual,
                     const std::string& key, const std::vector<detail::Arg>& args, const std::string& param) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.path = std::move(path);
    if (week) f.week = week->monday();
    f.date = date;
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    f.message = detail::message(key, args);
    f.citations = rules.citation_texts(rule, param);
    return f;
}

}  // namespace rehabplan
