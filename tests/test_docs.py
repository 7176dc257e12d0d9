"""Every documented example is a test, and the README agrees with the code table."""
from __future__ import annotations

import re

import pytest

from flake8_importguard.base.codes import CODES
from flake8_importguard.base.config import OPTIONS, SHARED
from flake8_importguard.cli import build_parser
from flake8_importguard.report import build_parser as build_report_parser
from support import DEMO, check, readme

EXAMPLE = re.compile(r"<!-- (bad|good)(?: (IMG\d{3}))? -->\s*```python\n(.*?)```", re.S)


def sections() -> dict[str, str]:
    parts = re.split(r"^### (IMG\d{3}): ", readme(), flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


def examples() -> list[tuple[str, str, str, str]]:
    found = []
    for code, text in sections().items():
        for kind, marked, source in EXAMPLE.findall(text):
            found.append((code, kind, marked, source))
    return found


def test_every_code_is_documented_with_both_examples():
    documented = sections()
    for code, entry in CODES.items():
        assert code in documented, f"{code} has no README section"
        assert documented[code].startswith(entry.symbol), f"{code}'s heading should name {entry.symbol}"
        kinds = {kind for c, kind, _, _ in examples() if c == code}
        assert kinds == {"bad", "good"}, f"{code} needs a bad and a good example"


def test_the_code_table_is_the_codes_table():
    """One table of codes in the README, row for row what codes.py says."""
    rows = ["| code | name | what it flags | why it matters | fix |", "|---|---|---|---|---|"]
    rows += [f"| {c.code} | {c.symbol} | {c.what} | {c.why} | {c.fix.value} |" for c in CODES.values()]
    assert "\n".join(rows) + "\n\n" in readme()
    assert readme().count("| code | name |") == 1


def test_every_code_is_in_the_family_its_number_names():
    """The table says a code's family (what the report and the CI formats go by); its spelling agrees."""
    for code, entry in CODES.items():
        assert entry.code == code
        assert code.startswith(entry.family.value.rstrip("x")), code


def test_every_code_says_why_it_matters():
    documented = sections()
    for code, entry in CODES.items():
        assert f"**Why it matters:** {entry.why}\n" in documented[code], code


def test_every_option_is_documented():
    for opt in OPTIONS:
        assert f"--{opt.flag}" in readme(), opt.flag


def _plain(markdown: str) -> str:
    """A README cell as a terminal shows it: no backticks, a link's text only."""
    return re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", markdown).replace("`", "")


@pytest.mark.parametrize("option", SHARED, ids=lambda opt: opt.name)
def test_each_shared_option_has_one_description(option):
    """`--help` and the README's options table say the same thing (the help is the source)."""
    row = re.search(rf"^\| `--{re.escape(option.flag)}[ `][^|]*\|[^|]*\| (.*) \|$", readme(), re.M)
    assert row, option.flag
    assert _plain(row.group(1)) == re.sub(r" \(default: [^)]*\)$", "", option.help)


@pytest.mark.parametrize("parser", [build_parser(), build_report_parser()], ids=["importguard", "report"])
def test_every_command_line_option_has_help_and_is_documented(parser):
    for action in parser._actions:
        if action.option_strings and action.dest != "help":  # argparse's own
            assert action.help, action.option_strings
            longest = max(action.option_strings, key=len)
            # a SHARED option is documented by its flake8 name
            shown = (f"`{longest}", f"`{parser.prog} {longest}", f"`--importguard-{longest[2:]}")
            assert any(text in readme() for text in shown), (parser.prog, longest)


@pytest.mark.parametrize("code,kind,marked,source", examples(), ids=lambda v: str(v)[:30])
def test_example(tmp_path, project_copy, code, kind, marked, source):
    project = project_copy(tmp_path, DEMO)
    example = project / "tests" / "test_readme_example.py"
    example.write_text(source)
    findings = check(source, str(example))
    if kind == "bad":
        assert marked == code
        assert findings and {f.code for f in findings} == {code}, findings
    else:
        assert findings == [], findings
