"""The text pass: the names a module's text may bind at module level, import, or set on another
module, found with regular expressions over its bytes, without parsing it.

It is a superset, never a guess: a module that binds, imports or sets a name mentions it in
these places (module-level text is the file without the bodies of top-level `def`s and
`class`es; imports and attribute writes are looked for everywhere). So a whole-project question
("which modules define `Thread`?", "who sets `flag` on `app.config`?", "which test files import
`Thread`?") parses only the files whose words hold the name, and answers from their summaries
exactly as if every file had been parsed. A word proposed wrongly costs one parse, no more.
A file it cannot read as text (another encoding) proposes every name.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

ANY = "*"  # in a file's words: it may set any name on a module it imports (setattr)
WRITTEN = "."  # in a file's words, before a name: it may set that name on a module (`app.name = 1`)

# Each pattern starts with a literal, which the regular expression engine finds fast; a match
# that starts inside a longer word (`reimport`) only adds words.
_BODIES = re.compile(rb"\n((?:async[ \t]+)?(?:def|class)\b[^\n]*)(?:\n[ \t][^\n]*|\n[ \t]*(?=\n)|\n#[^\n]*)*")
_IDENT = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_GLOBAL = re.compile(rb"global\b((?:[^\n;\\]|\\[\s\S])*)")
_IMPORT = re.compile(rb"import\b((?:[^\n;#\\(]|\\[\s\S])*)(\()?")
_PARENS = re.compile(rb"((?:[^)#]|#[^\n]*)*)")  # up to the closing parenthesis, comments skipped
_GAP = rb"[\s\\]*"
# `.name =`, `.name += `, `.name: int = `: the name may be set on whatever is before the dot (not
# on `self` or `cls`, unless the module imports something under that name)
_WRITE = rb"\." + _GAP + rb"([A-Za-z_]\w*)[\s)\\]*(?:(?:[-+*/%@&|^]|<<|>>|\*\*|//)?=(?!=)|:(?!=))"
_WRITES = re.compile(_WRITE)
_WRITES_NOT_ON_SELF = re.compile(rb"\.(?<!\bself\.)(?<!\bcls\.)" + _WRITE[2:])
_PARENTHESIZED = re.compile(rb"\)" + _GAP + _WRITE)  # `(app).flag = 1`
_CHAIN_END = re.compile(rb"([A-Za-z_]\w*)(?:" + _GAP + rb"\." + _GAP + rb"[A-Za-z_]\w*)*" + _GAP + rb"\Z")
_SETATTR = re.compile(rb"setattr" + _GAP + rb"\(" + _GAP + rb"([A-Za-z_]\w*)?")


_NAME_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+")


def name_words(name: str) -> list[str]:
    """The words a name is made of, lower case (`HTTPConnectionPool`: http, connection, pool)."""
    return [w.lower() for w in _NAME_WORDS.findall(name)]


def words_added_or_dropped(a: Sequence[str], b: Sequence[str]) -> bool:
    """May two names, by their words (name_words), be one with whole words added or dropped? Both
    of two words or more, the same last word, the words of one among the other's: what a rename
    by words needs (suggest.convincing also asks the order, and CapWords)."""
    return min(len(a), len(b)) >= 2 and a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def typo(a: str, b: str) -> bool:
    """`b` is `a` with one letter dropped, two neighbours swapped, or one letter of a long word changed."""
    if len(a) == len(b) + 1:
        return any(a[:i] + a[i + 1:] == b for i in range(len(a)))
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return True
    if len(diff) != 1:
        return False
    i = j = diff[0]
    while i > 0 and a[i - 1].isalpha():
        i -= 1
    while j < len(a) - 1 and a[j + 1].isalpha():
        j += 1
    return j - i + 1 >= 5 and b[diff[0]].isalpha()


def words(source: bytes) -> frozenset[str] | None:
    """The names the module's text may bind at module level, import, or set on an imported
    module (ANY: a name it computes); each name it may set once more after WRITTEN (`.flag`);
    None when the text cannot be read: every name."""
    found: set[bytes] = set()
    written: set[bytes] = set()
    if not source.isascii():
        readable = _as_ascii(source)
        if readable is None:
            return None
        source, found = readable
        written = set(found)  # a word made of other characters may be set too: the text read shows an x for them
    imported = _imported(source)
    found |= imported
    found.update(_IDENT.findall(_BODIES.sub(rb"\n\1", b"\n" + source)))
    for names in _GLOBAL.findall(source):
        found.update(_IDENT.findall(names))
    writes = _WRITES if b"self" in imported or b"cls" in imported else _WRITES_NOT_ON_SELF
    written.update(writes.findall(source))
    found |= written
    found.update(WRITTEN.encode() + name for name in written)
    if any(head == b"" or head in imported for head in _SETATTR.findall(source)):
        found.add(ANY.encode())
    return frozenset(word.decode("utf-8") for word in found)


def _imported(source: bytes) -> set[bytes]:
    """Every word of every import statement: the names imports bind, and more."""
    found: set[bytes] = set()
    for match in _IMPORT.finditer(source):
        found.update(_IDENT.findall(match.group(1)))
        if match.group(2):
            inner = _PARENS.match(source, match.end())
            found.update(_IDENT.findall(inner.group(1) if inner else b""))
    return found


def _as_ascii(source: bytes) -> tuple[bytes, set[bytes]] | None:
    """UTF-8 text as Python reads its identifiers (NFKC), with every word that holds a character
    beyond ASCII (all of them are words, wherever they are) and the text with each such
    character made an `x` (the lines keep their shape); None for text in another encoding."""
    try:
        text = unicodedata.normalize("NFKC", source.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError:
        return None
    wide = {w.encode("utf-8") for w in re.findall(r"\w*[^\x00-\x7f]\w*", text) if w[:1].isidentifier()}
    return re.sub(r"[^\x00-\x7f]", "x", text).encode("ascii"), wide


def may_write(source: bytes) -> bool:
    """Can the module set a name on a module it imports (`app.config.flag = 1`, `setattr(app,
    ...)`)? False only when its text holds no such statement: a summary then skips looking."""
    if not source.isascii():
        return True
    imported = _imported(source)
    if not imported:
        return False
    if any(head == b"" or head in imported for head in _SETATTR.findall(source)):
        return True
    writes = _WRITES if b"self" in imported or b"cls" in imported else _WRITES_NOT_ON_SELF
    return any(_head(source, match.start()) in imported | {b""} for match in writes.finditer(source))


def _head(source: bytes, dot: int) -> bytes:
    """The name that starts the chain of attributes ending at the dot at `dot` (`app` for
    `app.config.flag = 1`); b"" when the chain does not start with a plain name."""
    chain = _CHAIN_END.search(source, max(0, dot - 400), dot)
    if chain is None or chain.start() > 0 and source[chain.start() - 1:chain.start()] in b".)]}\\":
        return b""
    return chain.group(1)
