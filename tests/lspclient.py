"""A small Language Server Protocol client for the tests: JSON-RPC with Content-Length framing
over the pipes of a real server process, as an editor speaks it."""
from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from support import TIMEOUT


class Client:
    def __init__(self, command: Sequence[str], cwd: str | os.PathLike[str],
                 stderr: str | os.PathLike[str] | None = None) -> None:
        """`stderr`: where the server's goes (default: `.lsp-stderr` in `cwd`)."""
        self.stderr = Path(stderr) if stderr is not None else Path(cwd) / ".lsp-stderr"
        self._err = open(self.stderr, "wb")
        self.proc = subprocess.Popen(list(command), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._err, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self._inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> dict[str, Any]:
        message = self._inbox.get(timeout=TIMEOUT)
        if message is None:
            raise AssertionError(f"the server ended: {self.stderr.read_text(errors='replace')}")
        if "id" in message and "method" in message:  # a request of the server's (registration, ...)
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        ident = next(self._ids)
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message["result"]
            if "method" in message:
                self.notifications.append(message)

    def wait_for(self, method: str, accept: Callable[[dict[str, Any]], bool] = lambda params: True) -> Any:
        """The params of the first notification `method` (already received or to come) that `accept`s;
        the ones before it are dropped."""
        while True:
            while self.notifications:
                message = self.notifications.pop(0)
                if message["method"] == method and accept(message["params"]):
                    return message["params"]
            message = self._next()
            if "method" in message:
                self.notifications.append(message)

    def close(self) -> int:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            self.proc.kill()
            self.proc.wait()
            self._reader.join(TIMEOUT)
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self._err.close()


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """`text` after a TextEdit[] (positions as offsets of lines and UTF-16 code units of a line)."""
    lines = text.splitlines(keepends=True)
    starts = list(itertools.accumulate((len(line) for line in lines), initial=0))

    def offset(position: dict[str, int]) -> int:
        row = position["line"]
        if row >= len(lines):
            return len(text)
        units = lines[row].encode("utf-16-le")[:2 * position["character"]]
        return starts[row] + len(units.decode("utf-16-le"))
    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = text[:offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]):]
    return text
