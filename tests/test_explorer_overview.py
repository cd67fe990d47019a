"""The overview a big graph opens on, deal timelines, label spreading and the full layout."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kg.explorer import render_html
from kg.explorer.layout import compute_layout
from kg.explorer.overview import (
    OVERVIEW_MIN_NODES,
    TOP_DEALS,
    TOP_ENTITIES,
    deal_events,
    overview_layout,
    select_overview,
    spread_labels,
)
from kg.explorer.payload import best_first
from kg.graph import GraphFilter


def ev(day: str, sentence: str = "s") -> dict[str, str]:
    return {"article": day, "sentence": sentence, "published": day}


def deal_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("deal:a", name="A buys B", kind="Deal", properties={"status": "blocked"})
    g.add_node("deal:b", name="C round", kind="Deal", properties={"date": "2024-06"})
    g.add_node("deal:c", name="Undated", kind="Deal", properties={})
    for n in ("company:a", "company:b", "regulator:r"):
        g.add_node(n, name=n, kind="Company", properties={})
    g.add_edge("company:a", "deal:a", key="PARTY_TO", relation="PARTY_TO",
               evidence=[ev("2025-01-10"), ev("2025-02-01")])
    g.add_edge("regulator:r", "deal:a", key="REVIEWS", relation="REVIEWS",
               evidence=[ev("2025-03-02"), ev("2025-02-20")])
    g.add_edge("company:b", "deal:b", key="PARTY_TO", relation="PARTY_TO", evidence=[])
    return g


def test_deal_events_follow_the_sentences() -> None:
    events = deal_events(deal_graph())
    # Announced on its first sentence, under review from the first review sentence, and the
    # status the text gave it on its last day.
    assert events["deal:a"] == [["2025-01-10", "announced"], ["2025-02-20", "under_review"],
                                ["2025-03-02", "blocked"]]
    assert events["deal:b"] == [["2024-06-01", "announced"]]  # its own month, no sentence
    assert "deal:c" not in events


def test_overview_takes_top_entities_then_the_periods_latest_deals() -> None:
    g = nx.barabasi_albert_graph(400, 2, seed=3)
    graph = nx.MultiDiGraph()
    for n in g:
        graph.add_node(f"c{n}", name=f"C{n}", kind="Company", properties={})
    graph.add_edges_from((f"c{u}", f"c{v}", "PARTNERS_WITH") for u, v in g.edges)
    events = {}
    for i in range(60):
        graph.add_node(f"d{i}", name=f"D{i}", kind="Deal", properties={})
        graph.add_edge(f"c{i}", f"d{i}", key="PARTY_TO")
        events[f"d{i}"] = [[f"2025-{1 + i % 12:02d}-01", "announced"]]
    chosen = select_overview(graph, events)
    by_degree = sorted((n for n in graph if n.startswith("c")), key=lambda n: (-graph.degree(n), n))
    assert chosen[:TOP_ENTITIES] == by_degree[:TOP_ENTITIES]
    deals = chosen[TOP_ENTITIES:]
    assert len(deals) == TOP_DEALS
    assert all(events[d][0][0] >= "2025-09-01" for d in deals[:10])  # latest first
    june = select_overview(graph, events, "2025-06", "2025-06")[TOP_ENTITIES:]
    assert sorted(june) == sorted(f"d{i}" for i in range(60) if i % 12 == 5)


def test_overview_layout_leaves_room_for_every_label() -> None:
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(200, 2, seed=1))
    for n in g:
        g.nodes[n].update(name=f"Some company name {n}", kind="Company")
    nodes = sorted(g, key=lambda n: -g.degree(n))[:40]
    positions, groups = overview_layout(g, nodes)
    assert set(positions) == set(groups) == set(nodes)
    xy = np.array([positions[n] for n in nodes])
    width, height = np.ptp(xy, axis=0)
    assert 0.4 < height / width < 2.5  # neither a column nor a row
    names = [g.nodes[n]["name"] for n in nodes]
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            dx, dy = np.abs(xy[i] - xy[j])
            min_dx = 7.5 * (len(names[i]) + len(names[j])) / 2 + 24 - 2
            assert dx >= min_dx or dy >= 30, (nodes[i], nodes[j])


def test_spread_labels_removes_overlaps() -> None:
    rng = np.random.default_rng(4)
    xy = rng.random((50, 2)) * 100
    boxes = np.tile([120.0, 30.0], (50, 1))
    out = spread_labels(xy, boxes)
    dx = np.abs(out[:, None, 0] - out[None, :, 0])
    dy = np.abs(out[:, None, 1] - out[None, :, 1])
    clash = (dx < 120 - 0.5) & (dy < 30 - 0.5)
    np.fill_diagonal(clash, False)
    assert not clash.any()


def test_full_layout_packs_isolated_nodes_instead_of_a_frame() -> None:
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(1500, 2, seed=2))
    g.add_nodes_from(range(1500, 1900))  # 400 isolated nodes
    g.add_edges_from((i, i + 1) for i in range(1900, 1960, 2))  # 30 pairs
    xy = np.array(list(compute_layout(g).values()))
    low, high = xy.min(axis=0), xy.max(axis=0)
    tol = (high - low) * 0.005
    on_sides = [(np.abs(xy[:, axis] - end[axis]) < tol[axis]).sum()
                for axis in (0, 1) for end in (low, high)]
    assert sum(on_sides) < 0.05 * len(xy), on_sides
    assert len({tuple(p) for p in xy}) == len(xy)  # nobody stacked on anybody


def test_best_sentence_names_both_ends_then_latest() -> None:
    evidence = [{"sentence": "Orbis grows.", "date": "2025-05-01"},
                {"sentence": "Orbis buys Lumen, says a report.", "date": "2024-01-01"},
                {"sentence": "Orbis buys Lumen.", "date": "2024-01-01"},
                {"sentence": "Lumen is sold to Orbis today.", "date": "2024-03-01"}]
    ordered = [e["sentence"] for e in best_first(evidence, "Orbis", "Lumen")]
    assert ordered == ["Lumen is sold to Orbis today.", "Orbis buys Lumen.",
                       "Orbis buys Lumen, says a report.", "Orbis grows."]


@pytest.mark.parametrize("size", [OVERVIEW_MIN_NODES, OVERVIEW_MIN_NODES + 1])
def test_page_has_an_overview_only_when_big(size: int) -> None:
    g = nx.MultiDiGraph(nx.path_graph(size))
    for n in g:
        g.nodes[n].update(name=f"N{n}", kind="Company")
    page = render_html(g, flt=GraphFilter(kinds=["company"], since="2025"))
    assert ('"overview":true' in page) is (size > OVERVIEW_MIN_NODES)
    assert '"filter":{"focus":null,"depth":2,"relations":null,"kinds":["Company"],' in page
