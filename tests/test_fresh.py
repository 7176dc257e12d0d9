"""A flake8 process that lives across checks (an editor's in-process flake8, a program calling
flake8's API) sees files created, edited, renamed and deleted since its last check."""
from __future__ import annotations

import glob
import json
import os
import shutil

import pytest

from support import APP

SCRIPT = r'''
import json, os
from flake8.api import legacy
from flake8.main import cli

TEST = "tests/test_t.py"

def by_main():
    """flake8 run again in this process, as VS Code's in-process runner does (a new run each time)."""
    if os.path.exists("out.txt"):
        os.remove("out.txt")  # flake8 appends to its output file
    cli.main(["--select=IMG", "--output-file=out.txt", TEST])
    with open("out.txt") as f:
        return sorted(line.split(": ", 1)[1] for line in f.read().splitlines())

style = legacy.get_style_guide(select=["IMG"])

def by_api():
    """One style guide, the same file checked again: no new run, the file itself tells (how many
    findings this check reported: the guide's statistics add up over its checks)."""
    return style.check_files([TEST]).total_errors

def write(path, text):
    with open(path, "w") as f:
        f.write(text)

steps = [("start", lambda: None),
         ("create", lambda: write("app/db/extra.py", "class Helper:\n    pass\n")),
         ("edit", lambda: write("app/db/models_agent.py", "class Threads:\n    pass\n")),
         ("rename", lambda: os.rename("app/db/extra.py", "app/db/extras.py")),
         ("delete", lambda: os.remove("app/db/models_agent.py"))]
for name, change in steps:
    change()
    print("STEP", json.dumps([name, by_main(), by_api()]))
'''

EXPECTED = {
    "start": ["IMG101 module 'app.db.extra' does not exist; 'Helper' is defined nowhere in the project"],
    "create": [],
    "edit": ["IMG102 'Thread' is not defined in 'app.db.models_agent'; did you mean 'Threads'?"],
    "rename": ["IMG101 module 'app.db.extra' does not exist; 'Helper' is defined in 'app.db.extras'",
               "IMG102 'Thread' is not defined in 'app.db.models_agent'; did you mean 'Threads'?"],
    "delete": ["IMG101 module 'app.db.extra' does not exist; 'Helper' is defined in 'app.db.extras'",
               "IMG101 module 'app.db.models_agent' does not exist; 'Thread' is defined nowhere in the project"],
}


@pytest.mark.parametrize("cache", ["warm", "off"])
def test_one_process_sees_every_change(tmp_path, write_tree, run_python, run_flake8, cache):
    root = write_tree(tmp_path, {**APP, "pyproject.toml": "" if cache == "warm" else
                                 "[tool.importguard]\nno-cache = true\n",
                                 "tests/test_t.py": "from app.db.models_agent import Thread\n"
                                                    "from app.db.extra import Helper\n"})
    if cache == "warm":
        run_flake8(root, "--select=IMG", "tests")  # the index cache on disk, as a previous run left it
    proc = run_python(root, SCRIPT)
    assert proc.returncode == 0, proc.stderr
    seen = [json.loads(line[5:]) for line in proc.stdout.splitlines() if line.startswith("STEP ")]
    assert [name for name, _, _ in seen] == list(EXPECTED)
    for name, by_main, by_api in seen:
        assert by_main == EXPECTED[name], name
        assert by_api == len(EXPECTED[name]), name
    fresh = run_flake8(root, "--select=IMG", "tests/test_t.py")
    assert sorted(line.split(": ", 1)[1] for line in fresh.stdout.splitlines()) == EXPECTED["delete"]


COMPUTED = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/parts.py": "PARTS = []\n",
    "app/mod.py": "from app.parts import PARTS\n\nA = 1\nB = 2\n__all__ = PARTS + [\"A\"]\n",
    "app/pkg/__init__.py": "from app.mod import *  # noqa\n",
    "tests/__init__.py": "",
    "tests/test_t.py": "from app.pkg import B\n",
}


@pytest.mark.parametrize("cache", ["--no-cache", "--cache-dir=cache"])
def test_a_computed_all_is_inferred_anew_in_a_process_that_lives_on(
        tmp_path, write_tree, cache, run_importguard, run_flake8):
    """A process that runs the command, or flake8, again (as this one does) infers a computed
    `__all__` from the files as they are now, not from what astroid's process-wide cache holds."""
    root = write_tree(str(tmp_path), COMPUTED)
    for exported, found in ((False, 1), (True, 0), (False, 1)):
        write_tree(root, {"app/parts.py": f"PARTS = {['B'] if exported else []!r}\n"})
        for launch, args in ((run_importguard, [cache]), (run_flake8, ["--select=IMG", f"--importguard-{cache[2:]}"])):
            proc = launch(root, "-j1", *args, "tests")
            assert proc.stdout.count("IMG102 'B'") == found, (launch, exported, proc.stdout + proc.stderr)


# old enough to be cached (conftest.aged): written with every module's before the session's one wait
AGED = {"threads": ({**APP, "pyproject.toml": "", "tests/test_t.py": "from app.db.models_agent import Threads\n"}, 1)}


def test_a_cache_directory_removed_between_runs_is_written_again(aged, run_flake8):
    """flake8 run again in this process (the plugin's session lives on) after the index cache was
    removed writes it again, as a new flake8 process would: each run reads the cache anew."""
    root = aged("threads")
    cache = os.path.join(root, ".importguard_cache")
    for _ in range(2):
        assert "IMG102 'Threads'" in run_flake8(root, "-j1", "--select=IMG", "tests").stdout
    assert glob.glob(os.path.join(cache, "index-*.json")), "a run's cache is written when the next one starts"
    shutil.rmtree(cache)
    for _ in range(2):
        assert "IMG102 'Threads'" in run_flake8(root, "-j1", "--select=IMG", "tests").stdout
    assert glob.glob(os.path.join(cache, "index-*.json")), "the cache was not written again"
