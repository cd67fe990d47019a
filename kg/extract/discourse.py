"""Who a sentence is about when it does not name them: people named earlier in the article.

"Claire Vasseur … Mme Vasseur dirige Lumen Labs. Elle siège aussi au conseil de Vega AI.": the
bare surname ("Vasseur", "M. Altman", "Raji") stands for the person named in full before; a
pronoun that opens a sentence ("She", "He", "Elle", "Il", "她", "他") for the person the sentence
before was about; "It", "Its", "They", "Elle", "Sa", "它" opening a sentence for the firm the
sentence before was about. (Companies referred to by "the company", "该公司", "la pépite":
coref.py.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.extract.coref import Description, compatible
from kg.extract.linkwords import link_words
from kg.extract.mentions import Mention, governing_preposition, is_list_gap
from kg.schema import EntityKind

if TYPE_CHECKING:
    from kg.extract.doc import Doc
    from kg.extract.text import Sentence

_SURNAME = re.compile(r"^[A-Z][a-zà-ÿ’'\-]{2,}$")
_LOOK_BACK = 2  # sentences a pronoun may reach back over


def person_references(doc: Doc, sent: Sentence, named: list[Mention]) -> list[Mention]:
    """Mentions of people named in earlier sentences: by surname, or by an opening pronoun."""
    recent = doc.mentions[max(0, sent.index - _LOOK_BACK) : sent.index]
    if not doc.surnames and not any(m.kind is EntityKind.PERSON for ms in recent for m in ms):
        return []  # no one named before: no surname and no "she" to read
    out = _surnames(doc, sent, named)
    pronoun = _pronoun(doc, sent, [*named, *out]) or _titled(doc, sent, named)
    if pronoun is not None:
        out.append(pronoun)
    return out


# "The Tesla and SpaceX CEO, who …": a title after firm names, with no name after it
_TITLED = re.compile(
    r"^(?:The|the)\s+(?:[A-Z][\w.&’'-]*\s+(?:and\s+)?){1,4}"
    r"(?:CEO|chief executive|founder|co-founder|cofounder|chairman|chairwoman|boss)\b"
    r"(?!\s*,?\s*(?:[A-Z]|of\b|at\b))"
)


def _titled(doc: Doc, sent: Sentence, named: list[Mention]) -> Mention | None:
    """ "Elon Musk criticised the plan. The Tesla CEO said …": the person the sentence before
    named (one only), placed right after the title so the title rules read it; not when the
    gazetteer has that person heading none of the firms named in the title."""
    m = _TITLED.match(sent.text) if sent.lang == "en" else None
    firms = [n for n in named if m and n.end <= m.end() and n.kind in _FIRMS]
    if m is None or not firms or any(n.kind is EntityKind.PERSON for n in named):
        return None
    people = {n.eid for n in doc.mentions[sent.index - 1] if n.kind is EntityKind.PERSON}
    if len(people) != 1:
        return None
    person = next(iter(people))
    known = doc.entity(person).known
    held = {doc.gaz.by_alias.get(org) for org, _ in known.roles} if known else set()
    if held and not held & {n.eid for n in firms}:
        return None
    return Mention(m.end(), m.end(), person, EntityKind.PERSON, "pronoun")


def company_pronoun(doc: Doc, sent: Sentence, named: list[Mention]) -> list[Mention]:
    """ "Cohere is based in Toronto. It has signed a deal with Oracle.", "Its backers include
    …", "Elle a noué un partenariat avec …": the pronoun opening the sentence (or its first
    clause after an opening phrase) is the firm the sentence before was about, its first
    ungoverned firm. None when that sentence names no firm, or a person opens it ("Elle" is
    then the person: `_pronoun`)."""
    rx = link_words().company_pronouns.get(sent.lang)
    m = rx.match(sent.text) if rx is not None and sent.index else None
    if m is None:
        return []
    start, end = m.span("p")
    if any(n.start < end and start < n.end for n in named):
        return []  # "Elle" already the person named before
    word = m.group("p").lower()
    firm = _last_firm(doc, sent.index, word not in _NEUTER)
    if firm is None:
        return []
    own = word in _POSSESSIVES
    return [Mention(start, end, firm, doc.kind(firm), "pronoun", None, own)]


_POSSESSIVES = {"its", "their", "sa", "son", "ses"}
_NEUTER = {"it", "its", "它"}  # never a person: the firm even after a person opened the sentence


def _last_firm(doc: Doc, index: int, strict: bool) -> str | None:
    """The subject of the nearest earlier sentence naming anything, if it is a firm (`strict`:
    that sentence does not open with a person, who "elle", "they", "sa" may be)."""
    for back in range(index - 1, max(-1, index - 1 - _LOOK_BACK), -1):
        mentions = doc.mentions[back]
        if not mentions:
            continue
        if strict and mentions[0].kind is EntityKind.PERSON:
            return None  # "Jane Roe … . She": the person, not a firm
        firms = [m for m in mentions if m.kind in _FIRMS]
        subjects = [m for m in firms if m.gov is None]
        return (subjects or firms)[0].eid if firms else None
    return None


_FIRMS = (EntityKind.COMPANY, EntityKind.FUND)


def object_antecedent(
    doc: Doc, sent: Sentence, named: list[Mention], desc: Description, eid: str
) -> str | None:
    """ "Alibaba announced it would buy the company", "Microsoft a racheté la société",
    "阿里巴巴宣布收购这家公司": a description that is the object of its clause's verb is not
    that clause's subject `eid` but the compatible firm an earlier sentence named (None when
    there is none). A subject reported after a speech verb ("Cohere said the company would")
    or across a clause break keeps `eid`."""
    subject = next(
        (
            m
            for m in named
            if m.end <= desc.start and governing_preposition(sent.text, m.start, sent.lang) is None
        ),
        None,
    )
    subjects = [subject] if subject is not None else []
    for m in named:  # "Accel and Nvidia have backed the company": a coordinated subject
        if subjects and m.start >= subjects[-1].end and m.end <= desc.start:
            if not is_list_gap(sent.text[subjects[-1].end : m.start]):
                break
            subjects.append(m)
    ids = {m.eid for m in subjects}
    if subject is None or eid not in ids or any(
        m.end <= desc.start and m.eid not in ids for m in named
    ):
        return eid
    gap = sent.text[subjects[-1].end : desc.start]
    if not gap.strip() or _CLAUSE_OR_SPEECH.search(gap):
        return eid
    if _COPULA.search(gap) and not _OWNER.match(sent.text, desc.end):
        return eid  # "Anthropic is the developer …" (but "X是该公司的对手": its rival)
    for back in range(sent.index - 1, max(-1, sent.index - 3), -1):
        for m in sorted(doc.mentions[back], key=lambda m: (m.gov is not None, m.start)):
            if m.eid not in ids and compatible(desc, m.kind, doc.entity(m.eid).known):
                return m.eid
    return None


# a clause break, or a speech verb whose clause has the description as its subject
_CLAUSE_OR_SPEECH = re.compile(
    r"[,;:，；：()（）]|\b(?:said|says|told|added|noted|expects?|believes?|thinks?|that|which|who|"
    r"a\s+(?:déclaré|dit|indiqué|précisé|expliqué|estimé)|indique|estime|que|qui|dont)\b|"
    r"表示|称|稱|说|說|认为|認為|指出|透露|介绍|介紹",
    re.I,
)


_COPULA = re.compile(
    r"\b(?:is|was|are|were|be|been|becomes?|became|remains?|est|était|sera|devient|reste)\s+"
    r"(?:\w+\s+)?$|(?:是|为|為|成为|成為)$",
    re.I,
)
_OWNER = re.compile(r"[’']s\b|的")


def remember_people(doc: Doc, mentions: list[Mention]) -> None:
    """Record the surnames of the people named in full in this sentence."""
    for m in mentions:
        if m.kind is not EntityKind.PERSON or m.via not in ("name", "discovered"):
            continue
        if m.eid in doc.surnames.values():
            continue
        parts = doc.entity(m.eid).name.split()
        if len(parts) >= 2 and _SURNAME.match(parts[-1]):
            doc.surnames.setdefault(parts[-1], m.eid)


def surnames_of(people: Iterable[str]) -> set[str]:
    """The surnames of full Latin names ("Ana Ruiz" -> "Ruiz")."""
    out = set()
    for name in people:
        parts = name.split()
        if len(parts) >= 2 and _SURNAME.match(parts[-1]):
            out.add(parts[-1])
    return out


def _surnames(doc: Doc, sent: Sentence, named: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    text = sent.text
    for surname, eid in doc.surnames.items():
        if surname not in text:
            continue
        for m in re.finditer(rf"(?<![\w\-’']){re.escape(surname)}(?![\w\-])", text):
            if any(n.start <= m.start() < n.end or m.start() <= n.start < m.end() for n in named):
                continue  # part of a name ("Jane Roe" itself, "Roe Capital")
            if text[m.end() : m.end() + 1] in ("-",):
                continue
            out.append(Mention(m.start(), m.end(), eid, EntityKind.PERSON, "surname"))
    return out


def _pronoun(doc: Doc, sent: Sentence, named: list[Mention]) -> Mention | None:
    rx = link_words().person_pronouns.get(sent.lang)
    m = rx.search(sent.text) if rx is not None else None
    if m is None:
        return None
    pos = m.end() - (1 if sent.lang == "zh" else len(m.group(0).split()[-1]))
    if any(n.start < m.end() and pos < n.end for n in named):
        return None
    person = _last_person(doc, sent.index, strict=sent.lang == "fr")
    if person is None:
        return None
    return Mention(pos, m.end(), person, EntityKind.PERSON, "pronoun")


def _last_person(doc: Doc, index: int, strict: bool) -> str | None:
    """The person the nearest earlier sentence was about: its first person mention, if that
    sentence names people; a sentence naming only companies ends the search. `strict` ("elle",
    "il" may be a company): the person must be the first thing that sentence names."""
    for back in range(index - 1, max(-1, index - 1 - _LOOK_BACK), -1):
        people = [m for m in doc.mentions[back] if m.kind is EntityKind.PERSON]
        if strict and doc.mentions[back] and doc.mentions[back][0].kind is not EntityKind.PERSON:
            return None
        if people:
            ungoverned = [m for m in people if m.gov is None]
            return (ungoverned or people)[0].eid
        if any(m.kind is not EntityKind.PERSON for m in doc.mentions[back]):
            return None
    return None
