"""Offline single-file HTML explorer for a kg graph (vis-network 9.1.2, vendored).

    >>> from kg.explorer import write_html
    >>> write_html(graph, "exports/graph.html", title="AI deals")   # doctest: +SKIP

The file inlines every script and style it uses and makes no network request (its
Content-Security-Policy forbids them, and inline event handlers with them). Layout is computed
in Python; only small graphs run a short physics pass in the page, then freeze.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.errors import ConfigurationError, StoreError
from kg.explorer.layout import compute_layout
from kg.explorer.overview import (
    OVERVIEW_MIN_NODES,
    TOP_DEALS,
    deal_events,
    overview_layout,
    select_overview,
)
from kg.explorer.payload import View, build_payload, to_json_block
from kg.explorer.pyvis_network import to_pyvis
from kg.explorer.style import load_style

if TYPE_CHECKING:
    from kg.graph import GraphFilter

__all__ = ["render_html", "to_pyvis", "write_html"]

PHYSICS_MAX_NODES = 300  # above this the page draws the Python layout as is, physics off
EDGE_LABELS_MAX_EDGES = 400  # above this relation names are in colours, legend and tooltips only
LARGE_NODES = 2000  # above this: fainter edges, edges hidden while dragging or zooming
VIS_ASSET = ("vendor", "vis-network-9.1.2.min.js")
APP_SCRIPTS = ("preview.js", "panel.js", "timeline.js", "view.js", "legend.js", "explorer.js")
_TOKEN = re.compile(r"@@([A-Z]+)@@")


def write_html(
    graph: nx.Graph, path: str | Path, *, title: str = "kg graph", flt: GraphFilter | None = None
) -> Path:
    """Write the explorer page for `graph` to `path` (parent folders created); returns the path.
    `flt` is the filter the graph was cut with: the page opens on its focus and filters."""
    target = Path(path)
    page = render_html(graph, title=title, flt=flt)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{target}: cannot write HTML export: {exc.strerror or exc}") from exc
    return target


def render_html(
    graph: nx.Graph, *, title: str = "kg graph", flt: GraphFilter | None = None
) -> str:
    """The explorer page as one HTML string."""
    if not isinstance(graph, nx.Graph):
        raise ConfigurationError(
            f"{type(graph).__name__}: expected a NetworkX graph for the HTML export"
        )
    n = graph.number_of_nodes()
    payload = build_payload(graph, compute_layout(graph), load_style(), _view(graph, flt))
    payload["title"] = title
    payload["filter"] = flt.model_dump(mode="json") if flt is not None else {}
    payload["options"] = {
        "physics": 0 < n <= PHYSICS_MAX_NODES,
        "stabilizeIterations": 400 if n <= 100 else 150,  # a few hundred ms either way
        "edgeLabels": graph.number_of_edges() <= EDGE_LABELS_MAX_EDGES,
        "large": n > LARGE_NODES,
        "overview": n > OVERVIEW_MIN_NODES,
        "topDeals": TOP_DEALS,
    }
    vis_js, css = _asset(*VIS_ASSET), _asset("explorer.css")
    app_js = "\n".join(_asset(name) for name in APP_SCRIPTS)
    parts = {
        "TITLE": html.escape(title),
        "CSP": _csp(vis_js, app_js),
        "CSS": css,
        "DATA": to_json_block(payload),
        "VIS": vis_js,
        "APP": app_js,
    }
    # One pass, so text inserted for one token is never scanned for another.
    return _TOKEN.sub(lambda m: parts[m.group(1)], _asset("template.html"))


def _view(graph: nx.Graph, flt: GraphFilter | None) -> View:
    """Deal timelines always; the overview (positions, communities) for big graphs only."""
    events = deal_events(graph)
    if graph.number_of_nodes() <= OVERVIEW_MIN_NODES:
        return View(events=events)
    since, until = (flt.since, flt.until) if flt is not None else (None, None)
    chosen = select_overview(graph, events, since, until)
    positions, groups = overview_layout(graph, chosen)
    return View(overview=positions, groups=groups, events=events)


def _csp(*scripts: str) -> str:
    """Only our own inline scripts may run (by hash): no inline handlers, no fetches, no frames."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


@lru_cache(maxsize=8)
def _asset(*parts: str) -> str:
    try:
        return resources.files("kg.explorer").joinpath(*parts).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"{'/'.join(parts)}: explorer asset missing: {exc}") from exc
