"""kg load, kg query, kg chain: the graph database (Neo4j, or the embedded ArcadeDB when no
NEO4J_URI is set); kg chain is answered from the local store when no server is named.

Imported by kg/cli/__init__.py; its commands go on the group of kg/cli/main.py.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import click

from kg.cli.main import ROW_FORMATS, cli, data_dir_option, format_option


def neo4j_options(f: Any) -> Any:
    """Connection options; env fallbacks are read by ConnectionSettings so that no password is
    ever shown as a default in --help."""
    f = click.option("--database", default=None, help="Database name (env NEO4J_DATABASE).")(f)
    f = click.option("--password", default=None,
                     help="Password (env NEO4J_PASSWORD; prefer the variable).")(f)
    f = click.option("--username", default=None,
                     help="User (env NEO4J_USERNAME, default neo4j).")(f)
    f = click.option("--uri", default=None,
                     help="Bolt URI (env NEO4J_URI). Unset: embedded ArcadeDB in --data-dir.")(f)
    return f


def _settings(uri: str | None, username: str | None, password: str | None,
              database: str | None) -> Any:
    from kg.graphdb.connection import ConnectionSettings

    return ConnectionSettings.resolve(uri, username, password, database)


@cli.command()
@data_dir_option
@neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Rows per UNWIND statement (default: 5000, kg.graphdb.load.BATCH_SIZE).")
@click.option("--tx-articles", type=click.IntRange(min=1), default=None,
              help="Whole articles per transaction (default: 1000, kg.graphdb.TX_ARTICLES).")
@click.option("--full", is_flag=True, help="Reload everything instead of only what changed.")
@format_option("table", "json", default="table")
def load(data_dir: Path, uri: str | None, username: str | None, password: str | None,
         database: str | None, batch_size: int | None, tx_articles: int | None, full: bool,
         fmt: str) -> None:
    """Push the store into Neo4j (or the embedded ArcadeDB when NEO4J_URI is unset).

    Idempotent: a second run writes only articles added, replaced or deleted since the first.

    \b
    Example:
        kg load
        NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=... kg load --batch-size 2000
    """
    from kg.graphdb.connection import connect
    from kg.graphdb.daemon import load_lock
    from kg.graphdb.load import BATCH_SIZE, TX_ARTICLES, print_progress
    from kg.graphdb.load import load as run_load
    from kg.render import to_json
    from kg.store import Store

    settings = _settings(uri, username, password, database)
    lock = load_lock(data_dir) if settings.embedded else contextlib.nullcontext()
    with Store.open(data_dir, create=False) as store, connect(settings, data_dir) as conn, lock:
        summary = run_load(store, conn, batch_size=batch_size or BATCH_SIZE,
                           tx_articles=tx_articles or TX_ARTICLES, full=full,
                           progress=print_progress())
    if fmt == "json":
        click.echo(to_json(summary))
        return
    click.echo(f"{summary.mode} load into {conn.uri}: {summary.articles_written} articles "
               f"written, {summary.articles_deleted} deleted, {summary.relations} relations, "
               f"{summary.evidence} evidence rows, revision {summary.revision} "
               f"({summary.seconds:.1f} s)")


@cli.command()
@click.argument("query_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter (repeatable); numbers and true/false are typed.")
@click.option("--write", is_flag=True,
              help="Allow a query that changes the database (refused otherwise).")
@data_dir_option
@neo4j_options
@format_option(*ROW_FORMATS, default="table")
def query(query_or_file: str, params: tuple[str, ...], write: bool, data_dir: Path,
          uri: str | None, username: str | None, password: str | None, database: str | None,
          fmt: str) -> None:
    """Run a library query (cypher/*.cypher, by name), a .cypher file, or Cypher text.

    \b
    Example:
        kg query investors_of --param entity=OpenAI
        kg query shortest_path --param source=Koyeb --param target=TSMC --format json
        kg query deals_under_review --format csv > deals.csv
        kg query "MATCH (d:Deal) RETURN d.name AS deal, d.status AS status"
    """
    from kg.graphdb.library import parse_params
    from kg.graphdb.query import open_graph, run_query

    values = parse_params(params)
    with open_graph(_settings(uri, username, password, database), data_dir) as conn:
        result = run_query(conn, query_or_file, values, write=write)
    _show(result, fmt)


@cli.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Maximum DEPENDS_ON hops.")
@click.option("--direction", type=click.Choice(["down", "up"]), default="down",
              show_default=True, help="down: what ENTITY depends on; up: who depends on it.")
@data_dir_option
@neo4j_options
@format_option(*ROW_FORMATS, default="table")
def chain(entity: str, depth: int, direction: str, data_dir: Path, uri: str | None,
          username: str | None, password: str | None, database: str | None, fmt: str) -> None:
    """Dependency chain of ENTITY (name, alias or id): one row per path, each hop with its kind
    of dependency, its number of distinct articles and its evidence: a sentence, its date and
    its source URL.

    With no NEO4J_URI (or --uri) it is answered from the local store, no server started;
    with one, by the Cypher library's dependency_chain_down/up on that server.

    \b
    Example:
        kg chain "Mistral AI"
        kg chain NVIDIA --direction up --depth 2 --format json
    """
    from kg.lookup.chain import LIST_JOINERS

    result: Any
    # No server named: answered from the store, without even importing the neo4j driver
    # (ConnectionSettings.resolve reads the same variable).
    if not (uri or os.environ.get("NEO4J_URI")):
        from kg.lookup import open_store, store_chain

        with open_store(data_dir) as store:
            result = store_chain(store, entity, depth=depth, direction=direction)
    else:
        from kg.graphdb.query import chain as run_chain
        from kg.graphdb.query import open_graph

        with open_graph(_settings(uri, username, password, database), data_dir) as conn:
            result = run_chain(conn, entity, depth=depth, direction=direction)
    from kg.render import render

    render(result.rows, result.columns, fmt, joiners=LIST_JOINERS)


def _show(result: Any, fmt: str) -> None:
    from kg.render import render

    render(result.rows, result.columns, fmt, joiners=result.joiners())
