"""The look-up commands of `kg` (show, entities, deals, articles, search): parse options, call
one `kg.lookup` function on the local store, render the result with `kg.render`.

Imported by kg/cli/__init__.py; its commands go on the group of kg/cli/main.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.main import ROW_FORMATS, cli, data_dir_option, format_option

RELATION_COLUMNS = ["subject", "relation", "object", "detail", "articles", "date", "lang",
                    "sentence", "url"]
DEAL_COLUMNS = ["deal", "type", "status", "amount", "currency", "date", "role", "parties",
                "articles"]
since_option = click.option("--since", default=None, help="On or after YYYY[-MM[-DD]].")
until_option = click.option("--until", default=None, help="On or before YYYY[-MM[-DD]].")


def limit_option(default: int = 0, what: str = "rows") -> Any:
    return click.option("--limit", type=click.IntRange(min=0), default=default,
                        show_default=bool(default),
                        help=f"At most this many {what}; 0 = all" + ("" if default else
                                                                      " (the default)") + ".")


def _cut(rows: list[Any], limit: int) -> tuple[list[Any], int]:
    """The first `limit` rows (all with 0) and how many were left out."""
    if not limit or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def _say_cut(more: int | str, fmt: str, what: str = "more") -> None:
    """"… 12 more; use --limit": under a table on stdout, for programs on stderr (their
    output stays parseable)."""
    if more:
        click.echo(f"… {more} {what}; use --limit N, or --limit 0 for all", err=fmt != "table")


def _rows(models: list[Any]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in models]


@cli.command()
@click.argument("entity")
@click.option("--lang", default=None, help="Prefer evidence sentences in this language (zh/en/fr).")
@limit_option(what="relations and at most this many deals")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def show(entity: str, lang: str | None, limit: int, data_dir: Path, fmt: str) -> None:
    """One entity (name, alias or id): kind, aliases, properties, every relation with its best
    evidence sentence, date, source URL, language and number of distinct articles, and the
    deals it is party to. A misspelt name gets "did you mean".

    json prints the whole card; csv and jsonl one row per relation, then one PARTY_TO row per
    deal.

    \b
    Example:
        kg show "Mistral AI"
        kg show 英伟达 --lang zh --format json
        kg show Koyeb --format csv > koyeb.csv
        kg show NVIDIA --limit 20
    """
    from kg.lookup import open_store, show_entity
    from kg.render import render, to_json

    with open_store(data_dir) as store:
        card = show_entity(store, entity, lang=lang)
    total = (len(card.relations), len(card.deals))
    card.relations, more_relations = _cut(card.relations, limit)
    card.deals, more_deals = _cut(card.deals, limit)
    if fmt == "json":
        click.echo(to_json(card))
    if fmt != "table":
        _say_cut(more_relations, fmt, "more relations")
        _say_cut(more_deals, fmt, "more deals")
    if fmt == "json":
        return
    relations = _rows(card.relations)
    deals = _rows(card.deals)
    if fmt != "table":
        party = [{"subject": card.name, "relation": "PARTY_TO", "object": d["deal"],
                  "detail": ", ".join(f"{k}: {d[k]}" for k in ("role", "type", "status")
                                      if d[k]), "articles": d["articles"], "date": d["date"]}
                 for d in deals]
        render(relations + party, RELATION_COLUMNS, fmt)
        return
    head: list[dict[str, Any]] = [{"k": "id", "v": card.id}, {"k": "kind", "v": card.kind},
            {"k": "aliases", "v": card.aliases}]
    head += [{"k": k, "v": v} for k, v in sorted(card.properties.items()) if k != "parties"]
    click.echo(card.name)
    render(head, ["k", "v"], header=False, width=None)
    click.echo(f"\nRelations ({total[0]})")
    render(relations, RELATION_COLUMNS[:-1] + ["url"], width=None, empty="(none)")
    _say_cut(more_relations, fmt, "more relations")
    click.echo(f"\nDeals ({total[1]})")
    render(deals, DEAL_COLUMNS, width=None, empty="(none)")
    _say_cut(more_deals, fmt, "more deals")


@cli.command()
@click.option("--kind", default=None, help="Only this kind (Company, Person, Deal, ...).")
@click.option("--search", "text", default=None, help="Only names or aliases containing TEXT.")
@click.option("--sort", type=click.Choice(["degree", "name", "recent"]), default="degree",
              show_default=True, help="Most connected first, by name, or latest article first.")
@limit_option(what="entities")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def entities(kind: str | None, text: str | None, sort: str, limit: int, data_dir: Path,
             fmt: str) -> None:
    """List entities with their number of relations and articles and their latest date.

    \b
    Example:
        kg entities --kind Company --sort degree
        kg entities --search mistral
        kg entities --format csv > entities.csv
    """
    from kg.lookup import list_entities, open_store
    from kg.render import render

    with open_store(data_dir) as store:
        rows = list_entities(store, kind=kind, search=text, sort=sort)  # type: ignore[arg-type]
    rows, more = _cut(rows, limit)
    render(_rows(rows), ["name", "kind", "relations", "articles", "last", "aliases", "id"], fmt)
    _say_cut(more, fmt)


@cli.command()
@click.option("--type", "deal_type", default=None,
              help="investment, funding_round, acquisition, partnership, merger, acqui_hire.")
@click.option("--status", default=None,
              help="announced, completed, pending, under_review, cleared, blocked, ...")
@click.option("--party", default=None, help="Only deals this entity (name, alias, id) is in.")
@since_option
@until_option
@limit_option(what="deals (the newest)")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def deals(deal_type: str | None, status: str | None, party: str | None, since: str | None,
          until: str | None, limit: int, data_dir: Path, fmt: str) -> None:
    """List deals, newest first: type, status, amount, date, parties with their roles.

    \b
    Example:
        kg deals
        kg deals --type acquisition --since 2024
        kg deals --party "Mistral AI" --format json
        kg deals --limit 10
    """
    from kg.lookup import list_deals, open_store
    from kg.render import render

    with open_store(data_dir) as store:
        rows = list_deals(store, deal_type=deal_type, status=status, party=party, since=since,
                          until=until)
    rows, more = _cut(rows, limit)
    columns = [c for c in DEAL_COLUMNS if c != "role" or party] + ["id"]
    render(_rows(rows), columns, fmt)
    _say_cut(more, fmt)


@cli.command()
@since_option
@until_option
@click.option("--all-facts", is_flag=True, help="Name every fact in a table, not the first 3.")
@limit_option(what="articles (the latest ingested)")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def articles(since: str | None, until: str | None, all_facts: bool, limit: int, data_dir: Path,
             fmt: str) -> None:
    """List ingested articles, the latest ingested first: when, and which facts each gave.
    --since/--until select by the article's published date.

    \b
    Example:
        kg articles
        kg articles --since 2025-01 --format jsonl
    """
    from kg.lookup import list_articles, open_store
    from kg.lookup.listing import FACTS_SHOWN
    from kg.render import render

    with open_store(data_dir) as store:
        found, left_out = _cut(list_articles(store, since=since, until=until), limit)
    rows = _rows(found)
    if fmt == "table" and not all_facts:
        for row in rows:
            more = len(row["facts"]) - FACTS_SHOWN
            row["facts"] = row["facts"][:FACTS_SHOWN] + ([f"+{more} more"] if more > 0 else [])
    columns = ["published", "ingested", "lang", "title", "entities", "relations", "facts", "id"]
    render(rows, columns, fmt, joiners={"facts": "; "})
    _say_cut(left_out, fmt)


@cli.command()
@click.argument("text")
@limit_option(50, what="matches")
@data_dir_option
@format_option(*ROW_FORMATS, default="table")
def search(text: str, limit: int, data_dir: Path, fmt: str) -> None:
    """Find TEXT in entity names, aliases and evidence sentences (any case, accents
    optional; zh/en/fr).

    \b
    Example:
        kg search Koyeb
        kg search rachete
        kg search 收购 --format json
    """
    from kg.lookup import open_store
    from kg.lookup import search as run_search
    from kg.render import render

    with open_store(data_dir) as store:
        hits = run_search(store, text, limit=limit + 1 if limit else SEARCH_ALL)
    hits, more = _cut(hits, limit)
    render(_rows(hits), ["match", "entity", "kind", "text", "article", "id"], fmt)
    _say_cut("more" if more else 0, fmt, "matches")


SEARCH_ALL = 10**9  # `kg search --limit 0`
