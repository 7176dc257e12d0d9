"""An editor's save answered by the running language server (`importguard lsp`): the time from the
`didSave` notification to the diagnostics it publishes, and the server's CPU meanwhile.

The server is started once per figure and opens the file (its first answer, with the imports and
the index read, is not a save and is not timed; nor is the first save, the first check after the
client answered the server's registration of a watcher); then each round saves the unchanged file again,
as an editor does on every save, and waits for its diagnostics. The client is the tests' own
(tests/lspclient.py): JSON-RPC over the pipes of a real server process. It says that it watches
files for the server (dynamic registration of `workspace/didChangeWatchedFiles`, as VS Code
does) and reports none changed: the server trusts it, and stats the file it checks, not every file
of the project (lsp.py, index/watch.py)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from lspclient import Client  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
WATCHING = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


def saves(root: str, file: str, rounds: int) -> tuple[list[float], list[float], str]:
    """(wall s, server CPU s) of each of `rounds` saves of `file` (relative to `root`), and its
    diagnostics as flake8 prints them (`path:line:col: CODE message`)."""
    guard = os.path.join(os.path.dirname(sys.executable), "importguard")
    # the server's stderr outside the project: a file made in its root would be a change of the root's listing
    client = Client([guard, "lsp"], root, os.path.join(os.path.dirname(os.path.abspath(root)), ".lsp-stderr"))
    uri = Path(os.path.join(root, file)).absolute().as_uri()
    walls: list[float] = []
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": Path(root).absolute().as_uri(),
                                      "capabilities": WATCHING})
        client.notify("initialized", {})
        with open(os.path.join(root, file), encoding="utf-8") as f:
            text = f.read()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                                "text": text}})
        published = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)

        def save() -> Any:
            client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": text})
            return client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        save()  # the watcher registered since the open: this check verifies every file, the next ones trust it
        cpu = _cpu(client.proc.pid)
        for _ in range(rounds):
            wall = time.perf_counter()
            published = save()
            walls.append(time.perf_counter() - wall)
        cpus = [(_cpu(client.proc.pid) - cpu) / rounds] * rounds  # the clock ticks are too coarse for one save
    finally:
        client.close()
        os.remove(client.stderr)
    output = "".join(f"{file}:{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1}: "
                     f"{d['code']} {d['message']}\n" for d in published["diagnostics"])
    return walls, cpus, output


def _cpu(pid: int) -> float:
    """The user and system CPU seconds of process `pid` so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS
