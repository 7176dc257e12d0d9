"""Attributes of first-party modules, read at module level, in fixtures and in test bodies."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import app.models.user
import app.models.removed  # IMG101
from app import dynamic, legacy, starred
from app.db import models_agent
from app.models import user
from app.models import user as accounts

if TYPE_CHECKING:
    from app.models import billing

FREE = user.Plan.FREE
PAID = user.UserPlan.PAID  # IMG103 "module 'app.models.user' has no attribute 'UserPlan'; did you mean 'Plan'?"


@pytest.fixture
def session():
    return user.UserSession()  # IMG103 "did you mean 'Session'?"


def test_bodies():
    assert app.models.user.make_user("a")
    assert app.models.user.make_users("a")  # IMG103 "did you mean 'make_user'?"
    assert accounts.Thread  # IMG103 "'Thread' is defined in 'app.db.models_agent'"
    assert models_agent.Thread
    assert user.Invoice  # IMG103 "imported there only under TYPE_CHECKING"
    assert user.Nowhere  # IMG103 "'Nowhere' is defined nowhere in the project"
    assert app.models.billing.Invoice  # unknown


def test_silent(user, tmp_path):
    assert user.anything and tmp_path


def test_silent_locals():
    accounts = object()
    assert accounts.anything
    assert [models_agent.Missing for models_agent in [object()] if False] == []


def test_dynamic_modules():
    assert user.__file__ and user.__spec__ and app.models.__path__ and user.__name__
    assert legacy.anything
    assert dynamic.generated
    assert starred.join


def test_expected_failures():
    with pytest.raises(AttributeError):
        user.Removed  # unknown
    try:
        user.Gone  # unknown
    except AttributeError:
        pass
    if hasattr(user, "Optional"):
        assert user.Optional  # unknown
    assert getattr(user, "Maybe", None) is None


def test_a_module_the_file_imports():
    assert app.models.removed.anything  # unknown: IMG101 reports the import; once it loads, this exists


def test_the_file_sets_it():
    user.Patched = 1
    assert user.Patched  # unknown


def annotated(x: user.Missing) -> user.AlsoMissing:
    return x


def checked(x: billing.Invoice) -> None:
    return None


def test_unreachable():
    if True:
        return
    assert user.Retired  # unknown: never runs (below `if True: return`: tornado's stale `gen.Task`)
    from app.models.user import Retired  # unknown: never runs


def test_reachable(flag=False):
    if flag:
        return
    assert user.Retired  # IMG103 "module 'app.models.user' has no attribute 'Retired'"


def test_not_implemented():
    pytest.skip("not implemented yet")
    assert user.Retired  # unknown: never runs (below `pytest.skip(...)`: astropy's test_lupton_rgb)


def test_not_exposed():
    with pytest.raises(ImportError):
        from app.models.user import Nowhere  # unknown: the failure is what the test checks (networkx)
    with pytest.raises(AttributeError) as caught:
        assert user.Nowhere  # unknown: the failure is what the test checks
    assert caught


LOADED_CODE = b"""
import app.models.user


def run(value):
    app.models.user.loaded_marker = value
"""
COMPARED = "assert app.models.user.compared_only == 1"


def test_set_by_code_the_test_runs():
    namespace = {}
    exec(LOADED_CODE, namespace)  # luigi's tests write such a module out and load it
    namespace["run"](1)
    assert app.models.user.loaded_marker == 1  # unknown: set by the code in LOADED_CODE, which the test runs
    assert app.models.user.compared_only  # IMG103
