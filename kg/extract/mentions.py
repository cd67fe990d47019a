"""Mentions of entities in one sentence: known names, discovered names, descriptions and pronouns.

Each mention records the preposition that governs it ("in the Munich startup" -> "in"), which
the relation rules use to tell the agent of a verb from its object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.schema import EntityKind


@dataclass
class Mention:
    start: int
    end: int
    eid: str
    kind: EntityKind
    via: str = "name"  # name | discovered | description | pronoun
    gov: str | None = None  # governing preposition, lower case
    possessive: bool = False  # "Microsoft's ties", "OpenAI的"


@lru_cache(maxsize=1)
def _prepositions() -> tuple[frozenset[str], re.Pattern[str]]:
    data = load_yaml(DATA / "patterns.yaml")["prepositions"]
    # 对 in 对手 (rival), 在 in 正在 (-ing), 于 in 位于 (located at) are no prepositions
    guard = {"对": "(?![手话話象])", "對": "(?![手话話象])"}
    behind = {
        "在": "(?<![正现現存实實所内自旨])",  # 旨在 (aims to)
        "于": "(?<![位由关關对對等属屬至终終处處基])",
        "於": "(?<![位由关關对對等属屬至终終处處基])",
        "和": "(?<![温溫平缓緩调調])",
        "与": "(?<![参參给赋])",  # 参与 (take part), 给与, 赋与
        "與": "(?<![參給賦])",
    }
    cjk = "|".join(
        behind.get(p, "") + re.escape(p) + guard.get(p, "")
        for p in sorted(data["zh"], key=len, reverse=True)
    )
    return frozenset(p.lower() for p in data["latin"]), re.compile(
        rf".*({cjk})\s*[\u4e00-\u9fff\w]{{0,10}}?\s*$"
    )


_CLAUSE_WORDS = frozenset(
    """while whereas but and or as that which who when after before since because although
    though is are was were has have had said says et mais ou qui que alors tandis lorsque quand
    est sont était a ont""".split()
)
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
# "Santa Clara-based" is one modifier
_PLACE_BASED = r"(?:[A-Z]\w+\s+){1,2}[A-Z]\w*-(?:based|headquartered)"
_TOKEN = re.compile(rf"{_PLACE_BASED}|[\w\-’'.]+|[^\w\s]")
_MODIFIER = re.compile(
    rf"[a-zà-ÿ0-9][\w\-’'.]*|[A-Z][\w]*-\w+|{_PLACE_BASED}|[A-Z]\w*[’']s|AI|IA|U\.S\.|US|UK|EU"
)


def governing_preposition(text: str, start: int, lang: str) -> str | None:
    """The preposition just before a mention starting at `start`, if any: walks back over up to
    four modifier words ("in AI labs Kyutai", "by Bay Area chip giants Nvidia",
    "dans la société américaine Lumen Labs")."""
    before = text[max(0, start - 60) : start]
    latin, zh = _prepositions()
    if lang == "zh":
        m = zh.search(before[-14:])
        if m:
            return m.group(1)
    tokens = _TOKEN.findall(before)
    for i, tok in enumerate(reversed(tokens)):
        low = tok.lower()
        if low == "to" and i > 0 and tokens[-i].islower() and tokens[-i] not in _DETERMINERS:
            return None  # "to make AWS its provider": an infinitive, not a preposition
        if low in latin:
            return low
        if i >= 4 or not _MODIFIER.fullmatch(tok) or low in _CLAUSE_WORDS:
            return None  # "the risk while Vega AI": a new clause, not a modifier
    return None


_SEP = re.compile(
    r"^\s*,?\s*(?:and|et|or|ou|as well as|ainsi que|与|和|及|以及|與|&)\s*"
    r"(?:(?:the|la|le|les|l[’']|d[’']|de|des|du)\s*)?(?:[a-zà-ÿ][\w\-]*\s+){0,3}$"
)
_COMMA_ONLY = re.compile(r"^\s*(?:,|，|、)\s*$")


def is_list_gap(gap: str) -> bool:
    """Text between two mentions of one list: ", ", " and ", "、", " et la société française "."""
    return bool(
        _COMMA_ONLY.match(gap)
        or (_SEP.match(gap) and re.search(r"[,，、&]|and|et|as well as|ainsi que|与|和|及|與", gap))
    )


_CLAUSE_JOIN = re.compile(r"^\s*[,;]\s*(?:and|but|while|et|mais)\s+$")
_VERB_AFTER = re.compile(
    r"^\s+(?:is|was|are|were|has|have|had|will|would|said|says|est|était|a|ont|sont|sera)\b"
)


def _new_clause(text: str, gap: str, m: Mention) -> bool:
    """ "… catch up to OpenAI, and Anthropic is …": a subject after ", and", not a list item."""
    return bool(_CLAUSE_JOIN.match(gap) and _VERB_AFTER.match(text[m.end : m.end + 12]))


def attach(text: str, mentions: list[Mention], lang: str) -> None:
    """Fill `gov` and `possessive`; members of a list share the governor of its first member."""
    prev: Mention | None = None
    closed = False  # the list had its last conjunction: "A et B, C reste …" starts anew at C
    for m in mentions:
        gap = text[prev.end : m.start] if prev else None
        if prev is not None and gap is not None and is_list_gap(gap):
            if (closed and _COMMA_ONLY.match(gap)) or _new_clause(text, gap, m):
                m.gov = governing_preposition(text, m.start, lang)
                closed = False
            else:
                m.gov = prev.gov
                closed = not _COMMA_ONLY.match(gap)
        else:
            m.gov = governing_preposition(text, m.start, lang)
            closed = False
        after = text[m.end : m.end + 3]
        own = after.startswith(("'s", "’s", "’ ", "' ", "的")) or after[:1] == "’"
        m.possessive = m.possessive or own  # "Its", "Sa": possessive pronouns already are
        prev = m
