"""Exports: facts as JSON records, and the graph as GraphML, GEXF or node-link JSON.

    >>> from kg.graph import build_graph
    >>> from kg.store import Store
    >>> with Store.open("kg-data") as store:
    ...     write_graphml(build_graph(store), "exports/graph.graphml")
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ConfigurationError, StoreError
from kg.schema import Article, Entity, Relation, relation_key

# --- fact records (`kg extract --format jsonl`) -----------------------------------------------


def entity_record(entity: Entity) -> dict[str, Any]:
    """`{"type": "entity", "id", "name", "kind", "aliases", "properties"}` for JSON Lines."""
    return {"type": "entity", **entity.model_dump(mode="json")}


def relation_record(relation: Relation) -> dict[str, Any]:
    """`{"type": "relation", "source", "target", "relation", "properties", "evidence"}`."""
    return {"type": "relation", **relation.model_dump(mode="json")}


def relation_row(relation: Relation, article: Article, names: dict[str, str] | None = None) -> str:
    """One human-readable line: file, the triple (by entity name where known), and the first
    evidence sentence."""
    sentence = " ".join(relation.evidence[0].sentence.split()) if relation.evidence else ""
    if len(sentence) > 120:
        sentence = sentence[:117] + "..."
    names = names or {}
    source, target = names.get(relation.source, relation.source), names.get(relation.target,
                                                                            relation.target)
    triple = f"{source} -[{relation.relation.value}]-> {target}"
    return f"{article.file_name}  {triple}  ({len(relation.evidence)} ev) {sentence}"


# --- graph files ------------------------------------------------------------------------------

# Attribute names the flat formats reserve; properties with these names get a "prop_" prefix.
RESERVED = {"id", "key", "label", "name", "kind", "aliases", "relation", "evidence_count",
            "evidence_json", "properties_json", "first_published", "last_published"}


def write_json(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """Node-link JSON keeping every attribute, evidence included."""
    data = nx.node_link_data(g, edges="edges")
    return _write(path, lambda p: p.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"))


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """The graph back from `write_json`'s node-link file, attributes and evidence intact."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GraphML with scalar attributes only (kind, relation, evidence_count, amount, ...)."""
    flat = flatten(g)
    return _write(path, lambda p: nx.write_graphml(flat, p, encoding="utf-8"))


def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GEXF for Gephi: node label = name; style by `kind` and by edge `relation`."""
    flat = flatten(g)
    for _, data in flat.nodes(data=True):
        data["label"] = data["name"]
    return _write(path, lambda p: nx.write_gexf(flat, p, encoding="utf-8"))


def _write(path: str | Path, writer: Callable[[Path], object]) -> Path:
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        writer(out)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return out


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all str/float/int/bool, the same type per attribute name
    (GraphML and GEXF declare one type per key); dicts and lists become JSON strings."""
    flat = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        attrs = {"name": data.get("name", node), "kind": data.get("kind", ""),
                 "aliases": "; ".join(data.get("aliases", []))}
        attrs.update(_flat_properties(data.get("properties", {})))
        flat.add_node(node, **attrs)
    for u, v, key, data in g.edges(keys=True, data=True):
        evidence = data.get("evidence", [])
        dates = sorted(str(e["published"]) for e in evidence if e.get("published"))
        attrs = {"relation": data.get("relation", key), "evidence_count": len(evidence),
                 "evidence_json": json.dumps(evidence, ensure_ascii=False),
                 "first_published": dates[0] if dates else "",
                 "last_published": dates[-1] if dates else ""}
        attrs.update(_flat_properties(data.get("properties", {})))
        # The key becomes the GraphML edge id, which must be unique in the document.
        flat.add_edge(u, v, key=relation_key(u, attrs["relation"], v), **attrs)
    _unify_types(flat.nodes(data=True))
    _unify_types((None, d) for _, _, d in flat.edges(data=True))
    return flat


def _flat_properties(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"properties_json": json.dumps(props, ensure_ascii=False, default=str)}
    for key, value in props.items():
        name = f"prop_{key}" if key in RESERVED else key
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            out[name] = json.dumps(value, ensure_ascii=False, default=str)
        elif isinstance(value, (str, bool, int, float)):
            out[name] = value
        else:
            out[name] = str(value)
    return out


def _unify_types(items: Iterable[tuple[Any, dict[str, Any]]]) -> None:
    """One type per attribute name: any string makes all strings; mixed numbers become float."""
    rows = [d for _, d in items]
    kinds: dict[str, set[type]] = {}
    for d in rows:
        for k, v in d.items():
            kinds.setdefault(k, set()).add(type(v))
    for k, types in kinds.items():
        if len(types) == 1:
            continue
        cast: Callable[[Any], Any] = float if types <= {int, float} else str
        for d in rows:
            if k in d:
                d[k] = cast(d[k])


# --- one call for `kg export` -------------------------------------------------------------------

FORMATS = {"html": "html", "graphml": "graphml", "gexf": "gexf", "json": "json"}


def export_graph(
    data_dir: str | Path,
    fmt: str,
    path: str | Path | None = None,
    *,
    focus: str | None = None,
    depth: int = 2,
    relations: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Path:
    """Build the graph from the store (only the focus neighbourhood with `focus`), filter it,
    write it as `fmt`; returns the path written.

    Default path: exports/graph.<ext>.
    """
    from kg.graph import build_graph, focus_graph, subgraph
    from kg.store import Store

    if fmt not in FORMATS:
        raise ConfigurationError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    out = Path(path) if path is not None else Path("exports") / f"graph.{FORMATS[fmt]}"
    relations, kinds = _none_if_empty(relations), _none_if_empty(kinds)
    with Store.open(data_dir, create=False) as store:
        if focus is not None:  # only the neighbourhood is read: seconds saved on a big store
            g = focus_graph(store, focus, depth=depth, relations=relations, kinds=kinds,
                            since=since, until=until)
        else:
            g = build_graph(store)
            if any(x is not None for x in (relations, kinds, since, until)):
                g = subgraph(g, relations=relations, kinds=kinds, since=since, until=until)
    if fmt == "html":
        from kg.explorer import write_html  # pyvis and the page template only when asked for

        title = f"kg: {focus}, {depth} hops" if focus else "kg graph"
        return Path(write_html(g, out, title=title))
    writers = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}
    return writers[fmt](g, out)


def _none_if_empty(values: Iterable[str] | None) -> list[str] | None:
    items = list(values or [])
    return items or None
