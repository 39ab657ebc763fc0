"""textwrap for elide: wrap, fill, shorten, dedent, indent."""
import re

_whitespace = "\t\n\x0b\x0c\r "


def _split_words(text):
    return [w for w in re.split(r"(\s+)", text) if w]


def wrap(text, width=70, initial_indent="", subsequent_indent="", expand_tabs=True,
         replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
         drop_whitespace=True, break_on_hyphens=True, tabsize=8, max_lines=None, placeholder=" [...]"):
    if expand_tabs:
        text = text.expandtabs(tabsize)
    if replace_whitespace:
        for c in _whitespace:
            text = text.replace(c, " ")
    chunks = _split_words(text)
    lines = []
    chunks.reverse()
    while chunks:
        cur = []
        cur_len = 0
        indent = subsequent_indent if lines else initial_indent
        w = width - len(indent)
        if drop_whitespace and chunks[-1].strip() == "" and lines:
            del chunks[-1]
        while chunks:
            l = len(chunks[-1])
            if cur_len + l <= w:
                cur.append(chunks.pop())
                cur_len += l
            else:
                break
        if chunks and len(chunks[-1]) > w:
            if break_long_words:
                space_left = max(w - cur_len, 1)
                cur.append(chunks[-1][:space_left])
                chunks[-1] = chunks[-1][space_left:]
            elif not cur:
                cur.append(chunks.pop())
        if drop_whitespace and cur and cur[-1].strip() == "":
            cur_len -= len(cur[-1])
            del cur[-1]
        if cur:
            lines.append(indent + "".join(cur))
        if max_lines is not None and len(lines) >= max_lines and chunks:
            lines[-1] = lines[-1].rstrip() + placeholder
            break
    return lines


def fill(text, width=70, **kwargs):
    return "\n".join(wrap(text, width, **kwargs))


def shorten(text, width, **kwargs):
    text = " ".join(text.strip().split())
    placeholder = kwargs.get("placeholder", " [...]")
    if len(text) <= width:
        return text
    words = text.split()
    out = ""
    for w in words:
        cand = (out + " " + w) if out else w
        if len(cand) + len(placeholder) > width:
            break
        out = cand
    return out + placeholder if out else placeholder.lstrip()


def dedent(text):
    lines = text.split("\n")
    margin = None
    for line in lines:
        s = line.lstrip(" \t")
        if not s:
            continue
        ind = line[:len(line) - len(s)]
        if margin is None:
            margin = ind
        else:
            i = 0
            while i < len(margin) and i < len(ind) and margin[i] == ind[i]:
                i += 1
            margin = margin[:i]
    if margin:
        lines = [l[len(margin):] if l.startswith(margin) else l.lstrip(" \t") for l in lines]
    else:
        lines = [l if l.strip() else "" for l in lines] if margin is None else lines
    return "\n".join(l if l.strip() else ("" if not l.strip() else l) for l in lines)


def indent(text, prefix, predicate=None):
    if predicate is None:
        predicate = lambda line: line.strip()
    return "".join(prefix + line if predicate(line) else line for line in text.splitlines(True))
