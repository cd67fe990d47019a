"""GraphML / GEXF / node-link JSON round trips keep kinds, relation types and evidence counts."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
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


def test_graphml_has_labels(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"), force_multigraph=True)
    assert back.nodes["company:orbis"]["label"] == "Orbis"
    assert back.nodes["deal:orbis-lumen"]["label"] == "Orbis / Lumen"
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert 'attr.name="label"' in text


def test_gexf_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "g.gexf")
    back = nx.read_gexf(path, version="1.3")
    assert kinds(back) == kinds(graph)
    assert back.nodes["company:orbis"]["label"] == "Orbis"
    assert set(edge_counts(back)) == EXPECTED_EDGES


def test_gexf_carries_colours_positions_and_time(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    g_el = root.find("{http://gexf.net/1.3}graph")
    assert g_el is not None
    assert (g_el.get("mode"), g_el.get("timeformat")) == ("dynamic", "date")
    back = nx.read_gexf(path, version="1.3")
    orbis = back.nodes["company:orbis"]["viz"]
    assert orbis["color"] == {"r": 0x00, "g": 0x72, "b": 0xB2, "a": 1.0}  # Company, style.json
    assert back.nodes["regulator:cma"]["viz"]["color"]["r"] == 0xD5  # Regulator #D55E00
    xs = {round(d["viz"]["position"]["x"], 1) for _, d in back.nodes(data=True)}
    assert len(xs) == back.number_of_nodes()  # laid out, not stacked at the origin
    # Edges live from their first to their last evidence day; nodes span their edges and deals.
    acquires = next(d for _, _, d in back.edges(data=True) if d["relation"] == "ACQUIRES")
    assert (acquires["start"], acquires["end"]) == ("2024-11-05", "2024-11-05")
    edge_colours = {e.get("label"): e.find("{http://gexf.net/1.3/viz}color").attrib  # type: ignore[union-attr]
                    for e in root.iter("{http://gexf.net/1.3}edge")}  # networkx reads no edge viz
    assert edge_colours["ACQUIRES"] == {"r": "213", "g": "94", "b": "0", "a": "1.0"}
    lumen = back.nodes["company:lumen"]
    assert (lumen["start"], lumen["end"]) == ("2024-11-05", "2025-04-02")
    deal = back.nodes["deal:orbis-lumen"]  # its month (2024-11) and its evidence day
    assert (deal["start"], deal["end"]) == ("2024-11-01", "2024-11-30")


def test_gexf_keeps_properties_named_like_gexf_structure(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", name="A", kind="Deal", aliases=[],
               properties={"start": "soon", "type": "merger", "viz": "x"})
    g.add_node("b", name="B", kind="Company", aliases=[], properties={})
    g.add_edge("a", "b", key="ACQUIRES", relation="ACQUIRES", properties={"weight": "heavy"},
               evidence=[])
    back = nx.read_gexf(write_gexf(g, tmp_path / "g.gexf"), version="1.3")
    a = back.nodes["a"]
    assert (a["prop_start"], a["prop_type"], a["prop_viz"]) == ("soon", "merger", "x")
    assert "start" not in a  # no date: present all the time in Gephi
    assert next(iter(back.edges(data=True)))[2]["prop_weight"] == "heavy"


def test_json_round_trip_keeps_everything(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = read_json(write_json(graph, tmp_path / "g.json"))
    assert set(edge_counts(back)) == EXPECTED_EDGES
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=str) == sorted(
        graph.edges(keys=True, data=True), key=str)


def test_json_loads_with_networkx_defaults(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    """No keyword: networkx 3.4 (our lower bound) and 3.5 read "links" (with a FutureWarning),
    3.6+ "edges". The tests run on 3.6+, so the "links" copy is also read by name: what the
    older defaults read."""
    data = json.loads(write_json(graph, tmp_path / "g.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        loaded = [nx.node_link_graph(data), nx.node_link_graph(data, edges="links")]
    for back in loaded:
        assert back.is_directed() and back.is_multigraph()
        assert set(edge_counts(back)) == EXPECTED_EDGES
        assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(loaded[0].edges(keys=True, data=True), key=str) == sorted(
        loaded[1].edges(keys=True, data=True), key=str)



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
