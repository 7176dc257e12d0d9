"""The census in the index (index/census.py): its lists and its files' signatures are sharded by
directory ("census-NN", snapshot.py) beside a small record of its generation and directories
("census"), so that an edit rewrites the shard of the directory it touched and that record; a
directory changed too recently to tell is kept without its signature and listed again, alone,
next time. In-process, on projects on disk with their real cache; every run reports what a run
without any cache reports.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import time

import pytest

from flake8_importguard.base.config import Settings
from flake8_importguard.index.cache import RACY_NS, signature
from flake8_importguard.index.snapshot import Section, Snapshot
from flake8_importguard.run.session import Session
from support import lint_census as lint, write_tree

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/billing.py": "class Invoice:\n    pass\n",
    "app/users.py": "class User:\n    pass\n",
    "app/sub/__init__.py": "",
    "app/sub/deep.py": "X = 1\n",
    "app/zz.py": "Y = 2\n",  # walked before app/sub's modules: the kept lists keep the walk's order
    "tests/test_invoice.py": "from app.billing import Invoice\n",
    "tests/test_refund.py": "from app.billing import Refund\n",
    "tests/test_extra.py": "from extra import Thing\n",
}
N_PROJECTS = 7  # at least one per test
SETTLE = RACY_NS / 1e9 + 0.2  # what changed is old enough to be kept after this


AGED = {"project": (PROJECT, N_PROJECTS)}  # written with every module's before the session's one wait


@pytest.fixture
def project(aged):
    """A copy of PROJECT old enough to be cached, this test's own (conftest.aged)."""
    return aged("project")


def census_files(root: str) -> dict[str, tuple[int, bytes]]:
    """The census's files in the index, by shard name: modification time and bytes."""
    base = Snapshot(os.path.join(root, ".importguard_cache"), root).base
    found = {}
    for path in glob.glob(f"{base}-census*.json"):
        with open(path, "rb") as f:
            found[path[len(base) + 1:-len(".json")]] = (os.stat(path).st_mtime_ns, f.read())
    return found


def young(directory: str) -> None:
    """Make a directory's last change look too recent to tell (a minute ahead: however loaded
    the machine, it stays within the racy window for the whole test)."""
    now = time.time_ns()
    os.utime(directory, ns=(now, now + 60 * 10**9))


def test_the_census_is_kept_by_directory(project):
    first, walked = lint(project)
    time.sleep(SETTLE)
    again, census = lint(project)  # the root's record settled (the index directory was made in it)
    assert again == first and walked.walked and not census.walked
    assert (census.modules(), census.test_files()) == (walked.modules(), walked.test_files())
    files = census_files(project)
    record = json.loads(files["census"][1])
    assert set(record[Section.MODULES]) == {"census", "signatures"} and not record[Section.FILES]
    keys: dict[str, set[str]] = {}
    for shard, (_, data) in files.items():
        for key in json.loads(data)[Section.FILES]:
            assert Snapshot.shard_of(Section.FILES, key) == shard and not os.path.isabs(key)
            keys.setdefault(shard, set()).add(key)
    assert set().union(*keys.values()) == {os.path.relpath(p, project) for p in census.signatures()}
    listed = Snapshot(os.path.join(project, ".importguard_cache"), project).entries(Section.LISTED)
    assert {"", "app", "tests"} <= set(listed) and all(entry[0] is not None for entry in listed.values())
    with open(os.path.join(project, "app", "billing.py"), "a", encoding="utf-8") as f:
        f.write("\n\nclass Credit:\n    pass\n")
    time.sleep(SETTLE)
    after, _ = lint(project)
    assert after == first == lint(project, no_cache=True)[0]
    rewritten = {shard for shard, found in census_files(project).items() if files.get(shard) != found}
    assert rewritten == {Snapshot.shard_of(Section.FILES, "app/billing.py"), "census"}


@pytest.mark.parametrize("directory, added", [("", "extra.py"), ("tests", "test_more.py")])
def test_a_young_directory_is_listed_again_alone(project, directory, added):
    """The root changes when the index directory is made or removed in it, a test directory when
    a test file is added: the lists are kept all the same, the young directory without its
    signature, so that the next run lists that directory alone and compares; a change made to it
    meanwhile is seen."""
    path = os.path.join(project, directory)
    if directory:  # an index, settled; then a test file added
        lint(project)
        time.sleep(SETTLE)
        lint(project)
        write_tree(project, {f"{directory}/test_new.py": "from app.users import Customer\n"})
    young(path)
    first, census = lint(project)
    assert census.walked and first == lint(project, no_cache=True)[0]
    listed = Snapshot(os.path.join(project, ".importguard_cache"), project).entries(Section.LISTED)
    assert listed[directory][0] is None and all(entry[0] is not None for d, entry in listed.items() if d != directory)
    young(path)  # still too recent to tell (the index directory was made in it meanwhile)
    again, census = lint(project)
    assert again == first and not census.walked and census.relisted == [directory]
    write_tree(project, {os.path.join(directory, added): "class Thing:\n    pass\n"})
    young(path)
    after, census = lint(project)
    assert census.walked and after == lint(project, no_cache=True)[0]
    new = os.path.join(path, added)
    assert ("extra", new) in census.modules() if not directory else new in census.test_files()
    again, census = lint(project)
    assert again == after and not census.walked and census.relisted == [directory]


def test_census_shards_out_of_step_with_its_record_are_not_trusted(project):
    """A shard of the census that is not the one its record was kept with (a write cut short, or
    read while another process wrote) is not taken for the generation the record names."""
    first, _ = lint(project)
    time.sleep(SETTLE)
    lint(project)
    shard = Snapshot.shard_of(Section.FILES, "app/billing.py")
    [path] = glob.glob(os.path.join(project, ".importguard_cache", f"index-*-{shard}.json"))
    with open(path, "rb") as f:
        older = f.read()
    with open(os.path.join(project, "app", "billing.py"), "a", encoding="utf-8") as f:
        f.write("\n\nclass Refund:\n    pass\n")
    time.sleep(SETTLE)
    edited, census = lint(project)
    assert census._previous() is not None and edited != first
    with open(path, "wb") as f:
        f.write(older)
    after, census = lint(project)
    assert census._previous() is None and after == edited == lint(project, no_cache=True)[0]
    again, census = lint(project)
    assert census._previous() is not None and again == edited


def test_a_copy_just_made_rewrites_no_census_shard(project, tmp_path):
    """A copy of the project with its index (new timestamps on the same bytes, too recent to
    keep) reads the census as it is: the same generation, nothing written; once settled, its
    signatures are kept (paths relative to the root: the same keys)."""
    first, _ = lint(project)
    time.sleep(SETTLE)
    lint(project)
    copy = str(tmp_path / "copy")
    shutil.copytree(project, copy, copy_function=shutil.copyfile)
    before = census_files(copy)
    assert {shard: data for shard, (_, data) in before.items()} == {
        shard: data for shard, (_, data) in census_files(project).items()}
    moved, census = lint(copy)
    assert moved == first and not census.walked and census._previous() is not None
    assert census_files(copy) == before and census.generation() == lint(project)[1].generation()
    time.sleep(SETTLE)
    again, census = lint(copy)
    assert again == first and not census.walked
    files = Snapshot(os.path.join(copy, ".importguard_cache"), copy).entries(Section.FILES)
    assert files["app/billing.py"][0] == signature(os.path.join(copy, "app", "billing.py"))


def test_processes_keeping_the_census_leave_its_shards_with_their_record(project):
    """Two processes keep the census, one its files' new timestamps (the generation it read),
    the other an edit (a new generation); the one that writes last leaves its shards with its
    record, whichever it is."""
    first, _ = lint(project)
    time.sleep(SETTLE)
    lint(project)
    os.utime(os.path.join(project, "app", "users.py"))  # new timestamps, the same bytes
    time.sleep(SETTLE)
    one = Session()
    touched = one.project_for(os.path.join(project, "pyproject.toml"), Settings()).census
    generation = touched.generation()
    with open(os.path.join(project, "app", "billing.py"), "a", encoding="utf-8") as f:
        f.write("\n\nclass Credit:\n    pass\n")
    time.sleep(SETTLE)
    two = Session()
    edited = two.project_for(os.path.join(project, "pyproject.toml"), Settings()).census
    assert edited.generation() != generation
    two.flush()
    one.flush()  # last: its shards and its record
    census = Session().project_for(os.path.join(project, "pyproject.toml"), Settings()).census
    assert census._previous() is not None and census._previous()["generation"] == generation
    assert census.changed_since(generation) == {"app/billing.py"}
    assert lint(project)[0] == first == lint(project, no_cache=True)[0]
