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
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
    "CREATE CONSTRAINT kg_meta_key IF NOT EXISTS FOR (n:KgMeta) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
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
    if changes and _article_count(conn) != _stored_articles(store):
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
    mentions = _entity_articles(store)
    pending: dict[EntityKind, list[dict[str, Any]]] = {}
    count = 0
    for e in store.entities():
        rows = pending.setdefault(e.kind, [])
        rows.append({"id": e.id, "props": entity_props(e) | {"articles": mentions.get(e.id, [])}})
        count += 1
        if len(rows) >= batch_size:
            _create_entities(conn, e.kind, rows, batch_size)
            rows.clear()
    for kind, rows in pending.items():
        _create_entities(conn, kind, rows, batch_size)
    return count


def _create_entities(conn: Connection, kind: EntityKind, rows: list[dict], batch: int) -> None:
    query = ENTITY_CREATE.format(label=EntityKind(kind).value)
    with conn.session() as session:
        session.execute_write(_unwind, query, rows, batch)


def _entity_articles(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entity_id, article_id in store._conn.execute(  # see mentions_of
            "SELECT DISTINCT entity_id, article_id FROM article_entities "
            "ORDER BY entity_id, article_id"):
        out.setdefault(entity_id, []).append(article_id)
    return out


def wipe(conn: Connection, batch: int = 5000) -> None:
    """Remove what kg wrote (never other labels a user keeps in the same database)."""
    query = (
        "MATCH (n) WHERE n:Entity OR n:Article "
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


def _stored_articles(store: Store) -> int:
    # store.stats() groups every entity and relation: too slow for a check after 100 articles.
    return int(store._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


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
        written.update(rel_key(r.source, r.relation.value, r.target) for r in relations)
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


def _apply(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    """One transaction: forget what these articles said before, then write what they say now.
    The merging of evidence lists happens here in Python, from what the database holds."""
    old_keys, old_entities = _forget(tx, chunk)
    if chunk.written is None:
        _write_entities(tx, chunk)
    _write_relations(tx, chunk, old_keys)
    _unwind(tx, ARTICLE_MERGE, _article_rows(chunk), chunk.batch)
    _write_parties(tx, chunk)
    _drop_orphans(tx, chunk, old_entities)
    if chunk.revision is not None:
        _set_meta(tx, {"revision": chunk.revision})


def _forget(tx: neo4j.ManagedTransaction, chunk: Chunk) -> tuple[set[str], set[str]]:
    old_keys: set[str] = set()
    old_entities: set[str] = set()
    for record in tx.run(ARTICLE_STATE, ids=sorted(chunk.touched)):
        old_keys.update(record["relations"] or [])
        old_entities.update(record["entities"] or [])
    if chunk.deletes:
        tx.run(ARTICLE_DELETE, ids=chunk.deletes).consume()
    return old_keys, old_entities


def _write_entities(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    ids = [e.id for e in chunk.entities]
    existing = {r["id"]: r["articles"] or [] for r in tx.run(ENTITY_STATE, ids=ids)}
    creates: dict[EntityKind, list[dict[str, Any]]] = {}
    updates = []
    for e in chunk.entities:
        kept = [a for a in existing.get(e.id, []) if a not in chunk.touched]
        props = entity_props(e) | {"articles": sorted(set(kept) | set(chunk.mentions.get(e.id,
                                                                                          [])))}
        if e.id in existing:
            updates.append({"id": e.id, "props": props})
        else:
            creates.setdefault(e.kind, []).append({"id": e.id, "props": props})
    for kind, rows in sorted(creates.items()):
        _unwind(tx, ENTITY_CREATE.format(label=EntityKind(kind).value), rows, chunk.batch)
    _unwind(tx, ENTITY_SET, updates, chunk.batch)


def _write_relations(tx: neo4j.ManagedTransaction, chunk: Chunk, old_keys: set[str]) -> None:
    new = {rel_key(r.source, r.relation.value, r.target): r for r in chunk.relations}
    rows = [{"key": k, "source": s, "relation": t, "target": o}
            for k in sorted(set(new) | old_keys) if (parts := split_key(k)) for s, t, o in [parts]]
    for rel, part in _by_relation(rows):
        lookup = part if chunk.written is None else [r for r in part if r["key"] in chunk.written]
        query = RELATION_STATE.format(type=rel)
        existing = {r["key"]: r["evidence"] for r in tx.run(query, rows=lookup)} if lookup else {}
        plan: dict[str, list[dict[str, Any]]] = {"create": [], "set": [], "patch": [],
                                                 "delete": []}
        for row in part:
            _plan_relation(row, new.get(row["key"]), existing, chunk, plan)
        for action, rows_ in plan.items():
            _unwind(tx, RELATION_WRITE[action].format(type=rel), rows_, chunk.batch)


def _plan_relation(
    row: dict[str, Any], relation: Relation | None, existing: dict[str, Any], chunk: Chunk,
    plan: dict[str, list[dict[str, Any]]],
) -> None:
    old = existing.get(row["key"])
    columns = [c or [] for c in old] if old is not None else []
    kept = [e for e in zip(*columns, strict=False) if e[0] not in chunk.touched]
    evidence = evidence_lists(kept, relation.evidence if relation else [])
    if relation is not None:
        props = typed_props(relation.properties) | {"key": row["key"]} | evidence
        plan["set" if old is not None else "create"].append(row | {"props": props})
    elif old is not None and evidence["evidence_count"]:
        plan["patch"].append(row | {"props": evidence})
    elif old is not None:
        plan["delete"].append(row)


def _by_relation(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Rows grouped by relationship type; the type is checked against the schema enum because
    it is formatted into the Cypher text (types cannot be parameters)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(RelationType(row["relation"]).value, []).append(row)
    return sorted(groups.items())


def _article_rows(chunk: Chunk) -> list[dict[str, Any]]:
    keys: dict[str, set[str]] = {a: set() for a in chunk.records}
    ents: dict[str, set[str]] = {a: set() for a in chunk.records}
    for r in chunk.relations:
        for ev in r.evidence:
            keys.setdefault(ev.article, set()).add(rel_key(r.source, r.relation.value, r.target))
    for entity, articles in chunk.mentions.items():
        for a in articles:
            ents.setdefault(a, set()).add(entity)
    return [{"id": i, "props": article_props(a) | {"relations": sorted(keys[i]),
                                                   "entities": sorted(ents[i])}}
            for i, a in chunk.records.items()]


def _write_parties(tx: neo4j.ManagedTransaction, chunk: Chunk) -> None:
    deals = [e for e in chunk.entities if e.kind == EntityKind.DEAL]
    stated = {rel_key(r.source, r.relation.value, r.target) for r in chunk.relations}
    rows = [p for d in deals for p in party_rows(d) if p["key"] not in stated]
    _unwind(tx, PARTY_RESET, [{"deal": d.id} for d in deals], chunk.batch)
    _unwind(tx, PARTY_CREATE, rows, chunk.batch)


def _drop_orphans(tx: neo4j.ManagedTransaction, chunk: Chunk, old: set[str]) -> None:
    """Entities these articles mentioned before and nobody mentions now."""
    gone = sorted(old - {e.id for e in chunk.entities})
    rows = [{"id": r["id"], "articles": [a for a in r["articles"] or [] if a not in chunk.touched]}
            for r in tx.run(ENTITY_STATE, ids=gone)]
    _unwind(tx, ENTITY_ARTICLES, [r for r in rows if r["articles"]], chunk.batch)
    _unwind(tx, ENTITY_DELETE, [r for r in rows if not r["articles"]], chunk.batch)


def _unwind(tx: neo4j.ManagedTransaction, query: str, rows: list[dict], batch: int) -> None:
    for start in range(0, len(rows), batch):
        tx.run(query, rows=rows[start : start + batch]).consume()


# Labels and relationship types are formatted in only from the schema enums (checked above);
# every value travels as a parameter. CREATE rather than MERGE where the transaction has just
# looked the row up: ArcadeDB plans a two-label MERGE as a scan.
ARTICLE_STATE = (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) "
    "RETURN a.id AS id, a.relations AS relations, a.entities AS entities"
)
ARTICLE_DELETE = "UNWIND $ids AS id MATCH (a:Article {id: id}) DETACH DELETE a"
ARTICLE_MERGE = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row.props"
ENTITY_STATE = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.articles AS articles"
)
ENTITY_CREATE = "UNWIND $rows AS row CREATE (n:Entity:{label}) SET n = row.props"
ENTITY_SET = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n = row.props"
ENTITY_ARTICLES = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n.articles = row.articles"
ENTITY_DELETE = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) DETACH DELETE n"
_REL_MATCH = (
    "UNWIND $rows AS row "
    "MATCH (s:Entity {{id: row.source}})-[r:{type}]->(t:Entity {{id: row.target}}) "
)
RELATION_STATE = _REL_MATCH + (
    "RETURN row.key AS key, [r.evidence_articles, r.evidence_sentences, r.evidence_langs, "
    "r.evidence_source_urls] AS evidence"
)
RELATION_WRITE = {
    "create": "UNWIND $rows AS row MATCH (s:Entity {{id: row.source}}) "
              "MATCH (t:Entity {{id: row.target}}) CREATE (s)-[r:{type}]->(t) SET r = row.props",
    "set": _REL_MATCH + "SET r = row.props",
    "patch": _REL_MATCH + "SET r += row.props",
    "delete": _REL_MATCH + "DELETE r",
}
PARTY_RESET = (
    "UNWIND $rows AS row MATCH (:Entity)-[r:PARTY_TO]->(d:Entity {id: row.deal}) "
    "WHERE r.derived = true DELETE r"
)
PARTY_CREATE = (
    "UNWIND $rows AS row MATCH (p:Entity {id: row.party}) MATCH (d:Entity {id: row.deal}) "
    "CREATE (p)-[r:PARTY_TO]->(d) SET r.role = row.role, r.key = row.key, r.derived = true"
)


# --- rows: store models -> plain, typed property maps -----------------------------------------

DATE_KEYS = ("date", "published", "since", "until")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def rel_key(source: str, relation: str, target: str) -> str:
    return f"{source}|{relation}|{target}"


def split_key(key: str) -> tuple[str, str, str] | None:
    parts = key.split("|")  # entity ids are slugs: they never contain "|"
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def evidence_lists(kept: list[tuple[Any, ...]], new: list[Evidence]) -> dict[str, Any]:
    """Parallel lists (a property cannot hold maps), ordered by article then as stated."""
    entries = list(kept) + [(e.article, e.sentence, e.lang or "", e.source_url or "")
                            for e in new]
    entries.sort(key=lambda e: e[0])
    columns = [list(c) for c in zip(*entries, strict=True)] if entries else [[], [], [], []]
    return {
        "evidence_articles": columns[0], "evidence_sentences": columns[1],
        "evidence_langs": columns[2], "evidence_source_urls": columns[3],
        "articles": sorted(set(columns[0])), "evidence_count": len(entries),
    }


def entity_props(e: Entity) -> dict[str, Any]:
    props = typed_props({k: v for k, v in e.properties.items() if k != "parties"})
    return props | {"id": e.id, "name": e.name, "kind": e.kind.value, "aliases": list(e.aliases)}


def article_props(a: Any) -> dict[str, Any]:
    props = {k: getattr(a, k, None) for k in ("id", "file", "title", "lang", "url",
                                               "content_hash")}
    props["format"] = str(getattr(a, "format", "") or "")
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
    try:
        value = dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return {key: text}
    precision = "day" if m[3] else "month" if m[2] else "year"
    return {key: value} if precision == "day" else {key: value, f"{key}_precision": precision}


def party_rows(deal: Entity) -> list[dict[str, Any]]:
    rows = []
    for party in deal.properties.get("parties") or []:
        if isinstance(party, dict) and party.get("id"):
            key = rel_key(party["id"], RelationType.PARTY_TO.value, deal.id)
            rows.append({"party": party["id"], "deal": deal.id,
                         "role": party.get("role") or "party", "key": key})
    return rows
