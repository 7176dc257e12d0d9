"""A module's outline: its text with the bodies of its functions and classes blanked, every line
kept in its place, so that parsing it costs what its top level costs (CPython's parser is most of
a cold run; a body is most of a module's text and most of its parse).

A summary reads a function body only for a few things (summary.py says which, by the words in
`BODY_WORDS` and the texts it never outlines), and a class body (which runs as the module is
imported, but binds names of the class) for the same; a body that holds none of them is replaced by
`pass` on the line of its last statement, so every definition keeps its first and last line
(`bound_at` compares the line of an import that runs with the line after which a name is
bound). The outline is found in the text, not by tokenizing it: where the text could mislead
(a tab, a carriage return, a backslash continuation, a body that holds an odd number of triple
quotes) there is no outline and the caller parses the whole text; a header the pattern does
not read keeps its body. An outline that does not parse is not used either (the whole text is
parsed, and its error is the one reported), nor one whose top level lost a definition, a
decorator or an import that starts a line of the text at column 0 (`holds_top_level`: a body
misread would turn what follows it into a string).

A syntax error inside a body that is blanked is not seen: the module is read from its top
level (pytest reports such an error when it imports the module, and so does flake8's E999 on
that file).
"""
from __future__ import annotations

import ast
import re

# `def name(...) -> annotation:` at the start of a line (parentheses nested up to three deep;
# a header beyond that keeps its body), the newline that ends it included.
_HEADER = re.compile(
    rb"( *)(?:async +)?def +\w+ *\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)[^:\n#]*: *(?:#[^\n]*)?\n"
)
# `class Name(...):` at column 0 (parentheses nested up to three deep, as _HEADER's)
_CLASS = re.compile(rb"^class +\w+ *(?:\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))? *: *(?:#[^\n]*)?\n", re.M)
_ENDS: dict[int, re.Pattern[bytes]] = {}
_TOP = re.compile(rb"\n(?:async +def|def|class|from|import|@)\b")


def _body_end(indent: int) -> re.Pattern[bytes]:
    """The newline before the first line of code indented `indent` spaces or less."""
    pattern = _ENDS.get(indent)
    if pattern is None:
        pattern = _ENDS[indent] = re.compile(rb"\n(?! {%d})(?= *[^ \n#\f])" % (indent + 1))
    return pattern


def outline(source: bytes, body_words: tuple[bytes, ...]) -> bytes | None:
    """`source` with each function body that holds none of `body_words` blanked, then each body
    of a class defined at column 0 that holds none of them (what is left of it: its methods'
    bodies are blanked); None when a function body holds one (the whole text must be read) or
    the text could mislead the outline."""
    if b"\t" in source or b"\r" in source or b"\\\n" in source:
        return None
    short = _blank_functions(source, body_words)
    return None if short is None else _blank_classes(short, [word for word in body_words if word in short])


def _blank_functions(source: bytes, body_words: tuple[bytes, ...]) -> bytes | None:
    words = [word for word in body_words if word in source]  # most are in no module
    parts: list[bytes] = []
    copied = 0  # the text up to here is in parts
    at = source.find(b"def ")
    while at != -1:
        start = source.rfind(b"\n", 0, at) + 1
        lead = source[start:at].strip(b" ")
        header = _HEADER.match(source, start) if start >= copied and lead in (b"", b"async") else None
        if header is None:
            at = source.find(b"def ", at + 4)
            continue
        body = header.end()
        indent = len(header.group(1))
        end = _body_end(indent).search(source, body - 1)
        stop = end.start() + 1 if end else len(source)
        region = source[body:stop]
        if region.count(b'"""') % 2 or region.count(b"'''") % 2 or any(word in region for word in words):
            return None
        kept = _last_code(region)
        if kept is None:
            return None
        lines = kept.count(b"\n")
        parts += [source[copied:body], b"\n" * lines, b" " * (indent + 1) + b"pass",
                  b"\n" * (region.count(b"\n") - lines)]
        copied = stop
        at = source.find(b"def ", stop)
    if not parts:
        return source
    parts.append(source[copied:])
    return b"".join(parts)


def _blank_classes(source: bytes, words: list[bytes]) -> bytes:
    """`source` with the body of each class defined at column 0 that holds none of `words`
    replaced by `pass` on the line its last statement ends on (the class statement keeps its
    first and last line); a body that could mislead (an odd number of triple quotes) is kept."""
    parts: list[bytes] = []
    copied = 0
    for header in _CLASS.finditer(source):
        if header.start() < copied:
            continue
        body = header.end()
        end = _body_end(0).search(source, body - 1)
        stop = end.start() + 1 if end else len(source)
        region = source[body:stop]
        if region.count(b'"""') % 2 or region.count(b"'''") % 2 or any(word in region for word in words):
            continue
        kept = _last_code(region)
        if kept is None:
            continue
        lines = kept.count(b"\n")
        parts += [source[copied:body], b"\n" * lines, b" pass", b"\n" * (region.count(b"\n") - lines)]
        copied = stop
    if not parts:
        return source
    parts.append(source[copied:])
    return b"".join(parts)


def _last_code(region: bytes) -> bytes | None:
    """The body up to the end of its last line that is not blank or a comment (the line the
    body's last statement ends on); None when there is none."""
    kept = region.rstrip()
    cut = kept.rfind(b"\n") + 1
    while kept[cut:].lstrip().startswith(b"#"):
        kept = kept[:cut].rstrip()
        cut = kept.rfind(b"\n") + 1
    return kept or None


def holds_top_level(source: bytes, tree: ast.Module) -> bool:
    """Does every line of `source` after the first that starts with `def`, `class`, `from`,
    `import` or a decorator at column 0 start a statement or a decorator of the outline's top
    level (`tree`)? (A line inside a string at column 0 fails it too: then the whole text is read.)"""
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    starts = {node.lineno for node in tree.body}
    starts.update(d.lineno for node in tree.body if isinstance(node, definitions) for d in node.decorator_list)
    line, counted = 1, 0
    for found in _TOP.finditer(source):
        line += source.count(b"\n", counted, found.start() + 1)
        counted = found.start() + 1
        if line not in starts:
            return False
    return True
