"""What the project graph keeps: findings round-trip through JSON exactly; memoized answers keep
the reads they rest on, and answers that met a cycle are not kept half-made."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from flake8_importguard.base.codec import findings_from_data, findings_to_data
from flake8_importguard.base.config import Settings
from flake8_importguard.base.model import Finding, Missing, Verdict
from flake8_importguard.base.record import Memo, Recorder
from flake8_importguard.run.session import Session


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_type(Finding), max_size=4))
def test_findings_round_trip_exactly(findings):
    data = json.loads(json.dumps(findings_to_data(findings)))
    assert findings_from_data(data) == findings


@pytest.mark.parametrize("data", [
    {"code": "IMG102"},  # not a list
    [{"code": "IMG102", "line": "one", "col": 0}],  # a field of the wrong type
    [{"code": "IMG102", "line": 1, "col": 0, "hint": {"kind": "no-such-kind"}}],  # an unknown enum value
    [{"code": "IMG102", "line": 1, "col": 0, "colour": "red"}],  # a field Finding does not have
])
def test_data_of_another_shape_is_refused(data):
    with pytest.raises((TypeError, ValueError, KeyError)):
        findings_from_data(data)


def test_a_memoized_answer_replays_its_reads():
    recorder = Recorder()
    memo: Memo[str, int] = Memo(recorder)

    def compute() -> int:
        recorder.file("a.py")
        recorder.directory("pkg")
        return 1

    with recorder.frame() as first:
        assert memo.get("x", compute) == 1
    with recorder.frame() as second:
        assert memo.get("x", lambda: 2) == 1  # kept, not computed again
    assert first.files == second.files == {"a.py"} and first.dirs == second.dirs == {"pkg"}


def test_an_answer_that_met_a_cycle_is_computed_again():
    """a needs b needs a: asked first, b sees a's pending value; b's answer is not kept, so that
    b asked on its own later gets the real one (the order of questions never changes answers)."""
    recorder = Recorder()
    memo: Memo[str, bool] = Memo(recorder)
    own = {"a": True, "b": False}

    def fails(name: str) -> bool:
        other = "b" if name == "a" else "a"
        return memo.get(name, lambda: own[name] or fails(other), pending=False)

    assert fails("a") is True
    assert "b" not in memo  # b was computed with a pending
    assert fails("b") is True  # through a, now known
    assert "b" in memo


def test_a_module_verdict_asked_again_records_what_it_rests_on(tmp_path, write_tree):
    """The resolver keeps its module verdicts: a file that asks after another one records the
    directories listed and the package summary read for it all the same."""
    root = write_tree(str(tmp_path / "p"), {"pyproject.toml": "[project]\nname = 'app'\n", "app/__init__.py": "",
                                            "app/models/__init__.py": "X = 1\n", "app/models/user.py": "Y = 1\n"})
    project = Session().project_for(os.path.join(root, "app"), Settings(root=root, no_cache=True))
    search = project.layout.search_path(None)
    frames = []
    for _ in range(2):
        with project.recorder.frame() as reads:
            verdict = project.resolver.resolve_module("app.models.gone", search)
        frames.append(reads)
        assert (verdict.verdict, verdict.reason) == (Verdict.MISSING, Missing.NO_MODULE)
    first, second = frames
    assert first == second
    assert {os.path.relpath(d, root) for d in first.dirs} >= {".", "app", "app/models"}
    assert {os.path.relpath(f, root) for f in first.files} == {os.path.join("app", "models", "__init__.py")}
