"""Chinese role frames the title and copula rules (roles.py) do not read: a title held "as"
("作为X的首席执行官，P表示", "身为X创始人的P"), founders told by 由 with a list or a description
before the verb ("X由A和B联合创立", "X由前Y高管P创立"), and founders coordinated before the verb
("A与B共同创立X")."""

from __future__ import annotations

import re

from kg.extract.facts import Found
from kg.extract.mentions import Mention
from kg.extract.patterns import lexicon
from kg.extract.slots import FIRMS, Ctx, left, right
from kg.schema import EntityKind, RelationType

ORGS = (*FIRMS, EntityKind.REGULATOR)
_AS = re.compile(r"(?:作为|作為|身为|身為)\s*$")
# between the organisation and the person: its title, then a comma or 的 ("身为X创始人的P")
_AS_TITLE = re.compile(r"^\s*(?:的)?\s*(?P<rest>.{1,24}?)\s*(?:[，,]|的)\s*$")
_FOUNDED = re.compile(
    r"^\s*(?:(?:于|於|在)\d{4}年(?:\d{1,2}月)?)?\s*(?:联合|聯合|共同|一起|一同)?"
    r"(?:创立|创办|創立|創辦|创建|創建)"
)
# "由A和B", "由前Y高管P", "由A、B及C": what may stand between 由 and the last founder
_BY = re.compile(r"(?:由|由其)[^，。；,;由]{0,24}$")
_JOIN = re.compile(r"\s*(?:、|和|与|與|及|以及)\s*")


SUCCEEDED_ZH = re.compile(r"(?:接替|接任|取代|接棒|替代)\s*$")


def unsure_zh(ctx: Ctx, start: int, end: int) -> bool:
    """A rumour, plan or denial in the clause of a Chinese role verb ("传闻P将出任X首席执行官",
    "X否认P将出任", "P拟出任"): the role is not stated."""
    lex = lexicon()
    clause = re.split(r"[，。；,;]", ctx.text[:start])[-1] + ctx.text[start:end]
    return any(w["zh"].search(clause) for w in (lex.hedges, lex.negations, lex.modals))


def zh_roles(ctx: Ctx, found: Found) -> None:
    if ctx.sent.lang != "zh":
        return
    people = [m for m in ctx.mentions if m.kind is EntityKind.PERSON]
    for person in people:
        _as_title(ctx, found, person)
        _founded_by(ctx, found, person)
        _cofounders(ctx, found, person)


def _as_title(ctx: Ctx, found: Found, person: Mention) -> None:
    """ "作为X的首席执行官，P表示", "身为X创始人的P": the person holds the title at X."""
    from kg.extract.roles import relations_of_title

    orgs = [m for m in ctx.mentions if m.end <= person.start and m.kind in ORGS]
    if not orgs or not _AS.search(ctx.text, 0, orgs[-1].start):
        return
    org = orgs[-1]
    m = _AS_TITLE.match(ctx.text[org.end : person.start])
    parts = relations_of_title(m.group("rest")) if m else []
    title = m.group("rest") if m else ""
    if not parts or len(title) != len(_title_only(title)):
        return  # something other than a title stands between ("作为X的客户，P")
    for relation, part in parts:
        found.add(ctx, person.eid, relation, org.eid, role=part)


def _title_only(text: str) -> str:
    from kg.extract.roles import title_at

    return (title_at(text) or "").strip()


def _founded_by(ctx: Ctx, found: Found, person: Mention) -> None:
    """ "X由A和B联合创立": each person listed after 由; "X由前Y高管P创立": P only."""
    if not _FOUNDED.match(ctx.text[person.end :]):
        return
    by = _BY.search(ctx.text, 0, person.start)
    if by is None:
        return
    org = left(ctx, by.start(), FIRMS)
    if org is None:
        return
    for founder in _listed_before(ctx, person, by.start()):
        found.add(ctx, founder.eid, RelationType.FOUNDED, org.eid, role="founder")


def _cofounders(ctx: Ctx, found: Found, person: Mention) -> None:
    """ "A与B共同创立X", "A和B于2012年创办X": the people listed before the verb."""
    m = _FOUNDED.match(ctx.text[person.end :])
    if m is None:
        return
    org = right(ctx, person.end + m.end(), FIRMS, reach=4)
    listed = _listed_before(ctx, person, 0)
    if org is None or len(listed) < 2:
        return  # one founder: roles.py reads "P创立X"
    for founder in listed:
        found.add(ctx, founder.eid, RelationType.FOUNDED, org.eid, role="founder")


def _listed_before(ctx: Ctx, person: Mention, lo: int) -> list[Mention]:
    """`person` and the people listed right before it (after `lo`)."""
    out = [person]
    before = [m for m in ctx.mentions if lo <= m.start and m.end <= person.start]
    for m in reversed(before):
        if m.kind is not EntityKind.PERSON or not _JOIN.fullmatch(ctx.text[m.end : out[-1].start]):
            break
        out.append(m)
    return out[::-1]
