"""`kg db start|stop|status`: the embedded ArcadeDB kept up between commands
(kg.graphdb.daemon), so repeated `kg query` / `kg load` calls do not each start a JVM."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.main import ROW_FORMATS, cli, data_dir_option, format_option

if TYPE_CHECKING:
    from kg.graphdb.daemon import DaemonStatus


@cli.group()
def db() -> None:
    """The embedded graph database (used when NEO4J_URI is unset): start, stop, status.

    `kg query` and `kg load` start it on first use; it stops by itself after --idle seconds
    unused (default 600, env KG_DB_IDLE).

    \b
    Example:
        kg db start --idle 1800
        kg db status
        kg db stop
    """


def _describe(status: DaemonStatus | None, fmt: str) -> None:
    from kg.render import render, to_json

    if fmt == "json":
        click.echo(to_json(status))
        return
    if fmt != "table":  # one row (none when not running), every field a column
        columns = ["pid", "uri", "port", "started", "idle", "idle_timeout", "data_dir"]
        records = [] if status is None else [status.model_dump() | {"uri": status.uri}]
        render(records, columns, fmt)
        return
    rows = [] if status is None else [
        ("running", f"pid {status.pid}"), ("uri", status.uri),
        ("up", f"{time.time() - status.started:.0f} s"),
        ("idle", f"{status.idle:.0f} s of {status.idle_timeout:.0f} s"),
    ]
    render([{"k": k, "v": v} for k, v in rows], ["k", "v"], "table", header=False,
           empty="not running")


@db.command()
@click.option("--idle", type=click.FloatRange(min=1), default=None,
              help="Stop after this many seconds unused (default: env KG_DB_IDLE or 600).")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def start(idle: float | None, data_dir: Path, fmt: str) -> None:
    """Start the embedded database for --data-dir (or say it is already running).

    \b
    Example:
        kg db start
        kg db start --idle 3600 --data-dir kg-data
    """
    from kg.graphdb.daemon import ensure_daemon

    _describe(ensure_daemon(data_dir, idle), fmt)


@db.command()
@data_dir_option
def stop(data_dir: Path) -> None:
    """Stop the embedded database for --data-dir, if it runs.

    \b
    Example:
        kg db stop
    """
    from kg.graphdb.daemon import stop_daemon

    stopped = stop_daemon(data_dir)
    click.echo("not running" if stopped is None else f"stopped pid {stopped.pid}")


@db.command()
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def status(data_dir: Path, fmt: str) -> None:
    """Is the embedded database for --data-dir running: pid, Bolt URI, uptime, idle time.

    \b
    Example:
        kg db status --format json
    """
    from kg.graphdb.daemon import daemon_status

    _describe(daemon_status(data_dir), fmt)
