/* py_lex.c: the tokenizer (indentation, all literal forms, f-string bodies).
 * One lexer per compilation: no shared state. */
#include "py_ast.h"

#include <ctype.h>
#include <stdlib.h>

/* Bracket nesting limit: 200, as CPython's tokenizer MAXLEVEL. */
#define MAX_PAREN 200

static pv make_syntax_error(py_lexer *lx, py_type *t, int line, int col, const char *msg)
{
    pv m = py_str_c(msg);
    pv e = py_exc_new(t, &m, 1);
    pv d = py_instance_dict(e);
    py_dict_sets(d, "filename", py_str_c(lx->filename));
    py_dict_sets(d, "lineno", PY_MKSMALL(line));
    py_dict_sets(d, "offset", PY_MKSMALL(col + 1));
    py_dict_sets(d, "msg", m);
    /* the source line */
    const char *s = lx->src;
    int ln = 1;
    while (s < lx->end && ln < line) {
        if (*s == '\n')
            ln++;
        s++;
    }
    if (ln == line && lx->line_offset == 0) {
        const char *e2 = s;
        while (e2 < lx->end && *e2 != '\n')
            e2++;
        py_dict_sets(d, "text", py_str_new(s, (size_t)(e2 - s)));
    } else
        py_dict_sets(d, "text", py_None);
    return e;
}

_Noreturn void py_syntax_error_t(py_lexer *lx, py_type *t, int line, int col, const char *msg)
{
    if (lx->line_offset) {
        line = lx->line_offset;
        col = lx->col_offset;
    }
    lx->exc = make_syntax_error(lx, t, line, col, msg);
    longjmp(*lx->err, 1);
}

_Noreturn void py_syntax_error(py_lexer *lx, int line, int col, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* as CPython: a generic error past an unclosed bracket blames the bracket */
    if (lx->paren > 0 && lx->paren <= MAX_PAREN && lx->line_offset == 0 &&
        (!strcmp(buf, "invalid syntax") || !strncmp(buf, "unexpected EOF", 14)) &&
        lx->open[lx->paren - 1].line < line) {
        char o = lx->open[lx->paren - 1].c;
        snprintf(buf, sizeof buf, "'%c' was never closed", o);
        line = lx->open[lx->paren - 1].line;
        col = lx->open[lx->paren - 1].col;
    }
    py_syntax_error_t(lx, py_exc_SyntaxError, line, col, buf);
}

void py_lex_init(py_lexer *lx, const char *src, size_t n, const char *filename)
{
    memset(lx, 0, sizeof *lx);
    lx->src = lx->p = src;
    lx->end = src + n;
    lx->filename = filename;
    lx->line = 1;
    lx->line_start = src;
    lx->at_bol = 1;
    /* skip a UTF-8 BOM */
    if (n >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
        (unsigned char)src[2] == 0xBF)
        lx->p += 3;
}

static int col_of(py_lexer *lx, const char *p) { return (int)(p - lx->line_start); }

/* Measure indentation at the start of a line; returns -1 for blank lines. */
static int measure_indent(py_lexer *lx)
{
    int col = 0;
    const char *p = lx->p;
    for (; p < lx->end; p++) {
        if (*p == ' ')
            col++;
        else if (*p == '\t')
            col = (col / 8 + 1) * 8;
        else if (*p == '\f')
            col = 0;
        else
            break;
    }
    lx->p = p;
    if (p >= lx->end)
        return -2;
    if (*p == '#' || *p == '\n' || (*p == '\r') || (*p == '\\' && p + 1 < lx->end && p[1] == '\n'))
        return -1;
    return col;
}

static void newline(py_lexer *lx, const char *after)
{
    lx->line++;
    lx->line_start = after;
}

static uint32_t hexval(py_lexer *lx, const char *s, int n, int line, int col)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)s[i]))
            py_syntax_error(lx, line, col, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape");
        v = v * 16 + (uint32_t)(isdigit((unsigned char)s[i]) ? s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10));
    }
    return v;
}

pv py_decode_string_body(py_lexer *lx, const char *s, size_t n, int raw, int line, int col)
{
    if (raw || !memchr(s, '\\', n))
        return py_str_new(s, n);
    py_sb b = {0};
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\' || i + 1 >= n) {
            py_sb_addc(&b, c);
            continue;
        }
        char e = s[++i];
        char buf[4];
        switch (e) {
        case '\n': break;
        case '\r': if (i + 1 < n && s[i + 1] == '\n') i++; break;
        case '\\': py_sb_addc(&b, '\\'); break;
        case '\'': py_sb_addc(&b, '\''); break;
        case '"': py_sb_addc(&b, '"'); break;
        case 'a': py_sb_addc(&b, '\a'); break;
        case 'b': py_sb_addc(&b, '\b'); break;
        case 'f': py_sb_addc(&b, '\f'); break;
        case 'n': py_sb_addc(&b, '\n'); break;
        case 'r': py_sb_addc(&b, '\r'); break;
        case 't': py_sb_addc(&b, '\t'); break;
        case 'v': py_sb_addc(&b, '\v'); break;
        case 'x':
            if (i + 2 >= n + 0 && i + 2 > n - 0)
                py_syntax_error(lx, line, col, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape");
            py_sb_add(&b, buf, py_utf8_encode(hexval(lx, s + i + 1, 2, line, col), buf));
            i += 2;
            break;
        case 'u':
            if (i + 4 >= n + 1)
                py_syntax_error(lx, line, col, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\uXXXX escape");
            py_sb_add(&b, buf, py_utf8_encode(hexval(lx, s + i + 1, 4, line, col), buf));
            i += 4;
            break;
        case 'U': {
            if (i + 8 >= n + 1)
                py_syntax_error(lx, line, col, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\UXXXXXXXX escape");
            uint32_t v = hexval(lx, s + i + 1, 8, line, col);
            if (v > 0x10FFFF)
                py_syntax_error(lx, line, col, "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character");
            py_sb_add(&b, buf, py_utf8_encode(v, buf));
            i += 8;
            break;
        }
        case 'N': {
            /* \N{...}: only a few common names */
            size_t j = i + 1;
            if (j < n && s[j] == '{') {
                while (j < n && s[j] != '}')
                    j++;
                py_sb_adds(&b, "?");
                i = j;
                break;
            }
            py_syntax_error(lx, line, col, "(unicode error) malformed \\N character escape");
        }
        default:
            if (e >= '0' && e <= '7') {
                uint32_t v = (uint32_t)(e - '0');
                for (int k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
                    v = v * 8 + (uint32_t)(s[++i] - '0');
                py_sb_add(&b, buf, py_utf8_encode(v, buf));
            } else {
                py_sb_addc(&b, '\\');
                py_sb_addc(&b, e);
            }
        }
    }
    return py_sb_finish(&b);
}

extern pv py_bytes_new(const char *s, size_t n);

/* The body of a b'...' literal: escapes give raw byte values; only ASCII
 * characters may appear literally. */
static pv decode_bytes_body(py_lexer *lx, const char *s, size_t n, int raw, int line, int col)
{
    py_sb b = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            py_syntax_error(lx, line, col, "bytes can only contain ASCII literal characters");
        if (c != '\\' || raw || i + 1 >= n) {
            py_sb_addc(&b, (char)c);
            continue;
        }
        char e = s[++i];
        switch (e) {
        case '\n': break;
        case 'n': py_sb_addc(&b, '\n'); break;
        case 't': py_sb_addc(&b, '\t'); break;
        case 'r': py_sb_addc(&b, '\r'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(e - '0');
            for (int k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
                v = v * 8 + (unsigned)(s[++i] - '0');
            py_sb_addc(&b, (char)(v & 0xff));
            break;
        }
        case 'x':
            if (i + 2 >= n + 0 && i + 2 > n - 1)
                py_syntax_error(lx, line, col, "(value error) invalid \\x escape");
            py_sb_addc(&b, (char)hexval(lx, s + i + 1, 2, line, col));
            i += 2;
            break;
        case 'a': py_sb_addc(&b, '\a'); break;
        case 'b': py_sb_addc(&b, '\b'); break;
        case 'f': py_sb_addc(&b, '\f'); break;
        case 'v': py_sb_addc(&b, '\v'); break;
        case '\\': case '\'': case '"': py_sb_addc(&b, e); break;
        default:
            py_sb_addc(&b, '\\');
            py_sb_addc(&b, e);
        }
    }
    return py_bytes_new(b.buf ? b.buf : "", b.len);
}

static void lex_string(py_lexer *lx, py_token *t, const char *p, int raw, int fstr, int bytes)
{
    char q = *p;
    int triple = p + 2 < lx->end && p[1] == q && p[2] == q;
    int sline = lx->line, scol = col_of(lx, t->start);
    p += triple ? 3 : 1;
    const char *body = p;
    for (;;) {
        if (p >= lx->end) {
            if (triple)
                py_syntax_error(lx, sline, scol, "unterminated triple-quoted string literal (detected at line %d)", lx->line);
            py_syntax_error(lx, sline, scol, "unterminated string literal (detected at line %d)", sline);
        }
        char c = *p;
        if (c == '\\' && p + 1 < lx->end) {
            if (p[1] == '\n')
                newline(lx, p + 2);
            p += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple)
                py_syntax_error(lx, sline, scol, "unterminated string literal (detected at line %d)", sline);
            newline(lx, p + 1);
        }
        if (c == q) {
            if (!triple)
                break;
            if (p + 2 < lx->end && p[1] == q && p[2] == q)
                break;
        }
        p++;
    }
    size_t n = (size_t)(p - body);
    lx->p = p + (triple ? 3 : 1);
    t->type = TK_STRING;
    t->fstring = fstr;
    t->raw = raw;
    if (bytes)
        t->val = decode_bytes_body(lx, body, n, raw, sline, scol);
    else if (fstr)
        t->val = py_str_new(body, n);
    else
        t->val = py_decode_string_body(lx, body, n, raw, sline, scol);
}

static void lex_number(py_lexer *lx, py_token *t, const char *p)
{
    const char *s = p;
    int isfloat = 0;
    if (*p == '0' && p + 1 < lx->end && strchr("xXoObB", p[1])) {
        p += 2;
        while (p < lx->end && (isxdigit((unsigned char)*p) || *p == '_'))
            p++;
    } else {
        while (p < lx->end && (isdigit((unsigned char)*p) || *p == '_'))
            p++;
        if (p < lx->end && *p == '.') {
            isfloat = 1;
            p++;
            while (p < lx->end && (isdigit((unsigned char)*p) || *p == '_'))
                p++;
        }
        if (p < lx->end && (*p == 'e' || *p == 'E')) {
            const char *q = p + 1;
            if (q < lx->end && (*q == '+' || *q == '-'))
                q++;
            if (q < lx->end && isdigit((unsigned char)*q)) {
                isfloat = 1;
                p = q;
                while (p < lx->end && (isdigit((unsigned char)*p) || *p == '_'))
                    p++;
            }
        }
    }
    if (p < lx->end && (*p == 'j' || *p == 'J')) {
        /* an imaginary literal */
        extern pv py_complex_new(double re, double im);
        size_t n = (size_t)(p - s);
        char *buf = GC_MALLOC_ATOMIC(n + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != '_')
                buf[k++] = s[i];
        buf[k] = 0;
        lx->p = p + 1;
        t->type = TK_NUMBER;
        t->val = py_complex_new(0.0, strtod(buf, NULL));
        return;
    }
    if (p < lx->end && (isalpha((unsigned char)*p) || *p == '_'))
        py_syntax_error(lx, lx->line, col_of(lx, s), "invalid decimal literal");
    size_t n = (size_t)(p - s);
    lx->p = p;
    t->type = TK_NUMBER;
    if (isfloat) {
        char *buf = GC_MALLOC_ATOMIC(n + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != '_')
                buf[k++] = s[i];
        buf[k] = 0;
        t->val = py_float_new(strtod(buf, NULL));
    } else {
        t->val = py_int_from_str(s, n, 0);
        if (!t->val) {
            py_exc_clear();
            if (n > 1 && s[0] == '0' && isdigit((unsigned char)s[1]))
                py_syntax_error(lx, lx->line, col_of(lx, s),
                                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
            py_syntax_error(lx, lx->line, col_of(lx, s), "invalid syntax");
        }
    }
}

static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", "!=", NULL};
static const char *const ops2[] = {"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=",
                                   "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", NULL};

void py_lex_next(py_lexer *lx, py_token *t)
{
    memset(t, 0, sizeof *t);
    if (lx->pending > 0) {
        lx->pending = 0;
        t->type = TK_INDENT;
        t->line = lx->line;
        return;
    }
    if (lx->pending < 0) {
        lx->pending++;
        t->type = TK_DEDENT;
        t->line = lx->line;
        return;
    }
again:
    if (lx->at_bol && lx->paren == 0) {
        int ind = measure_indent(lx);
        if (ind == -1) {
            /* blank or comment line */
            while (lx->p < lx->end && *lx->p != '\n')
                lx->p++;
            if (lx->p < lx->end) {
                lx->p++;
                newline(lx, lx->p);
            }
            goto again;
        }
        lx->at_bol = 0;
        if (ind == -2)
            ind = 0;
        int cur = lx->nindent ? lx->indents[lx->nindent - 1] : 0;
        if (ind > cur) {
            if (lx->nindent >= 100)
                py_syntax_error_t(lx, py_exc_IndentationError, lx->line, 0, "too many levels of indentation");
            lx->indents[lx->nindent++] = ind;
            t->type = TK_INDENT;
            t->line = lx->line;
            return;
        }
        if (ind < cur) {
            int k = 0;
            while (lx->nindent && lx->indents[lx->nindent - 1] > ind) {
                lx->nindent--;
                k++;
            }
            cur = lx->nindent ? lx->indents[lx->nindent - 1] : 0;
            if (cur != ind)
                py_syntax_error_t(lx, py_exc_IndentationError, lx->line, ind,
                                  "unindent does not match any outer indentation level");
            lx->pending = -(k - 1);
            t->type = TK_DEDENT;
            t->line = lx->line;
            return;
        }
    }
    const char *p = lx->p;
    while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r'))
        p++;
    if (p < lx->end && *p == '#')
        while (p < lx->end && *p != '\n')
            p++;
    if (p < lx->end && *p == '\\') {
        const char *q = p + 1;
        if (q < lx->end && *q == '\r')
            q++;
        if (q < lx->end && *q == '\n') {
            lx->p = q + 1;
            newline(lx, lx->p);
            goto again_noindent;
        }
        lx->p = p;
        py_syntax_error(lx, lx->line, col_of(lx, p), "unexpected character after line continuation character");
    }
    t->start = p;
    t->line = lx->line;
    t->col = col_of(lx, p);
    if (p >= lx->end) {
        lx->p = p;
        if (lx->paren)
            py_syntax_error(lx, lx->line, t->col, "unexpected EOF while parsing");
        if (!lx->at_bol && lx->line_start != p) {
            lx->at_bol = 1;
            t->type = TK_NEWLINE;
            lx->line_start = p; /* so the next call sees an empty line */
            return;
        }
        if (lx->nindent) {
            lx->nindent--;
            t->type = TK_DEDENT;
            return;
        }
        t->type = TK_EOF;
        return;
    }
    char c = *p;
    if (c == '\n') {
        lx->p = p + 1;
        newline(lx, lx->p);
        if (lx->paren)
            goto again_noindent;
        lx->at_bol = 1;
        t->type = TK_NEWLINE;
        return;
    }
    if (isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80) {
        const char *s = p;
        while (p < lx->end && (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80))
            p++;
        size_t n = (size_t)(p - s);
        if (p < lx->end && (*p == '\'' || *p == '"') && n <= 2) {
            int raw = 0, f = 0, b = 0, ok = 1;
            for (size_t i = 0; i < n; i++) {
                char k = (char)tolower((unsigned char)s[i]);
                if (k == 'r')
                    raw = 1;
                else if (k == 'f')
                    f = 1;
                else if (k == 'b')
                    b = 1;
                else if (k != 'u')
                    ok = 0;
            }
            if (ok) {
                lex_string(lx, t, p, raw, f, b);
                t->len = (size_t)(lx->p - t->start);
                return;
            }
        }
        lx->p = p;
        t->type = TK_NAME;
        t->len = n;
        t->val = py_intern_str(py_str_new(s, n));
        return;
    }
    if (isdigit((unsigned char)c) || (c == '.' && p + 1 < lx->end && isdigit((unsigned char)p[1]))) {
        lex_number(lx, t, p);
        t->len = (size_t)(lx->p - t->start);
        return;
    }
    if (c == '\'' || c == '"') {
        lex_string(lx, t, p, 0, 0, 0);
        t->len = (size_t)(lx->p - t->start);
        return;
    }
    t->type = TK_OP;
    for (int i = 0; ops3[i]; i++)
        if (strlen(ops3[i]) == 3 && p + 3 <= lx->end && !memcmp(p, ops3[i], 3)) {
            t->len = 3;
            lx->p = p + 3;
            return;
        }
    for (int i = 0; ops2[i]; i++)
        if (p + 2 <= lx->end && !memcmp(p, ops2[i], 2)) {
            t->len = 2;
            lx->p = p + 2;
            return;
        }
    if (!strchr("+-*/%@&|^~<>()[]{},:;.=!", c) || c == 0)
        py_syntax_error(lx, lx->line, t->col, "invalid character '%c' (U+%04X)", c, (unsigned char)c);
    if (c == '!')
        py_syntax_error(lx, lx->line, t->col, "invalid syntax");
    if (c == '(' || c == '[' || c == '{') {
        if (lx->paren + 1 >= MAX_PAREN)
            py_syntax_error(lx, lx->line, t->col, "too many nested parentheses");
        lx->open[lx->paren].line = lx->line;
        lx->open[lx->paren].col = t->col;
        lx->open[lx->paren].c = c;
        lx->paren++;
    } else if (c == ')' || c == ']' || c == '}') {
        if (lx->paren == 0)
            py_syntax_error(lx, lx->line, t->col, "unmatched '%c'", c);
        char o = lx->open[lx->paren - 1].c;
        if ((c == ')' && o != '(') || (c == ']' && o != '[') || (c == '}' && o != '{')) {
            if (lx->open[lx->paren - 1].line != lx->line)
                py_syntax_error(lx, lx->line, t->col,
                                "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, o,
                                lx->open[lx->paren - 1].line);
            py_syntax_error(lx, lx->line, t->col,
                            "closing parenthesis '%c' does not match opening parenthesis '%c'", c, o);
        }
        lx->paren--;
    }
    t->len = 1;
    lx->p = p + 1;
    return;
again_noindent:
    lx->at_bol = 0;
    goto again;
}
