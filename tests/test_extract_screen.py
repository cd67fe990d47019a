"""The trigger screens: stems read off a pattern, and no trigger lost by screening."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.discover import _patterns as _discovery_patterns
from kg.extract.patterns import lexicon
from kg.extract.screen import stems
from tests.test_extract import CASES


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:invest(?:s|ed)?|poured)\b", {"invest", "poured"}),
        (r"\b(?:l[eè]ve|lever)\b", {"leve", "lève", "lever"}),
        (r"\b(?:(?:main|key)\s+)?cloud\s+provider", {"main", "key", "cloud"}),
        (r"(?<=\w)-(?:backed|funded)\b", {"-backed", "-funded"}),
        (r"收购|收購", {"收购", "收購"}),
        (r"\b(?:Series|GPU)s?", {"series", "gpu"}),
    ],
)
def test_stems_are_the_literal_starts_of_every_match(pattern: str, expected: set[str]) -> None:
    assert stems(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\w+ing\b", r"[A-Z]\w+ raised", r"(?:a|)b", r"x?"])
def test_a_pattern_with_no_literal_start_gets_no_stems(pattern: str) -> None:
    assert stems(pattern) is None


def _matching(text: str, lang: str) -> set[int]:
    lowered = text.lower()
    return {i for i, t in enumerate(lexicon().for_lang(lang)) if any(t.finditer(text, lowered))}


def _screened(text: str, lang: str) -> set[int]:
    ids = {id(t): i for i, t in enumerate(lexicon().for_lang(lang))}
    return {ids[id(t)] for t in lexicon().candidates(text.lower(), lang)}


@pytest.mark.parametrize(("lang", "text"), [(c[0], c[1]) for c in CASES])
def test_screening_keeps_every_trigger_that_matches(lang: str, text: str) -> None:
    assert _matching(text, lang) <= _screened(text, lang)


def test_screening_drops_families_absent_from_the_sentence() -> None:
    screened = _screened("The weather was fine in Lyon.", "en")
    families = {lexicon().for_lang("en")[i].family for i in screened}
    assert not families & {"acquire", "compete", "review", "depend"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_a_trigger_matches_passes_its_screen(data: st.DataObject) -> None:
    triggers = [t for t in lexicon().triggers if "(?<" not in t.rx.pattern]
    trig = data.draw(st.sampled_from(triggers))
    text = data.draw(st.from_regex(trig.rx, fullmatch=False))
    if not any(trig.finditer(text, text.lower())):  # a lookaround at the edge of the draw
        return
    assert any(t is trig for t in lexicon().candidates(text.lower(), trig.lang))


@pytest.mark.parametrize("text", [c[1] for c in CASES])
def test_discovery_screens_keep_every_pattern_that_matches(text: str) -> None:
    for rx, _, words in _discovery_patterns()[0]:
        if words is not None and rx.search(text):
            assert words.search(text.lower()), rx.pattern[:60]
