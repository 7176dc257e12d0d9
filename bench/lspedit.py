"""Edits as an editor makes them, answered by the running language server (`importguard lsp`):
the buffer changed (`didChange`), the file written and saved (`didSave`), the watcher's notice
(`workspace/didChangeWatchedFiles`), then saves without a change, two within the racy window of
the edit and three after it; each timed from the notification to the diagnostics it publishes.
Not a figure of run.py: a look at what a save after an edit costs (bench/README.md).

    python bench/lspedit.py /tmp/importguard-bench/backend-10.0 tests/billing/accounts/integration/test_accounts_003.py

The file is restored at the end. The client is the tests' own (tests/lspclient.py), watching
files for the server as lspsave.py's does."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from lspclient import Client  # noqa: E402
from lspsave import WATCHING  # noqa: E402

EDITS = 3


def main(root: str, file: str) -> None:
    guard = os.path.join(os.path.dirname(sys.executable), "importguard")
    client = Client([guard, "lsp"], root, os.path.join(os.path.dirname(os.path.abspath(root)), ".lsp-stderr"))
    uri, path = Path(os.path.join(root, file)).absolute().as_uri(), os.path.join(root, file)
    with open(path, encoding="utf-8") as f:
        original = f.read()

    def timed(method: str, params: dict[str, Any]) -> float:
        wall = time.perf_counter()
        client.notify(method, params)
        client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        return round(time.perf_counter() - wall, 3)

    def save() -> float:
        return timed("textDocument/didSave", {"textDocument": {"uri": uri}})
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": Path(root).absolute().as_uri(),
                                      "capabilities": WATCHING})
        client.notify("initialized", {})
        timed("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                        "text": original}})
        save()
        save()
        text = original
        for i in range(EDITS):
            text += f"# edit {i}\n"
            typed = timed("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                                     "contentChanges": [{"text": text}]})
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            saved = save()
            notice = timed("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}]})
            within = [save() for _ in range(2)]
            time.sleep(2.3)  # past the racy window of the edit
            after = [save() for _ in range(3)]
            print(f"edit {i + 1}: buffer {typed} s, save {saved} s, notice {notice} s, saves within 2 s {within}, "
                  f"after {after}")
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        client.close()
        os.remove(client.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
