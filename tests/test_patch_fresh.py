"""A warm run sees what changed in the modules a patch target or a module attribute is read
through: the patched class, its first-party base in another module, the module an attribute is
read on. The index cache from the run before is on disk; the test file itself never changes."""
from __future__ import annotations

import pathlib

import pytest

PROJECT = {
    "pyproject.toml": "",
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/models/base.py": "class Model:\n    def save(self):\n        return 1\n",
    "app/services/__init__.py": "",
    "app/services/billing.py": "from app.models.base import Model\n\n\nclass Invoice(Model):\n"
                               "    def send(self):\n        return 2\n\n\nRATES = {}\n",
    "tests/__init__.py": "",
    "tests/test_billing.py": "from unittest.mock import patch\n\nfrom app.services import billing\n"
                             "from app.services.billing import Invoice\n\n\n"
                             "@patch('app.services.billing.Invoice.save')\n"
                             "def test_save(save):\n"
                             "    with patch.object(Invoice, 'send'):\n"
                             "        assert billing.RATES == {}\n",
}
STEPS = [  # (file, new text, the findings that follow)
    ("app/models/base.py", "class Model:\n    def saves(self):\n        return 1\n",
     ["tests/test_billing.py:7:8: IMG401 patch target 'app.services.billing.Invoice.save' does not exist: "
      "'save' is not defined in 'app.services.billing.Invoice'; did you mean 'saves'?"]),
    ("app/services/billing.py", "from app.models.base import Model\n\n\nclass Invoice(Model):\n"
                                "    def sent(self):\n        return 2\n\n\nRATE = {}\n",
     ["tests/test_billing.py:7:8: IMG401 patch target 'app.services.billing.Invoice.save' does not exist: "
      "'save' is not defined in 'app.services.billing.Invoice'; did you mean 'saves'?",
      "tests/test_billing.py:9:32: IMG401 patch target 'app.services.billing.Invoice.send' does not exist: "
      "'send' is not defined in 'app.services.billing.Invoice'; did you mean 'sent'?",
      "tests/test_billing.py:10:16: IMG103 module 'app.services.billing' has no attribute 'RATES'; "
      "did you mean 'RATE'?"]),
    ("app/models/base.py", "class Model:\n    def save(self):\n        return 1\n",
     ["tests/test_billing.py:9:32: IMG401 patch target 'app.services.billing.Invoice.send' does not exist: "
      "'send' is not defined in 'app.services.billing.Invoice'; did you mean 'sent'?",
      "tests/test_billing.py:10:16: IMG103 module 'app.services.billing' has no attribute 'RATES'; "
      "did you mean 'RATE'?"]),
]


AGED = {"project": (PROJECT, 2)}  # one per front end, old enough for the index cache to keep every file


def _findings(output: str) -> list[str]:
    return sorted(line.removeprefix("./") for line in output.splitlines() if "IMG" in line)


@pytest.mark.parametrize("front", ["importguard", "flake8"])
def test_a_warm_run_sees_the_modules_a_target_is_read_through(aged, run_importguard, run_flake8, front):
    root = pathlib.Path(aged("project"))  # PROJECT, old enough for the index cache to keep every file

    def run() -> list[str]:
        result = run_importguard(root, "tests") if front == "importguard" else run_flake8(root, "--select=IMG", "tests")
        return _findings(result.stdout)

    assert run() == []
    assert (root / ".importguard_cache").is_dir()  # the next runs are warm
    for path, text, expected in STEPS:
        (root / path).write_text(text)
        assert run() == sorted(expected), path
