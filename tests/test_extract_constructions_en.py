"""Construction coverage for English relations: each way English news commonly states an
investment, acquisition, partnership, regulatory review or role, written in our own words with
household firms, so that a gap is a gap in sentence structure rather than in names. Every
construction has a hard negative with the same firms: a rumour, denial, plan, failed deal,
customer, or past role."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples


def _facts(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "en")))


def _pairs(text: str, *relations: str) -> set[tuple[str, str]]:
    return {(s, t) for s, r, t in _facts(text) if r in relations}


def _funders(text: str) -> set[str]:
    """Investors of Cohere, directly or through a Cohere round."""
    facts = _facts(text)
    return {s for s, r, t in facts if (r == "INVESTS_IN" and t == "Cohere") or r == "FUNDS"}


INVEST = [
    ("Nvidia-backed Cohere released a new model on Tuesday.", {"NVIDIA"}),
    ("Cohere, which is backed by Nvidia, released a new model.", {"NVIDIA"}),
    ("Cohere counts Nvidia and Salesforce among its investors.", {"NVIDIA", "Salesforce"}),
    ("Nvidia, an investor in Cohere, said it was pleased.", {"NVIDIA"}),
    (
        "Cohere's investors, including Nvidia and Salesforce, were not consulted.",
        {"NVIDIA", "Salesforce"},
    ),
    (
        "Cohere raised $500 million in a round that included Nvidia and Salesforce.",
        {"NVIDIA", "Salesforce"},
    ),
    ("Nvidia has poured $2 billion into Cohere since 2021.", {"NVIDIA"}),
    ("Nvidia holds a stake in Cohere.", {"NVIDIA"}),
    ("Nvidia's investment in Cohere drew attention in Ottawa.", {"NVIDIA"}),
    ("Cohere, in which Nvidia has invested, released a model.", {"NVIDIA"}),
    ("Cohere received funding from Nvidia and Salesforce.", {"NVIDIA", "Salesforce"}),
    (
        "Cohere raised $500 million last week. The round drew Nvidia and Salesforce.",
        {"NVIDIA", "Salesforce"},
    ),
    ("Cohere was funded by Nvidia and Salesforce.", {"NVIDIA", "Salesforce"}),
    ("Nvidia and Salesforce are investors in Cohere.", {"NVIDIA", "Salesforce"}),
    ("Nvidia and Salesforce were early investors in Cohere.", {"NVIDIA", "Salesforce"}),
    ("Nvidia, which has backed Cohere, reported earnings.", {"NVIDIA"}),
    ("Nvidia led Cohere's $500 million Series D.", {"NVIDIA"}),
    ("Cohere, an Nvidia-backed startup, released a model.", {"NVIDIA"}),
    ("Cohere's largest shareholder, Nvidia, declined to comment.", {"NVIDIA"}),
    (
        "Cohere's biggest investors, Nvidia and Salesforce, declined to comment.",
        {"NVIDIA", "Salesforce"},
    ),
    ("Cohere has the backing of Nvidia and Salesforce.", {"NVIDIA", "Salesforce"}),
    (
        "Cohere, whose backers include Nvidia and Salesforce, released a model.",
        {"NVIDIA", "Salesforce"},
    ),
]


@pytest.mark.parametrize(("text", "investors"), INVEST)
def test_investment_constructions(text: str, investors: set[str]) -> None:
    assert _funders(text) == investors


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia is rumoured to be investing in Cohere.",
        "Nvidia denied that it had invested in Cohere.",
        "Nvidia plans to invest in Cohere.",
        "Nvidia's talks to invest in Cohere collapsed.",
        "Cohere counts Nvidia among its customers.",
        "Cohere released a model. The launch drew Nvidia and Salesforce to the stage.",
        "Nvidia could invest in Cohere, people familiar with the matter said.",
        "Nvidia has backed away from Cohere.",
        "Nvidia and Salesforce are customers of Cohere.",
        "Nvidia led Cohere's review of its chip designs.",
        "Cohere, whose customers include Nvidia and Salesforce, released a model.",
        "Cohere lost the backing of Nvidia.",
        "Cohere's largest customer, Nvidia, declined to comment.",
        "Cohere, a rival of the Nvidia-backed startup, released a model.",
    ],
)
def test_investment_hard_negatives(text: str) -> None:
    assert _funders(text) == set()


ACQUIRE = [
    ("Figma's acquisition by Adobe closed in March.", ("Adobe", "Figma")),
    ("Microsoft-owned LinkedIn launched a feature for recruiters.", ("Microsoft", "LinkedIn")),
    ("GitHub, now part of Microsoft, launched a feature.", ("Microsoft", "GitHub")),
    ("Nvidia completed its purchase of Run:ai in December.", ("NVIDIA", "Run:ai")),
    ("Salesforce agreed to buy Informatica for $8 billion.", ("Salesforce", "Informatica")),
    ("LinkedIn, which Microsoft bought in 2016, reported earnings.", ("Microsoft", "LinkedIn")),
    ("Microsoft, which acquired LinkedIn in 2016, reported earnings.", ("Microsoft", "LinkedIn")),
]


@pytest.mark.parametrize(("text", "pair"), ACQUIRE)
def test_acquisition_constructions(text: str, pair: tuple[str, str]) -> None:
    assert _pairs(text, "ACQUIRES") == {pair}


@pytest.mark.parametrize(
    "text",
    [
        "Salesforce is said to be in talks to buy Informatica.",
        "Salesforce walked away from its plan to buy Informatica.",
        "Salesforce denied it would buy Informatica.",
        "Salesforce could buy Informatica, analysts said.",
        "Informatica is a customer of Salesforce.",
        "LinkedIn, which Microsoft bought a stake in, reported earnings.",
        "LinkedIn, which Microsoft tried to buy, reported earnings.",
    ],
)
def test_acquisition_hard_negatives(text: str) -> None:
    assert _pairs(text, "ACQUIRES") == set()


PARTNER = [
    "Microsoft teamed up with Mistral AI to sell its models.",
    "A partnership between Microsoft and Mistral AI was announced on Monday.",
    "Microsoft and Mistral AI have partnered to distribute models in Europe.",
    "Microsoft is working with Mistral AI on a new model.",
    "Mistral AI works with Microsoft on model distribution.",
]


@pytest.mark.parametrize("text", PARTNER)
def test_partnership_constructions(text: str) -> None:
    pairs = _pairs(text, "PARTNERS_WITH")
    assert {frozenset(p) for p in pairs} == {frozenset({"Microsoft", "Mistral AI"})}


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft is in talks to partner with Mistral AI.",
        "Microsoft denied it was partnering with Mistral AI.",
        "Mistral AI is a customer of Microsoft.",
        "Microsoft could team up with Mistral AI, people familiar said.",
        "Microsoft said it works with customers such as Mistral AI on a range of products.",
    ],
)
def test_partnership_hard_negatives(text: str) -> None:
    assert _pairs(text, "PARTNERS_WITH") == set()


REVIEW = [
    (
        "Microsoft's deal with Inflection AI is under scrutiny by the FTC.",
        "Federal Trade Commission",
    ),
    ("The CMA is examining Microsoft's stake in Mistral AI.", "Competition and Markets Authority"),
    ("The FTC is probing Microsoft's stake in Mistral AI.", "Federal Trade Commission"),
    (
        "Microsoft's deal with Inflection AI has caught the attention of the CMA.",
        "Competition and Markets Authority",
    ),
]


@pytest.mark.parametrize(("text", "regulator"), REVIEW)
def test_review_constructions(text: str, regulator: str) -> None:
    assert {s for s, r, _ in _facts(text) if r == "REVIEWS"} == {regulator}


@pytest.mark.parametrize(
    "text",
    [
        "The FTC said it would not review Microsoft's stake in Mistral AI.",
        "Microsoft invested in Mistral AI. Regulators are probing the deal.",
        "The CMA chief drew attention to the growth of Microsoft and Mistral AI.",
    ],
)
def test_review_hard_negatives(text: str) -> None:
    assert {s for s, r, _ in _facts(text) if r == "REVIEWS"} == set()


ROLES = [
    ("Nvidia chief executive Jensen Huang spoke on Tuesday.", ("Jensen Huang", "LEADS", "NVIDIA")),
    ("Jensen Huang, who heads Nvidia, spoke on Tuesday.", ("Jensen Huang", "LEADS", "NVIDIA")),
    ("Mira Murati, OpenAI's CTO, spoke on Tuesday.", ("Mira Murati", "WORKS_AT", "OpenAI")),
    ("OpenAI co-founder Ilya Sutskever spoke.", ("Ilya Sutskever", "FOUNDED", "OpenAI")),
    (
        "Mustafa Suleyman left Google DeepMind to join Microsoft.",
        ("Mustafa Suleyman", "WORKS_AT", "Microsoft"),
    ),
    (
        "Jensen Huang met Microsoft chief executive Satya Nadella.",
        ("Satya Nadella", "LEADS", "Microsoft"),
    ),
]


ROLES += [
    (
        "Arthur Mensch, a former Google DeepMind researcher, founded Mistral AI.",
        ("Arthur Mensch", "FOUNDED", "Mistral AI"),
    ),
    (
        "Arthur Mensch, who studied in Paris, founded Mistral AI in 2023.",
        ("Arthur Mensch", "FOUNDED", "Mistral AI"),
    ),
    ("Arthur Mensch, 32, founded Mistral AI.", ("Arthur Mensch", "FOUNDED", "Mistral AI")),
    (
        "Arthur Mensch founded Mistral AI with Guillaume Lample and Timothée Lacroix.",
        ("Timothée Lacroix", "FOUNDED", "Mistral AI"),
    ),
    (
        "Arthur Mensch co-founded Mistral AI in 2023 with Guillaume Lample.",
        ("Guillaume Lample", "FOUNDED", "Mistral AI"),
    ),
]


@pytest.mark.parametrize(("text", "fact"), ROLES)
def test_role_constructions(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


def test_an_apposition_between_a_founder_and_the_verb_moves_no_one_else() -> None:
    facts = _facts("Arthur Mensch, who advised the firm, said Guillaume Lample founded Mistral AI.")
    assert ("Arthur Mensch", "FOUNDED", "Mistral AI") not in facts
    assert ("Guillaume Lample", "FOUNDED", "Mistral AI") in facts


def test_founded_with_help_or_money_is_no_cofounder() -> None:
    facts = _facts("Arthur Mensch founded Mistral AI with the help of Satya Nadella.")
    assert ("Satya Nadella", "FOUNDED", "Mistral AI") not in facts
    assert ("Satya Nadella", "FOUNDED", "Mistral AI") not in _facts(
        "Microsoft founded Mistral AI with Satya Nadella's blessing."
    )


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Mira Murati, who was once OpenAI's CTO, spoke on Tuesday.", "Mira Murati"),
        ("Jensen Huang met Microsoft's customers in Seattle.", "Jensen Huang"),
        ("Satya Nadella denied reports he would join OpenAI.", "Satya Nadella"),
    ],
)
def test_role_hard_negatives(text: str, person: str) -> None:
    current = {(s, r, t) for s, r, t in _facts(text) if s == person and r in ("LEADS", "WORKS_AT")}
    assert current == set()
