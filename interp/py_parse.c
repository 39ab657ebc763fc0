/* py_parse.c: recursive-descent parser from tokens to the syntax tree of
 * py_ast.h. Recursion is bounded (MAX_DEPTH): deeper input gives a clean
 * SyntaxError/RecursionError, never a stack overflow. */
#include "py_ast.h"

#include <stdlib.h>

/* Parser nesting limit. Each level costs a few hundred bytes of C stack in
 * the parser and again in the compiler; 900 levels stay far below the 8 MiB
 * main-thread stack and the 16 MiB stacks of our threads, and deeper source
 * is unrealistic (CPython's own parser gives up at 200 nested brackets). */
#define MAX_DEPTH 900

typedef struct {
    py_lexer *lx;
    py_token tok, peek;
    int has_peek;
    int mode;
} P;

void py_nl_add(py_nlist *l, py_node *n)
{
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 4;
        py_node **nv = GC_MALLOC((size_t)nc * sizeof(py_node *));
        if (l->n)
            py_copy(nv, l->v, (size_t)l->n * sizeof(py_node *));
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = n;
}

static py_node *node(int kind, py_token *t)
{
    py_node *n = GC_MALLOC(sizeof(py_node));
    n->kind = kind;
    n->line = t->line;
    n->col = t->col;
    return n;
}

static void advance(P *p)
{
    if (p->has_peek) {
        p->tok = p->peek;
        p->has_peek = 0;
    } else
        py_lex_next(p->lx, &p->tok);
}

static py_token *peek(P *p)
{
    if (!p->has_peek) {
        py_lex_next(p->lx, &p->peek);
        p->has_peek = 1;
    }
    return &p->peek;
}

static int is_op(py_token *t, const char *op)
{
    return t->type == TK_OP && t->len == strlen(op) && !memcmp(t->start, op, t->len);
}
static int is_kw(py_token *t, const char *kw)
{
    return t->type == TK_NAME && t->len == strlen(kw) && !memcmp(t->start, kw, t->len);
}
#define OP(s) is_op(&p->tok, s)
#define KW(s) is_kw(&p->tok, s)

static const char *const keywords[] = {"False", "None", "True", "and", "as", "assert", "async",
    "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
    "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "return", "try", "while", "with", "yield", NULL};

static int is_keyword(py_token *t)
{
    if (t->type != TK_NAME)
        return 0;
    for (int i = 0; keywords[i]; i++)
        if (is_kw(t, keywords[i]))
            return 1;
    return 0;
}

_Noreturn static void error_at(P *p, py_token *t, const char *msg)
{
    py_syntax_error(p->lx, t->line, t->col, "%s", msg);
}

_Noreturn static void syntax(P *p)
{
    py_token *t = &p->tok;
    if (t->type == TK_INDENT)
        py_syntax_error_t(p->lx, py_exc_IndentationError, t->line, t->col, "unexpected indent");
    if (t->type == TK_EOF && p->lx->paren)
        error_at(p, t, "unexpected EOF while parsing");
    error_at(p, t, "invalid syntax");
}

static void expect_op(P *p, const char *op)
{
    if (!OP(op)) {
        if (!strcmp(op, ":")) {
            char m[64];
            snprintf(m, sizeof m, "expected ':'");
            error_at(p, &p->tok, m);
        }
        syntax(p);
    }
    advance(p);
}

static pv expect_name(P *p)
{
    if (p->tok.type != TK_NAME || is_keyword(&p->tok))
        syntax(p);
    pv v = p->tok.val;
    advance(p);
    return v;
}

static void enter(P *p)
{
    if (++p->lx->depth > MAX_DEPTH) {
        if (p->lx->paren > 100)
            py_syntax_error(p->lx, p->tok.line, p->tok.col, "too many nested parentheses");
        py_syntax_error_t(p->lx, py_exc_SyntaxError, p->tok.line, p->tok.col,
                          "too many nested parentheses");
    }
}
static void leave(P *p) { p->lx->depth--; }

static py_node *test(P *p);
static py_node *star_expr_list(P *p, int allow_yield);
static py_node *or_expr(P *p);
static py_node *boolop(P *p, int is_or);
py_node *py_parse_factor(P *p);
static py_node *namedexpr_test(P *p);
static void simple_stmts(P *p, py_nlist *out);
static void suite(P *p, py_nlist *out);
static void block(P *p, py_nlist *out);
static py_node *atom_expr(P *p);
static py_node *parse_fstring(P *p, py_token *t);

/* ---------------- expressions ---------------- */

static py_node *mk_const(py_token *t, pv v)
{
    py_node *n = node(E_CONST, t);
    n->val = v;
    return n;
}

static py_node *strings(P *p)
{
    py_token first = p->tok;
    py_node *res = NULL;   /* E_FSTRING when any part is an f-string */
    pv acc = NULL;         /* plain-string accumulator */
    int any_f = 0;
    py_nlist parts = {0};
    while (p->tok.type == TK_STRING) {
        py_token t = p->tok;
        advance(p);
        if (t.fstring) {
            any_f = 1;
            if (acc) {
                py_nl_add(&parts, mk_const(&first, acc));
                acc = NULL;
            }
            py_node *f = parse_fstring(p, &t);
            for (int i = 0; i < f->l1.n; i++)
                py_nl_add(&parts, f->l1.v[i]);
        } else if (acc && (PY_IS(acc, str) != PY_IS(t.val, str)))
            error_at(p, &t, "cannot mix bytes and nonbytes literals");
        else
            acc = acc ? (PY_IS(acc, str) ? py_str_concat(acc, t.val) : py_binop(PY_NB_ADD, acc, t.val)) : t.val;
    }
    if (!any_f)
        return mk_const(&first, acc);
    if (acc)
        py_nl_add(&parts, mk_const(&first, acc));
    res = node(E_FSTRING, &first);
    res->l1 = parts;
    return res;
}

/* Parse an expression from a substring (f-string fields). */
static py_node *sub_expr(P *p, const char *s, size_t n, py_token *t)
{
    /* wrap in parentheses so newlines are allowed */
    char *buf = GC_MALLOC_ATOMIC(n + 3);
    buf[0] = '(';
    py_copy(buf + 1, s, n);
    buf[n + 1] = ')';
    buf[n + 2] = 0;
    py_lexer sub;
    py_lex_init(&sub, buf, n + 2, p->lx->filename);
    sub.err = p->lx->err;
    sub.line_offset = t->line;
    sub.col_offset = t->col;
    sub.depth = p->lx->depth;
    P q = {.lx = &sub};
    advance(&q);
    py_node *e = star_expr_list(&q, 1);
    if (q.tok.type != TK_NEWLINE && q.tok.type != TK_EOF) {
        p->lx->exc = sub.exc;
        error_at(p, t, "f-string: invalid syntax");
    }
    if (sub.exc)
        p->lx->exc = sub.exc;
    return e;
}

static py_node *parse_fstring_body(P *p, py_token *t, const char *s, size_t n, int raw, int depth)
{
    py_node *res = node(E_FSTRING, t);
    py_sb lit = {0};
    if (depth > 2)
        error_at(p, t, "f-string: expressions nested too deeply");
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '{' && i + 1 < n && s[i + 1] == '{') {
            py_sb_addc(&lit, '{');
            i += 2;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                py_sb_addc(&lit, '}');
                i += 2;
                continue;
            }
            error_at(p, t, "f-string: single '}' is not allowed");
        }
        if (c != '{') {
            if (c == '\\' && !raw && i + 1 < n) {
                /* keep escapes together for decoding; handle \{ literally */
                py_sb_addc(&lit, c);
                py_sb_addc(&lit, s[i + 1]);
                i += 2;
                continue;
            }
            py_sb_addc(&lit, c);
            i++;
            continue;
        }
        if (lit.len) {
            pv v = py_decode_string_body(p->lx, lit.buf, lit.len, raw, t->line, t->col);
            py_nl_add(&res->l1, mk_const(t, v));
            lit.len = 0;
        }
        /* find the end of the expression: matching brackets and strings */
        size_t j = i + 1;
        int lvl = 0;
        char q = 0;
        while (j < n) {
            char d = s[j];
            if (q) {
                if (d == q)
                    q = 0;
                j++;
                continue;
            }
            if (d == '\'' || d == '"')
                q = d;
            else if (d == '(' || d == '[' || d == '{')
                lvl++;
            else if (d == ')' || d == ']' || (d == '}' && lvl > 0))
                lvl--;
            else if (lvl == 0 && (d == '}' || d == ':' || (d == '!' && j + 1 < n && s[j + 1] != '=')))
                break;
            j++;
        }
        if (j >= n)
            error_at(p, t, "f-string: expecting '}'");
        size_t es = i + 1, ee = j;
        int self_doc = 0;
        /* f"{x=}" */
        size_t k = ee;
        while (k > es && (s[k - 1] == ' '))
            k--;
        if (k > es && s[k - 1] == '=' && !(k > es + 1 && strchr("=!<>", s[k - 2]))) {
            self_doc = 1;
            ee = k - 1;
        }
        int only_ws = 1;
        for (size_t m = es; m < ee; m++)
            if (s[m] != ' ')
                only_ws = 0;
        if (only_ws)
            error_at(p, t, "f-string: empty expression not allowed");
        py_node *fe = node(E_FORMATTED, t);
        fe->a = sub_expr(p, s + es, ee - es, t);
        fe->op = 0;
        if (self_doc) {
            py_nl_add(&res->l1, mk_const(t, py_str_new(s + es, k - es)));
            fe->op = 'r';
        }
        if (s[j] == '!') {
            if (j + 1 >= n || !strchr("sra", s[j + 1]))
                error_at(p, t, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            fe->op = s[j + 1];
            j += 2;
        }
        if (j < n && s[j] == ':') {
            size_t m = j + 1;
            int l2 = 0;
            while (m < n && (s[m] != '}' || l2 > 0)) {
                if (s[m] == '{')
                    l2++;
                else if (s[m] == '}')
                    l2--;
                m++;
            }
            if (m >= n)
                error_at(p, t, "f-string: expecting '}'");
            fe->b = parse_fstring_body(p, t, s + j + 1, m - j - 1, raw, depth + 1);
            if (self_doc && fe->op == 'r')
                fe->op = 0;
            j = m;
        }
        if (j >= n || s[j] != '}')
            error_at(p, t, "f-string: expecting '}'");
        py_nl_add(&res->l1, fe);
        i = j + 1;
    }
    if (lit.len) {
        pv v = py_decode_string_body(p->lx, lit.buf, lit.len, raw, t->line, t->col);
        py_nl_add(&res->l1, mk_const(t, v));
    }
    return res;
}

static py_node *parse_fstring(P *p, py_token *t)
{
    return parse_fstring_body(p, t, py_cstr(t->val), py_sbytes(t->val), t->raw, 0);
}

/* Assignment targets of for/comprehensions: no comparisons (they stop at 'in'). */
static py_node *target_list(P *p)
{
    py_token st = p->tok;
    py_node *first;
    if (OP("*")) {
        first = node(E_STARRED, &p->tok);
        advance(p);
        first->a = or_expr(p);
    } else
        first = or_expr(p);
    if (!OP(","))
        return first;
    py_node *t = node(E_TUPLE, &st);
    py_nl_add(&t->l1, first);
    while (OP(",")) {
        advance(p);
        if (KW("in") || OP("=") || (p->tok.type != TK_NAME && !OP("(") && !OP("[") && !OP("*")))
            break;
        if (OP("*")) {
            py_node *s2 = node(E_STARRED, &p->tok);
            advance(p);
            s2->a = or_expr(p);
            py_nl_add(&t->l1, s2);
        } else
            py_nl_add(&t->l1, or_expr(p));
    }
    return t;
}

static py_node *comp_for(P *p, py_node *res)
{
    while (KW("for") || KW("async")) {
        py_node *c = node(N_COMP, &p->tok);
        advance(p);
        c->a = target_list(p);
        /* the target list stops before 'in' */
        if (!KW("in"))
            syntax(p);
        advance(p);
        c->b = boolop(p, 1);
        while (KW("if")) {
            advance(p);
            /* comprehension conditions: no unparenthesized ternary */
            py_nl_add(&c->l1, boolop(p, 1));
            if (KW("else"))
                syntax(p);
        }
        py_nl_add(&res->l1, c);
    }
    return res;
}

static py_node *namedexpr_test(P *p)
{
    py_node *e = test(p);
    if (OP(":=")) {
        if (e->kind != E_NAME)
            error_at(p, &p->tok, "cannot use assignment expressions with this expression");
        py_node *n = node(E_NAMEDEXPR, &p->tok);
        advance(p);
        n->a = e;
        n->b = test(p);
        return n;
    }
    return e;
}

static py_node *star_or_named(P *p)
{
    if (OP("*")) {
        py_node *s = node(E_STARRED, &p->tok);
        advance(p);
        s->a = or_expr(p);
        return s;
    }
    return namedexpr_test(p);
}

/* ( ... ) [ ... ] { ... } */
static py_node *paren_atom(P *p)
{
    py_token open = p->tok;
    advance(p);
    if (OP(")")) {
        advance(p);
        return node(E_TUPLE, &open);
    }
    if (KW("yield")) {
        py_node *y = star_expr_list(p, 1);
        expect_op(p, ")");
        return y;
    }
    py_node *first = star_or_named(p);
    if (KW("for") || KW("async")) {
        py_node *g = node(E_GENEXP, &open);
        g->a = first;
        comp_for(p, g);
        expect_op(p, ")");
        return g;
    }
    if (OP(")")) {
        advance(p);
        if (first->kind == E_STARRED)
            error_at(p, &open, "cannot use starred expression here");
        first->paren = 1;
        return first;
    }
    py_node *t = node(E_TUPLE, &open);
    py_nl_add(&t->l1, first);
    while (OP(",")) {
        advance(p);
        if (OP(")"))
            break;
        py_nl_add(&t->l1, star_or_named(p));
    }
    expect_op(p, ")");
    t->paren = 1;
    return t;
}

static py_node *list_atom(P *p)
{
    py_token open = p->tok;
    advance(p);
    py_node *l = node(E_LIST, &open);
    if (OP("]")) {
        advance(p);
        return l;
    }
    py_node *first = star_or_named(p);
    if (KW("for") || KW("async")) {
        py_node *c = node(E_LISTCOMP, &open);
        c->a = first;
        comp_for(p, c);
        expect_op(p, "]");
        return c;
    }
    py_nl_add(&l->l1, first);
    while (OP(",")) {
        advance(p);
        if (OP("]"))
            break;
        py_nl_add(&l->l1, star_or_named(p));
    }
    expect_op(p, "]");
    return l;
}

static py_node *dict_atom(P *p)
{
    py_token open = p->tok;
    advance(p);
    if (OP("}")) {
        advance(p);
        return node(E_DICT, &open);
    }
    py_node *k = NULL, *v = NULL;
    if (OP("**")) {
        advance(p);
        v = or_expr(p);
    } else {
        k = star_or_named(p);
        if (!OP(":")) {
            /* a set */
            if (KW("for") || KW("async")) {
                py_node *c = node(E_SETCOMP, &open);
                c->a = k;
                comp_for(p, c);
                expect_op(p, "}");
                return c;
            }
            py_node *s = node(E_SET, &open);
            py_nl_add(&s->l1, k);
            while (OP(",")) {
                advance(p);
                if (OP("}"))
                    break;
                py_nl_add(&s->l1, star_or_named(p));
            }
            expect_op(p, "}");
            return s;
        }
        advance(p);
        v = test(p);
        if (KW("for") || KW("async")) {
            py_node *c = node(E_DICTCOMP, &open);
            c->a = k;
            c->b = v;
            comp_for(p, c);
            expect_op(p, "}");
            return c;
        }
    }
    py_node *d = node(E_DICT, &open);
    py_nl_add(&d->l1, k);
    py_nl_add(&d->l2, v);
    while (OP(",")) {
        advance(p);
        if (OP("}"))
            break;
        if (OP("**")) {
            advance(p);
            py_nl_add(&d->l1, NULL);
            py_nl_add(&d->l2, or_expr(p));
            continue;
        }
        py_nl_add(&d->l1, test(p));
        expect_op(p, ":");
        py_nl_add(&d->l2, test(p));
    }
    expect_op(p, "}");
    return d;
}

static py_node *atom(P *p)
{
    py_token *t = &p->tok;
    py_node *n;
    switch (t->type) {
    case TK_NUMBER:
        n = mk_const(t, t->val);
        advance(p);
        return n;
    case TK_STRING:
        return strings(p);
    case TK_NAME:
        if (KW("None") || KW("True") || KW("False")) {
            n = mk_const(t, KW("None") ? py_None : KW("True") ? py_True : py_False);
            advance(p);
            return n;
        }
        if (is_keyword(t))
            syntax(p);
        n = node(E_NAME, t);
        n->val = t->val;
        advance(p);
        return n;
    case TK_OP:
        if (OP("("))
            return paren_atom(p);
        if (OP("["))
            return list_atom(p);
        if (OP("{"))
            return dict_atom(p);
        if (OP("...")) {
            n = mk_const(t, py_Ellipsis);
            advance(p);
            return n;
        }
        break;
    }
    syntax(p);
}

static void call_args(P *p, py_node *call)
{
    int seen_kw = 0;
    while (!OP(")")) {
        py_token st = p->tok;
        if (OP("*")) {
            advance(p);
            py_node *s = node(E_STARRED, &st);
            s->a = test(p);
            py_nl_add(&call->l1, s);
        } else if (OP("**")) {
            advance(p);
            py_node *k = node(E_KEYWORD, &st);
            k->a = test(p);
            py_nl_add(&call->l2, k);
            seen_kw = 2;
        } else {
            py_node *e = namedexpr_test(p);
            if (OP("=")) {
                if (e->kind != E_NAME)
                    error_at(p, &st, "expression cannot contain assignment, perhaps you meant \"==\"?");
                advance(p);
                py_node *k = node(E_KEYWORD, &st);
                k->val = e->val;
                k->a = test(p);
                py_nl_add(&call->l2, k);
                seen_kw = seen_kw ? seen_kw : 1;
            } else if (KW("for") || KW("async")) {
                py_node *g = node(E_GENEXP, &st);
                g->a = e;
                comp_for(p, g);
                py_nl_add(&call->l1, g);
            } else {
                if (seen_kw == 2)
                    error_at(p, &st, "positional argument follows keyword argument unpacking");
                if (seen_kw)
                    error_at(p, &st, "positional argument follows keyword argument");
                py_nl_add(&call->l1, e);
            }
        }
        if (!OP(","))
            break;
        advance(p);
    }
    expect_op(p, ")");
}

static py_node *subscript_item(P *p)
{
    py_token st = p->tok;
    py_node *lo = NULL, *hi = NULL, *step = NULL;
    if (!OP(":")) {
        lo = star_or_named(p);
        if (!OP(":"))
            return lo;
    }
    advance(p);
    if (!OP("]") && !OP(":") && !OP(","))
        hi = test(p);
    if (OP(":")) {
        advance(p);
        if (!OP("]") && !OP(","))
            step = test(p);
    }
    py_node *s = node(E_SLICE, &st);
    s->a = lo;
    s->b = hi;
    s->c = step;
    return s;
}

static py_node *trailers(P *p, py_node *e)
{
    for (;;) {
        py_token t = p->tok;
        if (OP("(")) {
            advance(p);
            py_node *c = node(E_CALL, &t);
            c->line = e->line;
            c->col = e->col;
            c->a = e;
            enter(p);
            call_args(p, c);
            leave(p);
            e = c;
        } else if (OP("[")) {
            advance(p);
            py_node *s = node(E_SUBSCR, &t);
            s->line = e->line;
            s->a = e;
            enter(p);
            py_node *first = subscript_item(p);
            if (OP(",")) {
                py_node *tup = node(E_TUPLE, &t);
                py_nl_add(&tup->l1, first);
                while (OP(",")) {
                    advance(p);
                    if (OP("]"))
                        break;
                    py_nl_add(&tup->l1, subscript_item(p));
                }
                first = tup;
            }
            leave(p);
            expect_op(p, "]");
            s->b = first;
            e = s;
        } else if (OP(".")) {
            advance(p);
            py_node *a = node(E_ATTR, &t);
            a->line = e->line;
            a->a = e;
            a->val = expect_name(p);
            e = a;
        } else
            return e;
    }
}

static py_node *atom_expr(P *p)
{
    if (KW("await"))
        error_at(p, &p->tok, "'await' outside async function");
    enter(p);
    py_node *e = trailers(p, atom(p));
    leave(p);
    return e;
}

static py_node *power(P *p)
{
    py_node *e = atom_expr(p);
    if (OP("**")) {
        py_node *b = node(E_BINOP, &p->tok);
        advance(p);
        b->op = PY_NB_POW;
        b->a = e;
        b->line = e->line;
        b->col = e->col;
        enter(p);
        py_node *r;
        if (OP("-") || OP("+") || OP("~")) {
            extern py_node *py_parse_factor(P *);
            r = py_parse_factor(p);
        } else
            r = power(p);
        leave(p);
        b->b = r;
        return b;
    }
    return e;
}

py_node *py_parse_factor(P *p)
{
    if (OP("-") || OP("+") || OP("~")) {
        py_node *u = node(E_UNARY, &p->tok);
        u->op = OP("-") ? U_NEG : OP("+") ? U_POS : U_INVERT;
        advance(p);
        enter(p);
        u->a = py_parse_factor(p);
        leave(p);
        /* fold -<number> so that -9223372036854775808 etc. are constants */
        if (u->op == U_NEG && u->a->kind == E_CONST && (PY_ISINT(u->a->val) || PY_ISFLOAT(u->a->val)) &&
            u->a->val != py_True && u->a->val != py_False && !u->a->paren) {
            pv v = py_neg(u->a->val);
            if (v) {
                u->a->val = v;
                u->a->line = u->line;
                u->a->col = u->col;
                return u->a;
            }
            py_exc_clear();
        }
        return u;
    }
    return power(p);
}

static int binop_of(P *p, int level)
{
    static const struct { const char *s; int op; int level; } t[] = {
        {"|", PY_NB_OR, 0}, {"^", PY_NB_XOR, 1}, {"&", PY_NB_AND, 2}, {"<<", PY_NB_LSHIFT, 3},
        {">>", PY_NB_RSHIFT, 3}, {"+", PY_NB_ADD, 4}, {"-", PY_NB_SUB, 4}, {"*", PY_NB_MUL, 5},
        {"/", PY_NB_TRUEDIV, 5}, {"//", PY_NB_FLOORDIV, 5}, {"%", PY_NB_MOD, 5},
        {"@", PY_NB_MATMUL, 5}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (t[i].level == level && OP(t[i].s))
            return t[i].op;
    return -1;
}

static py_node *binary(P *p, int level)
{
    if (level > 5)
        return py_parse_factor(p);
    py_node *e = binary(p, level + 1);
    int op;
    while ((op = binop_of(p, level)) >= 0) {
        py_node *b = node(E_BINOP, &p->tok);
        b->line = e->line;
        b->col = e->col;
        advance(p);
        b->op = op;
        b->a = e;
        enter(p);
        b->b = binary(p, level + 1);
        leave(p);
        e = b;
    }
    return e;
}

static py_node *or_expr(P *p) { return binary(p, 0); }

static int comp_op(P *p)
{
    if (OP("<")) return PY_LT;
    if (OP("<=")) return PY_LE;
    if (OP("==")) return PY_EQ;
    if (OP("!=")) return PY_NE;
    if (OP(">")) return PY_GT;
    if (OP(">=")) return PY_GE;
    if (KW("in")) return C_IN;
    if (KW("is")) {
        if (is_kw(peek(p), "not")) {
            advance(p);
            return C_ISNOT;
        }
        return C_IS;
    }
    if (KW("not") && is_kw(peek(p), "in")) {
        advance(p);
        return C_NOTIN;
    }
    return -1;
}

static py_node *comparison(P *p)
{
    py_node *e = or_expr(p);
    int op = comp_op(p);
    if (op < 0)
        return e;
    py_node *c = node(E_COMPARE, &p->tok);
    c->line = e->line;
    c->col = e->col;
    c->a = e;
    int n = 0, cap = 4;
    c->ops = GC_MALLOC_ATOMIC((size_t)cap * sizeof(int));
    while (op >= 0) {
        advance(p);
        if (n == cap) {
            int *no = GC_MALLOC_ATOMIC((size_t)cap * 2 * sizeof(int));
            py_copy(no, c->ops, (size_t)cap * sizeof(int));
            c->ops = no;
            cap *= 2;
        }
        c->ops[n++] = op;
        py_nl_add(&c->l1, or_expr(p));
        op = comp_op(p);
    }
    return c;
}

static py_node *not_test(P *p)
{
    if (KW("not")) {
        py_node *u = node(E_UNARY, &p->tok);
        advance(p);
        u->op = U_NOT;
        enter(p);
        u->a = not_test(p);
        leave(p);
        return u;
    }
    return comparison(p);
}

static py_node *boolop(P *p, int is_or)
{
    py_node *e = is_or ? boolop(p, 0) : not_test(p);
    if (!(is_or ? KW("or") : KW("and")))
        return e;
    py_node *b = node(E_BOOLOP, &p->tok);
    b->line = e->line;
    b->col = e->col;
    b->op = is_or;
    py_nl_add(&b->l1, e);
    while (is_or ? KW("or") : KW("and")) {
        advance(p);
        py_nl_add(&b->l1, is_or ? boolop(p, 0) : not_test(p));
    }
    return b;
}

static py_node *parse_args(P *p, int lambda);

static py_node *lambdef(P *p)
{
    py_node *l = node(E_LAMBDA, &p->tok);
    advance(p);
    enter(p);
    l->a = parse_args(p, 1);
    expect_op(p, ":");
    l->b = test(p);
    leave(p);
    return l;
}

static py_node *test(P *p)
{
    if (KW("lambda"))
        return lambdef(p);
    enter(p);
    py_node *e = boolop(p, 1);
    if (KW("if")) {
        py_node *c = node(E_IFEXP, &p->tok);
        c->line = e->line;
        c->col = e->col;
        advance(p);
        c->b = e;
        c->a = boolop(p, 1);
        if (!KW("else"))
            error_at(p, &p->tok, "expected 'else' after 'if' expression");
        advance(p);
        c->c = test(p);
        e = c;
    }
    leave(p);
    return e;
}


static int starts_expr(P *p)
{
    py_token *t = &p->tok;
    if (t->type == TK_NAME)
        return !is_keyword(t) || KW("None") || KW("True") || KW("False") || KW("not") ||
               KW("lambda") || KW("await") || KW("yield");
    if (t->type == TK_NUMBER || t->type == TK_STRING)
        return 1;
    return OP("(") || OP("[") || OP("{") || OP("-") || OP("+") || OP("~") || OP("...") || OP("*");
}

/* expression list, possibly a bare tuple, with starred items; or yield */
static py_node *star_expr_list(P *p, int allow_yield)
{
    py_token st = p->tok;
    if (allow_yield && KW("yield")) {
        advance(p);
        if (KW("from")) {
            advance(p);
            py_node *y = node(E_YIELDFROM, &st);
            y->a = test(p);
            return y;
        }
        py_node *y = node(E_YIELD, &st);
        if (starts_expr(p))
            y->a = star_expr_list(p, 0);
        return y;
    }
    py_node *first = star_or_named(p);
    if (!OP(","))
        return first;
    py_node *t = node(E_TUPLE, &st);
    py_nl_add(&t->l1, first);
    while (OP(",")) {
        advance(p);
        if (!starts_expr(p) || KW("yield"))
            break;
        py_nl_add(&t->l1, star_or_named(p));
    }
    return t;
}

/* ---------------- statements ---------------- */

static py_node *parse_args(P *p, int lambda)
{
    py_node *a = node(N_ARGS, &p->tok);
    const char *end = lambda ? ":" : ")";
    int kwonly = 0, seen_default = 0;
    while (!OP(end)) {
        py_token st = p->tok;
        if (OP("/")) {
            advance(p);
            a->op = a->l1.n;
        } else if (OP("**")) {
            advance(p);
            py_node *k = node(N_ARG, &st);
            k->val = expect_name(p);
            if (!lambda && OP(":")) {
                advance(p);
                test(p);
            }
            a->d = k;
        } else if (OP("*")) {
            advance(p);
            kwonly = 1;
            if (!OP(",") && !OP(end)) {
                py_node *v = node(N_ARG, &st);
                v->val = expect_name(p);
                if (!lambda && OP(":")) {
                    advance(p);
                    test(p);
                }
                a->c = v;
            }
        } else {
            py_node *x = node(N_ARG, &st);
            x->val = expect_name(p);
            if (!lambda && OP(":")) {
                advance(p);
                x->a = test(p);
            }
            if (OP("=")) {
                advance(p);
                x->b = test(p);
                if (!kwonly)
                    seen_default = 1;
            } else if (seen_default && !kwonly)
                error_at(p, &st, "non-default argument follows default argument");
            for (int i = 0; i < a->l1.n; i++)
                if (a->l1.v[i]->val == x->val)
                    error_at(p, &st, "duplicate argument in function definition");
            py_nl_add(kwonly ? &a->l2 : &a->l1, x);
        }
        if (!OP(","))
            break;
        advance(p);
    }
    return a;
}

static py_node *simple_stmt_one(P *p);

static void simple_stmts(P *p, py_nlist *out)
{
    for (;;) {
        py_nl_add(out, simple_stmt_one(p));
        if (!OP(";"))
            break;
        advance(p);
        if (p->tok.type == TK_NEWLINE || p->tok.type == TK_EOF)
            break;
    }
    if (p->tok.type == TK_EOF)
        return;
    if (p->tok.type != TK_NEWLINE)
        syntax(p);
    advance(p);
}

static py_node *dotted_name(P *p)
{
    py_token st = p->tok;
    pv name = expect_name(p);
    while (OP(".")) {
        advance(p);
        name = py_str_concat(py_str_concat(name, py_str_c(".")), expect_name(p));
    }
    py_node *n = node(N_ALIAS, &st);
    n->val = py_intern_str(name);
    return n;
}

static void check_target(P *p, py_node *t, int aug)
{
    switch (t->kind) {
    case E_NAME:
    case E_ATTR:
    case E_SUBSCR:
        return;
    case E_TUPLE:
    case E_LIST:
        if (aug)
            break;
        for (int i = 0; i < t->l1.n; i++)
            check_target(p, t->l1.v[i], 0);
        return;
    case E_STARRED:
        if (!aug) {
            check_target(p, t->a, 0);
            return;
        }
        break;
    default:
        break;
    }
    const char *what = t->kind == E_CALL ? "function call" : t->kind == E_CONST ? "literal"
                       : t->kind == E_COMPARE ? "comparison" : t->kind == E_BINOP || t->kind == E_UNARY ? "expression"
                       : "expression";
    char m[128];
    if (aug)
        snprintf(m, sizeof m, "'%s' is an illegal expression for augmented assignment", what);
    else
        snprintf(m, sizeof m, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
    if (!aug && (t->kind == E_CALL || t->kind == E_CONST))
        snprintf(m, sizeof m, "cannot assign to %s", what);
    py_syntax_error(p->lx, t->line, t->col, "%s", m);
}

static int augop(P *p)
{
    static const char *const ops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=",
                                      "&=", "|=", "^=", "@="};
    static const int codes[] = {PY_NB_ADD, PY_NB_SUB, PY_NB_MUL, PY_NB_TRUEDIV, PY_NB_FLOORDIV,
                                PY_NB_MOD, PY_NB_POW, PY_NB_LSHIFT, PY_NB_RSHIFT, PY_NB_AND,
                                PY_NB_OR, PY_NB_XOR, PY_NB_MATMUL};
    for (int i = 0; i < 13; i++)
        if (OP(ops[i]))
            return codes[i];
    return -1;
}

static py_node *simple_stmt_one(P *p)
{
    py_token st = p->tok;
    py_node *n;
    if (KW("pass")) {
        advance(p);
        return node(S_PASS, &st);
    }
    if (KW("break")) {
        advance(p);
        return node(S_BREAK, &st);
    }
    if (KW("continue")) {
        advance(p);
        return node(S_CONTINUE, &st);
    }
    if (KW("return")) {
        advance(p);
        n = node(S_RETURN, &st);
        if (starts_expr(p))
            n->a = star_expr_list(p, 1);
        return n;
    }
    if (KW("raise")) {
        advance(p);
        n = node(S_RAISE, &st);
        if (starts_expr(p)) {
            n->a = test(p);
            if (KW("from")) {
                advance(p);
                n->b = test(p);
            }
        }
        return n;
    }
    if (KW("global") || KW("nonlocal")) {
        n = node(KW("global") ? S_GLOBAL : S_NONLOCAL, &st);
        advance(p);
        for (;;) {
            py_node *nm = node(E_NAME, &p->tok);
            nm->val = expect_name(p);
            py_nl_add(&n->l1, nm);
            if (!OP(","))
                break;
            advance(p);
        }
        return n;
    }
    if (KW("del")) {
        advance(p);
        n = node(S_DELETE, &st);
        py_node *t = star_expr_list(p, 0);
        if (t->kind == E_TUPLE && !t->paren)
            n->l1 = t->l1;
        else
            py_nl_add(&n->l1, t);
        for (int i = 0; i < n->l1.n; i++)
            if (n->l1.v[i]->kind != E_NAME && n->l1.v[i]->kind != E_ATTR &&
                n->l1.v[i]->kind != E_SUBSCR && n->l1.v[i]->kind != E_TUPLE && n->l1.v[i]->kind != E_LIST)
                py_syntax_error(p->lx, n->l1.v[i]->line, n->l1.v[i]->col, "cannot delete %s",
                                n->l1.v[i]->kind == E_CALL ? "function call" : "literal");
        return n;
    }
    if (KW("assert")) {
        advance(p);
        n = node(S_ASSERT, &st);
        n->a = test(p);
        if (OP(",")) {
            advance(p);
            n->b = test(p);
        }
        return n;
    }
    if (KW("import")) {
        advance(p);
        n = node(S_IMPORT, &st);
        for (;;) {
            py_node *al = dotted_name(p);
            if (KW("as")) {
                advance(p);
                al->val2 = expect_name(p);
            }
            py_nl_add(&n->l1, al);
            if (!OP(","))
                break;
            advance(p);
        }
        return n;
    }
    if (KW("from")) {
        advance(p);
        n = node(S_IMPORTFROM, &st);
        while (OP(".") || OP("...")) {
            n->op += OP(".") ? 1 : 3;
            advance(p);
        }
        if (!KW("import"))
            n->val = dotted_name(p)->val;
        if (!KW("import"))
            syntax(p);
        advance(p);
        if (OP("*")) {
            advance(p);
            py_node *al = node(N_ALIAS, &st);
            al->val = py_intern("*");
            py_nl_add(&n->l1, al);
            return n;
        }
        int paren = OP("(");
        if (paren)
            advance(p);
        for (;;) {
            py_node *al = node(N_ALIAS, &p->tok);
            al->val = expect_name(p);
            if (KW("as")) {
                advance(p);
                al->val2 = expect_name(p);
            }
            py_nl_add(&n->l1, al);
            if (!OP(","))
                break;
            advance(p);
            if (paren && OP(")"))
                break;
        }
        if (paren)
            expect_op(p, ")");
        return n;
    }
    /* expression statement or assignment */
    py_node *e = star_expr_list(p, 1);
    if (OP(":") && !(e->kind == E_TUPLE && !e->paren)) {
        /* annotated assignment */
        check_target(p, e, 1);
        advance(p);
        n = node(S_ANNASSIGN, &st);
        n->a = e;
        n->b = test(p);
        if (OP("=")) {
            advance(p);
            n->c = star_expr_list(p, 1);
        }
        return n;
    }
    int aop = augop(p);
    if (aop >= 0) {
        check_target(p, e, 1);
        advance(p);
        n = node(S_AUGASSIGN, &st);
        n->a = e;
        n->op = aop;
        n->b = star_expr_list(p, 1);
        return n;
    }
    if (OP("=")) {
        n = node(S_ASSIGN, &st);
        while (OP("=")) {
            check_target(p, e, 0);
            py_nl_add(&n->l1, e);
            advance(p);
            e = star_expr_list(p, 1);
        }
        n->a = e;
        return n;
    }
    n = node(S_EXPR, &st);
    n->a = e;
    return n;
}

static void suite(P *p, py_nlist *out)
{
    expect_op(p, ":");
    if (p->tok.type != TK_NEWLINE) {
        simple_stmts(p, out);
        return;
    }
    advance(p);
    if (p->tok.type != TK_INDENT)
        py_syntax_error_t(p->lx, py_exc_IndentationError, p->tok.line, p->tok.col,
                          "expected an indented block");
    advance(p);
    enter(p);
    while (p->tok.type != TK_DEDENT && p->tok.type != TK_EOF)
        block(p, out);
    leave(p);
    if (p->tok.type == TK_DEDENT)
        advance(p);
}

static py_node *if_stmt(P *p)
{
    py_node *n = node(S_IF, &p->tok);
    advance(p);
    n->a = namedexpr_test(p);
    suite(p, &n->l1);
    if (KW("elif")) {
        py_nl_add(&n->l2, if_stmt(p));
    } else if (KW("else")) {
        advance(p);
        suite(p, &n->l2);
    }
    return n;
}

static py_node *funcdef(P *p, py_nlist *decos)
{
    py_node *n = node(S_FUNCDEF, &p->tok);
    advance(p);
    n->val = expect_name(p);
    expect_op(p, "(");
    n->a = parse_args(p, 0);
    expect_op(p, ")");
    if (OP("->")) {
        advance(p);
        test(p);
    }
    suite(p, &n->l1);
    if (decos)
        n->l2 = *decos;
    return n;
}

static py_node *classdef(P *p, py_nlist *decos)
{
    py_node *n = node(S_CLASSDEF, &p->tok);
    advance(p);
    n->val = expect_name(p);
    if (OP("(")) {
        advance(p);
        py_node c = {0};
        call_args(p, &c);
        n->l3 = c.l1;
        n->l4 = c.l2;
    }
    suite(p, &n->l1);
    if (decos)
        n->l2 = *decos;
    return n;
}

/* ---------------- match statement ---------------- */

static py_node *pattern(P *p);

static py_node *pattern_value_or_class(P *p)
{
    py_token st = p->tok;
    py_node *e = node(E_NAME, &st);
    e->val = expect_name(p);
    int dotted = 0;
    while (OP(".")) {
        advance(p);
        py_node *a = node(E_ATTR, &st);
        a->a = e;
        a->val = expect_name(p);
        e = a;
        dotted = 1;
    }
    if (OP("(")) {
        advance(p);
        py_node *c = node(P_CLASS, &st);
        c->a = e;
        while (!OP(")")) {
            if (p->tok.type == TK_NAME && is_op(peek(p), "=")) {
                py_node *k = node(N_ARG, &p->tok);
                k->val = expect_name(p);
                advance(p);
                k->a = pattern(p);
                py_nl_add(&c->l2, k);
            } else {
                if (c->l2.n)
                    error_at(p, &p->tok, "positional patterns follow keyword patterns");
                py_nl_add(&c->l1, pattern(p));
            }
            if (!OP(","))
                break;
            advance(p);
        }
        expect_op(p, ")");
        return c;
    }
    if (dotted) {
        py_node *v = node(P_VALUE, &st);
        v->a = e;
        return v;
    }
    if (!strcmp(py_cstr(e->val), "_"))
        return node(P_WILD, &st);
    py_node *cap = node(P_CAPTURE, &st);
    cap->val = e->val;
    return cap;
}

static py_node *pattern_seq_items(P *p, const char *close, py_token *st)
{
    py_node *sq = node(P_SEQ, st);
    while (!OP(close)) {
        if (OP("*")) {
            py_node *star = node(P_STAR, &p->tok);
            advance(p);
            pv nm = expect_name(p);
            star->val = strcmp(py_cstr(nm), "_") ? nm : NULL;
            py_nl_add(&sq->l1, star);
        } else
            py_nl_add(&sq->l1, pattern(p));
        if (!OP(","))
            break;
        advance(p);
        sq->op = 1; /* a trailing comma: a sequence even with one item */
    }
    expect_op(p, close);
    return sq;
}

static py_node *closed_pattern(P *p)
{
    py_token st = p->tok;
    if (p->tok.type == TK_NUMBER || p->tok.type == TK_STRING || OP("-") || KW("None") || KW("True") ||
        KW("False")) {
        py_node *v = node(P_VALUE, &st);
        v->a = py_parse_factor(p);
        if (OP("+") || OP("-")) /* complex literals are not supported */
            error_at(p, &p->tok, "complex literal patterns are not supported");
        return v;
    }
    if (p->tok.type == TK_NAME && !is_keyword(&p->tok))
        return pattern_value_or_class(p);
    if (OP("(")) {
        advance(p);
        if (OP(")")) {
            advance(p);
            return node(P_SEQ, &st);
        }
        py_node *first = pattern(p);
        if (OP(")")) {
            advance(p);
            return first;
        }
        expect_op(p, ",");
        py_node *sq = pattern_seq_items(p, ")", &st);
        py_nlist all = {0};
        py_nl_add(&all, first);
        for (int i = 0; i < sq->l1.n; i++)
            py_nl_add(&all, sq->l1.v[i]);
        sq->l1 = all;
        return sq;
    }
    if (OP("[")) {
        advance(p);
        return pattern_seq_items(p, "]", &st);
    }
    if (OP("{")) {
        advance(p);
        py_node *m = node(P_MAP, &st);
        while (!OP("}")) {
            if (OP("**")) {
                advance(p);
                m->val = expect_name(p);
            } else {
                py_node *k = p->tok.type == TK_NAME ? pattern_value_or_class(p)->a : closed_pattern(p)->a;
                if (!k)
                    error_at(p, &st, "mapping pattern keys must be literals or dotted names");
                expect_op(p, ":");
                py_nl_add(&m->l1, k);
                py_nl_add(&m->l2, pattern(p));
            }
            if (!OP(","))
                break;
            advance(p);
        }
        expect_op(p, "}");
        return m;
    }
    syntax(p);
}

static py_node *pattern(P *p)
{
    enter(p);
    py_token st = p->tok;
    py_node *first = closed_pattern(p);
    if (OP("|")) {
        py_node *o = node(P_OR, &st);
        py_nl_add(&o->l1, first);
        while (OP("|")) {
            advance(p);
            py_nl_add(&o->l1, closed_pattern(p));
        }
        first = o;
    }
    if (KW("as")) {
        advance(p);
        py_node *a = node(P_AS, &st);
        a->a = first;
        a->val = expect_name(p);
        first = a;
    }
    leave(p);
    return first;
}

/* `match` is a soft keyword: try to read a match statement, else back off. */
static int try_match_stmt(P *p, py_nlist *out)
{
    py_token *nx = peek(p);
    if (nx->type == TK_NEWLINE || nx->type == TK_EOF ||
        (nx->type == TK_OP && (is_op(nx, "=") || is_op(nx, ".") || is_op(nx, ",") || is_op(nx, ")") ||
                               is_op(nx, ":") || is_op(nx, "+=") || is_op(nx, "-=") || is_op(nx, "*=") ||
                               is_op(nx, "|") || is_op(nx, "==") || is_op(nx, "!="))))
        return 0;
    py_lexer saved_lx = *p->lx;
    P saved_p = *p;
    jmp_buf jb, *outer = p->lx->err;
    p->lx->err = &jb;
    if (setjmp(jb)) {
        *p->lx = saved_lx;
        *p = saved_p;
        p->lx->err = outer;
        return 0;
    }
    py_token st = p->tok;
    advance(p);
    py_node *subj = star_expr_list(p, 0);
    if (!OP(":"))
        longjmp(jb, 1);
    advance(p);
    if (p->tok.type != TK_NEWLINE)
        longjmp(jb, 1);
    advance(p);
    if (p->tok.type != TK_INDENT)
        longjmp(jb, 1);
    advance(p);
    if (!KW("case"))
        longjmp(jb, 1);
    p->lx->err = outer; /* committed: real syntax errors from here on */
    py_node *m = node(S_MATCH, &st);
    m->a = subj;
    while (KW("case")) {
        py_node *c = node(N_CASE, &p->tok);
        advance(p);
        py_token pst = p->tok;
        py_node *pat;
        if (OP("*")) {
            pat = node(P_STAR, &p->tok);
            advance(p);
            pv nm = expect_name(p);
            pat->val = strcmp(py_cstr(nm), "_") ? nm : NULL;
        } else
            pat = pattern(p);
        if (OP(",") || (pat->kind == P_STAR)) { /* open sequence pattern: case a, *b: */
            py_node *sq = node(P_SEQ, &pst);
            py_nl_add(&sq->l1, pat);
            while (OP(",")) {
                advance(p);
                if (OP(":") || KW("if"))
                    break;
                if (OP("*")) {
                    py_node *star = node(P_STAR, &p->tok);
                    advance(p);
                    pv nm = expect_name(p);
                    star->val = strcmp(py_cstr(nm), "_") ? nm : NULL;
                    py_nl_add(&sq->l1, star);
                } else
                    py_nl_add(&sq->l1, pattern(p));
            }
            pat = sq;
        }
        c->a = pat;
        if (KW("if")) {
            advance(p);
            c->b = namedexpr_test(p);
        }
        suite(p, &c->l1);
        py_nl_add(&m->l1, c);
    }
    if (p->tok.type == TK_DEDENT)
        advance(p);
    py_nl_add(out, m);
    return 1;
}

static void compound(P *p, py_nlist *out)
{
    py_token st = p->tok;
    py_node *n;
    if (KW("if")) {
        py_nl_add(out, if_stmt(p));
        return;
    }
    if (KW("while")) {
        n = node(S_WHILE, &st);
        advance(p);
        n->a = namedexpr_test(p);
        suite(p, &n->l1);
        if (KW("else")) {
            advance(p);
            suite(p, &n->l2);
        }
        py_nl_add(out, n);
        return;
    }
    if (KW("for")) {
        n = node(S_FOR, &st);
        advance(p);
        py_node *t = target_list(p);
        check_target(p, t, 0);
        n->a = t;
        if (!KW("in"))
            syntax(p);
        advance(p);
        n->b = star_expr_list(p, 0);
        suite(p, &n->l1);
        if (KW("else")) {
            advance(p);
            suite(p, &n->l2);
        }
        py_nl_add(out, n);
        return;
    }
    if (KW("try")) {
        n = node(S_TRY, &st);
        advance(p);
        suite(p, &n->l1);
        while (KW("except")) {
            py_node *h = node(N_HANDLER, &p->tok);
            advance(p);
            if (OP("*"))
                error_at(p, &p->tok, "except* is not supported");
            if (!OP(":")) {
                h->a = test(p);
                if (OP(",")) {
                    py_node *tup = node(E_TUPLE, &p->tok);
                    py_nl_add(&tup->l1, h->a);
                    while (OP(",")) {
                        advance(p);
                        py_nl_add(&tup->l1, test(p));
                    }
                    h->a = tup;
                }
                if (KW("as")) {
                    advance(p);
                    h->val = expect_name(p);
                }
            } else if (n->l2.n && 0)
                syntax(p);
            suite(p, &h->l1);
            py_nl_add(&n->l2, h);
        }
        for (int i = 0; i + 1 < n->l2.n; i++)
            if (!n->l2.v[i]->a)
                py_syntax_error(p->lx, n->l2.v[i]->line, n->l2.v[i]->col, "default 'except:' must be last");
        if (KW("else")) {
            if (!n->l2.n)
                syntax(p);
            advance(p);
            suite(p, &n->l3);
        }
        if (KW("finally")) {
            advance(p);
            suite(p, &n->l4);
            n->op = 1;
        }
        if (!n->l2.n && !n->op)
            error_at(p, &p->tok, "expected 'except' or 'finally' block");
        py_nl_add(out, n);
        return;
    }
    if (KW("with")) {
        n = node(S_WITH, &st);
        advance(p);
        int paren = 0;
        if (OP("(")) {
            /* parenthesized with-items, or a parenthesized expression */
            paren = 1;
        }
        (void)paren;
        for (;;) {
            py_node *w = node(N_WITHITEM, &p->tok);
            w->a = test(p);
            if (KW("as")) {
                advance(p);
                w->b = or_expr(p);
                if (OP(",") && 0)
                    advance(p);
                check_target(p, w->b, 0);
            }
            py_nl_add(&n->l1, w);
            if (!OP(","))
                break;
            advance(p);
        }
        /* with (a as b, c as d): the parser above saw one parenthesized tuple */
        suite(p, &n->l2);
        py_nl_add(out, n);
        return;
    }
    if (KW("def")) {
        py_nl_add(out, funcdef(p, NULL));
        return;
    }
    if (KW("class")) {
        py_nl_add(out, classdef(p, NULL));
        return;
    }
    if (OP("@")) {
        py_nlist decos = {0};
        while (OP("@")) {
            advance(p);
            py_nl_add(&decos, namedexpr_test(p));
            if (p->tok.type != TK_NEWLINE)
                syntax(p);
            advance(p);
        }
        if (KW("def"))
            py_nl_add(out, funcdef(p, &decos));
        else if (KW("class"))
            py_nl_add(out, classdef(p, &decos));
        else if (KW("async"))
            error_at(p, &p->tok, "async functions are not supported");
        else
            syntax(p);
        return;
    }
    if (KW("async"))
        error_at(p, &p->tok, "async functions are not supported");
    if (KW("match") && try_match_stmt(p, out))
        return;
    simple_stmts(p, out);
}

static void block(P *p, py_nlist *out)
{
    if (p->tok.type == TK_NEWLINE) {
        advance(p);
        return;
    }
    if (p->tok.type == TK_INDENT)
        py_syntax_error_t(p->lx, py_exc_IndentationError, p->tok.line, p->tok.col, "unexpected indent");
    compound(p, out);
}

py_node *py_parse(py_lexer *lx, int mode)
{
    P p = {.lx = lx, .mode = mode};
    advance(&p);
    if (mode == PY_MODE_EVAL) {
        while (p.tok.type == TK_NEWLINE)
            advance(&p);
        py_node *e = star_expr_list(&p, 0);
        while (p.tok.type == TK_NEWLINE)
            advance(&p);
        if (p.tok.type != TK_EOF)
            syntax(&p);
        return e;
    }
    py_node *m = node(S_PASS, &p.tok);
    while (p.tok.type != TK_EOF) {
        if (p.tok.type == TK_DEDENT) {
            advance(&p);
            continue;
        }
        block(&p, &m->l1);
    }
    return m;
}
