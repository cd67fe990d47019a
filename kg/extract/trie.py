"""The one builder of word-list regexes: many literal words as one trie-shaped pattern.

`trie_pattern(["Amazon", "Amazon Web Services"])` is `Amazon(?: Web Services)?`: at a position
where no word starts, `re` tests one set of first characters instead of every word, and a longer
word is still tried before a shorter one it starts with (the same match as a longest-first
alternation). Used for the gazetteer's names and for the normaliser's currency and scale words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (no groups) matching any of the literal `words`, longest first; "" for none."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        child, text = node[ch], re.escape(ch)
        while len(child) == 1 and "" not in child:  # a run with no branching: one literal
            ((ch, child),) = child.items()
            text += re.escape(ch)
        branches.append(text + _node_pattern(child) if child else text)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
