"""A Django project's tests run after `django.setup()` (pytest-django runs it before pytest imports
the conftests, Django's runner before it finds the tests): every installed app's module, then its
`models`, in INSTALLED_APPS order (index/djangoapps.py). A test that imports a model module finds it
complete, whatever cycle an import of it alone would meet (netbox: `netbox.models.features` and
`core.models` import each other; `core.models` first works, the other order fails).

The interpreter judges each project: a fresh one that imports the setup's modules in order and then
the test module (what Django's `apps.populate` does for these apps, which hold no AppConfig hooks),
and one that imports the test module alone."""
from __future__ import annotations

import ast
import os

import pytest

from flake8_importguard.index.djangoapps import settings_lists, setup_imports

CYCLE = {
    "pyproject.toml": "",  # the project's root (as .git or a setup.py would mark it)
    "core/__init__.py": "",
    "core/models/__init__.py": "from .object_types import ObjectType\nfrom .change_logging import ChangeLog\n",
    "core/models/object_types.py": "class ObjectType:\n    pass\n",
    "core/models/change_logging.py": "from common.features import ChangeLoggingMixin\n\n\n"
                                     "class ChangeLog(ChangeLoggingMixin):\n    pass\n",
    "common/__init__.py": "",
    "common/features.py": "from core.models import ObjectType\n\n\n"
                          "class ChangeLoggingMixin:\n    kind = ObjectType\n",
    "users/__init__.py": "",
    "users/apps.py": "class UsersConfig:\n    name = 'users'\n",
    "users/models.py": "from common.features import ChangeLoggingMixin\n\n\n"
                       "class User(ChangeLoggingMixin):\n    pass\n",
    "site_cfg/__init__.py": "",
    "site_cfg/base.py": "DJANGO_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']\n"
                        "LOCAL_APPS = ['core', 'users.apps.UsersConfig']\n"
                        "INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS\n",
    "site_cfg/settings.py": "from .base import *  # noqa: F403\n\nINSTALLED_APPS += ['shop']\nDEBUG = False\n",
    "shop/__init__.py": "",
    "shop/models.py": "from users.models import User\n",
    "tests/__init__.py": "",
    "tests/test_users.py": "from users.models import User\n\n\ndef test_user():\n    assert User\n",
}
MANAGE = {"manage.py": "import os\nimport sys\n\nif __name__ == '__main__':\n"
                       "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n"}
SETUP = ["core", "users", "users.apps", "shop", "core.models", "users.models", "shop.models"]


def _judged(run_python, root: str, first: list[str]) -> bool:
    """Does a fresh interpreter import the test module after importing `first` in order?"""
    code = "".join(f"importlib.import_module({m!r})\n" for m in first)
    code = f"import importlib\n{code}import tests.test_users"
    return run_python(root, code).returncode == 0


@pytest.mark.parametrize("where", ["manage.py", "pytest.ini", "pyproject.toml", "setup.cfg"])
def test_the_setup_runs_before_the_tests(tmp_path, write_tree, lint, run_python, where):
    config = {"manage.py": MANAGE,
              "pytest.ini": {"pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = site_cfg.settings\n"},
              "pyproject.toml": {"pyproject.toml": "[tool.pytest.ini_options]\n"
                                                   "DJANGO_SETTINGS_MODULE = \"site_cfg.settings\"\n"},
              "setup.cfg": {"setup.cfg": "[tool:pytest]\nDJANGO_SETTINGS_MODULE = site_cfg.settings\n"}}[where]
    root = write_tree(tmp_path, {**CYCLE, **config})
    assert _judged(run_python, root, SETUP) and not _judged(run_python, root, [])
    assert lint(root) == ""


def test_without_django_a_lone_import_meets_the_cycle(tmp_path, write_tree, lint):
    root = write_tree(tmp_path, CYCLE)
    assert "tests/test_users.py:1:1: IMG105 importing 'users.models' fails" in lint(root)


def test_settings_that_do_not_show_the_apps_take_every_app_of_the_project(tmp_path, write_tree, lint, run_python):
    """INSTALLED_APPS built otherwise (readthedocs' class-based settings): every app of the project
    (a `models` beside an `apps` or `migrations` module) is taken to be set up, whatever the order;
    one whose models fail alone other than in a cycle stays a finding (the setup would fail)."""
    root = write_tree(tmp_path, {**CYCLE, **MANAGE, "site_cfg/settings.py": "INSTALLED_APPS = load_apps()\n"})
    assert lint(root) == ""
    write_tree(root, {"users/models.py": "from common.gone import Mixin\n"})
    assert not _judged(run_python, root, SETUP)
    assert "tests/test_users.py:1:1: IMG105 importing 'users.models' fails: users/models.py:1" in lint(root)
    os.remove(os.path.join(root, "users/apps.py"))  # no longer an app: imported alone, by the test
    write_tree(root, {"users/models.py": CYCLE["users/models.py"]})
    assert "IMG105 importing 'users.models' fails" in lint(root)


def test_a_setup_that_fails_leaves_each_file_to_its_own_imports(tmp_path, write_tree, lint, run_python):
    """An installed app whose models fail: the setup fails (Django stops there), and each test's
    own imports are judged as without it."""
    root = write_tree(tmp_path, {**CYCLE, **MANAGE, "shop/models.py": "from users.gone import Nothing\n"})
    assert not _judged(run_python, root, SETUP)
    assert "IMG105 importing 'users.models' fails" in lint(root)


def test_the_apps_order_decides(tmp_path, write_tree, lint, run_python):
    """`users` installed before `core`: its models run first, and meet the cycle."""
    root = write_tree(tmp_path, {**CYCLE, **MANAGE,
                                 "site_cfg/base.py": "INSTALLED_APPS = ['users.apps.UsersConfig', 'core']\n"})
    assert not _judged(run_python, root, ["users", "users.apps", "core", "users.models"])
    assert "IMG105" in lint(root)


def lists(source: str, stars: dict[str, str] | None = None) -> dict:
    def star(module: str) -> dict:
        return settings_lists(ast.parse((stars or {}).get(module, "")), "", star)
    return settings_lists(ast.parse(source), "site", star)


def test_installed_apps_as_the_statements_build_them():
    assert lists("A = ['x']\nB = ('y', *A)\nINSTALLED_APPS = A + list(B)\n")["INSTALLED_APPS"] == ["x", "y", "x"]
    assert lists("INSTALLED_APPS = ['a', 'b']\nINSTALLED_APPS.append('c')\nINSTALLED_APPS.insert(0, 'z')\n"
                 "INSTALLED_APPS.remove('a')\nINSTALLED_APPS.extend(['d'])\nINSTALLED_APPS += ('e',)\n"
                 )["INSTALLED_APPS"] == ["z", "b", "c", "d", "e"]
    assert lists("from .base import *\nINSTALLED_APPS += ['b']\n",
                 {"site.base": "INSTALLED_APPS = ['a']\n"})["INSTALLED_APPS"] == ["a", "b"]
    # a branch or a loop is left out; what the statements do not read is not known
    assert lists("INSTALLED_APPS = ['a']\nif DEBUG:\n    INSTALLED_APPS.append('toolbar')\n")["INSTALLED_APPS"] == ["a"]
    for unknown in ("INSTALLED_APPS = apps()\n", "INSTALLED_APPS = ['a', NAME]\n",
                    "INSTALLED_APPS = ['a']\nINSTALLED_APPS.sort()\n",
                    "INSTALLED_APPS = ['a']\nINSTALLED_APPS += more\n", "INSTALLED_APPS = OTHER = ['a']\n"):
        assert "INSTALLED_APPS" not in lists(unknown), unknown
    assert "INSTALLED_APPS" not in lists("X = 1\n")


def test_setup_imports_each_app_then_the_models():
    ours = {"core", "core.models", "users", "users.apps", "users.models", "blog", "blog.apps"}
    found = setup_imports(["django.contrib.auth", "core", "users.apps.UsersConfig", "blog.apps.BlogConfig",
                           "gone.apps.GoneConfig"], ours.__contains__)
    assert found == ["core", "users.apps", "blog.apps", "core.models", "users.models"]


def test_a_setup_nobody_can_replay_is_taken_to_succeed(tmp_path, write_tree, lint):
    """An installed app that may import a module or not (`if`): where the replay cannot say what
    the setup leaves, it is taken to succeed (had it failed, no test would run): the modules it
    imports from there on are complete. Each file's missing modules and names are still found, and
    so is a conftest that fails."""
    maybe = "import os\n\nif os.environ.get('X'):\n    import common.features\n"
    root = write_tree(tmp_path, {**CYCLE, **MANAGE, "core/__init__.py": maybe,
                                 "tests/test_gone.py": "from users.gone import Nothing\n"})
    found = lint(root)
    assert "IMG105" not in found and "tests/test_gone.py:1:1: IMG101 module 'users.gone' does not exist" in found
    write_tree(root, {"tests/conftest.py": "import common.broken\n", "common/broken.py": "from users.gone import X\n"})
    assert "tests/conftest.py:1:1: IMG105 importing 'common.broken' fails" in lint(root)


def test_a_warm_run_sees_the_settings_change(tmp_path, write_tree, lint):
    """The findings kept rest on the settings module (its file) and the settings named (graph.env)."""
    root = write_tree(tmp_path, {**CYCLE, **MANAGE})
    assert lint(root) == ""
    write_tree(root, {"site_cfg/base.py": "INSTALLED_APPS = ['users.apps.UsersConfig', 'core']\n"})
    assert "IMG105 importing 'users.models' fails" in lint(root)
    write_tree(root, {"site_cfg/base.py": CYCLE["site_cfg/base.py"]})
    assert lint(root) == ""
    os.remove(os.path.join(root, "manage.py"))
    assert "IMG105 importing 'users.models' fails" in lint(root)


def test_the_settings_named_by_pytest_django_options(tmp_path, write_tree, lint):
    """`--ds` in addopts (pytest 9's `[tool.pytest]` table: saleor's) comes before the ini key."""
    config = "[tool.pytest]\naddopts = ['-q', '--ds=site_cfg.settings']\nDJANGO_SETTINGS_MODULE = 'nowhere.settings'\n"
    root = write_tree(tmp_path, {**CYCLE, "pyproject.toml": config})
    assert lint(root) == ""
    write_tree(root, {"pyproject.toml": "[tool.pytest]\naddopts = ['--ds', 'site_cfg.users_first']\n",
                      "site_cfg/users_first.py": "INSTALLED_APPS = ['users.apps.UsersConfig', 'core']\n"})
    assert "IMG105" in lint(root)  # its setup fails: users' models meet the cycle


def test_a_project_that_requires_django_without_named_settings(tmp_path, write_tree, lint):
    """Settings named only at run time (nautobot's `nautobot-server --config`): a project that
    requires Django imports model modules in its tests only after a setup (else Django raises
    AppRegistryNotReady), so every app of the project is taken to be set up."""
    config = "[project]\nname = 'site'\ndependencies = ['Django>=4.2']\n"
    root = write_tree(tmp_path, {**CYCLE, "pyproject.toml": config})
    assert lint(root) == ""
    write_tree(root, {"pyproject.toml": "[project]\nname = 'site'\ndependencies = ['requests']\n"})
    assert "IMG105 importing 'users.models' fails" in lint(root)
