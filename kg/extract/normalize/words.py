"""Words and symbols of `kg/extract/data/normalize.yaml`, loaded once at import, and the
regex helper that turns word lists into fast alternations; shared by `amounts` and `dates`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent.parent / "data" / "normalize.yaml").read_text(encoding="utf-8")
)

LATIN_SCALE: dict[str, float] = {k.lower(): float(v) for k, v in DATA["scales"]["latin"].items()}
CJK_DIGITS = "零〇一二两兩三四五六七八九十百千"


def alt(words: Any) -> str:
    """Regex matching any of the literal `words`, longest first ("HK$" beats "$"). Built as a
    trie so that a position where no word starts costs one character test: the regexes run
    on every sentence."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
