"""Dependency said of a topic through the resource it lacks: "the region trails: its
accelerator GPUs mostly come from NVIDIA, and its leading models were made by A, B and C",
"该地区的GPU主要来自英伟达，大模型多由A、B或C研发", "la région accuse du retard : ses GPU viennent
surtout de NVIDIA et ses modèles de A, B ou C".

The resource is named in the clause before the verb ("GPUs come from", "模型由…开发"); the
providers are the firms listed after it; the dependent is the topic: the first firm, country or
region the sentence names before that clause (not governed by a preposition), else the one an
earlier sentence of the paragraph opened with.
"""

from __future__ import annotations

import re

from kg.extract.facts import Found, dependency_kind, resource_word
from kg.extract.mentions import Mention
from kg.extract.patterns import Trigger
from kg.extract.slots import FIRMS, Ctx
from kg.extract.structure import conjuncts
from kg.schema import EntityKind, RelationType

TOPICS = (*FIRMS, EntityKind.REGION, EntityKind.COUNTRY)
_CLAUSE = re.compile(r"[,;:，；：。]|\b(?:and|while|whereas|but|et|tandis|mais)\b|而|但")
_CLAUSE_END = re.compile(r"[;.；。]|\b(?:while|whereas|but|tandis que|mais)\b|而|但|，而")
_LOOK_BACK = 3  # sentences a topic may be named before


def sourced(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    text = ctx.text
    if trig.agent == "source":
        clause = _clause_start(text, start)
        what = _subject_resource(text[clause:start])
        if what is None:
            return  # "the idea for the chip came from Nvidia": the resource is not the subject
        providers = _listed(ctx, end)
        whats = [what] * len(providers)
        lead = clause
    else:  # "dépendance aux GPU de X et à des modèles d’A, B ou C": every firm of the clause
        stop = _CLAUSE_END.search(text, end)
        limit = stop.start() if stop else len(text)
        providers = [m for m in ctx.mentions if end <= m.start < limit and m.kind in FIRMS]
        whats = _own_resources(text, end, providers)
        lead = start
    if not providers:
        return
    dependent = _owner(ctx, lead, start) or _topic(ctx, lead, {p.eid for p in providers})
    if dependent is None:
        return
    for provider, what in zip(providers, whats, strict=True):
        found.add(
            ctx,
            dependent,
            RelationType.DEPENDS_ON,
            provider.eid,
            dependency=dependency_kind(what, "") if what else None,
            what=what or None,
            status=status,
        )


def _subject_resource(clause: str) -> str | None:
    """The resource the clause is about, named before any preposition ("accelerator GPUs",
    "its leading models", "常用的大模型"; not "the idea for the chip")."""
    prep = _PREP.search(clause)
    return resource_word(clause[: prep.start()] if prep else clause)


_PREP = re.compile(r"\b(?:for|of|from|with|about|pour|sur|avec|à propos)\b", re.I)


def _own_resources(text: str, start: int, providers: list[Mention]) -> list[str]:
    """Each provider's resource: the one named since the provider before it ("aux GPU de X et
    à des modèles d’A, B ou C": GPU for X, modèles for A, B and C)."""
    out, last, pos = [], "", start
    for p in providers:
        last = resource_word(text[pos : p.start]) or last
        out.append(last)
        pos = p.end
    return out


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` begins (after the last comma, colon or conjunction)."""
    last = 0
    for m in _CLAUSE.finditer(text, 0, pos):
        last = m.end()
    return last


def _listed(ctx: Ctx, end: int) -> list[Mention]:
    """The providers named right after the verb (or, zh 由…开发, between 由 and the verb)."""
    first = next((m for m in ctx.mentions if m.start >= end and m.kind in FIRMS), None)
    if first is None or _CLAUSE.search(ctx.text[end : first.start].replace("、", "")):
        return []
    return [m for m in conjuncts(ctx, first, True, FIRMS) if m.kind in FIRMS]


_NAMED = ("name", "discovered")  # not "Ses GPU": a pronoun's firm is the topic's business


def _owner(ctx: Ctx, lo: int, hi: int) -> str | None:
    """The firm whose resource opens the clause ("X的算力主要来自Y", "Cohere’s GPUs come from")."""
    for m in ctx.mentions:
        if lo <= m.start and m.end <= hi and m.kind in TOPICS and m.possessive and m.via in _NAMED:
            return m.eid if resource_word(ctx.text[m.end : hi]) else None
    return None


def _topic(ctx: Ctx, pos: int, providers: set[str]) -> str | None:
    """The sentence's opening firm/place before `pos`, else an earlier sentence's."""
    here = [m for m in ctx.mentions if m.end <= pos and m.kind in TOPICS and m.gov is None]
    here = [m for m in here if m.eid not in providers and not m.possessive]
    if here:
        return here[0].eid
    doc = ctx.doc
    for back in range(ctx.sent.index - 1, max(-1, ctx.sent.index - 1 - _LOOK_BACK), -1):
        opening = [m for m in doc.mentions[back] if m.gov is None]
        if opening:  # that sentence's subject is the topic, unless it is something else
            first = opening[0]
            return first.eid if first.kind in TOPICS and first.eid not in providers else None
    return None
