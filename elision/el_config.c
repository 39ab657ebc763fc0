/* el_config.c: the policy's numbers and the ELIDE_TUNABLES parser. */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

elide_config el_g_config = ELIDE_CONFIG_DEFAULT_INITIALIZER;

typedef struct el_tunable {
    const char *name;
    size_t offset;
    unsigned max;
} el_tunable;

static const el_tunable el_tunables[] = {
#define EL_TUNABLE_(name, def, max, why) { #name, offsetof(elide_config, name), max },
    ELIDE_CONFIG_FIELDS(EL_TUNABLE_)
#undef EL_TUNABLE_
};

static const el_tunable *el_tunable_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof el_tunables / sizeof el_tunables[0]; i++)
        if (strlen(el_tunables[i].name) == len &&
            memcmp(el_tunables[i].name, name, len) == 0)
            return &el_tunables[i];
    return NULL;
}

/* A decimal or 0x number, whole item, within [0, max]. */
static int el_parse_number(const char *s, size_t len, unsigned max, unsigned *out)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf || s[0] == '-' || s[0] == '+')
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    errno = 0;
    char *end;
    unsigned long v = strtoul(buf, &end, 0);
    if (errno || *end != '\0' || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* One "name=value" item of length len; 0 if it was applied. */
static int el_parse_item(elide_config *c, const char *item, size_t len, FILE *err)
{
    const char *eq = memchr(item, '=', len);
    size_t nlen = eq ? (size_t)(eq - item) : len;
    const el_tunable *t = el_tunable_find(item, nlen);
    unsigned v;
    if (!t) {
        if (err)
            fprintf(err, "elide: ELIDE_TUNABLES: unknown tunable '%.*s' (ignored)\n",
                    (int)nlen, item);
        return -1;
    }
    if (!eq || el_parse_number(eq + 1, len - nlen - 1, t->max, &v) != 0) {
        if (err)
            fprintf(err, "elide: ELIDE_TUNABLES: %s needs a number from 0 to %u, got '%.*s'"
                    " (default kept)\n", t->name, t->max,
                    eq ? (int)(len - nlen - 1) : 0, eq ? eq + 1 : "");
        return -1;
    }
    *(unsigned *)((char *)c + t->offset) = v;
    return 0;
}

int elide_config_parse(elide_config *c, const char *spec, FILE *err)
{
    int bad = 0;
    if (!spec)
        return 0;
    while (*spec) {
        size_t len = strcspn(spec, ":");
        /* emu_* items are the simulator's (elide_emu.h), parsed there */
        int emu = len >= 4 && strncmp(spec, "emu_", 4) == 0;
        if (len > 0 && !emu && el_parse_item(c, spec, len, err) != 0)
            bad++;
        spec += len;
        if (*spec == ':')
            spec++;
    }
    return bad;
}

void elide_config_get(elide_config *out)
{
    *out = el_g_config;
}
