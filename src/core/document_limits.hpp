// How large and how deeply nested a JSON document the library reads: checked before
// parsing, so a huge or hostile document is refused without building it.
#pragma once

#include <cstddef>

namespace rehabplan {

constexpr std::size_t max_document_bytes = 4u * 1024u * 1024u;
constexpr int max_document_depth = 32;
// The most blocks a session may hold (schema/plan.schema.json); intermittent bouts stay within it.
constexpr int max_session_blocks = 20;
// The most exercises a session may name (schema/plan.schema.json).
constexpr int max_session_exercises = 20;

}  // namespace rehabplan
