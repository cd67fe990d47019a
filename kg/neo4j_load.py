"""Push the store into a Bolt database (Neo4j, Aura, or the embedded ArcadeDB), idempotently.

The graph in the database:
- `(:Entity:<Kind> {id, name, kind, aliases, ...typed properties})`: one label per kind plus the
  shared `Entity` label; dates are dates, amounts numbers with `currency` beside them.
- `(:Article {id, title, url, published, ...})-[:MENTIONS]->(:Entity)`.
- one relationship per (source, type, target), type from `RelationType` only, with the store's
  properties plus `key`, `articles` (ids of the supporting articles) and `evidence_count`.
- `(:Evidence {key, rel_key, article, sentences, langs, ...})-[:FROM]->(:Article)`: the sentences
  one article gives for one relationship (`rel_key` = the relationship's `key`).
- `(:KgMeta {key: "load"})`: which store and revision the database holds.

Each transaction writes whole articles (old facts removed, new ones merged, the affected
relationships recounted), so a crash never leaves half an article, and a rerun resumes.

    with Store.open("kg-data") as store, connect(ConnectionSettings.resolve(), data) as conn:
        summary = load(store, conn)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import exceptions as nx
from pydantic import BaseModel

from kg.connection import Connection, describe_error
from kg.errors import StoreError
from kg.schema import Entity, EntityKind, Evidence, Relation, RelationType

if TYPE_CHECKING:
    from kg.store import Store

META_KEY = "load"
SCHEMA = [
    "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_evidence_key IF NOT EXISTS FOR (n:Evidence) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT kg_meta_key IF NOT EXISTS FOR (n:KgMeta) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX kg_evidence_rel IF NOT EXISTS FOR (n:Evidence) ON (n.rel_key)",
    "CREATE INDEX kg_evidence_article IF NOT EXISTS FOR (n:Evidence) ON (n.article)",
]


class LoadSummary(BaseModel):
    mode: str  # "full" | "incremental" | "unchanged"
    articles_written: int = 0
    articles_deleted: int = 0
    entities: int = 0
    relations: int = 0
    evidence: int = 0
    revision: int = 0
    seconds: float = 0.0


def load(
    store: Store,
    conn: Connection,
    batch_size: int = 1000,
    tx_articles: int = 200,
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
        if not full and _matches(meta, store_id, store.revision):
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
        for statement in SCHEMA:
            session.run(statement).consume()


def read_meta(conn: Connection) -> dict[str, Any] | None:
    rows = conn.run("MATCH (m:KgMeta {key: $key}) RETURN m{.*} AS meta", {"key": META_KEY})
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
    if changes and _article_count(conn) != store.stats().articles:
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
    records = {a.id: a for a in store.articles()}
    for chunk in _chunks(list(records), tx_articles):
        part = {i: records[i] for i in chunk}
        _write_chunk(store, conn, list(chunk), [], None, batch_size, summary, part)
    _write_meta(conn, {"store": store_id, "revision": revision, "complete": True})
    return summary


def wipe(conn: Connection, batch: int = 5000) -> None:
    """Remove what kg wrote (never other labels a user keeps in the same database)."""
    query = (
        "MATCH (n) WHERE n:Entity OR n:Article OR n:Evidence "
        "WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n"
    )
    while True:
        with conn.session() as session:
            deleted = session.execute_write(_single, query, {"batch": batch})
        if not deleted:
            return


def _single(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> Any:
    record = tx.run(query, params).single()
    return None if record is None else record[0]


def _write_meta(conn: Connection, values: dict[str, Any]) -> None:
    with conn.session() as session:
        session.execute_write(_set_meta, values)


def _set_meta(tx: neo4j.ManagedTransaction, values: dict[str, Any]) -> None:
    tx.run("MERGE (m:KgMeta {key: $key}) SET m += $values", key=META_KEY, values=values).consume()


def _article_count(conn: Connection) -> int:
    return int(conn.run("MATCH (a:Article) RETURN count(a) AS n")[0]["n"])


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _write_chunk(
    store: Store,
    conn: Connection,
    upserts: list[str],
    deletes: list[str],
    revision: int | None,
    batch_size: int,
    summary: LoadSummary,
    records: dict[str, Any] | None = None,
) -> None:
    entities, relations = store.facts_of(upserts) if upserts else ([], [])
    records = records if records is not None else _records(store, upserts)
    rows = build_rows(records, entities, relations, mentions_of(store, upserts))
    with conn.session() as session:
        session.execute_write(_apply, rows, upserts + deletes, deletes, revision, batch_size)
    summary.articles_written += len(upserts)
    summary.articles_deleted += len(deletes)
    summary.entities += len(rows.entities)
    summary.relations += len(rows.relations)
    summary.evidence += len(rows.evidence)


def _records(store: Store, ids: list[str]) -> dict[str, Any]:
    """Article metadata by id, one lookup per changed article (an incremental load must not read
    the whole store)."""
    found = ((i, store.article(i)) for i in ids)
    return {i: a for i, a in found if a is not None}


def mentions_of(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """article id -> ids of the entities it mentions. Uses `store.mentions(ids)` when the store
    offers it; otherwise reads the store's per-article entity table."""
    if not ids:
        return {}
    if hasattr(store, "mentions"):
        return dict(store.mentions(ids))
    out: dict[str, list[str]] = {i: [] for i in ids}
    conn = store._conn  # no public per-article entity lookup yet (asked for in the report)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for article_id, entity_id in conn.execute(
            f"SELECT DISTINCT article_id, entity_id FROM article_entities "
            f"WHERE article_id IN ({marks})", part):
            out[article_id].append(entity_id)
    return out


def _apply(
    tx: neo4j.ManagedTransaction,
    rows: ChunkRows,
    touched: list[str],
    deletes: list[str],
    revision: int | None,
    batch_size: int,
) -> None:
    """One transaction: forget what these articles said before, then write what they say now."""
    old_keys, old_entities = _forget(tx, touched, deletes)
    for kind, part in _by(rows.entities, "kind"):
        _unwind(tx, ENTITY_MERGE.format(label=EntityKind(kind).value), part, batch_size)
    _unwind(tx, ARTICLE_MERGE, rows.articles, batch_size)
    _unwind(tx, MENTIONS_MERGE, rows.mentions, batch_size)
    for rel, part in _by(rows.relations, "relation"):
        _unwind(tx, RELATION_MERGE.format(type=RelationType(rel).value), part, batch_size)
    _unwind(tx, EVIDENCE_MERGE, rows.evidence, batch_size)
    _unwind(tx, PARTY_RESET, [{"deal": d} for d in rows.deals], batch_size)
    _unwind(tx, PARTY_MERGE, rows.parties, batch_size)
    keys = {r["key"]: r for r in rows.relations}
    keys.update({k["key"]: k for k in old_keys if k["key"] not in keys})
    for rel, part in _by(list(keys.values()), "relation"):
        _unwind(tx, RELATION_RECOUNT.format(type=RelationType(rel).value), part, batch_size)
    _unwind(tx, ORPHANS_DELETE, [{"id": i} for i in old_entities], batch_size)
    if revision is not None:
        _set_meta(tx, {"revision": revision})


def _forget(
    tx: neo4j.ManagedTransaction, article_ids: list[str], deletes: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    if not article_ids:
        return [], []
    keys = [r.data() for r in tx.run(EVIDENCE_OF, ids=article_ids)]
    entities = [r["id"] for r in tx.run(MENTIONED_BY, ids=article_ids)]
    tx.run(EVIDENCE_DELETE, ids=article_ids).consume()
    tx.run(MENTIONS_DELETE, ids=article_ids).consume()
    if deletes:
        tx.run(ARTICLE_DELETE, ids=deletes).consume()
    return [dict(k, key=rel_key(k["source"], k["relation"], k["target"])) for k in keys], entities


def _unwind(tx: neo4j.ManagedTransaction, query: str, rows: list[dict], batch: int) -> None:
    for start in range(0, len(rows), batch):
        tx.run(query, rows=rows[start : start + batch]).consume()


def _by(rows: Iterable[dict[str, Any]], field: str) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[field], []).append(row)
    return sorted(groups.items())


# Labels and relationship types are formatted in only from the schema enums (validated above);
# every value travels as a parameter.
ENTITY_MERGE = "UNWIND $rows AS row MERGE (n:Entity:{label} {{id: row.id}}) SET n = row.props"
ARTICLE_MERGE = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row.props"
MENTIONS_MERGE = (
    "UNWIND $rows AS row MATCH (a:Article {id: row.article}) MATCH (e:Entity {id: row.entity}) "
    "MERGE (a)-[:MENTIONS]->(e)"
)
RELATION_MERGE = (
    "UNWIND $rows AS row MATCH (s:Entity {{id: row.source}}) MATCH (t:Entity {{id: row.target}}) "
    "MERGE (s)-[r:{type}]->(t) SET r = row.props"
)
EVIDENCE_MERGE = (
    "UNWIND $rows AS row MATCH (a:Article {id: row.article}) "
    "MERGE (e:Evidence {key: row.key}) SET e = row.props MERGE (e)-[:FROM]->(a)"
)
PARTY_RESET = (
    "UNWIND $rows AS row MATCH (:Entity)-[r:PARTY_TO]->(d:Entity {id: row.deal}) "
    "WHERE r.derived = true DELETE r"
)
PARTY_MERGE = (
    "UNWIND $rows AS row MATCH (p:Entity {id: row.party}) MATCH (d:Entity {id: row.deal}) "
    "MERGE (p)-[r:PARTY_TO]->(d) SET r.role = row.role, r.key = row.key, "
    "r.derived = coalesce(r.derived, true)"
)
RELATION_RECOUNT = (
    "UNWIND $rows AS row MATCH (s:Entity {{id: row.source}})-[r:{type}]->"
    "(t:Entity {{id: row.target}}) "
    "OPTIONAL MATCH (e:Evidence {{rel_key: row.key}}) "
    "WITH r, collect(DISTINCT e.article) AS arts "
    "SET r.articles = arts, r.evidence_count = size(arts) "
    "WITH r, arts WHERE size(arts) = 0 AND coalesce(r.derived, false) = false DELETE r"
)
EVIDENCE_OF = (
    "UNWIND $ids AS id MATCH (e:Evidence {article: id}) "
    "RETURN DISTINCT e.source AS source, e.relation AS relation, e.target AS target"
)
MENTIONED_BY = (
    "UNWIND $ids AS id MATCH (:Article {id: id})-[:MENTIONS]->(e) RETURN DISTINCT e.id AS id"
)
EVIDENCE_DELETE = "UNWIND $ids AS id MATCH (e:Evidence {article: id}) DETACH DELETE e"
MENTIONS_DELETE = "UNWIND $ids AS id MATCH (:Article {id: id})-[m:MENTIONS]->() DELETE m"
ARTICLE_DELETE = "UNWIND $ids AS id MATCH (a:Article {id: id}) DETACH DELETE a"
ORPHANS_DELETE = (
    "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) "
    "WHERE NOT EXISTS { (n)<-[:MENTIONS]-(:Article) } DETACH DELETE n"
)


# --- rows: store models -> plain, typed property maps -----------------------------------------

DATE_KEYS = ("date", "published", "since", "until")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


@dataclass
class ChunkRows:
    entities: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    deals: list[str] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)


def rel_key(source: str, relation: str, target: str) -> str:
    return f"{source}|{relation}|{target}"


def build_rows(
    records: dict[str, Any],
    entities: list[Entity],
    relations: list[Relation],
    mentions: dict[str, list[str]],
) -> ChunkRows:
    rows = ChunkRows()
    for e in entities:
        rows.entities.append({"id": e.id, "kind": e.kind.value, "props": entity_props(e)})
        if e.kind == EntityKind.DEAL:
            rows.deals.append(e.id)
            rows.parties.extend(_party_rows(e))
    rows.articles = [{"id": i, "props": article_props(a)} for i, a in records.items()]
    seen: set[tuple[str, str]] = {(a, e) for a, ids in mentions.items() for e in ids}
    for r in relations:
        key = rel_key(r.source, r.relation.value, r.target)
        props = typed_props(r.properties) | {"key": key}
        rows.relations.append({"source": r.source, "target": r.target,
                               "relation": r.relation.value, "key": key, "props": props})
        for article, items in _group_evidence(r.evidence).items():
            rows.evidence.append(_evidence_row(r, key, article, items))
            seen.update({(article, r.source), (article, r.target)})
    rows.mentions = [{"article": a, "entity": e} for a, e in sorted(seen) if a in records]
    return rows


def entity_props(e: Entity) -> dict[str, Any]:
    props = typed_props({k: v for k, v in e.properties.items() if k != "parties"})
    return props | {"id": e.id, "name": e.name, "kind": e.kind.value, "aliases": list(e.aliases)}


def article_props(a: Any) -> dict[str, Any]:
    props = {k: getattr(a, k, None) for k in ("id", "file", "format", "title", "lang", "url",
                                               "content_hash")}
    props["format"] = str(props["format"]) if props["format"] is not None else None
    props["name"] = a.title or a.id  # Browser and Bloom caption nodes by `name`
    props["langs"] = list(getattr(a, "langs", []) or [])
    props |= typed_props({"published": getattr(a, "published", None)})
    return {k: v for k, v in props.items() if v is not None}


def typed_props(values: dict[str, Any]) -> dict[str, Any]:
    """Neo4j property values: dates as dates, scalars and flat lists as they are, anything
    nested as JSON text under `<key>_json` (a property cannot hold a map)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, str) and key.endswith(DATE_KEYS):
            out |= _date_prop(key, value)
        elif isinstance(value, bool | int | float | str):
            out[key] = value
        elif isinstance(value, list) and _flat(value):
            out[key] = value
        else:
            out[f"{key}_json"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return out


def _flat(values: list[Any]) -> bool:
    kinds = {type(v) for v in values}
    return len(kinds) <= 1 and kinds <= {str, int, float, bool}


def _date_prop(key: str, text: str) -> dict[str, Any]:
    """'2024-06-11' -> a date; '2024-06' and '2024' -> the first day plus `<key>_precision`, so
    ORDER BY and date arithmetic work on every deal; anything else stays text."""
    m = ISO_DATE.match(text.strip())
    if not m:
        return {key: text}
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return {key: text}
    precision = "day" if m[3] else "month" if m[2] else "year"
    return {key: value} if precision == "day" else {key: value, f"{key}_precision": precision}


def _group_evidence(evidence: list[Evidence]) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for ev in evidence:
        grouped.setdefault(ev.article, []).append(ev)
    return grouped


def _evidence_row(r: Relation, key: str, article: str, items: list[Evidence]) -> dict[str, Any]:
    first = items[0]
    props = {
        "key": f"{key}#{article}", "rel_key": key, "article": article,
        "source": r.source, "relation": r.relation.value, "target": r.target,
        "name": first.sentence[:80], "sentences": [e.sentence for e in items],
        "langs": [e.lang or "" for e in items], "file": first.file,
        "extractors": sorted({e.extractor for e in items}),
        "source_urls": sorted({e.source_url for e in items if e.source_url}),
    } | typed_props({"published": first.published, "title": first.title})
    return {"key": props["key"], "article": article, "props": props}


def _party_rows(deal: Entity) -> list[dict[str, Any]]:
    rows = []
    for party in deal.properties.get("parties") or []:
        if isinstance(party, dict) and party.get("id"):
            key = rel_key(party["id"], RelationType.PARTY_TO.value, deal.id)
            rows.append({"party": party["id"], "deal": deal.id,
                         "role": party.get("role") or "party", "key": key})
    return rows
