"""`importguard -j`: the same findings, in the same order, from several processes."""
from __future__ import annotations

import glob
import json
import os
import shutil
import time

from flake8_importguard.cache import RACY_NS
from flake8_importguard.parallel import MIN_FILES_PER_JOB, PREBUILD_MIN, job_count, parse_jobs


def project_files(n_tests: int) -> dict[str, str]:
    """Ten modules of a class each; `n_tests` test files, every seventh importing a missing name."""
    files = {"pyproject.toml": "", "app/__init__.py": ""}
    for i in range(10):
        files[f"app/mod{i}.py"] = f"class Thing{i}:\n    pass\n"
    for i in range(n_tests):
        wanted = f"Thing{i % 10}" if i % 7 else f"Missing{i}"
        files[f"tests/test_{i:03}.py"] = f"from app.mod{i % 10} import {wanted}\n"
    return files


def summaries_in(root: str) -> dict:
    summaries: dict = {}
    for path in glob.glob(os.path.join(root, ".importguard_cache", "index-*.json")):
        with open(path, encoding="utf-8") as f:
            summaries.update(json.load(f)["summaries"])
    return summaries


def python_files(root: str) -> list[str]:
    """Every module of the project: each is summarized once (test files too, since a test file
    may set attributes on first-party modules that the resolver must know of)."""
    return sorted(os.path.join(dirpath, name) for dirpath, _, names in os.walk(root)
                  for name in names if name.endswith(".py"))


def test_jobs_give_the_same_findings_in_the_same_order(tmp_path, write_tree, run_importguard):
    n_tests = 3 * MIN_FILES_PER_JOB
    root = write_tree(str(tmp_path), project_files(n_tests))
    time.sleep(RACY_NS / 1e9 + 0.2)  # old enough to be cached
    serial = run_importguard(root, "-j1", "--no-cache", "tests")
    parallel = run_importguard(root, "-j3", "tests")
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stdout.count("IMG102") == len(range(0, n_tests, 7))
    # the workers' index entries reached the parent, which wrote them once
    summaries = summaries_in(root)
    assert sorted(key.partition("\0")[0] for key in summaries) == python_files(root)


def test_job_count():
    assert job_count(4, 10 * MIN_FILES_PER_JOB) == 4
    assert job_count(4, MIN_FILES_PER_JOB - 1) == 1  # a handful of files: no pool
    assert job_count(0, 1000 * MIN_FILES_PER_JOB) >= 1
    assert parse_jobs("auto") == 0 and parse_jobs("3") == 3


def test_bad_jobs_is_a_usage_error(tmp_path, write_tree, run_importguard):
    root = write_tree(str(tmp_path), project_files(1))
    proc = run_importguard(root, "-j", "0", "tests")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


def test_a_cold_parallel_run_builds_the_whole_index_once(tmp_path, write_tree, run_importguard, run_flake8):
    """On a cold cache, `importguard -j2` and `flake8 -j2` summarize every module up front on
    every core (and write them), instead of each worker reading the project on its own."""
    n_tests = MIN_FILES_PER_JOB * 2
    extra = {f"app/extra{i}.py": f"VALUE_{i} = {i}\n" for i in range(PREBUILD_MIN)}
    root = write_tree(str(tmp_path), {**project_files(n_tests), **extra})
    time.sleep(RACY_NS / 1e9 + 0.2)
    with open(os.path.join(root, "tests", "test_000.py"), "rb") as f:
        stdin = f.read()
    every_file = len(range(0, n_tests, 7))
    runs = [
        (run_importguard, ["-j2", "tests"], every_file),
        (run_flake8, ["--select=IMG", "-j2", "tests"], every_file),
        (run_flake8, ["--select=IMG", "--stdin-display-name", "tests/test_000.py", "-"], 1),  # an editor
    ]
    for launch, args, wanted in runs:
        shutil.rmtree(os.path.join(root, ".importguard_cache"), ignore_errors=True)
        proc = launch(root, *args, stdin=stdin)
        assert proc.stdout.count("IMG102") == wanted, proc.stderr
        assert sorted(key.partition("\0")[0] for key in summaries_in(root)) == python_files(root)
