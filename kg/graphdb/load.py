"""Push the store into a Bolt database (Neo4j, Aura, or the embedded ArcadeDB), idempotently.

The graph in the database:
- `(:Entity:<Kind> {id, name, kind, aliases, articles, ...typed properties})`: one label per kind
  plus the shared `Entity` label; dates are dates, amounts numbers with `currency` beside them;
  `articles` lists the articles that mention it.
- one relationship per (source, type, target), type from `RelationType` only, with the store's
  properties plus `key`, `articles` (supporting article ids) and the evidence as parallel lists
  `evidence_articles`, `evidence_sentences`, `evidence_langs`, `evidence_source_urls`.
- `(:Article {id, name, title, url, published, relations, entities})`: `relations` are the keys
  of the relationships it supports, so "which articles support this edge" is one lookup each way.
- `PARTY_TO` (party -> deal, `role`) from each Deal's parties; `(:KgMeta {key: "load"})` records
  which store and revision the database holds.

Each transaction carries whole articles: what they said before is taken out of the evidence
lists, what they say now is put in, and relationships or entities nobody supports any more are
deleted. A crash never leaves half an article, and a rerun resumes where it stopped.

    with Store.open("kg-data") as store, connect(ConnectionSettings.resolve(), data) as conn:
        summary = load(store, conn)

The statements it sends are in kg.graphdb.statements, the rows they read built by
kg.graphdb.rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import exceptions as nx
from pydantic import BaseModel

from kg.errors import StoreError
from kg.graphdb import statements as cypher
from kg.graphdb.connection import Connection, describe_error
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

if TYPE_CHECKING:
    from kg.store import Store

META_KEY = "load"


class LoadSummary(BaseModel):
    """What a load did: its mode, what it wrote, the store revision reached, and how long."""

    mode: str  # "full" | "incremental" | "unchanged"
    articles_written: int = 0
    articles_deleted: int = 0
    entities: int = 0
    relations: int = 0
    evidence: int = 0
    revision: int = 0
    seconds: float = 0.0


# Measured with benchmarks/bench_load.py on embedded ArcadeDB: 5000/1000 loaded ~1.5x faster
# than 1000/200 in paired runs; memory stays small (rows are flat lists).
BATCH_SIZE = 5000
TX_ARTICLES = 1000


def load(
    store: Store,
    conn: Connection,
    batch_size: int = BATCH_SIZE,
    tx_articles: int = TX_ARTICLES,
    full: bool = False,
) -> LoadSummary:
    """Bring the database up to the store's revision: only the changed articles when the
    database already holds an earlier revision of this store, everything otherwise."""
    if batch_size < 1 or tx_articles < 1:
        raise StoreError(f"batch size {batch_size} / articles per transaction {tx_articles}: "
                         "must be at least 1")
    started = time.perf_counter()
    try:
        ensure_schema(conn)
        meta = read_meta(conn)
        store_id = str(Path(store.path).resolve())
        if not full and meta is not None and _matches(meta, store_id, store.revision):
            summary = _incremental(store, conn, int(meta["revision"]), batch_size, tx_articles)
        else:
            summary = _full(store, conn, store_id, batch_size, tx_articles)
    except (nx.Neo4jError, nx.DriverError) as exc:
        raise describe_error(exc, conn.uri, conn.database) from exc
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def ensure_schema(conn: Connection) -> None:
    """Constraints before any MERGE: they make MERGE a lookup instead of a scan (and unique)."""
    with conn.session() as session:
        for statement in cypher.SCHEMA:
            session.run(statement).consume()


def read_meta(conn: Connection) -> dict[str, Any] | None:
    """The database's record of which store and revision it holds (None before a first load)."""
    rows = conn.run(cypher.META_READ, {"key": META_KEY})
    return rows[0]["meta"] if rows else None


def _matches(meta: dict[str, Any] | None, store_id: str, revision: int) -> bool:
    """The database holds a complete load of this very store at a revision we can step from."""
    return (
        meta is not None
        and meta.get("store") == store_id
        and meta.get("complete") is True
        and isinstance(meta.get("revision"), int)
        and 0 <= meta["revision"] <= revision
    )


def _incremental(
    store: Store, conn: Connection, since: int, batch_size: int, tx_articles: int
) -> LoadSummary:
    changes = store.changes_since(since)
    summary = LoadSummary(mode="incremental" if changes else "unchanged", revision=since)
    for chunk in _chunks(changes, tx_articles):
        upserts = [c.article_id for c in chunk if c.action == "upsert"]
        deletes = [c.article_id for c in chunk if c.action == "delete"]
        _write_chunk(store, conn, upserts, deletes, chunk[-1].revision, batch_size, summary)
    summary.revision = store.revision
    if changes and _article_count(conn) != store.article_count():
        # Someone else edited the database since our last load: start again from the store.
        return _full(store, conn, str(Path(store.path).resolve()), batch_size, tx_articles)
    _write_meta(conn, {"revision": store.revision, "complete": True})
    return summary


def _full(
    store: Store, conn: Connection, store_id: str, batch_size: int, tx_articles: int
) -> LoadSummary:
    revision = store.revision  # taken first: later writes show up in the next incremental load
    _write_meta(conn, {"store": store_id, "revision": -1, "complete": False})
    wipe(conn)
    summary = LoadSummary(mode="full", revision=revision)
    summary.entities = _write_all_entities(store, conn, batch_size)
    records = {a.id: a for a in store.articles()}
    written: set[str] = set()  # relationship keys this load has created so far
    for chunk in _chunks(list(records), tx_articles):
        part = {i: records[i] for i in chunk}
        _write_chunk(store, conn, list(chunk), [], None, batch_size, summary, part, written)
    _write_meta(conn, {"store": store_id, "revision": revision, "complete": True})
    return summary


def _write_all_entities(store: Store, conn: Connection, batch_size: int) -> int:
    """A full load writes every entity once, up front, in big batches; the article
    transactions that follow then only touch relationships and articles."""
    mentions = store.entity_articles()
    pending: dict[EntityKind, list[dict[str, Any]]] = {}
    count = 0
    for e in store.entities():
        rows = pending.setdefault(e.kind, [])
        rows.append(entity_props(e) | {"articles": mentions.get(e.id, [])})
        count += 1
        if len(rows) >= batch_size:
            _create_entities(conn, e.kind, rows, batch_size)
            rows.clear()
    for kind, rows in pending.items():
        _create_entities(conn, kind, rows, batch_size)
    return count


def _create_entities(conn: Connection, kind: EntityKind, rows: list[dict], batch: int) -> None:
    with conn.session() as session:
        session.execute_write(_new_entities, kind, rows, batch)


def _new_entities(
    tx: neo4j.ManagedTransaction, kind: EntityKind, rows: list[dict[str, Any]], batch: int
) -> None:
    """Entities known not to exist yet: CREATE, no look-up (ArcadeDB plans a two-label MERGE
    as a scan)."""
    flat = [flat_row([], props, cypher.ENTITY_COLUMNS) for props in rows]
    label = EntityKind(kind).value
    _unwind(tx, cypher.ENTITY_CREATE.format(label=label),
            [r for r in flat if len(r) == len(cypher.ENTITY_COLUMNS)], batch)
    _unwind(tx, cypher.ENTITY_CREATE_MORE.format(label=label),
            [r for r in flat if len(r) > len(cypher.ENTITY_COLUMNS)], batch)


def wipe(conn: Connection, batch: int = 5000) -> None:
    """Remove what kg wrote (never other labels a user keeps in the same database)."""
    while True:
        with conn.session() as session:
            deleted = session.execute_write(_single, cypher.WIPE, {"batch": batch})
        if not deleted:
            return


def _single(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> Any:
    record = tx.run(query, params).single()
    return None if record is None else record[0]


def _write_meta(conn: Connection, values: dict[str, Any]) -> None:
    with conn.session() as session:
        session.execute_write(_set_meta, values)


def _set_meta(tx: neo4j.ManagedTransaction, values: dict[str, Any]) -> None:
    tx.run(cypher.META_SET, key=META_KEY, values=values).consume()


def _article_count(conn: Connection) -> int:
    return int(conn.run(cypher.ARTICLE_COUNT)[0]["n"])


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


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
    written: set[str] | None = None  # full load: relationship keys created by earlier chunks

    @property
    def touched(self) -> set[str]:
        return set(self.upserts) | set(self.deletes)


def _write_chunk(
    store: Store,
    conn: Connection,
    upserts: list[str],
    deletes: list[str],
    revision: int | None,
    batch_size: int,
    summary: LoadSummary,
    records: dict[str, Any] | None = None,
    written: set[str] | None = None,
) -> None:
    """`written` is given by a full load: the keys it created so far (any other key cannot be
    in the freshly wiped database, so it is created without a lookup), entities already in."""
    entities, relations = store.facts_of(upserts) if upserts else ([], [])
    records = records if records is not None else _records(store, upserts)
    mentions: dict[str, list[str]] = {}
    for article, ids in mentions_of(store, upserts).items():
        for entity in ids:
            mentions.setdefault(entity, []).append(article)
    chunk = Chunk(upserts, deletes, records, entities, relations, mentions, revision, batch_size,
                  written)
    with conn.session() as session:
        session.execute_write(_apply, chunk)
    if written is not None:
        written.update(relation_key(r.source, r.relation, r.target) for r in relations)
    else:
        summary.entities += len(entities)
    summary.articles_written += len(upserts)
    summary.articles_deleted += len(deletes)
    summary.relations += len(relations)
    summary.evidence += sum(len(r.evidence) for r in relations)


def _records(store: Store, ids: list[str]) -> dict[str, Any]:
    """Article metadata by id, one lookup per changed article (an incremental load must not read
    the whole store)."""
    found = ((i, store.article(i)) for i in ids)
    return {i: a for i, a in found if a is not None}


def mentions_of(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """article id -> ids of the entities it mentions."""
    return dict(store.mentions(ids)) if ids else {}


def _apply(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    """One transaction: forget what these articles said before, then write what they say now.
    The merging of evidence lists happens here in Python, from what the database holds."""
    old_keys, old_entities, known = _forget(tx, chunk)
    if chunk.written is None:
        _write_entities(tx, chunk)
    _write_relations(tx, chunk, old_keys)
    rows = article_rows(chunk.records, chunk.relations, chunk.mentions)
    _unwind(tx, cypher.ARTICLE_SET, [r for r in rows if r["id"] in known], chunk.batch)
    _unwind(tx, cypher.ARTICLE_CREATE, [r for r in rows if r["id"] not in known], chunk.batch)
    _write_parties(tx, chunk)
    _drop_orphans(tx, chunk, old_entities)
    if chunk.revision is not None:
        _set_meta(tx, {"revision": chunk.revision})


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
        _new_entities(tx, kind, rows, chunk.batch)
    _unwind(tx, cypher.ENTITY_SET, updates, chunk.batch)


def _write_relations(tx: neo4j.ManagedTransaction, chunk: Chunk, old_keys: set[str]) -> None:
    """Per relationship type: read the evidence the database holds for keys that may exist,
    then create, replace, patch or delete (rows are plain lists: less to pack and send)."""
    new = {relation_key(r.source, r.relation, r.target): r for r in chunk.relations}
    for rel, keys in by_relation(set(new) | old_keys):
        lookup = keys if chunk.written is None else [k for k in keys if k in chunk.written]
        existing = _relation_state(tx, rel, lookup)
        plan = plan_relations(keys, new, existing, chunk.touched)
        for action, rows in plan.items():
            _unwind(tx, cypher.RELATION_WRITE[action].format(type=rel), rows, chunk.batch)


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
    _unwind(tx, cypher.PARTY_RESET, [{"deal": d.id} for d in deals], chunk.batch)
    _unwind(tx, cypher.PARTY_CREATE, rows, chunk.batch)


def _drop_orphans(tx: neo4j.ManagedTransaction, chunk: Chunk, old: set[str]) -> None:
    """Entities these articles mentioned before and nobody mentions now."""
    gone = sorted(old - {e.id for e in chunk.entities})
    if not gone:  # always so in a full load: skip the round trip
        return
    rows = [{"id": r["id"], "articles": [a for a in r["articles"] or [] if a not in chunk.touched]}
            for r in tx.run(cypher.ENTITY_STATE, ids=gone)]
    _unwind(tx, cypher.ENTITY_ARTICLES, [r for r in rows if r["articles"]], chunk.batch)
    _unwind(tx, cypher.ENTITY_DELETE, [r for r in rows if not r["articles"]], chunk.batch)


def _unwind(tx: neo4j.ManagedTransaction, query: str, rows: Sequence[Any], batch: int) -> None:
    for start in range(0, len(rows), batch):
        tx.run(query, rows=rows[start : start + batch]).consume()
