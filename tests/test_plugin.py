"""End to end: the real flake8, in a subprocess, on small projects written to disk."""
from __future__ import annotations

import ast
import os
import shlex

import pytest
import yaml

from flake8_importguard.run.session import GC_THRESHOLD
from support import APP, ROOT, readme


@pytest.fixture
def project(flake8_path, write_tree):
    return write_tree(flake8_path, APP)


def test_reports_missing_name_with_near_name(project, write_tree):
    write_tree(project, {
        "tests/test_ws.py": "from app.websocket.connection_manager import WebSocketConnectionManager\n",
    })
    result = project.run_flake8(["--select=IMG"])
    assert result.out_lines == [
        "./tests/test_ws.py:1:1: IMG102 'WebSocketConnectionManager' is not defined in "
        "'app.websocket.connection_manager'; did you mean 'ConnectionManager'?"
    ]
    assert result.exit_code == 1


def test_reports_missing_module_with_new_home(project, write_tree):
    write_tree(project, {"tests/test_threads.py": "from app.models.thread import Thread\n"})
    result = project.run_flake8(["--select=IMG"])
    assert result.out_lines == [
        "./tests/test_threads.py:1:1: IMG101 module 'app.models.thread' does not exist; "
        "'Thread' is defined in 'app.db.models_agent'"
    ]


def test_working_imports_are_silent(project, write_tree):
    write_tree(project, {"tests/test_ok.py": "from app.db.models_agent import Thread\nimport app.websocket\n"})
    result = project.run_flake8(["--select=IMG"])
    assert result.out_lines == []
    assert result.exit_code == 0


def test_noqa_silences_one_line(project, write_tree):
    write_tree(project, {"tests/test_ws.py": (
        "from app.websocket.connection_manager import Gone  # noqa: IMG102\n"
        "from app.websocket.connection_manager import Lost\n"
    )})
    result = project.run_flake8(["--select=IMG"])
    assert [line.split(": ", 1)[1].split(" ")[0] for line in result.out_lines] == ["IMG102"]
    assert result.out_lines[0].startswith("./tests/test_ws.py:2:1:")


def test_per_file_ignores_and_extend_ignore(project, write_tree):
    write_tree(project, {"tests/test_ws.py": "from app.websocket.connection_manager import Gone\n"})
    (project / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    tests/test_ws.py: IMG102\n")
    assert project.run_flake8(["--select=IMG"]).out_lines == []
    (project / "setup.cfg").write_text("[flake8]\nextend-ignore = IMG1\n")
    assert project.run_flake8(["--select=IMG"]).out_lines == []


def test_only_test_files_by_default(project, write_tree):
    write_tree(project, {"app/uses.py": "from app.db.models_agent import Gone\n"})
    assert project.run_flake8(["--select=IMG"]).out_lines == []
    result = project.run_flake8(["--select=IMG", "--importguard-all-files"])
    assert [line.split(":")[0] for line in result.out_lines] == ["./app/uses.py"]


def test_test_patterns_from_config_file(project, write_tree):
    write_tree(project, {"checks/verify_ws.py": "from app.websocket.connection_manager import Gone\n"})
    assert project.run_flake8(["--select=IMG"]).out_lines == []
    (project / "setup.cfg").write_text("[flake8]\nimportguard-test-patterns = checks/,test_*.py\n")
    result = project.run_flake8(["--select=IMG"])
    assert [line.split(":")[0] for line in result.out_lines] == ["./checks/verify_ws.py"]


def test_src_option_adds_a_source_root(project, write_tree):
    write_tree(project, {
        "lib/shared/__init__.py": "VALUE = 1\n",
        "tests/test_lib.py": "from shared import VALUE, OTHER\n",
    })
    assert project.run_flake8(["--select=IMG"]).out_lines == []  # `shared` is not known first-party
    result = project.run_flake8(["--select=IMG", "--importguard-src=lib"])
    assert [line.split(" ", 2)[1] for line in result.out_lines] == ["IMG102"]
    assert "'OTHER' is not defined in 'shared'" in result.out_lines[0]


def test_first_party_option_flags_a_package_with_no_source(project, write_tree):
    write_tree(project, {"tests/test_x.py": "import vanished.api\n"})
    assert project.run_flake8(["--select=IMG"]).out_lines == []
    result = project.run_flake8(["--select=IMG", "--importguard-first-party=vanished"])
    assert "IMG101 module 'vanished.api' does not exist" in result.out


def test_root_option(project, write_tree):
    nested = project / "nested"
    write_tree(nested, {"pyproject.toml": "", "tests/test_x.py": "from app.db.models_agent import Gone\n"})
    # the nearest marker makes `nested` the root, where `app` is not first-party
    assert project.run_flake8(["--select=IMG"]).out_lines == []
    result = project.run_flake8(["--select=IMG", f"--importguard-root={project}"])
    assert "IMG102 'Gone' is not defined in 'app.db.models_agent'" in result.out


def test_stdin_as_an_editor_sends_it(project, run_flake8):
    source = "from app.db.models_agent import Thread, Threads\n"
    proc = run_flake8(project, "--select=IMG", "--stdin-display-name", "tests/test_edit.py", "-", stdin=source)
    assert proc.stdout.splitlines() == [
        "tests/test_edit.py:1:1: IMG102 'Threads' is not defined in 'app.db.models_agent'; did you mean 'Thread'?"
    ]
    assert not (project / "tests" / "test_edit.py").exists()


def test_other_plugins_and_default_checks_unaffected(project, write_tree):
    write_tree(project, {"tests/test_ws.py": "import os\nfrom app.db.models_agent import Gone\n"})
    result = project.run_flake8()
    codes = sorted(line.split(" ", 2)[1] for line in result.out_lines)
    assert codes == ["F401", "F401", "IMG102"]


def test_third_party_names_checked_only_on_request(project, tmp_path, run_flake8, write_tree):
    site = tmp_path / "site"
    write_tree(site, {"vendorlib/__init__.py": "def helper():\n    pass\n", "vendorlib/sub.py": "X = 1\n"})
    write_tree(project, {"tests/test_vendor.py": (
        "from vendorlib import helper, helpr\n"
        "from vendorlib.sub import X\n"
        "import vendorlib.absent\n"
        "from not_installed import thing\n"
    )})
    env = {"PYTHONPATH": str(site)}
    plain = run_flake8(project, "--select=IMG", "tests", env=env)
    assert plain.stdout == ""
    checked = run_flake8(project, "--select=IMG", "tests", "--importguard-third-party", env=env)
    assert checked.stdout.splitlines() == [
        "tests/test_vendor.py:1:1: IMG102 'helpr' is not defined in 'vendorlib'; did you mean 'helper'?"
    ]


def _documented_flake8_commands() -> list[list[str]]:
    """Every flake8 command the README shows and the importguard-flake8 hook's entry."""
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
        hooks = {hook["id"]: hook for hook in yaml.safe_load(f)}
    commands = [line.split("&&")[-1].split("<")[0].strip().removeprefix("$ ") for line in readme().splitlines()]
    return [shlex.split(hooks["importguard-flake8"]["entry"], comments=True)] + [
        shlex.split(command) for command in commands if command.startswith("flake8 --select")]


@pytest.mark.parametrize("name,content,message", [
    ("tests/test_syntax.py", "def broken(:\n", "E999 SyntaxError"),
    ("tests/test_binary.py", b"\x00\xff\xfe\x00abc", "E999 SyntaxError"),
    ("tests/test_gone.py", None, "E902 FileNotFoundError"),
])
def test_documented_flake8_runs_do_not_hide_an_unreadable_file(project, write_tree, run_flake8, name, content, message):
    if content is not None:
        write_tree(project, {name: content})
    commands = _documented_flake8_commands()
    assert len(commands) >= 3
    for command in commands:
        assert command[0] == "flake8", command
        select = [arg for arg in command[1:] if arg.startswith("--select")]
        proc = run_flake8(project, *select, name, script=True)
        assert proc.returncode == 1 and message in proc.stdout, (command, proc.stdout + proc.stderr)


IMPORTED = r'''
import sys
from flake8.main import cli
try:
    cli.main(["--select=IMG", "--output-file=out.txt", *FILES])
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("flake8_importguard") or m == "hashlib")))
'''
INDEX = {"flake8_importguard.index.cache", "flake8_importguard.index.snapshot", "flake8_importguard.index.summary",
         "flake8_importguard.run.baseline"}
SELDOM = {f"flake8_importguard.{m}" for m in (
    "analysis.objects", "lint.scopes", "index.members", "analysis.fallible", "index.requirements", "index.history",
    "analysis.lookups", "index.style", "run.graph")}
STUB = ("class Helper:\n    def run(self):\n"
        "        raise NotImplementedError(\"importguard stub: 'Helper' is needed by tests/test_h.py\")\n")


@pytest.mark.parametrize("files,families,out", [
    (["app/db/models_agent.py"], set(), ""),  # not a test: let go by its path, nothing read
    (["app/db/stubbed.py"], {"stubs"}, "app/db/stubbed.py:1:1: IMG301"),  # a stub in its text: IMG301 only
    (["tests/test_t.py"], {"stubs", "imports", "attributes", "chains", "names", "optional", "patches",
                           "placeholders"},
     "tests/test_t.py:1:1: IMG102"),
])
def test_a_save_imports_only_what_the_file_needs(tmp_path, write_tree, run_python, files, families, out):
    """flake8 in one process on one file, as an editor's save runs it: which of the package's
    modules it imported."""
    root = write_tree(tmp_path, {**APP, "pyproject.toml": "", "app/db/stubbed.py": STUB,
                                 "tests/test_t.py": "from app.db.models_agent import Threads\n"})
    proc = run_python(root, f"FILES = {files!r}\n{IMPORTED}")
    assert proc.returncode == 0, proc.stderr
    imported = set(proc.stdout.split())
    assert "flake8_importguard.plugin" in imported  # flake8 did start the plugin
    prefix = "flake8_importguard.lint.rules."
    assert {m[len(prefix):] for m in imported if m.startswith(prefix)} == families
    assert bool(families) == any(m.startswith("flake8_importguard.analysis") for m in imported)
    # a file let go by its path reads no index: the index cache's modules and the baseline are not imported
    assert bool(families) == bool(INDEX & imported), sorted(INDEX & imported)
    # nor, for a test file, what its check does not ask: its scopes, first-party objects and their classes,
    # the project's parts for other questions; nor hashlib (OpenSSL's start): the index's digests are its own
    assert not (SELDOM | {"hashlib"}) & imported, sorted((SELDOM | {"hashlib"}) & imported)
    with open(root / "out.txt", encoding="utf-8") as f:
        found = f.read()
    assert found.startswith(out) and found.count("\n") == bool(out), found


COLLECTIONS = r'''
import gc, sys
from flake8.main import cli
from flake8_importguard.plugin import Plugin
inside, outside = [], []  # the collector's threshold at each collection with Plugin.run on the stack, and the others
def during(phase, info):
    frame, found = sys._getframe(), False
    while frame is not None and not found:
        found, frame = frame.f_code is Plugin.run.__code__, frame.f_back
    if phase == "start":
        (inside if found else outside).append(gc.get_threshold()[0])
gc.set_threshold(700, 10, 10)
gc.callbacks.append(during)
try:
    cli.main(["--select=IMG", "--output-file=out.txt", "tests/test_t.py"])
except SystemExit:
    pass
print((inside, outside, gc.get_threshold()[0]))
'''


def test_a_check_collects_garbage_less_often(tmp_path, write_tree, run_python):
    """What a save's check imports and decodes is kept: the cyclic collector runs less often
    while flake8 hands the plugin a test file (GC_THRESHOLD: at 700, checking this file ran it
    some six times), and flake8's own setting is back after (the last collection in the check may be
    the one put off until then)."""
    root = write_tree(tmp_path, {**APP, "pyproject.toml": "",
                                 "tests/test_t.py": "from app.db.models_agent import Threads\n"})
    proc = run_python(root, COLLECTIONS)
    assert proc.returncode == 0, proc.stderr
    inside, outside, after = ast.literal_eval(proc.stdout)
    assert all(threshold >= GC_THRESHOLD for threshold in inside[:-1]), inside
    assert 700 in outside and after == 700, proc.stdout  # flake8's own collections, and its setting afterwards
    with open(root / "out.txt", encoding="utf-8") as f:
        assert f.read().startswith("tests/test_t.py:1:1: IMG102")
