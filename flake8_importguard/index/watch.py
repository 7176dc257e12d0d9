"""What an editor reports changed on disk, and the census's generation verified with it.

A process that checks again and again (the language server, lsp.py) starts each check with a new
round (run/session.py `refresh`): the census takes the project's generation again, a stat of every
module and test file and of every directory they were found in (census.py `_as_listed`). On a
large project that pass costs more than the check of the file. When the editor watches the
project's files for the server (LSP `workspace/didChangeWatchedFiles`) and reports each one saved,
the server can trust it instead: a generation verified in one round holds in the next while

- the editor still watches (`trusted`), and the verification is less than `recheck` seconds old
  (then every file is stat'ed again: a watcher can drop events, or exclude a directory);
- the census's records in the index are the files that round read (their shards' stamps:
  another process that took a new generation wrote them);
- every path reported since (changed, created, deleted; the file checked) is as verified: a file of
  the census with the signature it had, a directory it listed with its own, any other path's
  nearest listed directory with its own (a file created or deleted there changes it).

Anything else and the census takes the generation as it does in a new process. The process that
is never told (the command, the flake8 plugin, a language client that does not watch) never trusts.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable

RECHECK_S = 60.0  # the longest a verified generation is trusted without a stat of every file


@dataclass
class Verified:
    """The census's generation as verified in one round, with what it was read from."""

    token: tuple[Any, ...]  # the census's shards as read (snapshot.Snapshot.census_token)
    kept: dict[str, Any]  # the index's last generation as read, its files included (census._previous)
    listed: dict[str, Any]  # the directories as kept (census._kept_listing), each with its signature
    dirs: str  # their digest
    at: float = field(default_factory=time.monotonic)
    pending: set[str] = field(default_factory=set)  # the paths reported since


class Watch:
    """The paths an editor reported changed since each verified generation (one per project
    and cache), and whether its reports may be trusted."""

    def __init__(self, recheck: float = RECHECK_S) -> None:
        self.trusted = False  # set by the language server once the editor watches the files for it
        self.recheck = recheck
        self._verified: dict[str, Verified] = {}

    def report(self, paths: Iterable[str]) -> None:
        """Files or directories (absolute paths) changed, created or deleted on disk."""
        paths = set(paths)
        for verified in self._verified.values():
            verified.pending |= paths

    def carried(self, key: str) -> Verified | None:
        """The generation verified for `key` while it may be trusted (its pending paths are the
        caller's to compare); None: take it anew."""
        verified = self._verified.get(key)
        if verified is None or not self.trusted or time.monotonic() - verified.at > self.recheck:
            self._verified.pop(key, None)
            return None
        return verified

    def verify(self, key: str, verified: Verified) -> None:
        """Keep a generation the census just verified (only while the reports are trusted)."""
        if self.trusted:
            self._verified[key] = verified

    def forget(self, key: str) -> None:
        self._verified.pop(key, None)
