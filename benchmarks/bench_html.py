"""Export time and time-to-first-drawn-canvas in headless Chromium: kg.explorer vs pyvis defaults.

    python benchmarks/bench_html.py                 # 1k, 5k and 10k nodes, 3 edges per node
    python benchmarks/bench_html.py --sizes 1000 --timeout 20

Both pages are opened from file:// with every other request aborted (pyvis links Bootstrap from
a CDN; it is counted and blocked). "drawn" is the wall time from navigation until the graph
canvas has a non-transparent pixel, "interactive" until kg's page is ready; big graphs open on
their overview, so "all drawn" is the time from pressing "Show all" until every node is drawn
(a static preview first) and "all interactive" until the page is ready again. pyvis (no
longer a kg dependency) is measured only when installed, and given up on after --timeout s.
Targets: 10k nodes / 30k edges exported in < 5 s and drawn in < 5 s (overview and all).

    python benchmarks/bench_html.py --pyvis-api --sizes 1000 2500 5000

times building the network through pyvis's own API instead (`kg.explorer.to_pyvis`: `Network`,
`add_node`, `add_edge`; no HTML, no browser), directed (to_pyvis's default) and undirected
(pyvis's default; only up to --undirected-max nodes, it is quadratic in the edges), and the
pyvis import: the figures behind docs/explorer.md's "pyvis: measured, and dropped".
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.explorer import write_html

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KINDS = ["Company"] * 6 + ["Person"] * 2 + ["Deal", "Product", "Regulator", "Country", "Fund"]
RELATIONS = ["INVESTS_IN", "PARTNERS_WITH", "DEPENDS_ON", "ACQUIRES", "COMPETES_WITH", "LEADS"]
DRAWN_JS = """() => {
  for (const c of document.querySelectorAll('canvas')) {
    if (!c.width || !c.height) continue;
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < px.length; i += 4 * 7) if (px[i] > 0) return true;
  }
  return false;
}"""
READY_JS = "() => window.kgExplorer === undefined || window.kgExplorer.ready"


def synthetic_graph(n: int, edges_per_node: int = 3, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free graph in kg's shape: kinds, typed edges, one or two evidence rows each."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, edges_per_node, seed=seed)
    g = nx.MultiDiGraph()
    for i in base.nodes:
        kind = rng.choice(KINDS)
        g.add_node(f"{kind.lower()}:n{i}", name=f"{kind} {i}", kind=kind, aliases=[], properties={})
    ids = list(g.nodes)
    for u, v in base.edges:
        rel = rng.choice(RELATIONS)
        evidence = [_evidence(rng, ids[u], rel, ids[v], k) for k in range(rng.randint(1, 2))]
        g.add_edge(ids[u], ids[v], key=rel, relation=rel, properties={}, evidence=evidence)
    return g


def _evidence(rng: random.Random, u: str, rel: str, v: str, k: int) -> dict[str, str]:
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"article": f"https://example.org/{u}/{k}", "file": "synthetic.jsonl",
            "sentence": f"Synthetic sentence {k}: {u} {rel} {v}.", "lang": "en",
            "published": day, "source_url": f"https://example.org/{u}/{k}",
            "title": f"Synthetic article {k}", "extractor": "rules"}


def export_ours(g: nx.MultiDiGraph, folder: Path) -> tuple[Path, float]:
    start = time.perf_counter()
    path = write_html(g, folder / "kg.html", title="synthetic")
    return path, time.perf_counter() - start


def export_pyvis(g: nx.MultiDiGraph, folder: Path) -> tuple[Path, float]:
    from pyvis.network import Network

    cwd = os.getcwd()
    os.chdir(folder)  # pyvis's default cdn_resources="local" copies lib/ into the cwd
    try:
        start = time.perf_counter()
        net = Network()
        net.from_nx(g)
        net.write_html("pyvis.html")
        return folder / "pyvis.html", time.perf_counter() - start
    finally:
        os.chdir(cwd)


def time_to_draw(
    browser, path: Path, timeout: float
) -> tuple[float | None, float | None, int, tuple[float | None, float | None]]:
    """Seconds until the canvas shows pixels and until kg's page is interactive (None if not
    within timeout, or not a kg page), the number of blocked requests, and for kg pages with an
    overview the seconds from "Show all" to every node drawn and to interactive again."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    drawn = _poll(page, DRAWN_JS, start, timeout)
    ready = _poll(page, READY_JS, start, timeout) if drawn is not None else None
    show_all: tuple[float | None, float | None] = (None, None)
    if ready is not None and page.evaluate("() => !!(window.kgExplorer && "
                                           "kgExplorer.data.options.overview)"):
        # The page's own clock: while vis-network builds, the main thread cannot answer polls.
        begin = page.evaluate("() => { const t = performance.now(); kgExplorer.showAll(); "
                              "return t; }")
        if _poll(page, READY_JS, time.perf_counter(), timeout) is not None:
            t = page.evaluate("() => kgExplorer.timings")
            show_all = ((t["preview"] - begin) / 1000, (t["drawn"] - begin) / 1000)
    page.close(run_before_unload=False)
    return drawn, ready, len(blocked), show_all


def _poll(page, script: str, start: float, timeout: float) -> float | None:
    """The driver enforces the timeout even while the page's main thread is busy (pyvis runs
    its physics in long tasks), where a Python loop of page.evaluate calls would block."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    remaining_ms = max(1.0, (timeout - (time.perf_counter() - start)) * 1000)
    try:
        page.wait_for_function(script, polling=50, timeout=remaining_ms)
    except PlaywrightTimeout:
        return None
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for pyvis")
    parser.add_argument("--no-pyvis", action="store_true")
    parser.add_argument("--pyvis-api", action="store_true",
                        help="time kg.explorer.to_pyvis (pyvis's API) instead of the pages")
    parser.add_argument("--undirected-max", type=int, default=2500,
                        help="--pyvis-api: largest graph also built undirected")
    args = parser.parse_args(argv)
    if args.pyvis_api:
        return pyvis_api(args.sizes, args.undirected_max)
    from playwright.sync_api import sync_playwright

    if not args.no_pyvis and importlib.util.find_spec("pyvis") is None:
        print("pyvis is not installed (kg no longer depends on it): its rows are skipped")
        args.no_pyvis = True

    _print_header()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for n in args.sizes:
            g = synthetic_graph(n)
            folder = Path(tmp) / str(n)
            folder.mkdir()
            _print_row(_measure("kg.explorer", g, export_ours(g, folder), browser, 60.0), 60.0)
            if not args.no_pyvis:
                row = _measure("pyvis defaults", g, export_pyvis(g, folder), browser, args.timeout)
                _print_row(row, args.timeout)
        browser.close()
    print("drawn: first non-blank canvas; interactive: kg page ready for hover/search/filters")
    return 0


def pyvis_api(sizes: list[int], undirected_max: int) -> int:
    """Seconds to import pyvis, then per size to build kg's network through pyvis's API."""
    if importlib.util.find_spec("pyvis") is None:
        print("pyvis is not installed: pip install 'kg-newsgraph[pyvis]'")
        return 1
    # In a fresh interpreter: this one has already imported much of what pyvis needs.
    probe = ("import time; t = time.perf_counter(); import pyvis.network; "
             "print(f'{time.perf_counter() - t:.2f}')")
    took = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip()
    print(f"import pyvis.network (IPython, jinja2, ...): {took} s  load {_load()}")
    from kg.explorer import to_pyvis

    print(f"{'nodes':>6} {'edges':>6} {'directed s':>10} {'undirected s':>12}  load", flush=True)
    for n in sizes:
        g = synthetic_graph(n)
        times = []
        for directed in (True, False):
            if not directed and n > undirected_max:
                times.append("-")
                continue
            start = time.perf_counter()
            net = to_pyvis(g, directed=directed)
            times.append(f"{time.perf_counter() - start:.2f}")
            assert len(net.get_edges()) == g.number_of_edges()
        print(f"{n:>6} {g.number_of_edges():>6} {times[0]:>10} {times[1]:>12}  {_load()}",
              flush=True)
    return 0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _measure(name, g, exported, browser, timeout):
    path, export_s = exported
    drawn, ready, blocked, show_all = time_to_draw(browser, path, timeout)
    ready = ready if name == "kg.explorer" else None
    size_mb = path.stat().st_size / 1e6
    return (name, g.number_of_nodes(), g.number_of_edges(), export_s, size_mb, drawn, ready,
            blocked, show_all)


def _print_header() -> None:
    print(f"{'page':<15} {'nodes':>6} {'edges':>6} {'export s':>9} {'MB':>6} {'drawn s':>8} "
          f"{'interactive s':>13} {'all drawn s':>11} {'all inter. s':>12} {'blocked req':>11}",
          flush=True)


def _print_row(row, timeout: float) -> None:
    name, n, m, export_s, size_mb, drawn, ready, blocked, show_all = row

    def cell(value: float | None) -> str:
        return f"{value:.2f}" if value is not None else "-"

    drawn_text = f"{drawn:.2f}" if drawn is not None else f">{timeout:.0f}"
    print(f"{name:<15} {n:>6} {m:>6} {export_s:>9.2f} {size_mb:>6.1f} {drawn_text:>8} "
          f"{cell(ready):>13} {cell(show_all[0]):>11} {cell(show_all[1]):>12} {blocked:>11}",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())
