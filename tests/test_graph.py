"""The project graph through the real `importguard` command: a test file's findings are reused
while nothing they rest on changed, and checked again, exactly, when something did.

Each case checks a project once (the graph is written), marks every kept entry with a finding
no check would make (so a reused entry shows in the output), changes one thing, and checks again:
the files the change reaches lose the mark and report what a run without any cache reports; the
files it cannot reach keep the mark.
"""
from __future__ import annotations

import os
import time

import pytest

from flake8_importguard.index.cache import RACY_NS
from support import GRAPHED, kept_tests, mark_kept

PROJECT = {
    **GRAPHED,
    "app/models/other.py": "X = 1\n",
    "tests/test_other.py": "from app.models.other import X\n",  # reaches session.py only through the chain
}

# change -> (files changed: text, or None to delete), tests it must reach, tests it cannot reach
CASES = {
    "re-exporting __init__": ({"app/models/__init__.py": ""}, {"test_models", "test_hint"},
                              {"test_api", "test_flags", "test_flows", "test_util"}),
    "star-imported module": ({"app/api/views.py": "def show():\n    return 1\n"}, {"test_api"},
                             {"test_models", "test_hint", "test_flags", "test_flows", "test_util"}),
    # pytest imports the conftest before every test file below it: each verdict starts from what it leaves
    "conftest": ({"tests/conftest.py": "import app.flags\n"},
                 {"test_flags", "test_models", "test_api", "test_flows", "test_util", "test_hint"}, set()),
    # a conftest added above them all (each directory's conftests are found once a run, and every
    # test file there records the listings they were found in)
    "a conftest added at the root": ({"conftest.py": "from app.util import gone\n"},
                                     {"test_flags", "test_models", "test_api", "test_flows", "test_util", "test_hint"},
                                     set()),
    "test helper": ({"tests/helpers/flows.py": "class FlowBase:\n    pass\n\n\ndef make_user():\n    return {}\n"},
                    {"test_flows"}, {"test_models", "test_api", "test_flags", "test_util", "test_hint"}),
    "a home in a test helper": ({"tests/helpers/flows.py": "class UserFlowTestBase:\n    pass\n"},
                                {"test_hint", "test_flows"}, {"test_models", "test_api", "test_flags", "test_util"}),
    # a file added to or deleted from app/ changes a listing that every test file's conftest read
    # (tests/conftest.py imports app.flags, found by listing app/): none is trusted after it
    "a new home": ({"app/accounts.py": "def make_user():\n    return {}\n"}, {"test_hint", "test_flows"}, set()),
    "a package shadows a module": ({"app/util/__init__.py": ""}, {"test_util", "test_flows"}, set()),
    "a deleted module": ({"app/util.py": None}, {"test_util", "test_flows"}, set()),
    # importing app.models fails (IMG105): the files that ask after the first one get the chain's
    # verdict from memory, and must still have recorded the modules it rests on
    "a broken link of an import chain": ({"app/models/session.py": "class Gone:\n    pass\n"},
                                         {"test_models", "test_hint", "test_other"},
                                         {"test_api", "test_flags", "test_flows", "test_util"}),
}


# copies of PROJECT old enough to be cached (conftest.aged): one per case of the module's tests
AGED = {"project": (PROJECT, len(CASES) + 1 + 4)}


@pytest.fixture(scope="module")
def aged_roots(request, aged_trees):
    """One project per case, and one for test_dependents_follow_the_edges."""
    roots = {case: aged_trees(request.module, "project") for case in CASES}
    roots["dependents"] = aged_trees(request.module, "project")
    return roots


def kept_entries(root: str) -> dict[str, dict]:
    return kept_tests(os.path.join(root, ".importguard_cache"))


def mark_kept_entries(root: str) -> None:
    mark_kept(os.path.join(root, ".importguard_cache"))


def marked(output: str) -> set[str]:
    """The test files whose kept findings were reused (their mark shows)."""
    return {os.path.basename(line.split(":")[0])[:-3] for line in output.splitlines() if "'KEPT'" in line}


def change(root: str, files: dict[str, str | None], write_tree) -> None:
    for rel, text in files.items():
        if text is None:
            os.remove(os.path.join(root, rel))
        else:
            write_tree(root, {rel: text})


@pytest.mark.parametrize("case", list(CASES))
def test_a_change_reaches_exactly_the_files_that_read_it(case, aged_roots, run_importguard, write_tree):
    root = aged_roots[case]
    files, reached, unreached = CASES[case]
    first = run_importguard(root, "-j1", "tests")
    assert "Traceback" not in first.stderr, first.stderr
    # read in one generation of the project: a run where no file changed trusts them at once
    assert all(entry["generation"] for entry in kept_entries(root).values())
    mark_kept_entries(root)
    assert marked(run_importguard(root, "-j1", "tests").stdout) >= reached | unreached  # reused
    change(root, files, write_tree)
    after = run_importguard(root, "-j1", "tests").stdout
    fresh = run_importguard(root, "-j1", "--no-cache", "tests").stdout
    assert [line for line in after.splitlines() if "'KEPT'" not in line] == fresh.splitlines()
    assert not marked(after) & reached, after
    assert marked(after) >= unreached, after
    assert fresh != first.stdout  # the change did change a finding


def test_dependents_follow_the_edges(aged_roots, run_python):
    """project.graph.dependents(changed): the test files a change may reach, from the graph
    alone (what they read, the directories they listed, their whole-project questions); None
    before anything was checked. Run in the same interpreter setup as the check that wrote it."""
    root = aged_roots["dependents"]
    ask = ("from flake8_importguard.run.session import Session; from flake8_importguard.base.config import Settings; "
           "s = Session(); g = s.graph(s.project_for('pyproject.toml', Settings())); d = g.dependents(changed); "
           "print('cold' if d is None else ' '.join(sorted(p.rsplit('/', 1)[1][:-3] for p in d)))")

    def dependents(*changed: str) -> set[str] | None:
        proc = run_python(root, f"changed = {[os.path.join(root, c) for c in changed]!r}; {ask}")
        assert proc.returncode == 0, proc.stderr
        return None if proc.stdout.strip() == "cold" else set(proc.stdout.split())

    assert dependents("app/api/views.py") is None
    check = run_python(root, "from flake8_importguard.cli import main; main(['-j1', 'tests'])")
    assert "IMG102 'make_user'" in check.stdout, check.stderr
    assert dependents("app/api/views.py") == {"test_api"}
    assert dependents("app/models/__init__.py") >= {"test_models", "test_hint"}
    assert not dependents("app/models/__init__.py") & {"test_api", "test_util", "test_flows"}
    assert dependents("app/models/session.py") >= {"test_models", "test_hint", "test_other"}  # the chain
    assert not dependents("app/models/session.py") & {"test_api", "test_util", "test_flows"}
    # test_hint asked where else make_user lives, and flows.py mentions it
    assert dependents("tests/helpers/flows.py") == {"test_flows", "flows", "test_hint"}
    # pytest imports conftest.py before every test file below it: each one that imports anything
    # (test_flags also asked who sets EXTRA on app.flags, which conftest.py mentions)
    assert dependents("tests/conftest.py") == {"conftest", "test_flags", "test_models", "test_api", "test_flows",
                                               "test_hint", "test_util", "test_other"}
    assert dependents("README.md") == set()  # not Python: no test reads it, no answer rests on it
    os.remove(os.path.join(root, "app", "util.py"))
    assert dependents("app/util.py") >= {"test_util"}  # deleted where the check looked for it
    check = run_python(root, "from flake8_importguard.cli import main; main(['-j1', 'tests'])")
    assert "IMG101 module 'app.util'" in check.stdout  # the graph now knows the deletion ...
    reached = dependents("app/util.py")  # ... and a hook asking about it still reaches its tests (and,
    assert "test_util" in reached  # through the conftest's listing of app/, every test file: see CASES)


LOOK = ("from flake8_importguard.run.session import Session; from flake8_importguard.base.config import Settings; "
        "s = Session(); p = s.project_for('pyproject.toml', Settings()); g = s.graph(p); "
        "gone = sorted(t.rsplit('/', 1)[1][:-3] for t in p.census.test_files() if g.kept(t) is None); "
        "print(g.compared, ' '.join(gone))")


@pytest.mark.parametrize("edits", [
    # (file, new text, the test files it reaches, whether their entries hold: the same bytes they read)
    [("app/api/views.py", "def show():\n    return 1\n", {"test_api"}, False)],
    # new timestamps, the same bytes: no change (the same generation), nothing compared or written again
    [("app/api/views.py", PROJECT["app/api/views.py"], set(), True)],
    [("app/api/views.py", "def render():\n    return 2\n", {"test_api"}, False),  # then, a generation later,
     ("app/util.py", "def helper():\n    return 2\n", {"test_util"}, False)],  # entries read two generations ago
    [("app/models/session.py", "class Session:\n    x = 1\n", {"test_models", "test_other", "test_hint"}, False)],
])
def test_one_edit_revalidates_only_the_entries_it_reaches(aged, write_tree, run_python, edits):
    """Counted, not timed: after an edit the graph compares file by file only the entries that a
    reverse edge leads to from the changed file; every other entry holds at once, and is not
    written again. The run after compares none."""
    root = aged("project")

    def look() -> tuple[int, set[str]]:
        proc = run_python(root, LOOK)
        assert proc.returncode == 0, proc.stderr
        compared, *gone = proc.stdout.split()
        return int(compared), set(gone)

    def check() -> str:
        proc = run_python(root, "from flake8_importguard.cli import main; main(['-j1', 'tests'])")
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout

    check()
    assert look() == (0, set())
    for path, text, reached, holds in edits:
        before = {key: entry["generation"] for key, entry in kept_entries(root).items()}
        write_tree(root, {path: text})
        time.sleep(RACY_NS / 1e9 + 0.2)
        assert look() == (len(reached), set() if holds else reached)
        after = check()
        assert after == run_python(root, "from flake8_importguard.cli import main; "
                                         "main(['-j1', '--no-cache', 'tests'])").stdout
        rewritten = {os.path.basename(key.split("\0")[0])[:-3] for key, entry in kept_entries(root).items()
                     if before.get(key) != entry["generation"]}
        assert rewritten == reached  # the others were not even written again
        assert look() == (0, set())
