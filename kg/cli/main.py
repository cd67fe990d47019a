"""The `kg` group, its shared options, and the core commands (ingest, extract, stats, export):
parse options, call one library function, render the result. The graph database commands
(load, query, chain) are in graphdb.py.

Errors: any `KgError` becomes `Error: <one line>` on stderr and exit 1 (a traceback only with
`--debug`); click's usage errors exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg import DISTRIBUTION
from kg.errors import ConfigurationError, KgError

ROW_FORMATS = ("table", "json", "jsonl", "csv")  # kg.render.FORMATS, without importing it
DATA_DIR_HELP = "Data directory of the local store (env KG_DATA_DIR, default ./kg-data)."


class KgGroup(click.Group):
    """Turns library errors into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


def data_dir_option(f: Any) -> Any:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="KG_DATA_DIR",
        default=Path("kg-data"),
        show_default=True,
        help=DATA_DIR_HELP,
    )(f)


def format_option(*choices: str, default: str) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format: tables for people; JSON, JSON Lines or CSV for programs "
        "(CSV separator: env KG_CSV_SEP, e.g. ';' for Excel in French).",
    )


def _pairs(rows: list[tuple[str, Any]], fmt: str) -> None:
    """A summary: `label  value` lines in a table, `metric,value` rows in CSV."""
    from kg.render import render

    render([{"metric": label, "value": value} for label, value in rows], ["metric", "value"],
           fmt, header=False)


@click.group(cls=KgGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn AI-industry news (zh/en/fr) into a knowledge graph with evidence.

    \b
    Example:
        kg ingest examples/ && kg show "Mistral AI" && kg chain "Mistral AI"
    """
    if ctx.invoked_subcommand is None:  # bare `kg`: the help, and success
        click.echo(ctx.get_help())


# --- ingest / extract / stats / export: owned by the store & graph work ---------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("jsonl", "table", "csv", default="jsonl")
@click.option("--extractor", default="rules", show_default=True, help="Extractor to use.")
def extract(paths: tuple[str, ...], fmt: str, extractor: str) -> None:
    """Extract entities and relations from files and print them; nothing is stored.

    jsonl prints one relation per line as found, then the entities merged across the run;
    csv one relation per row (file, source, relation, target, evidence, sentence).

    \b
    Example:
        kg extract examples/ --format jsonl > facts.jsonl
        kg extract news/mistral.md --format table
        kg extract news/ --format csv > relations.csv
    """
    from kg.export import entity_record, relation_cells, relation_record, relation_row
    from kg.pipeline import extract_paths
    from kg.render import render
    from kg.resolve import EntityMerger

    merger, failed, table = EntityMerger(), False, []
    for item in extract_paths(paths, extractor):
        if isinstance(item, KgError):
            click.echo(f"Error: {item}", err=True)
            failed = True
            continue
        article, result = item
        for entity in result.entities:
            merger.add(entity)
        names = {entity.id: entity.name for entity in result.entities}
        for relation in result.relations:
            if fmt == "jsonl":
                render([relation_record(relation)], fmt="jsonl")
            elif fmt == "csv":
                table.append(relation_cells(relation, article, names))
            else:
                click.echo(relation_row(relation, article, names))
    if fmt == "jsonl":
        render((entity_record(entity) for entity in merger.entities()), fmt="jsonl")
    elif fmt == "csv":
        render(table, RELATION_COLUMNS, "csv")
    else:
        click.echo(f"{len(merger.entities())} entities")
    if failed:
        sys.exit(1)


RELATION_COLUMNS = ["file", "source", "relation", "target", "evidence", "sentence"]


PROGRESS_MIN_FILES = 50  # below this a bar is noise, even on a terminal


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@data_dir_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: min(2, CPUs)).")
@click.option("--file-timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds one file (or one record of a big file) may take; 0 = no limit.")
@click.option("--file-memory", type=click.IntRange(min=0), default=2048, show_default=True,
              help="MB of memory one file may need above a worker's own; 0 = no limit.")
@click.option("--strict", is_flag=True, help="Stop at the first bad file instead of skipping it.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: on a terminal, for long runs).")
@format_option("table", "json", default="table")
@click.option("--extractor", default="rules", show_default=True, help="Extractor to use.")
def ingest(paths: tuple[str, ...], data_dir: Path, workers: int | None, file_timeout: float,
           file_memory: int, strict: bool, progress: bool | None, fmt: str,
           extractor: str) -> None:
    """Read, extract and store articles (files, folders, globs); re-running is safe.

    Unchanged articles are skipped, changed ones replace their facts, copies under another
    name are reported and skipped. Bad files: `Error: <file>: <reason>`, exit 1 at the end.
    Files are read in worker processes, each under a time and memory budget: one slow, huge
    or crashing file fails alone. With both budgets 0 and --workers 1, all in this process.

    \b
    Example:
        kg ingest examples/ news/*.md --data-dir kg-data
        kg ingest feed.xml --strict --format json
    """
    from kg.pipeline import Budget, list_files
    from kg.pipeline import ingest as run_ingest
    from kg.render import to_json

    budget = (Budget(seconds=file_timeout or None, memory_mb=file_memory or None)
              if file_timeout or file_memory else None)
    options: dict[str, Any] = dict(workers=workers, strict=strict, extractor=extractor,
                                   budget=budget)
    total = len(list_files(paths)[0]) if progress or sys.stderr.isatty() else 0
    if progress or (progress is None and total >= PROGRESS_MIN_FILES):
        with click.progressbar(length=total, label=f"Ingesting {total} files",
                               file=sys.stderr) as bar:
            summary = run_ingest(paths, data_dir, progress=bar.update, **options)
    else:
        summary = run_ingest(paths, data_dir, **options)
    for message in summary.failures:
        click.echo(f"Error: {message}", err=True)
    for message in summary.duplicates:
        click.echo(f"Skipped: {message}", err=True)
    if fmt == "json":
        click.echo(to_json(summary))
    else:
        rows = [(f"articles {s}", getattr(summary, f"articles_{s}"))
                for s in ("new", "unchanged", "replaced", "duplicate")]
        rows += [("articles failed", summary.failed), ("entities", summary.entities),
                 ("relations", summary.relations)]
        _pairs(rows, fmt)
    if summary.failed:
        sys.exit(1)


@cli.command()
@data_dir_option
@format_option("table", "json", "csv", default="table")
def stats(data_dir: Path, fmt: str) -> None:
    """Counts in the store: articles, entities by kind, relations by type, languages.

    \b
    Example:
        kg stats --data-dir kg-data
        kg stats --format json | jq .relations
    """
    from kg.render import to_json
    from kg.store import Store

    with Store.open(data_dir, create=False) as store:
        s = store.stats()
    if fmt == "json":
        click.echo(to_json(s))
        return
    rows: list[tuple[str, Any]] = [("articles", s.articles), ("evidence", s.evidence),
                                   ("revision", s.revision)]
    rows += [(f"language {k}", v) for k, v in s.languages.items()]
    rows += [("entities", sum(s.entities.values()))]
    rows += [(f"  {k}", v) for k, v in s.entities.items()]
    rows += [("relations", sum(s.relations.values()))]
    rows += [(f"  {k}", v) for k, v in s.relations.items()]
    _pairs(rows, fmt)


@cli.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["html", "graphml", "gexf", "json"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: exports/graph.<format>).")
@data_dir_option
@click.option("--focus", default=None, help="Entity id, name or alias at the centre.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="Hops around --focus.")
@click.option("--relation", "relations", multiple=True,
              help="Keep only this relation type (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Keep only this entity kind (repeatable).")
@click.option("--since", default=None, help="Evidence or deal date on/after YYYY[-MM[-DD]].")
@click.option("--until", default=None, help="Evidence or deal date on/before YYYY[-MM[-DD]].")
@click.option("--open", "open_page", is_flag=True,
              help="Open the written HTML page in the default web browser.")
def export(fmt: str, output: Path | None, data_dir: Path, focus: str | None, depth: int,
           relations: tuple[str, ...], kinds: tuple[str, ...], since: str | None,
           until: str | None, open_page: bool) -> None:
    """Write the graph (or a filtered part) as offline HTML, GraphML, GEXF or JSON.

    \b
    Example:
        kg export html -o exports/mistral.html --focus "Mistral AI" --depth 2
        kg export graphml --relation INVESTS_IN --relation ACQUIRES --since 2025-01
    """
    from kg.export import export_graph
    from kg.graph import GraphFilter

    if open_page and fmt != "html":
        raise ConfigurationError(f"--open: only html exports open in a browser, not {fmt}")
    flt = GraphFilter(focus=focus, depth=depth, relations=relations or None, kinds=kinds or None,
                      since=since, until=until)
    path = export_graph(data_dir, fmt, output, flt)
    click.echo(str(path))
    if open_page:
        _open_in_browser(path)


def _open_in_browser(path: Path) -> None:
    """`--open`: the page in the user's browser (webbrowser honours $BROWSER)."""
    import webbrowser

    if not webbrowser.open(path.resolve().as_uri()):
        raise ConfigurationError(f"{path}: no web browser found to open it (set $BROWSER)")
