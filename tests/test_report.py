"""`importguard report`: one page whose numbers are a plain run's, exactly."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from collections import Counter

import pytest


from support import APP, DEMO, MARK, mark_kept, kept_shards

SUITE = {
    **APP, "pyproject.toml": "",
    "tests/test_threads.py": ("from app.db.models_agent import Threads\n\n\n"
                              "def test_one():\n    pass\n\n\nasync def test_two():\n    pass\n\n\n"
                              "class TestThreads:\n    def test_three(self):\n        pass\n\n"
                              "    def helper(self):\n        pass\n\n\nclass Helper:\n    def test_not(self):\n"
                              "        pass\n"),
    "tests/test_more.py": ("from app.db.models_agent import Threads\nfrom app.models.gone import X\n\n\n"
                           "def test_a():\n    pass\n"),
    "tests/test_mock.py": "from unittest.mock import Mock\n\nThread = Mock\n\n\ndef test_m():\n    pass\n",
    "tests/test_ok.py": "from app.db.models_agent import Thread\n\n\ndef test_ok():\n    pass\n",
}


def test_numbers_match_a_plain_run(tmp_path, project_copy, run_importguard):
    root = project_copy(tmp_path, DEMO)
    plain = json.loads(run_importguard(root, "tests", "--format=json").stdout)
    proc = run_importguard(root, "report", "tests", "--format=json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["findings"] == len(plain)
    assert data["by_code"] == dict(Counter(i["code"] for i in plain))
    assert data["files_with_findings"] == len({i["path"] for i in plain})
    assert data["fixable"] == sum(i["fixable"] for i in plain)
    broken = {i["path"] for i in plain if i["code"].startswith("IMG1")}
    assert [f["path"] for f in data["uncollectable"]["list"]] == sorted(broken)
    assert sum(data["broken_by_repair"].values()) == sum(1 for i in plain if i["code"].startswith("IMG1"))
    assert {c: v["count"] for c, v in data["placeholders"].items()} == dict(
        Counter(i["code"] for i in plain if i["code"].startswith("IMG2")))
    assert sum(c["findings"] for c in data["root_causes"]) == sum(1 for i in plain if i["code"].startswith("IMG1"))


def test_tests_held_repairs_placeholders_and_causes(tmp_path, write_tree, run_importguard):
    root = write_tree(tmp_path, SUITE)
    data = json.loads(run_importguard(root, "report", "--format=json").stdout)
    assert data["test_files"] == 5  # tests/__init__.py is a test file too
    assert data["uncollectable"] == {"files": 2, "tests": 4, "list": [
        {"path": "tests/test_more.py", "tests": 1, "findings": 2},
        {"path": "tests/test_threads.py", "tests": 3, "findings": 1}]}
    assert data["broken_by_repair"] == {"alias": 2, "move": 0, "module move": 0, "import added": 0, "stub only": 1,
                                        "none": 0}
    assert data["placeholders"] == {"IMG201": {"count": 1, "hide_existing": 1}}
    assert data["root_causes"][0] == {"cause": "'Threads' in 'app.db.models_agent'", "test_files": 2, "findings": 2,
                                      "lives_now": "did you mean 'Thread'?"}
    assert {"cause": "'app.models.gone'", "test_files": 1, "findings": 1,
            "lives_now": "'X' is defined nowhere in the project"} in data["root_causes"]
    assert data["top_files"][0] == {"path": "tests/test_more.py", "findings": 2}


AGED = {"suite": (SUITE, 1)}  # old enough for the graph to keep the findings (conftest.aged)


def test_a_warm_report_and_baseline_are_the_cold_ones(aged, write_tree, run_importguard):
    """From the findings the project graph keeps (no file read again): the same tests held,
    the same baseline keys."""
    root = aged("suite")  # SUITE, old enough for the graph to keep the findings
    cold = run_importguard(root, "report", "--format=json").stdout
    assert run_importguard(root, "--write-baseline", "base.json", "tests").returncode == 0
    cache = kept_shards(os.path.join(root, ".importguard_cache"))
    assert cache and all('"statements"' in pathlib.Path(path).read_text(encoding="utf-8") for path in cache)
    assert run_importguard(root, "report", "--format=json").stdout == cold
    mark_kept(os.path.join(root, ".importguard_cache"), {**MARK, "cause": None})  # shows where an entry is reused
    write_tree(root, {"tests/test_ok.py": "from app.db.models_agent import Gone\n\n\n" + SUITE["tests/test_ok.py"]})
    new = run_importguard(root, "--baseline", "base.json", "tests").stdout.splitlines()
    assert [line.split(": ")[0] for line in new if "'KEPT'" not in line] == ["tests/test_ok.py:1:1"]
    assert {line.split(":")[0] for line in new if "'KEPT'" in line} == {  # reused under a baseline: all but test_ok
        "tests/__init__.py", "tests/test_threads.py", "tests/test_more.py", "tests/test_mock.py"}


def test_a_broken_package_line_is_one_root_cause_of_many_test_files(tmp_path, write_tree, run_importguard):
    """One line of a package __init__ that re-exports a name its submodule lost breaks every test
    importing the package: the report counts them under that line (IMG105's cause)."""
    root = write_tree(tmp_path, {
        "pyproject.toml": "", "app/__init__.py": "",
        "app/models/__init__.py": "from .session import Session\n",
        "app/models/session.py": "class UserSession:\n    pass\n",
        "app/models/plans.py": "PLANS = ()\n",
        **{f"tests/test_{n}.py": f"from app.models import plans  # test {n}\n" for n in range(3)},
    })
    plain = json.loads(run_importguard(root, "tests", "--format=json").stdout)
    assert {(i["code"], i["cause"]["file"], i["cause"]["line"]) for i in plain} == {
        ("IMG105", "app/models/__init__.py", 1)}
    data = json.loads(run_importguard(root, "report", "tests", "--format=json").stdout)
    [cause] = data["root_causes"]
    assert {k: cause[k] for k in ("cause", "test_files", "findings")} == {
        "cause": "app/models/__init__.py:1", "test_files": 3, "findings": 3}


def test_a_broken_conftest_is_one_finding_that_blocks_every_test_module_under_it(
        tmp_path, write_tree, run_importguard, run_flake8):
    """pytest imports tests/conftest.py before any test module below it: its failing line is one
    finding (flake8 prints it once), the report lists every test module under it as one that cannot
    be collected, and the JSON output names them on that finding; a conftest whose failing import
    runs only in a fixture blocks nothing."""
    root = write_tree(tmp_path, {
        "pyproject.toml": "", "app/__init__.py": "", "app/orders.py": "def place():\n    return 1\n",
        "app/schemas/__init__.py": "from app.schemas.user import User\n",
        "app/schemas/User.py": "class User:\n    pass\n",
        "tests/conftest.py": "from app.schemas import User\n",
        **{f"tests/unit/test_{n}.py": "from app.orders import place\n\n\ndef test_it():\n    assert place()\n"
           for n in range(3)},
        "other/conftest.py": "def fixture():\n    from app.schemas import User\n    return User\n",
        "other/test_other.py": "from app.orders import place\n\n\ndef test_other():\n    assert place()\n",
    })
    lines = run_flake8(root, "--select=IMG", "tests", "other").stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        os.path.join("other", "conftest.py") + ":2:5", os.path.join("tests", "conftest.py") + ":1:1"], lines
    plain = json.loads(run_importguard(root, "tests", "other", "--format=json").stdout)
    assert {(i["path"], i["code"], tuple(sorted(i["blocks"]))) for i in plain} == {
        ("tests/conftest.py", "IMG105", tuple(f"tests/unit/test_{n}.py" for n in range(3))),
        ("other/conftest.py", "IMG105", ())}
    github = run_importguard(root, "tests", "other", "--format=github").stdout.splitlines()
    said = [line.split("::")[-1] for line in github if "(pytest cannot collect" in line]
    assert len(github) == 2 and len(said) == 1, github
    assert said[0].startswith("IMG105 importing 'app.schemas' fails") and said[0].endswith(
        "(pytest cannot collect the 3 test modules under it)"), said
    [result] = json.loads(run_importguard(root, "tests", "--format=sarif").stdout)["runs"][0]["results"]
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["relatedLocations"]] == [
        f"tests/unit/test_{n}.py" for n in range(3)]
    data = json.loads(run_importguard(root, "report", "tests", "other", "--format=json").stdout)
    assert {i["path"] for i in data["uncollectable"]["list"]} == {
        "tests/conftest.py", "other/conftest.py", *(os.path.join("tests", "unit", f"test_{n}.py") for n in range(3))}
    assert data["uncollectable"]["tests"] == 3


@pytest.mark.parametrize("scenario, blocked", [
    ("root_conftest", ["tests/test_accounts.py", "tests/unit/test_more.py"]),
    ("root_conftest_twin", []),
])
def test_the_root_conftest_above_the_tests_named_is_checked_and_blocks_them(
        scenario, blocked, tmp_path, project_copy, run_importguard):
    """`pytest tests/...` imports the root's conftest.py before any test module, although `tests`
    is what is named: `importguard tests` checks it too, its failing import blocks every test module
    (so does naming one of them), and the report counts them; one whose imports all work says nothing."""
    root = project_copy(tmp_path, scenario)
    for named in ("tests", "tests/unit/test_more.py"):
        plain = json.loads(run_importguard(root, named, "--no-cache", "--format=json").stdout)
        under = [p for p in blocked if p.startswith(os.path.dirname(named) or named)]
        assert [(i["path"], i["line"], i["code"], sorted(i["blocks"])) for i in plain] == (
            [("conftest.py", 3, "IMG102", under)] if blocked else []), named
    data = json.loads(run_importguard(root, "report", "tests", "--no-cache", "--format=json").stdout)
    assert data["uncollectable"]["tests"] == len(blocked)


def test_markdown_page_and_compare(tmp_path, write_tree, run_importguard):
    root = write_tree(tmp_path, SUITE)
    run_importguard(root, "tests", "--write-baseline=before.json")
    (root / "tests/test_more.py").write_text("def test_a():\n    pass\n")
    page = run_importguard(root, "report", "tests", "--compare=before.json")
    assert page.returncode == 0, page.stderr
    text = page.stdout
    assert text.startswith("# importguard report\n")
    assert "5 test files scanned: 2 findings in 2 files, 2 fixable by `importguard --fix`." in text
    assert ("1 test files cannot be collected (at least one IMG1xx or an IMG103 read at import, "
            "or under a conftest.py that fails); "
            "they hold 3 tests.") in text
    assert "| IMG101 | missing-module | 1 | 0 | 0 | 1 | -1 |" in text
    assert "| IMG102 | missing-name | 2 | 1 | 0 | 1 | -1 |" in text
    assert "| IMG201 | mock-placeholder | 1 | 1 | 0 | 0 | +0 |" in text
    out = root / "report.md"
    assert run_importguard(root, "report", "tests", f"--output-file={out}").stdout == ""
    assert out.read_text().startswith("# importguard report\n")


def test_every_code_family_has_a_section(tmp_path, write_tree, run_importguard):
    """Every code with findings is in a table of the page; the families no other section lists
    (missing attributes, stubs left, stale patch targets) are listed finding by finding, with
    where the name lives now."""
    root = write_tree(tmp_path / "suite", {
        **APP, "pyproject.toml": "",
        "tests/test_all.py": ("import app.db.models_agent\nfrom unittest.mock import Mock, patch\n"
                              "from app.db.models_agent import Threads, Gone\n\nTeam = Mock\n\n\n"
                              "def test_a():\n    assert app.db.models_agent.Threadz\n\n\n"
                              "@patch('app.db.models_agent.Thread.sav')\ndef test_b(m):\n    pass\n"),
    })
    stubbed = write_tree(tmp_path / "stubbed", {**APP, "pyproject.toml": "",
                                                "tests/test_gone.py": "from app.db.models_agent import Gone\n"})
    assert run_importguard(stubbed, "--stub", "tests").returncode == 1
    write_tree(root, {"app/stubs.py": (stubbed / "app/db/models_agent.py").read_text()})
    data = json.loads(run_importguard(root, "report", ".", "--format=json").stdout)
    assert set(data["by_code"]) == {"IMG102", "IMG103", "IMG201", "IMG301", "IMG401"}
    assert data["findings"] == sum(data["by_code"].values())
    assert [(i["code"], i["line"], i["lives_now"]) for i in data["missing_attributes"]["list"]] == [
        ("IMG103", 9, "did you mean 'Thread'?")]
    assert [(i["path"], i["code"]) for i in data["stubs"]["list"]] == [("app/stubs.py", "IMG301")]
    assert [(i["code"], i["line"]) for i in data["patch_targets"]["list"]] == [("IMG401", 12)]
    assert data["patch_targets"]["count"] == 1
    text = run_importguard(root, "report", ".").stdout
    for code in data["by_code"]:
        assert f"| {code} |" in text, code
    for title in ("Missing attributes", "Stubs still present", "Stale patch targets"):
        assert f"## {title}" in text
    assert "| `tests/test_all.py:9` | IMG103 | module 'app.db.models_agent' has no attribute 'Threadz' | " \
           "did you mean 'Thread'? |" in text
    assert "| 'Gone' in 'app.db.models_agent' | 1 | 1 | 'Gone' is defined in 'app.stubs' |" in text


def test_compare_shows_added_and_fixed_apart(tmp_path, write_tree, run_importguard):
    root = write_tree(tmp_path, SUITE)
    run_importguard(root, "tests", "--write-baseline=before.json")
    # one finding fixed, one added: the counts per code do not move, the lists say what happened
    write_tree(root, {"tests/test_more.py": ("from app.db.models_agent import Threads\n"
                                             "from app.models.gone import Y\n\n\ndef test_a():\n    pass\n")})
    data = json.loads(run_importguard(root, "report", "tests", "--compare=before.json", "--format=json").stdout)
    compare = data["compare"]
    assert compare["codes"]["IMG101"] == {"baseline": 1, "now": 1, "added": 1, "fixed": 1}
    assert [(a["path"], a["line"], a["code"]) for a in compare["added"]] == [("tests/test_more.py", 2, "IMG101")]
    assert "'Y'" in compare["added"][0]["message"]
    assert [(f["file"], f["code"], f["name"], f["statement"], f["count"]) for f in compare["fixed"]] == [
        ("tests/test_more.py", "IMG101", "", "from app.models.gone import X", 1)]
    text = run_importguard(root, "report", "tests", "--compare=before.json").stdout
    assert "| IMG101 | missing-module | 1 | 1 | 1 | 1 | +0 |" in text
    assert "### Added since the baseline (1)" in text and "| `tests/test_more.py:2` | IMG101 |" in text
    assert "### Fixed since the baseline (1)" in text
    assert "| `tests/test_more.py` | IMG101 | `from app.models.gone import X` | 1 |" in text


ATTRIBUTES_AT_IMPORT = {
    "pyproject.toml": "", "app/__init__.py": "", "app/models.py": "class Plan:\n    FREE = 1\n",
    "tests/__init__.py": "",
    "tests/test_module_level.py": "from app import models\n\nFREE = models.UserPlan.FREE\n\n\n"
                                  "def test_a():\n    assert FREE\n",
    "tests/test_class_body.py": "from app import models\n\n\nclass TestPlan:\n    plan = models.UserPlan\n\n"
                                "    def test_a(self):\n        assert self.plan\n",
    "tests/test_decorator.py": "import pytest\n\nfrom app import models\n\n\n@pytest.mark.parametrize("
                               "'plan', [models.UserPlan])\ndef test_a(plan):\n    assert plan\n",
    "tests/test_in_body.py": "from app import models\n\n\ndef test_a():\n    assert models.UserPlan\n",
    "tests/test_conditional.py": "import os\n\nfrom app import models\n\nif os.environ.get('NEVER_SET_X'):\n"
                                 "    PLAN = models.UserPlan\n\n\ndef test_a():\n    pass\n",
    "tests/test_short_circuit.py": "import os\n\nfrom app import models\n\n"
                                   "PLAN = os.environ.get('NEVER_SET_X') and models.UserPlan\n\n\n"
                                   "def test_a():\n    pass\n",
    "tests/sub/conftest.py": "from app import models\n\nPLAN = models.UserPlan\n",
    "tests/sub/test_under.py": "def test_a():\n    pass\n",
}


@pytest.mark.process  # pytest, in a process of its own, is the judge
def test_a_missing_attribute_read_at_import_keeps_the_file_from_collecting(tmp_path, write_tree, run_importguard):
    """IMG103 on a line that runs whenever the module is imported (module level, a class body, a
    decorator's arguments) makes the file fail to collect, as pytest says: the report counts it, the
    JSON marks it (`fails_collection`), and in a conftest it blocks every test module under it. In a
    test body, under an `if`, after an `and`: a test fails when it runs (or never), the file collects."""
    root = write_tree(tmp_path, ATTRIBUTES_AT_IMPORT)
    plain = json.loads(run_importguard(root, "tests", "--no-cache", "--format=json").stdout)
    assert {(i["path"], i["code"], i["fails_collection"], tuple(i["blocks"])) for i in plain} == {
        ("tests/test_module_level.py", "IMG103", True, ()), ("tests/test_class_body.py", "IMG103", True, ()),
        ("tests/test_decorator.py", "IMG103", True, ()), ("tests/test_in_body.py", "IMG103", False, ()),
        ("tests/test_conditional.py", "IMG103", False, ()), ("tests/test_short_circuit.py", "IMG103", False, ()),
        ("tests/sub/conftest.py", "IMG103", True, ("tests/sub/test_under.py",))}
    ours = {i["path"] for i in json.loads(run_importguard(root, "report", "tests", "--no-cache",
                                                          "--format=json").stdout)["uncollectable"]["list"]}
    failed = set()
    for path in sorted(p for p in ATTRIBUTES_AT_IMPORT if os.path.basename(p).startswith("test_")):
        proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                               "-p", "no:importguard", path], cwd=root, capture_output=True, text=True)
        if proc.returncode != 0:
            failed.add(path)
    assert failed == {"tests/test_module_level.py", "tests/test_class_body.py", "tests/test_decorator.py",
                      "tests/sub/test_under.py"}
    assert ours == failed | {"tests/sub/conftest.py"}
