"""Dependency chains answered from the store, with the same rows as the Cypher library's
`dependency_chain_down` / `dependency_chain_up` (tests/test_lookup_chain.py compares them over
Bolt): one row per DEPENDS_ON path (no edge twice in a path, as Cypher's variable-length
patterns), shortest first, and for every hop its kind of dependency, the number of distinct
articles stating it and its evidence: its latest dated sentence, that article's date and its
source URL (among sentences of the same date, the first in the graph database's evidence lists:
by article id, then as stated; "" where the article has no date or URL, as in those lists).

    >>> with open_store("kg-data") as store:
    ...     result = store_chain(store, "Mistral AI", depth=2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.errors import ConfigurationError
from kg.lookup.entity import find_entity
from kg.schema import Evidence, Relation, RelationType, published_day
from kg.store import Store

MAX_DEPTH = 10  # as the Cypher library's variable-length patterns
DEPENDS_ON = RelationType.DEPENDS_ON.value
CHAIN_QUERIES = {"down": "dependency_chain_down", "up": "dependency_chain_up"}
LIST_JOINERS = {"path": " > ", "dependencies": " > ", "articles": " > ", "evidence": " | ",
                "dates": " > ", "sources": " | "}

Edge = tuple[str, str, str]


@dataclass
class ChainResult:
    """Rows as `kg.graphdb.QueryResult` has them, so `kg chain` renders both alike."""

    query: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def joiners(self) -> dict[str, str]:
        return {c: j for c, j in LIST_JOINERS.items() if c in self.columns}


def store_chain(store: Store, entity: str, depth: int = 3, direction: str = "down"
                ) -> ChainResult:
    """What `entity` depends on (`down`) or who depends on it (`up`), transitively."""
    if direction not in CHAIN_QUERIES:
        raise ConfigurationError(f"direction {direction!r}: expected up or down")
    if not 1 <= depth <= MAX_DEPTH:
        raise ConfigurationError(f"depth {depth}: expected 1 to {MAX_DEPTH}")
    root = find_entity(store, entity).id
    paths = _paths(store, root, depth, up=direction == "up")
    edges = {e for p in paths for e in p}
    relations = {r.key: r for r in store.lookups.relations_by_keys(sorted(edges))}
    nodes = sorted({n for e in edges for n in (e[0], e[2])} | {root})
    names = {e.id: e.name for e in store.reads.entities_of(nodes)}
    end = "dependent" if direction == "up" else "provider"
    rows = [_row(p, relations, names, end, up=direction == "up") for p in paths]
    rows.sort(key=lambda r: (r["depth"], r[end], r["path"]))
    columns = [end, "depth", "dependencies", "path", "articles", "evidence", "dates", "sources"]
    return ChainResult(query=CHAIN_QUERIES[direction], columns=columns, rows=rows)


def _paths(store: Store, root: str, depth: int, up: bool) -> list[list[Edge]]:
    """Every DEPENDS_ON path of 1..depth edges from `root` (into it when `up`), no edge twice,
    each as its edges in the walking order."""
    out: list[list[Edge]] = []
    cache: dict[str, list[str]] = {}

    def step(node: str) -> list[str]:
        if node not in cache:
            cache[node] = store.lookups.neighbours(node, DEPENDS_ON, up)
        return cache[node]

    def walk(node: str, path: list[Edge]) -> None:
        for nxt in step(node):
            edge = (nxt, DEPENDS_ON, node) if up else (node, DEPENDS_ON, nxt)
            if edge in path:
                continue
            out.append([*path, edge])
            if len(path) + 1 < depth:
                walk(nxt, [*path, edge])

    walk(root, [])
    return out


def _row(path: list[Edge], relations: dict[Edge, Relation], names: dict[str, str], end: str,
         up: bool) -> dict[str, Any]:
    """A path as a row; an `up` path was walked from the root backwards, so it is turned
    round to run from the dependent to the root, in the edges' own direction."""
    hops = list(reversed(path)) if up else path
    nodes = [hops[0][0], *(h[2] for h in hops)]
    rels = [relations[h] for h in hops]
    first = [_hop_evidence(r) for r in rels]
    return {
        end: names.get(nodes[0] if up else nodes[-1]),
        "depth": len(hops),
        "dependencies": [_dependency(r) for r in rels],
        "path": [names.get(n) for n in nodes],
        "articles": [len({e.article for e in r.evidence}) for r in rels],
        "evidence": [e.sentence if e else None for e in first],
        "dates": [published_day(e.published) if e else None for e in first],
        "sources": [(e.source_url or "") if e else None for e in first],
    }


def _dependency(relation: Relation) -> str:
    value = relation.properties.get("dependency")
    return str(value) if value not in (None, "", []) else "unspecified"


def _hop_evidence(relation: Relation) -> Evidence | None:
    """The latest dated evidence; among equal dates the one the graph database lists first
    (evidence ordered by article id, then as stated: kg.graphdb.rows.evidence_lists), as the
    Cypher library's `reduce` over `evidenceDates` picks it."""
    best: Evidence | None = None
    for ev in sorted(relation.evidence, key=lambda e: e.article):
        if best is None or published_day(ev.published) > published_day(best.published):
            best = ev
    return best
