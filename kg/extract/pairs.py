"""Relations between two parties named together: partnerships and the deals regulators review.

"the alliance between Oracle and xAI", "Oracle’s ties to Cohere", "investments by A and B in C
and D" (paired in order), "微软与OpenAI的合作". A regulator in the sentence (else a jurisdiction the
probe is "in") REVIEWS a Deal node named after the pair and the deal type."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.arguments import outside_relatives
from kg.extract.clauses import (
    PLACES,
    deal_to_buy,
    in_clause_of,
    place_reviewers,
    reviewers_of,
    two_sides,
)
from kg.extract.dependency import provider_after
from kg.extract.facts import Found, date_props
from kg.extract.links import partners_listed, subject_object
from kg.extract.linkwords import link_words
from kg.extract.mentions import Mention, is_list_gap
from kg.extract.patterns import Trigger
from kg.extract.slots import FIRMS, Ctx, expand, gov_left, right, sources
from kg.schema import DealStatus, DealType, EntityKind, RelationType

_PAIR_GOV = {"between", "entre", "like", "among", "parmi", "与", "與", "和", "跟", "同"}
_INTO = {"in", "into", "dans", "en", "对", "對", "向"}  # "A and B in C and D": pairwise
_PAIR_JOIN = re.compile(r"与|與|和|跟|同")
# "les moteurs A et B ont créé leur coentreprise": the pair owns the partnership word
_THEIR = re.compile(r"\b(?:leurs?|their)\s+(?:[\w-]+\s+)?$", re.I)
_ROUND_PARTNERS = re.compile(
    r"\b(?:participation|soutien)\s+(?:de|d[’']|from)\s*(?:[\w-]+\s+){0,2}$", re.I
)
_TYPES = (
    (
        DealType.HIRING,
        re.compile(
            r"embauch\w*|\bhir(?:e|es|ed|ing)\b|acqui-?hire|recrut\w*|\brecruit\w*|\bpoach\w*"
            r"|débauch\w*|招聘|挖角",
            re.I,
        ),
    ),
    (
        DealType.PARTNERSHIP,
        re.compile(
            r"partena\w*|partner\w*|\bties\b|alliance|accords?\b|agreement|合作|协议|協議", re.I
        ),
    ),
    (
        DealType.INVESTMENT,
        re.compile(r"invest(?!igat)\w*|stake|participation|投资|投資|注资|注資|持股", re.I),
    ),
    (
        DealType.ACQUISITION,
        re.compile(
            r"acqui\w*(?!\s+(?:of\s+)?(?:an?\s+)?(?:[\w\-]+\s+){0,3}?(?:[\d.,]+\s?(?:%|per\s?cent)"
            r"|stake|shareholding))|rachat|rachet\w*|\bachat\b|achet\w*|\bpurchas\w*"
            r"|\bbuy(?:s|ing)?\b|\bbought\b|takeover|merger|fusion|\bbid for\b|\boffer for\b"
            r"|offre (?:sur|de rachat)|收购|收購|并购|合并|买下|買下",
            re.I,
        ),
    ),
)
_CLEARED = re.compile(
    r"champ libre|feu vert|clear(?:s|ed)|approv\w*|autoris\w*|批准|放行|classé", re.I
)
_BLOCKED = re.compile(r"\bblock\w*|bloqu\w*|interdi\w*|禁止|否决", re.I)
# a reference back to the one deal named just before ("the deal", "l’opération", "对此")
_THIS = re.compile(
    r"\b(?:(?:this|the|that) (?:(?:proposed|planned|pending)\s+)?(?:deal|transaction|merger|"
    r"acquisition|investment|partnership|takeover|tie-up|matter|case|integration(?: plan)?)|"
    r"ce dossier|l[’']opération|la transaction|cette opération|le rachat|ce partenariat|"
    r"cet accord|cet investissement|cette acquisition|cette prise de participation|"
    r"(?:a|the) similar (?:review|probe|investigation|inquiry)|"
    r"(?:a|the)\s+(?:similar|same)\s+(?:decision|ruling|conclusion)|similar (?:\w+ )?approvals?|"
    r"(?:une|la) (?:décision|conclusion) (?:similaire|semblable|identique|analogue)|"
    r"(?:la|une) même (?:décision|conclusion)|cette (?:fusion|transaction)|ce rachat)\b|"
    r"对此|對此|此事|这[项笔][交投合]|這[項筆][交投合]|该交易|該交易|该投资|該投資|"
    r"(?:此次|本次|这次|這次|该|該|这起|這起|此项|此項|这一|這一|上述)(?:收购|收購|并购|併購|合并|合併|交易|投资|投資)|"
    r"(?:类似|類似|相同|同样|同樣)的?(?:决定|決定|裁决|裁決)",
    re.I,
)


def groups(ctx: Ctx, trigger_at: int | None = None) -> list[list[Mention]]:
    """Company mentions split into lists ("A, B and C"), one entity once per list."""
    out: list[list[Mention]] = []
    prev: Mention | None = None
    for m in outside_relatives(ctx, trigger_at):
        if m.kind not in FIRMS:
            continue
        gap = ctx.text[prev.end : m.start] if prev is not None else ""
        if m.possessive and gap.strip() == ",":
            out.append([m])  # "Microsoft, OpenAI's biggest backer,": an apposition, not a list
        elif prev is not None and out and is_list_gap(gap):
            if all(m.eid != o.eid for o in out[-1]):
                out[-1].append(m)
        else:
            out.append([m])
        prev = m
    return out


def pairs(ctx: Ctx, trigger_at: int | None = None) -> list[tuple[str, str]]:
    gs = groups(ctx, trigger_at)
    found: list[tuple[str, str]] = []
    rest = []
    for g in gs:
        joined = (
            len(g) == 2
            and (
                (g[0].gov or "") in _PAIR_GOV
                or bool(_PAIR_JOIN.search(ctx.text[g[0].end : g[1].start]))
                or (trigger_at is not None and 0 <= trigger_at - g[1].end <= 25)
                # "Microsoft and OpenAI signed … their partnership": the pair is the subject
                or (
                    trigger_at is not None
                    and g[0].gov is None
                    and g[1].end < trigger_at
                    and (
                        not re.search(r"\w", ctx.text[: g[0].start].split(",")[-1])
                        or bool(_THEIR.search(ctx.text, g[1].end, trigger_at))
                    )
                )
            )
        )
        if joined:
            found.append((g[0].eid, g[1].eid))
        else:
            rest.append(g)
    for a, b in zip(rest, rest[1:], strict=False):
        if len(a) == len(b) > 1 and (b[0].gov or "") in _INTO:
            found += [(x.eid, y.eid) for x, y in zip(a, b, strict=True)]  # "A and B in C and D"
    if not found:
        ids = list(dict.fromkeys(m.eid for g in rest for m in g))
        if len(ids) == 2 and all(len(g) == 1 for g in rest):
            if trigger_at is None or two_sides(ctx, [m for g in rest for m in g], trigger_at):
                found.append((ids[0], ids[1]))
    return [(a, b) for a, b in dict.fromkeys(found) if a != b]


@lru_cache(maxsize=1024)  # asked again for every pair of the same sentence
def deal_type(text: str, near: int = 0) -> DealType:
    """Hiring when it is said; otherwise the deal word closest to the parties."""
    if _TYPES[0][1].search(text):
        return DealType.HIRING
    best: tuple[int, DealType] | None = None
    for kind, rx in _TYPES[1:]:
        for m in rx.finditer(text):
            dist = abs(m.start() - near)
            if best is None or dist < best[0]:
                best = (dist, kind)
    return best[1] if best else DealType.PARTNERSHIP


_ORIENT = {
    DealType.INVESTMENT: RelationType.INVESTS_IN,
    DealType.ACQUISITION: RelationType.ACQUIRES,
    DealType.HIRING: RelationType.ACQUIRES,
}


def _oriented(found: Found, ctx: Ctx, kind: DealType, a: str, b: str) -> tuple[str, str]:
    """Investor/acquirer first, as the sentence's own INVESTS_IN / ACQUIRES facts say."""
    rel = _ORIENT.get(kind)
    for fact in found.in_sentence(ctx.sent.index):
        if fact.relation is rel and (fact.target, fact.source) == (a, b):
            return b, a
    return a, b


_ALSO = re.compile(
    r"\b(?:also|additionally)\s+(?:includes?|covers?|targets?|concerns?|looks? at|examines?)\b|"
    r"\b(?:porte|vise|concerne)\s+(?:également|aussi)\b|还涉及|還涉及|也包括|还包括",
    re.I,
)


def review_continued(ctx: Ctx, found: Found) -> None:
    """ "The probe also covers Helix Capital, a backer of Vega AI": the last review goes on."""
    last = found.last_review
    if last is None or ctx.sent.index - last[0] > 2 or not _ALSO.search(ctx.text):
        return
    for a, b, kind in typed_pairs(ctx, found):
        draft = found.deals.pair(kind, a, b)
        for reviewer in last[1]:
            found.add(ctx, reviewer, RelationType.REVIEWS, draft.key, status="under_review")


_FRONTED = re.compile(
    r"(?:Prior to|After|Before|Following|Like|Unlike|Besides|In addition to|Ahead of)\b", re.I
)
_PLACE_GOV = {"in", "by", "dans", "en", "par", "de"}
_AUTHORITIES_OF = re.compile(r"\b(?:regulators|authorities|watchdogs)\s+of\s+(?:the\s+)?$", re.I)


def review(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    reviewers = reviewers_of(ctx, start)
    comma = ctx.text.find(",")
    if _FRONTED.match(ctx.text) and all(m.end <= comma for m in reviewers):
        reviewers = place_reviewers(ctx, start)  # "Prior to the FTC's ruling, A and B cleared it"
    if not reviewers:
        reviewers = [m for m in ctx.mentions if m.kind in PLACES and m.gov in _PLACE_GOV]
        first = next(  # "regulators of A, B and C"
            (m for m in ctx.mentions if _AUTHORITIES_OF.search(ctx.text, 0, m.start)), None
        )
        if not reviewers and first is not None and first.kind in PLACES:
            reviewers = expand(ctx, first, True, PLACES)
        reviewers = reviewers or place_reviewers(ctx, start)
    if not reviewers:
        return
    found.last_review = (ctx.sent.index, sorted({m.eid for m in reviewers}))
    # "A and B invested in C, and the CMA is examining the investments": the sentence's own deals
    typed = typed_pairs(ctx, found)
    told = {frozenset((a, b)) for a, b, _ in typed}
    typed += [d for d in _own_deals(ctx, found) if frozenset(d[:2]) not in told]
    typed = in_clause_of(ctx, reviewers, typed)
    if not typed and _THIS.search(ctx.text):
        typed = _deal_before(ctx, found)  # "L’opération doit être examinée par …"
    state = (
        DealStatus.CLEARED
        if _CLEARED.search(ctx.text)
        else DealStatus.BLOCKED
        if _BLOCKED.search(ctx.text)
        else DealStatus.UNDER_REVIEW
    )
    if not typed:
        _review_companies(ctx, reviewers, start, end, found, state)
    for a, b, kind in typed:
        draft = found.deals.pair(kind, a, b)
        draft.status = state
        if kind is DealType.PARTNERSHIP and not _TYPES[1][1].search(ctx.text):
            found.untyped.add(draft.key)  # no deal word: the kind is a guess
        for reviewer in {m.eid for m in reviewers}:
            found.add(
                ctx,
                reviewer,
                RelationType.REVIEWS,
                draft.key,
                status=state.value,
                **date_props(ctx.text, found.reference),
            )
        _party_relation(ctx, found, kind, a, b)
        found.last_deal = (ctx.sent.index, a, b, _RELATION_OF[kind])
    found.reviewed.add(ctx.sent.index)


_DEAL_OF = {
    RelationType.INVESTS_IN: DealType.INVESTMENT,
    RelationType.ACQUIRES: DealType.ACQUISITION,
    RelationType.PARTNERS_WITH: DealType.PARTNERSHIP,
}


_RELATION_OF = {
    DealType.INVESTMENT: RelationType.INVESTS_IN,
    DealType.ACQUISITION: RelationType.ACQUIRES,
    DealType.HIRING: RelationType.ACQUIRES,
    DealType.MERGER: RelationType.ACQUIRES,
    DealType.PARTNERSHIP: RelationType.PARTNERS_WITH,
}


def _deal_before(ctx: Ctx, found: Found) -> list[tuple[str, str, DealType]]:
    """The deal "this deal", "这项合作", "a similar review" point back to: the last one an
    earlier sentence stated (within three); two firms merely named together are no deal."""
    last = found.last_deal
    if last is not None and 0 < ctx.sent.index - last[0] <= 3:
        return [(last[1], last[2], _DEAL_OF[last[3]])]
    return []


def _review_companies(
    ctx: Ctx, reviewers: list[Mention], start: int, end: int, found: Found, state: DealStatus
) -> None:
    """No deal named: "investigations into Microsoft, OpenAI and Nvidia" review the companies,
    by the regulator(s) named closest before the trigger ("… while the FTC will examine …")."""
    # "an investigation into Vega AI", "对英伟达立案调查" (zh: the object before the verb)
    first = right(ctx, end, FIRMS, reach=40) or gov_left(ctx, start, ("对", "對"), FIRMS, reach=30)
    if first is None or _SPEECH.search(ctx.text[max(0, first.start - 30) : first.start]):
        return  # "« Le dossier sera étudié », a précisé à l’AFP …": told to, not reviewed
    before_trigger = [m for m in reviewers if m.end <= start]
    who = (
        expand(ctx, before_trigger[-1], False, (EntityKind.REGULATOR,))
        if before_trigger
        else reviewers
    )
    for company in expand(ctx, first, True, FIRMS):
        for reviewer in {m.eid for m in who}:
            found.add(ctx, reviewer, RelationType.REVIEWS, company.eid, status=state.value)


_SPEECH = re.compile(
    r"\b(?:said|says|told|according|déclaré|indiqué|précisé|confié|selon|rapporte)\b\W+"
    r"(?:\w+\W+){0,2}$|表示|称|稱|透露",
    re.I,
)


_AGENT_DEALS = {
    RelationType.INVESTS_IN: DealType.INVESTMENT,
    RelationType.ACQUIRES: DealType.ACQUISITION,
}


def _co_agents(ctx: Ctx, found: Found) -> set[frozenset[str]]:
    """Parties on the same side of one of the sentence's own deals: "A与B加码C" makes A and B
    co-investors, never a deal between themselves."""
    sides: dict[tuple[RelationType, str], set[str]] = {}
    for fact in found.in_sentence(ctx.sent.index):
        if fact.relation in _AGENT_DEALS:
            sides.setdefault((fact.relation, fact.target), set()).add(fact.source)
    for g in groups(ctx):  # "微软与英伟达收购了X" states one acquirer: the list is both
        listed = {m.eid for m in g}
        after = _next_firm(ctx, g[-1].end)
        for (_, target), side in sides.items():
            # the list is the subject and the deal's target the next firm named
            if side & listed and g[0].gov is None and after == target not in listed:
                side |= listed
    return {frozenset((a, b)) for side in sides.values() for a in side for b in side if a != b}


def _next_firm(ctx: Ctx, pos: int) -> str | None:
    return next((m.eid for m in ctx.mentions if m.kind in FIRMS and m.start >= pos), None)


def _own_deals(
    ctx: Ctx, found: Found, agents: tuple[str, ...] = ()
) -> list[tuple[str, str, DealType]]:
    """The agent–patient deals this sentence states (of `agents` only, when given)."""
    deals = [
        (fact.source, fact.target, _AGENT_DEALS[fact.relation])
        for fact in found.in_sentence(ctx.sent.index)
        if fact.relation in _AGENT_DEALS and (not agents or fact.source in agents)
    ]
    return list(dict.fromkeys(deals))


def typed_pairs(ctx: Ctx, found: Found) -> list[tuple[str, str, DealType]]:
    """Pairs with the deal type worded closest to them, investor/acquirer first; co-agents
    ("A and B invested in C") give their own deals with C instead."""
    out: list[tuple[str, str, DealType]] = []
    same_side = _co_agents(ctx, found)
    for a, b in pairs(ctx):
        if frozenset((a, b)) in same_side:
            out += [d for d in _own_deals(ctx, found, (a, b)) if d not in out]
            continue
        near = min((m.start for m in ctx.mentions if m.eid in (a, b)), default=0)
        kind = deal_type(ctx.text, near)
        a, b = _oriented(found, ctx, kind, a, b)
        out.append((a, b, kind))
    return out


def _party_relation(ctx: Ctx, found: Found, kind: DealType, a: str, b: str) -> None:
    if kind is DealType.PARTNERSHIP and _TYPES[1][1].search(ctx.text):  # a word says so
        found.add(ctx, a, RelationType.PARTNERS_WITH, b)
    elif kind is DealType.INVESTMENT:
        found.add(ctx, a, RelationType.INVESTS_IN, b)


_SUPPLY_DEAL = re.compile(r"\b(?:cloud|compute|computing|GPU|chip)s?\s+$", re.I)


def partner(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    if ctx.sent.index in found.reviewed:
        return  # the review rule already paired them
    if link_words().partner_not.match(ctx.text, start) or _SUPPLY_DEAL.search(ctx.text, 0, start):
        return  # "anciens collaborateurs": staff; "a cloud deal with": a supply (dependency.py)
    if _ROUND_PARTNERS.search(ctx.text, max(0, start - 40), start):
        return  # "la participation de plusieurs partenaires dont A et B": a round's investors
    if deal_to_buy(ctx.text, end) or provider_after(ctx.text, end):
        return  # "a deal to buy X": an acquisition; "a deal with cloud firm X": a supply
    dates = date_props(ctx.text, found.reference)
    if partners_listed(ctx, start, end, found, status, **dates):
        return
    same_side = _co_agents(ctx, found)
    voices = sources(ctx)  # "…its partners," said ING analyst P: ING is no party
    found_pairs = [p for p in pairs(ctx, start) if frozenset(p) not in same_side]
    found_pairs = [p for p in found_pairs if not voices & set(p)]
    if not found_pairs:  # "A, rival of B, signed an agreement with C": subject and object
        subj, obj = subject_object(ctx, start, end)  # "X, a Y partner,": Y's
        if subj and obj and obj.eid not in voices:
            found_pairs = [(subj.eid, obj.eid)]
    for one, other in found_pairs:
        if one != other:
            found.add(
                ctx,
                one,
                RelationType.PARTNERS_WITH,
                other,
                status=status,
                **date_props(ctx.text, found.reference),
            )
