// One name table per enum, indexed by the enum's value: the readers' allowed values,
// the writers' names and to_string() all come from it, so they cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"

namespace rehabplan {

// A read-only view of a list of names: an enum's table (or, for the time of a call, a
// braced list).
class Names {
public:
    constexpr Names(const char* const* data, std::size_t size) : data_(data), size_(size) {}
    template <std::size_t N>
    constexpr Names(const std::array<const char*, N>& names) : data_(names.data()), size_(N) {}
    const char* const* begin() const { return data_; }
    const char* const* end() const { return data_ + size_; }
    std::size_t size() const { return size_; }

private:
    const char* const* data_;
    std::size_t size_;
};

// Specialised once per enum with `static constexpr std::array<const char*, N> names`,
// in the enum's order.
template <class E>
struct EnumNames;

template <>
struct EnumNames<Sex> {
    static constexpr std::array<const char*, 3> names{"female", "male", "other"};
};
template <>
struct EnumNames<ConditionType> {
    static constexpr std::array<const char*, 6> names{"stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"};
};
template <>
struct EnumNames<TbiSeverity> {
    static constexpr std::array<const char*, 3> names{"mild", "moderate", "severe"};
};
template <>
struct EnumNames<ClearanceLevel> {
    static constexpr std::array<const char*, 2> names{"moderate", "vigorous"};
};
template <>
struct EnumNames<Mobility> {
    static constexpr std::array<const char*, 3> names{"independent", "walking_aid", "wheelchair"};
};
template <>
struct EnumNames<BodySide> {
    static constexpr std::array<const char*, 2> names{"left", "right"};
};
template <>
struct EnumNames<ReturnLadder> {
    static constexpr std::array<const char*, 4> names{"sport", "learn", "work", "daily"};
};
template <>
struct EnumNames<SessionType> {
    static constexpr std::array<const char*, 9> names{"aerobic",  "strength",   "balance",   "hiit",    "dual_task",
                                                      "mobility", "relaxation", "education", "exposure"};
};
template <>
struct EnumNames<IntensityClass> {
    static constexpr std::array<const char*, 3> names{"light", "moderate", "vigorous"};
};
template <>
struct EnumNames<BlockKind> {
    static constexpr std::array<const char*, 7> names{"warm_up",   "main",     "cool_down", "balance",
                                                      "cognitive", "strength", "rest"};
};
template <>
struct EnumNames<Weekday> {
    static constexpr std::array<const char*, 7> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
};
template <>
struct EnumNames<Severity> {
    static constexpr std::array<const char*, 3> names{"info", "warning", "error"};
};

// The names a reader accepts for E, in enum order.
template <class E>
Names enum_names() {
    return Names(EnumNames<E>::names);
}

// The name of `e`; "" for a value outside the enum.
template <class E>
const char* enum_name(E e) {
    const auto i = static_cast<std::size_t>(e);
    return i < EnumNames<E>::names.size() ? EnumNames<E>::names[i] : "";
}

// The value named `s`, if any.
template <class E>
std::optional<E> parse_enum(std::string_view s) {
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (s == EnumNames<E>::names[i]) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace rehabplan
