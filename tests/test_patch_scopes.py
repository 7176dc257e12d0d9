"""What the IMG401 / IMG103 rules read in a test file: the `mock` package under any name, the
pytest fixtures, and which import a name means where it is read (CPython's scope rules). The
fixture projects prove the verdicts against CPython; these cases need what CPython cannot run
here (the standalone `mock` package is not installed) or pin one scope rule each."""
from __future__ import annotations

import pytest

from support import check

APP = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/models.py": "class User:\n    pass\n\n\ndef make_user():\n    return User()\n",
    "tests/__init__.py": "",
}


@pytest.fixture
def project(tmp_path, write_tree):
    return write_tree(tmp_path, APP)


def codes(project, source: str) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in check(source, str(project / "tests/test_it.py"))]


@pytest.mark.parametrize("imports,call", [
    ("import mock", "mock.patch"),
    ("import mock as m", "m.patch"),
    ("from mock import patch", "patch"),
    ("from mock import patch as replace", "replace"),
    ("import mock.mock", "mock.mock.patch"),
    ("from unittest import mock as um", "um.patch"),
    ("import unittest.mock as um", "um.patch"),
])
def test_mock_under_any_name(project, imports, call):
    assert codes(project, f"{imports}\n{call}('app.models.Usr')\n{call}('app.models.User')\n") == [(2, "IMG401")]


@pytest.mark.parametrize("fixture", ["mocker", "module_mocker", "class_mocker", "package_mocker", "session_mocker"])
def test_every_pytest_mock_fixture(project, fixture):
    source = f"def test({fixture}):\n    {fixture}.patch('app.models.Usr')\n    {fixture}.patch.object(1, 'x')\n"
    assert codes(project, source) == [(2, "IMG401")]


def test_a_patch_that_is_not_mock_is_not_read(project):
    source = ("class Client:\n    def patch(self, url):\n        return url\n\n\ndef patch(target):\n"
              "    return target\n\n\npatch('app.models.Usr')\nClient().patch('app.models.Usr')\n")
    assert codes(project, source) == []


@pytest.mark.parametrize("source", [
    "def test(models):\n    models.Nothing\n",  # a fixture named like the module
    "def test():\n    models = object()\n    models.Nothing\n",
    "f = lambda models: models.Nothing\n",
    "x = [models.Nothing for models in ()]\n",
    "def test():\n    def inner():\n        nonlocal models\n        models = 1\n    models = 2\n    models.Nothing\n",
    "def test():\n    global models\n    models = object()\n\n\nmodels.Nothing\n",  # rebinds the module's name
    "for models in ():\n    pass\nmodels.Nothing\n",
    "try:\n    pass\nexcept Exception as models:\n    pass\nmodels.Nothing\n",
    "del models\nmodels.Nothing\n",
])
def test_a_name_bound_otherwise_is_not_the_module(project, source):
    assert codes(project, f"from app import models\n{source}") == []


@pytest.mark.parametrize("source,expected", [
    ("from app import models\n\n\nclass T:\n    models = 1\n\n    def test(self):\n        models.Nothing\n",
     [(8, "IMG103")]),  # a method does not see its class's names
    ("def test():\n    from app import models\n    models.Nothing\n", [(3, "IMG103")]),
    ("import app.models\n\n\ndef test():\n    app.models.Nothing\n", [(5, "IMG103")]),
    ("import app.models as m\nm.make_user()\nm.make_users()\n", [(3, "IMG103")]),
    # a class of the module, read through it: IMG104 (models.py's User defines no `anything`)
    ("from app import models\nmodels.User.anything\nmodels.Nothing.anything\n", [(2, "IMG104"), (3, "IMG103")]),
])
def test_the_module_seen_through_scopes(project, source, expected):
    assert codes(project, source) == expected


@pytest.mark.parametrize("source,expected", [
    ("def test(models):\n    patch.object(models, 'Nothing')\n", []),  # a fixture named like the module
    ("def test():\n    models = object()\n    patch.object(models, 'Nothing')\n", []),
    ("def test():\n    patch.object(models, 'Nothing')\n", [(4, "IMG401")]),
    ("def test():\n    from app import models as other\n    patch.object(other, 'Nothing')\n", [(5, "IMG401")]),
])
def test_the_object_of_patch_object_seen_through_scopes(project, source, expected):
    assert codes(project, f"from unittest.mock import patch\nfrom app import models\n{source}") == expected


@pytest.mark.parametrize("call", [
    "monkeypatch.delattr()", "monkeypatch.setattr(name='User', value=1)", "mocker.patch()",
    "mocker.patch.object()", "mocker.patch.multiple()", "mocker.patch.dict()",
    "mocker.patch.multiple(User=1)", "monkeypatch.setattr(*args)", "mocker.patch(**options)",
])
def test_a_patch_call_without_its_target_is_left_to_pytest(project, call):
    """No target given (pytest's or mock's own TypeError when the test runs, which CPython cannot
    show here: the fixture projects run every patch call): nothing to judge, and no crash."""
    source = f"def test_it(monkeypatch, mocker, args, options):\n    {call}\n"
    assert codes(project, source) == []
