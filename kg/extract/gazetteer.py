"""The gazetteer: known entities from YAML files under `data/gazetteer/`, matched in one pass.

ASCII names match as written, between non-letters ("Arm" fires, "arm" does not; "d’OpenAI" does);
CJK names match as substrings of the text folded to simplified characters (台積電, 臺積電 and
台积电 are one name; kg/lang.py `to_simplified`). Longer names win over shorter ones ("Salesforce
Ventures" over "Salesforce"). An entry's `ambiguous` aliases are also common words or other
things' names ("Scale", "Together", 地平线): one names its entity only once the article has named
it plainly, or, for a capitalised Latin word, inside a sentence that is not a headline (not its
first word: "Scale matters" is no mention, "a deal with Scale" is); a person's surname alone
only once the article has named the person in full. `match_loose` is
case-insensitive, for headlines written as URL slugs; it never uses ambiguous aliases.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.data import DATA, Entry, GazetteerFile, load_model
from kg.extract.trie import trie_pattern
from kg.lang import to_simplified
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
    aliases: tuple[str, ...] = ()  # every name, the ambiguous ones included
    ambiguous: tuple[str, ...] = ()
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
    by_alias: dict[str, str] = field(default_factory=dict)  # alias (and CJK folded) -> id
    by_lower: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> id
    ambiguous: set[str] = field(default_factory=set)  # aliases that need a licence (see above)
    clashes: list[tuple[str, str, str]] = field(default_factory=list)  # alias, kept id, other id
    products: dict[str, set[str]] = field(default_factory=dict)  # owner's name -> product ids
    latin_re: re.Pattern[str] | None = None
    cjk_re: re.Pattern[str] | None = None
    loose_re: re.Pattern[str] | None = None
    _latin: set[str] = field(default_factory=set)  # Latin aliases as written
    _cjk: set[str] = field(default_factory=set)  # CJK aliases folded to simplified

    def add(self, known: Known) -> None:
        eid = known.id
        if eid in self.entries:  # two entries for one entity: the second would win silently
            self.clashes.append((known.name, eid, eid))
        self.entries[eid] = known
        if known.owner:
            self.products.setdefault(known.owner, set()).add(eid)
        for alias in (known.name, *known.aliases):
            if _has_cjk(alias):
                folded = to_simplified(alias)
                self._cjk.add(folded)
                keys = {alias, folded}
            else:
                self._latin.add(alias)
                keys = {alias}
            for key in keys:
                kept = self.by_alias.setdefault(key, eid)
                if kept != eid:
                    self.clashes.append((key, kept, eid))
            self.by_lower.setdefault(alias.lower(), eid)
        for alias in known.ambiguous:
            self.ambiguous.add(to_simplified(alias) if _has_cjk(alias) else alias)

    def owned_by(self, name: str) -> set[str]:
        """Ids of the products whose `owner` is `name` (Azure for Microsoft)."""
        return self.products.get(name, set())

    def compile(self) -> None:
        self.latin_re = _alternation(list(self._latin), rf"(?<![{_LATIN}])", rf"(?![{_LATIN}])")
        self.cjk_re = _alternation(list(self._cjk), "", "")

    def match(self, text: str, seen: Container[str] = ()) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every known name in `text`, longest first, no overlaps;
        `seen`: the entities the article has named so far (they license ambiguous aliases)."""
        found: list[tuple[int, int, str]] = []
        headline: bool | None = None
        for m in self.latin_re.finditer(text) if self.latin_re else ():
            alias, end = m.group(0), m.end()
            eid = self.by_alias[alias]
            if alias in self.ambiguous and eid not in seen:
                if headline is None:
                    headline = _is_headline(text)
                if (
                    headline
                    or not alias[0].isupper()
                    or not text[: m.start()].strip(" \"“«‘'([-•*")
                    or self.entries[eid].kind is EntityKind.PERSON  # "Lacroix": named in full first
                ):
                    continue
            suffix = _SUFFIX.match(text, end)
            if suffix:  # "Salesforce Inc." / "Nvidia Corp." belong to the name
                end = suffix.end()
            found.append((m.start(), end, eid))
        if self.cjk_re is not None and _CJK.search(text):
            folded = to_simplified(text)
            for m in self.cjk_re.finditer(folded):
                eid = self.by_alias[m.group(0)]
                if m.group(0) in self.ambiguous and eid not in seen:
                    continue
                found.append((m.start(), m.end(), eid))
        return drop_overlaps(found)

    def match_loose(self, text: str) -> list[str]:
        """Entity ids named in a lower-case or slug text (names of 4+ characters only)."""
        words = re.sub(r"[-_/]+", " ", text).lower()
        if self.loose_re is None:
            plain = {a.lower() for a in self.by_alias if a not in self.ambiguous}
            names = [a for a in self.by_lower if len(a) >= 4 and a in plain]
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


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]{3,}")
_WORD = re.compile(r"\b[^\W\d_][\w’'-]{3,}")


def _is_headline(text: str) -> bool:
    """Title Case: most words of four or more letters capitalised ("Scale Raises New Funds")."""
    words = len(_WORD.findall(text))
    return words >= 2 and len(_CAPITALISED.findall(text)) > 0.6 * words


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\u3040" <= c <= "\u30ff" for c in text)


def _alternation(names: list[str], before: str, after: str) -> re.Pattern[str] | None:
    """One pattern for many names, as a trie (see kg/extract/trie.py)."""
    if not names:
        return None
    return re.compile(before + trie_pattern(set(names)) + after)


_PARTICLE = re.compile(r"(?<= )(?:bin|bint|al|el|de|du|des|da|di|van|von|der|den|la|le)(?= )")


def _particle_variants(names: tuple[str, ...]) -> tuple[str, ...]:
    """ "Omar bin Said" is also written "Omar Bin Said" (names of people only)."""
    out = [n for n in names]
    for name in names:
        variant = _PARTICLE.sub(lambda m: m.group(0).capitalize(), name)
        if variant != name and variant not in out:
            out.append(variant)
    return tuple(out)


def _known(entry: Entry, kind: EntityKind) -> Known:
    kind = entry.kind or kind
    aliases = (*entry.aliases, *entry.ambiguous)
    if kind is EntityKind.PERSON:
        aliases = _particle_variants((entry.name, *aliases))[1:]
    return Known(
        name=entry.name,
        kind=kind,
        aliases=aliases,
        ambiguous=tuple(entry.ambiguous),
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
