"""A progress bar on a terminal for runs that last more than a couple of seconds (tqdm), never in
a pipe, a file or a CI log."""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
DELAY = 2.0  # seconds before the bar appears: a quick run never shows one (IMPORTGUARD_PROGRESS_DELAY: tests)


def wanted() -> bool:
    """Only for a person at a terminal: standard error is a TTY, no CI is set, the terminal can draw."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def progress(items: Iterable[T], total: int, what: str) -> Iterator[T]:
    if not wanted():
        yield from items
        return
    from tqdm import tqdm

    delay = float(os.environ.get("IMPORTGUARD_PROGRESS_DELAY", DELAY))
    yield from tqdm(items, total=total, desc=what, unit=" files", delay=delay, leave=False, file=sys.stderr,
                    dynamic_ncols=True)
