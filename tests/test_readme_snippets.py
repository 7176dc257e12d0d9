"""Every set-up snippet of the README runs as written (paths to a clone aside): configuration, CI,
baseline, report and editors. The pre-commit snippet is run by test_precommit.py."""
from __future__ import annotations

import json
import os
import pathlib
import re

import pytest
import yaml

from flake8_importguard.index.cache import DEFAULT_DIR
from support import BIN, DEMO, GIT_USER, mark_kept, readme

BROKEN_TEST = "from app.db.models_agent import Threads\n"


def snippet(name: str) -> str:
    match = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", readme(), re.S)
    assert match, f"no snippet {name}"
    return match.group(1)


def shell(root: pathlib.Path, run_command):
    """sh(command, **options): `command` run by bash in `root`, the tools of this Python first on the PATH."""
    def sh(command: str, **options):
        env = {**GIT_USER, "PATH": BIN + os.pathsep + os.environ.get("PATH", ""), **options.pop("env", {})}
        return run_command(["bash", "-c", command], root, env=env, **options)
    return sh


@pytest.fixture
def demo(tmp_path, project_copy, run_command):
    root = project_copy(tmp_path, DEMO)
    return root, shell(root, run_command)


def demo_files() -> dict[str, bytes]:
    """The demo project's files, as project_copy copies them (without __pycache__)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(DEMO):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            with open(os.path.join(dirpath, name), "rb") as f:
                found[os.path.relpath(os.path.join(dirpath, name), DEMO)] = f.read()
    return found


AGED = {"demo": (demo_files(), 1)}  # old enough to be kept (conftest.aged)


@pytest.mark.process  # the snippet's commands, in a shell
def test_configuration(demo):
    root, sh = demo
    (root / "integration").mkdir()
    (root / "integration" / "check_threads.py").write_text(BROKEN_TEST)
    (root / "lib").mkdir()
    before = sh("importguard .")
    with open(root / "pyproject.toml", "a") as f:
        f.write("\n" + snippet("config"))
    after = sh("importguard .")
    assert after.returncode == 1 and "integration/check_threads.py:1:1: IMG102" in after.stdout, after.stderr
    assert "integration/" not in before.stdout


@pytest.mark.process  # the snippet's commands, in a shell
def test_github_actions(demo):
    root, sh = demo
    workflow = yaml.safe_load(snippet("github"))
    steps = workflow["jobs"]["importguard"]["steps"]
    command = steps[-1]["run"]
    expression = re.search(r"\$\{\{ (.*?) \}\}", command)
    pull_request = re.search(r"format\('(.*?)\{0\}(.*?)', github\.base_ref\)", expression.group(1))
    push = re.search(r"\|\| '(.*?)'", expression.group(1)).group(1)
    assert sh("git init -q -b main && git add -A && git commit -qm base && git update-ref refs/remotes/origin/main "
              "HEAD && git checkout -qb feature").returncode == 0
    (root / "tests/test_threads.py").write_text(BROKEN_TEST)
    sh("git commit -qam 'a broken import'")
    for argument in (pull_request.group(1) + "main" + pull_request.group(2), push):
        proc = sh(command.replace(expression.group(0), argument))
        assert proc.returncode == 1, proc.stderr
        lines = proc.stdout.splitlines()
        assert "::error file=tests/test_threads.py,line=1,col=1,title=IMG102 missing-name::" \
               "IMG102 'Threads' is not defined in 'app.db.models_agent'; did you mean 'Thread'?" in lines
        assert all(line.startswith("::") for line in lines)
        if argument == push:
            assert len(lines) > 1  # every test file
        else:
            assert len(lines) == 1  # the branch's change reaches that file only
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
    assert cache["with"]["path"] == DEFAULT_DIR  # the cache the run reads, restored before it


def test_github_shards_add_up_to_the_whole_run(demo):
    root, sh = demo
    workflow = yaml.safe_load(snippet("github-shards"))
    job = workflow["jobs"]["importguard"]
    steps, shards = job["steps"], job["strategy"]["matrix"]["shard"]
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
    assert cache["with"]["path"] == DEFAULT_DIR
    command = steps[-1]["run"]
    assert f"/{len(shards)} " in command
    whole = sh("importguard --format github tests/")
    assert whole.returncode == 1 and whole.stdout, whole.stderr
    outputs = [sh(command.replace("${{ matrix.shard }}", str(shard))).stdout for shard in shards]
    assert sorted(line for out in outputs for line in out.splitlines()) == sorted(whole.stdout.splitlines())
    assert sum(1 for out in outputs if out) > 1  # the findings are split, not all in one share


def test_a_worktree_with_the_cache_copied_is_warm(aged, run_command, run_importguard):
    """The index copied into a new worktree: every finding there comes from the kept entries
    (each marked with a finding no check would make)."""
    root = pathlib.Path(aged("demo"))  # a copy of the demo, old enough to be kept
    sh = shell(root, run_command)
    assert sh("git init -q -b main && git add -A && git commit -qm base").returncode == 0
    first = run_importguard(root, "-j1", "tests/")
    assert first.stdout and "Traceback" not in first.stderr, first.stderr
    proc = sh(snippet("worktree"))
    assert proc.returncode == 0, proc.stderr
    feature = root.parent / "feature"
    data = {"tests": mark_kept(str(feature / ".importguard_cache"))}
    lines = run_importguard(feature, "-j1", "tests/").stdout.splitlines()
    kept = {line.split(":")[0] for line in lines if "'KEPT'" in line}
    assert kept == {key.split("\0")[0] for key in data["tests"]}  # every test file, from the copied index
    assert kept >= {line.split(":")[0] for line in first.stdout.splitlines()}
    assert [line for line in lines if "'KEPT'" not in line] == first.stdout.splitlines()


@pytest.mark.process  # the snippet's commands, in a shell
def test_gitlab_code_quality(demo):
    root, sh = demo
    script = yaml.safe_load(snippet("gitlab"))["importguard"]["script"]
    proc = sh(script[-1])
    assert proc.returncode == 1
    report = json.loads((root / "gl-code-quality-report.json").read_text())
    assert report and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(r)
                          for r in report)


@pytest.mark.process  # the snippet's commands, in a shell
def test_baseline_then_report(demo):
    root, sh = demo
    lines = [line for line in snippet("baseline").splitlines() if line.strip()]
    assert sh(lines[0]).returncode == 0
    assert sh(lines[1]).returncode == 0
    (root / "tests/test_new.py").write_text(BROKEN_TEST)
    new = sh(lines[1])
    assert new.returncode == 1 and new.stdout.startswith("tests/test_new.py:1:1: IMG102"), new.stdout
    for line in (line for line in snippet("report").splitlines() if line.strip()):
        proc = sh(line)
        assert proc.returncode == 0, (line, proc.stderr)
    assert (root / "importguard-report.md").read_text().startswith("# importguard report\n")
    assert json.loads((root / "importguard-report.json").read_text())["test_files"] > 0


@pytest.mark.process  # the snippet's commands, in a shell
def test_editor_on_standard_input(demo):
    root, sh = demo
    (root / "tests/test_users.py").write_text(BROKEN_TEST)
    proc = sh(snippet("editor"))
    assert proc.stdout.splitlines() == [
        "tests/test_users.py:1:1: IMG102 'Threads' is not defined in 'app.db.models_agent'; did you mean 'Thread'?"]


def test_vscode_severity_maps_img_to_error(demo, run_flake8):
    """Run flake8 as the VS Code extension does and read its output as the extension does."""
    root, _ = demo
    settings = json.loads(snippet("vscode"))
    (root / "tests/test_users.py").write_text(BROKEN_TEST)
    proc = run_flake8(root, "--format=%(row)d,%(col)d,%(code).1s,%(code)s:%(text)s", "tests/test_users.py")
    match = re.match(r"(?P<line>\d+),(?P<column>-?\d+),(?P<type>\w+),(?P<code>\w+\d+):(?P<message>[^\r\n]*)",
                     proc.stdout)
    assert match, proc.stdout

    def severity(code: str, code_type: str, mapping: dict) -> str:
        value = None
        while code and value is None:
            value = mapping.get(code)
            code = code[:-1]
        return value or mapping.get(code_type, "Error")
    defaults = {"E": "Error", "F": "Error", "I": "Information", "W": "Warning"}
    assert severity(match["code"], match["type"], defaults) == "Information"  # why the snippet is needed
    assert severity(match["code"], match["type"], settings["flake8.severity"]) == "Error"
    assert settings["flake8.importStrategy"] == "fromEnvironment"


def test_python_lsp_server_settings(demo, run_flake8):
    """pylsp's flake8 plugin runs `flake8 ... --stdin-display-name PATH -` on the buffer."""
    root, _ = demo
    settings = json.loads(snippet("pylsp"))["pylsp"]
    assert settings["plugins"]["flake8"]["enabled"] and settings["configurationSources"] == ["flake8"]
    assert not any(settings["plugins"][p]["enabled"] for p in ("pycodestyle", "pyflakes", "mccabe"))
    proc = run_flake8(root, "--stdin-display-name", "tests/test_users.py", "-", stdin=BROKEN_TEST)
    assert "tests/test_users.py:1:1: IMG102 'Threads'" in proc.stdout
