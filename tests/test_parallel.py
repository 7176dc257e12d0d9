"""`importguard -j`: the same findings, in the same order, from several processes."""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import time

from flake8_importguard.cache import RACY_NS
from flake8_importguard.parallel import MIN_FILES_PER_JOB, PREBUILD_MIN, job_count, parse_jobs


def make_project(root: str, n_tests: int) -> None:
    files = {"pyproject.toml": "", "app/__init__.py": ""}
    for i in range(10):
        files[f"app/mod{i}.py"] = f"class Thing{i}:\n    pass\n"
    for i in range(n_tests):
        wanted = f"Thing{i % 10}" if i % 7 else f"Missing{i}"
        files[f"tests/test_{i:03}.py"] = f"from app.mod{i % 10} import {wanted}\n"
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def summaries_in(root: str) -> dict:
    summaries: dict = {}
    for path in glob.glob(os.path.join(root, ".importguard_cache", "index-*.json")):
        with open(path, encoding="utf-8") as f:
            summaries.update(json.load(f)["summaries"])
    return summaries


def importguard(root: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8_importguard", *args, "tests"], cwd=root,
                          capture_output=True, text=True, timeout=120)


def python_files(root: str) -> list[str]:
    """Every module of the project: each is summarized once (test files too, since a test file
    may set attributes on first-party modules that the resolver must know of)."""
    return sorted(os.path.join(dirpath, name) for dirpath, _, names in os.walk(root)
                  for name in names if name.endswith(".py"))


def test_jobs_give_the_same_findings_in_the_same_order(tmp_path):
    n_tests = 3 * MIN_FILES_PER_JOB
    make_project(str(tmp_path), n_tests)
    time.sleep(RACY_NS / 1e9 + 0.2)  # old enough to be cached
    serial = importguard(str(tmp_path), "-j1", "--no-cache")
    parallel = importguard(str(tmp_path), "-j3")
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stdout.count("IMG102") == len(range(0, n_tests, 7))
    # the workers' index entries reached the parent, which wrote them once
    summaries = summaries_in(str(tmp_path))
    assert sorted(key.partition("\0")[0] for key in summaries) == python_files(str(tmp_path))


def test_job_count():
    assert job_count(4, 10 * MIN_FILES_PER_JOB) == 4
    assert job_count(4, MIN_FILES_PER_JOB - 1) == 1  # a handful of files: no pool
    assert job_count(0, 1000 * MIN_FILES_PER_JOB) >= 1
    assert parse_jobs("auto") == 0 and parse_jobs("3") == 3


def test_bad_jobs_is_a_usage_error(tmp_path):
    make_project(str(tmp_path), 1)
    proc = importguard(str(tmp_path), "-j", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


def test_a_cold_parallel_run_builds_the_whole_index_once(tmp_path):
    """On a cold cache, `importguard -j2` and `flake8 -j2` summarize every module up front on
    every core (and write them), instead of each worker reading the project on its own."""
    root = str(tmp_path)
    make_project(root, MIN_FILES_PER_JOB * 2)
    for i in range(PREBUILD_MIN):
        with open(os.path.join(root, "app", f"extra{i}.py"), "w", encoding="utf-8") as f:
            f.write(f"VALUE_{i} = {i}\n")
    time.sleep(RACY_NS / 1e9 + 0.2)
    editor = ["-m", "flake8", "--select=IMG", "--stdin-display-name", "tests/test_000.py", "-"]
    for cmd in (["-m", "flake8_importguard", "-j2", "tests"], ["-m", "flake8", "--select=IMG", "-j2", "tests"],
                editor):
        shutil.rmtree(os.path.join(root, ".importguard_cache"), ignore_errors=True)
        with open(os.path.join(root, "tests", "test_000.py"), "rb") as stdin:
            proc = subprocess.run([sys.executable, *cmd], cwd=root, stdin=stdin, capture_output=True, text=True,
                                  timeout=120)
        wanted = 1 if cmd is editor else len(range(0, MIN_FILES_PER_JOB * 2, 7))
        assert proc.stdout.count("IMG102") == wanted, proc.stderr
        assert sorted(key.partition("\0")[0] for key in summaries_in(root)) == python_files(root)
