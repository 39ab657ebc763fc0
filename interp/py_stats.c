/* py_stats.c: the run's statistics, for people (--stats), for programs
 * (--stats=json, ELIDE_STATS, ELIDE_STATS_FILE) and for the program itself
 * (elide.stats()). Everything is read from the per-thread blocks that
 * py_region.c keeps, libelide's and fallback's merges, and the GIL; nothing
 * here is on a hot path. */
#include "py_region.h"
#include "py_lock.h"
#include "py_vm.h"

#include <math.h>

/* The source line of instruction ip of co (0 when unknown). */
static int code_line(py_code *co, uint32_t ip)
{
    if (!co || !co->ncode)
        return co ? co->firstline : 0;
    return co->lines[ip < co->ncode ? ip : co->ncode - 1];
}

static const char *code_file(py_code *co) { return co && co->filename ? py_cstr(co->filename) : "?"; }

/* Everything a report needs, gathered once. */
typedef struct {
    py_rstats st;
    py_abline *lines;
    size_t nlines;
    uint64_t lines_lost;
    fb_contention fc;
    fb_site_stat *sites;
    size_t nsites;
    uint64_t gil_switches;
    double wall_s;
} report;

#define TOP_LINES 10
#define TOP_SITES 10

static void gather(report *r, double wall_s)
{
    memset(r, 0, sizeof *r);
    py_stats_collect(&r->st, &r->lines, &r->nlines, &r->lines_lost);
    if (py_run == PY_RUN_FINE || py_run == PY_RUN_TX) {
        r->sites = GC_MALLOC(TOP_SITES * sizeof *r->sites);
        size_t n = fb_stats_merge(&r->fc, r->sites, TOP_SITES);
        r->nsites = n == (size_t)-1 ? 0 : n < TOP_SITES ? n : TOP_SITES;
    }
    pthread_mutex_lock(&py_gil.mu);
    r->gil_switches = py_gil.switches;
    pthread_mutex_unlock(&py_gil.mu);
    r->wall_s = wall_s;
}

static double ratio(uint64_t a, uint64_t b) { return b ? (double)a / (double)b : 0.0; }

static uint64_t line_total(const py_abline *l)
{
    uint64_t n = 0;
    for (int c = 0; c < PY_AB_NCAUSES; c++)
        n += l->n[c];
    return n;
}

/* ---- text ------------------------------------------------------------------ */

static void text_causes(FILE *f, const uint64_t *n, const char *sep)
{
    int first = 1;
    for (int c = 0; c < PY_AB_NCAUSES; c++)
        if (n[c]) {
            fprintf(f, "%s%s %llu", first ? "" : sep, py_abort_cause_name(c), (unsigned long long)n[c]);
            first = 0;
        }
    if (first)
        fputs("none", f);
}

static void text_tx(FILE *f, const report *r)
{
    const py_rstats *s = &r->st;
    fprintf(f, "  regions %llu: transactions started %llu, committed %llu (%.1f%%)\n",
            (unsigned long long)s->regions, (unsigned long long)s->started,
            (unsigned long long)s->committed, 100.0 * ratio(s->committed, s->started));
    fprintf(f, "  fallbacks to fine-grained locks %llu (%.1f%% of regions), skipped by the policy %llu, "
               "shrinks %llu, waits %llu, ended early %llu\n",
            (unsigned long long)s->fallbacks, 100.0 * ratio(s->fallbacks, s->regions),
            (unsigned long long)s->skipped, (unsigned long long)s->shrinks,
            (unsigned long long)s->waits, (unsigned long long)s->early);
    fprintf(f, "  aborts %llu: ", (unsigned long long)s->aborts);
    text_causes(f, s->cause, ", ");
    fprintf(f, "; with the retry bit %llu\n", (unsigned long long)s->retry_bit);
    if (s->atomic_tx || s->atomic_world)
        fprintf(f, "  atomic blocks: %llu as one transaction, %llu with the world stopped\n",
                (unsigned long long)s->atomic_tx, (unsigned long long)s->atomic_world);
    fprintf(f, "  mean committed region %.1f yield points; time in transactions %.3f s, "
               "in fine-grained regions %.3f s\n",
            ratio(s->tx_points, s->committed), (double)s->tx_ns / 1e9, (double)s->real_ns / 1e9);
    if (!r->nlines)
        return;
    fputs("  top source lines by aborts (where the region began", f);
    fputs(py_run_info_g.mode == PY_MODE_EMU ? "; @ where it aborted):\n" : "):\n", f);
    for (size_t i = 0; i < r->nlines && i < TOP_LINES; i++) {
        const py_abline *l = &r->lines[i];
        fprintf(f, "    %s:%d", code_file(l->co), code_line(l->co, l->ip));
        if (l->at_line)
            fprintf(f, " @%d", l->at_line);
        fprintf(f, "  %llu: ", (unsigned long long)line_total(l));
        text_causes(f, l->n, ", ");
        if (l->kind)
            fprintf(f, " (conflicting object: %s)", l->kind);
        fputc('\n', f);
    }
    if (r->lines_lost)
        fprintf(f, "    (%llu aborts at lines beyond the per-thread table)\n", (unsigned long long)r->lines_lost);
}

static void text_fine(FILE *f, const report *r)
{
    fprintf(f, "  contended lock acquisitions %llu, parked %llu times for %.3f ms; world stops %llu "
               "(%.3f ms waiting for threads to park)\n",
            (unsigned long long)r->fc.contended, (unsigned long long)r->fc.parks,
            (double)r->fc.parked_ns / 1e6, (unsigned long long)r->fc.world_stops,
            (double)r->fc.world_wait_ns / 1e6);
    if (!r->nsites)
        return;
    fputs("  top contended locks (object type, source line):\n", f);
    for (size_t i = 0; i < r->nsites; i++) {
        const fb_site_stat *s = &r->sites[i];
        py_site_info si;
        if (s->site != FB_SITE_OTHER && py_site_lookup(s->site, &si))
            fprintf(f, "    %s:%d %s", code_file(si.co), si.line, si.type);
        else
            fputs("    (other sites)", f);
        fprintf(f, "  %llu contended, %llu parked (%.3f ms)\n", (unsigned long long)s->contended,
                (unsigned long long)s->parks, (double)s->parked_ns / 1e6);
    }
}

static void print_text(FILE *f, const report *r)
{
    fprintf(f, "elide stats: mode %s (%s)\n", py_mode_name(py_run_info_g.mode), py_run_info_g.reason);
    if (py_run_info_g.backend)
        fprintf(f, "  backend %s\n", py_run_info_g.backend);
    fprintf(f, "  wall time %.3f s\n", r->wall_s);
    if (py_run == PY_RUN_GIL)
        fprintf(f, "  GIL handovers %llu (switch interval %d us)\n", (unsigned long long)r->gil_switches,
                py_switch_interval_us);
    if (py_run == PY_RUN_HLE)
        fprintf(f, "  GIL handovers to a waiting thread %llu\n", (unsigned long long)r->st.gil_yields);
    if (py_run == PY_RUN_TX)
        text_tx(f, r);
    if (py_run == PY_RUN_FINE || py_run == PY_RUN_TX)
        text_fine(f, r);
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void json_u(FILE *f, const char *k, uint64_t v, int comma)
{
    fprintf(f, "\"%s\": %llu%s", k, (unsigned long long)v, comma ? ", " : "");
}

static void json_d(FILE *f, const char *k, double v, int comma)
{
    fprintf(f, "\"%s\": %.6g%s", k, isfinite(v) ? v : 0.0, comma ? ", " : "");
}

/* aborts: the causes partition the aborts; explicit ones by code name */
static void json_aborts(FILE *f, const py_rstats *s)
{
    fputs("\"aborts\": {", f);
    json_u(f, "total", s->aborts, 1);
    json_u(f, "conflict", s->cause[PY_AB_conflict], 1);
    json_u(f, "capacity", s->cause[PY_AB_capacity], 1);
    fputs("\"explicit\": {", f);
    int first = 1;
    for (unsigned c = 0; c < 256; c++)
        if (s->code[c]) {
            const char *nm = elide_code_name(c);
            char buf[16];
            if (!nm) {
                snprintf(buf, sizeof buf, "0x%02x", c);
                nm = buf;
            }
            fprintf(f, "%s", first ? "" : ", ");
            json_u(f, nm, s->code[c], 0);
            first = 0;
        }
    fputs("}, ", f);
    json_u(f, "retry", s->cause[PY_AB_retry], 1);
    json_u(f, "zero", s->cause[PY_AB_zero], 1);
    json_u(f, "injected", s->cause[PY_AB_injected], 1);
    json_u(f, "alias", s->cause[PY_AB_alias], 1);
    json_u(f, "other", s->cause[PY_AB_other], 0);
    fputs("}, ", f);
}

static void json_lines(FILE *f, const report *r)
{
    fputs("\"top_lines\": [", f);
    for (size_t i = 0; i < r->nlines && i < TOP_LINES; i++) {
        const py_abline *l = &r->lines[i];
        fputs(i ? ", {" : "{", f);
        fputs("\"file\": ", f);
        json_str(f, code_file(l->co));
        fprintf(f, ", \"line\": %d, \"at_line\": %d, ", code_line(l->co, l->ip), l->at_line);
        json_u(f, "aborts", line_total(l), 1);
        fputs("\"by_cause\": {", f);
        int first = 1;
        for (int c = 0; c < PY_AB_NCAUSES; c++)
            if (l->n[c]) {
                fputs(first ? "" : ", ", f);
                json_u(f, py_abort_cause_name(c), l->n[c], 0);
                first = 0;
            }
        fputs("}, \"kind\": ", f);
        if (l->kind)
            json_str(f, l->kind);
        else
            fputs("null", f);
        fputc('}', f);
    }
    fputs("], ", f);
}

static void json_fine(FILE *f, const report *r)
{
    fputs("\"contention\": {", f);
    json_u(f, "contended", r->fc.contended, 1);
    json_u(f, "parks", r->fc.parks, 1);
    json_d(f, "parked_s", (double)r->fc.parked_ns / 1e9, 1);
    json_u(f, "world_stops", r->fc.world_stops, 1);
    json_d(f, "world_wait_s", (double)r->fc.world_wait_ns / 1e9, 1);
    fputs("\"sites\": [", f);
    for (size_t i = 0; i < r->nsites; i++) {
        const fb_site_stat *s = &r->sites[i];
        py_site_info si = {"(other sites)", NULL, 0};
        if (s->site != FB_SITE_OTHER)
            py_site_lookup(s->site, &si);
        fputs(i ? ", {\"type\": " : "{\"type\": ", f);
        json_str(f, si.type);
        fputs(", \"file\": ", f);
        json_str(f, code_file(si.co));
        fprintf(f, ", \"line\": %d, ", si.line);
        json_u(f, "contended", s->contended, 1);
        json_u(f, "parks", s->parks, 1);
        json_d(f, "parked_s", (double)s->parked_ns / 1e9, 0);
        fputc('}', f);
    }
    fputs("]}, ", f);
}

static void print_json(FILE *f, const report *r)
{
    const py_rstats *s = &r->st;
    fputs("{\"mode\": ", f);
    json_str(f, py_mode_name(py_run_info_g.mode));
    fputs(", \"mode_reason\": ", f);
    json_str(f, py_run_info_g.reason);
    fputs(", \"backend\": ", f);
    if (py_run_info_g.backend)
        json_str(f, py_run_info_g.backend);
    else
        fputs("null", f);
    fputs(", ", f);
    json_d(f, "wall_s", r->wall_s, 1);
    json_u(f, "regions", s->regions, 1);
    json_u(f, "tx_started", s->started, 1);
    json_u(f, "tx_committed", s->committed, 1);
    json_d(f, "commit_ratio", ratio(s->committed, s->started), 1);
    json_aborts(f, s);
    json_u(f, "retry_bit", s->retry_bit, 1);
    json_u(f, "fallbacks", s->fallbacks, 1);
    json_u(f, "skipped", s->skipped, 1);
    json_u(f, "shrinks", s->shrinks, 1);
    json_u(f, "waits", s->waits, 1);
    json_u(f, "ended_early", s->early, 1);
    json_u(f, "atomic_tx", s->atomic_tx, 1);
    json_u(f, "atomic_world", s->atomic_world, 1);
    json_d(f, "mean_region_length", ratio(s->tx_points, s->committed), 1);
    json_d(f, "tx_time_s", (double)s->tx_ns / 1e9, 1);
    json_d(f, "fallback_time_s", (double)s->real_ns / 1e9, 1);
    json_u(f, "gil_switches", py_run == PY_RUN_GIL ? r->gil_switches : s->gil_yields, 1);
    json_lines(f, r);
    json_fine(f, r);
    json_u(f, "lines_lost", r->lines_lost, 0);
    fputs("}\n", f);
}

int py_stats_report(FILE *f, int json, double wall_s)
{
    report r;
    gather(&r, wall_s);
    if (json)
        print_json(f, &r);
    else
        print_text(f, &r);
    return fflush(f) == 0 ? 0 : -1;
}

/* ---- elide.stats() --------------------------------------------------------- */

static void set_u(pv d, const char *k, uint64_t v) { py_dict_sets(d, k, py_int_from_i64((int64_t)v)); }

pv py_stats_dict(void)
{
    report r;
    gather(&r, 0);
    const py_rstats *s = &r.st;
    pv d = py_dict_new();
    py_dict_sets(d, "mode", py_str_c(py_mode_name(py_run_info_g.mode)));
    py_dict_sets(d, "mode_reason", py_str_c(py_run_info_g.reason));
    set_u(d, "regions", s->regions);
    set_u(d, "tx_started", s->started);
    set_u(d, "tx_committed", s->committed);
    set_u(d, "tx_aborted", s->aborts);
    set_u(d, "fallbacks", s->fallbacks);
    set_u(d, "skipped", s->skipped);
    set_u(d, "atomic_tx", s->atomic_tx);
    set_u(d, "atomic_world", s->atomic_world);
    pv ab = py_dict_new();
    for (int c = 0; c < PY_AB_NCAUSES; c++)
        set_u(ab, py_abort_cause_name(c), s->cause[c]);
    py_dict_sets(d, "aborts", ab);
    py_dict_sets(d, "mean_region_length", py_float_new(ratio(s->tx_points, s->committed)));
    set_u(d, "contended", r.fc.contended);
    set_u(d, "world_stops", r.fc.world_stops);
    set_u(d, "gil_switches", r.gil_switches);
    py_dict_sets(d, "switch_interval_us", PY_MKSMALL(py_switch_interval_us));
    pv lines = py_list_new(0);
    for (size_t i = 0; i < r.nlines && i < TOP_LINES; i++) {
        const py_abline *l = &r.lines[i];
        py_list_append(lines, py_tuple_pack(3, py_str_c(code_file(l->co)),
                                            PY_MKSMALL(code_line(l->co, l->ip)),
                                            py_int_from_i64((int64_t)line_total(l))));
    }
    py_dict_sets(d, "top_lines", lines);
    return d;
}
