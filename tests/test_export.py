"""GraphML / GEXF / node-link JSON round trips keep kinds, relation types and evidence counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from test_graph import populate

from kg.errors import StoreError
from kg.export import read_json, write_gexf, write_graphml, write_json
from kg.graph import build_graph
from kg.store import Store


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    with Store.open(tmp_path / "data") as store:
        populate(store)
        return build_graph(store)


def kinds(g: nx.MultiDiGraph) -> dict[str, str]:
    return {n: d["kind"] for n, d in g.nodes(data=True)}


def edge_counts(g: nx.MultiDiGraph) -> Counter[tuple[str, str, str, int]]:
    """(source, target, relation, evidence_count) for every edge."""
    out: Counter[tuple[str, str, str, int]] = Counter()
    for u, v, d in g.edges(data=True):
        n = d["evidence_count"] if "evidence_count" in d else len(d["evidence"])
        out[(u, v, d["relation"], int(n))] += 1
    return out


EXPECTED_EDGES = {
    ("company:orbis", "company:lumen", "ACQUIRES", 1),
    ("regulator:cma", "deal:orbis-lumen", "REVIEWS", 1),
    ("company:orbis", "deal:orbis-lumen", "PARTY_TO", 1),
    ("company:lumen", "deal:orbis-lumen", "PARTY_TO", 1),
    ("company:lumen", "company:kestrel", "PARTNERS_WITH", 1),
    ("person:ada-roy", "company:kestrel", "LEADS", 1),
}


def test_graphml_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_graphml(graph, tmp_path / "out" / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert kinds(back) == kinds(graph)
    assert set(edge_counts(back)) == EXPECTED_EDGES
    ids = [k for _, _, k in back.edges(keys=True)]
    assert len(ids) == len(set(ids)) == len(EXPECTED_EDGES)  # Gephi wants unique edge ids
    deal = back.nodes["deal:orbis-lumen"]
    assert (deal["amount"], deal["currency"], deal["date"]) == (120000000.0, "EUR", "2024-11")
    assert json.loads(deal["parties"])[0] == {"id": "company:orbis", "role": "acquirer"}
    leads = next(d for _, _, d in back.edges(data=True) if d["relation"] == "LEADS")
    assert leads["role"] == "CEO"
    assert json.loads(leads["evidence_json"])[0]["sentence"] == "Ada Roy runs Kestrel."


def test_gexf_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert kinds(back) == kinds(graph)
    assert back.nodes["company:orbis"]["label"] == "Orbis"
    assert set(edge_counts(back)) == EXPECTED_EDGES


def test_json_round_trip_keeps_everything(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = read_json(write_json(graph, tmp_path / "g.json"))
    assert set(edge_counts(back)) == EXPECTED_EDGES
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=str) == sorted(
        graph.edges(keys=True, data=True), key=str)


def test_mixed_types_per_attribute_are_unified(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", name="A", kind="Deal", aliases=[], properties={"amount": 5, "round": "A"})
    g.add_node("b", name="B", kind="Deal", aliases=[], properties={"amount": 2.5, "round": 3})
    back = nx.read_graphml(write_graphml(g, tmp_path / "m.graphml"))
    assert (back.nodes["a"]["amount"], back.nodes["b"]["amount"]) == (5.0, 2.5)
    assert (back.nodes["a"]["round"], back.nodes["b"]["round"]) == ("A", "3")


def test_unwritable_path_is_a_store_error(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot write"):
        write_json(graph, tmp_path / "file" / "g.json")
