"""Entity resolution across articles: one entity id, one merged record.

Extractors already give the same company the same id in every article (`kg.schema.entity_id`),
so resolution here is merging: the per-article views of an entity (name, aliases, properties)
become one record, and relation properties stated by several articles become one dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kg.schema import Entity, Relation


def merge_properties(dicts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge property dicts given oldest first.

    A later non-empty scalar wins (a newer article corrects an older one); lists are unioned in
    first-seen order so deal parties stated by different articles all survive.
    """
    merged: dict[str, Any] = {}
    for props in dicts:
        for key, value in props.items():
            if value is None or value == "" or value == []:
                merged.setdefault(key, value)
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = _union(merged[key], value)
            else:
                merged[key] = value
    return merged


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    seen = {_freeze(item) for item in old}
    out = list(old)
    for item in new:
        frozen = _freeze(item)
        if frozen not in seen:
            seen.add(frozen)
            out.append(item)
    return out


def _freeze(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def merge_aliases(name: str, *alias_lists: Iterable[str]) -> list[str]:
    """Union of aliases in first-seen order, without the canonical name itself."""
    seen = {name.casefold()}
    out: list[str] = []
    for aliases in alias_lists:
        for alias in aliases:
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                out.append(alias)
    return out


def merge_entity(views: Iterable[Entity]) -> Entity:
    """One entity from its per-article views (oldest first); other names become aliases."""
    views = list(views)
    if not views:
        raise ValueError("merge_entity needs at least one view")
    first = views[0]
    names = [v.name for v in views[1:]]
    aliases = merge_aliases(first.name, *(v.aliases for v in views), names)
    props = merge_properties(v.properties for v in views)
    return Entity(id=first.id, name=first.name, kind=first.kind, aliases=aliases, properties=props)


def merge_relation(views: list[Relation]) -> Relation:
    """One relation from views of the same (source, relation, target): evidence concatenated."""
    first = views[0]
    return Relation(
        source=first.source, target=first.target, relation=first.relation,
        properties=merge_properties(v.properties for v in views),
        evidence=[e for v in views for e in v.evidence],
    )


class EntityMerger:
    """Accumulates entity views by id, for a run that must not hold articles in memory."""

    def __init__(self) -> None:
        self._by_id: dict[str, Entity] = {}

    def add(self, entity: Entity) -> None:
        old = self._by_id.get(entity.id)
        self._by_id[entity.id] = entity if old is None else merge_entity([old, entity])

    def entities(self) -> list[Entity]:
        return list(self._by_id.values())
