"""The language server: `importguard lsp` speaks the Language Server Protocol over stdio (pygls).

It publishes the findings of each open Python file when it is opened, changed and saved, and
offers each certain fix as a quick fix (titled from the fix's data, `codes.render_action`) and
all of a file's certain fixes as "Fix all" (a quick fix and the `source.fixAll` action): the
very rewrite `importguard --fix` makes (run/fixrun.py `fix_text`), as edits of the buffer.

The server owns one `Session`. Each check starts a new round (`Session.refresh`): what the
project's files say is read anew, and the index caches are kept, their entries checked against
the files' signatures, so that an app module renamed, edited or deleted on disk shows in the
next check at warm cost. A buffer that matches its file on disk is answered through
`Run.check_file` (the project graph's kept findings when nothing they rest on changed); an
edited buffer is checked as it is. The index cache is written after each check.

What changed on disk: when the editor can watch files for a server (dynamic registration of
`workspace/didChangeWatchedFiles`), the server asks it to watch every file of the workspace and
trusts its reports (index/watch.py): a round stats only the paths reported since the project's
generation was last verified, and the file it checks, instead of every module, test file and
directory of the project; and every file again once that verification is RECHECK_S old (a
watcher can drop events), or when the index's census was rewritten by another process. An
editor that does not watch files gets every file stat'ed on every check, as a new process would.
Reports of paths in hidden or skipped directories of the workspace (the index cache's own writes,
`__pycache__`, `.git`) start no check.
`initializationOptions` may set `{"recheckSeconds": N}`.
"""
from __future__ import annotations

import argparse
import difflib
import os
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from flake8_importguard import __version__
from flake8_importguard.base.codes import CODES, FIX_ALL, Severity, render, render_action
from flake8_importguard.base.config import settings_from
from flake8_importguard.base.files import skipped
from flake8_importguard.base.model import Finding
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.run.checkrun import Run
from flake8_importguard.run.fixrun import fix_text
from flake8_importguard.run.session import Session

SOURCE = "importguard"
WATCH_ID = "importguard-files"
FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".importguard"


FixKey = tuple[int, int, tuple[str, str, str]] | None  # a finding's line, column and key; None: all of them


@dataclass
class Checked:
    text: str
    findings: list[Finding]
    fixed: dict[FixKey, str | None] = field(default_factory=dict)  # what each fix makes of the text


class Guard:
    """What the server knows: the session, and each open document's last findings."""

    def __init__(self) -> None:
        self.session = Session()
        self.checked: dict[str, Checked] = {}  # uri -> the findings of the text it had

    def run(self, path: str) -> Run:
        """A run with the settings the configuration files around `path` give (raises ConfigError)."""
        settings = settings_from(argparse.Namespace(), load(os.path.dirname(path)))
        return Run(settings, self.session, said=[])

    def check(self, uri: str, text: str) -> list[Finding]:
        path = to_fs_path(uri) or uri
        self.session.watch.report([path])  # compared whatever the watcher says (a save, a reload)
        self.session.refresh()  # a new round: files changed on disk are read again
        run = self.run(path)
        source = text.encode("utf-8", "surrogateescape")
        try:
            on_disk = run.read(path)
        except OSError:
            on_disk = None
        findings: list[Finding] = []
        if on_disk == source:
            checked = run.check_file(path)
            findings = checked.findings if checked is not None else []
        else:
            try:
                findings = run.check(path, source, run.project(path)).findings
            except (SyntaxError, ValueError, RecursionError):
                findings = []  # a buffer in the middle of an edit: nothing to say until it parses
        self.session.flush()
        self.checked[uri] = Checked(text, findings)
        return findings

    def findings(self, uri: str, text: str) -> list[Finding]:
        known = self.checked.get(uri)
        return known.findings if known is not None and known.text == text else self.check(uri, text)

    def fixed(self, uri: str, text: str, only: Finding | None = None) -> str | None:
        """The buffer after `importguard --fix` (of `only` alone, when given); None: nothing changes.
        Kept with the text's findings: an editor asks for code actions at every move of the cursor."""
        self.findings(uri, text)
        known = self.checked[uri].fixed
        key = None if only is None else (only.line, only.col, only.key)
        if key not in known:
            path = to_fs_path(uri) or uri
            outcome = fix_text(self.run(path), path, text.encode("utf-8", "surrogateescape"), only)
            changed = outcome is not None and outcome.changed
            known[key] = outcome.fixed.decode("utf-8", "surrogateescape") if outcome and changed else None
        return known[key]

    def changed(self, paths: Sequence[str], top: str | None = None) -> bool:
        """Report paths changed on disk; may they change what a check finds? Not when each is in a
        hidden or skipped directory below `top` (the workspace's root), as the census's walk leaves
        them out: the index cache written after a check, bytecode."""
        self.session.watch.report(paths)
        inside = os.path.join(top, "") if top else None
        return not inside or any(not p.startswith(inside) or not any(
            skipped(part, False) for part in p[len(inside):].split(os.sep)[:-1]) for p in paths)


def edits(old: str, new: str) -> list[types.TextEdit]:
    """`old` -> `new` as whole-line edits (positions at line starts need no unit conversion)."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(types.TextEdit(types.Range(types.Position(i1, 0), types.Position(i2, 0)),
                                          "".join(after[j1:j2])))
    return changes


SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.NOTE: types.DiagnosticSeverity.Information}


def diagnostic(document: TextDocument, finding: Finding) -> types.Diagnostic:
    lines = document.lines
    row = min(max(finding.line - 1, 0), max(len(lines) - 1, 0))
    line = lines[row].rstrip("\r\n") if lines else ""
    start = len(line.encode("utf-8", "surrogateescape")[:finding.col].decode("utf-8", "ignore"))
    where = document.range_to_client_units(
        ServerTextRange(ServerTextPosition(row, start), ServerTextPosition(row, len(line))))
    severity = SEVERITIES[CODES[finding.code].severity]
    message = render(finding)[len(finding.code) + 1:]
    return types.Diagnostic(where, message, severity=severity, code=finding.code, source=SOURCE)


def build_server() -> LanguageServer:
    server = LanguageServer("importguard", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    guard = Guard()

    @server.feature(types.INITIALIZE)
    def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        recheck = options.get("recheckSeconds") if isinstance(options, dict) else None
        if isinstance(recheck, (int, float)) and not isinstance(recheck, bool) and recheck >= 0:
            guard.session.watch.recheck = float(recheck)

    @server.feature(types.INITIALIZED)
    def initialized(ls: LanguageServer, params: types.InitializedParams) -> None:
        workspace = server.protocol.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return  # every check stats every file
        options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher("**/*")])
        registered = server.client_register_capability(types.RegistrationParams(
            [types.Registration(WATCH_ID, types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)]))

        def done(future: Future[None]) -> None:
            guard.session.watch.trusted = not future.cancelled() and future.exception() is None
        registered.add_done_callback(done)

    def publish(uri: str) -> None:
        document = server.workspace.get_text_document(uri)
        try:
            findings = guard.check(uri, document.source)
        except ConfigError as exc:
            server.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"importguard: {exc}"))
            findings = []
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri, [diagnostic(document, f) for f in findings], version=document.version))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        guard.checked.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_files(ls: LanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        if not guard.changed([to_fs_path(change.uri) or change.uri for change in params.changes],
                             server.workspace.root_path):
            return  # the index cache written, bytecode: nothing of the project
        for uri in list(guard.checked):  # files changed on disk: every open document is checked again
            publish(uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        text = server.workspace.get_text_document(uri).source
        findings = guard.findings(uri, text)
        wanted = params.context.only

        def asked(kind: str) -> bool:
            return not wanted or any(kind == w or kind.startswith(w + ".") for w in wanted)
        actions = []
        if asked(types.CodeActionKind.QuickFix):
            first, last = params.range.start.line + 1, params.range.end.line + 1
            for finding in findings:
                if finding.fix is not None and finding.fixable and first <= finding.line <= last:
                    new = guard.fixed(uri, text, finding)
                    if new is not None:
                        actions.append(_action(render_action(finding.fix), types.CodeActionKind.QuickFix,
                                               uri, text, new, preferred=True))
        several = sum(1 for f in findings if f.fixable) > 1
        kind = types.CodeActionKind.QuickFix if actions and several else FIX_ALL_KIND if asked(FIX_ALL_KIND) else ""
        if kind and any(f.fixable for f in findings):
            new = guard.fixed(uri, text)
            if new is not None:
                actions.append(_action(FIX_ALL, kind, uri, text, new))
        return actions

    return server


def _action(title: str, kind: str, uri: str, old: str, new: str, preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title, kind=kind, is_preferred=preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits(old, new)}))


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="importguard lsp",
                                     description="A language server (stdio) for importguard's findings and fixes.")
    parser.parse_args(list(argv))
    build_server().start_io()
    return 0
