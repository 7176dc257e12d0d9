"""An editor's save with the index warm (`flake8 --select=IMG --stdin-display-name FILE -`, the
file unchanged since the last run): it decodes the index shards of what its file reaches, asks
its whole-project questions of the index, and writes nothing. In-process, as the plugin checks a
file (a session of its own, as a new process has; the file's project; check_tree; the index
written at exit), on a project on disk warmed by a run of the importguard command.
"""
from __future__ import annotations

import ast
import glob
import os
import time

import pytest

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.codes import render
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import python_files
from flake8_importguard.index.cache import RACY_NS, IndexCache
from flake8_importguard.index.snapshot import Section, Snapshot
from flake8_importguard.lint.checker import check_tree
from flake8_importguard.run.checkrun import Run, collect
from flake8_importguard.run.session import Session

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/billing/__init__.py": "from .models import Invoice\n",
    "app/billing/models.py": "class Invoice:\n    pass\n\n\nclass Refund:\n    pass\n",
    "app/users/__init__.py": "",
    "app/users/models.py": "class User:\n    pass\n",
    "tests/__init__.py": "",
    "tests/billing/__init__.py": "",
    "tests/billing/test_clean.py": "from app.billing import Invoice\n",
    "tests/billing/test_broken.py": "from app.billing.models import Refnd\n",
    "tests/users/__init__.py": "",
    "tests/users/test_user.py": "from app.users.models import User\n",
}
# the directories whose modules a save of a file under tests/billing reads: its packages, and app's
REACHED = ("", "app", "app/billing", "tests", "tests/billing")
SUMMARY_SHARDS = {Snapshot.shard_of(Section.SUMMARIES, os.path.join(d, "x.py") + "\0") for d in REACHED}
USERS = Snapshot.shard_of(Section.SUMMARIES, "app/users/models.py\0app.users")
PER_TEST_FILE = ("tests-", "scan-", "suite-", "readers-")  # what a run keeps for each test file and its edges
N_PROJECTS = 8  # at least one per test


AGED = {"project": (PROJECT, N_PROJECTS)}  # written with every module's before the session's one wait


@pytest.fixture(scope="module")
def aged(request, aged_trees):
    """Projects old enough to be cached (conftest.aged_trees), each warmed by a run of `importguard tests`."""
    roots = [aged_trees(request.module, "project") for _ in range(N_PROJECTS)]
    for root in roots:
        run = Run(Settings(), Session())
        collect(run, sorted(python_files([os.path.join(root, "tests")])), 1)
        run.session.flush()
    return roots


@pytest.fixture
def project(aged):
    return aged.pop()


def save(root: str, path: str, keeping: bool = False) -> tuple[list[str], Project]:
    """What the flake8 plugin reports for `path` on standard input, in a new process (whose
    session keeps no check's reads, as the plugin's; `keeping`: as the importguard command's)."""
    session = Session(keeping=keeping)
    full = os.path.join(root, path)
    with open(full, "rb") as f:
        tree = ast.parse(f.read())
    project = session.project_for(full, Settings())
    found = [render(finding) for finding in check_tree(tree, full, project)]
    session.flush()
    return found, project


def shards_read(project: Project) -> list[str]:
    assert isinstance(project.cache, IndexCache)
    return project.cache.snapshot.shards_read()


def on_disk(root: str) -> dict[str, tuple[int, int, int]]:
    """Every file of the index: its inode, size and modification time."""
    found = {}
    for path in glob.glob(os.path.join(root, ".importguard_cache", "*")):
        st = os.stat(path)
        found[os.path.basename(path)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found


def test_a_warm_save_decodes_the_shards_of_what_its_file_reaches(project):
    assert USERS not in SUMMARY_SHARDS  # a shard that only another test file's modules are in
    assert any(os.path.basename(p).endswith(f"-{USERS}.json") for p in on_disk(project))
    found, checked = save(project, "tests/billing/test_clean.py")
    assert found == []
    read = shards_read(checked)
    assert Snapshot.shard_of(Section.SUMMARIES, "app/billing/models.py\0app.billing") in read
    # no whole-project question (the census and its answers), nothing kept per test file, no other package
    assert set(read) <= SUMMARY_SHARDS | {"meta"}, read


def test_a_warm_save_of_a_broken_file_answers_from_the_index(project):
    found, checked = save(project, "tests/billing/test_broken.py")
    assert found == ["IMG102 'Refnd' is not defined in 'app.billing.models'; did you mean 'Refund'?"]
    read = shards_read(checked)
    answers = Snapshot.shard_of(Section.ANSWERS, "writes\0Refnd")  # who sets `Refnd` on a module, from elsewhere
    assert {"census", answers} <= set(read)  # kept there, in the shard of that question: not every answer
    assert checked.census.computed == 0
    assert not [shard for shard in read if shard.startswith(PER_TEST_FILE)], read  # no file's words read
    assert set(read) <= SUMMARY_SHARDS | {"meta", "census", *Snapshot.shards_of(Section.FILES)} | {
        Snapshot.shard_of(Section.ANSWERS, f"{kind}\0Refnd") for kind in ("writes", "homes", "renamed", "near")}, read


@pytest.mark.parametrize("path", ["tests/billing/test_clean.py", "tests/billing/test_broken.py"])
def test_a_warm_save_writes_nothing(aged, path):
    root = aged.pop()
    before = on_disk(root)
    assert save(root, path)[1].cache.take_new() == {}  # built nothing to keep
    assert on_disk(root) == before


def test_a_warm_generation_is_the_one_the_index_kept(project, write_tree):
    """Every file as the index kept it: its generation, with nothing read, hashed or kept again.
    Then the same bytes with a new timestamp (a checkout): the same generation, the new signature
    kept; then other bytes: a generation of their own, that one file changed since."""
    census = save(project, "tests/billing/test_broken.py")[1].census
    generation = census.generation()
    again = save(project, "tests/billing/test_broken.py")[1]
    assert again.census.generation() == generation and again.census.changed_since(generation) == set()
    assert again.census.digest(os.path.join(project, "app/users/models.py")) == census.digest(
        os.path.join(project, "app/users/models.py"))
    models = os.path.join(project, "app/users/models.py")
    st = os.stat(models)
    os.utime(models, ns=(st.st_atime_ns, st.st_mtime_ns - 10**9))  # the same bytes, another time
    touched = save(project, "tests/billing/test_broken.py")[1]
    assert touched.census.generation() == generation
    assert touched.census.changed_since(generation) == set()
    write_tree(project, {"app/users/models.py": "class User:\n    name = ''\n"})
    os.utime(models, ns=(st.st_atime_ns, st.st_mtime_ns - 10**9))  # old enough to be kept, another size
    edited = save(project, "tests/billing/test_broken.py")[1]
    assert edited.census.generation() != generation
    assert edited.census.changed_since(generation) == {"app/users/models.py"}


SETS_REFND = "import app.billing.models\n\napp.billing.models.Refnd = None\n"  # the name set from elsewhere
BROKEN = ["IMG102 'Refnd' is not defined in 'app.billing.models'; did you mean 'Refund'?"]


def settle() -> None:
    time.sleep(RACY_NS / 1e9 + 0.2)


def test_a_save_after_an_edit_elsewhere_sees_the_edit(project, write_tree):
    """The generation is the index's last when every file has the signature kept with it: taken
    in one pass over them. A module edited since (it now sets the name on the module) is not
    that generation: the kept answer is asked again, and the finding goes."""
    found, checked = save(project, "tests/billing/test_broken.py")
    assert found == BROKEN and checked.census.one_pass
    write_tree(project, {"app/users/models.py": "class User:\n    pass\n\n\n" + SETS_REFND})
    settle()
    found, checked = save(project, "tests/billing/test_broken.py")
    assert found == [] and not checked.census.one_pass and checked.census.computed
    found, checked = save(project, "tests/billing/test_broken.py")
    assert found == [] and checked.census.one_pass  # kept again, with the new generation


def test_a_generation_kept_from_other_lists_is_not_taken_in_one_pass(project, write_tree):
    """Two processes: one keeps the generation of the files as they were (new timestamps on
    one of them), the other walks the project for a module added since (which sets the name).
    The one that writes last leaves the census's directories of the other: the files of its
    generation are not the ones those directories hold (the digest of the directories kept with
    it says so), so the pass over them does not stand for the generation, and the added module
    is read."""
    assert save(project, "tests/billing/test_broken.py")[0] == BROKEN
    os.utime(os.path.join(project, "app", "users", "models.py"))  # new timestamps, the same bytes
    settle()
    one = Session()
    one.project_for(os.path.join(project, "pyproject.toml"), Settings()).census.generation()
    write_tree(project, {"app/users/extra.py": SETS_REFND})
    settle()
    two = Session()
    two.project_for(os.path.join(project, "pyproject.toml"), Settings()).census.generation()
    two.flush()
    one.flush()  # last: its files and the generation they make, beside the directories two found
    found, checked = save(project, "tests/billing/test_broken.py")
    assert found == [] and not checked.census.one_pass


def test_a_save_records_nothing_and_reports_what_a_recording_check_does(project):
    """The plugin keeps no check's findings, so its session records no reads (base/record.py):
    the same findings as a session that records them, and no project graph to keep them in."""
    for path in ("tests/billing/test_broken.py", "tests/billing/test_clean.py", "tests/users/test_user.py"):
        assert save(project, path)[0] == save(project, path, keeping=True)[0]
    session = Session(keeping=False)
    checked = session.project_for(os.path.join(project, "tests/billing/test_broken.py"), Settings())
    loc = checked.finder.find_module("app.billing.models", checked.layout.search_path(None))
    assert loc is not None
    with session.recorder.frame() as reads:
        checked.store.summary(loc)
    assert reads.files == set()
    with pytest.raises(RuntimeError):
        session.graph(checked)
