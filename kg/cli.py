"""The `kg` command: parse options, call one library function, render the result.

Errors: any `KgError` becomes `Error: <one line>` on stderr and exit 1 (a traceback only with
`--debug`); click's usage errors exit 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError

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
        help="Output format: tables for people, JSON for programs.",
    )


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Turn AI-industry news (zh/en/fr) into a knowledge graph with evidence.

    \b
    Example:
        kg ingest examples/ && kg export html -o exports/graph.html && kg chain "Mistral AI"
    """


# --- ingest / extract / stats / export: owned by the store & graph work ---------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("jsonl", "table", default="jsonl")
@click.option("--extractor", default="rules", show_default=True, help="Extractor to use.")
def extract(paths: tuple[str, ...], fmt: str, extractor: str) -> None:
    """Extract entities and relations from files and print them; nothing is stored.

    jsonl prints one relation per line as found, then the entities merged across the run.

    \b
    Example:
        kg extract examples/ --format jsonl > facts.jsonl
        kg extract news/mistral.md --format table
    """
    from kg.export import entity_record, relation_record, relation_row
    from kg.pipeline import extract_paths
    from kg.resolve import EntityMerger

    merger, failed = EntityMerger(), False
    for item in extract_paths(paths, extractor):
        if isinstance(item, KgError):
            click.echo(f"Error: {item}", err=True)
            failed = True
            continue
        article, result = item
        for entity in result.entities:
            merger.add(entity)
        for relation in result.relations:
            if fmt == "jsonl":
                click.echo(json.dumps(relation_record(relation), ensure_ascii=False))
            else:
                click.echo(relation_row(relation, article))
    if fmt == "jsonl":
        for entity in merger.entities():
            click.echo(json.dumps(entity_record(entity), ensure_ascii=False))
    else:
        click.echo(f"{len(merger.entities())} entities")
    if failed:
        sys.exit(1)


# --- load / query / chain: owned by the Neo4j work --------------------------------------------


if __name__ == "__main__":  # pragma: no cover
    cli()
