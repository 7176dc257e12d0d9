"""A session that lives across rounds (the language server's) trusting an editor's reports of what
changed on disk (index/watch.py): a generation verified in one round is carried to the next
without a stat of every file, while the census in the index is the one read then and every path
reported since is as it was; a change reported is seen at once, one not reported at the recheck;
every round reports what a new process without any cache reports. In-process, on projects on
disk with their real cache, each round as lsp.py runs one (a refresh, a check, a flush)."""
from __future__ import annotations

import os
import time

import pytest

from flake8_importguard.base.codes import render
from flake8_importguard.base.config import Settings
from flake8_importguard.index.cache import RACY_NS
from flake8_importguard.index.census import Census
from flake8_importguard.run.checkrun import Run
from flake8_importguard.run.session import Session
from support import lint_census, write_tree

PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/__init__.py": "",
    "app/billing.py": "class Invoice:\n    pass\n",
    "app/users.py": "class User:\n    pass\n",
    "tests/test_invoice.py": "from app.billing import Invoice\n",
    "tests/test_refund.py": "from app.billing import Refund\n",
    "tests/test_payments.py": "from app.payments import Card\nfrom app.users import User\n",
}
REFUND = "class Invoice:\n    pass\n\n\nclass Refund:\n    pass\n"  # app/billing.py edited
N_PROJECTS = 9  # at least one per test
SETTLE = RACY_NS / 1e9 + 0.2  # what changed is old enough to be kept after this
TESTS = ("tests/test_invoice.py", "tests/test_refund.py", "tests/test_payments.py")


AGED = {"project": (PROJECT, N_PROJECTS)}  # written with every module's before the session's one wait


@pytest.fixture
def project(aged):
    """A copy of PROJECT old enough to be cached, this test's own (conftest.aged)."""
    return aged("project")


def check(session: Session, root: str, test: str) -> tuple[list[str], Census]:
    """One round of the language server: what it publishes for `test` saved, and the census."""
    session.refresh()
    run = Run(Settings(root=root), session, said=[])
    path = os.path.join(root, test)
    checked = run.check_file(path)
    session.flush()
    assert checked is not None
    return [render(f) for f in checked.findings], run.project(path).census


def fresh(root: str) -> dict[str, list[str]]:
    """What a new process without any cache reports for each test file."""
    found, _ = lint_census(root, no_cache=True)
    return {test: [line.split(": ", 1)[1] for line in found if line.startswith(test + ":")] for test in TESTS}


def watched(root: str, recheck: float = 60.0) -> Session:
    """A session whose editor watches the files (as lsp.py's, once its watcher is registered),
    with a verified generation: the index written, settled, and every file stat'ed once."""
    session = Session()
    session.watch.trusted, session.watch.recheck = True, recheck
    for test in TESTS:  # each file's findings kept
        check(session, root, test)
    time.sleep(SETTLE)
    check(session, root, TESTS[0])  # the root's listing kept again: the index's directory was made in it
    _, census = check(session, root, TESTS[0])
    assert census.one_pass and not census.relisted and not census.trusted
    return session


def test_a_verified_generation_is_carried_while_nothing_is_reported(project):
    session = watched(project)
    expected = fresh(project)
    for test in TESTS:
        found, census = check(session, project, test)
        assert found == expected[test] and census.trusted and census.one_pass
    session.watch.report([os.path.join(project, "tests", "test_invoice.py")])  # saved, the same bytes
    found, census = check(session, project, TESTS[0])
    assert census.trusted and found == expected[TESTS[0]]


def test_a_session_whose_editor_does_not_watch_stats_every_file(project):
    session = Session()
    check(session, project, TESTS[0])
    time.sleep(SETTLE)
    for _ in range(2):
        _, census = check(session, project, TESTS[0])
        assert census.one_pass and not census.trusted
    write_tree(project, {"app/billing.py": REFUND})
    found, census = check(session, project, TESTS[1])
    assert found == fresh(project)[TESTS[1]] == [] and not census.trusted


@pytest.mark.parametrize("change", ["edited", "created", "deleted"])
def test_a_reported_change_is_seen_at_once(project, change):
    session = watched(project)
    before = fresh(project)
    assert before[TESTS[1]] and before[TESTS[2]] and not before[TESTS[0]]
    if change == "edited":  # a file of the census: its own signature
        test, path = TESTS[1], os.path.join(project, "app", "billing.py")
        write_tree(project, {"app/billing.py": REFUND})
    elif change == "created":  # a new module: its directory's listing
        test, path = TESTS[2], os.path.join(project, "app", "payments.py")
        write_tree(project, {"app/payments.py": "class Card:\n    pass\n"})
    else:  # a module gone: its own signature, and its directory's
        test, path = TESTS[0], os.path.join(project, "app", "billing.py")
        os.remove(path)
    session.watch.report([path])
    found, census = check(session, project, test)
    after = fresh(project)
    assert found == after[test] != before[test] and not census.trusted
    time.sleep(SETTLE)
    for _ in range(2):  # verified again, with the change (a directory listed again, then kept)
        check(session, project, test)
    for each in TESTS:
        found, census = check(session, project, each)
        assert found == after[each] and census.trusted


def test_a_change_reported_through_a_link_to_the_project_is_seen(project, tmp_path):
    """An editor that opened the project through a symbolic link reports paths through it."""
    session = watched(project)
    link = tmp_path / "link"
    link.symlink_to(project, target_is_directory=True)
    write_tree(project, {"app/billing.py": REFUND})
    session.watch.report([str(link / "app" / "billing.py")])
    found, census = check(session, project, TESTS[1])
    assert found == fresh(project)[TESTS[1]] == [] and not census.trusted


def test_an_unreported_change_is_seen_at_the_recheck(project):
    recheck = 3.0
    session = watched(project, recheck)
    write_tree(project, {"app/billing.py": REFUND})
    _, census = check(session, project, TESTS[1])
    assert census.trusted  # within the recheck: what the editor did not report is not looked at
    time.sleep(recheck)
    found, census = check(session, project, TESTS[1])
    assert found == fresh(project)[TESTS[1]] == [] and not census.trusted


def test_a_census_another_process_rewrote_is_not_carried(project):
    """Another process (the command in a terminal) took a new generation after a change the editor
    did not report: the census's shards on disk are not the ones verified."""
    session = watched(project)
    write_tree(project, {"app/billing.py": REFUND})
    time.sleep(SETTLE)
    lint_census(project)
    found, census = check(session, project, TESTS[1])
    assert found == fresh(project)[TESTS[1]] == [] and not census.trusted


def test_shards_decoded_in_an_earlier_round_give_what_a_fresh_read_gives(project):
    """Any session that lives across rounds decodes a shard of the index again only when its file
    changed (snapshot.Decoded): after an edit that one test file's entry reads, each round reports
    what a new process reports, the shards rewritten decoded anew, the others shared."""
    session = Session()
    for test in TESTS:
        check(session, project, test)
    time.sleep(SETTLE)
    for test in TESTS:
        check(session, project, test)

    def shards(census: Census) -> dict[str, object]:
        return dict(census.cache.snapshot._data)  # type: ignore[attr-defined]
    _, census = check(session, project, TESTS[0])
    before = shards(census)
    write_tree(project, {"app/billing.py": REFUND})
    expected = fresh(project)
    assert expected[TESTS[1]] == [] and expected[TESTS[2]]
    for test in (*TESTS, *TESTS):
        found, census = check(session, project, test)
        assert found == expected[test] and not census.trusted
    after = shards(census)
    shared = {shard for shard in before.keys() & after.keys() if before[shard] is after[shard]}
    assert shared and shared != before.keys() & after.keys()  # the census's and billing's shards rewritten
