"""Loading a real store into Neo4j and into the embedded ArcadeDB: `kg load` against one
auto-committed query per relationship and against a raw batched `UNWIND … MERGE` ceiling.

    python benchmarks/bench_load.py --articles 5000                 # both databases
    python benchmarks/bench_load.py --store kg-data --target neo4j  # an existing store
    python benchmarks/bench_load.py --articles 1000 --methods kg-load --repeat 3

The store is one `kg ingest` makes from benchmarks/corpus.py (deals with their parties, hub
companies such as NVIDIA or Microsoft Azure that thousands of articles name), or --store.
Neo4j: NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD when set (the database is wiped!), otherwise a
server of its own from scripts/neo4j.sh; ArcadeDB: a fresh embedded server.

Methods, each into a freshly emptied database with kg's schema (unique Entity.id and Article.id):
- kg-load: `kg load --full`, timed end to end (reading the store, entities, articles, evidence
  lists, PARTY_TO, its bookkeeping);
- per-row: one auto-committed `MATCH … MATCH … MERGE … SET` per relationship, on the first
  --per-row-sample relationships (entities written beforehand, untimed);
- raw: the same final graph (entities, relationships with their evidence lists, articles,
  PARTY_TO, MENTIONS) in UNWIND batches of --batch-size, one transaction each (CREATE for the
  nodes of the fresh database, MERGE for relationships), rows built in one pass over the store: no
  incremental bookkeeping, the ceiling for a batched loader. Timed end to end too.
Each prints relationships/s (the store's relationships plus PARTY_TO; kg-load and raw also
write one MENTIONS per article and entity it names, not counted): by the best wall clock of
--repeat runs (kg-load and raw take turns, after --warmup untimed rounds), and by CPU
seconds (this process plus the server's, when the benchmark started the server), which the
other users of a shared machine move much less than the wall clock.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.graphdb.connection import Connection, ConnectionSettings, connect
from kg.graphdb.embedded import ensure_server
from kg.graphdb.load import ensure_schema, load, wipe
from kg.graphdb.rows import article_rows, entity_props, evidence_lists, party_rows, typed_props
from kg.schema import EntityKind, relation_key
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent


def make_store(articles: int, work: Path) -> Path:
    corpus, data = work / f"corpus{articles}", work / f"store{articles}"
    if not (data / "kg.sqlite").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus),
                        "--articles", str(articles)], check=True, stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "ingest", str(corpus), "--data-dir", str(data),
                        "--no-progress"], check=True, stdout=subprocess.DEVNULL)
        print(f"ingest: {articles} articles in {time.perf_counter() - started:.1f} s")
    return data


@dataclass
class Target:
    """A database to load into, and its server's pid when we started it (for its CPU time)."""

    settings: ConnectionSettings
    pid: int | None = None


@contextmanager
def neo4j_settings(work: Path) -> Iterator[Target]:
    given = ConnectionSettings.resolve()
    if not given.embedded:
        yield Target(given)
        return
    script, home = ROOT / "scripts" / "neo4j.sh", work / "neo4j"
    line = subprocess.run(["bash", str(script), "start", str(home)], check=True,
                          capture_output=True, text=True).stdout.split()
    try:
        pid = int((home / "neo4j.pid").read_text())
        yield Target(ConnectionSettings(line[0], line[1], line[2], "neo4j"), pid)
    finally:
        subprocess.run(["bash", str(script), "stop", str(home)], check=False)


@contextmanager
def arcadedb_settings(work: Path) -> Iterator[Target]:
    server = ensure_server(work / "arcadedb")  # a child process, as `kg load` uses
    try:
        pid = server.process.pid if server.process is not None else None
        yield Target(ConnectionSettings(server.uri, server.username, server.password,
                                        server.database), pid)
    finally:
        server.stop()


def cpu_seconds(pid: int | None) -> float:
    """CPU time of this process plus the server's (0 for the server when its pid is unknown):
    on a shared machine the wall clock follows the other users' load, CPU time much less."""
    own = time.process_time()
    if pid is None:
        return own
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return own + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def empty(conn: Connection) -> None:
    wipe(conn)
    with conn.session() as session:
        session.run("MATCH (n:KgMeta) DELETE n").consume()
    ensure_schema(conn)


def relationship_count(store: Store) -> int:
    parties = sum(len(party_rows(e)) for e in store.entities() if e.kind == EntityKind.DEAL)
    return sum(1 for _ in store.relations()) + parties


def run_kg_load(conn: Connection, store: Store, batch: int) -> float:
    summary = load(store, conn, batch_size=batch, full=True)
    return summary.seconds


def run_raw(conn: Connection, store: Store, batch: int) -> float:
    started = time.perf_counter()
    mentions = store.entity_articles()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    parties: list[dict[str, Any]] = []
    for e in store.entities():
        by_kind.setdefault(e.kind.value, []).append(
            entity_props(e) | {"articles": mentions.get(e.id, [])})
        if e.kind == EntityKind.DEAL:
            parties += party_rows(e)
    rels: dict[str, list[list[Any]]] = {}
    for r in store.relations():
        key = relation_key(r.source, r.relation, r.target)
        props = typed_props(r.properties) | {"key": key} | evidence_lists([], r.evidence)
        rels.setdefault(r.relation.value, []).append([r.source, r.target, props])
    articles = article_rows({a.id: a for a in store.articles()}, list(store.relations()),
                            mentions)
    for label, rows in by_kind.items():  # a fresh database: CREATE, as any bulk loader would
        _batches(conn, f"UNWIND $rows AS p CREATE (n:Entity:{label}) SET n = p", rows, batch)
    for rel, rows in rels.items():
        _batches(conn, "UNWIND $rows AS r MATCH (s:Entity {id: r[0]}) MATCH (t:Entity {id: r[1]}) "
                 f"MERGE (s)-[x:{rel}]->(t) SET x = r[2]", rows, batch)
    _batches(conn, "UNWIND $rows AS p CREATE (a:Article) SET a = p", articles, batch)
    _batches(conn, "UNWIND $rows AS p MATCH (s:Entity {id: p.party}) MATCH (d:Entity {id: p.deal}) "
             "MERGE (s)-[r:PARTY_TO]->(d) SET r.role = p.role, r.key = p.key", parties, batch)
    named = [[a["id"], e] for a in articles for e in a["entities"]]
    _batches(conn, "UNWIND $rows AS m MATCH (a:Article {id: m[0]}) MATCH (e:Entity {id: m[1]}) "
             "MERGE (a)-[:MENTIONS]->(e)", named, batch)
    return time.perf_counter() - started


def _batches(conn: Connection, query: str, rows: list[Any], batch: int) -> None:
    with conn.session() as session:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            session.execute_write(lambda tx, q=query, p=part: tx.run(q, rows=p).consume())


def run_per_row(conn: Connection, store: Store, sample: int, pid: int | None
                ) -> tuple[int, float, float]:
    """(relationships, wall seconds, CPU seconds) of one query per relationship."""
    with conn.session() as session:
        for kind in EntityKind:
            rows = [entity_props(e) for e in store.entities() if e.kind == kind]
            for start in range(0, len(rows), 5000):
                session.run(f"UNWIND $rows AS p CREATE (n:Entity:{kind.value}) SET n = p",
                            rows=rows[start : start + 5000]).consume()
        rels = [r for _, r in zip(range(sample), store.relations(), strict=False)]
        cpu, started = cpu_seconds(pid), time.perf_counter()
        for r in rels:
            props = typed_props(r.properties) | evidence_lists([], r.evidence)
            session.run(f"MATCH (s:Entity {{id: $s}}) MATCH (t:Entity {{id: $t}}) "
                        f"MERGE (s)-[x:{r.relation.value}]->(t) SET x = $props",
                        s=r.source, t=r.target, props=props).consume()
        return len(rels), time.perf_counter() - started, cpu_seconds(pid) - cpu


def interleaved(repeat: int, warmup: int, conn: Connection, pid: int | None,
                runs: dict[str, Callable[[], float]]) -> dict[str, tuple[list[float], float]]:
    """Each method once per round, in turn, so all see the shared machine alike, after
    `warmup` untimed rounds: method -> (wall seconds of each run, least CPU seconds of a run)."""
    out: dict[str, tuple[list[float], float]] = {m: ([], float("inf")) for m in runs}
    for _ in range(warmup):  # untimed: a fresh server's JIT makes the first runs 2-3x slower
        for run in runs.values():
            empty(conn)
            run()
    for _ in range(repeat):
        for method, run in runs.items():
            empty(conn)
            cpu = cpu_seconds(pid)
            wall = run()
            walls, least = out[method]
            out[method] = ([*walls, wall], min(least, cpu_seconds(pid) - cpu))
    return out


LABELS = {"kg-load": "kg load --full", "raw": "raw UNWIND … MERGE",
          "per-row": "one query per relationship"}


def bench_target(name: str, target: Target, store: Store, args: Any) -> None:
    total = relationship_count(store)
    runs: dict[str, Callable[[], float]] = {}
    with connect(target.settings, Path(store.path)) as conn:
        if "kg-load" in args.methods:
            runs["kg-load"] = lambda: run_kg_load(conn, store, args.batch_size)
        if "raw" in args.methods:
            runs["raw"] = lambda: run_raw(conn, store, args.batch_size)
        timed = interleaved(args.repeat, args.warmup, conn, target.pid, runs)
        found = {m: (total, min(w), cpu, w) for m, (w, cpu) in timed.items()}
        if "per-row" in args.methods:
            empty(conn)
            n, s, cpu = run_per_row(conn, store, args.per_row_sample, target.pid)
            found["per-row"] = (n, s, cpu, [s])
    load_avg = os.getloadavg()
    who = "client + server" if target.pid else "client only"
    print(f"\n{name} (load average {load_avg[0]:.2f} {load_avg[1]:.2f} {load_avg[2]:.2f}, "
          f"best of {args.repeat} after {args.warmup} warm-up, interleaved; CPU: {who})")
    print(f"{'method':<28} {'relationships':>13} {'seconds':>8} {'rel/s':>9} {'CPU s':>7} "
          f"{'rel/CPU s':>9}  all runs (s)")
    for method, (n, s, cpu, walls) in found.items():
        print(f"{LABELS[method]:<28} {n:>13} {s:>8.2f} {n / s:>9,.0f} {cpu:>7.2f} "
              f"{n / cpu:>9,.0f}  {' '.join(f'{w:.2f}' for w in walls)}")

    def ratio(a: str, b: str) -> tuple[float, float]:
        (na, sa, ca, _), (nb, sb, cb, _) = found[a], found[b]
        return (na / sa) / (nb / sb), (na / ca) / (nb / cb)

    if "kg-load" in found and "per-row" in found:
        wall, cpu = ratio("kg-load", "per-row")
        print(f"kg load vs one query per relationship: {wall:.1f}x (wall), {cpu:.1f}x (CPU)")
    if "kg-load" in found and "raw" in found:
        wall, cpu = ratio("kg-load", "raw")
        print(f"kg load vs raw UNWIND … MERGE ceiling: {wall:.0%} (wall), {cpu:.0%} (CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--store", type=Path, default=None, help="an existing kg data directory")
    parser.add_argument("--target", choices=("neo4j", "arcadedb", "both"), default="both")
    parser.add_argument("--methods", default="kg-load,per-row,raw",
                        type=lambda s: set(s.split(",")))
    parser.add_argument("--per-row-sample", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed rounds of kg-load and raw first (the server's JIT)")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # not the server's notifications
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    data = args.store or make_store(args.articles, work)
    with Store.open(data, create=False) as store:
        stats = store.stats()
        print(f"store: {stats.articles} articles, {sum(stats.entities.values())} entities "
              f"({stats.entities.get('Deal', 0)} deals), {sum(stats.relations.values())} "
              f"relations; {relationship_count(store)} relationships with PARTY_TO; "
              f"{sum(len(m) for m in store.entity_articles().values())} MENTIONS")
        targets = ("neo4j", "arcadedb") if args.target == "both" else (args.target,)
        for name in targets:
            opener = neo4j_settings if name == "neo4j" else arcadedb_settings
            with opener(work) as target:
                bench_target(name, target, store, args)


if __name__ == "__main__":
    main()
