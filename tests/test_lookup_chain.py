"""`kg chain` from the store gives the same rows as the Cypher library over Bolt (embedded
ArcadeDB, and Neo4j where the fixtures start one), on the supply-chain graph, on one where a hop
is stated by one article in three languages (three sentences, one article, two of them undated)
and a cycle closes a path, and on one where a hop's articles have different dates and URLs (its
latest dated sentence is shown, with that date and URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import MISTRAL, MSFT, NVIDIA, TSMC, build_store, pair, rel, supply_chain_facts

from kg.graphdb.load import load
from kg.graphdb.query import chain as bolt_chain
from kg.graphdb.query import run_query
from kg.lookup import open_store, store_chain
from kg.render import plain
from kg.schema import Evidence, RelationType

pytestmark = pytest.mark.bolt

DEP = RelationType.DEPENDS_ON


def cyclic_facts() -> list[Any]:
    """The supply chain plus: TSMC depends on Microsoft (a cycle through Microsoft, NVIDIA,
    TSMC), stated by one digest in zh, en and fr."""
    tri = rel(TSMC, DEP, MSFT, "b1", "TSMC runs its design tools on Azure.", dependency="cloud")
    tri.evidence += [
        Evidence(article="b1", file="b1.md", sentence="台积电使用Azure。", lang="zh"),
        Evidence(article="b1", file="b1.md", sentence="TSMC utilise Azure.", lang="fr"),
    ]
    return [*supply_chain_facts(), pair("b1", "en", "Trilingual", [TSMC, MSFT], [tri])]


def dated_facts() -> list[Any]:
    """The supply chain plus Mistral AI -DEPENDS_ON-> Microsoft stated again by a0 (2024-01-05)
    and a9 (2026-01-01), each with a URL, and NVIDIA -> TSMC by c1, undated: the hop
    Mistral AI > Microsoft has a0, a1, a2 (2025-03-01, no URL), a9; NVIDIA > TSMC a2 and c1."""
    def dated(article: str, sentence: str, day: str | None, url: str | None) -> Any:
        r = rel(MISTRAL, DEP, MSFT, article, sentence, dependency="cloud")
        r.evidence[0] = Evidence(article=article, file=f"{article}.md", sentence=sentence,
                                 lang="en", published=day, source_url=url)
        return r
    return [
        pair("a0", "en", "Old", [MISTRAL, MSFT], [dated(
            "a0", "Mistral AI first rented Azure.", "2024-01-05T10:00:00Z",
            "https://example.org/a0")]),
        *supply_chain_facts(),
        pair("a9", "en", "New", [MISTRAL, MSFT], [dated(
            "a9", "Mistral AI still runs on Azure.", "2026-01-01", "https://example.org/a9")]),
        pair("c1", "en", "Undated", [NVIDIA, TSMC], [dated_less(NVIDIA, TSMC, "c1")]),
    ]


def dated_less(source: Any, target: Any, article: str) -> Any:
    r = rel(source, DEP, target, article, "TSMC makes NVIDIA's chips.", dependency="foundry")
    r.evidence[0] = Evidence(article=article, file=f"{article}.md",
                             sentence="TSMC makes NVIDIA's chips.", lang="en")
    return r


CASES = [(entity, depth, direction) for entity in (MISTRAL.name, NVIDIA.id, "tsmc")
         for depth in (1, 3, 5) for direction in ("down", "up")]


@pytest.mark.parametrize("facts", [supply_chain_facts, cyclic_facts, dated_facts])
def test_store_chain_equals_the_cypher_library(facts: Any, tmp_path: Path,
                                               bolt_conn: Any) -> None:
    data = build_store(tmp_path / "data", facts())
    with open_store(data) as store:
        load(store, bolt_conn)
        compared = 0
        for entity, depth, direction in CASES:
            mine = store_chain(store, entity, depth=depth, direction=direction)
            theirs = bolt_chain(bolt_conn, entity, depth=depth, direction=direction)
            if theirs.rows:  # a query with no rows names no columns
                assert mine.columns == theirs.columns, (entity, depth, direction)
            assert [plain(r) for r in mine.rows] == [plain(r) for r in theirs.rows], (
                entity, depth, direction)
            compared += len(mine.rows)
    assert compared > 30  # the cases are not all empty


def test_distinct_articles_not_sentences(tmp_path: Path, bolt_conn: Any) -> None:
    data = build_store(tmp_path / "data", cyclic_facts())
    with open_store(data) as store:
        load(store, bolt_conn)
        rows = store_chain(store, "TSMC", depth=1).rows
    assert [(r["path"], r["articles"]) for r in rows] == [(["TSMC", "Microsoft"], [1])]
    dependents = run_query(bolt_conn, "dependents_of", {"entity": "Microsoft"}).rows
    assert [(r["dependent"], r["articles"]) for r in dependents] == [
        ("Mistral AI", 2), ("OpenAI", 1), ("TSMC", 1)]  # TSMC: 3 sentences, 1 article


def test_a_hop_shows_its_latest_dated_sentence_with_its_date_and_url(tmp_path: Path) -> None:
    """Worked out by hand from dated_facts: a9 is the latest; NVIDIA > TSMC's a2 (2025-03-01)
    beats the undated c1; Microsoft > NVIDIA has only a2 (dated, no URL: "")."""
    data = build_store(tmp_path / "data", dated_facts())
    with open_store(data) as store:
        rows = store_chain(store, "Mistral AI", depth=3).rows
    row = next(r for r in rows if r["path"] == ["Mistral AI", "Microsoft", "NVIDIA", "TSMC"])
    assert row["articles"] == [4, 1, 2]
    assert row["evidence"] == ["Mistral AI still runs on Azure.",
                               "Microsoft équipe Azure de puces NVIDIA.",
                               "NVIDIA fait graver ses puces par TSMC."]
    assert row["dates"] == ["2026-01-01", "2025-03-01", "2025-03-01"]
    assert row["sources"] == ["https://example.org/a9", "", ""]
