"""Can importing a first-party module fail for a reason outside the project?

It can when importing it runs, unguarded, an import the project cannot vouch for: a third-party
package the project does not require (an optional extra, an undeclared one), a standard-library
module some builds lack, or first-party code with no source here (compiled, generated, missing).
An ImportError around such a module may then be an honest optional dependency rather than
missing code. Answered from the modules' cached summaries.
"""
from __future__ import annotations

import sys

from flake8_importguard.base.record import Memo
from flake8_importguard.index.finder import Finder, LocKind
from flake8_importguard.index.requirements import Dependencies
from flake8_importguard.index.store import SummaryStore

# Standard-library modules that a Python build or platform may lack: importing them can fail.
OPTIONAL_STDLIB = {
    "ssl", "_ssl", "sqlite3", "_sqlite3", "tkinter", "_tkinter", "turtle", "curses", "_curses", "readline",
    "lzma", "_lzma", "bz2", "_bz2", "zlib", "ctypes", "_ctypes", "dbm", "_dbm", "_gdbm", "_multiprocessing",
    "fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog", "posix", "crypt", "spwd", "nis",
    "msvcrt", "winreg", "winsound", "_winapi", "nt", "_overlapped", "zoneinfo", "uuid", "_uuid", "idlelib",
    "ensurepip", "venv", "test",
}


# Names that some platforms' standard library lacks (the docs' "Availability"): `from socket import
# CMSG_SPACE` fails on Windows although `import socket` works everywhere. The constants of these
# modules (signals, address families, socket options, errno codes, open flags) vary too.
PLATFORM_CONSTANTS = {"os", "posix", "socket", "signal", "select", "errno", "mmap", "time", "ssl"}
PLATFORM_NAMES = {
    "os": {"fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setsid", "getpgid",
           "killpg", "chown", "lchown", "fchown", "chroot", "mkfifo", "mknod", "pipe2", "sched_getaffinity",
           "sched_setaffinity", "sendfile", "statvfs", "fstatvfs", "sync", "uname", "wait3", "wait4", "getloadavg",
           "nice", "openpty", "posix_spawn", "register_at_fork", "startfile", "memfd_create", "getgroups",
           "initgroups", "setpgrp", "getpgrp", "ttyname", "sysconf", "pathconf", "fchmod", "lchmod", "eventfd"},
    "socket": {"socketpair", "sethostname", "if_nameindex", "if_nametoindex", "if_indextoname", "fromshare",
               "send_fds", "recv_fds"},
    "signal": {"alarm", "setitimer", "getitimer", "pause", "pthread_kill", "pthread_sigmask", "sigwait",
               "sigwaitinfo", "sigtimedwait", "siginterrupt", "sigpending", "pidfd_send_signal"},
    "select": {"epoll", "kqueue", "kevent", "poll", "devpoll"},
    "time": {"tzset", "clock_settime", "pthread_getcpuclockid"},
    "sys": {"getwindowsversion", "winver", "dllhandle", "setdlopenflags", "getdlopenflags", "abiflags"},
}


def platform_only(module: str, names: list[str] | tuple[str, ...]) -> bool:
    """Does `from module import names` (standard library) name something some platforms lack?"""
    return any(name in PLATFORM_NAMES.get(module, ()) or module in PLATFORM_CONSTANTS and name.isupper()
               for name in names)


def is_optional_import(top: str) -> bool:
    """A top-level module outside the project whose import may fail: third-party, or a part
    of the standard library that some builds or platforms lack."""
    if top == "__future__":
        return False
    return top not in sys.stdlib_module_names or top in OPTIONAL_STDLIB


class Fallibility:
    def __init__(self, finder: Finder, store: SummaryStore, dependencies: Dependencies) -> None:
        self.finder, self.store, self.dependencies = finder, store, dependencies
        self._fails: Memo[tuple[str, tuple[str, ...]], bool] = Memo(store.recorder)  # replays what it read

    def may_be_missing(self, top: str) -> bool:
        """May the top-level module `top`, outside the project, be missing where the tests run?
        Not when the project requires the distribution that provides it."""
        return is_optional_import(top) and not self.dependencies.requires(top)

    def maybe_unbound(self, module: str, search: tuple[str, ...]) -> set[str]:
        """Names the module binds on some paths only (an optional import's fallback)."""
        loc = self.finder.find_module(module, search)
        return set(self.store.summary(loc).sometimes) if loc is not None and loc.file else set()

    def may_fail_elsewhere(self, module: str, search: tuple[str, ...]) -> bool:
        """True when importing `module` (or a parent package) runs an import that may fail for a
        reason outside the project. Unreadable modules count as such too."""
        parts = module.split(".")
        return any(self._runs_foreign(".".join(parts[:i]), search) for i in range(1, len(parts) + 1))

    def _runs_foreign(self, module: str, search: tuple[str, ...]) -> bool:
        return self._fails.get((module, search), lambda: self._reaches_foreign(module, search))

    def _reaches_foreign(self, module: str, search: tuple[str, ...]) -> bool:
        """Does running `module` run, through first-party imports (any depth, cycles included),
        an import that may fail for an outside reason? One walk over the modules it reaches."""
        seen, todo = {module}, [module]
        while todo:
            foreign, runs = self._imports_of(todo.pop(), search)
            if foreign:
                return True
            for target in runs:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return False

    def _imports_of(self, module: str, search: tuple[str, ...]) -> tuple[bool, list[str]]:
        """(whether the module itself runs an import that may fail for an outside reason, the
        first-party modules its imports run: each target with its parent packages, and the
        submodules a from-import names)."""
        loc = self.finder.find_module(module, search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE, LocKind.NAMESPACE):
            return True, []  # missing, compiled, bytecode only or a stub without source
        if loc.kind is LocKind.NAMESPACE:
            return False, []  # a namespace package runs nothing
        summary = self.store.summary(loc)
        if summary.error or any(step[3] == "dynamic" for step in summary.steps):
            return True, []  # or it imports by a call what its statements do not show (eventlet's `__import__('zmq')`)
        runs: list[str] = []
        for target, names, *_ in summary.imports:
            if not target:
                return True, []
            top = target.split(".")[0]
            if not self.finder.is_first_party(top, search):
                if self.may_be_missing(top) or platform_only(target, names):
                    return True, []
                continue
            parts = target.split(".")
            runs.extend(".".join(parts[:i]) for i in range(1, len(parts) + 1))
            runs.extend(f"{target}.{name}" for name in names
                        if self.finder.find_module(f"{target}.{name}", search) is not None)
        return False, runs
