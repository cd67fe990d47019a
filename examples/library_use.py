"""Use kg as a library: ingest the examples, read the store, walk and export the graph.

    python examples/library_use.py [DATA_DIR] [OUT_DIR]

Everything `kg ingest`, `kg chain` and `kg export` do is a few calls away from Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx

from kg.explorer import write_html
from kg.graph import build_graph, subgraph
from kg.pipeline import ingest
from kg.schema import EntityKind, RelationType, entity_id
from kg.store import Store

NEWS = Path(__file__).resolve().parent / "news"


def depends_on_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Only the DEPENDS_ON edges: dependent -> provider."""
    deps = nx.DiGraph()
    for u, v, data in g.edges(data=True):
        if data["relation"] == RelationType.DEPENDS_ON:
            deps.add_edge(u, v)
    return deps


def main(data_dir: Path, out_dir: Path) -> None:
    summary = ingest([NEWS], data_dir, workers=1)
    print(f"{summary.articles_new} new articles, {summary.failed} failed, "
          f"{summary.entities} entities, {summary.relations} relations")

    with Store.open(data_dir) as store:
        g = build_graph(store)

    mistral = entity_id(EntityKind.COMPANY, "Mistral AI")
    print(f"\n{g.nodes[mistral]['name']}:")
    for _, target, data in g.out_edges(mistral, data=True):
        evidence = data["evidence"][0]["sentence"] if data["evidence"] else ""
        print(f"  -{data['relation']}-> {g.nodes[target]['name']}   « {evidence} »")

    deps = depends_on_graph(g)
    nvidia = entity_id(EntityKind.COMPANY, "NVIDIA")
    if nvidia in deps:
        users = sorted(g.nodes[n]["name"] for n in nx.ancestors(deps, nvidia))
        print(f"\nUltimately depends on NVIDIA: {', '.join(users)}")
    if mistral in deps:
        chain = nx.descendants(deps, mistral)
        print(f"Mistral AI's supply chain: {', '.join(sorted(g.nodes[n]['name'] for n in chain))}")

    out_dir.mkdir(parents=True, exist_ok=True)
    page = write_html(subgraph(g, focus=mistral, depth=2), out_dir / "mistral.html",
                      title="Mistral AI, two hops")
    print(f"\nWrote {page}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else Path("kg-data"),
         Path(args[1]) if len(args) > 1 else Path("exports"))
