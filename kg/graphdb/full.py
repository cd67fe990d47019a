"""A full load's writes (kg.graphdb.load.load cuts a full load into these): every entity and
every deal's PARTY_TO first, in big batches; then transactions of whole articles, in article id
order, that read nothing back from the database.

This load emptied the database itself, so it knows what each earlier transaction wrote: a
relationship first stated by this transaction's articles is created with its properties merged
across the whole store; one an earlier transaction created gets these articles' evidence
appended (articles come in id order, so the lists stay ordered by article as an incremental
load orders them). Rows come from the store in one query per transaction (the articles'
evidence, their mentions) plus one pass over every relation's properties up front, no models
built per row. A crash still leaves whole articles only (tests/test_load_faults.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import neo4j

from kg.graphdb import statements as cypher
from kg.graphdb.chunk import unwind
from kg.graphdb.connection import Connection
from kg.graphdb.rows import (
    CREATE_COLUMNS,
    article_props,
    by_relation,
    create_row,
    entity_props,
    evidence_columns,
    evidence_entries,
    flat_row,
    key_ends,
    party_rows,
    typed_props,
)
from kg.schema import EntityKind, relation_key

if TYPE_CHECKING:
    from kg.store import Store
    from kg.store.rows import ArticleRecord


def relation_properties(store: Store) -> dict[str, dict[str, Any]]:
    """Relationship key -> its typed properties merged across the store (every key, most
    with none)."""
    return {relation_key(s, r, t): typed_props(p) if p else {}
            for s, r, t, p in store.relation_properties()}


def write_entities(store: Store, conn: Connection, stated: Iterable[str], batch: int) -> int:
    """Every entity, then every deal's PARTY_TO except those an article states itself; one
    transaction per `batch` entities, whatever their kinds (fewer round trips and commits)."""
    mentions = store.entity_articles()
    width = len(cypher.ENTITY_COLUMNS)
    pending: dict[EntityKind, list[list[Any]]] = {}
    parties: list[dict[str, Any]] = []
    count = 0
    for e in store.entities():
        props = entity_props(e) | {"articles": mentions.get(e.id, [])}
        pending.setdefault(e.kind, []).append(padded(flat_row([], props, cypher.ENTITY_COLUMNS),
                                                     width))
        count += 1
        if e.kind == EntityKind.DEAL:
            parties += party_rows(e)
        if count % batch == 0:
            _write(conn, _create_entities, pending, [], batch)
            pending = {}
    known = set(stated)
    _write(conn, _create_entities, pending, [p for p in parties if p["key"] not in known], batch)
    return count


def padded(row: list[Any], width: int) -> list[Any]:
    """A flat row with its map of other properties, empty when it has none: one statement
    (`… SET x += row[width]`) for rows with and without, one round trip instead of two."""
    return row if len(row) > width else [*row, {}]


def _create_entities(tx: neo4j.ManagedTransaction, rows: dict[EntityKind, list[list[Any]]],
                     parties: list[dict[str, Any]], batch: int) -> None:
    for kind, kind_rows in sorted(rows.items()):
        unwind(tx, cypher.ENTITY_CREATE_MORE.format(label=EntityKind(kind).value), kind_rows,
               batch)
    unwind(tx, cypher.PARTY_CREATE, parties, batch)


def _write(conn: Connection, work: Any, *args: Any) -> None:
    with conn.session() as session:
        session.execute_write(work, *args)


@dataclass
class FullChunk:
    """The rows of one transaction of whole articles in a full load."""

    relations: dict[str, dict[str, list[list[Any]]]] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)
    new_keys: list[str] = field(default_factory=list)
    evidence: int = 0


def chunk_rows(
    store: Store, records: list[ArticleRecord], props: dict[str, dict[str, Any]],
    written: set[str],
) -> FullChunk:
    """Rows for these articles; `written`: the keys earlier transactions of this load created."""
    ids = [r.id for r in records]
    evidence: dict[str, list[tuple[str, str, str, str, str]]] = {}
    keys_of: dict[str, set[str]] = {i: set() for i in ids}
    for source, relation, target, text in store.article_evidence(ids):
        key = relation_key(source, relation, target)
        entries = evidence_entries(text)
        evidence.setdefault(key, []).extend(entries)
        for entry in entries:
            keys_of.setdefault(entry[0], set()).add(key)
    out = FullChunk()
    for rel, keys in by_relation(evidence):
        plan: dict[str, list[list[Any]]] = {"create_more": [], "append": []}
        for key in keys:
            source, target = key_ends(key)
            columns = evidence_columns(evidence[key])
            out.evidence += columns["evidenceCount"]
            if key in written:
                plan["append"].append([source, target, *(columns[c] for c in CREATE_COLUMNS[1:])])
                continue
            row = create_row(source, target, key, props.get(key, {}), columns)
            plan["create_more"].append(padded(row, len(CREATE_COLUMNS) + 2))
            out.new_keys.append(key)
        out.relations[rel] = plan
    mentions = store.mentions(ids)
    for record in records:
        named = mentions.get(record.id, [])
        out.articles.append(article_props(record) | {
            "relations": sorted(keys_of[record.id]), "entities": named})
    return out


def write_chunk(tx: neo4j.ManagedTransaction, chunk: FullChunk, batch: int) -> None:
    """One transaction: the relationships these articles state, the articles and their
    MENTIONS (one per id in the article's `entities`)."""
    for rel, plan in chunk.relations.items():
        for action, rows in plan.items():
            unwind(tx, cypher.RELATION_WRITE[action].format(type=rel), rows, batch)
    unwind(tx, cypher.ARTICLE_CREATE_MENTIONING, chunk.articles, batch)
