"""People and their organisations: "Cohere CEO Jane Roe", "Jane Roe, chief financial officer of
Cohere", "finance chief John Poe", "百度首席执行官李彦宏"."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.extract import owners
from kg.extract.boards import board_subject, boards, former_title
from kg.extract.facts import Found
from kg.extract.mentions import Mention
from kg.extract.people_lists import founded_by, led_by, plural_title, respectively, titled_orgs
from kg.extract.slots import FIRMS, Ctx, expand, left, right
from kg.extract.structure import APPOSITION, apposition_end
from kg.extract.tenure import tenure
from kg.extract.titles import titles as _titles
from kg.extract.trie import trie_pattern
from kg.extract.zh_roles import SUCCEEDED_ZH, unsure_zh, zh_roles
from kg.schema import EntityKind, RelationType

ORGS = (*FIRMS, EntityKind.REGULATOR)


_WHO_FOUNDED = re.compile(
    r"^\s*,\s*(?:who|qui)\s+(?:co-?founded|founded|a\s+(?:co)?fondé|(?:co)?fonda)\s+", re.I
)
_WHO_LEADS = re.compile(
    r"^(?:\s*,\s*(?:who|qui)\s+(?:now\s+|currently\s+|also\s+|still\s+)?"
    r"(?:runs|leads|heads|oversees|ran|led|headed|dirige|pilote|préside|"
    r"(?:has|had)\s+(?:run|led|headed|overseen|been\s+(?:running|leading|heading)))"
    r"|\s+(?:now\s+|currently\s+|also\s+|still\s+)?(?:runs|leads|heads|dirige|pilote|"
    r"(?:has|have)\s+(?:led|run|headed|been\s+(?:leading|running|heading)))"
    r")\s+",
    re.I,
)


def warm_up() -> None:
    """Compile the title patterns (and the discovery and description ones) ahead of use."""
    from kg.extract.coref import find_descriptions
    from kg.extract.discover import discover

    _titles()
    discover("")
    find_descriptions("", "en")


def roles(ctx: Ctx, found: Found) -> None:
    if not any(m.kind is EntityKind.PERSON for m in ctx.mentions):
        return  # every role rule below pairs a person named (or referred to) here with a firm
    founded_by(ctx, found)
    respectively(ctx, found)
    plural_title(ctx, found)
    led_by(ctx, found)
    _career_verbs(ctx, found)
    boards(ctx, found)
    tenure(ctx, found)
    zh_roles(ctx, found)
    for person in [m for m in ctx.mentions if m.kind is EntityKind.PERSON]:
        for rx, relation, role in _WHO:  # "Jane Roe, who co-founded Kyutai, …"
            who = rx.match(ctx.text[person.end :])
            org = right(ctx, person.end + who.end() - 1, FIRMS, reach=4) if who else None
            if org is not None:
                found.add(ctx, person.eid, relation, org.eid, role=role)
        if _RESPECTIVE.match(ctx.text, person.end):
            continue  # "A et B, respectivement PDG et CTO de X": people_lists.py pairs them
        held = _orgs_of(ctx, person)
        if held and (more := owners.chained(ctx, held[-1][0])) is not None:
            held.append(more)  # "partner of A and chairman of B"
        for org, title in held:
            if org.kind not in ORGS or _relation(title) is None:
                continue
            if former_title(ctx, person, title):
                continue  # "former CEO", "l’ancien PDG", "前CEO": not a role held now
            # "X co-founders A and B", "les cofondateurs de X, A et B", "X联合创始人A和B"
            holders = _holders(ctx, person, title)
            for part in _parts(title):  # "CEO and co-founder": leads it and founded it
                stated = _relation(part)
                for holder in holders:
                    if stated is not None:
                        found.add(ctx, holder.eid, stated, org.eid, role=part)


_RESPECTIVE = re.compile(r"\s*,\s*(?:respectivement|respectively)\b", re.I)


def _holders(ctx: Ctx, person: Mention, title: str) -> list[Mention]:
    """The person, and those listed with it when the title is plural ("co-founders A and B")
    or Chinese (no plural mark: "联合创始人张伟和李明")."""
    plural = re.search(
        rf"{re.escape(title)}s\b", ctx.text[max(0, person.start - 90) : person.start], re.I
    )
    if not plural and ctx.sent.lang != "zh":
        return [person]
    return expand(ctx, person, True, (EntityKind.PERSON,))


_WHO = (
    (_WHO_FOUNDED, RelationType.FOUNDED, "founder"),
    (_WHO_LEADS, RelationType.LEADS, "head"),
)


_FOUNDED_VERB = re.compile(
    r"^\s*(?:(?:also|later|then|first)\s+)?(?:co-?founded|founded|set up|"
    r"started(?!\s+(?:at|as|in|with|on|out|off|by|working|work|to)\b)|"
    r"established|a\s+(?:co)?fondé|"
    r"(?:co)?fonda|(?:(?:于|於|在)?\d{4}年(?:\d{1,2}月)?)?(?:联合|共同)?(?:创立|创办|創立|創辦|创建|創建)了?)\s*",
    re.I,
)


@lru_cache(maxsize=1)
def _founded_what() -> re.Pattern[str]:
    """A year and a description of the firm between "founded" and its name."""
    heads = load_yaml(DATA / "descriptors.yaml")["heads"]
    words = [w for k in ("company", "startup") for w in heads[k] if w[0] < "\u3000"]  # no CJK
    alt = trie_pattern({w.lower() for w in words})  # case-blind: the longest first
    return re.compile(
        r"(?:(?:en|in)\s+\d{4}\s+)?(?:(?:sa|son|leur|la|le|l[’']|une|un|its|his|her|their|a|an|the)"
        rf"\s+(?:(?:propre|own|new|nouvelle|nouveau)\s+)?(?:[\w\-]+\s+)?(?:{alt})"
        r"(?:\s+(?-i:[a-zà-ÿ])[\w\-]*)?\s*,?\s*)?",
        re.I,
    )


# "P launched OpenAI's new model": a thing of the firm, not the firm
_ITS_THING = re.compile(r"[’']s?\b|\s*-")
_FOUNDED_ZH = re.compile(r"^\s*(?:联合|共同|于\d{4}年)?(?:创立|创办|創立|創辦|创建|創建)")
_APPOINTS = re.compile(
    r"(?:appointed|appoints|named|names|hired|hires|poached|recruited|tapped|taps|promoted|"
    r"nommé|nomme|a nommé|recrute|a recruté|任命|聘请|聘請|聘任)\s*$",
    re.I,
)


def _career_verbs(ctx: Ctx, found: Found) -> None:
    """ "P founded X", "X由P创立", "X appointed P as its new CEO", "商汤任命张伟为首席执行官"
    (board seats: boards.py)."""
    text = ctx.text
    for person in [m for m in ctx.mentions if m.kind is EntityKind.PERSON]:
        after = APPOSITION.sub("", text[person.end :], count=1)  # "P, a former X engineer,"
        if m := _FOUNDED_VERB.match(after):
            at = len(text) - len(after) + m.end()
            if d := _founded_what().match(text, at):  # "a fondé en 2023 sa propre start-up, X"
                at = d.end()
            org = right(ctx, at, FIRMS, reach=4)
            if org is not None and not _ITS_THING.match(ctx.text, org.end):
                found.add(ctx, person.eid, RelationType.FOUNDED, org.eid, role="founder")
        if _FOUNDED_ZH.match(after) and text[: person.start].rstrip().endswith("由"):
            org = left(ctx, person.start, FIRMS)
            if org is not None:
                found.add(ctx, person.eid, RelationType.FOUNDED, org.eid, role="founder")
        _appointed(ctx, found, person)


_HIRED = re.compile(r"(?:hired|hires|poached|recruited|recrute|a recruté|聘请|聘請)\s*", re.I)
# "hired P's team", "hired P to advise on the deal": P is not the one employed
_SPOKEN_OF = re.compile(r"[’']s\b|\s+(?:to advise|as (?:an? )?(?:adviser|advisor|consultant))\b")


def _appointed(ctx: Ctx, found: Found, person: Mention) -> None:
    window = max(0, person.start - 20)
    verb = _APPOINTS.search(ctx.text[window : person.start])
    m = owners.named_as(ctx.text, person.end) if verb else None  # "named P, a …, as CTO"
    hired = verb is not None and (
        _HIRED.fullmatch(verb.group(0)) or owners.to_lead(ctx.text, person.end)
    )
    if verb is not None and m is None and hired:
        org = left(ctx, window + verb.start(), FIRMS)  # "Microsoft hired P": it employs P
        if org is not None and not _SPOKEN_OF.match(ctx.text, person.end):
            found.add(ctx, person.eid, RelationType.WORKS_AT, org.eid)
        return
    if m is None or verb is None:
        return
    at = window + verb.start()
    org = left(ctx, at, ORGS) or board_subject(ctx, at)  # "the board of X appointed P"
    for part in _parts(m.group("title")) if org else ():
        relation = _relation(part)
        if org is not None and relation is not None:
            found.add(ctx, person.eid, relation, org.eid, role=part)


def _orgs_of(ctx: Ctx, person: Mention) -> list[tuple[Mention, str]]:
    titles = _titles()
    before, after, as_role = titles.before, titles.after, titles.as_role
    text = ctx.text
    owner = _owner_title(ctx, person) or _title_of_org(ctx, person) or _copula(ctx, person)
    if owner is not None:
        return [owner]
    m = before.search(text[max(0, person.start - 80) : person.start])
    if m and _relation(m.group("title")) is not None:
        t_start = person.start - (len(text[max(0, person.start - 80) : person.start]) - m.start())
        if _public_office(ctx, t_start):
            return []  # "U.S. President Donald Trump": a country's office, no firm's
        unnamed = owners.UNKNOWN_OWNER.search(text[max(0, t_start - 12) : t_start])
        org = (
            owners.adjacent_org(ctx, t_start)
            or owners.its_org(ctx, t_start)
            or (None if owners.owned(ctx, t_start) else _near_left(ctx, t_start, m.group("title")))
        )
        if (
            org is None
            and not unnamed
            and _relation(m.group("title")) is not RelationType.WORKS_AT  # "la vice-présidente"
            and not any(x.kind in ORGS and x.end <= t_start for x in ctx.mentions)
        ):
            # "Chief executive Jane Roe said …": the company the previous sentence was about
            # (not "某某创投执行董事…": a firm we do not know is named right before the title)
            eid = ctx.doc.previous_subject(ctx.sent, pronoun=False)
            if eid and _listed_subject(ctx, eid):
                eid = None  # "A and B also took part. Chief executive P said": whose chief?
            org = Mention(t_start, t_start, eid, ctx.doc.kind(eid), "pronoun") if eid else None
        return titled_orgs(ctx, org, t_start, m.group("title"))
    m = after.match(text[person.end :])
    if m:
        org = right(ctx, person.end + m.end() - 1, ORGS, reach=6)
        if org is None and (dept := owners.department(ctx, person.end + m.end(), m.group("title"))):
            return [dept]  # "responsable de l’IA chez X", "head of research at X"
        return [(org, m.group("title"))] if org else []
    m = titles.bare.match(text, person.end)  # "P, the chief executive, said": the firm told of
    if m and _relation(m.group("title")) is not RelationType.WORKS_AT:
        org = owners.topic_org(ctx, person)
        if org is not None and not _listed_subject(ctx, org.eid):
            return [(org, m.group("title"))]
    if (m := titles.charge_at.match(text, person.end)) and not _AT_MENTION(ctx, person, m):
        org = next((x for x in ctx.mentions if x.start == m.end()), None)
        if org is not None and org.kind in ORGS:  # "P, CTO in charge of research at X"
            return [(org, m.group("title"))]
    m = as_role.match(text[person.end :])
    if m and not _SUCCEEDED.search(text, max(0, person.start - 30), person.start):
        org = (
            left(ctx, person.start, ORGS)
            if m.group("its")
            else right(ctx, person.end + m.end() - 1, ORGS, reach=6)
        )
        return [(org, m.group("title"))] if org else []
    return []


# "P will replace Q as CEO of X": Q is the one leaving the post
_SUCCEEDED = re.compile(r"\b(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing))\s+$", re.I)


def _AT_MENTION(ctx: Ctx, person: Mention, m: re.Match[str]) -> bool:
    """Another name between the person and the firm ends the frame."""
    return any(person.end <= x.start < m.end() for x in ctx.mentions)


@lru_cache(maxsize=1)
def _nationality() -> re.Pattern[str]:
    data = load_yaml(DATA / "descriptors.yaml")
    words = sorted({w for ws in data["nationalities"].values() for w in ws}, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alt})(?:[’']s)?\s+{_OFFICE_ADJ}$")


_OFFICE_ADJ = r"(?:(?:top|chief|senior|deputy|vice|then|presidential|national)\s+)*"


def _public_office(ctx: Ctx, pos: int) -> bool:
    """A title after a country or nationality ("U.S. President", "Canada's top adviser")."""
    if _nationality().search(ctx.text[max(0, pos - 40) : pos]):
        return True
    gap = rf"\s*(?:[’']s)?\s+{_OFFICE_ADJ}"
    return any(
        m.kind in (EntityKind.COUNTRY, EntityKind.REGION)
        and re.fullmatch(gap, ctx.text[m.end : pos])
        for m in ctx.mentions
        if m.end <= pos
    )


def _owner_title(ctx: Ctx, person: Mention) -> tuple[Mention, str] | None:
    """ "Sam Altman, OpenAI’s chief executive, said" -> (OpenAI, chief executive)."""
    org = right(ctx, person.end, ORGS, reach=12)
    gap = r"\s*,\s*(?:the\s+|an?\s+|one\s+of\s+)?"  # "P, an OpenAI researcher, …"
    if org is None or not re.fullmatch(gap, ctx.text[person.end : org.start]):
        return None
    m = _titles().owner.match(ctx.text[org.end :])
    return (org, m.group("title")) if m else None


def _title_of_org(ctx: Ctx, person: Mention) -> tuple[Mention, str] | None:
    """ "the head of Lumen Labs, Claire Vasseur," / "le patron de Scaleway, Jane Roe"."""
    orgs = [m for m in ctx.mentions if m.end <= person.start and m.kind in ORGS]
    if not orgs or not re.fullmatch(r"\s*,?\s*", ctx.text[orgs[-1].end : person.start]):
        return None
    org = orgs[-1]
    head = ctx.text[max(0, org.start - 60) : org.start]
    m = _titles().title_of.search(head)
    return (org, m.group("title")) if m and _relation(m.group("title")) else None


_IS_ZH = re.compile(
    r"^\s*(?:(?:自|从|從|于|於)?\d{4}年(?:\d{1,2}月)?(?:起|以来|以來)?\s*)?"  # "自2020年起担任"
    r"(?:也|还|還|亦|同时|同時|目前|现|現|现在|現在|已|将|將)?"
    r"(?:是|为|為|任|担任|擔任|出任|兼任|现任|現任|接任|升任|就任|作为|作為|身为|身為|系|係|"
    r"获任|獲任|(?:被|获|獲)?(?:任命|委任|聘任|聘|提名)(?:为|為)|受聘(?:为|為)?)\s*$"
)


def _copula(ctx: Ctx, person: Mention) -> tuple[Mention, str] | None:
    """ "Jane Roe is the CEO of Cohere", "Jane Roe est le PDG de Cohere", "王小明是智谱的CEO"."""
    titles = _titles()
    at = apposition_end(ctx.text, person.end) or person.end  # "P, a former engineer, is …"
    m = titles.copula.match(ctx.text[at:])
    if m:
        org = right(ctx, at + m.end() - 1, ORGS, reach=6)
        return (org, m.group("title")) if org else None
    if ctx.sent.lang == "en":  # "P is Cohere's CEO", "P will become X's CEO"
        return owners.possessive_title(ctx, person, titles.lead)
    org = right(ctx, person.end, ORGS, reach=16)
    if org is None or not _IS_ZH.match(ctx.text[person.end : org.start]):
        return None
    if unsure_zh(ctx, person.start, org.start) or SUCCEEDED_ZH.search(ctx.text, 0, person.start):
        return None  # "A接替P担任X首席执行官": P held it before A
    m = titles.copula_zh.match(ctx.text[org.end :])
    if m is None or any(org.end < x.start < org.end + m.start("title") for x in ctx.mentions):
        return None  # "是百度智能云事业群总裁": a department between; another firm's is not
    return org, m.group("title")


def _near_left(ctx: Ctx, pos: int, title: str = "") -> Mention | None:
    """The organisation named before a title ("Vega AI’s longtime CEO", "Lumen Labs, whose CEO",
    "X co-founder, President, and CEO"), unless a person stands between: that firm is theirs
    ("Vega AI CEO Ana Ruiz greeted Finance Minister Olsen": Olsen is no officer of Vega AI)."""
    named = [m for m in ctx.mentions if m.end <= pos and m.kind in ORGS]
    if named and _WHOSE.fullmatch(ctx.text, named[-1].end, pos):
        return named[-1]  # "… avec Microsoft, dont la directrice financière P": Microsoft's
    org = left(ctx, pos, ORGS)
    if org is None:
        return None
    if any(m.kind is EntityKind.PERSON and org.end <= m.start < pos for m in ctx.mentions):
        return None
    if title.lower() in _POLITICAL and not _FR_NEAR.fullmatch(ctx.text, org.end, pos):
        return None  # "Mistral AI a reçu le soutien du président P": a head of state
    return org


_WHOSE = re.compile(r"\s*,\s*(?:dont|whose)\s+(?:le|la|les|l[’'])?\s*", re.I)
# a title heads of state hold too: a firm's only right after it ("X, dont le président")
_POLITICAL = {"président", "présidente", "president"}
_FR_NEAR = re.compile(r"\s*(?:,\s*)?(?:(?:dont|et|avec)\s+)?(?:son|sa|leur|le|la|l[’'])?\s*")
_JOINED = re.compile(r"\s+(?:et|and|&)\s+|\s*[兼、暨]\s*")


def _parts(title: str) -> list[str]:
    return _JOINED.split(title)


def title_at(text: str) -> str | None:
    """The title (with any space before it) at the start of `text`: "CEO", " directeur général"."""
    m = _titles().lead.match(text)
    return m.group(0) if m else None


def relations_of_title(text: str) -> list[tuple[RelationType, str]]:
    """The relations a title at the start of `text` states ("执行董事", "CEO兼创始人")."""
    m = _titles().lead.match(text)
    out = []
    for part in _parts(m.group("title")) if m else ():
        relation = _relation(part)
        if relation is not None:
            out.append((relation, part))
    return out


def _relation(title: str) -> RelationType | None:
    """The relation of a title (of its first part when joined: "CEO and co-founder")."""
    first = _parts(title.lower())[0]
    return _titles().relation.get(first, RelationType.WORKS_AT)


_LISTED = re.compile(r"\s*(?:,|and\b|et\b|&)\s*")


def _listed_subject(ctx: Ctx, eid: str) -> bool:
    """Is the previous sentences' subject one of a list of companies ("A and B also took part")?"""
    for back in range(ctx.sent.index - 1, max(-1, ctx.sent.index - 3), -1):
        mentions = ctx.doc.mentions[back]
        for i, m in enumerate(mentions):
            if m.eid == eid and m.gov is None:
                text = ctx.doc.sentences[back].text
                nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                return bool(
                    nxt is not None
                    and nxt.kind in ORGS
                    and _LISTED.fullmatch(text, m.end, nxt.start)
                )
    return False
