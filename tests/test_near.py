"""Near modules: by last component, then near spellings of it from the bigram index (the same
answers as difflib over every last component)."""
from __future__ import annotations

import difflib

from hypothesis import given, settings, strategies as st

from flake8_importguard.analysis.near import CUTOFF, ModuleNames, bigrams

NAME = st.text(alphabet="abcdeilmnorst_", min_size=1, max_size=24)  # a module's last component
TIGHT = st.text(alphabet="ab_", min_size=1, max_size=8)  # few letters: pairs at the very bound


def mutated(name: str, data: st.DataObject) -> str:
    """`name` with a few letters changed, dropped or added: near enough to be found, often."""
    chars = list(name)
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(chars)))
        action = data.draw(st.sampled_from(["drop", "add", "change"]))
        if action == "add" or not chars or at == len(chars):
            chars.insert(at, data.draw(st.sampled_from("aeiost_")))
        elif action == "drop":
            del chars[at]
        else:
            chars[at] = data.draw(st.sampled_from("aeiost_"))
    return "".join(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=60, unique=True), st.data())
def test_close_matches_are_difflibs(modules, data):
    word = data.draw(st.one_of(NAME, st.sampled_from(modules).map(lambda m: mutated(m, data))))
    expected = difflib.get_close_matches(word, sorted(modules), n=3, cutoff=0.8)
    assert ModuleNames(modules).close(word) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(TIGHT, min_size=1, max_size=30, unique=True), st.data())
def test_close_matches_are_difflibs_at_the_bound(modules, data):
    word = data.draw(st.one_of(TIGHT, st.sampled_from(modules).map(lambda m: mutated(m, data))))
    assert ModuleNames(modules).close(word) == difflib.get_close_matches(word, sorted(modules), n=3, cutoff=0.8)


@settings(max_examples=1000, deadline=None)
@given(TIGHT, st.data())
def test_the_bigram_bound(word, data):
    """Two names at a ratio of 0.8 or more share at least 0.2 T - 1 bigrams (near.py)."""
    other = mutated(word, data)
    if difflib.SequenceMatcher(None, other, word).ratio() >= CUTOFF:
        shared = sum((bigrams(word) & bigrams(other)).values())
        assert shared >= 0.2 * (len(word) + len(other)) - 1 - 1e-9


def test_same_last_component_first_then_spelling():
    names = ModuleNames(["app.models.thread", "app.db.thread", "app.services.billing", "app.views",
                         "app.models.threads", "app.db.threads", "app.api.treads"])
    assert names.like("app.models.agent.thread") == ["app.db.thread", "app.models.thread"]
    assert names.like("app.models.thread") == ["app.db.thread"]  # never itself
    assert names.like("app.services.biling") == ["app.services.billing"]
    assert names.like("app.models.threadz") == ["app.models.thread", "app.models.threads"]
    assert names.like("app.models.thread.agent") == ["app.models.thread", "app.models.threads"]  # around it
    assert names.like("nothing.alike") == []
