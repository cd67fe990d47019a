"""The gazetteer's name pattern: a trie of aliases matches exactly what a longest-first
alternation of the same aliases matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.gazetteer import _alternation, load_gazetteer

_LETTERS = st.sampled_from(list("abAB -.é智谱"))
_NAMES = st.lists(st.text(_LETTERS, min_size=1, max_size=6), min_size=1, max_size=12)


def _longest_first(names: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile("(?<![a-z])(?:" + "|".join(re.escape(n) for n in ordered) + ")(?![a-z])")


@settings(max_examples=200, deadline=None)
@given(names=_NAMES, filler=st.lists(st.text(_LETTERS, max_size=5), max_size=6), data=st.data())
def test_trie_matches_like_longest_first_alternation(
    names: list[str], filler: list[str], data: st.DataObject
) -> None:
    picks = data.draw(st.lists(st.sampled_from(names), max_size=6))
    text = "".join(f + p for f, p in zip(filler, picks, strict=False))
    trie = _alternation(names, "(?<![a-z])", "(?![a-z])")
    assert trie is not None
    expected = [(m.span(), m.group()) for m in _longest_first(names).finditer(text)]
    assert [(m.span(), m.group()) for m in trie.finditer(text)] == expected


def test_a_longer_known_name_wins_over_the_name_it_starts_with() -> None:
    found = load_gazetteer().match("Amazon Web Services and Amazon both grew.")
    assert [eid for _, _, eid in found] == ["company:amazon-web-services", "company:amazon"]
