/*
 * rehabplan.h: the stable C API of rehabplan.
 *
 * rehabplan plans and checks rehabilitation exercise programmes. This header is the whole
 * public contract of the installed library: plain C (C89 and later, and C++), no types but
 * `char`, `size_t` and the opaque context, JSON documents in and out.
 *
 * Documents
 *   Every document is UTF-8 JSON passed as pointer + length (it need not be NUL-terminated;
 *   a NUL byte inside the length is a parse error). The formats are described by the JSON
 *   Schemas in the source tree (schema/): patient, request, plan, rules, findings, zones,
 *   session-log, progress, batch-request and batch-result.
 *   Documents over 4 MiB or nested deeper than 32 levels are a REHABPLAN_PARSE_ERROR.
 *
 * Ownership and memory
 *   The library allocates every document it returns (NUL-terminated UTF-8 JSON) and the
 *   caller releases it with rehabplan_free(). On failure the output pointer is set to NULL,
 *   except where a function says otherwise (a refused plan still returns its findings).
 *   rehabplan_errmsg() and rehabplan_error_json() return text owned by the context (valid
 *   until the next call on it): never free those. Input buffers are only read during the
 *   call. A failed allocation is reported as REHABPLAN_OUT_OF_MEMORY with nothing leaked and
 *   the context unchanged, with one
 *   limitation: inside the JSON library (nlohmann_json 3.11) a few operations terminate the
 *   process when an allocation fails, as most C++ programs would.
 *
 * Errors
 *   Every call that can fail returns a rehabplan_status. REHABPLAN_OK is 0; the other codes
 *   are stable and only ever appended. rehabplan_status_string() gives static text for a code,
 *   rehabplan_errmsg() the detail of a context's last failure, including the JSON Pointer of
 *   the offending field ("patient: /age: expected an integer 12-110, got number 1e+300"), and
 *   rehabplan_error_json() (since 1.4.0) the same as data: status, document, JSON Pointer and,
 *   for REHABPLAN_INVALID_ARGUMENT, which of its three meanings. NULL arguments are
 *   REHABPLAN_INVALID_ARGUMENT, never a crash; no C++ exception leaves the library.
 *
 * Thread safety
 *   The library has no mutable global state. Different contexts may be used from different
 *   threads at the same time. One context must not be used by two threads at once (its
 *   error message is per context): give each thread its own, or serialise the calls.
 *   rehabplan_context_clone() (since 1.4.0) gives a thread its own copy of a context with
 *   the rules already loaded; it only reads the source, so several threads may clone one
 *   context at once, also while another thread makes calls on it (except
 *   rehabplan_context_load_rules(), rehabplan_context_load_exercises() and
 *   rehabplan_context_free()).
 *   rehabplan_status_string(), the version calls and rehabplan_free() are safe from any
 *   thread at any time.
 *
 * Determinism
 *   The library never reads the clock or the environment: the same inputs give
 *   byte-identical outputs. "Today" is the start date in the request, or the `today`
 *   argument of rehabplan_progress() and rehabplan_replan().
 *
 * Stability
 *   Functions and status codes are only added, never changed or removed, within one ABI
 *   version (the SONAME, librehabplan.so.1). Each declaration says since which version it
 *   exists (REHABPLAN_VERSION_CHECK() tests the header's version at compile time,
 *   rehabplan_version_number() the loaded library's at run time). The ABI is checked
 *   against a baseline on every test run (abi/). A declaration marked REHABPLAN_EXPERIMENTAL
 *   is outside this promise: it may change or go in a minor release. One marked
 *   REHABPLAN_DEPRECATED still works as documented for the whole ABI version; its doc says
 *   what replaces it. (Today nothing is either.)
 *
 * How the API grows (the rule for every function added since 1.4.0)
 *   Functions before 1.4.0 take their settings as positional arguments (rehabplan_progress()
 *   has 12) and changed behaviour needed a second function (rehabplan_generate_with_findings()).
 *   From 1.4.0 on, every new function follows these rules:
 *   1. Documents stay (pointer, length) pairs, as today: patient, plan, request, log, rules.
 *   2. Every other knob (today, format, language, threads, first line and any future option)
 *      goes in one `options` JSON document, also (pointer, length), described by
 *      schema/options.schema.json: one vocabulary of members for every function, each
 *      function's doc lists which members it takes and their defaults; NULL options (or "{}")
 *      means every default. A member the function does not know, or one it does not take,
 *      is a REHABPLAN_SCHEMA_ERROR naming the member (error_json: document "options",
 *      pointer "/member"), so an old library refuses a new option instead of ignoring it,
 *      and a binding can pass a dict. A new option is a new member, never a new function.
 *   3. Only what JSON cannot carry (a callback, a caller's buffer) gets a versioned struct
 *      whose first member is its version, with an _INIT macro.
 *   4. No output whose meaning depends on the status (as rehabplan_generate()'s plan-or-
 *      findings): each output pointer has one meaning, and is NULL whenever that output was
 *      not made.
 *   5. Every output has a length: each char ** output comes with a size_t * (optional,
 *      NULL allowed) that receives its length without the NUL.
 *   6. The function returns a rehabplan_status and sets the context's errmsg and error_json.
 */
#ifndef REHABPLAN_H
#define REHABPLAN_H

#include <stddef.h>

#include "rehabplan/version.h"

/* REHABPLAN_API marks the exported functions; everything else in the library is hidden.
 * rehabplan is built and tested on Linux only (README, "Installing and linking"), so there
 * is no Windows import/export branch: GCC and clang mark the symbol visible, the library's
 * version script exports exactly the rehabplan_ functions. */
#if defined(__GNUC__) && __GNUC__ >= 4
#  define REHABPLAN_API __attribute__((visibility("default")))
#else
#  define REHABPLAN_API
#endif

/* REHABPLAN_VERSION_CHECK(major, minor, patch): true (1) when the header compiled against is
 * that version or later, like curl's CURL_AT_LEAST_VERSION and libgit2's
 * LIBGIT2_VERSION_CHECK. Use it to compile a call only where the header declares it:
 *     #if REHABPLAN_VERSION_CHECK(1, 4, 0)
 *         rehabplan_context_clone(ctx, &copy);
 *     #endif
 * It says nothing of the library loaded at run time: compare rehabplan_version_number()
 * with a version number for that. Since 1.4.0. */
#define REHABPLAN_VERSION_CHECK(major, minor, patch) \
    (REHABPLAN_VERSION_NUMBER >= ((major) * 1000000 + (minor) * 1000 + (patch)))

/* REHABPLAN_DEPRECATED(message): marks a declaration that still works for the whole ABI
 * version but has a replacement (named in its doc and the message); compilers that know the
 * attribute warn at each use. Define REHABPLAN_DISABLE_DEPRECATION_WARNINGS before including
 * this header to silence them. Nothing is deprecated today. Since 1.4.0.
 * REHABPLAN_EXPERIMENTAL: marks a declaration outside the stability promise (it may change
 * or go in a minor release; the ABI baseline ignores nothing for it, so it is still only
 * added). By default it expands to nothing; define REHABPLAN_WARN_EXPERIMENTAL before
 * including this header to get a warning at each use. Nothing is experimental today.
 * Since 1.4.0. */
#if defined(REHABPLAN_DISABLE_DEPRECATION_WARNINGS)
#  define REHABPLAN_DEPRECATED(message)
#elif defined(__cplusplus) && __cplusplus >= 201402L
#  define REHABPLAN_DEPRECATED(message) [[deprecated(message)]]
#elif defined(__clang__) || (defined(__GNUC__) && (__GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 5)))
#  define REHABPLAN_DEPRECATED(message) __attribute__((deprecated(message)))
#elif defined(_MSC_VER)
#  define REHABPLAN_DEPRECATED(message) __declspec(deprecated(message))
#else
#  define REHABPLAN_DEPRECATED(message)
#endif

#if defined(REHABPLAN_WARN_EXPERIMENTAL)
#  define REHABPLAN_EXPERIMENTAL REHABPLAN_DEPRECATED("experimental: may change in a minor release")
#else
#  define REHABPLAN_EXPERIMENTAL
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------- */

/** The result of every call that can fail. Values are stable; new codes are appended. */
typedef enum rehabplan_status {
    REHABPLAN_OK = 0,               /**< success */
    REHABPLAN_INVALID_ARGUMENT = 1, /**< NULL or invalid argument, a request that cannot be planned
                                         as asked, or (replan) a plan that already breaks a rule:
                                         rehabplan_error_json()'s "reason" tells which */
    REHABPLAN_PARSE_ERROR = 2,      /**< not JSON, not UTF-8, empty, too large or too deep */
    REHABPLAN_SCHEMA_ERROR = 3,     /**< valid JSON that breaks the document's schema */
    REHABPLAN_RULES_ERROR = 4,      /**< a rule file that is malformed or loosens a safety rule */
    REHABPLAN_REFUSED = 5,          /**< the plan must not be made (contraindication); see findings */
    REHABPLAN_OUT_OF_MEMORY = 6,    /**< an allocation failed; the context is unchanged (see Memory) */
    REHABPLAN_INTERNAL = 7,         /**< a bug in rehabplan: please report it with the inputs */
    REHABPLAN_STATUS_LAST_ = 8      /**< not a status: one past the last, never returned */
} rehabplan_status;

/**
 * Static English text for a status code ("ok", "parse error", ...); "unknown status" for a
 * value that is not a status. Never NULL; the caller must not free it.
 * Thread safety: any thread. Since 1.0.0.
 */
REHABPLAN_API const char *rehabplan_status_string(int status);

/* ---------------------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------------------- */

/**
 * REHABPLAN_VERSION_NUMBER of the library actually loaded (major * 1000000 + minor * 1000 +
 * patch). Compare it with the header's REHABPLAN_VERSION_NUMBER to detect a mismatch
 * between the header compiled against and the library loaded. Since 1.0.0.
 */
REHABPLAN_API int rehabplan_version_number(void);

/** The loaded library's version as text, "1.0.0". Static; never NULL. Since 1.0.0. */
REHABPLAN_API const char *rehabplan_version_string(void);

/* ---------------------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------------------- */

/**
 * Releases a document returned by this library. NULL is a no-op. Use it for every output
 * of rehabplan_generate(), rehabplan_generate_with_findings(), rehabplan_validate(),
 * rehabplan_heart_rate_zones(), rehabplan_rules(), rehabplan_render(), rehabplan_progress(),
 * rehabplan_replan(), rehabplan_batch_line() and rehabplan_batch(), and for nothing else. Thread safety: any thread. Since 1.0.0.
 */
REHABPLAN_API void rehabplan_free(void *document);

/* ---------------------------------------------------------------------------------------
 * Context
 * ------------------------------------------------------------------------------------- */

/** Opaque handle: the rule set in force (built-in, maybe tightened) and the last error. */
typedef struct rehabplan_context rehabplan_context;

/**
 * Creates a context with the built-in rule set.
 * On success *out is the new context (release it with rehabplan_context_free()).
 * Errors: REHABPLAN_INVALID_ARGUMENT when out is NULL; REHABPLAN_OUT_OF_MEMORY (then *out is
 * NULL). Thread safety: any thread. Since 1.0.0. (rehabplan_context_clone() copies one.)
 */
REHABPLAN_API rehabplan_status rehabplan_context_new(rehabplan_context **out);

/** Releases a context and its error message. NULL is a no-op. Since 1.0.0. */
REHABPLAN_API void rehabplan_context_free(rehabplan_context *ctx);

/**
 * The message of the context's last failure: which document, where and what went wrong
 * ("patient: /age: expected an integer 12-110, got number 1e+300"). "" after a
 * successful call. Owned by the context, valid until the next call on it; never NULL
 * (for a NULL ctx it says so). Since 1.0.0.
 */
REHABPLAN_API const char *rehabplan_errmsg(const rehabplan_context *ctx);

/**
 * A copy of ctx with the same rule set (built-in plus every clinic file loaded into ctx,
 * already parsed and checked), so that worker threads get a context each without reading
 * the rule files again. The copy has no error yet (errmsg "", error_json status
 * REHABPLAN_OK); later rehabplan_context_load_rules() on either one does not change the
 * other. Release it with rehabplan_context_free().
 * Errors: REHABPLAN_INVALID_ARGUMENT when ctx or out is NULL (*out is then NULL when out is
 *   not NULL); REHABPLAN_OUT_OF_MEMORY (*out NULL). ctx's errmsg and error_json are not
 *   changed, whatever happens: the call only reads ctx's rules.
 * Thread safety: as ctx is only read, several threads may clone one context at the same
 *   time, and a context may be cloned while another thread makes calls on it, except
 *   rehabplan_context_load_rules() (which changes its rules) and rehabplan_context_free().
 *   A clone is a new context: use it from one thread at a time, like any other.
 * Since 1.4.0.
 */
REHABPLAN_API rehabplan_status rehabplan_context_clone(const rehabplan_context *ctx, rehabplan_context **out);

/**
 * The context's last failure as a JSON document, so clinic software can show the field at
 * fault without parsing the message:
 *     {"status": "REHABPLAN_SCHEMA_ERROR", "code": 3, "document": "patient",
 *      "pointer": "/age", "argument": null, "reason": null,
 *      "message": "patient: /age: expected an integer 12-110, got number 1e+300"}
 * Members (always all seven, in this order):
 *   status   the status name as in this header ("REHABPLAN_OK", "REHABPLAN_PARSE_ERROR", ...)
 *   code     the status as a number
 *   document the input at fault: "patient", "plan", "request", "log", "rules", "exercises"
 *            (since 1.5.0) or "options" (the options document of functions added since
 *            1.4.0); null when no document
 *            is at fault (a NULL or invalid argument, a refusal, out of memory, internal)
 *   pointer  the JSON Pointer (RFC 6901) of the field at fault within that document; "" for
 *            the whole document (a parse error, for example); null when document is null
 *   argument the C parameter at fault when it is not a document ("format", "lang", "today",
 *            "threads", "plan_json_out", ...); null otherwise
 *   reason   for REHABPLAN_INVALID_ARGUMENT only, which of its three meanings (null for
 *            every other status):
 *              "argument"          a NULL or invalid argument ("argument" names it);
 *              "cannot_plan"       a request that cannot be planned as asked (a
 *                                  programme for another condition, a missing fear
 *                                  hierarchy): document "request" and the member
 *                                  (the patient and /fear_hierarchy for that one);
 *              "plan_breaks_rule"  rehabplan_replan(): the plan already breaks a rule in
 *                                  force: document "plan" and the place of the first breach.
 *            New values may be added; treat an unknown one as "argument".
 *   message  rehabplan_errmsg()'s text.
 * After a successful call (and for a new or cloned context) it is
 *     {"status":"REHABPLAN_OK","code":0,"document":null,"pointer":null,"argument":null,
 *      "reason":null,"message":""}.
 * A refusal (REHABPLAN_REFUSED) has document null: the findings document has the reasons.
 * When memory ran out while the document was made, it has the status and code and nulls.
 * Never NULL; for a NULL ctx a document with status REHABPLAN_INVALID_ARGUMENT, argument
 * "ctx". NUL-terminated UTF-8; *len_out, when len_out is not NULL, is its length without
 * the NUL. Owned by the context (or static): do not free it; valid until the next call on
 * the context (or its release). Thread safety: as rehabplan_errmsg(). Since 1.4.0.
 */
REHABPLAN_API const char *rehabplan_error_json(const rehabplan_context *ctx, size_t *len_out);

/**
 * Applies a clinic rule file (schema/rules.schema.json, clinic form) on top of the rules in
 * force. A clinic may set its own dosing targets, but safety parameters may only be made
 * stricter: loosening a safety parameter, changing a fixed one or an unknown rule or
 * parameter is a REHABPLAN_RULES_ERROR naming the rule, parameter and path. Files loaded one
 * after another stack, each checked against the rules in force. On any failure the
 * context's rules are unchanged.
 * Errors: INVALID_ARGUMENT (NULL ctx or json), PARSE_ERROR, SCHEMA_ERROR (a file of the
 * wrong shape: types, unknown fields), RULES_ERROR, OUT_OF_MEMORY.
 * Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_context_load_rules(rehabplan_context *ctx, const char *json,
                                                           size_t len);

/**
 * Applies a clinic exercise file (schema/exercises.schema.json) on top of the exercise
 * library in force. It may add exercises (a new ID), replace a built-in one (keeping its
 * chain, level and category and every precaution it has), add precautions, add patient
 * facts to a known precaution, add references and give exercises a video_url (https
 * only). Dropping a precaution or a fact, or a library whose chains no longer have levels
 * 1..n, is a REHABPLAN_RULES_ERROR naming the path (rehabplan_error_json(): document
 * "exercises"). Files loaded one after another stack. On any failure the context is
 * unchanged.
 * Errors: INVALID_ARGUMENT (NULL ctx or json), PARSE_ERROR, SCHEMA_ERROR (wrong shape:
 * types, ranges, unknown fields), RULES_ERROR, OUT_OF_MEMORY.
 * Since 1.5.0.
 */
REHABPLAN_API rehabplan_status rehabplan_context_load_exercises(rehabplan_context *ctx, const char *json,
                                                               size_t len);

/* ---------------------------------------------------------------------------------------
 * Planning and checking
 * ------------------------------------------------------------------------------------- */

/**
 * Generates a dated, graded plan for a patient (schema/patient.schema.json) from a request
 * (schema/request.schema.json: start date, weeks, programme, language).
 *
 * REHABPLAN_OK: *plan_json_out is the plan document (schema/plan.schema.json). It validates
 *   with zero errors against the same patient and rules.
 * REHABPLAN_REFUSED: no plan may be made for this patient (an absolute contraindication,
 *   for example). *plan_json_out is then a findings document (schema/findings.schema.json)
 *   with the reasons and the referral, to show to the clinician.
 * Other failures: *plan_json_out is NULL and rehabplan_errmsg() says why.
 *   INVALID_ARGUMENT (NULL argument; a programme for another condition, a missing fear
 *   hierarchy), PARSE_ERROR, SCHEMA_ERROR (with the JSON Pointer, prefixed "patient" or
 *   "request"), OUT_OF_MEMORY, INTERNAL.
 * Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_generate(rehabplan_context *ctx, const char *patient_json,
                                                 size_t patient_len, const char *request_json,
                                                 size_t request_len, char **plan_json_out);

/**
 * As rehabplan_generate(), and also the generator's findings: why the plan looks as it does
 * (the week the full dose is reached or why it is not, HIIT left out and why). On
 * REHABPLAN_OK both outputs are set; on REHABPLAN_REFUSED *plan_json_out is NULL and
 * *findings_json_out has the reasons; on other failures both are NULL.
 * plan_json_out and findings_json_out must not be NULL. Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_generate_with_findings(rehabplan_context *ctx, const char *patient_json,
                                                               size_t patient_len, const char *request_json,
                                                               size_t request_len, char **plan_json_out,
                                                               char **findings_json_out);

/**
 * Checks a plan (generated or written by a therapist) against the rules in force for the
 * patient. Violations are data, not errors: the call returns REHABPLAN_OK and
 * *findings_json_out lists them (schema/findings.schema.json) with rule ID, severity, place
 * in the plan, expected and actual values, message (en, nl) and citations.
 * Errors: INVALID_ARGUMENT, PARSE_ERROR, SCHEMA_ERROR ("patient" or "plan" and the JSON
 * Pointer), OUT_OF_MEMORY, INTERNAL; *findings_json_out is then NULL. Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_validate(rehabplan_context *ctx, const char *patient_json,
                                                 size_t patient_len, const char *plan_json, size_t plan_len,
                                                 char **findings_json_out);

/**
 * The patient's HRmax (measured or the formula used), aerobic target zone, ACSM intensity
 * bands and HIIT ceiling (schema/zones.schema.json). Concussion patients get the early-phase
 * limits. Errors as rehabplan_validate(). Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_heart_rate_zones(rehabplan_context *ctx, const char *patient_json,
                                                         size_t patient_len, char **zones_json_out);

/**
 * The rule set in force in this context (built-in plus any clinic files), with every
 * parameter, its unit, direction of strictness and citations (schema/rules.schema.json).
 * Errors: INVALID_ARGUMENT, OUT_OF_MEMORY. Since 1.0.0.
 */
REHABPLAN_API rehabplan_status rehabplan_rules(rehabplan_context *ctx, char **rules_json_out);

/* ---------------------------------------------------------------------------------------
 * Printing
 * ------------------------------------------------------------------------------------- */

/**
 * Renders a plan document (schema/plan.schema.json) for the patient.
 *
 * format: "html" (one self-contained A4 page set: inline CSS and SVG, no scripts, no
 *   network), "text" (80 columns), "markdown", "ics" (an iCalendar file, RFC 5545: one
 *   event per session, CRLF line ends, floating local times, see the README), "json"
 *   (the plan document itself, normalised) or, since 1.3.0, "fhir" (an HL7 FHIR R4 Bundle
 *   of type collection: CarePlan, Goals, DetectedIssues, PlanDefinition and
 *   ActivityDefinitions; schema/fhir/README.md describes the mapping).
 * lang: "en" or "nl" for every label, weekday, month, unit and stop signal; NULL or ""
 *   takes the plan's own language (English when it has none). Titles, notes and
 *   instructions the generator wrote are translated; text a therapist typed is printed
 *   as written.
 * The plan's optional "patient", "heart_rate_zone" and "findings" (filled by
 * rehabplan_generate()) add the patient summary, the zone with its formula and the
 * review for the therapist. The weekly targets in the chart are the rules in force in
 * ctx. The output is a NUL-terminated document (release it with rehabplan_free());
 * *out_len, when out_len is not NULL, is its length without the NUL. The same inputs
 * give the same bytes.
 * Errors: INVALID_ARGUMENT (NULL ctx, plan_json, format or out; an unknown format or
 * language), PARSE_ERROR, SCHEMA_ERROR ("plan" and the JSON Pointer), OUT_OF_MEMORY,
 * INTERNAL; *out is then NULL and *out_len 0. Thread safety: as every call on a context.
 * Since 1.1.0.
 */
REHABPLAN_API rehabplan_status rehabplan_render(rehabplan_context *ctx, const char *plan_json, size_t plan_len,
                                               const char *format, const char *lang, char **out,
                                               size_t *out_len);

/**
 * Lists the exercise library in force in ctx (the built-in one with any clinic file
 * loaded): names, instructions, doses, levels, precautions and sources.
 *
 * options (schema/options.schema.json; NULL, options_len 0 or "{}" takes every default):
 *   "condition"  only the exercises that suit this condition ("stroke", "tbi",
 *                "concussion", "dementia", "parkinson", "chronic_pain"); absent: all.
 *   "lang"       "en" (default) or "nl".
 *   "format"     "json" (default), "text" (80 columns) or "html" (a printable
 *                catalogue with a picture of every exercise: no scripts, no network).
 *   Any other member is a REHABPLAN_SCHEMA_ERROR naming it (document "options").
 * The output is a NUL-terminated document (release it with rehabplan_free()); *out_len,
 * when out_len is not NULL, is its length without the NUL. The same inputs give the same
 * bytes.
 * Errors: INVALID_ARGUMENT (NULL ctx or out), PARSE_ERROR, SCHEMA_ERROR (options: an
 * unknown member or value, with its JSON Pointer), OUT_OF_MEMORY, INTERNAL; *out is then
 * NULL and *out_len 0. Thread safety: as every call on a context. Since 1.5.0.
 */
REHABPLAN_API rehabplan_status rehabplan_exercises(rehabplan_context *ctx, const char *options, size_t options_len,
                                                  char **out, size_t *out_len);

/* ---------------------------------------------------------------------------------------
 * Progress and replanning
 * ------------------------------------------------------------------------------------- */

/**
 * Weekly progress of a patient on a plan, from the session log (what the patient actually
 * did: schema/session-log.schema.json), as of `today`.
 *
 * For every plan week that started before today: planned and done sessions and minutes,
 * adherence, minutes in the heart-rate zone, RPE, symptoms, stop signals, training load
 * (Foster's session-RPE load with the Borg 6-20 rating, monotony, strain; the acute:chronic
 * ratio as information only), the progression decision (advance, hold, step_back or
 * stop_and_refer) with the rule behind it and the reason in one sentence; then the
 * decision for the weeks from today, and findings for the therapist. The rules in force in
 * ctx decide.
 *
 * today: NUL-terminated "YYYY-MM-DD", the date the report is made (the library never reads
 *   the clock). Log entries up to and including today count; an entry after today is an error.
 * format: "json" (the report as a document, schema/progress.schema.json), "text" (80
 *   columns) or "html" (one self-contained A4 page set with inline SVG charts: no scripts,
 *   no network).
 * lang: "en" or "nl"; NULL or "" takes the plan's own language (English when it has none).
 * The output is a NUL-terminated document (release it with rehabplan_free()); *out_len, when
 * out_len is not NULL, is its length without the NUL. The same inputs give the same bytes.
 * Errors: *out is then NULL and *out_len 0.
 *   INVALID_ARGUMENT: NULL ctx, patient_json, plan_json, log_json, today, format or out; a
 *     today that is not a date ("today: expected a date YYYY-MM-DD, got ...") or before the
 *     plan's start ("today: ..."); an unknown format ("format: ...") or language ("lang: ...").
 *   PARSE_ERROR, SCHEMA_ERROR: a bad document, named with the JSON Pointer ("patient: ",
 *     "plan: ", "log: "). A log that does not fit the plan or today is a SCHEMA_ERROR of the
 *     log naming the entry ("log: /entries/3/date: ..."): an entry after today or outside the
 *     plan's dates, more entries on a day than it has sessions, a missing type where a day
 *     has several sessions, another patient's ID.
 *   OUT_OF_MEMORY, INTERNAL.
 * Thread safety: as every call on a context. Since 1.2.0.
 */
REHABPLAN_API rehabplan_status rehabplan_progress(rehabplan_context *ctx, const char *patient_json,
                                                 size_t patient_len, const char *plan_json, size_t plan_len,
                                                 const char *log_json, size_t log_len, const char *today,
                                                 const char *format, const char *lang, char **out,
                                                 size_t *out_len);

/**
 * Rewrites a plan from `today` on, following the progression decision of
 * rehabplan_progress() for the same inputs. Sessions before today stay as they were; later
 * ones follow the decision: advance keeps the plan, hold repeats the last week's dose before
 * going on, step_back goes one week (a concussion step) back, stop_and_refer removes every
 * session from today until a clinician has seen the patient (then make a new plan). The plan
 * keeps its dates and length; content pushed past its end is named in a finding.
 *
 * today: as rehabplan_progress().
 * REHABPLAN_OK: *plan_json_out is the revised plan document (schema/plan.schema.json). Its
 *   "findings" say what changed and why; it validates with zero errors against the same
 *   patient and rules. When findings_json_out is not NULL, *findings_json_out is those
 *   findings as a findings document (schema/findings.schema.json).
 * Errors: the outputs are then NULL. INVALID_ARGUMENT (NULL ctx, patient_json, plan_json,
 *   log_json, today or plan_json_out; a bad today, as rehabplan_progress(); a plan that
 *   already breaks a rule in force, "replan: the plan already breaks <rule> at <path> ...":
 *   it is not rewritten), PARSE_ERROR, SCHEMA_ERROR ("patient: ", "plan: ", "log: " and the
 *   JSON Pointer; a log that does not fit the plan or today, as rehabplan_progress()),
 *   OUT_OF_MEMORY, INTERNAL.
 * Thread safety: as every call on a context. Since 1.2.0.
 */
REHABPLAN_API rehabplan_status rehabplan_replan(rehabplan_context *ctx, const char *patient_json,
                                               size_t patient_len, const char *plan_json, size_t plan_len,
                                               const char *log_json, size_t log_len, const char *today,
                                               char **plan_json_out, char **findings_json_out);

/* ---------------------------------------------------------------------------------------
 * Batches
 * ------------------------------------------------------------------------------------- */

/**
 * One line of an NDJSON batch to its result record.
 *
 * A line is one JSON object (schema/batch-request.schema.json): "patient" and "request"
 * generate a plan ("format": "json" for the plan document, the default, or "fhir" for an
 * HL7 FHIR R4 Bundle, in "lang" en or nl); "patient" and "plan" validate one; "id" (a
 * string or an integer) is echoed. The record (schema/batch-result.schema.json) is one line
 * of JSON without a line break: "line" (line_number), "id", "kind" (generate or validate),
 * "status" ("ok" with "plan" or "fhir" and "findings", or the validation's "findings";
 * "refused" with the findings; "error" with "error": {"code", "message"}, the message naming
 * the field from the line's root: "/patient/age: expected an integer 12-110, got ..."). A
 * line that cannot be read is a record too: the call still returns REHABPLAN_OK.
 *
 * line need not be NUL-terminated and must not contain a line break ('\n'); a trailing
 * '\r' is ignored. line_number is 1 or more. *out_len, when out_len is not NULL, is the
 * record's length. Errors: INVALID_ARGUMENT (NULL ctx, line or record_out; line_number 0; a
 * line break inside the line), OUT_OF_MEMORY; *record_out is then NULL.
 * Thread safety: as every call on a context; a context per thread runs lines in parallel.
 * Since 1.3.0.
 */
REHABPLAN_API rehabplan_status rehabplan_batch_line(rehabplan_context *ctx, const char *line, size_t len,
                                                   size_t line_number, char **record_out, size_t *out_len);

/**
 * A whole NDJSON batch: one result record (as rehabplan_batch_line()) per input line, each
 * followed by '\n', in input order, made by `threads` worker threads (1-64; 0 takes the
 * number of processors) with the rules in force in ctx. The records do not depend on the
 * number of threads. Lines end in '\n' (or "\r\n"); the last line needs no line break;
 * an empty line gives an error record, so output line k is always about input line k.
 * Lines are numbered from first_line (1 for a whole file; a larger value for a part of
 * one). A line over 4 MiB is an error record. The output is NUL-terminated; *out_len, when
 * out_len is not NULL, is its length.
 * Errors: INVALID_ARGUMENT (NULL ctx, ndjson or out; first_line 0; threads over 64),
 * OUT_OF_MEMORY; *out is then NULL and *out_len 0. The calling thread waits for the
 * workers; ctx is only read while they run. Since 1.3.0.
 */
REHABPLAN_API rehabplan_status rehabplan_batch(rehabplan_context *ctx, const char *ndjson, size_t len,
                                              size_t first_line, unsigned threads, char **out, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* REHABPLAN_H */
