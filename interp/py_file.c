/* py_file.c: text files (open(), sys.stdin/stdout/stderr) and io.StringIO.
 *
 * Lock discipline (py_lock.h): a file object is a shared mutable object;
 * its operations run under its lock, I/O included (a write, or a read of a
 * regular file, is bounded), after PY_IRREVOCABLE (a transaction never
 * does I/O). A read that may wait indefinitely (stdin, a pipe, a tty: any
 * file that is not a regular one) must not hold the lock, because it runs
 * between PY_BLOCKING_BEGIN/END: the reader registers in `readers` under
 * the lock, reads unlocked with the stream locked (flockfile, so a line is
 * read whole), and unregisters; close() while such reads are in flight
 * marks the file closed and leaves the fclose to the last of them, so the
 * FILE is never freed under a reader.
 * Fields: fp and readers under the lock; closed is stored under the lock
 * and also loaded without it (atomic); the rest is fixed at creation. */
#include "py_vm.h"
#include "py_lock.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    py_obj ob;
    FILE *fp; /* NULL once fclosed */
    pv name, mode;
    int readable, writable, is_std, binary;
    int may_block;    /* reads may wait indefinitely: done unlocked (see above) */
    int closed;       /* atomic */
    unsigned readers; /* unlocked reads in flight */
} py_file;

typedef struct {
    py_obj ob;
    py_sb buf;
    size_t pos;
    int closed; /* atomic */
} py_stringio;

static py_type file_type, stringio_type;
pv py_stdout_obj, py_stderr_obj, py_stdin_obj;

static int is_closed(const int *flag) { return __atomic_load_n(flag, __ATOMIC_ACQUIRE); }
static void set_closed(int *flag) { __atomic_store_n(flag, 1, __ATOMIC_RELEASE); }

static pv file_new_fp(FILE *fp, const char *name, const char *mode, int std)
{
    py_file *f = (py_file *)py_new(&file_type, sizeof(py_file));
    f->fp = fp;
    f->name = py_str_c(name);
    f->mode = py_str_c(mode);
    f->readable = strchr(mode, 'r') || strchr(mode, '+');
    f->writable = strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+') || strchr(mode, 'x');
    f->is_std = std;
    struct stat st;
    f->may_block = fp == stdin || fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode);
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

/* Take f's lock if f is open: 1 (locked), else 0 with ValueError raised. */
static int lock_open(py_file *f)
{
    PY_LOCK(f);
    if (!f->closed)
        return 1;
    PY_UNLOCK(f);
    closed_error();
    return 0;
}

int py_file_write_str(pv file, pv s)
{
    if (!PY_ISSMALL(file) && file->type == &file_type) {
        py_file *f = (py_file *)file;
        if (is_closed(&f->closed)) {
            closed_error();
            return -1;
        }
        PY_IRREVOCABLE(py_cur);
        if (!lock_open(f))
            return -1;
        size_t n = fwrite(py_cstr(s), 1, py_sbytes(s), f->fp);
        int err = errno;
        if (f->fp == stderr)
            fflush(stderr);
        PY_UNLOCK(file);
        if (n != py_sbytes(s)) {
            py_raise(py_exc_OSError, "write failed: %s", strerror(err));
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

/* Raw bytes read by read_raw: malloc'ed (it may run in a blocking section,
 * where it touches nothing of the interpreter's). */
typedef struct { char *p; size_t len, cap; int oom; } raw_buf;

static void raw_add(raw_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 128;
        while (nc < b->len + n)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* One line with its newline (line), or up to limit bytes (limit < 0: to
 * EOF), with the stream locked so that concurrent readers never interleave
 * within one call. */
static void read_raw(FILE *fp, int line, intptr_t limit, raw_buf *b)
{
    flockfile(fp);
    if (line) {
        int c;
        while ((c = getc_unlocked(fp)) != EOF) {
            char ch = (char)c;
            raw_add(b, &ch, 1);
            if (c == '\n')
                break;
        }
    } else {
        char buf[8192];
        size_t got;
        for (;;) {
            size_t want = sizeof buf;
            if (limit >= 0 && (size_t)limit - b->len < want)
                want = (size_t)limit - b->len;
            if (!want || (got = fread(buf, 1, want, fp)) == 0)
                break;
            raw_add(b, buf, got);
        }
    }
    funlockfile(fp);
}

static pv raw_finish(raw_buf *b)
{
    if (b->oom) {
        free(b->p);
        return py_raise_nomem();
    }
    pv r = py_str_new(b->p ? b->p : "", b->len);
    free(b->p);
    return r;
}

/* Read a line or up to limit bytes from f (see the top of the file). */
static pv file_read(py_file *f, int line, intptr_t limit)
{
    raw_buf b = {0};
    PY_IRREVOCABLE(py_cur);
    if (!lock_open(f))
        return NULL;
    FILE *fp = f->fp;
    if (!f->may_block) {
        read_raw(fp, line, limit, &b);
        PY_UNLOCK(f);
        return raw_finish(&b);
    }
    f->readers++;
    PY_UNLOCK(f);
    PY_BLOCKING_BEGIN(py_cur);
    read_raw(fp, line, limit, &b);
    PY_BLOCKING_END(py_cur);
    PY_LOCK(f);
    if (--f->readers == 0 && f->closed && f->fp && !f->is_std) {
        fclose(f->fp); /* the close() that came meanwhile */
        f->fp = NULL;
    }
    PY_UNLOCK(f);
    return raw_finish(&b);
}

pv py_file_readline_stdin(void) { return file_read((py_file *)py_stdin_obj, 1, -1); }

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
        if (!((py_file *)s)->writable && !is_closed(&((py_file *)s)->closed))
            return py_raise(py_exc_OSError, "not writable");
        return py_file_write_str(s, b) < 0 ? NULL : PY_MKSMALL(py_sbytes(b));
    }
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "write() argument must be str, not %s", py_tname(a[0]));
    py_file *f = (py_file *)s;
    if (!f->writable && !is_closed(&f->closed))
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
    if (is_closed(&f->closed))
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
    return as_binary(s, file_read(f, 0, limit));
}
static pv fm_readline(pv s, pv *a, size_t n, pv kw) { return as_binary(s, file_read((py_file *)s, 1, -1)); }
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
    if (!is_closed(&f->closed) && !f->is_std)
        PY_IRREVOCABLE(py_cur);
    PY_LOCK(f);
    if (!f->closed) {
        set_closed(&f->closed);
        if (!f->is_std && !f->readers && f->fp) {
            fclose(f->fp);
            f->fp = NULL;
        }
    }
    PY_UNLOCK(f);
    return py_None;
}
static pv fm_flush(pv s, pv *a, size_t n, pv kw)
{
    py_file *f = (py_file *)s;
    if (is_closed(&f->closed))
        return py_None;
    PY_IRREVOCABLE(py_cur);
    PY_LOCK(f);
    if (!f->closed)
        fflush(f->fp);
    PY_UNLOCK(f);
    return py_None;
}
static pv fm_enter(pv s, pv *a, size_t n, pv kw) { return s; }
static pv fm_exit(pv s, pv *a, size_t n, pv kw) { return fm_close(s, NULL, 0, NULL) ? py_False : NULL; }

enum { FQ_FILENO, FQ_ISATTY, FQ_TELL };
/* fileno(), isatty(), tell(): one look at an open file, under its lock. */
static pv file_query(pv s, int what)
{
    py_file *f = (py_file *)s;
    PY_IRREVOCABLE(py_cur);
    if (!lock_open(f))
        return NULL;
    long r = what == FQ_FILENO ? fileno(f->fp) : what == FQ_ISATTY ? isatty(fileno(f->fp)) : ftell(f->fp);
    PY_UNLOCK(f);
    return what == FQ_ISATTY ? PY_BOOL(r) : PY_MKSMALL(r);
}
static pv fm_fileno(pv s, pv *a, size_t n, pv kw) { return file_query(s, FQ_FILENO); }
static pv fm_isatty(pv s, pv *a, size_t n, pv kw) { return file_query(s, FQ_ISATTY); }
static pv fm_tell(pv s, pv *a, size_t n, pv kw) { return file_query(s, FQ_TELL); }
static pv fm_seek(pv s, pv *a, size_t n, pv kw)
{
    int err = 0;
    intptr_t off = n ? py_index(a[0], &err) : 0;
    if (err)
        return NULL;
    int whence = n > 1 ? (int)PY_SMALLVAL(a[1]) : SEEK_SET;
    py_file *f = (py_file *)s;
    PY_IRREVOCABLE(py_cur);
    if (!lock_open(f))
        return NULL;
    fseek(f->fp, off, whence);
    long pos = ftell(f->fp);
    PY_UNLOCK(f);
    return PY_MKSMALL(pos);
}
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
        return PY_BOOL(is_closed(&f->closed));
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
    PY_LOCK(s);
    if (o->closed) {
        PY_UNLOCK(s);
        return closed_error();
    }
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
    PY_LOCK_R(s);
    pv r = o->closed ? NULL : py_str_new(o->buf.buf ? o->buf.buf : "", o->buf.len);
    PY_UNLOCK_R(s);
    return r ? r : closed_error();
}
static pv sio_read(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    PY_LOCK(s);
    size_t start = o->pos, end = o->buf.len;
    if (start > end)
        start = end;
    if (n && a[0] != py_None && PY_ISSMALL(a[0]) && PY_SMALLVAL(a[0]) >= 0 &&
        start + (size_t)PY_SMALLVAL(a[0]) < end)
        end = start + (size_t)PY_SMALLVAL(a[0]);
    o->pos = end;
    pv r = py_str_new(o->buf.buf ? o->buf.buf + start : "", end - start);
    PY_UNLOCK(s);
    return r;
}
static pv sio_readline(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    PY_LOCK(s);
    size_t start = o->pos < o->buf.len ? o->pos : o->buf.len, end = start;
    while (end < o->buf.len && o->buf.buf[end] != '\n')
        end++;
    if (end < o->buf.len)
        end++;
    o->pos = end;
    pv r = py_str_new(o->buf.buf ? o->buf.buf + start : "", end - start);
    PY_UNLOCK(s);
    return r;
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
    PY_LOCK(s);
    o->pos = p < 0 ? 0 : (size_t)p;
    PY_UNLOCK(s);
    return PY_MKSMALL(p < 0 ? 0 : p);
}
static pv sio_tell(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK_R(s);
    size_t pos = ((py_stringio *)s)->pos;
    PY_UNLOCK_R(s);
    return PY_MKSMALL(pos);
}
static pv sio_truncate(pv s, pv *a, size_t n, pv kw)
{
    py_stringio *o = (py_stringio *)s;
    PY_LOCK(s);
    size_t sz = n && a[0] != py_None ? (size_t)PY_SMALLVAL(a[0]) : o->pos;
    if (sz < o->buf.len)
        o->buf.len = sz;
    PY_UNLOCK(s);
    return PY_MKSMALL(sz);
}
static pv sio_close(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK(s);
    set_closed(&((py_stringio *)s)->closed);
    PY_UNLOCK(s);
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
        return PY_BOOL(is_closed(&((py_stringio *)o)->closed));
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
