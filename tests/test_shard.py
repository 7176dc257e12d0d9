"""`importguard --shard K/N`: N jobs split the files by their path from the project root, through
the real command in real processes. The union of the N shares' findings is the unsharded run's,
each file is checked by exactly one share, and every checkout splits alike."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from support import DEMO

N_TESTS = 24
PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/models.py": "class User:\n    pass\n",
    **{f"tests/{'unit' if i % 2 else 'integration'}/test_t{i}.py": f"from app.models import Missing{i}\n"
       for i in range(N_TESTS)},
}


def lines(output: str) -> list[str]:
    return output.splitlines()


def files(output: str) -> set[str]:
    return {line.split(":")[0] for line in lines(output)}


@pytest.mark.parametrize("count", [1, 3, 5])
def test_the_shares_split_the_files_and_add_up_to_the_whole_run(tmp_path, write_tree, run_importguard, count):
    root = write_tree(str(tmp_path / "p"), PROJECT)
    whole = run_importguard(root, "-j1", "--no-cache", "tests")
    assert len(lines(whole.stdout)) == N_TESTS, whole.stderr
    shares = [run_importguard(root, "-j1", "--no-cache", "--shard", f"{k}/{count}", "tests")
              for k in range(1, count + 1)]
    assert all(share.returncode in (0, 1) and "Traceback" not in share.stderr for share in shares)
    assert sorted(line for share in shares for line in lines(share.stdout)) == sorted(lines(whole.stdout))
    found = [files(share.stdout) for share in shares]
    assert sum(map(len, found)) == len(set().union(*found)) == N_TESTS  # each file in exactly one share
    if count > 1:
        assert all(len(share) < N_TESTS for share in found)  # a real split


def test_every_checkout_and_every_directory_splits_alike(tmp_path, write_tree, run_importguard):
    """By the path from the project root: another checkout directory, or the files named from
    inside the project, give each share the same files."""
    root = write_tree(str(tmp_path / "a" / "p"), PROJECT)
    other = str(tmp_path / "b" / "checkout")
    shutil.copytree(root, other)
    for k in (1, 2):
        here = run_importguard(root, "-j1", "--no-cache", "--shard", f"{k}/2", "tests").stdout
        there = run_importguard(other, "-j1", "--no-cache", "--shard", f"{k}/2", "tests").stdout
        inside = run_importguard(os.path.join(other, "tests"), "-j1", "--no-cache", "--shard", f"{k}/2", ".").stdout
        assert here and lines(here) == lines(there)
        assert sorted(map(os.path.normpath, files(inside))) == sorted(os.path.relpath(f, "tests") for f in files(here))


def test_shares_from_one_warm_cache_add_up_to_the_whole_run(tmp_path, project_copy, run_importguard):
    """CI: one cache restored into each of N jobs."""
    root = project_copy(tmp_path, DEMO)
    whole = run_importguard(root, "-j1", "tests")
    shares = [run_importguard(root, "--shard", f"{k}/3", "tests").stdout for k in (1, 2, 3)]
    assert sorted(line for share in shares for line in lines(share)) == sorted(lines(whole.stdout))
    assert sorted(lines(run_importguard(root, "tests").stdout)) == sorted(lines(whole.stdout))


@pytest.mark.parametrize("value", ["0/3", "4/3", "2", "1/0", "a/b", "-1/2"])
def test_a_shard_out_of_range_is_a_usage_error(tmp_path, write_tree, run_importguard, value):
    root = write_tree(str(tmp_path / "p"), PROJECT)
    proc = run_importguard(root, f"--shard={value}", "tests")
    assert proc.returncode == 2 and f"argument --shard: invalid shard value: '{value}'" in proc.stderr, proc.stderr
    assert not proc.stdout


def test_a_failing_conftest_blocks_the_test_modules_of_every_share(tmp_path, write_tree, run_importguard):
    """The conftest is checked in one share only (no finding twice in the union), and its finding
    lists every test module under it, those the other shares check included: the union of the
    shares says what the whole run says."""
    root = write_tree(str(tmp_path / "p"), {
        **PROJECT, "tests/unit/conftest.py": "from app.models import Gone\n",
        **{f"tests/unit/test_t{i}.py": "def test_a():\n    pass\n" for i in range(1, N_TESTS, 2)}})
    whole = json.loads(run_importguard(root, "-j1", "--no-cache", "--format=json", "tests").stdout)
    [conftest] = [i for i in whole if i["path"] == "tests/unit/conftest.py"]
    assert sorted(conftest["blocks"]) == sorted(f"tests/unit/test_t{i}.py" for i in range(1, N_TESTS, 2))
    shares = [json.loads(run_importguard(root, "-j1", "--no-cache", "--format=json", "--shard", f"{k}/3",
                                         "tests").stdout) for k in (1, 2, 3)]
    union = [i for share in shares for i in share]
    assert sorted((i["path"], i["line"], i["code"], sorted(i["blocks"])) for i in union) == sorted(
        (i["path"], i["line"], i["code"], sorted(i["blocks"])) for i in whole)
