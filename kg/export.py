"""Exports: facts as JSON records, and the graph as GraphML, GEXF or node-link JSON.

    >>> from kg.graph import build_graph
    >>> from kg.store import Store
    >>> with Store.open("kg-data") as store:
    ...     write_graphml(build_graph(store), "exports/graph.graphml")
"""

from __future__ import annotations

from typing import Any

from kg.schema import Article, Entity, Relation

# --- fact records (`kg extract --format jsonl`) -----------------------------------------------


def entity_record(entity: Entity) -> dict[str, Any]:
    return {"type": "entity", **entity.model_dump(mode="json")}


def relation_record(relation: Relation) -> dict[str, Any]:
    return {"type": "relation", **relation.model_dump(mode="json")}


def relation_row(relation: Relation, article: Article) -> str:
    """One human-readable line: file, the triple, and the first evidence sentence."""
    sentence = " ".join(relation.evidence[0].sentence.split()) if relation.evidence else ""
    if len(sentence) > 120:
        sentence = sentence[:117] + "..."
    triple = f"{relation.source} -[{relation.relation.value}]-> {relation.target}"
    return f"{article.file_name}  {triple}  ({len(relation.evidence)} ev) {sentence}"
