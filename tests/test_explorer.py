"""The explorer page as a file: self-contained, escaped, and carrying what the tooltips need."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import ConfigurationError, StoreError
from kg.explorer import PHYSICS_MAX_NODES, render_html, write_html
from kg.explorer.layout import compute_layout
from kg.explorer.payload import date_span, node_properties, safe_url
from kg.explorer.style import load_style

FIXTURES = Path(__file__).parent / "fixtures" / "explorer"


def load_fixture(name: str) -> nx.MultiDiGraph:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block, "data block missing"
    return json.loads(block.group(1))


@pytest.fixture(scope="module")
def small_page() -> str:
    return render_html(load_fixture("small_graph"), title="Small graph")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(load_fixture("hostile_graph"), title="</title><script>alert(1)</script>")


# --- self-contained -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",  # remote script, style, image, link
        r"""url\(\s*["']?\s*(?:https?:)?//""",  # CSS url() to the network
        r"@import",
        r"<link\b",
        r"<script[^>]*\bsrc\s*=",
        r"<iframe\b",
    ],
)
def test_page_references_nothing_remote(small_page: str, pattern: str) -> None:
    assert not re.search(pattern, small_page, re.I)


def test_csp_allows_exactly_the_inline_scripts(small_page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', small_page)
    assert csp
    scripts = re.findall(r"<script>(.*?)</script>", small_page, re.S)
    assert len(scripts) == 2  # vis-network, then our app
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    script_src = re.search(r"script-src ([^;]+);", csp.group(1))
    assert script_src and set(script_src.group(1).split()) == hashes
    assert "default-src 'none'" in csp.group(1)
    assert "unsafe-inline" not in script_src.group(1)


def test_vis_network_is_inlined(small_page: str) -> None:
    assert "vis-network" in small_page and len(small_page) > 300_000


# --- escaping -----------------------------------------------------------------------------


def test_hostile_strings_appear_only_json_escaped(hostile_page: str) -> None:
    body = hostile_page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    for raw in ["<img src=x onerror", "<svg onload", "window.__kgPwned='script name'</script>"]:
        assert raw not in hostile_page


def test_hostile_strings_round_trip_as_text(hostile_page: str) -> None:
    data = page_data(hostile_page)
    labels = {n["label"] for n in data["nodes"]}
    assert "</script><script>window.__kgPwned='script name'</script>" in labels
    assert '<img src=x onerror="window.__kgPwned=\'node name\'">' in labels
    assert data["title"] == "</title><script>alert(1)</script>"


def test_title_element_is_escaped(hostile_page: str) -> None:
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in hostile_page


def test_only_plain_http_links_survive(hostile_page: str) -> None:
    urls = [ev["url"] for e in page_data(hostile_page)["edges"] for ev in e["evidence"]]
    assert sorted(urls, key=str) == [None, None, None, None, None, "https://example.org/plain"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1#c", True),
        ("HTTP://example.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" https://example.org", False),
        ("https://example.org/\n", False),
        ("data:text/html,hi", False),
        ("//example.org/x", False),
        ("/local/path", False),
        ("https://example.org/a b", False),
        ('https://example.org/"onmouseover="x', False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_safe_url(url: object, kept: bool) -> None:
    assert safe_url(url) == (url if kept else None)


# --- content for tooltips, legend and filters --------------------------------------------


def test_deal_amounts_carry_their_currency() -> None:
    g = load_fixture("small_graph")
    names = {n: a["name"] for n, a in g.nodes(data=True)}
    deal = g.nodes["deal:mistral-ai-series-c"]["properties"]
    rows = {label: value for label, value in node_properties(deal, names)}
    assert rows["amount"] == "1,700,000,000 EUR"
    assert rows["valuation"] == "11,700,000,000 EUR"
    assert rows["amount_text"] == "17亿欧元"
    assert rows["party (lead_investor)"] == "ASML"
    assert rows["party (investee)"] == "Mistral AI"
    assert "currency" not in rows


def test_parallel_typed_edges_are_kept_and_fanned_out(small_page: str) -> None:
    edges = page_data(small_page)["edges"]
    pair = [e for e in edges if {e["from"], e["to"]} == {0, 1}]
    assert sorted(e["relation"] for e in pair) == ["DEPENDS_ON", "PARTNERS_WITH"]
    assert sorted(e["curve"] for e in pair) == [0, 1]


def test_evidence_rows_carry_title_date_language_link(small_page: str) -> None:
    raised = next(e for e in page_data(small_page)["edges"] if e["relation"] == "RAISED")
    assert (raised["evidenceCount"], raised["articleCount"]) == (3, 1)  # zh, en, fr of 1 digest
    assert [ev["lang"] for ev in raised["evidence"]] == ["zh", "en", "fr"]
    assert raised["evidence"][0] == {
        "sentence": "这家巴黎公司完成了C轮融资，金额为17亿欧元。",
        "title": "AI 每日洞察",
        "date": "2025-09-09",
        "lang": "zh",
        "url": None,
    }
    assert raised["dates"] == ["2025-09-09"]


def test_legend_counts_kinds_and_relations(small_page: str) -> None:
    data = page_data(small_page)
    kinds = {k["name"]: k["count"] for k in data["kinds"]}
    assert kinds == {"Company": 3, "Deal": 1, "Regulator": 1, "Person": 1, "Country": 1}
    relations = {r["name"]: r["count"] for r in data["relations"]}
    assert relations["RAISED"] == 1 and sum(relations.values()) == 7
    style = load_style()
    assert {k["color"] for k in data["kinds"]} == {style.kind(k).color for k in kinds}


def test_plain_numbers_have_no_thousands_separator(small_page: str) -> None:
    mistral = next(n for n in page_data(small_page)["nodes"] if n["label"] == "Mistral AI")
    assert mistral["props"] == [["founded", "2023"]]


def test_node_size_is_degree(small_page: str) -> None:
    values = {n["label"]: n["value"] for n in page_data(small_page)["nodes"]}
    assert values["Mistral AI"] == 5 and values["France"] == 1


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2025-06-08T16:10:31.765Z", ["2025-06-08", "2025-06-08"]),
        ("2025-06-08", ["2025-06-08", "2025-06-08"]),
        ("2025-06", ["2025-06-01", "2025-06-30"]),
        ("2025", ["2025-01-01", "2025-12-31"]),
        ("June 2025", None),
        ("", None),
        (None, None),
    ],
)
def test_date_span(value: object, span: list[str] | None) -> None:
    assert date_span(value) == span


# --- size decisions and layout -----------------------------------------------------------


def _ring(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"company:c{i}", name=f"C{i}", kind="Company")
        g.add_edge(f"company:c{i}", f"company:c{(i + 1) % n}", key="PARTNERS_WITH",
                   relation="PARTNERS_WITH")
    return g


@pytest.mark.parametrize(
    ("n", "physics"), [(7, True), (PHYSICS_MAX_NODES, True), (PHYSICS_MAX_NODES + 1, False)]
)
def test_physics_only_for_small_graphs(n: int, physics: bool) -> None:
    assert page_data(render_html(_ring(n)))["options"]["physics"] is physics


def test_layout_is_deterministic_and_complete() -> None:
    g = _ring(600)
    first, second = compute_layout(g), compute_layout(g)
    assert first == second and set(first) == set(g.nodes)


def test_mesh_layout_puts_neighbours_closer_than_strangers() -> None:
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(1500, 2, seed=3))
    pos = {n: complex(*xy) for n, xy in compute_layout(g).items()}
    edge_len = sum(abs(pos[u] - pos[v]) for u, v in g.edges()) / g.number_of_edges()
    stranger = sum(abs(pos[i] - pos[(i * 7919 + 13) % 1500]) for i in range(1500)) / 1500
    assert edge_len < 0.5 * stranger


def test_empty_graph_renders() -> None:
    data = page_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["options"]["physics"] is False


# --- writing ------------------------------------------------------------------------------


def test_write_html_creates_folders(tmp_path: Path) -> None:
    out = write_html(load_fixture("small_graph"), tmp_path / "a" / "b" / "graph.html")
    assert out == tmp_path / "a" / "b" / "graph.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_html_unwritable_path_is_a_kg_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"file\.txt/graph\.html: cannot write HTML export"):
        write_html(nx.MultiDiGraph(), blocker / "graph.html")


def test_render_html_rejects_non_graphs() -> None:
    with pytest.raises(ConfigurationError, match="^dict: expected a NetworkX graph"):
        render_html({"nodes": []})  # type: ignore[arg-type]
