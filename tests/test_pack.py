"""The index's pack: a run that writes many shards that have no file of their own yet (a cold run)
writes them into one file, the pack (snapshot._Pack); a shard written later on its own (an edit's
few) is read from its own file instead. Checked through the real command on every core, and with
two snapshots of one index as two processes hold them.
"""
from __future__ import annotations

import glob
import os
import subprocess
import sys
import time

import pytest

from flake8_importguard.index.cache import RACY_NS
from flake8_importguard.index.snapshot import PACK_MIN, Section, Snapshot
from support import TIMEOUT

PACKAGES = 70  # a package of one module each: as many summary shards, and more of the text pass's
TESTS = 90  # in directories of their own (more than MIN_FILES_PER_JOB for each of two processes)


def project_files() -> dict[str, str]:
    files = {"pyproject.toml": "[project]\nname = 'app'\n", "app/__init__.py": ""}
    for i in range(PACKAGES):
        files[f"app/p{i}/__init__.py"] = ""
        files[f"app/p{i}/mod.py"] = f"class Thing{i}:\n    pass\n"
    for i in range(TESTS):
        wanted = f"Thing{i % PACKAGES}" if i % 7 else f"Missing{i}"
        files[f"tests/t{i}/test_{i}.py"] = f"from app.p{i % PACKAGES}.mod import {wanted}\n"
    return files


AGED = {"project": (project_files(), 5)}


@pytest.fixture
def project(aged):
    return aged("project")


def cache_of(root: str) -> str:
    return os.path.join(root, ".importguard_cache")


def on_disk(root: str) -> dict[str, tuple[int, int, int]]:
    """Every file of the index (the pack and the shards of their own): inode, size, modification time."""
    found = {}
    for path in glob.glob(os.path.join(cache_of(root), "index-*")):
        st = os.stat(path)
        found[os.path.basename(path)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found


def own_files(root: str) -> set[str]:
    return {name for name in on_disk(root) if name.endswith(".json")}


def check(run_importguard, root: str, *args: str) -> str:
    proc = run_importguard(root, *args, "tests")
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    return proc.stdout


def test_a_cold_run_on_every_core_writes_one_pack_and_an_edit_its_own_shards(project, run_importguard):
    cold = check(run_importguard, project, "-j2")
    assert cold.count("IMG102") == len(range(0, TESTS, 7)) and cold == check(run_importguard, project, "--no-cache")
    snapshot = Snapshot(cache_of(project), project)
    assert os.path.exists(snapshot.pack) and snapshot.exists()
    assert not own_files(project)  # every shard the run wrote is in the pack
    held = snapshot.entries(Section.TESTS)
    assert {key.partition("\0")[0] for key in held} == {f"tests/t{i}/test_{i}.py" for i in range(TESTS)}
    assert len(snapshot.shards_read()) >= PACK_MIN

    before = on_disk(project)
    assert check(run_importguard, project, "-j2") == cold == check(run_importguard, project, "-j1")
    assert on_disk(project) == before  # warm: nothing written

    with open(os.path.join(project, "app/p63/mod.py"), "a", encoding="utf-8") as f:
        f.write("\n\nclass Missing63:\n    pass\n")  # what tests/t63 imports from app.p63.mod
    time.sleep(RACY_NS / 1e9 + 0.2)  # old enough for what is read from it to be kept
    edited = check(run_importguard, project, "-j2")
    assert "test_63.py" not in edited and edited == check(run_importguard, project, "--no-cache")
    after = on_disk(project)
    pack = os.path.basename(snapshot.pack)
    assert after[pack] == before[pack]  # the pack stays; the few shards the edit reached have their own files
    written = own_files(project)
    assert f"{os.path.basename(snapshot.base)}-{Snapshot.shard_of(Section.SUMMARIES, 'app/p63/mod.py')}.json" in written
    assert 0 < len(written) < PACK_MIN
    assert check(run_importguard, project, "-j2") == edited and on_disk(project) == after


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_pack_reads_as_empty(project, run_importguard, damage):
    cold = check(run_importguard, project, "-j2")
    path = Snapshot(cache_of(project), project).pack
    with open(path, "rb") as f:
        data = f.read()
    damaged = {"truncated": data[:len(data) // 2], "garbage": b"\xff\x00not json\n" + data[100:], "empty": b""}
    with open(path, "wb") as f:
        f.write(damaged[damage])
    assert check(run_importguard, project, "-j2") == cold  # every file checked again
    snapshot = Snapshot(cache_of(project), project)
    assert len(snapshot.entries(Section.TESTS)) == TESTS  # written again
    before = on_disk(project)
    assert check(run_importguard, project, "-j2") == cold and on_disk(project) == before


def test_a_pack_replaced_by_another_process_is_read_again_and_merged(project, run_importguard):
    """Two snapshots of one index, as two processes hold them: one reads the pack's index, the
    other replaces the pack; the first reads its shards from the new pack and merges its own
    entries with it, losing neither's."""
    check(run_importguard, project, "-j2")
    one, two = (Snapshot(cache_of(project), project) for _ in range(2))
    tests = one.entries(Section.TESTS)
    assert len(tests) == TESTS
    edges = {f"d{i}/x.py": [f"tests/t{i}/test_{i}.py"] for i in range(4 * PACKAGES)}  # most readers shards
    for key, readers in edges.items():
        two.store(Section.READERS, key, readers)
    two.flush()
    assert not own_files(project)  # many shards at once: the pack, rewritten
    assert one.lookup(Section.READERS, "d5/x.py") == ["tests/t5/test_5.py"]  # read from the new pack
    one.store(Section.READERS, "d5/x.py", ["tests/t6/test_6.py"])
    one.flush()
    three = Snapshot(cache_of(project), project)
    assert three.lookup(Section.READERS, "d5/x.py") == ["tests/t5/test_5.py", "tests/t6/test_6.py"]
    assert all(three.lookup(Section.READERS, key) == readers for key, readers in edges.items() if key != "d5/x.py")
    assert three.entries(Section.TESTS) == tests


@pytest.mark.process
def test_two_cold_runs_at_once_each_writing_the_pack_agree(project, run_importguard):
    """Two cold runs on every core at once, each writing the pack under the lock (the second
    merging what the first wrote): both right, and the index they leave holds every test file
    and is warm."""
    procs = [subprocess.Popen([sys.executable, "-m", "flake8_importguard", "-j2", "tests"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=TIMEOUT)[0] for p in procs]
    alone = check(run_importguard, project, "--no-cache")
    assert outs == [alone, alone]
    assert len(Snapshot(cache_of(project), project).entries(Section.TESTS)) == TESTS
    before = on_disk(project)
    assert check(run_importguard, project, "-j2") == alone and on_disk(project) == before


@pytest.mark.process
def test_flake8_on_every_core_writes_and_reads_the_pack(project, run_flake8):
    """`flake8 -j2`: the plugin builds the index once before its workers (a pack), each worker
    writes what it built at its end; the next run reads them."""
    def flake8() -> str:
        proc = run_flake8(project, "--select=IMG", "-j2", "tests", process=True)
        assert not proc.stderr, proc.stderr
        return proc.stdout

    first = flake8()
    assert first.count("IMG102") == len(range(0, TESTS, 7))
    assert os.path.exists(Snapshot(cache_of(project), project).pack)
    before = on_disk(project)
    assert flake8() == first and on_disk(project) == before
