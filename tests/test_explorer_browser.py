"""The explorer page in headless Chromium: offline, no console errors, drawn, tooltips, no XSS.

Needs Debian's /usr/bin/chromium (never `playwright install`); marked `browser`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.explorer import LARGE_NODES, write_html

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FIXTURES = Path(__file__).parent / "fixtures" / "explorer"
CANVAS_DRAWN = """() => [...document.querySelectorAll('#kg-canvas canvas')].some(c => {
  const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true;
  return false;
})"""
# A point on edge `id` that hit-tests to that edge, in page coordinates (the canvas's offset
# added), or null. Tries points along the segment so node discs and labels do not get in the way.
EDGE_POINT = """(id) => {
  const net = kgExplorer.network, e = kgExplorer.data.edges[id];
  const pos = net.getPositions([e.from, e.to]);
  const box = document.querySelector('#kg-canvas').getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {
    const dom = net.canvasToDOM({x: pos[e.from].x + t * (pos[e.to].x - pos[e.from].x),
                                 y: pos[e.from].y + t * (pos[e.to].y - pos[e.from].y)});
    if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined)
      return {x: dom.x + box.left, y: dom.y + box.top};
  }
  return null;
}"""
NODE_POINT = """(id) => {
  const net = kgExplorer.network, p = net.canvasToDOM(net.getPositions([id])[id]);
  const box = document.querySelector('#kg-canvas').getBoundingClientRect();
  return {x: p.x + box.left, y: p.y + box.top};
}"""


@dataclass
class OpenedPage:
    page: Any
    requests: list[str] = field(default_factory=list)  # every non-file request (all blocked)
    errors: list[str] = field(default_factory=list)  # console errors, page errors, dialogs


def load_fixture(name: str) -> nx.MultiDiGraph:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """open_page(graph) -> OpenedPage, loaded from file:// with every other request aborted."""
    pages: list[Any] = []

    def _open(graph: nx.MultiDiGraph, title: str = "test graph", *, csp: bool = True,
              hash: str = "") -> OpenedPage:
        path = write_html(graph, tmp_path / f"page{len(pages)}.html", title=title)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=not csp)
        page = context.new_page()
        pages.append(page)
        opened = OpenedPage(page)
        page.route("**/*", lambda route: _only_files(route, opened))
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.on("pageerror", lambda exc: opened.errors.append(f"pageerror: {exc}"))
        page.on("dialog", lambda d: (opened.errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(path.as_uri() + hash)
        page.wait_for_function("() => window.kgExplorer && window.kgExplorer.ready",
                               timeout=30_000)
        return opened

    yield _open
    for page in pages:
        page.context.close()


def _only_files(route: Any, opened: OpenedPage) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        opened.requests.append(route.request.url)
        route.abort()


def edge_id(p: OpenedPage, relation: str) -> int:
    return p.page.evaluate(
        "(r) => kgExplorer.data.edges.find(e => e.relation === r).id", relation
    )


def node_id(p: OpenedPage, label: str) -> int:
    return p.page.evaluate("(l) => kgExplorer.data.nodes.find(n => n.label === l).id", label)


def hover_edge(p: OpenedPage, eid: int) -> tuple[float, float]:
    point = p.page.evaluate(EDGE_POINT, eid)
    assert point, f"no hoverable point on edge {eid}"
    return _hover(p, point)


def hover_node(p: OpenedPage, nid: int) -> tuple[float, float]:
    return _hover(p, p.page.evaluate(NODE_POINT, nid))


def _hover(p: OpenedPage, point: dict[str, float]) -> tuple[float, float]:
    p.page.mouse.move(point["x"] + 1, point["y"] + 1)  # move off and back: a fresh hover event
    p.page.mouse.move(point["x"], point["y"])
    p.page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
    return point["x"], point["y"]


# --- offline, clean, drawn ----------------------------------------------------------------


def test_page_is_offline_clean_and_drawn(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    assert p.page.evaluate(CANVAS_DRAWN)
    assert p.requests == []
    assert p.errors == []
    assert p.page.inner_text("#kg-status") == "7 of 7 nodes, 7 of 7 edges"
    legend = p.page.inner_text("#kg-kinds")
    assert "Company" in legend and "Deal" in legend


def test_large_graph_draws_without_physics(open_page: Any) -> None:
    base = nx.barabasi_albert_graph(LARGE_NODES + 500, 2, seed=5)
    g = nx.MultiDiGraph()
    for i in base.nodes:
        g.add_node(i, name=f"Company {i}", kind="Company")
    for u, v in base.edges:
        g.add_edge(u, v, key="PARTNERS_WITH", relation="PARTNERS_WITH")
    p = open_page(g, hash="#view=all")  # the whole graph at once, not the overview
    assert p.page.evaluate("() => kgExplorer.mode()") == "all"
    n = g.number_of_nodes()
    assert p.page.inner_text("#kg-status").startswith(f"{n} of {n} nodes")
    assert p.page.evaluate("() => kgExplorer.data.options.physics") is False
    assert p.page.evaluate(CANVAS_DRAWN)
    timings = p.page.evaluate("() => kgExplorer.timings")
    assert timings["preview"] < timings["network"] < timings["drawn"]  # a picture came first
    assert p.page.locator(".kg-preview").count() == 0  # replaced by the interactive graph
    assert p.requests == [] and p.errors == []


# --- tooltips -----------------------------------------------------------------------------


def test_edge_tooltip_shows_evidence_with_source(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    hover_edge(p, edge_id(p, "PARTY_TO"))
    tip = p.page.locator("#kg-tip")
    text = tip.inner_text()
    assert "ASML" in text and "PARTY_TO" in text and "Mistral AI Series C" in text
    assert "The lithography maker led the round, according to the filing we saw." in text
    assert "Who led the round · 2025-09-10 · en" in text
    assert tip.locator("a").get_attribute("href") == "https://example.org/en/lead"


def test_trilingual_evidence_in_tooltip(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    hover_edge(p, edge_id(p, "RAISED"))
    text = p.page.inner_text("#kg-tip")
    assert "Evidence (3 sentences, 1 article)" in text  # one digest, in three languages
    for sentence in ["这家巴黎公司完成了C轮融资，金额为17亿欧元。",
                     "The Paris company closed a Series C of EUR 1.7 billion.",
                     "L'entreprise parisienne a bouclé une série C de 1,7 milliard d'euros."]:
        assert sentence in text
    assert p.page.locator("#kg-tip a").count() == 0  # no source URL, so no link


def test_node_tooltip_shows_kind_aliases_and_amount(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    hover_node(p, node_id(p, "Mistral AI Series C"))
    text = p.page.inner_text("#kg-tip")
    assert "Deal" in text and "1,700,000,000 EUR" in text and "Series C" in text
    hover_node(p, node_id(p, "NVIDIA"))
    assert "Also: 英伟达" in p.page.inner_text("#kg-tip")


# --- filters and search -------------------------------------------------------------------


def test_relation_filter_keeps_only_linked_nodes(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    for box in p.page.locator("#kg-relations input").all():
        if box.get_attribute("value") != "DEPENDS_ON":
            box.uncheck()
    assert p.page.inner_text("#kg-status") == "2 of 7 nodes, 1 of 7 edges"
    drawn = "() => [kgExplorer.network.body.nodeIndices, kgExplorer.network.body.edgeIndices]"
    nodes, edges = p.page.evaluate(drawn)  # the lists vis-network draws from
    assert sorted(nodes) == [0, 1] and edges == [edge_id(p, "DEPENDS_ON")]


def test_kind_filter_hides_nodes_and_their_edges(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    p.page.locator('#kg-kinds input[value="Deal"]').uncheck()
    assert p.page.inner_text("#kg-status") == "6 of 7 nodes, 4 of 7 edges"


def test_date_filter(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    p.page.fill("#kg-from", "2025-09-01")
    p.page.fill("#kg-until", "2025-09-30")
    # RAISED (09-09) and PARTY_TO (09-10): Mistral AI, the deal, ASML.
    assert p.page.inner_text("#kg-status") == "3 of 7 nodes, 2 of 7 edges"


def test_search_by_alias_focuses_the_entity(open_page: Any) -> None:
    p = open_page(load_fixture("small_graph"))
    p.page.fill("#kg-search", "英伟达")
    p.page.press("#kg-search", "Enter")
    assert p.page.evaluate("() => kgExplorer.network.getSelectedNodes()") == [
        node_id(p, "NVIDIA")
    ]
    assert p.page.inner_text("#kg-details h3") == "NVIDIA"


# --- hostile text -------------------------------------------------------------------------


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "csp-bypassed"])
def test_hostile_names_never_run(open_page: Any, csp: bool) -> None:
    """Escaping alone must hold: the CSP is a second line, so the test also runs without it."""
    p = open_page(load_fixture("hostile_graph"), "</title><script>alert(1)</script>", csp=csp)
    for eid in range(3):
        p.page.mouse.click(*hover_edge(p, eid))  # tooltip, then the details panel
    for nid in range(4):
        p.page.mouse.click(*hover_node(p, nid))
    p.page.fill("#kg-search", "<img")
    p.page.press("#kg-search", "Enter")
    p.page.wait_for_timeout(300)
    assert p.page.evaluate("() => typeof window.__kgPwned") == "undefined"
    assert p.errors == [] and p.requests == []
    assert p.page.locator("main img, main svg, main iframe, main b, main i").count() == 0
    hrefs = p.page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
    assert all(h.startswith("https://") for h in hrefs)


def test_hostile_text_is_shown_as_text(open_page: Any) -> None:
    p = open_page(load_fixture("hostile_graph"))
    hover_edge(p, 0)
    text = p.page.inner_text("#kg-tip")
    assert "<img src=x onerror=\"window.__kgPwned='sentence'\"> bought it." in text
    assert "</title><script>window.__kgPwned='title'</script>" in text
    assert p.page.locator("#kg-tip a").count() == 1  # only the plain https link of five
    assert p.page.title() == "test graph"

