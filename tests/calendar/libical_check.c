/* Parses an iCalendar file with libical and checks it the way a calendar program would.
 *
 *   libical_check FILE.ics
 *
 * Fails (exit 1, reason on stderr) when the file is not one VCALENDAR, when libical's
 * parser or its RFC 5545 restriction check (icalrestriction_check) records any error
 * (X-LIC-ERROR properties, counted by icalcomponent_count_errors), or when a VEVENT lacks
 * a UID or DTSTART. Otherwise prints one line per VEVENT, in file order:
 *
 *   UID YYYY-MM-DD DURATION_MINUTES
 *
 * (the date of DTSTART; the duration from DURATION, or DTEND - DTSTART for all-day events)
 * and exits 0. tests/calendar/check_libical.py compares these lines with the plan. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (f == NULL) return NULL;
    do {
        if (cap - len < 4096) {
            char *grown = realloc(buf, cap + 65536);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
            cap += 65536;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static void print_errors(icalcomponent *comp) {
    icalproperty *p;
    icalcomponent *c;
    for (p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY))
        fprintf(stderr, "libical_check: %s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(comp)),
                icalproperty_get_xlicerror(p));
    for (c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); c != NULL;
         c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
        print_errors(c);
}

int main(int argc, char **argv) {
    char *text;
    icalcomponent *cal, *ev;
    int errors, events = 0, status = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: libical_check FILE.ics\n");
        return 2;
    }
    text = read_all(argv[1]);
    if (text == NULL) {
        fprintf(stderr, "libical_check: cannot read %s\n", argv[1]);
        return 1;
    }
    cal = icalparser_parse_string(text);
    free(text);
    if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        fprintf(stderr, "libical_check: %s is not one VCALENDAR\n", argv[1]);
        if (cal != NULL) icalcomponent_free(cal);
        return 1;
    }
    if (!icalrestriction_check(cal)) status = 1; /* adds X-LIC-ERROR properties for what it rejects */
    errors = icalcomponent_count_errors(cal);
    if (errors != 0 || status != 0) {
        fprintf(stderr, "libical_check: %d errors (restriction check %s)\n", errors, status ? "failed" : "passed");
        print_errors(cal);
        icalcomponent_free(cal);
        return 1;
    }
    for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(ev);
        struct icaltimetype start = icalcomponent_get_dtstart(ev);
        struct icaldurationtype d = icalcomponent_get_duration(ev);
        ++events;
        if (uid == NULL || uid[0] == '\0' || icaltime_is_null_time(start)) {
            fprintf(stderr, "libical_check: event %d has no UID or no DTSTART\n", events);
            status = 1;
            continue;
        }
        printf("%s %04d-%02d-%02d %d\n", uid, start.year, start.month, start.day,
               icaldurationtype_as_int(d) / 60);
    }
    icalcomponent_free(cal);
    if (events == 0) {
        fprintf(stderr, "libical_check: no VEVENT in %s\n", argv[1]);
        status = 1;
    }
    return status;
}
