"""The graph database side: Neo4j, Aura or the embedded ArcadeDB, all through the neo4j driver.

    connection.py  where the database is (NEO4J_* settings) and a checked connection to it
    embedded.py    the embedded ArcadeDB speaking Bolt (`python -m kg.graphdb.embedded serve`)
    load.py        push the store into the database, idempotently and incrementally
    rows.py        store models -> the property maps and rows the loader sends
    statements.py  the loader's Cypher statements
    library.py     the `cypher/*.cypher` query library: files, `//` headers, parameters
    query.py       `kg query` and `kg chain`: run a query, find an entity

    from kg.graphdb import ConnectionSettings, chain, connect
    with connect(ConnectionSettings.resolve(), Path("kg-data")) as conn:
        result = chain(conn, "Mistral AI", depth=2)

The package imports its modules up front (a lazy `load` would be shadowed by the submodule
`kg.graphdb.load` once that is imported), except `embedded`, which `python -m
kg.graphdb.embedded serve` runs as a script: its two names are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kg.graphdb.connection import Connection, ConnectionSettings, connect
from kg.graphdb.library import (
    LibraryQuery,
    Param,
    bind,
    library,
    library_dirs,
    parse_params,
    parse_query,
    parse_query_file,
    resolve_query,
)
from kg.graphdb.load import (
    BATCH_SIZE,
    TX_ARTICLES,
    LoadSummary,
    ensure_schema,
    load,
    read_meta,
    wipe,
)
from kg.graphdb.query import QueryResult, chain, find_entity, open_graph, run_query

if TYPE_CHECKING:
    from kg.graphdb.embedded import EmbeddedServer, ensure_server

_LAZY = {"EmbeddedServer", "ensure_server"}  # from kg.graphdb.embedded

__all__ = [
    "BATCH_SIZE", "TX_ARTICLES", "Connection", "ConnectionSettings", "EmbeddedServer",
    "LibraryQuery", "LoadSummary", "Param", "QueryResult", "bind", "chain", "connect",
    "ensure_schema", "ensure_server", "find_entity", "library", "library_dirs", "load",
    "open_graph", "parse_params", "parse_query", "parse_query_file", "read_meta",
    "resolve_query", "run_query", "wipe",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'kg.graphdb' has no attribute {name!r}")
    value = getattr(importlib.import_module("kg.graphdb.embedded"), name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

