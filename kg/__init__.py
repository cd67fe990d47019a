"""kg: AI-industry news in Chinese, English and French to a knowledge graph with evidence.

The library's entry points, one import away (`kg ...` on the command line does the same):

    import kg
    summary = kg.ingest(["news/"], "kg-data")             # read, extract, store
    with kg.Store.open("kg-data") as store:
        g = kg.build_graph(store)                          # networkx.MultiDiGraph
    kg.write_html(kg.subgraph(g, focus="Mistral AI", depth=2), "mistral.html")
    for article in kg.read_file("news/digest.md"):         # or extraction alone
        facts = kg.extract_article(article)

Names are imported on first use (PEP 562 `__getattr__`): `import kg.schema` and `kg --help` do
not pay for networkx, the neo4j driver or the extractor's data. `__version__` comes from the
installed package's metadata (pyproject.toml is the one place it is written).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.errors import ConfigurationError, ExtractionError, InputError, KgError, StoreError
    from kg.explorer import write_html
    from kg.export import export_graph
    from kg.extract import extract_article
    from kg.graph import GraphFilter, build_graph, focus_graph, subgraph
    from kg.graphdb import (
        ConnectionSettings,
        LoadSummary,
        QueryResult,
        chain,
        connect,
        open_graph,
        run_query,
    )
    from kg.graphdb.load import load  # by its module: mypy may take kg.graphdb.load for it
    from kg.pipeline import IngestSummary, ingest
    from kg.readers import iter_files, read_file
    from kg.schema import (
        Article,
        Entity,
        EntityKind,
        Evidence,
        ExtractionResult,
        Relation,
        RelationType,
    )
    from kg.store import Store

DISTRIBUTION = "kg-newsgraph"  # the name pip knows the package by (its metadata holds the version)

_HOMES = {
    "kg.errors": ("ConfigurationError", "ExtractionError", "InputError", "KgError",
                  "StoreError"),
    "kg.schema": ("Article", "Entity", "EntityKind", "Evidence", "ExtractionResult", "Relation",
                  "RelationType"),
    "kg.readers": ("iter_files", "read_file"),
    "kg.extract": ("extract_article",),
    "kg.pipeline": ("IngestSummary", "ingest"),
    "kg.store": ("Store",),
    "kg.graph": ("GraphFilter", "build_graph", "focus_graph", "subgraph"),
    "kg.export": ("export_graph",),
    "kg.explorer": ("write_html",),
    "kg.graphdb": ("ConnectionSettings", "LoadSummary", "QueryResult", "chain", "connect",
                   "load", "open_graph", "run_query"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "Article", "ConfigurationError", "ConnectionSettings", "Entity", "EntityKind", "Evidence",
    "ExtractionError", "ExtractionResult", "GraphFilter", "IngestSummary", "InputError", "KgError",
    "LoadSummary", "QueryResult", "Relation", "RelationType", "Store", "StoreError",
    "__version__", "build_graph", "chain", "connect", "export_graph", "extract_article",
    "focus_graph", "ingest", "iter_files", "load", "open_graph", "read_file", "run_query",
    "subgraph", "write_html",
]  # fmt: skip

__version__: str


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _MODULE_OF:
        value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree on sys.path, never installed
        return "0+unknown"
