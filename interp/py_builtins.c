/* py_builtins.c: the builtins module (functions and iterator types) and
 * class creation (__build_class__). The builtins dict is written only at
 * startup (and by user code, under the object locks). */
#include "py_vm.h"
#include "py_lock.h"

#include <math.h>
#include <stdlib.h>

pv py_builtins;

#define NARGS(name, lo, hi) if (py_nargs(name, n, lo, hi) < 0) return NULL

/* ---------------- print / repr / format ---------------- */

extern pv py_stdout_obj, py_stderr_obj;
extern int py_file_write_str(pv file, pv s);

static pv b_print(pv self, pv *a, size_t n, pv kw)
{
    pv sep = NULL, end = NULL, file = NULL, flush = NULL;
    static const char *const allowed[] = {"sep", "end", "file", "flush", NULL};
    if (py_kwcheck("print", kw, allowed) < 0)
        return NULL;
    sep = py_kwarg(kw, a + n, "sep");
    end = py_kwarg(kw, a + n, "end");
    file = py_kwarg(kw, a + n, "file");
    flush = py_kwarg(kw, a + n, "flush");
    if (sep == py_None)
        sep = NULL;
    if (end == py_None)
        end = NULL;
    if (sep && !PY_ISSTR(sep))
        return py_raise(py_exc_TypeError, "sep must be None or a string, not %s", py_tname(sep));
    if (end && !PY_ISSTR(end))
        return py_raise(py_exc_TypeError, "end must be None or a string, not %s", py_tname(end));
    if (!file || file == py_None) {
        pv sys = py_dict_gets(py_modules, "sys");
        file = sys ? py_getattr_opt(sys, py_intern("stdout")) : NULL;
        if (!file)
            file = py_stdout_obj;
    }
    py_sb b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            py_sb_addv(&b, sep ? sep : py_str_c(" "));
        pv s = PY_IS(a[i], str) ? a[i] : py_str_of(a[i]);
        if (!s)
            return NULL;
        py_sb_addv(&b, s);
    }
    if (end)
        py_sb_addv(&b, end);
    else
        py_sb_addc(&b, '\n');
    if (py_file_write_str(file, py_sb_finish(&b)) < 0)
        return NULL;
    if (flush && py_truth(flush) > 0) {
        pv r = py_call_method(file, "flush", NULL, 0);
        if (!r)
            return NULL;
    }
    return py_None;
}

static pv b_repr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("repr", 1, 1);
    return py_repr(a[0]);
}
static pv b_ascii(pv self, pv *a, size_t n, pv kw)
{
    NARGS("ascii", 1, 1);
    pv r = py_repr(a[0]);
    if (!r || ((py_str *)r)->ascii)
        return r;
    py_sb b = {0};
    for (size_t i = 0; i < py_slen(r); i++) {
        uint32_t c = py_str_at(r, i);
        char buf[16];
        if (c < 128)
            py_sb_addc(&b, (char)c);
        else {
            snprintf(buf, sizeof buf, c < 256 ? "\\x%02x" : c < 65536 ? "\\u%04x" : "\\U%08x", c);
            py_sb_adds(&b, buf);
        }
    }
    return py_sb_finish(&b);
}
static pv b_format(pv self, pv *a, size_t n, pv kw)
{
    NARGS("format", 1, 2);
    return py_format(a[0], n > 1 ? a[1] : py_str_new("", 0));
}

/* ---------------- numbers ---------------- */

static pv b_abs(pv self, pv *a, size_t n, pv kw)
{
    NARGS("abs", 1, 1);
    return py_abs(a[0]);
}

static pv b_round(pv self, pv *a, size_t n, pv kw)
{
    NARGS("round", 1, 2);
    pv nd = n > 1 ? a[1] : py_kwarg(kw, a + n, "ndigits");
    pv m = py_type_lookup(py_typeof(a[0]), py_id___round__);
    if (!m)
        return py_raise(py_exc_TypeError, "type %s doesn't define __round__ method", py_tname(a[0]));
    pv args[2] = {a[0], nd};
    return py_call(m, args, nd && nd != py_None ? 2 : 1, NULL);
}

static pv b_divmod(pv self, pv *a, size_t n, pv kw)
{
    NARGS("divmod", 2, 2);
    if ((py_typeof(a[0])->flags & PY_TF_HEAP)) {
        pv m = py_type_lookup(py_typeof(a[0]), py_id___divmod__);
        if (m)
            return py_call2(m, a[0], a[1]);
    }
    pv q = py_binop(PY_NB_FLOORDIV, a[0], a[1]);
    if (!q)
        return NULL;
    pv r = py_binop(PY_NB_MOD, a[0], a[1]);
    if (!r)
        return NULL;
    return py_tuple_pack(2, q, r);
}

static pv b_pow(pv self, pv *a, size_t n, pv kw)
{
    NARGS("pow", 2, 3);
    if (n == 3 && a[2] != py_None) {
        if (!PY_ISINT(a[0]) || !PY_ISINT(a[1]) || !PY_ISINT(a[2]))
            return py_raise(py_exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return py_int_pow3(a[0], a[1], a[2]);
    }
    return py_binop(PY_NB_POW, a[0], a[1]);
}

static pv minmax(pv *a, size_t n, pv kw, int want_max)
{
    const char *name = want_max ? "max" : "min";
    static const char *const allowed[] = {"key", "default", NULL};
    if (py_kwcheck(name, kw, allowed) < 0)
        return NULL;
    pv key = py_kwarg(kw, a + n, "key"), dflt = py_kwarg(kw, a + n, "default");
    if (key == py_None)
        key = NULL;
    if (n == 0)
        return py_raise(py_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    pv it;
    if (n == 1) {
        it = py_iter(a[0]);
        if (!it)
            return NULL;
    } else {
        if (dflt)
            return py_raise(py_exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
        it = py_iter(py_tuple_from(a, n));
    }
    pv best = NULL, bestk = NULL, x;
    while ((x = py_next(it))) {
        pv k = key ? py_call1(key, x) : x;
        if (!k)
            return NULL;
        if (!best) {
            best = x;
            bestk = k;
            continue;
        }
        int r = want_max ? py_lt(bestk, k) : py_lt(k, bestk);
        if (r < 0)
            return NULL;
        if (r) {
            best = x;
            bestk = k;
        }
    }
    if (py_cur->exc)
        return NULL;
    if (!best) {
        if (dflt)
            return dflt;
        return py_raise(py_exc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
}
static pv b_max(pv self, pv *a, size_t n, pv kw) { return minmax(a, n, kw, 1); }
static pv b_min(pv self, pv *a, size_t n, pv kw) { return minmax(a, n, kw, 0); }

static pv b_sum(pv self, pv *a, size_t n, pv kw)
{
    NARGS("sum", 1, 2);
    pv acc = n > 1 ? a[1] : PY_MKSMALL(0);
    pv st = py_kwarg(kw, a + n, "start");
    if (st)
        acc = st;
    if (PY_ISSTR(acc))
        return py_raise(py_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    pv it = py_iter(a[0]);
    if (!it)
        return NULL;
    pv x;
    /* float accumulation as CPython: plain double adds when all are floats */
    while ((x = py_next(it))) {
        if (PY_ISSMALL(acc) && PY_ISSMALL(x)) {
            intptr_t r = PY_SMALLVAL(acc) + PY_SMALLVAL(x);
            if (PY_FITS_SMALL(r)) {
                acc = PY_MKSMALL(r);
                continue;
            }
        }
        acc = py_binop(PY_NB_ADD, acc, x);
        if (!acc)
            return NULL;
    }
    return py_cur->exc ? NULL : acc;
}

static pv b_chr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("chr", 1, 1);
    int err = 0;
    intptr_t c = py_index(a[0], &err);
    if (err)
        return NULL;
    if (c < 0 || c > 0x10FFFF)
        return py_raise(py_exc_ValueError, "chr() arg not in range(0x110000)");
    return py_str_from_cp((uint32_t)c);
}
static pv b_ord(pv self, pv *a, size_t n, pv kw)
{
    NARGS("ord", 1, 1);
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "ord() expected string of length 1, but %s found", py_tname(a[0]));
    if (py_slen(a[0]) != 1)
        return py_raise(py_exc_TypeError, "ord() expected a character, but string of length %zu found", py_slen(a[0]));
    return PY_MKSMALL(py_str_at(a[0], 0));
}
static pv base_fmt(pv *a, size_t n, int base, const char *name)
{
    NARGS(name, 1, 1);
    pv v = a[0];
    if (!PY_ISINT(v)) {
        int err = 0;
        intptr_t i = py_index(v, &err);
        if (err)
            return NULL;
        v = PY_MKSMALL(i);
    }
    return py_int_format_base(v, base, 1);
}
static pv b_hex(pv self, pv *a, size_t n, pv kw) { return base_fmt(a, n, 16, "hex"); }
static pv b_oct(pv self, pv *a, size_t n, pv kw) { return base_fmt(a, n, 8, "oct"); }
static pv b_bin(pv self, pv *a, size_t n, pv kw) { return base_fmt(a, n, 2, "bin"); }

/* ---------------- objects ---------------- */

static pv b_len(pv self, pv *a, size_t n, pv kw)
{
    NARGS("len", 1, 1);
    intptr_t l = py_len(a[0]);
    return l < 0 ? NULL : PY_MKSMALL(l);
}
static pv b_id(pv self, pv *a, size_t n, pv kw)
{
    NARGS("id", 1, 1);
    return py_int_from_i64((int64_t)(uintptr_t)a[0]);
}
static pv b_hash(pv self, pv *a, size_t n, pv kw)
{
    NARGS("hash", 1, 1);
    intptr_t h = py_hash(a[0]);
    return h == -1 && py_cur->exc ? NULL : py_int_from_i64(h);
}
static int isinst_rec(pv o, pv t, int depth)
{
    if (depth > 100) {
        py_raise(py_exc_RecursionError, "maximum recursion depth exceeded in __instancecheck__");
        return -1;
    }
    if (PY_IS(t, tuple)) {
        for (size_t i = 0; i < PY_TUPLE(t)->n; i++) {
            int r = isinst_rec(o, PY_TUPLE(t)->items[i], depth + 1);
            if (r)
                return r;
        }
        return 0;
    }
    if (!PY_ISSMALL(t) && (py_typeof(t)->flags & PY_TF_HEAP)) {
        /* a metaclass (or class of the object) with __instancecheck__ */
        pv ic = py_type_lookup(py_typeof(t), py_intern("__instancecheck__"));
        if (ic) {
            pv r = py_call2(ic, t, o);
            return r ? py_truth(r) : -1;
        }
    }
    if (!PY_ISTYPE(t)) {
        py_raise(py_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    py_type *tt = (py_type *)t;
    if (py_isinst(o, tt))
        return 1;
    /* the MRO holds every base (C3), including the non-layout ones */
    py_type *ot = py_typeof(o);
    py_tuple *mro = PY_TUPLE(ot->mro);
    for (size_t i = 0; mro && i < mro->n; i++)
        if (mro->items[i] == t)
            return 1;
    return 0;
}
static pv b_isinstance(pv self, pv *a, size_t n, pv kw)
{
    NARGS("isinstance", 2, 2);
    int r = isinst_rec(a[0], a[1], 0);
    return r < 0 ? NULL : PY_BOOL(r);
}
static int subclass_rec(py_type *c, pv t)
{
    if (!PY_ISSMALL(t) && (py_typeof(t)->flags & PY_TF_HEAP)) {
        pv sc = py_type_lookup(py_typeof(t), py_intern("__subclasscheck__"));
        if (sc) {
            pv r = py_call2(sc, t, (pv)c);
            return r ? py_truth(r) : -1;
        }
    }
    if (PY_IS(t, tuple)) {
        for (size_t i = 0; i < PY_TUPLE(t)->n; i++) {
            int r = subclass_rec(c, PY_TUPLE(t)->items[i]);
            if (r)
                return r;
        }
        return 0;
    }
    if (!PY_ISTYPE(t)) {
        py_raise(py_exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    return py_subtype(c, (py_type *)t);
}
static pv b_issubclass(pv self, pv *a, size_t n, pv kw)
{
    NARGS("issubclass", 2, 2);
    if (!PY_ISTYPE(a[0]))
        return py_raise(py_exc_TypeError, "issubclass() arg 1 must be a class");
    int r = subclass_rec((py_type *)a[0], a[1]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv b_callable(pv self, pv *a, size_t n, pv kw)
{
    NARGS("callable", 1, 1);
    py_type *t = py_typeof(a[0]);
    return PY_BOOL(t->call || t == &py_func_type || t == &py_cfunc_type);
}
static pv b_getattr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("getattr", 2, 3);
    if (!PY_ISSTR(a[1]))
        return py_raise(py_exc_TypeError, "attribute name must be string, not '%s'", py_tname(a[1]));
    pv name = py_intern_str(a[1]);
    if (n == 3) {
        pv v = py_getattr_opt(a[0], name);
        if (v || py_cur->exc)
            return v;
        return a[2];
    }
    return py_getattr(a[0], name);
}
static pv b_setattr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("setattr", 3, 3);
    if (!PY_ISSTR(a[1]))
        return py_raise(py_exc_TypeError, "attribute name must be string, not '%s'", py_tname(a[1]));
    return py_setattr(a[0], py_intern_str(a[1]), a[2]) < 0 ? NULL : py_None;
}
static pv b_delattr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("delattr", 2, 2);
    if (!PY_ISSTR(a[1]))
        return py_raise(py_exc_TypeError, "attribute name must be string");
    return py_setattr(a[0], py_intern_str(a[1]), NULL) < 0 ? NULL : py_None;
}
static pv b_hasattr(pv self, pv *a, size_t n, pv kw)
{
    NARGS("hasattr", 2, 2);
    if (!PY_ISSTR(a[1]))
        return py_raise(py_exc_TypeError, "attribute name must be string, not '%s'", py_tname(a[1]));
    pv v = py_getattr_opt(a[0], py_intern_str(a[1]));
    if (!v && py_cur->exc)
        return NULL;
    return PY_BOOL(v != NULL);
}
static pv b_iter(pv self, pv *a, size_t n, pv kw)
{
    NARGS("iter", 1, 2);
    if (n == 2) {
        extern pv py_callable_iter_new(pv f, pv sentinel);
        return py_callable_iter_new(a[0], a[1]);
    }
    return py_iter(a[0]);
}
static pv b_next(pv self, pv *a, size_t n, pv kw)
{
    NARGS("next", 1, 2);
    py_type *t = py_typeof(a[0]);
    if (!t->next)
        return py_raise(py_exc_TypeError, "'%s' object is not an iterator", t->name);
    pv v;
    if (t == &py_gen_type) {
        int done;
        v = py_gen_send(a[0], py_None, &done);
        if (done && v) {
            if (n == 2)
                return a[1];
            pv args[1] = {v};
            return py_raise_obj(py_exc_new(py_exc_StopIteration, args, v == py_None ? 0 : 1));
        }
    } else
        v = t->next(a[0]);
    if (v)
        return v;
    if (py_cur->exc) {
        if (n == 2 && py_exc_matches(py_exc_StopIteration)) {
            py_exc_clear();
            return a[1];
        }
        return NULL;
    }
    if (n == 2)
        return a[1];
    return py_raise_obj(py_exc_new(py_exc_StopIteration, NULL, 0));
}
static pv b_any(pv self, pv *a, size_t n, pv kw)
{
    NARGS("any", 1, 1);
    pv it = py_iter(a[0]), x;
    if (!it)
        return NULL;
    while ((x = py_next(it))) {
        int t = py_truth(x);
        if (t)
            return t < 0 ? NULL : py_True;
    }
    return py_cur->exc ? NULL : py_False;
}
static pv b_all(pv self, pv *a, size_t n, pv kw)
{
    NARGS("all", 1, 1);
    pv it = py_iter(a[0]), x;
    if (!it)
        return NULL;
    while ((x = py_next(it))) {
        int t = py_truth(x);
        if (t <= 0)
            return t < 0 ? NULL : py_False;
    }
    return py_cur->exc ? NULL : py_True;
}
static pv b_sorted(pv self, pv *a, size_t n, pv kw)
{
    if (n != 1)
        return py_raise(py_exc_TypeError, "sorted expected 1 argument, got %zu", n);
    static const char *const allowed[] = {"key", "reverse", NULL};
    if (py_kwcheck("sorted", kw, allowed) < 0)
        return NULL;
    pv l = py_to_list(a[0]);
    if (!l)
        return NULL;
    pv rev = py_kwarg(kw, a + n, "reverse");
    int r = rev ? py_truth(rev) : 0;
    if (r < 0 || !py_list_sort(l, py_kwarg(kw, a + n, "key"), r))
        return NULL;
    return l;
}
static pv b_vars(pv self, pv *a, size_t n, pv kw)
{
    NARGS("vars", 0, 1);
    if (n == 0) {
        py_frame *f = py_cur->frame;
        return f && f->locals ? f->locals : f ? f->globals : py_None;
    }
    pv d = py_instance_dict(a[0]);
    if (!d)
        return py_raise(py_exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}
static pv b_globals(pv self, pv *a, size_t n, pv kw)
{
    py_frame *f = py_cur->frame;
    return f ? f->globals : py_None;
}
static pv b_locals(pv self, pv *a, size_t n, pv kw)
{
    py_frame *f = py_cur->frame;
    if (!f)
        return py_None;
    if (f->locals)
        return f->locals;
    if (f->code->flags & PY_CO_MODULE)
        return f->globals;
    pv d = py_dict_new();
    py_code *co = f->code;
    for (int i = 0; i < co->nlocals; i++)
        if (f->fast[i])
            py_dict_set(d, PY_TUPLE(co->varnames)->items[i], f->fast[i]);
    for (int i = 0; i < co->ncells + co->nfree; i++) {
        py_cell *c = (py_cell *)f->fast[co->nlocals + i];
        pv nm = i < co->ncells ? PY_TUPLE(co->cellvars)->items[i] : PY_TUPLE(co->freevars)->items[i - co->ncells];
        if (c && py_cell_get((pv)c))
            py_dict_set(d, nm, py_cell_get((pv)c));
    }
    return d;
}
static pv b_dir(pv self, pv *a, size_t n, pv kw)
{
    NARGS("dir", 0, 1);
    pv names = py_set_new(&py_set_type);
    if (n == 0) {
        pv l = b_locals(NULL, NULL, 0, NULL);
        size_t pos = 0;
        pv k, v;
        while (py_dict_next(l, &pos, &k, &v))
            py_set_add(names, k);
    } else {
        pv d = py_instance_dict(a[0]);
        size_t pos = 0;
        pv k, v;
        if (d)
            while (py_dict_next(d, &pos, &k, &v))
                py_set_add(names, k);
        py_type *t = PY_ISTYPE(a[0]) ? (py_type *)a[0] : py_typeof(a[0]);
        for (py_type *c = t; c; c = c->base) {
            pos = 0;
            if (c->dict)
                while (py_dict_next(c->dict, &pos, &k, &v))
                    py_set_add(names, k);
        }
    }
    pv l = py_to_list(names);
    return l && py_list_sort(l, NULL, 0) ? l : NULL;
}

static pv exec_or_eval(pv *a, size_t n, int mode, const char *name)
{
    if (py_nargs(name, n, 1, 3) < 0)
        return NULL;
    py_frame *f = py_cur->frame;
    pv globals = n > 1 && a[1] != py_None ? a[1] : f ? f->globals : py_dict_new();
    pv locals = n > 2 && a[2] != py_None ? a[2] : (n > 1 && a[1] != py_None) ? globals : f && f->locals ? f->locals : globals;
    if (!PY_ISDICT(globals))
        return py_raise(py_exc_TypeError, "%s() globals must be a dict, not %s", name, py_tname(globals));
    if (!py_dict_get(globals, py_id___builtins__))
        py_dict_set(globals, py_id___builtins__, py_builtins);
    pv code = a[0];
    if (PY_ISSTR(code)) {
        const char *src = py_cstr(code);
        size_t len = py_sbytes(code);
        if (mode == PY_MODE_EVAL)
            while (len && (*src == ' ' || *src == '\t'))
                src++, len--;
        code = py_compile_source(src, len, "<string>", mode);
        if (!code)
            return NULL;
    } else if (!PY_IS(code, code))
        return py_raise(py_exc_TypeError, "%s() arg 1 must be a string or code object", name);
    if (!f || (f->code->flags & PY_CO_MODULE) || locals != globals || n > 1) {
        pv r = py_eval_code((py_code *)code, globals, locals);
        return mode == PY_MODE_EVAL ? r : (r ? py_None : NULL);
    }
    /* exec/eval inside a function: run against a snapshot of its locals */
    pv snap = b_locals(NULL, NULL, 0, NULL);
    pv r = py_eval_code((py_code *)code, globals, snap);
    return mode == PY_MODE_EVAL ? r : (r ? py_None : NULL);
}
static pv b_exec(pv self, pv *a, size_t n, pv kw) { return exec_or_eval(a, n, PY_MODE_EXEC, "exec"); }
static pv b_eval(pv self, pv *a, size_t n, pv kw) { return exec_or_eval(a, n, PY_MODE_EVAL, "eval"); }
static pv b_compile(pv self, pv *a, size_t n, pv kw)
{
    NARGS("compile", 3, 6);
    if (!PY_ISSTR(a[0]) || !PY_ISSTR(a[1]) || !PY_ISSTR(a[2]))
        return py_raise(py_exc_TypeError, "compile() arguments must be str");
    const char *m = py_cstr(a[2]);
    int mode = !strcmp(m, "eval") ? PY_MODE_EVAL : !strcmp(m, "single") ? PY_MODE_SINGLE : PY_MODE_EXEC;
    return py_compile_source(py_cstr(a[0]), py_sbytes(a[0]), py_cstr(a[1]), mode);
}

extern pv py_file_readline_stdin(void);
static pv b_input(pv self, pv *a, size_t n, pv kw)
{
    NARGS("input", 0, 1);
    if (n) {
        pv s = py_str_of(a[0]);
        if (!s || py_file_write_str(py_stdout_obj, s) < 0)
            return NULL;
    }
    fflush(stdout);
    pv line = py_file_readline_stdin();
    if (!line)
        return NULL;
    size_t len = py_sbytes(line);
    if (!len)
        return py_raise(py_exc_EOFError, "EOF when reading a line");
    if (py_cstr(line)[len - 1] == '\n')
        len--;
    return py_str_new(py_cstr(line), len);
}

static pv b_import(pv self, pv *a, size_t n, pv kw)
{
    NARGS("__import__", 1, 5);
    pv fromlist = n > 3 ? a[3] : py_None;
    int level = n > 4 && PY_ISSMALL(a[4]) ? (int)PY_SMALLVAL(a[4]) : 0;
    return py_import(a[0], n > 1 && PY_ISDICT(a[1]) ? a[1] : py_dict_new(), fromlist, level);
}

static pv b_exit(pv self, pv *a, size_t n, pv kw)
{
    return py_raise_obj(py_exc_new(py_exc_SystemExit, a, n > 1 ? 1 : n));
}

/* ---------------- iterator types ---------------- */

typedef struct { py_obj ob; pv it; intptr_t i; pv start; } enum_obj;
static pv enum_next(pv o)
{
    enum_obj *e = (enum_obj *)o;
    pv v = py_next(e->it);
    if (!v)
        return NULL;
    pv idx = e->start ? e->start : PY_MKSMALL(e->i);
    if (e->start)
        e->start = py_binop(PY_NB_ADD, e->start, PY_MKSMALL(1));
    else
        e->i++;
    return py_tuple_pack(2, idx, v);
}
static pv self_iter(pv o) { return o; }
static pv enum_new(py_type *t, pv *a, size_t n, pv kw)
{
    pv start = n > 1 ? a[1] : py_kwarg(kw, a + n, "start");
    pv src = n > 0 ? a[0] : py_kwarg(kw, a + n, "iterable");
    if (!src)
        return py_raise(py_exc_TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
    enum_obj *e = (enum_obj *)py_new(t, sizeof(enum_obj));
    e->it = py_iter(src);
    if (!e->it)
        return NULL;
    if (start) {
        if (!PY_ISINT(start))
            return py_raise(py_exc_TypeError, "'%s' object cannot be interpreted as an integer", py_tname(start));
        if (PY_ISSMALL(start))
            e->i = PY_SMALLVAL(start);
        else
            e->start = start;
    }
    return (pv)e;
}
static py_type enumerate_type = {.name = "enumerate", .basicsize = sizeof(enum_obj),
                                 .iter = self_iter, .next = enum_next, .tp_new = enum_new,
                                 .flags = PY_TF_BASETYPE};

typedef struct { py_obj ob; pv its; int strict; } zip_obj;
static pv zip_next(pv o)
{
    zip_obj *z = (zip_obj *)o;
    size_t k = PY_TUPLE(z->its)->n;
    if (!k)
        return NULL;
    pv t = py_tuple_new(k);
    for (size_t i = 0; i < k; i++) {
        pv v = py_next(PY_TUPLE(z->its)->items[i]);
        if (!v) {
            if (z->strict && !py_cur->exc && i > 0)
                return py_raise(py_exc_ValueError, "zip() argument %zu is shorter than argument 1", i + 1);
            return NULL;
        }
        PY_TUPLE(t)->items[i] = v;
    }
    return t;
}
static pv zip_new(py_type *t, pv *a, size_t n, pv kw)
{
    zip_obj *z = (zip_obj *)py_new(t, sizeof(zip_obj));
    z->its = py_tuple_new(n);
    for (size_t i = 0; i < n; i++) {
        pv it = py_iter(a[i]);
        if (!it) {
            if (py_exc_matches(py_exc_TypeError)) {
                py_exc_clear();
                return py_raise(py_exc_TypeError, "'%s' object is not iterable", py_tname(a[i]));
            }
            return NULL;
        }
        PY_TUPLE(z->its)->items[i] = it;
    }
    pv s = py_kwarg(kw, a + n, "strict");
    z->strict = s && py_truth(s) > 0;
    return (pv)z;
}
static py_type zip_type = {.name = "zip", .basicsize = sizeof(zip_obj), .iter = self_iter,
                           .next = zip_next, .tp_new = zip_new, .flags = PY_TF_BASETYPE};

typedef struct { py_obj ob; pv f; pv its; } map_obj;
static pv map_next(pv o)
{
    map_obj *m = (map_obj *)o;
    size_t k = PY_TUPLE(m->its)->n;
    pv buf[8];
    pv *args = k <= 8 ? buf : py_alloc(k * sizeof(pv));
    for (size_t i = 0; i < k; i++) {
        args[i] = py_next(PY_TUPLE(m->its)->items[i]);
        if (!args[i])
            return NULL;
    }
    return py_call(m->f, args, k, NULL);
}
static pv map_new(py_type *t, pv *a, size_t n, pv kw)
{
    if (n < 2)
        return py_raise(py_exc_TypeError, "map() must have at least two arguments.");
    map_obj *m = (map_obj *)py_new(t, sizeof(map_obj));
    m->f = a[0];
    m->its = py_tuple_new(n - 1);
    for (size_t i = 1; i < n; i++) {
        pv it = py_iter(a[i]);
        if (!it)
            return NULL;
        PY_TUPLE(m->its)->items[i - 1] = it;
    }
    return (pv)m;
}
static py_type map_type = {.name = "map", .basicsize = sizeof(map_obj), .iter = self_iter,
                           .next = map_next, .tp_new = map_new, .flags = PY_TF_BASETYPE};

typedef struct { py_obj ob; pv f; pv it; } filter_obj;
static pv filter_next(pv o)
{
    filter_obj *fo = (filter_obj *)o;
    pv v;
    while ((v = py_next(fo->it))) {
        pv r = fo->f == py_None ? v : py_call1(fo->f, v);
        if (!r)
            return NULL;
        int t = py_truth(r);
        if (t < 0)
            return NULL;
        if (t)
            return v;
    }
    return NULL;
}
static pv filter_new(py_type *t, pv *a, size_t n, pv kw)
{
    if (py_nargs("filter", n, 2, 2) < 0)
        return NULL;
    filter_obj *fo = (filter_obj *)py_new(t, sizeof(filter_obj));
    fo->f = a[0];
    fo->it = py_iter(a[1]);
    return fo->it ? (pv)fo : NULL;
}
static py_type filter_type = {.name = "filter", .basicsize = sizeof(filter_obj), .iter = self_iter,
                              .next = filter_next, .tp_new = filter_new, .flags = PY_TF_BASETYPE};

typedef struct { py_obj ob; pv seq; intptr_t i; } rev_obj;
static pv rev_next(pv o)
{
    rev_obj *r = (rev_obj *)o;
    if (r->i < 0)
        return NULL;
    pv v = py_getitem(r->seq, PY_MKSMALL(r->i));
    r->i--;
    if (!v && py_exc_matches(py_exc_IndexError)) {
        py_exc_clear();
        r->i = -1;
    }
    return v;
}
extern pv py_list_reversed(pv l);
extern pv py_range_reversed(pv r);
static pv reversed_new(py_type *t, pv *a, size_t n, pv kw)
{
    if (py_nargs("reversed", n, 1, 1) < 0)
        return NULL;
    pv s = a[0];
    if (PY_IS(s, list))
        return py_list_reversed(s);
    if (PY_IS(s, range))
        return py_range_reversed(s);
    pv m = py_type_lookup(py_typeof(s), py_id___reversed__);
    if (m)
        return py_call1(m, s);
    if (!py_typeof(s)->getitem || !py_typeof(s)->len || PY_ISDICT(s))
        return py_raise(py_exc_TypeError, "'%s' object is not reversible", py_tname(s));
    intptr_t len = py_len(s);
    if (len < 0)
        return NULL;
    rev_obj *r = (rev_obj *)py_new(t, sizeof(rev_obj));
    r->seq = s;
    r->i = len - 1;
    return (pv)r;
}
static py_type reversed_type = {.name = "reversed", .basicsize = sizeof(rev_obj), .iter = self_iter,
                                .next = rev_next, .tp_new = reversed_new};

typedef struct { py_obj ob; pv f, sentinel; int done; } calliter_obj;
static pv calliter_next(pv o)
{
    calliter_obj *c = (calliter_obj *)o;
    if (c->done)
        return NULL;
    pv v = py_call0(c->f);
    if (!v) {
        if (py_exc_matches(py_exc_StopIteration)) {
            py_exc_clear();
            c->done = 1;
        }
        return NULL;
    }
    int e = py_eq(v, c->sentinel);
    if (e < 0)
        return NULL;
    if (e) {
        c->done = 1;
        return NULL;
    }
    return v;
}
static py_type calliter_type = {.name = "callable_iterator", .basicsize = sizeof(calliter_obj),
                                .iter = self_iter, .next = calliter_next};
pv py_callable_iter_new(pv f, pv sentinel)
{
    calliter_obj *c = (calliter_obj *)py_new(&calliter_type, sizeof(calliter_obj));
    c->f = f;
    c->sentinel = sentinel;
    return (pv)c;
}

/* ---------------- classes ---------------- */

static pv type_new_static(pv self, pv *a, size_t n, pv kw)
{
    if (n < 1 || !PY_ISTYPE(a[0]))
        return py_raise(py_exc_TypeError, "type.__new__(X): X is not a type object");
    py_type *meta = (py_type *)a[0];
    if (n != 4)
        return py_raise(py_exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", n - 1);
    pv t = py_type_new_heap(py_cstr(a[1]), a[2], a[3]);
    if (t)
        t->type = meta;
    return t;
}
static pv type_init_m(pv self, pv *a, size_t n, pv kw) { return py_None; }
static pv type_call_m(pv self, pv *a, size_t n, pv kw) { return py_type_type.call(self, a, n, kw); }

static int call_set_names(pv cls, pv ns)
{
    size_t pos = 0;
    pv k, v;
    while (py_dict_next(ns, &pos, &k, &v)) {
        if (PY_ISSMALL(v) || !(v->type->flags & PY_TF_HEAP))
            continue;
        pv sn = py_type_lookup(v->type, py_id___set_name__);
        if (!sn)
            continue;
        pv args[3] = {v, cls, k};
        if (!py_call(sn, args, 3, NULL))
            return -1;
    }
    return 0;
}

pv py_build_class(pv func, pv name, pv bases, pv kw)
{
    pv meta = NULL;
    if (kw) {
        meta = py_dict_get(kw, py_intern("metaclass"));
        if (meta) {
            kw = py_dict_copy(kw);
            py_dict_del(kw, py_intern("metaclass"));
        }
    }
    if (!meta)
        meta = PY_TUPLE(bases)->n ? (pv)py_typeof(PY_TUPLE(bases)->items[0]) : (pv)&py_type_type;
    for (size_t i = 1; i < PY_TUPLE(bases)->n && meta == (pv)&py_type_type; i++)
        if (py_typeof(PY_TUPLE(bases)->items[i]) != &py_type_type)
            meta = (pv)py_typeof(PY_TUPLE(bases)->items[i]);
    pv ns = py_dict_new();
    py_func *fn = (py_func *)func;
    py_code *co = fn->code;
    py_frame *f = py_frame_new_heap(co, fn->globals, ns, func);
    if (!f)
        return NULL;
    f->flags = PY_FR_ENTRY;
    if (py_bind_args(f, fn, NULL, 0, NULL) < 0)
        return NULL;
    if (py_enter_recursive("") < 0)
        return NULL;
    pv cell = py_vm_run(py_cur, f);
    py_leave_recursive();
    if (!cell)
        return NULL;
    pv cls;
    if (meta == (pv)&py_type_type) {
        cls = py_type_new_heap(py_cstr(name), bases, ns);
    } else {
        pv args[3] = {name, bases, ns};
        size_t nk = kw ? ((py_dict *)kw)->used : 0;
        pv *buf = py_alloc((3 + nk) * sizeof(pv));
        py_copy(buf, args, sizeof args);
        pv names = nk ? py_tuple_new(nk) : NULL;
        size_t pos = 0, i = 0;
        pv k, v;
        while (kw && py_dict_next(kw, &pos, &k, &v)) {
            PY_TUPLE(names)->items[i] = k;
            buf[3 + i++] = v;
        }
        cls = py_call(meta, buf, 3, names);
        kw = NULL;
    }
    if (!cls)
        return NULL;
    if (PY_IS(cell, cell))
        py_cell_set(cell, cls);
    if (!PY_ISTYPE(cls))
        return cls;
    if (call_set_names(cls, ns) < 0)
        return NULL;
    /* __init_subclass__ of the parent */
    py_type *t = (py_type *)cls;
    if (t->base) {
        pv isc = py_type_lookup(t->base, py_id___init_subclass__);
        if (isc && !(PY_IS(isc, cfunc))) {
            pv b = PY_IS(isc, classmethod) ? py_method_new(cls, ((py_wrapper *)isc)->f) : py_bind(isc, NULL, t);
            size_t nk = kw ? ((py_dict *)kw)->used : 0;
            pv *buf = py_alloc((nk + 1) * sizeof(pv));
            pv names = nk ? py_tuple_new(nk) : NULL;
            size_t pos = 0, i = 0;
            pv k, v;
            while (kw && py_dict_next(kw, &pos, &k, &v)) {
                PY_TUPLE(names)->items[i] = k;
                buf[i++] = v;
            }
            if (!py_call(b, buf, 0, names))
                return NULL;
        }
    }
    return cls;
}

/* interactive prompt: echo an expression statement's value, bind _ */
int py_print_expr(pv v)
{
    if (v == py_None)
        return 0;
    py_dict_set(py_builtins, py_id__, py_None);
    pv r = py_repr(v);
    if (!r)
        return -1;
    fwrite(py_cstr(r), 1, py_sbytes(r), stdout);
    fputc('\n', stdout);
    fflush(stdout);
    py_dict_set(py_builtins, py_id__, v);
    return 0;
}

/* ---------------- registration ---------------- */

static void def(const char *name, py_cfn fn)
{
    py_dict_sets(py_builtins, name, py_cfunc_new(name, fn, NULL));
}

extern pv py_open_fn(pv self, pv *a, size_t n, pv kw);

void py_builtins_init(void)
{
    py_builtins = py_dict_new();
    py_type *its[] = {&enumerate_type, &zip_type, &map_type, &filter_type, &reversed_type,
                      &calliter_type};
    for (size_t i = 0; i < sizeof its / sizeof *its; i++) {
        py_type_ready(its[i]);
        py_dict_sets(py_builtins, its[i]->name, (pv)its[i]);
    }
    struct { const char *n; py_cfn f; } fns[] = {
        {"print", b_print}, {"repr", b_repr}, {"ascii", b_ascii}, {"format", b_format},
        {"abs", b_abs}, {"round", b_round}, {"divmod", b_divmod}, {"pow", b_pow},
        {"max", b_max}, {"min", b_min}, {"sum", b_sum}, {"chr", b_chr}, {"ord", b_ord},
        {"hex", b_hex}, {"oct", b_oct}, {"bin", b_bin}, {"len", b_len}, {"id", b_id},
        {"hash", b_hash}, {"isinstance", b_isinstance}, {"issubclass", b_issubclass},
        {"callable", b_callable}, {"getattr", b_getattr}, {"setattr", b_setattr},
        {"delattr", b_delattr}, {"hasattr", b_hasattr}, {"iter", b_iter}, {"next", b_next},
        {"any", b_any}, {"all", b_all}, {"sorted", b_sorted}, {"vars", b_vars},
        {"globals", b_globals}, {"locals", b_locals}, {"dir", b_dir}, {"exec", b_exec},
        {"eval", b_eval}, {"compile", b_compile}, {"input", b_input}, {"open", py_open_fn},
        {"__import__", b_import}, {"exit", b_exit}, {"quit", b_exit}};
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        def(fns[i].n, fns[i].f);
    py_type *types[] = {&py_int_type, &py_float_type, &py_str_type, &py_bool_type, &py_list_type,
                        &py_tuple_type, &py_dict_type, &py_set_type, &py_frozenset_type,
                        &py_object_type, &py_type_type, &py_range_type, &py_slice_type,
                        &py_staticmethod_type, &py_classmethod_type, &py_property_type,
                        &py_super_type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        py_dict_sets(py_builtins, types[i]->name, (pv)types[i]);
    py_dict_sets(py_builtins, "None", py_None);
    py_dict_sets(py_builtins, "True", py_True);
    py_dict_sets(py_builtins, "False", py_False);
    py_dict_sets(py_builtins, "NotImplemented", py_NotImplemented);
    py_dict_sets(py_builtins, "Ellipsis", py_Ellipsis);
    py_dict_sets(py_builtins, "__debug__", py_True);
    py_dict_sets(py_builtins, "__name__", py_str_c("builtins"));
#define PY_REG_EXC(n) py_dict_sets(py_builtins, #n, (pv)py_exc_##n);
    PY_EXC_TYPES(PY_REG_EXC)
    py_dict_sets(py_builtins, "EnvironmentError", (pv)py_exc_OSError);
    py_dict_sets(py_builtins, "IOError", (pv)py_exc_OSError);
    py_add_static(&py_type_type, "__new__", type_new_static);
    py_add_method(&py_type_type, "__init__", type_init_m);
    py_add_method(&py_type_type, "__call__", type_call_m);
}
