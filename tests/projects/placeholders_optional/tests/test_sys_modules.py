"""IMG205: first-party modules replaced in sys.modules; IMG206: first-party modules made optional."""
import sys
import types
from unittest import mock
from unittest.mock import MagicMock, Mock, patch

import pytest

sys.modules["app.payments"] = MagicMock()  # IMG205 "first-party module 'app.payments' is replaced in sys.modules"
sys.modules["app.billing"] = types.ModuleType("app.billing")  # IMG205
billing = pytest.importorskip("app.billing")  # IMG206 "first-party module 'app.billing' is treated as optional"
reports = pytest.importorskip("app.reports")  # IMG206
plain_json = pytest.importorskip("app.integrations.plain_json")  # IMG206

# Silent twins.
sys.modules["not_installed_sdk"] = MagicMock()
sys.modules["app._speedups"] = MagicMock()  # compiled by the build: not source to test here
s3 = pytest.importorskip("app.storage.s3")  # needs a third-party SDK: honestly optional
arrays = pytest.importorskip("app.integrations.numpy_support")
callbacks = pytest.importorskip("app.integrations.keras_support")  # needs keras or tensorflow: its handler raises
numpy = pytest.importorskip("not_installed_numpy_lib")
speedups = pytest.importorskip("app._speedups")  # built from app/_speedups.c
build_info = pytest.importorskip("app._build_info")  # written by the build (pyproject.toml)


def test_patch_dict():
    with patch.dict(sys.modules, {"app.payments": Mock(), "not_installed_sdk": Mock()}):  # IMG205
        pass
    with mock.patch.dict("sys.modules", {"app.reports": MagicMock()}):  # IMG205
        pass
    with patch.dict(sys.modules, {"app.billing": None}):
        pass


def test_monkeypatch(monkeypatch):
    fake = mock.MagicMock()
    monkeypatch.setitem(sys.modules, "app.payments", fake)  # IMG205
    monkeypatch.setitem(sys.modules, "app.payments", None)
    sys.modules.update({"app.reports": Mock()})  # IMG205
    sys.modules.setdefault("app.reports", types.ModuleType("app.reports"))  # IMG205


def test_restore():
    saved = sys.modules.get("app.billing")
    sys.modules["app.billing"] = saved
    sys.modules["app.billing"] = None
    del sys.modules["app.billing"]
    sys.modules.pop("app.reports", None)
