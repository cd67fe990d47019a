"""An incremental `kg load` equals a full load of the same store, whatever happened in between
(issue 15): random histories of puts, replacements and deletions, loaded incrementally at
random points, against a full load into an empty database on the same Bolt server.

Before, a replaced article that stopped naming a deal left the deal's old properties and
derived PARTY_TO edges in the graph (3,237 vs 3,235 edges on a real store).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load import snapshot

from kg.graphdb.connection import connect
from kg.graphdb.load import load
from kg.schema import (
    Article,
    ArticleFormat,
    Entity,
    EntityKind,
    Evidence,
    ExtractionResult,
    Relation,
    RelationType,
    entity_id,
)
from kg.store import Store

pytestmark = pytest.mark.bolt

FIRMS = ["Orbis", "Lumen", "Kestrel", "Pico"]
DEALS = ["Orbis / Lumen", "Kestrel / Pico"]
ARTICLES = ["h0", "h1", "h2"]


def company(name: str) -> Entity:
    return Entity(id=entity_id(EntityKind.COMPANY, name), name=name, kind=EntityKind.COMPANY)


def deal(name: str, parties: list[str], amount: int) -> Entity:
    return Entity(id=entity_id(EntityKind.DEAL, name), name=name, kind=EntityKind.DEAL,
                  properties={"deal_type": "investment", "amount": float(amount),
                              "parties": [{"id": company(p).id, "role": "investor"}
                                          for p in parties]})


# One version of an article: which investments it states and which deals (parties, amount).
version = st.tuples(
    st.lists(st.tuples(st.sampled_from(FIRMS), st.sampled_from(FIRMS)), max_size=3),
    st.lists(st.tuples(st.sampled_from(DEALS), st.lists(st.sampled_from(FIRMS), max_size=3,
                                                        unique=True),
                       st.integers(1, 3)), max_size=2),
)
step = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(ARTICLES), version),
    st.tuples(st.just("delete"), st.sampled_from(ARTICLES), st.none()),
    st.tuples(st.just("load"), st.none(), st.none()),
)


def put(store: Store, aid: str, n: int, facts: Any) -> None:
    invests, deals = facts
    text = f"version {n} of {aid}"
    rels = [Relation(source=company(a).id, target=company(b).id,
                     relation=RelationType.INVESTS_IN,
                     evidence=[Evidence(article=aid, file=f"{aid}.md", sentence=f"{a} > {b} {n}")])
            for a, b in invests if a != b]
    names = {n for pair in invests for n in pair} | {p for _, ps, _ in deals for p in ps}
    ents = [company(n) for n in sorted(names)] + [deal(d, ps, amt) for d, ps, amt in deals]
    article = Article(id=aid, file=f"{aid}.md", format=ArticleFormat.MARKDOWN, text=text,
                      lang="en", published="2025-03-01")
    store.put(article, ExtractionResult(article=aid, entities=ents, relations=rels))


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=st.lists(step, min_size=1, max_size=6))
def test_incremental_load_equals_a_full_load(bolt_target: Any, history: list[Any]) -> None:
    check_history(bolt_target, history)


def test_a_replaced_article_that_stops_naming_a_deal(bolt_target: Any) -> None:
    # the case the issue found: h0's replacement names no deal; h1 still names it
    check_history(bolt_target, [
        ("put", "h0", ([], [("Orbis / Lumen", ["Orbis", "Lumen"], 2)])),
        ("put", "h1", ([("Kestrel", "Pico")], [("Orbis / Lumen", ["Kestrel"], 1)])),
        ("load", None, None),
        ("put", "h0", ([("Orbis", "Pico")], [])),
    ])


def check_history(bolt_target: Any, history: list[Any]) -> None:
    """Play `history` with incremental loads, then compare with a full load."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with Store.open(data) as store, connect(bolt_target.fresh(), data) as conn:
            load(store, conn)
            for n, (action, aid, facts) in enumerate(history):
                if action == "put":
                    put(store, aid, n, facts)
                elif action == "delete":
                    store.delete(aid)
                else:
                    load(store, conn)
            load(store, conn)
            incremental = snapshot(conn)
        with Store.open(data) as store, connect(bolt_target.fresh(), data) as clean:
            load(store, clean)
            assert snapshot(clean) == incremental
