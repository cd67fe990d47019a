"""Lists of investors standing before their verb, read backward, with the names nobody listed.

"A, B (two stakes), C Partners, D and E have invested in X", "A, B and C are among the backers
of the round": the subject is every item of the list, not only the known names next to the verb.
Each item is a capitalised name, with a parenthetical or a ticker after it and a short
description in front ("US fund A", "Amazon founder P"). The list is cut on ", ", ", and", " and "
and stops at the first chunk that is not a name ("In 2024, A and B invested": "In 2024" ends it).

A name the gazetteer lacks becomes a firm only inside a list that names at least two known
firms, and only when a known item or another list item stands before it, or it opens the
sentence with two words or more, or it is an acronym ("KKR"): "Meanwhile, A and B invested"
keeps "Meanwhile" out. English only; the other languages keep `slots.expand`.

    items = subject_list(ctx, agent, kinds)   # [] when there is no longer list than `agent`
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.mentions import Mention
from kg.extract.slots import Ctx
from kg.extract.structure import _discovered
from kg.schema import EntityKind

_PAREN = re.compile(r"\([^()]{0,80}\)")
_CUT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# a name: capitalised words, "of"/"&" inside ("Healthcare of Ontario Pension Plan", "AT&T")
_NAME = re.compile(
    r"(?:[A-Z][\w’'.\-&]*|\d+[A-Za-z]+)(?:\s+(?:(?:of|&|de|for)\s+)?(?:[A-Z][\w’'.\-&]*|\d+[A-Za-z]*))*"
)
# what may stand in front of a name: a short lower-case description, an owner and a title
_FRONT = re.compile(r"(?:(?:the|its|an?|[a-z][\w\-’']*|[A-Z][\w\-’']*[’']s?)\s+){0,4}")
_NOT_WORDS = frozenset(
    """In On At By For With From After Before Since When While As If But And Or The A An It Its
    This That These Those He She They We Our Their His Her Meanwhile However Also Then Now Today
    Yesterday Earlier Later Last Next Other Others Some Many Most Several Both All Each
    Such""".split()
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|said|says|told|which|who|that|with|from|by|to|after|"
    r"while|led|backed|including|such|also|will|would|than|when)\b"
)
_COPULA = re.compile(r"(?:\s*\([^()]{0,80}\))?\s+(?:are|were)\s+(?:also\s+)?(?:among\s+)?")
_MAX_ITEMS = 30
_LONGER = "longer"


def subject_list(ctx: Ctx, agent: Mention, kinds: Collection[EntityKind]) -> list[Mention]:
    """The items of the list that ends with `agent`, in text order; [] when none is longer.
    A description after a copula ("A and B are the other firms that invested") is the list's."""
    if agent.via == "description":
        prior = [m for m in ctx.mentions if m.end <= agent.start]
        if not prior or not _COPULA.fullmatch(ctx.text, prior[-1].end, agent.start):
            return []
        agent = prior[-1]
    paren = next((p for p in _PAREN.finditer(ctx.text) if p.start() < agent.start < p.end()), None)
    if paren is not None:  # "B (Trades, Portfolio) are among …": B, not a word of its aside
        prior = [m for m in ctx.mentions if m.end <= paren.start() and m.kind in kinds]
        if not prior or ctx.text[prior[-1].end : paren.start()].strip():
            return []
        agent = prior[-1]
    text = _PAREN.sub(lambda m: " " * len(m.group(0)), ctx.text[: agent.end])
    chunks = _chunks(text, agent)
    if len(chunks) < 2:
        return []
    items: list[tuple[Mention | None, int, int]] = []  # (known item, or None: a bare name)
    known = 0  # the known firms that vouch for the bare names
    for lo, hi in chunks:
        item = _item(ctx, text, lo, hi, kinds)
        if item is False:
            break
        items.append((item if isinstance(item, Mention) else None, lo, hi))
        known += item is _LONGER or (isinstance(item, Mention) and item.kind in kinds)
    out: list[Mention] = []
    for i, (m, lo, hi) in enumerate(reversed(items)):  # text order: i == 0 opens the list
        if m is not None:
            if m.kind in kinds:
                out.append(m)
            continue
        name = _NAME.fullmatch(text, lo, hi)
        if name is None or known < 2 or (i == 0 and not _may_open(text, lo, name.group(0))):
            continue
        out.append(_discovered(ctx, lo, hi))
    return out if len(out) > 1 else []


def _chunks(text: str, agent: Mention) -> list[tuple[int, int]]:
    """(start, end) of each chunk of text[:agent.end] cut at the separators, nearest first."""
    out, hi = [], agent.end
    for cut in reversed(list(_CUT.finditer(text, max(0, agent.start - 600), agent.start))):
        out.append((cut.end(), hi))
        hi = cut.start()
        if len(out) >= _MAX_ITEMS:
            return out
    out.append((len(text[:hi]) - len(text[:hi].lstrip()) if not out else _lead(text, hi), hi))
    return out


def _lead(text: str, hi: int) -> int:
    """Where the first chunk starts: after the clause break before it, else the sentence."""
    brk = max(text.rfind(c, 0, hi) for c in ";:\u2014\u2013")
    start = brk + 1 if brk >= 0 else 0
    while start < hi and text[start].isspace():
        start += 1
    return start


def _item(
    ctx: Ctx, text: str, lo: int, hi: int, kinds: Collection[EntityKind]
) -> Mention | bool | str:
    """The known item in text[lo:hi], True for a bare name, `_LONGER` for a known firm's longer
    name, False for no list item."""
    chunk = text[lo:hi]
    if _VERBISH.search(chunk) or not chunk.strip():
        return False
    inside = [m for m in ctx.mentions if lo <= m.start and m.end <= hi]
    if inside:
        m = inside[-1]
        front = text[lo : m.start]
        if not text[:lo].strip():  # "Sovereign fund A, B and C": the sentence's capital
            front = front[:1].lower() + front[1:]
        if not _FRONT.fullmatch(front) and not _NAME.fullmatch(front.rstrip()):
            return False
        tail = text[m.end : hi]
        if tail.strip() and not re.fullmatch(r"(?:\s+[A-Z][\w’'.\-&]*)+", tail):
            return False
        if tail.strip() and m.kind in kinds:
            return _LONGER  # "Hyundai Motor Group": a longer name of a known firm
        if m.kind not in kinds and _NAME.fullmatch(text, lo, hi):
            return True  # "Export Development Canada": a place inside a longer name
        return m
    name = _NAME.fullmatch(text, lo, hi)
    if name is None or name.group(0).split()[0] in _NOT_WORDS:
        return False
    return True


def _may_open(text: str, lo: int, name: str) -> bool:
    """A bare name first in the list: two words at the sentence start, or an acronym."""
    words = name.split()
    return bool(re.fullmatch(r"[A-Z]{2,6}", name)) or (len(words) >= 2 and not text[:lo].strip())
