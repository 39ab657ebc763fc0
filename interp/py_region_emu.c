/* py_region_emu.c: abort attribution for the simulator build (elide-emu).
 *
 * Compiled WITHOUT the simulator's instrumentation, although the rest of
 * that build has it: the runtime calls abort_hook on the aborting thread
 * before it rolls the transaction back, and only uninstrumented code may
 * run there (an instrumented access would be one more transactional
 * access). The hook reads, with plain loads, where the thread's innermost
 * frame was (its last saved instruction) and keeps it, with the cause and
 * the conflicting line, in this thread's own variables; after the
 * rollback, py_region.c asks py_region_emu_attribute for them.
 *
 * Concurrency contract: everything here is per thread (the __thread
 * record), written by the hook and read by the same thread afterwards.
 */
#define _GNU_SOURCE 1 /* dladdr */
#include "py_region.h"
#include "py_vm.h"
#include "elide_emu.h"

#include <dlfcn.h>
#include <string.h>

static __thread struct {
    int valid;
    int cause;
    int line;
    int aliased;
    uintptr_t addr;
} last;

static void abort_hook(const elide_emu_abort_info *info)
{
    py_ts *ts = py_cur;
    py_frame *f = ts ? ts->frame : NULL;
    last.line = 0;
    if (f && f->code && f->code->ncode) {
        uint32_t i = f->ip ? f->ip - 1 : 0;
        if (i >= f->code->ncode)
            i = f->code->ncode - 1;
        last.line = f->code->lines[i];
    }
    last.cause = info->cause;
    last.addr = info->line;
    last.aliased = info->aliased;
    last.valid = 1;
}

__attribute__((constructor)) static void install_hook(void)
{
    elide_emu_set_abort_hook(abort_hook);
}

/* The program's static data (linker symbols), where the built-in types are. */
extern char __data_start[], _end[];

/* Is t a type object? Built-in types are static, classes are collector
 * objects; either way its own type is `type` or a subclass. Only memory
 * known to be readable is read. */
static int is_type(py_type *t)
{
    uintptr_t a = (uintptr_t)t;
    if (!t || (a & 7))
        return 0;
    int stat = a >= (uintptr_t)__data_start && a + sizeof(py_type) <= (uintptr_t)_end;
    if (!stat && !(GC_base(t) == (void *)t && GC_size(t) >= sizeof(py_type)))
        return 0;
    py_type *m = t->ob.type;
    return m == &py_type_type || (m && GC_base(m) == (void *)m && py_subtype(m, &py_type_type));
}

/* The type of the interpreter object whose memory holds addr, if addr is in
 * one (an object starts with its type pointer); other memory (entry and
 * item arrays, frames, strings' bytes) is named by what it is not. */
/* What one address holds, for the abort profile: a Python type's name, a
 * collector block without a type (arrays, frames), or static data. */
static const char *kind_at(uintptr_t addr, void **base_out)
{
    void *base = GC_base((void *)addr);
    *base_out = base;
    if (!base) {
        /* static data: name the variable (elide-emu exports its symbols) */
        Dl_info di;
        char buf[160];
        if (dladdr((void *)addr, &di) && di.dli_sname)
            snprintf(buf, sizeof buf, "static data: %s", di.dli_sname);
        else
            snprintf(buf, sizeof buf, "static data at %#lx", (unsigned long)addr);
        pv s = py_intern(buf);
        return s ? py_cstr(s) : "interpreter static data";
    }
    py_type *t = *(py_type **)base;
    if (is_type(t))
        return t->name;
    return "array or frame memory";
}

/* Every object on the conflicting line, in address order (the simulator
 * knows the line, not which of its bytes the other thread touched): small
 * objects share lines, and naming only the first one named the innocent
 * neighbour of the object written. */
static const char *object_kind(uintptr_t line)
{
    if (!line)
        return NULL;
    char buf[200];
    size_t n = 0;
    int kinds = 0;
    void *prev = (void *)1;
    const char *prev_k = "";
    for (uintptr_t a = line; a < line + 64 && kinds < 4; a += 16) {
        void *base;
        const char *k = kind_at(a, &base);
        if ((base && base == prev) || !strcmp(k, prev_k))
            continue;
        prev = base;
        prev_k = k;
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", kinds ? " | " : "", k);
        kinds++;
        if (n >= sizeof buf)
            break;
    }
    pv s = py_intern(buf);
    return s ? py_cstr(s) : "interpreter data";
}

void py_region_emu_attribute(int *cause, int *at_line, const char **kind)
{
    if (!last.valid)
        return;
    last.valid = 0;
    *at_line = last.line;
    if (last.cause == ELIDE_EMU_INJECTED)
        *cause = PY_AB_injected;
    else if (last.aliased)
        *cause = PY_AB_alias;
    if (last.cause == ELIDE_EMU_CONFLICT_TX || last.cause == ELIDE_EMU_CONFLICT_NONTX)
        *kind = object_kind(last.addr);
}
