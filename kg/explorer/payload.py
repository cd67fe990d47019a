"""The graph turned into the plain data the page draws: display strings only, never markup.

Everything here ends up in a JSON block that the page reads with `JSON.parse` and shows with
`textContent`, so article text is data from end to end. Links are kept only for http(s) URLs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx

from kg.dates import span
from kg.explorer.style import Style
from kg.schema import deal_parties

MAX_EVIDENCE = 12  # per edge in the page; the tooltip says how many more there are
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)


def safe_url(url: Any) -> str | None:
    """The URL if it is a plain http(s) link, else None (javascript:, data:, relative, ...)."""
    if isinstance(url, str) and _SAFE_URL.fullmatch(url):
        return url
    return None


def date_span(value: Any) -> list[str] | None:
    """'2025-06' -> ['2025-06-01', '2025-06-30']: partial dates cover their whole period."""
    covered = _span(value) if isinstance(value, str) else None
    return list(covered) if covered else None


_span = lru_cache(maxsize=8192)(span)  # a graph repeats the same few hundred dates


def to_json_block(data: Any) -> str:
    """JSON that cannot end its <script type="application/json"> element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _text(value: Any) -> str:
    if isinstance(value, str):  # the common case first: this runs for every evidence field
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _money(amount: Any, currency: Any) -> str:
    """1700000000.0, 'EUR' -> '1,700,000,000 EUR' (thousands separators only for amounts)."""
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        figure = f"{int(amount):,}" if float(amount).is_integer() else f"{amount:,}"
    else:
        figure = _text(amount)
    return f"{figure} {_text(currency)}" if currency else figure


def node_properties(props: dict[str, Any], names: dict[Hashable, str]) -> list[list[str]]:
    """(label, value) rows for a node tooltip; a deal's amount is shown with its currency."""
    rows: list[list[str]] = []
    skip = {"currency", "valuation_currency", "parties"}
    for key, value in props.items():
        if key in skip or value is None or value == "" or value == []:
            continue
        if key == "amount":
            rows.append(["amount", _money(value, props.get("currency"))])
        elif key == "valuation":
            rows.append(["valuation", _money(value, props.get("valuation_currency"))])
        else:
            rows.append([str(key), _text(value)])
    for party in deal_parties(props):
        rows.append([f"party ({party.role or '?'})", names.get(party.id, party.id)])
    return rows


def _evidence(items: Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for ev in items:
        if not isinstance(ev, dict):
            continue
        days = date_span(ev.get("published"))
        out.append({
            "sentence": _text(ev.get("sentence", "")),
            "title": _text(ev.get("title") or ev.get("file") or ev.get("article") or ""),
            "date": days[0] if days else "",
            "lang": _text(ev.get("lang") or ""),
            "url": safe_url(ev.get("source_url")),
        })
    return out


def build_payload(
    graph: nx.Graph, positions: dict[Hashable, tuple[float, float]], style: Style,
    view: View | None = None,
) -> dict[str, Any]:
    """Nodes, edges, legend counts and filter choices for the page; `view` adds the overview
    positions and communities, and the deals' timelines."""
    view = view or View()
    index = {node: i for i, node in enumerate(graph.nodes)}
    names = {node: _text(attrs.get("name") or node) for node, attrs in graph.nodes(data=True)}
    degree = dict(graph.degree())
    nodes = [
        _node(i, node, graph.nodes[node], names, degree[node], positions.get(node, (0.0, 0.0)))
        for node, i in index.items()
    ]
    for node, i in index.items():
        _add_view(nodes[i], node, view)
    edges = _edges(graph, index, names)
    kinds = Counter(n["kind"] for n in nodes)
    relations = Counter(e["relation"] for e in edges)
    return {
        "nodes": nodes,
        "edges": edges,
        "kinds": [
            {"name": k, "count": c, "color": style.kind(k).color, "shape": style.kind(k).shape}
            for k, c in sorted(kinds.items())
        ],
        "relations": [
            {"name": r, "count": c, "color": style.relation(r)}
            for r, c in sorted(relations.items())
        ],
    }


@dataclass
class View:
    """What kg.explorer.overview computed: overview positions, communities, deal timelines."""

    overview: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    groups: dict[Hashable, int] = field(default_factory=dict)
    events: dict[Hashable, list[list[str]]] = field(default_factory=dict)


def _add_view(item: dict[str, Any], node: Hashable, view: View) -> None:
    if node in view.overview:
        item["ov"] = list(view.overview[node])
    if node in view.groups:
        item["group"] = view.groups[node]
    if node in view.events:
        item["events"] = view.events[node]


def _node(
    i: int, node: Hashable, attrs: dict[str, Any], names: dict[Hashable, str], degree: int,
    xy: tuple[float, float],
) -> dict[str, Any]:
    props = attrs.get("properties") or {}
    days = date_span(props.get("date")) if isinstance(props, dict) else None
    return {
        "id": i,
        "key": _text(node),
        "label": names[node],
        "kind": _text(attrs.get("kind") or "Unknown"),
        "aliases": [_text(a) for a in attrs.get("aliases") or []],
        "props": node_properties(props, names) if isinstance(props, dict) else [],
        "dates": [days] if days else [],
        "value": degree,
        "x": xy[0],
        "y": xy[1],
    }


def _edges(
    graph: nx.Graph, index: dict[Hashable, int], names: dict[Hashable, str]
) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    seen: Counter[tuple[int, int]] = Counter()  # parallel edges get increasing curvature
    for u, v, key, attrs in _iter_edges(graph):
        pair = (min(index[u], index[v]), max(index[u], index[v]))
        evidence = best_first(_evidence(attrs.get("evidence") or []), names[u], names[v])
        relation = _text(attrs.get("relation") or key or "RELATED_TO")
        edges.append({
            "id": len(edges),
            "from": index[u],
            "to": index[v],
            "relation": relation,
            "props": [[str(k), _text(p)] for k, p in (attrs.get("properties") or {}).items()],
            "evidence": evidence[:MAX_EVIDENCE],
            "evidenceCount": len(evidence),  # sentences: a zh/en/fr digest gives three
            "articleCount": _article_count(attrs.get("evidence") or []),
            "dates": sorted({e["date"] for e in evidence if e["date"]}),
            "curve": seen[pair],
        })
        seen[pair] += 1
    return edges


def _article_count(items: Iterable[Any]) -> int:
    """Distinct articles among an edge's evidence (one article may state it several times)."""
    return len({ev.get("article") or ev.get("file") for ev in items if isinstance(ev, dict)})


def best_first(evidence: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    """The sentence that names both ends first (then one end), the latest and shortest first
    among equals: the details panel shows the first one as the relation's best sentence."""
    if len(evidence) < 2:
        return evidence
    wanted = [n.casefold() for n in names if n]

    def named(ev: dict[str, Any]) -> int:
        text = ev["sentence"].casefold()
        return -sum(1 for n in wanted if n in text)

    # Stable sorts, the least important key first.
    out = sorted(evidence, key=lambda ev: len(ev["sentence"]))
    out.sort(key=lambda ev: ev["date"] or "", reverse=True)
    out.sort(key=named)
    return out


def _iter_edges(graph: nx.Graph) -> Iterable[tuple[Hashable, Hashable, Any, dict[str, Any]]]:
    if graph.is_multigraph():
        yield from graph.edges(keys=True, data=True)
    else:
        for u, v, attrs in graph.edges(data=True):
            yield u, v, attrs.get("relation"), attrs
