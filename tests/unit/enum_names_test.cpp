// One name table per enum: names, to_string() and the readers agree.
#include <doctest/doctest.h>

#include "core/enum_names.hpp"
#include "test_support.hpp"

using namespace test;

namespace {
template <class E>
void check_round_trip() {
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
        const auto e = static_cast<E>(i);
        CHECK(std::string(enum_name(e)) == EnumNames<E>::names[i]);
        CHECK(std::string(to_string(e)) == EnumNames<E>::names[i]);
        CHECK(parse_enum<E>(EnumNames<E>::names[i]) == e);
    }
    CHECK_FALSE(parse_enum<E>("no_such_name"));
    CHECK(enum_names<E>().size() == EnumNames<E>::names.size());
}
}  // namespace

TEST_CASE("enum names: one table per enum - to_string, enum_name and parse_enum agree") {
    check_round_trip<Sex>();
    check_round_trip<ConditionType>();
    check_round_trip<TbiSeverity>();
    check_round_trip<SessionType>();
    check_round_trip<IntensityClass>();
    check_round_trip<BlockKind>();
    check_round_trip<Severity>();
    check_round_trip<ZoneBasis>();
    check_round_trip<Weekday>();
    check_round_trip<Stricter>();
    CHECK(std::string(to_string(Weekday::sun)) == "sun");
    CHECK(parse_weekday("wed") == Weekday::wed);
    CHECK_FALSE(parse_weekday("wednesday"));
    CHECK(std::string(to_string(Stricter::true_only)) == "true");
    CHECK(std::string(to_string(SessionType::exposure)) == "exposure");
    CHECK(parse_enum<ConditionType>("chronic_pain") == ConditionType::chronic_pain);
}
