"""The shipped examples read, and `kg ingest examples/` finds the facts we wrote into them.

Expected values come from the example texts themselves (checked by hand when writing them).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KgError
from kg.readers import read_file
from kg.schema import Article, EntityKind, RelationType

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NEWS = EXAMPLES / "news"

# file -> (format, main language of each article in order, languages every article must carry)
EXPECTED: dict[str, tuple[str, list[str], set[str]]] = {
    "01_mistral_koyeb_digest.md": ("markdown_digest", ["zh"], {"zh"}),
    "02_microsoft_mistral_insight.txt": ("insight_digest", ["zh"], {"zh", "en", "fr"}),
    "03_mistral_series_c.html": ("html", ["en"], {"en"}),
    "04_ai_compute_feed.xml": ("rss", ["en", "en", "en"], {"en"}),
    "05_anthropic_feed.atom.xml": ("atom", ["en", "en", "en"], {"en"}),
    "06_softbank_openai.json": ("json", ["en"], {"en"}),
    "07_deals.jsonl": ("jsonl", ["en", "en", "fr", "zh", "en"], set()),
    "08_mistral_nvidia_fr.txt": ("text", ["fr"], {"fr"}),
    "09_compute_chain.md": ("markdown", ["en"], {"en"}),
    "10_anthropic_cloud_digest.md": ("markdown_digest", ["zh"], {"zh"}),
    "11_mistral_koyeb_insight.txt": ("insight_digest", ["zh"], {"zh", "en", "fr"}),
}


def read_all(name: str) -> list[Article]:
    records = list(read_file(NEWS / name))
    errors = [r for r in records if isinstance(r, KgError)]
    assert errors == [], f"{name}: {errors}"
    return [r for r in records if isinstance(r, Article)]


def test_every_example_file_is_listed() -> None:
    assert {p.name for p in NEWS.iterdir()} == set(EXPECTED)
    assert {p.name for p in EXAMPLES.iterdir()} == {"news", "README.md", "library_use.py"}
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in [*EXPECTED, "library_use.py"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_reads_into_its_format_and_languages(name: str) -> None:
    fmt, langs, carried = EXPECTED[name]
    articles = read_all(name)
    assert [a.format.value for a in articles] == [fmt] * len(langs)
    assert [a.lang for a in articles] == langs
    for article in articles:
        assert carried <= set(article.langs), (article.id, article.langs)
        assert article.text.strip()


def test_every_format_and_language_is_covered() -> None:
    formats = {fmt for fmt, _, _ in EXPECTED.values()}
    assert formats == {"markdown_digest", "insight_digest", "html", "rss", "atom", "json",
                       "jsonl", "text", "markdown"}
    assert {lang for _, langs, _ in EXPECTED.values() for lang in langs} == {"zh", "en", "fr"}


def test_digest_keeps_footnote_sources_and_keywords() -> None:
    (article,) = read_all("01_mistral_koyeb_digest.md")
    assert len(article.sources) == 4
    assert article.sources[0].url == "https://example.org/news/mistral-koyeb"
    assert {"Mistral AI", "Koyeb", "Arthur Mensch"} <= set(article.keywords)
    assert article.published is not None and article.published.startswith("2026-02-18")


def test_insight_keeps_key_players_and_related_companies() -> None:
    (article,) = read_all("02_microsoft_mistral_insight.txt")
    players = [p.name for p in article.key_players]
    assert players == ["Mistral AI", "Microsoft", "Competition and Markets Authority",
                       "European Commission"]
    related = {c.name: c for c in article.related_companies}
    assert set(related) == {"Mistral AI", "Microsoft", "OpenAI"}
    assert related["Microsoft"].stage == "mature"


def test_html_drops_navigation_and_keeps_metadata() -> None:
    (article,) = read_all("03_mistral_series_c.html")
    assert article.url == "https://example.org/news/asml-mistral-series-c"
    assert article.published is not None and article.published.startswith("2025-09-09")
    assert "Mistral AI has raised €1.7 billion" in article.text
    assert "Most read" not in article.text and "Sign in" not in article.text


# --- the whole pipeline over the examples -------------------------------------------------


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("examples-store")
    result = CliRunner().invoke(cli, ["ingest", str(NEWS), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture(scope="module")
def facts(ingested: Path) -> tuple[dict[str, object], set[tuple[str, str, str]]]:
    from kg.store import Store

    with Store.open(ingested) as store:
        entities = {e.id: e for e in store.entities()}
        keys = {r.key for r in store.relations()}
    return entities, keys


@pytest.fixture(scope="module")
def relations(ingested: Path) -> dict[tuple[str, str, str], object]:
    from kg.store import Store

    with Store.open(ingested) as store:
        return {r.key: r for r in store.relations()}


def find(entities: dict[str, object], kind: EntityKind, *names: str) -> str:
    """The id of the entity of `kind` whose name or alias is one of `names`."""
    wanted = {n.casefold() for n in names}
    for eid, e in entities.items():
        labels = {e.name.casefold(), *(a.casefold() for a in e.aliases)}  # type: ignore[attr-defined]
        if e.kind == kind and labels & wanted:  # type: ignore[attr-defined]
            return eid
    raise AssertionError(f"no {kind} named {names}")


def test_ingest_finds_the_companies(facts) -> None:
    entities, _ = facts
    for name in ("Mistral AI", "Koyeb", "Microsoft", "NVIDIA", "OpenAI", "Anthropic"):
        find(entities, EntityKind.COMPANY, name)


def test_a_typo_suggests_each_name_once(ingested: Path) -> None:
    """`kg show Mistrel` offered 'Mistral AI Mistral AI': an entity made of the headline's last
    name and the next sentence's first one."""
    result = CliRunner().invoke(cli, ["show", "Mistrel", "--data-dir", str(ingested)])
    assert result.exit_code == 1
    assert "'Mistral AI'" in result.output
    assert "Mistral AI Mistral AI" not in result.output


def test_no_entity_name_is_one_name_twice(facts) -> None:
    entities, _ = facts
    doubled = [e.name for e in entities.values()  # type: ignore[attr-defined]
               if (half := e.name.split())  # type: ignore[attr-defined]
               and len(half) % 2 == 0 and half[: len(half) // 2] == half[len(half) // 2 :]]
    assert doubled == []


def test_ingest_finds_the_koyeb_acquisition(facts) -> None:
    entities, keys = facts
    mistral = find(entities, EntityKind.COMPANY, "Mistral AI")
    koyeb = find(entities, EntityKind.COMPANY, "Koyeb")
    acquires = RelationType.ACQUIRES.value
    direct = (mistral, acquires, koyeb) in keys
    via_deal = any(s == mistral and r == acquires and entities[t].kind == EntityKind.DEAL  # type: ignore[attr-defined]
                   for s, r, t in keys)
    assert direct or via_deal


def test_ingest_finds_microsoft_investing_in_mistral(facts) -> None:
    entities, keys = facts
    microsoft = find(entities, EntityKind.COMPANY, "Microsoft")
    assert any(s == microsoft and r == RelationType.INVESTS_IN.value for s, r, _ in keys)


def test_ingest_finds_the_cma_reviewing_a_deal(facts) -> None:
    entities, keys = facts
    cma = find(entities, EntityKind.REGULATOR, "CMA", "Competition and Markets Authority")
    reviewed = [t for s, r, t in keys if s == cma and r == RelationType.REVIEWS.value]
    assert reviewed, "the CMA reviews nothing"


def test_second_ingest_leaves_stats_unchanged(ingested: Path) -> None:
    runner = CliRunner()
    before = runner.invoke(cli, ["stats", "--data-dir", str(ingested)])
    again = runner.invoke(cli, ["ingest", str(NEWS), "--data-dir", str(ingested)])
    after = runner.invoke(cli, ["stats", "--data-dir", str(ingested)])
    assert before.exit_code == again.exit_code == after.exit_code == 0, again.output
    assert after.output == before.output


def test_library_use_script_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["library_use.py", str(tmp_path / "data"), str(tmp_path)])
    runpy.run_path(str(EXAMPLES / "library_use.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Mistral AI" in out
    assert (tmp_path / "mistral.html").stat().st_size > 0


def test_dependency_chains_are_two_levels_deep(facts) -> None:
    import networkx as nx

    entities, keys = facts
    deps = nx.DiGraph((s, t) for s, r, t in keys if r == RelationType.DEPENDS_ON.value)
    company = {n: find(entities, EntityKind.COMPANY, n)
               for n in ("Mistral AI", "Microsoft", "NVIDIA", "TSMC", "OpenAI", "Anthropic")}
    # news/09 and news/04: Mistral AI -> Microsoft (Azure) -> NVIDIA -> TSMC
    assert nx.has_path(deps, company["Mistral AI"], company["TSMC"])
    assert nx.shortest_path_length(deps, company["Mistral AI"], company["TSMC"]) >= 2
    # who ultimately depends on NVIDIA: several answers, through clouds as well as directly
    users = nx.ancestors(deps, company["NVIDIA"])
    assert {company[n] for n in ("Mistral AI", "Microsoft", "OpenAI", "Anthropic")} <= users


def test_koyeb_acquisition_is_one_relation_with_evidence_in_three_languages(relations) -> None:
    # news/01 (zh digest), news/08 (fr text) and news/11 (zh/en/fr insight) all state it
    rel = relations[("company:mistral-ai", RelationType.ACQUIRES.value, "company:koyeb")]
    by_file: dict[str, set[str | None]] = {}
    for ev in rel.evidence:  # type: ignore[attr-defined]
        by_file.setdefault(ev.file, set()).add(ev.lang)
    assert set(by_file) == {"01_mistral_koyeb_digest.md", "08_mistral_nvidia_fr.txt",
                            "11_mistral_koyeb_insight.txt"}
    assert by_file["11_mistral_koyeb_insight.txt"] == {"zh", "en", "fr"}


def test_lookups_on_the_examples(ingested: Path) -> None:
    """Issue 12's done-when, on examples/: `kg show "Mistral AI"` prints its relations with
    their evidence sentences, `kg entities --format csv` is one spreadsheet row per entity
    (Chinese aliases included), `kg deals` lists the deals. Facts from the example texts:
    03_mistral_series_c.html (NVIDIA GPUs, the Series C led by ASML), 11_mistral_koyeb_insight.txt
    (the Koyeb acquisition), NVIDIA's Chinese name in 01/02/10."""
    import csv
    import io
    import json

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--data-dir", str(ingested)])
        assert result.exit_code == 0, result.output
        return result.output

    card = json.loads(run("show", "Mistral AI", "--format", "json"))
    relations = {(r["subject"], r["relation"], r["object"]): r for r in card["relations"]}
    assert all(r["sentence"] and r["articles"] >= 1 for r in relations.values())
    assert "Koyeb" in relations["Mistral AI", "ACQUIRES", "Koyeb"]["sentence"]
    gpus = relations["Mistral AI", "DEPENDS_ON", "NVIDIA"]["sentence"]
    assert "NVIDIA" in gpus or "英伟达" in gpus
    table = run("show", "Mistral AI")
    assert f"Relations ({len(relations)})" in table
    assert all(r["sentence"] in table for r in relations.values())

    listed = json.loads(run("entities", "--format", "json"))
    rows = list(csv.DictReader(io.StringIO(run("entities", "--format", "csv"))))
    assert [r["name"] for r in rows] == [e["name"] for e in listed]
    nvidia = next(r for r in rows if r["name"] == "NVIDIA")
    assert nvidia["kind"] == "Company" and "英伟达" in nvidia["aliases"].split(", ")

    deals = json.loads(run("deals", "--format", "json"))
    series_c = next(d for d in deals if d["type"] == "funding_round"
                    and "Mistral AI (issuer)" in d["parties"] and d["currency"] == "EUR"
                    and d["amount"] == 1.7e9)
    assert "ASML (lead_investor)" in series_c["parties"]
    deals_table = run("deals")
    assert all(d["deal"] in deals_table for d in deals)


def test_acquisitions_are_deals_on_the_examples(ingested: Path) -> None:
    """The README tour's `kg deals --type acquisition --since 2024`: Mistral AI's takeover of
    Koyeb, told in 01 (zh), 08 (fr) and 11 (zh/en/fr), is one Deal of three articles; the
    MosaicML one (07: "$1.3 billion", "The deal was completed in July 2023") is listed without
    the date filter, completed, dated July 2023."""
    import json

    def run(*args: str) -> list[dict]:
        result = CliRunner().invoke(cli, [*args, "--data-dir", str(ingested), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    recent = run("deals", "--type", "acquisition", "--since", "2024")
    assert [(d["deal"], d["parties"], d["articles"], d["date"]) for d in recent] == [
        ("Mistral AI–Koyeb acquisition", ["Mistral AI (acquirer)", "Koyeb (target)"], 3, "2026")]
    every = {d["id"]: d for d in run("deals", "--type", "acquisition")}
    assert set(every) == {
        "deal:acquisition-mistral-ai-koyeb", "deal:acquisition-databricks-mosaicml"}
    mosaic = every["deal:acquisition-databricks-mosaicml"]
    assert (mosaic["amount"], mosaic["currency"], mosaic["status"], mosaic["date"]) == (
        1.3e9, "USD", "completed", "2023-07")
    assert mosaic["parties"] == ["Databricks (acquirer)", "MosaicML (target)"]


def test_the_explorer_timeline_has_the_takeovers(ingested: Path) -> None:
    """The deals timeline of the explorer (deal_events) dates a takeover no regulator reviewed
    by the sentences of its ACQUIRES relation and its own date: Koyeb (01, 08, 11: articles of
    2026-02-18, "en 2026" stated, so from 2026-01-01); MosaicML announced in 07 (published
    2023-06-26), completed "in July 2023"."""
    from kg.explorer import deal_events
    from kg.graph import build_graph
    from kg.store import Store

    with Store.open(ingested, create=False) as store:
        events = deal_events(build_graph(store))
    assert events["deal:acquisition-mistral-ai-koyeb"] == [["2026-01-01", "announced"]]
    assert events["deal:acquisition-databricks-mosaicml"] == [
        ["2023-06-26", "announced"], ["2023-07-01", "completed"]]
