"""The language server, end to end: `importguard lsp` started as the README's editor snippets
start it, spoken to over its pipes as an editor does (lspclient.py)."""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import time
import tomllib

import pytest

from flake8_importguard.index.cache import RACY_NS
from lspclient import Client, apply
from support import BIN, DEMO, IMPORTGUARD, readme

EVERYTHING = {"start": {"line": 0, "character": 0}, "end": {"line": 10_000, "character": 0}}


def snippet(name: str) -> str:
    match = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", readme(), re.S)
    assert match, f"no snippet {name}"
    return match.group(1)


def commands() -> dict[str, list[str]]:
    """The command each editor's snippet starts the server with."""
    vscode = json.loads(snippet("lsp-vscode"))
    helix = tomllib.loads(snippet("lsp-helix"))
    neovim = re.search(r"cmd = \{ (.*?) \}", snippet("lsp-neovim")).group(1)
    emacs = re.search(r"\. \((\"[^)]*)\)\)", snippet("lsp-emacs")).group(1)
    return {
        "vscode": [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
        "helix": [helix["language-server"]["importguard"]["command"], *helix["language-server"]["importguard"]["args"]],
        "neovim": re.findall(r'"([^"]*)"', neovim),
        "emacs": re.findall(r'"([^"]*)"', emacs),
    }


def test_every_editor_snippet_starts_the_same_server():
    found = commands()
    assert all(command == ["importguard", "lsp"] for command in found.values()), found
    assert json.loads(snippet("lsp-vscode"))["glspc.server.languageId"] == ["python"]
    helix = tomllib.loads(snippet("lsp-helix"))
    assert "importguard" in helix["language"][0]["language-servers"]
    assert "python-mode" in snippet("lsp-emacs") and 'pattern = "python"' in snippet("lsp-neovim")


class Editor:
    """An editor with the demo project open."""

    def __init__(self, root, command: list[str], capabilities: dict | None = None, options: dict | None = None) -> None:
        self.root = root
        self.client = Client(command, root)
        result = self.client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                                    "capabilities": capabilities or {},
                                                    "initializationOptions": options})
        self.capabilities = result["capabilities"]
        self.client.notify("initialized", {})
        self.versions: dict[str, int] = {}

    def uri(self, path: str) -> str:
        return (self.root / path).as_uri()

    def diagnostics(self, path: str) -> list[dict]:
        uri = self.uri(path)
        version = self.versions[uri]
        return self.client.wait_for("textDocument/publishDiagnostics",
                                    lambda p: p["uri"] == uri and p.get("version") == version)["diagnostics"]

    def open(self, path: str) -> list[dict]:
        uri = self.uri(path)
        self.versions[uri] = 1
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": (self.root / path).read_text()}})
        return self.diagnostics(path)

    def change(self, path: str, text: str) -> list[dict]:
        uri = self.uri(path)
        self.versions[uri] += 1
        self.client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": self.versions[uri]},
                                                      "contentChanges": [{"text": text}]})
        return self.diagnostics(path)

    def changed_on_disk(self, path: str, kind: int = 2) -> None:
        """The editor's watcher reports a file changed (2), created (1) or deleted (3)."""
        self.client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": self.uri(path), "type": kind}]})

    def save(self, path: str) -> list[dict]:
        self.client.notify("textDocument/didSave", {"textDocument": {"uri": self.uri(path)}})
        return self.diagnostics(path)

    def actions(self, path: str, where: dict = EVERYTHING, only: list[str] | None = None) -> list[dict]:
        context: dict = {"diagnostics": []}
        if only is not None:
            context["only"] = only
        return self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": self.uri(path)}, "range": where, "context": context})


def server_command() -> list[str]:
    command = commands()["neovim"]
    command[0] = shutil.which(command[0], path=BIN) or IMPORTGUARD
    return command


@pytest.fixture
def editor(tmp_path, project_copy):
    opened = Editor(project_copy(tmp_path, DEMO), server_command())
    yield opened
    assert opened.client.close() == 0


def test_diagnostics_of_an_open_test_file(editor):
    assert editor.capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.importguard"]
    found = editor.open("tests/test_websocket.py")
    assert [(d["code"], d["range"]["start"], d["severity"], d["source"], d["message"]) for d in found] == [
        ("IMG102", {"line": 0, "character": 0}, 1, "importguard",
         "'WebSocketConnectionManager' is not defined in 'app.websocket.connection_manager'; "
         "did you mean 'ConnectionManager'?")]
    assert editor.open("tests/test_healthy.py") == []
    assert editor.actions("tests/test_healthy.py") == []


def test_a_quick_fix_makes_the_rewrite_of_importguard_fix(editor, run_command):
    path = "tests/test_threads.py"
    found = editor.open(path)
    assert [d["code"] for d in found] == ["IMG101"]
    text = (editor.root / path).read_text()
    actions = editor.actions(path, found[0]["range"], only=["quickfix"])
    assert [(a["title"], a["kind"]) for a in actions] == [("Import from 'app.db.models_agent'", "quickfix")]
    assert [a["title"] for a in editor.actions(path, found[0]["range"], only=["source.fixAll"])] == [
        "Fix all importguard findings in the file"]
    fixed = apply(text, actions[0]["edit"]["changes"][editor.uri(path)])
    ast.parse(fixed)
    assert fixed.splitlines()[0] == "from app.db.models_agent import Thread"
    assert run_command([IMPORTGUARD, "--fix", path], editor.root).returncode == 1
    assert fixed == (editor.root / path).read_text()  # what `importguard --fix` wrote
    assert editor.change(path, fixed) == []
    assert editor.actions(path) == []


def test_a_deleted_import_the_module_level_still_reads_gets_it_back(editor):
    """IMG107 in the buffer as typed (the import of the base class just deleted): the quick fix
    imports it from where it lives, and the buffer is clean again."""
    path = "tests/test_helpers_flow.py"
    (editor.root / path).write_text("import unittest\n")
    editor.open(path)
    text = ("import unittest\n\n\nclass TestSignup(UserFlowTestBase):\n"
            "    def test_signup(self):\n        assert unittest\n")
    found = editor.change(path, text)
    assert [(d["code"], d["range"]["start"]) for d in found] == [("IMG107", {"line": 3, "character": 17})]
    actions = editor.actions(path, found[0]["range"], only=["quickfix"])
    assert [a["title"] for a in actions] == ["Import 'UserFlowTestBase' from 'tests.helpers.flows'"]
    fixed = apply(text, actions[0]["edit"]["changes"][editor.uri(path)])
    assert fixed.startswith("import unittest\n\nfrom tests.helpers.flows import UserFlowTestBase\n\n\nclass")
    assert editor.change(path, fixed) == []


def test_placeholders_and_fix_all(editor, run_command):
    path = "tests/test_user_flows.py"
    found = editor.open(path)
    text = (editor.root / path).read_text()
    placeholder = next(d for d in found if d["code"] == "IMG201")
    titles = [a["title"] for a in editor.actions(path, placeholder["range"])]
    assert titles == ["Import the real 'Thread' from 'app.db.models_agent'", "Fix all importguard findings in the file"]
    source_actions = editor.actions(path, {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                    only=["source.fixAll"])
    assert [(a["title"], a["kind"]) for a in source_actions] == [
        ("Fix all importguard findings in the file", "source.fixAll.importguard")]
    fixed = apply(text, source_actions[0]["edit"]["changes"][editor.uri(path)])
    ast.parse(fixed)
    run_command([IMPORTGUARD, "--fix", path], editor.root)
    assert fixed == (editor.root / path).read_text() != text
    left = editor.change(path, fixed)
    assert {d["code"] for d in left} == {"IMG102", "IMG202", "IMG204"}  # defined nowhere: nothing to import
    assert [a["title"] for a in editor.actions(path)] == []


def test_findings_follow_app_files_changed_on_disk(editor):
    path = "tests/test_websocket.py"
    assert [d["code"] for d in editor.open(path)] == ["IMG102"]
    module = editor.root / "app/websocket/connection_manager.py"
    original = module.read_text()
    module.write_text(original + "\n\nWebSocketConnectionManager = ConnectionManager\n")
    assert editor.save(path) == []
    module.write_text(original)
    assert [d["code"] for d in editor.save(path)] == ["IMG102"]
    module.unlink()  # the whole module is gone
    assert [d["code"] for d in editor.save(path)] == ["IMG101"]


def test_an_edited_buffer_is_checked_as_it_is(editor):
    path = "tests/test_healthy.py"
    assert editor.open(path) == []
    text = (editor.root / path).read_text()
    broken = text.replace("from app.models import Session", "from app.models import UserSession as Session")
    assert [d["code"] for d in editor.change(path, broken)] == ["IMG102"]
    assert editor.change(path, broken + "def unfinished(:\n") == []  # does not parse: nothing to say yet
    assert editor.change(path, text) == []


WATCHING = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


def settle(editor: Editor, path: str) -> None:
    """Wait out the racy window and save twice: the server holds a verified generation after."""
    time.sleep(RACY_NS / 1e9 + 0.2)
    for _ in range(2):
        assert [d["code"] for d in editor.save(path)] == ["IMG102"]


def test_an_editor_that_watches_files_reports_what_changed_on_disk(tmp_path, project_copy):
    """The server asks an editor that can watch files to watch the workspace, and trusts what it
    reports (index/watch.py): a change it reports is seen at once, in the open files, without a
    save; one it does not report is seen when every file is looked at again, at the latest
    `recheckSeconds` after the last time (0: on every check), not before; the file checked is looked
    at whatever it reports. The index is written and settled (saved twice, the project old enough)
    before each change comes."""
    root = project_copy(tmp_path, DEMO)
    path, module = "tests/test_websocket.py", root / "app/websocket/connection_manager.py"
    original = module.read_text()
    for options in ({}, {"recheckSeconds": 0}):
        editor = Editor(root, server_command(), WATCHING, options)
        try:
            registered = editor.client.wait_for("client/registerCapability")["registrations"]  # answered
            assert [(r["method"], r["registerOptions"]) for r in registered] == [
                ("workspace/didChangeWatchedFiles", {"watchers": [{"globPattern": "**/*"}]})]
            assert [d["code"] for d in editor.open(path)] == ["IMG102"]
            settle(editor, path)
            if not options:  # the file under check is looked at, reported or not (a buffer reloaded from disk)
                test, text = root / path, (root / path).read_text()
                test.write_text(text + "import app.nowhere\n")
                assert [d["code"] for d in editor.change(path, test.read_text())] == ["IMG102", "IMG101"]
                test.write_text(text)
                assert [d["code"] for d in editor.change(path, text)] == ["IMG102"]
                settle(editor, path)
            module.write_text(original + "\n\nWebSocketConnectionManager = ConnectionManager\n")
            if options:
                assert editor.save(path) == []
                module.write_text(original)
                continue
            assert [d["code"] for d in editor.save(path)] == ["IMG102"]  # not reported, not looked at
            editor.changed_on_disk("app/websocket/connection_manager.py")
            assert editor.diagnostics(path) == []  # published at once
            module.write_text(original)
            editor.changed_on_disk("app/websocket/connection_manager.py")
            assert [d["code"] for d in editor.diagnostics(path)] == ["IMG102"]
            editor.changed_on_disk(".importguard_cache/index.json")  # the index written: no check
            module.unlink()
            editor.changed_on_disk("app/websocket/connection_manager.py", 3)
            assert [d["code"] for d in editor.diagnostics(path)] == ["IMG101"]
            module.write_text(original)
            editor.changed_on_disk("app/websocket/connection_manager.py", 1)
            assert [d["code"] for d in editor.diagnostics(path)] == ["IMG102"]
        finally:
            assert editor.client.close() == 0
