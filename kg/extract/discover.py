"""Names the gazetteer does not know, found by the way the text introduces them.

"Nexa, a Lyon-based startup", "acquired Nexa", "CEO Jane Doe", "investors include A, B and C":
each pattern in `data/discovery.yaml` yields a name and a kind (Company or Person).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.data import DATA, load_yaml
from kg.extract.ai_names import ai_is_a_modifier
from kg.extract.screen import needs_screen, scan, screen, starts_screen
from kg.extract.trie import trie_pattern
from kg.extract.zh_people import zh_people
from kg.schema import EntityKind

# a capitalised word (at most 40 characters, starting at a word start: keeps scans linear).
# Atomic: a word is read once, whole; what may follow a name (",", a space, the end) can never
# follow a shorter reading of it, so backtracking into the word only costs time.
_START = r"(?<![A-Za-z0-9À-ÿ])"
_WORD = (
    rf"(?>{_START}[A-Z][A-Za-z0-9À-ÖØ-öø-ÿ\-\.&’']{{0,40}}[A-Za-z0-9À-ÿ](?::[a-z0-9]+)?"
    rf"|{_START}[A-Z])"
)
# Words of one name are apart by spaces, never by a line break: the text is sentences one a
# line, and "… in Mistral AI" ending a headline and "Mistral AI has raised" are two names.
_GAP = r"[^\S\n]+"
NAME = rf"(?P<name>(?:{_WORD})(?:{_GAP}(?:{_WORD})){{0,3}})"
_TAIL = r"[a-zà-ÿ’']{1,30}(?:-[A-Z][a-zà-ÿ’']{1,30})*"
# a last name may open with a prefix joined to a capital: McAllister, O’Brien, D’Angelo, LeGrand
_PART = rf"{_START}(?:Mc|Mac|O[’']|D[’']|Le|La|De|Di|Du)?[A-Z]{_TAIL}"
_PARTICLE = (
    r"(?:van der|van den|van de|Van der|Van den|Van de|von der|von dem|de la|de las|de los|"
    r"Le|La|De|Van|von|van|de|du|del|della|bin|Bin|ibn|bint|al|Al|el|El|da|di|Di|Da|dos|das|"
    r"der|ter|ten)"
)
_FIRST = rf"{_START}[A-Z](?:{_TAIL}|(?<![UE])\.(?:-?[A-Z]\.)?)"  # or initials: "C.C. Wei"
PERSON = rf"(?P<name>{_FIRST}(?:{_GAP}(?:{_PARTICLE}{_GAP})?{_PART}){{1,2}})"
LIST = r"(?P<list>[^.;:。\n]{3,240})"
_SPLIT = re.compile(r"\s*(?:,|;|、|\band\b|\bet\b|\bas well as\b|&)\s*")


FUND, COMPANY, _CJK = EntityKind.FUND, EntityKind.COMPANY, re.compile(r"[\u3400-\u9fff]")
_FUND_END = re.compile(
    r"(?:\b(?:Capital|Ventures|Venture Partners|Partners|Investments|Fund|Equity)"
    r"|资本|資本|创投|創投|基金)$"
)
# a pattern, kind, screen (words a match holds), start words, reads Chinese only, name first
_Rx = re.Pattern[str] | None
Pattern = tuple[re.Pattern[str], EntityKind, _Rx, _Rx, bool, bool]


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[Pattern], frozenset[str]]:
    """Each pattern with its kind, its screen (words a match holds), its start words, flags."""
    data = load_yaml(DATA / "discovery.yaml")
    out: list[Pattern] = []
    for key, kind in (("company", EntityKind.COMPANY), ("person", EntityKind.PERSON)):
        for raw, words in _merge_name_first(data[key]):
            rx = _expand(raw)
            starts = None if words else starts_screen(rx)
            ahead = rx.find("(?={LIST}".replace("{LIST}", LIST))  # a list read ahead
            need = needs_screen(rx) or (needs_screen(rx[ahead + 3 : -1]) if ahead >= 0 else None)
            flags = bool(_ZH_ONLY.match(rx)), rx.startswith(_NAME_FIRST)
            same = need is not None and starts is not None and need.pattern == starts.pattern
            out.append((re.compile(rx), kind, words or (None if same else need), starts, *flags))
    return out, frozenset(data["stopwords"])


def _expand(raw: str) -> str:
    return raw.replace("{NAME}", NAME).replace("{PERSON}", PERSON).replace("{LIST}", LIST)


def _merge_name_first(raws: list[str]) -> list[tuple[str, re.Pattern[str] | None]]:
    """ "{PERSON} is the CEO", "{PERSON} sits on the board", …: one scan over the capitalised
    words with the words after the name as alternatives of one lookahead, screened by the
    words each alternative starts with."""
    out: list[tuple[str, re.Pattern[str] | None]] = []
    tails: dict[str, list[str]] = {}
    for raw in raws:
        head = next((h for h in ("{NAME}", "{PERSON}") if raw.startswith(h)), None)
        if head is None or any(p in raw[len(head) :] for p in ("{NAME}", "{PERSON}", "{LIST}")):
            out.append((raw, None))
            continue
        if head not in tails:  # the merged pattern runs where its first member stood
            tails[head] = []
            out.append((head, None))
        tails[head].append(raw[len(head) :])
    for i, (raw, _) in enumerate(out):
        if raw in tails:
            merged = raw + "(?=" + "|".join(f"(?:{t})" for t in tails[raw]) + ")"
            out[i] = (merged, screen([(_HEAD.sub("", t), 0) for t in tails[raw]]))
    return out


# what may stand between a name and the words after it: ",", a space
_HEAD = re.compile(r"^(?:,\?|,|\\s[*+])*")


# "Jane Roe—formerly its CFO—will take over": a dash aside between a name and its verb
_ASIDE = re.compile(r"\s*[—–]\s*[^—–\n]{1,80}?\s*[—–]|\s+-\s+[^\n]{1,80}?\s+-(?=\s)")
_NAME_FIRST = "(?P<name>"
_ONE_WORD = re.compile(r"[^\s\u3400-\u9fff]+")
# a pattern that starts with Chinese characters (a literal or a class) reads Chinese only
_ZH_ONLY = re.compile(r"\((?:\?<!|\?:|\?P<name>)?\[?(?:\\u4e00|[\u4e00-\u9fff])")


def discover(text: str) -> dict[str, EntityKind]:
    """Candidate names and kinds in `text` (the caller drops names it already knows)."""
    patterns, stop = _patterns()
    found: dict[str, EntityKind] = by_suffix(text, stop)
    for person in [*zh_people(text), *shared_surname(text)]:
        found.setdefault(person, EntityKind.PERSON)
    for person in by_given_name(text, stop):
        found.setdefault(person, EntityKind.PERSON)
    for org in latin_in_zh_lists(text):
        found.setdefault(org, _kind_of(org, COMPANY, listed=False))
    lowered = text.lower()
    plain = text  # the same offsets, dash asides blanked
    if "—" in text or "–" in text or " - " in text:
        plain = _ASIDE.sub(lambda m: " " * len(m.group(0)), text)
    chinese = bool(_CJK.search(text))
    for rx, kind, words, starts, zh_only, name_first in patterns:
        if (zh_only and not chinese) or (words is not None and not words.search(lowered)):
            continue  # it reads Chinese and the text has none, or its words are absent
        for m in scan(rx, plain if name_first else text, lowered, starts):
            listed = "list" in m.groupdict()
            if not listed and _DESCRIBES.match(m.string, m.end("name")):
                continue  # "Israeli AI startup Run:ai": the capitalised words describe a name
            for raw in _list_names(m.group("list")) if listed else [m.group("name")]:
                name = _clean(raw, stop)
                if kind is EntityKind.PERSON and name and _not_a_person(name):
                    continue  # "Mme Dupont": a surname alone is a person named before
                if listed and name in _org_heads():
                    continue  # "la Banque européenne …": an institution's head word alone
                if name and name not in found:
                    found[name] = _kind_of(name, kind, listed or "clause" in m.groupdict())
    return found


# a firm's head noun after the capitalised words, then the name they describe
_DESCRIBES = re.compile(
    r"\s+(?:[a-z][\w\-]*\s+){0,2}?(?:start-?up|firm|company|maker|chipmaker|developer|lab|"
    r"unicorn|provider|designer|specialist|outfit|business)\s+(?:[A-Z0-9]|\w+:)"
)


def _not_a_person(name: str) -> bool:
    """A surname alone ("Mme Dupont") or a company's name ("Lumen Systems")."""
    return bool(_ONE_WORD.fullmatch(name)) or name.split()[-1] in _not_last()


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "discovery.yaml")["org_words"])


@lru_cache(maxsize=1)
def _not_last() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "discovery.yaml")["person_not_last"])


_ZH_ITEM = re.compile(
    r"(?<=[、，,和及与與])\s*(?P<name>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})\s*"
    r"(?=[、，,和及与與等]|跟投|领投|領投|参投|參投|联合|聯合)"
)


def latin_in_zh_lists(text: str) -> list[str]:
    """ "北辰、Vantor、IDG跟投": a Latin-script item of a Chinese list is a name."""
    if not _CJK.search(text):
        return []
    stop = _zh_latin_stop()
    return [m.group("name") for m in _ZH_ITEM.finditer(text) if m.group("name") not in stop]


@lru_cache(maxsize=1)
def _zh_latin_stop() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "discovery.yaml")["latin_in_zh_stop"])


@lru_cache(maxsize=1)
def _shared_surname() -> re.Pattern[str]:
    cues = trie_pattern(load_yaml(DATA / "discovery.yaml")["shared_surname_cues"])
    first = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
    return re.compile(
        rf"\b(?i:{cues}),?\s+(?P<a>{first})\s+(?:and|et|&)\s+(?P<b>{first})\s+(?P<last>{_PART})"
    )


@lru_cache(maxsize=1)
def _given_name() -> re.Pattern[str]:
    names = trie_pattern(load_yaml(DATA / "discovery.yaml")["given_names"])
    last = r"(?:Mc|Mac|O[’']|D[’']|Le|La|De|Di|Du)?[A-Z][a-zà-ÿ’']+(?:-[A-Za-zà-ÿ][a-zà-ÿ’']+)?"
    return re.compile(
        rf"(?<![\w’'-])(?P<name>(?:{names})[^\S\n]+(?:{_PARTICLE}[^\S\n]+)?{last})(?![\w’'-])"
    )


def by_given_name(text: str, stop: frozenset[str]) -> list[str]:
    """ "Kevin Marlow", "Sophie Durand-Lefèvre": a common given name and a capitalised word
    after it name a person, unless that word ends firms' names ("Jensen Capital")."""
    not_last = _not_last()
    out = []
    for m in _given_name().finditer(text):
        name = re.sub(r"[’']s$", "", m.group("name"))  # "Lisa Su's AMD": Lisa Su
        last = name.split()[-1]
        if last not in not_last and last not in stop and name not in out:
            out.append(name)
    return out


def shared_surname(text: str) -> list[str]:
    """ "siblings Ana and Marta Ruiz", "les frères Jean et Paul Martin": two people who
    share the last name written once."""
    out: list[str] = []
    if " and " not in text and " et " not in text and " & " not in text:
        return out
    for m in _shared_surname().finditer(text):
        out += [f"{m.group('a')} {m.group('last')}", f"{m.group('b')} {m.group('last')}"]
    return out


@lru_cache(maxsize=1)
def _suffixes() -> Suffix:
    data = load_yaml(DATA / "discovery.yaml")["suffixes"]
    # the suffix first (a literal scan), then the capitalised words before it
    latin = re.compile(
        rf"(?<=\s)(?P<suffix>{trie_pattern(data['fund'] + data['company'])})(?![\w-])"
    )
    zh = re.compile(
        rf"(?P<suffix>{trie_pattern(data['fund_zh'])})"
        rf"|(?<=[\u4e00-\u9fff])(?P<listed>{trie_pattern(data['fund_zh_listed'])})(?=[、和及与與等])"
    )
    funds, zh_generic = frozenset(data["fund"]), frozenset(data["zh_generic"])
    generic = frozenset(data["generic"]) | frozenset(data["fund"]) | frozenset(data["company"])
    return Suffix(latin, funds, zh, _zh_strip(data["zh_noise"]), zh_generic, generic)


_BEFORE = re.compile(rf"(?<![\w-])(?P<name>(?:{_WORD}{_GAP}(?:&{_GAP})?){{1,3}})$")


class Suffix(NamedTuple):
    latin: re.Pattern[str]
    funds: frozenset[str]
    zh: re.Pattern[str]
    zh_noise: re.Pattern[str]
    zh_generic: frozenset[str]
    generic: frozenset[str]


def _zh_strip(noise: list[str]) -> re.Pattern[str]:
    """The zh name before a suffix: the run after the last delimiter or noise word."""
    cut = rf"[^\u3400-\u9fffA-Za-z0-9·]|{trie_pattern(noise)}"
    return re.compile(rf"(?:.*(?P<cut>{cut})|^)(?P<name>\S*)$", re.DOTALL)


def _zh_head(window: str, strip: re.Pattern[str]) -> str:
    """The name before a zh suffix in `window`; a one-character noise word right before the
    suffix was inside the name (上海国和投资: 和 is no "and" there)."""
    m = strip.match(window)
    if m is None:
        return ""
    if not m.group("name") and len(m.group("cut") or "") == 1 and _CJK.match(m.group("cut")):
        inner = strip.match(window[:-1])
        return (inner.group("name") if inner else "") + window[-1]
    return m.group("name")


def by_suffix(text: str, stop: frozenset[str]) -> dict[str, EntityKind]:
    """ "Quillon Ventures" (Fund), "Photon Robotics" (Company), "红杉资本" (Fund): names a
    suffix ends, wherever they stand."""
    sfx = _suffixes()
    found: dict[str, EntityKind] = {}
    for m in sfx.latin.finditer(text):
        if not text[m.start() - 1 : m.start()].isspace():
            continue  # a word inside a longer one, or no word before it
        before = _BEFORE.search(text, max(0, m.start() - 120), m.start())
        if before is None:
            continue
        name = _clean(before.group("name") + m.group("suffix"), stop)
        words = name[: -len(m.group("suffix"))].split() if name else []
        if m.group("suffix") == "AI" and ai_is_a_modifier(text, m.end(), words):
            continue  # "Israeli AI startup", "Paris-based AI": AI describes, it ends no name
        if name and any(w not in sfx.generic for w in words):
            found.setdefault(name, FUND if m.group("suffix") in sfx.funds else COMPANY)
    if not _CJK.search(text):
        return found
    for m in sfx.zh.finditer(text):
        head = _zh_head(text[max(0, m.start() - 16) : m.start()], sfx.zh_noise)
        if m.group("listed") and len(head) < 4:
            continue  # 追加投资、扩产: a weak suffix needs a longer name (上海国和投资、)
        if 2 <= len(head) <= 14 and _plain_head(head) and not _generic(head, sfx.zh_generic):
            found.setdefault(head + m.group(0), FUND)
    return found


_MIXED = re.compile(r"[\u3400-\u9fff][^\u3400-\u9fff]")


def _plain_head(head: str) -> bool:
    """Chinese characters, possibly after a Latin name (GGV纪源资本); not Latin inside Chinese
    (陆GPU四小龙加快资本 is a headline's words, no name)."""
    return not _MIXED.search(head)


def _generic(head: str, words: frozenset[str]) -> bool:
    """True when `head` is made only of generic words (政府引导, 产业投资)."""
    rest = head
    while rest:
        for n in (3, 2, 1):
            if rest[:n] in words:
                rest = rest[n:]
                break
        else:
            return False
    return True


def _list_names(text: str) -> list[str]:
    """Each list item's last run of capitalised words ("embattled FTX founder Jane Roe": Jane Roe).
    The list ends at the first comma after its "and" ("A, B and C, builds robots …")."""
    last = re.search(r"\b(?:and|et)\b|与|和|及", text)
    if last:
        cut = re.search(r"[,;，]", text[last.end() :])
        text = text[: last.end() + cut.start()] if cut else text
    names = []
    for item in _SPLIT.split(text):
        runs = [
            m
            for m in re.finditer(rf"(?:{_WORD})(?:\s+(?:of\s+|de\s+)?(?:{_WORD}))*", item)
            if m.start() == 0 or not _OWNER_BEFORE.search(item, 0, m.start())
        ]  # "le Fonds X du ministère des Armées": the fund, not its owner
        if runs:
            names.append(runs[-1].group(0))
    return names


_OWNER_BEFORE = re.compile(r"\b(?:du|des|de la|de l[’']|of the)\s+(?:[a-zà-ÿ][\w-]*\s+){0,2}$")


def _clean(name: str, stop: frozenset[str]) -> str | None:
    words = name.strip(" .,'’").split()
    for i, word in enumerate(words):
        if word.endswith(("'s", "’s")):  # "Nvidia's H100 chips": the name is its owner's
            words = words[:i] + [word[:-2]]
            break
    while words and (
        words[0].strip(".") in stop
        or words[0] in ("of", "de")
        or re.search(r"-(?:based|area|born|led|backed)$|^(?:[LDJNSCMT]|Qu)[’'][a-zà-ÿ]", words[0])
    ):
        words = words[1:]
    titles, nouns, goes_on = _name_titles()
    titled = [i for i, w in enumerate(words[:-2]) if i and w in titles]
    if titled:  # "OpenAI CTO Jane Roe", "Meta Chief Scientist Jane Roe": the name after the title
        rest = words[titled[-1] + 1 :]
        while len(rest) > 2 and rest[0] in goes_on:
            rest = rest[1:]
        words = rest
    while len(words) > 2 and words[0] in nouns:  # "Scientist Jane Roe"
        words = words[1:]
    while words and words[-1].strip(".") in {"Inc", "Corp", "Ltd", "The", "In", "And"}:
        words = words[:-1]
    shortest = 2 if re.search(r"[\u3400-\u9fff]", name) else 3  # 张伟 is a full name
    if not words or len(" ".join(words)) < shortest:
        return None
    return " ".join(words)


@lru_cache(maxsize=1)
def _name_titles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(titles inside a run of capitalised words, role nouns, the words a title goes on with)."""
    data = load_yaml(DATA / "discovery.yaml")
    nouns = frozenset(data["role_nouns"])
    return frozenset(data["name_titles"]), nouns, nouns | frozenset(data["title_words"])


def _kind_of(name: str, kind: EntityKind, listed: bool = True) -> EntityKind:
    """A name ending in a fund's word is a Fund whatever the pattern that found it said
    ("CEO of Quillon Capital" names no person); list items ("investors include …") may be
    people: two or three capitalised words with no company word look like a first and last
    name."""
    if _FUND_END.search(name):
        return FUND
    if not listed:
        return kind
    if kind is EntityKind.COMPANY and re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}", name):
        if not re.search(
            r"(?:Capital|Ventures|Partners|Group|Labs|Fund|Fonds|Holdings?|Systems|AI|Bank|Banque|"
            r"Fondation|Foundation|Institut|Institute|Trust|Management|Securities|Industries|"
            r"Robotics|Technologies|Health|Bio|Software|Cloud|Data|Energy|Next)\b",
            name,
        ):
            return EntityKind.PERSON
    return kind
