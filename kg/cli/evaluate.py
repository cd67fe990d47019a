"""`kg eval`: score an extractor on articles the user annotated (library: kg.evaluate)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.cli.main import cli, format_option


@cli.command("eval")
@click.argument("articles")
@click.argument("gold", metavar="GOLD.jsonl", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--entities", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gold entities, one {file, name, kind} a line: adds entity recall.")
@click.option("--by", type=click.Choice(["family", "language"]), default="family",
              show_default=True, help="Break relation scores down by family or language.")
@click.option("--show-errors", is_flag=True, help="List misses and extras with their sentences.")
@format_option("table", "json", default="table")
@click.option("--extractor", default="rules", show_default=True, help="Extractor to measure.")
def eval_(articles: str, gold: Path, entities: Path | None, by: str, show_errors: bool,
          fmt: str, extractor: str) -> None:
    """Score an extractor on articles you annotated (GOLD.jsonl: file, subject, relation,
    object, evidence per line), the way the project's eval kit scores it.

    \b
    Example:
        kg eval my-news/ my-gold.jsonl --by language
        kg eval my-news/ my-gold.jsonl --entities my-entities.jsonl --show-errors
        kg eval my-news/ my-gold.jsonl --format json > scores.json
    """
    from kg.evaluate import evaluate
    from kg.render import render, to_json

    report = evaluate(articles, gold, entities, extractor)
    for message in report.failed:
        click.echo(f"Error: {message}", err=True)
    if fmt == "json":
        click.echo(to_json(report))
    else:
        render(report.breakdown(by), fmt="table")
        if report.entities is not None:
            click.echo()
            render(report.entity_rows(), fmt="table")
        if show_errors:
            _show_errors(report)
        click.echo("\n" + "\n".join(report.summary()))
    if report.failed:
        sys.exit(1)


def _show_errors(report: Any) -> None:
    from kg.render import render

    slips = ["file", "lang", "family", "subject", "object", "sentence"]
    sections = [("missed", report.misses, slips), ("extra", report.extras, slips)]
    if report.entities is not None:
        sections.append(("missed entities", report.entities.missed, ["file", "kind", "name"]))
    for title, rows, columns in sections:
        click.echo(f"\n{title} ({len(rows)}):")
        render([r.model_dump() for r in rows], columns, "table", width=80, empty="(none)")
