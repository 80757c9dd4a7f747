/*
 * JSON for the C API tests, from a small C++ helper (test_json.cpp, nlohmann::json), so the C
 * tests read documents with a real parser instead of string searches or a hand-written one.
 * Callable from C99 and C++. Every function takes the document as (pointer, length); none
 * keeps it. Strings returned are malloc'd: release them with free().
 */
#ifndef REHABPLAN_TEST_JSON_H
#define REHABPLAN_TEST_JSON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when the n bytes at json are one JSON document (RFC 8259, UTF-8; no comments), else 0. */
int test_json_is_valid(const char *json, size_t n);

/* The value at the JSON Pointer (RFC 6901; "" = the whole document): a string's text without
 * quotes, anything else as compact JSON ("null", "3", "true", "{\"a\":1}"). NULL when the
 * document is not JSON or the pointer names nothing. Caller frees. */
char *test_json_get(const char *json, size_t n, const char *pointer);

/* The type of the value at the pointer: "null", "boolean", "number", "string", "array",
 * "object"; "missing" when the pointer names nothing, "invalid" when the document is not
 * JSON. Static text. */
const char *test_json_type(const char *json, size_t n, const char *pointer);

/* The integer at the pointer; `fallback` when it is missing or not an integer. */
long test_json_long(const char *json, size_t n, const char *pointer, long fallback);

/* The number of members (object) or items (array) at the pointer; -1 for anything else. */
long test_json_size(const char *json, size_t n, const char *pointer);

/* 1 when `pointer` is a well-formed JSON Pointer that names a value in the document. */
int test_json_has(const char *json, size_t n, const char *pointer);

/* A copy of the n bytes without the white space outside JSON strings, every other byte kept as
 * it is (a compact line from an indented document). Caller frees; NULL only when out of memory. */
char *test_json_minified(const char *json, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* REHABPLAN_TEST_JSON_H */
