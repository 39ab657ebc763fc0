/* json_check.h: a strict JSON (RFC 8259) reader, just enough for tests to
 * prove that the probe's output parses and to read one string back. */
#ifndef ELIDE_TESTS_JSON_CHECK_H
#define ELIDE_TESTS_JSON_CHECK_H
#include <stddef.h>

#define JC_MAX_TOP 32

typedef struct jc_result {
    int valid;                   /* one JSON value and nothing after it */
    unsigned ntop;               /* keys of the top-level object, in order */
    char top[JC_MAX_TOP][64];
    int found;                   /* the wanted key had a string value */
    char value[512];             /* that value, unescaped (\u00XX -> byte) */
} jc_result;

/* Parse text; if want is not NULL, unescape the string value of the first
 * member named `want` (at any depth) into r->value. */
void jc_parse(const char *text, const char *want, jc_result *r);

#endif
