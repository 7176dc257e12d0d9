"""The on-disk index cache, through the real `importguard` command in real processes.

A file is cached only once it is RACY_NS old (an edit in the same timestamp tick could go
unseen), so every project here is made by one module fixture that waits that long once.
"""
from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from flake8_importguard.index.cache import IndexCache, signature
from flake8_importguard.index.snapshot import Section, Snapshot
from flake8_importguard.index.summary import ModuleSummary
from support import TIMEOUT, unpack, without_summary

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/models.py": "class User:\n    pass\n\n\nclass Order:\n    pass\n",
    "app/util.py": "def helper():\n    return 1\n",
    "tests/test_models.py": "from app.models import User\n",
    "tests/test_util.py": "from app.util import helper\n",
    "tests/test_invoice.py": "from app.models import Invoice\n",
}
N_PROJECTS = 26  # at least one per test


AGED = {"project": (PROJECT, N_PROJECTS)}  # written with every module's before the session's one wait


@pytest.fixture
def project(aged):
    """A copy of PROJECT old enough to be cached, this test's own (conftest.aged)."""
    return aged("project")


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def shards(root: str) -> list[str]:
    unpack(os.path.join(root, ".importguard_cache"))  # a pack's shards: files of their own, as a later run leaves them
    found = sorted(glob.glob(os.path.join(root, ".importguard_cache", "index-*.json")))
    assert found, "no snapshot written"
    return found


def poison(root: str, module: str, name: str) -> None:
    """Write into the cache that `module` defines `name` (it does not): whoever believes the
    cache will stop reporting an import of it. The findings kept for the test files go: the
    next run checks them again, against the poisoned summary."""
    for path in glob.glob(os.path.join(root, ".importguard_cache", "index-*-tests-*.json")):
        os.remove(path)
    for path in shards(root):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for key, entry in data["summaries"].items():
            if key.startswith(module + "\0"):  # keyed relative to the project root
                entry[1]["names"][name] = "class"
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(data, f)
                return
    raise AssertionError(f"{module} is not cached")


def test_a_warm_run_reads_the_cache_it_wrote(project, lint):
    first = lint(project)
    assert "tests/test_invoice.py:1:1: IMG102 'Invoice' is not defined in 'app.models'" in first
    directory = os.path.join(project, ".importguard_cache")
    with open(os.path.join(directory, ".gitignore"), encoding="utf-8") as f:
        assert "*" in f.read().split()
    assert lint(project) == first
    poison(project, "app/models.py", "Invoice")
    assert "Invoice" not in lint(project)  # the warm run answered from the cache


def test_new_timestamps_same_content_still_use_the_cache(project, write_tree, lint):
    """A fresh checkout, or a cache restored in CI, gives every file new timestamps."""
    lint(project)
    poison(project, "app/models.py", "Invoice")
    write_tree(project, {"app/models.py": PROJECT["app/models.py"]})  # rewritten, the same bytes
    assert "Invoice" not in lint(project)
    write_tree(project, {"app/models.py": PROJECT["app/models.py"].replace("Order", "Ordex")})  # same size
    assert "IMG102 'Invoice'" in lint(project)


def test_no_cache_writes_nothing_and_reads_nothing(project, lint):
    lint(project, "--no-cache")
    assert not os.path.exists(os.path.join(project, ".importguard_cache"))
    lint(project)
    poison(project, "app/models.py", "Invoice")
    assert "IMG102 'Invoice'" in lint(project, "--no-cache")


def test_cache_dir_option(project, tmp_path, lint):
    cache_dir = str(tmp_path / "elsewhere")
    lint(project, "--cache-dir", cache_dir)
    assert glob.glob(os.path.join(cache_dir, "index-*-meta.json"))
    assert not os.path.exists(os.path.join(project, ".importguard_cache"))


def test_edit_same_size_changes_the_next_verdict(project, write_tree, lint):
    assert "test_models" not in lint(project)
    write_tree(project, {"app/models.py": PROJECT["app/models.py"].replace("User", "Uzer")})
    assert "tests/test_models.py:1:1: IMG102 'User' is not defined in 'app.models'" in lint(project)
    write_tree(project, {"app/models.py": PROJECT["app/models.py"]})
    assert "test_models" not in lint(project)


def test_add_a_module_changes_the_hint(project, write_tree, lint):
    assert "'Invoice' is defined nowhere in the project" in lint(project)
    write_tree(project, {"app/billing.py": "class Invoice:\n    pass\n"})
    assert "'Invoice' is defined in 'app.billing'" in lint(project)


def test_delete_a_module_changes_the_next_verdict(project, lint):
    lint(project)
    os.remove(os.path.join(project, "app", "util.py"))
    assert "tests/test_util.py:1:1: IMG101 module 'app.util' does not exist" in lint(project)


def test_rename_a_module_changes_verdict_and_hint(project, lint):
    lint(project)
    os.rename(os.path.join(project, "app", "util.py"), os.path.join(project, "app", "helpers.py"))
    out = lint(project)
    assert "IMG101 module 'app.util' does not exist" in out and "app.helpers" in out


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated mid-write by a crash
    lambda data: b"\x00\xff" * 100,  # garbage
    lambda data: b"[]",  # valid JSON, not a snapshot
    lambda data: data.replace(b'"summaries"', b'"summaries', 1),  # not JSON any more
])
def test_a_damaged_snapshot_is_ignored_and_rebuilt(project, damage, lint):
    first = lint(project)
    poison(project, "app/models.py", "Invoice")
    for path in shards(project):
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(damage(data))
    assert lint(project) == first  # the damaged shard (with the poison) was not believed
    summary_shards = [path for path in shards(project) if re.search(r"-cpython-\d+-\d+\.json$", path)]  # by directory
    assert sum(len(load(path)["summaries"]) for path in summary_shards) > 0  # rebuilt and written again


def test_a_snapshot_from_another_version_is_ignored(project, lint):
    first = lint(project)
    poison(project, "app/models.py", "Invoice")
    for path in shards(project):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        data["tool"] = "0.0.1"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
    assert lint(project) == first  # the poisoned entry was not believed
    assert any(load(path)["tool"] != "0.0.1" for path in shards(project))


@pytest.fixture
def read_only():
    """Make a directory unwritable, even for root (CI runs as root): chmod, or chattr +i."""
    made: list[str] = []

    def make(directory: str) -> None:
        if os.geteuid() != 0:
            os.chmod(directory, 0o555)
        elif not shutil.which("chattr") or subprocess.run(["chattr", "+i", directory]).returncode:
            pytest.skip("running as root without chattr: no way to make a read-only directory")
        made.append(directory)

    yield make
    for directory in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", directory])
        os.chmod(directory, 0o755)


def test_a_read_only_cache_dir_is_read_and_left_alone(project, read_only, write_tree, lint):
    lint(project)
    poison(project, "app/models.py", "Invoice")
    directory = os.path.join(project, ".importguard_cache")
    before = sorted(os.listdir(directory))
    read_only(directory)
    write_tree(project, {"app/billing.py": "class Invoice:\n    pass\n"})  # something new to write
    assert "Invoice" not in lint(project)  # read
    assert sorted(os.listdir(directory)) == before  # not written, no temporary file left


def test_an_unwritable_cache_location_is_no_failure(project, write_tree, lint):
    write_tree(project, {"blocker": "a file where the cache directory would go"})
    out = lint(project, "--cache-dir", os.path.join(project, "blocker", "cache"))
    assert "IMG102 'Invoice'" in out


RACER = """
import sys
from flake8_importguard.index.cache import IndexCache, content_digest, signature
from flake8_importguard.index.summary import ModuleSummary
cache_dir, root, path, me, rounds = sys.argv[1:6]
digest = content_digest(open(path, "rb").read())
for i in range(int(rounds)):
    cache = IndexCache(cache_dir, root)
    entry = [signature(path), ModuleSummary(names={me: "class"}).to_json(), digest]
    cache.merge_new({"summaries": {f"{path}\\0{me}.{i}": entry}})
    cache.flush()
"""


@pytest.mark.process
def test_processes_racing_on_one_cache_dir(project):
    """Writers racing for the snapshot never corrupt it and (with the lock) lose nothing;
    readers meanwhile always see a whole snapshot."""
    cache_dir = os.path.join(project, "shared-cache")
    root = os.path.realpath(project)
    module = os.path.join(root, "app", "models.py")
    racers = [
        subprocess.Popen([sys.executable, "-c", RACER, cache_dir, root, module, f"p{n}", "25"])
        for n in range(4)
    ]
    reader = IndexCache(cache_dir, root).snapshot
    shard = reader.shard_of("summaries", module + "\0")
    seen = 0
    deadline = time.monotonic() + TIMEOUT
    while any(r.poll() is None for r in racers):
        assert time.monotonic() < deadline, "a racer hangs"
        data = reader.read(shard)  # never a partial file: either nothing yet or a whole snapshot
        assert isinstance(data["summaries"], dict)
        seen = max(seen, len(data["summaries"]))
    assert all(r.wait(timeout=TIMEOUT) == 0 for r in racers)
    final = IndexCache(cache_dir, root).snapshot.read(shard)["summaries"]
    assert len(final) == 100 >= seen
    assert all(entry[0] == signature(module) for entry in final.values())
    assert ModuleSummary.from_json(final[f"{module}\0p3.24"][1]).names == {"p3": "class"}
    assert not [name for name in os.listdir(cache_dir) if name.endswith(".importguard")]  # no temporary left


@pytest.mark.process
def test_two_cold_runs_at_once_agree(project, lint):
    procs = [
        subprocess.Popen([sys.executable, "-m", "flake8_importguard", "-j1", "tests"], cwd=project,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [(out, without_summary(err)) for out, err in (p.communicate(timeout=120) for p in procs)]
    assert outs[0] == outs[1] and "IMG102 'Invoice'" in outs[0][0] and not outs[0][1]
    assert lint(project) == outs[0][0]


@pytest.mark.process
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_flake8_writes_and_reads_the_cache(project, jobs, run_flake8):
    """flake8 has no end-of-run hook: serial runs write at exit, `-j` workers at their end."""
    def flake8() -> str:
        proc = run_flake8(project, "--select=IMG", f"-j{jobs}", "tests", process=True)
        assert not proc.stderr, proc.stderr
        return proc.stdout

    assert "IMG102 'Invoice'" in flake8()
    poison(project, "app/models.py", "Invoice")
    assert "Invoice" not in flake8()


def test_reverse_edges_of_every_writer_are_kept_as_one_sorted_list(tmp_path):
    """The readers of a file (a UNION section) grow by one test file per check: built here as a
    set, they read back, hand over to another process and land on disk as one sorted list, merged
    with what another process wrote meanwhile."""
    root = str(tmp_path)
    first, second = Snapshot(os.path.join(root, ".cache"), root), Snapshot(os.path.join(root, ".cache"), root)
    for reader in ("tests/test_b.py", "tests/test_a.py", "tests/test_b.py"):
        first.store(Section.READERS, "app/models.py", [reader])
    assert first.lookup(Section.READERS, "app/models.py") == ["tests/test_a.py", "tests/test_b.py"]
    assert first.entries(Section.READERS) == {"app/models.py": ["tests/test_a.py", "tests/test_b.py"]}
    second.store(Section.READERS, "app/models.py", ["tests/test_c.py"])
    second.merge_new(first.take_new())
    assert second.lookup(Section.READERS, "app/models.py") == ["tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]
    second.flush()
    third = Snapshot(os.path.join(root, ".cache"), root)
    third.store(Section.READERS, "app/models.py", ["tests/test_0.py"])
    third.flush()
    assert Snapshot(os.path.join(root, ".cache"), root).entries(Section.READERS) == {
        "app/models.py": ["tests/test_0.py", "tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]}
