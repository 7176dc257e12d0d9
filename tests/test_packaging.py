"""Packaging: the metadata lives once (pyproject.toml, PEP 621), `python -m build` makes an sdist
and a wheel, and each, installed in a fresh environment, runs the README's demo."""
from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

from flake8_importguard import __version__
from flake8_importguard.index.packaging import parse_toml
from support import DEMO, ROOT, readme

DEMO_LINES = [  # the README's first example
    "tests/test_websocket.py:1:1: IMG102 'WebSocketConnectionManager' is not defined in "
    "'app.websocket.connection_manager'; did you mean 'ConnectionManager'?",
    "tests/test_threads.py:1:1: IMG101 module 'app.models.thread' does not exist; "
    "'Thread' is defined in 'app.db.models_agent'",
]


def test_the_metadata_lives_in_pyproject_only():
    project = parse_toml(os.path.join(ROOT, "pyproject.toml"))
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    meta = project["project"]
    assert meta["name"] == "flake8-importguard" and meta["dynamic"] == ["version"]
    assert meta["scripts"] == {"importguard": "flake8_importguard.cli:main"}
    assert meta["entry-points"]["flake8.extension"] == {"IMG": "flake8_importguard.plugin:Plugin"}
    assert "test" in meta["optional-dependencies"]  # pip install '.[test]' (README, CI)
    setup_cfg = configparser.RawConfigParser()
    setup_cfg.read(os.path.join(ROOT, "setup.cfg"))
    assert not {"metadata", "options"} & set(setup_cfg.sections())
    with open(os.path.join(ROOT, "setup.py"), encoding="utf-8") as f:
        assert re.search(r"^setup\(\)$", f.read(), re.M)  # a shim: no metadata of its own


def test_the_release_is_in_the_changelog_and_the_readme_pins_its_tag():
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as f:
        assert re.search(rf"^## {re.escape(__version__)} \(\d{{4}}-\d\d-\d\d\)$", f.read(), re.M)
    assert f"rev: v{__version__}\n" in readme()


def _copy_of_the_repository(target) -> None:
    """The files git would commit (uncommitted work included), as a fresh clone would have them."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if os.path.isfile(os.path.join(ROOT, rel)) and not rel.startswith(("tests/", "bench/")):
            os.makedirs(os.path.dirname(os.path.join(target, rel)), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, rel), os.path.join(target, rel))


@pytest.mark.slow
def test_build_makes_an_sdist_and_a_wheel_that_install_and_run_the_demo(tmp_path, run_command):
    source = tmp_path / "source"
    _copy_of_the_repository(source)
    built = run_command([sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), str(source)], tmp_path)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    sdist = tmp_path / "dist" / f"flake8_importguard-{__version__}.tar.gz"
    wheel = tmp_path / "dist" / f"flake8_importguard-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(f"flake8_importguard-{__version__}.dist-info/entry_points.txt").decode()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"flake8_importguard", f"flake8_importguard-{__version__}.dist-info"}  # no tests, no demo
    assert "IMG = flake8_importguard.plugin:Plugin" in entry_points and "importguard = " in entry_points
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[-1] for name in archive.getnames()}
    assert {"pyproject.toml", "setup.py", "README.md", "LICENSE", "CHANGELOG.md",
            "flake8_importguard/plugin.py"} <= members
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo, ignore=shutil.ignore_patterns("__pycache__", ".importguard_cache"))
    for artifact in (wheel, sdist):
        env = tmp_path / f"venv-{artifact.suffix}"
        # a venv without a pip of its own (ensurepip takes seconds): this pip installs into it (--python)
        assert run_command([sys.executable, "-m", "venv", "--without-pip", str(env)], tmp_path).returncode == 0
        installed = run_command([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q",
                                 str(artifact)], tmp_path)
        assert installed.returncode == 0, installed.stderr[-3000:]
        version = run_command([str(env / "bin" / "importguard"), "--version"], tmp_path)
        assert version.stdout == f"importguard {__version__}\n"
        flake8 = run_command([str(env / "bin" / "flake8"), "--select=E9,IMG", "tests/"], demo)
        command = run_command([str(env / "bin" / "importguard"), "--no-cache", "tests/"], demo)
        for proc in (flake8, command):
            assert proc.returncode == 1, proc.stdout + proc.stderr
            lines = [line.removeprefix("./") for line in proc.stdout.splitlines()]
            assert set(DEMO_LINES) <= set(lines), proc.stdout
