"""Whole-project answers kept in the index (index/census.py): after an edit, a kept answer is
asked again only when a file changed since mentions what it is about (for a rename, a name that
shares a word with it), or, for the answers that read the list of files, when a file was added or
deleted. In-process, on a project on disk with its real cache; every run after an edit reports
what a run without any cache reports on the edited project.
"""
from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings, strategies as st

from flake8_importguard.analysis.suggest import NEAR_THRESHOLD, Spellings, _renames, _worth_asking, score, spelled
from flake8_importguard.base.config import Settings
from flake8_importguard.base.record import Question
from flake8_importguard.index.cache import RACY_NS
from flake8_importguard.index.census import relevant
from flake8_importguard.index.scan import WRITTEN, name_words
from flake8_importguard.index.snapshot import Section
from flake8_importguard.run.session import Session
from support import lint_census as lint
from test_parallel import files_in

# Every test file imports app.billing (the module edited): each is checked again after an edit
# of it, and asks its whole-project questions again.
PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/models.py": "class User:\n    pass\n",
    "app/billing.py": "class Invoice:\n    pass\n",
    "app/other.py": "X = 1\n",
    "tests/__init__.py": "",
    "tests/test_billing.py": "from app.billing import Invoice\n",
    "tests/test_ledger.py": "from app.billing import Invoice\nfrom app.models import Ledger\n",
    "tests/test_renamed.py": "from app.billing import Invoice\nfrom app.models import AccountLedgerEntry\n",
    "tests/test_near.py": "from app.billing import Invoice\nimport app.modles\n",
}
EDITED = {"app/billing.py": "class Invoice:\n    pass\n\n\nTAX = 1\n"}  # mentions none of the names asked about


AGED = {"project": (PROJECT, 8)}  # one copy per test, old enough to be cached (conftest.aged)


@pytest.fixture
def project(aged) -> str:
    return aged("project")


def edit(root: str, files: dict[str, str], write_tree) -> list[str]:
    """Change `files`, wait until the change can be cached, and return what a run without any
    cache reports on the edited project."""
    write_tree(root, files)
    time.sleep(RACY_NS / 1e9 + 0.2)
    return lint(root, no_cache=True)[0]


def test_an_edit_that_mentions_no_name_asked_about_reuses_every_answer(project, write_tree):
    first, census = lint(project)
    assert census.computed > 0 and census.carried == 0
    assert lint(project)[1].computed == 0  # nothing changed: every finding kept
    cold = edit(project, EDITED, write_tree)
    after, census = lint(project)
    assert after == cold == first
    assert census.computed == 0 and census.carried > 0  # asked again by the checks, answered from the index
    again, census = lint(project)
    assert again == cold and census.computed == census.carried == 0


def test_an_edit_just_made_reuses_the_answers_it_cannot_change(project, write_tree):
    """Checked at once after the save (as an editor or a hook does): the generation cannot be
    told yet, what the changed file says now can."""
    first, _ = lint(project)
    write_tree(project, EDITED)
    after, census = lint(project)
    assert census.computed == 0 and census.carried > 0
    assert after == lint(project, no_cache=True)[0] == first
    write_tree(project, {"app/billing.py": "class Invoice:\n    pass\n\n\nclass LedgerEntry:\n    pass\n"})
    renamed, census = lint(project)
    assert census.computed > 0
    assert renamed == lint(project, no_cache=True)[0] != first


@pytest.mark.parametrize("files, changed", [
    # a module comes to define the missing name: where it lives now
    ({"app/other.py": "class Ledger:\n    pass\n"}, "'Ledger' is defined in 'app.other'"),
    # a name that shares words with one defined nowhere (the file does not mention the name asked about)
    ({"app/other.py": "class LedgerEntry:\n    pass\n"}, "did you mean 'LedgerEntry' in 'app.other'?"),
    # a module added where none of the files that changed mentions the missing module's name
    ({"app/sub/__init__.py": "", "app/sub/modles.py": ""}, "did you mean 'app.sub.modles'?"),
])
def test_an_edit_that_changes_an_answer_asks_it_again(project, write_tree, files, changed):
    first, _ = lint(project)
    cold = edit(project, {**EDITED, **files}, write_tree)
    after, census = lint(project)
    assert after == cold
    assert census.computed > 0
    assert any(changed in line for line in after) and not any(changed in line for line in first)


def test_a_mention_taken_away_asks_again(project, write_tree):
    first, _ = lint(project)
    edit(project, {"app/other.py": "class Ledger:\n    pass\n"}, write_tree)
    moved, _ = lint(project)
    assert moved != first
    cold = edit(project, {"app/other.py": "X = 2\n"}, write_tree)
    after, census = lint(project)
    assert after == cold == first
    assert census.computed > 0


def test_who_sets_a_name_is_read_from_the_files_that_may_set_it(project, write_tree):
    """The files that only import or bind a name are not read to answer who sets it on a module
    from elsewhere (`app.models.Ledger = ...`: scan.WRITTEN); a file that comes to set it is."""
    first, census = lint(project)
    assert census.mentions("Ledger") == [os.path.join(project, "tests", "test_ledger.py")]
    assert census.mentions(WRITTEN + "Ledger") == []
    assert not {path for path in files_in(project, "summaries") if path.startswith("tests/test_")}
    cold = edit(project, {"app/other.py": "import app.models\n\napp.models.Ledger = 1\n"}, write_tree)
    after, census = lint(project)
    assert after == cold and census.computed > 0
    assert census.mentions(WRITTEN + "Ledger") == [os.path.join(project, "app", "other.py")]
    assert any("'Ledger'" in line for line in first) and not any("'Ledger'" in line for line in after)


def stamps(root: str) -> tuple[str, str]:
    """(the index's last generation, the generation the answer "where is Ledger defined" is kept with)."""
    cache = Session().project_for(os.path.join(root, "tests"), Settings(root=root)).cache
    last, answer = cache.lookup(Section.MODULES, "signatures"), cache.lookup(Section.ANSWERS, "homes\0Ledger")
    return last["generation"], answer[0]


def test_an_answer_carried_through_an_edit_just_made_is_kept_with_the_last_generation(project, write_tree):
    """A run right after a save cannot tell its generation: an answer the edit cannot change is
    kept with the index's last one (so that it stays within the history the next runs know)."""
    lint(project)
    first, _ = stamps(project)
    write_tree(project, {"app/other.py": "X = 2\n"})  # read by no check, mentions no name asked about
    time.sleep(RACY_NS / 1e9 + 0.2)
    assert lint(project)[1].computed == 0  # every entry holds: nothing asked
    last, stamp = stamps(project)
    assert stamp == first != last
    write_tree(project, EDITED)
    after, census = lint(project)
    assert census.carried > 0 and census.computed == 0
    now, stamp = stamps(project)
    assert stamp == last != now  # the index moved on to the edit's bytes; the answer is kept with the one before
    assert after == lint(project, no_cache=True)[0]


def test_every_rename_the_hints_may_offer_is_a_change_that_reaches_the_answer():
    """census.relevant asks a kept RENAMED answer again for every changed name that Homes.renamed
    could take for a rename: a superset of suggest.py's test, checked over many pairs of names
    (typos, swapped letters, words added or dropped, snake_case)."""
    parts = ["Account", "Ledger", "Entry", "User", "Session", "Manager"]
    names = {a + b + c for a in ["", *parts] for b in parts for c in ["", *parts] if len({a, b, c}) == 3}
    names |= {n[:3] + n[4:] for n in sorted(names)[::7]} | {n.lower() for n in sorted(names)[::5]}
    names |= {n[:5] + n[6] + n[5] + n[7:] for n in sorted(names)[::3] if len(n) > 7}  # two letters swapped
    names |= {"get_user", "set_user", "user_session", "user_sessions", "LedgerEntri", "Leadger"}
    wanted_by_index = {name: {w for w in name_words(name) if len(w) >= 4} for name in names}
    offered = [(a, b) for a in names for b in names
               if a != b and wanted_by_index[a] & set(name_words(b)) and _renames(a, b)]
    assert len(offered) > 100  # the property is about something
    assert [pair for pair in offered if not relevant((Question.RENAMED, pair[0]), {pair[1]})] == []
    # Homes.renamed asks _renames only of the names that pass a cheaper test (a typo's length and
    # letters, or words added or dropped): every pair it accepts passes it
    assert [(a, b) for a, b in offered if not _worth_asking(spelled(a), spelled(b))] == []
    assert any(abs(len(a) - len(b)) > 1 for a, b in offered) and any(len(a) == len(b) for a, b in offered)


def indexed_like(names: list[str], wanted: str) -> set[str]:
    """The names a rename of `wanted` may have come from, as an index of every name by its long
    words and length, and of the CapWords names by their last word, finds them (what Homes did
    before Spellings): the definition `Spellings.like` must meet."""
    by_length: dict[tuple[str, int], set[str]] = {}
    by_last: dict[str, set[str]] = {}
    for name in names:
        if len(name) < 4 or not name.isidentifier():
            continue
        spelling = spelled(name)
        keys = {(part, len(spelling[1])) for part in spelling[0] if len(part) >= 4}
        for key in keys:
            by_length.setdefault(key, set()).add(name)
        if keys and spelling[2]:
            by_last.setdefault(spelling[0][-1], set()).add(name)
    words, lower, capital = spelled(wanted)
    parts = {part for part in words if len(part) >= 4}
    found = {name for part in parts for n in (len(lower) - 1, len(lower), len(lower) + 1)
             for name in by_length.get((part, n), ())}
    if capital and words:
        found |= {name for name in by_last.get(words[-1], ()) if not parts.isdisjoint(spelled(name)[0])}
    return found


WORDS = ["Account", "Ledger", "Entry", "User", "Session", "Manager", "get", "set", "id", "HTTP", "v2", "_", "x"]
NAME = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map("".join)


def mistyped(name: str, at: int, how: str) -> str:
    """`name` with a letter dropped, two neighbours swapped, in capitals or lower case, or with a tail."""
    swapped = name[:at] + name[at + 1:at + 2] + name[at:at + 1] + name[at + 2:]
    return {"drop": name[:at] + name[at + 1:], "swap": swapped,
            "upper": name.upper(), "lower": name.lower(), "tail": name + "_"}[how]


TYPO = st.builds(mistyped, NAME, st.integers(0, 30), st.sampled_from(["drop", "swap", "upper", "lower", "tail"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME | TYPO, max_size=40, unique=True), NAME | TYPO)
def test_spellings_find_every_name_an_index_of_words_finds(names, wanted):
    """Spellings.like (a search of one text, each name spelt when met) finds the names that an
    index of every name by its words finds, no other, each once: CapWords and snake_case, typos,
    names in capitals, words added or dropped, names of other lengths and no long word (the census's
    words: each once)."""
    found = [name for name, _ in Spellings([*names, " \0 ", "ab", "1Account"]).like(spelled(wanted))]
    assert len(found) == len(set(found))
    assert set(found) == indexed_like(names, wanted)


def test_spellings_are_about_something():
    names = ["AccountLedger", "AccountLedgr", "LedgerEntry", "AccountLedgerEntry", "account_ledger", "Session"]
    spellings = Spellings(names)
    assert {name for name, _ in spellings.like(spelled("AccountLedger"))} == {
        "AccountLedgr", "AccountLedger", "account_ledger"} == indexed_like(names, "AccountLedger")  # near in length
    assert {name for name, _ in spellings.like(spelled("LedgerEntry"))} == {
        "LedgerEntry", "AccountLedgerEntry"} == indexed_like(names, "LedgerEntry")  # the same last word
    assert {name for name, _ in spellings.like(spelled("Ses"))} == set()  # no word of four letters


def test_a_floor_changes_no_score_that_reaches_it():
    """near_names scores with a floor: a candidate that cannot reach it is dropped before its
    spelling is compared in full; every score at or above the floor is the one without it."""
    parts = ["Account", "Ledger", "Entry", "User", "Session", "get", "user", "id"]
    names = {a + b for a in parts for b in parts if a != b} | {"Usr", "Ledgr", "AccountLedger_", "x"}
    names |= {n[:2] + n[3:] for n in sorted(names)[::4]}
    pairs = [(a, b, module) for a in names for b in names for module in (False, True)]
    floored = [(score(a, b, module), score(a, b, module, NEAR_THRESHOLD)) for a, b, module in pairs]
    assert [(plain, low) for plain, low in floored if low != plain and not (plain < NEAR_THRESHOLD and low == 0)] == []
    assert sum(plain >= NEAR_THRESHOLD for plain, _ in floored) > 100  # the property is about something
    assert sum(0 < plain < NEAR_THRESHOLD and low == 0 for plain, low in floored) > 100
