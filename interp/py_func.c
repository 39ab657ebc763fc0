/* py_func.c: functions, code objects, builtin functions and method
 * descriptors, bound methods, cells, modules, staticmethod/classmethod/
 * property, super, generators, and argument-checking helpers.
 * Cells and module dicts are shared mutable objects (PY_LOCK at access
 * sites in the VM); functions are immutable after creation except __dict__
 * and defaults (written only by user code under the GIL/lock). */
#include "py.h"
#include "py_lock.h"
#include "py_vm.h"

/* ---------------- argument helpers ---------------- */

int py_noargs_kw(const char *fname, pv kw)
{
    if (kw && PY_TUPLE(kw)->n) {
        py_raise(py_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int py_nargs(const char *fname, size_t n, size_t lo, size_t hi)
{
    if (n >= lo && n <= hi)
        return 0;
    if (lo == hi)
        py_raise(py_exc_TypeError, "%s() takes exactly %s (%zu given)", fname,
                 lo == 0 ? "no arguments" : lo == 1 ? "one argument" : "2 arguments", n);
    else if (n < lo)
        py_raise(py_exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, lo,
                 lo == 1 ? "" : "s", n);
    else
        py_raise(py_exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, hi,
                 hi == 1 ? "" : "s", n);
    return -1;
}

pv py_kwarg(pv kw, pv *kwvals, const char *name)
{
    if (!kw)
        return NULL;
    py_tuple *t = PY_TUPLE(kw);
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(py_cstr(t->items[i]), name))
            return kwvals[i];
    return NULL;
}

int py_kwcheck(const char *fname, pv kw, const char *const *allowed)
{
    if (!kw)
        return 0;
    py_tuple *t = PY_TUPLE(kw);
    for (size_t i = 0; i < t->n; i++) {
        const char *k = py_cstr(t->items[i]);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (!strcmp(*a, k))
                ok = 1;
        if (!ok) {
            py_raise(py_exc_TypeError, "%s() got an unexpected keyword argument '%s'", fname, k);
            return -1;
        }
    }
    return 0;
}

/* ---------------- builtin functions ---------------- */

pv py_cfunc_new(const char *name, py_cfn fn, pv self)
{
    py_cfunc *c = (py_cfunc *)py_new(&py_cfunc_type, sizeof(py_cfunc));
    c->name = name;
    c->fn = fn;
    c->self = self;
    return (pv)c;
}

static void add_descr(py_type *t, const char *name, py_cfn fn, int kind)
{
    if (!t->dict)
        t->dict = py_dict_new();
    py_cfunc *c = (py_cfunc *)py_cfunc_new(name, fn, NULL);
    c->owner = t;
    c->is_method = kind;
    py_dict_set(t->dict, py_intern(name), (pv)c);
}

void py_add_method(py_type *t, const char *name, py_cfn fn) { add_descr(t, name, fn, 1); }
void py_add_cls_method(py_type *t, const char *name, py_cfn fn) { add_descr(t, name, fn, 2); }
void py_add_static(py_type *t, const char *name, py_cfn fn) { add_descr(t, name, fn, 0); }

void py_add_getter(py_type *t, const char *name, py_cfn fn)
{
    if (!t->dict)
        t->dict = py_dict_new();
    py_property *p = (py_property *)py_new(&py_property_type, sizeof(py_property));
    py_cfunc *c = (py_cfunc *)py_cfunc_new(name, fn, NULL);
    c->is_method = 1;
    c->owner = t;
    p->fget = (pv)c;
    py_dict_set(t->dict, py_intern(name), (pv)p);
}

static pv cfunc_call(pv f, pv *args, size_t n, pv kw)
{
    py_cfunc *c = (py_cfunc *)f;
    if (c->is_method == 1 && !c->self) {
        /* unbound method descriptor called as Type.method(self, ...) */
        if (n < 1)
            return py_raise(py_exc_TypeError, "unbound method %s.%s() needs an argument",
                            c->owner ? c->owner->name : "?", c->name);
        if (c->owner && !py_isinst(args[0], c->owner))
            return py_raise(py_exc_TypeError,
                            "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                            c->name, c->owner->name, py_tname(args[0]));
        return c->fn(args[0], args + 1, n - 1, kw);
    }
    return c->fn(c->self, args, n, kw);
}

static pv cfunc_repr(pv f)
{
    py_cfunc *c = (py_cfunc *)f;
    if (c->is_method && c->owner && !c->self)
        return py_str_fmt("<method '%s' of '%s' objects>", c->name, c->owner->name);
    if (c->self && !PY_IS(c->self, module))
        return py_str_fmt("<built-in method %s of %s object at %p>", c->name, py_tname(c->self),
                          (void *)c->self);
    return py_str_fmt("<built-in function %s>", c->name);
}

static pv cfunc_getattr(pv f, pv name)
{
    py_cfunc *c = (py_cfunc *)f;
    if (name == py_id___name__ || name == py_id___qualname__)
        return py_str_c(c->name);
    if (name == py_id___self__)
        return c->self ? c->self : py_None;
    if (name == py_id___doc__)
        return py_None;
    if (name == py_id___module__)
        return py_str_c("builtins");
    return py_generic_getattr(f, name);
}

py_type py_cfunc_type = {.name = "builtin_function_or_method", .basicsize = sizeof(py_cfunc),
                         .call = cfunc_call, .repr = cfunc_repr, .getattr = cfunc_getattr};

/* ---------------- functions and code ---------------- */

pv py_func_new(py_code *co, pv globals, pv qualname)
{
    py_func *f = (py_func *)py_new(&py_func_type, sizeof(py_func));
    f->code = co;
    f->globals = globals;
    f->builtins = py_builtins;
    f->name = co->name;
    f->qualname = qualname ? qualname : co->name;
    f->module = py_dict_get(globals, py_id___name__);
    f->doc = py_None;
    if (co->consts && PY_TUPLE(co->consts)->n && PY_ISSTR(PY_TUPLE(co->consts)->items[0]) &&
        !(co->flags & (PY_CO_MODULE | PY_CO_CLASSBODY)) && (co->flags & 0x100))
        f->doc = PY_TUPLE(co->consts)->items[0];
    return (pv)f;
}

static pv func_call(pv f, pv *args, size_t n, pv kw) { return py_call_func(f, args, n, kw); }

static pv func_repr(pv f)
{
    return py_str_fmt("<function %s at %p>", py_cstr(((py_func *)f)->qualname), (void *)f);
}

static pv func_getattr(pv o, pv name)
{
    py_func *f = (py_func *)o;
    if (name == py_id___name__)
        return f->name;
    if (name == py_id___qualname__)
        return f->qualname;
    if (name == py_id___module__)
        return f->module ? f->module : py_None;
    if (name == py_id___doc__)
        return f->doc ? f->doc : py_None;
    if (name == py_id___defaults__)
        return f->defaults ? f->defaults : py_None;
    if (name == py_id___kwdefaults__)
        return f->kwdefaults ? f->kwdefaults : py_None;
    if (name == py_id___code__)
        return (pv)f->code;
    if (name == py_id___globals__)
        return f->globals;
    if (name == py_id___closure__)
        return f->closure ? f->closure : py_None;
    if (name == py_id___dict__) {
        if (!f->dict)
            f->dict = py_dict_new();
        return f->dict;
    }
    if (f->dict) {
        pv v = py_dict_get(f->dict, name);
        if (v)
            return v;
    }
    if (name == py_id___annotations__)
        return py_dict_new();
    return py_generic_getattr(o, name);
}

static int func_setattr(pv o, pv name, pv v)
{
    py_func *f = (py_func *)o;
    if (name == py_id___name__ && v) {
        f->name = v;
        return 0;
    }
    if (name == py_id___qualname__ && v) {
        f->qualname = v;
        return 0;
    }
    if (name == py_id___doc__) {
        f->doc = v;
        return 0;
    }
    if (name == py_id___defaults__) {
        f->defaults = v == py_None ? NULL : v;
        return 0;
    }
    if (name == py_id___module__) {
        f->module = v;
        return 0;
    }
    if (!f->dict)
        f->dict = py_dict_new();
    if (v)
        return py_dict_set(f->dict, name, v);
    return py_dict_del(f->dict, name);
}

py_type py_func_type = {.name = "function", .basicsize = sizeof(py_func), .call = func_call,
                        .repr = func_repr, .getattr = func_getattr, .setattr = func_setattr};

static pv code_getattr(pv o, pv name)
{
    py_code *c = (py_code *)o;
    const char *n = py_cstr(name);
    if (!strcmp(n, "co_name"))
        return c->name;
    if (!strcmp(n, "co_filename"))
        return c->filename;
    if (!strcmp(n, "co_argcount"))
        return PY_MKSMALL(c->argcount);
    if (!strcmp(n, "co_varnames"))
        return c->varnames;
    if (!strcmp(n, "co_firstlineno"))
        return PY_MKSMALL(c->firstline);
    if (!strcmp(n, "co_flags"))
        return PY_MKSMALL(c->flags);
    return py_generic_getattr(o, name);
}
static pv code_repr(pv o)
{
    py_code *c = (py_code *)o;
    return py_str_fmt("<code object %s at %p, file \"%s\", line %d>", py_cstr(c->name), (void *)c,
                      py_cstr(c->filename), c->firstline);
}
py_type py_code_type = {.name = "code", .basicsize = sizeof(py_code), .getattr = code_getattr,
                        .repr = code_repr};

/* ---------------- bound methods ---------------- */

pv py_method_new(pv self, pv func)
{
    py_method *m = (py_method *)py_new(&py_method_type, sizeof(py_method));
    m->self = self;
    m->func = func;
    return (pv)m;
}

static pv method_call(pv o, pv *args, size_t n, pv kw)
{
    py_method *m = (py_method *)o;
    size_t nk = PY_NKW(kw);
    pv sbuf[8];
    pv *buf = n + nk + 1 <= 8 ? sbuf : py_alloc((n + nk + 1) * sizeof(pv));
    buf[0] = m->self;
    py_copy(buf + 1, args, (n + nk) * sizeof(pv));
    return py_call(m->func, buf, n + 1, kw);
}

static pv method_repr(pv o)
{
    py_method *m = (py_method *)o;
    pv qn = py_getattr_opt(m->func, py_id___qualname__);
    pv r = py_repr(m->self);
    if (!r)
        return NULL;
    return py_str_fmt("<bound method %s of %s>", qn && PY_ISSTR(qn) ? py_cstr(qn) : "?", py_cstr(r));
}

static pv method_getattr(pv o, pv name)
{
    py_method *m = (py_method *)o;
    if (name == py_id___self__)
        return m->self;
    if (name == py_id___func__)
        return m->func;
    return py_getattr(m->func, name);
}

static pv method_richcmp(pv a, pv b, int op)
{
    if (!PY_IS(b, method) || (op != PY_EQ && op != PY_NE))
        return py_NotImplemented;
    py_method *x = (py_method *)a, *y = (py_method *)b;
    int eq = x->self == y->self && x->func == y->func;
    return PY_BOOL(op == PY_EQ ? eq : !eq);
}

static intptr_t method_hash(pv o)
{
    py_method *m = (py_method *)o;
    return (intptr_t)(((uintptr_t)m->self >> 4) ^ ((uintptr_t)m->func >> 4));
}

py_type py_method_type = {.name = "method", .basicsize = sizeof(py_method), .call = method_call,
                          .repr = method_repr, .getattr = method_getattr,
                          .richcmp = method_richcmp, .hash = method_hash};

/* ---------------- cells and modules ---------------- */

pv py_cell_new(pv v)
{
    py_cell *c = (py_cell *)py_new(&py_cell_type, sizeof(py_cell));
    c->v = v;
    return (pv)c;
}
py_type py_cell_type = {.name = "cell", .basicsize = sizeof(py_cell)};

pv py_module_new(const char *name)
{
    py_module *m = (py_module *)py_new(&py_module_type, sizeof(py_module));
    m->dict = py_dict_new();
    m->name = py_intern(name);
    py_dict_set(m->dict, py_id___name__, m->name);
    py_dict_set(m->dict, py_id___doc__, py_None);
    return (pv)m;
}

static pv module_getattr(pv o, pv name)
{
    py_module *m = (py_module *)o;
    PY_LOCK_R(m->dict);
    pv v = py_dict_get(m->dict, name);
    PY_UNLOCK_R(m->dict);
    if (v)
        return v;
    if (name == py_id___dict__)
        return m->dict;
    pv ga = py_dict_get(m->dict, py_id___getattr__);
    if (ga)
        return py_call1(ga, name);
    return py_generic_getattr(o, name);
}

static int module_setattr(pv o, pv name, pv v)
{
    py_module *m = (py_module *)o;
    if (v)
        return py_dict_set(m->dict, name, v);
    return py_dict_del(m->dict, name);
}

static pv module_repr(pv o)
{
    py_module *m = (py_module *)o;
    pv f = py_dict_get(m->dict, py_id___file__);
    if (f && PY_ISSTR(f))
        return py_str_fmt("<module '%s' from '%s'>", py_cstr(m->name), py_cstr(f));
    return py_str_fmt("<module '%s' (built-in)>", py_cstr(m->name));
}

static pv module_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    if (n < 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "module() argument 'name' must be str");
    return py_module_new(py_cstr(a[0]));
}

py_type py_module_type = {.name = "module", .basicsize = sizeof(py_module), .tp_new = module_new_t,
                          .getattr = module_getattr, .setattr = module_setattr,
                          .repr = module_repr};

/* ---------------- staticmethod / classmethod / property ---------------- */

static pv wrapper_new(py_type *t, pv *args, size_t n, pv kw)
{
    if (py_nargs(t->name, n, 1, 1) < 0)
        return NULL;
    py_wrapper *w = (py_wrapper *)py_new(t, sizeof(py_wrapper));
    w->f = args[0];
    return (pv)w;
}
static pv wrapper_getattr(pv o, pv name)
{
    py_wrapper *w = (py_wrapper *)o;
    if (name == py_id___func__ || name == py_id___wrapped__)
        return w->f;
    if (name == py_id___isabstractmethod__)
        return py_False;
    if (name == py_id___get__)
        return py_generic_getattr(o, name);
    return py_getattr(w->f, name);
}
static pv staticmethod_call(pv o, pv *args, size_t n, pv kw) { return py_call(((py_wrapper *)o)->f, args, n, kw); }
py_type py_staticmethod_type = {.name = "staticmethod", .basicsize = sizeof(py_wrapper),
                                .tp_new = wrapper_new, .getattr = wrapper_getattr,
                                .call = staticmethod_call, .flags = PY_TF_BASETYPE};
py_type py_classmethod_type = {.name = "classmethod", .basicsize = sizeof(py_wrapper),
                               .tp_new = wrapper_new, .getattr = wrapper_getattr,
                               .flags = PY_TF_BASETYPE};

static pv property_new(py_type *t, pv *args, size_t n, pv kw)
{
    py_property *p = (py_property *)py_new(t, sizeof(py_property));
    pv *slots[] = {&p->fget, &p->fset, &p->fdel, &p->doc};
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    for (size_t i = 0; i < 4; i++) {
        *slots[i] = i < n ? args[i] : NULL;
        pv k = py_kwarg(kw, args + n, names[i]);
        if (k)
            *slots[i] = k;
        if (*slots[i] == py_None)
            *slots[i] = NULL;
    }
    return (pv)p;
}
static pv property_copy(pv o, int which, pv f)
{
    py_property *p = (py_property *)o, *q = (py_property *)py_new(o->type, sizeof(py_property));
    *q = *p;
    if (which == 0)
        q->fget = f;
    else if (which == 1)
        q->fset = f;
    else
        q->fdel = f;
    return (pv)q;
}
static pv pm_getter(pv s, pv *a, size_t n, pv kw) { return property_copy(s, 0, a[0]); }
static pv pm_setter(pv s, pv *a, size_t n, pv kw) { return property_copy(s, 1, a[0]); }
static pv pm_deleter(pv s, pv *a, size_t n, pv kw) { return property_copy(s, 2, a[0]); }
static pv property_getattr(pv o, pv name)
{
    py_property *p = (py_property *)o;
    if (name == py_id_fget)
        return p->fget ? p->fget : py_None;
    if (name == py_id_fset)
        return p->fset ? p->fset : py_None;
    if (name == py_id_fdel)
        return p->fdel ? p->fdel : py_None;
    if (name == py_id___doc__)
        return p->doc ? p->doc : p->fget ? py_getattr_opt(p->fget, py_id___doc__) ?: py_None : py_None;
    if (name == py_id___isabstractmethod__)
        return py_False;
    return py_generic_getattr(o, name);
}
static pv pm_get(pv s, pv *a, size_t n, pv kw)
{
    if (n < 1 || a[0] == py_None)
        return s;
    return py_bind(s, a[0], py_typeof(a[0]));
}
py_type py_property_type = {.name = "property", .basicsize = sizeof(py_property),
                            .tp_new = property_new, .getattr = property_getattr,
                            .flags = PY_TF_BASETYPE};

/* ---------------- super ---------------- */

typedef struct { py_obj ob; py_type *start; pv self; py_type *selftype; } py_super_obj;

static pv super_make(py_type *cls, pv self)
{
    py_super_obj *s = (py_super_obj *)py_new(&py_super_type, sizeof(py_super_obj));
    s->start = cls;
    s->self = self;
    s->selftype = PY_ISTYPE(self) && py_subtype((py_type *)self, cls) ? (py_type *)self : py_typeof(self);
    return (pv)s;
}

static pv super_new(py_type *t, pv *args, size_t n, pv kw)
{
    if (n == 2) {
        if (!PY_ISTYPE(args[0]))
            return py_raise(py_exc_TypeError, "super() argument 1 must be a type, not %s", py_tname(args[0]));
        return super_make((py_type *)args[0], args[1]);
    }
    if (n != 0)
        return py_raise(py_exc_TypeError, "super() takes 0 or 2 arguments");
    py_frame *f = py_cur->frame;
    if (!f || !f->code || f->code->argcount < 1 || !f->code->freevars)
        return py_raise(py_exc_RuntimeError, "super(): no arguments");
    py_code *co = f->code;
    pv cls = NULL;
    py_tuple *fv = PY_TUPLE(co->freevars);
    for (size_t i = 0; i < fv->n; i++)
        if (fv->items[i] == py_id___class__) {
            py_cell *c = (py_cell *)PY_FRAME_CELLS(f)[co->ncells + i];
            cls = c ? py_cell_get((pv)c) : NULL;
        }
    if (!cls)
        return py_raise(py_exc_RuntimeError, "super(): __class__ cell not found");
    pv self = f->fast[0];
    if (co->cell2arg)
        for (int i = 0; i < co->ncells; i++)
            if (co->cell2arg[i] == 0)
                self = py_cell_get(PY_FRAME_CELLS(f)[i]);
    if (!self)
        return py_raise(py_exc_RuntimeError, "super(): arg[0] deleted");
    return super_make((py_type *)cls, self);
}

static pv super_getattr(pv o, pv name)
{
    py_super_obj *s = (py_super_obj *)o;
    py_tuple *mro = PY_TUPLE(s->selftype->mro);
    size_t i = 0;
    while (i < mro->n && mro->items[i] != (pv)s->start)
        i++;
    for (i++; i < mro->n; i++) {
        py_type *c = (py_type *)mro->items[i];
        pv v = c->dict ? py_dict_get(c->dict, name) : NULL;
        if (v) {
            if (PY_IS(v, cfunc) && ((py_cfunc *)v)->is_method == 1)
                return py_cfunc_new(((py_cfunc *)v)->name, ((py_cfunc *)v)->fn, s->self);
            if (PY_ISTYPE(s->self) && (PY_IS(v, func)))
                return v;
            if (PY_ISTYPE(s->self) && PY_IS(v, classmethod))
                return py_method_new(s->self, ((py_wrapper *)v)->f);
            return py_bind(v, PY_ISTYPE(s->self) && (py_type *)s->self == s->selftype ? NULL : s->self, s->selftype);
        }
    }
    if (name == py_id___class__)
        return (pv)&py_super_type;
    return py_raise(py_exc_AttributeError, "'super' object has no attribute '%s'", py_cstr(name));
}

py_type py_super_type = {.name = "super", .basicsize = sizeof(py_super_obj), .tp_new = super_new,
                         .getattr = super_getattr};

/* ---------------- generators ---------------- */

pv py_gen_new(py_frame *f)
{
    py_gen *g = (py_gen *)py_new(&py_gen_type, sizeof(py_gen));
    g->frame = f;
    g->name = f->code->name;
    g->qualname = f->func ? ((py_func *)f->func)->qualname : f->code->name;
    f->gen = (pv)g;
    return (pv)g;
}

/* Run g's frame (claimed by the caller) until it yields, returns or
 * raises, with the generator's own exception-handling state swapped in.
 * Marks g done when the frame finished; *finished says whether it did.
 * Gives the claim back. */
static pv gen_resume(py_gen *g, py_frame *f, int *finished)
{
    *finished = 0;
    if (py_enter_recursive("") < 0) {
        py_gen_unclaim(g);
        return NULL;
    }
    py_ts *ts = py_cur;
    pv saved = ts->handling;
    ts->handling = f->handling;
    pv r = py_vm_run(ts, f);
    f->handling = ts->handling;
    ts->handling = saved;
    py_leave_recursive();
    if (f->ip == UINT32_MAX) { /* returned or raised */
        py_gen_set_done(g);
        *finished = 1;
    }
    py_gen_unclaim(g);
    return r;
}

/* Resume: push v (the sent value) unless the generator is fresh. */
pv py_gen_send(pv gen, pv v, int *done)
{
    py_gen *g = (py_gen *)gen;
    *done = 0;
    if (py_gen_done(g)) {
        *done = 1;
        return NULL;
    }
    if (!py_gen_claim(g))
        return py_raise(py_exc_ValueError, "generator already executing");
    if (py_gen_done(g)) { /* finished by the thread that held the claim */
        py_gen_unclaim(g);
        *done = 1;
        return NULL;
    }
    py_frame *f = g->frame;
    if (f->ip == 0 && v != py_None && v) {
        py_gen_unclaim(g);
        return py_raise(py_exc_TypeError, "can't send non-None value to a just-started generator");
    }
    if (f->ip != 0)
        PY_FRAME_STACK(f)[f->sp++] = v ? v : py_None;
    pv r = gen_resume(g, f, done);
    if (*done) {
        if (!r && py_exc_matches(py_exc_StopIteration)) {
            pv e = py_exc_fetch();
            py_raise(py_exc_RuntimeError, "generator raised StopIteration");
            ((py_exc *)py_cur->exc)->cause = e;
            ((py_exc *)py_cur->exc)->context = e;
        }
    }
    return r;
}

static pv gen_iter(pv o) { return o; }
static pv gen_next(pv o)
{
    int done;
    pv r = py_gen_send(o, py_None, &done);
    return done ? NULL : r; /* finished: StopIteration, or the pending exception */
}

static pv gen_next_checked(pv o)
{
    int done;
    pv r = py_gen_send(o, py_None, &done);
    if (done && r) /* a return value ends iteration (next() reports it: py_builtins.c) */
        return NULL;
    return r;
}

static pv stop_iteration(pv v)
{
    pv args[1] = {v};
    return py_raise_obj(py_exc_new(py_exc_StopIteration, args, v == py_None ? 0 : 1));
}

static pv gm_send(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("send", n, 1, 1) < 0)
        return NULL;
    int done;
    pv r = py_gen_send(s, a[0], &done);
    if (done && r)
        return stop_iteration(r);
    if (done && !py_cur->exc)
        return stop_iteration(py_None);
    return r;
}

pv py_gen_throw(pv gen, pv exc)
{
    py_gen *g = (py_gen *)gen;
    if (py_gen_done(g))
        return py_raise_obj(exc);
    if (!py_gen_claim(g))
        return py_raise(py_exc_ValueError, "generator already executing");
    py_frame *f = g->frame;
    if (py_gen_done(g) || f->ip == 0) {
        py_gen_set_done(g);
        py_gen_unclaim(g);
        return py_raise_obj(exc);
    }
    /* resume the frame with an exception pending at the yield */
    py_raise_obj(exc);
    f->flags |= 0x100; /* PY_FR_THROW: raise on resume */
    PY_FRAME_STACK(f)[f->sp++] = py_None;
    int finished;
    pv r = gen_resume(g, f, &finished);
    if (finished && r)
        return stop_iteration(r);
    return r;
}

static pv gm_throw(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("throw", n, 1, 3) < 0)
        return NULL;
    pv e = a[0];
    if (PY_ISTYPE(e))
        e = py_call(e, n > 1 && a[1] != py_None ? &a[1] : NULL, n > 1 && a[1] != py_None ? 1 : 0, NULL);
    if (!e)
        return NULL;
    return py_gen_throw(s, e);
}

static pv gm_close(pv s, pv *a, size_t n, pv kw)
{
    py_gen *g = (py_gen *)s;
    if (py_gen_done(g))
        return py_None;
    if (py_gen_claim(g)) {
        int fresh = g->frame->ip == 0;
        if (fresh)
            py_gen_set_done(g);
        py_gen_unclaim(g);
        if (fresh)
            return py_None;
    }
    pv r = py_gen_throw(s, py_exc_new(py_exc_GeneratorExit, NULL, 0));
    if (r) {
        return py_raise(py_exc_RuntimeError, "generator ignored GeneratorExit");
    }
    if (py_exc_matches(py_exc_GeneratorExit) || py_exc_matches(py_exc_StopIteration)) {
        py_exc_clear();
        return py_None;
    }
    return NULL;
}

static pv gen_repr(pv o)
{
    py_gen *g = (py_gen *)o;
    return py_str_fmt("<generator object %s at %p>", py_cstr(g->qualname), (void *)o);
}

static pv gen_getattr(pv o, pv name)
{
    py_gen *g = (py_gen *)o;
    if (name == py_id___name__)
        return g->name;
    if (name == py_id___qualname__)
        return g->qualname;
    return py_generic_getattr(o, name);
}

py_type py_gen_type = {.name = "generator", .basicsize = sizeof(py_gen), .iter = gen_iter,
                       .next = gen_next_checked, .repr = gen_repr, .getattr = gen_getattr};

py_type py_frame_type = {.name = "frame", .basicsize = sizeof(py_obj)};

/* function, staticmethod and classmethod .__get__(obj, type=None): what an
   attribute access binds (descriptor code and hasattr(f, '__get__') see it) */
static pv descr_get(pv s, pv *a, size_t n, pv kw)
{
    if (n < 1 || n > 2)
        return py_raise(py_exc_TypeError, "expected 1 or 2 arguments, got %zu", n);
    pv obj = a[0] == py_None ? NULL : a[0];
    py_type *t = n > 1 && PY_ISTYPE(a[1]) ? (py_type *)a[1] : obj ? py_typeof(obj) : NULL;
    if (!obj && !t)
        return py_raise(py_exc_TypeError, "__get__(None, None) is invalid");
    return py_bind(s, obj, t);
}

void py_func_init(void)
{
    py_type *ts[] = {&py_cfunc_type, &py_func_type, &py_code_type, &py_method_type,
                     &py_cell_type, &py_module_type, &py_staticmethod_type,
                     &py_classmethod_type, &py_property_type, &py_super_type, &py_gen_type,
                     &py_frame_type};
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
        py_type_ready(ts[i]);
    py_add_method(&py_property_type, "getter", pm_getter);
    py_add_method(&py_property_type, "setter", pm_setter);
    py_add_method(&py_property_type, "deleter", pm_deleter);
    py_add_method(&py_property_type, "__get__", pm_get);
    py_add_method(&py_func_type, "__get__", descr_get);
    py_add_method(&py_staticmethod_type, "__get__", descr_get);
    py_add_method(&py_classmethod_type, "__get__", descr_get);
    py_add_method(&py_gen_type, "send", gm_send);
    py_add_method(&py_gen_type, "throw", gm_throw);
    py_add_method(&py_gen_type, "close", gm_close);
    (void)gen_next;
}
