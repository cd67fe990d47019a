"""kg.graphdb.rows: the loader's rows, checked by hand without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.graphdb.rows import (
    CREATE_COLUMNS,
    ENTITY_COLUMNS,
    article_rows,
    by_relation,
    create_row,
    evidence_lists,
    flat_row,
    graph_key,
    key_ends,
    plan_relations,
    typed_props,
)
from kg.schema import Article, ArticleFormat, Evidence, Relation, RelationType

A, B = "company:alpha-labs", "company:beta-cloud"
KEY = f"{A}|DEPENDS_ON|{B}"


def ev(article: str, sentence: str, lang: str = "en") -> Evidence:
    return Evidence(article=article, file=f"{article}.md", sentence=sentence, lang=lang)


def dep(*evidence: Evidence, **props: object) -> Relation:
    return Relation(source=A, target=B, relation=RelationType.DEPENDS_ON, properties=props,
                    evidence=list(evidence))


def test_flat_row_lists_columns_then_the_rest() -> None:
    props = {"id": "x", "name": "X", "kind": "Company", "aliases": [], "articles": ["n1"]}
    assert flat_row([], props, ENTITY_COLUMNS) == ["x", "X", "Company", [], ["n1"]]
    assert flat_row(["h"], props | {"founded": 2019}, ENTITY_COLUMNS) == [
        "h", "x", "X", "Company", [], ["n1"], {"founded": 2019}]


def test_create_row_holds_the_same_properties_as_the_map() -> None:
    evidence = evidence_lists([], [ev("n2", "Alpha runs on Beta.")])
    row = create_row(A, B, KEY, {"dependency": "cloud"}, evidence)
    assert row[:3] == [A, B, KEY] and len(row) == len(CREATE_COLUMNS) + 3
    rebuilt = dict(zip(CREATE_COLUMNS, row[2:-1], strict=True)) | row[-1]
    assert rebuilt == {"key": KEY, "dependency": "cloud", "articles": ["n2"],
                       "evidenceArticles": ["n2"], "evidenceSentences": ["Alpha runs on Beta."],
                       "evidenceLangs": ["en"], "evidenceSourceUrls": [""],
                       "evidenceDates": [""], "evidenceCount": 1}
    # a stored property named like one of ours does not override it
    assert create_row(A, B, KEY, {"key": "other"}, evidence)[2] == KEY
    assert len(create_row(A, B, KEY, {"key": "other"}, evidence)) == len(CREATE_COLUMNS) + 2


def test_plan_creates_a_new_relationship() -> None:
    plan = plan_relations([KEY], {KEY: dep(ev("n1", "s1"))}, {}, {"n1"})
    assert [len(plan[a]) for a in ("create", "create_more", "set", "patch", "delete")] == [
        1, 0, 0, 0, 0]
    assert plan["create"][0][:3] == [A, B, KEY]
    with_props = plan_relations([KEY], {KEY: dep(ev("n1", "s1"), dependency="compute")}, {},
                                {"n1"})
    assert with_props["create_more"][0][-1] == {"dependency": "compute"}


def test_plan_restates_the_touched_articles_evidence_and_keeps_the_others() -> None:
    held = {KEY: [["n1", "n2"], ["old one", "old two"], ["en", "fr"], ["", ""],
                  ["2024-01-02", "2024-01-03"]]}
    plan = plan_relations([KEY], {KEY: dep(ev("n2", "new two", "fr"))}, held, {"n2"})
    (source, target, props), = plan["set"]
    assert (source, target) == (A, B)
    assert props["evidenceArticles"] == ["n1", "n2"]
    assert props["evidenceSentences"] == ["old one", "new two"]
    assert props["evidenceDates"] == ["2024-01-02", ""]  # n2's new evidence has no date
    assert props["evidenceCount"] == 2 and props["key"] == KEY


def test_plan_patches_or_deletes_what_the_touched_articles_no_longer_say() -> None:
    held = {KEY: [["n1", "n2"], ["one", "two"], ["en", "en"], ["", "https://x.example/2"],
                  ["2024-05-06", "2024-05-07"]]}
    patch = plan_relations([KEY], {}, held, {"n2"})["patch"]
    assert patch == [[A, B, {"evidenceArticles": ["n1"], "evidenceSentences": ["one"],
                              "evidenceLangs": ["en"], "evidenceSourceUrls": [""],
                              "evidenceDates": ["2024-05-06"], "articles": ["n1"],
                              "evidenceCount": 1}]]
    assert plan_relations([KEY], {}, held, {"n1", "n2"})["delete"] == [[A, B]]
    assert plan_relations([KEY], {}, {}, {"n1"}) == {
        "create": [], "create_more": [], "set": [], "patch": [], "delete": []}


def test_evidence_dates_are_the_published_day_and_a_list_the_graph_lacks_reads_as_blanks(
        ) -> None:
    """evidenceDates holds each evidence's article day ("" when unknown); a graph written
    before the list existed (or with a list cut short) loses no evidence on a patch."""
    dated = Evidence(article="n3", file="n3.md", sentence="s3", lang="zh",
                     published="2025-09-09T07:00:00+00:00", source_url="https://x.example/3")
    lists = evidence_lists([], [dated, ev("n1", "s1")])
    assert lists["evidenceArticles"] == ["n1", "n3"]
    assert lists["evidenceDates"] == ["", "2025-09-09"]
    assert lists["evidenceSourceUrls"] == ["", "https://x.example/3"]
    for dates in (None, ["2024-01-01"]):
        held = {KEY: [["n1", "n2"], ["one", "two"], ["en", "en"], ["", ""], dates]}
        (_, _, props), = plan_relations([KEY], {}, held, {"n2"})["patch"]
        assert props["evidenceSentences"] == ["one"] and props["evidenceDates"] == [""]


def test_keys_group_by_type_and_bad_keys_are_skipped() -> None:
    other = f"{B}|COMPETES_WITH|{A}"
    assert by_relation([KEY, other, "not-a-key"]) == [("COMPETES_WITH", [other]),
                                                      ("DEPENDS_ON", [KEY])]
    assert key_ends(KEY) == (A, B)
    with pytest.raises(ValueError):
        by_relation([f"{A}|DROP_ALL|{B}"])  # only schema types reach the Cypher text


def test_dates_become_dates_with_their_precision() -> None:
    assert typed_props({"date": "2024-06", "amount": 5.0, "note": None}) == {
        "date": dt.date(2024, 6, 1), "datePrecision": "month", "amount": 5.0}
    assert typed_props({"date": "early 2024"}) == {"date": "early 2024"}
    assert typed_props({"parties": [{"id": A}]}) == {"partiesJson": f'[{{"id": "{A}"}}]'}


def test_article_rows_list_supported_keys_and_mentions() -> None:
    art = Article(id="n1", file="n1.md", format=ArticleFormat.MARKDOWN, title="Alpha and Beta",
                  text="Alpha runs on Beta.", lang="en", langs=["en"], published="2025-02-03")
    rows = article_rows({"n1": art}, [dep(ev("n1", "Alpha runs on Beta."))],
                        {A: ["n1"], B: ["n1", "n9"]})
    assert len(rows) == 1
    row = rows[0]
    assert row["relations"] == [KEY] and row["entities"] == [A, B]
    assert row["name"] == "Alpha and Beta" and row["published"] == dt.date(2025, 2, 3)


def test_graph_keys_are_camel_case() -> None:
    assert [graph_key(k) for k in ("deal_type", "amount_text", "source_url", "amount",
                                   "evidence_source_urls", "round")] == [
        "dealType", "amountText", "sourceUrl", "amount", "evidenceSourceUrls", "round"]
    assert typed_props({"deal_type": "acquisition", "amount_text": "$5m",
                        "since": "2024", "lead_investors": [{"id": A}]}) == {
        "dealType": "acquisition", "amountText": "$5m", "since": dt.date(2024, 1, 1),
        "sincePrecision": "year", "leadInvestorsJson": f'[{{"id": "{A}"}}]'}
