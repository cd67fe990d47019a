"""Relationships per second: `kg load` (UNWIND batches, whole articles per transaction) against
one auto-committed query per relationship, on the same server, plus an incremental reload.

    python benchmarks/bench_load.py                      # embedded ArcadeDB, 50,000 relations
    python benchmarks/bench_load.py --relations 5000     # quick look
    python benchmarks/bench_load.py --batch-size 5000 --tx-articles 1000   # fewer, bigger txs
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... python benchmarks/bench_load.py

The naive side runs on a sample (--naive-sample relationships, the store's first) and reports its
rate; both sides write the same relationships with the same properties and evidence lists, each
into a fresh database on its own fresh server with the same schema (unique index on Entity.id).
The naive side gets its entities loaded beforehand, untimed; `kg load` is timed end to end.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.graphdb.connection import Connection, ConnectionSettings, connect
from kg.graphdb.embedded import ensure_server
from kg.graphdb.load import ensure_schema, load, wipe
from kg.graphdb.rows import entity_props, evidence_lists, typed_props
from kg.schema import (
    Article,
    ArticleFormat,
    Entity,
    EntityKind,
    Evidence,
    ExtractionResult,
    Relation,
    RelationType,
    entity_id,
)
from kg.store import Store

TYPES = [RelationType.DEPENDS_ON, RelationType.INVESTS_IN, RelationType.PARTNERS_WITH,
         RelationType.ACQUIRES, RelationType.COMPETES_WITH]


def synthetic_pair(n: int, rng: random.Random, companies: int, per_article: int) -> tuple:
    aid = f"bench-{n}"
    names = [f"Company {rng.randrange(companies)}" for _ in range(per_article * 2)]
    ents = {entity_id(EntityKind.COMPANY, x): Entity(id=entity_id(EntityKind.COMPANY, x), name=x,
                                                     kind=EntityKind.COMPANY) for x in names}
    rels = {}
    for i in range(per_article):
        src, dst = entity_id(EntityKind.COMPANY, names[2 * i]), entity_id(
            EntityKind.COMPANY, names[2 * i + 1])
        kind = TYPES[(n + i) % len(TYPES)]
        if src == dst:
            continue
        ev = Evidence(article=aid, file=f"{aid}.txt", sentence=f"{names[2 * i]} and "
                      f"{names[2 * i + 1]}: {kind.value} (synthetic {n}.{i}).", lang="en")
        rels[(src, kind, dst)] = Relation(source=src, target=dst, relation=kind, evidence=[ev],
                                          properties={"dependency": "cloud"}
                                          if kind == RelationType.DEPENDS_ON else {})
    text = " ".join(r.evidence[0].sentence for r in rels.values())
    art = Article(id=aid, file=f"{aid}.txt", format=ArticleFormat.TEXT, title=f"Synthetic {n}",
                  text=text, lang="en", langs=["en"], published="2025-01-01")
    return art, ExtractionResult(article=aid, entities=list(ents.values()),
                                 relations=list(rels.values()))


def build_store(data_dir: Path, articles: int, per_article: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    store = Store.open(data_dir)
    companies = max(100, articles * per_article // 4)
    for n in range(store.stats().articles, articles):
        store.put(*synthetic_pair(n, rng, companies, per_article))
    return store


def naive(conn: Connection, store: Store, sample: int) -> tuple[int, float]:
    """One auto-committed query per relationship (what a first attempt usually looks like),
    writing the same properties and evidence lists as `kg load`, into a database that holds
    the entities already."""
    entities = [{"id": e.id, "props": entity_props(e)} for e in store.entities()]
    ensure_schema(conn)  # the same unique index on Entity.id that `kg load` relies on
    with conn.session() as session:
        for start in range(0, len(entities), 1000):
            session.run("UNWIND $rows AS row CREATE (n:Entity:Company) SET n = row.props",
                        rows=entities[start : start + 1000]).consume()
        rels = [r for _, r in zip(range(sample), store.relations(), strict=False)]
        started = time.perf_counter()
        for r in rels:
            props = typed_props(r.properties) | evidence_lists([], r.evidence)
            session.run(
                f"MATCH (s:Entity {{id: $s}}) MATCH (t:Entity {{id: $t}}) "
                f"MERGE (s)-[r:{r.relation.value}]->(t) SET r = $props",
                s=r.source, t=r.target, props=props,
            ).consume()
        return len(rels), time.perf_counter() - started


@contextmanager
def fresh_database(data_dir: Path, name: str) -> Iterator[Connection]:
    """A new database on the embedded server, or the configured one wiped (NEO4J_URI set)."""
    settings = ConnectionSettings.resolve()
    if settings.embedded:  # a server of its own (a child process, as `kg load` uses)
        server = ensure_server(data_dir / name)
        settings = ConnectionSettings(server.uri, server.username, server.password, "kg")
    with connect(settings, data_dir) as conn:
        wipe(conn)
        with conn.session() as session:
            session.run("MATCH (n) WHERE n:KgMeta OR n:Entity DETACH DELETE n").consume()
        yield conn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=50_000)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--naive-sample", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--tx-articles", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    t0 = time.perf_counter()
    store = build_store(data_dir, -(-args.relations // args.per_article), args.per_article)
    stats = store.stats()
    print(f"store: {stats.articles} articles, {sum(stats.relations.values())} relations, "
          f"{sum(stats.entities.values())} entities (built in {time.perf_counter() - t0:.1f} s)")
    stamp = int(time.time())
    with fresh_database(data_dir, f"naive{stamp}") as conn:
        count, seconds = naive(conn, store, args.naive_sample)
    naive_rate = count / seconds
    print(f"one query per relationship: {count} relations, {seconds:.1f} s -> "
          f"{naive_rate:,.0f} relationships/s\n"
          "  (each its own auto-commit session.run: MATCH source and target on the unique "
          "Entity.id index, MERGE the relationship, SET its properties and evidence lists; "
          "entities loaded beforehand, not timed; Python row building timed)")
    with fresh_database(data_dir, f"load{stamp}") as conn:
        summary = load(store, conn, args.batch_size, args.tx_articles, full=True)
        rate = summary.relations / summary.seconds
        print(f"kg load (full): {summary.relations} relations, {summary.evidence} evidence, "
              f"{summary.seconds:.1f} s -> {rate:,.0f} relationships/s\n"
              f"  (everything timed: reading the store, wipe, {summary.entities} entities, "
              f"{summary.articles_written} articles, UNWIND batches of {args.batch_size}, "
              f"{args.tx_articles} whole articles per managed transaction)")
        print(f"ratio: {rate / naive_rate:.1f}x (target >= 10x)")
        rng = random.Random(99)
        for n in range(stats.articles, stats.articles + 100):
            store.put(*synthetic_pair(n, rng, 1000, args.per_article))
        inc = load(store, conn, args.batch_size, args.tx_articles)
        print(f"kg load (incremental, +100 articles): mode {inc.mode}, "
              f"{inc.articles_written} articles, {inc.relations} relations, {inc.seconds:.2f} s")
    store.close()


if __name__ == "__main__":
    main()
