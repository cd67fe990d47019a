"""The embedded ArcadeDB: started on demand with no NEO4J_URI, reused within a process, and
robust to being killed in the middle of a load (the server runs in a child process here so that
it can be killed: JPype cannot restart a JVM inside this one)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import build_store, ent, pair, rel, supply_chain_facts

from kg.errors import KgError
from kg.graphdb.connection import ConnectionSettings, connect
from kg.graphdb.embedded import START_TIMEOUT, ensure_server, free_port
from kg.graphdb.load import load
from kg.schema import EntityKind, RelationType
from kg.store import Store

pytestmark = pytest.mark.bolt
ROOT = Path(__file__).resolve().parent.parent


def test_server_is_reused_and_its_password_is_private(bolt_server: Any) -> None:
    again = ensure_server(bolt_server.root.parent)
    assert again is bolt_server
    assert again.uri.startswith("bolt://127.0.0.1:")
    mode = stat.S_IMODE((bolt_server.root / "root-password").stat().st_mode)
    assert mode == 0o600
    assert bolt_server.password not in repr(bolt_server)


def no_neo4j_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}


def test_kg_chain_with_no_server_configured(tmp_path: Path) -> None:
    """A store, no NEO4J_URI, and `kg chain` answers, from the store: no server started."""
    data = build_store(tmp_path / "data", supply_chain_facts())
    result = subprocess.run(
        [sys.executable, "-m", "kg", "chain", "Mistral AI", "--depth", "1",
         "--data-dir", str(data)],
        capture_output=True, text=True, env=no_neo4j_env(), timeout=START_TIMEOUT, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "Microsoft  1      cloud         Mistral AI > Microsoft  2         "
        "Mistral AI trains its models on Microsoft Azure.",
        "NVIDIA     1      compute       Mistral AI > NVIDIA     1         "
        "Mistral AI achète ses GPU à NVIDIA.",
    ]
    assert not (data / "arcadedb").exists()


# --- killed in the middle of a load ---------------------------------------------------------


def many_articles(n: int, per: int = 6) -> list[Any]:
    out = []
    for i in range(n):
        names = [ent(EntityKind.COMPANY, f"Firm {(i * 7 + k) % 97}") for k in range(per + 1)]
        rels = [rel(names[k], RelationType.PARTNERS_WITH, names[k + 1], f"m{i}",
                    f"Firm pair {i}.{k} signed a deal.") for k in range(per)]
        out.append(pair(f"m{i}", "en", f"Deals {i}", names, rels))
    return out


def serve(data_dir: Path, port: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.graphdb.embedded", "serve", "--data-dir", str(data_dir),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # blocks until the server is up or has failed
    assert line.startswith(f"ready bolt://127.0.0.1:{port} "), line
    return proc


def child_settings(data_dir: Path, port: int) -> ConnectionSettings:
    password = (data_dir / "arcadedb" / "root-password").read_text(encoding="utf-8")
    return ConnectionSettings(f"bolt://127.0.0.1:{port}", "root", password, "kg")


def partial_articles(conn: Any, store: Store) -> list[str]:
    """Articles whose facts are in the database only in part (or facts without their article)."""
    bad = []
    present = {r["id"]: set(r["keys"]) for r in conn.run(
        "MATCH (a:Article) RETURN a.id AS id, a.relations AS keys")}
    supported: dict[str, set[str]] = {}
    for row in conn.run("MATCH ()-[r]->() WHERE r.evidence_articles IS NOT NULL "
                        "RETURN r.key AS key, r.evidence_articles AS arts"):
        for a in row["arts"]:
            supported.setdefault(a, set()).add(row["key"])
    for article in set(present) | set(supported):
        _, relations = store.facts_of([article])
        expected = {f"{r.source}|{r.relation.value}|{r.target}" for r in relations}
        if present.get(article) != expected or supported.get(article, set()) != expected:
            bad.append(article)
    return bad


@pytest.mark.slow
def test_server_killed_mid_load(tmp_path: Path, bolt_db: Any) -> None:
    data = build_store(tmp_path / "data", many_articles(400))
    port = free_port()
    proc = serve(tmp_path / "server", port)
    settings = child_settings(tmp_path / "server", port)
    errors: list[Exception] = []

    def run_load() -> None:
        try:
            with Store.open(data) as store, connect(settings, data) as conn:
                load(store, conn, tx_articles=2)
        except KgError as exc:
            errors.append(exc)

    try:
        loader = threading.Thread(target=run_load)
        loader.start()
        with connect(settings, data) as watcher:
            deadline = time.monotonic() + 120
            while watcher.run("MATCH (a:Article) RETURN count(a) AS n")[0]["n"] < 10:
                assert time.monotonic() < deadline, "the load never got going"
                time.sleep(0.05)
        proc.kill()
        loader.join(timeout=120)
    finally:
        proc.kill()
        proc.wait()
    assert len(errors) == 1, "the load should fail when its server dies"
    message = str(errors[0])
    assert message.startswith(f"bolt://127.0.0.1:{port}: ") and "\n" not in message
    assert settings.password not in message

    proc = serve(tmp_path / "server", port)
    try:
        with Store.open(data) as store, connect(settings, data) as conn:
            written = conn.run("MATCH (a:Article) RETURN count(a) AS n")[0]["n"]
            assert 10 <= written < 400
            assert partial_articles(conn, store) == []
            assert load(store, conn).mode == "full"  # the interrupted load never completed
            after = _graph(conn)
        with Store.open(data) as store, connect(bolt_db, data) as clean:
            load(store, clean)
            assert _graph(clean) == after
    finally:
        proc.kill()
        proc.wait()


def _graph(conn: Any) -> tuple[list[Any], list[Any]]:
    nodes = conn.run("MATCH (n:Entity) RETURN n.id AS id, n.articles AS a ORDER BY id")
    rels = conn.run("MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS t, t.id AS o, "
                    "r.evidence_articles AS ev ORDER BY s, t, o")
    return nodes, rels
