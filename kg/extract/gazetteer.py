"""The gazetteer: known entities from YAML files under `data/gazetteer/`, matched in one pass.

ASCII names match as written, between non-letters ("Arm" fires, "arm" does not; "d’OpenAI" does);
CJK names match as substrings. Longer names win over shorter ones ("Salesforce Ventures" over
"Salesforce"). `match_loose` is case-insensitive, for headlines written as URL slugs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.data import DATA, Entry, GazetteerFile, load_model
from kg.extract.trie import trie_pattern
from kg.schema import EntityKind, entity_id

_LATIN = "A-Za-z0-9À-ÖØ-öø-ÿ"
_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Corp|Ltd|Co|LLC|plc|SA|SAS|AG|GmbH|NV|SE)\b\.?|(?<=Inc|orp|Ltd)\.)"
)


@dataclass(frozen=True, slots=True)
class Known:
    """One entity the extractor knows by name."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    owner: str | None = None  # products: the company that provides them
    dependency: str | None = None  # products: compute|gpu|cloud|model|chips|data
    roles: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)


@dataclass
class Gazetteer:
    entries: dict[str, Known] = field(default_factory=dict)  # by id
    by_alias: dict[str, str] = field(default_factory=dict)  # alias -> id
    by_lower: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> id
    latin_re: re.Pattern[str] | None = None
    cjk_re: re.Pattern[str] | None = None
    loose_re: re.Pattern[str] | None = None

    def add(self, known: Known) -> None:
        self.entries[known.id] = known
        for alias in (known.name, *known.aliases):
            self.by_alias.setdefault(alias, known.id)
            self.by_lower.setdefault(alias.lower(), known.id)

    def compile(self) -> None:
        latin = [a for a in self.by_alias if a.isascii() or not _has_cjk(a)]
        cjk = [a for a in self.by_alias if _has_cjk(a)]
        self.latin_re = _alternation(latin, rf"(?<![{_LATIN}])", rf"(?![{_LATIN}])")
        self.cjk_re = _alternation(cjk, "", "")

    def match(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every known name in `text`, longest first, no overlaps."""
        found: list[tuple[int, int, str]] = []
        for rx in (self.latin_re, self.cjk_re):
            if rx is None:
                continue
            for m in rx.finditer(text):
                end = m.end()
                suffix = _SUFFIX.match(text, end) if rx is self.latin_re else None
                if suffix:  # "Salesforce Inc." / "Nvidia Corp." belong to the name
                    end = suffix.end()
                found.append((m.start(), end, self.by_alias[m.group(0)]))
        return drop_overlaps(found)

    def match_loose(self, text: str) -> list[str]:
        """Entity ids named in a lower-case or slug text (names of 4+ characters only)."""
        words = re.sub(r"[-_/]+", " ", text).lower()
        if self.loose_re is None:
            names = [a for a in self.by_lower if len(a) >= 4]
            self.loose_re = _alternation(names, "(?<![a-z0-9])", "(?![a-z0-9])")
        ids: list[str] = []
        for m in self.loose_re.finditer(words) if self.loose_re else ():
            eid = self.by_lower[m.group(0)]
            if eid not in ids:
                ids.append(eid)
        return ids


def drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            if span[1] - span[0] > out[-1][1] - out[-1][0]:
                out[-1] = span
            continue
        out.append(span)
    return out


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\u3040" <= c <= "\u30ff" for c in text)


def _alternation(names: list[str], before: str, after: str) -> re.Pattern[str] | None:
    """One pattern for many names, as a trie (see kg/extract/trie.py)."""
    if not names:
        return None
    return re.compile(before + trie_pattern(set(names)) + after)


def _known(entry: Entry, kind: EntityKind) -> Known:
    return Known(
        name=entry.name,
        kind=entry.kind or kind,
        aliases=tuple(entry.aliases),
        country=entry.country,
        places=tuple(entry.places),
        tags=tuple(entry.tags),
        owner=entry.owner,
        dependency=entry.dependency,
        roles=tuple((r.org, r.role) for r in entry.roles),
    )


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path = DATA / "gazetteer") -> Gazetteer:
    """Every `*.yaml` file in `folder`: {kind: <EntityKind>, entries: [{name, aliases, ...}]}."""
    gaz = Gazetteer()
    for path in sorted(folder.glob("*.yaml")):
        doc = load_model(path, GazetteerFile)
        for entry in doc.entries:
            gaz.add(_known(entry, doc.kind))
    gaz.compile()
    return gaz
