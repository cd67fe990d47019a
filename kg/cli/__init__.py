"""The `kg` command line: a thin click layer over the library.

    main.py      the `kg` group, shared options (--data-dir, --format, Neo4j connection) and the
                 core commands: extract, ingest, stats, export
    graphdb.py   the graph database: load, query, chain
    lookup.py    the look-ups on the local store: show, entities, deals, articles, search
    db.py        kg db start|stop|status: the embedded graph database kept up between commands
    evaluate.py  kg eval

A new command goes in the module of its area (or a new one) as `@cli.command()` on the group
from `main.py`, and that module is imported here. Errors: any `KgError` becomes
`Error: <one line>` on stderr and exit 1 (a traceback only with `--debug`); usage errors exit 2.
"""

from __future__ import annotations

# imported for their commands, which they register on the group
from kg.cli import db, evaluate, graphdb, lookup  # noqa: F401
from kg.cli.main import cli

__all__ = ["cli"]
