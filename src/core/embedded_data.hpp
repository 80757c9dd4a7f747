// The data files compiled into the library (data/*.json, see cmake/EmbedData.cmake): the
// library never reads data/ at run time.
#pragma once

#include <string_view>

namespace rehabplan::embedded {
std::string_view rules_json();
std::string_view messages_json();
std::string_view print_json();
std::string_view programmes_json();
std::string_view fhir_json();
}  // namespace rehabplan::embedded
