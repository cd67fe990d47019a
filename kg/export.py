"""Exports: facts as JSON records, and the graph as GraphML, GEXF or node-link JSON.

    >>> from kg.graph import build_graph
    >>> from kg.store import Store
    >>> with Store.open("kg-data") as store:
    ...     write_graphml(build_graph(store), "exports/graph.graphml")
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import ConfigurationError, StoreError
from kg.schema import Article, Entity, Relation, relation_key

if TYPE_CHECKING:
    from kg.graph import GraphFilter

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
    c = relation_cells(relation, article, names)
    sentence = c["sentence"] if len(c["sentence"]) <= 120 else c["sentence"][:117] + "..."
    triple = f"{c['source']} -[{c['relation']}]-> {c['target']}"
    return f"{c['file']}  {triple}  ({c['evidence']} ev) {sentence}"


def relation_cells(
    relation: Relation, article: Article, names: dict[str, str] | None = None
) -> dict[str, Any]:
    """`relation_row` as cells: file, source, relation, target (by name where known), the
    number of evidence sentences and the first of them, whole (`kg extract --format csv`)."""
    names = names or {}
    sentence = " ".join(relation.evidence[0].sentence.split()) if relation.evidence else ""
    return {"file": article.file_name, "source": names.get(relation.source, relation.source),
            "relation": relation.relation.value,
            "target": names.get(relation.target, relation.target),
            "evidence": len(relation.evidence), "sentence": sentence}


# --- graph files ------------------------------------------------------------------------------

# Attribute names the flat formats reserve; properties with these names get a "prop_" prefix.
RESERVED = {"id", "key", "label", "name", "kind", "aliases", "relation", "evidence_count",
            "evidence_json", "properties_json", "first_published", "last_published",
            # networkx's GEXF writer reads these as structure (time, viz, edge type, weight)
            "start", "end", "spells", "slices", "viz", "pid", "parents", "type", "weight"}


def write_json(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """Node-link JSON keeping every attribute, evidence included.

    The edge list is written under both "edges" and "links": networkx 3.4 (our lower bound) and
    3.5 read "links" by default (with a FutureWarning; pass edges="edges" to silence it), 3.6+
    "edges", so `nx.node_link_graph(json.load(f))` loads it on every version we allow.
    """
    data = node_link(g)
    return _write(path, lambda p: p.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"))


def node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's node-link layout, written by hand (the default key of its edge list changed
    from "links" to "edges" in networkx 3.6, inside the versions we allow)."""
    edges = [{**d, "source": u, "target": v, "key": k} for u, v, k, d in g.edges(keys=True,
                                                                                  data=True)]
    return {"directed": True, "multigraph": True, "graph": dict(g.graph),
            "nodes": [{**d, "id": n} for n, d in g.nodes(data=True)],
            "edges": edges, "links": edges}


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """The graph back from `write_json`'s node-link file, attributes and evidence intact."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    g = nx.MultiDiGraph(**data.get("graph", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        g.add_node(attrs.pop("id"), **attrs)
    for edge in data.get("edges", data.get("links", [])):
        attrs = dict(edge)
        u, v, k = attrs.pop("source"), attrs.pop("target"), attrs.pop("key", None)
        g.add_edge(u, v, key=k, **attrs)
    return g


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GraphML with scalar attributes only (label, kind, relation, evidence_count, amount, ...);
    `label` is the entity name, as yEd, Cytoscape and Gephi expect."""
    flat = flatten(g)
    for _, data in flat.nodes(data=True):
        data["label"] = data["name"]
    return _write(path, lambda p: nx.write_graphml(flat, p, encoding="utf-8"))


def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GEXF 1.3 for Gephi: node label = name, colours by kind and relation (style.json), the
    explorer's layout as positions, size by degree, and time intervals from the evidence dates
    (dynamic mode, so Gephi's timeline plays the graph as it was reported)."""
    flat = _gexf_graph(g, flatten(g))
    text = _as_gexf_13("\n".join(nx.generate_gexf(flat, version="1.2draft")))
    return _write(path, lambda p: p.write_text(text, encoding="utf-8"))


GEXF_12, GEXF_13 = "http://www.gexf.net/1.2draft", "http://gexf.net/1.3"


def _as_gexf_13(text: str) -> str:
    """networkx < 3.6 writes GEXF 1.2draft only; what we write of it is also GEXF 1.3, whose
    root element differs by its namespaces and version, so only that start tag is changed."""
    start = text.index("<gexf")
    end = text.index(">", start)
    root = text[start:end].replace(GEXF_12 + "/gexf.xsd", GEXF_13 + "/gexf.xsd")
    root = root.replace(GEXF_12, GEXF_13).replace('version="1.2"', 'version="1.3"')
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if not text.startswith("<?xml") else ""
    return head + text[:start] + root + text[end:]


def _gexf_graph(g: nx.MultiDiGraph, flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`flat` with GEXF's viz (colour, position, size) and time (start, end) attributes."""
    from kg.dates import span
    from kg.explorer.layout import compute_layout
    from kg.explorer.style import load_style

    style, positions = load_style(), compute_layout(g)
    spans: dict[str, list[str]] = {}
    for u, v, data in flat.edges(data=True):
        days = [d for ev in json.loads(data["evidence_json"])
                for d in span(ev.get("published")) or ()]
        if days:
            data["start"], data["end"] = min(days), max(days)
            for node in (u, v):
                spans.setdefault(node, []).extend(days)
        data["label"] = data["relation"]
        data["viz"] = {"color": _rgba(style.relation(data["relation"]))}
    for node, data in flat.nodes(data=True):
        deal_days = span(g.nodes[node].get("properties", {}).get("date"))
        days = spans.get(node, []) + list(deal_days or ())
        if days:
            data["start"], data["end"] = min(days), max(days)
        x, y = positions.get(node, (0.0, 0.0))
        data["label"] = data["name"]
        data["viz"] = {"color": _rgba(style.kind(data["kind"]).color),
                       "position": {"x": x, "y": -y, "z": 0.0},  # Gephi's y axis points up
                       "size": round(4.0 + 2.0 * math.sqrt(g.degree(node)), 2)}
    return flat


def _rgba(color: str) -> dict[str, Any]:
    """'#0072B2' -> {'r': 0, 'g': 114, 'b': 178, 'a': 1.0}."""
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16),
            "a": 1.0}


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
    flt: GraphFilter | None = None,
    **fields: Any,
) -> Path:
    """Build the graph from the store (only the focus neighbourhood with a focus), filter it by
    `flt` (or GraphFilter fields as keywords), write it as `fmt`; returns the path written.

    Default path: exports/graph.<ext>. The HTML page opens on the same filter.
    """
    from kg.graph import as_filter, build_graph, focus_graph, subgraph
    from kg.store import Store

    if fmt not in FORMATS:
        raise ConfigurationError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    out = Path(path) if path is not None else Path("exports") / f"graph.{FORMATS[fmt]}"
    flt = as_filter(flt, **fields)
    with Store.open(data_dir, create=False) as store:
        if flt.focus is not None:  # only the neighbourhood is read: seconds saved on a big store
            g = focus_graph(store, flt)
        else:
            g = build_graph(store)
            if flt.narrows:
                g = subgraph(g, flt)
    if fmt == "html":
        from kg.explorer import write_html  # the page template only when asked for

        title = f"kg: {flt.focus}, {flt.depth} hops" if flt.focus else "kg graph"
        return Path(write_html(g, out, title=title, flt=flt))
    writers = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}
    return writers[fmt](g, out)
