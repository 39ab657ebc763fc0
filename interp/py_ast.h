/* py_ast.h: tokens, the lexer and the syntax tree shared by py_lex.c,
 * py_parse.c and py_compile.c.
 * Concurrency contract: a lexer, parser and its tree belong to the one
 * thread compiling; nothing here is shared. Nodes live in GC memory. */
#ifndef PY_AST_H
#define PY_AST_H

#include "py.h"

#include <setjmp.h>

enum py_tok {
    TK_EOF, TK_NAME, TK_NUMBER, TK_STRING, TK_NEWLINE, TK_INDENT, TK_DEDENT, TK_OP,
};

typedef struct {
    int type;
    int line, col, end_col;
    const char *start; /* into the source */
    size_t len;
    pv val;            /* NAME: interned str; NUMBER: value; STRING: decoded str */
    int fstring;       /* STRING: an f-string (val holds the raw body) */
    int raw;
} py_token;

typedef struct py_lexer {
    const char *src, *p, *end;
    const char *filename;
    int line;
    const char *line_start;
    int indents[128];
    int nindent;
    int pending;       /* DEDENTs still to emit (negative) or INDENT (1) */
    int paren;         /* bracket nesting */
    int at_bol;
    int depth;         /* parser recursion depth */
    jmp_buf *err;      /* longjmp target on a syntax error */
    pv exc;            /* the SyntaxError raised */
    int line_offset;   /* f-string expressions: line of the enclosing string */
    int col_offset;
    int future_annotations; /* from __future__ import annotations */
    struct { int line, col; char c; } open[200]; /* unclosed brackets */
} py_lexer;

void py_lex_init(py_lexer *lx, const char *src, size_t n, const char *filename);
void py_lex_next(py_lexer *lx, py_token *t);
_Noreturn void py_syntax_error(py_lexer *lx, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void py_syntax_error_t(py_lexer *lx, py_type *t, int line, int col, const char *msg);
pv py_decode_string_body(py_lexer *lx, const char *s, size_t n, int raw, int line, int col);

/* ---- syntax tree ---- */
enum py_nk {
    /* expressions */
    E_CONST, E_NAME, E_BINOP, E_UNARY, E_BOOLOP, E_COMPARE, E_CALL, E_ATTR, E_SUBSCR,
    E_SLICE, E_TUPLE, E_LIST, E_SET, E_DICT, E_LAMBDA, E_IFEXP, E_LISTCOMP, E_SETCOMP,
    E_GENEXP, E_DICTCOMP, E_STARRED, E_YIELD, E_YIELDFROM, E_FSTRING, E_FORMATTED,
    E_NAMEDEXPR, E_KEYWORD,
    /* helpers */
    N_COMP, N_ARGS, N_ARG, N_HANDLER, N_WITHITEM, N_ALIAS,
    /* statements */
    S_EXPR, S_ASSIGN, S_AUGASSIGN, S_ANNASSIGN, S_IF, S_WHILE, S_FOR, S_FUNCDEF, S_CLASSDEF,
    S_RETURN, S_DELETE, S_PASS, S_BREAK, S_CONTINUE, S_RAISE, S_TRY, S_WITH, S_GLOBAL,
    S_NONLOCAL, S_ASSERT, S_IMPORT, S_IMPORTFROM, S_MATCH,
    /* match statement */
    N_CASE, P_WILD, P_CAPTURE, P_VALUE, P_SEQ, P_STAR, P_MAP, P_CLASS, P_OR, P_AS,
};

/* unary ops (E_UNARY op) */
enum { U_NEG, U_POS, U_NOT, U_INVERT };
/* compare ops: PY_LT..PY_GE, then these */
enum { C_IN = 6, C_NOTIN, C_IS, C_ISNOT };

typedef struct py_node py_node;
typedef struct { py_node **v; int n, cap; } py_nlist;
struct py_node {
    int kind, line, col;
    int op;
    int paren;       /* written in parentheses */
    pv val, val2;
    py_node *a, *b, *c, *d;
    py_nlist l1, l2, l3, l4;
    int *ops;
    void *scope;     /* symbol table scope of a def/lambda/class/comprehension */
};

void py_nl_add(py_nlist *l, py_node *n);
py_node *py_parse(py_lexer *lx, int mode); /* a module (list in l1) or an expression */

#endif
