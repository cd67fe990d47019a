"""Every cypher/*.cypher file runs on the loaded supply-chain graph and gives the answer worked
out by hand from the facts in conftest.supply_chain_facts():

    Mistral AI -DEPENDS_ON(cloud)-> Microsoft   (a1, a2)    Microsoft -INVESTS_IN-> Mistral AI
    Mistral AI -DEPENDS_ON(compute)-> NVIDIA    (a2)        Microsoft -INVESTS_IN-> OpenAI
    Microsoft -DEPENDS_ON(compute)-> NVIDIA     (a2)        SoftBank  -INVESTS_IN-> OpenAI
    NVIDIA -DEPENDS_ON(manufacturing)-> TSMC    (a2)        Mistral AI -ACQUIRES-> Koyeb (a3)
    OpenAI -DEPENDS_ON(cloud)-> Microsoft       (a4)        Mistral AI -ACQUIRES-> Lumen Robotics
    OpenAI -DEPENDS_ON(compute)-> NVIDIA        (a4)        Autorité de la concurrence -REVIEWS->
                                                              deal Koyeb (under_review, 2025-02-17)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import BOLT_KINDS, bolt_target_of

from kg.graphdb.connection import connect
from kg.graphdb.library import library
from kg.graphdb.load import load
from kg.graphdb.query import run_query
from kg.render import plain
from kg.schema import EntityKind, RelationType
from kg.store import Store

pytestmark = pytest.mark.bolt

M, MS, NV, TS, OA = "Mistral AI", "Microsoft", "NVIDIA", "TSMC", "OpenAI"
# Each hop's latest dated sentence; every sentence here is of 2025-03-01, so the first of them:
# the evidence of the article with the smallest id. No article has a source URL.
AZURE = "Mistral AI trains its models on Microsoft Azure."
GPU, MS_NV = "Mistral AI achète ses GPU à NVIDIA.", "Microsoft équipe Azure de puces NVIDIA."
NV_TS = "NVIDIA fait graver ses puces par TSMC."

CASES: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    "dependency_chain_down": ({"entity": "mistral ai"}, [
        {"provider": MS, "depth": 1, "dependencies": ["cloud"], "path": [M, MS],
         "articles": [2], "evidence": [AZURE],
         "dates": ["2025-03-01"], "sources": [""]},
        {"provider": NV, "depth": 1, "dependencies": ["compute"], "path": [M, NV],
         "articles": [1], "evidence": [GPU],
         "dates": ["2025-03-01"], "sources": [""]},
        {"provider": NV, "depth": 2, "dependencies": ["cloud", "compute"], "path": [M, MS, NV],
         "articles": [2, 1], "evidence": [AZURE, MS_NV],
         "dates": ["2025-03-01", "2025-03-01"], "sources": ["", ""]},
        {"provider": TS, "depth": 2, "dependencies": ["compute", "manufacturing"],
         "path": [M, NV, TS], "articles": [1, 1], "evidence": [GPU, NV_TS],
         "dates": ["2025-03-01", "2025-03-01"], "sources": ["", ""]},
        {"provider": TS, "depth": 3, "dependencies": ["cloud", "compute", "manufacturing"],
         "path": [M, MS, NV, TS], "articles": [2, 1, 1], "evidence": [AZURE, MS_NV, NV_TS],
         "dates": ["2025-03-01", "2025-03-01", "2025-03-01"], "sources": ["", "", ""]},
    ]),
    "dependency_chain_up": ({"entity": "company:tsmc", "depth": 2}, [
        {"dependent": NV, "depth": 1, "dependencies": ["manufacturing"], "path": [NV, TS],
         "articles": [1], "evidence": [NV_TS],
         "dates": ["2025-03-01"], "sources": [""]},
        {"dependent": MS, "depth": 2, "dependencies": ["compute", "manufacturing"],
         "path": [MS, NV, TS], "articles": [1, 1], "evidence": [MS_NV, NV_TS],
         "dates": ["2025-03-01", "2025-03-01"], "sources": ["", ""]},
        {"dependent": M, "depth": 2, "dependencies": ["compute", "manufacturing"],
         "path": [M, NV, TS], "articles": [1, 1], "evidence": [GPU, NV_TS],
         "dates": ["2025-03-01", "2025-03-01"], "sources": ["", ""]},
        {"dependent": OA, "depth": 2, "dependencies": ["compute", "manufacturing"],
         "path": [OA, NV, TS], "articles": [1, 1],
         "evidence": ["OpenAI buys NVIDIA accelerators.", NV_TS],
         "dates": ["2025-03-01", "2025-03-01"], "sources": ["", ""]},
    ]),
    "dependents_of": ({"entity": "Microsoft"}, [
        {"dependent": M, "dependency": "cloud", "articles": 2},
        {"dependent": OA, "dependency": "cloud", "articles": 1},
    ]),
    "investors_of": ({"entity": "OpenAI"}, [
        {"investor": MS, "other_holdings": [M]},
        {"investor": "SoftBank", "other_holdings": []},
    ]),
    "deals_under_review": ({}, [
        {"deal": "Mistral AI acquires Koyeb", "status": "under_review", "date": "2025-02-17",
         "parties": ["Koyeb (target)", "Mistral AI (acquirer)"],
         "regulators": ["Autorité de la concurrence"]},
    ]),
    "acquisitions_by": ({"entity": M}, [
        {"target": "Lumen Robotics", "date": "2024-03-01", "amount": None, "currency": None,
         "status": "completed"},
        {"target": "Koyeb", "date": "2025-02-17", "amount": 120000000.0, "currency": "EUR",
         "status": "under_review"},
    ]),
    "shortest_path": ({"source": "Koyeb", "target": "TSMC"}, [
        {"hops": 3, "chain": ["Koyeb", M, NV, TS],
         "relations": ["ACQUIRES", "DEPENDS_ON", "DEPENDS_ON"],
         "steps": "Koyeb <-ACQUIRES- Mistral AI -DEPENDS_ON-> NVIDIA -DEPENDS_ON-> TSMC"},
    ]),
    "edge_evidence": ({"source": M, "relation": "DEPENDS_ON", "target": "Microsoft"}, [
        {"article": "a1", "title": "Mistral runs on Azure", "published": "2025-03-01",
         "url": None, "sentences": ["Mistral AI trains its models on Microsoft Azure."],
         "langs": ["en"]},
        {"article": "a2", "title": "Les puces de Mistral", "published": "2025-03-01",
         "url": None, "sentences": ["Mistral AI loue le cloud Azure de Microsoft."],
         "langs": ["fr"]},
    ]),
    "single_points_of_failure": ({"limit": 2}, [
        {"provider": TS, "direct": 1, "transitive": 4},
        {"provider": NV, "direct": 3, "transitive": 3},
    ]),
}


@pytest.fixture
def loaded(supply_chain_store: Path, bolt_conn: Any) -> Any:
    with Store.open(supply_chain_store) as store:
        load(store, bolt_conn)
    return bolt_conn


def test_every_library_query_has_a_checked_answer() -> None:
    assert sorted(library()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_query_answers(name: str, loaded: Any) -> None:
    params, expected = CASES[name]
    result = run_query(loaded, name, params)
    assert [plain(r) for r in result.rows] == expected


def test_every_query_documents_its_question_and_parameters() -> None:
    for query in library().values():
        assert query.question, f"{query.name}: no '// Question:' line"
        named = {p.name for p in query.params}
        used = set(re.findall(r"\$(\w+)", query.text))
        assert used <= named, f"{query.name}: undocumented parameters {used - named}"


def test_chain_depth_one_lists_direct_providers_only(loaded: Any) -> None:
    rows = run_query(loaded, "dependency_chain_down", {"entity": M, "depth": 1}).rows
    assert [(r["provider"], r["depth"]) for r in rows] == [(MS, 1), (NV, 1)]


def test_every_library_query_gives_the_same_rows_on_neo4j_and_arcadedb(
    supply_chain_store: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Neo4j is the reference: each query's rows, in order, must be the same on ArcadeDB."""
    rows: dict[str, dict[str, list[Any]]] = {}
    for kind in BOLT_KINDS:
        with connect(bolt_target_of(kind, request).fresh(), tmp_path) as conn:
            with Store.open(supply_chain_store) as store:
                load(store, conn)
            rows[kind] = {name: [plain(r) for r in run_query(conn, name, CASES[name][0]).rows]
                          for name in sorted(library())}
    differ = [name for name in sorted(library()) if rows["neo4j"][name] != rows["arcadedb"][name]]
    assert differ == [], {name: (rows["neo4j"][name], rows["arcadedb"][name]) for name in differ}
    assert all(rows["neo4j"][name] for name in library()), "every query answers something"


def test_browser_style_sheet_has_the_explorer_colours_for_every_kind_and_type() -> None:
    """cypher/style.grass (Neo4j Browser's GraSS): one rule per entity kind and relationship
    type, in the colour the HTML explorer uses for it; nodes captioned by name."""
    root = Path(__file__).resolve().parent.parent
    text = (root / "cypher" / "style.grass").read_text(encoding="utf-8")
    rules = {m[1]: dict(re.findall(r"([\w-]+):\s*([^;]+);", m[2]))
             for m in re.finditer(r"^((?:node|relationship)(?:\.\w+)?) \{\n(.*?)^\}", text,
                                  re.S | re.M)}
    style = json.loads((root / "kg" / "explorer" / "style.json").read_text(encoding="utf-8"))
    for kind in EntityKind:
        assert rules[f"node.{kind.value}"]["color"] == style["kinds"][kind.value]["color"]
        assert rules[f"node.{kind.value}"]["caption"] == '"{name}"'
    for rel in RelationType:
        assert rules[f"relationship.{rel.value}"]["color"] == style["relations"][rel.value]
    assert rules["node.Article"]["caption"] == '"{name}"'
    lines = text.splitlines()
    assert sum(x.endswith(" {") for x in lines) == lines.count("}") == len(rules)


def test_shortest_path_walks_every_stated_type_and_no_mentions() -> None:
    text = library()["shortest_path"].text
    types = re.search(r"shortestPath\(\(a\)-\[:([A-Z_|]+)\*", text)
    assert types is not None
    assert sorted(types[1].split("|")) == sorted(r.value for r in RelationType)
