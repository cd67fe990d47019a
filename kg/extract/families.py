"""Relation rules with a direction: investment, funding rounds, acquisitions, joining, rivalry,
dependency. Each handler gets one trigger match and adds facts to `Found`."""

from __future__ import annotations

import re

from kg.extract.arguments import args, slot
from kg.extract.clauses import (
    more_rounds,
    nominal_args,
    object_after,
    possessive_owner,
    round_owner,
)
from kg.extract.deals import DealDraft
from kg.extract.facts import (
    Found,
    date_props,
    has_round,
    led_names,
    money_near,
    money_props,
    round_label,
    valuation_in,
)
from kg.extract.mentions import Mention
from kg.extract.patterns import Trigger, lexicon
from kg.extract.slots import (
    ACTORS,
    FIRMS,
    Ctx,
    left,
    right,
)
from kg.extract.structure import conjuncts
from kg.extract.zh_lists import past_parent, respectively
from kg.schema import EntityKind, RelationType

_DEAL_NOUN = re.compile(
    r"investment|investissement|participation|stake|injection|entrée|arrivée|montée", re.I
)


def invest(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    nominal = nominal_args(ctx, end) if _DEAL_NOUN.search(ctx.text[start:end]) else None
    patient: Mention | None
    if nominal is not None:  # "l’investissement de X dans Y", "the investment by X in Y"
        agents, patient = [nominal[0]], nominal[1]
    else:
        agents, patient = args(ctx, trig, start, end, ACTORS, (EntityKind.COMPANY,))
        if patient is None and agents:  # "李某获得腾讯投资": the firm he founded, told before
            founder = slot(ctx, trig.patient, trig, start, end, (EntityKind.PERSON,))
            firm = found.firm_of(founder.eid) if founder else None
            patient = Mention(start, start, firm, EntityKind.COMPANY, "pronoun") if firm else None
    if patient is not None and ctx.sent.lang == "zh":
        patient = past_parent(ctx, patient)  # "投资台积电旗下子公司": not TSMC itself
    if patient is None or not agents:
        return
    if pairs := respectively(ctx, agents, patient, start):  # "A和B分别投资了X和Y"
        for agent, one in pairs:
            found.add(ctx, agent.eid, RelationType.INVESTS_IN, one.eid, status=status)
        found.last_investee = pairs[-1][1].eid
        return
    money = money_near(ctx.text, end) if len(agents) == 1 else None
    label = round_label(ctx.text) if has_round(ctx.text) else None
    for agent in agents:
        if label:  # "invests €1.3bn in X as part of a Series C round": a part of the round
            draft = _round_details(ctx, found, patient.eid, end)
            draft.add_party(agent.eid, "investor")
            found.add(
                ctx,
                agent.eid,
                RelationType.FUNDS,
                draft.key,
                status=status,
                **money_props(money),
            )
            continue
        found.add(
            ctx,
            agent.eid,
            RelationType.INVESTS_IN,
            patient.eid,
            status=status,
            **money_props(money),
            **date_props(ctx.text, found.reference),
        )
    found.last_investee = patient.eid


def fund(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    ctx.doc_last = found.last_investee
    recent = found.round_sentence is not None and ctx.sent.index - found.round_sentence <= 1
    in_round = has_round(ctx.text) or recent
    if trig.needs_round and not in_round:
        return
    agents, patient = args(ctx, trig, start, end, ACTORS, (EntityKind.COMPANY,))
    raiser = patient.eid if patient else found.last_investee or round_owner(ctx, start)
    if raiser is None and _THE_ROUND.search(ctx.text, start):  # "A led the round": the topic's
        raiser = ctx.doc.topic_company()
    if raiser is None or not agents:
        return
    if patient and re.fullmatch(r"\s*,\s*", ctx.text[patient.end : start]) and all(
        a.kind is EntityKind.PERSON for a in agents
    ):
        return  # "Orbis Labs, led by P, raised": P runs the firm (people_lists.led_by)
    for agent in agents:
        if agent.eid == raiser:
            continue
        if not in_round:  # "other investors include A and B": no round named, a plain stake
            found.add(ctx, agent.eid, RelationType.INVESTS_IN, raiser, status=status)
            continue
        draft = _round_details(ctx, found, raiser, start)
        found.add(
            ctx,
            agent.eid,
            RelationType.FUNDS,
            draft.key,
            status=status,
            lead=trig.lead or None,
        )
        draft.add_party(agent.eid, "lead_investor" if trig.lead else "investor")
        found.round_sentence = ctx.sent.index  # the round is still the topic next sentence
    found.last_investee = raiser


_STAKE = re.compile(
    r"\s+(?:of\s+)?(?:an?\s+|the\s+|its\s+)?(?:(?:about|around|roughly|nearly|almost|another|"
    r"a further|an additional|up to)\s+)?(?:[\d.,]+\s?(?:%|per\s?cent\b|percent\b)"
    r"|(?:(?:minority|majority|small|non-controlling|significant|strategic)\s+){0,2}"
    r"(?:stake|holding|shareholding|share|interest)s?\b"
    r"|(?:une|la|sa|leur)\s+(?:(?:petite|nouvelle|importante)\s+)?(?:participation|part)s?\b"
    r"|(?:environ|près de|plus de|quelque)\s+[\d.,]+\s?%)",
    re.I,
)
_RAISE_VERB = re.compile(r"rais|l[eè]v|融资|融資|募资|募資|募集|筹集|籌集|筹资|籌資", re.I)


def raise_(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    if status:
        return  # a planned or rumoured raise is not a round yet
    raised_money = _RAISE_VERB.match(ctx.text[start:end]) and money_near(ctx.text, end)
    if not has_round(ctx.text) and not raised_money:
        return  # "raised $500 million" is a round even when the text does not say "round"
    if ctx.sent.lang == "zh" and not (
        round_label(ctx.text) or money_near(ctx.text, end) or _DONE_ZH.search(ctx.text)
    ):
        return  # "融资仍是一个难题": funding talked about, no round stated
    if ctx.sent.lang == "fr" and _THIS_ROUND_FR.search(ctx.text, max(0, start - 12), start):
        return  # "cette levée intègre …": the round told before, its raiser named there
    if ctx.sent.lang == "zh" and _IN_THIS_ROUND_ZH.search(ctx.text, max(0, start - 8), start):
        return  # "英伟达在本轮融资中投资": a participant in the round told before
    how = trig.agent if trig.agent in ("right", "before") else "left"
    agent = slot(ctx, how, trig, start, end, FIRMS)
    if agent is not None and _BACKER_ZH.match(ctx.text, agent.end):
        agent = left(ctx, agent.start, FIRMS, [agent.eid])  # 获得阿里巴巴领投的融资
    if agent is None and ctx.sent.lang == "zh" and _THIS_ROUND_ZH.search(ctx.text, 0, start):
        agent = _told_before(ctx)  # "此次发行共募资…": the firm the text was about
    if agent is None or (ctx.sent.lang == "fr" and _TAKES_PART.search(ctx.text[agent.end : start])):
        return  # "Elaia participe à la levée", "Sequoia a mené la levée": not the raiser
    backer = None
    if (
        agent.kind is EntityKind.FUND
        and not _VEHICLE.search(ctx.text, end, end + 60)
        and (topic := _round_topic(ctx, found, agent.eid))
    ):
        backer, agent = agent, topic  # "Fund X led the $50m round": the fund backs it
    draft = _round_details(ctx, found, agent.eid, end)
    found.add(ctx, agent.eid, RelationType.RAISED, draft.key, status=status)
    if backer is not None:
        lead = bool(_LED.search(ctx.text))
        found.add(ctx, backer.eid, RelationType.FUNDS, draft.key, status=status, lead=lead or None)
        draft.add_party(backer.eid, "lead_investor" if lead else "investor")
    for pos in more_rounds(ctx.text, end):  # "… series C round and its series D round"
        if (label := round_label(ctx.text, pos + 4)) and label != draft.round:
            more = found.deals.round_of(agent.eid, label)
            found.add(ctx, agent.eid, RelationType.RAISED, more.key, status=status)
            found.deals.current[agent.eid] = draft.key
    found.round_sentence = ctx.sent.index
    for name in led_names(ctx.text):
        eid = ctx.doc.gaz.by_alias.get(name) or ctx.doc.found.get(name)
        # a firm leads the round ("its Helix-led round"); "Elon Musk-led xAI" is run by a
        # person, no backer (and kind() makes the entity one of the article's)
        if eid and eid != agent.eid and ctx.doc.kind(eid) in FIRMS:
            found.add(ctx, eid, RelationType.FUNDS, draft.key, lead=True)
            draft.add_party(eid, "lead_investor")
    found.last_investee = agent.eid


# a round stated as done: completed, led or joined, won ("软银领投OpenAI新一轮融资")
_DONE_ZH = re.compile(r"完成|领投|領投|跟投|参投|參投|获得|獲得|斩获|斬獲|拿下|落定")
# a verb of taking part in (or leading) a round between its subject and "levée"
_TAKES_PART = re.compile(
    r"\b(?:particip\w*|men[ée]e?|mènen?t?|dirig\w*|pilot\w*|condui\w*|emmen\w*|emmèn\w*|"
    r"orchestr\w*|rejoin\w*|rejoint|accompagn\w*|co-?invest\w*|souscri\w*)(?:\s+\S+){0,3}\s*$",
    re.I,
)
# a zh clause about "this" round or listing, its firm left out: the previous sentence's subject
_THIS_ROUND_ZH = re.compile(
    r"(?:^|[，,；;])\s*(?:此次|本次|这次|這次|该次|該次|此轮|此輪|本轮|本輪|该轮|該輪)[^，,；;]{0,12}$"
)


# "Accel raised a new $4 billion fund", "a levé un fonds de 500 M€", "募集了新基金": a fund's own
# vehicle, not a round of the company in topic
_VEHICLE = re.compile(
    r"\b(?:fund|vehicle)\b|\b(?:un|nouveau|son|leur|premier|second|deuxième|troisième)\s+"
    r"(?:\S+\s+){0,3}?(?:fonds|véhicule)\b|基金",
    re.I,
)
_THE_ROUND = re.compile(r"\s*(?:the|this|its)\s+(?:\w+\s+){0,2}?(?:round|raise|financing)\b", re.I)
_LED = re.compile(r"\b(?:led|co-led|leads|leading)\b|men[ée]e?|领投|領投", re.I)


def _round_topic(ctx: Ctx, found: Found, fund: str) -> Mention | None:
    """The company a round belongs to when its stated owner is an investment fund: the
    article's latest investee, else the company it is about."""
    eid = found.last_investee or ctx.doc.topic_company()
    if eid is None or eid == fund or ctx.doc.kind(eid) is not EntityKind.COMPANY:
        return None
    return Mention(0, 0, eid, EntityKind.COMPANY, "pronoun")


def _told_before(ctx: Ctx) -> Mention | None:
    eid = ctx.doc.previous_subject(ctx.sent, pronoun=False)
    return Mention(0, 0, eid, ctx.doc.kind(eid), "pronoun") if eid else None


_IN_THIS_ROUND_ZH = re.compile(
    r"(?:在|于|於|参与|參與|参投|參投|跟投|领投|領投|加入)了?(?:本轮|本輪|此轮|此輪|该轮|該輪|此次|本次|"
    r"这次|這次|这笔|這筆|该笔|該筆)$"
)
_THIS_ROUND_FR = re.compile(r"\b(?:cette|cet|ce)\s+(?:nouvelle\s+|dernière\s+)?$", re.I)
_BACKER_ZH = re.compile(r"\s*(?:领投|領投|跟投|参投|參投|投资的|投資的|注资的|注資的)")


def _round_details(ctx: Ctx, found: Found, raiser: str, pos: int) -> DealDraft:
    """The round this sentence is about (its own label first), with what it says of it."""
    draft = found.deals.round_of(raiser, round_label(ctx.text, pos))
    if draft.money is None:
        draft.money = money_near(ctx.text, pos)
    draft.valuation = draft.valuation or valuation_in(ctx.text)
    if draft.date is None:
        dates = date_props(ctx.text, found.reference)
        draft.date, draft.date_text = dates.get("date"), dates.get("date_text")
    return draft


def acquire(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    if trig.agent == "pair":  # "the merger of A and B": A takes over B
        merged = _merged(ctx, end)
        if merged is not None:
            found.add(ctx, merged[0].eid, RelationType.ACQUIRES, merged[1].eid, status=status)
        return
    if trig.agent == "inside":  # zh passive: 被X收购
        agent = right(ctx, start, FIRMS, reach=12)
        target = slot(ctx, "left", trig, start, end, FIRMS)
        agents = [agent] if agent and agent.end <= end else []
    else:
        agents, target = args(ctx, trig, start, end, FIRMS, FIRMS)
        if trig.patient == "right":  # "a racheté son rival, Medilo": a new name
            target = object_after(ctx, end, target)
        owner = possessive_owner(ctx, start)  # "Meta's … its acquisition of X"
        if owner is not None and (target is None or owner.eid != target.eid):
            agents = [owner]
        by = right(ctx, target.end, FIRMS, reach=8) if target else None
        if target and by and re.match(r"\s*(?:by|par)\s", ctx.text[target.end : by.start]):
            agents = [by]  # "the takeover of X by Y", "le rachat de X par Y"
    if target is None or not agents or _STAKE.match(ctx.text[end:]) or _goods(ctx, end, target):
        return  # "acquire a 10% stake in X" is an investment, said by the invest rules
    money = money_near(ctx.text, end)
    targets = [target]
    if target.start >= end:  # "a mis la main sur la danoise A et la belge B"
        targets = conjuncts(ctx, target, True, FIRMS, discover=True, bare=True)
    for one in targets:
        found.add(
            ctx,
            agents[0].eid,
            RelationType.ACQUIRES,
            one.eid,
            status=status,
            **(money_props(money) if len(targets) == 1 else {}),
            **date_props(ctx.text, found.reference),
        )


def _merged(ctx: Ctx, end: int) -> tuple[Mention, Mention] | None:
    """The two firms coordinated right after a merger word, each with its description."""
    first = right(ctx, end, FIRMS, reach=60)
    if first is None or not _MERGED_GAP_1.fullmatch(ctx.text, end, first.start):
        return None
    second = right(ctx, first.end, FIRMS, [first.eid], reach=60)
    if second is None or not _MERGED_GAP.fullmatch(ctx.text, first.end, second.start):
        return None
    return first, second


_MERGED_GAP_1 = re.compile(r"(?:[^,;.]|(?<=[A-Z])\.)*")  # "of U.S. software giant"
_MERGED_GAP = re.compile(r"\s+(?:and|with|&)\s+(?:(?-i:[a-z])[\w\-.]*\s+|U\.S\.\s+|AI\s+){0,5}")


def _goods(ctx: Ctx, end: int, target: Mention) -> bool:
    """ "buys GPUs from Nvidia", "buys Nvidia chips", "从英伟达买下芯片": goods bought from a
    firm, not the firm bought (the depend rules state the supply)."""
    if target.start < end:
        return False  # passive or "the takeover of X by Y": the target is named before
    lex = lexicon()
    gap = ctx.text[end : target.start]
    if _FIRM_HEAD.search(gap):
        return False  # "acquired Dutch chip start-up Lumen Labs": a firm, not goods
    tail = _OWNER_MARK.sub("", ctx.text[target.end : target.end + 30], count=1)
    if _QUANTITY.fullmatch(gap):
        return True  # "buys the most HBM": firms are not bought by the quantity
    return bool(lex.goods.search(gap) or lex.sellers.search(gap) or lex.goods.match(tail))


_QUANTITY = re.compile(
    r"\s*(?:the\s+)?(?:most|more|much|less|lots\s+of|plenty\s+of|enough|tons\s+of|"
    r"(?:a\s+)?(?:large|huge|vast|growing)\s+(?:amounts?|quantities|volumes?|numbers?)\s+of)\s+",
    re.I,
)


_FIRM_HEAD = re.compile(
    r"\b(?:start-?ups?|company|firm|maker|designer|developer|group|lab|business|rival|"
    r"competitor|société|entreprise|fabricant|concepteur|jeune pousse|concurrent)\s*,?\s*$"
    r"|(?:公司|企业|企業|厂商|廠商)\s*$",
    re.I,
)


_OWNER_MARK = re.compile(r"^(?:[’']s)?\s*(?:的)?")


_BOARD_SEAT = re.compile(r"\bboard\b|\bconseil\b|董事", re.I)
_LEFT_FROM = re.compile(r"\b(?:from|(?:en provenance|venant|venue?s?) d[eu’'])\s*$", re.I)


def join(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    agents, org = args(ctx, trig, start, end, (EntityKind.PERSON,), FIRMS)
    if org is None or _BOARD_SEAT.search(ctx.text[end : org.start] + ctx.text[org.end :][:14]):
        return  # "joined the board of X" is a board seat (boards.py), not a job
    if org.gov == "from" or _LEFT_FROM.search(ctx.text[end : org.start]):
        return  # "joins from X", "rejoint Y en provenance de X": X is the firm the person left
    for person in agents:
        if person.kind is EntityKind.PERSON:
            found.add(ctx, person.eid, RelationType.WORKS_AT, org.eid, status=status)
