"""What a big graph opens on: its most connected entities and the deals of the selected period,
laid out close to what they are related to (grouped by community) so that every one can carry
its label. The rest of the graph comes in on demand in the page (expand, search, show all).

Deals also get their timeline here: announced on the first day a sentence reports them, under
review from the first review sentence, and the status the text gave them (cleared, blocked, ...)
on the last day they were reported.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np

from kg.dates import in_range, span

OVERVIEW_MIN_NODES = 300  # smaller graphs open whole, on their full layout
TOP_ENTITIES = 30  # most connected entities in the overview
TOP_DEALS = 15  # deals of the selected period in the overview (latest first)
SPACING = 80.0  # canvas units per overview node before labels are pushed apart
DEAL = "Deal"
REVIEWS = "REVIEWS"


def deal_events(graph: nx.Graph) -> dict[Hashable, list[list[str]]]:
    """[[day, status], ...] in date order for every deal with a dated sentence."""
    out: dict[Hashable, list[list[str]]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") != DEAL:
            continue
        days, reviews = [], []
        for _, _, attrs in _touching(graph, node):
            found = [d[0] for ev in attrs.get("evidence") or [] if isinstance(ev, dict)
                     if (d := span(ev.get("published")))]
            days += found
            if attrs.get("relation") == REVIEWS:
                reviews += found
        props = data.get("properties") or {}
        own = span(props.get("date")) if isinstance(props, dict) else None
        days += [own[0]] if own else []
        if days:
            out[node] = _events(sorted(days), sorted(reviews), props.get("status"))
    return out


def _events(days: list[str], reviews: list[str], status: Any) -> list[list[str]]:
    events = [[days[0], "announced"]]
    if reviews:
        events.append([reviews[0], "under_review"])
    elif status == "under_review":
        events.append([days[-1], "under_review"])
    if isinstance(status, str) and status not in ("announced", "under_review"):
        events.append([days[-1], status])
    return events


def _touching(graph: nx.Graph, node: Hashable) -> Iterable[tuple[Any, Any, dict[str, Any]]]:
    if graph.is_directed():
        return chain(graph.in_edges(node, data=True), graph.out_edges(node, data=True))
    return graph.edges(node, data=True)


def select_overview(
    graph: nx.Graph, events: dict[Hashable, list[list[str]]], since: str | None = None,
    until: str | None = None,
) -> list[Hashable]:
    """The most connected entities (deals aside), then the latest deals within [since, until]."""
    degree = dict(graph.degree())
    entities = [n for n, d in graph.nodes(data=True) if d.get("kind") != DEAL and degree[n] > 0]
    entities.sort(key=lambda n: (-degree[n], str(n)))
    deals = [n for n, ev in events.items()
             if not (since or until) or any(in_range(day, since, until) for day, _ in ev)]
    deals.sort(key=lambda n: (events[n][-1][0], degree[n]), reverse=True)
    return entities[:TOP_ENTITIES] + deals[:TOP_DEALS]


def overview_layout(
    graph: nx.Graph, nodes: list[Hashable], *, seed: int = 7
) -> tuple[dict[Hashable, tuple[float, float]], dict[Hashable, int]]:
    """Positions and community numbers for the overview nodes. Two nodes attract each other by
    their direct edges and their shared neighbours, so related entities sit together even when
    what links them is not in the overview; communities are Louvain's on that weighted graph."""
    if not nodes:
        return {}, {}
    near = _projection(graph, nodes)
    groups: dict[Hashable, int] = {}
    for i, members in enumerate(nx.community.louvain_communities(near, seed=seed)):
        groups.update((n, i) for n in members)
    for _, _, d in near.edges(data=True):  # hubs share hundreds of neighbours: damp them
        d["weight"] = float(np.log1p(d["weight"]))
    hub = ("kg-overview-hub",)  # a pull to the centre: unrelated nodes do not drift away
    near.add_edges_from(((hub, n) for n in nodes), weight=0.3)
    raw = nx.spring_layout(near, weight="weight", seed=seed, iterations=150,
                           k=2.5 / np.sqrt(len(nodes)))
    xy = np.array([raw[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    xy /= np.maximum(np.abs(xy).max(axis=0), 1e-9)  # each axis on its own: about square
    xy *= SPACING * np.sqrt(len(nodes)) / 2
    names = [str(graph.nodes[n].get("name") or n) for n in nodes]
    degree = np.array([graph.degree(n) for n in nodes], dtype=float)
    size = 6.0 + 26.0 * (degree - degree.min()) / (np.ptp(degree) or 1.0)  # as the page scales
    boxes = np.array([[max(LABEL_EM * len(s) + 24, 2 * r + 8), 2 * r + 28]
                      for s, r in zip(names, size, strict=True)])
    xy = _about_square(spread_labels(xy, boxes))
    return ({n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy,
                                                                            strict=True)},
            groups)


def _about_square(xy: np.ndarray, most: float = 1.25) -> np.ndarray:
    """Stretch the short axis until the layout is at most `most` times longer one way than the
    other: the view fits the long axis anyway, and stretching never makes labels overlap."""
    width, height = np.ptp(xy, axis=0) + 1e-9
    centre = xy.mean(axis=0)
    if width > most * height:
        return np.column_stack([xy[:, 0], centre[1] + (xy[:, 1] - centre[1]) * width / most
                                / height])
    if height > most * width:
        return np.column_stack([centre[0] + (xy[:, 0] - centre[0]) * height / most / width,
                                xy[:, 1]])
    return xy


STEP = 1.0  # share of an overlap removed per round (each side moves half of it)
LABEL_EM = 7.5  # canvas units per label character at the overview's 13 px font


def spread_labels(xy: np.ndarray, boxes: np.ndarray, rounds: int = 1000) -> np.ndarray:
    """Move nodes apart until their label boxes (width, height, centred on the node) no longer
    overlap, each step along the axis that needs the smaller move; labels are wide and short,
    so up or down is preferred until the layout grows taller than wide."""
    xy = xy.copy()
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        need_x = (boxes[:, None, 0] + boxes[None, :, 0]) / 2 - np.abs(dx)
        need_y = (boxes[:, None, 1] + boxes[None, :, 1]) / 2 - np.abs(dy)
        overlap = (need_x > 0) & (need_y > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        extent = np.ptp(xy, axis=0) + 1.0  # the taller the layout gets, the likelier sideways
        along_x = overlap & (need_x < need_y * 1.5 * extent[1] / extent[0])
        along_y = overlap & ~along_x
        tie = np.where(np.arange(len(xy))[:, None] < np.arange(len(xy))[None, :], 1.0, -1.0)
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        xy[:, 0] += (np.where(along_x, need_x * sx, 0.0) / 2).sum(axis=1) * STEP
        xy[:, 1] += (np.where(along_y, need_y * sy, 0.0) / 2).sum(axis=1) * STEP
    return xy


def _projection(graph: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    """Overview nodes linked with weight = 2 per direct edge + 1 per shared neighbour."""
    simple = graph.to_undirected(as_view=True)
    near = nx.Graph()
    near.add_nodes_from(nodes)
    neighbours = {n: set(simple.neighbors(n)) - {n} for n in nodes}
    for i, u in enumerate(nodes):
        for v in nodes[i + 1:]:
            weight = 2.0 * (v in neighbours[u]) + len(neighbours[u] & neighbours[v])
            if weight:
                near.add_edge(u, v, weight=weight)
    return near
