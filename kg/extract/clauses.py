"""Clause roles the deal frames read, over the lists of `structure.py`: the subject of a
relative clause ("…, which raised"), a description right before its verb ("la start-up a
levé"), the owner of "its"/"son"/"其", the object after a description or apposition ("son
rival, Medilo"), the firm a round belongs to ("la série B de X"), the of/by and in
complements of a deal noun ("l’investissement de X dans Y")."""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.coref import watchdog_of
from kg.extract.mentions import Mention
from kg.extract.slots import FIRMS, Ctx, expand, left
from kg.extract.structure import desc_span, item_at
from kg.schema import DealType, EntityKind

_RELATIVE = re.compile(
    r"\s*(?:,|—|–|\(|-)?\s*(?:which|who|that|qui|lequel|laquelle)\s+(?:[a-zà-ÿ][\w’']*\s+){0,3}",
    re.I,
)


def relative_antecedent(
    ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS
) -> Mention | None:
    """The subject of a relative clause the trigger at `pos` is in: "… in Vega AI, which has
    since raised …", "… de Lumen Labs, qui a levé …": the name right before the relative pronoun,
    whatever preposition governs it."""
    before = [m for m in ctx.mentions if m.end <= pos]
    if not before or before[-1].kind not in kinds:
        return None
    m = before[-1]
    return m if _RELATIVE.fullmatch(ctx.text[m.end : pos]) else None


def object_after(ctx: Ctx, pos: int, known: Mention | None) -> Mention | None:
    """The object of a verb whose object is a firm ("acquired"): the known name found, or a
    name the gazetteer lacks standing first after a description or apposition ("a repris l’an
    dernier son grand rival, Medilo", "bought the Lyon start-up Foo")."""
    start = desc_span(ctx.text, pos, years=True)
    comma = re.match(r"(?:[a-zà-ÿ][\w\-’']*)?\s*,\s*(?=[A-Z])", ctx.text[start:])
    if comma:
        start = desc_span(ctx.text, start + comma.end())
    if known is not None and known.start <= start + 1:
        return known
    found = item_at(ctx, start, FIRMS, True, bare=True)
    if found is not None:
        return found
    if known is not None and _PHRASE_BREAK.search(ctx.text[pos : known.start]):
        return None  # "buys ads on Google", "acquired most of its compute from X": not the object
    return known


# a preposition or clause break between a verb and a firm: the firm is not the verb's object
_PHRASE_BREAK = re.compile(
    r"\b(?:on|from|with|for|at|to|by|as|via|through|across|over|under|than|after|before|while|"
    r"sur|avec|pour|chez|auprès|par|après|avant|contre|selon)\b|[;:]|，|。",
    re.I,
)


_OWN_PRONOUN = re.compile(
    r"\b(?:its|their|son|sa|ses|leur)\s+(?:[\w$€£.,-]+\s+){0,4}?$|其(?:[^，。；]{0,6})$", re.I
)


def possessive_owner(ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS) -> Mention | None:
    """Whose "its"/"son"/"其" is, right before a noun trigger ("Vega AI's largest wager since its
    purchase of Lumen Labs"): the nearest possessor before it, else the nearest firm no
    preposition governs ("It is the third lab that Helsing bought, after its takeover of
    X": Helsing's; "According to Reuters, …" names a source, not the owner)."""
    if not _OWN_PRONOUN.search(ctx.text[max(0, pos - 60) : pos]):
        return None
    before = [
        m
        for m in ctx.mentions
        if m.end <= pos
        and m.kind in kinds
        and m.via != "pronoun"
        and not _SOURCE.search(ctx.text[max(0, m.start - 20) : m.start])
    ]
    owners = [m for m in before if m.possessive or m.gov in ("de", "du", "d’", "d'", "of")]
    if owners:
        return owners[-1]  # "Meta's …, its", "le pari de Corvane depuis son"
    return next((m for m in reversed(before) if m.gov is None), None)


_SOURCE = re.compile(
    r"(?:selon|according to|d[’']après|citing|cité par|据|據)\s*(?:the\s+)?$", re.I
)


_AUX = re.compile(
    r"\s+(?:(?:a|ont|avait|avaient|aura|has|have|had|is|was|were|will|would|est|sont|"
    r"vient de|viennent de|just|also|aussi|également|déjà|already|recently|récemment|"
    r"finally|enfin|en effet)\s+)*",
    re.I,
)


def described_subject(ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS) -> Mention | None:
    """A description right before its verb is the clause's subject, whatever a list before it
    made of it: "…dirigée par A, B et C, la startup a levé …" (the startup raised)."""
    before = [m for m in ctx.mentions if m.end <= pos]
    if not before:
        return None
    m = before[-1]
    if m.via not in ("description", "pronoun") or m.kind not in kinds:
        return None
    return m if _AUX.fullmatch(ctx.text[m.end : pos]) else None


_ROUND_OF = re.compile(
    r"(?:round|(?:series|série)\s+[A-K]\+?|seed|levée de fonds|tour de table|financement)\s+"
    r"(?:of|for|in|de|du|d[’']|pour)\s*$",
    re.I,
)


def round_owner(ctx: Ctx, pos: int) -> str | None:
    """The firm a round named before `pos` belongs to: "la série B de Dust a été menée par",
    "the seed round for Kyutai was led by"."""
    for m in ctx.mentions:
        if m.end > pos:
            break
        if m.kind in FIRMS and _ROUND_OF.search(ctx.text[max(0, m.start - 40) : m.start]):
            return m.eid
    return None


_OF_GOV = {"de", "du", "d’", "d'", "of", "by", "par", "des"}
_IN_GOV = {"dans", "in", "into", "en", "chez", "au"}


def nominal_args(ctx: Ctx, end: int) -> tuple[Mention, Mention] | None:
    """Agent and patient of a deal noun: "l’investissement du géant américain dans OpenAI",
    "the investment by Nvidia in Poolside": (the "of/by" complement, the "in" complement)."""
    after = [m for m in ctx.mentions if m.start >= end and m.kind in FIRMS]
    if not after or after[0].gov not in _OF_GOV or after[0].start - end > 40:
        return None
    agent = after[0]
    for m in after[1:]:
        if m.start - agent.end > 60:
            return None
        if m.gov in _IN_GOV or _CAPITAL_OF.search(ctx.text, max(0, m.start - 24), m.start):
            return (agent, m) if m.eid != agent.eid else None
    return None


_CAPITAL_OF = re.compile(r"\bau\s+capital\s+(?:de|du|d[’'])\s*$")  # "l’entrée de A au capital de X"


_MORE_ROUNDS = re.compile(
    r"\b(?:and|as well as|et|ainsi que)\s+(?:its|their|son|sa|ses|leur|the)\s+"
    r"(?:[\w$€£.,+-]+\s+){0,5}?(?:round|tour de table|levée|série\s+[A-K])\b|以及其?|和其",
    re.I,
)


def more_rounds(text: str, end: int) -> list[int]:
    """Where further rounds of the same raiser are coordinated after the first ("Lumen’s
    seed round last spring and its Series A round a year later"): positions to read labels at."""
    return [m.start() for m in _MORE_ROUNDS.finditer(text, end)]


# a clause break: "its collaboration with the government would continue, while Google declined"
_CLAUSE_BREAK = re.compile(
    r";|,\s*(?:while|but|whereas|although|though|even as|meanwhile|alors que|tandis que|mais)\b",
    re.I,
)
_NO_COMMENT = re.compile(r"\s+(?:declined|refused|did not respond)\b", re.I)


def two_sides(ctx: Ctx, mentions: list[Mention], at: int) -> bool:
    """Whether two firms are the two sides of the partnership word at `at`: in English and
    French one before it and one after ("A … partnership with … B"; in Chinese both may come
    first: A与B合作), with no clause break between either and the word."""
    if ctx.sent.lang != "zh" and not mentions[0].end <= at <= mentions[-1].start:
        return False  # "Although A supplied …, it was B that joined as partners"
    for m in mentions:
        lo, hi = (m.end, at) if m.end <= at else (at, m.start)
        if _CLAUSE_BREAK.search(ctx.text, lo, hi) or _NO_COMMENT.match(ctx.text, m.end):
            return False
    return True


_DEAL_TO_BUY = re.compile(
    r"\s+(?:to|that would see \w+)\s+(?:buy|acquire|purchase|take over|invest|merge|sell|"
    r"raise|fund|back|take a stake)\b"
    r"|\s+(?:pour|visant à)\s+(?:racheter|acquérir|investir|céder)\b",
    re.I,
)


def deal_to_buy(text: str, end: int) -> bool:
    """ "struck a deal to buy X", "signed an agreement to invest": the deal word after which
    `end` stands is an acquisition or an investment, not a partnership."""
    return bool(_DEAL_TO_BUY.match(text, end))


def reviewers_of(ctx: Ctx, start: int) -> list[Mention]:
    """The regulators of the review word at `start`: its subject and those listed with it
    when another regulator is named elsewhere ("UK watchdog clears X, FTC widens AI probe")."""
    regulators = [m for m in ctx.mentions if m.kind is EntityKind.REGULATOR]
    if len({m.eid for m in regulators}) < 2:
        return regulators
    subject = left(ctx, start, (EntityKind.REGULATOR,))
    return expand(ctx, subject, False, (EntityKind.REGULATOR,)) if subject else regulators


def in_clause_of(
    ctx: Ctx, reviewers: list[Mention], typed: list[tuple[str, str, DealType]]
) -> list[tuple[str, str, DealType]]:
    """With two regulators, the deals named between one and the next are its own."""
    others = [m for m in ctx.mentions if m.kind is EntityKind.REGULATOR and m not in reviewers]
    if not others or not reviewers:
        return typed
    lo = min(m.start for m in reviewers)
    hi = min([m.start for m in others if m.start > lo] or [len(ctx.text)])
    inside = {m.eid for m in ctx.mentions if lo <= m.start < hi}
    return [d for d in typed if d[0] in inside and d[1] in inside]


PLACES = (EntityKind.COUNTRY, EntityKind.REGION)


def place_reviewers(ctx: Ctx, start: int) -> list[Mention]:
    """ "欧盟批准了…", "Brussels cleared …": the place's competition authority reviews."""
    places = [m for m in ctx.mentions if m.kind in PLACES and m.gov is None and m.end <= start]
    gap = ctx.text[places[-1].end : start] if places else ""
    if (
        not places
        or (len(gap) > 24 if ctx.sent.lang == "zh" else len(gap.split()) > 5)
        or re.search(r"[,;，；]", gap)
    ):
        return []  # "欧盟批准", "Bruxelles ouvre une enquête", "Japan had given similar approvals"
    place = places[-1]
    if len(listed := expand(ctx, place, False, PLACES)) > 1:
        return listed  # "the EU, Britain and Japan approved": the places named, each
    known = ctx.doc.entity(place.eid).known
    eid = ctx.doc.gaz.by_alias.get(watchdog_of(known.country if known else None) or "")
    if eid is None:
        return [place]
    ctx.doc.entity(eid)
    return [Mention(place.start, place.end, eid, EntityKind.REGULATOR, "description")]
