"""Hints and their fixes on the `hints` fixture project: which repairs are certain (applied by
`importguard --fix`) and which are only listed."""
from __future__ import annotations

import os

from flake8_importguard.base.model import NotFixed
from support import PROJECTS, fix

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
