"""Relation triggers loaded from `data/patterns.yaml`, compiled once per process."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from kg.data import DATA, load_yaml
from kg.extract.screen import Screened, needs_screen, scan, starts_screen, stems
from kg.extract.trie import trie_pattern


@dataclass(frozen=True, slots=True)
class Trigger:
    family: str
    lang: str
    rx: re.Pattern[str]
    agent: str
    patient: str | None = None
    preps: tuple[str, ...] = ()
    list_side: str | None = None
    lead: bool = False
    needs_round: bool = False
    strong: bool = False  # depend: the object is a provider whatever it is ("depends on X")
    reach: int = 90  # how far after the trigger its right-hand argument may start
    negation_before: bool = False  # the negation window ends at its start ("sold to")
    rx_lower: re.Pattern[str] | None = None  # the same, for lower-cased text (faster than re.I)
    stems: re.Pattern[str] | None = None  # words one of which every match holds (screen.py)
    words: frozenset[str] | None = None  # the words a match starts with (StemIndex.present)
    starts: re.Pattern[str] | None = None  # the same, when rare enough to try rx only there
    same: bool = False  # `stems` is `starts`: the scan's own first search is the screen

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        if self.stems is not None and not self.same and not self.stems.search(lowered):
            return iter(())  # a scan for plain words is several times cheaper than the trigger
        if self.rx_lower is not None and len(lowered) == len(text):
            return scan(self.rx_lower, lowered, lowered, self.starts)
        return scan(self.rx, text, lowered, self.starts)


@dataclass(frozen=True)
class StemIndex:
    """Every screen word of one language found in a lower-cased sentence: at each position
    where one starts (a search for the trie from the next position on, not a lookahead tried
    at every position) the trie gives the longest word starting there, and with it every
    shorter word it starts with. A trigger's screen passes exactly when one of its words is
    in that set."""

    finder: re.Pattern[str] | None
    prefixes: dict[str, frozenset[str]]  # a word -> the words it starts with, itself included

    def present(self, lowered: str) -> set[str]:
        out: set[str] = set()
        if self.finder is None:
            return out
        search, prefixes = self.finder.search, self.prefixes
        m = search(lowered)
        while m is not None:  # words starting inside a word found too
            out |= prefixes[m.group()]
            m = search(lowered, m.start() + 1)
        return out


def _stem_index(triggers: tuple[Trigger, ...]) -> StemIndex:
    words = {w for t in triggers for w in t.words or ()}
    if not words:
        return StemIndex(None, {})
    prefixes = {w: frozenset(p for p in words if w.startswith(p)) for w in words}
    return StemIndex(re.compile(trie_pattern(words)), prefixes)


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    negations: dict[str, Screened]
    hedges: dict[str, Screened]
    modals: dict[str, Screened]
    failures: dict[str, Screened]
    ended_later: Screened
    completions: dict[str, Screened]
    denials: Screened
    round_words: Screened
    round_labels: tuple[tuple[re.Pattern[str], str], ...]
    valuation: Screened
    dependency_words: tuple[tuple[str, Screened], ...]
    goods: Screened
    sellers: Screened
    not_dependency: Screened

    by_lang: dict[str, tuple[Trigger, ...]]
    # per language: the triggers each screen word stands for; a sentence runs only the triggers
    # one of whose words it holds (most sentences state few families)
    index: dict[str, TriggerIndex]
    stem_index: dict[str, StemIndex]

    def for_lang(self, lang: str) -> tuple[Trigger, ...]:
        return self.by_lang.get(lang, ())

    def candidates(
        self, lowered: str, lang: str, skip: Collection[str] = (), last: Collection[str] = ()
    ) -> Iterator[Trigger]:
        """The triggers of `lang` that may match the lower-cased sentence, in file order but
        the families in `last` after the others, leaving out the families in `skip`."""
        index = self.index.get(lang)
        if index is None or not index.ranked:
            return iter(())
        ranks = set(index.unscreened)
        for word in self.stem_index[lang].present(lowered):
            ranks.update(index.by_word.get(word, ()))
        ranked = index.ranked
        chosen = [ranked[r] for r in sorted(ranks) if ranked[r].family not in skip]
        return iter(
            [t for t in chosen if t.family not in last] + [t for t in chosen if t.family in last]
        )


class TriggerIndex(NamedTuple):
    ranked: tuple[Trigger, ...]  # the triggers family by family, families in file order
    by_word: dict[str, tuple[int, ...]]  # a screen word -> the ranks of the triggers it screens
    unscreened: tuple[int, ...]  # the ranks of the triggers with no screen words: always run


def _trigger_index(groups: list[tuple[Trigger, ...]]) -> TriggerIndex:
    ranked = tuple(t for group in groups for t in group)
    by_word: dict[str, list[int]] = {}
    for rank, t in enumerate(ranked):
        for word in t.words or ():
            by_word.setdefault(word, []).append(rank)
    unscreened = tuple(rank for rank, t in enumerate(ranked) if t.words is None)
    return TriggerIndex(ranked, {w: tuple(r) for w, r in by_word.items()}, unscreened)


def _any(words: list[str]) -> Screened:
    return Screened("|".join(f"(?:{w})" for w in words))


def _trigger(family: str, raw: dict[str, Any]) -> Trigger:
    flags = 0 if raw["lang"] == "zh" else re.I
    stems_rx, starts_rx = needs_screen(raw["re"], flags), starts_screen(raw["re"], flags)
    return Trigger(
        family=family,
        lang=raw["lang"],
        rx=re.compile(raw["re"], flags),
        agent=raw["agent"],
        patient=raw.get("patient"),
        preps=tuple(raw.get("preps") or ()),
        list_side=raw.get("list"),
        lead=bool(raw.get("lead")),
        needs_round=bool(raw.get("needs_round")),
        strong=bool(raw.get("strong")),
        reach=int(raw.get("reach", 90)),
        negation_before=bool(raw.get("negation_before")),
        stems=stems_rx,
        words=_words(raw["re"], flags),
        starts=starts_rx,
        same=bool(stems_rx and starts_rx and stems_rx.pattern == starts_rx.pattern),
        # a pattern with no upper-case letter of its own matches lower-cased text as it is
        rx_lower=None
        if flags == 0 or re.search(r"(?<!\\)[A-Z]", raw["re"])
        else re.compile(raw["re"]),
    )


def _words(pattern: str, flags: int) -> frozenset[str] | None:
    found = stems(pattern, flags)
    return frozenset(found) if found and all(found) else None


def _indexes(triggers: tuple[Trigger, ...]) -> dict[str, TriggerIndex]:
    out: dict[str, TriggerIndex] = {}
    for lang in LANGS:
        groups: dict[str, list[Trigger]] = {}  # each family where its first trigger stands
        for t in triggers:
            if t.lang == lang:
                groups.setdefault(t.family, []).append(t)
        out[lang] = _trigger_index([tuple(group) for group in groups.values()])
    return out


LANGS = ("en", "fr", "zh")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml(DATA / "patterns.yaml")
    triggers = tuple(
        _trigger(family, raw) for family, rows in data["triggers"].items() for raw in rows
    )
    return Lexicon(
        triggers=triggers,
        by_lang={lang: tuple(t for t in triggers if t.lang == lang) for lang in LANGS},
        index=_indexes(triggers),
        stem_index={
            lang: _stem_index(tuple(t for t in triggers if t.lang == lang)) for lang in LANGS
        },
        negations={k: _any(v) for k, v in data["negations"].items()},
        hedges={k: _any(v) for k, v in data["hedges"].items()},
        modals={k: _any(v) for k, v in data["modals"].items()},
        failures={k: _any(v) for k, v in data["failures"].items()},
        ended_later=_any(data["ended_later"]),
        completions={k: _any(v) for k, v in data["completions"].items()},
        denials=_any(data["denials"]),
        round_words=_any(data["round_words"]),
        round_labels=tuple((re.compile(p, re.I), fmt) for p, fmt in data["round_labels"]),
        valuation=_any(data["valuation"]),
        dependency_words=tuple((k, _any(v)) for k, v in data["dependency_words"].items()),
        goods=_any(data["goods"]),
        sellers=_any(data["sellers"]),
        not_dependency=_any(data["not_dependency"]),
    )
