/* py_compile.c: symbol tables (local/global/nonlocal/cell/free) and code
 * generation from the syntax tree to py_code objects.
 * One compilation belongs to one thread; nothing here is shared. */
#include "py_ast.h"
#include "py_opcodes.h"
#include "py_vm.h"

#include <stdlib.h>

/* ================= symbol tables ================= */

enum { SC_MODULE, SC_FUNCTION, SC_CLASS };
enum { D_LOCAL = 1, D_PARAM = 2, D_GLOBAL = 4, D_NONLOCAL = 8, D_USE = 16 };

typedef struct scope {
    int kind;
    struct scope *parent;
    pv syms;        /* dict name -> flags */
    pv params;      /* list of parameter names, in order */
    pv children;    /* list of scopes as small handles (index into table) */
    pv cells, frees;/* lists */
    int generator, uses_class, is_comp, is_lambda;
    py_node *node;
    pv name;
} scope;

typedef struct {
    py_lexer *lx;
    scope *cur;
    scope **all;
    int nall, capall;
} symtab;

static scope *scope_new(symtab *st, int kind, py_node *n, pv name)
{
    scope *s = GC_MALLOC(sizeof(scope));
    s->kind = kind;
    s->parent = st->cur;
    s->syms = py_dict_new();
    s->params = py_list_new(0);
    s->cells = py_list_new(0);
    s->frees = py_list_new(0);
    s->children = py_list_new(0);
    s->node = n;
    s->name = name;
    if (n)
        n->scope = s;
    if (st->cur)
        py_list_append(st->cur->children, (pv)(void *)s);
    return s;
}

static int sym_flags(scope *s, pv name)
{
    pv v = py_dict_get(s->syms, name);
    return v ? (int)PY_SMALLVAL(v) : 0;
}

static void sym_add(symtab *st, pv name, int flag, py_node *at)
{
    scope *s = st->cur;
    int f = sym_flags(s, name);
    if ((flag & (D_LOCAL | D_USE)) && (f & D_GLOBAL) == 0 && (f & D_NONLOCAL) == 0) {
    }
    if (flag == D_GLOBAL && (f & (D_LOCAL | D_USE | D_PARAM))) {
        if (f & D_PARAM)
            py_syntax_error(st->lx, at->line, at->col, "name '%s' is parameter and global", py_cstr(name));
        py_syntax_error(st->lx, at->line, at->col, "name '%s' is %s prior to global declaration",
                        py_cstr(name), (f & D_LOCAL) ? "assigned to" : "used");
    }
    if (flag == D_NONLOCAL && (f & (D_LOCAL | D_USE | D_PARAM))) {
        if (f & D_PARAM)
            py_syntax_error(st->lx, at->line, at->col, "name '%s' is parameter and nonlocal", py_cstr(name));
        py_syntax_error(st->lx, at->line, at->col, "name '%s' is %s prior to nonlocal declaration",
                        py_cstr(name), (f & D_LOCAL) ? "assigned to" : "used");
    }
    py_dict_set(s->syms, name, PY_MKSMALL(f | flag));
}

static void st_expr(symtab *st, py_node *n);
static void st_stmts(symtab *st, py_nlist *l);

static void st_list(symtab *st, py_nlist *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i])
            st_expr(st, l->v[i]);
}

static void st_target(symtab *st, py_node *t)
{
    switch (t->kind) {
    case E_NAME: sym_add(st, t->val, D_LOCAL, t); break;
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->l1.n; i++)
            st_target(st, t->l1.v[i]);
        break;
    case E_STARRED: st_target(st, t->a); break;
    case E_ATTR: st_expr(st, t->a); break;
    case E_SUBSCR: st_expr(st, t->a); st_expr(st, t->b); break;
    default: st_expr(st, t);
    }
}

static void st_args_defaults(symtab *st, py_node *args)
{
    for (int i = 0; i < args->l1.n; i++)
        if (args->l1.v[i]->b)
            st_expr(st, args->l1.v[i]->b);
    for (int i = 0; i < args->l2.n; i++)
        if (args->l2.v[i]->b)
            st_expr(st, args->l2.v[i]->b);
}

static void st_params(symtab *st, py_node *args)
{
    py_node *all[4] = {0};
    (void)all;
    for (int i = 0; i < args->l1.n; i++) {
        sym_add(st, args->l1.v[i]->val, D_PARAM | D_LOCAL, args);
        py_list_append(st->cur->params, args->l1.v[i]->val);
    }
    for (int i = 0; i < args->l2.n; i++) {
        sym_add(st, args->l2.v[i]->val, D_PARAM | D_LOCAL, args);
        py_list_append(st->cur->params, args->l2.v[i]->val);
    }
    if (args->c) {
        sym_add(st, args->c->val, D_PARAM | D_LOCAL, args);
        py_list_append(st->cur->params, args->c->val);
    }
    if (args->d) {
        sym_add(st, args->d->val, D_PARAM | D_LOCAL, args);
        py_list_append(st->cur->params, args->d->val);
    }
}

static void st_function(symtab *st, py_node *n, pv name, py_node *args, py_nlist *body, py_node *expr_body)
{
    scope *s = scope_new(st, SC_FUNCTION, n, name);
    scope *saved = st->cur;
    st->cur = s;
    st_params(st, args);
    if (body)
        st_stmts(st, body);
    if (expr_body) {
        s->is_lambda = 1;
        st_expr(st, expr_body);
    }
    st->cur = saved;
}

static void st_comprehension(symtab *st, py_node *n)
{
    /* the first iterable is evaluated in the enclosing scope */
    py_node *g0 = n->l1.v[0];
    st_expr(st, g0->b);
    scope *s = scope_new(st, SC_FUNCTION, n, py_intern(n->kind == E_GENEXP ? "<genexpr>" :
        n->kind == E_LISTCOMP ? "<listcomp>" : n->kind == E_SETCOMP ? "<setcomp>" : "<dictcomp>"));
    s->is_comp = 1;
    scope *saved = st->cur;
    st->cur = s;
    pv dot0 = py_intern(".0");
    sym_add(st, dot0, D_PARAM | D_LOCAL, n);
    py_list_append(s->params, dot0);
    for (int i = 0; i < n->l1.n; i++) {
        py_node *g = n->l1.v[i];
        if (i > 0)
            st_expr(st, g->b);
        st_target(st, g->a);
        st_list(st, &g->l1);
    }
    if (n->a)
        st_expr(st, n->a);
    if (n->b)
        st_expr(st, n->b);
    if (n->kind == E_GENEXP)
        s->generator = 1;
    st->cur = saved;
}

static void mark_class_use(symtab *st)
{
    for (scope *s = st->cur; s; s = s->parent) {
        if (s->kind == SC_FUNCTION && !s->is_comp) {
            s->uses_class = 1;
            return;
        }
    }
}

static void st_expr(symtab *st, py_node *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case E_CONST: break;
    case E_NAME:
        sym_add(st, n->val, D_USE, n);
        if (n->val == py_intern("super") || n->val == py_id___class__)
            mark_class_use(st);
        break;
    case E_BINOP: st_expr(st, n->a); st_expr(st, n->b); break;
    case E_UNARY: st_expr(st, n->a); break;
    case E_BOOLOP: st_list(st, &n->l1); break;
    case E_COMPARE: st_expr(st, n->a); st_list(st, &n->l1); break;
    case E_CALL:
        st_expr(st, n->a);
        st_list(st, &n->l1);
        for (int i = 0; i < n->l2.n; i++)
            st_expr(st, n->l2.v[i]->a);
        break;
    case E_ATTR: st_expr(st, n->a); break;
    case E_SUBSCR: st_expr(st, n->a); st_expr(st, n->b); break;
    case E_SLICE: st_expr(st, n->a); st_expr(st, n->b); st_expr(st, n->c); break;
    case E_TUPLE:
    case E_LIST:
    case E_SET: st_list(st, &n->l1); break;
    case E_DICT: st_list(st, &n->l1); st_list(st, &n->l2); break;
    case E_LAMBDA:
        st_args_defaults(st, n->a);
        st_function(st, n, py_intern("<lambda>"), n->a, NULL, n->b);
        break;
    case E_IFEXP: st_expr(st, n->a); st_expr(st, n->b); st_expr(st, n->c); break;
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_GENEXP:
    case E_DICTCOMP: st_comprehension(st, n); break;
    case E_STARRED: st_expr(st, n->a); break;
    case E_YIELD:
    case E_YIELDFROM:
        if (st->cur->kind != SC_FUNCTION)
            py_syntax_error(st->lx, n->line, n->col, "'yield' outside function");
        if (st->cur->is_comp)
            py_syntax_error(st->lx, n->line, n->col, "'yield' inside list comprehension");
        st->cur->generator = 1;
        st_expr(st, n->a);
        break;
    case E_FSTRING: st_list(st, &n->l1); break;
    case E_FORMATTED: st_expr(st, n->a); st_expr(st, n->b); break;
    case E_NAMEDEXPR: {
        /* binds in the nearest non-comprehension scope */
        scope *saved = st->cur;
        while (st->cur->is_comp)
            st->cur = st->cur->parent;
        if (st->cur != saved) {
            int at_module = st->cur->kind == SC_MODULE;
            sym_add(st, n->a->val, D_LOCAL, n);
            st->cur = saved;
            for (scope *cs = saved; cs && cs->is_comp; cs = cs->parent)
                if (!(sym_flags(cs, n->a->val) & (D_GLOBAL | D_NONLOCAL))) {
                    scope *keep = st->cur;
                    st->cur = cs;
                    sym_add(st, n->a->val, at_module ? D_GLOBAL : D_NONLOCAL, n);
                    st->cur = keep;
                }
        } else
            sym_add(st, n->a->val, D_LOCAL, n);
        st_expr(st, n->b);
        break;
    }
    default: break;
    }
}

static void st_pattern(symtab *st, py_node *p)
{
    if (!p)
        return;
    switch (p->kind) {
    case P_CAPTURE:
    case P_STAR:
        if (p->val)
            sym_add(st, p->val, D_LOCAL, p);
        break;
    case P_VALUE: st_expr(st, p->a); break;
    case P_AS:
        st_pattern(st, p->a);
        sym_add(st, p->val, D_LOCAL, p);
        break;
    case P_SEQ:
    case P_OR:
        for (int i = 0; i < p->l1.n; i++)
            st_pattern(st, p->l1.v[i]);
        break;
    case P_MAP:
        st_list(st, &p->l1);
        for (int i = 0; i < p->l2.n; i++)
            st_pattern(st, p->l2.v[i]);
        if (p->val)
            sym_add(st, p->val, D_LOCAL, p);
        break;
    case P_CLASS:
        st_expr(st, p->a);
        for (int i = 0; i < p->l1.n; i++)
            st_pattern(st, p->l1.v[i]);
        for (int i = 0; i < p->l2.n; i++)
            st_pattern(st, p->l2.v[i]->a);
        break;
    default: break;
    }
}

static void st_stmt(symtab *st, py_node *n)
{
    switch (n->kind) {
    case S_EXPR: st_expr(st, n->a); break;
    case S_ASSIGN:
        st_expr(st, n->a);
        for (int i = 0; i < n->l1.n; i++)
            st_target(st, n->l1.v[i]);
        break;
    case S_AUGASSIGN:
        st_expr(st, n->b);
        if (n->a->kind == E_NAME)
            sym_add(st, n->a->val, D_LOCAL | D_USE, n->a);
        else
            st_target(st, n->a);
        break;
    case S_ANNASSIGN:
        if (n->c) {
            st_expr(st, n->c);
            st_target(st, n->a);
        } else if (n->a->kind == E_NAME && st->cur->kind == SC_FUNCTION)
            sym_add(st, n->a->val, D_LOCAL, n->a);
        else if (n->a->kind != E_NAME)
            st_target(st, n->a);
        /* module and class annotations are evaluated (py_compile S_ANNASSIGN) */
        if (st->cur->kind != SC_FUNCTION && n->a->kind == E_NAME && !n->a->paren && !st->lx->future_annotations)
            st_expr(st, n->b);
        break;
    case S_IF:
    case S_WHILE:
        st_expr(st, n->a);
        st_stmts(st, &n->l1);
        st_stmts(st, &n->l2);
        break;
    case S_FOR:
        st_expr(st, n->b);
        st_target(st, n->a);
        st_stmts(st, &n->l1);
        st_stmts(st, &n->l2);
        break;
    case S_FUNCDEF:
        st_list(st, &n->l2);
        st_args_defaults(st, n->a);
        sym_add(st, n->val, D_LOCAL, n);
        st_function(st, n, n->val, n->a, &n->l1, NULL);
        break;
    case S_CLASSDEF: {
        st_list(st, &n->l2);
        st_list(st, &n->l3);
        for (int i = 0; i < n->l4.n; i++)
            st_expr(st, n->l4.v[i]->a);
        sym_add(st, n->val, D_LOCAL, n);
        scope *s = scope_new(st, SC_CLASS, n, n->val);
        scope *saved = st->cur;
        st->cur = s;
        st_stmts(st, &n->l1);
        st->cur = saved;
        break;
    }
    case S_RETURN:
        if (st->cur->kind != SC_FUNCTION)
            py_syntax_error(st->lx, n->line, n->col, "'return' outside function");
        st_expr(st, n->a);
        break;
    case S_DELETE:
        for (int i = 0; i < n->l1.n; i++)
            st_target(st, n->l1.v[i]);
        break;
    case S_RAISE: st_expr(st, n->a); st_expr(st, n->b); break;
    case S_TRY:
        st_stmts(st, &n->l1);
        for (int i = 0; i < n->l2.n; i++) {
            py_node *h = n->l2.v[i];
            st_expr(st, h->a);
            if (h->val)
                sym_add(st, h->val, D_LOCAL, h);
            st_stmts(st, &h->l1);
        }
        st_stmts(st, &n->l3);
        st_stmts(st, &n->l4);
        break;
    case S_WITH:
        for (int i = 0; i < n->l1.n; i++) {
            st_expr(st, n->l1.v[i]->a);
            if (n->l1.v[i]->b)
                st_target(st, n->l1.v[i]->b);
        }
        st_stmts(st, &n->l2);
        break;
    case S_GLOBAL:
    case S_NONLOCAL:
        for (int i = 0; i < n->l1.n; i++) {
            if (n->kind == S_NONLOCAL && st->cur->kind == SC_MODULE)
                py_syntax_error(st->lx, n->line, n->col, "nonlocal declaration not allowed at module level");
            sym_add(st, n->l1.v[i]->val, n->kind == S_GLOBAL ? D_GLOBAL : D_NONLOCAL, n);
        }
        break;
    case S_ASSERT: st_expr(st, n->a); st_expr(st, n->b); break;
    case S_MATCH:
        st_expr(st, n->a);
        for (int i = 0; i < n->l1.n; i++) {
            py_node *c = n->l1.v[i];
            st_pattern(st, c->a);
            st_expr(st, c->b);
            st_stmts(st, &c->l1);
        }
        break;
    case S_IMPORT:
        for (int i = 0; i < n->l1.n; i++) {
            py_node *a = n->l1.v[i];
            pv nm = a->val2;
            if (!nm) {
                const char *s = py_cstr(a->val), *dot = strchr(s, '.');
                nm = dot ? py_intern_str(py_str_new(s, (size_t)(dot - s))) : a->val;
            }
            sym_add(st, nm, D_LOCAL, a);
        }
        break;
    case S_IMPORTFROM:
        if (n->val && !strcmp(py_cstr(n->val), "__future__"))
            for (int i = 0; i < n->l1.n; i++)
                if (!strcmp(py_cstr(n->l1.v[i]->val), "annotations"))
                    st->lx->future_annotations = 1;
        for (int i = 0; i < n->l1.n; i++) {
            py_node *a = n->l1.v[i];
            if (!strcmp(py_cstr(a->val), "*")) {
                if (st->cur->kind == SC_FUNCTION)
                    py_syntax_error(st->lx, n->line, n->col, "import * only allowed at module level");
                continue;
            }
            sym_add(st, a->val2 ? a->val2 : a->val, D_LOCAL, a);
        }
        break;
    default: break;
    }
}

static void st_stmts(symtab *st, py_nlist *l)
{
    for (int i = 0; i < l->n; i++)
        st_stmt(st, l->v[i]);
}

static int list_has(pv l, pv name)
{
    for (size_t i = 0; i < PY_LIST(l)->n; i++)
        if (PY_LIST(l)->items[i] == name)
            return 1;
    return 0;
}
static void list_add_unique(pv l, pv name)
{
    if (!list_has(l, name))
        py_list_append(l, name);
}

static int is_local(scope *s, pv name)
{
    int f = sym_flags(s, name);
    return (f & (D_LOCAL | D_PARAM)) && !(f & (D_GLOBAL | D_NONLOCAL));
}

/* Returns the list of names s needs from enclosing function scopes. */
static pv analyze(symtab *st, scope *s, pv bound)
{
    pv newbound = bound;
    if (s->kind == SC_FUNCTION) {
        newbound = py_list_from(PY_LIST(bound)->items, PY_LIST(bound)->n);
        size_t pos = 0;
        pv k, v;
        while (py_dict_next(s->syms, &pos, &k, &v))
            if (is_local(s, k))
                list_add_unique(newbound, k);
    } else if (s->kind == SC_MODULE)
        newbound = py_list_new(0);
    if (s->kind == SC_CLASS && 0)
        newbound = bound;
    pv needed = py_list_new(0);
    for (size_t i = 0; i < PY_LIST(s->children)->n; i++) {
        scope *c = (scope *)(void *)PY_LIST(s->children)->items[i];
        pv cn = analyze(st, c, newbound);
        for (size_t j = 0; j < PY_LIST(cn)->n; j++)
            list_add_unique(needed, PY_LIST(cn)->items[j]);
        if (c->uses_class && s->kind == SC_CLASS)
            list_add_unique(needed, py_id___class__);
    }
    /* own free names */
    size_t pos = 0;
    pv k, v;
    while (py_dict_next(s->syms, &pos, &k, &v)) {
        int f = (int)PY_SMALLVAL(v);
        if (f & D_NONLOCAL) {
            if (!list_has(bound, k))
                py_syntax_error(st->lx, s->node ? s->node->line : 1, 0, "no binding for nonlocal '%s' found", py_cstr(k));
            list_add_unique(s->frees, k);
        } else if ((f & D_USE) && !(f & (D_LOCAL | D_PARAM | D_GLOBAL)) && s->kind != SC_MODULE) {
            if (list_has(bound, k))
                list_add_unique(s->frees, k);
        }
    }
    if (s->uses_class && s->kind == SC_FUNCTION) {
        scope *p = s->parent;
        while (p && p->kind == SC_FUNCTION && p->is_comp)
            p = p->parent;
        if (p && p->kind == SC_CLASS)
            list_add_unique(s->frees, py_id___class__);
        else if (p && p->kind == SC_FUNCTION && list_has(bound, py_id___class__))
            list_add_unique(s->frees, py_id___class__);
    }
    for (size_t j = 0; j < PY_LIST(needed)->n; j++) {
        pv name = PY_LIST(needed)->items[j];
        if (s->kind == SC_FUNCTION && is_local(s, name))
            list_add_unique(s->cells, name);
        else if (s->kind == SC_CLASS && name == py_id___class__)
            list_add_unique(s->cells, name);
        else if (s->kind != SC_MODULE && (list_has(bound, name) || name == py_id___class__))
            list_add_unique(s->frees, name);
    }
    /* a function nested in a function that uses __class__ passes it through */
    return s->frees;
}

/* ================= code generation ================= */

enum { FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_HANDLER, FB_FINALLY_END, FB_WITH };

typedef struct {
    int kind;
    int top;          /* loop: continue target */
    int brk_patches[64];
    int nbrk;
    py_node *finally; /* FB_FINALLY_TRY: the finally body */
} fblock;

typedef struct cunit {
    scope *s;
    uint32_t *code;
    int *lines;
    int n, cap;
    pv consts, constkeys, names, varnames;
    fblock fb[PY_MAXBLOCKS + 8];
    int nfb;
    int line;
    pv qualname;
    py_lexer *lx;
    const char *filename;
    int interactive;
} cunit;

static void cexpr(cunit *c, py_node *n);
static void cstmts(cunit *c, py_nlist *l);
static void cstmt(cunit *c, py_node *n);

static int emit(cunit *c, int op, int arg)
{
    if (c->n == c->cap) {
        int nc = c->cap ? c->cap * 2 : 64;
        uint32_t *ncode = GC_MALLOC_ATOMIC((size_t)nc * sizeof(uint32_t));
        int *nl = GC_MALLOC_ATOMIC((size_t)nc * sizeof(int));
        if (c->n) {
            py_copy(ncode, c->code, (size_t)c->n * sizeof(uint32_t));
            py_copy(nl, c->lines, (size_t)c->n * sizeof(int));
        }
        c->code = ncode;
        c->lines = nl;
        c->cap = nc;
    }
    if (arg < 0 || arg >= (1 << 24))
        py_syntax_error(c->lx, c->line, 0, "too many constants or names (or code too large)");
    c->code[c->n] = PY_INSTR(op, arg);
    c->lines[c->n] = c->line;
    return c->n++;
}

static void patch(cunit *c, int at, int target)
{
    c->code[at] = PY_INSTR(PY_OPOF(c->code[at]), target);
}
static void patch_here(cunit *c, int at) { patch(c, at, c->n); }

static int add_const(cunit *c, pv v)
{
    /* key distinguishes 1, 1.0, True, -0.0 */
    pv key;
    if (PY_ISSTR(v) || v == py_None || v == py_True || v == py_False || v == py_Ellipsis)
        key = py_tuple_pack(2, (pv)py_typeof(v), v);
    else if (PY_ISFLOAT(v) || PY_ISINT(v)) {
        pv r = py_repr(v);
        key = py_tuple_pack(3, (pv)py_typeof(v), r, PY_MKSMALL(0));
    } else
        key = py_tuple_pack(2, PY_MKSMALL((intptr_t)(uintptr_t)v >> 1), PY_MKSMALL(1));
    pv idx = py_dict_get(c->constkeys, key);
    if (idx)
        return (int)PY_SMALLVAL(idx);
    int i = (int)PY_LIST(c->consts)->n;
    py_list_append(c->consts, PY_ISSTR(v) && py_sbytes(v) < 40 ? py_intern_str(v) : v);
    py_dict_set(c->constkeys, key, PY_MKSMALL(i));
    return i;
}

static int list_index_add(pv l, pv name)
{
    for (size_t i = 0; i < PY_LIST(l)->n; i++)
        if (PY_LIST(l)->items[i] == name)
            return (int)i;
    py_list_append(l, name);
    return (int)PY_LIST(l)->n - 1;
}

static int add_name(cunit *c, pv name) { return list_index_add(c->names, name); }

static void load_const(cunit *c, pv v) { emit(c, PY_OP_LOAD_CONST, add_const(c, v)); }

enum { CTX_LOAD, CTX_STORE, CTX_DEL };

static int cell_index(cunit *c, pv name)
{
    pv cl = c->s->cells, fl = c->s->frees;
    for (size_t i = 0; i < PY_LIST(cl)->n; i++)
        if (PY_LIST(cl)->items[i] == name)
            return (int)i;
    for (size_t i = 0; i < PY_LIST(fl)->n; i++)
        if (PY_LIST(fl)->items[i] == name)
            return (int)(PY_LIST(cl)->n + i);
    return -1;
}

static void name_op(cunit *c, pv name, int ctx)
{
    scope *s = c->s;
    int f = sym_flags(s, name);
    int ci = cell_index(c, name);
    if (s->kind == SC_FUNCTION) {
        if (ci >= 0 && !(f & D_GLOBAL)) {
            emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_DEREF : ctx == CTX_STORE ? PY_OP_STORE_DEREF : PY_OP_DELETE_DEREF, ci);
            return;
        }
        if (is_local(s, name)) {
            int i = list_index_add(c->varnames, name);
            emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_FAST : ctx == CTX_STORE ? PY_OP_STORE_FAST : PY_OP_DELETE_FAST, i);
            return;
        }
        emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_GLOBAL : ctx == CTX_STORE ? PY_OP_STORE_GLOBAL : PY_OP_DELETE_GLOBAL,
             add_name(c, name));
        return;
    }
    if (s->kind == SC_CLASS) {
        if (f & D_GLOBAL) {
            emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_GLOBAL : ctx == CTX_STORE ? PY_OP_STORE_GLOBAL : PY_OP_DELETE_GLOBAL,
                 add_name(c, name));
            return;
        }
        if (ci >= 0 && name != py_id___class__) {
            if (ctx == CTX_LOAD) {
                emit(c, PY_OP_LOAD_CLASSDEREF, ci);
                return;
            }
            if (f & D_NONLOCAL) {
                emit(c, ctx == CTX_STORE ? PY_OP_STORE_DEREF : PY_OP_DELETE_DEREF, ci);
                return;
            }
        }
        emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_NAME : ctx == CTX_STORE ? PY_OP_STORE_NAME : PY_OP_DELETE_NAME,
             add_name(c, name));
        return;
    }
    /* module level: the namespace is the globals dict */
    if (c->interactive || 1)
        emit(c, ctx == CTX_LOAD ? PY_OP_LOAD_GLOBAL : ctx == CTX_STORE ? PY_OP_STORE_GLOBAL : PY_OP_DELETE_GLOBAL,
             add_name(c, name));
}

static py_code *compile_unit(cunit *parent, scope *s, py_node *n, pv qualname, int argcount, int posonly,
                             int kwonly, int flags, py_nlist *body, py_node *expr);

static pv make_qualname(cunit *c, pv name)
{
    if (!c || c->s->kind == SC_MODULE)
        return name;
    if (c->s->kind == SC_FUNCTION)
        return py_str_fmt("%s.<locals>.%s", py_cstr(c->qualname), py_cstr(name));
    return py_str_fmt("%s.%s", py_cstr(c->qualname), py_cstr(name));
}

/* Emit a function object for code co (closure from the current unit). */
static void make_function(cunit *c, py_code *co, pv qualname, int flags)
{
    scope *child = NULL;
    (void)child;
    py_tuple *fv = PY_TUPLE(co->freevars);
    if (fv->n) {
        for (size_t i = 0; i < fv->n; i++) {
            int ci = cell_index(c, fv->items[i]);
            if (ci < 0)
                py_syntax_error(c->lx, c->line, 0, "internal compiler error: no cell for '%s'", py_cstr(fv->items[i]));
            emit(c, PY_OP_LOAD_CLOSURE, ci);
        }
        emit(c, PY_OP_BUILD_TUPLE, (int)fv->n);
        flags |= PY_MF_CLOSURE;
    }
    load_const(c, (pv)co);
    load_const(c, qualname);
    emit(c, PY_OP_MAKE_FUNCTION, flags);
}

static int compile_defaults(cunit *c, py_node *args)
{
    int flags = 0, nd = 0;
    for (int i = 0; i < args->l1.n; i++)
        if (args->l1.v[i]->b) {
            cexpr(c, args->l1.v[i]->b);
            nd++;
        }
    if (nd) {
        emit(c, PY_OP_BUILD_TUPLE, nd);
        flags |= PY_MF_DEFAULTS;
    }
    int nk = 0;
    for (int i = 0; i < args->l2.n; i++)
        if (args->l2.v[i]->b) {
            load_const(c, args->l2.v[i]->val);
            cexpr(c, args->l2.v[i]->b);
            nk++;
        }
    if (nk) {
        emit(c, PY_OP_BUILD_MAP, nk);
        flags |= PY_MF_KWDEFAULTS;
    }
    return flags;
}

static void compile_funclike(cunit *c, py_node *n, pv name, py_node *args, py_nlist *body, py_node *expr)
{
    int flags = compile_defaults(c, args);
    scope *s = n->scope;
    int coflags = 0;
    if (args->c)
        coflags |= PY_CO_VARARGS;
    if (args->d)
        coflags |= PY_CO_VARKW;
    if (s->generator)
        coflags |= PY_CO_GENERATOR;
    pv qn = make_qualname(c, name);
    py_code *co = compile_unit(c, s, n, qn, args->l1.n, args->op, args->l2.n, coflags, body, expr);
    make_function(c, co, qn, flags);
}

/* ---------------- stores ---------------- */

static void cstore(cunit *c, py_node *t);

static void unpack_store(cunit *c, py_node *t)
{
    int star = -1;
    for (int i = 0; i < t->l1.n; i++)
        if (t->l1.v[i]->kind == E_STARRED) {
            if (star >= 0)
                py_syntax_error(c->lx, t->line, t->col, "multiple starred expressions in assignment");
            star = i;
        }
    if (star < 0)
        emit(c, PY_OP_UNPACK_SEQUENCE, t->l1.n);
    else {
        if (star > 255 || t->l1.n - star - 1 > 255)
            py_syntax_error(c->lx, t->line, t->col, "too many expressions in star-unpacking assignment");
        emit(c, PY_OP_UNPACK_EX, star | ((t->l1.n - star - 1) << 8));
    }
    for (int i = 0; i < t->l1.n; i++)
        cstore(c, t->l1.v[i]->kind == E_STARRED ? t->l1.v[i]->a : t->l1.v[i]);
}

static void cstore(cunit *c, py_node *t)
{
    int saved = c->line;
    c->line = t->line;
    switch (t->kind) {
    case E_NAME: name_op(c, t->val, CTX_STORE); break;
    case E_ATTR:
        cexpr(c, t->a);
        emit(c, PY_OP_STORE_ATTR, add_name(c, t->val));
        break;
    case E_SUBSCR:
        cexpr(c, t->a);
        cexpr(c, t->b);
        emit(c, PY_OP_STORE_SUBSCR, 0);
        break;
    case E_TUPLE:
    case E_LIST: unpack_store(c, t); break;
    case E_STARRED:
        py_syntax_error(c->lx, t->line, t->col, "starred assignment target must be in a list or tuple");
    default:
        py_syntax_error(c->lx, t->line, t->col, "cannot assign to expression");
    }
    c->line = saved;
}

static void cdelete(cunit *c, py_node *t)
{
    c->line = t->line;
    switch (t->kind) {
    case E_NAME: name_op(c, t->val, CTX_DEL); break;
    case E_ATTR:
        cexpr(c, t->a);
        emit(c, PY_OP_DELETE_ATTR, add_name(c, t->val));
        break;
    case E_SUBSCR:
        cexpr(c, t->a);
        cexpr(c, t->b);
        emit(c, PY_OP_DELETE_SUBSCR, 0);
        break;
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->l1.n; i++)
            cdelete(c, t->l1.v[i]);
        break;
    default:
        py_syntax_error(c->lx, t->line, t->col, "cannot delete expression");
    }
}

/* ---------------- expressions ---------------- */

static int has_starred(py_nlist *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i] && l->v[i]->kind == E_STARRED)
            return 1;
    return 0;
}

/* Build a list from items that may contain *starred parts. */
static void build_seq_starred(cunit *c, py_nlist *l, int kind)
{
    emit(c, kind == E_SET ? PY_OP_BUILD_SET : PY_OP_BUILD_LIST, 0);
    for (int i = 0; i < l->n; i++) {
        py_node *e = l->v[i];
        if (e->kind == E_STARRED) {
            cexpr(c, e->a);
            emit(c, kind == E_SET ? PY_OP_SET_UPDATE : PY_OP_LIST_EXTEND, 1);
        } else {
            cexpr(c, e);
            emit(c, kind == E_SET ? PY_OP_SET_ADD : PY_OP_LIST_APPEND, 1);
        }
    }
    if (kind == E_TUPLE)
        emit(c, PY_OP_LIST_TO_TUPLE, 0);
}

static void ccall(cunit *c, py_node *n)
{
    py_node *f = n->a;
    int simple = !has_starred(&n->l1);
    for (int i = 0; i < n->l2.n; i++)
        if (!n->l2.v[i]->val)
            simple = 0;
    if (f->kind == E_ATTR && simple) {
        cexpr(c, f->a);
        c->line = n->line;
        emit(c, PY_OP_LOAD_METHOD, add_name(c, f->val));
    } else {
        cexpr(c, f);
        emit(c, PY_OP_PUSH_NULL, 0);
    }
    if (simple) {
        for (int i = 0; i < n->l1.n; i++)
            cexpr(c, n->l1.v[i]);
        if (n->l2.n) {
            pv names = py_tuple_new((size_t)n->l2.n);
            for (int i = 0; i < n->l2.n; i++) {
                for (int j = 0; j < i; j++)
                    if (PY_TUPLE(names)->items[j] == n->l2.v[i]->val)
                        py_syntax_error(c->lx, n->l2.v[i]->line, n->l2.v[i]->col,
                                        "keyword argument repeated: %s", py_cstr(n->l2.v[i]->val));
                PY_TUPLE(names)->items[i] = n->l2.v[i]->val;
                cexpr(c, n->l2.v[i]->a);
            }
            emit(c, PY_OP_KW_NAMES, add_const(c, names));
        }
        c->line = n->line;
        emit(c, PY_OP_CALL, n->l1.n + n->l2.n);
        return;
    }
    build_seq_starred(c, &n->l1, E_TUPLE);
    int has_kw = n->l2.n > 0;
    if (has_kw) {
        emit(c, PY_OP_BUILD_MAP, 0);
        for (int i = 0; i < n->l2.n; i++) {
            py_node *k = n->l2.v[i];
            if (k->val) {
                load_const(c, k->val);
                cexpr(c, k->a);
                emit(c, PY_OP_BUILD_MAP, 1);
                emit(c, PY_OP_DICT_MERGE, 1);
            } else {
                cexpr(c, k->a);
                emit(c, PY_OP_DICT_MERGE, 1);
            }
        }
    }
    c->line = n->line;
    emit(c, PY_OP_CALL_EX, has_kw);
}

static void compile_comprehension(cunit *c, py_node *n)
{
    scope *s = n->scope;
    pv name = s->name;
    pv qn = make_qualname(c, name);
    int coflags = s->generator ? PY_CO_GENERATOR : 0;
    py_code *co = compile_unit(c, s, n, qn, 1, 0, 0, coflags, NULL, n);
    make_function(c, co, qn, 0);
    emit(c, PY_OP_PUSH_NULL, 0);
    cexpr(c, n->l1.v[0]->b);
    emit(c, PY_OP_GET_ITER, 0);
    c->line = n->line;
    emit(c, PY_OP_CALL, 1);
}

/* body of a comprehension function: generators i.. then the element */
static void comp_body(cunit *c, py_node *n, int gi, int depth)
{
    py_node *g = n->l1.v[gi];
    if (gi == 0)
        emit(c, PY_OP_LOAD_FAST, 0); /* .0 */
    else {
        cexpr(c, g->b);
        emit(c, PY_OP_GET_ITER, 0);
    }
    int top = c->n;
    int fi = emit(c, PY_OP_FOR_ITER, 0);
    cstore(c, g->a);
    int skips[64], ns = 0;
    for (int i = 0; i < g->l1.n; i++) {
        cexpr(c, g->l1.v[i]);
        if (ns < 64)
            skips[ns++] = emit(c, PY_OP_POP_JUMP_IF_FALSE, 0);
    }
    if (gi + 1 < n->l1.n)
        comp_body(c, n, gi + 1, depth + 1);
    else if (n->kind == E_GENEXP) {
        cexpr(c, n->a);
        emit(c, PY_OP_YIELD_VALUE, 0);
        emit(c, PY_OP_POP_TOP, 0);
    } else if (n->kind == E_DICTCOMP) {
        cexpr(c, n->a);
        cexpr(c, n->b);
        emit(c, PY_OP_MAP_ADD, depth + 2);
    } else {
        cexpr(c, n->a);
        emit(c, n->kind == E_LISTCOMP ? PY_OP_LIST_APPEND : PY_OP_SET_ADD, depth + 2);
    }
    for (int i = 0; i < ns; i++)
        patch(c, skips[i], top);
    emit(c, PY_OP_JUMP, top);
    patch_here(c, fi);
}

static void cfstring(cunit *c, py_node *n)
{
    int parts = 0;
    for (int i = 0; i < n->l1.n; i++) {
        py_node *p = n->l1.v[i];
        if (p->kind == E_CONST) {
            load_const(c, p->val);
        } else {
            cexpr(c, p->a);
            int flags = p->op == 's' ? 1 : p->op == 'r' ? 2 : p->op == 'a' ? 3 : 0;
            if (p->b) {
                cfstring(c, p->b);
                flags |= 4;
            }
            emit(c, PY_OP_FORMAT_VALUE, flags);
        }
        parts++;
    }
    if (parts == 0)
        load_const(c, py_str_new("", 0));
    else if (parts > 1)
        emit(c, PY_OP_BUILD_STRING, parts);
}

static void cjump_if(cunit *c, py_node *e, int jump_if_true, int *patches, int *np);

static void cexpr(cunit *c, py_node *n)
{
    int saved_line = c->line;
    if (n->line > 0)
        c->line = n->line;
    switch (n->kind) {
    case E_CONST: load_const(c, n->val); break;
    case E_NAME: name_op(c, n->val, CTX_LOAD); break;
    case E_BINOP:
        cexpr(c, n->a);
        cexpr(c, n->b);
        c->line = n->line;
        emit(c, PY_OP_BINARY_OP, n->op);
        break;
    case E_UNARY:
        cexpr(c, n->a);
        emit(c, n->op == U_NEG ? PY_OP_UNARY_NEG : n->op == U_POS ? PY_OP_UNARY_POS
                : n->op == U_NOT ? PY_OP_UNARY_NOT : PY_OP_UNARY_INVERT, 0);
        break;
    case E_BOOLOP: {
        int patches[256], np = 0;
        for (int i = 0; i < n->l1.n; i++) {
            cexpr(c, n->l1.v[i]);
            if (i + 1 < n->l1.n) {
                int at = emit(c, n->op ? PY_OP_JUMP_IF_TRUE_OR_POP : PY_OP_JUMP_IF_FALSE_OR_POP, 0);
                if (np < 256)
                    patches[np++] = at;
            }
        }
        for (int i = 0; i < np; i++)
            patch_here(c, patches[i]);
        break;
    }
    case E_COMPARE: {
        cexpr(c, n->a);
        int nc = n->l1.n;
        int cleanup[256], ncl = 0;
        for (int i = 0; i < nc; i++) {
            cexpr(c, n->l1.v[i]);
            if (i + 1 < nc) {
                emit(c, PY_OP_SWAP, 2);
                emit(c, PY_OP_COPY, 2);
            }
            int op = n->ops[i];
            c->line = n->line;
            if (op <= PY_GE)
                emit(c, PY_OP_COMPARE_OP, op);
            else if (op == C_IN || op == C_NOTIN)
                emit(c, PY_OP_CONTAINS_OP, op == C_NOTIN);
            else
                emit(c, PY_OP_IS_OP, op == C_ISNOT);
            if (i + 1 < nc) {
                int at = emit(c, PY_OP_JUMP_IF_FALSE_OR_POP, 0);
                if (ncl < 256)
                    cleanup[ncl++] = at;
            }
        }
        if (ncl) {
            int end = emit(c, PY_OP_JUMP, 0);
            for (int i = 0; i < ncl; i++)
                patch_here(c, cleanup[i]);
            emit(c, PY_OP_SWAP, 2);
            emit(c, PY_OP_POP_TOP, 0);
            patch_here(c, end);
        }
        break;
    }
    case E_CALL: ccall(c, n); break;
    case E_ATTR:
        cexpr(c, n->a);
        c->line = n->line;
        emit(c, PY_OP_LOAD_ATTR, add_name(c, n->val));
        break;
    case E_SUBSCR:
        cexpr(c, n->a);
        cexpr(c, n->b);
        c->line = n->line;
        emit(c, PY_OP_BINARY_SUBSCR, 0);
        break;
    case E_SLICE:
        if (n->a) cexpr(c, n->a); else load_const(c, py_None);
        if (n->b) cexpr(c, n->b); else load_const(c, py_None);
        if (n->c) {
            cexpr(c, n->c);
            emit(c, PY_OP_BUILD_SLICE, 3);
        } else
            emit(c, PY_OP_BUILD_SLICE, 2);
        break;
    case E_TUPLE:
        if (has_starred(&n->l1))
            build_seq_starred(c, &n->l1, E_TUPLE);
        else {
            int allconst = n->l1.n > 0;
            for (int i = 0; i < n->l1.n; i++)
                if (n->l1.v[i]->kind != E_CONST)
                    allconst = 0;
            if (allconst) {
                pv t = py_tuple_new((size_t)n->l1.n);
                for (int i = 0; i < n->l1.n; i++)
                    PY_TUPLE(t)->items[i] = n->l1.v[i]->val;
                load_const(c, t);
            } else {
                for (int i = 0; i < n->l1.n; i++)
                    cexpr(c, n->l1.v[i]);
                emit(c, PY_OP_BUILD_TUPLE, n->l1.n);
            }
        }
        break;
    case E_LIST:
    case E_SET:
        if (has_starred(&n->l1))
            build_seq_starred(c, &n->l1, n->kind);
        else {
            for (int i = 0; i < n->l1.n; i++)
                cexpr(c, n->l1.v[i]);
            emit(c, n->kind == E_LIST ? PY_OP_BUILD_LIST : PY_OP_BUILD_SET, n->l1.n);
        }
        break;
    case E_DICT: {
        int pending = 0, started = 0;
        for (int i = 0; i < n->l1.n; i++) {
            if (!n->l1.v[i]) {
                if (!started || pending) {
                    emit(c, PY_OP_BUILD_MAP, pending);
                    if (started)
                        emit(c, PY_OP_DICT_UPDATE, 1);
                    started = 1;
                    pending = 0;
                }
                cexpr(c, n->l2.v[i]);
                emit(c, PY_OP_DICT_UPDATE, 1);
                continue;
            }
            cexpr(c, n->l1.v[i]);
            cexpr(c, n->l2.v[i]);
            pending++;
            if (pending >= 1000) {
                emit(c, PY_OP_BUILD_MAP, pending);
                if (started)
                    emit(c, PY_OP_DICT_UPDATE, 1);
                started = 1;
                pending = 0;
            }
        }
        if (!started || pending) {
            emit(c, PY_OP_BUILD_MAP, pending);
            if (started)
                emit(c, PY_OP_DICT_UPDATE, 1);
        }
        break;
    }
    case E_LAMBDA: compile_funclike(c, n, py_intern("<lambda>"), n->a, NULL, n->b); break;
    case E_IFEXP: {
        int patches[1], np = 0;
        cjump_if(c, n->a, 0, patches, &np);
        cexpr(c, n->b);
        int end = emit(c, PY_OP_JUMP, 0);
        patch_here(c, patches[0]);
        cexpr(c, n->c);
        patch_here(c, end);
        break;
    }
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_GENEXP:
    case E_DICTCOMP: compile_comprehension(c, n); break;
    case E_STARRED:
        py_syntax_error(c->lx, n->line, n->col, "can't use starred expression here");
    case E_YIELD:
        if (n->a)
            cexpr(c, n->a);
        else
            load_const(c, py_None);
        emit(c, PY_OP_YIELD_VALUE, 0);
        break;
    case E_YIELDFROM: {
        cexpr(c, n->a);
        emit(c, PY_OP_GET_YIELD_FROM_ITER, 0);
        load_const(c, py_None);
        int top = c->n;
        int s = emit(c, PY_OP_SEND, 0);
        emit(c, PY_OP_YIELD_VALUE, 0);
        emit(c, PY_OP_JUMP, top);
        patch_here(c, s);
        break;
    }
    case E_FSTRING: cfstring(c, n); break;
    case E_NAMEDEXPR:
        cexpr(c, n->b);
        emit(c, PY_OP_COPY, 1);
        cstore(c, n->a);
        break;
    default:
        py_syntax_error(c->lx, n->line, n->col, "invalid syntax");
    }
    c->line = saved_line;
}

/* Jump to a (patched later) target when e's truth equals jump_if_true. */
static void cjump_if(cunit *c, py_node *e, int jump_if_true, int *patches, int *np)
{
    if (e->kind == E_UNARY && e->op == U_NOT) {
        cjump_if(c, e->a, !jump_if_true, patches, np);
        return;
    }
    cexpr(c, e);
    patches[(*np)++] = emit(c, jump_if_true ? PY_OP_POP_JUMP_IF_TRUE : PY_OP_POP_JUMP_IF_FALSE, 0);
}

/* ---------------- statements ---------------- */

static fblock *push_fb(cunit *c, int kind, int top)
{
    if (c->nfb >= PY_MAXBLOCKS)
        py_syntax_error(c->lx, c->line, 0, "too many statically nested blocks");
    fblock *f = &c->fb[c->nfb++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->top = top;
    return f;
}

/* Unwind one block for break/continue/return. with_value: a return value is on top. */
static void unwind_fb(cunit *c, fblock *f, int with_value)
{
    switch (f->kind) {
    case FB_WHILE: break;
    case FB_FOR:
        if (with_value)
            emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_POP_TOP, 0);
        break;
    case FB_TRY_EXCEPT: emit(c, PY_OP_POP_BLOCK, 0); break;
    case FB_FINALLY_TRY: {
        emit(c, PY_OP_POP_BLOCK, 0);
        /* run the finally body with this block popped */
        fblock saved = *f;
        int idx = (int)(f - c->fb);
        int savedn = c->nfb;
        c->nfb = idx;
        cstmts(c, &saved.finally->l4);
        c->nfb = savedn;
        c->fb[idx] = saved;
        break;
    }
    case FB_HANDLER:
        emit(c, PY_OP_POP_BLOCK, 0);
        if (with_value)
            emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_POP_EXCEPT, 0);
        break;
    case FB_FINALLY_END:
        emit(c, PY_OP_POP_BLOCK, 0);
        if (with_value)
            emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_POP_TOP, 0); /* the exception */
        if (with_value)
            emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_POP_EXCEPT, 0);
        break;
    case FB_WITH:
        emit(c, PY_OP_POP_BLOCK, 0);
        if (with_value)
            emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_WITH_EXIT, 0);
        break;
    }
}

static void cloop_jump(cunit *c, py_node *n, int is_break)
{
    int i = c->nfb - 1;
    while (i >= 0 && c->fb[i].kind != FB_WHILE && c->fb[i].kind != FB_FOR)
        i--;
    if (i < 0)
        py_syntax_error(c->lx, n->line, n->col, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    for (int j = c->nfb - 1; j > i; j--)
        unwind_fb(c, &c->fb[j], 0);
    fblock *loop = &c->fb[i];
    if (is_break) {
        if (loop->kind == FB_FOR)
            emit(c, PY_OP_POP_TOP, 0);
        int at = emit(c, PY_OP_JUMP, 0);
        if (loop->nbrk >= 64)
            py_syntax_error(c->lx, n->line, n->col, "too many 'break' statements in one loop");
        loop->brk_patches[loop->nbrk++] = at;
    } else
        emit(c, PY_OP_JUMP, loop->top);
}

static void creturn(cunit *c, py_node *n)
{
    if (n->a)
        cexpr(c, n->a);
    else
        load_const(c, py_None);
    for (int j = c->nfb - 1; j >= 0; j--)
        unwind_fb(c, &c->fb[j], 1);
    c->line = n->line;
    emit(c, PY_OP_RETURN_VALUE, 0);
}

static void ctry_except(cunit *c, py_node *n)
{
    int setup = emit(c, PY_OP_SETUP_FINALLY, 0);
    push_fb(c, FB_TRY_EXCEPT, 0);
    cstmts(c, &n->l1);
    c->nfb--;
    emit(c, PY_OP_POP_BLOCK, 0);
    cstmts(c, &n->l3);
    int ends[128], ne = 0;
    ends[ne++] = emit(c, PY_OP_JUMP, 0);
    patch_here(c, setup);
    /* handler: [exc] */
    emit(c, PY_OP_PUSH_EXC_INFO, 0);
    int cleanup = emit(c, PY_OP_SETUP_CLEANUP, 0);
    for (int i = 0; i < n->l2.n; i++) {
        py_node *h = n->l2.v[i];
        c->line = h->line;
        int next = -1;
        if (h->a) {
            cexpr(c, h->a);
            emit(c, PY_OP_CHECK_EXC_MATCH, 0);
            next = emit(c, PY_OP_POP_JUMP_IF_FALSE, 0);
        }
        if (h->val)
            name_op(c, h->val, CTX_STORE);
        else
            emit(c, PY_OP_POP_TOP, 0);
        push_fb(c, FB_HANDLER, 0);
        cstmts(c, &h->l1);
        c->nfb--;
        emit(c, PY_OP_POP_BLOCK, 0);
        emit(c, PY_OP_POP_EXCEPT, 0);
        if (h->val) {
            load_const(c, py_None);
            name_op(c, h->val, CTX_STORE);
            name_op(c, h->val, CTX_DEL);
        }
        if (ne < 128)
            ends[ne++] = emit(c, PY_OP_JUMP, 0);
        if (next >= 0)
            patch_here(c, next);
        else
            break;
    }
    /* no clause matched: re-raise [prev, exc] */
    emit(c, PY_OP_POP_BLOCK, 0);
    emit(c, PY_OP_RERAISE_EXC, 0);
    patch_here(c, cleanup);
    emit(c, PY_OP_RERAISE_EXC, 0);
    for (int i = 0; i < ne; i++)
        patch_here(c, ends[i]);
}

static void ctry(cunit *c, py_node *n)
{
    if (!n->op) {
        ctry_except(c, n);
        return;
    }
    int setup = emit(c, PY_OP_SETUP_FINALLY, 0);
    fblock *f = push_fb(c, FB_FINALLY_TRY, 0);
    f->finally = n;
    if (n->l2.n)
        ctry_except(c, n);
    else
        cstmts(c, &n->l1);
    c->nfb--;
    emit(c, PY_OP_POP_BLOCK, 0);
    cstmts(c, &n->l4);
    int end = emit(c, PY_OP_JUMP, 0);
    patch_here(c, setup);
    emit(c, PY_OP_PUSH_EXC_INFO, 0);
    int cleanup = emit(c, PY_OP_SETUP_CLEANUP, 0);
    push_fb(c, FB_FINALLY_END, 0);
    cstmts(c, &n->l4);
    c->nfb--;
    emit(c, PY_OP_POP_BLOCK, 0);
    emit(c, PY_OP_RERAISE_EXC, 0);
    patch_here(c, cleanup);
    emit(c, PY_OP_RERAISE_EXC, 0);
    patch_here(c, end);
}

static void cwith(cunit *c, py_node *n, int item)
{
    py_node *w = n->l1.v[item];
    c->line = w->line;
    cexpr(c, w->a);
    emit(c, PY_OP_BEFORE_WITH, 0);
    /* the handler's level excludes __enter__'s result, consumed just below */
    int setup = emit(c, PY_OP_SETUP_CLEANUP, 0);
    push_fb(c, FB_WITH, 0);
    if (w->b)
        cstore(c, w->b);
    else
        emit(c, PY_OP_POP_TOP, 0);
    if (item + 1 < n->l1.n)
        cwith(c, n, item + 1);
    else
        cstmts(c, &n->l2);
    c->nfb--;
    c->line = n->line;
    emit(c, PY_OP_POP_BLOCK, 0);
    emit(c, PY_OP_WITH_EXIT, 0);
    int end = emit(c, PY_OP_JUMP, 0);
    patch_here(c, setup);
    /* [exit, exc] */
    emit(c, PY_OP_PUSH_EXC_INFO, 0);          /* [exit, prev, exc] */
    int cleanup = emit(c, PY_OP_SETUP_CLEANUP, 0);
    emit(c, PY_OP_WITH_EXCEPT_START, 0);      /* [exit, prev, exc, res] */
    int sup = emit(c, PY_OP_POP_JUMP_IF_TRUE, 0);
    emit(c, PY_OP_POP_BLOCK, 0);
    emit(c, PY_OP_RERAISE_EXC, 0);
    patch_here(c, sup);
    emit(c, PY_OP_POP_BLOCK, 0);
    emit(c, PY_OP_POP_TOP, 0);                /* exc */
    emit(c, PY_OP_POP_EXCEPT, 0);             /* prev */
    emit(c, PY_OP_POP_TOP, 0);                /* exit */
    int end2 = emit(c, PY_OP_JUMP, 0);
    patch_here(c, cleanup);
    emit(c, PY_OP_RERAISE_EXC, 0);
    patch_here(c, end);
    patch_here(c, end2);
}

static void cclass(cunit *c, py_node *n)
{
    for (int i = 0; i < n->l2.n; i++)
        cexpr(c, n->l2.v[i]);
    scope *s = n->scope;
    pv qn = make_qualname(c, n->val);
    py_code *co = compile_unit(c, s, n, qn, 0, 0, 0, PY_CO_CLASSBODY, &n->l1, NULL);
    make_function(c, co, qn, 0);
    load_const(c, n->val);
    build_seq_starred(c, &n->l3, E_TUPLE);
    int nkw = n->l4.n;
    if (nkw) {
        emit(c, PY_OP_BUILD_MAP, 0);
        for (int i = 0; i < nkw; i++) {
            py_node *k = n->l4.v[i];
            if (k->val) {
                load_const(c, k->val);
                cexpr(c, k->a);
                emit(c, PY_OP_BUILD_MAP, 1);
            } else
                cexpr(c, k->a);
            emit(c, PY_OP_DICT_MERGE, 1);
        }
    }
    c->line = n->line;
    emit(c, PY_OP_BUILD_CLASS, nkw ? 1 : 0);
    for (int i = 0; i < n->l2.n; i++) {
        emit(c, PY_OP_PUSH_NULL, 0);
        emit(c, PY_OP_SWAP, 2);
        emit(c, PY_OP_CALL, 1);
    }
    name_op(c, n->val, CTX_STORE);
}

static void cimport(cunit *c, py_node *n)
{
    for (int i = 0; i < n->l1.n; i++) {
        py_node *a = n->l1.v[i];
        load_const(c, PY_MKSMALL(0));
        load_const(c, py_None);
        emit(c, PY_OP_IMPORT_NAME, add_name(c, a->val));
        const char *s = py_cstr(a->val);
        if (a->val2) {
            /* import a.b.c as d: walk the attributes */
            const char *dot = strchr(s, '.');
            while (dot) {
                const char *next = strchr(dot + 1, '.');
                size_t len = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
                emit(c, PY_OP_IMPORT_FROM, add_name(c, py_intern_str(py_str_new(dot + 1, len))));
                emit(c, PY_OP_SWAP, 2);
                emit(c, PY_OP_POP_TOP, 0);
                dot = next;
            }
            name_op(c, a->val2, CTX_STORE);
        } else {
            const char *dot = strchr(s, '.');
            pv first = dot ? py_intern_str(py_str_new(s, (size_t)(dot - s))) : a->val;
            name_op(c, first, CTX_STORE);
        }
    }
}

static void cimportfrom(cunit *c, py_node *n)
{
    load_const(c, PY_MKSMALL(n->op));
    pv fl = py_tuple_new((size_t)n->l1.n);
    for (int i = 0; i < n->l1.n; i++)
        PY_TUPLE(fl)->items[i] = n->l1.v[i]->val;
    load_const(c, fl);
    emit(c, PY_OP_IMPORT_NAME, add_name(c, n->val ? n->val : py_intern("")));
    if (n->l1.n == 1 && !strcmp(py_cstr(n->l1.v[0]->val), "*")) {
        emit(c, PY_OP_IMPORT_STAR, 0);
        return;
    }
    for (int i = 0; i < n->l1.n; i++) {
        py_node *a = n->l1.v[i];
        emit(c, PY_OP_IMPORT_FROM, add_name(c, a->val));
        name_op(c, a->val2 ? a->val2 : a->val, CTX_STORE);
    }
    emit(c, PY_OP_POP_TOP, 0);
}

/* ---------------- match ----------------
 * A pattern compiles to a constant descriptor (tuples, see py_match.c) and a
 * list of runtime values (dotted names, literals, classes, mapping keys)
 * evaluated before MATCH_PATTERN; captures come back as one tuple in slot
 * order and are stored by name. */
typedef struct { pv caps; py_nlist vals; } mctx;

static int cap_slot(mctx *m, pv name)
{
    return list_index_add(m->caps, name);
}

static pv val_slot(mctx *m, py_node *e)
{
    py_nl_add(&m->vals, e);
    return PY_MKSMALL(m->vals.n - 1);
}

static pv pdesc(cunit *c, mctx *m, py_node *p)
{
    switch (p->kind) {
    case P_WILD: return py_tuple_pack(1, py_str_c("_"));
    case P_CAPTURE: return py_tuple_pack(2, py_str_c("c"), PY_MKSMALL(cap_slot(m, p->val)));
    case P_VALUE:
        if (p->a->kind == E_CONST && (p->a->val == py_None || p->a->val == py_True || p->a->val == py_False))
            return py_tuple_pack(2, py_str_c("is"), p->a->val);
        return py_tuple_pack(2, py_str_c("v"), val_slot(m, p->a));
    case P_AS: {
        pv sub = pdesc(c, m, p->a);
        return py_tuple_pack(3, py_str_c("as"), sub, PY_MKSMALL(cap_slot(m, p->val)));
    }
    case P_OR: {
        pv alts = py_tuple_new((size_t)p->l1.n);
        for (int i = 0; i < p->l1.n; i++)
            PY_TUPLE(alts)->items[i] = pdesc(c, m, p->l1.v[i]);
        return py_tuple_pack(2, py_str_c("|"), alts);
    }
    case P_SEQ: {
        int star = -1, star_slot = -1;
        pv subs = py_tuple_new((size_t)p->l1.n);
        for (int i = 0; i < p->l1.n; i++) {
            py_node *q = p->l1.v[i];
            if (q->kind == P_STAR) {
                if (star >= 0)
                    py_syntax_error(c->lx, q->line, q->col, "multiple starred names in sequence pattern");
                star = i;
                star_slot = q->val ? cap_slot(m, q->val) : -1;
                PY_TUPLE(subs)->items[i] = py_None;
            } else
                PY_TUPLE(subs)->items[i] = pdesc(c, m, q);
        }
        return py_tuple_pack(4, py_str_c("s"), subs, PY_MKSMALL(star), PY_MKSMALL(star_slot));
    }
    case P_MAP: {
        pv items = py_tuple_new((size_t)p->l1.n);
        for (int i = 0; i < p->l1.n; i++)
            PY_TUPLE(items)->items[i] = py_tuple_pack(2, val_slot(m, p->l1.v[i]), pdesc(c, m, p->l2.v[i]));
        return py_tuple_pack(3, py_str_c("m"), items, PY_MKSMALL(p->val ? cap_slot(m, p->val) : -1));
    }
    case P_CLASS: {
        pv cls = val_slot(m, p->a);
        pv pos = py_tuple_new((size_t)p->l1.n);
        for (int i = 0; i < p->l1.n; i++)
            PY_TUPLE(pos)->items[i] = pdesc(c, m, p->l1.v[i]);
        pv kws = py_tuple_new((size_t)p->l2.n);
        for (int i = 0; i < p->l2.n; i++)
            PY_TUPLE(kws)->items[i] = py_tuple_pack(2, p->l2.v[i]->val, pdesc(c, m, p->l2.v[i]->a));
        return py_tuple_pack(4, py_str_c("k"), cls, pos, kws);
    }
    case P_STAR:
        py_syntax_error(c->lx, p->line, p->col, "can't use starred name here");
    default:
        py_syntax_error(c->lx, p->line, p->col, "invalid pattern");
    }
}

static void cmatch(cunit *c, py_node *n)
{
    cexpr(c, n->a);
    int ends[256], ne = 0;
    for (int i = 0; i < n->l1.n; i++) {
        py_node *cs = n->l1.v[i];
        c->line = cs->line;
        mctx m = {.caps = py_list_new(0)};
        pv desc = pdesc(c, &m, cs->a);
        emit(c, PY_OP_COPY, 1);
        for (int j = 0; j < m.vals.n; j++)
            cexpr(c, m.vals.v[j]);
        emit(c, PY_OP_BUILD_TUPLE, m.vals.n);
        emit(c, PY_OP_MATCH_PATTERN, add_const(c, desc));
        emit(c, PY_OP_COPY, 1);
        load_const(c, py_None);
        emit(c, PY_OP_IS_OP, 0);
        int fail = emit(c, PY_OP_POP_JUMP_IF_TRUE, 0);
        size_t ncap = PY_LIST(m.caps)->n;
        emit(c, PY_OP_UNPACK_SEQUENCE, (int)ncap);
        for (size_t k = 0; k < ncap; k++)
            name_op(c, PY_LIST(m.caps)->items[k], CTX_STORE);
        int guard_fail = -1;
        if (cs->b) {
            cexpr(c, cs->b);
            guard_fail = emit(c, PY_OP_POP_JUMP_IF_FALSE, 0);
        }
        emit(c, PY_OP_POP_TOP, 0); /* the subject */
        cstmts(c, &cs->l1);
        if (ne < 256)
            ends[ne++] = emit(c, PY_OP_JUMP, 0);
        patch_here(c, fail);
        emit(c, PY_OP_POP_TOP, 0); /* the None result */
        if (guard_fail >= 0)
            patch_here(c, guard_fail);
    }
    emit(c, PY_OP_POP_TOP, 0);
    for (int i = 0; i < ne; i++)
        patch_here(c, ends[i]);
}

static void cstmt(cunit *c, py_node *n)
{
    c->line = n->line;
    switch (n->kind) {
    case S_EXPR:
        if (n->a->kind == E_CONST && !c->interactive)
            break;
        cexpr(c, n->a);
        emit(c, c->interactive && c->s->kind == SC_MODULE ? PY_OP_PRINT_EXPR : PY_OP_POP_TOP, 0);
        break;
    case S_ASSIGN:
        cexpr(c, n->a);
        for (int i = 0; i < n->l1.n; i++) {
            if (i + 1 < n->l1.n)
                emit(c, PY_OP_COPY, 1);
            cstore(c, n->l1.v[i]);
        }
        break;
    case S_AUGASSIGN: {
        py_node *t = n->a;
        if (t->kind == E_NAME) {
            name_op(c, t->val, CTX_LOAD);
            cexpr(c, n->b);
            c->line = n->line;
            emit(c, PY_OP_BINARY_OP, n->op + 16);
            name_op(c, t->val, CTX_STORE);
        } else if (t->kind == E_ATTR) {
            cexpr(c, t->a);
            emit(c, PY_OP_COPY, 1);
            emit(c, PY_OP_LOAD_ATTR, add_name(c, t->val));
            cexpr(c, n->b);
            c->line = n->line;
            emit(c, PY_OP_BINARY_OP, n->op + 16);
            emit(c, PY_OP_SWAP, 2);
            emit(c, PY_OP_STORE_ATTR, add_name(c, t->val));
        } else {
            cexpr(c, t->a);
            cexpr(c, t->b);
            emit(c, PY_OP_COPY, 2);
            emit(c, PY_OP_COPY, 2);
            emit(c, PY_OP_BINARY_SUBSCR, 0);
            cexpr(c, n->b);
            c->line = n->line;
            emit(c, PY_OP_BINARY_OP, n->op + 16);
            /* [obj, key, val] -> val, obj, key */
            emit(c, PY_OP_SWAP, 3);
            emit(c, PY_OP_SWAP, 2);
            emit(c, PY_OP_STORE_SUBSCR, 0);
        }
        break;
    }
    case S_ANNASSIGN:
        if (n->c) {
            cexpr(c, n->c);
            cstore(c, n->a);
        }
        if (c->s->kind != SC_FUNCTION && n->a->kind == E_NAME && !n->a->paren) {
            /* __annotations__[name] = annotation (a string under
             * `from __future__ import annotations`) */
            if (c->lx->future_annotations)
                load_const(c, py_str_c("<annotation>"));
            else
                cexpr(c, n->b);
            name_op(c, py_id___annotations__, CTX_LOAD);
            load_const(c, n->a->val);
            emit(c, PY_OP_STORE_SUBSCR, 0);
        }
        break;
    case S_IF: {
        int patches[1], np = 0;
        cjump_if(c, n->a, 0, patches, &np);
        cstmts(c, &n->l1);
        if (n->l2.n) {
            int end = emit(c, PY_OP_JUMP, 0);
            patch_here(c, patches[0]);
            cstmts(c, &n->l2);
            patch_here(c, end);
        } else
            patch_here(c, patches[0]);
        break;
    }
    case S_WHILE: {
        int top = c->n;
        int patches[1], np = 0;
        cjump_if(c, n->a, 0, patches, &np);
        fblock *f = push_fb(c, FB_WHILE, top);
        cstmts(c, &n->l1);
        emit(c, PY_OP_JUMP, top);
        int idx = (int)(f - c->fb);
        fblock fb = c->fb[idx];
        c->nfb--;
        patch_here(c, patches[0]);
        cstmts(c, &n->l2);
        for (int i = 0; i < fb.nbrk; i++)
            patch_here(c, fb.brk_patches[i]);
        break;
    }
    case S_FOR: {
        cexpr(c, n->b);
        emit(c, PY_OP_GET_ITER, 0);
        int top = c->n;
        c->line = n->line;
        int fi = emit(c, PY_OP_FOR_ITER, 0);
        fblock *f = push_fb(c, FB_FOR, top);
        int idx = (int)(f - c->fb);
        cstore(c, n->a);
        cstmts(c, &n->l1);
        c->line = n->line;
        emit(c, PY_OP_JUMP, top);
        fblock fb = c->fb[idx];
        c->nfb--;
        patch_here(c, fi);
        cstmts(c, &n->l2);
        for (int i = 0; i < fb.nbrk; i++)
            patch_here(c, fb.brk_patches[i]);
        break;
    }
    case S_BREAK: cloop_jump(c, n, 1); break;
    case S_CONTINUE: cloop_jump(c, n, 0); break;
    case S_RETURN: creturn(c, n); break;
    case S_FUNCDEF:
        for (int i = 0; i < n->l2.n; i++)
            cexpr(c, n->l2.v[i]);
        c->line = n->line;
        compile_funclike(c, n, n->val, n->a, &n->l1, NULL);
        for (int i = 0; i < n->l2.n; i++) {
            emit(c, PY_OP_PUSH_NULL, 0);
            emit(c, PY_OP_SWAP, 2);
            emit(c, PY_OP_CALL, 1);
        }
        name_op(c, n->val, CTX_STORE);
        break;
    case S_CLASSDEF: cclass(c, n); break;
    case S_DELETE:
        for (int i = 0; i < n->l1.n; i++)
            cdelete(c, n->l1.v[i]);
        break;
    case S_PASS: break;
    case S_RAISE:
        if (n->a) {
            cexpr(c, n->a);
            if (n->b) {
                cexpr(c, n->b);
                emit(c, PY_OP_RAISE, 2);
            } else
                emit(c, PY_OP_RAISE, 1);
        } else
            emit(c, PY_OP_RAISE, 0);
        break;
    case S_TRY: ctry(c, n); break;
    case S_WITH: cwith(c, n, 0); break;
    case S_GLOBAL:
    case S_NONLOCAL: break;
    case S_ASSERT: {
        int patches[1], np = 0;
        cjump_if(c, n->a, 1, patches, &np);
        emit(c, PY_OP_LOAD_ASSERTION_ERROR, 0);
        if (n->b) {
            emit(c, PY_OP_PUSH_NULL, 0);
            cexpr(c, n->b);
            emit(c, PY_OP_CALL, 1);
        }
        emit(c, PY_OP_RAISE, 1);
        patch_here(c, patches[0]);
        break;
    }
    case S_IMPORT: cimport(c, n); break;
    case S_IMPORTFROM: cimportfrom(c, n); break;
    case S_MATCH: cmatch(c, n); break;
    default:
        py_syntax_error(c->lx, n->line, n->col, "invalid syntax");
    }
}

static int has_annotations(py_nlist *l)
{
    for (int i = 0; i < l->n; i++) {
        py_node *n = l->v[i];
        if (n->kind == S_ANNASSIGN && n->a->kind == E_NAME)
            return 1;
        if ((n->kind == S_IF || n->kind == S_WHILE || n->kind == S_FOR) &&
            (has_annotations(&n->l1) || has_annotations(&n->l2)))
            return 1;
        if (n->kind == S_TRY && (has_annotations(&n->l1) || has_annotations(&n->l3) || has_annotations(&n->l4)))
            return 1;
        if (n->kind == S_WITH && has_annotations(&n->l2))
            return 1;
    }
    return 0;
}

static void setup_annotations(cunit *c, py_nlist *body)
{
    if (!has_annotations(body))
        return;
    emit(c, PY_OP_BUILD_MAP, 0);
    name_op(c, py_id___annotations__, CTX_STORE);
}

static void cstmts(cunit *c, py_nlist *l)
{
    for (int i = 0; i < l->n; i++)
        cstmt(c, l->v[i]);
}

/* ---------------- stack depth ---------------- */

const char *const py_op_names[] = {
#define PY_OP_NAME(n, e, d) #n,
    PY_OPCODES(PY_OP_NAME)
#undef PY_OP_NAME
};

static const int op_effect_tab[] = {
#define PY_OP_EFF(n, e, d) e,
    PY_OPCODES(PY_OP_EFF)
#undef PY_OP_EFF
};

int py_op_effect(int op, int arg, int jumping)
{
    switch (op) {
    case PY_OP_CALL: return -arg - 1;
    case PY_OP_CALL_EX: return -2 - arg;
    case PY_OP_BUILD_TUPLE:
    case PY_OP_BUILD_LIST:
    case PY_OP_BUILD_SET:
    case PY_OP_BUILD_STRING: return 1 - arg;
    case PY_OP_BUILD_MAP: return 1 - 2 * arg;
    case PY_OP_BUILD_SLICE: return 1 - arg;
    case PY_OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case PY_OP_JUMP_IF_FALSE_OR_POP:
    case PY_OP_JUMP_IF_TRUE_OR_POP: return jumping ? 0 : -1;
    case PY_OP_FOR_ITER: return jumping ? -1 : 1;
    case PY_OP_UNPACK_SEQUENCE: return arg - 1;
    case PY_OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case PY_OP_MAKE_FUNCTION:
        return -1 - ((arg & PY_MF_DEFAULTS) != 0) - ((arg & PY_MF_KWDEFAULTS) != 0) -
               ((arg & PY_MF_CLOSURE) != 0);
    case PY_OP_SEND: return jumping ? -1 : 0;
    case PY_OP_RAISE: return -arg;
    case PY_OP_BUILD_CLASS: return -2 - arg;
    default: return op_effect_tab[op];
    }
}

static int compute_stacksize(cunit *c)
{
    int n = c->n;
    int *depth = GC_MALLOC_ATOMIC((size_t)(n + 1) * sizeof(int));
    int *work = GC_MALLOC_ATOMIC((size_t)(n + 1) * sizeof(int));
    for (int i = 0; i <= n; i++)
        depth[i] = -1;
    int nw = 0, maxd = 0;
    depth[0] = 0;
    work[nw++] = 0;
    while (nw) {
        int i = work[--nw];
        int d = depth[i];
        for (; i < n; i++) {
            depth[i] = d;
            int op = PY_OPOF(c->code[i]), arg = (int)PY_ARGOF(c->code[i]);
            int target = -1, tdepth = 0;
            switch (op) {
            case PY_OP_JUMP:
            case PY_OP_POP_JUMP_IF_FALSE:
            case PY_OP_POP_JUMP_IF_TRUE:
            case PY_OP_JUMP_IF_FALSE_OR_POP:
            case PY_OP_JUMP_IF_TRUE_OR_POP:
            case PY_OP_FOR_ITER:
            case PY_OP_SEND:
                target = arg;
                tdepth = d + py_op_effect(op, arg, 1);
                break;
            case PY_OP_SETUP_FINALLY:
                target = arg;
                tdepth = d + 1;
                break;
            case PY_OP_SETUP_CLEANUP:
                target = arg;
                tdepth = d;
                break;
            }
            if (target >= 0 && target <= n && depth[target] < 0) {
                depth[target] = tdepth;
                if (tdepth > maxd)
                    maxd = tdepth;
                work[nw++] = target;
            }
            d += py_op_effect(op, arg, 0);
            if (d > maxd)
                maxd = d;
            if (op == PY_OP_JUMP || op == PY_OP_RETURN_VALUE || op == PY_OP_RAISE ||
                op == PY_OP_RERAISE_EXC)
                break;
            if (i + 1 < n && depth[i + 1] >= 0)
                break;
        }
    }
    return maxd + 2;
}

/* ---------------- units ---------------- */

static pv list_to_tuple(pv l) { return py_tuple_from(PY_LIST(l)->items, PY_LIST(l)->n); }

/* A tuple on cache lines of its own (py_alloc_lines): the constants and
 * names every thread running the code reads. */
static pv list_to_tuple_lines(pv l)
{
    size_t n = PY_LIST(l)->n;
    py_tuple *t = py_alloc_lines(sizeof(py_tuple) + n * sizeof(pv));
    t->ob.type = &py_tuple_type;
    t->hash = -1;
    t->n = n;
    py_copy(t->items, PY_LIST(l)->items, n * sizeof(pv));
    return (pv)t;
}

static void *copy_lines(const void *p, size_t n)
{
    void *q = py_alloc_lines(n);
    py_copy(q, p, n);
    return q;
}

static void disassemble(py_code *co);

static py_code *finish_unit(cunit *c, int argcount, int posonly, int kwonly, int flags, pv name)
{
    /* everything the threads running this code read, on lines of its own */
    py_code *co = py_alloc_lines(sizeof(py_code));
    co->ob.type = &py_code_type;
    co->code = copy_lines(c->code, (size_t)c->n * sizeof(uint32_t));
    co->ncode = (uint32_t)c->n;
    co->lines = c->lines;
    co->caches = py_alloc_lines((size_t)(c->n + 1) * sizeof(py_cache));
    co->consts = list_to_tuple_lines(c->consts);
    co->names = list_to_tuple_lines(c->names);
    co->varnames = list_to_tuple(c->varnames);
    co->cellvars = list_to_tuple(c->s->cells);
    co->freevars = list_to_tuple(c->s->frees);
    co->argcount = argcount;
    co->posonly = posonly;
    co->kwonly = kwonly;
    co->flags = flags;
    co->nlocals = (int)PY_LIST(c->varnames)->n;
    co->ncells = (int)PY_LIST(c->s->cells)->n;
    co->nfree = (int)PY_LIST(c->s->frees)->n;
    co->stacksize = compute_stacksize(c);
    co->name = name;
    co->qualname = c->qualname;
    co->filename = py_intern(c->filename);
    co->firstline = c->n ? c->lines[0] : 1;
    if (co->ncells) {
        co->cell2arg = GC_MALLOC_ATOMIC((size_t)co->ncells * sizeof(int));
        int nargs = argcount + kwonly + !!(flags & PY_CO_VARARGS) + !!(flags & PY_CO_VARKW);
        for (int i = 0; i < co->ncells; i++) {
            co->cell2arg[i] = -1;
            for (int j = 0; j < nargs && j < co->nlocals; j++)
                if (PY_TUPLE(co->varnames)->items[j] == PY_TUPLE(co->cellvars)->items[i])
                    co->cell2arg[i] = j;
        }
    }
    static int dis = -1;
    if (dis < 0)
        dis = getenv("ELIDE_DIS") != NULL;
    if (dis)
        disassemble(co);
    return co;
}

/* ELIDE_DIS=1 in the environment prints each compiled code object (a
 * debugging aid for compiler work; off by default, no cost when unset). */
static void disassemble(py_code *co)
{
    fprintf(stderr, "== %s (stack %d, locals %d, cells %d, free %d)\n", py_cstr(co->qualname),
            co->stacksize, co->nlocals, co->ncells, co->nfree);
    for (uint32_t i = 0; i < co->ncode; i++) {
        int op = PY_OPOF(co->code[i]), arg = (int)PY_ARGOF(co->code[i]);
        fprintf(stderr, "%4d %4u %-22s %d", co->lines[i], i, py_op_names[op], arg);
        if (op == PY_OP_LOAD_CONST) {
            pv r = py_repr(PY_TUPLE(co->consts)->items[arg]);
            fprintf(stderr, " (%.40s)", r ? py_cstr(r) : "?");
            py_exc_clear();
        } else if (op == PY_OP_LOAD_GLOBAL || op == PY_OP_STORE_GLOBAL || op == PY_OP_LOAD_ATTR ||
                   op == PY_OP_LOAD_METHOD || op == PY_OP_STORE_ATTR || op == PY_OP_LOAD_NAME ||
                   op == PY_OP_STORE_NAME)
            fprintf(stderr, " (%s)", py_cstr(PY_TUPLE(co->names)->items[arg]));
        fputc('\n', stderr);
    }
}

static void cunit_init(cunit *c, cunit *parent, scope *s, pv qualname, py_lexer *lx, const char *filename)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->consts = py_list_new(0);
    c->constkeys = py_dict_new();
    c->names = py_list_new(0);
    c->varnames = py_list_new(0);
    c->qualname = qualname;
    c->lx = lx;
    c->filename = filename;
    if (parent)
        c->interactive = 0;
}

static py_code *compile_unit(cunit *parent, scope *s, py_node *n, pv qualname, int argcount, int posonly,
                             int kwonly, int flags, py_nlist *body, py_node *expr)
{
    /* in GC memory, not on the C stack: nesting depth is bounded by the
     * parser, but each unit holds a block table */
    cunit *cp = GC_MALLOC(sizeof(cunit));
    if (!cp)
        py_syntax_error(parent->lx, n->line, n->col, "out of memory while compiling");
#define c (*cp)
    cunit_init(&c, parent, s, qualname, parent->lx, parent->filename);
    c.line = n->line;
    /* parameters come first in varnames */
    for (size_t i = 0; i < PY_LIST(s->params)->n; i++)
        list_index_add(c.varnames, PY_LIST(s->params)->items[i]);
    if (s->kind == SC_CLASS) {
        emit(&c, PY_OP_LOAD_NAME, add_name(&c, py_id___name__));
        emit(&c, PY_OP_STORE_NAME, add_name(&c, py_id___module__));
        load_const(&c, qualname);
        emit(&c, PY_OP_STORE_NAME, add_name(&c, py_id___qualname__));
        if (body->n && body->v[0]->kind == S_EXPR && body->v[0]->a->kind == E_CONST &&
            PY_ISSTR(body->v[0]->a->val)) {
            load_const(&c, body->v[0]->a->val);
            emit(&c, PY_OP_STORE_NAME, add_name(&c, py_id___doc__));
        }
        setup_annotations(&c, body);
        cstmts(&c, body);
        int ci = cell_index(&c, py_id___class__);
        if (ci >= 0 && ci < (int)PY_LIST(s->cells)->n)
            emit(&c, PY_OP_LOAD_CLOSURE, ci);
        else
            load_const(&c, py_None);
        emit(&c, PY_OP_RETURN_VALUE, 0);
        return finish_unit(&c, 0, 0, 0, flags, s->name);
    }
    if (expr && (n->kind == E_LISTCOMP || n->kind == E_SETCOMP || n->kind == E_DICTCOMP || n->kind == E_GENEXP)) {
        if (n->kind != E_GENEXP)
            emit(&c, n->kind == E_LISTCOMP ? PY_OP_BUILD_LIST : n->kind == E_SETCOMP ? PY_OP_BUILD_SET : PY_OP_BUILD_MAP, 0);
        comp_body(&c, n, 0, 0);
        if (n->kind == E_GENEXP)
            load_const(&c, py_None);
        emit(&c, PY_OP_RETURN_VALUE, 0);
        return finish_unit(&c, 1, 0, 0, flags, s->name);
    }
    if (expr) {
        /* lambda */
        add_const(&c, py_None);
        cexpr(&c, expr);
        if (s->generator) {
            emit(&c, PY_OP_POP_TOP, 0);
            load_const(&c, py_None);
        }
        emit(&c, PY_OP_RETURN_VALUE, 0);
        return finish_unit(&c, argcount, posonly, kwonly, flags, s->name);
    }
    /* def: a docstring is consts[0] */
    if (body->n && body->v[0]->kind == S_EXPR && body->v[0]->a->kind == E_CONST && PY_ISSTR(body->v[0]->a->val)) {
        add_const(&c, body->v[0]->a->val);
        flags |= 0x100;
    } else
        add_const(&c, py_None);
    cstmts(&c, body);
    load_const(&c, py_None);
    emit(&c, PY_OP_RETURN_VALUE, 0);
    return finish_unit(&c, argcount, posonly, kwonly, flags, s->name);
#undef c
}

/* Offset of the first byte that is not valid UTF-8, or -1. */
static intptr_t bad_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 1 : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 3 : 9;
        if (k == 9 || i + k >= n + (k == 0))
            return (intptr_t)i;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return (intptr_t)i;
        i += k + 1;
    }
    return -1;
}

pv py_compile_source(const char *src, size_t n, const char *filename, int mode)
{
    py_lexer lx;
    py_lex_init(&lx, src, n, filename);
    jmp_buf jb;
    lx.err = &jb;
    intptr_t bad = bad_utf8((const unsigned char *)src, n);
    if (bad >= 0) {
        int line = 1;
        for (intptr_t i = 0; i < bad; i++)
            line += src[i] == '\n';
        pv msg = py_str_fmt("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %ld: invalid start byte",
                            (unsigned char)src[bad], (long)bad);
        pv e = py_exc_new(py_exc_SyntaxError, &msg, 1);
        py_dict_sets(py_instance_dict(e), "filename", py_str_c(filename));
        py_dict_sets(py_instance_dict(e), "lineno", PY_MKSMALL(line));
        return py_raise_obj(e);
    }
    if (setjmp(jb)) {
        if (lx.exc)
            py_raise_obj(lx.exc);
        else if (!py_cur->exc)
            py_raise(py_exc_SyntaxError, "invalid syntax");
        return NULL;
    }
    py_node *tree = py_parse(&lx, mode);
    symtab st = {.lx = &lx};
    scope *top = scope_new(&st, SC_MODULE, NULL, py_intern("<module>"));
    st.cur = top;
    if (mode == PY_MODE_EVAL) {
        st_expr(&st, tree);
    } else
        st_stmts(&st, &tree->l1);
    analyze(&st, top, py_list_new(0));
    cunit c;
    cunit_init(&c, NULL, top, py_intern("<module>"), &lx, filename);
    c.interactive = mode == PY_MODE_SINGLE;
    c.line = 1;
    if (mode == PY_MODE_EVAL) {
        cexpr(&c, tree);
        emit(&c, PY_OP_RETURN_VALUE, 0);
    } else {
        py_nlist *body = &tree->l1;
        if (body->n && body->v[0]->kind == S_EXPR && body->v[0]->a->kind == E_CONST &&
            PY_ISSTR(body->v[0]->a->val) && mode == PY_MODE_EXEC) {
            load_const(&c, body->v[0]->a->val);
            name_op(&c, py_id___doc__, CTX_STORE);
        }
        setup_annotations(&c, body);
        cstmts(&c, body);
        load_const(&c, py_None);
        emit(&c, PY_OP_RETURN_VALUE, 0);
    }
    return (pv)finish_unit(&c, 0, 0, 0, PY_CO_MODULE, py_intern("<module>"));
}
