"""Taking up or holding a role without the usual title phrase: "P will take over as interim CEO
(of X)", "P devient directeur général de X", "P接任X首席执行官"; "P prend la tête de X",
"P, à la tête de X", "X, avec à sa tête P", "P takes the helm at X", "P执掌X"; and a title in
parentheses after the person: "P (CEO of X)", "P（X首席执行官）". Words in `data/links.yaml`.
"""

from __future__ import annotations

import re

from kg.extract.boards import former_title
from kg.extract.facts import Found
from kg.extract.linkwords import link_words
from kg.extract.mentions import Mention
from kg.extract.slots import FIRMS, Ctx, left, right
from kg.extract.structure import apposition_end
from kg.schema import EntityKind, RelationType

ORGS = (*FIRMS, EntityKind.REGULATOR)
_OF = re.compile(r"^\s*(?:of|at|for|de|du|des|d[’']|chez|的)?\s*(?:the\s+|la\s+|le\s+|l[’'])?")
_DET = re.compile(
    r"^\s*(?:(?:an?|the|its|le|la|l[’']|un|une|interim|acting|new|nouveau|nouvelle|nouvel)\s+)*",
    re.I,
)
_DIVISION = re.compile(r"^\s+(?:of|for|de|du|des)\s+(?:the\s+|la\s+|le\s+)?[A-Z]")
_PAREN = re.compile(r"^\s*[(（]([^()（）]{2,60})[)）]")
_APPOSED_ZH = re.compile(r"^\s*[，,]([^，,。；;：:]{2,40})[，,]")


def tenure(ctx: Ctx, found: Found) -> None:
    """Roles taken up ("take over as"), held at the helm ("à la tête de") or in parentheses."""
    lang = ctx.sent.lang if ctx.sent.lang in ("en", "fr", "zh") else "en"
    words = link_words()
    people = [m for m in ctx.mentions if m.kind is EntityKind.PERSON]
    for person in people:
        after = ctx.text[apposition_end(ctx.text, person.end) or person.end :]
        if (m := words.take_role[lang].match(after)) is not None:
            _took(ctx, found, person, len(ctx.text) - len(after) + m.end())
        if not words.helm_person_first.match(after):
            after = ctx.text[person.end :]  # "P, à la tête de X depuis 2021, …" is no apposition
        if (m := words.helm_person_first.match(after)) is not None:
            at = len(ctx.text) - len(after) + m.end()
            org = right(ctx, at, ORGS, reach=30)
            if org is not None and not re.search(r"[,;，；]", ctx.text[at : org.start]):
                # "P出掌X首席技术官一职": the title after the firm says the role
                parts = _titles(ctx.text[org.end :])[1] or [(RelationType.LEADS, "head")]
                head = _successor(ctx, person)  # "P succède à Q à la tête de X": P leads X
                for relation, part in parts:
                    if head is not None:
                        found.add(ctx, head.eid, relation, org.eid, role=part)
        _parenthesis(ctx, found, person)
        if lang == "en":
            _under_or_at(ctx, found, person)
    if not words.helm_org_screen.search(ctx.text):
        return  # most sentences have no "avec à sa tête": no scan after each firm
    for org in [m for m in ctx.mentions if m.kind in ORGS]:
        if (m := words.helm_org_first.match(ctx.text[org.end :])) is not None:
            head = right(ctx, org.end + m.end(), (EntityKind.PERSON,), reach=4)
            if head is not None:
                found.add(ctx, head.eid, RelationType.LEADS, org.eid, role="head")


_SUCCEEDS = re.compile(
    r"\b(?:succèd(?:e|ent)|succédera|a\s+succédé|remplac(?:e|ent)|remplacera|a\s+remplacé|succeeds?|"
    r"succeeded|replaces?|replaced|will\s+(?:succeed|replace))\s+(?:à\s+)?$|"
    r"(?:接替|接任|取代|接棒|替代)\s*$",
    re.I,
)


def _successor(ctx: Ctx, person: Mention) -> Mention | None:
    """Who is at the helm: `person`, or the one who succeeds or replaces `person`."""
    if not _SUCCEEDS.search(ctx.text, max(0, person.start - 30), person.start):
        return person
    return left(ctx, person.start, (EntityKind.PERSON,))


def _titles(text: str) -> tuple[str, list[tuple[RelationType, str]]]:
    """The title at the start of `text` and the relations it states."""
    from kg.extract.roles import relations_of_title, title_at

    return title_at(text) or "", relations_of_title(text)


def _took(ctx: Ctx, found: Found, person: Mention, at: int) -> None:
    """ "P will take over as (interim) CEO (of X)": the title, then its organisation or the
    sentence's (or the previous sentence's) company."""
    rest = _DET.sub("", ctx.text[at:])
    head = len(ctx.text) - len(rest)
    title, parts = _titles(rest)
    if not parts:
        return
    title_end = head + len(title)
    of = _OF.match(ctx.text[title_end:])
    org = right(ctx, title_end + (of.end() if of else 0), ORGS, reach=4)
    if org is None and _DIVISION.match(ctx.text[title_end:]):
        return  # "CTO of Applications": a division whose firm is not said here
    if org is None:
        org = left(ctx, person.start, ORGS) or _previous(ctx)
    holder = _successor(ctx, person)  # "A将接替P出任首席执行官": A takes it, not P
    if org is None or holder is None or former_title(ctx, person, parts[0][1]):
        return
    for relation, part in parts:
        found.add(ctx, holder.eid, relation, org.eid, role=part)


def _previous(ctx: Ctx) -> Mention | None:
    eid = ctx.doc.previous_subject(ctx.sent, pronoun=False)
    return Mention(0, 0, eid, ctx.doc.kind(eid), "pronoun") if eid else None


def _parenthesis(ctx: Ctx, found: Found, person: Mention) -> None:
    """ "P (CEO of X)", "P (X’s CEO)", "P（X首席执行官）": a title and its organisation in
    parentheses right after the person."""
    m = _PAREN.match(ctx.text[person.end :])
    apposed = m is None and ctx.sent.lang == "zh"  # "王某，X创始人兼CEO，表示"
    if apposed:
        m = _APPOSED_ZH.match(ctx.text[person.end :])
    if m is None:
        return
    lo, hi = person.end + m.start(1), person.end + m.end(1)
    orgs = [o for o in ctx.mentions if lo <= o.start and o.end <= hi and o.kind in ORGS]
    if len(orgs) != 1:
        return
    org = orgs[0]
    inside = ctx.text[lo:hi]
    before, after = ctx.text[lo : org.start], ctx.text[org.end : hi]
    after = re.sub(r"^(?:[’']s)?\s*(?:的)?\s*", "", after)
    if apposed and (before.strip() or _titles(after)[0].strip() != after.strip()):
        return  # the apposition is the organisation and its title, nothing else
    parts = _titles(after)[1] or _titles(before)[1]
    if not parts or former_title(ctx, person, parts[0][1]) or len(inside) > 60:
        return
    for relation, part in parts:
        found.add(ctx, person.eid, relation, org.eid, role=part)


# "Under Lisa Su, AMD has …", "Under Jane Roe's leadership, the FTC …": the one at the helm
_UNDER = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but)\s+)[Uu]nder\s+(?:(?:its|the|their)\s+)?"
    r"(?:(?:new\s+)?(?:chief executive|CEO|founder|chairman|chairwoman|boss|president)\s+)?$"
)
_UNDER_AFTER = re.compile(r"(?:(?:[’']s?)?\s+(?:leadership|stewardship|watch|tenure))?\s*,\s*")
# "P, who oversees AI at X," / "P, who works for X": a post there now
_WHO_AT = re.compile(
    r"\s*,\s*who\s+(?:now\s+|currently\s+|also\s+)?(?:works|oversees|manages|runs|leads|heads)"
    r"\b[^,;.]{0,40}?\b(?:at|for)\s+",
    re.I,
)


def _under_or_at(ctx: Ctx, found: Found, person: Mention) -> None:
    text = ctx.text
    if _UNDER.search(text, max(0, person.start - 40), person.start) and (
        after := _UNDER_AFTER.match(text, person.end)
    ):
        org = right(ctx, after.end(), ORGS, reach=4)
        if org is not None:
            found.add(ctx, person.eid, RelationType.LEADS, org.eid, role="head")
    if (m := _WHO_AT.match(text, person.end)) is not None:
        org = next((x for x in ctx.mentions if x.start == m.end() and x.kind in ORGS), None)
        if org is not None:
            found.add(ctx, person.eid, RelationType.WORKS_AT, org.eid)
