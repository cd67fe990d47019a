"""The trigger screens: stems read off a pattern, and no trigger lost by screening."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.discover import _patterns as _discovery_patterns
from kg.extract.patterns import lexicon
from kg.extract.screen import Screened, needs, scan, starts_screen, stems
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


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\ban?\s+(?:existing|early)\s+(?:investor|backer)\b", {"investor", "backer"}),
        (r"\b(?:invest(?:s|ed)?|poured)\b", {"invest", "poured"}),
        (r"\w+ing\b", {"ing"}),
        (r"(?P<n>[A-Z]\w+) (?:raised|lève)", {" raised", " lève"}),
        # a group's own words, not the comma after it
        (r"(?i:\bthe\s+(?:firm|startup)),\s+[A-Z]", {"firm", "startup"}),
        # no start word common to the whole: each alternative's own telling words
        (r"\s*,?\s*(?:avec|sous)\s+la|\s*(?:现)?由(?=.{1,8}领导)", {"avec", "sous", "由"}),
        (r"\s+(?:led|run)\s+by|,\s*(?:whose|dont)\s+", {"led", "run", "whose", "dont"}),
        # nothing to read but a lookahead: the words it needs stand in the text too
        (
            r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,3}(?=(?:在|於).{2,9}?(?:担任|出任))",
            {"担任", "出任"},
        ),
    ],
)
def test_needs_are_the_most_telling_words_every_match_holds(
    pattern: str, expected: set[str]
) -> None:
    assert needs(pattern) == expected


def test_a_pattern_with_no_literal_gets_no_needs() -> None:
    assert needs(r"[A-Z]\w+\s+[A-Z]\w+") is None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (
            r"\b(?:ceo|chief executive)\s+(?P<name>[A-Z]\w+)",
            "CEO Ana and chief executive Bo, ceo x",
        ),
        (r"(?i:\bco-?founder)s?\b", "Cofounders, co-founder and cofounder of CO-FOUNDER"),
        (
            r"\b(?:la|l[’'])\s*(?:française|allemande)\b",
            "la française, l’allemande et LA Française",
        ),
        (r"\bled\s+by\s+\w+", "led by led by X, co-led by Y"),
    ],
)
def test_scan_finds_what_finditer_finds(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    found = [m.span() for m in scan(rx, text, text.lower(), starts_screen(pattern))]
    assert found == [m.span() for m in rx.finditer(text)] and found


def test_a_one_letter_start_screens_only_when_not_ascii() -> None:
    # "à l'assaut de …" opens a match: "à" is rare enough to try the pattern only there; "a" is not
    rx = re.compile(r"\b(?:rivaux|à\s+l[’']assaut\s+de)\s+(?P<name>[A-Z]\w+)")
    starts = starts_screen(rx.pattern)
    assert starts is not None and starts.search("à") and not starts.search("a")
    text = "Lumen part à l’assaut de Vexa, rivaux Nexa; À l'assaut de Bo"
    found = [m.group("name") for m in scan(rx, text, text.lower(), starts)]
    assert found == [m.group("name") for m in rx.finditer(text)] == ["Vexa", "Nexa"]
    assert starts_screen(r"\b(?:a|ont)\s+mené") is None


def test_scan_without_start_words_is_finditer() -> None:
    rx = re.compile(r"[A-Z]\w+")
    assert starts_screen(rx.pattern) is None
    assert [m.group(0) for m in scan(rx, "Ana met Bo", "ana met bo", None)] == ["Ana", "Bo"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_scan_of_any_trigger_matches_finditer(data: st.DataObject) -> None:
    trig = data.draw(st.sampled_from([t for t in lexicon().triggers if t.lang != "zh"]))
    text = data.draw(st.from_regex(trig.rx, fullmatch=False)) + " " + data.draw(st.text())
    starts = starts_screen(trig.rx.pattern, trig.rx.flags)
    expected = [m.span() for m in trig.rx.finditer(text)]
    assert [m.span() for m in scan(trig.rx, text, text.lower(), starts)] == expected


@pytest.mark.parametrize(
    ("text", "pos", "endpos"),
    [
        ("Nexa DENIED the report", 0, 99),
        ("Nexa denied it; no deal", 5, 12),
        ("Nexa denied it", 0, 8),
        ("a plain sentence", 0, 99),
        ("Denies it", 0, 99),
    ],
)
def test_screened_finds_what_its_pattern_finds(text: str, pos: int, endpos: int) -> None:
    pattern = r"\bden(?:y|ies|ied)\b|no deal"
    screened, rx = Screened(pattern), re.compile(pattern, re.I)
    assert screened.words is not None
    for method in ("search", "match"):
        got = getattr(screened, method)(text, pos, endpos)
        expected = getattr(rx, method)(text, pos, endpos)
        assert (got and got.span()) == (expected and expected.span())


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
    for rx, _, words, *_ in _discovery_patterns()[0]:
        if words is not None and rx.search(text):
            assert words.search(text.lower()), rx.pattern[:60]
