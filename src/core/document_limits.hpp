// How large and how deeply nested a JSON document the library reads: checked before
// parsing, so a huge or hostile document is refused without building it.
#pragma once

#include <cstddef>

namespace rehabplan {

constexpr std::size_t max_document_bytes = 4u * 1024u * 1024u;
constexpr int max_document_depth = 32;

}  // namespace rehabplan
