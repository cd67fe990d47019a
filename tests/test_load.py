"""kg.graphdb.load against the real embedded ArcadeDB over Bolt: shape, idempotency, replacement,
evidence accumulation, deletion, incremental loads, connection errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MISTRAL, NVIDIA, build_store, pair, rel, supply_chain_facts
from neo4j.time import Date

from kg.cli import cli
from kg.graphdb.connection import connect
from kg.graphdb.embedded import free_port
from kg.graphdb.load import load
from kg.render import plain
from kg.schema import RelationType
from kg.store import Store

pytestmark = pytest.mark.bolt


def snapshot(conn: Any) -> list[str]:
    """Everything kg wrote, as sorted JSON lines: two loads are the same graph iff equal."""
    nodes = conn.run("MATCH (n) WHERE n:Entity OR n:Article "
                     "RETURN labels(n) AS labels, properties(n) AS props")
    rels = conn.run("MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, "
                    "properties(r) AS props")
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return sorted(json.dumps(plain(x), sort_keys=True, ensure_ascii=False) for x in nodes + rels)


def edge(conn: Any, source: str, rel: str, target: str) -> dict[str, Any] | None:
    rows = conn.run("MATCH (s:Entity {id: $s})-[r]->(t:Entity {id: $t}) WHERE type(r) = $r "
                    "RETURN properties(r) AS p", {"s": source, "r": rel, "t": target})
    assert len(rows) <= 1, "one relationship per (source, type, target)"
    return rows[0]["p"] if rows else None


def ids(conn: Any, label: str) -> list[str]:
    return [r["id"] for r in conn.run(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id")]


def fresh_conn(bolt_target: Any, tmp_path: Path) -> Any:
    """A connection to an empty database on the same server. On Neo4j that empties the test's
    own database (Community has one): take what you need from it first."""
    return connect(bolt_target.fresh(), tmp_path)


def test_full_load_writes_typed_graph(supply_chain_store: Path, bolt_conn: Any) -> None:
    with Store.open(supply_chain_store) as store:
        summary = load(store, bolt_conn)
    assert (summary.mode, summary.articles_written, summary.relations) == ("full", 5, 12)
    assert ids(bolt_conn, "Article") == ["a1", "a2", "a3", "a4", "a5"]
    assert len(ids(bolt_conn, "Company")) == 8
    assert ids(bolt_conn, "Regulator") == ["regulator:autorite-de-la-concurrence"]
    deal = bolt_conn.run("MATCH (d:Deal {id: 'deal:mistral-ai-acquires-koyeb'}) "
                         "RETURN properties(d) AS p, labels(d) AS l")[0]
    assert sorted(deal["l"]) == ["Deal", "Entity"]
    assert deal["p"]["date"] == Date(2025, 2, 17)
    assert deal["p"]["amount"] == 120000000.0 and deal["p"]["currency"] == "EUR"
    lumen = bolt_conn.run("MATCH (d:Deal {id: 'deal:mistral-ai-acquires-lumen-robotics'}) "
                          "RETURN d.date AS date, d.datePrecision AS p")[0]
    assert (lumen["date"], lumen["p"]) == (Date(2024, 3, 1), "month")
    dep = edge(bolt_conn, MISTRAL.id, "DEPENDS_ON", "company:microsoft")
    assert dep is not None and dep["dependency"] == "cloud"
    assert dep["evidenceArticles"] == ["a1", "a2"] and dep["evidenceLangs"] == ["en", "fr"]
    assert dep["evidenceSentences"][1] == "Mistral AI loue le cloud Azure de Microsoft."
    assert dep["articles"] == ["a1", "a2"] and dep["evidenceCount"] == 2
    parties = bolt_conn.run("MATCH (p)-[r:PARTY_TO]->(:Deal {id: 'deal:mistral-ai-acquires-koyeb'})"
                            " RETURN p.name AS p, r.role AS role ORDER BY p")
    assert parties == [{"p": "Koyeb", "role": "target"}, {"p": "Mistral AI", "role": "acquirer"}]


def test_articles_lead_to_what_they_state_and_back(
    supply_chain_store: Path, bolt_conn: Any
) -> None:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
    named = bolt_conn.run("MATCH (:Article {id: 'a3'})-[:MENTIONS]->(e:Entity) "
                          "RETURN e.name AS name ORDER BY name")
    assert [r["name"] for r in named] == ["Autorité de la concurrence", "Koyeb", "Mistral AI",
                                          "Mistral AI acquires Koyeb"]
    back = bolt_conn.run("MATCH (:Entity {id: 'company:nvidia'})<-[:MENTIONS]-(a:Article) "
                         "RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in back] == ["a2", "a4"]


def test_every_node_has_a_name(supply_chain_store: Path, bolt_conn: Any) -> None:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
    unnamed = bolt_conn.run("MATCH (n) WHERE (n:Entity OR n:Article) AND n.name IS NULL "
                            "RETURN count(n) AS n")
    assert unnamed == [{"n": 0}]


def test_loading_twice_gives_the_same_graph(supply_chain_store: Path, bolt_conn: Any) -> None:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
        first = snapshot(bolt_conn)
        again = load(store, bolt_conn)
        assert again.mode == "unchanged" and again.articles_written == 0
        assert snapshot(bolt_conn) == first
        assert load(store, bolt_conn, full=True).mode == "full"
        assert snapshot(bolt_conn) == first
    # articles, entities, 12 stated + 4 PARTY_TO relationships, 17 MENTIONS (2 + 4 + 4 + 4 + 3)
    assert len(first) == 5 + 11 + 16 + 17


@pytest.mark.parametrize("cypher", [
    "MATCH (d:Deal) SET d.name = 'tampered' RETURN count(d) AS n",
    "MATCH (e:Entity {id: 'company:nvidia'}) DETACH DELETE e",
])
def test_a_write_by_query_makes_the_next_load_full(supply_chain_store: Path, bolt_conn: Any,
                                                   cypher: str) -> None:
    """`kg query --write` changed the graph behind the loader's back; the next load said
    "unchanged" and kept the change. Now it reloads everything: the store's graph again."""
    from kg.graphdb.query import run_query

    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
        first = snapshot(bolt_conn)
        run_query(bolt_conn, cypher, write=True)
        assert snapshot(bolt_conn) != first
        assert load(store, bolt_conn).mode == "full"
        assert snapshot(bolt_conn) == first
        assert load(store, bolt_conn).mode == "unchanged"
        run_query(bolt_conn, "MATCH (d:Deal) RETURN count(d) AS n", write=True)  # reads only
        assert load(store, bolt_conn).mode == "unchanged"


def test_replaced_article_replaces_its_facts(
    tmp_path: Path, bolt_conn: Any, bolt_target: Any
) -> None:
    data = build_store(tmp_path / "d", supply_chain_facts())
    with Store.open(data) as store:
        load(store, bolt_conn)
        # a2 rewritten: it now only says Mistral buys NVIDIA chips.
        store.put(*pair("a2", "fr", "Les puces de Mistral (corrigé)", [MISTRAL, NVIDIA], [
            rel(MISTRAL, RelationType.DEPENDS_ON, NVIDIA, "a2",
                "Mistral AI n'achète que des GPU NVIDIA.", "fr", dependency="compute")]))
        summary = load(store, bolt_conn)
        assert (summary.mode, summary.articles_written) == ("incremental", 1)
        assert "company:tsmc" not in ids(bolt_conn, "Entity")  # only a2 mentioned TSMC
        mentioned = bolt_conn.run("MATCH (:Article {id: 'a2'})-[:MENTIONS]->(e) "
                                  "RETURN e.id AS id ORDER BY id")
        assert [r["id"] for r in mentioned] == [MISTRAL.id, "company:nvidia"]
        assert edge(bolt_conn, "company:nvidia", "DEPENDS_ON", "company:tsmc") is None
        assert edge(bolt_conn, "company:microsoft", "DEPENDS_ON", "company:nvidia") is None
        kept = edge(bolt_conn, MISTRAL.id, "DEPENDS_ON", "company:microsoft")
        assert kept is not None and kept["articles"] == ["a1"] and kept["evidenceCount"] == 1
        new = edge(bolt_conn, MISTRAL.id, "DEPENDS_ON", "company:nvidia")
        assert new is not None
        assert new["evidenceSentences"] == ["Mistral AI n'achète que des GPU NVIDIA."]
        incremental = snapshot(bolt_conn)
        with fresh_conn(bolt_target, tmp_path) as clean:
            load(store, clean)
            assert snapshot(clean) == incremental


def test_evidence_accumulates_across_articles(tmp_path: Path, bolt_conn: Any) -> None:
    facts = supply_chain_facts()
    data = build_store(tmp_path / "d", facts[:1])
    with Store.open(data) as store:
        load(store, bolt_conn)
        dep = edge(bolt_conn, MISTRAL.id, "DEPENDS_ON", "company:microsoft")
        assert dep is not None and dep["evidenceArticles"] == ["a1"]
        store.put(*facts[1])
        assert load(store, bolt_conn).articles_written == 1
    dep = edge(bolt_conn, MISTRAL.id, "DEPENDS_ON", "company:microsoft")
    assert dep is not None
    assert dep["evidenceArticles"] == ["a1", "a2"] and dep["evidenceCount"] == 2
    assert dep["evidenceSentences"] == ["Mistral AI trains its models on Microsoft Azure.",
                                         "Mistral AI loue le cloud Azure de Microsoft."]
    mistral = bolt_conn.run("MATCH (n:Entity {id: $id}) RETURN n.articles AS a", {"id": MISTRAL.id})
    assert mistral == [{"a": ["a1", "a2"]}]


def test_deleted_article_leaves_the_database(supply_chain_store: Path, bolt_conn: Any) -> None:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
        store.delete("a5")
        summary = load(store, bolt_conn)
    assert (summary.mode, summary.articles_deleted) == ("incremental", 1)
    assert "a5" not in ids(bolt_conn, "Article")
    assert "company:lumen-robotics" not in ids(bolt_conn, "Entity")
    assert "deal:mistral-ai-acquires-lumen-robotics" not in ids(bolt_conn, "Entity")
    assert MISTRAL.id in ids(bolt_conn, "Entity")


def test_another_store_gets_a_full_load(tmp_path: Path, bolt_conn: Any) -> None:
    facts = supply_chain_facts()
    first = build_store(tmp_path / "one", facts)
    second = build_store(tmp_path / "two", facts[3:4])
    for data in (first, second):
        with Store.open(data) as store:
            assert load(store, bolt_conn).mode == "full"
    assert ids(bolt_conn, "Article") == ["a4"]


def test_names_follow_neo4j_conventions(supply_chain_store: Path, bolt_conn: Any) -> None:
    """camelCase properties (the store's deal_type is dealType), PascalCase labels,
    UPPER_SNAKE relationship types: what Neo4j's naming conventions ask for."""
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
    props = {r["k"] for r in bolt_conn.run("MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k")}
    props |= {r["k"] for r in bolt_conn.run(
        "MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k")}
    labels = {r["l"] for r in bolt_conn.run("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l")}
    types = {r["t"] for r in bolt_conn.run("MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")}
    assert {"dealType", "datePrecision", "contentHash", "evidenceArticles", "evidenceSentences",
            "evidenceLangs", "evidenceSourceUrls", "evidenceCount", "aliases"} <= props
    assert [k for k in props if not re.fullmatch(r"[a-z]+(?:[A-Z0-9][a-z0-9]*)*", k)] == []
    assert {"Entity", "Article", "Company", "Deal", "KgMeta"} <= labels
    assert [x for x in labels if not re.fullmatch(r"(?:[A-Z][a-z0-9]+)+", x)] == []
    assert {"DEPENDS_ON", "PARTY_TO", "MENTIONS"} <= types
    assert [x for x in types if not re.fullmatch(r"[A-Z]+(?:_[A-Z]+)*", x)] == []


def test_a_graph_loaded_with_snake_case_names_is_loaded_again_in_full(
    supply_chain_store: Path, bolt_conn: Any
) -> None:
    """A graph an older kg loaded (no `format` on its KgMeta: snake_case properties) is never
    updated incrementally: that would read evidence lists under names it does not have."""
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
        with bolt_conn.session() as session:
            session.run("MATCH (m:KgMeta) REMOVE m.format").consume()
        assert load(store, bolt_conn).mode == "full"
        assert load(store, bolt_conn).mode == "unchanged"


def test_batch_size_one_gives_the_same_graph(
    supply_chain_store: Path, bolt_conn: Any, bolt_target: Any, tmp_path: Path
) -> None:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn, batch_size=1, tx_articles=1)
        one_by_one = snapshot(bolt_conn)
        with fresh_conn(bolt_target, tmp_path) as other:
            load(store, other)
            assert snapshot(other) == one_by_one


# --- the CLI and connection errors ----------------------------------------------------------


def invoke(*args: Any, **env: str) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def test_cli_load_then_reload(supply_chain_store: Path, neo4j_env: Any) -> None:
    first = invoke("load", "--data-dir", supply_chain_store, "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["mode"] == "full"
    second = invoke("load", "--data-dir", supply_chain_store)
    assert second.exit_code == 0
    assert second.stdout.startswith(f"unchanged load into {neo4j_env.uri}: 0 articles written")


def test_cli_load_shows_progress_and_counts_what_the_store_holds(
    supply_chain_store: Path, neo4j_env: Any
) -> None:
    """One article per transaction: Mistral AI -> Microsoft is stated by a1 and by a2, in two
    transactions, and still counts once (12 relationships, 13 evidence rows)."""
    result = invoke("load", "--data-dir", supply_chain_store, "--tx-articles", 1,
                    "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    with Store.open(supply_chain_store) as store:
        stats = store.stats()
    assert (summary["articles_written"], summary["relations"], summary["evidence"],
            summary["entities"]) == (5, 12, 13, 11)
    assert (stats.articles, sum(stats.relations.values()), stats.evidence,
            sum(stats.entities.values())) == (5, 12, 13, 11)
    lines = result.stderr.splitlines()
    assert lines[-1] == "loading: 5/5 articles, 12 relations written"
    assert all(re.fullmatch(r"loading: [1-5]/5 articles, \d+ relations written", x) for x in lines)


def test_wrong_password_is_one_line_without_the_password(
    supply_chain_store: Path, neo4j_env: Any
) -> None:
    result = invoke("load", "--data-dir", supply_chain_store, NEO4J_PASSWORD="Wr0ng-Secret-77")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {neo4j_env.uri}: authentication failed "
                             "(check NEO4J_USERNAME / NEO4J_PASSWORD)\n")
    assert "Wr0ng-Secret-77" not in result.output
    assert neo4j_env.password not in result.output


def test_unreachable_host_is_one_line(supply_chain_store: Path, neo4j_env: Any) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = invoke("chain", "Mistral AI", "--data-dir", supply_chain_store, NEO4J_URI=uri)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {uri}: database server unreachable or gone (")
    assert result.stderr.count("\n") == 1


def test_missing_database_is_one_line(supply_chain_store: Path, neo4j_env: Any) -> None:
    result = invoke("load", "--data-dir", supply_chain_store, NEO4J_DATABASE="nosuchdb")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {neo4j_env.uri}: database 'nosuchdb' does not exist "
                             "(check NEO4J_DATABASE)\n")


def test_load_without_a_store_says_so(tmp_path: Path, neo4j_env: Any) -> None:
    result = invoke("load", "--data-dir", tmp_path / "nothing")
    assert result.exit_code == 1
    expected = f"Error: {tmp_path / 'nothing'}: no kg store here (run `kg ingest` first)\n"
    assert result.stderr == expected
