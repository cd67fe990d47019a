"""Chinese personal names after a title: 首席执行官周明远对…, 执行董事包括陈立、王晓峰、林达,
关联董事许军及沙超然 (the words in `data/discovery.yaml`, `zh_people`).

A Chinese name has no spaces around it; it is cut by its structure: a common surname, then one or
two characters, then a boundary (punctuation or a function character such as 对, 表示, 及). Names
listed after the first (、, 及, 和) are read the same way. Traditional text is folded to simplified
for the reading; the name keeps the article's characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.data import DATA, load_yaml
from kg.extract.trie import trie_pattern
from kg.lang import to_simplified

_JOIN = "、,，和及与"


class _Words(NamedTuple):
    titles: re.Pattern[str]
    speech: re.Pattern[str]
    surnames: frozenset[str]
    compound: tuple[str, ...]
    boundary: frozenset[str]
    not_names: frozenset[str]
    speech_end: re.Pattern[str]
    after: re.Pattern[str]  # a time word or a digit after a name ends it
    apposed: re.Pattern[str]  # "李明，X首席执行官，": a name opening a clause, its title apposed


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_yaml(DATA / "discovery.yaml")["zh_people"]
    lists = trie_pattern(data["list_words"])
    return _Words(
        re.compile(rf"(?:{trie_pattern(data['titles'])})(?:{lists})?[:：]?"),
        re.compile(
            rf"(?:^|(?<=[，,。；;：:“”\s]))(?=[^，,。；;：:“”\s]{{2,3}}(?:{trie_pattern(data['speech'])}))"
        ),
        frozenset(data["surnames"]),
        tuple(data["compound_surnames"]),
        frozenset(data["boundary"]),
        frozenset(data["not_names"]),
        re.compile(trie_pattern(data["speech"])),
        re.compile(rf"[0-9０-９]|{trie_pattern(data['after_words'])}"),
        re.compile(
            rf"(?:^|(?<=[，,。；;：:“”\s]))(?=[^，,。；;：:“”\s]{{2,3}}[，,][^，,。；;]{{0,24}}?"
            rf"(?:{trie_pattern(data['titles'])})[，,])"
        ),
    )


def zh_people(text: str) -> list[str]:
    """The names that follow a title in `text`, in order, each once."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    words = _words()
    folded = to_simplified(text)
    found: list[str] = []
    for m in words.speech.finditer(folded):  # "，李明表示"
        size = _name_at(folded, m.end(), words, speech=True)
        if size and text[m.end() : m.end() + size] not in found:
            found.append(text[m.end() : m.end() + size])
    for m in words.apposed.finditer(folded):  # "李明，X首席执行官，表示"
        size = _name_at(folded, m.end(), words)
        if size and folded[m.end() + size] in "，," and text[m.end() : m.end() + size] not in found:
            found.append(text[m.end() : m.end() + size])
    for m in words.titles.finditer(folded):
        pos = m.end()
        while True:
            size = _name_at(folded, pos, words)
            if not size:
                break
            name = text[pos : pos + size]
            if name not in found:
                found.append(name)
            pos += size
            if pos < len(folded) and folded[pos] in _JOIN:
                pos += 1
            else:
                break
    return found


def _name_at(text: str, pos: int, w: _Words, speech: bool = False) -> int:
    """The length (2 or 3) of the name starting at `pos`, or 0 when none starts there; with
    `speech`, the name must end right before a speech verb."""
    if text.startswith(w.compound, pos):
        sizes = (3, 4)
    elif pos < len(text) and text[pos] in w.surnames:
        sizes = (2, 3)
    else:
        return 0
    for size in sizes:
        name = text[pos : pos + size]
        if len(name) < size or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return 0
        if w.after.fullmatch(name):
            continue  # "周一表示": a time word, no name
        after = text[pos + size : pos + size + 1]
        if speech:
            if w.speech_end.match(text, pos + size) and name not in w.not_names:
                return size
            continue
        ended = not after or after in w.boundary or w.after.match(text, pos + size)
        if ended and name not in w.not_names:
            return size
    return 0
