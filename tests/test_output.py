"""The importguard command's CI formats, output file, statistics, summary line and progress bar,
each against its documented structure (SARIF against the official 2.1.0 schema)."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import termios
from collections import Counter

import jsonschema
import pytest

from flake8_importguard.base.codes import CODES
from support import APP, DEMO, IMPORTGUARD, SUMMARY, TESTS, without_summary

SARIF_SCHEMA = os.path.join(TESTS, "data", "sarif-schema-2.1.0.json")
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>IMG\d{3}) (?P<message>.*)$")
# GitLab's code quality report, as its documentation describes an entry.
GITLAB_ENTRY = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string"}, "check_name": {"type": "string"}, "fingerprint": {"type": "string"},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {"type": "object", "required": ["path", "lines"],
                     "properties": {"path": {"type": "string"},
                                    "lines": {"type": "object", "required": ["begin"],
                                              "properties": {"begin": {"type": "integer"}}}}},
    },
}
JSON_ENTRY = {
    "type": "object",
    "required": ["path", "line", "column", "code", "symbol", "message", "name", "module", "severity", "fixable",
                 "fix", "cause", "fails_collection", "blocks", "fingerprint"],
    "properties": {key: {} for key in ("path", "line", "column", "code", "symbol", "message", "name", "module",
                                       "severity", "fixable", "fix", "cause", "blocks", "fingerprint")}
    | {"fails_collection": {"type": "boolean"}},
    "additionalProperties": False,
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory, project_copy):
    return project_copy(tmp_path_factory.mktemp("output"), DEMO)


@pytest.fixture(scope="module")
def plain(demo, run_importguard):
    proc = run_importguard(demo, "tests")
    assert proc.returncode == 1
    return [LINE.match(line).groupdict() for line in proc.stdout.splitlines()]


def run_format(run_importguard, demo, name):
    proc = run_importguard(demo, "tests", f"--format={name}")
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


def test_text_is_the_default(demo, plain, run_importguard):
    assert run_format(run_importguard, demo, "text") == run_importguard(demo, "tests").stdout
    assert {p["code"] for p in plain} >= {"IMG101", "IMG102", "IMG201", "IMG204"}


def test_json(demo, plain, run_importguard):
    items = json.loads(run_format(run_importguard, demo, "json"))
    for item in items:
        jsonschema.validate(item, JSON_ENTRY)
        assert item["symbol"] == CODES[item["code"]].symbol
    assert [(i["path"], str(i["line"]), str(i["column"]), i["code"], f"{i['code']} {i['message'][7:]}")
            for i in items] == [(p["path"], p["line"], p["col"], p["code"], f"{p['code']} {p['message']}")
                                for p in plain]
    assert len({i["fingerprint"] for i in items}) == len(items)


def test_github_annotations(demo, plain, run_importguard):
    lines = run_format(run_importguard, demo, "github").splitlines()
    pattern = re.compile(
        r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=(IMG\d{3}) ([a-z-]+)::(.*)$")
    matches = [pattern.match(line) for line in lines]
    assert all(matches), lines
    assert [(m[2], m[3], m[4], m[5], m[7]) for m in matches] == [
        (p["path"], p["line"], p["col"], p["code"], f"{p['code']} {p['message']}") for p in plain]
    assert {m[5]: m[1] for m in matches}["IMG101"] == "error"


def test_gitlab_code_quality(demo, plain, run_importguard):
    items = json.loads(run_format(run_importguard, demo, "gitlab"))
    jsonschema.validate(items, {"type": "array", "items": GITLAB_ENTRY})
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in items] == [
        (p["path"], int(p["line"]), p["code"]) for p in plain]
    assert len({i["fingerprint"] for i in items}) == len(items)


def test_sarif_validates_against_the_official_schema(demo, plain, run_importguard):
    log = json.loads(run_format(run_importguard, demo, "sarif"))
    with open(SARIF_SCHEMA, encoding="utf-8") as f:
        jsonschema.validate(log, json.load(f))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [(r["id"], r["name"], r["shortDescription"]["text"], r["fullDescription"]["text"]) for r in rules] == [
        (c.code, c.symbol, c.what, c.why) for c in CODES.values()]
    results = run["results"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"]) for r in results] == [
        (p["path"], int(p["line"]), p["code"]) for p in plain]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_fixes_are_what_fix_writes(tmp_path, project_copy, run_importguard):
    """Applying a result's SARIF fix gives the file `importguard --fix` writes (in files with one
    certain fix; the others have none)."""
    root = project_copy(tmp_path, DEMO)
    results = json.loads(run_importguard(root, "tests", "--format=sarif").stdout)["runs"][0]["results"]
    fixable = {i["path"]: i for i in json.loads(run_importguard(root, "tests", "--format=json").stdout)
               if i["fixable"]}
    with_fix = [r for r in results if "fixes" in r]
    uri = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in with_fix]
    assert len(with_fix) == sum(1 for i in json.loads(run_importguard(root, "tests", "--format=json").stdout)
                                if i["fixable"]) and with_fix
    alone = [(u, r) for u, r in zip(uri, with_fix) if uri.count(u) == 1]
    assert alone and set(u for u, _ in alone) <= set(fixable)
    patched = {}
    for path, result in alone:
        change = result["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"]["uri"] == path
        text = (root / path).read_text()
        for edit in sorted(change["replacements"], key=lambda e: -e["deletedRegion"]["charOffset"]):
            start, length = edit["deletedRegion"]["charOffset"], edit["deletedRegion"]["charLength"]
            text = text[:start] + edit["insertedContent"]["text"] + text[start + length:]
        patched[path] = text
    run_importguard(root, "--fix", *patched)
    assert {path: (root / path).read_text() for path in patched} == patched


def test_output_file_statistics_and_summary(demo, plain, run_importguard):
    out = demo / "findings.json"
    proc = run_importguard(demo, "tests", "--format=json", f"--output-file={out}", "--statistics")
    assert proc.returncode == 1 and proc.stdout == ""
    assert len(json.loads(out.read_text())) == len(plain)
    counts = Counter(p["code"] for p in plain)
    stats = [line for line in without_summary(proc.stderr).splitlines() if line]
    assert {line.split()[1]: int(line.split()[0]) for line in stats} == counts
    text = run_importguard(demo, "tests", "--statistics")
    assert text.stdout.splitlines()[-len(counts):] == stats  # after the findings, in text format
    summary = SUMMARY.search(proc.stderr)
    assert summary, proc.stderr
    fixable = sum(1 for i in json.loads(out.read_text()) if i["fixable"])
    n_tests = sum(1 for _, _, files in os.walk(demo / "tests") for f in files if f.endswith(".py"))
    assert summary.group(0).startswith(f"checked {n_tests} test files in ")
    assert summary.group(0).endswith(
        f": {len(plain)} findings in {len({p['path'] for p in plain})} files, {fixable} fixable\n")


def _on_a_terminal(root, env):
    """importguard with its standard error on a pseudo-terminal (CI unset unless `env` sets it),
    the bar shown at once; what the terminal shows."""
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a terminal has a size
    proc = subprocess.Popen([IMPORTGUARD, "-j1", "tests"], cwd=root, stdout=subprocess.DEVNULL, stderr=follower,
                            env={**environ, "IMPORTGUARD_PROGRESS_DELAY": "0", "TERM": "xterm", **env})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is gone: the process ended
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=120)
    os.close(leader)
    return shown.decode("utf-8", "replace")


@pytest.mark.process
def test_progress_bar_only_on_a_terminal_outside_ci(demo, run_importguard):
    assert "importguard:" in _on_a_terminal(demo, {}), "no bar on a terminal"
    assert "importguard:" not in _on_a_terminal(demo, {"CI": "true"})
    piped = run_importguard(demo, "tests", env={"IMPORTGUARD_PROGRESS_DELAY": "0", "TERM": "xterm", "CI": ""})
    assert "importguard:" not in piped.stderr and "\r" not in piped.stderr


def test_output_file_parent_directories_are_created_as_flake8_does(tmp_path, project_copy, run_importguard):
    demo = project_copy(tmp_path, DEMO)
    proc = run_importguard(demo, "tests", "--format=json", "--output-file=reports/ci/findings.json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert json.loads((demo / "reports/ci/findings.json").read_text())
    report = run_importguard(demo, "report", "tests", "--output-file=pages/report.md")
    assert report.returncode == 0 and (demo / "pages/report.md").read_text().startswith("# importguard report")


@pytest.mark.parametrize("target", ["tests", "app/__init__.py/x.json"])  # a directory; under a file
def test_an_output_file_that_cannot_be_written_exits_2(tmp_path, project_copy, run_importguard, target):
    demo = project_copy(tmp_path, DEMO)
    for args in (("tests",), ("report", "tests")):
        proc = run_importguard(demo, *args, f"--output-file={target}")
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert f"--output-file {target}: cannot write:" in proc.stderr, proc.stderr
    assert (demo / "tests").is_dir()


def test_every_format_gives_a_finding_the_same_fingerprint(tmp_path, write_tree, run_importguard):
    """JSON, GitLab and SARIF name each finding alike (a dashboard may read one and CI another),
    unique even for two findings of the same statement."""
    twice = "from app.db.models_agent import Gone\n"
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": twice + twice + "import app.db.gone\n"})
    as_json = [i["fingerprint"] for i in json.loads(run_importguard(tmp_path, "tests", "--format=json").stdout)]
    gitlab = [i["fingerprint"] for i in json.loads(run_importguard(tmp_path, "tests", "--format=gitlab").stdout)]
    sarif = [r["partialFingerprints"]["importguard/v1"] for r in
             json.loads(run_importguard(tmp_path, "tests", "--format=sarif").stdout)["runs"][0]["results"]]
    assert len(as_json) == 3 and len(set(as_json)) == 3
    assert as_json == gitlab == sarif


def test_json_name_and_module_are_null_when_the_finding_has_none(demo, run_importguard):
    items = json.loads(run_format(run_importguard, demo, "json"))
    assert all(i["name"] != "" and i["module"] != "" for i in items), items
    several = [i for i in items if i["code"] == "IMG101" and " and " in i["message"]]
    assert several and all(i["name"] is None and i["module"] for i in several)
    assert any(i["code"] == "IMG101" and i["name"] == "Thread" for i in items)
