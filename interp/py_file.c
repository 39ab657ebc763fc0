/* py_file.c: text files (open(), sys.stdin/stdout/stderr) and io.StringIO.
 * A file object is a shared mutable object: its operations take PY_LOCK.
 * Reads and writes to real files are irrevocable (PY_IRREVOCABLE) and reads
 * that may block (stdin) release the GIL while waiting. */
#include "py_vm.h"
#include "py_lock.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    py_obj ob;
    FILE *fp;
    pv name, mode;
    int readable, writable, closed, is_std, binary;
} py_file;

typedef struct {
    py_obj ob;
    py_sb buf;
    size_t pos;
    int closed;
} py_stringio;

static py_type file_type, stringio_type;
pv py_stdout_obj, py_stderr_obj, py_stdin_obj;

static pv file_new_fp(FILE *fp, const char *name, const char *mode, int std)
{
    py_file *f = (py_file *)py_new(&file_type, sizeof(py_file));
    f->fp = fp;
    f->name = py_str_c(name);
    f->mode = py_str_c(mode);
    f->readable = strchr(mode, 'r') || strchr(mode, '+');
    f->writable = strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+') || strchr(mode, 'x');
    f->is_std = std;
    f->binary = strchr(mode, 'b') != NULL;
    return (pv)f;
}

/* a binary file reads bytes: the text read, as bytes */
static pv as_binary(pv s, pv r)
{
    if (!r || !((py_file *)s)->binary)
        return r;
    extern pv py_bytes_new(const char *s, size_t n);
    return py_bytes_new(py_cstr(r), py_sbytes(r));
}

static pv closed_error(void) { return py_raise(py_exc_ValueError, "I/O operation on closed file."); }

int py_file_write_str(pv file, pv s)
{
    if (!PY_ISSMALL(file) && file->type == &file_type) {
        py_file *f = (py_file *)file;
        if (f->closed) {
            closed_error();
            return -1;
        }
        PY_IRREVOCABLE(py_cur);
        PY_LOCK(file);
        size_t n = fwrite(py_cstr(s), 1, py_sbytes(s), f->fp);
        if (f->fp == stderr)
            fflush(stderr);
        PY_UNLOCK(file);
        if (n != py_sbytes(s)) {
            py_raise(py_exc_OSError, "write failed: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    if (!PY_ISSMALL(file) && file->type == &stringio_type) {
        py_stringio *o = (py_stringio *)file;
        PY_LOCK(file);
        py_sb_addv(&o->buf, s);
        o->pos = o->buf.len;
        PY_UNLOCK(file);
        return 0;
    }
    pv r = py_call_method(file, "write", &s, 1);
    return r ? 0 : -1;
}

int py_flush_std(void)
{
    fflush(stdout);
    fflush(stderr);
    return 0;
}

pv py_sys_write(const char *which, pv s)
{
    return py_file_write_str(!strcmp(which, "stderr") ? py_stderr_obj : py_stdout_obj, s) < 0 ? NULL : py_None;
}

/* read one line (with its newline) from fp; "" at EOF */
static pv read_line(FILE *fp, int blocking)
{
    py_sb b = {0};
    int c;
    if (blocking)
        PY_BLOCKING_BEGIN(py_cur);
    while ((c = getc(fp)) != EOF) {
        py_sb_addc(&b, (char)c);
        if (c == '\n')
            break;
    }
    if (blocking)
        PY_BLOCKING_END(py_cur);
    return py_sb_finish(&b);
}

pv py_file_readline_stdin(void)
{
    PY_IRREVOCABLE(py_cur);
    return read_line(stdin, 1);
}

static pv fm_write(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("write", n, 1, 1) < 0)
        return NULL;
    if (((py_file *)s)->binary) {
        /* bytes share py_str's layout: py_file_write_str writes their bytes */
        extern py_type py_bytes_type, py_bytearray_type;
        py_type *t = py_typeof(a[0]);
        if (t != &py_bytes_type && t != &py_bytearray_type)
            return py_raise(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_tname(a[0]));
        pv b = t == &py_bytes_type ? a[0] : py_call1((pv)&py_bytes_type, a[0]);
        if (!b)
            return NULL;
        if (!((py_file *)s)->writable && !((py_file *)s)->closed)
            return py_raise(py_exc_OSError, "not writable");
        return py_file_write_str(s, b) < 0 ? NULL : PY_MKSMALL(py_sbytes(b));
    }
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "write() argument must be str, not %s", py_tname(a[0]));
    py_file *f = (py_file *)s;
    if (!f->writable && !f->closed)
        return py_raise(py_exc_OSError, "not writable");
    return py_file_write_str(s, a[0]) < 0 ? NULL : PY_MKSMALL(py_slen(a[0]));
}
static pv fm_writelines(pv s, pv *a, size_t n, pv kw)
{
    pv it = py_iter(a[0]), x;
    if (!it)
        return NULL;
    while ((x = py_next(it)))
        if (!fm_write(s, &x, 1, NULL))
            return NULL;
    return py_cur->exc ? NULL : py_None;
}
static pv fm_read(pv s, pv *a, size_t n, pv kw)
{
    py_file *f = (py_file *)s;
    if (f->closed)
        return closed_error();
    if (!f->readable)
        return py_raise(py_exc_OSError, "not readable");
    intptr_t limit = -1;
    if (n && a[0] != py_None) {
        int err = 0;
        limit = py_index(a[0], &err);
        if (err)
            return NULL;
    }
    PY_IRREVOCABLE(py_cur);
    py_sb b = {0};
    char buf[8192];
    size_t got;
    PY_BLOCKING_BEGIN(py_cur);
    while ((limit < 0 || (intptr_t)b.len < limit) &&
           (got = fread(buf, 1, limit < 0 ? sizeof buf : (size_t)(limit - (intptr_t)b.len) < sizeof buf ? (size_t)(limit - (intptr_t)b.len) : sizeof buf, f->fp)) > 0)
        py_sb_add(&b, buf, got);
    PY_BLOCKING_END(py_cur);
    return as_binary(s, py_sb_finish(&b));
}
static pv fm_readline(pv s, pv *a, size_t n, pv kw)
{
    py_file *f = (py_file *)s;
    if (f->closed)
        return closed_error();
    PY_IRREVOCABLE(py_cur);
    return as_binary(s, read_line(f->fp, f->fp == stdin));
}
static pv fm_readlines(pv s, pv *a, size_t n, pv kw)
{
    pv l = py_list_new(0);
    for (;;) {
        pv line = fm_readline(s, NULL, 0, NULL);
        if (!line)
            return NULL;
        if (!py_sbytes(line))
            return l;
        py_list_append(l, line);
    }
}
static pv fm_close(pv s, pv *a, size_t n, pv kw)
{
    py_file *f = (py_file *)s;
    if (!f->closed && !f->is_std) {
        PY_IRREVOCABLE(py_cur);
        fclose(f->fp);
    }
    f->closed = 1;
    return py_None;
}
static pv fm_flush(pv s, pv *a, size_t n, pv kw)
{
    py_file *f = (py_file *)s;
    if (!f->closed)
        fflush(f->fp);
    return py_None;
}
static pv fm_enter(pv s, pv *a, size_t n, pv kw) { return s; }
static pv fm_exit(pv s, pv *a, size_t n, pv kw) { return fm_close(s, NULL, 0, NULL) ? py_False : NULL; }
static pv fm_fileno(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(fileno(((py_file *)s)->fp)); }
static pv fm_isatty(pv s, pv *a, size_t n, pv kw) { return PY_BOOL(isatty(fileno(((py_file *)s)->fp))); }
static pv fm_seek(pv s, pv *a, size_t n, pv kw)
{
    int err = 0;
    intptr_t off = n ? py_index(a[0], &err) : 0;
    if (err)
        return NULL;
    fseek(((py_file *)s)->fp, off, n > 1 ? (int)PY_SMALLVAL(a[1]) : SEEK_SET);
    return PY_MKSMALL(ftell(((py_file *)s)->fp));
}
static pv fm_tell(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(ftell(((py_file *)s)->fp)); }
static pv file_next(pv s)
{
    pv line = fm_readline(s, NULL, 0, NULL);
    if (!line || !py_sbytes(line))
        return NULL;
    return line;
}
static pv self_iter(pv o) { return o; }
static pv file_getattr(pv o, pv name)
{
    py_file *f = (py_file *)o;
    const char *s = py_cstr(name);
    if (!strcmp(s, "closed"))
        return PY_BOOL(f->closed);
    if (!strcmp(s, "name"))
        return f->name;
    if (!strcmp(s, "mode"))
        return f->mode;
    if (!strcmp(s, "encoding"))
        return py_str_c("utf-8");
    return py_generic_getattr(o, name);
}
static pv file_repr(pv o)
{
    py_file *f = (py_file *)o;
    pv r = py_repr(f->name);
    if (f->binary)
        return py_str_fmt("<_io.%s name=%s>", f->readable && !f->writable ? "BufferedReader" : "BufferedWriter",
                          r ? py_cstr(r) : "?");
    return py_str_fmt("<_io.TextIOWrapper name=%s mode='%s' encoding='UTF-8'>", r ? py_cstr(r) : "?", py_cstr(f->mode));
}
static py_type file_type = {.name = "TextIOWrapper", .basicsize = sizeof(py_file), .iter = self_iter,
                            .next = file_next, .getattr = file_getattr, .repr = file_repr};

pv py_open_fn(pv self, pv *a, size_t n, pv kw)
{
    pv file = n ? a[0] : py_kwarg(kw, a + n, "file");
    pv mode = n > 1 ? a[1] : py_kwarg(kw, a + n, "mode");
    if (!file)
        return py_raise(py_exc_TypeError, "open() missing required argument 'file' (pos 1)");
    if (!PY_ISSTR(file))
        return py_raise(py_exc_TypeError, "expected str, bytes or os.PathLike object, not %s", py_tname(file));
    const char *m = mode && PY_ISSTR(mode) ? py_cstr(mode) : "r";
    char cm[8];
    size_t k = 0;
    for (const char *p = m; *p && k < 5; p++)
        if (*p != 't' && *p != 'b')
            cm[k++] = *p == 'x' ? 'w' : *p;
    cm[k] = 0;
    if (!k || !strchr("rwa", cm[0]))
        return py_raise(py_exc_ValueError, "invalid mode: '%s'", m);
    PY_IRREVOCABLE(py_cur);
    FILE *fp = fopen(py_cstr(file), cm);
    if (!fp) {
        int e = errno;
        pv args[3] = {PY_MKSMALL(e), py_str_c(strerror(e)), file};
        py_type *t = e == ENOENT ? py_exc_FileNotFoundError : e == EACCES ? py_exc_PermissionError
                     : e == EISDIR ? py_exc_IsADirectoryError : py_exc_OSError;
        pv exc = py_exc_new(t, args, 3);
        /* str(): [Errno 2] No such file or directory: 'x' */
        pv fr = py_repr(file);
        ((py_exc *)exc)->args = py_tuple_pack(2, PY_MKSMALL(e), py_str_c(strerror(e)));
        py_dict_sets(py_instance_dict(exc), "filename", file);
        py_dict_sets(py_instance_dict(exc), "_str", py_str_fmt("[Errno %d] %s: %s", e, strerror(e), fr ? py_cstr(fr) : "?"));
        return py_raise_obj(exc);
    }
    return file_new_fp(fp, py_cstr(file), m, 0);
}

/* ---------------- StringIO ---------------- */

static pv sio_new(py_type *t, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)py_new(t, sizeof(py_stringio));
    pv init = n ? a[0] : py_kwarg(kw, a + n, "initial_value");
    if (init && init != py_None) {
        if (!PY_ISSTR(init))
            return py_raise(py_exc_TypeError, "initial_value must be str or None, not %s", py_tname(init));
        py_sb_addv(&o->buf, init);
    }
    return (pv)o;
}
static pv sio_write(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("write", n, 1, 1) < 0)
        return NULL;
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "string argument expected, got '%s'", py_tname(a[0]));
    py_stringio *o = (py_stringio *)s;
    if (o->closed)
        return closed_error();
    PY_LOCK(s);
    if (o->pos == o->buf.len)
        py_sb_addv(&o->buf, a[0]);
    else {
        size_t nb = py_sbytes(a[0]);
        if (o->pos + nb > o->buf.len) {
            size_t extra = o->pos + nb - o->buf.len;
            char *z = GC_MALLOC_ATOMIC(extra);
            memset(z, 0, extra);
            py_sb_add(&o->buf, z, extra);
        }
        py_copy(o->buf.buf + o->pos, py_cstr(a[0]), nb);
    }
    o->pos += py_sbytes(a[0]);
    PY_UNLOCK(s);
    return PY_MKSMALL(py_slen(a[0]));
}
static pv sio_getvalue(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    if (o->closed)
        return closed_error();
    return py_str_new(o->buf.buf ? o->buf.buf : "", o->buf.len);
}
static pv sio_read(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    size_t start = o->pos, end = o->buf.len;
    if (n && a[0] != py_None && PY_ISSMALL(a[0]) && PY_SMALLVAL(a[0]) >= 0 &&
        start + (size_t)PY_SMALLVAL(a[0]) < end)
        end = start + (size_t)PY_SMALLVAL(a[0]);
    o->pos = end;
    return py_str_new(o->buf.buf ? o->buf.buf + start : "", end - start);
}
static pv sio_readline(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    size_t start = o->pos, end = start;
    while (end < o->buf.len && o->buf.buf[end] != '\n')
        end++;
    if (end < o->buf.len)
        end++;
    o->pos = end;
    return py_str_new(o->buf.buf ? o->buf.buf + start : "", end - start);
}
static pv sio_readlines(pv s, pv *a, size_t n, pv kw)
{
    pv l = py_list_new(0);
    for (;;) {
        pv line = sio_readline(s, NULL, 0, NULL);
        if (!py_sbytes(line))
            return l;
        py_list_append(l, line);
    }
}
static pv sio_seek(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    int err = 0;
    intptr_t p = n ? py_index(a[0], &err) : 0;
    if (err)
        return NULL;
    o->pos = p < 0 ? 0 : (size_t)p;
    return PY_MKSMALL(o->pos);
}
static pv sio_tell(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(((py_stringio *)s)->pos); }
static pv sio_truncate(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    size_t sz = n && a[0] != py_None ? (size_t)PY_SMALLVAL(a[0]) : o->pos;
    if (sz < o->buf.len)
        o->buf.len = sz;
    return PY_MKSMALL(sz);
}
static pv sio_close(pv s, pv *a, size_t n, pv kw)
{
    ((py_stringio *)s)->closed = 1;
    return py_None;
}
static pv sio_next(pv s)
{
    pv line = sio_readline(s, NULL, 0, NULL);
    return py_sbytes(line) ? line : NULL;
}
static pv sio_noop(pv s, pv *a, size_t n, pv kw) { return py_None; }
static pv sio_getattr(pv o, pv name)
{
    if (!strcmp(py_cstr(name), "closed"))
        return PY_BOOL(((py_stringio *)o)->closed);
    return py_generic_getattr(o, name);
}
static py_type stringio_type = {.name = "StringIO", .basicsize = sizeof(py_stringio), .iter = self_iter,
                                .next = sio_next, .tp_new = sio_new, .getattr = sio_getattr,
                                .flags = PY_TF_BASETYPE};

pv py_mod_io(void)
{
    pv m = py_module_new("io");
    py_dict_sets(((py_module *)m)->dict, "StringIO", (pv)&stringio_type);
    py_dict_sets(((py_module *)m)->dict, "TextIOWrapper", (pv)&file_type);
    py_dict_sets(((py_module *)m)->dict, "open", py_cfunc_new("open", py_open_fn, NULL));
    return m;
}

void py_file_init(void)
{
    py_type_ready(&file_type);
    py_type_ready(&stringio_type);
    struct { const char *n; py_cfn f; } fm[] = {
        {"write", fm_write}, {"writelines", fm_writelines}, {"read", fm_read},
        {"readline", fm_readline}, {"readlines", fm_readlines}, {"close", fm_close},
        {"flush", fm_flush}, {"__enter__", fm_enter}, {"__exit__", fm_exit},
        {"fileno", fm_fileno}, {"isatty", fm_isatty}, {"seek", fm_seek}, {"tell", fm_tell}};
    for (size_t i = 0; i < sizeof fm / sizeof *fm; i++)
        py_add_method(&file_type, fm[i].n, fm[i].f);
    struct { const char *n; py_cfn f; } sm[] = {
        {"write", sio_write}, {"getvalue", sio_getvalue}, {"read", sio_read},
        {"readline", sio_readline}, {"readlines", sio_readlines}, {"seek", sio_seek},
        {"tell", sio_tell}, {"truncate", sio_truncate}, {"close", sio_close},
        {"flush", sio_noop}, {"__enter__", fm_enter}, {"__exit__", sio_close}};
    for (size_t i = 0; i < sizeof sm / sizeof *sm; i++)
        py_add_method(&stringio_type, sm[i].n, sm[i].f);
    py_stdout_obj = file_new_fp(stdout, "<stdout>", "w", 1);
    py_stderr_obj = file_new_fp(stderr, "<stderr>", "w", 1);
    py_stdin_obj = file_new_fp(stdin, "<stdin>", "r", 1);
}
