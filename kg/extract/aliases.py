"""Two names of one entity written side by side: a name and its other script or its acronym in
parentheses. "霍莉·维多瓦（Jane Roe）", "青禾科技（Qinghe Tech）", "the Agency for Digital Health
(ADH)", "l’ADH (Agence du numérique en santé)". Each pair is (name, alias, kind): the Latin or
the full form is the name; the caller folds the pair onto an entity it already knows when it
knows either form, and makes a new one only when the pair says what it is: a foreign person's
name in Chinese, an organisation's word in an acronym's full form (`org_words` in
data/discovery.yaml). A Chinese name (up to 4 characters, or 14 when it ends in a company's word,
`zh_org_ends`) before a Latin one is folded only: made into new firms, such pairs misread more
than they found on the half of the dev set we do not tune on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.extract.trie import trie_pattern
from kg.lang import to_simplified
from kg.schema import EntityKind

Pair = tuple[str, str, "EntityKind | None"]  # None: fold onto a known entity, make none

_LATIN_NAME = re.compile(
    r"[A-Z][A-Za-z0-9&.’'\-]*(?: [A-Z][A-Za-z0-9&.’'\-]*| (?:de|of|du|bin|van|von)){0,5}"
)
# one scan over what stands in parentheses; the words before are read back from there
_PAREN = re.compile(r"[(（]\s*(?P<inner>[^()（）\n]{2,90}?)\s*[)）]")
_ZH_BEFORE = re.compile(r"(?P<zh>[\u4e00-\u9fff·•‧・]{2,24})\s*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])(?P<acr>[A-Z][A-Z0-9&]{1,7})\s*$")
_FUNCTION = frozenset("and of for the on in de du des la le les en et pour sur à aux d l".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w\-]*")


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    data = load_yaml(DATA / "discovery.yaml")
    org_end = re.compile(rf"(?:{trie_pattern(data['zh_org_ends'])})$")
    titles = re.compile(rf".*(?:{trie_pattern(data['zh_people']['titles'])})", re.DOTALL)
    return org_end, titles, frozenset(data["latin_in_zh_stop"]), frozenset(data["org_words"])


def paired_names(text: str) -> list[Pair]:
    """Every (name, alias, kind) that `text` writes side by side."""
    return [*_zh_pairs(text), *_acronyms(text)]


def _zh_pairs(text: str) -> list[Pair]:
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    org_end, titles, stop, _ = _words()
    out: list[Pair] = []
    for m in _PAREN.finditer(text):
        latin = m.group("inner")
        before = _ZH_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None or not _LATIN_NAME.fullmatch(latin) or latin.upper() in stop:
            continue
        zh = before.group("zh").lstrip("·•‧・")
        if re.search("[·•‧・]", zh):  # a foreign person: given and family name joined by "·"
            cut = titles.match(to_simplified(re.split("[·•‧・]", zh)[0]))  # 局长霍莉·…
            out.append((latin, zh[cut.end() :] if cut else zh, EntityKind.PERSON))
            continue
        name = _last_name(zh, titles)
        start = before.end("zh") - len(name)
        if org_end.search(to_simplified(name)):  # 青禾科技（Qinghe Tech）: a company's word ends it
            if 3 <= len(name) <= 14 and not org_end.fullmatch(to_simplified(name)):
                out.append((latin, name, None))  # folded only: measured, new firms misled
        elif 2 <= len(name) <= 4 and not text[:start].endswith(("”", "」", "』", '"')):
            # 辉达（NVIDIA）: folded only when one of the two is known; “星门”计划 is no name
            out.append((latin, name, None))
    return out


_CUT = re.compile(
    r".*(?:[的与和及、在为是由对向将把被从]|今天|今日|前往|依赖|旗下|子公司|巨头|龙头|厂商|企业|平台|作为)",
    re.DOTALL,
)


def _last_name(zh: str, titles: re.Pattern[str]) -> str:
    """The name at the end of a run of Chinese characters: after the last function word,
    description or title (科技巨头微软, 行政总裁奥特曼)."""
    folded = to_simplified(zh)
    if len(folded) != len(zh):
        return zh
    cut = max((m.end() for m in (_CUT.match(folded), titles.match(folded)) if m), default=0)
    return zh[cut:]


def _acronyms(text: str) -> list[Pair]:
    _, _, stop, org_words = _words()
    found: list[tuple[str, str]] = []
    for m in _PAREN.finditer(text):
        inner = m.group("inner")
        if _ACRONYM.fullmatch(inner):  # "the Agency for Digital Health (ADH)"
            if inner not in stop:
                full = _spelt_before(text[max(0, m.start() - 120) : m.start()], inner)
                if full:
                    found.append((full, inner))
            continue
        acr = _ACRONYM_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if acr and acr.group("acr") not in stop and _initials_match(inner, acr.group("acr")):
            found.append((inner, acr.group("acr")))  # "l’ADH (Agence du …)"
    out: list[Pair] = []
    for full, short in found:
        org = any(w.group(0) in org_words for w in _WORD.finditer(full))
        out.append((full, short, EntityKind.COMPANY if org else None))
    return out


def _spelt_before(before: str, acr: str) -> str | None:
    """The words before "(ACR)" whose initials spell it: "the Agency for Digital Health"."""
    words = list(_WORD.finditer(before))
    for i in range(len(words) - 1, max(-1, len(words) - 12), -1):
        if words[i].group(0).lower() in _FUNCTION or not words[i].group(0)[0].isupper():
            continue
        span = before[words[i].start() :]
        if _initials_match(span, acr):
            return span.strip()
    return None


def _initials_match(full: str, acr: str) -> bool:
    """Significant words' initials spell the acronym (function words may be skipped or not)."""
    words = [w.group(0) for w in _WORD.finditer(full)]
    if not words or not words[0][0].isupper() or len(words) > 10:
        return False
    strict = "".join(w[0] for w in words if w.lower() not in _FUNCTION).upper()
    loose = "".join(w[0] for w in words).upper()
    return acr.replace("&", "") in (strict, loose)
