"""Faults during a load, on Neo4j and on the embedded ArcadeDB: the server killed in the middle,
and the database's own constraint errors. Each is one line; nothing is half-written; the next
load completes to the same graph as a clean load. (Unreachable server, wrong password and a
missing database: tests/test_load.py, which runs on both too.)

The killed server is one of our own (a child `python -m kg.graphdb.embedded serve`, or a
second Neo4j from scripts/neo4j.sh): the session's servers must live on."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    MISTRAL,
    NVIDIA,
    ROOT,
    Neo4jServer,
    build_store,
    ent,
    pair,
    rel,
    start_neo4j,
    stop_neo4j,
    supply_chain_facts,
)

from kg.errors import KgError
from kg.graphdb.connection import ConnectionSettings, connect
from kg.graphdb.embedded import free_port
from kg.graphdb.load import load
from kg.schema import EntityKind, RelationType
from kg.store import Store

pytestmark = pytest.mark.bolt


def many_articles(n: int, per: int = 6) -> list[Any]:
    out = []
    for i in range(n):
        names = [ent(EntityKind.COMPANY, f"Firm {(i * 7 + k) % 97}") for k in range(per + 1)]
        rels = [rel(names[k], RelationType.PARTNERS_WITH, names[k + 1], f"m{i}",
                    f"Firm pair {i}.{k} signed a deal.") for k in range(per)]
        out.append(pair(f"m{i}", "en", f"Deals {i}", names, rels))
    return out


class KillableServer:
    """A server of the given kind that this test may kill and start again on the same files."""

    def __init__(self, kind: str, directory: Path) -> None:
        self.kind, self.dir = kind, directory
        self.proc: subprocess.Popen[str] | None = None
        self.neo4j: Neo4jServer | None = None
        self.settings = self.start()

    def start(self) -> ConnectionSettings:
        if self.kind == "neo4j":
            self.neo4j = start_neo4j(self.dir)
            return ConnectionSettings(self.neo4j.uri, self.neo4j.username, self.neo4j.password,
                                      "neo4j")
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.graphdb.embedded", "serve", "--data-dir", str(self.dir),
             "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the server is up or has failed
        assert line.startswith(f"ready bolt://127.0.0.1:{port} "), line
        password = (self.dir / "arcadedb" / "root-password").read_text(encoding="utf-8")
        return ConnectionSettings(f"bolt://127.0.0.1:{port}", "root", password, "kg")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
        if self.neo4j is not None:
            pid = int((self.dir / "neo4j.pid").read_text())
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.neo4j is not None:
            stop_neo4j(self.neo4j)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")


def partial_articles(conn: Any, store: Store) -> list[str]:
    """Articles whose facts are in the database only in part (or facts without their article)."""
    bad = []
    present = {r["id"]: set(r["keys"]) for r in conn.run(
        "MATCH (a:Article) RETURN a.id AS id, a.relations AS keys")}
    supported: dict[str, set[str]] = {}
    for row in conn.run("MATCH ()-[r]->() WHERE r.evidenceArticles IS NOT NULL "
                        "RETURN r.key AS key, r.evidenceArticles AS arts"):
        for a in row["arts"]:
            supported.setdefault(a, set()).add(row["key"])
    for article in set(present) | set(supported):
        _, relations = store.facts_of([article])
        expected = {f"{r.source}|{r.relation.value}|{r.target}" for r in relations}
        if present.get(article) != expected or supported.get(article, set()) != expected:
            bad.append(article)
    return bad


def graph(conn: Any) -> tuple[list[Any], list[Any]]:
    nodes = conn.run("MATCH (n) WHERE n:Entity OR n:Article "
                     "RETURN n.id AS id, n.articles AS a, n.relations AS r ORDER BY id")
    rels = conn.run("MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS t, t.id AS o, "
                    "r.evidenceArticles AS ev ORDER BY s, t, o")
    return nodes, rels


def load_while_killed(server: KillableServer, data: Path) -> list[KgError]:
    """Start a load of `data`, kill the server once ten articles are in; the load's errors."""
    errors: list[KgError] = []

    def run_load() -> None:
        try:
            with Store.open(data) as store, connect(server.settings, data) as conn:
                load(store, conn, tx_articles=2)
        except KgError as exc:
            errors.append(exc)

    loader = threading.Thread(target=run_load)
    loader.start()
    with connect(server.settings, data) as watcher:
        deadline = time.monotonic() + 120
        while watcher.run("MATCH (a:Article) RETURN count(a) AS n")[0]["n"] < 10:
            assert time.monotonic() < deadline, "the load never got going"
            time.sleep(0.05)
    server.kill()
    loader.join(timeout=180)
    return errors


@pytest.mark.slow
def test_server_killed_mid_load(tmp_path: Path, bolt_target: Any) -> None:
    data = build_store(tmp_path / "data", many_articles(400))
    server = KillableServer(bolt_target.kind, tmp_path / "server")
    try:
        errors = load_while_killed(server, data)
        assert len(errors) == 1, "the load should fail when its server dies"
        message = str(errors[0])
        assert message.startswith(f"{server.settings.uri}: ") and "\n" not in message
        assert server.settings.password and server.settings.password not in message

        server.settings = server.start()  # on the same files, after a crash
        with Store.open(data) as store, connect(server.settings, data) as conn:
            written = conn.run("MATCH (a:Article) RETURN count(a) AS n")[0]["n"]
            assert 10 <= written < 400
            assert partial_articles(conn, store) == []
            assert load(store, conn).mode == "full"  # the interrupted load never completed
            after = graph(conn)
    finally:
        server.close()
    if server.neo4j is not None:  # scripts/neo4j.sh stop: a clean stop, after the crash
        log = (server.dir / "logs" / "debug.log").read_text(encoding="utf-8")
        assert re.search(r"Stopped 'DatabaseId\{\w+\[neo4j\]\}' successfully", log)
        assert not (server.dir / "neo4j.pid").exists()
    with Store.open(data) as store, connect(bolt_target.fresh(), data) as clean:
        load(store, clean)
        assert graph(clean) == after


def test_a_constraint_of_the_database_refuses_a_write(
    tmp_path: Path, bolt_target: Any, bolt_db: Any
) -> None:
    """A user's own constraint (unique Article titles) that the store breaks: a6 has a1's title.
    The load stops with one line, the articles in the database are whole, and once the
    constraint is gone the next load gives the clean graph."""
    a1 = supply_chain_facts()[0]
    a6 = pair("a6", "en", a1[0].title, [MISTRAL, NVIDIA], [
        rel(MISTRAL, RelationType.DEPENDS_ON, NVIDIA, "a6", "Mistral AI rents NVIDIA GPUs.",
            dependency="compute")])
    data = build_store(tmp_path / "data", [*supply_chain_facts(), a6])
    with Store.open(data) as store, connect(bolt_db, data) as conn:
        with conn.session() as session:
            session.run("CREATE CONSTRAINT user_title IF NOT EXISTS "
                        "FOR (a:Article) REQUIRE a.title IS UNIQUE").consume()
        with pytest.raises(KgError) as failed:
            load(store, conn, tx_articles=2)
        message = str(failed.value)
        assert message.startswith(f"{bolt_db.uri}: a constraint in the database refused the "
                                  "write, which was rolled back (") and "\n" not in message
        assert partial_articles(conn, store) == []
        assert {r["id"] for r in conn.run("MATCH (a:Article) RETURN a.id AS id")} < {
            "a1", "a2", "a3", "a4", "a5", "a6"}
        with conn.session() as session:
            session.run("DROP CONSTRAINT user_title").consume()
        assert load(store, conn).mode == "full"  # the failed load never completed
        after = graph(conn)
    assert len(after[0]) == 6 + 11  # articles, entities
    with Store.open(data) as store, connect(bolt_target.fresh(), data) as clean:
        load(store, clean)
        assert graph(clean) == after
