"""`kg chain` from the store gives the same rows as the Cypher library over Bolt (embedded
ArcadeDB), on the supply-chain graph and on one where a hop is stated by one article in three
languages (three sentences, one article) and a cycle closes a path."""

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


CASES = [(entity, depth, direction) for entity in (MISTRAL.name, NVIDIA.id, "tsmc")
         for depth in (1, 3, 5) for direction in ("down", "up")]


@pytest.mark.parametrize("facts", [supply_chain_facts, cyclic_facts])
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
