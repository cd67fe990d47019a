"""French investor lists read as chunks: "accompagné du fonds public A, de la filiale
d’investissement de l’assureur B, de l’ancien véhicule de C (D) et de E".

The list after a trigger is cut at its top-level commas and conjunctions (not inside
parentheses). Each chunk is one item: the name in its parenthetical when it has one ("… de la
compagnie C (D Ventures)" is D Ventures), else the last firm it names (the head noun comes first
in French: "la filiale d’investissement de l’assureur B" is B's). A chunk that names no firm
(an institution we do not know, a place) is passed over, not the end of the list. The list ends
at a verb or a clause word ("…, a indiqué …", "…, qui …", "ce qui porte sa valeur à …"), at the
end of the sentence, or after the chunk its last "et" opens.

    items = chunks_after(ctx, end_of_trigger, FIRMS)
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.mentions import Mention
from kg.extract.slots import Ctx
from kg.schema import EntityKind

# where the list's clause ends
_CLAUSE_END = re.compile(r"[.;:!?«»“”\"]|\s[–—]\s")
# a word that starts a new clause or phrase inside a chunk: the list stops there
_BREAK = re.compile(
    r"\b(?:a|ont|est|sont|était|étaient|sera|seront|avait|avaient|qui|que|qu[’']|dont|selon|"
    r"pour|afin|alors|tandis|mais|car|lors|après|avant|depuis|portant|permettant|"
    r"ce qui|soit|contre|"
    # another frame of the round opens: its items are its own ("…, rejoint par B")
    r"par|avec|auprès|aux côtés|en compagnie|accompagn\w*|rejoin\w*|rejoint\w*|suivi\w*|"
    r"épaul\w*|complét\w*|"
    # customers, partners or suppliers named after the investors are none of them
    r"clients?|clientèle|partenaires?|fournisseurs?|utilisateurs?|abonnés?)\b",
    re.I,
)
# the list closes with "et d’autres", "etc."
_OTHERS = re.compile(r"\s*(?:d[’']autres|autres|etc|plusieurs|divers)\b", re.I)
_SEP = re.compile(r"\s*,\s*(?:(?P<c1>et|ainsi que)\s+)?|\s+(?P<c2>et|ainsi que)\s+")
_MAX_ITEMS = 12


def chunks_after(ctx: Ctx, pos: int, kinds: Collection[EntityKind]) -> list[Mention]:
    """The items of the list that starts at `pos` (right after a trigger), in order."""
    text = ctx.text
    stop = _CLAUSE_END.search(text, pos)
    end = stop.start() if stop else len(text)
    out: list[Mention] = []
    for start, stop_at, last in _chunks(text, pos, end)[:_MAX_ITEMS]:
        chunk = text[start:stop_at]
        brk = _BREAK.search(chunk)
        if _OTHERS.match(chunk):
            break
        item = _item(ctx, start, start + brk.start() if brk else stop_at, kinds)
        if item is not None and all(item.eid != o.eid for o in out):
            out.append(item)
        if brk is not None or last:
            break
    return out


def _chunks(text: str, pos: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, opened by the last conjunction) of each top-level chunk in [pos, end)."""
    out: list[tuple[int, int, bool]] = []
    depth, start, opened_by_and = 0, pos, False
    at = pos
    while at < end:
        ch = text[at]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            sep = _SEP.match(text, at)
            if sep is not None and sep.end() > at and sep.end() <= end:
                if text[start:at].strip():
                    out.append((start, at, opened_by_and))
                opened_by_and = bool(sep.group("c1") or sep.group("c2"))
                start = at = sep.end()
                continue
        at += 1
    if text[start:end].strip():
        out.append((start, end, opened_by_and))
    return out


def _item(ctx: Ctx, start: int, end: int, kinds: Collection[EntityKind]) -> Mention | None:
    inside = [m for m in ctx.mentions if start <= m.start and m.end <= end and m.kind in kinds]
    if not inside:
        return None
    for m in inside:  # "… de la compagnie C (D Ventures)": the name in parentheses
        if ctx.text[max(start, m.start - 1) : m.start] == "(":
            return m
    return inside[-1]
