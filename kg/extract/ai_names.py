"""When "AI" ends a firm's name and when it only describes ("Kestrel AI raised" is a firm;
"the Israeli AI startup", "Gaudi2 AI chips", "Paris-based AI" are not): read by
kg/extract/discover.py for the suffix "AI" (`suffixes.company` in data/discovery.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data import DATA, load_yaml

# "AI" ends a name before punctuation, a capital, a verb or a function word ("Kestrel AI raised");
# before another lower-case word it describes it ("the Israeli AI startup", "Gaudi AI chips")
_AI_NEXT = re.compile(r"[^\S\n]+(?P<w>[a-z][\w\-’']*)")
_AI_NAME_NEXT = frozenset(
    """has have had is was are were will would could can may might said says told raised raises
    secured closed announced launched released unveiled plans planned agreed signed acquired
    bought invested partnered received became becomes and or but in on at for with to from by
    of as that which who whose founder co-founder cofounder chief also now recently""".split()
)


def ai_is_a_modifier(text: str, end: int, words: list[str]) -> bool:
    """True when the "AI" ending at `end` describes the word after it, or follows a
    nationality or a place ("Israeli AI", "Paris-based AI"): no name ends there."""
    nxt = _AI_NEXT.match(text, end)
    return (nxt is not None and nxt.group("w") not in _AI_NAME_NEXT) or any(
        _PLACE_WORD.search(w) or w in _nationalities() for w in words
    )


_PLACE_WORD = re.compile(r"-(?:based|born|headquartered|backed)$")


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    data = load_yaml(DATA / "descriptors.yaml")["nationalities"]
    return frozenset(w for words in data.values() for w in words if w[:1].isupper())
