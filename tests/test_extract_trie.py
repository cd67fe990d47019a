"""The one word-list regex builder: a trie of words matches exactly what a longest-first
alternation of the same words matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.trie import trie_pattern

_LETTERS = st.sampled_from(list("abAB -.é智谱$"))
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
    trie = re.compile("(?<![a-z])" + trie_pattern(names) + "(?![a-z])")
    expected = [(m.span(), m.group()) for m in _longest_first(names).finditer(text)]
    assert [(m.span(), m.group()) for m in trie.finditer(text)] == expected


def test_a_shared_start_is_one_branch_and_the_longer_word_comes_first() -> None:
    assert trie_pattern(["Amazon", "Amazon Web Services"]) == r"Amazon(?:\ Web\ Services)?"
    assert re.fullmatch(trie_pattern(["HK$", "$"]), "HK$")


def test_no_words_is_an_empty_pattern() -> None:
    assert trie_pattern([]) == ""
