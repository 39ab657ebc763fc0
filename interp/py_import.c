/* py_import.c: the import system (built-in modules, user .py modules and
 * packages found on sys.path), the sys module, and runtime start-up.
 * sys.modules is a shared dict: accessed under its lock (the dict's own
 * operations); a module is registered before its body runs, as CPython. */
#include "py_vm.h"
#include "py_lock.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

pv py_modules;
pv py_sys_path;
static pv sys_module;

extern void py_file_init(void);
extern pv py_stdout_obj, py_stderr_obj, py_stdin_obj;

extern pv py_mod__collections(void);
extern pv py_mod__os(void);

static const struct { const char *name; py_modinit init; } builtin_mods[] = {
    {"math", py_mod_math}, {"time", py_mod_time}, {"random", py_mod_random},
    {"_thread", py_mod_thread}, {"io", py_mod_io}, {"elide", py_mod_elide},
    {"_collections", py_mod__collections}, {"_os", py_mod__os},
};

/* Pure-Python standard modules embedded at build time (interp/lib). */
extern const struct { const char *name; const char *src; size_t len; } py_libsrcs[];

static pv import_embedded(pv fullname)
{
    const char *full = py_cstr(fullname);
    for (size_t i = 0; py_libsrcs[i].name; i++) {
        if (strcmp(py_libsrcs[i].name, full))
            continue;
        char fn[128];
        snprintf(fn, sizeof fn, "<frozen %s>", full);
        pv code = py_compile_source(py_libsrcs[i].src, py_libsrcs[i].len, GC_STRDUP(fn), PY_MODE_EXEC);
        if (!code)
            return NULL;
        pv mod = py_module_new(full);
        pv d = ((py_module *)mod)->dict;
        py_dict_set(d, py_id___builtins__, py_builtins);
        py_dict_set(py_modules, fullname, mod);
        if (!py_eval_code((py_code *)code, d, d)) {
            py_dict_del(py_modules, fullname);
            return NULL;
        }
        return mod;
    }
    return NULL;
}

/* ---------------- file modules ---------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    py_sb b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        py_sb_add(&b, buf, n);
    fclose(f);
    py_sb_addc(&b, 0);
    *len = b.len - 1;
    return b.buf;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

pv py_exec_file_module(pv mod, const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return py_raise(py_exc_ImportError, "cannot read %s", path);
    pv code = py_compile_source(src, len, GC_STRDUP(path), PY_MODE_EXEC);
    if (!code)
        return NULL;
    pv d = ((py_module *)mod)->dict;
    py_dict_set(d, py_id___file__, py_str_c(path));
    py_dict_set(d, py_id___builtins__, py_builtins);
    return py_eval_code((py_code *)code, d, d);
}

static pv load_from_path(pv fullname, const char *relname, pv searchpath)
{
    PY_IRREVOCABLE(py_cur);
    /* sys.path (or a package's __path__) is a list other threads may
     * change: walk a copy */
    size_t npath = 0;
    pv *path_items = NULL;
    if (PY_ISLIST(searchpath)) {
        if (!(path_items = py_list_snapshot(searchpath, &npath)))
            return NULL;
    } else if (PY_ISTUPLE(searchpath)) {
        path_items = PY_TUPLE(searchpath)->items;
        npath = PY_TUPLE(searchpath)->n;
    }
    for (size_t i = 0; i < npath; i++) {
        pv dir = path_items[i];
        if (!PY_ISSTR(dir))
            continue;
        const char *d = py_sbytes(dir) ? py_cstr(dir) : ".";
        char path[4096];
        int is_pkg = 0;
        snprintf(path, sizeof path, "%s/%s.py", d, relname);
        if (!is_file(path)) {
            snprintf(path, sizeof path, "%s/%s/__init__.py", d, relname);
            if (!is_file(path))
                continue;
            is_pkg = 1;
        }
        pv mod = py_module_new(py_cstr(fullname));
        pv md = ((py_module *)mod)->dict;
        if (is_pkg) {
            char pdir[4096];
            snprintf(pdir, sizeof pdir, "%s/%s", d, relname);
            py_dict_set(md, py_id___path__, py_list_from((pv[]){py_str_c(pdir)}, 1));
            py_dict_set(md, py_id___package__, fullname);
        } else {
            const char *dot = strrchr(py_cstr(fullname), '.');
            py_dict_set(md, py_id___package__, dot ? py_str_new(py_cstr(fullname), (size_t)(dot - py_cstr(fullname))) : py_str_c(""));
        }
        py_dict_set(py_modules, fullname, mod);
        if (!py_exec_file_module(mod, path)) {
            py_dict_del(py_modules, fullname);
            return NULL;
        }
        /* the module may have replaced itself in sys.modules */
        pv m2 = py_dict_get(py_modules, fullname);
        return m2 ? m2 : mod;
    }
    return NULL;
}

static pv import_one(pv fullname, pv parent)
{
    pv m = py_dict_get(py_modules, fullname);
    if (m)
        return m;
    const char *full = py_cstr(fullname);
    if (!parent) {
        for (size_t i = 0; i < sizeof builtin_mods / sizeof *builtin_mods; i++)
            if (!strcmp(builtin_mods[i].name, full)) {
                m = builtin_mods[i].init();
                if (!m)
                    return NULL;
                py_dict_set(py_modules, fullname, m);
                return m;
            }
        m = import_embedded(fullname);
        if (m || py_cur->exc)
            return m;
    }
    pv searchpath = py_sys_path;
    const char *rel = full;
    if (parent) {
        pv pp = py_getattr_opt(parent, py_id___path__);
        if (!pp) {
            py_exc_clear();
            return py_raise(py_exc_ModuleNotFoundError, "No module named '%s'; '%s' is not a package", full,
                            py_cstr(((py_module *)parent)->name));
        }
        searchpath = pp;
        rel = strrchr(full, '.') + 1;
    } else if (!PY_ISLIST(searchpath))
        searchpath = py_list_new(0);
    m = load_from_path(fullname, rel, searchpath);
    if (!m && !py_cur->exc) {
        pv e = py_str_fmt("No module named '%s'", full);
        pv exc = py_exc_new(py_exc_ModuleNotFoundError, &e, 1);
        py_dict_sets(py_instance_dict(exc), "name", fullname);
        return py_raise_obj(exc);
    }
    if (m && parent)
        py_setattr(parent, py_intern(rel), m);
    return m;
}

static pv resolve_relative(pv name, pv globals, int level)
{
    pv pkg = py_dict_get(globals, py_id___package__);
    if (!pkg || !PY_ISSTR(pkg)) {
        pv nm = py_dict_get(globals, py_id___name__);
        pv path = py_dict_get(globals, py_id___path__);
        if (nm && path)
            pkg = nm;
        else if (nm && PY_ISSTR(nm)) {
            const char *s = py_cstr(nm), *dot = strrchr(s, '.');
            pkg = dot ? py_str_new(s, (size_t)(dot - s)) : py_str_c("");
        }
    }
    if (!pkg || !py_sbytes(pkg))
        return py_raise(py_exc_ImportError, "attempted relative import with no known parent package");
    const char *base = py_cstr(pkg);
    size_t blen = py_sbytes(pkg);
    for (int i = 1; i < level; i++) {
        const char *dot = NULL;
        for (size_t k = 0; k < blen; k++)
            if (base[k] == '.')
                dot = base + k;
        if (!dot)
            return py_raise(py_exc_ImportError, "attempted relative import beyond top-level package");
        blen = (size_t)(dot - base);
    }
    if (py_sbytes(name))
        return py_intern_str(py_str_fmt("%.*s.%s", (int)blen, base, py_cstr(name)));
    return py_intern_str(py_str_new(base, blen));
}

pv py_import(pv name, pv globals, pv fromlist, int level)
{
    if (level > 0) {
        name = resolve_relative(name, globals, level);
        if (!name)
            return NULL;
    }
    const char *s = py_cstr(name);
    if (!*s)
        return py_raise(py_exc_ValueError, "Empty module name");
    pv top = NULL, parent = NULL, m = NULL;
    const char *p = s;
    for (;;) {
        const char *dot = strchr(p, '.');
        pv prefix = py_intern_str(dot ? py_str_new(s, (size_t)(dot - s)) : py_str_c(s));
        m = import_one(prefix, parent);
        if (!m)
            return NULL;
        if (!top)
            top = m;
        parent = m;
        if (!dot)
            break;
        p = dot + 1;
    }
    int has_from = fromlist && fromlist != py_None && py_truth(fromlist) > 0;
    if (has_from) {
        /* from package import submodule */
        pv path = py_getattr_opt(m, py_id___path__);
        py_exc_clear();
        if (path && PY_ISTUPLE(fromlist)) {
            for (size_t i = 0; i < PY_TUPLE(fromlist)->n; i++) {
                pv item = PY_TUPLE(fromlist)->items[i];
                if (!strcmp(py_cstr(item), "*") || py_dict_get(((py_module *)m)->dict, item))
                    continue;
                pv sub = py_intern_str(py_str_fmt("%s.%s", s, py_cstr(item)));
                if (!import_one(sub, m)) {
                    if (!py_exc_matches(py_exc_ModuleNotFoundError))
                        return NULL;
                    py_exc_clear();
                }
            }
        }
        return m;
    }
    return level > 0 && !strchr(s, '.') ? m : top;
}

pv py_import_s(const char *name) { return py_import(py_intern(name), py_dict_new(), py_None, 0); }

pv py_import_from(pv mod, pv name)
{
    pv v = py_getattr_opt(mod, name);
    if (v || py_cur->exc)
        return v;
    pv mn = PY_IS(mod, module) ? ((py_module *)mod)->name : py_str_c("?");
    pv sub = py_intern_str(py_str_fmt("%s.%s", py_cstr(mn), py_cstr(name)));
    v = py_dict_get(py_modules, sub);
    if (v)
        return v;
    pv f = PY_IS(mod, module) ? py_dict_get(((py_module *)mod)->dict, py_id___file__) : NULL;
    if (f && PY_ISSTR(f))
        return py_raise(py_exc_ImportError, "cannot import name '%s' from '%s' (%s)", py_cstr(name),
                        py_cstr(mn), py_cstr(f));
    return py_raise(py_exc_ImportError, "cannot import name '%s' from '%s' (unknown location)",
                    py_cstr(name), py_cstr(mn));
}

int py_import_star(py_frame *f, pv mod)
{
    pv ns = f->locals ? f->locals : f->globals;
    pv d = PY_IS(mod, module) ? ((py_module *)mod)->dict : py_instance_dict(mod);
    if (!d)
        return 0;
    pv all = py_dict_get(d, py_id___all__);
    if (all) {
        pv it = py_iter(all), k;
        if (!it)
            return -1;
        while ((k = py_next(it))) {
            pv v = py_getattr(mod, py_intern_str(k));
            if (!v || py_setitem(ns, k, v) < 0)
                return -1;
        }
        return py_cur->exc ? -1 : 0;
    }
    size_t pos = 0;
    pv k, v;
    while (py_dict_next(d, &pos, &k, &v))
        if (PY_ISSTR(k) && py_cstr(k)[0] != '_')
            if (py_setitem(ns, k, v) < 0)
                return -1;
    return 0;
}

/* ---------------- sys ---------------- */

static pv s_exit(pv self, pv *a, size_t n, pv kw)
{
    if (py_nargs("exit", n, 0, 1) < 0)
        return NULL;
    return py_raise_obj(py_exc_new(py_exc_SystemExit, a, n));
}
static pv s_getrecursionlimit(pv self, pv *a, size_t n, pv kw) { return PY_MKSMALL(py_recursion_limit); }
static pv s_setrecursionlimit(pv self, pv *a, size_t n, pv kw)
{
    if (py_nargs("setrecursionlimit", n, 1, 1) < 0)
        return NULL;
    int err = 0;
    intptr_t v = py_index(a[0], &err);
    if (err)
        return NULL;
    if (v < 1)
        return py_raise(py_exc_ValueError, "recursion limit must be greater or equal than 1");
    if (v > 1000000)
        v = 1000000;
    py_recursion_limit = (int)v;
    return py_None;
}
static pv s_getsizeof(pv self, pv *a, size_t n, pv kw)
{
    return PY_MKSMALL(PY_ISSMALL(a[0]) ? 28 : (intptr_t)py_typeof(a[0])->basicsize);
}
static pv s_intern(pv self, pv *a, size_t n, pv kw)
{
    if (n != 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "intern() argument must be str");
    return py_intern_str(a[0]);
}
static pv s_exc_info(pv self, pv *a, size_t n, pv kw)
{
    pv e = py_cur->handling;
    if (!e)
        return py_tuple_pack(3, py_None, py_None, py_None);
    pv tb = ((py_exc *)e)->tb;
    return py_tuple_pack(3, (pv)py_typeof(e), e, tb ? tb : py_None);
}
static pv s_exception(pv self, pv *a, size_t n, pv kw)
{
    return py_cur->handling ? py_cur->handling : py_None;
}
static pv s_getswitchinterval(pv self, pv *a, size_t n, pv kw)
{
    return py_float_new(py_switch_interval_us / 1e6);
}
static pv s_setswitchinterval(pv self, pv *a, size_t n, pv kw)
{
    double d;
    if (n != 1 || py_as_double(a[0], &d) < 0)
        return NULL;
    if (d <= 0)
        return py_raise(py_exc_ValueError, "switch interval must be strictly positive");
    py_switch_interval_us = (int)(d * 1e6) > 0 ? (int)(d * 1e6) : 1;
    return py_None;
}
static pv s_getdefaultencoding(pv self, pv *a, size_t n, pv kw) { return py_str_c("utf-8"); }
static pv s_set_int_max(pv self, pv *a, size_t n, pv kw) { return py_None; }

void py_sys_set_argv(int argc, char **argv)
{
    pv l = py_list_new(0);
    for (int i = 0; i < argc; i++)
        py_list_append(l, py_str_c(argv[i]));
    py_dict_sets(((py_module *)sys_module)->dict, "argv", l);
}

void py_sys_set_path0(const char *dir)
{
    py_list *l = PY_LIST(py_sys_path);
    pv d = py_str_c(dir);
    py_list_append(py_sys_path, d);
    py_move(l->items + 1, l->items, (l->n - 1) * sizeof(pv));
    l->items[0] = d;
}

pv py_mod_sys(void)
{
    pv m = py_module_new("sys");
    pv d = ((py_module *)m)->dict;
    struct { const char *n; py_cfn f; } fns[] = {
        {"exit", s_exit}, {"getrecursionlimit", s_getrecursionlimit},
        {"setrecursionlimit", s_setrecursionlimit}, {"getsizeof", s_getsizeof},
        {"intern", s_intern}, {"exc_info", s_exc_info}, {"exception", s_exception},
        {"getswitchinterval", s_getswitchinterval}, {"setswitchinterval", s_setswitchinterval},
        {"getdefaultencoding", s_getdefaultencoding}, {"set_int_max_str_digits", s_set_int_max}};
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        py_dict_sets(d, fns[i].n, py_cfunc_new(fns[i].n, fns[i].f, m));
    py_dict_sets(d, "stdout", py_stdout_obj);
    py_dict_sets(d, "stderr", py_stderr_obj);
    py_dict_sets(d, "stdin", py_stdin_obj);
    py_dict_sets(d, "__stdout__", py_stdout_obj);
    py_dict_sets(d, "__stderr__", py_stderr_obj);
    py_dict_sets(d, "__stdin__", py_stdin_obj);
    py_dict_sets(d, "modules", py_modules);
    py_dict_sets(d, "path", py_sys_path);
    py_dict_sets(d, "argv", py_list_new(0));
    py_dict_sets(d, "maxsize", py_int_from_i64(INT64_MAX));
    py_dict_sets(d, "platform", py_str_c("linux"));
    py_dict_sets(d, "byteorder", py_str_c("little"));
    py_dict_sets(d, "executable", py_str_c("elide"));
    py_dict_sets(d, "version", py_str_c("3.11.2 (elide)"));
    py_dict_sets(d, "implementation", py_str_c("elide"));
    py_dict_sets(d, "maxunicode", PY_MKSMALL(0x10FFFF));
    pv vi = py_tuple_pack(5, PY_MKSMALL(3), PY_MKSMALL(11), PY_MKSMALL(2), py_str_c("final"), PY_MKSMALL(0));
    py_dict_sets(d, "version_info", vi);
    py_dict_sets(d, "hexversion", PY_MKSMALL(0x030B02F0));
    py_dict_sets(d, "builtin_module_names", py_tuple_pack(2, py_str_c("sys"), py_str_c("builtins")));
    py_dict_sets(d, "float_info", py_tuple_pack(2, py_float_new(1.7976931348623157e308), py_float_new(2.2250738585072014e-308)));
    return m;
}

/* ---------------- runtime start-up ---------------- */

void py_runtime_init(int argc, char **argv)
{
    py_alloc_init();
    py_str_init();
    py_obj_init();
    py_int_init();
    py_float_init();
    py_list_init();
    py_dict_init();
    py_set_init();
    py_func_init();
    py_exc_init();
    py_file_init();
    py_builtins_init();
    extern void py_bytes_init(void);
    py_bytes_init();
    extern void py_complex_init(void);
    py_complex_init();
    py_gil_init();
    py_modules = py_dict_new();
    py_sys_path = py_list_new(0);
    const char *pp = getenv("PYTHONPATH");
    if (pp && *pp) {
        char *copy = GC_STRDUP(pp), *save = NULL;
        for (char *tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save))
            py_list_append(py_sys_path, py_str_c(tok));
    }
    sys_module = py_mod_sys();
    py_dict_sets(py_modules, "sys", sys_module);
    pv bm = py_module_new("builtins");
    ((py_module *)bm)->dict = py_builtins;
    py_dict_sets(py_modules, "builtins", bm);
    py_sys_set_argv(argc, argv);
}
