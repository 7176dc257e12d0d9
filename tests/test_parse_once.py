"""A cold run parses each file once where it can: a test file whose own summary a question asks
for while it is checked (who sets this name elsewhere: the file imports the name and sets it on
another module) is summarized from the tree its check parsed; a file that mentions the name but
does not set it is not summarized for that question at all."""
from __future__ import annotations

import ast

TEST_FILE = "import app.other\nfrom app.flags import VERBOSE\n\napp.other.VERBOSE = True\n"
READER = "from app.flags import VERBOSE\n\n\ndef test_reads():\n    assert VERBOSE\n"
PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/flags.py": "DEBUG = False\n",
    "app/other.py": "",
    "tests/__init__.py": "",
    "tests/test_flags.py": TEST_FILE,
    "tests/test_reader.py": READER,
}


def test_each_test_file_parsed_once(tmp_path, write_tree, run_importguard, monkeypatch):
    write_tree(tmp_path, PROJECT)
    parsed: list[str | bytes] = []
    parse = ast.parse

    def counting(source, *args, **kwargs):
        parsed.append(source)
        return parse(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", counting)
    result = run_importguard(tmp_path, "--no-cache", "-j1", "tests/test_flags.py", "tests/test_reader.py")
    monkeypatch.undo()
    assert "tests/test_flags.py:2:1: IMG102 'VERBOSE' is not defined in 'app.flags'" in result.stdout
    assert "tests/test_reader.py:1:1: IMG102 'VERBOSE' is not defined in 'app.flags'" in result.stdout
    assert parsed.count(TEST_FILE.encode()) == 1  # checked, and summarized from the same tree
    assert parsed.count(READER.encode()) == 1  # checked; it sets nothing: never summarized
