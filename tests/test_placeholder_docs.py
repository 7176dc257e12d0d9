"""Every IMG2xx section of the README is a test: its bad example gives exactly the flake8 line
shown, its good example is silent, and its "Why" is the one in the table of codes."""
from __future__ import annotations

import os
import re

from flake8_importguard.codes import CODES

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")
SECTION = re.compile(r"^### (IMG2\d\d): ([a-z-]+)\n(.*?)(?=^### |^## |\Z)", re.S | re.M)
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)

# The project the README's examples run in (described in its "Placeholder codes" preface).
PROJECT = {
    "pyproject.toml": '[project]\nname = "readme-example"\n',
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/models/thread.py": "class Thread:\n    def __init__(self, title):\n        self.title = title\n",
    "app/billing/__init__.py": "import decimal\n\n\ndef charge(amount):\n    return decimal.Decimal(amount)\n",
    "app/billing/plans.py": "import enum\n\n\nclass UserPlan(enum.Enum):\n    FREE = 'free'\n",
    "app/storage/__init__.py": "",
    "app/storage/clickhouse.py": "class ClickHouseManager:\n    pass\n",
    "tests/__init__.py": "",
    "tests/helpers/__init__.py": "",
    "tests/helpers/flows.py": "import unittest\n\n\nclass UserFlowTestBase(unittest.TestCase):\n    pass\n",
}


def sections() -> dict[str, tuple[str, str]]:
    with open(README, encoding="utf-8") as f:
        text = f.read()
    text = text[text.index("## Placeholder codes"):]
    return {m.group(1): (m.group(2), m.group(3)) for m in SECTION.finditer(text)}


def write_example(root, source: str) -> str:
    """Write an example whose first line names its file (`# tests/test_x.py`); its path."""
    first, _, _ = source.partition("\n")
    relative = first.lstrip("# ").strip()
    for path, content in PROJECT.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    (root / relative).write_text(source)
    return relative


def test_every_placeholder_code_is_documented():
    documented = sections()
    assert sorted(documented) == sorted(c for c in CODES if c.startswith("IMG2"))
    for code, (symbol, body) in documented.items():
        assert symbol == CODES[code].symbol
        assert f"Why: {CODES[code].why}" in body, code


def test_examples_give_the_lines_shown(flake8_path):
    expected: dict[str, list[str]] = {}
    for code, (_, body) in sections().items():
        blocks = BLOCK.findall(body)
        kinds = [kind for kind, _ in blocks]
        assert kinds == ["python", "text", "python"], f"{code}: bad, output, good: {kinds}"
        (_, bad), (_, shown), (_, good) = blocks
        for name, source, lines in (("bad", bad, shown.strip().splitlines()), ("good", good, [])):
            root = flake8_path / code.lower() / name
            relative = write_example(root, source)
            expected[f"./{code.lower()}/{name}/{relative}"] = [
                f"./{code.lower()}/{name}/{line}" for line in lines
            ]
    result = flake8_path.run_flake8(["--select=IMG"])
    assert result.err_lines == []
    got: dict[str, list[str]] = {path: [] for path in expected}
    for line in result.out_lines:
        got.setdefault(line.split(":", 1)[0], []).append(line)
    assert got == expected
