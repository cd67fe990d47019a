"""build_graph and subgraph over a small store written by hand."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError
from kg.graph import build_graph, find_node, in_range, subgraph
from kg.schema import Article, Entity, Evidence, ExtractionResult, Relation
from kg.store import Store


def ev(article: str, sentence: str, published: str | None) -> Evidence:
    return Evidence(article=article, file=f"{article}.md", sentence=sentence, published=published)


def ent(eid: str, name: str, kind: str, *aliases: str, **props: object) -> Entity:
    return Entity(id=eid, name=name, kind=kind, aliases=list(aliases), properties=dict(props))


DEAL_PROPS = {
    "deal_type": "acquisition", "amount": 120000000.0, "currency": "EUR", "date": "2024-11",
    "status": "under_review",
    "parties": [{"id": "company:orbis", "role": "acquirer"},
                {"id": "company:lumen", "role": "target"}],
}


def populate(store: Store) -> None:
    a1 = Article(id="n1", file="n1.md", format="markdown", text="one", published="2024-11-05")
    store.put(a1, ExtractionResult(article="n1", entities=[
        ent("company:orbis", "Orbis", "Company", "Orbis Group"),
        ent("company:lumen", "Lumen", "Company"),
        ent("regulator:cma", "CMA", "Regulator", "Competition and Markets Authority"),
        ent("deal:orbis-lumen", "Orbis / Lumen", "Deal", **DEAL_PROPS),
    ], relations=[
        Relation(source="company:orbis", target="company:lumen", relation="ACQUIRES",
                 evidence=[ev("n1", "Orbis buys Lumen.", "2024-11-05")]),
        Relation(source="regulator:cma", target="deal:orbis-lumen", relation="REVIEWS",
                 evidence=[ev("n1", "The CMA looks at the Orbis deal.", "2024-11-05")]),
    ]))
    a2 = Article(id="n2", file="n2.md", format="markdown", text="two", published="2025-04-02")
    store.put(a2, ExtractionResult(article="n2", entities=[
        ent("company:lumen", "Lumen", "Company"),
        ent("company:kestrel", "Kestrel", "Company"),
        ent("person:ada-roy", "Ada Roy", "Person"),
    ], relations=[
        Relation(source="company:lumen", target="company:kestrel", relation="PARTNERS_WITH",
                 evidence=[ev("n2", "Lumen and Kestrel sign a pact.", "2025-04-02")]),
        Relation(source="person:ada-roy", target="company:kestrel", relation="LEADS",
                 properties={"role": "CEO"},
                 evidence=[ev("n2", "Ada Roy runs Kestrel.", "2025-04-02")]),
    ]))


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    with Store.open(tmp_path) as store:
        populate(store)
        return build_graph(store)


def test_nodes_and_edges_carry_the_contract_attributes(graph: nx.MultiDiGraph) -> None:
    assert graph.number_of_nodes() == 6
    orbis = graph.nodes["company:orbis"]
    assert (orbis["name"], orbis["kind"], orbis["aliases"]) == ("Orbis", "Company", ["Orbis Group"])
    edge = graph.edges["person:ada-roy", "company:kestrel", "LEADS"]
    assert edge["relation"] == "LEADS" and edge["properties"] == {"role": "CEO"}
    assert edge["evidence"][0]["sentence"] == "Ada Roy runs Kestrel."


def test_party_to_edges_come_from_deal_parties(graph: nx.MultiDiGraph) -> None:
    party = graph.edges["company:orbis", "deal:orbis-lumen", "PARTY_TO"]
    assert party["properties"]["role"] == "acquirer"
    target = graph.edges["company:lumen", "deal:orbis-lumen", "PARTY_TO"]
    assert target["properties"]["role"] == "target"
    # No sentence links Lumen to the deal directly: it borrows the deal's own evidence.
    assert [e["sentence"] for e in target["evidence"]] == ["The CMA looks at the Orbis deal."]
    # Reviewed deal and its parties: one hop from the deal.
    assert set(graph.predecessors("deal:orbis-lumen")) == {"regulator:cma", "company:orbis",
                                                          "company:lumen"}


def test_focus_by_alias_case_insensitive_and_depth(graph: nx.MultiDiGraph) -> None:
    assert find_node(graph, "competition and markets AUTHORITY") == "regulator:cma"
    one = subgraph(graph, focus="cma", depth=1)
    assert set(one) == {"regulator:cma", "deal:orbis-lumen"}
    two = subgraph(graph, focus="CMA", depth=2)
    assert set(two) == {"regulator:cma", "deal:orbis-lumen", "company:orbis", "company:lumen"}


def test_unknown_focus_is_an_input_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match="^unknown entity 'Nobody'$"):
        subgraph(graph, focus="Nobody")


def test_relation_and_kind_filters(graph: nx.MultiDiGraph) -> None:
    only = subgraph(graph, relations=["partners_with"])
    assert {k for _, _, k in only.edges(keys=True)} == {"PARTNERS_WITH"}
    companies = subgraph(graph, kinds=["company"])
    assert {d for _, d in companies.nodes(data="kind")} == {"Company"}
    with pytest.raises(InputError, match="unknown relation type 'LIKES'"):
        subgraph(graph, relations=["LIKES"])
    with pytest.raises(InputError, match="unknown entity kind 'Planet'"):
        subgraph(graph, kinds=["Planet"])


def test_date_filter_uses_evidence_and_deal_dates(graph: nx.MultiDiGraph) -> None:
    recent = subgraph(graph, since="2025-01-01")
    assert {k for _, _, k in recent.edges(keys=True)} == {"PARTNERS_WITH", "LEADS"}
    old = subgraph(graph, until="2024-12-31")
    assert "PARTY_TO" in {k for _, _, k in old.edges(keys=True)}
    assert "company:kestrel" not in old


@pytest.mark.parametrize(
    ("date", "since", "until", "expected"),
    [
        ("2024-11-05", "2024-11-01", None, True),
        ("2024-11-05T10:00:00Z", None, "2024-11-04", False),
        ("2024-11", "2024-11-30", None, True),  # a month overlaps its last day
        ("2024", None, "2024-01-01", True),
        ("2023", "2024", None, False),
        ("2025-03-01", None, "2025", True),
        ("last spring", None, None, False),
        (None, "2020", None, False),
    ],
)
def test_in_range(date: str | None, since: str | None, until: str | None, expected: bool) -> None:
    assert in_range(date, since, until) is expected
