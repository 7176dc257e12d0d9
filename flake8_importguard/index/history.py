"""In which commit a definition went: the project's git history, asked about a name that the
project defines nowhere any more (`git log -S`).

Only when the project root is the top of a git work tree (never a project inside someone else's
repository, never without git), only when no committed Python file defines the name (then the
latest commit that changed how often a file defines it is the one that removed the last
definition), and bounded: each question has a time limit, the process a budget, and git that is
slow once is not asked again. Any failure answers "" (nothing is said).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

TIMEOUT = 2.0  # seconds for one git command
BUDGET = 10.0  # seconds of git per process
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def definition_pattern(name: str) -> str:
    """A POSIX extended regular expression for `class name` / `def name` (git's pickaxe and grep)."""
    return f"(class|def)[[:space:]]+{name}[^[:alnum:]_]"


class History:
    def __init__(self, root: str) -> None:
        self.root = root
        self.spent = 0.0
        self.off = not (os.path.exists(os.path.join(root, ".git")) and shutil.which("git"))

    def removal(self, name: str) -> str:
        """'<short hash> <date> <subject>' of the commit that removed the last definition of
        `name` (a class or function), or "" when there is none or it cannot be told in time."""
        if self.off or not _IDENTIFIER.fullmatch(name):
            return ""
        pattern = definition_pattern(name)
        still = self._git("grep", "-q", "-E", pattern, "HEAD", "--", "*.py")
        if still is None or still[0] != 1:
            return ""  # committed code defines it still (or git cannot tell): not gone from history
        found = self._git("log", "-n", "1", "--pickaxe-regex", f"-S{pattern}", "--date=short",
                          "--format=%h%x00%ad%x00%s", "--", "*.py")
        if found is None or found[0] != 0 or found[1].count("\0") != 2:
            return ""
        commit, date, subject = found[1].strip().split("\0")
        return f"{commit}\0{date}\0{subject}"

    def _git(self, *args: str) -> tuple[int, str] | None:
        """(exit status, output) of one git command, or None (and no more git) when it fails or is slow."""
        if self.off or self.spent >= BUDGET:
            return None
        start = time.monotonic()
        try:
            proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=self.root, capture_output=True,
                                  timeout=min(TIMEOUT, BUDGET - self.spent), stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            self.off = True
            return None
        finally:
            self.spent += time.monotonic() - start
        if proc.returncode not in (0, 1):
            self.off = True  # not a repository after all, no commits yet, a broken git
            return None
        return proc.returncode, proc.stdout.decode("utf-8", errors="replace")
