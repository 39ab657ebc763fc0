/* probe_print.c: the report as text for people and as JSON for programs.
 *
 * Both printers walk the same sections in the same order: CPU, TSX,
 * kernel, self-test, topology, verdict (mode), reasons, advice, cost.
 *
 * JSON strings are escaped by pj_str(): quote, backslash and control bytes
 * as escapes, and bytes >= 0x80 as \u00XX (Latin-1). A CPUID brand string
 * or a kernel file is not promised to be UTF-8, and this keeps the output
 * valid JSON whatever bytes they hold.
 *
 * Concurrency contract: reads a const report; writes only to `out`.
 */
#include <stdio.h>

#include "elide_backend.h"
#include "probe_internal.h"

static const char *const pp_abort_bit[6] = {
    "explicit", "retry", "conflict", "capacity", "debug", "nested",
};

static const char *pp_kernel_name(elide_kernel_tsx k)
{
    switch (k) {
    case ELIDE_KTSX_NOT_AFFECTED: return "not_affected";
    case ELIDE_KTSX_DISABLED: return "tsx_disabled";
    case ELIDE_KTSX_CLEAR_BUFFERS: return "clear_buffers";
    case ELIDE_KTSX_VULNERABLE: return "vulnerable";
    case ELIDE_KTSX_OTHER: return "other";
    case ELIDE_KTSX_UNKNOWN: break;
    }
    return "unknown";
}

static const char *pp_yes(int b)
{
    return b ? "yes" : "no";
}

static const char *pp_or(const char *s, const char *dflt)
{
    return s[0] ? s : dflt;
}

/* ---- text ------------------------------------------------------------- */

static void pt_cpu(FILE *out, const probe_inputs *in)
{
    const probe_cpu *c = &in->cpu;
    fprintf(out, "CPU\n  vendor            %s\n  brand             %s\n", c->vendor,
            pp_or(c->brand, "(none)"));
    if (c->identified)
        fprintf(out, "  family/model      %d/%d, stepping %d (libcpuid guesses: %s)\n", c->family, c->model,
                c->stepping, pp_or(c->codename, "no codename"));
    fprintf(out, "  hypervisor        %s\n",
            in->tsx.hypervisor ? pp_or(c->hypervisor, "present, vendor unknown") : "none");
    if (in->under_valgrind)
        fprintf(out, "  under valgrind    yes (CPUID is valgrind's, not the host's)\n");
}

static void pt_tsx(FILE *out, const struct elide_tsx_facts *t)
{
    fprintf(out, "TSX (CPUID leaf 7; highest leaf %d)\n", t->max_leaf);
    fprintf(out, "  RTM               %s\n  HLE               %s\n", pp_yes(t->rtm),
            pp_yes(t->hle));
    fprintf(out, "  RTM_ALWAYS_ABORT  %s\n  TSX_FORCE_ABORT   %s\n  TSXLDTRK          %s\n",
            pp_yes(t->rtm_always_abort), pp_yes(t->tsx_force_abort), pp_yes(t->tsxldtrk));
    fprintf(out, "  XBEGIN executes   %s\n", pp_yes(t->xbegin_executes));
}

static void pt_kernel(FILE *out, const struct elide_tsx_facts *t)
{
    fprintf(out, "kernel\n  tsx_async_abort   %s\n  tsx= parameter    %s\n",
            pp_or(t->kernel_text, "(not reported)"), pp_or(t->tsx_param, "(not given)"));
}

static void pt_selftest(FILE *out, const elide_rtm_selftest *s)
{
    fprintf(out, "self-test\n");
    if (!s->ran) {
        fprintf(out, "  not run           (XBEGIN could raise SIGILL here)\n");
        return;
    }
    fprintf(out, "  transactions      %u tried, %u committed, %u aborted\n", s->tries,
            s->commits, s->tries - s->commits);
    fprintf(out, "  aborts by cause   status 0: %u", s->zero_status);
    for (int i = 0; i < 6; i++)
        fprintf(out, ", %s: %u", pp_abort_bit[i], s->by_bit[i]);
    fprintf(out, "\n  last status       0x%x\n", s->last_status);
}

static void pt_l1d(FILE *out, const probe_topology *t)
{
    if (t->l1d_size <= 0) {
        fprintf(out, "  L1D               unknown\n");
        return;
    }
    fprintf(out, "  L1D               %ld KiB, %d-byte lines, ", t->l1d_size / 1024, t->l1d_line);
    if (t->l1d_ways > 0)
        fprintf(out, "%d-way\n", t->l1d_ways);
    else
        fprintf(out, "%s\n", t->l1d_ways < 0 ? "fully associative" : "associativity unknown");
    if (t->write_set_lines > 0)
        fprintf(out, "  write set         %ld lines alone, %ld with a busy SMT sibling%s\n",
                t->write_set_lines, t->write_set_lines_smt, t->smt > 1 ? "" : " (no SMT here)");
}

static void pt_topology(FILE *out, const probe_report *r)
{
    const probe_topology *t = &r->topo;
    fprintf(out, "topology\n");
    if (!r->has_topology || !t->loaded) {
        fprintf(out, "  not read          (%s)\n",
                r->has_topology ? "hwloc failed to load it" : "fast probe");
        return;
    }
    fprintf(out, "  packages %d, cores %d, PUs %d (%d per core%s)\n", t->packages, t->cores,
            t->pus, t->smt, t->smt > 1 ? ": SMT" : ": no SMT");
    pt_l1d(out, t);
}

static void pt_notes(FILE *out, const char *title, const char (*notes)[PROBE_NOTE_LEN], unsigned n)
{
    fprintf(out, "%s\n", title);
    for (unsigned i = 0; i < n; i++)
        fprintf(out, "  - %s\n", notes[i]);
}

void probe_print_text(FILE *out, const probe_report *r)
{
    const probe_verdict *v = &r->verdict;
    pt_cpu(out, &r->in);
    pt_tsx(out, &r->in.tsx);
    pt_kernel(out, &r->in.tsx);
    pt_selftest(out, &r->in.selftest);
    pt_topology(out, r);
    fprintf(out, "verdict\n  mode              %s\n", probe_mode_name(v->mode));
    pt_notes(out, "reasons", v->reasons, v->nreasons);
    pt_notes(out, "advice", v->advice, v->nadvice);
    fprintf(out, "probe cost\n  %.0f us (CPU, kernel, self-test)", r->fast_us);
    if (r->has_topology)
        fprintf(out, " + %.0f us (topology)", r->topology_us);
    fprintf(out, "\n");
}

/* ---- JSON ------------------------------------------------------------- */

static void pj_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* A string, or null when it is empty. */
static void pj_str_or_null(FILE *out, const char *s)
{
    if (s[0])
        pj_str(out, s);
    else
        fputs("null", out);
}

static const char *pj_bool(int b)
{
    return b ? "true" : "false";
}

static void pj_cpu(FILE *out, const probe_inputs *in)
{
    const probe_cpu *c = &in->cpu;
    fprintf(out, "  \"cpu\": {\"identified\": %s, \"vendor\": ", pj_bool(c->identified));
    pj_str(out, c->vendor);
    fputs(", \"brand\": ", out);
    pj_str(out, c->brand);
    fputs(", \"codename_guess\": ", out);
    pj_str(out, c->codename);
    fprintf(out, ", \"family\": %d, \"model\": %d, \"stepping\": %d, \"hypervisor\": ",
            c->family, c->model, c->stepping);
    if (in->tsx.hypervisor)
        pj_str(out, pp_or(c->hypervisor, "unknown"));
    else
        fputs("null", out);
    fprintf(out, ", \"under_valgrind\": %s},\n", pj_bool(in->under_valgrind));
}

static void pj_tsx(FILE *out, const struct elide_tsx_facts *t)
{
    fprintf(out, "  \"tsx\": {\"max_leaf\": %d, \"rtm\": %s, \"hle\": %s, ", t->max_leaf,
            pj_bool(t->rtm), pj_bool(t->hle));
    fprintf(out, "\"rtm_always_abort\": %s, \"tsx_force_abort\": %s, \"tsxldtrk\": %s, ",
            pj_bool(t->rtm_always_abort), pj_bool(t->tsx_force_abort), pj_bool(t->tsxldtrk));
    fprintf(out, "\"xbegin_executes\": %s},\n", pj_bool(t->xbegin_executes));
    fputs("  \"kernel\": {\"tsx_async_abort\": ", out);
    pj_str_or_null(out, t->kernel_text);
    fprintf(out, ", \"verdict\": \"%s\", \"tsx_param\": ", pp_kernel_name(t->kernel));
    pj_str_or_null(out, t->tsx_param);
    fputs("},\n", out);
}

static void pj_selftest(FILE *out, const elide_rtm_selftest *s)
{
    fprintf(out, "  \"selftest\": {\"ran\": %s, \"tries\": %u, \"commits\": %u, "
                 "\"aborts\": %u, \"zero_status\": %u", pj_bool(s->ran), s->tries,
            s->commits, s->tries - s->commits, s->zero_status);
    for (int i = 0; i < 6; i++)
        fprintf(out, ", \"%s\": %u", pp_abort_bit[i], s->by_bit[i]);
    fprintf(out, ", \"last_status\": %u},\n", s->last_status);
}

static void pj_topology(FILE *out, const probe_report *r)
{
    const probe_topology *t = &r->topo;
    if (!r->has_topology || !t->loaded) {
        fputs("  \"topology\": null,\n", out);
        return;
    }
    fprintf(out, "  \"topology\": {\"packages\": %d, \"cores\": %d, \"pus\": %d, \"smt\": %d, ",
            t->packages, t->cores, t->pus, t->smt);
    fprintf(out, "\"l1d\": {\"size\": %ld, \"line\": %d, \"ways\": %d}, ", t->l1d_size,
            t->l1d_line, t->l1d_ways);
    fprintf(out, "\"write_set_lines\": %ld, \"write_set_lines_smt\": %ld},\n",
            t->write_set_lines, t->write_set_lines_smt);
}

static void pj_notes(FILE *out, const char *key, const char (*notes)[PROBE_NOTE_LEN], unsigned n)
{
    fprintf(out, "  \"%s\": [", key);
    for (unsigned i = 0; i < n; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        pj_str(out, notes[i]);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
}

void probe_print_json(FILE *out, const probe_report *r)
{
    const probe_verdict *v = &r->verdict;
    fputs("{\n", out);
    pj_cpu(out, &r->in);
    pj_tsx(out, &r->in.tsx);
    pj_selftest(out, &r->in.selftest);
    pj_topology(out, r);
    fprintf(out, "  \"mode\": \"%s\",\n", probe_mode_name(v->mode));
    pj_notes(out, "reasons", v->reasons, v->nreasons);
    pj_notes(out, "advice", v->advice, v->nadvice);
    fprintf(out, "  \"cost_us\": {\"fast\": %.1f, \"topology\": %.1f}\n}\n", r->fast_us,
            r->topology_us);
}
