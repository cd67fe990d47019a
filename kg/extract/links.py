"""Rivalry, and partnerships with a list of partners: frames over the sentence's structure.

Rivalry ("a rival to X", "competing with giants such as A and B", "X’s chief rival Y", "pits A
against B", "rivalise avec le ChatGPT d’OpenAI", "与X抗衡"): the rivals after the trigger (a list,
a product standing for its maker), else a possessor the subject is linked to by a copula or an
apposition ("Y is X’s chief rival", "X的竞争对手Y"; not "weakens X’s rivals"), else the pair
named together. Partnerships with a list ("signed deals with giants like A and B", "partners
including A and B", "partners which include A, B and C"): the subject partners with each.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.arguments import inside_relative
from kg.extract.clauses import relative_antecedent
from kg.extract.facts import Found
from kg.extract.linkwords import link_words
from kg.extract.mentions import Mention
from kg.extract.patterns import Trigger
from kg.extract.slots import FIRMS, Ctx, before, expand, gov_left, left, right
from kg.extract.structure import conjuncts, list_after
from kg.schema import EntityKind, RelationType

_RIVAL_KINDS = (*FIRMS, EntityKind.PRODUCT)
_INTRO = re.compile(
    r"\b(?:such as|like|including|notably|comme|notamment|tels? que)\b|包括|如", re.I
)
# what links a subject to "X’s rival" that follows it: a copula or an apposition
_LINK = re.compile(
    r"^\s*(?:,\s*(?:the|a|an|la|le|l[’'])?\s*|(?:\w+\s+){0,3}?(?:is|are|was|were|remains?|became|"
    r"as|est|sont|était|reste|devient|comme|是|为|為|成为|成為)\s+(?:\w+\s+){0,3}?)$",
    re.I,
)
_CLAUSE_GAP = re.compile(r"[,;，；]")
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|elle|il|ils|elles)\s+(?:\w+\s+){0,2}$", re.I)


def compete(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    if _pit(ctx, start, end, found, status):
        return
    rivals = _rivals_after(ctx, end)
    subject: Mention | None = None
    if (
        rivals
        and len(rivals) > 1
        and rivals[0].gov in _OF_PREPS
        and _APPOSED.match(ctx.text, rivals[0].end)
    ):  # "les rivaux de X, A et B": X's rivals are A and B
        subject, rivals = rivals[0], rivals[1:]
    elif rivals:
        subject = relative_antecedent(ctx, start, FIRMS) or left(
            ctx, min(r.start for r in rivals), FIRMS, [r.eid for r in rivals]
        )  # "… in chip firm X, which competes with Y": X, whatever governs it
        if subject is None and not ctx.text[:start].strip():  # "Face à A, X mise …"
            if len(rivals) > 1 and not _APPOSED.match(ctx.text, rivals[-1].end):
                subject, rivals = rivals[-1], rivals[:-1]
            else:
                subject = _fronted(ctx, rivals[-1].end)
    elif (owner := before(ctx, start)) is not None:  # "Y is X’s rival", "X’s rival Y"
        rivals = [owner]
        subject = left(ctx, owner.start, FIRMS, [owner.eid])
        gap = ctx.text[subject.end : owner.start] if subject else ""
        if subject is None or (_CLAUSE_GAP.search(gap) and not _LINK.match(gap)):
            # the subject of another clause: "A …，并削弱X的竞争对手" names no rival of X
            subject = _apposed(ctx, end)
            if subject is None:
                return
    elif (pair := _its(ctx, start)) is not None:  # "Y is seen as its main competition"
        subject, rivals = pair[0], [pair[1]]
    elif (near := gov_left(ctx, start, _AGAINST, reach=25)) is not None:
        rivals = [near]
        subject = left(ctx, near.start, FIRMS, [near.eid])
    else:
        _rivals_named_together(ctx, start, found, status)
        return
    if subject is not None and _PRONOUN_SUBJECT.search(ctx.text[subject.end : start]):
        subject = _described(ctx, start)  # "… the company …, it would rival Nvidia"
        if subject is None:
            return
    if subject is None and len(rivals) > 1 and _BETWEEN.search(ctx.text, start, end):
        for one, other in zip(rivals, rivals[1:], strict=False):  # "la bataille entre A et B"
            found.add(ctx, one.eid, RelationType.COMPETES_WITH, other.eid, status=status)
        return
    eid = subject.eid if subject else ctx.doc.main_company()
    if eid in {r.eid for r in rivals} and len(rivals) > 1:
        return  # the article's main firm is one of the rivals listed: whose rivals is unsaid
    for rival in rivals:
        if eid and eid != rival.eid:
            found.add(ctx, eid, RelationType.COMPETES_WITH, rival.eid, status=status)


_LIST_INTRO = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:comme|tels? que|telles? que|notamment|dont|à l[’']image de)\s+", re.I
)
_SOURCE = re.compile(
    r"\b(?:selon|d[’']après|according to|said|says|told|reported|rapporte)\b", re.I
)
_OF_PREPS = {"de", "du", "d’", "d'", "of"}
_APPOSED = re.compile(r"\s*,\s*")


def _fronted(ctx: Ctx, pos: int) -> Mention | None:
    """The subject after a fronted phrase: "Face à A et B, X …", "Against A, X …"."""
    m = _APPOSED.match(ctx.text, pos)
    if m is None:
        return None
    first = right(ctx, m.end(), FIRMS, reach=30)
    return first if first is not None and first.gov is None else None


_BETWEEN = re.compile(r"\b(?:between|entre)\s*$", re.I)
_AGAINST = ("with", "against", "与", "與", "和", "同", "跟", "对", "對", "contre")


def _rivals_after(ctx: Ctx, end: int) -> list[Mention]:
    """The rivals named after the trigger: right after it ("a rival to X and Y"), or a list an
    intro word opens ("competing with rivals, such as A and B"); a product stands for its
    maker ("rivaliser avec le ChatGPT d’OpenAI")."""
    intro = _LIST_INTRO.match(ctx.text, end)
    if intro is not None and ctx.sent.lang == "fr":  # "des concurrents comme A et B"
        items = list_after(ctx, intro.end(), FIRMS, reach=5, discover=True)
        if items:
            return items
    first = right(ctx, end, _RIVAL_KINDS, reach=25)
    if first is not None and _SOURCE.search(ctx.text, end, first.start):
        first = None  # "… comme Anaplan, selon Reuters": the source of the news, no rival
    if first is not None and first.kind is EntityKind.PRODUCT:
        maker = _maker_of(ctx, first)
        return [maker] if maker is not None else []
    if first is not None:
        return expand(ctx, first, True, FIRMS)
    items = list_after(ctx, end, FIRMS, reach=60)
    if items and _SOURCE.search(ctx.text, end, items[0].start):
        return []
    if items and _INTRO.search(ctx.text[end : items[0].start]):
        return items
    return []


def _maker_of(ctx: Ctx, product: Mention) -> Mention | None:
    """The firm that makes a product: named right after it ("ChatGPT d’OpenAI", "OpenAI’s
    ChatGPT" is the possessor case), else the gazetteer's owner."""
    after = right(ctx, product.end, FIRMS, reach=6)
    if after is not None and re.match(
        r"\s*(?:of|de|du|d[’'])\s*$", ctx.text[product.end : after.start]
    ):
        return after
    known = ctx.doc.entity(product.eid).known
    eid = ctx.doc.gaz.by_alias.get(known.owner or "") if known else None
    if not eid:
        return None
    ctx.doc.entity(eid)
    return Mention(product.start, product.end, eid, ctx.doc.kind(eid), "description")


_ITS = re.compile(r"\b(?:its|their|son|sa|leur)\s+(?:\w+\s+){0,2}$", re.I)


def _its(ctx: Ctx, start: int) -> tuple[Mention, Mention] | None:
    """ "…Vega AI, and Lumen Labs is seen as its main competition": (the clause's subject,
    the firm "its" stands for: the one named before the subject)."""
    lo = max(0, start - 40)
    its = _ITS.search(ctx.text[lo:start])
    subject = left(ctx, start, FIRMS) if its else None
    if its is None or subject is None or not _LINK.match(ctx.text[subject.end : lo + its.start()]):
        return None
    firms = [m for m in ctx.mentions if m.kind in FIRMS and m.end <= subject.start]
    if not firms or firms[-1].eid == subject.eid:
        return None
    return subject, firms[-1]


def _apposed(ctx: Ctx, end: int) -> Mention | None:
    """The firm named right after "X’s rival", "X的竞争对手" (in apposition to it)."""
    after = right(ctx, end, FIRMS, reach=4)
    if after is not None and re.fullmatch(r"\s*,?\s*", ctx.text[end : after.start]):
        return after
    return None


def _described(ctx: Ctx, pos: int) -> Mention | None:
    """What "it" stands for before `pos`: a description of the sentence ("the company")."""
    described = [m for m in ctx.mentions if m.end <= pos and m.via == "description"]
    return described[-1] if described and described[-1].kind in FIRMS else None


def _pit(ctx: Ctx, start: int, end: int, found: Found, status: str | None) -> bool:
    """ "pits Vega AI against Lumen Labs", "oppose A à B": the two named are rivals."""
    if not link_words().pit.match(ctx.text, start):
        return False
    first = right(ctx, start, FIRMS, reach=40)
    second = right(ctx, end, FIRMS, [first.eid], reach=12) if first else None
    if first is None or second is None or first.start > end:
        return True  # a pit phrase names its two rivals or none
    found.add(ctx, first.eid, RelationType.COMPETES_WITH, second.eid, status=status)
    return True


def _rivals_named_together(ctx: Ctx, start: int, found: Found, status: str | None) -> None:
    """ "腾讯与字节跳动在AI领域竞争", "Google and OpenAI compete": the pair right before."""
    firms = [m for m in ctx.mentions if m.kind in FIRMS and m.end <= start]
    if len(firms) < 2 or start - firms[-1].end > 25:
        return
    # "月之暗面与智谱、百川智能等公司竞争": the firm before 与 against each one listed after it
    rivals = [firms[-1]]
    for m in reversed(firms[:-1]):
        gap = ctx.text[m.end : rivals[0].start]
        if _WITH.fullmatch(gap):
            for rival in rivals:
                if rival.eid != m.eid:
                    found.add(ctx, m.eid, RelationType.COMPETES_WITH, rival.eid, status=status)
            return
        if not re.fullmatch(r"\s*[、,，]\s*", gap):
            return
        rivals.insert(0, m)


_WITH = re.compile(r"\s*(?:与|與|和|同|跟|and|et)\s*")


def partners_listed(
    ctx: Ctx, start: int, end: int, found: Found, status: str | None, **props: Any
) -> bool:
    """ "S signed deals with giants like A and B", "S and partners including A and B": the
    subject (and those listed with it) partners with each listed firm. True when it applied."""
    items = group = _group_named_later(ctx, start, end)
    if not items and ctx.sent.lang == "zh" and _GROUP_ZH.search(ctx.text, 0, start):
        return True  # "与多家车企合作": partners counted, none named
    if not items:
        items = list_after(ctx, end, FIRMS, reach=40)
        if not items:
            return False
        gap = ctx.text[end : items[0].start]
        intro = link_words().partner_list_intro.search(gap)
        if intro is None or re.search(r"[,;，；]", gap[: intro.start()]):
            return False  # "…的合作伙伴关系，以及A、B和C之间的关系": another clause's list
    subject = _subject(ctx, start, [m.eid for m in items])
    if subject is None:
        return False
    subjects = conjuncts(ctx, subject, False, FIRMS)
    if len(items) == 1 and len(subjects) == 1 and not group:
        return False  # one on each side: the pair rules say the same
    for one in subjects:
        for other in items:
            if one.eid != other.eid:
                found.add(
                    ctx, one.eid, RelationType.PARTNERS_WITH, other.eid, status=status, **props
                )
    return True


# "S已与多家车企达成合作，…，包括A、B等": partners counted first, named later in the sentence
_GROUP_ZH = re.compile(
    r"(?:与|與|和|同|跟)(?:多家|多个|多個|数家|數家|众多|眾多|一批|不少|多位|一系列|诸多|諸多|若干|"
    r"上百家|数十家|數十家|几十家|幾十家)[^，,。；;]{0,12}$"
)
_NAMED_ZH = re.compile(r"[，,](?:[^，,。；;]{0,12}[，,])?\s*(?:其中)?(?:包括|包含|涵盖|涵蓋|如)")


def _group_named_later(ctx: Ctx, start: int, end: int) -> list[Mention]:
    if ctx.sent.lang != "zh" or not _GROUP_ZH.search(ctx.text, 0, start):
        return []
    named = _NAMED_ZH.search(ctx.text, end, end + 40)
    if named is None or re.search(r"[，,]", ctx.text[end : named.start()]):
        return []
    from kg.extract.zh_lists import items_after

    # known firms only: a partner the gazetteer lacks would carry its Chinese name alone
    items = items_after(ctx, named.end())
    return [m for m in items if m.via != "discovered" or ctx.doc.entity(m.eid).known is not None]


_PARTNER_NOUN = re.compile(r"partners?\s*[,;.)]|partners?$", re.I)


def subject_object(ctx: Ctx, start: int, end: int) -> tuple[Mention | None, Mention | None]:
    """The partners around a partnership word: its subject and object, or, when the noun
    closes its phrase, whose partner it says ("X, a Microsoft partner,", "X is one of
    Microsoft's partners."; not the verb "Microsoft partnered")."""
    named = right(ctx, end, (EntityKind.PERSON,), reach=3)  # "a Microsoft partner, Jane Roe"
    if named is None and _PARTNER_NOUN.match(ctx.text, start, min(len(ctx.text), end + 2)):
        owner = before(ctx, start, FIRMS)
        if owner is not None:
            return left(ctx, owner.start, FIRMS, [owner.eid]), owner
    return _subject(ctx, start), right(ctx, end, FIRMS, reach=40)


def _subject(ctx: Ctx, pos: int, exclude: list[str] | None = None) -> Mention | None:
    """The firm before `pos`, past a relative clause closed before it ("X, dont A et B sont
    actionnaires, a noué", "X, which counts A among its backers, signed"): X, not B."""
    m = left(ctx, pos, FIRMS, exclude or [])
    if m is not None and (opener := inside_relative(ctx, m, pos)) is not None:
        return left(ctx, opener, FIRMS, exclude or [])
    return m
