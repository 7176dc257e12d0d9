"""Hints and their fixes on the `hints` fixture project: which repairs are certain (applied by
`importguard --fix`) and which are only listed."""
from __future__ import annotations

import os

from flake8_importguard.base.codes import render
from flake8_importguard.base.model import NotFixed
from support import PROJECTS, check, fix, write_tree

TEST = os.path.join(PROJECTS, "hints", "tests", "test_hints.py")


def fixed_lines() -> tuple[list[str], dict[str, NotFixed]]:
    with open(TEST, "rb") as f:
        outcome = fix(f.read(), TEST)
    notes = {f"{module}:{name}": reason for (_, name, module), reason in outcome.notes.items()}
    return outcome.fixed.decode().splitlines(), notes


def test_one_module_defining_every_name_is_a_certain_move():
    """`make_user` is also defined in app.users, but only tests.helpers.factories defines both."""
    lines, _ = fixed_lines()
    assert any(line.startswith("from tests.helpers.factories import make_user, make_admin") for line in lines)


def test_a_name_imported_only_for_type_checkers_moves_to_where_that_import_takes_it_from():
    lines, _ = fixed_lines()
    assert any(line.startswith("from app.db.models_agent import Thread as T") for line in lines)


def test_several_homes_and_names_that_live_apart_are_listed_not_fixed():
    lines, notes = fixed_lines()
    assert any(line.startswith("from app.models.agent import Agent") for line in lines)
    assert notes["app.models.agent:Agent"] is NotFixed.CANDIDATES
    assert any(line.startswith("from app.models.thread import Thread, ThreadStatus") for line in lines)
    assert notes["app.models.thread:"] is NotFixed.NOT_SUPPORTED


def test_a_name_renamed_and_moved_is_offered_never_fixed_and_one_word_names_are_not_guessed():
    path = os.path.join(PROJECTS, "hints", "tests", "test_renamed.py")
    with open(path, "rb") as f:
        source = f.read()
    hints = {f.name: render(f).partition("; ")[2] for f in check(source, path)}
    assert hints["WebSocketConnectionManager"] == ("'WebSocketConnectionManager' is defined nowhere in the project; "
                                                   "did you mean 'ConnectionManager' in 'app.ws.manager'?")
    for name in ("ConnectionLimits", "SocketPool", "Connection", "Manager"):  # no guess
        assert hints[name] == f"'{name}' is defined nowhere in the project"
    outcome = fix(source, path)
    assert outcome.fixed.splitlines()[2:8] == source.splitlines()[2:8]
    assert outcome.notes[("IMG102", "WebSocketConnectionManager", "app.websocket")] is NotFixed.RENAMED
    assert outcome.notes[("IMG102", "Manager", "app.websocket")] is NotFixed.STUB


def test_a_name_the_project_only_imports_from_outside_moves_there_when_it_is_always_installed():
    path = os.path.join(PROJECTS, "hints", "tests", "test_renamed.py")
    with open(path, "rb") as f:
        outcome = fix(f.read(), path)
    lines = outcome.fixed.decode().splitlines()
    assert lines[8].startswith("from datetime import timezone  # IMG102")  # the standard library's
    assert lines[9].startswith("from app.websocket import BaseMessage")  # a package the project does not require
    assert outcome.notes[("IMG102", "BaseMessage", "app.websocket")] is NotFixed.NOT_REQUIRED
    assert outcome.notes[("IMG102", "Any", "app.websocket")] is NotFixed.CANDIDATES  # typing or typing_extensions


def homes_moved() -> tuple[str, bytes, dict[str, str]]:
    path = os.path.join(PROJECTS, "homes_moved", "tests", "test_homes.py")
    with open(path, "rb") as f:
        source = f.read()
    return path, source, {f.name: render(f).partition("; ")[2] for f in check(source, path)}


def test_a_module_moved_to_another_package_lives_in_that_package_and_moves_there():
    path, source, hints = homes_moved()
    assert hints["notifier"] == "'notifier' is defined in 'app.plugins'"
    assert hints["render"] == "'render' is defined in 'app.views'"  # a definition, not the module app.tools.render
    lines = fix(source, path).fixed.decode().splitlines()
    assert lines[0].startswith("from app.plugins import notifier  #")
    assert lines[5].startswith("from app.views import render")


def test_a_package_that_imports_a_name_for_its_own_use_does_not_stand_in_for_the_defining_module():
    _, _, hints = homes_moved()
    assert hints["filter_for_env"] == "'filter_for_env' is defined in 'app.config.factor'"
    assert hints["Body"] == "'Body' is defined in 'app.api'"  # only re-exported
    assert hints["Router"] == "'Router' is defined in 'app.api'"  # read there too, but listed in its __all__


def test_a_home_inside_the_module_asked_for_comes_before_the_namesake_the_suite_imports():
    path = os.path.join(PROJECTS, "homes_moved", "tests", "test_domains.py")
    with open(path, "rb") as f:
        findings = {f.line: render(f).partition("; ")[2] for f in check(f.read(), path)}
    assert findings[1] == "'_id_prefix' is defined in 'app.domains.c._ids' or 'app.domains.cpp._ids'"
    assert findings[2] == "'_id_prefix' is defined in 'app.domains.cpp._ids' or 'app.domains.c._ids'"  # the suite's
    path = os.path.join(PROJECTS, "homes_moved", "tests", "test_masonry.py")
    with open(path, "rb") as f:
        [finding] = check(f.read(), path)
    assert render(finding).endswith("'Builder' is defined in 'app.masonry.builder' or 'app.masonry.builders.builder'")


def test_a_module_that_binds_an_imported_name_only_as_a_fallback_is_no_home_of_it():
    path = os.path.join(PROJECTS, "homes_moved", "tests", "test_domains.py")
    with open(path, "rb") as f:
        source = f.read()
    findings = {f.line: render(f).partition("; ")[2] for f in check(source, path)}
    assert findings[4] == "'rewrite_asserts' is defined in 'app.assertion.rewrite'"
    assert findings[5] == "'dumps' is defined in 'app.compat'"  # its own fallback of a third-party function
    lines = fix(source, path).fixed.decode().splitlines()
    assert lines[3].startswith("from app.assertion.rewrite import rewrite_asserts  #")


def test_a_module_that_lists_an_outside_name_in_its_all_is_its_home():
    path = os.path.join(PROJECTS, "homes_moved", "tests", "test_outside.py")
    with open(path, "rb") as f:
        source = f.read()
    hints = {f.name: render(f).partition("; ")[2] for f in check(source, path)}
    assert hints["SIGINT"] == "'SIGINT' is defined in 'app.signals'"
    assert hints["timezone"] == "'timezone' is not the project's: its code imports it from 'datetime'"
    assert fix(source, path).fixed.decode().splitlines()[0].startswith("from app.signals import SIGINT  #")


def test_a_near_name_a_package_offers_through_its_star_imports_is_offered(tmp_path):
    """httpx's `__init__` binds its names by `from ._client import *`: a typo of one of them is
    offered that name, from the package itself; not a private name, nor one a computed
    `__all__` may leave out."""
    files = {
        "pyproject.toml": "",
        "pkg/__init__.py": "from ._client import *\nfrom ._models import *\nfrom ._computed import *\n",
        "pkg/_client.py": "from ._base import *\n__all__ = ['AsyncClient']\n"
                          "class AsyncClient: pass\nclass Hidden: pass\n",
        "pkg/_models.py": "from ._base import *\nclass Request: pass\nclass _Private: pass\n",
        "pkg/_base.py": "class Response: pass\n",
        "pkg/_computed.py": "__all__ = ['Extra'] + []\nclass Extra: pass\nclass Extras: pass\n",
        "tests/test_a.py": "",
    }
    write_tree(tmp_path, files)
    path = os.path.join(str(tmp_path), "tests", "test_a.py")
    wanted = {"AsyncClinet": "AsyncClient", "Requets": "Request", "Respons": "Response"}
    for typo, near in wanted.items():
        [finding] = check(f"from pkg import {typo}\n", path)
        assert render(finding).endswith(f"did you mean '{near}'?"), render(finding)
    for name in ("Hiddn", "_Privat", "Extrass"):
        [finding] = check(f"from pkg import {name}\n", path)
        assert "did you mean" not in render(finding), render(finding)
