"""Board seats and the roles a person no longer holds.

"P sits on the board of X", "P rejoined X’s board", "P réintègre le conseil d’administration
de X", "P加入X董事会", "a board composed of A, B and C", "公司执行董事包括A、B、C",
"P在X担任执行董事";
"former CEO", "l’ancien PDG", "前CEO" state no role (`former` in `data/links.yaml`).
"""

from __future__ import annotations

import re

from kg.extract.facts import Found
from kg.extract.linkwords import link_words
from kg.extract.mentions import Mention
from kg.extract.slots import FIRMS, Ctx, left, right
from kg.extract.structure import conjuncts
from kg.schema import EntityKind, RelationType

ORGS = (*FIRMS, EntityKind.REGULATOR)


def former_title(ctx: Ctx, person: Mention, title: str) -> bool:
    """Is the title the person holds here a past one ("former CEO", "l’ancien PDG", "前CEO")?
    The title's nearest occurrence to the person is read with the words just before it."""
    text = ctx.text
    low = text.lower()
    near: int | None = None
    for m in re.finditer(re.escape(title.lower()), low):
        if near is None or abs(m.start() - person.start) < abs(near - person.start):
            near = m.start()
    if near is None:
        return False
    words = link_words().former
    heads = [text[max(0, near - 40) : near]]
    org = next((m for m in ctx.mentions if m.kind in ORGS and _org_gap(ctx, m, near)), None)
    if org is not None:  # "前百度总裁", "前百度财务副总裁", "l’ancien PDG de": past the firm too
        heads.append(text[max(0, org.start - 40) : org.start])
    return any(rx.search(head) for rx in words.values() for head in heads)


_ORG_GAP = re.compile(r"\s*(?:的)?\s*")
_BOARD_OF = re.compile(r"\s*(?:of|de|du|d[’'])\s*(?:the\s+|la\s+|le\s+|l[’'])?", re.I)
_OWNER_BOARD = re.compile(r"(?:[’']s)?\s*")


def board_subject(ctx: Ctx, pos: int) -> Mention | None:
    """The organisation whose board is the subject ending at `pos` ("the board of X appointed",
    "le conseil d’administration de X a nommé", "X’s board named", "X董事会任命"): X appoints."""
    text = ctx.text
    before = [m for m in ctx.mentions if m.end <= pos and m.kind in ORGS]
    if not before:
        return None
    org = before[-1]
    for rx in link_words().board.values():
        for b in rx.finditer(text, max(0, org.start - 60), pos):
            if b.end() <= org.start and _BOARD_OF.fullmatch(text[b.end() : org.start]):
                if not text[org.end : pos].strip():
                    return org  # the board of X <verb>
            elif b.start() >= org.end and _OWNER_BOARD.fullmatch(text[org.end : b.start()]):
                if not text[b.end() : pos].strip():
                    return org  # X’s board <verb>
    return None
_ZH_DEPARTMENT = re.compile(r"的?[\u4e00-\u9fff]{1,8}")  # "前百度财务副总裁": a department between


def _org_gap(ctx: Ctx, org: Mention, near: int) -> bool:
    """Does the firm stand right before the title, or (zh) with only a department between?"""
    gap = ctx.text[org.end : near]
    if _ORG_GAP.fullmatch(gap):
        return True
    return (
        ctx.sent.lang == "zh"
        and _ZH_DEPARTMENT.fullmatch(gap) is not None
        and not any(org.end <= m.start < near for m in ctx.mentions)
    )


def boards(ctx: Ctx, found: Found) -> None:
    """Board members named with the board: each person BOARD_MEMBER_OF its organisation."""
    lang = ctx.sent.lang if ctx.sent.lang in ("en", "fr", "zh") else "en"
    words = link_words()
    people = [m for m in ctx.mentions if m.kind is EntityKind.PERSON]
    if not people:
        return
    for board in words.board[lang].finditer(ctx.text):
        owner = _board_org(ctx, board.start(), board.end(), lang)
        if owner is None:
            continue
        org, lead = owner
        members = _members(ctx, people, lead, board.end(), lang)
        orgs = _boards_of(ctx, org, board.end()) if board.group(0).startswith("boards") else [org]
        for person in members:
            for one in orgs:
                found.add(ctx, person.eid, RelationType.BOARD_MEMBER_OF, one, role="board member")
    if lang == "zh":
        _serves_zh(ctx, found, people)


def _board_org(ctx: Ctx, start: int, end: int, lang: str) -> tuple[str, int] | None:
    """Whose board: "the board of X" / "conseil d’administration de X" (X may carry a
    description: "du laboratoire suisse Norvana"), "X’s board", "X董事会", else the company
    the sentence or the one before is about ("公司董事会", "le conseil"). With it, where the
    board phrase begins ("X’s board": at X)."""
    after = ctx.text[end:]
    of = re.match(r"\s*(?:of directors\s+)?(?:of|de|du|d[’'])\s*", after)
    if of is not None:
        org = right(ctx, end + of.end(), ORGS, reach=45)
        if org is not None and not _clause_break(ctx.text[end : org.start]):
            return org.eid, start
    own = [m for m in ctx.mentions if m.end <= start and m.kind in ORGS]
    gap = ctx.text[own[-1].end : start] if own else ""
    if own and re.fullmatch(r"\s*(?:[’']s|的)?\s*(?:new\s+|nouveau\s+)?", gap):
        return own[-1].eid, own[-1].start
    topic: str | None = None
    if lang == "zh" and re.search(r"公司\s*$", ctx.text[max(0, start - 4) : start]):
        topic = ctx.doc.previous_subject(ctx.sent, pronoun=False) or ctx.doc.main_company()
    elif lang != "zh" and _DET_BEFORE.search(ctx.text[max(0, start - 30) : start]):
        topic = _topic(ctx, start)
    return (topic, start) if topic else None


_DET_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|le|un|son|leur)\s+(?:(?:new|current|nouveau|actuel)\s+)?$", re.I
)


def _topic(ctx: Ctx, pos: int) -> str | None:
    """The company of the board nobody names: the last one named before it in the sentence, else
    the subject of the sentence before."""
    here = [m for m in ctx.mentions if m.end <= pos and m.kind in FIRMS]
    if here:
        return here[-1].eid
    return ctx.doc.previous_subject(ctx.sent, pronoun=False)


def _boards_of(ctx: Ctx, org: str, end: int) -> list[str]:
    """ "serves on the boards of A and B": each firm of the list after the plural board."""
    first = next((m for m in ctx.mentions if m.start >= end and m.eid == org), None)
    return [m.eid for m in conjuncts(ctx, first, True, ORGS)] if first else [org]


def _clause_break(gap: str) -> bool:
    return bool(re.search(r"[,;，；。]|\b(?:and|et|which|qui)\b", gap))


def _members(ctx: Ctx, people: list[Mention], start: int, end: int, lang: str) -> list[Mention]:
    words = link_words()
    head = ctx.text[max(0, start - 60) : start]
    verb = words.board_member[lang].search(head)
    if verb is not None and not words.board_past.search(head[verb.start() :]):
        subject = left(ctx, start - len(head) + verb.start(), (EntityKind.PERSON,))
        return [subject] if subject is not None else []
    listed = words.board_listed.search(ctx.text, end)
    if listed is None or _clause_break(ctx.text[end : listed.start()].replace(",", "")):
        return []
    # "composé du PDG de X, A, de l’ancien …, B, et de C": each member opens a list item (after
    # the list word, a comma, "and" or, in French, "de"), not a name inside an apposition
    members = [p for p in people if p.start >= listed.end()]
    heads = [p for p in members if _ITEM.search(ctx.text[listed.end() : p.start])]
    if any(_ITEM_DE.search(ctx.text[listed.end() : p.start]) for p in heads):
        # "de A, de B et de C": an item after the first needs its "de" ("la Fondation Anne et
        # Paul Durand" is inside an apposition)
        heads = heads[:1] + [p for p in heads[1:] if _ITEM_DE.search(ctx.text[: p.start])]
    return heads


_ITEM = re.compile(r"(?:^|[,，、;]|\b(?:and|et)\b)\s*(?:(?:de|du|des|d[’']|of)\s*)?$|^\s*$", re.I)
_ITEM_DE = re.compile(r"(?:[,;]|\bet\b)\s*(?:de|du|d[’'])\s*$", re.I)


def _serves_zh(ctx: Ctx, found: Found, people: list[Mention]) -> None:
    """ "刘某在北辰科技出任执行董事": the title the person takes at the organisation between."""
    from kg.extract.roles import relations_of_title

    words = link_words()
    for person in people:
        org = right(ctx, person.end, ORGS, reach=4)
        if org is None or not words.serves_zh.match(ctx.text[person.end : org.start]):
            continue
        verb = words.serves_verb_zh.match(ctx.text[org.end :])
        if verb is None:
            continue
        for relation, part in relations_of_title(ctx.text[org.end + verb.end() :]):
            found.add(ctx, person.eid, relation, org.eid, role=part)
