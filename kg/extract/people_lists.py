"""Roles stated over lists of people: "Mistral AI, founded by A, B and C", "A et B,
respectivement PDG et directeur technique de X", "A and B, respectively CEOs of X and Y",
"A et B dirigent respectivement X et Y", "A et B, cofondateurs de X".

    founded_by(ctx, found)     # every person listed after "founded by" founded the firm
    respectively(ctx, found)   # list items paired in order
    plural_title(ctx, found)   # a plural title after a list of people applies to each
    titled_orgs(ctx, org, t_start, title)  # zh: "A董事长P1、副董事长P2", "A副总裁兼B总裁P"
"""

from __future__ import annotations

import re

from kg.extract.facts import Found
from kg.extract.mentions import Mention
from kg.extract.owners import adjacent_org
from kg.extract.slots import FIRMS, Ctx, described_person, expand, left, right
from kg.extract.structure import apposition_end
from kg.schema import EntityKind, RelationType

_PERSON = (EntityKind.PERSON,)
_ORGS = (*FIRMS, EntityKind.REGULATOR)

_FOUNDED_BY = re.compile(
    r"\b(?:co-?founded|founded|started|cofondée?s?|fondée?s?|créée?s?)\s+"
    r"(?:(?:in|en)\s+\d{4}\s+)?(?:by|par)\s",
    re.I,
)
# "Fondée en 2019 par A et B, la jeune pousse X …": the firm is the subject after the names
# (the words of a description, not a verb's object: "…, la filiale travaille avec X" is no subject)
_SUBJECT_NEXT = re.compile(
    r"\s*,\s*(?:(?:the|la|le|l[’']|cette|ce)\s*"
    r"(?:(?!(?:avec|with|chez|at|pour|for|par|by|à|to|dans|in|sur|on|contre|against|de|of)\s)"
    r"[\w\-]+\s+){0,4})?",
    re.I,
)


def founded_by(ctx: Ctx, found: Found) -> None:
    """ "Mistral AI, founded by A, B and C" / "fondée par …": each person FOUNDED the subject."""
    for m in _FOUNDED_BY.finditer(ctx.text):
        first = right(ctx, m.end(), _PERSON, reach=50)  # past "former Meta chief AI scientist"
        if first is None:
            continue
        people = expand(ctx, first, True, _PERSON)
        if (more := _AND_AFTER_APPOSITION.match(ctx.text, people[-1].end)) is not None:
            nxt = right(ctx, more.end(), _PERSON, reach=1)  # "by A, a former X researcher, and B"
            people += expand(ctx, nxt, True, _PERSON) if nxt else []
        # "Fondée en 2019 par A et B, la jeune pousse …": the company may come after the names
        after = _names_end(ctx.text, people[-1].end)
        org = left(ctx, m.start(), FIRMS) or right(ctx, after, FIRMS, reach=40)
        if org is None or (
            org.start > m.start() and not _SUBJECT_NEXT.fullmatch(ctx.text[after : org.start])
        ):
            continue  # "… par A et B, tous deux passés par Meta": not what they founded
        for person in people:
            found.add(ctx, person.eid, RelationType.FOUNDED, org.eid, role="founder")
    for m in _FOUNDED_WITH.finditer(ctx.text):  # "P founded X in 2023 with A and B"
        org = right(ctx, m.end(), FIRMS, reach=4)
        tail = _WITH.match(ctx.text, org.end) if org else None
        first = right(ctx, tail.end(), _PERSON, reach=2) if tail else None
        if org is None or first is None or left(ctx, m.start(), _PERSON) is None:
            continue
        for person in expand(ctx, first, True, _PERSON):
            found.add(ctx, person.eid, RelationType.FOUNDED, org.eid, role="founder")


_AND_AFTER_APPOSITION = re.compile(r",\s*(?:an?|the)\s+[^,;()]{1,60},\s+(?:and|et)\s+", re.I)
_WHEN = re.compile(r"\s+(?:en|in)\s+\d{4}\b")


def _names_end(text: str, pos: int) -> int:
    """Past a year and an apposition after the founders' names ("par A en 2021,", "par A,
    ancienne chercheuse chez X,"): where the subject may follow."""
    if when := _WHEN.match(text, pos):
        pos = when.end()
    end = apposition_end(text, pos)
    return end - 1 if end is not None else pos


_FOUNDED_WITH = re.compile(
    r"\b(?:co-?)?founded\s+|\b(?:a|ont|avait|avaient)\s+(?:co-?)?fondé\s+|\b(?:co-?)?fonde\s+", re.I
)
_WITH = re.compile(
    r"\s+(?:(?:in|en)\s+\d{4}\s+)?(?:along\s+|together\s+)?(?:with|avec)\s+", re.I
)
_RESPECTIVELY = re.compile(r"\b(?:respectivement|respectively)\s+", re.I)
# between the last person and "respectivement": a comma, or a verb of leading
_LEAD_VERB = re.compile(
    r"\s*(?:,\s*)?(?:(?:qui\s+)?(?:dirigent|pilotent|président|run|lead|head|chair)\s+)?", re.I
)
_PLURAL = re.compile(r"(\w+)s(?=\s)")
_OF = re.compile(r"\s*(?:de|du|des|d[’']|of|at|chez)\s*(?:la\s+|le\s+|l[’']|the\s+)?", re.I)


def respectively(ctx: Ctx, found: Found) -> None:
    """People and titles, or people and organisations, paired in the order they are listed."""
    from kg.extract.roles import relations_of_title, title_at  # roles.py calls this module

    text = ctx.text
    m = _RESPECTIVELY.search(text)
    if m is None:
        return
    people = [p for p in ctx.mentions if p.kind is EntityKind.PERSON and p.end <= m.start()]
    gap = _LEAD_VERB.fullmatch(text, people[-1].end, m.start()) if people else None
    if gap is None:
        return
    holders = expand(ctx, people[-1], False, _PERSON)[::-1]
    rest, plural = text[m.end() :], 0
    if not relations_of_title(rest) and (one := _PLURAL.match(rest)):  # "respectively CEOs of"
        rest, plural = one.group(1) + rest[one.end() :], 1
    titles = relations_of_title(rest)
    if not titles and gap.group(0).strip(" ,"):  # "A et B dirigent respectivement X et Y"
        titles = [(RelationType.LEADS, "head")]
    after = m.end() + plural + len(title_at(rest) or "") if titles else m.end()
    of = _OF.match(text, after) if titles and after > m.end() else None
    first = right(ctx, of.end() if of else after, _ORGS, reach=4)
    if len(holders) < 2 or first is None:
        return
    orgs = expand(ctx, first, True, _ORGS)
    _pair(ctx, found, holders, titles, orgs)


def _pair(
    ctx: Ctx,
    found: Found,
    holders: list[Mention],
    titles: list[tuple[RelationType, str]],
    orgs: list[Mention],
) -> None:
    if len(titles) == len(holders) and len(orgs) == 1:  # "PDG et directeur technique de X"
        pairs = [(h, t, orgs[0]) for h, t in zip(holders, titles, strict=True)]
    elif len(titles) == 1 and len(orgs) == len(holders):  # "PDG de X et de Y"
        pairs = [(h, titles[0], o) for h, o in zip(holders, orgs, strict=True)]
    elif len(titles) == len(holders) == len(orgs):
        pairs = list(zip(holders, titles, orgs, strict=True))
    else:
        return
    for holder, (relation, role), org in pairs:
        found.add(ctx, holder.eid, relation, org.eid, role=role)


def plural_title(ctx: Ctx, found: Found) -> None:
    """ "A et B, cofondateurs de X": a plural title after a list of people is each one's."""
    from kg.extract.roles import relations_of_title

    for person in [p for p in ctx.mentions if p.kind is EntityKind.PERSON]:
        m = _PLURAL_AFTER.match(ctx.text, person.end)
        if m is None:
            continue
        titles = relations_of_title(m.group("title"))
        holders = expand(ctx, person, False, _PERSON)
        org = right(ctx, m.end(), _ORGS, reach=4)
        if org is None or len(holders) < 2 or len(titles) != 1:
            continue
        for holder in holders:
            found.add(ctx, holder.eid, titles[0][0], org.eid, role=titles[0][1])


_PLURAL_AFTER = re.compile(
    r"\s*,\s*(?:les\s+|the\s+|tous\s+(?:deux|trois)\s+|both\s+)?(?P<title>[\w\-]+?)s"
    r"(?=\s+(?:de|du|des|d[’']|of|at|chez)\b)(?:\s+(?:de|du|des|d[’']|of|at|chez))\s*"
    r"(?:la\s+|le\s+|l[’']|the\s+)?",
    re.I,
)


# "Lumen Labs, led by Claire Vasseur," (a round "led by" a person is the fund rules' business)
_LED_BY = re.compile(
    r"(?:,\s*(?:(?:which|that) is\s+|qui est\s+)?|\s+(?:is|are|has been|est)\s+|\s)"
    r"(?P<verb>led|run|headed|helmed|dirigée?|pilotée?|présidée?)\s+(?:by|par)\s",
    re.I,
)
_GROUP_OF_PEOPLE = re.compile(
    r"(?:[\w’'-]+\s+){1,5}?(?:including|such as|among them|notamment|dont)\s+", re.I
)


def led_by(ctx: Ctx, found: Found) -> None:
    """ "Lumen Labs, led by Claire Vasseur, …": the person leads the organisation named before."""
    for m in _LED_BY.finditer(ctx.text):
        person = right(ctx, m.end(), _PERSON, reach=4) or described_person(ctx, m.end(), 45)
        group = _GROUP_OF_PEOPLE.match(ctx.text, m.end())  # "led by former execs including"
        if person is None and group is not None:
            person = right(ctx, group.end(), _PERSON, reach=30)
        org = left(ctx, m.end(), _ORGS)
        # "Mistral AI, led by …", "le groupe dirigé par …" (a description, no comma)
        verb = m.start("verb")
        adjacent = org is not None and (org.end == m.start() or org.start < verb <= org.end + 1)
        if person is not None and org is not None and adjacent:
            for one in expand(ctx, person, True, _PERSON) if group else [person]:
                found.add(ctx, one.eid, RelationType.LEADS, org.eid, role="head")


def titled_orgs(
    ctx: Ctx, org: Mention | None, t_start: int, title: str
) -> list[tuple[Mention, str]]:
    """The organisations a title before a person (at `t_start`) belongs to: `org` (found next to
    the title) and the firms of the titles joined before it ("A副总裁兼B总裁P": A's too); with no
    org, the one a zh list of officers opens with ("A董事长P1、副董事长P2": A's)."""
    if org is None:
        org = _shared_org(ctx, t_start) if ctx.sent.lang == "zh" else None
        return [(org, title)] if org is not None else []
    return [(org, title), *(_joint(ctx, org) if ctx.sent.lang == "zh" else [])]


_OFFICER_SEP = re.compile(r"\s*(?:、|和|及|以及|与|與)\s*$")
_JOINT_SEP = re.compile(r"\s*(?:兼|暨)\s*$")


def _title_before(ctx: Ctx, pos: int) -> int | None:
    """Where the title that ends at `pos` starts, else None."""
    from kg.extract.roles import _titles

    head = ctx.text[max(0, pos - 30) : pos]
    m = _titles().before.search(head)
    return pos - len(head) + m.start() if m else None


def _shared_org(ctx: Ctx, t_start: int, depth: int = 0) -> Mention | None:
    """ "腾讯董事长马化腾、副董事长刘炽平": the second officer's title is the list's firm's."""
    sep = _OFFICER_SEP.search(ctx.text, 0, t_start)
    if sep is None or depth > 4:
        return None
    prev = [m for m in ctx.mentions if m.end == sep.start() and m.kind is EntityKind.PERSON]
    start = _title_before(ctx, prev[0].start) if prev else None
    if start is None:
        return None
    return adjacent_org(ctx, start) or _shared_org(ctx, start, depth + 1)


def _joint(ctx: Ctx, org: Mention, depth: int = 0) -> list[tuple[Mention, str]]:
    """ "字节跳动副总裁兼火山引擎总裁P": the title joined before the firm, with its own firm."""
    sep = _JOINT_SEP.search(ctx.text, 0, org.start)
    start = _title_before(ctx, sep.start()) if sep is not None and depth < 3 else None
    if sep is None or start is None:
        return []
    first = adjacent_org(ctx, start)
    if first is None or first.kind not in _ORGS:
        return []
    title = ctx.text[start : sep.start()].strip()
    return [(first, title), *_joint(ctx, first, depth + 1)]
