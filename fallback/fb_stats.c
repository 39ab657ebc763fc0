/* fb_stats.c: per-thread contention tables and their merge. The
 * concurrency contract is in fb_stats.h. */
#define FB_BUILD_CORE 1
#include "fb_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

_Static_assert((FB_STATS_SLOTS & (FB_STATS_SLOTS - 1)) == 0,
               "FB_STATS_SLOTS must be a power of two");

/* The low bits of a site tag are often sequential (line numbers): mix all
 * of them into the slot index (the 32-bit finalizer of MurmurHash3). */
static uint32_t fb_site_hash(fb_site s)
{
    s ^= s >> 16;
    s *= 0x85ebca6bu;
    s ^= s >> 13;
    s *= 0xc2b2ae35u;
    s ^= s >> 16;
    return s;
}

/* Owner only. A free slot (count 0) is claimed by storing the site; the
 * count's release store in fb_stats_record publishes it. */
static fb_site_slot *fb_slot_for(fb_site_table *t, fb_site site)
{
    if (site == FB_SITE_OTHER)
        return &t->other;
    uint32_t h = fb_site_hash(site);
    for (unsigned i = 0; i < FB_STATS_SLOTS; i++) {
        fb_site_slot *s = &t->slot[(h + i) & (FB_STATS_SLOTS - 1)];
        if (atomic_load_explicit(&s->contended, memory_order_relaxed) == 0) {
            atomic_store_explicit(&s->site, site, memory_order_relaxed);
            return s;
        }
        if (atomic_load_explicit(&s->site, memory_order_relaxed) == site)
            return s;
    }
    return &t->other;
}

/* Owner-only increment: a relaxed load and store, no locked instruction. */
static void fb_bump(_Atomic uint64_t *c, uint64_t by, memory_order mo)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + by, mo);
}

void fb_stats_record(fb_site_table *t, fb_site site, uint64_t parks, uint64_t parked_ns)
{
    fb_site_slot *s = fb_slot_for(t, site);
    fb_bump(&s->parks, parks, memory_order_relaxed);
    fb_bump(&s->parked_ns, parked_ns, memory_order_relaxed);
    fb_bump(&s->contended, 1, memory_order_release);
}

static int fb_sitemap_grow(fb_sitemap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    fb_site_stat *e = calloc(cap, sizeof *e);
    if (!e)
        return -1;
    fb_sitemap old = *m;
    m->e = e;
    m->cap = cap;
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.e[i].contended)
            fb_sitemap_add(m, &old.e[i]);   /* cannot grow again: half full */
    free(old.e);
    return 0;
}

int fb_sitemap_add(fb_sitemap *m, const fb_site_stat *s)
{
    if (s->contended == 0)
        return 0;
    if ((m->n + 1) * 2 > m->cap && fb_sitemap_grow(m) != 0)
        return -1;
    size_t i = fb_site_hash(s->site) & (m->cap - 1);
    while (m->e[i].contended && m->e[i].site != s->site)
        i = (i + 1) & (m->cap - 1);
    fb_site_stat *d = &m->e[i];
    if (!d->contended) {
        d->site = s->site;
        m->n++;
    }
    d->contended += s->contended;
    d->parks += s->parks;
    d->parked_ns += s->parked_ns;
    return 0;
}

static int fb_sitemap_add_slot(fb_sitemap *m, const fb_site_slot *sl, int other)
{
    fb_site_stat s;
    s.contended = atomic_load_explicit(&sl->contended, memory_order_acquire);
    if (s.contended == 0)
        return 0;
    s.site = other ? FB_SITE_OTHER : atomic_load_explicit(&sl->site, memory_order_relaxed);
    s.parks = atomic_load_explicit(&sl->parks, memory_order_relaxed);
    s.parked_ns = atomic_load_explicit(&sl->parked_ns, memory_order_relaxed);
    return fb_sitemap_add(m, &s);
}

int fb_sitemap_add_table(fb_sitemap *m, const fb_site_table *t)
{
    for (unsigned i = 0; i < FB_STATS_SLOTS; i++)
        if (fb_sitemap_add_slot(m, &t->slot[i], 0) != 0)
            return -1;
    return fb_sitemap_add_slot(m, &t->other, 1);
}

void fb_sitemap_free(fb_sitemap *m)
{
    free(m->e);
    memset(m, 0, sizeof *m);
}

/* Most contended first; ties by site, so the order is deterministic. */
static int fb_site_cmp(const void *pa, const void *pb)
{
    const fb_site_stat *a = pa, *b = pb;
    if (a->contended != b->contended)
        return a->contended > b->contended ? -1 : 1;
    return (a->site > b->site) - (a->site < b->site);
}

/* Squeeze the map's used entries to its front and sort them. */
static void fb_sitemap_sort(fb_sitemap *m)
{
    size_t k = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->e[i].contended)
            m->e[k++] = m->e[i];
    if (k)
        qsort(m->e, k, sizeof *m->e, fb_site_cmp);
}

size_t fb_stats_merge(fb_contention *total, fb_site_stat *sites, size_t cap)
{
    fb_sitemap m = { NULL, 0, 0 };
    uint64_t threads = 0;
    if (fb_world_collect_stats(&m, &threads) != 0) {
        fb_sitemap_free(&m);
        errno = ENOMEM;
        return (size_t)-1;
    }
    fb_sitemap_sort(&m);
    size_t n = m.n;
    if (total) {
        memset(total, 0, sizeof *total);
        total->threads = threads;
        fb_world_stop_stats(&total->world_stops, &total->world_wait_ns);
        for (size_t i = 0; i < n; i++) {
            total->contended += m.e[i].contended;
            total->parks += m.e[i].parks;
            total->parked_ns += m.e[i].parked_ns;
        }
    }
    if (sites && n && cap)
        memcpy(sites, m.e, (n < cap ? n : cap) * sizeof *sites);
    fb_sitemap_free(&m);
    return n;
}
