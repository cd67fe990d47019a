"""Cheap screens in front of the relation triggers: the literal words a trigger's match must
start with ("invest", "poured", "投资"), read off the compiled pattern itself.

Most sentences state no relation of a given family, and a plain alternation of lower-case
literals is several times faster to search than the triggers (which start with `\\b` and so get
no literal prefix scan from `re`). A screen only ever says "maybe": a family whose screen finds
nothing has no match, and a pattern whose first words cannot be read gets no screen at all.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from kg.extract.trie import trie_pattern

try:  # the parser `re` itself uses; a Python without it just runs every trigger
    import re._parser as _parser
except ImportError:  # pragma: no cover - CPython 3.11 has it
    _parser = None  # type: ignore[assignment]

_MAX_CLASS = 4  # "[’']" or "[eè]" is a literal choice; a wider class is no screen
_MAX_STEMS = 200
_MIN_START = 2  # shorter ASCII start words ("a", "y") stand too often to try a pattern at each;
# a single other character ("à", "’", a Chinese one) is rare enough
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


def stems(pattern: str, flags: int = 0) -> set[str] | None:
    """Lower-case literals one of which every match of `pattern` starts with, else None."""
    if _parser is None:
        return None
    try:
        found = _starts(list(_parser.parse(pattern, flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return {s.lower() for s in found} if found else None


def needs(pattern: str, flags: int = 0) -> set[str] | None:
    """Lower-case literals one of which every match of `pattern` contains: the stems of the
    most telling part of its top-level sequence ("an? (?:existing|early) investor": the
    adjectives, not "a"), else None."""
    if _parser is None:
        return None
    try:
        best = _needs(list(_parser.parse(pattern, flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return None if best is None else {s.lower() for s in best}


def _needs(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The stems of the most telling part of a sequence (a group in it included: "(?i:the
    (?:firm|startup)),": the nouns, not the comma); failing those, an alternation the
    sequence must match ("X|Y", "\\s*(?:X|Y)") needs a word one of its alternatives needs,
    and a lookahead the words it needs ("[\\u4e00-\\u9fff]{2,3}(?=担任)": the text holds them)."""
    found = [_starts(items[i:]) for i in range(len(items))]
    found += [_needs(list(av[3])) for op, av in items if _name(op) == "SUBPATTERN"]
    usable = [f for f in found if f and all(f)]
    if not usable:
        found = [_either(av[1]) for op, av in items if _name(op) == "BRANCH"]
        found += [_needs(list(av[1])) for op, av in items if _name(op) == "ASSERT" and av[0] == 1]
        usable = [f for f in found if f and all(f)]
    if not usable:
        return None
    return max(usable, key=lambda f: (min(map(len, f)), -len(f)))


def _either(alternatives: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for alt in alternatives:
        part = _needs(list(alt))
        if part is None:
            return None
        out |= part
    return out


def needs_screen(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """One alternation of `needs(pattern)`, for lower-cased text; None when there are none."""
    words = needs(pattern, flags)
    return None if words is None else _alternation(words)


def starts_screen(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """One alternation of the words every match of `pattern` starts with, when each is long
    enough to be rare, for `scan`; else None."""
    words = stems(pattern, flags)
    if not words or not all(len(w) >= _MIN_START or not w.isascii() for w in words):
        return None
    return _alternation(words)


def scan(
    rx: re.Pattern[str], text: str, lowered: str, starts: re.Pattern[str] | None
) -> Iterator[re.Match[str]]:
    """The matches of `rx.finditer(text)`, trying `rx` only where one of its start words
    stands in the lower-cased `lowered` (the same offsets), not at every position."""
    if starts is None or len(lowered) != len(text):
        yield from rx.finditer(text)
        return
    end = 0
    hit = starts.search(lowered)
    while hit is not None:
        m = rx.match(text, hit.start())
        if m is not None:  # never empty: it starts with a start word
            yield m
            end = m.end()
        hit = starts.search(lowered, max(hit.start() + 1, end))


_last: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    """`text.lower()`, once for the several screens read on one sentence in a row."""
    global _last
    last = _last
    if last[0] is not text:
        last = _last = (text, text.lower())
    return last[1]


class Screened:
    """A case-insensitive pattern (`search`, `match`) that first looks for the words one of
    which its every match holds in the lower-cased text: most texts have none of them."""

    __slots__ = ("rx", "words")

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern, re.I)
        self.words = needs_screen(pattern, re.I)

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        if self.words is None:
            return False
        whole = pos == 0 and endpos >= len(text)
        return not self.words.search(_lowered(text) if whole else text[pos:endpos].lower())

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.rx.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.rx.match(text, pos, endpos)


def screen(patterns: Sequence[tuple[str, int]]) -> re.Pattern[str] | None:
    """One alternation of the stems of every pattern, for lower-cased text; None when some
    pattern has no readable stems (then the caller must run all of them)."""
    words: set[str] = set()
    for pattern, flags in patterns:
        found = stems(pattern, flags)
        if found is None:
            return None
        words |= found
    return _alternation(words)


def _alternation(words: set[str]) -> re.Pattern[str]:
    return re.compile(trie_pattern(words))  # a trie: one test of the first letter, not each word


def _name(op: Any) -> str:
    return str(getattr(op, "name", ""))  # opcodes are named int constants


def _starts(items: list[tuple[Any, Any]]) -> set[str] | None:
    i = 0
    while i < len(items) and _name(items[i][0]) in _ZERO_WIDTH:
        i += 1  # \b, lookarounds: the match itself starts after them
    if i == len(items):
        return None
    op, av = items[i]
    name = _name(op)
    if name in ("LITERAL", "IN"):
        return _run(items[i:])
    if name == "SUBPATTERN":
        return _starts(list(av[3]))
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            part = _starts(list(alt))
            if part is None:
                return None
            out |= part
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, _, sub = av
        first = _starts(list(sub))
        if first is None or low > 0:
            return first
        after = _starts(items[i + 1 :])  # an optional start: either it or what follows
        return None if after is None else first | after
    return None


def _run(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The literal run at the start of `items` ("invest", "l[eè]ve" -> leve, lève), carried on
    into a group that follows ("l(?:eve|ever)", the parser's own factoring of "leve|lever")."""
    out = {""}
    for k, (op, av) in enumerate(items):
        name = _name(op)
        if name == "LITERAL":
            out = {s + chr(av) for s in out}
        elif name == "IN" and len(av) <= _MAX_CLASS and all(_name(o) == "LITERAL" for o, _ in av):
            out = {s + chr(c) for s in out for _, c in av}
        else:
            tail = _starts(items[k:]) if name in ("BRANCH", "SUBPATTERN") else None
            if tail is not None and len(out) * len(tail) <= _MAX_STEMS:
                out = {s + t for s in out for t in tail}
            break
    return out if all(out) else None
