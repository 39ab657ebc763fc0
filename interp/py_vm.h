/* py_vm.h: frames and the VM's internal interface.
 *
 * Concurrency contract: a frame belongs to the thread that runs it (a
 * generator's frame to whichever thread resumes it; `running` on the
 * generator refuses concurrent resumption). Frames live in GC memory (the
 * per-thread frame arena, or their own block for generators), never on the C
 * stack, so a Python-to-Python call does not recurse in C.
 */
#ifndef PY_VM_H
#define PY_VM_H

#include "py.h"
#include "py_opcodes.h"

/* Nested try/with blocks per frame: 20 as CPython's CO_MAXBLOCKS (the
 * compiler refuses deeper nesting with a SyntaxError). */
#define PY_MAXBLOCKS 20

typedef struct { int handler, level; } py_block;

enum {
    PY_FR_ENTRY = 1,   /* returning from it leaves py_vm_run */
    PY_FR_INIT = 2,    /* __init__ call from a class call: result must be None, push self */
    PY_FR_GEN = 4,     /* owned by a generator (heap block, not the arena) */
    PY_FR_ARENA = 8,   /* allocated in the per-thread arena */
    PY_FR_INLINE = 0x200, /* a generator resumed by FOR_ITER inside this loop */
};

struct py_frame {
    py_frame *back;
    py_code *code;
    pv func;
    pv globals, builtins;
    pv locals;        /* dict for module and class bodies, else NULL */
    pv gen;           /* owning generator */
    pv init_self;     /* PY_FR_INIT: the instance to push */
    pv handling;      /* exception being handled when the frame was suspended */
    pv kwnames;       /* pending KW_NAMES */
    pv parent_handling; /* PY_FR_INLINE: the resumer's handled exception */
    uint32_t exit_ip;   /* PY_FR_INLINE: where the resumer's loop ends */
    uint32_t ip;      /* next instruction */
    int sp;           /* stack depth (valid while suspended) */
    int nblocks;
    int flags;
    size_t size;      /* words of fast[] */
    pv *arena_prev, *arena_prev_end; /* per-thread arena position before this frame */
    py_block blocks[PY_MAXBLOCKS];
    pv fast[];        /* locals, then cells (ncells + nfree), then the value stack */
};

#define PY_FRAME_CELLS(f) ((f)->fast + (f)->code->nlocals)
#define PY_FRAME_STACK(f) ((f)->fast + (f)->code->nlocals + (f)->code->ncells + (f)->code->nfree)

int py_bind_args(py_frame *f, py_func *fn, pv *args, size_t n, pv kwnames);
py_frame *py_frame_new_heap(py_code *co, pv globals, pv locals, pv func);
int py_frame_line(py_frame *f);
extern pv py_handling_exc(void);  /* sys.exc_info()[1] */

#endif
