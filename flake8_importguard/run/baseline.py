"""Baselines: today's findings recorded, so that only new ones are reported.

A finding is recorded by its file (relative to the project root), code, module, name and the
statement it sits in, normalised (`ast.unparse`: layout, comments and quoting do not count), with
how many such findings the file has. Lines are not recorded: an edit above a finding does not
make it new. `--write-baseline` records the files checked in the run (entries of other files
that still exist are kept; a fixed finding's entry is dropped); `--baseline` reports the
findings beyond the recorded counts, and lists the recorded ones that are gone.
"""
from __future__ import annotations

import ast
import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from flake8_importguard import __version__
from flake8_importguard.base.files import write_atomic
from flake8_importguard.base.model import Finding
from flake8_importguard.base.syntax import iter_statements

FORMAT = 1


class Key(NamedTuple):
    file: str  # relative to the project root, forward slashes
    code: str
    module: str
    name: str
    statement: str


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def statements_at(tree: ast.Module, findings: Iterable[Finding]) -> list[str]:
    """The normalised statement each finding sits in (the innermost one holding its position;
    the header line of a compound statement)."""
    findings = list(findings)
    if not findings:
        return []
    spans = [(node.end_lineno - node.lineno, -order, node)
             for order, node in enumerate(iter_statements(tree))
             if isinstance(node, ast.stmt) and node.end_lineno is not None]
    texts = []
    for finding in findings:
        holding = [(size, order, node) for size, order, node in spans
                   if node.lineno <= finding.line <= (node.end_lineno or node.lineno)]
        texts.append(_normalised(min(holding, key=lambda item: item[:2])[2]) if holding else "")
    return texts


def _normalised(node: ast.stmt) -> str:
    try:
        return ast.unparse(node).splitlines()[0]
    except (RecursionError, ValueError, IndexError):
        return ""


def keys_of(file: str, findings: list[Finding], tree: ast.Module) -> list[Key]:
    return keys_from(file, findings, statements_at(tree, findings))


def keys_from(file: str, findings: list[Finding], statements: list[str]) -> list[Key]:
    """The keys of `findings`, given the statement each sits in (statements_at)."""
    return [Key(file, f.code, f.module, f.name, text) for f, text in zip(findings, statements)]


@dataclass
class Baseline:
    path: str
    counts: Counter[Key]

    @classmethod
    def read(cls, path: str, missing_ok: bool = False) -> "Baseline":
        """The baseline file at `path`; BaselineError when it cannot be read, or is missing unless
        `missing_ok` (a file about to be written)."""
        try:
            with open(path, "rb") as f:
                data = json.loads(f.read())
            entries = data["findings"]
            counts: Counter[Key] = Counter()
            for e in entries:
                counts[Key(e["file"], e["code"], e["module"], e["name"], e["statement"])] += int(e.get("count", 1))
        except FileNotFoundError:
            if missing_ok:
                return cls(path, Counter())
            raise BaselineError(f"{path}: no such baseline file (record one with --write-baseline)") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"{path}: not a baseline file: {exc.__class__.__name__}: {exc}") from None
        return cls(path, counts)

    def new(self, keys: list[Key]) -> list[bool]:
        """For each finding (by key, in order): is it beyond what the baseline records?"""
        left = Counter(self.counts)
        flags = []
        for key in keys:
            flags.append(left[key] <= 0)
            left[key] -= 1
        return flags

    def new_in(self, file: str, findings: list[Finding], tree: ast.Module) -> list[Finding]:
        """The findings of one file that the baseline does not record."""
        return [f for f, new in zip(findings, self.new(keys_of(file, findings, tree))) if new]

    def gone(self, keys: list[Key], files: set[str]) -> Counter[Key]:
        """Recorded findings of the files checked (`files`) that the run no longer has."""
        recorded = Counter({k: n for k, n in self.counts.items() if k.file in files})
        return recorded - Counter(keys)

    def write(self, keys: list[Key], files: set[str], root: str) -> None:
        """Record `keys` for the files checked; keep other files' entries while those files exist."""
        kept = Counter({k: n for k, n in self.counts.items()
                        if k.file not in files and os.path.exists(os.path.join(root, k.file))})
        counts = kept + Counter(keys)
        entries = [{**k._asdict(), "count": n} for k, n in sorted(counts.items())]
        data = {"tool": "flake8-importguard", "format": FORMAT, "version": __version__, "findings": entries}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
        self.counts = counts
