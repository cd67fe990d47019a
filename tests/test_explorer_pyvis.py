"""kg.explorer.to_pyvis: a small hand-made graph as a pyvis Network, checked by hand."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import ConfigurationError
from kg.explorer import to_pyvis
from kg.graph import GraphFilter

ROOT = Path(__file__).resolve().parent.parent


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("company:acme", name="Acme AI", kind="Company", aliases=["Acme"], properties={})
    g.add_node("company:bolt", name="Bolt Labs", kind="Company", aliases=[], properties={})
    g.add_node("person:jane", name="Jane Doe", kind="Person", aliases=[], properties={})
    g.add_node("company:link", name="Link Co", kind="Company", aliases=["href corp"],
               properties={})
    g.add_node("gizmo:x", name="X", kind="Gizmo", aliases=[], properties={})
    later = {"sentence": "The round closed.", "title": "Round", "published": "2025-04",
             "article": "b"}
    best = {"sentence": "Acme AI invested in Bolt Labs.", "title": "Acme invests",
            "published": "2025-03-04", "article": "a"}
    g.add_edge("company:acme", "company:bolt", key="INVESTS_IN", relation="INVESTS_IN",
               properties={}, evidence=[later, best])
    g.add_edge("company:acme", "company:bolt", key="PARTNERS_WITH", relation="PARTNERS_WITH",
               properties={}, evidence=[])
    g.add_edge("person:jane", "company:acme", key="LEADS", relation="LEADS", properties={},
               evidence=[])
    return g


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_nodes_carry_name_kind_style_and_degree() -> None:
    nodes = _by_id(to_pyvis(_graph()).nodes)
    assert set(nodes) == {"company:acme", "company:bolt", "person:jane", "company:link",
                          "gizmo:x"}
    acme = nodes["company:acme"]
    assert (acme["label"], acme["color"], acme["shape"], acme["value"]) == (
        "Acme AI", "#0072B2", "dot", 3)
    assert acme["title"] == "Acme AI (Company)\nalso: Acme"
    jane = nodes["person:jane"]
    assert (jane["color"], jane["shape"], jane["value"]) == ("#E69F00", "triangle", 1)
    gizmo = nodes["gizmo:x"]  # a kind style.json does not know; no edge still gets size 1
    assert (gizmo["color"], gizmo["shape"], gizmo["value"]) == ("#999999", "dot", 1)


def test_no_node_title_switches_pyvis_tooltips_to_html() -> None:
    nodes = _by_id(to_pyvis(_graph()).nodes)
    assert nodes["company:link"]["title"] == "Link Co (Company)\nalso: h\u2060ref corp"
    assert not any("href" in n["title"] for n in nodes.values())


def test_edges_carry_relation_colour_and_best_sentence() -> None:
    edges = {(e["from"], e["to"], e["label"]): e for e in to_pyvis(_graph()).edges}
    assert set(edges) == {("company:acme", "company:bolt", "INVESTS_IN"),
                          ("company:acme", "company:bolt", "PARTNERS_WITH"),
                          ("person:jane", "company:acme", "LEADS")}
    invests = edges["company:acme", "company:bolt", "INVESTS_IN"]
    assert invests["color"] == "#009E73"
    assert invests["title"] == (
        "Acme AI INVESTS_IN Bolt Labs\n"
        "Acme AI invested in Bolt Labs. (Acme invests, 2025-03-04)\n"
        "+1 more sentence(s)"
    )
    leads = edges["person:jane", "company:acme", "LEADS"]
    assert (leads["color"], leads["title"]) == ("#A6761D", "Jane Doe LEADS Acme AI")
    assert edges["company:acme", "company:bolt", "PARTNERS_WITH"]["color"] == "#0072B2"


def test_filter_cuts_the_graph_first() -> None:
    net = to_pyvis(_graph(), filter=GraphFilter(focus="Jane Doe", depth=1))
    assert {n["id"] for n in net.nodes} == {"person:jane", "company:acme"}
    assert [(e["from"], e["to"], e["label"]) for e in net.edges] == [
        ("person:jane", "company:acme", "LEADS")]


def test_network_options_reach_pyvis_and_directed_is_the_default() -> None:
    assert to_pyvis(_graph()).directed is True
    net = to_pyvis(nx.DiGraph(_graph()), height="500px", bgcolor="#222222", directed=False)
    assert (net.height, net.bgcolor, net.directed) == ("500px", "#222222", False)


def test_write_html_holds_our_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # pyvis copies its lib/ folder into the working directory
    target = tmp_path / "graph.html"
    to_pyvis(_graph()).write_html(str(target))
    page = target.read_text(encoding="utf-8")
    for text in ("company:acme", "Acme AI", "Bolt Labs", "Jane Doe", "INVESTS_IN", "#009E73"):
        assert text in page


def test_not_a_graph_is_one_line() -> None:
    with pytest.raises(ConfigurationError, match=r"^list: expected a NetworkX graph"):
        to_pyvis([])  # type: ignore[arg-type]


def test_missing_pyvis_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyvis", None)  # `import pyvis...` now raises ImportError
    monkeypatch.setitem(sys.modules, "pyvis.network", None)
    name = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
    with pytest.raises(ConfigurationError) as err:
        to_pyvis(_graph())
    assert str(err.value) == f"pyvis is not installed: pip install '{name}[pyvis]'"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert "pyvis>=0.3.2,<0.4" in extras["pyvis"]
