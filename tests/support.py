"""Plain helpers and shared data for the tests (and for the test libraries such as differential.py,
which also run as scripts and so cannot ask for fixtures). Test modules get subprocess launchers,
project copies and snapshots from the fixtures in conftest.py; this module holds what is needed at
import time (paths, the small APP project, the front ends' command lines) and the core called
in-process (`check`, `fix`)."""
from __future__ import annotations

import functools
import glob
import json
import os
import re
import subprocess
import sys
import sysconfig
from typing import Iterator, Mapping, TypeVar

from flake8_importguard.base.codes import render
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import python_files
from flake8_importguard.base.model import Finding
from flake8_importguard.fix.repair import Outcome
from flake8_importguard.lint.checker import check_source
from flake8_importguard.index.census import Census
from flake8_importguard.index.snapshot import _Pack
from flake8_importguard.run.checkrun import Run, collect
from flake8_importguard.run.session import Session
from flake8_importguard.run.fixrun import fix_text

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)  # the repository: README.md, examples/, .pre-commit-hooks.yaml
PROJECTS = os.path.join(TESTS, "projects")  # fixture projects, expected findings inline
CANARY = os.path.join(TESTS, "canary")  # a project whose every file writes a marker when run
DEMO = os.path.join(ROOT, "examples", "demo")  # the README's demo project

# The front ends as users start them: the console scripts of the Python running the tests.
BIN = os.path.dirname(sys.executable)
FLAKE8 = os.path.join(BIN, "flake8")
IMPORTGUARD = os.path.join(BIN, "importguard")
TIMEOUT = 300  # seconds for any process a test starts: generous on a shared 2-core machine; only a hang reaches it

# A small project: a renamed class's new name, a model that lives in another module.
APP = {
    "app/__init__.py": "",
    "app/websocket/__init__.py": "",
    "app/websocket/connection_manager.py": "class ConnectionManager:\n    pass\n",
    "app/db/__init__.py": "",
    "app/db/models_agent.py": "class Thread:\n    pass\n",
    "tests/__init__.py": "",
}

GIT_USER = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
# A project for the affected-tests checks and the pre-commit hooks: tests that reach app modules
# directly, through a package that re-exports, a star import, a test helper, an import in a test,
# a patch target; and app code no test reaches.
CHANGING = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/db/__init__.py": "",
    "app/db/models_agent.py": "class Thread:\n    pass\n\n\nclass Message:\n    pass\n",
    "app/models/__init__.py": "from app.models.session import Session\n",
    "app/models/session.py": "class Session:\n    pass\n",
    "app/star.py": "from app.db.models_agent import *  # noqa\n",
    "app/storage/__init__.py": "",
    "app/storage/clickhouse.py": "class ClickHouseClient:\n    pass\n",
    "app/unrelated.py": "X = 1\n",
    "app/oneline.py": "Y = 1\n",
    "tests/__init__.py": "",
    "tests/helpers/__init__.py": "",
    "tests/helpers/flows.py": "from app.db.models_agent import Message\n\n\nclass UserFlowTestBase:\n    pass\n",
    "tests/test_direct.py": "from app.db.models_agent import Thread\n",
    "tests/test_package.py": "from app.models import Session\n",
    "tests/test_star.py": "from app.star import Thread\n",
    "tests/test_helper.py": "from tests.helpers.flows import UserFlowTestBase\n",
    "tests/test_inner.py": "def test_report():\n    from app.storage.clickhouse import ClickHouseClient\n",
    "tests/test_patched.py": "from unittest import mock\n\n\n@mock.patch('app.db.models_agent.Thread')\n"
                             "def test_t(thread):\n    pass\n",
    "tests/test_other.py": "import os\n",
    "tests/test_oneline.py": "def test_y(): from app.oneline import Y  # noqa: E704\n",
}


Root = TypeVar("Root", bound="str | os.PathLike[str]")


STDLIB = sysconfig.get_paths()["stdlib"]


def stdlib_sources(package: str) -> Iterator[bytes]:
    """The bytes of every module of a standard library package, in a fixed order."""
    for folder, dirs, names in os.walk(os.path.join(STDLIB, package)):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as f:
                    yield f.read()


@functools.lru_cache(maxsize=None)
def readme() -> str:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def write_tree(root: Root, files: Mapping[str, str | bytes]) -> Root:
    """Write `files` (relative path -> text or bytes) under `root` and return `root`. Text is
    written as UTF-8, as is (no newline translation); a path ending in "/" is an empty directory."""
    for rel, content in files.items():
        path = os.path.join(root, rel)
        if rel.endswith("/"):
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
    return root


SUMMARY = re.compile(r"^checked \d+ test files? in \d+\.\d\d s: \d+ findings? in \d+ files?, \d+ fixable\n", re.M)


def without_summary(stderr: str) -> str:
    """importguard's standard error without its one-line summary."""
    return SUMMARY.sub("", stderr)


def assert_no_crash(proc: subprocess.CompletedProcess[str]) -> None:
    """No traceback, no plugin failure report, and an exit code that means 'checked'."""
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert "failed during execution" not in output, output
    assert proc.returncode in (0, 1), (proc.returncode, output)


def check(source: str | bytes, path: str, settings: Settings | None = None,
          session: Session | None = None) -> list[Finding]:
    """What flake8 would report for `source` as the file `path` (without `# noqa` handling),
    in-process, with a fresh session unless one is given: the project is read as it is now."""
    project = (session or Session()).project_for(path, settings or Settings())
    return check_source(source, path, project)


def fix(source: bytes, path: str, settings: Settings | None = None) -> Outcome:
    """What `importguard --fix` does to `source` as the file `path`, without writing it."""
    outcome = fix_text(Run(settings or Settings(), Session()), path, source)
    assert outcome is not None, f"{path} does not parse"
    return outcome


# A small project whose test files reach app code in each way the project graph records (a
# re-exporting package, a star import, a conftest, a test helper, a hint): tests of the graph.
GRAPHED = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/models/__init__.py": "from .session import Session\n",
    "app/models/session.py": "class Session:\n    pass\n",
    "app/api/__init__.py": "from .views import *\n",
    "app/api/views.py": "def render():\n    return 1\n",
    "app/flags.py": "DEBUG = False\n",
    "app/util.py": "def helper():\n    return 1\n",
    "tests/__init__.py": "",
    "tests/conftest.py": "import app.flags\n\napp.flags.EXTRA = True\n",
    "tests/helpers/__init__.py": "",
    "tests/helpers/flows.py": "class UserFlowTestBase:\n    pass\n\n\ndef make_user():\n    return {}\n",
    "tests/test_models.py": "from app.models import Session\n",
    "tests/test_api.py": "from app.api import render\n",
    "tests/test_flags.py": "from app.flags import EXTRA\n",
    "tests/test_flows.py": "from tests.helpers.flows import UserFlowTestBase\n",
    "tests/test_hint.py": "from app.models import make_user\n",
    "tests/test_util.py": "from app.util import helper\n",
}
# A kept entry's finding that no check makes: a test sees that the findings came from the graph.
MARK = {"code": "IMG102", "line": 99, "col": 0, "name": "KEPT", "module": "kept", "hint": None, "fix": None}


def unpack(cache_dir: str) -> None:
    """Write every shard the index's pack holds (snapshot._Pack) to a file of its own where it has
    none, as a later run does with a shard it changes: the same index, its shards all files that a
    test can read and change."""
    for path in glob.glob(os.path.join(cache_dir, "index-*.pack")):
        pack = _Pack(path)
        for shard in pack.shards:
            own = f"{path[:-len('.pack')]}-{shard}.json"
            if not os.path.exists(own):
                with open(own, "wb") as f:
                    f.write(pack.text(shard) or b"")


def kept_shards(cache_dir: str) -> list[str]:
    """The index's shards of kept test file entries (snapshot.py: "tests-NN", by directory), unpacked."""
    unpack(cache_dir)
    return sorted(glob.glob(os.path.join(cache_dir, "index-*-tests-*.json")))


def kept_tests(cache_dir: str) -> dict[str, dict]:
    """Every kept test file entry in the index at `cache_dir`, by key (the union of its shards)."""
    found: dict[str, dict] = {}
    for path in kept_shards(cache_dir):
        with open(path, encoding="utf-8") as f:
            found.update(json.load(f)["tests"])
    return found


def mark_kept(cache_dir: str, mark: Mapping[str, object] = MARK) -> dict[str, dict]:
    """Add to every kept test file entry in the index a finding no check makes (`mark`); the
    entries as they were."""
    before = kept_tests(cache_dir)
    for path in kept_shards(cache_dir):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for entry in data["tests"].values():
            entry["findings"].append(dict(mark))
            entry["statements"].append("")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
    return before


def lint_census(root: str, no_cache: bool = False) -> tuple[list[str], Census]:
    """What `importguard -j1 tests` reports (with its own session, as a new process would), and
    the project's census after the run."""
    run = Run(Settings(root=root, no_cache=no_cache), Session())
    paths = sorted(python_files([os.path.join(root, "tests")]))
    results = collect(run, paths, 1)
    run.session.flush()
    found = [f"{os.path.relpath(r.path, root)}:{x.finding.line}: {render(x.finding)}"
             for r in results for x in r.reported]
    return found, run.project(paths[0]).census
