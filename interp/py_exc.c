/* py_exc.c: the exception hierarchy (as CPython's), raising, and traceback
 * printing. The pending exception lives in the thread state (py_cur->exc):
 * per thread, no locks. Exception classes are created once at startup. */
#include "py.h"
#include "py_vm.h"

#include <errno.h>
#include <stdlib.h>

#define PY_DEF_EXC(n) py_type *py_exc_##n;
PY_EXC_TYPES(PY_DEF_EXC)

static pv nomem_instance;

pv py_exc_new(py_type *t, pv *args, size_t n)
{
    py_exc *e = (py_exc *)py_new(t, t->basicsize < sizeof(py_exc) ? sizeof(py_exc) : t->basicsize);
    e->args = py_tuple_from(args, n);
    return (pv)e;
}

static pv make_exc(py_type *t, pv msg)
{
    if (t->flags & PY_TF_HEAP)
        return py_call(t == NULL ? NULL : (pv)t, &msg, 1, NULL);
    return py_exc_new(t, &msg, 1);
}

pv py_raise_obj(pv exc)
{
    py_ts *ts = py_cur;
    if (PY_ISTYPE(exc)) {
        if (!(((py_type *)exc)->flags & PY_TF_EXC))
            return py_raise(py_exc_TypeError, "exceptions must derive from BaseException");
        pv inst = py_call0(exc);
        if (!inst)
            return NULL;
        exc = inst;
    }
    if (!PY_ISEXC(exc))
        return py_raise(py_exc_TypeError, "exceptions must derive from BaseException");
    py_exc *e = (py_exc *)exc;
    pv h = ts->handling;
    if (h && h != exc && !e->context) {
        /* avoid cycles in the context chain */
        pv c = h;
        int cyc = 0;
        for (int i = 0; c && i < 100; i++, c = ((py_exc *)c)->context)
            if (c == exc)
                cyc = 1;
        if (!cyc)
            e->context = h;
    }
    ts->exc = exc;
    return NULL;
}

pv py_raise(py_type *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pv msg = py_str_c(buf);
    pv e = make_exc(t, msg);
    if (!e)
        return NULL;
    return py_raise_obj(e);
}

pv py_raise_nomem(void)
{
    if (nomem_instance) {
        ((py_exc *)nomem_instance)->tb = NULL;
        py_cur->exc = nomem_instance;
    }
    return NULL;
}

int py_exc_matches(py_type *t)
{
    pv e = py_cur->exc;
    return e && py_isinst(e, t);
}

pv py_exc_fetch(void)
{
    pv e = py_cur->exc;
    py_cur->exc = NULL;
    return e;
}

void py_exc_clear(void) { py_cur->exc = NULL; }

/* ---------------- BaseException ---------------- */

static pv exc_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    py_exc *e = (py_exc *)py_new(t, t->basicsize < sizeof(py_exc) ? sizeof(py_exc) : t->basicsize);
    e->args = py_tuple_from(args, n);
    return (pv)e;
}

static pv em_init(pv s, pv *a, size_t n, pv kw)
{
    ((py_exc *)s)->args = py_tuple_from(a, n);
    return py_None;
}

pv py_exc_str(pv o)
{
    py_exc *e = (py_exc *)o;
    py_tuple *a = PY_TUPLE(e->args);
    if (py_isinst(o, py_exc_KeyError) && a->n == 1)
        return py_repr(a->items[0]);
    if (a->n == 0)
        return py_str_new("", 0);
    if (a->n == 1)
        return py_str_of(a->items[0]);
    return py_repr(e->args);
}

static pv exc_str_slot(pv o)
{
    if (py_isinst(o, py_exc_SyntaxError)) {
        py_exc *e = (py_exc *)o;
        pv msg = PY_TUPLE(e->args)->n ? PY_TUPLE(e->args)->items[0] : py_str_new("", 0);
        pv ln = e->dict ? py_dict_gets(e->dict, "lineno") : NULL;
        pv fn = e->dict ? py_dict_gets(e->dict, "filename") : NULL;
        pv ms = py_str_of(msg);
        if (ms && ln && PY_ISSMALL(ln) && fn && PY_ISSTR(fn))
            return py_str_fmt("%s (%s, line %ld)", py_cstr(ms), py_cstr(fn), (long)PY_SMALLVAL(ln));
        return ms;
    }
    return py_exc_str(o);
}

static pv exc_repr_slot(pv o)
{
    py_exc *e = (py_exc *)o;
    const char *name = py_typeof(o)->name;
    if (PY_TUPLE(e->args)->n == 1) {
        pv r = py_repr(PY_TUPLE(e->args)->items[0]);
        return r ? py_str_fmt("%s(%s)", name, py_cstr(r)) : NULL;
    }
    pv r = py_repr(e->args);
    return r ? py_str_fmt("%s%s", name, py_cstr(r)) : NULL;
}

static pv tb_to_obj(pv tb) { return tb ? tb : py_None; }

static pv exc_getattr(pv o, pv name)
{
    py_exc *e = (py_exc *)o;
    if (name == py_id_args)
        return e->args;
    if (name == py_id___traceback__)
        return tb_to_obj(e->tb);
    if (name == py_id___cause__)
        return e->cause ? e->cause : py_None;
    if (name == py_id___context__)
        return e->context ? e->context : py_None;
    if (name == py_id___suppress_context__)
        return PY_BOOL(e->suppress_context);
    pv v = py_generic_getattr(o, name);
    if (v || py_cur->exc)
        return v;
    const char *s = py_cstr(name);
    py_tuple *a = PY_TUPLE(e->args);
    if ((!strcmp(s, "value") && py_isinst(o, py_exc_StopIteration)) ||
        (!strcmp(s, "code") && py_isinst(o, py_exc_SystemExit)))
        return a->n ? a->items[0] : py_None;
    if (py_isinst(o, py_exc_OSError)) {
        if (!strcmp(s, "errno"))
            return a->n > 1 ? a->items[0] : py_None;
        if (!strcmp(s, "strerror"))
            return a->n > 1 ? a->items[1] : py_None;
        if (!strcmp(s, "filename"))
            return a->n > 2 ? a->items[2] : py_None;
    }
    if (py_isinst(o, py_exc_SyntaxError) && !strcmp(s, "msg"))
        return a->n ? a->items[0] : py_None;
    if (py_isinst(o, py_exc_ImportError) && (!strcmp(s, "name") || !strcmp(s, "path")))
        return py_None;
    if (py_isinst(o, py_exc_SyntaxError) &&
        (!strcmp(s, "lineno") || !strcmp(s, "offset") || !strcmp(s, "text") || !strcmp(s, "filename")))
        return py_None;
    return NULL;
}

static int exc_setattr(pv o, pv name, pv v)
{
    py_exc *e = (py_exc *)o;
    if (name == py_id___cause__) {
        e->cause = v == py_None ? NULL : v;
        e->suppress_context = 1;
        return 0;
    }
    if (name == py_id___context__) {
        e->context = v == py_None ? NULL : v;
        return 0;
    }
    if (name == py_id___traceback__) {
        e->tb = v == py_None ? NULL : v;
        return 0;
    }
    if (name == py_id___suppress_context__) {
        e->suppress_context = v && py_truth(v);
        return 0;
    }
    if (name == py_id_args) {
        pv t = py_to_tuple(v);
        if (!t)
            return -1;
        e->args = t;
        return 0;
    }
    return py_generic_setattr(o, name, v);
}

static pv em_with_traceback(pv s, pv *a, size_t n, pv kw)
{
    if (n == 1)
        ((py_exc *)s)->tb = a[0] == py_None ? NULL : a[0];
    return s;
}

static pv em_add_note(pv s, pv *a, size_t n, pv kw)
{
    py_exc *e = (py_exc *)s;
    if (n != 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "note must be a str");
    /* the notes list is created once, by whichever thread gets there
     * first; it is then only changed through the list API */
    pv notes = __atomic_load_n(&e->notes, __ATOMIC_ACQUIRE);
    if (!notes) {
        pv fresh = py_list_new(0);
        notes = __atomic_compare_exchange_n(&e->notes, &notes, fresh, 0, __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE) ? fresh : notes;
    }
    return py_list_append(notes, a[0]) < 0 ? NULL : py_None;
}

static pv em_reduce(pv s, pv *a, size_t n, pv kw)
{
    return py_tuple_pack(2, (pv)py_typeof(s), ((py_exc *)s)->args);
}

py_type py_exc_type = {.name = "BaseException", .basicsize = sizeof(py_exc),
                       .dictoffset = offsetof(py_exc, dict), .tp_new = exc_new_t,
                       .str = exc_str_slot, .repr = exc_repr_slot, .getattr = exc_getattr,
                       .setattr = exc_setattr, .flags = PY_TF_BASETYPE | PY_TF_EXC};

/* traceback objects; tb_frame is a view of what the traceback kept of its
   frame (the code and the line: f_code, f_lineno; no locals) */
typedef struct { py_obj ob; py_code *code; int line; } py_tb_frame;
static pv tbf_getattr(pv o, pv name)
{
    py_tb_frame *f = (py_tb_frame *)o;
    const char *s = py_cstr(name);
    if (!strcmp(s, "f_code"))
        return f->code ? (pv)f->code : py_None;
    if (!strcmp(s, "f_lineno"))
        return PY_MKSMALL(f->line);
    if (!strcmp(s, "f_locals") || !strcmp(s, "f_globals"))
        return py_dict_new();
    if (!strcmp(s, "f_back"))
        return py_None;
    return py_generic_getattr(o, name);
}
static py_type tb_frame_type = {.name = "frame", .basicsize = sizeof(py_tb_frame), .getattr = tbf_getattr};

static pv tb_getattr(pv o, pv name)
{
    py_tb *t = (py_tb *)o;
    const char *s = py_cstr(name);
    if (!strcmp(s, "tb_lineno"))
        return PY_MKSMALL(t->line);
    if (!strcmp(s, "tb_next"))
        return t->next ? (pv)t->next : py_None;
    if (!strcmp(s, "tb_frame")) {
        py_tb_frame *f = (py_tb_frame *)py_new(&tb_frame_type, sizeof(py_tb_frame));
        f->code = t->code;
        f->line = t->line;
        return (pv)f;
    }
    return py_generic_getattr(o, name);
}
py_type py_tb_type = {.name = "traceback", .basicsize = sizeof(py_tb), .getattr = tb_getattr};

/* ---------------- printing ---------------- */

static void print_source_line(FILE *f, const char *file, int line)
{
    if (!file || file[0] == '<')
        return;
    FILE *src = fopen(file, "r");
    if (!src)
        return;
    char buf[4096];
    int n = 0;
    while (fgets(buf, sizeof buf, src)) {
        size_t len = strlen(buf);
        if (++n == line) {
            char *p = buf;
            while (*p == ' ' || *p == '\t' || *p == '\f')
                p++;
            while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
                buf[--len] = 0;
            if (*p)
                fprintf(f, "    %s\n", p);
            break;
        }
        while (len && buf[len - 1] != '\n' && fgets(buf, sizeof buf, src))
            len = strlen(buf);
    }
    fclose(src);
}

static void print_one(pv exc, FILE *f)
{
    py_exc *e = (py_exc *)exc;
    if (e->tb) {
        fputs("Traceback (most recent call last):\n", f);
        int last_line = -1, repeat = 0;
        py_code *last_code = NULL;
        for (py_tb *t = (py_tb *)e->tb; t; t = t->next) {
            if (t->code == last_code && t->line == last_line) {
                if (++repeat >= 3)
                    continue;
            } else {
                if (repeat >= 3)
                    fprintf(f, "  [Previous line repeated %d more time%s]\n", repeat - 2,
                            repeat - 2 == 1 ? "" : "s");
                repeat = 0;
            }
            last_code = t->code;
            last_line = t->line;
            fprintf(f, "  File \"%s\", line %d, in %s\n", py_cstr(t->code->filename), t->line,
                    py_cstr(t->code->name));
            print_source_line(f, py_cstr(t->code->filename), t->line);
        }
        if (repeat >= 3)
            fprintf(f, "  [Previous line repeated %d more time%s]\n", repeat - 2, repeat - 2 == 1 ? "" : "s");
    }
    py_type *t = py_typeof(exc);
    if (py_isinst(exc, py_exc_SyntaxError) && e->dict) {
        pv fn = py_dict_gets(e->dict, "filename"), ln = py_dict_gets(e->dict, "lineno");
        pv txt = py_dict_gets(e->dict, "text"), off = py_dict_gets(e->dict, "offset");
        if (fn && ln && PY_ISSTR(fn) && PY_ISSMALL(ln))
            fprintf(f, "  File \"%s\", line %ld\n", py_cstr(fn), (long)PY_SMALLVAL(ln));
        if (txt && PY_ISSTR(txt)) {
            const char *p = py_cstr(txt);
            long skip = 0;
            while (*p == ' ' || *p == '\t' || *p == '\f')
                p++, skip++;
            size_t len = strlen(p);
            while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
                len--;
            fprintf(f, "    %.*s\n", (int)len, p);
            if (off && PY_ISSMALL(off)) {
                long col = PY_SMALLVAL(off) - 1 - skip;
                if (col < 0)
                    col = 0;
                fputs("    ", f);
                for (long i = 0; i < col; i++)
                    fputc(' ', f);
                fputs("^\n", f);
            }
        }
        pv msg = PY_TUPLE(e->args)->n ? py_str_of(PY_TUPLE(e->args)->items[0]) : NULL;
        fprintf(f, "%s: %s\n", t->name, msg ? py_cstr(msg) : "");
        py_exc_clear();
        return;
    }
    pv s = py_str_of(exc);
    if (!s) {
        py_exc_clear();
        s = py_str_c("<exception str() failed>");
    }
    const char *mod = t->module && PY_ISSTR(t->module) ? py_cstr(t->module) : "builtins";
    int qual = strcmp(mod, "builtins") && strcmp(mod, "__main__");
    if (qual)
        fprintf(f, "%s.", mod);
    if (py_sbytes(s))
        fprintf(f, "%s: %s\n", t->name, py_cstr(s));
    else
        fprintf(f, "%s\n", t->name);
    pv notes = __atomic_load_n(&e->notes, __ATOMIC_ACQUIRE), note;
    if (notes)
        for (size_t i = 0; (note = py_list_get(notes, i)); i++)
            fprintf(f, "%s\n", py_cstr(note));
}

static void print_chain(pv exc, FILE *f, int depth)
{
    py_exc *e = (py_exc *)exc;
    if (depth < 32) {
        if (e->cause && PY_ISEXC(e->cause)) {
            print_chain(e->cause, f, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n", f);
        } else if (e->context && PY_ISEXC(e->context) && !e->suppress_context) {
            print_chain(e->context, f, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n", f);
        }
    }
    print_one(exc, f);
}

void py_exc_print(pv exc, FILE *f)
{
    py_flush_std();
    print_chain(exc, f, 0);
    fflush(f);
}

/* ---------------- hierarchy ---------------- */

static py_type *mk(const char *name, py_type *base)
{
    py_type *t = py_type_make(name, base, 0);
    t->flags |= PY_TF_EXC | PY_TF_BASETYPE;
    return t;
}

void py_exc_init(void)
{
    py_type_ready(&py_exc_type);
    py_type_ready(&py_tb_type);
    py_type_ready(&tb_frame_type);
    py_add_method(&py_exc_type, "__init__", em_init);
    py_add_method(&py_exc_type, "with_traceback", em_with_traceback);
    py_add_method(&py_exc_type, "add_note", em_add_note);
    py_add_method(&py_exc_type, "__reduce__", em_reduce);
    py_exc_BaseException = &py_exc_type;
    py_type *B = py_exc_BaseException;
    py_exc_Exception = mk("Exception", B);
    py_type *E = py_exc_Exception;
    py_exc_SystemExit = mk("SystemExit", B);
    py_exc_KeyboardInterrupt = mk("KeyboardInterrupt", B);
    py_exc_GeneratorExit = mk("GeneratorExit", B);
    py_exc_StopIteration = mk("StopIteration", E);
    py_exc_StopAsyncIteration = mk("StopAsyncIteration", E);
    py_exc_ArithmeticError = mk("ArithmeticError", E);
    py_exc_ZeroDivisionError = mk("ZeroDivisionError", py_exc_ArithmeticError);
    py_exc_OverflowError = mk("OverflowError", py_exc_ArithmeticError);
    py_exc_FloatingPointError = mk("FloatingPointError", py_exc_ArithmeticError);
    py_exc_AssertionError = mk("AssertionError", E);
    py_exc_AttributeError = mk("AttributeError", E);
    py_exc_BufferError = mk("BufferError", E);
    py_exc_EOFError = mk("EOFError", E);
    py_exc_ImportError = mk("ImportError", E);
    py_exc_ModuleNotFoundError = mk("ModuleNotFoundError", py_exc_ImportError);
    py_exc_LookupError = mk("LookupError", E);
    py_exc_IndexError = mk("IndexError", py_exc_LookupError);
    py_exc_KeyError = mk("KeyError", py_exc_LookupError);
    py_exc_MemoryError = mk("MemoryError", E);
    py_exc_NameError = mk("NameError", E);
    py_exc_UnboundLocalError = mk("UnboundLocalError", py_exc_NameError);
    py_exc_OSError = mk("OSError", E);
    py_exc_FileNotFoundError = mk("FileNotFoundError", py_exc_OSError);
    py_exc_FileExistsError = mk("FileExistsError", py_exc_OSError);
    py_exc_PermissionError = mk("PermissionError", py_exc_OSError);
    py_exc_IsADirectoryError = mk("IsADirectoryError", py_exc_OSError);
    py_exc_NotADirectoryError = mk("NotADirectoryError", py_exc_OSError);
    py_exc_TimeoutError = mk("TimeoutError", py_exc_OSError);
    py_exc_ConnectionError = mk("ConnectionError", py_exc_OSError);
    py_exc_BrokenPipeError = mk("BrokenPipeError", py_exc_ConnectionError);
    py_exc_InterruptedError = mk("InterruptedError", py_exc_OSError);
    py_exc_ChildProcessError = mk("ChildProcessError", py_exc_OSError);
    py_exc_ProcessLookupError = mk("ProcessLookupError", py_exc_OSError);
    py_exc_BlockingIOError = mk("BlockingIOError", py_exc_OSError);
    py_exc_ReferenceError = mk("ReferenceError", E);
    py_exc_RuntimeError = mk("RuntimeError", E);
    py_exc_RecursionError = mk("RecursionError", py_exc_RuntimeError);
    py_exc_NotImplementedError = mk("NotImplementedError", py_exc_RuntimeError);
    py_exc_SyntaxError = mk("SyntaxError", E);
    py_exc_IndentationError = mk("IndentationError", py_exc_SyntaxError);
    py_exc_TabError = mk("TabError", py_exc_IndentationError);
    py_exc_SystemError = mk("SystemError", E);
    py_exc_TypeError = mk("TypeError", E);
    py_exc_ValueError = mk("ValueError", E);
    py_exc_UnicodeError = mk("UnicodeError", py_exc_ValueError);
    py_exc_UnicodeDecodeError = mk("UnicodeDecodeError", py_exc_UnicodeError);
    py_exc_UnicodeEncodeError = mk("UnicodeEncodeError", py_exc_UnicodeError);
    py_exc_Warning = mk("Warning", E);
    py_exc_UserWarning = mk("UserWarning", py_exc_Warning);
    py_exc_DeprecationWarning = mk("DeprecationWarning", py_exc_Warning);
    py_exc_RuntimeWarning = mk("RuntimeWarning", py_exc_Warning);
    py_exc_PendingDeprecationWarning = mk("PendingDeprecationWarning", py_exc_Warning);
    py_exc_FutureWarning = mk("FutureWarning", py_exc_Warning);
    py_exc_ImportWarning = mk("ImportWarning", py_exc_Warning);
    py_exc_ResourceWarning = mk("ResourceWarning", py_exc_Warning);
    py_exc_SyntaxWarning = mk("SyntaxWarning", py_exc_Warning);
    py_exc_UnicodeWarning = mk("UnicodeWarning", py_exc_Warning);
    py_exc_BytesWarning = mk("BytesWarning", py_exc_Warning);
    py_exc_EncodingWarning = mk("EncodingWarning", py_exc_Warning);
    py_exc_ConnectionAbortedError = mk("ConnectionAbortedError", py_exc_ConnectionError);
    py_exc_ConnectionRefusedError = mk("ConnectionRefusedError", py_exc_ConnectionError);
    py_exc_ConnectionResetError = mk("ConnectionResetError", py_exc_ConnectionError);
    py_exc_UnicodeTranslateError = mk("UnicodeTranslateError", py_exc_UnicodeError);
    nomem_instance = py_exc_new(py_exc_MemoryError, NULL, 0);
    GC_add_roots(&nomem_instance, &nomem_instance + 1);
}
