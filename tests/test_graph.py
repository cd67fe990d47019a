"""build_graph and subgraph over a small store written by hand."""

from __future__ import annotations

import tempfile
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.graph import build_graph, find_node, focus_graph, in_range, subgraph
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


def test_an_acquisition_no_sentence_names_as_a_deal_borrows_its_acquires_evidence(
    tmp_path: Path,
) -> None:
    props = {**DEAL_PROPS, "status": None}
    with Store.open(tmp_path) as store:
        store.put(Article(id="n3", file="n3.md", format="markdown", text="three"),
                  ExtractionResult(article="n3", entities=[
                      ent("company:orbis", "Orbis", "Company"),
                      ent("company:lumen", "Lumen", "Company"),
                      ent("company:kestrel", "Kestrel", "Company"),
                      ent("deal:orbis-lumen", "Orbis–Lumen acquisition", "Deal", **props),
                  ], relations=[
                      Relation(source="company:orbis", target="company:lumen",
                               relation="ACQUIRES",
                               evidence=[ev("n3", "Orbis buys Lumen.", "2024-11-05")]),
                      Relation(source="company:orbis", target="company:kestrel",
                               relation="ACQUIRES",
                               evidence=[ev("n3", "Orbis buys Kestrel.", "2024-11-06")]),
                  ]))
        g = build_graph(store)
    for party in ("company:orbis", "company:lumen"):
        edge = g.edges[party, "deal:orbis-lumen", "PARTY_TO"]
        assert [e["sentence"] for e in edge["evidence"]] == ["Orbis buys Lumen."]


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


# --- focus_graph: the neighbourhood read from the store equals the filtered whole graph ------


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return (dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            and sorted(a.edges(keys=True, data=True), key=repr)
            == sorted(b.edges(keys=True, data=True), key=repr))


FILTERS = [{}, {"since": "2025-01-01"}, {"until": "2024-12-31"}, {"kinds": ["company"]},
           {"relations": ["ACQUIRES", "PARTY_TO"]}]


def test_focus_graph_equals_subgraph_of_the_whole_graph(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        populate(store)
        whole = build_graph(store)
        for focus in ["company:orbis", "Lumen", "competition and markets authority", "ada roy",
                      "deal:orbis-lumen"]:
            for depth in (0, 1, 2, 3):
                for kw in FILTERS:
                    want = subgraph(whole, focus=focus, depth=depth, **kw)  # type: ignore[arg-type]
                    got = focus_graph(store, focus, depth=depth, **kw)  # type: ignore[arg-type]
                    assert same_graph(got, want), (focus, depth, kw)
        with pytest.raises(InputError, match="^unknown entity 'Nobody'$"):
            focus_graph(store, "Nobody")


COMPANIES = [f"c{i}" for i in range(7)]
EDGE = st.tuples(st.sampled_from(COMPANIES), st.sampled_from(["ACQUIRES", "PARTNERS_WITH"]),
                 st.sampled_from(COMPANIES), st.sampled_from(["2024-03-01", "2025-06-01"]))
DEAL = st.tuples(st.lists(st.sampled_from(COMPANIES), min_size=1, max_size=3),
                 st.sampled_from(["2024-05", "2025-02"]))


@settings(max_examples=60, deadline=None)
@given(edges=st.lists(EDGE, max_size=12), deals=st.lists(DEAL, max_size=3),
       depth=st.integers(0, 3), kw=st.sampled_from(FILTERS))
def test_focus_graph_equals_subgraph_on_random_stores(edges, deals, depth, kw) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(tmp) as store:
        for n, (src, kind, dst, day) in enumerate(edges):
            if src == dst:
                continue
            aid = f"e{n}"
            store.put(Article(id=aid, file=f"{aid}.md", format="markdown", text=aid,
                              published=day), ExtractionResult(article=aid, entities=[
                ent(f"company:{src}", src.upper(), "Company"),
                ent(f"company:{dst}", dst.upper(), "Company")], relations=[Relation(
                    source=f"company:{src}", target=f"company:{dst}", relation=kind,
                    evidence=[ev(aid, f"{src} {kind} {dst}", day)])]))
        for n, (parties, day) in enumerate(deals):
            aid, deal = f"d{n}", f"deal:d{n}"
            props = {"deal_type": "acquisition", "date": day,
                     "parties": [{"id": f"company:{p}", "role": "partner"} for p in parties]}
            store.put(Article(id=aid, file=f"{aid}.md", format="markdown", text=aid),
                      ExtractionResult(article=aid, entities=[ent(deal, f"D{n}", "Deal", **props)],
                                       relations=[Relation(
                                           source="regulator:r", target=deal, relation="REVIEWS",
                                           evidence=[ev(aid, f"r reviews d{n}", day)])]))
        whole = build_graph(store)
        for focus in whole.nodes:
            want = subgraph(whole, focus=focus, depth=depth, **kw)
            assert same_graph(focus_graph(store, focus, depth=depth, **kw), want), focus
