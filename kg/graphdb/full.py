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
from kg.graphdb.chunk import new_entities, unwind
from kg.graphdb.connection import Connection
from kg.graphdb.rows import (
    CREATE_COLUMNS,
    article_props,
    by_relation,
    create_row,
    entity_props,
    evidence_columns,
    evidence_entries,
    key_ends,
    party_rows,
    typed_props,
)
from kg.schema import EntityKind

if TYPE_CHECKING:
    from kg.store import Store
    from kg.store.rows import ArticleRecord


def relation_properties(store: Store) -> dict[str, dict[str, Any]]:
    """Relationship key -> its typed properties merged across the store (every key, most
    with none)."""
    return {f"{s}|{r}|{t}": typed_props(p) if p else {}
            for s, r, t, p in store.relation_properties()}


def write_entities(store: Store, conn: Connection, stated: Iterable[str], batch: int) -> int:
    """Every entity, then every deal's PARTY_TO except those an article states itself."""
    mentions = store.entity_articles()
    pending: dict[EntityKind, list[dict[str, Any]]] = {}
    parties: list[dict[str, Any]] = []
    count = 0
    for e in store.entities():
        rows = pending.setdefault(e.kind, [])
        rows.append(entity_props(e) | {"articles": mentions.get(e.id, [])})
        count += 1
        if e.kind == EntityKind.DEAL:
            parties += party_rows(e)
        if len(rows) >= batch:
            _write(conn, new_entities, e.kind, rows, batch)
            rows.clear()
    for kind, rows in pending.items():
        _write(conn, new_entities, kind, rows, batch)
    known = set(stated)
    _write(conn, unwind, cypher.PARTY_CREATE, [p for p in parties if p["key"] not in known],
           batch)
    return count


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
    evidence: dict[str, list[tuple[str, str, str, str]]] = {}
    keys_of: dict[str, set[str]] = {i: set() for i in ids}
    for source, relation, target, text in store.article_evidence(ids):
        key = f"{source}|{relation}|{target}"
        entries = evidence_entries(text)
        evidence.setdefault(key, []).extend(entries)
        for entry in entries:
            keys_of.setdefault(entry[0], set()).add(key)
    out = FullChunk()
    for rel, keys in by_relation(evidence):
        plan: dict[str, list[list[Any]]] = {"create": [], "create_more": [], "append": []}
        for key in keys:
            source, target = key_ends(key)
            columns = evidence_columns(evidence[key])
            out.evidence += columns["evidenceCount"]
            if key in written:
                plan["append"].append([source, target, *(columns[c] for c in CREATE_COLUMNS[1:])])
                continue
            row = create_row(source, target, key, props.get(key, {}), columns)
            plan["create" if len(row) == len(CREATE_COLUMNS) + 2 else "create_more"].append(row)
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
