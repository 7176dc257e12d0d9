"""The index's write side: an edit rewrites the shards holding what it reached, not the index.

Test files' kept entries are sharded by their directory ("tests-NN", snapshot.py), each shard with
the directory listings its entries refer to; a flush writes a shard only when what the run built
changes it. What is on disk is checked file by file (inode, times, bytes), never by wall time.
"""
from __future__ import annotations

import glob
import json
import shutil
import os
import subprocess
import sys
import time

import pytest

from flake8_importguard.index.cache import RACY_NS, IndexCache
from flake8_importguard.index.snapshot import FORMAT, Section, Snapshot, rows
from support import TIMEOUT, kept_shards, kept_tests, mark_kept, without_summary

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/billing.py": "class Invoice:\n    pass\n",
    "app/users.py": "class User:\n    pass\n",
    "tests/billing/test_invoice.py": "from app.billing import Invoice\n",
    "tests/billing/test_refund.py": "from app.billing import Refund\n",
    "tests/users/test_user.py": "from app.users import User\n",
    "tests/users/test_login.py": "from app.users import Login\n",
}
BILLING, USERS = (Snapshot.shard_of(Section.TESTS, f"tests/{d}/test_x.py\0") for d in ("billing", "users"))
N_PROJECTS = 10  # at least one per test


AGED = {"project": (PROJECT, N_PROJECTS)}  # written with every module's before the session's one wait


@pytest.fixture
def project(aged):
    """A copy of PROJECT old enough to be cached, this test's own (conftest.aged)."""
    return aged("project")


def cache_of(root: str) -> str:
    return os.path.join(root, ".importguard_cache")


def on_disk(root: str) -> dict[str, tuple[int, int, bytes]]:
    """Every shard of the index, by name: its file's inode, modification time and bytes."""
    base = Snapshot(cache_of(root), root).base
    found = {}
    for path in glob.glob(f"{base}-*.json"):
        st = os.stat(path)
        with open(path, "rb") as f:
            found[path[len(base) + 1:-len(".json")]] = (st.st_ino, st.st_mtime_ns, f.read())
    return found


def shard_data(root: str, shard: str) -> dict:
    [path] = glob.glob(os.path.join(cache_of(root), f"index-*-{shard}.json"))
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def assert_listings_exact(root: str) -> None:
    """Each tests shard holds every listing its entries refer to, and no other."""
    for path in kept_shards(cache_of(root)):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        used = {f"{d}\0{digest}" for entry in data["tests"].values() for d, digest in rows(entry, "dirs")}
        assert set(data["listings"]) == used, path


def edit(root: str, path: str, text: str) -> None:
    with open(os.path.join(root, path), "a", encoding="utf-8") as f:
        f.write(text)
    time.sleep(RACY_NS / 1e9 + 0.2)  # old enough for what is read from it to be kept


def test_test_files_are_sharded_by_directory(project, lint):
    assert BILLING != USERS  # the fixture's premise: its two test directories fall in two shards
    first = lint(project)
    assert "test_refund.py:1:1: IMG102 'Refund'" in first and "test_login.py:1:1: IMG102 'Login'" in first
    billing, users = shard_data(project, BILLING)["tests"], shard_data(project, USERS)["tests"]
    assert {key.partition("\0")[0] for key in billing} == {f"tests/billing/test_{n}.py" for n in ("invoice", "refund")}
    assert {key.partition("\0")[0] for key in users} == {f"tests/users/test_{n}.py" for n in ("user", "login")}
    snapshot = Snapshot(cache_of(project), project)
    assert snapshot.entries(Section.TESTS) == {**billing, **users}  # the union of the shards
    assert set(snapshot.entries(Section.LISTINGS)) == {
        *shard_data(project, BILLING)["listings"], *shard_data(project, USERS)["listings"]}
    assert snapshot.lookup(Section.TESTS, next(iter(users))) == next(iter(users.values()))
    assert_listings_exact(project)
    assert not glob.glob(os.path.join(cache_of(project), "index-*-tests.json"))  # no shard of all of them


def test_an_edit_rewrites_only_the_shards_it_reaches(project, lint):
    first = lint(project)
    before = on_disk(project)
    assert lint(project) == first and on_disk(project) == before  # nothing changed: nothing written
    edit(project, "app/billing.py", "\n\nclass Credit:\n    pass\n")
    assert lint(project) == first == lint(project, "--no-cache")
    after = on_disk(project)
    rewritten = {shard for shard, found in after.items() if before.get(shard) != found}
    summaries = Snapshot.shard_of(Section.SUMMARIES, "app/billing.py\0")
    scan = Snapshot.shard_of(Section.SCAN, "app/billing.py\0")
    files = Snapshot.shard_of(Section.FILES, "app/billing.py")  # the census's: its signature and digest
    root = Snapshot.shard_of(Section.LISTED, "")  # the root's record: its signature settled (the index was made in it)
    # (answers: asked again, restamped)
    assert {shard for shard in rewritten if not shard.startswith("answers-")} == {
        BILLING, summaries, scan, files, root, "census"}
    assert after[USERS] == before[USERS] and not any(shard.startswith("readers") for shard in rewritten)
    assert_listings_exact(project)
    assert lint(project) == first and on_disk(project) == after


def test_deleted_test_files_are_forgotten(project, lint):
    lint(project)
    os.remove(os.path.join(project, "tests/users/test_login.py"))
    out = lint(project)
    assert "test_login" not in out and "test_refund.py:1:1: IMG102 'Refund'" in out
    assert {key.partition("\0")[0] for key in kept_tests(cache_of(project))} == {
        "tests/billing/test_invoice.py", "tests/billing/test_refund.py", "tests/users/test_user.py"}
    assert_listings_exact(project)
    os.remove(os.path.join(project, "tests/users/test_user.py"))
    lint(project)
    assert shard_data(project, USERS)["tests"] == {} and shard_data(project, USERS)["listings"] == {}
    assert shard_data(project, BILLING)["listings"]  # the billing tests' listings stay
    assert_listings_exact(project)


def test_listings_follow_the_entries_that_refer_to_them(project, lint):
    first = lint(project)
    old = shard_data(project, USERS)["listings"]
    edit(project, "app/orders.py", "class Order:\n    pass\n")  # app's listing changes: its readers are checked
    assert lint(project) == first == lint(project, "--no-cache")
    assert_listings_exact(project)
    new = shard_data(project, USERS)["listings"]
    assert any(key.startswith("app\0") for key in old) and set(old) != set(new)  # the old listing of app went
    assert [names for key, names in new.items() if key.startswith("app\0")] == [
        ["__init__.py", "billing.py", "orders.py", "users.py"]]


def test_an_index_of_the_old_format_reads_as_empty(project, lint):
    first = lint(project)
    mark_kept(cache_of(project))
    base = Snapshot(cache_of(project), project).base
    for old in ("tests", "readers"):  # the older format's shards of all test files and all edges
        with open(f"{base}-{old}.json", "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT - 1, "tests": {}, "readers": {}}, f)
    for path in glob.glob(os.path.join(cache_of(project), "index-*.json")):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        data["format"] = FORMAT - 1
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
    snapshot = Snapshot(cache_of(project), project)
    assert snapshot.entries(Section.TESTS) == {} and snapshot.entries(Section.READERS) == {}
    assert lint(project) == first  # every file checked again: no kept finding shows
    assert {json.loads(found[2])["format"] for found in on_disk(project).values()} == {FORMAT}
    assert not {"tests", "readers"} & set(on_disk(project))  # gone with the snapshot they were part of


def test_a_flush_that_changes_nothing_writes_nothing(project, lint):
    lint(project)
    before = on_disk(project)
    snapshot = IndexCache(cache_of(project), project).snapshot
    tests = snapshot.entries(Section.TESTS)
    key, entry = next(iter(tests.items()))
    snapshot.store(Section.TESTS, key, json.loads(json.dumps(entry)))  # the one read
    [(read, readers)] = list(snapshot.entries(Section.READERS).items())[:1]
    snapshot.store(Section.READERS, read, readers[:1])  # an edge already there
    snapshot.flush()
    assert on_disk(project) == before
    snapshot.store(Section.READERS, read, ["tests/elsewhere.py"])
    snapshot.flush()
    changed = {shard for shard, found in on_disk(project).items() if before[shard] != found}
    assert changed == {Snapshot.shard_of(Section.READERS, read)}
    grown = Snapshot(cache_of(project), project).lookup(Section.READERS, read)
    assert grown == sorted({*readers, "tests/elsewhere.py"})


def test_reverse_edges_built_here_add_to_those_read(project, lint):
    lint(project)
    snapshot = Snapshot(cache_of(project), project)
    readers = snapshot.lookup(Section.READERS, "app/users.py")
    assert readers == ["tests/users/test_login.py", "tests/users/test_user.py"]
    snapshot.store(Section.READERS, "app/users.py", ["tests/billing/test_invoice.py"])
    grown = ["tests/billing/test_invoice.py", *readers]
    assert snapshot.lookup(Section.READERS, "app/users.py") == grown
    assert snapshot.entries(Section.READERS)["app/users.py"] == grown


def test_a_process_writing_a_shard_read_here_loses_nothing(project, lint):
    """Two snapshots of one index, as two processes hold them: each merges with what the other
    wrote into a shard it had read, the same one or another."""
    lint(project)
    one, two = (Snapshot(cache_of(project), project) for _ in range(2))
    tests = one.entries(Section.TESTS)
    assert two.entries(Section.TESTS) == tests
    billing = next(key for key in tests if key.startswith("tests/billing/"))
    users = next(key for key in tests if key.startswith("tests/users/"))
    two.store(Section.TESTS, f"{billing.partition(chr(0))[0]}\0two", tests[billing])
    two.flush()
    one.store(Section.TESTS, f"{billing.partition(chr(0))[0]}\0one", tests[billing])  # the shard two wrote
    one.store(Section.TESTS, f"{users.partition(chr(0))[0]}\0one", tests[users])  # another
    one.flush()
    two.store(Section.TESTS, f"{users.partition(chr(0))[0]}\0two", tests[users])  # the shard one wrote
    two.flush()
    found = Snapshot(cache_of(project), project).entries(Section.TESTS)
    assert set(found) == {*tests, *(f"{key.partition(chr(0))[0]}\0{who}" for key in (billing, users)
                                    for who in ("one", "two"))}
    assert_listings_exact(project)


def test_what_is_held_is_read_at_once_and_written_when_asked(project, lint):
    """A snapshot holds what it built (a cold run's prebuild, before its checking workers are
    forked): it reads it at once as a flush would leave it, and writes it only when asked (while
    the workers check), merged again with a shard another process wrote meanwhile."""
    lint(project)
    before = on_disk(project)
    one, two = (Snapshot(cache_of(project), project) for _ in range(2))
    tests = one.entries(Section.TESTS)
    billing, users = (next(key for key in tests if key.startswith(f"tests/{d}/")) for d in ("billing", "users"))
    path = {key: key.partition(chr(0))[0] for key in (billing, users)}
    one.store(Section.TESTS, f"{path[billing]}\0one", tests[billing])
    one.store(Section.TESTS, f"{path[users]}\0one", tests[users])
    write = one.hold()
    assert on_disk(project) == before
    assert one.lookup(Section.TESTS, f"{path[billing]}\0one") == tests[billing]
    assert one.lookup_read(Section.TESTS, f"{path[users]}\0one") == tests[users]
    two.store(Section.TESTS, f"{path[billing]}\0two", tests[billing])  # the shard one holds, written meanwhile
    two.flush()
    write()
    found = Snapshot(cache_of(project), project).entries(Section.TESTS)
    assert set(found) == {*tests, f"{path[billing]}\0one", f"{path[users]}\0one", f"{path[billing]}\0two"}
    assert_listings_exact(project)
    assert one.lookup_read(Section.TESTS, f"{path[billing]}\0two") == tests[billing]  # the shard as written


RACER = """
import sys
from flake8_importguard.index.cache import IndexCache
from flake8_importguard.index.snapshot import Section

cache_dir, root, me, rounds = sys.argv[1:5]
cache = IndexCache(cache_dir, root)  # one for every round: what it read goes stale as the others write
files = ["tests/billing/test_invoice.py", "tests/users/test_user.py"]
for i in range(int(rounds)):
    cache.entries(Section.TESTS)
    entry = {"sig": [i], "digest": me, "findings": [], "statements": [], "tests": 0, "files": "[]",
             "dirs": "[]", "questions": [], "stamp": "", "generation": ""}
    cache.keep(Section.TESTS, f"{files[i % 2]}\\0{me}.{i}", entry)
    cache.keep(Section.READERS, f"app/{me}.py", [f"{files[i % 2]}"])
    cache.flush()
"""


@pytest.mark.process
def test_processes_writing_the_tests_shards_lose_nothing(project):
    cache_dir = os.path.join(project, ".importguard_cache")
    racers = [subprocess.Popen([sys.executable, "-c", RACER, cache_dir, os.path.realpath(project), f"p{n}", "20"],
                               stderr=subprocess.PIPE, text=True) for n in range(3)]
    errors = [without_summary(r.communicate(timeout=TIMEOUT)[1]) for r in racers]
    assert errors == ["", "", ""] and all(r.returncode == 0 for r in racers)
    snapshot = Snapshot(cache_dir, os.path.realpath(project))
    keys = set(snapshot.entries(Section.TESTS))
    both = ["tests/billing/test_invoice.py", "tests/users/test_user.py"]
    assert keys == {f"{f}\0p{n}.{i}" for n in range(3) for i in range(20)
                    for f in both[i % 2:i % 2 + 1]}
    assert snapshot.entries(Section.READERS) == {f"app/p{n}.py": both for n in range(3)}


@pytest.mark.process
def test_the_index_written_by_other_code_of_the_same_version_is_not_read(tmp_path):
    """A development install: the findings kept are the checks' as much as the index's, so an
    edit to a check (lint/) makes every kept entry foreign, as one to index/ does; the same
    code, copied elsewhere, reads the same entries (a cache that travels)."""
    import flake8_importguard
    package = os.path.dirname(flake8_importguard.__file__)

    def fingerprint(copy: str) -> str:
        code = "from flake8_importguard.index.snapshot import _code_fingerprint; print(_code_fingerprint())"
        return subprocess.run([sys.executable, "-c", code], cwd=copy, capture_output=True, text=True,
                              check=True, timeout=TIMEOUT, env={**os.environ, "PYTHONPATH": copy}).stdout.strip()

    first, second = (str(tmp_path / name) for name in ("first", "second"))
    for copy in (first, second):
        shutil.copytree(package, os.path.join(copy, "flake8_importguard"),
                        ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint(first) == fingerprint(second)
    with open(os.path.join(second, "flake8_importguard", "lint", "checker.py"), "a", encoding="utf-8") as f:
        f.write("# another check\n")
    assert fingerprint(first) != fingerprint(second)
