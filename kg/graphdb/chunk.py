"""One transaction of whole articles (kg.graphdb.load cuts a load into these): what the
articles said before is taken out of the evidence lists, what they say now is put in, and
relationships or entities nobody supports any more are deleted. A crash never leaves half an
article. The statements are in kg.graphdb.statements, the rows built by kg.graphdb.rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from kg.graphdb import statements as cypher
from kg.graphdb.rows import (
    article_rows,
    by_relation,
    entity_props,
    flat_row,
    key_ends,
    party_rows,
    plan_relations,
)
from kg.schema import Entity, EntityKind, Relation, relation_key

META_KEY = "load"  # the key of the (:KgMeta) node that records what the database holds


@dataclass
class Chunk:
    """Whole articles to write in one transaction, with their facts from the store."""

    upserts: list[str]
    deletes: list[str]
    records: dict[str, Any]
    entities: list[Entity]
    relations: list[Relation]
    mentions: dict[str, list[str]]  # entity id -> ids of chunk articles mentioning it
    revision: int | None
    batch: int

    @property
    def touched(self) -> set[str]:
        return set(self.upserts) | set(self.deletes)


def apply(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    """One transaction: forget what these articles said before, then write what they say now.
    The merging of evidence lists happens here in Python, from what the database holds."""
    old_keys, old_entities, known = _forget(tx, chunk)
    _write_entities(tx, chunk)
    _write_relations(tx, chunk, old_keys)
    rows = article_rows(chunk.records, chunk.relations, chunk.mentions)
    unwind(tx, cypher.ARTICLE_SET, [r for r in rows if r["id"] in known], chunk.batch)
    unwind(tx, cypher.ARTICLE_CREATE, [r for r in rows if r["id"] not in known], chunk.batch)
    _write_mentions(tx, chunk, known)
    _write_parties(tx, chunk)
    _drop_orphans(tx, chunk, old_entities)
    if chunk.revision is not None:
        set_meta(tx, {"revision": chunk.revision})


def _write_mentions(tx: neo4j.ManagedTransaction, chunk: Chunk, known: set[str]) -> None:
    """(:Article)-[:MENTIONS]->(:Entity) for each entity (deals included) an article names:
    Browser users go from an article to what it states and back."""
    unwind(tx, cypher.MENTIONS_RESET, sorted(known & set(chunk.upserts)), chunk.batch)
    rows = sorted([a, e] for e, articles in chunk.mentions.items() for a in articles)
    unwind(tx, cypher.MENTIONS_CREATE, rows, chunk.batch)


def _forget(tx: neo4j.ManagedTransaction, chunk: Chunk) -> tuple[set[str], set[str], set[str]]:
    """What the touched articles said before: relationship keys, entity ids, and which of them
    are in the database at all (those are updated, the others created without a MERGE)."""
    old_keys: set[str] = set()
    old_entities: set[str] = set()
    known: set[str] = set()
    for record in tx.run(cypher.ARTICLE_STATE, ids=sorted(chunk.touched)):
        known.add(record["id"])
        old_keys.update(record["relations"] or [])
        old_entities.update(record["entities"] or [])
    if chunk.deletes:
        tx.run(cypher.ARTICLE_DELETE, ids=chunk.deletes).consume()
    return old_keys, old_entities, known


def _write_entities(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    ids = [e.id for e in chunk.entities]
    existing = {r["id"]: r["articles"] or [] for r in tx.run(cypher.ENTITY_STATE, ids=ids)}
    creates: dict[EntityKind, list[dict[str, Any]]] = {}
    updates = []
    for e in chunk.entities:
        kept = [a for a in existing.get(e.id, []) if a not in chunk.touched]
        mentioned = set(kept) | set(chunk.mentions.get(e.id, []))
        props = entity_props(e) | {"articles": sorted(mentioned)}
        if e.id in existing:
            updates.append(props)
        else:
            creates.setdefault(e.kind, []).append(props)
    for kind, rows in sorted(creates.items()):
        new_entities(tx, kind, rows, chunk.batch)
    unwind(tx, cypher.ENTITY_SET, updates, chunk.batch)


def _write_relations(tx: neo4j.ManagedTransaction, chunk: Chunk, old_keys: set[str]) -> None:
    """Per relationship type: read the evidence the database holds for keys that may exist,
    then create, replace, patch or delete (rows are plain lists: less to pack and send)."""
    new = {relation_key(r.source, r.relation, r.target): r for r in chunk.relations}
    for rel, keys in by_relation(set(new) | old_keys):
        existing = _relation_state(tx, rel, keys)
        plan = plan_relations(keys, new, existing, chunk.touched)
        for action, rows in plan.items():
            unwind(tx, cypher.RELATION_WRITE[action].format(type=rel), rows, chunk.batch)


def _relation_state(
    tx: neo4j.ManagedTransaction, rel: str, keys: list[str]
) -> dict[str, list[Any]]:
    """key -> [evidence articles, sentences, langs, source urls] of the relationships found."""
    if not keys:
        return {}
    rows = [[*key_ends(k), k] for k in keys]
    found = tx.run(cypher.RELATION_STATE.format(type=rel), rows=rows)
    return {r["key"]: r["evidence"] for r in found}


def _write_parties(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    deals = [e for e in chunk.entities if e.kind == EntityKind.DEAL]
    stated = {relation_key(r.source, r.relation, r.target) for r in chunk.relations}
    rows = [p for d in deals for p in party_rows(d) if p["key"] not in stated]
    unwind(tx, cypher.PARTY_RESET, [{"deal": d.id} for d in deals], chunk.batch)
    unwind(tx, cypher.PARTY_CREATE, rows, chunk.batch)


def _drop_orphans(tx: neo4j.ManagedTransaction, chunk: Chunk, old: set[str]) -> None:
    """Entities these articles mentioned before and nobody mentions now."""
    gone = sorted(old - {e.id for e in chunk.entities})
    if not gone:  # always so in a full load: skip the round trip
        return
    rows = [{"id": r["id"], "articles": [a for a in r["articles"] or [] if a not in chunk.touched]}
            for r in tx.run(cypher.ENTITY_STATE, ids=gone)]
    unwind(tx, cypher.ENTITY_ARTICLES, [r for r in rows if r["articles"]], chunk.batch)
    unwind(tx, cypher.ENTITY_DELETE, [r for r in rows if not r["articles"]], chunk.batch)


def unwind(tx: neo4j.ManagedTransaction, query: str, rows: Sequence[Any], batch: int) -> None:
    for start in range(0, len(rows), batch):
        tx.run(query, rows=rows[start : start + batch]).consume()


def new_entities(
    tx: neo4j.ManagedTransaction, kind: EntityKind, rows: list[dict[str, Any]], batch: int
) -> None:
    """Entities known not to exist yet: CREATE, no look-up (ArcadeDB plans a two-label MERGE
    as a scan)."""
    flat = [flat_row([], props, cypher.ENTITY_COLUMNS) for props in rows]
    label = EntityKind(kind).value
    unwind(tx, cypher.ENTITY_CREATE.format(label=label),
            [r for r in flat if len(r) == len(cypher.ENTITY_COLUMNS)], batch)
    unwind(tx, cypher.ENTITY_CREATE_MORE.format(label=label),
            [r for r in flat if len(r) > len(cypher.ENTITY_COLUMNS)], batch)


def set_meta(tx: neo4j.ManagedTransaction, values: dict[str, Any]) -> None:
    tx.run(cypher.META_SET, key=META_KEY, values=values).consume()
