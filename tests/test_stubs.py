"""`importguard --stub`: failing stubs written where the test expects them, shaped by the test's
use, reported by IMG301 until implemented; and the stub shapes themselves."""
from __future__ import annotations

import ast
import os
import sys

import pytest

from support import check
from flake8_importguard.base.config import Settings
from flake8_importguard.fix.stubwriter import render
from flake8_importguard.lint.uses import uses_of

NOWHERE = ["tests/test_nowhere.py", "tests/test_nowhere_base.py", "tests/test_nowhere_constant.py"]


@pytest.mark.process  # CPython and pytest, in processes, run the stubbed tests
def test_stubs_make_the_test_import_and_fail_loudly(tmp_path, project_copy, run_importguard, run_python, imports,
                                                    run_command):
    root = project_copy(tmp_path)
    assert not imports(root, "tests.test_nowhere")
    result = run_importguard(root, "--stub", *NOWHERE)
    err = result.stderr.splitlines()
    assert result.returncode == 1
    assert err == [
        "tests/test_nowhere_constant.py: no stub for 'MAX_USERS' in 'app.models.user' "
        "[no stub: a constant cannot fail when it is read]",
        "Creating app/billing/__init__.py",
        "Creating app/billing/plans.py",
        "Stub 'UserPlan' in app/billing/plans.py",
        "Rewriting app/models/user.py",
        "Stub 'AuditLog', 'make_admin' in app/models/user.py",
        "Rewriting tests/helpers/flows.py",
        "Stub 'PaymentScenario' in tests/helpers/flows.py",
    ]
    assert (root / "app/billing/__init__.py").read_bytes() == b""
    assert imports(root, "tests.test_nowhere")
    run = run_command([sys.executable, "-m", "pytest", "-q", "-rN", "-p", "no:cacheprovider", "tests/test_nowhere.py"],
                      root)
    assert "2 failed" in run.stdout
    assert run.stdout.count("NotImplementedError: importguard stub:") == 2
    assert "is needed by tests/test_nowhere.py; implement it" in run.stdout
    base = run_python(root, "import tests.test_nowhere_base")
    assert ("NotImplementedError: importguard stub: 'PaymentScenario' is needed by tests/test_nowhere_base.py"
            in base.stderr)
    # the test files themselves are not touched by stubs
    assert (root / "tests/test_nowhere.py").read_bytes() == project_copy(tmp_path / "again").joinpath(
        "tests/test_nowhere.py").read_bytes()


def test_stub_shapes_follow_the_test_use(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    run_importguard(root, "--stub", "tests/test_nowhere.py")
    plans = (root / "app/billing/plans.py").read_text()
    assert plans == (
        "import enum\n"
        "\n"
        "\n"
        "# importguard: stub for tests/test_nowhere.py; IMG301 reports it until it is implemented\n"
        "class UserPlan(enum.Enum):\n"
        "    FREE = enum.auto()\n"
        "    PRO = enum.auto()\n"
        "\n"
        "    def __eq__(self, other):\n"
        "        raise NotImplementedError(\"importguard stub: 'UserPlan' is needed by tests/test_nowhere.py; "
        "implement it\")\n"
        "\n"
        "    __hash__ = enum.Enum.__hash__\n"
    )
    user = (root / "app/models/user.py").read_text()
    assert "class AuditLog:\n    def __init__(self, admin):\n" in user
    assert "    @property\n    def entries(self):\n" in user
    assert "    def record(self, arg1):\n" in user
    assert "def make_admin(arg1, *, email=None):\n" in user


def test_img301_reports_stubs_in_first_party_modules_until_implemented(tmp_path, flake8_path, project_copy,
                                                                       run_importguard):
    root = project_copy(tmp_path)
    run_importguard(root, "--stub", "tests/test_nowhere.py")
    result = run_importguard(root, "app")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "app/billing/plans.py:5:1: IMG301 stub 'UserPlan' written by importguard is still present in "
        "'app.billing.plans'",
        "app/models/user.py:14:1: IMG301 stub 'AuditLog' written by importguard is still present in "
        "'app.models.user'",
        "app/models/user.py:27:1: IMG301 stub 'make_admin' written by importguard is still present in "
        "'app.models.user'",
    ]
    plans = root / "app/billing/plans.py"
    plans.write_text("import enum\n\n\nclass UserPlan(enum.Enum):\n    FREE = 'free'\n    PRO = 'pro'\n")
    assert "plans.py" not in run_importguard(root, "app").stdout
    # and through flake8 itself, on a file that is not a test
    (flake8_path / "app").mkdir()
    (flake8_path / "app/__init__.py").write_text("")
    (flake8_path / "app/models.py").write_bytes((root / "app/models/user.py").read_bytes())
    found = flake8_path.run_flake8(["--select", "IMG"])
    assert found.out_lines == [
        "./app/models.py:14:1: IMG301 stub 'AuditLog' written by importguard is still present in 'app.models'",
        "./app/models.py:27:1: IMG301 stub 'make_admin' written by importguard is still present in 'app.models'",
    ]


def test_img301_is_silent_on_an_ordinary_not_implemented_error(tmp_path):
    path = tmp_path / "app/base.py"
    path.parent.mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    source = b"class Base:\n    def run(self):\n        raise NotImplementedError('subclasses implement it')\n"
    assert check(source, str(path), Settings()) == []


def test_stubbing_twice_writes_nothing_the_second_time(tmp_path, run_importguard, snapshot, project_copy):
    root = project_copy(tmp_path)
    run_importguard(root, "--stub", *NOWHERE)
    once = snapshot(root)
    again = run_importguard(root, "--stub", *NOWHERE)
    assert snapshot(root) == once
    assert "Creating" not in again.stderr and "Rewriting" not in again.stderr


def test_diff_shows_stubs_and_writes_nothing(tmp_path, run_importguard, snapshot, project_copy):
    root = project_copy(tmp_path)
    before = snapshot(root)
    result = run_importguard(root, "--stub", "--diff", "tests/test_nowhere.py")
    assert snapshot(root) == before
    out = result.stdout
    assert "--- /dev/null\n+++ app/billing/plans.py\n" in out
    assert "+class UserPlan(enum.Enum):\n" in out
    assert "--- app/models/user.py\n+++ app/models/user.py\n" in out


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_no_stub_is_written_outside_the_project(tmp_path, run_importguard, snapshot, project_copy):
    root = project_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (root / "app").rename(elsewhere)
    (root / "app").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    result = run_importguard(root, "--stub", "tests/test_nowhere.py")
    assert snapshot(elsewhere) == before
    assert "[no stub: the expected module is not first-party source inside the project]" in result.stderr


# -- shapes ------------------------------------------------------------------------------------------
def stub_for(test_source: str, name: str, bound: str | None = None) -> str:
    rendered = render(name, uses_of(ast.parse(test_source), bound or name), ["tests/test_x.py"])
    assert rendered is not None
    return rendered[0]


def raises_stub(code: str, statement: str) -> bool:
    namespace: dict = {}
    exec(compile("import enum\n" + code, "stub", "exec"), namespace)
    try:
        exec(statement, namespace)
    except NotImplementedError as exc:
        return "tests/test_x.py" in str(exc)
    return False


def test_function_parameters_accept_every_call():
    code = stub_for("f(a, 1)\nf(a, 2, 3, key=4)\nf(*args, **kw)\n", "f")
    assert "def f(a, arg2, arg3=None, *args, key=None, **kwargs):" in code
    assert raises_stub(code, "f(1, 2)") and raises_stub(code, "f(1, 2, 3, key=4)")


def test_class_with_methods_properties_and_class_methods():
    code = stub_for("x = Thread('t')\nx.send(1)\nx.title\nThread.create(a=1)\nThread.LIMIT\n", "Thread")
    assert "    @classmethod\n    def create(cls, *, a=None):" in code
    assert "    LIMIT: object" in code
    assert "    def __init__(self, arg1):" in code
    assert "    def send(self, arg1):" in code
    assert "    @property\n    def title(self):" in code
    assert raises_stub(code, "Thread('t')") and raises_stub(code, "Thread.create(a=1)")


def test_enum_when_only_constants_are_read():
    code = stub_for("assert Plan.FREE != Plan.PRO\n", "Plan")
    assert "class Plan(enum.Enum):" in code
    assert raises_stub(code, "Plan.FREE == 'free'")


def test_a_subclassed_stub_fails_when_subclassed():
    code = stub_for("class TestX(Base):\n    pass\n", "Base")
    assert raises_stub(code, "class TestX(Base):\n    pass\n")


def test_a_constant_gets_no_stub():
    assert render("MAX_USERS", uses_of(ast.parse("MAX_USERS > 1"), "MAX_USERS"), ["t.py"]) is None
