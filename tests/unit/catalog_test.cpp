// Every string a person reads exists in English and Dutch, with the same placeholders.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "core/messages.hpp"
#include "test_support.hpp"

namespace {
std::set<std::string> placeholders(const std::string& s) {
    std::set<std::string> out;
    static const std::regex re("\\{([a-z_]+)\\}");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}
}  // namespace

TEST_CASE("catalog: every message and print string has en and nl with the same placeholders") {
    int checked = 0;
    const std::pair<const char*, const char*> sections[] = {
        {"data/messages.json", "messages"}, {"data/messages.json", "terms"}, {"data/print.json", "print"}};
    for (const auto& [file, section] : sections) {
        auto doc = nlohmann::json::parse(test::read_file(file));
        for (auto it = doc.at(section).begin(); it != doc.at(section).end(); ++it) {
            CAPTURE(it.key());
            REQUIRE(it.value().contains("en"));
            REQUIRE(it.value().contains("nl"));
            const std::string en = it.value()["en"], nl = it.value()["nl"];
            CHECK_FALSE(en.empty());
            CHECK_FALSE(nl.empty());
            CHECK(placeholders(en) == placeholders(nl));
            // A plural placeholder {name|one|other} picks a word by the count {name}: the
            // count is a placeholder of the same text, and there are two words.
            for (const std::string& s : {en, nl}) {
                static const std::regex plural_re("\\{([a-z_]+)\\|([^|{}]*)\\|([^|{}]*)\\}");
                static const std::regex any_plural_re("\\{[a-z_]+\\|[^{}]*\\}");
                const auto all = std::distance(std::sregex_iterator(s.begin(), s.end(), any_plural_re), std::sregex_iterator());
                const auto good = std::distance(std::sregex_iterator(s.begin(), s.end(), plural_re), std::sregex_iterator());
                CHECK(all == good);
                for (auto m = std::sregex_iterator(s.begin(), s.end(), plural_re); m != std::sregex_iterator(); ++m)
                    CHECK(placeholders(s).count((*m)[1]) == 1);
            }
            ++checked;
        }
    }
    CHECK(checked > 150);
}

TEST_CASE("catalog: a plural placeholder picks its word by the count") {
    using rehabplan::detail::arg;
    const std::string templ = "op {days} {days|dag|dagen}";
    CHECK(rehabplan::detail::fill_placeholders(templ, {arg("days", "1")}, true) == std::optional<std::string>("op 1 dag"));
    CHECK(rehabplan::detail::fill_placeholders(templ, {arg("days", "3")}, true) == std::optional<std::string>("op 3 dagen"));
    CHECK(rehabplan::detail::fill_placeholders(templ, {arg("days", "0")}, true) == std::optional<std::string>("op 0 dagen"));
    CHECK(rehabplan::detail::fill_placeholders(templ, {arg("days", "11")}, true) == std::optional<std::string>("op 11 dagen"));
    CHECK_FALSE(rehabplan::detail::fill_placeholders("{weeks|week|weken}", {}, true).has_value());
}

TEST_CASE("catalog: every message key the validator uses is in the catalog") {
    // validate() lives in validator.cpp and, for intensity targets and exercises, its own files.
    const std::string src = test::read_file("src/rules/validator.cpp") + test::read_file("src/rules/validator_intensity.cpp") +
                            test::read_file("src/rules/validator_exercises.cpp");
    static const std::regex key_re("\"((week|session|intensity|contraindication|hiit|progression|concussion|stop_signals|exercise)\\.[a-z_.]+)\"");
    auto doc = nlohmann::json::parse(test::read_file("data/messages.json"));
    int used = 0;
    for (auto it = std::sregex_iterator(src.begin(), src.end(), key_re); it != std::sregex_iterator(); ++it) {
        const std::string key = (*it)[1];
        // Rule IDs appear in the source too; only keys that look like message keys
        // (three parts, or known two-part ones) must be in the catalog.
        if (doc["messages"].contains(key)) ++used;
        else if (!rehabplan::builtin_rules().rules.count(key))
            FAIL_CHECK("key used in validator.cpp but missing from data/messages.json: " << key);
    }
    CHECK(used >= 30);
}

TEST_CASE("catalog: rule titles and explanations exist in both languages") {
    for (const auto& [id, rule] : rehabplan::builtin_rules().rules) {
        CAPTURE_BOUND(id);
        CHECK_FALSE(rule.title.en.empty());
        CHECK_FALSE(rule.title.nl.empty());
        CHECK_FALSE(rule.explanation.en.empty());
        CHECK_FALSE(rule.explanation.nl.empty());
        CHECK(rule.explanation.en != rule.explanation.nl);
    }
}
