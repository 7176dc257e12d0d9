"""fixer.apply on bytes: each Fix kind, the layouts it must keep, and the cases it must refuse.

The findings are built by hand here (as the rules would build them) so that every statement
shape can be tried; the end-to-end tests (test_fix_cli.py) take them from the real rules.
"""
from __future__ import annotations

import ast

import pytest

from flake8_importguard.base.model import Finding, Fix, FixKind
from flake8_importguard.fix import fixer


def move(line, name, target, module="m", bound=None):
    return Finding("IMG102", line, 0, name=name, module=module,
                   fix=Fix(FixKind.MOVE, line, bound or name, target, name, True))


def alias(line, name, target_name, module="m", bound=None):
    return Finding("IMG102", line, 0, name=name, module=module,
                   fix=Fix(FixKind.ALIAS, line, bound or name, module, target_name, True))


def module_move(line, module, target):
    return Finding("IMG101", line, 0, module=module,
                   fix=Fix(FixKind.MOVE_MODULE, line, target_module=target, certain=True))


def placeholder(line, name, target, target_name=None, code="IMG201"):
    return Finding(code, line, 0, name=name,
                   fix=Fix(FixKind.REPLACE_PLACEHOLDER, line, name, target, target_name or name, True))


def fixed(source: str, *findings: Finding) -> str:
    result = fixer.apply(source.encode(), list(findings))
    ast.parse(result.source)
    return result.source.decode()


# -- alias, move, move-module ----------------------------------------------------------------------
@pytest.mark.parametrize("source, finding, expected", [
    ("from m import Usr\n", alias(1, "Usr", "User"), "from m import User as Usr\n"),
    ("from m import Usr as U\n", alias(1, "Usr", "User", bound="U"), "from m import User as U\n"),
    ("from m import User as User2\n", alias(1, "User", "User2", bound="User2"), "from m import User2\n"),
    ("from m import A, Usr, B  # keep\n", alias(1, "Usr", "User"), "from m import A, User as Usr, B  # keep\n"),
    ("from m import Thread\n", move(1, "Thread", "app.db"), "from app.db import Thread\n"),
    ("from m import Thread as T  # c\n", move(1, "Thread", "app.db", bound="T"),
     "from app.db import Thread as T  # c\n"),
    ("from m import A, Thread\n", move(1, "Thread", "app.db"), "from m import A\nfrom app.db import Thread\n"),
    ("from m import Thread, A\n", move(1, "Thread", "app.db"), "from m import A\nfrom app.db import Thread\n"),
    ("from .gone import A, B\n", module_move(1, "pkg.gone", "app.runs"), "from app.runs import A, B\n"),
    ("from ..gone import (A,\n    B)\n", module_move(1, "pkg.gone", "app.runs"), "from app.runs import (A,\n    B)\n"),
    ("import os; from m import A, Thread; x = 1\n", move(1, "Thread", "app.db"),
     "import os; from m import A; from app.db import Thread; x = 1\n"),
    ("if True: from m import A, Thread\n", move(1, "Thread", "app.db"),
     "if True: from m import A; from app.db import Thread\n"),
    ("def f():\n    from m import A, Thread\n    return A, Thread\n", move(2, "Thread", "app.db"),
     "def f():\n    from m import A\n    from app.db import Thread\n    return A, Thread\n"),
])
def test_import_fixes(source, finding, expected):
    assert fixed(source, finding) == expected


def test_moved_names_keep_their_comments_and_layout():
    source = (
        "# models\n"
        "from m import (  # the models\n"
        "    User,  # stays\n"
        "    Message,  # moves\n"
        "    Thread,\n"
        ")\n"
    )
    assert fixed(source, move(2, "Message", "app.db"), move(2, "Thread", "app.db")) == (
        "# models\n"
        "from m import (  # the models\n"
        "    User,  # stays\n"
        ")\n"
        "from app.db import (\n"
        "    Message,  # moves\n"
        "    Thread,\n"
        ")\n"
    )


def test_several_fixes_in_one_statement():
    source = "from m import Usr, Thread, Other\n"
    assert fixed(source, alias(1, "Usr", "User"), move(1, "Thread", "app.db")) == (
        "from m import User as Usr, Other\nfrom app.db import Thread\n"
    )


def test_the_statement_is_found_by_line_and_module():
    source = "from a import X; from m import X as Y\nfrom m import X\n"
    assert fixed(source, move(1, "X", "app.db", bound="Y")) == (
        "from a import X; from app.db import X as Y\nfrom m import X\n"
    )


def test_a_fix_whose_statement_is_gone_is_skipped():
    finding = move(3, "Thread", "app.db")
    result = fixer.apply(b"from m import Thread\n", [finding])
    assert not result.changed and result.source == b"from m import Thread\n"
    assert result.skipped == ((finding, "not-found"),)


# -- placeholders ------------------------------------------------------------------------------------
def test_placeholder_assignment_becomes_the_import_and_unused_mock_goes():
    source = (
        "from unittest.mock import Mock, patch\n"
        "\n"
        "Thread = Mock  # the model is missing\n"
        "\n"
        "\n"
        "@patch('x')\n"
        "def test_thread(x):\n"
        "    assert Thread\n"
    )
    assert fixed(source, placeholder(3, "Thread", "app.db.models_agent")) == (
        "from unittest.mock import patch\n"
        "\n"  # isort's sections: the first-party import apart from the standard library's
        "from app.db.models_agent import Thread  # the model is missing\n"
        "\n"
        "\n"
        "@patch('x')\n"
        "def test_thread(x):\n"
        "    assert Thread\n"
    )


def test_placeholder_keeps_imports_that_something_else_uses():
    source = (
        "import unittest\n"
        "from unittest.mock import Mock\n"
        "UserFlowTestBase = unittest.TestCase\n"
        "helper = Mock()\n"
        "\n"
        "class TestX(UserFlowTestBase):\n"
        "    pass\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    unittest.main()\n"
    )
    out = fixed(source, placeholder(3, "UserFlowTestBase", "tests.helpers.flows", code="IMG203"))
    assert out.startswith("import unittest\nfrom unittest.mock import Mock\n\n"  # a section of its own
                          "from tests.helpers.flows import UserFlowTestBase\n")


def test_placeholder_invented_type_and_other_name():
    source = "UserPlan = type('UserPlan', (), {'FREE': 'free'})\n"
    assert fixed(source, placeholder(1, "UserPlan", "app.billing", "Plan", code="IMG202")) == (
        "from app.billing import Plan as UserPlan\n"
    )


def test_swallowed_import_error_is_unwrapped():
    source = (
        "import pytest\n"
        "from unittest.mock import Mock\n"
        "\n"
        "# storage\n"
        "try:\n"
        "    from app.storage.clickhouse import ClickHouseManager  # the client\n"
        "except ImportError:\n"
        "    ClickHouseManager = Mock\n"
        "\n"
        "\n"
        "def test_x():\n"
        "    assert ClickHouseManager\n"
    )
    expected = (
        "import pytest\n"
        "\n"
        "# storage\n"
        "from app.storage.clickhouse import ClickHouseManager  # the client\n"
        "\n"
        "\n"
        "def test_x():\n"
        "    assert ClickHouseManager\n"
    )
    by_try = placeholder(5, "ClickHouseManager", "app.storage.clickhouse", code="IMG204")
    by_assignment = placeholder(8, "ClickHouseManager", "app.storage.clickhouse")
    assert fixed(source, by_try) == expected
    assert fixed(source, by_assignment) == expected  # an assignment inside the handler means its try


def test_unwrapped_try_imports_from_where_the_name_lives():
    source = (
        "try:\n"
        "    from app.models.thread import Thread, Message\n"
        "except (ImportError, ModuleNotFoundError):\n"
        "    Thread = Message = None\n"
        "else:\n"
        "    HAVE_MODELS = True\n"
    )
    out = fixed(source, placeholder(1, "Thread", "app.db.models_agent"),
                placeholder(1, "Message", "app.db.models_agent"))
    assert out == "from app.db.models_agent import Thread, Message\nHAVE_MODELS = True\n"


@pytest.mark.parametrize("source, reason", [
    ("try:\n    from app.x import A, B\nexcept ImportError:\n    A = None\n", "try-partial"),
    ("try:\n    from app.x import A\nexcept ImportError:\n    A = None\n    HAVE_X = False\n", "try-does-more"),
    ("try:\n    from app.x import A\nexcept Exception:\n    A = None\n", "not-simple"),
    ("try:\n    from app.x import A\nexcept ImportError:\n    A = None\nfinally:\n    pass\n", "not-simple"),
    ("try:\n    from app.x import A\n    A.setup()\nexcept ImportError:\n    A = None\n", "not-simple"),
])
def test_try_blocks_that_do_more_are_left_alone(source, reason):
    finding = placeholder(1, "A", "app.x", code="IMG204")
    result = fixer.apply(source.encode(), [finding])
    assert result.source == source.encode()
    assert result.skipped == ((finding, reason),)


def test_placeholder_with_several_targets_is_not_found():
    finding = placeholder(1, "A", "app.x")
    assert fixer.apply(b"A = B = Mock\n", [finding]).skipped == ((finding, "not-found"),)


# -- safety ------------------------------------------------------------------------------------------
def test_unparsable_source_is_returned_untouched():
    finding = move(1, "Thread", "app.db")
    result = fixer.apply(b"from m import Thread\ndef (:\n", [finding])
    assert result.source == b"from m import Thread\ndef (:\n"
    assert result.skipped == ((finding, "unparsable"),)


def test_crlf_bom_and_coding_cookie_are_kept():
    crlf = b"\xef\xbb\xbffrom m import Thread\r\nx = 1\r\n"
    assert fixer.apply(crlf, [move(1, "Thread", "app.db")]).source == (
        b"\xef\xbb\xbffrom app.db import Thread\r\nx = 1\r\n")
    latin = "# -*- coding: latin-1 -*-\nfrom m import A, Thread\nname = 'é'\n".encode("latin-1")
    out = fixer.apply(latin, [move(2, "Thread", "app.db")]).source
    assert out == ("# -*- coding: latin-1 -*-\nfrom m import A\nfrom app.db import Thread\n"
                   "name = 'é'\n").encode("latin-1")


def test_new_lines_follow_the_file_line_endings():
    out = fixer.apply(b"from m import A, Thread\r\n", [move(1, "Thread", "app.db")]).source
    assert out == b"from m import A\r\nfrom app.db import Thread\r\n"


def test_applying_the_result_again_changes_nothing():
    once = fixer.apply(b"from m import A, Thread\n", [move(1, "Thread", "app.db")]).source
    assert fixer.apply(once, [move(1, "Thread", "app.db")]).source == once


def test_add_definitions_puts_imports_after_the_import_block():
    source = b'"""Doc."""\r\nfrom __future__ import annotations\r\nimport os\r\n\r\nX = 1\r\n'
    out = fixer.add_definitions(source, "# marker\nclass A(enum.Enum):\n    B = enum.auto()\n", ["enum", "os"])
    assert out == (b'"""Doc."""\r\nfrom __future__ import annotations\r\nimport os\r\nimport enum\r\n\r\nX = 1\r\n'
                   b"\r\n\r\n# marker\r\nclass A(enum.Enum):\r\n    B = enum.auto()\r\n")
    assert fixer.add_definitions(b"", "def f():\n    pass\n") == b"def f():\n    pass\n"
    assert fixer.add_definitions(b"def (:\n", "x = 1\n") is None
    assert fixer.add_definitions(b"from app import enum\n", "class A(enum.Enum):\n    B = 1\n", ["enum"]) is None
