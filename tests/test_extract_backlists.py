"""English lists of investors before their verb (kg/extract/backlists.py), names nobody listed
included, with the sentences that must not grow a list."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples


def _investors(text: str, target: str = "Cohere") -> set[str]:
    facts = triples(extract_article(article(text, "en")))
    return {s for s, r, t in facts if (r == "INVESTS_IN" and t == target) or r == "FUNDS"}


def test_unlisted_names_between_known_ones_are_investors() -> None:
    text = (
        "Nvidia, Brightwater Pension Plan, Salesforce, Orrin Kestrel and Google are the other "
        "firms that have invested in Cohere."
    )
    assert _investors(text) == {
        "NVIDIA",
        "Brightwater Pension Plan",
        "Salesforce",
        "Orrin Kestrel",
        "Google",
    }


def test_parentheticals_and_longer_names_stay_inside_their_item() -> None:
    text = (
        "Cohere raised $500 million in a Series D round. Export Bank of Valdoria, Salesforce "
        "(two funds, one fund of funds), and Nvidia are among the investors in the round."
    )
    assert _investors(text) == {"Export Bank of Valdoria", "Salesforce", "NVIDIA"}


def test_a_description_in_front_of_an_item_is_not_an_item() -> None:
    text = "Amazon (AMZN) founder Jeff Bezos and Nvidia have invested $70 million in Cohere."
    assert _investors(text) == {"Jeff Bezos", "NVIDIA"}


@pytest.mark.parametrize(
    "text",
    [
        "Meanwhile, Nvidia and Salesforce have invested in Cohere.",
        "In 2024, Nvidia and Salesforce invested in Cohere.",
        "Analysts said Nvidia and Salesforce have invested in Cohere.",
    ],
)
def test_a_word_opening_the_sentence_is_no_investor(text: str) -> None:
    assert _investors(text) == {"NVIDIA", "Salesforce"}


def test_bare_names_need_two_known_firms_in_the_list() -> None:
    text = "Orrin Kestrel, Harlow Bay and Nvidia have invested in Cohere."
    assert "Orrin Kestrel" not in _investors(text)


def test_a_clause_before_the_list_ends_it() -> None:
    text = "When Harlow Bay sold out, Nvidia, Salesforce and Google invested in Cohere."
    assert _investors(text) == {"NVIDIA", "Salesforce", "Google"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cohere raised $500 million. Investors: Nvidia, Oracle and Salesforce.", 3),
        ("Nvidia, Oracle and Salesforce Ventures have all backed Cohere.", 3),
        ("Nvidia has backed Cohere, as have Oracle and Salesforce.", 3),
        ("Nvidia invested in Cohere, and so did Oracle.", 2),
        (
            "Cohere raised $5 million. Sovereign fund Temasek, Nvidia and Oracle joined the round.",
            3,
        ),
        (
            "Cohere raised $5 million. The round was co-led by Nvidia and Oracle, with Salesforce, "
            "Harbor Crest and Lumio Partners also participating.",
            5,
        ),
    ],
)
def test_more_ways_to_list_investors(text: str, expected: int) -> None:
    assert len(_investors(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia invested in Cohere just as Oracle said it would not.",
        "Nvidia invested in Cohere, as it did in Mistral AI before.",
    ],
)
def test_a_comparison_that_is_no_coordination_adds_no_investor(text: str) -> None:
    assert _investors(text) == {"NVIDIA"}


def test_a_name_inside_an_items_parenthetical_is_not_the_list_end() -> None:
    text = (
        "Cohere raised $5 million in a Series A. Harbor Bay Pension Plan, Salesforce and "
        "Nvidia (Quarry, Plinth) are among the funders in the round."
    )
    assert _investors(text) >= {"Salesforce", "NVIDIA"}


def test_among_the_funders_without_a_round_named_is_a_stake() -> None:
    text = "Cohere sells models. Nvidia, Oracle and Salesforce are among the funders of the firm."
    assert _investors(text) == {"NVIDIA", "Oracle", "Salesforce"}
