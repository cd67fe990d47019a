"""Who does what to whom around a trigger: the agent and patient slots of a relation frame
(subjects across relative clauses, possessors, 由-phrases, lists of investors in zh, en and fr)."""

from __future__ import annotations

import re

from kg.extract.backlists import subject_list
from kg.extract.clauses import described_subject, relative_antecedent
from kg.extract.facts import has_round
from kg.extract.fr_lists import chunks_after
from kg.extract.mentions import Mention
from kg.extract.patterns import Trigger
from kg.extract.slots import (
    FIRMS,
    Ctx,
    before,
    described_person,
    distinct,
    expand,
    gov_left,
    left,
    right,
    speaker,
)
from kg.extract.structure import conjuncts, list_after, zh_list_before
from kg.extract.zh_lists import items_after
from kg.schema import EntityKind


def slot(
    ctx: Ctx,
    how: str | None,
    trig: Trigger,
    start: int,
    end: int,
    kinds: tuple[EntityKind, ...],
    exclude: tuple[str, ...] = (),
    agent: bool = False,
) -> Mention | None:
    if how == "left":
        rel = relative_antecedent(ctx, start, kinds) or described_subject(ctx, start, kinds)
        if rel is not None and rel.eid not in exclude:
            return rel
        if _OPEN_RELATIVE.search(ctx.text[max(0, start - 50) : start]):
            return None  # "…and Berkshire Grey, which was acquired by": a name we do not know
        owner = before(ctx, start, kinds)  # "into Nvidia's purchase of": the possessor acts
        if owner is not None and owner.possessive and owner.eid not in exclude:
            return owner
        m = left(ctx, start, kinds, exclude) or speaker(ctx, start, kinds)
        if m is not None and m.eid in exclude:
            m = None
        if m is not None and (opener := inside_relative(ctx, m, start)) is not None:
            m = left(ctx, opener, kinds, exclude)  # "A, dont les puces équipent B, investit"
        if m is None and not _unknown_subject(ctx, start):
            eid = ctx.doc.previous_subject(ctx.sent)
            if eid and eid not in exclude:
                return Mention(start, start, eid, ctx.doc.kind(eid), "pronoun")
        return m
    if how == "right":
        if agent and trig.family in _DISCOVER and not trig.preps:  # "led by Helix Capital"
            first = next(iter(list_after(ctx, end, kinds, min(trig.reach, 60), True)), None)
            if first is not None and _describes_person(ctx, first):
                return None  # "led by former Google executive P": a person, not a fund
            if first is not None and first.eid not in exclude:
                return first
        return right(ctx, end, kinds, exclude, trig.preps, trig.reach)
    if how == "gov_left":
        after = right(ctx, end, kinds, exclude, reach=3)  # 投资Anthropic, 投资了X
        if after is not None and re.search(r"[，,。；;、]", ctx.text[end : after.start]):
            after = None
        return gov_left(ctx, start, trig.preps, kinds) or after
    if how == "before":
        return before(ctx, start, kinds)
    if how == "left_by":  # zh: 由红杉资本领投 (the 由 phrase right before the verb), else 腾讯跟投
        listed = [m for m in zh_list_before(ctx, start, kinds) if m.eid not in exclude]
        return (
            gov_left(ctx, start, ("由",), kinds, reach=2)
            or next(iter(listed), None)  # "由A、B、C等联合领投"
            or left(ctx, start, kinds, exclude)
        )
    if how == "last":  # "Anthropic’s backers include …", else the article's latest investee
        owner = before(ctx, start, kinds)
        if owner is not None and ctx.text[owner.end : start].strip():
            return owner  # a possessor is marked ("’s", 的); "腾讯领投" names the investor
        for m in ctx.mentions:  # "investors in X include", "led X's Series B"
            if (
                start <= m.start < end
                and m.kind in kinds
                and (m.gov in _OF or _POSSESSIVE.match(ctx.text, m.end))
            ):
                return m
        if trig.agent != "right":  # "X led a round in Y" (not "auprès de Y": the investor)
            after = right(ctx, end, kinds, preps=("in", "into", "dans", "for", "pour"), reach=6)
            if after is not None:
                return after
            owner = right(ctx, end, kinds, reach=60)  # "a mené la levée de 30 M€ de X"
            if owner is not None and _ROUND_OWNER_FR.fullmatch(ctx.text, end, owner.start):
                return owner
        eid = ctx.doc_last
        if eid is None and not has_round(ctx.text):  # "its investor lineup includes …": the
            eid = ctx.doc.topic_company()  # article's company (a round we missed is not)
        return Mention(start, start, eid, ctx.doc.kind(eid), "pronoun") if eid else None
    return None


_OF = {"of", "in", "de", "du", "d’", "d'", "dans"}
# between a round word and its owner: "(tour) de table de 12 millions d’euros de", "(série) B d’"
_ROUND_OWNER_FR = re.compile(
    r"(?:\s*(?:de\s+table|de\s+financement|de\s+fonds|[A-K]\+?\b))*"
    r"(?:\s*(?:de|d[’'])\s*(?:(?:plus de|près de|quelque)\s+)?[\d.,]+\s*"
    r"(?:millions?|milliards?|M|Md|Mds)?\s*(?:€|\$|d[’']euros|de dollars|d[’']dollars)?)?"
    r"\s*(?:de|du|d[’']|dans|chez)\s*",
    re.I,
)
_REL_OPEN = re.compile(
    r",\s*(?:dont|qui|que|qu[’']|où|lequel|laquelle|which|who|whose)\b[^,]*$", re.I
)


def _describes_person(ctx: Ctx, m: Mention) -> bool:
    """Whether a company (not a fund: "Sequoia partner P" leads for Sequoia) stands in the
    description of a person named right after it ("former Google executive P")."""
    after = next((o for o in ctx.mentions if o.start >= m.end), None)
    return (
        m.kind is EntityKind.COMPANY
        and after is not None
        and described_person(ctx, m.end, reach=30) is after
    )


def outside_relatives(ctx: Ctx, pos: int | None) -> list[Mention]:
    """The sentence's mentions but those in a relative clause closed before `pos` ("X, dont A et
    B sont actionnaires, s'est alliée à Y": X and Y are the partners)."""
    if pos is None:
        return ctx.mentions
    return [m for m in ctx.mentions if m.end > pos or inside_relative(ctx, m, pos) is None]


def inside_relative(ctx: Ctx, m: Mention, pos: int) -> int | None:
    """Where a relative clause between commas opens, when `m` is inside it and the clause
    closes before `pos` ("Nvidia, dont les puces équipent OpenAI, investit"): its subject is
    the name before it, not `m`."""
    opener = _REL_OPEN.search(ctx.text, 0, m.start)
    if opener is None or "," not in ctx.text[m.end : pos]:
        return None
    return opener.start()


# a capitalised name we do not know opens the clause, a few words before the trigger: "Cisco
# completed its acquisition of X" is not said of the previous sentence's firm
_UNKNOWN_SUBJECT = re.compile(
    r"^\W*(?!(?:It|They|He|She|The|This|That|These|Its|Their|We|Our)\b)[A-Z][\w&.\-]*"
    r"(?:\s+[A-Z][\w&.\-]*)*\s+(?:[a-z][\w’'-]*\s+){0,3}$"
)


# "Quatre ans après, Altran a été absorbé par": the clause opens with a name we do not know
_UNKNOWN_SUBJECT_FR = re.compile(
    r"(?:^|[,;:]\s)\W*(?!(?:Il|Elle|Ils|Elles|On|Le|La|Les|L|Ce|Cet|Cette|Ces|Cela|Celle|Celui"
    r"|Son|Sa|Ses|Leur|Leurs|Un|Une|Des|Du|De|En|Et|Mais|Puis|Dans|Pour|Selon|Après|Avant)\b)"
    r"[A-ZÀ-Ý][\w&.\-]*(?:\s+[A-ZÀ-Ý][\w&.\-]*)*\s+(?:[a-zà-ÿ][\w’'-]*\s+){0,3}$"
)


def _unknown_subject(ctx: Ctx, start: int) -> bool:
    if ctx.sent.lang == "fr":
        return bool(_UNKNOWN_SUBJECT_FR.search(ctx.text, 0, start))
    return ctx.sent.lang == "en" and bool(_UNKNOWN_SUBJECT.match(ctx.text[:start]))


# a relative clause opened right before the trigger ("…, which was acquired by"): its subject is
# the name before the comma, or none we know
_OPEN_RELATIVE = re.compile(
    r",\s*(?:which|who|qui|lequel|laquelle)\s+(?:[a-zà-ÿ][\w’']*\s+){0,3}$", re.I
)
# families whose lists of investors may name firms the gazetteer does not know
_DISCOVER = {"invest", "fund"}


def args(
    ctx: Ctx,
    trig: Trigger,
    start: int,
    end: int,
    agent_kinds: tuple[EntityKind, ...],
    patient_kinds: tuple[EntityKind, ...],
) -> tuple[list[Mention], Mention | None]:
    patient = slot(ctx, trig.patient, trig, start, end, patient_kinds)
    skip = (patient.eid,) if patient else ()
    agent = slot(ctx, trig.agent, trig, start, end, agent_kinds, skip, agent=True)
    if agent is None and _fr_list(ctx, trig):  # "rejoint par le fonds de la Région …, et B"
        agent = next((a for a in chunks_after(ctx, end, agent_kinds) if a.eid not in skip), None)
    if agent is None:
        return [], patient
    agents = [agent]
    if trig.list_side == "agent":
        if trig.agent == "right" and ctx.sent.lang == "zh":  # "投资方包括A、B与C"
            agents = items_after(ctx, agent.start, agent_kinds, trig.family in _DISCOVER)
            agents = agents or conjuncts(ctx, agent, True, agent_kinds, trig.family in _DISCOVER)
        elif trig.agent == "right":
            agents = conjuncts(ctx, agent, True, agent_kinds, trig.family in _DISCOVER)
            if _fr_list(ctx, trig):  # items with descriptions
                agents += chunks_after(ctx, end, agent_kinds)
        elif trig.agent == "left_by":
            agents = zh_list_before(ctx, start, agent_kinds) or [agent]
        else:
            agents = expand(ctx, agent, False, agent_kinds)
            if ctx.sent.lang == "en" and trig.family in _DISCOVER:
                agents = subject_list(ctx, agent, agent_kinds) or agents
    if trig.list_side == "agent" and ctx.sent.lang in ("fr", "en") and trig.agent != "right":
        after = patient.end if patient is not None and patient.start >= end else end
        agents += _likewise(ctx, after, agent_kinds)
    if EntityKind.COMPANY in agent_kinds:  # a person joining a firm stays a person
        agents = [_for_company(ctx, a) for a in agents]
    return [a for a in distinct(agents) if a.eid not in skip], patient


def _fr_list(ctx: Ctx, trig: Trigger) -> bool:
    """A French list of investors after its trigger, read chunk by chunk (fr_lists.py)."""
    return (
        ctx.sent.lang == "fr"
        and trig.family in _DISCOVER
        and trig.agent == "right"
        and trig.list_side == "agent"
    )


# "A investit lui aussi, tout comme B et C", "A backed X, as have B and C": B and C do the same
_LIKEWISE = re.compile(
    r"[^.;:«»\"]{0,40}?,?\s*(?:tout comme|de même que|au même titre que|à l[’']instar de|"
    r"as (?:have|has|did|do|does|had)|(?:and )?so (?:have|has|did|do|does|had))\s+",
    re.I,
)


def _likewise(ctx: Ctx, end: int, kinds: tuple[EntityKind, ...]) -> list[Mention]:
    m = _LIKEWISE.match(ctx.text, end)
    if m is None or any(end <= x.start < m.start() + len(m.group(0)) for x in ctx.mentions):
        return []
    return list_after(ctx, m.end(), kinds, reach=20, discover=True)


_HEADS = re.compile(r"\b(?:CEO|chief executive|chairman|chair|president)\b", re.I)
_FORMER = re.compile(r"\b(?:former|ex|retired|outgoing|onetime|one-time)\b", re.I)


def _for_company(ctx: Ctx, m: Mention) -> Mention:
    """A chief executive's stake is the company's: 马化腾增持某公司 is Tencent's (a former
    chief's stake stays his own)."""
    known = ctx.doc.entity(m.eid).known if m.kind is EntityKind.PERSON else None
    for org, role in known.roles if known else ():
        eid = ctx.doc.gaz.by_alias.get(org)
        if eid and _HEADS.search(role) and not _FORMER.search(role) and ctx.doc.kind(eid) in FIRMS:
            ctx.doc.entity(eid)
            return Mention(m.start, m.end, eid, ctx.doc.kind(eid), m.via, m.gov, m.possessive)
    return m


_POSSESSIVE = re.compile(r"[’']s\b")
