"""Ask the graph database questions: `kg query` and `kg chain`.

Queries come from the `cypher/` library (kg.graphdb.library), a .cypher file, or Cypher text.

    from kg.graphdb import chain, run_query
    with connect(ConnectionSettings.resolve(), Path("kg-data")) as conn:
        result = chain(conn, "Mistral AI", depth=2)
        result = run_query(conn, "investors_of", {"entity": "OpenAI"})
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ConfigurationError, StoreError
from kg.graphdb.connection import Connection, ConnectionSettings, connect
from kg.graphdb.library import bind, resolve_query

MAX_DEPTH = 10  # the library's variable-length patterns stop at 10 hops
CHAIN_QUERIES = {"down": "dependency_chain_down", "up": "dependency_chain_up"}
CHAIN_COLUMNS = {"path", "chain", "dependencies", "relations"}  # printed as a > b > c


@dataclass
class QueryResult:
    """What a query returned: its name, the column names in order, and the rows as maps."""

    query: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def joiners(self) -> dict[str, str]:
        """How kg.render joins the list cells of its columns: paths and chains as a > b > c."""
        return {c: " > " for c in self.columns if c in CHAIN_COLUMNS}


@contextmanager
def open_graph(settings: ConnectionSettings, data_dir: Path) -> Iterator[Connection]:
    """A connection for questions. The embedded database is ours alone, so it is first brought
    up to date with the store (a no-op when nothing changed); a named server is queried as is."""
    with connect(settings, data_dir) as conn:
        if settings.embedded and (Path(data_dir) / "kg.sqlite").is_file():
            from kg.graphdb.daemon import load_lock
            from kg.graphdb.load import load
            from kg.store import Store

            with load_lock(Path(data_dir)), Store.open(data_dir, create=False) as store:
                load(store, conn)
        yield conn


def run_query(conn: Connection, query_or_file: str, params: dict[str, Any] | None = None,
              write: bool = False) -> QueryResult:
    """Run a library query (by name), a .cypher file or Cypher text with bound parameters.
    Read-only unless `write`: a query with a writing clause is refused before it is sent
    (the embedded ArcadeDB does not enforce read transactions itself)."""
    query = resolve_query(query_or_file)
    clause = writing_clause(query.text)
    if clause is not None and not write:
        raise ConfigurationError(f"query {query.name}: {clause} writes to the database; "
                                 "queries are read-only unless you pass --write")
    if clause is not None:  # first: a write that fails half-way leaves the graph changed too
        from kg.graphdb.load import mark_stale

        mark_stale(conn)
    rows = conn.run(query.text, bind(query, dict(params or {})), write=write)
    columns = list(rows[0]) if rows else []
    return QueryResult(query=query.name, columns=columns, rows=rows)


_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/",
                       re.S)
_WRITES = re.compile(
    r"(?<![.$:\w])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV|CALL)\b(?!\s*:)", re.I)


def writing_clause(cypher: str) -> str | None:
    """The first clause of `cypher` that can write (CREATE, MERGE, SET, DELETE, REMOVE, DROP,
    FOREACH, LOAD CSV, or a CALL of a procedure), outside strings, names and comments."""
    m = _WRITES.search(_LITERALS.sub(" ", cypher))
    return " ".join(m.group(1).upper().split()) if m else None


def chain(conn: Connection, entity: str, depth: int = 3, direction: str = "down") -> QueryResult:
    """The dependency chain below (`down`: what it depends on) or above (`up`: who depends on
    it) an entity, by name, alias or id."""
    if direction not in CHAIN_QUERIES:
        raise ConfigurationError(f"direction {direction!r}: expected up or down")
    if not 1 <= depth <= MAX_DEPTH:
        raise ConfigurationError(f"depth {depth}: expected 1 to {MAX_DEPTH}")
    find_entity(conn, entity)
    return run_query(conn, CHAIN_QUERIES[direction], {"entity": entity, "depth": depth})


def find_entity(conn: Connection, entity: str) -> dict[str, Any]:
    """{id, name, kind} of the entity with this id, name (any case) or alias; StoreError if
    there is none, saying whether the database is empty."""
    rows = conn.run(
        "MATCH (n:Entity) WHERE n.id = $e OR toLower(n.name) = toLower($e) OR $e IN n.aliases "
        "RETURN n.id AS id, n.name AS name, n.kind AS kind ORDER BY id LIMIT 1",
        {"e": entity},
    )
    if not rows:
        total = conn.run("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]
        hint = "the database is empty: run `kg load` first" if not total else "check the name"
        raise StoreError(f"{entity}: no such entity in the database ({hint})")
    return rows[0]
