/* json_check.c: see json_check.h. Recursive descent, one function per
 * production of the RFC's grammar. */
#include "json_check.h"

#include <stdio.h>
#include <string.h>

typedef struct jc {
    const char *p;
    int depth;
    const char *want;
    jc_result *r;
} jc;

static int jc_value(jc *j);

static void jc_ws(jc *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
        j->p++;
}

static int jc_hex4(const char *s, unsigned *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return 0;
        *out = *out << 4 | d;
    }
    return 1;
}

static void jc_put(char *dec, size_t cap, size_t *n, unsigned c)
{
    if (dec && *n + 1 < cap)
        dec[(*n)++] = (char)c;
}

/* One escape after the backslash; code points <= 0xff become one byte. */
static int jc_escape(jc *j, char *dec, size_t cap, size_t *n)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e = strchr(from, *j->p);
    if (*j->p && e) {
        jc_put(dec, cap, n, (unsigned char)to[e - from]);
        j->p++;
        return 1;
    }
    unsigned u;
    if (*j->p != 'u' || !jc_hex4(j->p + 1, &u))
        return 0;
    jc_put(dec, cap, n, u <= 0xff ? u : '?');
    j->p += 5;
    return 1;
}

static int jc_string(jc *j, char *dec, size_t cap)
{
    size_t n = 0;
    if (*j->p != '"')
        return 0;
    j->p++;
    for (;;) {
        unsigned char c = (unsigned char)*j->p;
        if (c == '"')
            break;
        if (c < 0x20)                /* also the end of the text */
            return 0;
        j->p++;
        if (c == '\\') {
            if (!jc_escape(j, dec, cap, &n))
                return 0;
        } else {
            jc_put(dec, cap, &n, c);
        }
    }
    j->p++;
    if (dec)
        dec[n] = '\0';
    return 1;
}

static int jc_digits(jc *j)
{
    const char *s = j->p;
    while (*j->p >= '0' && *j->p <= '9')
        j->p++;
    return j->p > s;
}

static int jc_number(jc *j)
{
    if (*j->p == '-')
        j->p++;
    if (*j->p == '0')
        j->p++;
    else if (!jc_digits(j))
        return 0;
    if (*j->p == '.' && (j->p++, !jc_digits(j)))
        return 0;
    if (*j->p == 'e' || *j->p == 'E') {
        j->p++;
        if (*j->p == '+' || *j->p == '-')
            j->p++;
        if (!jc_digits(j))
            return 0;
    }
    return 1;
}

static int jc_member(jc *j)
{
    char key[64];
    if (!jc_string(j, key, sizeof key))
        return 0;
    if (j->depth == 1 && j->r->ntop < JC_MAX_TOP)
        snprintf(j->r->top[j->r->ntop++], sizeof j->r->top[0], "%s", key);
    jc_ws(j);
    if (*j->p != ':')
        return 0;
    j->p++;
    jc_ws(j);
    if (j->want && !j->r->found && !strcmp(key, j->want) && *j->p == '"') {
        j->r->found = 1;
        return jc_string(j, j->r->value, sizeof j->r->value);
    }
    return jc_value(j);
}

/* Object or array: open, items separated by commas, close. */
static int jc_items(jc *j, char close, int (*item)(jc *))
{
    j->p++;
    j->depth++;
    jc_ws(j);
    if (*j->p == close) {
        j->p++;
        j->depth--;
        return 1;
    }
    for (;;) {
        jc_ws(j);
        if (!item(j))
            return 0;
        jc_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p != close)
            return 0;
        j->p++;
        j->depth--;
        return 1;
    }
}

static int jc_literal(jc *j, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(j->p, word, n))
        return 0;
    j->p += n;
    return 1;
}

static int jc_value(jc *j)
{
    if (j->depth > 64)
        return 0;
    switch (*j->p) {
    case '{': return jc_items(j, '}', jc_member);
    case '[': return jc_items(j, ']', jc_value);
    case '"': return jc_string(j, NULL, 0);
    case 't': return jc_literal(j, "true");
    case 'f': return jc_literal(j, "false");
    case 'n': return jc_literal(j, "null");
    default: return jc_number(j);
    }
}

void jc_parse(const char *text, const char *want, jc_result *r)
{
    jc j = {text, 0, want, r};
    memset(r, 0, sizeof *r);
    jc_ws(&j);
    r->valid = jc_value(&j);
    jc_ws(&j);
    r->valid = r->valid && *j.p == '\0';
}
