/*
 * header_c89: include/rehabplan/rehabplan.h compiled alone in a C89 translation unit
 * (-std=c89 -pedantic -Werror, see CMakeLists.txt): the header promises plain C89.
 * The few calls below make sure the declarations are usable, not only parsable, and that the
 * header and the library loaded agree on the version.
 */
#include "rehabplan/rehabplan.h"

#include <stdio.h>
#include <string.h>

int main(void) {
    rehabplan_context *ctx = NULL;
    rehabplan_status status;
    char *rules = NULL;
    int failures = 0;

    if (rehabplan_version_number() != REHABPLAN_VERSION_NUMBER) {
        fprintf(stderr, "header_c89: header version %d, library %d\n", REHABPLAN_VERSION_NUMBER,
                rehabplan_version_number());
        ++failures;
    }
    if (strcmp(rehabplan_version_string(), REHABPLAN_VERSION_STRING) != 0) {
        fprintf(stderr, "header_c89: header version \"%s\", library \"%s\"\n", REHABPLAN_VERSION_STRING,
                rehabplan_version_string());
        ++failures;
    }
    status = rehabplan_context_new(&ctx);
    if (status != REHABPLAN_OK || ctx == NULL) {
        fprintf(stderr, "header_c89: rehabplan_context_new: %s\n", rehabplan_status_string(status));
        return 1;
    }
    status = rehabplan_rules(ctx, &rules);
    if (status != REHABPLAN_OK || rules == NULL || strstr(rules, "\"schema_version\"") == NULL) {
        fprintf(stderr, "header_c89: rehabplan_rules: %s: %s\n", rehabplan_status_string(status),
                rehabplan_errmsg(ctx));
        ++failures;
    }
    rehabplan_free(rules);
    rehabplan_context_free(ctx);
    if (failures == 0) printf("header_c89: ok\n");
    return failures == 0 ? 0 : 1;
}
