"""Stated acquisitions are Deals (kg/extract/deals.py, rules.py): acquirer and target with their
roles, the amount and date the sentence gives, one id for the same takeover in zh, en and fr;
rumoured, failed, denied and planned takeovers make no Deal. Our own sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.schema import ExtractionResult
from tests.test_extract import article

DEAL_ID = "deal:acquisition-databricks-poolside"

STATED = [
    ("en", "Databricks has acquired Poolside for $1.2 billion in March 2025.", "$1.2 billion"),
    ("fr", "Databricks a racheté Poolside pour 1,2 milliard de dollars en mars 2025.",
     "1,2 milliard de dollars"),
    ("zh", "2025年3月，Databricks以12亿美元收购了Poolside。", "12亿美元"),
]


def _deals(result: ExtractionResult) -> dict[str, dict]:
    return {e.id: e.properties for e in result.entities if e.kind.value == "Deal"}


@pytest.mark.parametrize(("lang", "text", "amount_text"), STATED)
def test_a_stated_acquisition_is_one_deal_with_roles_amount_and_date(
    lang: str, text: str, amount_text: str
) -> None:
    result = extract_article(article(text, lang))
    assert list(_deals(result)) == [DEAL_ID]  # the same id in every language
    props = _deals(result)[DEAL_ID]
    assert props["deal_type"] == "acquisition"
    assert props["parties"] == [
        {"id": "company:databricks", "role": "acquirer"},
        {"id": "company:poolside", "role": "target"},
    ]
    assert (props["amount"], props["currency"], props["amount_text"]) == (
        1.2e9, "USD", amount_text)
    assert props["date"] == "2025-03"
    assert "status" not in props  # no word says where it stands
    # the relation stays
    assert [(r.source, r.relation.value, r.target) for r in result.relations] == [
        ("company:databricks", "ACQUIRES", "company:poolside")]


def test_a_takeover_told_twice_is_one_deal_with_the_first_amount() -> None:
    text = ("Databricks has acquired Poolside. The company paid $1.2 billion to buy Poolside, "
            "Databricks said. Databricks bought Poolside to grow its cloud.")
    deals = _deals(extract_article(article(text, "en")))
    assert list(deals) == [DEAL_ID]


def test_a_reviewed_takeover_and_the_stated_one_are_one_deal() -> None:
    text = ("Databricks has acquired Poolside. "
            "The European Commission is examining the acquisition.")
    result = extract_article(article(text, "en"))
    assert list(_deals(result)) == [DEAL_ID]
    assert _deals(result)[DEAL_ID]["status"] == "under_review"


NOT_DONE = [
    ("en", "Databricks is rumoured to be buying Poolside, people familiar with the matter said."),
    ("en", "Databricks walked away from its planned takeover of Poolside."),
    ("en", "Databricks's acquisition of Poolside collapsed."),
    ("en", "Databricks denied that it had acquired Poolside."),
    ("en", "Databricks is in talks to acquire Poolside."),
    ("fr", "Databricks aurait racheté Poolside, selon des sources."),
    ("fr", "Le rachat de Poolside par Databricks a échoué."),
    ("fr", "Databricks a démenti avoir racheté Poolside."),
    ("fr", "Databricks envisage de racheter Poolside."),
    ("zh", "据传Databricks将收购Poolside。"),
    ("zh", "传闻Databricks已收购Poolside。"),
    ("zh", "Databricks对Poolside的收购告吹。"),
    ("zh", "Databricks收购Poolside一事宣告失败。"),
    ("zh", "Databricks否认收购Poolside。"),
    ("zh", "Databricks拟收购Poolside。"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_DONE)
def test_a_rumoured_failed_denied_or_planned_takeover_makes_no_deal(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert _deals(result) == {}
    # a rumour may stay as a relation, marked; nothing else states a takeover
    assert all(r.properties.get("status") == "rumoured" for r in result.relations
               if r.relation.value == "ACQUIRES")


def test_an_investment_that_is_no_round_stays_a_relation() -> None:
    result = extract_article(article("Databricks has invested $50 million in Poolside.", "en"))
    assert _deals(result) == {}
    assert [(r.source, r.relation.value, r.target) for r in result.relations] == [
        ("company:databricks", "INVESTS_IN", "company:poolside")]


COMPLETED = [
    ("en", "Databricks has agreed to acquire Poolside. The deal was completed in July 2025.",
     "2025-07"),
    ("en", "Databricks completed its acquisition of Poolside in May 2025.", "2025-05"),
    ("fr", "Databricks a racheté Poolside. L’opération a été finalisée en juillet 2025.",
     "2025-07"),
    ("fr", "Databricks a finalisé le rachat de Poolside en juillet 2025.", "2025-07"),
    ("zh", "Databricks收购了Poolside。该交易已于2025年7月完成。", "2025-07"),
    ("zh", "Databricks已完成对Poolside的收购。", None),
]


@pytest.mark.parametrize(("lang", "text", "date"), COMPLETED)
def test_a_takeover_said_done_is_completed_with_that_date(
    lang: str, text: str, date: str | None
) -> None:
    props = _deals(extract_article(article(text, lang)))[DEAL_ID]
    assert (props["status"], props.get("date")) == ("completed", date)


NOT_COMPLETED = [
    ("en", "Databricks has agreed to acquire Poolside. The deal is expected to close in July."),
    ("en", "Databricks has agreed to acquire Poolside. It could be completed by July."),
    ("fr", "Databricks a racheté Poolside. L’opération devrait être finalisée en juillet."),
    ("zh", "Databricks收购了Poolside。交易预计将于2025年7月完成。"),
    # the next sentence completes another takeover
    ("en", "Databricks has agreed to acquire Poolside. Snowflake completed its acquisition of "
           "Kyutai in May."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_COMPLETED)
def test_a_hedged_completion_or_another_deals_leaves_no_status(lang: str, text: str) -> None:
    props = _deals(extract_article(article(text, lang)))[DEAL_ID]
    assert "status" not in props
