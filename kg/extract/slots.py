"""Finding a trigger's arguments among the mentions of its sentence."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

from kg.extract.doc import Doc
from kg.extract.mentions import Mention, is_list_gap
from kg.extract.text import Sentence
from kg.schema import EntityKind

ACTORS = (EntityKind.COMPANY, EntityKind.FUND, EntityKind.PERSON)
FIRMS = (EntityKind.COMPANY, EntityKind.FUND)
_APPOSITIVE = {
    "en": re.compile(r"^\s*,\s*(?:a|an|the)\s"),
    "fr": re.compile(r"^\s*,\s*(?:une?|la|le|l[’'])\s*"),  # not "a": in French it is a verb
}
_POSSESSOR = re.compile(r"\s*(?:(?:[’']s?|,\s*whose)\s*(?:\w+\s+){0,2}?)?")  # "X, whose backers"
# 其最大的股东, 智谱的主要竞争对手
_POSSESSOR_ZH = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{0,3}|(?:本|此|该|該|新一|最新一|上一)?[轮輪](?:融资|融資)?|"
    r"(?:[A-H]\+?|天使|种子|種子|Pre-[A-H]\+?)\s*[轮輪](?:融资|融資)?)"  # 月之暗面本轮融资的投资方
    r"的(?:主要|最大|重要|直接|潜在|潛在|早期|有力|强劲|強勁|头号|頭號)?)?"
)


@dataclass
class Ctx:
    doc: Doc
    sent: Sentence
    mentions: list[Mention]
    doc_last: str | None = None  # the article's latest investee, for "other investors …"

    @property
    def text(self) -> str:
        return self.sent.text

    @cached_property
    def asides(self) -> list[tuple[int, int]]:
        """Spans of the relative clauses closed by a comma: ", which tried to hire P,"."""
        return [a.span() for a in _ASIDE.finditer(self.text)] if "," in self.text else []


def left(
    ctx: Ctx, pos: int, kinds: Collection[EntityKind] = ACTORS, exclude: Collection[str] = ()
) -> Mention | None:
    """The subject: the nearest mention before `pos` that no preposition governs, nor a
    relative clause closed before `pos` holds ("Meta, which tried to hire P, invested")."""
    asides = [(a, b) for a, b in ctx.asides if b <= pos]
    for m in reversed([m for m in ctx.mentions if m.end <= pos]):
        if m.kind not in kinds or m.eid in exclude:
            continue
        if any(a < m.start and m.end < b for a, b in asides):
            continue
        gap = ctx.text[m.end : pos]
        if m.possessive and (len(gap) > 32 or "," in gap):
            continue  # "Cohere’s largest investor … after it agreed": not the subject
        if m.gov is None:
            return m
        appositive = _APPOSITIVE.get(ctx.sent.lang)
        if appositive and appositive.match(gap) and "," not in gap[gap.index(",") + 1 :]:
            return (
                m  # "Lumen Labs, a … startup that recently secured …", "Lumen, a Vega AI rival"
            )
    return None


# relative clauses and descriptions between commas: ", which tried to hire P,", ", the
# Nvidia-backed cloud provider," (a firm inside names no subject of the main clause)
_ASIDE = re.compile(
    r",\s*(?:(?:which|who|whom|qui|que)\b[^,;()]*|(?:the|an?|another)\s+[^,;()]{1,60}?),"
)
_FIRST_PERSON = re.compile(r"\b(?:our|we|notre|nos|nous)\b|我们|我們", re.I)
_SPOKES_BEFORE = re.compile(
    r"(?:porte-parole|spokes(?:person|man|woman)|representative|représentant)\s+(?:de|du|d[’']|for|of)"
    r"\s*(?:la\s+|le\s+|l[’']|the\s+)?$",
    re.I,
)
_SPOKES_AFTER = re.compile(
    r"^(?:[’']s)?\s*(?:spokes(?:person|man|woman)|发言人|發言人|said|says|a déclaré)", re.I
)


def speaker(ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS) -> Mention | None:
    """Who "our"/"notre"/"我们" is: "notre participation …", a dit un porte-parole de X."""
    if not _FIRST_PERSON.search(ctx.text[:pos]):
        return None
    for m in ctx.mentions:
        if m.kind in kinds and (
            _SPOKES_BEFORE.search(ctx.text[max(0, m.start - 40) : m.start])
            or _SPOKES_AFTER.match(ctx.text[m.end : m.end + 20])
        ):
            return m
    return None


# the source a quote or claim is attributed to: "…," said ING analyst P; according to X
_ATTRIBUTED = re.compile(
    r"(?:\bsaid|\bsays|\btold|\bwrote|\badded|\bnoted|\baccording to|\bper)\s+(?:the\s+)?$", re.I
)


def sources(ctx: Ctx) -> set[str]:
    """The organisations a sentence's words are attributed to ("…," said ING analyst P): the
    voice of the sentence, no party to what it reports."""
    return {
        m.eid for m in ctx.mentions if _ATTRIBUTED.search(ctx.text[max(0, m.start - 20) : m.start])
    }


def right(
    ctx: Ctx,
    pos: int,
    kinds: Collection[EntityKind] = ACTORS,
    exclude: Collection[str] = (),
    preps: Collection[str] = (),
    reach: int = 90,
) -> Mention | None:
    for m in ctx.mentions:
        if m.start < pos or m.kind not in kinds or m.eid in exclude:
            continue
        if m.start - pos > reach:
            return None
        if preps and (m.gov or "") not in preps:
            continue
        return m
    return None


def gov_left(
    ctx: Ctx,
    pos: int,
    preps: Collection[str],
    kinds: Collection[EntityKind] = FIRMS,
    reach: int = 40,
) -> Mention | None:
    """zh: the object put before the verb by a preposition: 向Anthropic注资, 对OpenAI的持股."""
    for m in reversed([m for m in ctx.mentions if m.end <= pos]):
        if pos - m.end > reach:
            return None
        if m.kind in kinds and m.gov in preps:
            return m
    return None


def before(ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS) -> Mention | None:
    """The possessor right before a trigger: "Cohere’s largest investor", "百度的竞争对手"."""
    for m in reversed([m for m in ctx.mentions if m.end <= pos]):
        gap = ctx.text[m.end : pos]
        if m.kind in kinds and (_POSSESSOR.fullmatch(gap) or _POSSESSOR_ZH.fullmatch(gap)):
            return m
        return None
    return None


def expand(
    ctx: Ctx, first: Mention, forward: bool, kinds: Collection[EntityKind] = ACTORS
) -> list[Mention]:
    """`first` and the mentions listed with it: "Microsoft, Amazon and Google"."""
    seq = [m for m in ctx.mentions if (m.start > first.start if forward else m.end < first.end)]
    if not forward:
        seq.reverse()
    out, prev = [first], first
    for m in seq:
        a, b = (prev, m) if forward else (m, prev)
        if not is_list_gap(ctx.text[a.end : b.start]):
            break
        nxt = _head_after(ctx, m, seq)
        if nxt is not None:  # "FTX founder Jane Roe": the person is the list item
            m = nxt
        if m.kind in kinds and all(m.eid != o.eid for o in out):
            out.append(m)
        prev = m
        if forward and re.search(r"\b(?:and|et)\b|与|和|及", ctx.text[a.end : b.start]):
            if not _AS_WELL_AS.match(ctx.text, m.end):  # "A and B, as well as C"
                break  # "…, Helix and Nvidia, Vega said": the list ends at its last "and"
    return out


_AS_WELL_AS = re.compile(r"\s*,?\s*(?:as well as|ainsi que)\b", re.I)


def _head_after(ctx: Ctx, m: Mention, seq: list[Mention]) -> Mention | None:
    later = [n for n in seq if n.start >= m.end]
    if later and later[0].kind is EntityKind.PERSON and m.kind is not EntityKind.PERSON:
        if re.fullmatch(r"\s+[a-z][\w\-]*\s+", ctx.text[m.end : later[0].start]):
            return later[0]
    return None


def distinct(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.eid not in seen:
            seen.add(m.eid)
            out.append(m)
    return out


_BREAK = re.compile(r"[,;:()，；]|\b(?:and|et|with|avec)\b")


def described_person(ctx: Ctx, pos: int, reach: int) -> Mention | None:
    """The person a description with no break names after `pos` ("led by former Google
    executive P", "former Google executive P" after the firm at `pos`)."""
    person = right(ctx, pos, (EntityKind.PERSON,), reach=reach)
    if person is None or _BREAK.search(ctx.text[pos : person.start]):
        return None
    return person

