"""Whose title it is: the organisation a title in front of a person belongs to. Written right
before it ("Databricks chief", "OpenAI’s CEO"), "its CEO" (the firm named last), and in English a
capitalised word the gazetteer lacks right before the title ("QRX founder P": QRX's, not the
firm named before it)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.extract.mentions import Mention
from kg.extract.slots import FIRMS, Ctx, left
from kg.extract.structure import apposition_end
from kg.extract.titles import titles
from kg.schema import EntityKind

ORGS = (*FIRMS, EntityKind.REGULATOR)

UNKNOWN_OWNER = re.compile(
    r"(?:[\u4e00-\u9fff](?<![的其，。、：；])|\b(?!(?:Its|The|Their|Our|Le|La|Les|Son|Sa|Leur|"
    r"Under|With|After|Before|As|From|By|Like|When|While|Since|For|And|But)\b)"
    r"[A-Z][\w&\-]+)\s*$"
)
_ITS = re.compile(r"(?:\b(?:its|their|son|sa|leur)|其)\s*$", re.I)
# a capitalised word the gazetteer lacks right before an English title owns it ("QRX founder P")
_OWNER_EN = re.compile(
    r"\b(?!(?:Its|The|Their|Our|His|Her|Senior|Executive|Interim|Acting|Deputy|Chief|Managing|"
    r"General|Founding|Former|Co|Vice|Group|Global|Regional|Then|Longtime|Current|New|"
    r"Under|With|After|Before|As|From|By|Like|When|While|Since|For|And|But)\b)"
    r"[A-Z][\w&\-]*\s+$"
)


def owned(ctx: Ctx, pos: int) -> bool:
    """An English title at `pos` has an owner the gazetteer lacks right before it."""
    return ctx.sent.lang == "en" and bool(_OWNER_EN.search(ctx.text[max(0, pos - 20) : pos]))


def its_org(ctx: Ctx, pos: int) -> Mention | None:
    """ "Vega AI took a stake in Lumen Labs and hired its CEO Jane Roe": "its" is the firm
    named last."""
    if not _ITS.search(ctx.text[max(0, pos - 8) : pos]):
        return None
    orgs = [m for m in ctx.mentions if m.end <= pos and m.kind in ORGS]
    return orgs[-1] if orgs else None


# between a firm and its title: a possessive, a few words of tenure ("Intel interim co-CEOs")
_ADJACENT = re.compile(
    r"\s*(?:[’']s?|的)?\s*(?:(?:interim|acting|new|current|longtime|longstanding|incoming|"
    r"outgoing|former|then|joint|sole|founding|deputy|executive)\s+){0,2}"
)


def adjacent_org(ctx: Ctx, pos: int) -> Mention | None:
    """The organisation written right before a title: "Databricks chief", "OpenAI’s CEO"."""
    for m in ctx.mentions:
        if m.end <= pos and _ADJACENT.fullmatch(ctx.text, m.end, pos):
            if m.kind in ORGS:
                return m
    return None


@lru_cache(maxsize=1)
def _next_title() -> re.Pattern[str]:
    data = load_yaml(DATA / "roles.yaml")
    words = sorted({w for k, ws in data.items() if k != "exclude" for w in ws}, key=len)[::-1]
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"\s*,?\s+(?:and|as well as)\s+(?:(?:the|a|an|its)\s+)?(?P<title>{alt})\s+(?:of|at)\s+"
        r"(?:the\s+)?(?:(?-i:[a-z])[\w\-]*\s+){0,3}",
        re.I,
    )


def chained(ctx: Ctx, org: Mention) -> tuple[Mention, str] | None:
    """The next title the same person holds: "partner of A and chairman of venture firm B"."""
    if ctx.sent.lang != "en":
        return None
    m = _next_title().match(ctx.text, org.end)
    if m is None:
        return None
    nxt = next((x for x in ctx.mentions if x.start == m.end() and x.kind in ORGS), None)
    return (nxt, m.group("title")) if nxt is not None else None


# a department between a French title and its firm: "directeur de la communication de X"
_DEPT = re.compile(
    r"(?:(?:la|le|les)\s+|l[’'])?[\w\-]+(?:\s+(?-i:[a-zà-ÿ][\w\-]*)){0,2}?\s+"
    r"(?:chez|de|du|d[’'])\s*(?:la\s+|le\s+|l[’'])?"
)


def department(ctx: Ctx, pos: int, title: str) -> tuple[Mention, str] | None:
    """ "P, responsable de l’IA chez X": X and the post ("responsable de l’IA", a WORKS_AT
    title), when a department stands between the title (ending at `pos`) and the firm."""
    if ctx.sent.lang == "en":
        org = department_org(ctx, pos)
        return (org, title) if org is not None else None
    m = _DEPT.match(ctx.text, pos) if ctx.sent.lang == "fr" else None
    if m is None:
        return None
    org = next((x for x in ctx.mentions if m.end() <= x.start <= m.end() + 1), None)
    if org is None or org.kind not in ORGS:
        return None
    start = ctx.text.rfind(title, 0, pos)
    post = re.sub(r"\s+(?:chez|de|du|d[’'])\s*(?:la|le|l[’'])?\s*$", "", m.group(0))
    return org, f"{ctx.text[start:pos]}{post}" if start >= 0 else title


# a department between a title and its firm: "head of research at X", "VP of AI for Science at X"
_DEPARTMENT = re.compile(r"(?:(?!at\b|with\b)[\w&\-]+\s+){1,4}?(?:at|with)\s+")


def department_org(ctx: Ctx, pos: int) -> Mention | None:
    """The firm after a department that follows "title of" at `pos`."""
    m = _DEPARTMENT.match(ctx.text, pos)
    if m is None:
        return None
    return next((x for x in ctx.mentions if x.start == m.end() and x.kind in ORGS), None)


_IS_EN = re.compile(
    r"(?:\s*,\s*who)?\s+(?:is|remains|becomes|became|will\s+become|has\s+become|serves\s+as|"
    r"is\s+now|has\s+been|has\s+served\s+as|"
    r"will\s+be|(?:was|has\s+been|will\s+be)\s+(?:named|appointed)(?:\s+as)?)\s+"
    r"(?:(?:also|now|still|currently)\s+)?"
)
_ITS_TITLE = re.compile(
    r"\s+(?:(?:will|would)\s+(?:become|be)|becomes|became|has\s+become|"
    r"(?:is|was|has\s+been|will\s+be|would\s+be)\s+(?:named|appointed|promoted\s+to|made))"
    r"\s+(?:as\s+)?its\s+(?:(?:new|next|interim|acting)\s+)?",
    re.I,
)
# "X named P, a former Meta executive, to lead its new unit": P works there
_TO_LEAD = re.compile(r"\s*,?\s*to\s+(?:lead|head|run|oversee|manage|helm)\b", re.I)


def named_as(text: str, pos: int) -> re.Match[str] | None:
    """The title a person at `pos` is named to ("as its new CEO"), past an apposition ("named
    P, a co-creator of X, as chief scientist")."""
    return titles().named_as.match(text[apposition_end(text, pos) or pos :])


def to_lead(text: str, pos: int) -> bool:
    """Does "to lead …" follow the person at `pos` (an apposition between)?"""
    return bool(_TO_LEAD.match(text, apposition_end(text, pos) or pos))


_OWNS = re.compile(r"[’']s\s+(?:(?:new|current|interim|acting|longtime|next)\s+)?")


def possessive_title(
    ctx: Ctx, person: Mention, lead: re.Pattern[str]
) -> tuple[Mention, str] | None:
    """ "P is Cohere's CEO", "P will become X's new CEO": the firm and the title (`lead` reads
    a title at the start of a string)."""
    at = apposition_end(ctx.text, person.end) or person.end  # "P, a former board member, would"
    if (its := _ITS_TITLE.match(ctx.text, at)) and (title := lead.match(ctx.text[its.end() :])):
        subject = left(ctx, person.start, ORGS)  # "X said P would become its chief executive"
        return (subject, title.group("title")) if subject else None
    org = next((m for m in ctx.mentions if m.start >= person.end and m.kind in ORGS), None)
    if org is None or not _IS_EN.fullmatch(ctx.text, person.end, org.start):
        return None
    own = _OWNS.match(ctx.text, org.end)
    title = lead.match(ctx.text[own.end() :]) if own else None
    return (org, title.group("title")) if title else None


def topic_org(ctx: Ctx, person: Mention) -> Mention | None:
    """ "Aidan Gomez, the chief executive, said …": the firm the sentence before was about, when
    this sentence names no organisation before the person and the gazetteer does not have the
    person heading another firm."""
    if any(x.kind in ORGS and x.end <= person.start for x in ctx.mentions):
        return None
    eid = ctx.doc.previous_subject(ctx.sent, pronoun=False)
    if eid is None:
        return None
    known = ctx.doc.entity(person.eid).known
    held = {ctx.doc.gaz.by_alias.get(org) for org, _ in known.roles} if known else set()
    if held and eid not in held:
        return None  # a known head of another firm speaking of this one
    return Mention(person.start, person.start, eid, ctx.doc.kind(eid), "pronoun")
