"""A kg graph as a pyvis Network, for notebooks (the optional `pyvis` extra).

    >>> from kg.explorer import to_pyvis
    >>> net = to_pyvis(graph, filter=GraphFilter(focus="Mistral AI", depth=1))  # doctest: +SKIP
    >>> net.write_html("mistral.html")                                          # doctest: +SKIP

Built with pyvis's public API only (`Network`, `add_node`, `add_edge`), so pyvis's own options
(`height`, `bgcolor`, `notebook`, `toggle_physics`, ...) work as usual. pyvis's `add_edge` is
quadratic (a list search per end; undirected networks also compare with every edge added), so
the network is directed by default and this path is for small graphs: for big ones,
`kg export html` / `kg.write_html` is the way (docs/explorer.md, "pyvis").
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import ConfigurationError
from kg.explorer.payload import _evidence, _iter_edges, _text, best_first
from kg.explorer.style import load_style

if TYPE_CHECKING:
    from pyvis.network import Network

    from kg.graph import GraphFilter

DISTRIBUTION = "kg-newsgraph"  # pyproject's [project] name


def to_pyvis(
    graph: nx.Graph, *, filter: GraphFilter | None = None, **network_options: Any
) -> Network:
    """`graph` (cut by `filter` first, if given) as a `pyvis.network.Network(directed=True,
    **network_options)`: one node per entity (label = name, colour and shape of its kind from
    style.json, size by degree, plain-text title), one edge per relation (label = relation type,
    its colour, plain-text title with the best evidence sentence). Small graphs only: pyvis's
    add_edge is quadratic; `kg export html` is the path for big graphs."""
    network_class = _network_class()
    if not isinstance(graph, nx.Graph):
        raise ConfigurationError(f"{type(graph).__name__}: expected a NetworkX graph for pyvis")
    if filter is not None:
        from kg.graph import subgraph

        multi = graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
        graph = subgraph(multi, filter)
    net = network_class(**{"directed": True, **network_options})
    style = load_style()
    names = {node: _text(attrs.get("name") or node) for node, attrs in graph.nodes(data=True)}
    degree = dict(graph.degree())
    for node, attrs in graph.nodes(data=True):
        kind = _text(attrs.get("kind") or "Unknown")
        look = style.kind(kind)
        net.add_node(_text(node), label=names[node], title=_node_title(names[node], kind, attrs),
                     color=look.color, shape=look.shape, value=max(degree[node], 1))
    for u, v, key, attrs in _iter_edges(graph):
        relation = _text(attrs.get("relation") or key or "RELATED_TO")
        net.add_edge(_text(u), _text(v), label=relation, color=style.relation(relation),
                     title=_edge_title(names, u, v, relation, attrs))
    return net


def _network_class() -> type[Network]:
    try:
        from pyvis.network import Network
    except ImportError as exc:
        raise ConfigurationError(
            f"pyvis is not installed: pip install '{DISTRIBUTION}[pyvis]'"
        ) from exc
    return Network


def _node_title(name: str, kind: str, attrs: dict[str, Any]) -> str:
    """'Name (Kind)' and its aliases, as plain text. pyvis switches every node tooltip to
    `innerHTML` when one node title contains "href", so that word is broken by an invisible
    word joiner: vis-network then shows the titles as text, as it does by default."""
    lines = [f"{name} ({kind})"]
    aliases = [_text(a) for a in attrs.get("aliases") or []]
    if aliases:
        lines.append("also: " + ", ".join(aliases))
    # pyvis 0.3.2 generate_html tests `"href" in title`, case-sensitive.
    return "\n".join(lines).replace("href", "h\u2060ref")


def _edge_title(
    names: dict[Hashable, str], u: Hashable, v: Hashable, relation: str, attrs: dict[str, Any]
) -> str:
    """'A RELATION B', then the best sentence with its source and date, then how many more."""
    lines = [f"{names[u]} {relation} {names[v]}"]
    evidence = best_first(_evidence(attrs.get("evidence") or []), names[u], names[v])
    if evidence:
        best = evidence[0]
        source = ", ".join(x for x in (best["title"], best["date"]) if x)
        lines.append(best["sentence"] + (f" ({source})" if source else ""))
    if len(evidence) > 1:
        lines.append(f"+{len(evidence) - 1} more sentence(s)")
    return "\n".join(lines)
