"""The shorter names a discovered organisation also goes by once the article has named it.

"Photon Robotics" is also "Photon" (as "Mistral" is "Mistral AI"); "Fondation Nexa" is also the
"Nexa Foundation"; a Chinese fund "北辰创投" is also "北辰" (its head, when that is no generic word
such as 天使 or 产业: `suffixes.zh_generic` in data/discovery.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from kg.data import DATA, load_yaml

_GENERIC_TAIL = re.compile(
    r"^(?P<short>[A-Z][\w\-]{3,}(?: [A-Z][\w\-]+)?) (?:AI|Labs?|Robotics|Technologies|Technology|"
    r"Systems|Health|Bio|Therapeutics|Security|Software|Cloud|Data|Analytics|Energy|Computing|"
    r"Intelligence)$"
)


def short_forms(name: str) -> list[str]:
    """ "Photon Robotics" is also "Photon" once introduced (as "Mistral" is "Mistral AI"); a
    French institution is also its English name ("Fondation Nexa" is the "Nexa Foundation")."""
    m = _GENERIC_TAIL.match(name)
    out = [m.group("short")] if m else []
    m = _FRENCH_HEAD.match(name)
    if m:
        out.append(f"{m.group('rest')} {_ENGLISH_HEAD[m.group('head')]}")
    m = _ZH_FUND.fullmatch(name)
    if m and m.group("head") not in _zh_generic() and not _zh_generic_run(m.group("head")):
        out.append(m.group("head"))
    return out


_ENGLISH_HEAD = {
    "Fondation": "Foundation",
    "Institut": "Institute",
    "Fonds": "Fund",
    "Banque": "Bank",
    "Université": "University",
    "Centre": "Center",
    "Agence": "Agency",
    "Autorité": "Authority",
}
_FRENCH_HEAD = re.compile(
    rf"^(?P<head>{'|'.join(_ENGLISH_HEAD)})\s+(?:(?:de la|de l[’']|des|du|de|d[’'])\s*)?"
    r"(?P<rest>[A-ZÀ-Ý][\w\-’']+(?:\s+[A-ZÀ-Ý][\w\-’']+){0,2})$"
)


# a Chinese fund's name: a head of two to four characters, then its fund word
_ZH_FUND = re.compile(r"(?P<head>[\u4e00-\u9fff]{2,4})(?:资本|資本|创投|創投|基金)")


@cache
def _zh_generic() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "discovery.yaml")["suffixes"]["zh_generic"])


def _zh_generic_run(head: str) -> bool:
    """产业引导: a head made only of generic words."""
    words = _zh_generic()
    return any(head[:i] in words and head[i:] in words for i in range(1, len(head)))
