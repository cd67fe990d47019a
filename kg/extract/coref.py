"""Descriptions and pronouns that stand for an entity named elsewhere in the article.

"the Munich company", "这家总部位于北京的初创公司", "la pépite lyonnaise", "le régulateur" are
resolved by their attributes (nationality, city, kind from `data/descriptors.yaml`, matched
against the gazetteer) to the most recent compatible mention: earlier in the same sentence, else
the first compatible mention (the subject) of the nearest earlier sentence, else the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.extract.gazetteer import Known
from kg.extract.screen import Screened
from kg.extract.trie import trie_pattern
from kg.schema import EntityKind

COMPANY_KINDS = (EntityKind.COMPANY, EntityKind.FUND)
BIG_TAGS = {"bigtech", "conglomerate", "chips", "cloud", "software", "telecom"}


@dataclass(frozen=True)
class Description:
    start: int
    end: int
    head: str  # company | startup | giant | regulator
    country: str | None
    place: str | None
    ai: bool  # "AI giant": a lab may be called a giant


@lru_cache(maxsize=1)
def _lexicon() -> tuple[
    dict[str, re.Pattern[str]],
    dict[str, str],
    tuple[re.Pattern[str], dict[str, str]],
    tuple[re.Pattern[str], dict[str, str]],
]:
    data = load_yaml(DATA / "descriptors.yaml")
    head_of = {w: cls for cls, words in data["heads"].items() for w in words}
    for giant in ("giant", "géant", "巨头", "巨頭", "tech giant", "conglomerate"):
        head_of[giant] = "giant"
    # tries (the same match as longest first): lower-cased for the case-blind en and fr ones
    heads, heads_zh = trie_pattern({h.lower() for h in head_of}), trie_pattern(head_of)
    dets = data["determiners"]
    en = "|".join(dets["en"])
    fr = "|".join(re.escape(d) for d in dets["fr"])
    zh = "|".join(dets["zh"])
    rx = {
        "en": re.compile(
            rf"\b(?:{en})\s+(?P<mods>(?:(?!(?:the|this|that)\b)[\w\-.’']+\s+){{0,3}}?)(?P<head>{heads})s?\b(?!\s*,?\s*(?-i:[A-Z]))",
            re.I,
        ),
        "fr": re.compile(
            rf"(?<!\w)(?:{fr})\s*(?P<pre>(?:[\w\-]+\s+){{0,1}}?)(?P<head>{heads})"
            rf"(?P<mods>(?:\s+(?!(?:de|{_FR_NOT_MOD})\b)(?-i:[a-zà-ÿ\-]+)){{0,1}}"
            rf"(?:\s+d[eu]\s+(?-i:[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?))?)",  # "le géant de Redmond"
            re.I,
        ),
        "zh": re.compile(rf"(?:{zh})(?P<mods>[^，。、；,;]{{0,14}}?)(?P<head>{heads_zh})"),
    }
    nat = {w.lower(): code for code, words in data["nationalities"].items() for w in words}
    places = {w.lower(): key for key, words in data["places"].items() for w in words}
    return rx, head_of, (_words_re(nat), nat), (_words_re(places), places)


# words after a French head that are no adjective of it: "la société a noué", "qui", "et"
_FR_NOT_MOD = (
    "a|avait|aura|ont|est|était|sera|va|vient|fait|peut|doit|y|n|ne|se|s|qui|que|dont|et|ou|"
    "en|l|la|le|les|un|une|des|du|au|aux|à|pour|par|sur|avec|dans|chez|depuis|pas|plus"
)


def _words_re(words: dict[str, str]) -> re.Pattern[str]:
    alt = trie_pattern(words)
    return re.compile(rf"(?<![a-z\-])(?:{alt})(?![a-z])")


_LATTER = re.compile(
    r"\b(?:[Cc]e dernier|[Cc]ette dernière|[Cc]elle-ci|[Cc]elui-ci|the latter)\b|后者|後者"
)


def find_descriptions(text: str, lang: str) -> list[Description]:
    rx, head_of, nat, places = _lexicon()
    out = [
        Description(m.start(), m.end(), "latter", None, None, False) for m in _LATTER.finditer(text)
    ]
    for m in rx.get(lang, rx["en"]).finditer(text):
        words = (m.group(0)).lower()
        hit = nat[0].search(words)
        country = nat[1][hit.group(0)] if hit else None
        hit = places[0].search(words)
        place = places[1][hit.group(0)] if hit else None
        head = head_of.get(m.group("head").lower(), head_of.get(m.group("head"), "company"))
        ai = bool(re.search(r"(?<![a-z])(?:ai|ia)(?![a-z])|人工智能", words))
        out.append(Description(m.start(), m.end(), head, country, place, ai))
    if lang == "zh":
        out += [
            Description(m.start(), m.end(), "company", None, None, False)
            for m in _bare_zh().finditer(text)
        ]
    return out


@lru_cache(maxsize=1)
def _bare_zh() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_yaml(DATA / "descriptors.yaml")["bare_zh"])
    # at a clause start, not a name's ending (xAI公司), not 公司法 (company law) or 公司债
    return re.compile(rf"(?:(?<=^)|(?<=[，,。：:；;、\s“”「」（()）]))(?:{words})(?![法债債名])")


@lru_cache(maxsize=1)
def _customer_lists() -> re.Pattern[str]:
    lists = load_yaml(DATA / "descriptors.yaml")["customer_lists"]
    words = [w for ws in lists.values() for w in ws]
    rx = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{rx})[^.;。；!?！？]{{0,80}}$", re.I)


def in_customer_list(text: str, pos: int) -> bool:
    """Whether a mention starting at `pos` is an item of a list of customers opened before it
    ("customers include A and B", "客户包括A和B"): a firm named in passing."""
    return _customer_lists().search(text, max(0, pos - 100), pos) is not None


def compatible(desc: Description, kind: EntityKind, known: Known | None) -> bool:
    """Can an entity of this kind (and gazetteer record, if any) be what `desc` describes?"""
    if desc.head == "latter":
        return kind in COMPANY_KINDS or kind is EntityKind.REGULATOR
    if desc.head == "regulator":
        return kind is EntityKind.REGULATOR
    if kind not in COMPANY_KINDS or (desc.head == "startup" and kind is EntityKind.FUND):
        return False  # an investor is never "the startup"
    if known is None:  # discovered names: only the attributes we cannot check are unknown
        return desc.country is None and desc.place is None and desc.head != "giant"
    if desc.head == "startup" and "startup" not in known.tags:
        return False
    if desc.head == "giant" and not desc.ai and not BIG_TAGS & set(known.tags):
        return False
    if desc.country and known.country != desc.country:
        return False
    return not (desc.place and desc.place not in known.places)


_PRONOUN_ZH = re.compile(r"(?<![尤极極])其(?![他它中实實余餘次後后])")
_PRONOUN_LATIN = re.compile(r"\b(?:it|its|they|their|elle|il|son|sa|ses)\b", re.I)


def zh_pronouns(text: str) -> list[int]:
    """Positions of 其 used as "its/it" (not 其他, 其中, 尤其 …)."""
    return [m.start() for m in _PRONOUN_ZH.finditer(text)]


def has_latin_pronoun(text: str) -> bool:
    return _PRONOUN_LATIN.search(text) is not None


@lru_cache(maxsize=1)
def _watchdog_patterns() -> tuple[list[re.Pattern[str]], dict[str, str], dict[str, str]]:
    data = load_yaml(DATA / "descriptors.yaml")
    nat = {w.lower(): code for code, words in data["nationalities"].items() for w in words}
    alt = trie_pattern(nat)  # lower-cased words: the same match as longest first
    role = (
        r"(?:competition|antitrust|anti-trust|merger|markets?)\s+"
        r"(?:regulator|watchdog|authority|enforcer|agency)s?"
    )
    rx = [
        re.compile(
            rf"(?<![\w-])(?P<nat>{alt})\s+(?:(?:top|main|national|federal)\s+)?{role}\b", re.I
        ),
        re.compile(
            rf"\b(?:autorités?|gendarmes?|régulateurs?)\s+(?P<nat>{alt})\s+de\s+la\s+concurrence\b",
            re.I,
        ),
        re.compile(
            rf"(?P<nat>{alt})的?(?:反垄断|反壟斷|竞争|競爭)(?:监管|監管|主管|管理|执法|執法)?(?:机构|機構|部门|部門|当局|當局)"
        ),
        # plain "EU regulators", "欧盟监管机构", "les régulateurs européens": a place's regulators
        # of deals are its competition authority (the review triggers still have to be there)
        re.compile(rf"(?<![\w-])(?P<nat>{alt})\s+(?:regulators|watchdogs?)\b", re.I),
        re.compile(rf"\b(?:les\s+)?régulateurs\s+(?P<nat>{alt})\b", re.I),
        re.compile(rf"(?P<nat>{alt})的?(?:监管机构|監管機構|监管部门|監管部門|监管当局|監管當局)"),
    ]
    return rx, nat, data["watchdogs"]


_WATCHDOG_WORD = Screened(
    r"regulator|watchdog|authorit|autorit|enforcer|agenc|gendarme|régulateur|监管|監管|机构|機構|当局|當局|部门|部門"
)


def find_watchdogs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, regulator name) for "Britain's competition regulator", "欧盟反垄断机构"…"""
    if not _WATCHDOG_WORD.search(text):
        return []  # most sentences name no authority: skip the long nationality scan
    rx, nat, names = _watchdog_patterns()
    out = []
    for pattern in rx:
        for m in pattern.finditer(text):
            code = nat.get(m.group("nat").lower())
            if code in names:
                out.append((m.start(), m.end(), names[code]))
    return out


def watchdog_of(country: str | None) -> str | None:
    """The competition authority of a country or region code ("EU" -> European Commission)."""
    return _watchdog_patterns()[2].get(country or "")
