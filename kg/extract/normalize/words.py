"""Words and symbols of `kg/extract/data/normalize.yaml`, loaded once at import, and the
regex helper that turns word lists into fast alternations; shared by `amounts` and `dates`."""

from __future__ import annotations

from typing import Any

from kg import data
from kg.extract.trie import trie_pattern

DATA: dict[str, Any] = data.load_yaml(data.DATA / "normalize.yaml")

LATIN_SCALE: dict[str, float] = {k.lower(): float(v) for k, v in DATA["scales"]["latin"].items()}
CJK_DIGITS = "零〇一二两兩三四五六七八九十百千"


def alt(words: Any) -> str:
    """Regex matching any of the literal `words`, longest first ("HK$" beats "$"), as a trie:
    the regexes run on every sentence."""
    return trie_pattern(words)
