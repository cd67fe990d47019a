"""Shared fixtures.

Bolt: every test that asks for `bolt_target`, `bolt_db`, `bolt_conn` or `neo4j_env` runs twice,
on the embedded ArcadeDB and on Neo4j Community. One server of each kind per test session:
ArcadeDB inside the test process (JPype starts one JVM per process), Neo4j from
scripts/neo4j.sh (scripts/test.sh starts it and passes it in KG_TEST_NEO4J; a bare `pytest`
starts its own). Each test gets a fresh, empty database: a new one on ArcadeDB, the emptied
`neo4j` database on Neo4j (Community has one). CLI tests reach it through the NEO4J_* variables
set by `neo4j_env`.

The "supply chain" graph (`supply_chain_store`) is hand-made: five short articles of our own in
en/fr/zh whose facts the Cypher library tests answer by hand (see tests/test_cypher_library.py).
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

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

# --- Bolt servers ---------------------------------------------------------------------------

_db_numbers = itertools.count(1)
_EXIT_STATUS = pytest.StashKey[int]()
ROOT = Path(__file__).resolve().parent.parent
NEO4J_SH = ROOT / "scripts" / "neo4j.sh"
BOLT_KINDS = ("arcadedb", "neo4j")


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The embedded ArcadeDB."""
    from kg.graphdb.embedded import start_in_process

    # In this process (not a child like `kg` uses): tests create databases through its handle.
    # Started from a temporary cwd: the engine writes `log/` relative to it.
    root = tmp_path_factory.mktemp("bolt")
    here = os.getcwd()
    os.chdir(root)
    try:
        server = start_in_process(root)
    finally:
        os.chdir(here)
    yield server
    server.stop()


@dataclass
class Neo4jServer:
    """A Neo4j Community server from scripts/neo4j.sh; `dir` is None when the caller (scripts/
    test.sh) started it and handed it over in KG_TEST_NEO4J."""

    uri: str
    username: str
    password: str = field(repr=False)
    dir: Path | None = None


def start_neo4j(directory: Path, exit_with: int | None = None) -> Neo4jServer:
    """Start a server under `directory`; it stops by itself once process `exit_with` (this test
    process by default) is gone, so a killed test run leaves none behind."""
    env = {**os.environ, "KG_NEO4J_EXIT_WITH": str(exit_with or os.getpid())}
    done = subprocess.run(["bash", str(NEO4J_SH), "start", str(directory)], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=900, env=env)
    assert done.returncode == 0, f"scripts/neo4j.sh start failed: {done.stderr.strip()}"
    # What our checks read: exactly one line; the password is kept 0600 beside the data.
    assert re.fullmatch(r"bolt://127\.0\.0\.1:\d+ neo4j \S+\n", done.stdout), done.stdout
    uri, user, password = done.stdout.split()
    assert (directory / "password").read_text(encoding="utf-8") == password
    assert stat.S_IMODE((directory / "password").stat().st_mode) == 0o600
    assert (directory / "data").is_dir() and (directory / "logs" / "debug.log").is_file()
    return Neo4jServer(uri, user, password, directory)


def stop_neo4j(server: Neo4jServer) -> None:
    if server.dir is not None:
        subprocess.run(["bash", str(NEO4J_SH), "stop", str(server.dir)], check=False,
                       stdin=subprocess.DEVNULL, timeout=300)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """Neo4j Community: the one scripts/test.sh started (KG_TEST_NEO4J="URI USER PASSWORD"),
    or one started here for this session."""
    given = os.environ.get("KG_TEST_NEO4J", "").split()
    if given:
        uri, username, password = given
        yield Neo4jServer(uri, username, password)
        return
    server = start_neo4j(tmp_path_factory.mktemp("neo4j"))
    try:
        yield server
    finally:
        stop_neo4j(server)


@dataclass
class BoltTarget:
    """One database server the Bolt tests run against; `fresh()` gives an empty database."""

    kind: str  # "arcadedb" | "neo4j"
    uri: str
    username: str
    password: str = field(repr=False)
    server: Any = field(default=None, repr=False)

    def fresh(self) -> Any:
        from kg.graphdb.connection import ConnectionSettings

        if self.kind == "arcadedb":
            name = f"t{next(_db_numbers)}"
            self.server.handle.create_database(name)
        else:  # Community has one user database: empty it
            name = "neo4j"
            wipe_neo4j(self.uri, self.username, self.password, name)
        return ConnectionSettings(self.uri, self.username, self.password, name)


def wipe_neo4j(uri: str, username: str, password: str, database: str) -> None:
    import neo4j

    with (neo4j.GraphDatabase.driver(uri, auth=(username, password)) as driver,
          driver.session(database=database) as session):
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS "
                    "OF 10000 ROWS").consume()
        # kg's own schema (kg_*) stays: `kg load` creates it IF NOT EXISTS, and building it
        # again for every test would cost seconds each; anything else a test made goes.
        for name in session.run("SHOW CONSTRAINTS YIELD name WHERE NOT name STARTS WITH 'kg_' "
                                "RETURN name").value():
            session.run(f"DROP CONSTRAINT `{name}`").consume()
        for name in session.run("SHOW INDEXES YIELD name, type, owningConstraint "
                                "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL "
                                "AND NOT name STARTS WITH 'kg_' RETURN name").value():
            session.run(f"DROP INDEX `{name}`").consume()


def bolt_target_of(kind: str, request: pytest.FixtureRequest) -> BoltTarget:
    if kind == "arcadedb":
        server = request.getfixturevalue("bolt_server")
        return BoltTarget(kind, server.uri, server.username, server.password, server)
    neo = request.getfixturevalue("neo4j_server")
    return BoltTarget(kind, neo.uri, neo.username, neo.password, neo)


@pytest.fixture(scope="session", params=BOLT_KINDS)
def bolt_target(request: pytest.FixtureRequest) -> BoltTarget:
    """Every test that uses a Bolt database runs once on ArcadeDB and once on Neo4j."""
    return bolt_target_of(request.param, request)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """With the in-process JVM up, leave without Python's finalisation, in which JPype's JVM can
    crash (SIGSEGV, exit 139) after every test passed. Reports are written by now."""
    jpype = sys.modules.get("jpype")
    if jpype is not None and jpype.isJVMStarted():
        from kg.graphdb.embedded import leave_without_finalizing

        leave_without_finalizing(config.stash.get(_EXIT_STATUS, 0))


@pytest.fixture
def bolt_db(bolt_target: BoltTarget) -> Any:
    """Settings for a brand-new, empty database on the session's server of this kind."""
    return bolt_target.fresh()


@pytest.fixture
def bolt_conn(bolt_db: Any, tmp_path: Path) -> Iterator[Any]:
    from kg.graphdb.connection import connect

    with connect(bolt_db, tmp_path) as conn:
        yield conn


@pytest.fixture
def neo4j_env(bolt_db: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("NEO4J_URI", bolt_db.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt_db.username)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_db.password)
    monkeypatch.setenv("NEO4J_DATABASE", bolt_db.database)
    return bolt_db


# --- the hand-made supply-chain graph -------------------------------------------------------

C, R, D = EntityKind.COMPANY, EntityKind.REGULATOR, EntityKind.DEAL


def ent(kind: EntityKind, name: str, **props: Any) -> Entity:
    return Entity(id=entity_id(kind, name), name=name, kind=kind, properties=props)


def rel(
    src: Entity, kind: RelationType, dst: Entity, article: str, sentence: str,
    lang: str = "en", **props: Any,
) -> Relation:
    ev = Evidence(article=article, file=f"{article}.md", sentence=sentence, lang=lang,
                  published="2025-03-01")
    return Relation(source=src.id, target=dst.id, relation=kind, properties=props, evidence=[ev])


MISTRAL, MSFT, NVIDIA, TSMC = (ent(C, n) for n in ("Mistral AI", "Microsoft", "NVIDIA", "TSMC"))
OPENAI, SOFTBANK, KOYEB = (ent(C, n) for n in ("OpenAI", "SoftBank", "Koyeb"))
LUMEN = ent(C, "Lumen Robotics")
ADLC = ent(R, "Autorité de la concurrence")
KOYEB_DEAL = ent(D, "Mistral AI acquires Koyeb", deal_type="acquisition", date="2025-02-17",
                 status="under_review", amount=120000000.0, currency="EUR",
                 parties=[{"id": MISTRAL.id, "role": "acquirer"},
                          {"id": KOYEB.id, "role": "target"}])
LUMEN_DEAL = ent(D, "Mistral AI acquires Lumen Robotics", deal_type="acquisition",
                 date="2024-03", status="completed",
                 parties=[{"id": MISTRAL.id, "role": "acquirer"},
                          {"id": LUMEN.id, "role": "target"}])


def pair(
    aid: str, lang: str, title: str, ents: list[Entity], rels: list[Relation]
) -> tuple[Article, ExtractionResult]:
    text = " ".join(e.sentence for r in rels for e in r.evidence)
    art = Article(id=aid, file=f"{aid}.md", format=ArticleFormat.MARKDOWN, title=title,
                  text=text, lang=lang, langs=[lang], published="2025-03-01T08:00:00Z")
    return art, ExtractionResult(article=aid, entities=ents, relations=rels)


def supply_chain_facts() -> list[tuple[Article, ExtractionResult]]:
    """(article, facts) pairs; sentences are ours, written for these tests."""
    dep, inv = RelationType.DEPENDS_ON, RelationType.INVESTS_IN
    return [
        pair("a1", "en", "Mistral runs on Azure", [MISTRAL, MSFT], [
            rel(MISTRAL, dep, MSFT, "a1", "Mistral AI trains its models on Microsoft Azure.",
                dependency="cloud"),
            rel(MSFT, inv, MISTRAL, "a1", "Microsoft took a stake in Mistral AI."),
        ]),
        pair("a2", "fr", "Les puces de Mistral", [MISTRAL, MSFT, NVIDIA, TSMC], [
            rel(MISTRAL, dep, NVIDIA, "a2", "Mistral AI achète ses GPU à NVIDIA.", "fr",
                dependency="compute"),
            rel(MISTRAL, dep, MSFT, "a2", "Mistral AI loue le cloud Azure de Microsoft.", "fr",
                dependency="cloud"),
            rel(MSFT, dep, NVIDIA, "a2", "Microsoft équipe Azure de puces NVIDIA.", "fr",
                dependency="compute"),
            rel(NVIDIA, dep, TSMC, "a2", "NVIDIA fait graver ses puces par TSMC.", "fr",
                dependency="manufacturing"),
        ]),
        pair("a3", "zh", "Mistral 收购 Koyeb", [MISTRAL, KOYEB, ADLC, KOYEB_DEAL], [
            rel(MISTRAL, RelationType.ACQUIRES, KOYEB, "a3", "Mistral AI 宣布收购 Koyeb。", "zh"),
            rel(ADLC, RelationType.REVIEWS, KOYEB_DEAL, "a3",
                "法国竞争管理局正在审查这笔交易。", "zh"),
        ]),
        pair("a4", "en", "OpenAI backers", [OPENAI, SOFTBANK, MSFT, NVIDIA], [
            rel(SOFTBANK, inv, OPENAI, "a4", "SoftBank led a round in OpenAI."),
            rel(MSFT, inv, OPENAI, "a4", "Microsoft added to its OpenAI stake."),
            rel(OPENAI, dep, MSFT, "a4", "OpenAI serves ChatGPT from Azure.", dependency="cloud"),
            rel(OPENAI, dep, NVIDIA, "a4", "OpenAI buys NVIDIA accelerators.",
                dependency="compute"),
        ]),
        pair("a5", "en", "Mistral's first deal", [MISTRAL, LUMEN, LUMEN_DEAL], [
            rel(MISTRAL, RelationType.ACQUIRES, LUMEN, "a5",
                "Mistral AI bought the small robotics lab Lumen Robotics in March 2024.",
                date="2024-03"),
        ]),
    ]


def build_store(data_dir: Path, pairs: list[tuple[Article, ExtractionResult]]) -> Path:
    from kg.store import Store

    with Store.open(data_dir) as store:
        for art, facts in pairs:
            store.put(art, facts)
    return data_dir


@pytest.fixture
def supply_chain_store(tmp_path: Path) -> Path:
    """Data directory holding the supply-chain graph."""
    return build_store(tmp_path / "data", supply_chain_facts())
